//! A machine-readable report written as the run goes, file by file in input order, in
//! memory that does not grow with the files or their findings: JSON Lines and GitHub
//! annotations line by line, SARIF and GitLab Code Quality as one document whose parts
//! are written as they come, JUnit with its test cases kept aside on disk until the suite's
//! counts are known.

use crate::Report;
use crate::Severity;
use crate::print::{github, gitlab, json, junit, sarif};

use super::Fatal;
use super::args::ReportFormat;
use super::output::Output;
use super::spool::Spool;

/// One report being written; the human format is not one (it is printed by `validate`).
pub enum ReportStream {
    /// JSON Lines: a line per file.
    Json,
    /// GitHub workflow commands: a line per finding.
    Github,
    /// One SARIF log.
    Sarif(sarif::LogWriter),
    /// One Code Quality array.
    Gitlab(gitlab::DocumentWriter),
    /// One JUnit document, failing files at `threshold`.
    Junit {
        counts: junit::Counts,
        threshold: Severity,
        cases: Spool,
    },
}

impl ReportStream {
    /// A report in `format` started on `output`; `None` for the human format.
    pub fn start(
        format: ReportFormat,
        threshold: Severity,
        output: &mut Output,
    ) -> Result<Option<ReportStream>, Fatal> {
        let stream = match format {
            ReportFormat::Human => return Ok(None),
            ReportFormat::Json => ReportStream::Json,
            ReportFormat::Github => ReportStream::Github,
            ReportFormat::Sarif => {
                let writer = sarif::LogWriter::new();
                output.write(writer.start().as_bytes())?;
                ReportStream::Sarif(writer)
            }
            ReportFormat::Gitlab => {
                let writer = gitlab::DocumentWriter::default();
                output.write(writer.start().as_bytes())?;
                ReportStream::Gitlab(writer)
            }
            ReportFormat::Junit => ReportStream::Junit {
                counts: junit::Counts::default(),
                threshold,
                cases: Spool::new()?,
            },
        };
        Ok(Some(stream))
    }

    /// Writes the report of one file.
    pub fn file(&mut self, report: &Report, output: &mut Output) -> Result<(), Fatal> {
        match self {
            ReportStream::Json => output.write(json::line(report).as_bytes()),
            ReportStream::Github => output.write(github::lines(report).as_bytes()),
            ReportStream::Sarif(writer) => {
                writer.file(report, |piece| output.write(piece.as_bytes()))
            }
            ReportStream::Gitlab(writer) => output.write(writer.file(report).as_bytes()),
            ReportStream::Junit {
                counts,
                threshold,
                cases,
            } => {
                counts.add(report, *threshold);
                cases.write(junit::test_case(report, *threshold).as_bytes())
            }
        }
    }

    /// Writes what comes after the last file.
    pub fn end(self, output: &mut Output) -> Result<(), Fatal> {
        match self {
            ReportStream::Json | ReportStream::Github => Ok(()),
            ReportStream::Sarif(writer) => output.write(writer.end().as_bytes()),
            ReportStream::Gitlab(writer) => output.write(writer.end().as_bytes()),
            ReportStream::Junit { counts, cases, .. } => {
                output.write(counts.head().as_bytes())?;
                cases.pass_on(output)?;
                output.write(junit::Counts::TAIL.as_bytes())
            }
        }
    }
}
