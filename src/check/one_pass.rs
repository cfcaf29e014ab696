//! The whole check in one pass over the bytes: the validator reads the document, and the
//! model the rules look at is built from what it validated ([`crate::xml::record`]).
//!
//! For a stream, the record goes in pieces through a bounded channel to a second thread,
//! which reads it back into the model and runs the rules while the validator reads on: a
//! `friends` list person by person, so memory stays flat, any other document whole.
//!
//! The record stands for the document only when the validator found no error. Otherwise
//! (and when the record does not read into the model) the rules run on a second, tolerant
//! reading of the text, as [`lint_text`] runs them: each rule on the parts of the document
//! whose elements it reads could be read, so that one schema error does not hide the
//! findings about the rest. Where a rule was skipped is said in [`Outcome::skipped`].

use std::cell::RefCell;
use std::io::BufRead;
use std::sync::mpsc;

use super::identity::{IdentityWatch, Watching};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
#[cfg(doc)]
use crate::lint::apply::lint_text;
use crate::lint::apply::{
    LintOptions, lint_friends_stream_skipping, lint_text_skipping, paths_of, place_from,
    to_diagnostics,
};
use crate::lint::spelling::{self, Kept, Watch};
use crate::lint::{Finding, Linter, Skipped};
use crate::model::Document;
use crate::xml::ElementPath;
use crate::xml::cursor::Items;
use crate::xml::locate::positions;
use crate::xml::record::{self, Arriving, ReadBack, Reading, Record, Recorder, Sink};
use crate::xml::stream::Decoding;
use crate::xsd::{Report, Tokenizing, Validator};

/// Recorded bytes handed over at a time: enough that the channel costs nothing per
/// element, few enough that the pieces in flight keep memory flat.
const PIECE_BYTES: usize = 256 * 1024;
/// Pieces of a `friends` list waiting for the reading thread before the validator waits
/// for it: few, so that memory stays flat however long the list.
const LIST_PIECES_IN_FLIGHT: usize = 2;
/// The same for other documents, which are built whole anyway: enough that the validator
/// never waits for the reader, which builds the model more slowly than it is recorded.
const PIECES_IN_FLIGHT: usize = 64;

/// Emptied pieces kept for the recorder to fill again, at most; never more than may be in
/// flight, so that a list's memory stays as flat as before.
const SPARE_PIECES: usize = 4;

/// What the one-pass check of a document found.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The validator's report.
    pub report: Report,
    /// The rules' findings, placed (none when the document is not well-formed).
    pub found: Vec<Diagnostic>,
    /// Where a rule did not run because an element it reads could not be read (only for a
    /// document the validator refused), in document order; `oscx validate --verbose` says
    /// so, one line each ([`Skipped`]'s `Display`).
    pub skipped: Vec<Skipped>,
}

/// A recorder's buffers past this many bytes are not kept for the next document: a large
/// document does not leave its memory behind with the thread that checked it.
const SPARE_RECORDER_BYTES: usize = 1 << 20;

thread_local! {
    /// The recorder of the last document this thread checked in memory, for the next one.
    static SPARE_RECORDER: RefCell<Option<Recorder<()>>> = const { RefCell::new(None) };
}

/// Validates and lints decoded text held in memory. `warnings` are findings from decoding
/// it. The outcome holds the validator's report, the rules' findings (none when the
/// document is not well-formed) and where rules were skipped.
pub(crate) fn check_text(
    validator: &Validator,
    text: &str,
    warnings: Vec<Diagnostic>,
    options: &LintOptions,
    watch: &mut IdentityWatch,
) -> Outcome {
    let spare = SPARE_RECORDER.with(|spare| spare.borrow_mut().take());
    let mut recorder = match spare {
        Some(recorder) => recorder.again_for_text(text.len()),
        None => Recorder::for_text(text.len()),
    };
    let outcome = check_text_recorded(validator, text, warnings, options, &mut recorder, watch);
    if recorder.capacity() <= SPARE_RECORDER_BYTES {
        SPARE_RECORDER.with(|spare| *spare.borrow_mut() = Some(recorder));
    }
    outcome
}

/// [`check_text`] with a recorder made ready for the text.
fn check_text_recorded(
    validator: &Validator,
    text: &str,
    warnings: Vec<Diagnostic>,
    options: &LintOptions,
    recorder: &mut Recorder<()>,
    watch: &mut IdentityWatch,
) -> Outcome {
    let observer = Watching {
        inner: &mut *recorder,
        watch,
    };
    let mut report = validator.validate_text_observed(text, warnings, observer);
    let mut cap = Cap::new(validator.max_diagnostics());
    if !well_formed(&report) {
        return Outcome {
            report,
            found: Vec::new(),
            skipped: Vec::new(),
        };
    }
    let linted = if report.is_valid() && recorder.broken().is_none() {
        lint_recorded(recorder.replay(), options, &mut cap, drop).ok()
    } else {
        None
    };
    if linted.is_none() {
        // The rules run again on a tolerant reading: what the cap dropped of a reading
        // that was not used does not count.
        cap = Cap::new(validator.max_diagnostics());
    }
    let (found, skipped) = match linted {
        Some(findings) => (place_in_text(recorder, text, findings), Vec::new()),
        None => lint_text_skipping(text, options),
    };
    let found = cap.keep_first(found, &mut report);
    Outcome {
        report,
        found,
        skipped,
    }
}

/// Places the findings of a valid document held in memory as `text`. The document was
/// outlined as it was validated: its findings are placed from the outline, and the text is
/// only counted through for lines and columns, up to the last offset wanted.
fn place_in_text(
    recorder: &Recorder<()>,
    text: &str,
    findings: Vec<(Finding, Severity)>,
) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    // A recorder for text keeps the outline of every document. Reading a slice cannot
    // fail; were it to, the findings would keep the start of the document, as they do at a
    // path the outline does not hold.
    let placed = recorder.place(&paths_of(&findings)).unwrap_or_default();
    let located = positions(text.as_bytes(), placed).unwrap_or_default();
    to_diagnostics(findings, &located)
}

/// Validates and lints a stream opened by `open`, reading it once when it is valid. The
/// stream is opened again only to place findings, and to lint an invalid document from a
/// tolerant reading, and says where rules were skipped.
///
/// # Errors
/// When the stream cannot be read.
pub(crate) fn check_stream<R: BufRead>(
    validator: &Validator,
    open: impl Fn() -> std::io::Result<R>,
    options: &LintOptions,
    watch: &mut IdentityWatch,
) -> Result<Outcome, Error> {
    let (mut report, linted, mut cap) = if validator.threads() {
        check_apart(validator, &open, options, watch)?
    } else {
        // Without a thread to lint on as the validator reads, the rules read the stream
        // again, as they read a document the validator refused: the same findings.
        let report =
            validator.validate_reader_observed(open()?, &mut *watch, Tokenizing::Inline)?;
        (report, None, Cap::new(validator.max_diagnostics()))
    };
    if !well_formed(&report) {
        return Ok(Outcome {
            report,
            found: Vec::new(),
            skipped: Vec::new(),
        });
    }
    let (found, skipped) = match linted {
        Some((findings, Some(placed))) if !findings.is_empty() => {
            let located = positions(Decoding::new(open()?)?, placed)?;
            (to_diagnostics(findings, &located), Vec::new())
        }
        Some((findings, _)) => (place_from(&open, findings)?, Vec::new()),
        None if report.root() == Some("friends") => {
            // Person by person, so that memory stays flat however long the list. A list the
            // tolerant reader cannot take either was already reported by the XSD layer.
            // The cap drops the findings past it as the persons come.
            let linted = lint_friends_stream_skipping(open()?, &open, options, &mut |found| {
                cap.prune(found);
            });
            linted.unwrap_or_else(|_| {
                cap = Cap::new(validator.max_diagnostics());
                (Vec::new(), Vec::new())
            })
        }
        None => {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut open()?, &mut bytes)?;
            match crate::xml::decode::decode(&bytes) {
                Ok(decoded) => lint_text_skipping(&decoded.text, options),
                Err(_) => (Vec::new(), Vec::new()),
            }
        }
    };
    let found = cap.keep_first(found, &mut report);
    Ok(Outcome {
        report,
        found,
        skipped,
    })
}

/// Reads a record back into the model and runs the rules, with the values some rules read
/// as written, which the reading keeps beside the model ([`crate::lint::Written`]). A `friends`
/// list is linted person by person, each person's values with it.
fn lint_recorded<S: Items>(
    source: S,
    options: &LintOptions,
    cap: &mut Cap,
    dispose: fn(Document),
) -> Result<Vec<(Finding, Severity)>, Error> {
    let kept = Kept::default();
    let mut linter: Option<Linter> = None;
    let read = record::read_back(Watch::new(source, kept.clone()), |reading| match reading {
        Reading::Root(namespace, root) => {
            let cx = options.context(namespace, root);
            linter = Some(Linter::new(&cx, &options.config));
        }
        Reading::Person(person) => {
            if let Some(l) = linter.as_mut() {
                // The person's end tag has been read: its values are all kept.
                l.written(&spelling::take(&kept));
                l.person(person);
                cap.prune(&mut l.findings);
            }
        }
        Reading::Activity(activity) => {
            if let Some(l) = linter.as_mut() {
                l.activity(activity);
                cap.prune(&mut l.findings);
            }
        }
    })?;
    let Some(mut linter) = linter else {
        return Ok(Vec::new());
    };
    match read {
        ReadBack::Persons => linter.end_of_persons(),
        ReadBack::Document(doc) => {
            // Before the rules on the model, as in a tolerant reading (`lint_text`), so that
            // findings on the same element come in the same order either way.
            linter.written(&spelling::take(&kept));
            linter.document(&doc);
            dispose(doc);
        }
    }
    Ok(linter.findings)
}

/// What the validator and the rules found, the validator reading the stream once and
/// handing its record to a thread of its own, where the rules run as it reads on; `None`
/// for the rules' findings when the record cannot stand for the document.
fn check_apart<R: BufRead>(
    validator: &Validator,
    open: &impl Fn() -> std::io::Result<R>,
    options: &LintOptions,
    watch: &mut IdentityWatch,
) -> Result<(Report, Option<RuleFindings>, Cap), Error> {
    std::thread::scope(|scope| {
        let mut recorder = Recorder::new(HandOver {
            scope,
            options,
            limit: validator.max_diagnostics(),
            sender: None,
            returned: None,
            reader: None,
            stopped: false,
        });
        let observer = Watching {
            inner: &mut recorder,
            watch,
        };
        let validated = validator.validate_reader_observed(open()?, observer, Tokenizing::Inline);
        // The rest of the record, then the end of the channel: the reader ends too.
        let rest = recorder.take_record();
        recorder.sink().send(rest);
        let (linted, cap) = recorder.sink().finish();
        let report = validated?;
        // The record stands for the document only when the validator found it valid.
        let usable = report.is_valid() && recorder.broken().is_none();
        // A document kept whole was outlined as it was read: its findings are placed
        // from the outline, without reading the text again.
        let (linted, cap) = match linted {
            Some(findings) if usable => (Some(findings), cap),
            // The rules run again on a tolerant reading: what the cap dropped of a reading
            // that is not used does not count.
            _ => (None, Cap::new(validator.max_diagnostics())),
        };
        let linted = linted.map(|findings| {
            let placed = recorder.place(&paths_of(&findings));
            (findings, placed)
        });
        Ok::<_, Error>((report, linted, cap))
    })
}

/// The rules' findings on a document read once, with where the outline placed the elements
/// they name (`None` when the document was not outlined).
type RuleFindings = (
    Vec<(Finding, Severity)>,
    Option<std::collections::HashMap<String, crate::xml::record::Placed>>,
);

/// What the reading thread hands back: the rules' findings, and the cap that held them.
type Linted = (Result<Vec<(Finding, Severity)>, Error>, Cap);

/// Hands the record to the reading thread piece by piece. The thread starts with the
/// first piece, when the root is known and with it how many pieces may wait.
struct HandOver<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    options: &'env LintOptions,
    /// The per-file cap on findings, which the reading thread applies as it goes.
    limit: Option<usize>,
    sender: Option<mpsc::SyncSender<Record>>,
    /// Pieces the reader has read and sent back empty, to be filled again.
    returned: Option<mpsc::Receiver<Record>>,
    reader: Option<std::thread::ScopedJoinHandle<'scope, Linted>>,
    /// The reader stopped on something it could not read: nothing more is handed over.
    stopped: bool,
}

impl<'scope, 'env> HandOver<'scope, 'env> {
    fn send(&mut self, record: Record) {
        if self.stopped || record.len() == 0 {
            return;
        }
        if self.sender.is_none() && self.reader.is_none() {
            let in_flight = match record.first_name() {
                Some("friends") => LIST_PIECES_IN_FLIGHT,
                _ => PIECES_IN_FLIGHT,
            };
            let (sender, receiver) = mpsc::sync_channel::<Record>(in_flight);
            let (returns, returned) = mpsc::sync_channel::<Record>(SPARE_PIECES.min(in_flight));
            self.returned = Some(returned);
            let (options, limit) = (self.options, self.limit);
            self.reader = Some(self.scope.spawn(move || {
                let mut cap = Cap::new(limit);
                let linted = lint_recorded(
                    Arriving::new(receiver, returns),
                    options,
                    &mut cap,
                    drop_aside,
                );
                (linted, cap)
            }));
            self.sender = Some(sender);
        }
        if let Some(sender) = &self.sender {
            if sender.send(record).is_err() {
                self.sender = None;
                self.stopped = true;
            }
        }
    }

    /// Closes the channel and waits for the reader's findings, `None` when nothing was
    /// handed over or the reader failed, and the cap with what it dropped (a fresh one
    /// when there was no reader).
    fn finish(&mut self) -> (Option<Vec<(Finding, Severity)>>, Cap) {
        self.sender = None;
        match self.reader.take().map(std::thread::ScopedJoinHandle::join) {
            Some(Ok((linted, cap))) => (linted.ok(), cap),
            Some(Err(_)) | None => (None, Cap::new(self.limit)),
        }
    }
}

impl Sink for HandOver<'_, '_> {
    fn grown(&mut self, record: &mut Record) {
        if record.len() >= PIECE_BYTES {
            let spare = self
                .returned
                .as_ref()
                .and_then(|returned| returned.try_recv().ok())
                .unwrap_or_default();
            self.send(std::mem::replace(record, spare));
        }
    }
}

/// Frees a large document on a thread of its own, so that the findings need not wait for
/// the allocator to walk a model of millions of values. Nothing else waits for that
/// thread: when the program ends first, the memory goes with the process.
fn drop_aside(doc: Document) {
    // When no thread can be had, the closure, and the document with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("oscx-free".to_owned())
        .spawn(move || drop(doc));
}

/// Whether the document got as far as a root (the rules have something to look at).
fn well_formed(report: &Report) -> bool {
    !report
        .diagnostics()
        .iter()
        .any(|d| d.code.is_xml() && d.severity == Severity::Error)
}

/// The per-file cap on findings ([`Validator::max_diagnostics`]) applied to the rules'
/// findings: while a list is linted, so that a `friends` list or a feed with a finding in
/// every person or activity holds about the cap's worth of them at any time, and once they
/// are placed, keeping the first by position. The validator keeps its own first findings
/// under the same cap, so the file's report can keep the first of both (see `file_report`).
#[derive(Debug)]
pub(crate) struct Cap {
    /// How many findings may be kept; `None` for all.
    limit: Option<usize>,
    /// Findings held before the next pruning is worth its pass over them.
    prune_above: usize,
    /// Findings dropped so far.
    dropped: usize,
    /// How many of them were errors.
    dropped_errors: usize,
    /// How many of them were warnings.
    dropped_warnings: usize,
}

impl Cap {
    fn new(limit: Option<usize>) -> Self {
        Cap {
            limit,
            prune_above: limit.map_or(usize::MAX, |n| n.saturating_mul(2).max(64)),
            dropped: 0,
            dropped_errors: 0,
            dropped_warnings: 0,
        }
    }

    fn count(&mut self, severity: Severity) {
        self.dropped += 1;
        match severity {
            Severity::Error => self.dropped_errors += 1,
            Severity::Warning => self.dropped_warnings += 1,
            Severity::Info => {}
        }
    }

    /// Drops the findings that cannot be among the first `limit` by position: those in a
    /// person (or activity) after the first persons that hold `limit` findings between them.
    /// Persons come in document order, so every finding inside a later one lies after all
    /// of theirs. Findings outside every person or activity are kept: where they lie is
    /// known only once they are placed. Runs only when the findings have doubled since the
    /// last time, so that its cost stays in proportion to the findings.
    fn prune(&mut self, findings: &mut Vec<(Finding, Severity)>) {
        let Some(limit) = self.limit else { return };
        if findings.len() <= self.prune_above {
            return;
        }
        let mut units: Vec<usize> = findings.iter().filter_map(|(f, _)| unit(&f.path)).collect();
        if units.len() > limit {
            units.sort_unstable();
            // Units count from 1: with no room at all, every unit's findings go.
            let last_kept = limit.checked_sub(1).map_or(0, |i| units[i]);
            let mut dropped = Vec::new();
            findings.retain(|(f, severity)| {
                let keep = unit(&f.path).is_none_or(|n| n <= last_kept);
                if !keep {
                    dropped.push(*severity);
                }
                keep
            });
            for severity in dropped {
                self.count(severity);
            }
        }
        self.prune_above = self.prune_above.max(findings.len().saturating_mul(2));
    }

    /// Keeps the first `limit` of the placed findings by position, counting the rest, and
    /// adds what the cap dropped to the report's count of dropped findings.
    fn keep_first(&mut self, mut found: Vec<Diagnostic>, report: &mut Report) -> Vec<Diagnostic> {
        if let Some(limit) = self.limit {
            if found.len() > limit {
                found.sort_by_key(|d| (d.location.line, d.location.column));
                for d in found.drain(limit..) {
                    self.count(d.severity);
                }
            }
        }
        report.truncated += self.dropped;
        report.truncated_errors += self.dropped_errors;
        report.truncated_warnings += self.dropped_warnings;
        (self.dropped, self.dropped_errors, self.dropped_warnings) = (0, 0, 0);
        found
    }
}

/// The 1-based index of the person of a `friends` list, or of the activity of a feed, that
/// `path` lies in; `None` outside every one.
fn unit(path: &str) -> Option<usize> {
    let path = ElementPath::assembled(path.to_owned());
    path.index_below(&ElementPath::root("friends"), "person")
        .or_else(|| {
            let activities = ElementPath::root("activityFeed").child("activities");
            path.index_below(&activities, "activityDetails")
        })
}
