//! The GitLab Code Quality issues `oscx validate --format gitlab` writes, read back as a
//! consumer of the format reads them: only the members GitLab uses.

use serde::Deserialize;

/// One Code Quality issue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Issue {
    /// The finding's message.
    pub description: String,
    /// The code or rule.
    pub check_name: String,
    /// Stable identity of the finding.
    pub fingerprint: String,
    /// `info`, `minor`, `major`, `critical` or `blocker`.
    pub severity: String,
    /// Where it is.
    pub location: IssueLocation,
}

/// Where an issue is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IssueLocation {
    /// The file.
    pub path: String,
    /// The lines it covers.
    pub lines: Lines,
}

/// The lines of an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Lines {
    /// The first line, 1-based.
    pub begin: u32,
    /// The last line, when there is one.
    pub end: Option<u32>,
}
