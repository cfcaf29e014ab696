//! The streaming validator: a state machine over quick-xml events, with namespace scopes
//! kept by the crate's one keeper of them ([`Scopes`]) rather than by quick-xml's `NsReader`.
//!
//! Memory follows nesting depth, not document size: one [`Frame`] per open element (its
//! compiled type, where it stands in its sequence, how often the current particle matched)
//! plus one reused text buffer for the simple-typed element being read. Names are matched
//! by comparing local names against the type's particle table; element paths are built only
//! when a diagnostic needs one.

use std::fmt::Write as _;

use quick_xml::XmlVersion;
use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesCData, BytesRef, BytesStart, BytesText, Event};
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};

mod chunks;

pub(crate) use chunks::{Tokenizing, run_reader};

use super::builtin::{self, Rejection};
use super::observe::{Level, Observer, StartTag};
use super::position::{Locate, StrLocator, StreamLocator};
use super::report::Report;
use super::roots::{self, RootChoice};
use super::schema::{ComplexType, ContentRef, NameKey, Schema, SimpleType, TextMode};
use super::source::Lines;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::limits::{Exceeded, Limits};
use crate::markup::{self, Scopes};
use crate::version::{Target, introduced_in};

/// The XML Schema instance namespace (`xsi:`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML Schema namespace, where the built-in types live.
const XSD: &str = "http://www.w3.org/2001/XMLSchema";

/// The most bytes of one simple value kept for checking. Values that must be checked whole
/// (numbers, dates, enumerations, patterns) are short when valid; the cap keeps a hostile
/// multi-gigabyte value from growing memory with document size.
const MAX_VALUE: usize = 64 * 1024;

/// How many names an "expected one of" list shows before `…`.
const LIST_MAX: usize = 6;

/// Which schema a document is held to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode<'s> {
    /// One embedded generation.
    Target(Target),
    /// The embedded generation the root's namespace implies.
    Auto,
    /// A schema loaded from a file.
    Custom(&'s Schema),
}

/// Whether to keep reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Go,
    Stop,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Complex(u32),
    Simple { ty: u32, text: TextMode },
}

/// One open element.
#[derive(Debug, Clone, Copy)]
struct Frame<M> {
    /// Index into the schema's names.
    name: u32,
    /// 1-based index among same-named siblings, 0 when the path writes none.
    index: u32,
    kind: Kind,
    /// The particle the last child matched.
    pos: u16,
    /// How many children matched `pos` so far.
    count: u32,
    /// Children beyond `maxOccurs` of `pos`, to index them in paths.
    overflow: u32,
    /// Text problem already reported (complex content) or value spoiled by a child element
    /// (simple content): say it once.
    flagged: bool,
    /// Characters of text seen, for [`TextMode::Count`].
    chars: usize,
    /// The value outgrew [`MAX_VALUE`] even after collapsing its whitespace.
    too_long: bool,
    /// The start tag's `<`.
    start: M,
    /// Just after the start tag.
    content: M,
}

/// Where the innermost open element stands in its sequence, copied out for matching.
#[derive(Debug, Clone, Copy)]
struct Top {
    name: u32,
    pos: u16,
    count: u32,
    overflow: u32,
}

/// The validator state for one document.
pub(crate) struct Machine<'s, L: Locate, O: Observer = ()> {
    mode: Mode<'s>,
    /// Told about every validated element, for building the model in the same pass.
    obs: O,
    loc: L,
    schema: Option<&'s Schema>,
    expected_ns: Option<&'s str>,
    target: Option<Target>,
    root: Option<String>,
    frames: Vec<Frame<L::Mark>>,
    /// Depth inside a subtree that is read but not validated.
    skip: u32,
    root_seen: bool,
    root_closed: bool,
    text: String,
    diagnostics: Vec<Diagnostic>,
    limit: usize,
    /// Bounds on the document.
    limits: Limits,
    /// Elements seen so far.
    elements: u64,
    /// Bytes of the value of the element being read.
    value_bytes: usize,
    /// A bound was exceeded while handling an event: stop after it.
    halted: bool,
    truncated: usize,
    truncated_errors: usize,
    events: u64,
    /// Findings before this index have their final positions (see [`Machine::settle`]).
    settled: usize,
    /// The stream could not be decoded past the last event read.
    stopped_by_failure: bool,
    /// For the scopes of [`Scopes::epoch`] `.0`, whether the default namespace is the
    /// expected one.
    default_ns: (u64, bool),
}

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    pub(crate) fn new(
        mode: Mode<'s>,
        loc: L,
        limit: Option<usize>,
        limits: Limits,
        obs: O,
    ) -> Self {
        Machine {
            mode,
            obs,
            loc,
            schema: None,
            expected_ns: None,
            target: match mode {
                Mode::Target(t) => Some(t),
                Mode::Auto | Mode::Custom(_) => None,
            },
            root: None,
            frames: Vec::with_capacity(16),
            skip: 0,
            root_seen: false,
            root_closed: false,
            text: String::with_capacity(256),
            diagnostics: Vec::new(),
            limit: limit.unwrap_or(usize::MAX),
            limits,
            elements: 0,
            value_bytes: 0,
            halted: false,
            truncated: 0,
            truncated_errors: 0,
            events: 0,
            settled: 0,
            stopped_by_failure: false,
            default_ns: (u64::MAX, false),
        }
    }

    pub(crate) fn finish(self) -> Report {
        Report {
            diagnostics: self.diagnostics,
            target: if self.schema.is_some() {
                self.target
            } else {
                None
            },
            root: self.root,
            truncated: self.truncated,
            truncated_errors: self.truncated_errors,
            events: self.events,
        }
    }

    /// Whether whitespace text here would be a text event and nothing else: no value is
    /// being read (whitespace in element-only content, outside the root, or in a subtree
    /// that is skipped). The drivers then let quick-xml pass over a run of it before markup
    /// and only count the event, which saves reading it as one.
    #[inline]
    fn ignores_blank_text(&self) -> bool {
        self.skip > 0
            || self
                .frames
                .last()
                .is_none_or(|f| matches!(f.kind, Kind::Complex(_)))
    }

    /// Counts a whitespace text event passed over by the driver.
    #[inline]
    fn count_event(&mut self) {
        self.events += 1;
    }

    /// Adds a finding known before any event, such as a decoding warning.
    pub(crate) fn push_diagnostic(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Handles one event; `at` marks where it starts and `after` where it ends.
    pub(crate) fn event(
        &mut self,
        event: Event<'_>,
        scopes: &Scopes,
        at: L::Mark,
        after: L::Mark,
    ) -> Flow {
        self.events += 1;
        match event {
            Event::Start(e) => self.start(&e, scopes, at, after, false),
            Event::Empty(e) => self.start(&e, scopes, at, after, true),
            Event::End(_) => self.end(at, after),
            Event::Text(t) => self.text(&t, at),
            Event::CData(c) => self.cdata(&c, at),
            Event::GeneralRef(r) => self.general_ref(&r, at, after),
            Event::Comment(_) | Event::PI(_) => Flow::Go,
            Event::Decl(_) if self.events > 1 => self.fatal_wf(
                at,
                "the XML declaration must come first in the document".into(),
            ),
            Event::Decl(_) => Flow::Go,
            Event::DocType(_) => {
                self.fatal(
                    "xml::doctype",
                    at,
                    "a DOCTYPE declaration is refused: OSC payloads never need one".into(),
                    Some("remove the `<!DOCTYPE …>` declaration".into()),
                );
                Flow::Stop
            }
            Event::Eof => {
                self.eof(at);
                Flow::Stop
            }
        }
    }

    /// Reports a reader error (not well-formed, bad encoding) and stops.
    pub(crate) fn reader_error(&mut self, error: &quick_xml::Error, at: L::Mark) {
        match error {
            quick_xml::Error::Encoding(e) => {
                self.fatal(
                    "xml::encoding",
                    at,
                    format!("the text is not valid UTF-8: {e}"),
                    None,
                );
            }
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                self.undefined_entity(at, name);
            }
            other => {
                let _ = self.fatal_wf(at, other.to_string());
            }
        }
    }

    // ----- elements -------------------------------------------------------------------

    fn start(
        &mut self,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        at: L::Mark,
        after: L::Mark,
        empty: bool,
    ) -> Flow {
        if self.root_closed {
            return self.fatal_wf(
                at,
                format!(
                    "`{}` follows the root element; a document has exactly one root",
                    e.name().into_inner()
                ),
            );
        }
        let qname = e.name().into_inner();
        // Most names have no prefix: their namespace is the default one, whose verdict is
        // cached until the scopes change.
        let prefixed = qname.bytes().any(|b| b == b':');
        if self.skip > 0 {
            // Not validated, but an undeclared prefix still makes the document ill-formed.
            if prefixed {
                if let (ResolveResult::Unknown(prefix), _) =
                    scopes.resolver().resolve_element(e.name())
                {
                    return self
                        .fatal_wf(at, format!("namespace prefix `{prefix}` is not declared"));
                }
            }
            if self.attributes_well_formed(e, at) == Flow::Stop {
                return Flow::Stop;
            }
            if !empty {
                self.skip = self.skip.saturating_add(1);
            }
            return Flow::Go;
        }
        let (local, ns_ok) = if prefixed || !self.root_seen {
            let (ns, local) = scopes.resolver().resolve_element(e.name());
            let ns = match ns {
                ResolveResult::Bound(n) => Some(n.into_inner()),
                ResolveResult::Unbound => None,
                ResolveResult::Unknown(prefix) => {
                    return self
                        .fatal_wf(at, format!("namespace prefix `{prefix}` is not declared"));
                }
            };
            let local = local.into_inner();
            if !self.root_seen {
                return self.start_root(e, scopes, ns, local, at, after, empty);
            }
            (local, ns == self.expected_ns)
        } else {
            (qname, self.default_namespace_ok(scopes))
        };
        let (Some(schema), Some(last)) = (self.schema, self.frames.last()) else {
            return Flow::Go;
        };
        // Copy out only what matching needs, not the whole frame.
        let top = Top {
            name: last.name,
            pos: last.pos,
            count: last.count,
            overflow: last.overflow,
        };
        match last.kind {
            Kind::Simple { .. } => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.flagged = true;
                }
                if self.room(Severity::Error) {
                    let parent = schema.name(top.name);
                    let message = format!(
                        "element `{local}` is not allowed in `{parent}`, which holds only text"
                    );
                    self.element_diag(
                        "xsd::unexpected-element",
                        at,
                        after,
                        local,
                        0,
                        message,
                        None,
                    );
                }
                self.skip_element(empty)
            }
            Kind::Complex(id) => {
                let Some(ct) = schema.complex_type(id) else {
                    return self.skip_element(empty);
                };
                self.child(schema, ct, top, e, scopes, ns_ok, local, at, after, empty)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn child(
        &mut self,
        schema: &'s Schema,
        ct: &'s ComplexType,
        top: Top,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        ns_ok: bool,
        local: &str,
        at: L::Mark,
        after: L::Mark,
        empty: bool,
    ) -> Flow {
        let particles = &ct.particles;
        let pos = usize::from(top.pos);
        let key = NameKey::of(local);
        // The common case first: the current particle again, or one further on.
        let hit = match particles.get(pos) {
            Some(p) if p.key.matches(&p.name, key, local) && top.count < p.max => Some(pos),
            _ => particles
                .iter()
                .enumerate()
                .skip(pos + 1)
                .find(|(_, p)| p.key.matches(&p.name, key, local))
                .map(|(j, _)| j),
        };
        let Some(j) = hit else {
            self.unexpected_child(schema, ct, top, local, at, after);
            return self.skip_element(empty);
        };
        if !ns_ok {
            if self.room(Severity::Error) {
                let ns = match scopes.resolver().resolve_element(e.name()).0 {
                    ResolveResult::Bound(n) => Some(n.into_inner()),
                    ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
                };
                let message = match ns {
                    Some(found) => format!("element `{local}` is in namespace `{found}`"),
                    None => format!("element `{local}` has no namespace"),
                };
                let help = match self.expected_ns {
                    Some(want) => format!(
                        "children of `{}` must be in namespace `{want}`",
                        schema.name(top.name)
                    ),
                    None => format!(
                        "children of `{}` must have no namespace here",
                        schema.name(top.name)
                    ),
                };
                self.element_diag(
                    "xsd::unexpected-element",
                    at,
                    after,
                    local,
                    0,
                    message,
                    Some(help),
                );
            }
            return self.skip_element(empty);
        }
        let (count, missing_from) = if j == pos && top.count > 0 {
            (top.count.saturating_add(1), None)
        } else if j == pos {
            (1, None)
        } else {
            (1, Some(pos))
        };
        if let Some(from) = missing_from {
            let unmet = particles.get(from).is_some_and(|p| top.count < p.min)
                || ct.required_in(from + 1, j);
            if unmet {
                self.missing_before(ct, top, from, j, local, at, after);
            }
        }
        let Some(p) = particles.get(j) else {
            return self.skip_element(empty);
        };
        if let Some(frame) = self.frames.last_mut() {
            frame.pos = u16::try_from(j).unwrap_or(u16::MAX);
            frame.count = count;
            frame.overflow = 0;
        }
        let index = if p.repeatable() { count } else { 0 };
        self.enter(
            schema,
            e,
            scopes,
            p.content,
            p.name_id,
            index,
            Level::Inner,
            at,
            after,
            empty,
        )
    }

    /// Whether the default namespace in scope is the expected one; worked out again only
    /// when the scopes have changed.
    #[inline]
    fn default_namespace_ok(&mut self, scopes: &Scopes) -> bool {
        if self.default_ns.0 != scopes.epoch() {
            let ok = match scopes.resolver().resolve_prefix(None, true) {
                ResolveResult::Bound(n) => self.expected_ns == Some(n.into_inner()),
                ResolveResult::Unbound => self.expected_ns.is_none(),
                ResolveResult::Unknown(_) => false,
            };
            self.default_ns = (scopes.epoch(), ok);
        }
        self.default_ns.1
    }

    /// Reports the required particles between the last match and particle `j`, where a child
    /// named `found` just matched.
    #[allow(clippy::too_many_arguments)]
    fn missing_before(
        &mut self,
        ct: &ComplexType,
        top: Top,
        from: usize,
        j: usize,
        found: &str,
        at: L::Mark,
        after: L::Mark,
    ) {
        let missing = missing_names(ct, from, top.count, j);
        if missing.0.is_empty() || !self.room(Severity::Error) {
            return;
        }
        let message = format!("expected {} before `{found}`", name_list(&missing));
        self.frame_diag("xsd::missing-element", at, after, message, None);
    }

    fn unexpected_child(
        &mut self,
        schema: &'s Schema,
        ct: &ComplexType,
        top: Top,
        local: &str,
        at: L::Mark,
        after: L::Mark,
    ) {
        let parent = schema.name(top.name);
        let pos = usize::from(top.pos);
        let current = ct.particles.get(pos);
        if let Some(p) = current.filter(|p| *p.name == *local) {
            // The current particle is full: one too many.
            if let Some(frame) = self.frames.last_mut() {
                frame.overflow = frame.overflow.saturating_add(1);
            }
            if !self.room(Severity::Error) {
                return;
            }
            let times = match p.max {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let message = format!("`{local}` may occur at most {times} in `{parent}`");
            let index = p.max.saturating_add(top.overflow.saturating_add(1));
            self.element_diag("xsd::too-many", at, after, local, index, message, None);
            return;
        }
        if !self.room(Severity::Error) {
            return;
        }
        let expected = expected_names(ct, pos, top.count);
        let found = format!("found `{local}`");
        let place = match current {
            Some(p) if top.count > 0 => format!("after `{}`", p.name),
            _ => format!("at the start of `{parent}`"),
        };
        let message = if expected.0.is_empty() {
            format!("expected no more elements in `{parent}` {place}, {found}")
        } else if expected.0.len() == 1 && !expected.1 {
            format!("expected {} {place}, {found}", name_list(&expected))
        } else {
            format!("expected one of {} {place}, {found}", name_list(&expected))
        };
        let help = self
            .version_help(parent, local)
            .or_else(|| {
                let earlier = ct.particles.iter().take(pos).find(|p| *p.name == *local);
                match (earlier, current) {
                    (Some(_), Some(cur)) => Some(format!(
                        "`{local}` must come before `{}` in `{parent}`",
                        cur.name
                    )),
                    _ => None,
                }
            })
            .or_else(|| {
                // A misspelling of what was expected here, or of any child of the parent.
                let expected_here = expected.0.iter().copied();
                let children = ct.particles.iter().map(|p| &*p.name);
                super::suggest::closest(local, expected_here)
                    .or_else(|| super::suggest::closest(local, children))
                    .map(|name| format!("did you mean `{name}`?"))
            });
        self.element_diag(
            "xsd::unexpected-element",
            at,
            after,
            local,
            0,
            message,
            help,
        );
    }

    /// Explains an element that a later schema generation added.
    fn version_help(&self, parent: &str, local: &str) -> Option<String> {
        let target = match self.mode {
            Mode::Custom(_) => return None,
            Mode::Target(_) | Mode::Auto => self.target?,
        };
        match introduced_in(parent, local)? {
            since if since <= target => None,
            Target::Osc2013 => Some(format!("`{local}` exists only in the 2013 schema")),
            _ => Some(format!("`{local}` exists only from the 1.1 schema on")),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn enter(
        &mut self,
        schema: &'s Schema,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        content: ContentRef,
        name: u32,
        index: u32,
        level: Level<'_>,
        at: L::Mark,
        after: L::Mark,
        empty: bool,
    ) -> Flow {
        self.obs.start(&StartTag {
            tag: e,
            name_id: name,
            local: schema.name(name),
            level,
            resolver: scopes.resolver(),
            empty,
            span: L::offset(at)..L::offset(after),
        });
        let (kind, ct) = match content {
            ContentRef::Complex(id) => (Kind::Complex(id), schema.complex_type(id)),
            ContentRef::Simple(id) => {
                let text = schema
                    .simple_type(id)
                    .map_or(TextMode::Ignore, SimpleType::text_mode);
                (Kind::Simple { ty: id, text }, None)
            }
        };
        self.frames.push(Frame {
            name,
            index,
            kind,
            pos: 0,
            count: 0,
            overflow: 0,
            flagged: false,
            chars: 0,
            too_long: false,
            start: at,
            content: after,
        });
        self.text.clear();
        if self.attributes(e, scopes, ct, at) == Flow::Stop {
            return Flow::Stop;
        }
        if empty {
            return self.close(at, after);
        }
        Flow::Go
    }

    fn skip_element(&mut self, empty: bool) -> Flow {
        self.obs.incomplete();
        if !empty {
            self.skip = 1;
        }
        Flow::Go
    }

    fn end(&mut self, at: L::Mark, after: L::Mark) -> Flow {
        if self.skip > 0 {
            self.skip = self.skip.saturating_sub(1);
            if self.skip == 0 && self.frames.is_empty() {
                self.root_closed = true;
            }
            return Flow::Go;
        }
        self.close(at, after)
    }

    /// Checks and pops the innermost frame; `at..after` is its end tag (or its empty tag).
    fn close(&mut self, at: L::Mark, after: L::Mark) -> Flow {
        let Some(frame) = self.frames.last().copied() else {
            return Flow::Go;
        };
        if let Some(schema) = self.schema {
            match frame.kind {
                Kind::Complex(id) => {
                    if let Some(ct) = schema.complex_type(id) {
                        self.missing_at_end(schema, ct, frame, at, after);
                    }
                }
                Kind::Simple { ty, text } => {
                    if let (Some(st), false) = (schema.simple_type(ty), frame.flagged) {
                        self.check_value(st, text, frame, at);
                    }
                }
            }
        }
        self.frames.pop();
        self.obs.end();
        if self.frames.is_empty() {
            self.root_closed = true;
        }
        Flow::Go
    }

    fn missing_at_end(
        &mut self,
        schema: &Schema,
        ct: &ComplexType,
        frame: Frame<L::Mark>,
        at: L::Mark,
        after: L::Mark,
    ) {
        let pos = usize::from(frame.pos);
        let unmet = ct.particles.get(pos).is_some_and(|p| frame.count < p.min)
            || ct.required_in(pos + 1, ct.particles.len());
        if !unmet {
            return;
        }
        let missing = missing_names(ct, pos, frame.count, ct.particles.len());
        if missing.0.is_empty() || !self.room(Severity::Error) {
            return;
        }
        let message = format!(
            "expected {} before the end of `{}`",
            name_list(&missing),
            schema.name(frame.name)
        );
        self.frame_diag("xsd::missing-element", at, after, message, None);
    }

    fn check_value(
        &mut self,
        st: &SimpleType,
        mode: TextMode,
        frame: Frame<L::Mark>,
        end: L::Mark,
    ) {
        let result = match mode {
            _ if frame.too_long => Err(Rejection {
                message: format!(
                    "the value is longer than {MAX_VALUE} bytes, far too long for `{}`",
                    st.label
                ),
                help: None,
            }),
            TextMode::Ignore => Ok(()),
            TextMode::Count(max) if frame.chars <= max as usize => Ok(()),
            TextMode::Count(max) => builtin::check_length(st, frame.chars, max),
            TextMode::Buffer(_) => builtin::check(st, &self.text),
        };
        let Err(Rejection { message, help }) = result else {
            return;
        };
        if self.room(Severity::Error) {
            // Point at the value when there is one, at the element when it is empty.
            let (from, to) = if L::offset(frame.content) < L::offset(end) {
                (frame.content, end)
            } else {
                (frame.start, frame.content)
            };
            let path = self.path(None);
            self.push(
                "xsd::invalid-value",
                Severity::Error,
                from,
                L::offset(to),
                path,
                message,
                help,
            );
        }
    }

    // ----- attributes -----------------------------------------------------------------

    fn attributes(
        &mut self,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        ct: Option<&'s ComplexType>,
        at: L::Mark,
    ) -> Flow {
        let tag: &str = e;
        let mut seen: u64 = 0;
        // Most elements carry no attributes: skip the iterator entirely for them.
        if tag.len() == e.name().into_inner().len() {
            return match ct {
                Some(ct) if ct.required_mask != 0 => self.missing_attributes(ct, tag, 0, at),
                _ => Flow::Go,
            };
        }
        // Duplicate detection without allocating: the first keys live in an array; a tag
        // with more attributes than that (never seen in OSC data) falls back to a set.
        let mut keys: [&str; 16] = [""; 16];
        let mut many: Option<std::collections::HashSet<&str>> = None;
        for (n, attr) in e.attributes().with_checks(false).enumerate() {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => return self.fatal_wf(at, err.to_string()),
            };
            let key = attr.key.into_inner();
            let duplicate = match many.as_mut() {
                Some(set) => !set.insert(key),
                None => {
                    let dup = keys.get(..n).unwrap_or(&[]).contains(&key);
                    if n < keys.len() {
                        if let Some(slot) = keys.get_mut(n) {
                            *slot = key;
                        }
                    } else {
                        let mut set: std::collections::HashSet<&str> =
                            keys.iter().copied().collect();
                        set.insert(key);
                        many = Some(set);
                    }
                    dup
                }
            };
            let key_at = offset_in(tag, key);
            if duplicate {
                let (line, col) = self
                    .loc
                    .line_col_after(at, 1, tag.get(..key_at).unwrap_or(""));
                return self.fatal_at(
                    "xml::not-well-formed",
                    (line, col),
                    at,
                    format!("attribute `{key}` appears twice on one element"),
                    None,
                );
            }
            if attr.value.contains('<') {
                return self.fatal_wf(at, format!("attribute `{key}` contains `<`"));
            }
            if let Some(bad) = first_illegal_char(&attr.value) {
                return self.fatal_wf(at, illegal_char(bad));
            }
            // Every value must be well-formed, declared or not.
            let value = match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => v,
                Err(quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name))) => {
                    self.undefined_entity(at, &name);
                    return Flow::Stop;
                }
                Err(err) => return self.fatal_wf(at, err.to_string()),
            };
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let (ns, local) = scopes.resolver().resolve_attribute(attr.key);
            let local = local.into_inner();
            let declared = match ns {
                ResolveResult::Unbound => ct.and_then(|ct| {
                    ct.attributes
                        .iter()
                        .enumerate()
                        .find(|(_, a)| *a.name == *local)
                }),
                ResolveResult::Bound(ns)
                    if ns.into_inner() == XSI
                        && matches!(local, "schemaLocation" | "noNamespaceSchemaLocation") =>
                {
                    continue;
                }
                ResolveResult::Bound(ns) if ns.into_inner() == XSI && local == "type" => {
                    // XSD 1.0 lets an instance name the element's type; our schemas derive
                    // no types from one another, so only the declared type itself fits.
                    if !self.names_declared_type(&value, scopes.resolver())
                        && self.room(Severity::Error)
                    {
                        let element = self.current_name();
                        let (line, col) =
                            self.loc
                                .line_col_after(at, 1, tag.get(..key_at).unwrap_or(""));
                        let start = L::offset(at) + 1 + key_at;
                        let path = self.path(None);
                        self.push_at(
                            "xsd::invalid-value",
                            Severity::Error,
                            (line, col),
                            start..start + key.len(),
                            path,
                            format!(
                                "attribute `{key}`: `{}` is not the declared type of `{element}`",
                                value.trim()
                            ),
                            Some("leave `xsi:type` out; OSC documents never need it".into()),
                        );
                    }
                    continue;
                }
                ResolveResult::Bound(_) => None,
                ResolveResult::Unknown(prefix) => {
                    return self
                        .fatal_wf(at, format!("namespace prefix `{prefix}` is not declared"));
                }
            };
            let Some((i, decl)) = declared else {
                if self.room(Severity::Error) {
                    self.unexpected_attribute(ct, tag, key, key_at, at);
                }
                continue;
            };
            seen |= 1u64 << (i % 64);
            let Some(st) = self.schema.and_then(|s| s.simple_type(decl.simple)) else {
                continue;
            };
            let rejected = builtin::check(st, &value).err();
            if let Some(Rejection { message, help }) =
                rejected.filter(|_| self.room(Severity::Error))
            {
                let message = format!("attribute `{key}`: {message}");
                let (line, col) = self
                    .loc
                    .line_col_after(at, 1, tag.get(..key_at).unwrap_or(""));
                let start = L::offset(at) + 1 + key_at;
                let path = self.path(None);
                self.push_at(
                    "xsd::invalid-value",
                    Severity::Error,
                    (line, col),
                    start..start + key.len(),
                    path,
                    message,
                    help,
                );
            }
        }
        match ct {
            Some(ct) if ct.required_mask & !seen != 0 => self.missing_attributes(ct, tag, seen, at),
            _ => Flow::Go,
        }
    }

    fn missing_attributes(&mut self, ct: &ComplexType, tag: &str, seen: u64, at: L::Mark) -> Flow {
        let missing = ct.required_mask & !seen;
        for (i, decl) in ct.attributes.iter().enumerate() {
            if missing & (1u64 << (i % 64)) != 0 && self.room(Severity::Error) {
                let element = self.current_name();
                let message = format!(
                    "`{element}` needs attribute `{}`, which is missing",
                    decl.name
                );
                let end = L::offset(at) + 1 + tag.len();
                let path = self.path(None);
                self.push(
                    "xsd::missing-attribute",
                    Severity::Error,
                    at,
                    end,
                    path,
                    message,
                    None,
                );
            }
        }
        Flow::Go
    }

    /// Whether an `xsi:type` value names the type the current element is declared with.
    fn names_declared_type(&self, value: &str, resolver: &NamespaceResolver) -> bool {
        let (resolved, local) = resolver.resolve_element(QName(value.trim()));
        let local = local.into_inner();
        let ns = match resolved {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => return false,
        };
        let (Some(schema), Some(frame)) = (self.schema, self.frames.last()) else {
            return false;
        };
        match frame.kind {
            Kind::Simple { ty, .. } => schema.simple_type(ty).is_some_and(|st| {
                let builtin = st.label.strip_prefix("xs:");
                if ns == Some(XSD) {
                    st.named && !st.has_facets() && builtin == Some(local)
                } else {
                    st.named
                        && builtin.is_none()
                        && ns == schema.target_namespace()
                        && *st.label == *local
                }
            }),
            Kind::Complex(id) => {
                ns == schema.target_namespace()
                    && schema.complex_type(id).and_then(|c| c.name.as_deref()) == Some(local)
            }
        }
    }

    fn unexpected_attribute(
        &mut self,
        ct: Option<&ComplexType>,
        tag: &str,
        key: &str,
        key_at: usize,
        at: L::Mark,
    ) {
        let element = self.current_name();
        let message = format!("attribute `{key}` is not allowed on `{element}`");
        let help = match ct.map(|ct| &ct.attributes[..]) {
            Some(attrs) if !attrs.is_empty() => {
                let names: Vec<&str> = attrs.iter().map(|a| &*a.name).collect();
                Some(format!("`{element}` takes {}", name_list(&(names, false))))
            }
            _ => Some(format!("`{element}` takes no attributes")),
        };
        let (line, col) = self
            .loc
            .line_col_after(at, 1, tag.get(..key_at).unwrap_or(""));
        let start = L::offset(at) + 1 + key_at;
        let path = self.path(None);
        self.push_at(
            "xsd::unexpected-attribute",
            Severity::Error,
            (line, col),
            start..start + key.len(),
            path,
            message,
            help,
        );
    }

    // ----- text -----------------------------------------------------------------------

    fn text(&mut self, t: &BytesText<'_>, at: L::Mark) -> Flow {
        let raw: &str = t;
        // The value of a text-only element, in one pass when it is plain: no control
        // characters (so none that is illegal, and no line ends to normalize) and no
        // U+FFFE/U+FFFF. Anything else takes the general path below.
        if let (0, Some(frame)) = (self.skip, self.frames.last_mut()) {
            if let Kind::Simple { text, .. } = frame.kind {
                if let Some(chars) = plain_chars(raw.as_bytes()) {
                    self.obs.text(raw, L::offset(at));
                    match text {
                        TextMode::Ignore => {}
                        TextMode::Count(_) => frame.chars += chars,
                        TextMode::Buffer(collapse) => {
                            frame.too_long =
                                frame.too_long || !buffer_value(&mut self.text, raw, collapse)
                        }
                    }
                    return Flow::Go;
                }
            }
        }
        // Whitespace between elements is most text events; it needs no further look.
        let blank = all_space(raw);
        if let Some(bad) = if blank { None } else { first_illegal_char(raw) } {
            return self.fatal_wf(at, illegal_char(bad));
        }
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            if !blank {
                return self.fatal_wf(at, "text is not allowed outside the root element".into());
            }
            return Flow::Go;
        };
        match frame.kind {
            Kind::Simple { text, .. } => self.value_piece(text, &t.xml10_content(), at, 0),
            Kind::Complex(_) => {
                if !blank && !frame.flagged {
                    frame.flagged = true;
                    let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    self.text_not_allowed(at, lead, raw);
                }
            }
        }
        Flow::Go
    }

    /// Adds a piece of a simple-typed element's value: for the observer, and for what the
    /// element's type checks of it.
    /// `lead` is how far after the event's start `at` the content starts.
    fn value_piece(&mut self, mode: TextMode, content: &str, at: L::Mark, lead: usize) {
        self.value_bytes = self.value_bytes.saturating_add(content.len());
        if self.value_bytes > self.limits.max_value_bytes {
            // Stopped before the observer sees it: what it records stays bounded too.
            let _ = self.exceeded(at, Exceeded::ValueBytes(self.limits.max_value_bytes));
            return;
        }
        self.obs.text(content, L::offset(at) + lead);
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        match mode {
            TextMode::Ignore => {}
            TextMode::Count(_) => frame.chars += builtin::char_count(content),
            TextMode::Buffer(collapse) => {
                frame.too_long = frame.too_long || !buffer_value(&mut self.text, content, collapse)
            }
        }
    }

    fn cdata(&mut self, c: &BytesCData<'_>, at: L::Mark) -> Flow {
        let raw: &str = c;
        if let Some(bad) = first_illegal_char(raw) {
            return self.fatal_wf(at, illegal_char(bad));
        }
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            return self.fatal_wf(
                at,
                "a CDATA section is not allowed outside the root element".into(),
            );
        };
        match frame.kind {
            // `<![CDATA[` is not part of the value.
            Kind::Simple { text, .. } => self.value_piece(text, &c.xml10_content(), at, 9),
            Kind::Complex(_) => {
                if !all_space(raw) && !frame.flagged {
                    frame.flagged = true;
                    self.text_not_allowed(at, 0, "");
                }
            }
        }
        Flow::Go
    }

    fn general_ref(&mut self, r: &BytesRef<'_>, at: L::Mark, _after: L::Mark) -> Flow {
        let name: &str = r;
        let resolved = if r.is_char_ref() {
            match r.resolve_char_ref() {
                Ok(Some(c)) if is_xml_char(c) => c,
                _ => {
                    return self.fatal_wf(
                        at,
                        format!("`&{name};` does not refer to a character allowed in XML"),
                    );
                }
            }
        } else {
            match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                "quot" => '"',
                other => {
                    self.undefined_entity(at, other);
                    return Flow::Stop;
                }
            }
        };
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            return self.fatal_wf(
                at,
                "a reference is not allowed outside the root element".into(),
            );
        };
        match frame.kind {
            Kind::Simple { text, .. } => {
                let mut tmp = [0u8; 4];
                self.value_piece(text, resolved.encode_utf8(&mut tmp), at, 0);
            }
            Kind::Complex(_) => {
                if !matches!(resolved, ' ' | '\t' | '\r' | '\n') && !frame.flagged {
                    frame.flagged = true;
                    self.text_not_allowed(at, 0, "");
                }
            }
        }
        Flow::Go
    }

    fn text_not_allowed(&mut self, at: L::Mark, lead: usize, raw: &str) {
        if !self.room(Severity::Error) {
            return;
        }
        let element = self.current_name();
        let (line, col) = self
            .loc
            .line_col_after(at, 0, raw.get(..lead).unwrap_or(""));
        let start = L::offset(at) + lead;
        let end = start + raw.len().saturating_sub(lead).max(1);
        let path = self.path(None);
        self.push_at(
            "xsd::text-not-allowed",
            Severity::Error,
            (line, col),
            start..end,
            path,
            format!("text is not allowed directly in `{element}`, which holds only elements"),
            Some("put the text inside one of its child elements, or remove it".into()),
        );
    }

    fn eof(&mut self, at: L::Mark) {
        if !self.root_seen {
            let _ = self.fatal_wf(at, "the document has no root element".into());
        } else if !self.root_closed {
            let _ = self.fatal_wf(
                at,
                "the document ends before the root element is closed".into(),
            );
        }
    }

    // ----- the root -------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn start_root(
        &mut self,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        ns: Option<&str>,
        local: &str,
        at: L::Mark,
        after: L::Mark,
        empty: bool,
    ) -> Flow {
        self.root_seen = true;
        self.root = Some(local.to_string());
        match roots::choose(self.mode, ns, local) {
            RootChoice::Validate {
                schema,
                namespace,
                target,
                no_namespace,
            } => {
                self.schema = Some(schema);
                self.expected_ns = namespace;
                if target.is_some() {
                    self.target = target;
                }
                if no_namespace && self.room(Severity::Info) {
                    let message = format!(
                        "`{local}` has no namespace; it was validated as if in `{}`",
                        crate::version::NS_1_1
                    );
                    let help = "Outlook sends this request without a namespace, so providers must accept both forms";
                    self.element_diag(
                        "xsd::no-namespace",
                        at,
                        after,
                        local,
                        0,
                        message,
                        Some(help.into()),
                    );
                }
                let Some(root) = schema.root(local) else {
                    return self.skip_root(empty);
                };
                self.enter(
                    schema,
                    e,
                    scopes,
                    root.content,
                    root.name,
                    0,
                    Level::Root { namespace: ns },
                    at,
                    after,
                    empty,
                )
            }
            RootChoice::Reject {
                code,
                message,
                help,
                target,
            } => {
                if target.is_some() {
                    self.target = target;
                }
                if self.room(Severity::Error) {
                    self.element_diag(code, at, after, local, 0, message, help);
                }
                if self.attributes_well_formed(e, at) == Flow::Stop {
                    return Flow::Stop;
                }
                self.skip_root(empty)
            }
        }
    }

    /// Checks only the well-formedness of an unvalidated element's attributes.
    fn attributes_well_formed(&mut self, e: &BytesStart<'_>, at: L::Mark) -> Flow {
        let mut attrs = e.attributes();
        for attr in &mut attrs {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => return self.fatal_wf(at, err.to_string()),
            };
            if attr.value.contains('<') {
                return self.fatal_wf(
                    at,
                    format!("attribute `{}` contains `<`", attr.key.into_inner()),
                );
            }
            match attr.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => {
                    if let Some(bad) = first_illegal_char(&value) {
                        return self.fatal_wf(at, illegal_char(bad));
                    }
                }
                Err(quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name))) => {
                    self.undefined_entity(at, &name);
                    return Flow::Stop;
                }
                Err(err) => return self.fatal_wf(at, err.to_string()),
            }
        }
        Flow::Go
    }

    fn skip_root(&mut self, empty: bool) -> Flow {
        self.obs.incomplete();
        if empty {
            self.root_closed = true;
        } else {
            self.skip = 1;
        }
        Flow::Go
    }

    // ----- diagnostics ----------------------------------------------------------------

    /// Whether a finding of `severity` may still be kept; counts it as dropped otherwise.
    fn room(&mut self, severity: Severity) -> bool {
        if self.diagnostics.len() < self.limit {
            return true;
        }
        self.truncated += 1;
        if severity == Severity::Error {
            self.truncated_errors += 1;
        }
        false
    }

    fn current_name(&self) -> String {
        match (self.schema, self.frames.last()) {
            (Some(s), Some(f)) => s.name(f.name).to_string(),
            _ => String::new(),
        }
    }

    /// The path of the open elements, plus `extra` (a child name and its index, 0 for none).
    fn path(&self, extra: Option<(&str, u32)>) -> String {
        let mut path = String::new();
        if let Some(schema) = self.schema {
            for f in &self.frames {
                path.push('/');
                path.push_str(schema.name(f.name));
                if f.index > 0 {
                    let _ = write!(path, "[{}]", f.index);
                }
            }
        }
        if let Some((name, index)) = extra {
            path.push('/');
            path.push_str(name);
            if index > 0 {
                let _ = write!(path, "[{index}]");
            }
        }
        path
    }

    /// A finding about element `name` whose tag spans `at..after`.
    #[allow(clippy::too_many_arguments)]
    fn element_diag(
        &mut self,
        code: &'static str,
        at: L::Mark,
        after: L::Mark,
        name: &str,
        index: u32,
        message: String,
        help: Option<String>,
    ) {
        let path = self.path(Some((name, index)));
        let severity = if code == "xsd::no-namespace" {
            Severity::Info
        } else {
            Severity::Error
        };
        self.push(code, severity, at, L::offset(after), path, message, help);
    }

    /// A finding about the innermost open element, located at `at..after`.
    fn frame_diag(
        &mut self,
        code: &'static str,
        at: L::Mark,
        after: L::Mark,
        message: String,
        help: Option<String>,
    ) {
        let path = self.path(None);
        self.push(
            code,
            Severity::Error,
            at,
            L::offset(after),
            path,
            message,
            help,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: &'static str,
        severity: Severity,
        at: L::Mark,
        end: usize,
        path: String,
        message: String,
        help: Option<String>,
    ) {
        let line_col = self.loc.line_col(at);
        let start = L::offset(at);
        self.push_at(
            code,
            severity,
            line_col,
            start..end.max(start),
            path,
            message,
            help,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn push_at(
        &mut self,
        code: &'static str,
        severity: Severity,
        (line, column): (u32, u32),
        span: std::ops::Range<usize>,
        path: String,
        message: String,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::new(
            code,
            severity,
            message,
            Location {
                path,
                span,
                line,
                column,
            },
        );
        d.help = help;
        self.diagnostics.push(d);
    }

    fn undefined_entity(&mut self, at: L::Mark, name: &str) {
        self.fatal(
            "xml::undefined-entity",
            at,
            format!("entity `&{name};` is not defined"),
            Some("only `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` and character references such as `&#233;` exist without a DTD".into()),
        );
    }

    /// A not-well-formed finding; always kept, whatever the cap, and validation stops.
    /// Whether the event from `at` to `after` goes past a bound; counts elements.
    #[inline]
    fn beyond_limits(
        &mut self,
        event: &Event<'_>,
        at: L::Mark,
        after: L::Mark,
    ) -> Option<Exceeded> {
        let limits = &self.limits;
        let (start, end) = (L::offset(at), L::offset(after));
        if u64::try_from(end).unwrap_or(u64::MAX) > limits.max_input_bytes {
            return Some(Exceeded::InputBytes(limits.max_input_bytes));
        }
        if end.saturating_sub(start) > limits.max_value_bytes {
            return Some(Exceeded::ValueBytes(limits.max_value_bytes));
        }
        let (Event::Start(e) | Event::Empty(e)) = event else {
            return None;
        };
        self.elements += 1;
        self.value_bytes = 0;
        let depth = self.frames.len() + self.skip as usize + 1;
        let tag: &str = e;
        limits.start_tag(self.elements, depth, tag.as_bytes())
    }

    /// Reports a bound exceeded at `at` and stops.
    #[cold]
    fn exceeded(&mut self, at: L::Mark, exceeded: Exceeded) -> Flow {
        self.fatal(
            "xml::limit",
            at,
            format!("{exceeded}; the document is refused"),
            Some(limit_help(exceeded)),
        );
        self.halted = true;
        Flow::Stop
    }

    fn fatal_wf(&mut self, at: L::Mark, message: String) -> Flow {
        self.fatal("xml::not-well-formed", at, message, None);
        Flow::Stop
    }

    fn fatal(&mut self, code: &'static str, at: L::Mark, message: String, help: Option<String>) {
        let line_col = self.loc.line_col(at);
        let _ = self.fatal_at(code, line_col, at, message, help);
    }

    fn fatal_at(
        &mut self,
        code: &'static str,
        line_col: (u32, u32),
        at: L::Mark,
        message: String,
        help: Option<String>,
    ) -> Flow {
        let path = self.path(None);
        let start = L::offset(at);
        self.push_at(
            code,
            Severity::Error,
            line_col,
            start..start,
            path,
            message,
            help,
        );
        Flow::Stop
    }
}

impl<O: Observer> Machine<'_, StreamLocator, O> {
    /// Fills in the positions the last event (from `at` to `after`) left as placeholders
    /// in its findings, while the chunk `text` is still at hand.
    #[cold]
    fn settle(&mut self, lines: &mut Lines, text: &[u8], at: usize, after: usize) {
        // Nearly every request is for one of the event's two ends: work each out once.
        let mut ends: [Option<(u32, u32)>; 2] = [None, None];
        let mut position = |offset: usize| {
            let slot = match offset {
                o if o == at => ends.get_mut(0),
                o if o == after => ends.get_mut(1),
                _ => None,
            };
            match slot {
                Some(Some(known)) => *known,
                Some(empty) => *empty.insert(lines.position(text, offset)),
                None => lines.position(text, offset),
            }
        };
        let fresh = self.diagnostics.get_mut(self.settled..).unwrap_or(&mut []);
        for d in fresh.iter_mut().filter(|d| d.location.line == 0) {
            if let Some(p) = self.loc.pending(d.location.column) {
                let (line, column) = p.from(position(p.offset()));
                d.location.line = line;
                d.location.column = column;
            }
        }
        self.settled = self.diagnostics.len();
        self.loc.clear();
    }

    /// Has `lines` keep the offsets of the open elements, which findings may still need
    /// after their chunk is gone. Called after every start and end tag; such an event
    /// opens or closes at most one element (an empty one opens and closes within the
    /// event), so comparing the counts tells what changed.
    #[inline]
    fn keep_open(&self, lines: &mut Lines, text: &[u8]) {
        let kept = lines.kept_elements();
        if self.frames.len() < kept {
            lines.forget(self.frames.len());
        }
        for f in self.frames.get(kept..).unwrap_or(&[]) {
            lines.keep(text, f.start, f.content);
        }
    }
}

/// Appends a chunk of a simple value to `buf`; `false` once the value is too long to keep.
/// For types that `collapse` whitespace, runs of it are shrunk early (keeping a separating
/// space), which cannot change the collapsed value. String values are never rewritten: one
/// that long matches no enumeration or pattern anyway.
#[inline]
fn buffer_value(buf: &mut String, chunk: &str, collapse: bool) -> bool {
    if buf.len() + chunk.len() <= MAX_VALUE {
        buf.push_str(chunk);
        return true;
    }
    buffer_long_value(buf, chunk, collapse)
}

#[cold]
fn buffer_long_value(buf: &mut String, chunk: &str, collapse: bool) -> bool {
    if !collapse {
        buf.clear();
        return false;
    }
    buf.push_str(chunk);
    let ends_blank = buf.ends_with([' ', '\t', '\r', '\n']);
    let mut collapsed = crate::xs::collapse_whitespace(buf).into_owned();
    if ends_blank && !collapsed.is_empty() {
        collapsed.push(' ');
    }
    *buf = collapsed;
    if buf.len() > MAX_VALUE {
        buf.clear();
        return false;
    }
    true
}

/// The required particles from `from` (matched `count` times) up to, not including, `to`.
fn missing_names(ct: &ComplexType, from: usize, count: u32, to: usize) -> (Vec<&str>, bool) {
    let mut names = Vec::new();
    for (k, p) in ct.particles.iter().enumerate().take(to).skip(from) {
        let have = if k == from { count } else { 0 };
        if have < p.min {
            names.push(&*p.name);
        }
    }
    (names, false)
}

/// The names that could come next after particle `pos` matched `count` times; the flag says
/// whether the list was cut.
fn expected_names(ct: &ComplexType, pos: usize, count: u32) -> (Vec<&str>, bool) {
    let mut candidates: Vec<&str> = Vec::new();
    let mut next = pos;
    if let Some(p) = ct.particles.get(pos) {
        if count < p.max {
            candidates.push(&p.name);
        }
        if count < p.min {
            return (candidates, false);
        }
        next = pos + 1;
    }
    for p in ct.particles.iter().skip(next) {
        candidates.push(&p.name);
        if p.min > 0 {
            break;
        }
    }
    let cut = candidates.len() > LIST_MAX;
    candidates.truncate(LIST_MAX);
    (candidates, cut)
}

/// `` `a`, `b`, `c`, … `` for a list of names.
fn name_list((names, cut): &(Vec<&str>, bool)) -> String {
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    if *cut {
        out.push_str(", …");
    }
    out
}

fn all_space(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// XML 1.0's `Char` production.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character XML forbids in `s`. Only C0 controls and U+FFFE/U+FFFF can occur in
/// a Rust string yet be illegal, so a scan for bytes below 0x20 or equal to 0xEF (the lead
/// byte of U+FFFE/U+FFFF) decides the common case eight bytes at a time, without decoding.
fn first_illegal_char(s: &str) -> Option<char> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut suspect = false;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte below 0x20, or a byte equal to 0xEF (zero after the xor).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        if below | ef != 0 {
            suspect = true;
            break;
        }
    }
    if !suspect {
        // Pad the tail with spaces, which pass, and test it the same way.
        let x = chunks
            .remainder()
            .iter()
            .rev()
            .fold(ONES * u64::from(b' '), |acc, &b| (acc << 8) | u64::from(b));
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        suspect = below | ef != 0;
    }
    if suspect {
        s.chars().find(|&c| !is_xml_char(c))
    } else {
        None
    }
}

/// The length of the whitespace at `text[i..]` when markup (`<`) follows it within
/// `text`: a text event that is whitespace only. `None` when there is none, or when the
/// text goes on or may go on past `text`.
#[inline]
fn blank_before_markup(text: &[u8], i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let n = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
    (n > 0 && rest.get(n) == Some(&b'<')).then_some(n)
}

/// The characters in `s` if it is plain text: no byte below 0x20 (control characters,
/// line ends, tabs) and no 0xEF (the lead byte of U+FFFE and U+FFFF); `None` otherwise,
/// for the general path to look closer. Eight bytes at a time, without decoding.
#[inline]
fn plain_chars(s: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `x` is below 0x20 or equals 0xEF, and how many bytes continue a
    // UTF-8 sequence (10xxxxxx), summed through a multiplication.
    let look = |x: u64| {
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        let continuations = (x & !(x << 1) & HIGHS) >> 7;
        (
            below | ef != 0,
            (continuations.wrapping_mul(ONES) >> 56) as usize,
        )
    };
    let mut words = s.chunks_exact(8);
    let mut continuations = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let (odd, n) = look(u64::from_le_bytes(word));
        if odd {
            return None;
        }
        continuations += n;
    }
    // Pad the tail with spaces, which are plain and start no sequence.
    let tail = words
        .remainder()
        .iter()
        .rev()
        .fold(ONES * u64::from(b' '), |acc, &b| (acc << 8) | u64::from(b));
    let (odd, n) = look(tail);
    if odd {
        return None;
    }
    Some(s.len() - continuations - n)
}

fn illegal_char(c: char) -> String {
    format!("character U+{:04X} is not allowed in XML", u32::from(c))
}

/// Where `inner` (a slice of `outer`) starts within `outer`; 0 if it is not a slice of it.
fn offset_in(outer: &str, inner: &str) -> usize {
    let start = inner.as_ptr().addr().wrapping_sub(outer.as_ptr().addr());
    if start <= outer.len() { start } else { 0 }
}

// ----- drivers ----------------------------------------------------------------------------

/// Hands one event to the scopes and then to the machine; both drivers go through here.
#[inline]
fn step<L: Locate, O: Observer>(
    machine: &mut Machine<'_, L, O>,
    scopes: &mut Scopes,
    event: Event<'_>,
    at: L::Mark,
    after: L::Mark,
) -> Flow {
    if let Some(exceeded) = machine.beyond_limits(&event, at, after) {
        return machine.exceeded(at, exceeded);
    }
    match scopes.take(&event) {
        Ok(()) => match machine.event(event, scopes, at, after) {
            Flow::Go if machine.halted => Flow::Stop,
            flow => flow,
        },
        Err(e) => {
            machine.reader_error(&e, at);
            Flow::Stop
        }
    }
}

/// How to get past a bound, when the document is trusted.
fn limit_help(exceeded: Exceeded) -> String {
    format!(
        "if the document is trusted, raise the bound (`{}`, or `Limits` in the library)",
        exceeded.option()
    )
}

/// Validates text held in memory, borrowing every event from it.
pub(crate) fn run_str<O: Observer>(
    mode: Mode<'_>,
    text: &str,
    limit: Option<usize>,
    limits: Limits,
    pre: Vec<Diagnostic>,
    obs: O,
) -> Report {
    // quick-xml drops a byte order mark at the start without counting it in its offsets
    // (the caller already dropped a first one), so positions are worked out in the text
    // after it.
    let counted = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut machine = Machine::new(mode, StrLocator::new(counted), limit, limits, obs);
    for d in pre {
        machine.push_diagnostic(d);
    }
    let mut reader = markup::reader(text.as_bytes());
    let mut scopes = Scopes::new();
    let mut at = 0usize;
    // quick-xml is at the start of possible text: after markup or a reference.
    let mut in_text = true;
    let bytes = text.as_bytes();
    loop {
        let blank = if in_text && machine.ignores_blank_text() {
            blank_before_markup(bytes, at)
        } else {
            None
        };
        reader.config_mut().trim_text_start = blank.is_some();
        if let Some(n) = blank {
            machine.count_event();
            at += n;
        }
        match reader.read_event() {
            Ok(event) => {
                let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                in_text = !matches!(event, Event::Text(_));
                if step(&mut machine, &mut scopes, event, at, after) == Flow::Stop {
                    break;
                }
                at = after;
            }
            Err(err) => {
                // quick-xml points into the event when it can; a position before the
                // event is left over from nothing and means "here".
                let pos = usize::try_from(reader.error_position())
                    .ok()
                    .filter(|&p| p >= at)
                    .unwrap_or(at);
                machine.reader_error(&err, pos);
                break;
            }
        }
    }
    machine.finish()
}
