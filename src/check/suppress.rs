//! Inline suppressions: an XML comment just before an element, `<!-- oscx-allow OSC012:
//! reason -->`, allows the named rules' findings on that element and inside it. The reason
//! is required; a suppression without one suppresses nothing and is itself reported
//! (`oscx::suppression-without-reason`).
//!
//! [`Checker`](super::Checker) applies them to every document it checks, in memory or as a
//! stream, and returns them in [`Checked::suppressions`](super::Checked::suppressions):
//!
//! ```
//! use osc_schema::check::Checker;
//! use osc_schema::lint::LintOptions;
//! use osc_schema::Validator;
//!
//! let xml = r#"<capabilities xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <getFriends>false</getFriends>
//!   <cacheFriends>false</cacheFriends>
//!   <followPerson>false</followPerson>
//!   <doNotFollowPerson>false</doNotFollowPerson>
//!   <getActivities>false</getActivities>
//!   <cacheActivities>false</cacheActivities>
//!   <displayUrl>false</displayUrl>
//!   <useLogonWebAuth>false</useLogonWebAuth>
//!   <!-- oscx-allow OSC012: friends come from the address book, not from us -->
//!   <dynamicContactsLookup>true</dynamicContactsLookup>
//!   <hashFunction>SHA1</hashFunction>
//! </capabilities>"#;
//! let checker = Checker::new(Validator::auto(), Some(LintOptions::default()));
//! let checked = checker.check_bytes("caps.xml", xml.as_bytes());
//! assert_eq!(checked.suppressions[0].rules, ["OSC012"]);
//! assert_eq!(checked.suppressions[0].allowed, 1);
//! assert!(checked.report.is_valid());
//! assert!(checked.report.diagnostics().iter().all(|d| d.code != "OSC012"));
//! ```
//!
//! One scanner finds them for both ways of checking, so a document's size cannot change
//! which findings they allow. A stream is scanned again only when its bytes mention
//! `oscx-allow`, which `Marked` notices while the validator reads them.

use std::io::{self, BufRead, Read};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use quick_xml::events::Event;

use crate::Report;
use crate::catalog::{self, Allowable, NotAllowable};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::TextPos;
use crate::markup::{self, Scopes};
use crate::text::quoted;
use crate::xml::tracked::Tracked;

/// The code of a suppression that gives no reason (the catalogue declares it).
pub const WITHOUT_REASON: Code = catalog::WITHOUT_REASON;

/// The code of a name in a suppression that is no rule or advice code, or a schema error.
pub const UNKNOWN_RULE: Code = catalog::UNKNOWN_RULE;

/// The code of a suppression, or a name in one, that allowed no finding.
pub const UNUSED: Code = catalog::UNUSED_SUPPRESSION;

/// The word that starts a suppression comment.
const MARKER: &str = "oscx-allow";

/// One `oscx-allow` comment and what it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The rules (or codes) it allows.
    pub rules: Vec<String>,
    /// Why; `None` when the comment gives none.
    pub reason: Option<String>,
    /// Where the comment starts: a byte offset, and the 1-based line and column.
    pub offset: usize,
    /// The byte offset just past the comment.
    pub end: usize,
    /// See `offset`.
    pub line: u32,
    /// See `offset`.
    pub column: u32,
    /// The byte range of the element it stands before (start tag to end tag); for the
    /// root, from the document's start, so that the prolog's findings are covered too.
    pub element: Range<usize>,
    /// How many findings it allowed.
    pub allowed: usize,
}

/// The suppressions of a document's text (none when it does not parse as XML).
pub fn suppressions(text: &str) -> Vec<Suppression> {
    // Most documents have none: a substring search spares them the scan. Memchr's
    // vectorised one, as for a stream, which costs two thirds of the standard library's.
    if memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_none() {
        return Vec::new();
    }
    scan(text.as_bytes())
}

/// Removes the findings that the document's suppressions allow, reports suppressions
/// without a reason, and returns the suppressions with how many findings each allowed.
///
/// [`Checker`](super::Checker) already does this for the reports it makes; this is for
/// reports put together otherwise. A report whose document is not well-formed keeps its
/// findings: its suppressions cannot be told apart from the rest of a broken text.
pub fn apply(report: &mut Report, text: &str) -> Vec<Suppression> {
    apply_judging(report, text, &|_| true)
}

/// Whether a name in a suppression that allowed nothing is reported: only when its findings
/// were looked for. A rule that did not run (`--no-lint`, allowed, or skipped where what it
/// reads could not be read) may have findings the suppression is there for.
pub(crate) type Judged<'a> = &'a dyn Fn(Allowable) -> bool;

/// [`apply`], reporting only the unused names `judged` says were looked for.
pub(crate) fn apply_judging(
    report: &mut Report,
    text: &str,
    judged: Judged<'_>,
) -> Vec<Suppression> {
    if !well_formed(report) {
        return Vec::new();
    }
    allow(report, suppressions(text), judged)
}

/// Whether the report's document was read as XML to the end: no `xml::` error.
pub(crate) fn well_formed(report: &Report) -> bool {
    !report
        .diagnostics
        .iter()
        .any(|d| d.code.is_xml() && d.severity == Severity::Error)
}

/// Applies `found` to `report` (see [`apply`]) and returns it with the counts filled in.
/// Each name a suppression gives is what [`catalog::allowable`] says it is: a name that is
/// not a rule or an advice code, one in another case (`osc012`) and a schema error's code
/// allow nothing and are reported ([`UNKNOWN_RULE`]); a name that allowed no finding is
/// reported too ([`UNUSED`]) when `judged` says its findings were looked for, so that a
/// suppression never outlives its finding unseen.
pub(crate) fn allow(
    report: &mut Report,
    mut found: Vec<Suppression>,
    judged: Judged<'_>,
) -> Vec<Suppression> {
    if found.is_empty() {
        return found;
    }
    let meant: Vec<Vec<Result<Allowable, NotAllowable>>> = found
        .iter()
        .map(|s| {
            s.rules
                .iter()
                .map(|name| catalog::allowable(name))
                .collect()
        })
        .collect();
    // How many findings each name of each suppression allowed.
    let mut counts: Vec<Vec<usize>> = meant.iter().map(|names| vec![0; names.len()]).collect();
    report.diagnostics.retain(|d| {
        let start = d.location.span.start;
        let allowing = found.iter().enumerate().find_map(|(i, s)| {
            if s.reason.is_none() || !s.element.contains(&start) {
                return None;
            }
            let name = meant[i]
                .iter()
                .position(|m| matches!(m, Ok(a) if d.code == a.code()))?;
            Some((i, name))
        });
        match allowing {
            Some((i, name)) => {
                found[i].allowed += 1;
                counts[i][name] += 1;
                false
            }
            None => true,
        }
    });
    for (i, s) in found.iter().enumerate() {
        for (name, m) in s.rules.iter().zip(&meant[i]) {
            if let Err(why) = m {
                report.diagnostics.push(unknown(s, name, why));
            }
        }
        if s.reason.is_none() {
            report.diagnostics.push(without_reason(s));
            continue;
        }
        if s.rules.is_empty() {
            report.diagnostics.push(
                at_comment(s, UNUSED, "`oscx-allow` names nothing to allow".to_owned()).with_help(
                    "name the rule after `oscx-allow`: `<!-- oscx-allow OSC012: why -->`",
                ),
            );
        }
        for ((name, m), &count) in s.rules.iter().zip(&meant[i]).zip(&counts[i]) {
            if matches!(m, Ok(a) if count == 0 && judged(*a)) {
                report.diagnostics.push(unused(s, name));
            }
        }
    }
    report
        .diagnostics
        .sort_by_key(|d| (d.location.line, d.location.column));
    found
}

/// A finding of `code` on the comment of `s`.
fn at_comment(s: &Suppression, code: Code, message: String) -> Diagnostic {
    Diagnostic::new(
        code,
        Severity::Warning,
        message,
        Location {
            end: None,
            path: String::new(),
            span: s.offset..s.end,
            line: s.line,
            column: s.column,
        },
    )
}

fn without_reason(s: &Suppression) -> Diagnostic {
    at_comment(
        s,
        WITHOUT_REASON,
        format!(
            "`oscx-allow {}` gives no reason, so it allows nothing",
            s.rules.join(", ")
        ),
    )
    .with_help("write the reason after a colon: `<!-- oscx-allow OSC012: why -->`")
}

/// The finding on a name that cannot be allowed.
fn unknown(s: &Suppression, name: &str, why: &NotAllowable) -> Diagnostic {
    let shown = quoted(name);
    match why {
        NotAllowable::SchemaError(_) => at_comment(
            s,
            UNKNOWN_RULE,
            format!("{shown} is a schema error, which cannot be allowed"),
        )
        .with_help(
            "correct the document: Outlook does not read what the schema refuses; only rules \
             and advice codes can be allowed",
        ),
        NotAllowable::Unknown {
            suggestion: Some(meant),
        } => at_comment(
            s,
            UNKNOWN_RULE,
            format!("{shown} is not a rule or code, so it allows nothing; did you mean `{meant}`?"),
        )
        .with_help(format!("write it as the rule is named: `{meant}`")),
        NotAllowable::Unknown { suggestion: None } => at_comment(
            s,
            UNKNOWN_RULE,
            format!("{shown} is not a rule or code, so it allows nothing"),
        )
        .with_help("`oscx rules` lists the rules; `oscx explain CODE` says what a code is"),
    }
}

/// The finding on a name that allowed nothing.
fn unused(s: &Suppression, name: &str) -> Diagnostic {
    at_comment(
        s,
        UNUSED,
        format!(
            "`oscx-allow` {} allowed nothing: the element after it has no such finding",
            quoted(name)
        ),
    )
    .with_help(
        "remove the name, or the comment; a suppression left behind would hide a new finding",
    )
}

/// The suppressions of decoded text read from `input`, in one pass that holds only the
/// open elements; none when the text is not well-formed XML or has a document type.
pub(crate) fn scan<R: BufRead>(input: R) -> Vec<Suppression> {
    scan_events(input).unwrap_or_default()
}

fn scan_events<R: BufRead>(input: R) -> Option<Vec<Suppression>> {
    let mut reader = markup::reader(Tracked::new(input));
    let mut scopes = Scopes::new();
    let mut buf = Vec::new();
    let mut found: Vec<Suppression> = Vec::new();
    // Comments among the current element's children since its last child element: they
    // stand before the next one, unless text comes between.
    let mut waiting: Vec<Suppression> = Vec::new();
    // For each open element, the indexes in `found` of the suppressions standing before it.
    let mut open: Vec<Vec<usize>> = Vec::new();
    loop {
        let at = usize::try_from(reader.buffer_position()).ok()?;
        let TextPos { line, column } = reader.get_mut().pos();
        buf.clear();
        let event = reader.read_event_into(&mut buf).ok()?;
        scopes.take(&event).ok()?;
        let after = usize::try_from(reader.buffer_position()).ok()?;
        match event {
            Event::Comment(body) => {
                if let Some((rules, reason)) = parse(&body.into_inner()) {
                    waiting.push(Suppression {
                        rules,
                        reason,
                        offset: at,
                        end: after,
                        line,
                        column,
                        element: at..at,
                        allowed: 0,
                    });
                }
            }
            Event::Start(_) => {
                let from = covered_from(&open, at);
                open.push(stand_before(&mut waiting, &mut found, from));
            }
            Event::Empty(_) => {
                let from = covered_from(&open, at);
                for i in stand_before(&mut waiting, &mut found, from) {
                    found[i].element.end = after;
                }
            }
            Event::End(_) => {
                waiting.clear();
                for i in open.pop()? {
                    found[i].element.end = after;
                }
            }
            Event::Text(text) => {
                if !text.into_inner().trim().is_empty() {
                    waiting.clear();
                }
            }
            Event::CData(text) => {
                if !text.into_inner().trim().is_empty() {
                    waiting.clear();
                }
            }
            Event::GeneralRef(reference) => {
                // Only a character reference can stand for blank text.
                if !matches!(reference.resolve_char_ref(), Ok(Some(c)) if c.is_whitespace()) {
                    waiting.clear();
                }
            }
            Event::DocType(_) => return None,
            Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !open.is_empty() {
        return None;
    }
    found.sort_by_key(|s| s.offset);
    Some(found)
}

/// Where what a suppression before the element starting at `at` covers starts: the
/// element's start, or the document's for the root, so that a suppression before the root
/// also reaches the findings on the prolog (`xml::encoding-mismatch` on the declaration).
fn covered_from(open: &[Vec<usize>], at: usize) -> usize {
    if open.is_empty() { 0 } else { at }
}

/// Moves the waiting suppressions to `found`, for the element starting at `at`, and
/// returns their indexes there.
fn stand_before(
    waiting: &mut Vec<Suppression>,
    found: &mut Vec<Suppression>,
    at: usize,
) -> Vec<usize> {
    let first = found.len();
    found.extend(waiting.drain(..).map(|mut s| {
        s.element = at..at;
        s
    }));
    (first..found.len()).collect()
}

/// The rules and reason of a comment's body, when it is a suppression.
fn parse(body: &str) -> Option<(Vec<String>, Option<String>)> {
    let rest = body.trim().strip_prefix(MARKER)?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let (rules, reason) = match reason_colon(rest) {
        Some(at) => {
            let reason = rest[at + 1..].trim();
            (&rest[..at], Some(reason).filter(|r| !r.is_empty()))
        }
        None => (rest, None),
    };
    let rules = rules
        .split([',', ' ', '\t', '\n'])
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    Some((rules, reason.map(str::to_owned)))
}

/// Where the colon that ends the names and starts the reason is: the first one that is not
/// half of the `::` inside a code such as `xml::encoding-mismatch`.
fn reason_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = memchr::memchr(b':', &bytes[at..]) {
        let colon = at + found;
        if bytes.get(colon + 1) == Some(&b':') {
            at = colon + 2;
            continue;
        }
        return Some(colon);
    }
    None
}

/// `oscx-allow` as the bytes of each encoding a document may come in: UTF-8 (and ASCII),
/// UTF-16LE and UTF-16BE.
const SPELLINGS: [&[u8]; 3] = [
    b"oscx-allow",
    b"o\0s\0c\0x\0-\0a\0l\0l\0o\0w\0",
    b"\0o\0s\0c\0x\0-\0a\0l\0l\0o\0w",
];
/// The longest spelling: bytes kept from one piece to find a mention split across two.
const LONGEST: usize = 20;

/// Passes a stream through, noticing whether its bytes mention `oscx-allow`, so that a
/// document checked as a stream is scanned for suppressions only when it may have some,
/// without being read for that alone.
pub(crate) struct Marked<'a, R> {
    inner: R,
    /// Set once a mention was seen; shared by every reading of one document.
    mentioned: &'a AtomicBool,
    /// Set once a reading reached the end, every byte having passed.
    ended: &'a AtomicBool,
    /// The last bytes passed, for a mention split between two pieces.
    tail: Vec<u8>,
}

impl<'a, R: BufRead> Marked<'a, R> {
    /// Wraps `inner`, reporting to the two flags.
    pub(crate) fn new(inner: R, mentioned: &'a AtomicBool, ended: &'a AtomicBool) -> Self {
        Marked {
            inner,
            mentioned,
            ended,
            tail: Vec::with_capacity(2 * LONGEST),
        }
    }
}

/// Whether `piece`, the bytes after those `tail` ends, completes a mention, counting one
/// that starts in `tail`; `tail` then keeps the last bytes of both.
fn look(tail: &mut Vec<u8>, piece: &[u8]) -> bool {
    // A mention that ends in `piece` but starts before it lies in these bytes.
    const KEEP: usize = LONGEST - 1;
    tail.extend_from_slice(&piece[..piece.len().min(KEEP)]);
    let seen = mentions(tail) || mentions(piece);
    if piece.len() >= KEEP {
        tail.clear();
        tail.extend_from_slice(&piece[piece.len() - KEEP..]);
    } else {
        let excess = tail.len().saturating_sub(KEEP);
        tail.drain(..excess);
    }
    seen
}

/// Whether `bytes` hold one of the [`SPELLINGS`] whole. Every byte of a stream passes
/// through here, so the search is memchr's vectorised one rather than a loop over bytes.
fn mentions(bytes: &[u8]) -> bool {
    SPELLINGS
        .iter()
        .any(|spelling| memchr::memmem::find(bytes, spelling).is_some())
}

/// Reads `input` to the end only to tell whether it mentions `oscx-allow`.
pub(crate) fn mentioned_in<R: BufRead>(input: R) -> io::Result<bool> {
    let (mentioned, ended) = (AtomicBool::new(false), AtomicBool::new(false));
    let mut marked = Marked::new(input, &mentioned, &ended);
    loop {
        let n = marked.fill_buf()?.len();
        if n == 0 || mentioned.load(Ordering::Relaxed) {
            return Ok(mentioned.load(Ordering::Relaxed));
        }
        marked.consume(n);
    }
}

impl<R: BufRead> Read for Marked<'_, R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        // Straight through, so that a large read skips the inner buffer as it would
        // without this wrapper.
        let n = self.inner.read(out)?;
        if n == 0 && !out.is_empty() {
            self.ended.store(true, Ordering::Relaxed);
        } else if !self.mentioned.load(Ordering::Relaxed) && look(&mut self.tail, &out[..n]) {
            self.mentioned.store(true, Ordering::Relaxed);
        }
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Marked<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let available = self.inner.fill_buf()?;
        if available.is_empty() {
            self.ended.store(true, Ordering::Relaxed);
        }
        Ok(available)
    }

    fn consume(&mut self, amount: usize) {
        if !self.mentioned.load(Ordering::Relaxed) {
            // The bytes consumed are the start of what the last `fill_buf` returned, which
            // a buffered reader hands out again without reading.
            if let Ok(buffered) = self.inner.fill_buf() {
                if look(&mut self.tail, &buffered[..amount.min(buffered.len())]) {
                    self.mentioned.store(true, Ordering::Relaxed);
                }
            }
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `bytes`, handed over `piece` bytes at a time, are seen to mention the marker;
    /// asserts that both ways of reading (buffered and plain) agree.
    fn seen_in_pieces(bytes: &[u8], piece: usize) -> bool {
        let (mentioned, ended) = (AtomicBool::new(false), AtomicBool::new(false));
        let reader = io::BufReader::with_capacity(piece, bytes);
        let mut marked = Marked::new(reader, &mentioned, &ended);
        loop {
            let n = marked.fill_buf().expect("in memory").len();
            if n == 0 {
                break;
            }
            marked.consume(n);
        }
        assert!(ended.load(Ordering::Relaxed));
        let buffered = mentioned.load(Ordering::Relaxed);
        let (mentioned, ended) = (AtomicBool::new(false), AtomicBool::new(false));
        let mut marked = Marked::new(io::BufReader::new(bytes), &mentioned, &ended);
        let mut out = vec![0; piece];
        while marked.read(&mut out).expect("in memory") > 0 {}
        assert!(ended.load(Ordering::Relaxed));
        assert_eq!(
            mentioned.load(Ordering::Relaxed),
            buffered,
            "pieces of {piece}"
        );
        buffered
    }

    fn utf16(text: &str, unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        text.encode_utf16().flat_map(unit).collect()
    }

    #[test]
    fn a_mention_is_seen_in_every_encoding_however_the_bytes_are_split() {
        let text = "<a>\n  <!-- oscx-allow OSC031: two recipients -->\n  <b/>\n</a>";
        let encodings = [
            text.as_bytes().to_vec(),
            utf16(text, u16::to_le_bytes),
            utf16(text, u16::to_be_bytes),
        ];
        for bytes in &encodings {
            for piece in 1..=bytes.len() {
                assert!(seen_in_pieces(bytes, piece), "pieces of {piece}");
            }
        }
    }

    #[test]
    fn no_mention_is_seen_where_there_is_none() {
        let text = "<a><!-- oscx-allo w --><w>wow</w><oscx-allowed/></a>";
        for piece in 1..=text.len() {
            // `oscx-allowed` does mention the marker: the flag only spares a scan.
            assert!(seen_in_pieces(text.as_bytes(), piece));
        }
        let text = "<a><!-- oscx-allo w --><w>wow</w></a>";
        for piece in 1..=text.len() {
            assert!(!seen_in_pieces(text.as_bytes(), piece), "pieces of {piece}");
        }
    }

    #[test]
    fn a_suppression_covers_the_next_element_past_blank_text_comments_and_references() {
        let text =
            "<a>\n  <!-- oscx-allow OSC1, OSC2: why -->\n  <!-- other -->&#32;\n  <b>x</b>\n</a>";
        let found = suppressions(text);
        assert_eq!(found.len(), 1);
        let s = &found[0];
        assert_eq!(s.rules, ["OSC1", "OSC2"]);
        assert_eq!(s.reason.as_deref(), Some("why"));
        assert_eq!((s.line, s.column, s.offset), (2, 3, 6));
        assert_eq!(&text[s.element.clone()], "<b>x</b>");
    }

    #[test]
    fn text_or_the_end_of_the_parent_comes_between_and_nothing_is_covered() {
        for text in [
            "<a><!-- oscx-allow OSC1: why -->text<b/></a>",
            "<a><!-- oscx-allow OSC1: why -->&amp;<b/></a>",
            "<a><c><!-- oscx-allow OSC1: why --></c><b/></a>",
            "<a/><!-- oscx-allow OSC1: why -->",
        ] {
            assert_eq!(suppressions(text), [], "{text}");
        }
    }

    #[test]
    fn before_the_root_it_covers_the_whole_document_and_an_empty_element_is_covered() {
        let text = "<?xml version=\"1.0\"?>\n<!-- oscx-allow OSC1 -->\n<a><!-- oscx-allow OSC2: y --><b/></a>";
        let found = suppressions(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].reason, None);
        // From the document's start: the declaration's findings are the document's too.
        assert_eq!(&text[found[0].element.clone()], text);
        assert_eq!(&text[found[1].element.clone()], "<b/>");
    }

    #[test]
    fn a_code_with_a_double_colon_is_one_name_before_the_reason() {
        for (body, names, reason) in [
            (
                " oscx-allow xml::encoding-mismatch, OSC012: saved as UTF-8 ",
                vec!["xml::encoding-mismatch", "OSC012"],
                Some("saved as UTF-8"),
            ),
            (
                " oscx-allow xsd::no-namespace",
                vec!["xsd::no-namespace"],
                None,
            ),
            (" oscx-allow OSC1::", vec!["OSC1::"], None),
            (" oscx-allow OSC1: a::b", vec!["OSC1"], Some("a::b")),
        ] {
            let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
            assert_eq!(
                parse(body),
                Some((names, reason.map(str::to_owned))),
                "{body}"
            );
        }
    }

    #[test]
    fn text_that_is_not_xml_has_none() {
        for text in [
            "<a><!-- oscx-allow OSC1: why --><b></a>",
            "<!DOCTYPE a><a><!-- oscx-allow OSC1: why --><b/></a>",
            "<a><!-- oscx-allow OSC1: why --><b/>",
        ] {
            assert_eq!(suppressions(text), [], "{text}");
        }
    }
}
