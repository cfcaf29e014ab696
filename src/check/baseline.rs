//! Baselines: the findings a project has accepted for now, recorded by fingerprint, so that
//! a legacy provider can adopt the checks and fail only on what is new.
//!
//! ```
//! use osc_schema::check::baseline::Baseline;
//! use osc_schema::check::FileReport;
//! use osc_schema::diagnostic::{Code, Diagnostic, Location, Severity};
//!
//! let finding = Diagnostic::new(Code::Rule("OSC012"), Severity::Error, "m", Location::default());
//! let mut report = FileReport { diagnostics: vec![finding], ..FileReport::unreadable("a.xml", "") };
//! let baseline = Baseline::of(std::slice::from_ref(&report));
//! let text = baseline.to_json();
//! let hidden = Baseline::from_json(&text)?.hide_known(&mut report);
//! assert_eq!((hidden, report.diagnostics.len()), (1, 0));
//! # Ok::<(), String>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::FileReport;
use super::fingerprint::fingerprints;

/// The accepted findings, by fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    known: BTreeMap<String, Known>,
}

/// What a baseline keeps of one finding, for people reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// The finding's code or rule.
    pub code: String,
    /// The file it is in.
    pub file: String,
    /// Its element path.
    pub path: String,
    /// Its message.
    pub message: String,
}

/// The file format: a version and the findings by fingerprint, sorted.
#[derive(Serialize, Deserialize)]
struct File {
    version: u32,
    findings: BTreeMap<String, Known>,
}

const VERSION: u32 = 1;

impl Baseline {
    /// Every finding of these reports.
    pub fn of(reports: &[FileReport]) -> Self {
        let mut known = BTreeMap::new();
        for report in reports {
            for (fingerprint, d) in fingerprints(report).into_iter().zip(&report.diagnostics) {
                known.insert(
                    fingerprint,
                    Known {
                        code: d.code.to_string(),
                        file: report.file.clone(),
                        path: d.location.path.clone(),
                        message: d.message.clone(),
                    },
                );
            }
        }
        Baseline { known }
    }

    /// How many findings it holds.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The baseline file's text (JSON, sorted, one finding per fingerprint).
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self.known.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file's text.
    ///
    /// # Errors
    /// When the text is not a baseline of a version this program reads.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let file: File =
            serde_json::from_str(text).map_err(|e| format!("not a baseline file: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION})",
                file.version
            ));
        }
        Ok(Baseline {
            known: file.findings,
        })
    }

    /// Removes the report's findings the baseline knows; returns how many it removed.
    /// Dropped findings (`--max-diagnostics`) are not fingerprinted and stay counted.
    pub fn hide_known(&self, report: &mut FileReport) -> usize {
        let prints = fingerprints(report);
        let before = report.diagnostics.len();
        let mut keep = prints.iter().map(|p| !self.known.contains_key(p));
        report.diagnostics.retain(|_| keep.next().unwrap_or(true));
        before - report.diagnostics.len()
    }
}
