//! The outcome of validating one document.

use crate::diagnostic::{Diagnostic, Severity};
use crate::version::Target;

/// Everything validation found in one document, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) target: Option<Target>,
    pub(crate) root: Option<String>,
    pub(crate) truncated: usize,
    pub(crate) truncated_errors: usize,
    pub(crate) truncated_warnings: usize,
    pub(crate) events: u64,
}

impl Report {
    /// Whether the document passed: no diagnostic of severity [`Severity::Error`]. Findings
    /// dropped by the cap count too, so a capped report of an invalid document stays invalid.
    pub fn is_valid(&self) -> bool {
        self.truncated_errors == 0
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }

    /// Every finding kept, in document order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The findings of severity [`Severity::Error`].
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The schema generation the document was held to; `None` for a custom schema, or when
    /// no generation could be chosen (no root, or a root in no OSC namespace).
    pub fn target(&self) -> Option<Target> {
        self.target
    }

    /// The local name of the root element, when the document got that far.
    pub fn root(&self) -> Option<&str> {
        self.root.as_deref()
    }

    /// How many findings were dropped because of
    /// [`Validator::with_max_diagnostics`](super::Validator::with_max_diagnostics).
    pub fn truncated(&self) -> usize {
        self.truncated
    }

    /// How many of the dropped findings were errors.
    pub fn truncated_errors(&self) -> usize {
        self.truncated_errors
    }

    /// How many of the dropped findings were warnings.
    pub fn truncated_warnings(&self) -> usize {
        self.truncated_warnings
    }

    /// Takes the findings out of the report.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// How many XML events the validator processed; lets benchmarks prove work was done.
    #[doc(hidden)]
    pub fn event_count(&self) -> u64 {
        self.events
    }
}
