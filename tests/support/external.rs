//! What tests need from outside the crate — xmllint, Python `xmlschema`, Microsoft's original
//! XSD files, Chromium — and the one rule for when it is missing: outside CI the test skips
//! and says so on standard error; in CI it fails with the reason, because `.ci/run` installs
//! every one of them and a test that skips there would rot unnoticed.
//!
//! "In CI" means the `CI` variable holds a true value ([`ci_value_is_true`]);
//! `scripts/lib/external.sh` says the same for the scripts, and a test holds the two
//! definitions to each other.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether a value of the `CI` variable means "in CI": anything but unset, empty, `0`,
/// `false`, `no` or `off` (any case). CI services set `CI=true`; `CI=1` is common too.
pub fn ci_value_is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "no" | "off"
        )
    })
}

/// Whether this run is in CI.
pub fn in_ci() -> bool {
    ci_value_is_true(std::env::var("CI").ok().as_deref())
}

/// `found`, or — when it is missing — a skip outside CI (said on stderr, naming the test) and
/// a failure in CI. `missing` says what is missing and how to get it.
pub fn need<T>(found: Option<T>, missing: impl FnOnce() -> String) -> Option<T> {
    if found.is_some() {
        return found;
    }
    let reason = missing();
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    assert!(
        !in_ci(),
        "{test}: {reason}; CI must provide it (.ci/run installs it)"
    );
    // Written to the process's stderr itself, past the test harness's capture of `eprintln!`,
    // so that a passing run still shows what it did not check.
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {reason}");
    None
}

/// `xmllint --version`'s first line, if xmllint can be run.
pub fn xmllint() -> Option<String> {
    let found = Command::new("xmllint")
        .arg("--version")
        .output()
        .ok()
        .map(|out| {
            let text = String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout);
            text.lines()
                .next()
                .unwrap_or("xmllint (version unknown)")
                .to_owned()
        });
    need(found, || {
        "xmllint is not installed (apt-get install libxml2-utils)".to_owned()
    })
}

/// Whether Python's `xmlschema` package can be imported by `python3`.
pub fn xmlschema() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import xmlschema"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    need(found.then_some(()), || {
        "Python xmlschema is not installed (python3 -m pip install xmlschema)".to_owned()
    })
    .is_some()
}

/// The directory of Microsoft's original XSD files: `OSC_REFERENCE_XSD` when set, else
/// `../shared/reference/xsd` beside the repository. Not checked for existence.
pub fn reference_xsd_dir() -> PathBuf {
    std::env::var_os("OSC_REFERENCE_XSD")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/xsd"))
}

/// The original XSD files named, in the reference directory, if every one of them is there.
pub fn reference_xsds<const N: usize>(names: [&str; N]) -> Option<[PathBuf; N]> {
    let dir = reference_xsd_dir();
    let paths = names.map(|name| dir.join(name));
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    let found = missing.is_empty().then_some(paths);
    need(found, || {
        format!(
            "the original schemas are missing: {} (set OSC_REFERENCE_XSD to their directory)",
            missing.join(", ")
        )
    })
}

/// The browser named by `CHROMIUM` (a machine whose Chromium lives elsewhere, or that has
/// Chrome), else `/usr/bin/chromium`, else `chromium` on the `PATH`.
pub fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CHROMIUM")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            let fixed = Path::new("/usr/bin/chromium");
            fixed.is_file().then(|| fixed.to_owned())
        })
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join("chromium"))
                .find(|p| p.is_file())
        });
    need(found, || {
        "Chromium is not installed (apt-get install chromium, or set CHROMIUM)".to_owned()
    })
}
