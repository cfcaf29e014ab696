//! GitLab Code Quality: one JSON array of issues for all files, which GitLab shows in merge
//! requests. Each issue's fingerprint is that of [`crate::check::fingerprint`], stable when
//! unrelated lines move.

use serde::{Deserialize, Serialize};

use crate::Report;
use crate::check::fingerprint::{fingerprint, fingerprints, normalized};
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::error::TextPos;

/// One Code Quality issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The finding's message (with its element path).
    pub description: String,
    /// The code or rule, such as `OSC012` or `xsd::unexpected-element`.
    pub check_name: String,
    /// Stable identity of the finding.
    pub fingerprint: String,
    /// `info`, `minor`, `major`, `critical` or `blocker`.
    pub severity: String,
    /// Where it is.
    pub location: IssueLocation,
}

/// Where an issue is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueLocation {
    /// The file, relative to the repository root as given on the command line.
    pub path: String,
    /// The lines it covers.
    pub lines: Lines,
}

/// The lines of an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lines {
    /// The first line, 1-based.
    pub begin: u32,
    /// The last line, when the document was read for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
}

/// The code of the issue that stands for the findings of a file the per-file cap dropped;
/// catalogued with the other codes.
use crate::catalog::MORE_FINDINGS;

/// The issues of one report: one per finding, and one more (`info`, [`MORE_FINDINGS`]) saying
/// how many findings the per-file cap dropped, if it dropped any.
pub fn file_issues(report: &Report) -> Vec<Issue> {
    let path = normalized(&report.file).to_owned();
    let mut out = Vec::new();
    for (fingerprint, d) in fingerprints(report).into_iter().zip(&report.diagnostics) {
        out.push(issue(&path, fingerprint, d));
    }
    if report.truncated > 0 {
        // Not a finding of the document, but said as one, since an issue is all the format
        // has; its fingerprint is made as every other's, from what it is.
        let more = Diagnostic::new(
            Code::Rule(MORE_FINDINGS),
            Severity::Info,
            format!("{} more findings not shown", report.truncated),
            Location::default(),
        );
        out.push(issue(&path, fingerprint(&report.file, &more), &more));
    }
    out
}

fn issue(path: &str, fingerprint: String, d: &Diagnostic) -> Issue {
    let description = if d.location.path.is_empty() {
        d.message.clone()
    } else {
        format!("{} (at {})", d.message, d.location.path)
    };
    Issue {
        description,
        check_name: d.code.to_string(),
        fingerprint,
        severity: match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
            Severity::Info => "info",
        }
        .to_owned(),
        location: IssueLocation {
            path: path.to_owned(),
            lines: Lines {
                begin: d.location.line.max(1),
                end: d
                    .location
                    .end
                    .map(|end| end_line(d.location.line.max(1), end)),
            },
        },
    }
}

/// The last line a span covers, from the position just past it: a span that ends with a line
/// break ends on the line before, and never before it begins.
fn end_line(begin: u32, end: TextPos) -> u32 {
    let last = if end.column == 1 {
        end.line.saturating_sub(1)
    } else {
        end.line
    };
    last.max(begin)
}

/// The report written as the run goes, so that memory does not grow with the files:
/// [`DocumentWriter::start`], [`DocumentWriter::file`] for each report as it comes, then
/// [`DocumentWriter::end`]. The text is the one [`serde_json::to_string_pretty`] gives the
/// whole array.
#[derive(Debug, Default)]
pub struct DocumentWriter {
    /// Issues written so far.
    issues: usize,
}

impl DocumentWriter {
    /// The opening of the array.
    pub fn start(&self) -> &'static str {
        "["
    }

    /// The issues of one report, each after a separator.
    pub fn file(&mut self, report: &Report) -> String {
        let mut out = String::new();
        for issue in file_issues(report) {
            out.push_str(if self.issues == 0 { "\n  " } else { ",\n  " });
            let text = serde_json::to_string_pretty(&issue).unwrap_or_default();
            // Strings in JSON hold no raw line breaks: every one is the layout's.
            out.push_str(&text.replace('\n', "\n  "));
            self.issues += 1;
        }
        out
    }

    /// The end of the array, newline included.
    pub fn end(&self) -> &'static str {
        if self.issues == 0 { "]\n" } else { "\n]\n" }
    }
}
