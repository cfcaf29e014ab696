//! JUnit XML: one test suite for the run, one test case per file, so test dashboards show
//! each payload as a passed or failed test.
//!
//! A file fails when it has a finding at or above the run's threshold; the failure's text
//! lists every finding as `line:column code severity: message (path)`. A file that could
//! not be read is an `<error>`. Findings below the threshold go to `<system-out>`.

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};

/// The document for a run over `reports`, failing files at `threshold`.
pub fn document(reports: &[Report], threshold: Severity) -> String {
    let mut counts = Counts::default();
    let mut cases = String::new();
    for report in reports {
        counts.add(report, threshold);
        cases.push_str(&test_case(report, threshold));
    }
    format!("{}{cases}{}", counts.head(), Counts::TAIL)
}

/// The counts the suite's opening tag carries, known once every file is checked. A run
/// that writes the document as it goes keeps the test cases aside ([`test_case()`]) and
/// writes [`Counts::head`], them, then [`Counts::TAIL`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Files.
    pub tests: usize,
    /// Files read, with a finding at or above the threshold.
    pub failures: usize,
    /// Files that could not be read.
    pub errors: usize,
}

impl Counts {
    /// The end of the document, after the last test case.
    pub const TAIL: &'static str = "  </testsuite>\n</testsuites>\n";

    /// Counts one file.
    pub(crate) fn add(&mut self, report: &Report, threshold: Severity) {
        self.tests += 1;
        if report.unreadable.is_some() {
            self.errors += 1;
        } else if report.fails(threshold) {
            self.failures += 1;
        }
    }

    /// The document up to the first test case.
    pub(crate) fn head(&self) -> String {
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.tests, self.failures, self.errors
        );
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"oscx\" {counts}>\n  <testsuite name=\"oscx validate\" {counts} skipped=\"0\">\n"
        )
    }
}

/// The test case of one file, failing at `threshold`.
pub(crate) fn test_case(report: &Report, threshold: Severity) -> String {
    let mut out = String::new();
    let name = escape(&report.file);
    let open = format!("    <testcase classname=\"oscx.validate\" name=\"{name}\" file=\"{name}\"");
    if let Some(reason) = &report.unreadable {
        out.push_str(&format!(
            "{open}>\n      <error message=\"{}\" type=\"unreadable\"/>\n    </testcase>\n",
            escape(reason)
        ));
        return out;
    }
    if report.diagnostics.is_empty() && report.truncated == 0 {
        out.push_str(&format!("{open}/>\n"));
        return out;
    }
    out.push_str(&format!("{open}>\n"));
    let (failing, other): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|d| d.severity >= threshold);
    let fails = report.fails(threshold);
    if fails {
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
            lines(&failing, report.truncated)
        ));
    }
    // The dropped findings are counted where the failure lists the findings, else here.
    let dropped = if fails { 0 } else { report.truncated };
    if !other.is_empty() || dropped > 0 {
        out.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            lines(&other, dropped)
        ));
    }
    out.push_str("    </testcase>\n");
    out
}

/// The findings one per line, escaped: the line breaks between them are the only ones
/// written as such, so no line of the document starts with text of the input.
fn lines(diagnostics: &[&Diagnostic], truncated: usize) -> String {
    let mut text = String::new();
    for d in diagnostics {
        let mut line = format!(
            "{}:{} {} {}: {}",
            d.location.line, d.location.column, d.code, d.severity, d.message
        );
        if !d.location.path.is_empty() {
            line.push_str(&format!(" ({})", d.location.path));
        }
        text.push_str(&escape(&line));
        text.push('\n');
    }
    if truncated > 0 {
        text.push_str(&format!("{truncated} more findings not shown\n"));
    }
    text
}

/// Escapes text for both attribute values and content. Line breaks are written as
/// character references, so that a value or file name from the input cannot start a line
/// of the report (a CI runner reads lines starting with `::` as commands) and attribute
/// values keep them. Characters XML 1.0 cannot carry at all (most C0 controls) are
/// replaced, since a message may quote them from bad input.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push(c),
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

    fn report(file: &str, severities: &[Severity]) -> Report {
        Report {
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
            ..Report::default()
        }
    }

    #[test]
    fn one_case_per_file_and_it_parses() {
        let reports = [
            report("ok.xml", &[]),
            report("bad&.xml", &[Severity::Error]),
            report("warn.xml", &[Severity::Warning]),
            Report::unreadable("gone.xml", "no such file"),
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
