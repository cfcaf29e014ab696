//! The streaming validator: a state machine over quick-xml events, with namespace scopes
//! kept by the crate's one keeper of them ([`Scopes`]) rather than by quick-xml's `NsReader`.
//!
//! Memory follows nesting depth, not document size: one [`Frame`] per open element (its
//! compiled type, where it stands in its sequence, how often the current particle matched)
//! plus one reused text buffer for the simple-typed element being read. Names are matched
//! by comparing local names against the type's particle table; element paths are built only
//! when a diagnostic needs one.
//!
//! This file holds the machine's state and hands each event to its handler; the handlers
//! live by concern: [`elements`] (start and end tags against the content model),
//! [`attributes`], [`text`] (text, CDATA, references, simple values), [`root`] (the root
//! element and the schema it selects), [`findings`] (paths, positions, the cap, fatal
//! errors) and [`chars`] (which characters XML allows). The two drivers feed it events:
//! [`whole`] for text in memory, [`chunks`] for streams.

use quick_xml::escape::EscapeError;
use quick_xml::events::{BytesStart, Event};

mod attributes;
mod chars;
mod chunks;
mod derivation;
mod elements;
mod findings;
mod hints;
mod identity;
mod ids;
mod model;
mod root;
mod text;
mod whole;
mod wildcards;

pub(crate) use chunks::{Tokenizing, run_reader};
pub(crate) use whole::run_str;

use super::observe::Observer;
use super::position::Locate;
use super::schema::{Schema, TextMode};
use crate::diagnostic::Code;
use crate::diagnostic::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::Limits;
use crate::markup::{self, Refusal, Scopes, mistake};
use crate::version::Target;

/// The XML Schema instance namespace (`xsi:`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

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
    /// Text problem already reported, or text allowed (mixed content), in complex content;
    /// value spoiled by a child element in simple content: said once, or never.
    flagged: bool,
    /// Characters of text seen, for [`TextMode::Count`].
    chars: usize,
    /// The value outgrew [`MAX_VALUE`] even after collapsing its whitespace.
    too_long: bool,
    /// `xsi:nil="true"`, reported already: the content is not judged.
    nil: bool,
    /// The declaration's `default` or `fixed` value, by index into the schema's values.
    value: Option<u32>,
    /// The order of the children so far (see [`Order`]).
    order: Order<M>,
    /// Where a compiled content model stands (types with one only): the automaton's state,
    /// or for `xs:all` the bits of the elements seen.
    state: u64,
    /// The start tag's `<`.
    start: M,
    /// Just after the start tag.
    content: M,
}

/// What a complex element remembers of its children's order, to say of an element out of
/// place where it belongs in one finding, rather than one finding for every sibling after
/// it.
#[derive(Debug, Clone, Copy)]
struct Order<M> {
    /// The particle of the child before the last one, [`Order::NONE`] for none.
    before_last: u16,
    /// The last child's start tag, from its `<` to after its `>`, and the index its path
    /// writes.
    last: Option<(M, M, u32)>,
    /// Bit `k` is set when a child matched particle `k` (the first 64).
    seen: u64,
    /// A child that came too early: its finding (an index into the findings) and its
    /// particle. Where it belongs is known once a child of a later particle comes, or the
    /// element ends.
    early: Option<(usize, u16)>,
    /// Children since the one that showed the early child out of place.
    since_early: u32,
    /// The missing-element finding the last child's arrival gave, if any: dropped when
    /// that child turns out to be the one out of place.
    missing: Option<usize>,
}

impl<M> Order<M> {
    const NONE: u16 = u16::MAX;

    const fn new() -> Self {
        Order {
            before_last: Self::NONE,
            last: None,
            seen: 0,
            early: None,
            since_early: 0,
            missing: None,
        }
    }
}

/// A start tag as the machine handles it: the tag, where it is read, and where it stands.
#[derive(Clone, Copy)]
struct Tag<'a, 'e, M> {
    /// The tag as read.
    e: &'a BytesStart<'e>,
    /// The namespace scopes in force at the tag.
    scopes: &'a Scopes,
    /// The tag's `<`.
    at: M,
    /// Just after the tag's `>`.
    after: M,
    /// `<a/>`: no content and no end tag follow.
    empty: bool,
}

/// Where the innermost open element stands in its sequence, copied out for matching.
#[derive(Debug, Clone, Copy)]
struct Top {
    name: u32,
    pos: u16,
    count: u32,
    overflow: u32,
}

/// Where a child's name stands against the two namespaces a particle may name it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Namespaced {
    /// In the expected namespace: the schema's target namespace (the root's, for the OSC
    /// schemas).
    target: bool,
    /// In no namespace.
    none: bool,
}

impl Namespaced {
    /// Whether the name is where a particle of the `qualified` form expects it.
    #[inline]
    fn fits(self, qualified: bool) -> bool {
        if qualified { self.target } else { self.none }
    }
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
    /// For each open element whose type has a compiled content model, innermost last, how
    /// many children of each of its declarations came so far (for the indexes of element
    /// paths): bounded by the depth times the declarations of a model.
    model_counts: Vec<u32>,
    /// Depth inside a subtree that is read but not validated.
    skip: u32,
    /// The names of the open elements that a wildcard took without a declaration
    /// (see [`wildcards::WILD_NAME`]), outermost first.
    wild_names: Vec<Box<str>>,
    /// The element being entered took its type from `xsi:type` already (it is of
    /// `xs:anyType`, which lets it name any type): the attribute is not judged again.
    xsi_typed: bool,
    root_seen: bool,
    root_closed: bool,
    text: String,
    diagnostics: Vec<Diagnostic>,
    limit: usize,
    /// Bounds on the document.
    limits: Limits,
    /// Elements seen so far.
    elements: u64,
    /// Bytes of text (text, CDATA sections, references, as written) since the last tag:
    /// the value being read, which comments and processing instructions do not end.
    value_bytes: usize,
    /// A bound was exceeded while handling an event: stop after it.
    halted: bool,
    truncated: usize,
    truncated_errors: usize,
    truncated_warnings: usize,
    events: u64,
    /// Findings before this index have their final positions (see [`Machine::settle`]).
    settled: usize,
    /// The stream could not be decoded past the last event read.
    stopped_by_failure: bool,
    /// For the scopes of [`Scopes::epoch`] `.0`, where the default namespace stands.
    default_ns: (u64, Namespaced),
    /// The IDs of the document and the references to them.
    ids: ids::Ids,
    /// The open scopes of identity constraints; untouched for schemas without any.
    identity: super::identity::Tracker<L::Mark>,
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
            model_counts: Vec::new(),
            skip: 0,
            wild_names: Vec::new(),
            xsi_typed: false,
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
            truncated_warnings: 0,
            events: 0,
            settled: 0,
            stopped_by_failure: false,
            default_ns: (
                u64::MAX,
                Namespaced {
                    target: false,
                    none: false,
                },
            ),
            ids: ids::Ids::default(),
            identity: super::identity::Tracker::default(),
        }
    }

    pub(crate) fn finish(mut self) -> Report {
        self.settle_ids();
        if self.diagnostics.iter().any(breaks_well_formedness) {
            // The document is not XML: what the schema said of the part before the mistake
            // is noise until it is fixed, and the counts of dropped findings were of those.
            self.diagnostics.retain(|d| d.code.is_xml());
            self.truncated = 0;
            self.truncated_errors = 0;
            self.truncated_warnings = 0;
        }
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
            truncated_warnings: self.truncated_warnings,
            events: self.events,
            ..Report::default()
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

    /// Counts a whitespace text event of `len` bytes passed over by the driver, at `at`:
    /// it is part of the text between two tags, which the bound on one value holds whole.
    #[inline]
    fn pass_blank_text(&mut self, len: usize, at: L::Mark) -> Flow {
        self.events += 1;
        match self.count_value_bytes(len) {
            None => Flow::Go,
            Some(exceeded) => self.exceeded(at, exceeded),
        }
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
            Event::Start(e) => self.start(Tag {
                e: &e,
                scopes,
                at,
                after,
                empty: false,
            }),
            Event::Empty(e) => self.start(Tag {
                e: &e,
                scopes,
                at,
                after,
                empty: true,
            }),
            Event::End(_) => self.end(at, after),
            Event::Text(t) => self.text(&t, at),
            Event::CData(c) => self.cdata(&c, at),
            Event::GeneralRef(r) => self.general_ref(&r, at, after),
            Event::Comment(_) | Event::PI(_) => Flow::Go,
            Event::Decl(_) if self.events > 1 => {
                self.fatal_wf(at, mistake::declaration_not_first())
            }
            Event::Decl(_) => Flow::Go,
            Event::DocType(_) => {
                let why = match self.mode {
                    Mode::Custom(_) => "a DOCTYPE declaration is refused: oscx reads no DTD",
                    Mode::Target(_) | Mode::Auto => {
                        "a DOCTYPE declaration is refused: OSC payloads never need one"
                    }
                };
                self.fatal(
                    Code::Doctype,
                    at,
                    why.into(),
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

    /// Reports a reader error (not well-formed, bad encoding) and stops. `markup` is the
    /// text from `at` on, as far as it is at hand: it places the finding on the mistake
    /// within the markup.
    pub(crate) fn reader_error(&mut self, error: &quick_xml::Error, at: L::Mark, markup: &str) {
        match error {
            quick_xml::Error::Encoding(e) => {
                self.fatal(
                    Code::Encoding,
                    at,
                    format!("the text is not valid UTF-8: {e}"),
                    Some(crate::text::ENCODING_HELP.to_owned()),
                );
            }
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name))
                if markup::is_name(name) =>
            {
                self.undefined_entity(at, name);
            }
            other => {
                let _ = self.fatal_mistake(at, mistake::of_reader_error(other, markup), markup);
            }
        }
    }

    /// Reports markup refused by the crate's own checks (see [`Refusal`]) and stops.
    /// `markup` is the text from `at` on, as far as it is at hand.
    pub(crate) fn refused(&mut self, refusal: Refusal, at: L::Mark, markup: &str) {
        match refusal {
            Refusal::Xml(error) => self.reader_error(&error, at, markup),
            Refusal::UndefinedEntity(name) => self.undefined_entity(at, &name),
            Refusal::NotWellFormed(mistake) => {
                let _ = self.fatal_mistake(at, mistake, markup);
            }
        }
    }
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
        Err(refusal) => {
            machine.refused(refusal, at, &markup::text_of(&event));
            Flow::Stop
        }
    }
}

/// Whether a finding says that the document is not XML at all.
fn breaks_well_formedness(d: &Diagnostic) -> bool {
    d.severity == Severity::Error
        && matches!(
            d.code,
            Code::NotWellFormed | Code::UndefinedEntity | Code::Encoding
        )
}
