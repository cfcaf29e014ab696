//! What checking one document found: the one report of the crate, given by the validator
//! ([`crate::Validator`]) and by the full check ([`crate::check()`], [`crate::check::Checker`])
//! alike.

use super::identities::Identities;
use super::{Diagnostic, Severity};
use crate::version::Target;

/// Everything checking one document found, in document order, with the file it came from.
///
/// ```
/// let report = osc_schema::check(r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
///   <userID>u1</userID><gender>robot</gender></person>"#);
/// assert!(!report.is_valid());
/// assert_eq!(report.root(), Some("person"));
/// let error = report.errors().next().expect("an error");
/// assert_eq!(error.code, "xsd::invalid-value");
/// assert_eq!(error.location.path, "/person/gender");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub(crate) file: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) target: Option<Target>,
    pub(crate) root: Option<String>,
    pub(crate) truncated: usize,
    pub(crate) truncated_errors: usize,
    pub(crate) truncated_warnings: usize,
    pub(crate) unreadable: Option<String>,
    pub(crate) identities: Identities,
    pub(crate) events: u64,
}

impl Report {
    /// The report of a file that could not be read: nothing was checked.
    pub fn unreadable(file: impl Into<String>, reason: impl Into<String>) -> Self {
        Report {
            file: file.into(),
            unreadable: Some(reason.into()),
            ..Report::default()
        }
    }

    /// A report of `file` with these findings, as a program that checks documents in its
    /// own way hands them to this crate's printers and baselines.
    pub fn of_findings(file: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        Report {
            file: file.into(),
            diagnostics,
            ..Report::default()
        }
    }

    /// The file's name as the caller gave it (`<stdin>` for standard input); empty for a
    /// document validated without one.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether the document passed: it was read, and has no diagnostic of severity
    /// [`Severity::Error`]. Findings dropped by the cap count too, so a capped report of an
    /// invalid document stays invalid.
    pub fn is_valid(&self) -> bool {
        self.unreadable.is_none()
            && self.truncated_errors == 0
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

    /// Why the file could not be checked at all (it could not be read); `None` when it was.
    pub fn unreadable_reason(&self) -> Option<&str> {
        self.unreadable.as_deref()
    }

    /// The persons', activities' and templates' identities, noted as the document was
    /// validated, by which a [`baseline`](crate::check::baseline) knows their findings
    /// wherever they move; empty unless asked for
    /// ([`Checker::with_identities`](crate::check::Checker::with_identities)).
    pub fn identities(&self) -> &Identities {
        &self.identities
    }

    /// How many findings were dropped because of the cap on findings
    /// ([`Validator::with_max_diagnostics`](crate::Validator::with_max_diagnostics)).
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

    /// How many findings of `severity` the file has: those kept, and those of that
    /// severity the cap dropped.
    pub fn count(&self, severity: Severity) -> usize {
        let kept = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count();
        kept + self.dropped(severity)
    }

    /// How many findings of `severity` the cap dropped.
    pub fn dropped(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.truncated_errors,
            Severity::Warning => self.truncated_warnings,
            Severity::Info => self
                .truncated
                .saturating_sub(self.truncated_errors + self.truncated_warnings),
        }
    }

    /// Whether any finding, kept or dropped by the cap, is at least as serious as
    /// `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .any(|severity| severity >= threshold && self.dropped(severity) > 0)
            || self.diagnostics.iter().any(|d| d.severity >= threshold)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};

    #[test]
    fn findings_the_cap_dropped_count_for_the_threshold_and_the_summary() {
        // The cap kept an info; it dropped three findings: a warning and two infos.
        let info = Diagnostic::new(
            Code::Rule("OSC066"),
            Severity::Info,
            "kept",
            Location {
                end: None,
                path: "/activityFeed".into(),
                span: 0..1,
                line: 1,
                column: 1,
            },
        );
        let report = Report {
            truncated: 3,
            truncated_errors: 0,
            truncated_warnings: 1,
            ..Report::of_findings("feed.xml", vec![info])
        };
        assert!(
            report.fails(Severity::Warning),
            "a dropped warning fails --fail-on warning"
        );
        assert!(report.fails(Severity::Info));
        assert!(!report.fails(Severity::Error));
        assert_eq!(report.count(Severity::Warning), 1);
        assert_eq!(report.count(Severity::Info), 3);
        assert_eq!(report.count(Severity::Error), 0);
        assert!(report.is_valid());
        assert!(!Report::unreadable("gone.xml", "no such file").is_valid());
    }
}
