//! Human output for a [`ConformanceReport`]: a table with one line per step, the findings
//! of the steps that have any (with the answer's line for XML findings), and a summary.
//!
//! ```text
//! step                        outcome  findings
//! Load                        passed
//! GetCapabilities             FAILED   OSC010 error: `dynamicContactsLookup` is true but …
//! LogonCached                 skipped  `useLogonCached` is not set
//!
//! 3 steps: 1 passed, 1 failed, 1 skipped
//! ```

use std::fmt::{self, Write as _};

use super::step::{ConformanceReport, Outcome, Step};
#[cfg(feature = "cli")]
use crate::diagnostic::{Code, Diagnostic, Severity};
#[cfg(feature = "cli")]
use crate::print::human;

/// How many characters of a message the table shows; the findings section has them whole.
const MESSAGE_WIDTH: usize = 72;

/// One line per step: its name, its outcome, and its findings in short (the reason, for
/// failed and skipped steps), then the summary line.
pub fn table(report: &ConformanceReport) -> String {
    let width = report
        .steps
        .iter()
        .map(|s| s.name.chars().count())
        .chain(["step".len()])
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "{:width$}  outcome  findings", "step");
    for step in &report.steps {
        let line = format!(
            "{:width$}  {:7}  {}",
            step.name,
            step.outcome.label(),
            findings_cell(step)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(out, "\n{}", summary(report));
    out
}

/// The whole report for people: the [`table`], then, if any step has findings at
/// `Severity::Warning` or above, a blank line and their [`findings`].
#[cfg(feature = "cli")]
#[cfg_attr(docsrs, doc(cfg(feature = "cli")))]
pub fn text(report: &ConformanceReport, color: bool) -> String {
    let mut out = table(report);
    let findings = findings(report, Severity::Warning, color);
    if !findings.is_empty() {
        out.push('\n');
        out.push_str(&findings);
    }
    out
}

/// `47 steps: 44 passed, 0 failed, 3 skipped`.
pub fn summary(report: &ConformanceReport) -> String {
    let (passed, failed, skipped) = report.counts();
    let steps = report.steps.len();
    let plural = if steps == 1 { "" } else { "s" };
    format!("{steps} step{plural}: {passed} passed, {failed} failed, {skipped} skipped")
}

/// The findings at or above `threshold` of every step that has any, each step headed by
/// its name and call. XML findings are shown on their line of the answer, as
/// `oscx validate` shows them; the host's own findings as one line each with their code.
/// The code frames are the command line's, hence the feature.
#[cfg(feature = "cli")]
#[cfg_attr(docsrs, doc(cfg(feature = "cli")))]
pub fn findings(report: &ConformanceReport, threshold: Severity, color: bool) -> String {
    let mut out = String::new();
    for step in &report.steps {
        let shown: Vec<&Diagnostic> = step
            .diagnostics
            .iter()
            .filter(|d| d.severity >= threshold)
            .collect();
        if shown.is_empty() {
            continue;
        }
        let _ = writeln!(out, "── {} ── {}", step.name, step.call);
        let (own, xml): (Vec<Diagnostic>, Vec<Diagnostic>) = shown
            .into_iter()
            .cloned()
            .partition(|d| matches!(d.code, Code::Host(_)) || step.answer.is_none());
        for d in &own {
            let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
            if let Some(help) = &d.help {
                let _ = writeln!(out, "  = help: {help}");
            }
        }
        if let Some(answer) = step.answer.as_ref().filter(|_| !xml.is_empty()) {
            out.push_str(&human::render(&step.name, &answer.xml, &xml, color));
        } else {
            out.push('\n');
        }
    }
    out
}

fn findings_cell(step: &Step) -> String {
    match &step.outcome {
        Outcome::Failed(reason) | Outcome::Skipped(reason) => shorten(reason),
        Outcome::Passed => {
            let notes: Vec<String> = step
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.code, d.severity))
                .collect();
            notes.join(", ")
        }
    }
}

fn shorten(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= MESSAGE_WIDTH {
        return flat;
    }
    let cut: String = flat.chars().take(MESSAGE_WIDTH - 1).collect();
    format!("{}…", cut.trim_end())
}

impl fmt::Display for ConformanceReport {
    /// The [`table`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&table(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::host::codes;
    use crate::provider::host::step::Record;

    #[test]
    fn table_lines_and_summary() {
        let mut failing = Record::new("GetDetails of friend b", "session.person(\"b\").details()");
        failing.error(
            codes::WRONG_PERSON,
            "GetPerson(\"b\") gave details of user \"c\"",
        );
        let report = ConformanceReport {
            steps: vec![
                Record::new("Load", "provider.load(\"15.0000\", \"en-US\")").finish(),
                failing.finish(),
                Record::new("LogonCached", "session2.logon_cached(…)")
                    .skip("`useLogonCached` is not set"),
            ],
        };
        let text = table(&report);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "step                    outcome  findings");
        assert_eq!(lines[1], "Load                    passed");
        assert_eq!(
            lines[2],
            "GetDetails of friend b  FAILED   host::wrong-person: GetPerson(\"b\") gave details of user \"c\""
        );
        assert_eq!(
            lines[3],
            "LogonCached             skipped  `useLogonCached` is not set"
        );
        assert_eq!(lines[5], "3 steps: 1 passed, 1 failed, 1 skipped");
        #[cfg(feature = "cli")]
        {
            let details = findings(&report, Severity::Warning, false);
            assert!(details.starts_with("── GetDetails of friend b ── session.person(\"b\").details()\nerror[host::wrong-person]: "));
            assert!(!details.contains("Load"));

            assert_eq!(super::text(&report, false), format!("{text}\n{details}"));
            let clean = ConformanceReport {
                steps: vec![Record::new("Load", "provider.load(\"15.0000\", \"en-US\")").finish()],
            };
            assert_eq!(super::text(&clean, false), table(&clean));
        }
        assert_eq!(shorten(&"x".repeat(200)).chars().count(), MESSAGE_WIDTH);
    }
}
