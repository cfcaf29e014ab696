//! GitLab Code Quality: one JSON array of issues for all files, which GitLab shows in merge
//! requests. Each issue's fingerprint is that of [`crate::check::fingerprint`], stable when
//! unrelated lines move.

use serde::{Deserialize, Serialize};

use crate::check::FileReport;
use crate::check::fingerprint::{fingerprints, normalized};
use crate::diagnostic::Severity;

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

/// The first line of an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lines {
    /// 1-based.
    pub begin: u32,
}

/// The issues of every report.
pub fn issues(reports: &[FileReport]) -> Vec<Issue> {
    let mut out = Vec::new();
    for report in reports {
        let path = normalized(&report.file).to_owned();
        for (fingerprint, d) in fingerprints(report).into_iter().zip(&report.diagnostics) {
            let description = if d.location.path.is_empty() {
                d.message.clone()
            } else {
                format!("{} (at {})", d.message, d.location.path)
            };
            out.push(Issue {
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
                    path: path.clone(),
                    lines: Lines {
                        begin: d.location.line.max(1),
                    },
                },
            });
        }
    }
    out
}

/// The Code Quality report of every file, as JSON.
pub fn document(reports: &[FileReport]) -> String {
    let mut text = serde_json::to_string_pretty(&issues(reports)).unwrap_or_default();
    text.push('\n');
    text
}
