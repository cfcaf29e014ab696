//! Findings about a document's content: what validation and lint rules report.
//!
//! A [`Diagnostic`] never stops reading; they are collected into a [`Report`].

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::error::TextPos;

mod code;
pub(crate) mod identities;
mod report;

pub use code::Code;
pub(crate) use code::ENGINE;
pub use identities::Identities;
pub use report::Report;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Probably wrong, or works only by accident.
    Warning,
    /// The OSC rejects the document or misbehaves with it.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where in a document a finding points.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    /// Element path such as `/friends/person[3]/gender` (1-based index among same-named siblings).
    pub path: String,
    /// Byte range in the decoded (UTF-8) document text.
    pub span: Range<usize>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Where the span ends: the line and column just past its last character. Read from the
    /// document's text for the reports that show it
    /// ([`crate::check::span_ends`]); `None` until then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<TextPos>,
}

/// One finding: a code, a severity, a message, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable identifier such as `xsd::unexpected-element` or `OSC012`.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What was expected and what was found.
    pub message: String,
    /// Where it is.
    pub location: Location,
    /// A hint on how to fix it, when there is one.
    pub help: Option<String>,
    /// Whether `oscx fmt --fix` repairs it: the mistake has exactly one reading (see
    /// [`crate::check::Checker`], which confirms each such finding against the document).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fixable: bool,
}

impl Diagnostic {
    /// Builds a diagnostic without help text.
    pub fn new(
        code: Code,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            location,
            help: None,
            fixable: false,
        }
    }

    /// Adds a hint on how to fix the finding.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks the finding as one `oscx fmt --fix` repairs.
    #[must_use]
    pub fn fixable(mut self) -> Self {
        self.fixable = true;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}:{}",
            self.severity, self.code, self.location.line, self.location.column
        )?;
        if !self.location.path.is_empty() {
            write!(f, " {}", self.location.path)?;
        }
        write!(f, ": {}", self.message)
    }
}
