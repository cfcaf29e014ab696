//! Baselines: the findings a project has accepted for now, recorded by fingerprint, so that
//! a legacy provider can adopt the checks and fail only on what is new.
//!
//! A finding is recorded by its code, its message, its file relative to the baseline's base
//! directory (the configuration's, or the working directory: see [`Baseline::relative_to`])
//! and its element path, where a person is named by its `userID`, an activity by its
//! `objectID` and a template by its `applicationID` and `templateID`
//! ([`fingerprint::keyed_fingerprints`](super::fingerprint::keyed_fingerprints)). So a
//! person inserted at the top of a list, or the file given as `./x`, by its absolute path or
//! from another directory, brings back no known finding. A unit without its identity, or
//! sharing it with another, is known by its position.
//!
//! The file format is versioned. Version 1 keyed findings by the file as given (without a
//! leading `./`) and by position; such a baseline is still read, and its findings are
//! matched as version 1 matched them, until it is written again.
//!
//! ```
//! use osc_schema::check::baseline::Baseline;
//! use osc_schema::Report;
//! use osc_schema::diagnostic::{Code, Diagnostic, Location, Severity};
//!
//! let finding = Diagnostic::new(Code::Rule("OSC012"), Severity::Error, "m", Location::default());
//! let mut report = Report::of_findings("a.xml", vec![finding]);
//! let baseline = Baseline::of(std::slice::from_ref(&report));
//! let text = baseline.to_json();
//! let hidden = Baseline::from_json(&text)?.hide_known(&mut report);
//! assert_eq!((hidden, report.diagnostics().len()), (1, 0));
//! # Ok::<(), String>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fingerprint::{file_key, fingerprints, keyed_fingerprints};
use crate::Report;

/// The accepted findings, by fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    known: BTreeMap<String, Known>,
    /// The format the fingerprints were made in.
    version: u32,
    /// The directory files are named relative to; empty for the working directory.
    base: PathBuf,
}

/// What a baseline keeps of one finding, for people reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// The finding's code or rule.
    pub code: String,
    /// The file it is in, relative to the baseline's base directory.
    pub file: String,
    /// Its element path when it was recorded.
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

/// The format written: files relative to a base directory, persons, activities and
/// templates by identity.
const VERSION: u32 = 2;

/// The first format: files as given, every element by position.
const BY_POSITION: u32 = 1;

impl Baseline {
    /// Every finding of these reports, files named relative to the working directory.
    pub fn of(reports: &[Report]) -> Self {
        Self::of_relative_to(reports, Path::new(""))
    }

    /// Every finding of these reports, files named relative to `base` (relative to the
    /// working directory, or absolute).
    pub fn of_relative_to(reports: &[Report], base: &Path) -> Self {
        let mut known = BTreeMap::new();
        for report in reports {
            let prints = keyed_fingerprints(report, base);
            for (fingerprint, d) in prints.into_iter().zip(&report.diagnostics) {
                known.insert(
                    fingerprint,
                    Known {
                        code: d.code.to_string(),
                        file: file_key(&report.file, base),
                        path: d.location.path.clone(),
                        message: d.message.clone(),
                    },
                );
            }
        }
        Baseline {
            known,
            version: VERSION,
            base: base.to_owned(),
        }
    }

    /// The same findings, matched with files named relative to `base` (relative to the
    /// working directory, or absolute): the directory the baseline was recorded against.
    #[must_use]
    pub fn relative_to(mut self, base: &Path) -> Self {
        self.base = base.to_owned();
        self
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
        if file.version != VERSION && file.version != BY_POSITION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION} or {BY_POSITION})",
                file.version
            ));
        }
        Ok(Baseline {
            known: file.findings,
            version: file.version,
            base: PathBuf::new(),
        })
    }

    /// Removes the report's findings the baseline knows; returns how many it removed.
    /// Dropped findings (`--max-diagnostics`) are not fingerprinted and stay counted.
    pub fn hide_known(&self, report: &mut Report) -> usize {
        let prints = if self.version == BY_POSITION {
            fingerprints(report)
        } else {
            keyed_fingerprints(report, &self.base)
        };
        let before = report.diagnostics.len();
        let mut keep = prints.iter().map(|p| !self.known.contains_key(p));
        report.diagnostics.retain(|_| keep.next().unwrap_or(true));
        before - report.diagnostics.len()
    }
}
