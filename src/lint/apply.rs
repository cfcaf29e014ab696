//! Linting a document end to end: read it into the model, run the rules, place the
//! findings, and turn them into diagnostics.

use std::collections::BTreeSet;
use std::io::BufRead;

use super::locate::{Located, locate};
use super::{Context, Finding, LintConfig, Linter, Method, Skipped};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::Error;
use crate::limits::Limits;
use crate::model::HashedAddresses;
use crate::version::{Namespace, RootKind, Target};
use crate::xml;
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
/// model at all (its root is not an OSC root; the XSD layer reports why) gets only the rules
/// that look at its text.
pub fn lint_text(xml_text: &str, options: &LintOptions) -> Vec<Diagnostic> {
    lint_text_skipping(xml_text, options).0
}

/// [`lint_text`], with the rules that were skipped on parts that could not be read.
pub(crate) fn lint_text_skipping(
    xml_text: &str,
    options: &LintOptions,
) -> (Vec<Diagnostic>, Vec<Skipped>) {
    let read = match xml::read::read_str_tolerant(xml_text, Limits::default()) {
        Ok(read) => read,
        Err(_) => {
            // Rules over the raw text still apply; guess the context from the root name.
            let Some((namespace, root)) = sniff_root(xml_text) else {
                return (Vec::new(), Vec::new());
            };
            let cx = options.context(namespace, root);
            let mut linter = Linter::new(&cx, &options.config);
            linter.text(xml_text);
            return (place(xml_text.as_bytes(), linter.findings), Vec::new());
        }
    };
    let doc = read.document;
    let cx = options.context(doc.namespace, doc.root.kind());
    let mut linter = Linter::new(&cx, &options.config);
    linter.text(xml_text);
    linter.document_partly(&doc, &read.unreadable);
    (place(xml_text.as_bytes(), linter.findings), linter.skipped)
}

/// Lints a `friends` list person by person from a stream, then places the findings by
/// reading the stream again from `reopen`. Memory does not grow with the number of persons
/// beyond the fingerprints cross-person rules keep. Rules over the raw text do not run.
/// The list is read tolerantly, as [`lint_text`] reads a document.
///
/// # Errors
/// When the stream cannot be read, or is not a well-formed `friends` list in an OSC
/// namespace.
pub fn lint_friends_stream<R: BufRead>(
    input: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    options: &LintOptions,
) -> Result<Vec<Diagnostic>, Error> {
    Ok(lint_friends_stream_skipping(input, reopen, options)?.0)
}

/// [`lint_friends_stream`], with the rules that were skipped for persons that could not be
/// read whole.
///
/// # Errors
/// As [`lint_friends_stream`].
pub(crate) fn lint_friends_stream_skipping<R: BufRead>(
    input: R,
    reopen: impl FnOnce() -> std::io::Result<R>,
    options: &LintOptions,
) -> Result<(Vec<Diagnostic>, Vec<Skipped>), Error> {
    let stream = xml::read::TolerantPersons::new(input, Limits::default())?;
    let cx = options.context(stream.namespace(), RootKind::Friends);
    let mut linter = Linter::new(&cx, &options.config);
    for read in stream {
        let (person, unreadable) = read?;
        linter.person_partly(&person, &unreadable);
    }
    linter.end_of_persons();
    let skipped = std::mem::take(&mut linter.skipped);
    Ok((place_from(reopen, linter.findings)?, skipped))
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

pub(crate) fn to_diagnostics(
    findings: Vec<(Finding, Severity)>,
    located: &std::collections::HashMap<String, Located>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .map(|(f, severity)| {
            let fallback = Location {
                path: f.path.clone(),
                span: 0..0,
                line: 1,
                column: 1,
            };
            let location = match (located.get(&f.path), f.text_offset) {
                (Some(l), Some(offset)) => match &l.text {
                    Some(text) => Location {
                        path: f.path.clone(),
                        // The offset counts characters; the span is in bytes, so it is
                        // exact for ASCII text before the token and close otherwise.
                        span: text.span.start + offset..text.span.start + offset + 1,
                        line: text.line,
                        column: text.column + u32::try_from(offset).unwrap_or(0),
                    },
                    None => l.element.clone(),
                },
                (Some(l), None) => l.element.clone(),
                (None, _) => fallback,
            };
            let mut d = Diagnostic::new(f.rule, severity, f.message, location);
            d.help = f.help;
            d
        })
        .collect();
    out.sort_by_key(|d| (d.location.line, d.location.column));
    out
}

/// The namespace and root of a document that does not read into the model.
fn sniff_root(text: &str) -> Option<(Namespace, RootKind)> {
    let mut reader = quick_xml::NsReader::from_str(text);
    loop {
        match reader.read_resolved_event().ok()? {
            (ns, quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let root = RootKind::from_name(e.local_name().into_inner())?;
                let namespace = match ns {
                    quick_xml::name::ResolveResult::Bound(uri) => {
                        Namespace::from_uri(uri.into_inner()).unwrap_or(Namespace::Osc11)
                    }
                    _ => Namespace::Absent,
                };
                return Some((namespace, root));
            }
            (_, quick_xml::events::Event::Eof) => return None,
            _ => {}
        }
    }
}
