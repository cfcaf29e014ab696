//! Linting a document end to end: read it into the model, run the rules, place the
//! findings, and turn them into diagnostics.

use std::collections::BTreeSet;
use std::io::BufRead;

use super::spelling::{self, Kept, Watch};
use super::{Context, Finding, LintConfig, Linter, Method, Skipped};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::Error;
use crate::limits::Limits;
use crate::model::{Document, HashedAddresses};
use crate::text::{advance, byte_of_char};
use crate::version::{Namespace, RootKind, Target};
use crate::xml::cursor::{Cursor, Element, Items, XmlItems};
use crate::xml::locate::{Located, locate};
use crate::xml::read;
use crate::xml::stream::Decoding;
use crate::xs::XsDateTime;

/// What the rules are told beyond the document.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Rule levels.
    pub config: LintConfig,
    /// The generation to hold documents to; by default the namespace decides.
    pub target: Option<Target>,
    /// The method the document answers.
    pub method: Option<Method>,
    /// The request a `GetPeopleDetails` answer replies to.
    pub request: Option<HashedAddresses>,
    /// The start time of a `GetActivitiesEx` call.
    pub start_time: Option<XsDateTime>,
    /// "Now" in seconds since 1970 (UTC); `None` takes the clock.
    pub now: Option<i64>,
}

impl LintOptions {
    pub(crate) fn context(&self, namespace: Namespace, root: RootKind) -> Context {
        Context {
            target: self.target.unwrap_or(namespace.default_target()),
            namespace,
            root,
            method: self.method,
            request: self.request.clone(),
            start_time: self.start_time.clone(),
            now: self.now.unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            }),
        }
    }
}

/// Lints a document held in memory. A document the schema refuses is read tolerantly: each
/// rule runs on the parts whose elements it reads could be read (see
/// [`RuleInfo::reads`](super::RuleInfo::reads)). A document that does not read into the
/// model at all (its root is not in an OSC namespace; the XSD layer reports why) gets only
/// the rules about the document itself and about values as written.
pub fn lint_text(xml_text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    lint_text_skipping(xml_text, options).0
}

/// [`lint_text`], with the rules that were skipped on parts that could not be read.
pub(crate) fn lint_text_skipping(
    xml_text: &str,
    options: &LintOptions,
) -> (Vec<Diagnostic>, Vec<Skipped>) {
    let source = XmlItems::in_text(xml_text, Limits::default());
    match lint_tolerant(source, options, Units::Whole, &mut |_| {}) {
        Ok((findings, skipped)) => (place(xml_text.as_bytes(), findings), skipped),
        Err(_) => (Vec::new(), Vec::new()),
    }
}

/// Lints a `friends` list person by person from a stream, then places the findings by
/// reading the stream again from `reopen`. Memory does not grow with the number of persons
/// beyond the fingerprints cross-person rules keep. The list is read tolerantly, as
/// [`lint_text`] reads a document, and a list whose root is in a namespace the reader
/// refuses gets the same rules as there.
///
/// # Errors
/// When the stream cannot be read, or is not a well-formed document with a `friends` root.
pub fn lint_friends_stream<R: BufRead>(
    input: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    options: &LintOptions,
) -> Result<Vec<Diagnostic>, Error> {
    Ok(lint_friends_stream_skipping(input, reopen, options, &mut |_| {})?.0)
}

/// [`lint_friends_stream`], with the rules that were skipped for persons that could not be
/// read whole. `after_person` is handed the findings so far after each person, to drop
/// those past a cap as they come.
///
/// # Errors
/// As [`lint_friends_stream`].
pub(crate) fn lint_friends_stream_skipping<R: BufRead>(
    input: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    options: &LintOptions,
    after_person: AfterPerson<'_>,
) -> Result<(Vec<Diagnostic>, Vec<Skipped>), Error> {
    let source = XmlItems::new(Decoding::new(input)?, Limits::default());
    let (findings, skipped) = lint_tolerant(source, options, Units::Persons, after_person)?;
    Ok((place_from(reopen, findings)?, skipped))
}

/// The rules' findings, with their severities, and where rules were skipped.
type Linted = (Vec<(Finding, Severity)>, Vec<Skipped>);

/// Handed the findings so far after each person of a list read by persons.
pub(crate) type AfterPerson<'a> = &'a mut dyn FnMut(&mut Vec<(Finding, Severity)>);

/// How a tolerant reading hands the document to the rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Units {
    /// Whole, whatever the root.
    Whole,
    /// A `friends` list one person at a time, so that memory stays flat; any other root is
    /// refused.
    Persons,
}

/// Reads `source` tolerantly and runs the rules: on the model where the document reads
/// into it, and on the values some rules read as written ([`super::Written`]), which the
/// same reading keeps beside the model, in every case. Where the root is an OSC root in a
/// namespace the reader refuses, there is no model: the rest of the document is read only
/// for those values, and the rules about the document itself run with the context the root
/// suggests. Where the reading stops part way (what is not well-formed, a limit), the rules
/// see the values read until then, not the model.
///
/// # Errors
/// When there is no root, or it is not an OSC root (or not `friends`, by persons), or a
/// `friends` list stops part way when read by persons.
fn lint_tolerant<S: Items>(
    source: S,
    options: &LintOptions,
    units: Units,
    after_person: AfterPerson<'_>,
) -> Result<Linted, Error> {
    let kept = Kept::default();
    let mut c = Cursor::over(Watch::new(source, kept.clone()), false).tolerant(read::children);
    let root = c.root()?;
    let (namespace, kind, identified) = match read::identify_root(&mut c, &root) {
        Ok((namespace, kind)) => (namespace, kind, true),
        Err(e) => {
            let (namespace, kind) = suggested(&root).ok_or(e)?;
            (namespace, kind, false)
        }
    };
    if units == Units::Persons && kind != RootKind::Friends {
        return Err(Error::UnknownRoot {
            name: root.name.to_string(),
            namespace: root.foreign_namespace.clone().flatten(),
            expected: "`friends`".into(),
            pos: c.locate(root.pos),
        });
    }
    let mut linter = Linter::new(&options.context(namespace, kind), &options.config);
    if !identified {
        // Only for the values as written; a document that stops part way ends the reading.
        let _ = c.skip(&root);
        linter.written(&spelling::take(&kept));
        return Ok((linter.findings, Vec::new()));
    }
    if units == Units::Persons {
        c.no_attributes(&root)?;
        while let Some(child) = c.next_child(&root)? {
            if child.name != "person" {
                c.unknown(&child, &root)?;
                continue;
            }
            // What was noted between persons belongs to none of them.
            let _ = c.take_unreadable();
            let person = read::read_person(&mut c, &child)?;
            let unreadable = c.take_unreadable();
            linter.written(&spelling::take(&kept));
            linter.person_partly(&person, &unreadable);
            after_person(&mut linter.findings);
        }
        c.finish()?;
        linter.end_of_persons();
        let skipped = std::mem::take(&mut linter.skipped);
        return Ok((linter.findings, skipped));
    }
    let read = read::read_root(&mut c, &root, kind).and_then(|body| c.finish().map(|()| body));
    // Before the rules on the model, as for a document read from the validator's record, so
    // that findings on the same element come in the same order either way.
    linter.written(&spelling::take(&kept));
    if let Ok(body) = read {
        let doc = Document {
            namespace,
            root: body,
            comments: Vec::new(),
        };
        linter.document_partly(&doc, &c.take_unreadable());
    }
    let skipped = std::mem::take(&mut linter.skipped);
    Ok((linter.findings, skipped))
}

/// The namespace and kind of an OSC root the reader refuses, as the root suggests them:
/// its namespace if it is an OSC one, otherwise 1.1.
fn suggested(root: &Element) -> Option<(Namespace, RootKind)> {
    let kind = RootKind::from_name(&root.name)?;
    let namespace = match root.foreign_namespace.as_ref()? {
        Some(uri) => Namespace::from_uri(uri).unwrap_or(Namespace::Osc11),
        None => Namespace::Absent,
    };
    Some((namespace, kind))
}

/// The element paths findings were reported at.
pub(crate) fn paths_of(findings: &[(Finding, Severity)]) -> BTreeSet<String> {
    findings.iter().map(|(f, _)| f.path.clone()).collect()
}

/// Places findings by reading the document from `open`, which is called only when there
/// are findings to place.
///
/// # Errors
/// When the document cannot be read again.
pub(crate) fn place_from<R: BufRead>(
    open: impl FnOnce() -> std::io::Result<R>,
    findings: Vec<(Finding, Severity)>,
) -> Result<Vec<Diagnostic>, Error> {
    if findings.is_empty() {
        return Ok(Vec::new());
    }
    let located = locate(open()?, &paths_of(&findings))?;
    Ok(to_diagnostics(findings, &located))
}

/// Places the findings of a document held in memory; a finding whose path cannot be
/// found keeps the start of the document.
pub(crate) fn place(bytes: &[u8], findings: Vec<(Finding, Severity)>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let located = locate(bytes, &paths_of(&findings)).unwrap_or_default();
    to_diagnostics(findings, &located)
}

/// Turns the rules' findings into diagnostics at the places `located` found for their
/// paths, sorted by position.
pub(crate) fn to_diagnostics(
    findings: Vec<(Finding, Severity)>,
    located: &std::collections::HashMap<String, Located>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .map(|(f, severity)| {
            let location = match located.get(&f.path) {
                Some(l) => place_on(&f, l),
                None => Location {
                    end: None,
                    path: f.path.clone(),
                    span: 0..0,
                    line: 1,
                    column: 1,
                },
            };
            let mut d = Diagnostic::new(Code::Rule(f.rule), severity, f.message, location);
            d.help = f.help;
            d.fixable = f.fixable;
            d
        })
        .collect();
    out.sort_by_key(|d| (d.location.line, d.location.column));
    out
}

/// Where a finding about the element `l` goes: the value of the attribute it names, the
/// part of its value it names, its whole value, or its start tag (for a finding about the
/// element itself, and for an element without a value).
fn place_on(f: &Finding, l: &Located) -> Location {
    if let Some(name) = f.attribute {
        return l.attribute(name).unwrap_or_else(|| l.element.clone());
    }
    let Some(value) = &l.text else {
        return l.element.clone();
    };
    match f.text_offset {
        // Where the value is not written as itself up to the part named (a reference, say),
        // its characters cannot be found among the bytes: the whole value stands for it.
        Some(offset) => {
            within(value, &l.literal, offset, f.text_chars.max(1)).unwrap_or_else(|| value.clone())
        }
        None if f.on_value => value.clone(),
        None => l.element.clone(),
    }
}

/// The `chars` characters `offset` characters into the value at `value`, whose start is
/// written `literal`; `None` when they reach past it.
fn within(value: &Location, literal: &str, offset: usize, chars: usize) -> Option<Location> {
    let from = byte_of_char(literal, offset)?;
    let to = byte_of_char(literal, offset.checked_add(chars)?)?;
    let (line, column) = advance(value.line, value.column, literal.get(..from)?.as_bytes());
    Some(Location {
        span: value.span.start + from..value.span.start + to,
        line,
        column,
        ..value.clone()
    })
}
