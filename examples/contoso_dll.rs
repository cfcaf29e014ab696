//! The Contoso example provider as a provider DLL: an in-process COM server that Outlook,
//! `regsvr32` and `oscx host --dll` load.
//!
//! ```text
//! cargo build --release --example contoso_dll --features com --target x86_64-pc-windows-gnu
//! # → target/x86_64-pc-windows-gnu/release/examples/contoso_dll.dll
//! regsvr32 contoso_dll.dll                   (for the current user)
//! regsvr32 /n /i:machine contoso_dll.dll     (for every user; needs elevation)
//! ```
//!
//! It exports `DllGetClassObject` and `DllCanUnloadNow`, and on Windows `DllRegisterServer`,
//! `DllUnregisterServer` and `DllInstall`, for the class ID and ProgID below. The provider
//! logs on through a logon page (`LogonWeb`), as `cargo run --example contoso_provider`
//! does by default, so the two runs of the host report the same steps.
//!
//! Built with `CONTOSO_DLL_BREAK=wrong-root` in the environment, its `GetCapabilities`
//! answers a `friends` document instead of `capabilities`: a broken provider, for checking
//! that a host run on the DLL fails that step and no other.
//!
//! A provider of your own keeps this shape: its own class ID (make a new GUID, never reuse
//! this one), its own ProgID, and a function that makes the provider each time COM asks for
//! one. `scripts/test-wine.sh` builds, registers and drives this one under Wine.

#[path = "contoso_provider/network.rs"]
#[allow(dead_code)]
mod network;
#[path = "contoso_provider/provider.rs"]
#[allow(dead_code)]
mod provider;

use osc_schema::provider::{
    Answer, CapabilitiesAnswer, Guid, OscResult, SocialProvider, SocialSession,
};

use provider::{ContosoProvider, LogonKind};

/// The provider's class ID.
pub const CLSID: Guid = Guid::from_u128(0x8f4e_2b6a_1c3d_4e5f_a607_b8c9_d0e1_f203);

/// The provider's ProgID, the name the `SocialProviders` key lists.
pub const PROG_ID: &str = "Contoso.SocialProvider";

/// Whether the build asked for the broken provider: `CONTOSO_DLL_BREAK=wrong-root`. Any
/// other value fails the build, rather than building a DLL that is not what was asked for.
const WRONG_ROOT: bool = match option_env!("CONTOSO_DLL_BREAK") {
    None => false,
    Some(value) if value.is_empty() => false,
    Some(value) => {
        assert!(
            same(value, "wrong-root"),
            "CONTOSO_DLL_BREAK is `wrong-root` or unset"
        );
        true
    }
};

/// `a == b`, in a constant.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

osc_schema::export_provider!(CLSID, PROG_ID, make);

/// The provider COM makes for each `CoCreateInstance`.
fn make() -> ContosoDll {
    ContosoDll {
        good: ContosoProvider::new(LogonKind::Forms),
        wrong_root: WRONG_ROOT,
    }
}

/// The Contoso provider, with `GetCapabilities` broken when the build asked for it.
struct ContosoDll {
    good: ContosoProvider,
    wrong_root: bool,
}

impl SocialProvider for ContosoDll {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        if self.wrong_root {
            return Ok(Answer::Raw(
                r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"/>"#
                    .to_owned(),
            ));
        }
        self.good.capabilities()
    }
    fn version(&self) -> OscResult<String> {
        self.good.version()
    }
    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        self.good.session()
    }
    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        self.good.auto_configured_session()
    }
    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        self.good.default_site_urls()
    }
    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        self.good.social_network_icon()
    }
    fn social_network_name(&self) -> OscResult<String> {
        self.good.social_network_name()
    }
    fn social_network_guid(&self) -> OscResult<Guid> {
        self.good.social_network_guid()
    }
    fn status_settings(&self) -> OscResult<(String, i32)> {
        self.good.status_settings()
    }
    fn load(&self, interface_version: &str, language_tag: &str) -> OscResult<()> {
        self.good.load(interface_version, language_tag)
    }
}
