//! A [`ConformanceReport`] as file reports, one per step, so that the printers of
//! `oscx validate` (JSON Lines, JUnit, SARIF, human) print host runs too.

use super::codes;
use super::step::{ConformanceReport, Outcome, Step, host_location};
use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};

impl Step {
    /// The step as a file report: `file` is the step's name, `root` and `target` those of
    /// its XML answer. A skipped step carries one informational `host::skipped` finding
    /// with the reason, so that printers which know only files say why nothing was checked.
    pub fn to_file_report(&self) -> Report {
        let mut diagnostics = self.diagnostics.clone();
        if let Outcome::Skipped(reason) = &self.outcome {
            diagnostics.push(Diagnostic::new(
                codes::SKIPPED,
                Severity::Info,
                format!("not called: {reason}"),
                host_location(),
            ));
        }
        Report {
            file: self.name.clone(),
            root: self.answer.as_ref().and_then(|a| a.root.clone()),
            target: self.answer.as_ref().and_then(|a| a.target),
            diagnostics,
            ..Report::default()
        }
    }
}

impl ConformanceReport {
    /// One file report per step, in call order. A step fails exactly when its report is
    /// not [`valid`](Report::is_valid).
    pub fn to_file_reports(&self) -> Vec<Report> {
        self.steps.iter().map(Step::to_file_report).collect()
    }
}

impl From<&ConformanceReport> for Vec<Report> {
    fn from(report: &ConformanceReport) -> Self {
        report.to_file_reports()
    }
}
