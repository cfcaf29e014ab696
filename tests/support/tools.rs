//! External tools the comparison tests run.

use std::process::Command;

/// Whether `xmllint` can be run. Under CI (`CI` set) it must be, since `.ci/run` installs
/// it; elsewhere a missing xmllint makes the calling test skip, saying so.
pub fn xmllint_available() -> bool {
    if Command::new("xmllint").arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var("CI").is_err(),
        "xmllint is required under CI (.ci/run installs it)"
    );
    eprintln!("skipped: xmllint is not installed");
    false
}
