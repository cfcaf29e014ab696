//! Levels for the advice codes (see [`crate::catalog::ADVICE`]): what `--allow`, `--warn`,
//! `--deny` and `[rules]` in `oscx.toml` say of them, applied to a file's findings. The
//! rules' levels are applied by the linter itself, which does not run an allowed rule.

use std::collections::BTreeMap;

use crate::Report;
use crate::diagnostic::{Code, Severity};
use crate::lint::Level;

/// Levels by advice code.
pub(crate) type AdviceLevels = BTreeMap<Code, Level>;

/// Drops the findings of allowed advice codes and gives the others their level's severity.
pub(crate) fn apply(levels: &AdviceLevels, report: &mut Report) {
    if levels.is_empty() {
        return;
    }
    report
        .diagnostics
        .retain_mut(|d| match levels.get(&d.code) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                d.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                d.severity = Severity::Error;
                true
            }
            None => true,
        });
}
