//! The Contoso provider as an in-process COM server: a template for a provider DLL that
//! Outlook loads.
//!
//! ```text
//! cargo build --example contoso_dll --features com --target x86_64-pc-windows-gnu
//! regsvr32 contoso_dll.dll                   (for the current user)
//! regsvr32 /n /i:machine contoso_dll.dll     (for every user; needs elevation)
//! ```
//!
//! The DLL lands in `target/x86_64-pc-windows-gnu/debug/examples/`. `export_provider!`
//! gives it the entry points COM and `regsvr32` call; registration lists the ProgID below
//! the OSC's `SocialProviders` key, which is how Outlook finds it. `scripts/test-wine.sh`
//! builds, registers and drives it under Wine.
//!
//! A provider of your own keeps this shape: its own class ID (make a new GUID, never reuse
//! this one), its own ProgID, and a closure that makes the provider each time COM asks for one.

#[path = "contoso_provider/network.rs"]
mod network;
// The DLL needs only the provider; the host options beside it serve the in-process example.
#[allow(dead_code)]
#[path = "contoso_provider/provider.rs"]
mod provider;

use osc_schema::provider::Guid;

use provider::{ContosoProvider, LogonKind};

/// The class ID of the Contoso provider.
const CLSID: Guid = Guid::from_u128(0x8f4e_2b6a_1c3d_4e5f_a607_b8c9_d0e1_f203);

osc_schema::export_provider!(CLSID, "Contoso.SocialProvider", || ContosoProvider::new(
    LogonKind::Forms
));
