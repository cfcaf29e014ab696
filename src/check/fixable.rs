//! Which findings `oscx fmt --fix` repairs. The validator and the rules mark each finding
//! whose mistake has one reading ([`crate::xsd::repair`]); `oscx fmt --fix` makes those
//! repairs only when it can read the whole document, which one unrepairable mistake
//! prevents. So the marks are kept only where a lenient reading, `oscx fmt --fix`'s own,
//! reads the document.

use std::io::Read;

use crate::Report;
use crate::limits::Limits;

/// How much of a document checked as a stream is read whole to confirm its marks: what
/// `oscx fmt --fix` holds whole at once. Past it the marks are dropped.
const WHOLE_TEXT_LIMIT: u64 = 64 * 1024 * 1024;

/// Keeps the marks of `report` only when `repairable()` says the document can be
/// repaired, and never for a document held to a schema of the user's (no generation),
/// which `oscx fmt --fix` does not know.
pub(super) fn confirm(report: &mut Report, repairable: impl FnOnce() -> bool) {
    if !report.diagnostics.iter().any(|d| d.fixable) {
        return;
    }
    if report.target.is_none() || !repairable() {
        for d in &mut report.diagnostics {
            d.fixable = false;
        }
    }
}

/// Whether the decoded `text` can be repaired (see [`crate::xml::fix::repairable`]).
pub(super) fn in_text(text: &str, limits: Limits) -> bool {
    crate::xml::fix::repairable(text, limits)
}

/// Whether the document `read` gives can be repaired, read whole and decoded as
/// `oscx fmt` reads it, when it is not too long to hold.
pub(super) fn in_stream(read: std::io::Result<impl Read>, limits: Limits) -> bool {
    let mut bytes = Vec::new();
    let whole = read
        .and_then(|r| r.take(WHOLE_TEXT_LIMIT + 1).read_to_end(&mut bytes))
        .is_ok_and(|n| n as u64 <= WHOLE_TEXT_LIMIT);
    whole && crate::xml::decode::decode(&bytes).is_ok_and(|decoded| in_text(&decoded.text, limits))
}
