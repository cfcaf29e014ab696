//! The closing line of a run: how many files, how many failed, how many findings.

use std::fmt;

use crate::Report;
use crate::diagnostic::Severity;

/// Totals over the files of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read and checked.
    pub files: usize,
    /// Checked files with at least one error.
    pub invalid: usize,
    /// Errors over all files, including those dropped by the per-file cap.
    pub errors: usize,
    /// Warnings over all files.
    pub warnings: usize,
    /// Informational findings over all files.
    pub infos: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Findings shown that `oscx fmt --fix` repairs.
    pub fixable: usize,
}

impl Summary {
    /// Adds one file's report.
    pub fn add(&mut self, report: &Report) {
        if report.unreadable.is_some() {
            self.unreadable += 1;
            return;
        }
        self.files += 1;
        if !report.is_valid() {
            self.invalid += 1;
        }
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
        self.fixable += report.diagnostics.iter().filter(|d| d.fixable).count();
    }
}

impl fmt::Display for Summary {
    /// `checked 3 files: 1 invalid, 2 errors, 1 warning`, then the informational findings
    /// and the unreadable files when there are any (`, 2 infos`; `; 1 file could not be read`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "checked {}: {} invalid, {}, {}",
            plural(self.files, "file"),
            self.invalid,
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        )?;
        if self.infos > 0 {
            write!(f, ", {}", plural(self.infos, "info"))?;
        }
        if self.unreadable > 0 {
            write!(f, "; {} could not be read", plural(self.unreadable, "file"))?;
        }
        if self.fixable > 0 {
            write!(
                f,
                "; {} fixable with `oscx fmt --fix`.",
                plural(self.fixable, "finding")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_pluralises() {
        let mut s = Summary::default();
        s.add(&Report::unreadable("a.xml", "gone"));
        assert_eq!(
            s.to_string(),
            "checked 0 files: 0 invalid, 0 errors, 0 warnings; 1 file could not be read"
        );
        s.files = 1;
        s.errors = 1;
        s.unreadable = 0;
        assert_eq!(
            s.to_string(),
            "checked 1 file: 0 invalid, 1 error, 0 warnings"
        );
        s.infos = 2;
        assert_eq!(
            s.to_string(),
            "checked 1 file: 0 invalid, 1 error, 0 warnings, 2 infos"
        );
        s.fixable = 1;
        assert_eq!(
            s.to_string(),
            "checked 1 file: 0 invalid, 1 error, 0 warnings, 2 infos; \
             1 finding fixable with `oscx fmt --fix`."
        );
    }
}
