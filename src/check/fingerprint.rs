//! Fingerprints of findings that survive edits elsewhere in a file: they hash what the
//! finding is (rule, file, element path, message), not where its line happens to be, so a
//! baseline or a CI dashboard keeps recognising a finding when lines move above it.

use md5::{Digest, Md5};

use crate::check::FileReport;
use crate::diagnostic::Diagnostic;

/// The fingerprint of a finding in `file`: 32 hexadecimal digits. Findings that are the
/// same in all four parts share a fingerprint; [`fingerprints`] tells them apart by order.
pub fn fingerprint(file: &str, d: &Diagnostic) -> String {
    let mut hash = Md5::new();
    // Each part ends with a NUL, which none of them can contain, so no two different
    // splits hash the same bytes.
    for part in [
        d.code.as_str(),
        normalized(file),
        d.location.path.as_str(),
        d.message.as_str(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprints of a report's findings, in order. The second and later of identical
/// findings get `-2`, `-3`… so that every finding of a file has its own.
pub fn fingerprints(report: &FileReport) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let base = fingerprint(&report.file, d);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            match *n {
                1 => base,
                n => format!("{base}-{n}"),
            }
        })
        .collect()
}

/// A file name as reports for CI systems write it: without leading `./`.
pub fn normalized(file: &str) -> &str {
    let mut rest = file;
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Severity};

    fn finding(code: &'static str, path: &str, line: u32) -> Diagnostic {
        Diagnostic::new(
            crate::Code::Rule(code),
            Severity::Error,
            "a message",
            Location {
                end: None,
                path: path.into(),
                span: 0..0,
                line,
                column: 1,
            },
        )
    }

    #[test]
    fn lines_do_not_count_and_everything_else_does() {
        let a = fingerprint("a.xml", &finding("OSC012", "/capabilities", 3));
        assert_eq!(
            a,
            fingerprint("a.xml", &finding("OSC012", "/capabilities", 30))
        );
        assert_eq!(
            a,
            fingerprint("./a.xml", &finding("OSC012", "/capabilities", 3))
        );
        assert_ne!(
            a,
            fingerprint("b.xml", &finding("OSC012", "/capabilities", 3))
        );
        assert_ne!(
            a,
            fingerprint("a.xml", &finding("OSC013", "/capabilities", 3))
        );
        assert_ne!(a, fingerprint("a.xml", &finding("OSC012", "/person", 3)));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn identical_findings_are_numbered() {
        let report = FileReport {
            diagnostics: vec![finding("OSC012", "/c", 1), finding("OSC012", "/c", 2)],
            ..FileReport::unreadable("a.xml", "")
        };
        let prints = fingerprints(&report);
        assert_eq!(prints[1], format!("{}-2", prints[0]));
    }
}
