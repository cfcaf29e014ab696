//! JUnit XML: one test suite for the run, one test case per file, so test dashboards show
//! each payload as a passed or failed test.
//!
//! A file fails when it has a finding at or above the run's threshold; the failure's text
//! lists every finding as `line:column code severity: message (path)`. A file that could
//! not be read is an `<error>`. Findings below the threshold go to `<system-out>`.

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// The document for a run over `reports`, failing files at `threshold`.
pub fn document(reports: &[FileReport], threshold: Severity) -> String {
    let failures = reports
        .iter()
        .filter(|r| r.unreadable.is_none() && r.fails(threshold))
        .count();
    let errors = reports.iter().filter(|r| r.unreadable.is_some()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\"",
        reports.len()
    );
    out.push_str(&format!("<testsuites name=\"oscx\" {counts}>\n"));
    out.push_str(&format!(
        "  <testsuite name=\"oscx validate\" {counts} skipped=\"0\">\n"
    ));
    for report in reports {
        test_case(&mut out, report, threshold);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn test_case(out: &mut String, report: &FileReport, threshold: Severity) {
    let name = escape(&report.file);
    let open = format!("    <testcase classname=\"oscx.validate\" name=\"{name}\" file=\"{name}\"");
    if let Some(reason) = &report.unreadable {
        out.push_str(&format!(
            "{open}>\n      <error message=\"{}\" type=\"unreadable\"/>\n    </testcase>\n",
            escape(reason)
        ));
        return;
    }
    if report.diagnostics.is_empty() && report.truncated == 0 {
        out.push_str(&format!("{open}/>\n"));
        return;
    }
    out.push_str(&format!("{open}>\n"));
    let (failing, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|d| d.severity >= threshold);
    if report.fails(threshold) {
        let first = failing.first().map_or("", |d| d.code.as_str());
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let message = format!(
            "{}, {}",
            plural(report.count(Severity::Error), "error"),
            plural(report.count(Severity::Warning), "warning")
        );
        out.push_str(&format!(
            "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
            escape(&message),
            escape(first),
            escape(&lines(&failing, report.truncated))
        ));
    }
    if !other.is_empty() {
        out.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            escape(&lines(&other, 0))
        ));
    }
    out.push_str("    </testcase>\n");
}

fn lines(diagnostics: &[&Diagnostic], truncated: usize) -> String {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&format!(
            "{}:{} {} {}: {}",
            d.location.line, d.location.column, d.code, d.severity, d.message
        ));
        if !d.location.path.is_empty() {
            text.push_str(&format!(" ({})", d.location.path));
        }
        text.push('\n');
    }
    if truncated > 0 {
        text.push_str(&format!("{truncated} more findings not shown\n"));
    }
    text
}

/// Escapes text for both attribute values and content. Characters XML 1.0 cannot carry at
/// all (most C0 controls) are replaced, since a message may quote them from bad input.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn report(file: &str, severities: &[Severity]) -> FileReport {
        FileReport {
            file: file.into(),
            root: Some("person".into()),
            target: None,
            diagnostics: severities
                .iter()
                .map(|&s| {
                    Diagnostic::new(
                        crate::Code::Rule("OSC012"),
                        s,
                        "bad <value> & \u{1} more",
                        Location::default(),
                    )
                })
                .collect(),
            truncated: 0,
            truncated_errors: 0,
            unreadable: None,
        }
    }

    #[test]
    fn one_case_per_file_and_it_parses() {
        let reports = [
            report("ok.xml", &[]),
            report("bad&.xml", &[Severity::Error]),
            report("warn.xml", &[Severity::Warning]),
            FileReport::unreadable("gone.xml", "no such file"),
        ];
        let xml = document(&reports, Severity::Error);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let cases: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), 4);
        assert_eq!(cases[1].attribute("name"), Some("bad&.xml"));
        assert!(cases[1].children().any(|n| n.has_tag_name("failure")));
        assert!(!cases[2].children().any(|n| n.has_tag_name("failure")));
        assert!(cases[3].children().any(|n| n.has_tag_name("error")));
        let suite = doc
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .expect("suite");
        assert_eq!(suite.attribute("failures"), Some("1"));
        assert_eq!(suite.attribute("errors"), Some("1"));
        // A lower threshold fails the file with only a warning.
        let strict = document(&reports, Severity::Warning);
        assert!(strict.contains("failures=\"2\""), "{strict}");
    }
}
