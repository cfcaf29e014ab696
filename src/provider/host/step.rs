//! What the host records: one [`Step`] per call, and the [`ConformanceReport`] that holds them.

use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::version::Target;

/// How one step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The call answered as its contract says.
    Passed,
    /// The call broke its contract; the reason names the first error found.
    Failed(String),
    /// The call was not made: the capabilities do not select it, or what it needs failed or
    /// was not configured.
    Skipped(String),
}

impl Outcome {
    /// `passed`, `FAILED` or `skipped`, for tables.
    pub const fn label(&self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Failed(_) => "FAILED",
            Outcome::Skipped(_) => "skipped",
        }
    }
}

/// An XML answer as the host checked it: the text the OSC would have received, and what
/// validation made of its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAnswer {
    /// The answer's text, which the positions of the step's XML findings point into.
    pub xml: String,
    /// The root element's local name, when the text got that far.
    pub root: Option<String>,
    /// The schema generation the answer was held to.
    pub target: Option<Target>,
}

/// One call of the calling sequences, and what the host found in its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The interface member, with a qualifier when the sequence calls it more than once,
    /// e.g. `GetCapabilities` or `GetDetails of friend contoso-ben`. Unique within a report.
    pub name: String,
    /// What was called, with its arguments, in the traits' terms, e.g.
    /// `load("15.0000", "en-US")`.
    pub call: String,
    /// How the step ended.
    pub outcome: Outcome,
    /// Everything found: XSD and rule findings on an XML answer, and the host's own
    /// findings (codes `host::…`). Errors are what fail a step.
    pub diagnostics: Vec<Diagnostic>,
    /// The XML answer, for steps whose call returns one and returned it.
    pub answer: Option<CheckedAnswer>,
}

impl Step {
    /// Whether the step did not fail (it passed, or was skipped).
    pub fn ok(&self) -> bool {
        !matches!(self.outcome, Outcome::Failed(_))
    }

    /// The codes of the step's findings, in order, for assertions and summaries.
    pub fn codes(&self) -> Vec<&str> {
        self.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }
}

/// Every step of one run of the host against a provider, in call order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConformanceReport {
    /// The steps, in the order the host made the calls.
    pub steps: Vec<Step>,
}

impl ConformanceReport {
    /// Whether no step failed. Skipped steps do not fail a run.
    pub fn passed(&self) -> bool {
        self.steps.iter().all(Step::ok)
    }

    /// The step with this name.
    pub fn step(&self, name: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.name == name)
    }

    /// The steps that failed.
    pub fn failed(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !s.ok())
    }

    /// The steps that were skipped.
    pub fn skipped(&self) -> impl Iterator<Item = &Step> {
        self.steps
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Skipped(_)))
    }

    /// How many steps passed, failed and were skipped.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.steps
            .iter()
            .fold((0, 0, 0), |(p, f, s), step| match step.outcome {
                Outcome::Passed => (p + 1, f, s),
                Outcome::Failed(_) => (p, f + 1, s),
                Outcome::Skipped(_) => (p, f, s + 1),
            })
    }
}

/// A step while its call is made: findings gather here, and the outcome follows from them.
#[derive(Debug)]
pub(super) struct Record {
    name: String,
    call: String,
    diagnostics: Vec<Diagnostic>,
    answer: Option<CheckedAnswer>,
}

impl Record {
    pub(super) fn new(name: impl Into<String>, call: impl Into<String>) -> Self {
        Record {
            name: name.into(),
            call: call.into(),
            diagnostics: Vec::new(),
            answer: None,
        }
    }

    /// Adds a finding of the host's own.
    pub(super) fn push(&mut self, code: Code, severity: Severity, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(code, severity, message, host_location()));
    }

    /// Adds an error: the step fails.
    pub(super) fn error(&mut self, code: Code, message: impl Into<String>) {
        self.push(code, Severity::Error, message);
    }

    /// Adds a warning: worth fixing, but the step passes.
    pub(super) fn warning(&mut self, code: Code, message: impl Into<String>) {
        self.push(code, Severity::Warning, message);
    }

    /// Adds a note: what happened, not a problem.
    pub(super) fn info(&mut self, code: Code, message: impl Into<String>) {
        self.push(code, Severity::Info, message);
    }

    /// Adds findings of validation and the rules.
    pub(super) fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    pub(super) fn set_answer(&mut self, answer: CheckedAnswer) {
        self.answer = Some(answer);
    }

    /// Whether an error was recorded so far.
    pub(super) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The finished step: failed when any finding is an error.
    pub(super) fn finish(self) -> Step {
        let errors: Vec<&Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let outcome = match errors.as_slice() {
            [] => Outcome::Passed,
            [first, rest @ ..] => {
                let more = if rest.is_empty() {
                    String::new()
                } else {
                    format!(" (and {} more)", rest.len())
                };
                Outcome::Failed(format!("{}: {}{more}", first.code, first.message))
            }
        };
        Step {
            name: self.name,
            call: self.call,
            outcome,
            diagnostics: self.diagnostics,
            answer: self.answer,
        }
    }

    /// The step, not made, for `reason`.
    pub(super) fn skip(self, reason: impl Into<String>) -> Step {
        Step {
            name: self.name,
            call: self.call,
            outcome: Outcome::Skipped(reason.into()),
            diagnostics: self.diagnostics,
            answer: None,
        }
    }
}

/// Where the host's own findings point: at no element of any document.
pub(super) fn host_location() -> Location {
    Location {
        end: None,
        path: String::new(),
        span: 0..0,
        line: 1,
        column: 1,
    }
}
