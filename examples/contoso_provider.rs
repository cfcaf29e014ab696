//! An OSC provider for an in-memory network, "Contoso Social", checked by the simulated
//! host: every call of the calling sequences its capabilities select, every answer
//! validated.
//!
//! ```text
//! cargo run --example contoso_provider [forms|basic|cached]
//! ```
//!
//! The argument picks how the provider asks the OSC to log on: through a logon page
//! (`LogonWeb`, the default), with user name and password (`Logon`), or with cached
//! credentials (`LogonCached`). Prints one line per step and the findings, and exits with 0 when every step passed,
//! 1 otherwise. `tests/host.rs` uses the same provider, and breaks it one contract at a
//! time.

#[path = "contoso_provider/network.rs"]
mod network;
#[path = "contoso_provider/provider.rs"]
mod provider;

use std::process::ExitCode;

use osc_schema::Severity;
use osc_schema::provider::host::{self, report};

use provider::{ContosoProvider, LogonKind, host_options};

fn main() -> ExitCode {
    let logon = match std::env::args().nth(1).as_deref() {
        None | Some("forms") => LogonKind::Forms,
        Some("basic") => LogonKind::Basic,
        Some("cached") => LogonKind::Cached,
        Some(other) => {
            eprintln!("unknown logon kind `{other}`; expected forms, basic or cached");
            return ExitCode::from(2);
        }
    };
    let provider = ContosoProvider::new(logon);
    let run = host::run(&provider, &host_options());
    print!("{}", report::table(&run));
    let findings = report::findings(&run, Severity::Warning, false);
    if !findings.is_empty() {
        print!("\n{findings}");
    }
    if run.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
