//! Checking files end to end: XSD validation, then the conformance rules, then the inline
//! suppressions ([`suppress`]), giving one [`Report`] per file. This is what
//! `oscx validate` runs for each path; programs that check captured payloads can call it
//! directly.
//!
//! [`check()`] checks one text as `oscx validate` does; a [`Checker`] is built once, with
//! settings, for many documents, and checks text, bytes, files and readers.
//!
//! ```
//! use osc_schema::check::Checker;
//! use osc_schema::lint::{Level, Method};
//!
//! let checker = Checker::default()
//!     .with_method(Some(Method::GetPeopleDetails))
//!     .with_levels([("OSC012", Level::Warn)])?
//!     .with_max_diagnostics(Some(50));
//! let xml = br#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <userID>u1</userID><gender>robot</gender></person>"#;
//! let checked = checker.check_bytes("person.xml", xml);
//! assert!(!checked.report.is_valid());
//! assert_eq!(checked.report.file(), "person.xml");
//! assert_eq!(checked.report.root(), Some("person"));
//! assert!(checked.report.diagnostics().iter().any(|d| d.code == "xsd::invalid-value"));
//! # Ok::<(), osc_schema::catalog::NotAllowable>(())
//! ```

pub mod baseline;
pub mod fingerprint;
mod fixable;
pub mod identity;
mod levels;
mod lines;
mod one_pass;
mod options;
mod spool;
pub mod suppress;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::catalog::Allowable;
pub use crate::catalog::NotAllowable;
use crate::diagnostic::Code;
pub use crate::diagnostic::Identities;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::lint::{LintOptions, Skipped};
use crate::xml::stream::Decoding;
use crate::xsd::{Report, Tokenizing, Validator};
use identity::IdentityWatch;
pub use lines::span_ends;
#[cfg(feature = "cli")]
pub(crate) use lines::{FileLines, read_at};
pub use spool::{Spool, anonymous_file};
use suppress::Suppression;

/// Files up to this size are read once and checked from memory by default; larger ones are
/// validated as streams, and `friends` lists linted as streams, so that memory stays flat.
/// Which way a file goes is a matter of memory and speed only: it must never change what is
/// found (see [`Checker::with_in_memory_limit`]).
pub const IN_MEMORY_LIMIT: u64 = 8 * 1024 * 1024;

/// Findings kept per document by default ([`Checker::default`], `oscx validate`'s
/// `--max-diagnostics`). Far more than a document with real mistakes has (the fixtures have
/// a few each), and enough to show the pattern of a systematic one, while a generated list
/// with a finding in each of a million persons costs about a megabyte of findings per file
/// instead of a gigabyte, in memory and in every report.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

/// What `oscx validate` reports for `text` without flags or a configuration file: XSD
/// validation for the generation the root's namespace names, the conformance rules, and the
/// document's inline suppressions with the findings about them, in the same order. The
/// report renders itself as the command line's code frames and as its JSON.
///
/// ```
/// let report = osc_schema::check(r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
///   <userID>u1</userID><gender>robot</gender></person>"#);
/// assert!(!report.is_valid());
/// for d in report.diagnostics() {
///     println!("{}:{} {} {}", d.location.line, d.location.column, d.code, d.message);
/// }
/// ```
///
/// For many documents, or with settings, build a [`Checker`] once.
pub fn check(text: &str) -> Report {
    Checker::default().check(text)
}

/// The name of a document checked as text ([`check()`], [`Checker::check`]) in its report
/// and its frames.
pub const TEXT_NAME: &str = "<text>";

/// How much of a source of unknown length is read into memory before it goes to a
/// [`Spool`]: most documents end within it, and need no temporary file.
const FIRST_PIECE: u64 = 64 * 1024;

/// A report and where the text of its findings can be read again for display
/// (the human printer reads it: `print::human::render_report`).
#[derive(Debug)]
pub struct Checked {
    /// The findings, with those the document's inline suppressions allow taken out.
    pub report: Report,
    /// The checked text, for code frames.
    pub source: Source,
    /// The document's inline suppressions (see [`suppress`]), each with how many findings
    /// it allowed.
    pub suppressions: Vec<Suppression>,
    /// Where a rule did not run because an element it reads could not be read (only in a
    /// document the schema refuses), in document order.
    pub skipped: Vec<Skipped>,
}

/// Where the lines around findings come from.
#[derive(Debug)]
pub enum Source {
    /// The decoded text, for documents checked in memory.
    Text(String),
    /// The file, read again around each finding (large files checked as streams).
    File(PathBuf),
    /// What was read of a large document of unknown length (standard input, a pipe),
    /// kept aside as it was checked, read again around each finding.
    Spooled(Arc<Spool>),
}

/// Runs XSD validation and, unless disabled, the conformance rules, then applies the
/// document's inline suppressions.
#[derive(Debug, Clone)]
pub struct Checker {
    validator: Validator,
    lint: Option<LintOptions>,
    in_memory_limit: u64,
    advice: levels::AdviceLevels,
    identities: bool,
}

impl Checker {
    /// A checker with this validator; `lint` is `None` for XSD validation only.
    pub fn new(validator: Validator, lint: Option<LintOptions>) -> Self {
        Checker {
            validator,
            lint,
            in_memory_limit: IN_MEMORY_LIMIT,
            advice: levels::AdviceLevels::new(),
            identities: false,
        }
    }

    /// Notes the identity of each person, activity and template while checking
    /// ([`Report::identities`]), which a baseline needs to know findings by who they
    /// are about rather than by position. Off by default: it costs time on every element.
    #[must_use]
    pub fn with_identities(mut self, on: bool) -> Self {
        self.identities = on;
        self
    }

    /// The size up to which [`Checker::check_path`] reads a file into memory; larger files
    /// are checked as streams. [`IN_MEMORY_LIMIT`] by default.
    ///
    /// A knob for memory and speed only: both ways must find the same findings in the same
    /// document, and tests set it to 0 to hold the stream path to that.
    ///
    /// ```
    /// use osc_schema::check::Checker;
    /// use osc_schema::Validator;
    ///
    /// // Every file as a stream, however small.
    /// let checker = Checker::new(Validator::auto(), None).with_in_memory_limit(0);
    /// # let _ = checker;
    /// ```
    #[must_use]
    pub fn with_in_memory_limit(mut self, bytes: u64) -> Self {
        self.in_memory_limit = bytes;
        self
    }

    /// Checks a document held as text (as if saved as UTF-8), named `<text>` in its report
    /// (as standard input is `<stdin>`): what `oscx validate` reports for
    /// it with this checker's settings.
    ///
    /// ```
    /// use osc_schema::{Target, check::Checker};
    ///
    /// let checker = Checker::default().with_target(Some(Target::Outlook2013)).with_max_diagnostics(Some(10));
    /// for text in [r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"/>"#] {
    ///     assert!(checker.check(text).is_valid());
    /// }
    /// ```
    pub fn check(&self, text: &str) -> Report {
        // As the bytes of a file holding the text: its declaration is read as a file's is,
        // so the findings are the command line's.
        self.check_bytes(TEXT_NAME, text.as_bytes()).report
    }

    /// Checks a document held in memory as bytes, decoded as `oscx validate` decodes a
    /// file (a byte order mark, else the encoding its declaration names); `name` labels the
    /// report.
    pub fn check_bytes(&self, name: &str, bytes: &[u8]) -> Checked {
        match crate::xml::decode::decode(bytes) {
            Ok(decoded) => self.check_decoded(name, decoded),
            Err(_) => self.check_undecodable(name, bytes),
        }
    }

    /// [`Checker::check_bytes`] for bytes read into a buffer of their own, which becomes
    /// the report's source text without a copy when it is plain UTF-8.
    fn check_owned(&self, name: &str, bytes: Vec<u8>) -> Checked {
        match crate::text::decode::decode_owned(bytes) {
            Ok(decoded) => self.check_decoded(name, decoded),
            Err(bytes) => self.check_undecodable(name, &bytes),
        }
    }

    /// The report on bytes that do not decode: it says why; there is nothing to lint.
    fn check_undecodable(&self, name: &str, bytes: &[u8]) -> Checked {
        let report = self.validator.validate_bytes(bytes);
        let mut report = file_report(
            name,
            report,
            Vec::new(),
            self.validator.max_diagnostics(),
            Identities::default(),
        );
        let text = String::from_utf8_lossy(bytes).into_owned();
        let suppressions = suppress::apply(&mut report, &text);
        levels::apply(&self.advice, &mut report);
        fixable::confirm(&mut report, || false);
        let source = Source::Text(text);
        ends(&source, &mut report);
        Checked {
            report,
            source,
            suppressions,
            skipped: Vec::new(),
        }
    }

    /// Whether the findings of `what` were looked for in a document where the rules were
    /// `skipped` as said: an advice code's always, a rule's when it ran on every part.
    fn ran(&self, what: Allowable, skipped: &[Skipped]) -> bool {
        match what {
            Allowable::Advice(_) => true,
            Allowable::Rule(id) => {
                let enabled = self.lint.as_ref().is_some_and(|options| {
                    crate::lint::rules::find(id)
                        .is_some_and(|rule| options.config.severity(rule.info()).is_some())
                });
                enabled && !skipped.iter().any(|s| s.rule == id)
            }
        }
    }

    /// Checks decoded text.
    fn check_decoded(&self, name: &str, decoded: crate::text::decode::Decoded<'_>) -> Checked {
        let mut watch = IdentityWatch::new(self.identities);
        let (report, found, skipped) = match &self.lint {
            Some(options) => {
                let outcome = one_pass::check_text(
                    &self.validator,
                    &decoded.text,
                    decoded.warnings,
                    options,
                    &mut watch,
                );
                (outcome.report, outcome.found, outcome.skipped)
            }
            None if watch.is_on() => {
                let report = self.validator.validate_text_observed(
                    &decoded.text,
                    decoded.warnings,
                    &mut watch,
                );
                (report, Vec::new(), Vec::new())
            }
            None => {
                let report =
                    self.validator
                        .validate_text_observed(&decoded.text, decoded.warnings, ());
                (report, Vec::new(), Vec::new())
            }
        };
        let mut report = file_report(
            name,
            report,
            found,
            self.validator.max_diagnostics(),
            watch.finish(),
        );
        let suppressions =
            suppress::apply_judging(&mut report, &decoded.text, &|a| self.ran(a, &skipped));
        levels::apply(&self.advice, &mut report);
        let limits = self.validator.limits();
        fixable::confirm(&mut report, || fixable::in_text(&decoded.text, limits));
        let source = Source::Text(decoded.text.into_owned());
        ends(&source, &mut report);
        Checked {
            report,
            source,
            suppressions,
            skipped,
        }
    }

    /// Checks a file. Files up to the in-memory limit (see
    /// [`Checker::with_in_memory_limit`]) are read once and checked in memory; larger ones
    /// are validated as a stream, and linted in the same pass when they are valid (a
    /// `friends` list person by person).
    ///
    /// What is not a regular file of known size — a pipe, a device such as `/dev/zero`, a
    /// `/proc` file that says it is empty — is taken in as [`Checker::check_reader`] takes
    /// any reader: never more than the in-memory limit in memory, nor more than the
    /// document's limits let the validator read.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read.
    pub fn check_path(&self, name: &str, path: &Path) -> Result<Checked, Error> {
        // One open for the size and the bytes: for many small files, the calls into the
        // system are a fair part of the cost of each.
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_file() && meta.len() > self.in_memory_limit {
            drop(file);
            // A regular file can be opened again for each reading.
            let plain = || File::open(path).map(|f| BufReader::with_capacity(1 << 16, f));
            let within = |n| Ok(meta.len() <= n);
            return self.check_stream(name, plain, within, || Source::File(path.to_owned()));
        }
        // The size said is a hint only: a `/proc` file says 0, and a file may grow.
        self.take_in(name, file, meta.is_file().then_some(meta.len()))
    }

    /// Checks the document `reader` gives, such as standard input; `name` labels the
    /// report. Read up to one byte past the in-memory limit, a document that ended is
    /// checked in memory like [`Checker::check_bytes`]; a longer one is kept in an anonymous
    /// temporary file as far as the checks read it, and checked as a stream like a large
    /// file. Either way memory stays bounded whatever the reader gives, and the findings are
    /// those of the same bytes in a file.
    ///
    /// Reading stops where the validator stops: a document refused early (or past
    /// [`crate::Limits::max_input_bytes`]) is not read to its end.
    ///
    /// ```
    /// use osc_schema::check::Checker;
    /// use osc_schema::Validator;
    ///
    /// let checker = Checker::new(Validator::auto(), None);
    /// // A source that never ends is refused where it goes wrong, in bounded memory.
    /// let checked = checker.check_reader("<zeros>", std::io::repeat(0)).unwrap();
    /// assert!(!checked.report.is_valid());
    /// assert!(checked.report.diagnostics()[0].code.is_xml());
    /// ```
    ///
    /// # Errors
    /// [`Error::Io`] when the reader fails, or no temporary file can be written.
    pub fn check_reader(
        &self,
        name: &str,
        reader: impl Read + Send + 'static,
    ) -> Result<Checked, Error> {
        self.take_in(name, reader, None)
    }

    /// [`Checker::check_reader`]; `size` is what the file system says a regular file holds.
    fn take_in(
        &self,
        name: &str,
        mut reader: impl Read + Send + 'static,
        size: Option<u64>,
    ) -> Result<Checked, Error> {
        let bound = self.in_memory_limit.saturating_add(1);
        // A file that says it is small is most likely so (a `/proc` file says 0 and is
        // small too): read into memory up to the bound. A source of unknown length is read
        // into memory only for a first piece, where most documents end; past it, into the
        // spool, so that a long one never holds the in-memory limit in memory on top of what
        // its stream checking takes.
        let first = if size.is_some() {
            bound
        } else {
            FIRST_PIECE.min(bound)
        };
        let room = size.map_or(first, |size| size.min(first));
        let mut head = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
        // Through `take`, which asks the system for the size and position no second
        // time (a file's own `read_to_end` does, to size its buffer).
        (&mut reader).take(first).read_to_end(&mut head)?;
        if (head.len() as u64) < first {
            // The source ended, within the in-memory limit.
            return Ok(self.check_owned(name, head));
        }
        let spool = Arc::new(Spool::new(&head, reader, self.spool_cap())?);
        drop(head);
        if let Some(len) = spool.fill_to(bound)? {
            // It ended within the in-memory limit after all: checked in memory, as a file
            // of that length is.
            let bytes = spool.read_copied(0, usize::try_from(len).unwrap_or(usize::MAX))?;
            return Ok(self.check_owned(name, bytes));
        }
        let open = || Ok(BufReader::with_capacity(1 << 16, spool.reader()));
        // Whether it ends within `n` bytes: copied as far as that to tell.
        let within = |n: u64| Ok(spool.fill_to(n.saturating_add(1))?.is_some());
        let checked = self.check_stream(name, open, within, || Source::Spooled(Arc::clone(&spool)));
        spool.close_source();
        checked
    }

    /// How much of a source of unknown length may be copied: enough that the validator
    /// always reaches the finding it would make in the same bytes from a file. That is
    /// [`crate::Limits::max_input_bytes`] of text and one more event, as long as a value may
    /// be (past that the event is refused too) — doubled, as UTF-16 takes up to two bytes for
    /// each byte of text — and a byte order mark.
    fn spool_cap(&self) -> u64 {
        let limits = self.validator.limits();
        let value = u64::try_from(limits.max_value_bytes).unwrap_or(u64::MAX);
        limits
            .max_input_bytes
            .saturating_add(value.saturating_mul(2))
            .saturating_add(1 << 16)
            .saturating_mul(2)
            .saturating_add(4)
    }

    /// Checks a document too large to hold, read again through `plain` for each reading;
    /// `within(n)` tells whether it is at most `n` bytes long, `source` says where its lines
    /// are read for display.
    fn check_stream<R: Read>(
        &self,
        name: &str,
        plain: impl Fn() -> std::io::Result<BufReader<R>>,
        within: impl FnOnce(u64) -> std::io::Result<bool>,
        source: impl FnOnce() -> Source,
    ) -> Result<Checked, Error> {
        // Every reading notes whether the bytes mention a suppression, so that the
        // document is scanned for them only when it may have some.
        let (mentioned, ended) = (AtomicBool::new(false), AtomicBool::new(false));
        let open = || plain().map(|r| suppress::Marked::new(r, &mentioned, &ended));
        let mut watch = IdentityWatch::new(self.identities);
        let (mut report, found, skipped) = match &self.lint {
            Some(options) => {
                let outcome = one_pass::check_stream(&self.validator, open, options, &mut watch)?;
                (outcome.report, outcome.found, outcome.skipped)
            }
            None if watch.is_on() => (
                self.validator
                    .validate_reader_observed(open()?, &mut watch, Tokenizing::Ahead)?,
                Vec::new(),
                Vec::new(),
            ),
            None => (
                self.validator.validate_reader(open()?)?,
                Vec::new(),
                Vec::new(),
            ),
        };
        let undecodable = report
            .diagnostics()
            .iter()
            .any(|d| d.code == Code::Encoding);
        const WHOLE_TEXT_LIMIT: u64 = 8 * IN_MEMORY_LIMIT;
        if undecodable && within(WHOLE_TEXT_LIMIT)? {
            // A stream can place undecodable bytes only at the start of the event holding
            // them; the whole text pins down the very byte.
            let mut bytes = Vec::new();
            plain()?
                .take(WHOLE_TEXT_LIMIT + 1)
                .read_to_end(&mut bytes)?;
            if bytes.len() as u64 <= WHOLE_TEXT_LIMIT {
                report = self.validator.validate_bytes(&bytes);
            }
        }
        let mut report = file_report(
            name,
            report,
            found,
            self.validator.max_diagnostics(),
            watch.finish(),
        );
        let suppressions = if suppress::well_formed(&report) {
            // When no reading went to the end, the bytes none of them saw are looked
            // through for a mention as well.
            let maybe = mentioned.load(Ordering::Relaxed)
                || (!ended.load(Ordering::Relaxed) && suppress::mentioned_in(plain()?)?);
            let found = if maybe {
                Decoding::new(plain()?).map_or_else(|_| Vec::new(), suppress::scan)
            } else {
                Vec::new()
            };
            suppress::allow(&mut report, found, &|a| self.ran(a, &skipped))
        } else {
            Vec::new()
        };
        levels::apply(&self.advice, &mut report);
        let limits = self.validator.limits();
        fixable::confirm(&mut report, || fixable::in_stream(plain(), limits));
        let source = source();
        ends(&source, &mut report);
        Ok(Checked {
            report,
            source,
            suppressions,
            skipped,
        })
    }
}

/// Works out where each finding's span ends, from the checked text or read again around
/// each finding: every report but the human one says it.
fn ends(source: &Source, report: &mut Report) {
    span_ends(source, &mut report.diagnostics);
}

/// Drops the schema findings that a rule's finding about the same element explains (see
/// [`crate::lint::Rule::explains`]): one mistake, one finding.
fn drop_explained(diagnostics: &mut Vec<Diagnostic>) {
    let explained: Vec<(Code, String)> = diagnostics
        .iter()
        .filter_map(|d| match d.code {
            Code::Rule(id) => crate::lint::rules::find(id)?
                .explains()
                .map(|code| (code, d.location.path.clone())),
            _ => None,
        })
        .collect();
    if explained.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        !explained
            .iter()
            .any(|(code, path)| d.code == *code && d.location.path == *path)
    });
}

/// The report of a file from the validator's report and the rules' findings. Each kept its
/// first findings by position under the cap (`limit`, see
/// [`Validator::with_max_diagnostics`]); of those, the first `limit` by position are kept
/// here, so that the cap holds for all findings together, and the rest are counted with
/// what each had dropped. Not-well-formed findings are always kept, as the validator keeps them.
fn file_report(
    name: &str,
    mut report: Report,
    found: Vec<Diagnostic>,
    limit: Option<usize>,
    identities: Identities,
) -> Report {
    let mut diagnostics = std::mem::take(&mut report.diagnostics);
    diagnostics.extend(found);
    drop_explained(&mut diagnostics);
    diagnostics.sort_by_key(|d| (d.location.line, d.location.column));
    let (mut truncated, mut truncated_errors, mut truncated_warnings) = (
        report.truncated(),
        report.truncated_errors(),
        report.truncated_warnings(),
    );
    if let Some(limit) = limit.filter(|&n| diagnostics.len() > n) {
        let mut seen = 0;
        diagnostics.retain(|d| {
            seen += 1;
            let keep = seen <= limit || (d.code.is_xml() && d.severity == Severity::Error);
            if !keep {
                truncated += 1;
                truncated_errors += usize::from(d.severity == Severity::Error);
                truncated_warnings += usize::from(d.severity == Severity::Warning);
            }
            keep
        });
    }
    Report {
        file: name.to_owned(),
        root: report.root,
        target: report.target,
        diagnostics,
        truncated,
        truncated_errors,
        truncated_warnings,
        unreadable: None,
        identities,
        events: report.events,
    }
}
