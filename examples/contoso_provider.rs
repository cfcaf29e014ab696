//! An OSC provider for an in-memory network, "Contoso Social", checked by the simulated
//! host: every call of the calling sequences its capabilities select, every answer
//! validated.
//!
//! ```text
//! cargo run --example contoso_provider [forms|basic|cached]
//! cargo run --example contoso_provider --features com -- [forms|basic|cached] --com
//! ```
//!
//! The argument picks how the provider asks the OSC to log on: through a logon page
//! (`LogonWeb`, the default), with user name and password (`Logon`), or with cached
//! credentials (`LogonCached`). With `--com` (and the `com` feature) the host calls the
//! provider through its COM interfaces, as Outlook would, instead of through the traits.
//! Prints one line per step and the findings, and exits with 0 when every step passed,
//! 1 otherwise. `tests/host.rs` uses the same provider, and breaks it one contract at a
//! time.

#[path = "contoso_provider/network.rs"]
mod network;
#[path = "contoso_provider/provider.rs"]
mod provider;

use std::process::ExitCode;

use osc_schema::provider::host::{self, report};

use provider::{ContosoProvider, LogonKind, host_options};

fn main() -> ExitCode {
    let mut logon = LogonKind::Forms;
    let mut through_com = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "forms" => logon = LogonKind::Forms,
            "basic" => logon = LogonKind::Basic,
            "cached" => logon = LogonKind::Cached,
            "--com" => through_com = true,
            other => {
                eprintln!("unknown argument `{other}`; expected forms, basic, cached or --com");
                return ExitCode::from(2);
            }
        }
    }
    let provider = ContosoProvider::new(logon);
    let run = if through_com {
        match run_through_com(provider) {
            Some(run) => run,
            None => {
                eprintln!("--com needs the `com` feature: add `--features com` to cargo run");
                return ExitCode::from(2);
            }
        }
    } else {
        host::run(&provider, &host_options())
    };
    print!("{}", report::text(&run, false));
    if run.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The provider as a COM object, driven through its vtables by the COM client.
#[cfg(feature = "com")]
fn run_through_com(provider: ContosoProvider) -> Option<host::ConformanceReport> {
    let through_com = osc_schema::com::through_com(std::sync::Arc::new(provider));
    Some(host::run(&through_com, &host_options()))
}

#[cfg(not(feature = "com"))]
fn run_through_com(_: ContosoProvider) -> Option<host::ConformanceReport> {
    None
}
