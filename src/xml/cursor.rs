//! A pull cursor over quick-xml events for the model reader: owned elements with their
//! positions, whitespace skipped, comments skipped or kept aside with the element path they
//! stand by ([`Cursor::keeping_comments`]), text values assembled and checked.
//!
//! The readers in [`super::read`] and [`super::stream`] walk documents with it; it knows
//! nothing of the OSC elements themselves.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};

use super::events::{Buffered, Events, InText, Pull};
use super::path::{ElementPath, Trail};
use super::read::{Unreadable, UnreadableKind};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, TextPos};
use crate::limits::{Exceeded, Limits};
use crate::markup;
pub(crate) use crate::markup::is_xml_char;
use crate::model::{Comment, CommentKind, Place};
use crate::text;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Where an item starts, in the form its source has at hand: the line and column a stream
/// counts as it goes, or the byte offset in text held in memory, turned into a line and
/// column only when an error or a note needs one ([`Cursor::locate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Counted already.
    At(TextPos),
    /// A byte offset into the text the source reads.
    Offset(usize),
}

/// A start tag, owned.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// Local name (shared for the names the schemas declare, see [`super::names`]).
    pub name: Cow<'static, str>,
    /// Where the `<` is.
    pub pos: Mark,
    /// `<name/>`: no content and no end tag follow.
    pub empty: bool,
    /// The namespace, when it differs from the one children are expected in
    /// (always filled in for the root, which sets the expectation).
    pub foreign_namespace: Option<Option<String>>,
    /// What few elements have, kept apart so that the usual element stays small: each one
    /// is moved through several layers of the reader, and a smaller one moves in fewer
    /// instructions (an element took 120 bytes with these inline, 80 without).
    more: Option<Box<More>>,
}

/// The parts of an [`Element`] that few elements have (all of them, for a tolerant cursor,
/// which gives each element its path: reading a document the validator refused).
#[derive(Debug, Clone, Default)]
struct More {
    /// Attributes other than namespace declarations and `xsi:` schema hints.
    attributes: Vec<(String, String)>,
    /// The element path as the XSD layer writes it (`/friends/person[3]/userID`), kept
    /// only by a tolerant cursor, which names what it could not read by it; empty
    /// otherwise, so that strict reading allocates nothing for it.
    path: String,
}

impl Element {
    /// A start tag with the attributes the model keeps (see [`attributes`]).
    // Inlined, a source that has no attributes to give makes no test of them: made for
    // each element, out of line it cost 50 instructions.
    #[inline(always)]
    pub(crate) fn new(
        name: Cow<'static, str>,
        pos: Mark,
        empty: bool,
        foreign_namespace: Option<Option<String>>,
        attributes: Vec<(String, String)>,
    ) -> Self {
        Element {
            name,
            pos,
            empty,
            foreign_namespace,
            more: (!attributes.is_empty()).then(|| {
                Box::new(More {
                    attributes,
                    path: String::new(),
                })
            }),
        }
    }

    /// Attributes other than namespace declarations and `xsi:` schema hints.
    pub(crate) fn attributes(&self) -> &[(String, String)] {
        self.more.as_ref().map_or(&[], |more| &more.attributes)
    }

    /// The element path as the XSD layer writes it (`/friends/person[3]/userID`), kept
    /// only by a tolerant cursor, which names what it could not read by it; empty
    /// otherwise, so that strict reading allocates nothing for it.
    pub(crate) fn path(&self) -> &str {
        self.more.as_ref().map_or("", |more| &more.path)
    }

    /// The path, to be written.
    fn path_mut(&mut self) -> &mut String {
        &mut self.more.get_or_insert_with(Box::default).path
    }
}

/// What the cursor reads next, whatever it reads from.
pub(crate) enum Item {
    Start(Element),
    End,
    Text(String),
    Skip,
    Eof,
}

/// A source of items: XML text ([`XmlItems`]), or items recorded while the validator read
/// the text (see [`super::record`]).
pub(crate) trait Items {
    /// The next item. `expected` is the namespace children must be in: a start tag in
    /// another one carries its namespace in [`Element::foreign_namespace`]. Unless
    /// `keep_text`, text that is only whitespace may come as [`Item::Skip`]: between
    /// elements it means nothing, and copying it out would cost an allocation each time.
    fn next_item(&mut self, expected: Option<&str>, keep_text: bool) -> Result<Item, Error>;

    /// Where the item read next starts.
    fn mark(&mut self) -> Mark;

    /// The line and column of a mark this source gave.
    fn locate(&mut self, mark: Mark) -> TextPos;

    /// The rest of a simple-typed element whose start tag was read last, in one step: its
    /// text (empty when there is none) and its end tag, both read past. `None`, reading
    /// nothing, when the source cannot tell that the element holds text and nothing else
    /// that way; the cursor then reads it item by item. A record can tell at a glance, and
    /// a document holds mostly such elements: a step each for the text and the end tag
    /// cost more than making the value.
    fn value(&mut self) -> Option<String> {
        None
    }

    /// As [`Items::value`], lending the text to `read` instead of making a string of it:
    /// for values the model keeps as something else (numbers, dates, enumerations), which
    /// then cost no allocation.
    fn value_with<T>(&mut self, read: &mut impl FnMut(&str) -> T) -> Option<T> {
        self.value().map(|text| read(&text))
    }

    /// Keeps each comment and processing instruction from now on, for
    /// [`Items::take_remark`]; whether this source can (a record holds none).
    fn keep_remarks(&mut self) -> bool {
        false
    }

    /// The comment or processing instruction read last, which came as [`Item::Skip`].
    fn take_remark(&mut self) -> Option<(CommentKind, String)> {
        None
    }
}

/// Items read from XML text with quick-xml, from either source of [`Events`].
pub(crate) struct XmlItems<E: Events> {
    events: E,
    bounds: Bounds,
    /// Whether comments and processing instructions are kept, and the one read last.
    keep_remarks: bool,
    remark: Option<(CommentKind, String)>,
}

/// The bounds of one document, and what counts towards them.
struct Bounds {
    limits: Limits,
    /// Elements open, and seen in all.
    depth: usize,
    elements: u64,
    /// Bytes of text (text, CDATA sections, references, as written) since the last tag:
    /// the value being read, which comments and processing instructions do not end.
    value_bytes: usize,
}

impl<E: Events> XmlItems<E> {
    fn with(events: E, limits: Limits) -> Self {
        XmlItems {
            events,
            bounds: Bounds {
                limits,
                depth: 0,
                elements: 0,
                value_bytes: 0,
            },
            keep_remarks: false,
            remark: None,
        }
    }
}

impl<R: BufRead> XmlItems<Buffered<R>> {
    pub(crate) fn new(input: R, limits: Limits) -> Self {
        XmlItems::with(Buffered::new(input, limits), limits)
    }
}

impl<'t> XmlItems<InText<'t>> {
    pub(crate) fn in_text(text: &'t str, limits: Limits) -> Self {
        XmlItems::with(InText::new(text, limits), limits)
    }
}

impl Bounds {
    /// Whether a start tag goes past the bounds on elements, depth or attributes.
    fn admit(&mut self, e: &BytesStart<'_>, empty: bool) -> Option<Exceeded> {
        self.elements += 1;
        let depth = self.depth + 1;
        if !empty {
            self.depth = depth;
        }
        self.value_bytes = 0;
        let tag: &str = e;
        self.limits.start_tag(self.elements, depth, tag.as_bytes())
    }

    /// Adds `len` bytes of text to the value being read: a value split by comments,
    /// processing instructions or CDATA sections is held to the bound whole, as the
    /// validator holds it.
    fn text(&mut self, len: usize) -> Option<Exceeded> {
        self.value_bytes = self.value_bytes.saturating_add(len);
        (self.value_bytes > self.limits.max_value_bytes)
            .then_some(Exceeded::ValueBytes(self.limits.max_value_bytes))
    }
}

impl<E: Events> Items for XmlItems<E> {
    fn mark(&mut self) -> Mark {
        self.events.mark()
    }

    fn keep_remarks(&mut self) -> bool {
        self.keep_remarks = true;
        true
    }

    fn take_remark(&mut self) -> Option<(CommentKind, String)> {
        self.remark.take()
    }

    fn locate(&mut self, mark: Mark) -> TextPos {
        self.events.locate(mark)
    }

    fn next_item(&mut self, expected: Option<&str>, keep_text: bool) -> Result<Item, Error> {
        let mark = self.events.mark();
        self.read_item(mark, expected, keep_text).map_err(|mut e| {
            // Every error of one item is placed from where the item starts: at its start,
            // or where a mistake within it is (see `relative_end`).
            if let Some(pos) = e.pos_mut() {
                *pos = after_start(self.events.locate(mark), *pos);
            }
            e
        })
    }
}

impl<E: Events> XmlItems<E> {
    /// The next item; errors carry no position yet (see [`Items::next_item`]).
    fn read_item(
        &mut self,
        mark: Mark,
        expected: Option<&str>,
        keep_text: bool,
    ) -> Result<Item, Error> {
        let unplaced = TextPos::default();
        let limit = |exceeded| Error::Limit {
            exceeded,
            pos: unplaced,
        };
        let limits = self.bounds.limits;
        if u64::try_from(self.events.offset()).unwrap_or(u64::MAX) > limits.max_input_bytes {
            return Err(limit(Exceeded::InputBytes(limits.max_input_bytes)));
        }
        let (event, resolver, len) = match self.events.next_event() {
            Ok(read) => read,
            Err(Pull::TooLong) => {
                return Err(limit(Exceeded::ValueBytes(limits.max_value_bytes)));
            }
            Err(Pull::Xml(e)) => return Err(refused(e, "")),
            Err(Pull::Refused(refusal, markup)) => return Err(refused(refusal, &markup)),
        };
        if matches!(
            event,
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
        ) {
            if let Some(exceeded) = self.bounds.text(len) {
                return Err(limit(exceeded));
            }
        }
        let item = match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if let Some(exceeded) = self.bounds.admit(e, empty) {
                    return Err(limit(exceeded));
                }
                // Only start tags need their namespace: an end tag matches its start tag.
                let namespace = match resolver.resolve_element(e.name()).0 {
                    ResolveResult::Bound(ns) => Some(ns.into_inner()),
                    ResolveResult::Unbound => None,
                    ResolveResult::Unknown(prefix) => {
                        return Err(nwf(
                            unplaced,
                            format!("namespace prefix `{prefix}` is not declared"),
                        ));
                    }
                };
                // Copied only when it is not the expected one, which is rare.
                let foreign_namespace =
                    (namespace != expected).then(|| namespace.map(str::to_owned));
                let name = super::names::intern(e.local_name().into_inner());
                let attributes = attributes(e, resolver, &name, unplaced)?;
                Item::Start(Element::new(
                    name,
                    mark,
                    empty,
                    foreign_namespace,
                    attributes,
                ))
            }
            Event::End(_) => {
                self.bounds.depth = self.bounds.depth.saturating_sub(1);
                self.bounds.value_bytes = 0;
                Item::End
            }
            Event::Text(t) if !keep_text && is_xml_whitespace(&t) => Item::Skip,
            Event::Text(t) => {
                markup::text(&t).map_err(|r| refused(r, &t))?;
                Item::Text(t.xml10_content().into_owned())
            }
            Event::CData(t) => {
                let within = || format!("<![CDATA[{}", &*t);
                markup::chars(&t).map_err(|r| refused(r.shifted("<![CDATA[".len()), &within()))?;
                Item::Text(t.xml10_content().into_owned())
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match r.into_inner().as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => {
                            return Err(nwf(
                                unplaced,
                                format!(
                                    "entity `&{other};` is not defined (only the five predefined \
                                 entities and character references are allowed)"
                                ),
                            ));
                        }
                    },
                    Err(e) => return Err(nwf(unplaced, e.to_string())),
                };
                check_chars(c.encode_utf8(&mut [0; 4])).map_err(|m| nwf(unplaced, m))?;
                Item::Text(c.to_string())
            }
            Event::Decl(_) if mark != Mark::Offset(0) && mark != Mark::At(TextPos::new(1, 1)) => {
                return Err(nwf(
                    unplaced,
                    "an XML declaration is allowed only at the very start of the document",
                ));
            }
            Event::Decl(_) => Item::Skip,
            Event::Comment(text) => {
                if self.keep_remarks {
                    self.remark = Some((CommentKind::Comment, text.into_inner().into_owned()));
                }
                Item::Skip
            }
            Event::PI(pi) => {
                if pi.target().eq_ignore_ascii_case("xml") {
                    return Err(nwf(
                        unplaced,
                        "an XML declaration is allowed only at the very start of the document",
                    ));
                }
                if self.keep_remarks {
                    self.remark = Some((CommentKind::Instruction, pi.into_inner().into_owned()));
                }
                Item::Skip
            }
            Event::DocType(_) => return Err(Error::Doctype { pos: unplaced }),
            Event::Eof => Item::Eof,
        };
        Ok(item)
    }
}

/// The attributes of a start tag the model keeps: not namespace declarations, not the
/// `xsi:` schema location hints. Any other attribute in a namespace is refused.
pub(crate) fn attributes(
    e: &BytesStart<'_>,
    resolver: &NamespaceResolver,
    element: &str,
    pos: TextPos,
) -> Result<Vec<(String, String)>, Error> {
    let mut attributes = Vec::new();
    each_attribute(e, resolver, element, pos, |name, value| {
        attributes.push((name.to_owned(), value.to_owned()));
    })?;
    Ok(attributes)
}

/// Shows each attribute the model keeps (see [`attributes`]) to `keep`, name and value,
/// without allocating for them.
pub(crate) fn each_attribute(
    e: &BytesStart<'_>,
    resolver: &NamespaceResolver,
    element: &str,
    pos: TextPos,
    mut keep: impl FnMut(&str, &str),
) -> Result<(), Error> {
    let tag: &str = e;
    if tag.len() == e.name().into_inner().len() {
        return Ok(());
    }
    let markup = || format!("<{tag}");
    for attr in e.attributes() {
        let attr = attr.map_err(|err| {
            let error = quick_xml::Error::InvalidAttr(err);
            placed_from(pos, refused(markup::Refusal::Xml(error), &markup()))
        })?;
        let key = attr.key.into_inner();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let (attr_ns, local) = resolver.resolve_attribute(attr.key);
        let value = markup::attribute_value(&attr).map_err(|r| {
            let r = r.shifted(1 + text::offset_in(tag, &attr.value));
            placed_from(pos, refused(r, &markup()))
        })?;
        match attr_ns {
            ResolveResult::Unbound => keep(local.into_inner(), &value),
            ResolveResult::Bound(ns)
                if ns.into_inner() == XSI
                    && matches!(
                        local.into_inner(),
                        "schemaLocation" | "noNamespaceSchemaLocation"
                    ) => {}
            _ => {
                return Err(Error::Attribute {
                    element: element.to_owned(),
                    message: format!("unexpected attribute `{key}`"),
                    pos,
                });
            }
        }
    }
    Ok(())
}

pub(crate) struct Cursor<S: Items> {
    source: S,
    /// Namespace children must be in; `None` for no namespace.
    expected_namespace: Option<String>,
    /// Start of the event read last.
    mark: Mark,
    /// Harmless things noticed while reading, and fixes applied in lenient mode.
    pub notes: Vec<Diagnostic>,
    /// Whether known mistakes are mapped to their fix instead of refused.
    pub lenient: bool,
    /// Set for a tolerant reading: what cannot be read is passed over and noted instead of
    /// refused. Strict reading, the common case, keeps no paths and pays one branch.
    tolerance: Option<Tolerance>,
    /// Set when comments are kept (see [`Cursor::keeping_comments`]).
    remarks: Option<Box<Remarks>>,
}

/// The children each element may have, by the parent's local name: what an unknown element
/// is compared with, to tell a misspelling from an element that means nothing here.
pub(crate) type ChildNames = fn(&str) -> &'static [&'static str];

/// What a tolerant cursor keeps besides what a strict one does.
struct Tolerance {
    /// The path of the innermost open element.
    trail: Trail,
    children: ChildNames,
    /// What could not be read, in document order.
    unreadable: Vec<Unreadable>,
}

impl Tolerance {
    /// Follows the element paths through one item, giving a start tag its path.
    fn follow(&mut self, item: &mut Item) {
        match item {
            Item::Start(e) => {
                let n = self.trail.enter(&e.name);
                let repeated = n > 1 && !super::path::is_repeatable(&e.name);
                let path = e.path_mut();
                path.clear();
                path.push_str(self.trail.path());
                if repeated {
                    // As the XSD layer writes an occurrence past the one allowed; what lies
                    // inside still goes by the plain path (a repeat is read no further).
                    let _ = write!(path, "[{n}]");
                }
                if e.empty {
                    self.trail.leave();
                }
            }
            Item::End => self.trail.leave(),
            _ => {}
        }
    }
}

/// The comments and processing instructions a cursor keeps, each placed by the element it
/// stands before (or at the end of), for [`Document::comments`](crate::model::Document).
struct Remarks {
    /// The path of the innermost open element.
    trail: Trail,
    /// Read since the last tag, waiting for the next one to place them.
    waiting: Vec<(CommentKind, String)>,
    /// Placed, in document order.
    placed: Vec<Comment>,
}

impl Remarks {
    /// Follows one item: a start tag places what waits before it, an end tag at the end of
    /// the element it closes, the end of the input after the root.
    fn follow(&mut self, item: &Item, remark: Option<(CommentKind, String)>) {
        match item {
            Item::Start(e) => {
                self.trail.enter(&e.name);
                self.place(|path| Place::Before(path.to_owned()));
                if e.empty {
                    self.trail.leave();
                }
            }
            Item::End => {
                self.place(|path| Place::End(path.to_owned()));
                self.trail.leave();
            }
            Item::Eof => self.place(|_| Place::AfterRoot),
            Item::Skip => self.waiting.extend(remark),
            Item::Text(_) => {}
        }
    }

    fn place(&mut self, at: impl Fn(&str) -> Place) {
        for (kind, text) in self.waiting.drain(..) {
            self.placed.push(Comment {
                kind,
                text,
                place: at(self.trail.path()),
            });
        }
    }
}

impl<R: BufRead> Cursor<XmlItems<Buffered<R>>> {
    pub fn new(input: R, lenient: bool, limits: Limits) -> Self {
        Cursor::over(XmlItems::new(input, limits), lenient)
    }
}

impl<'t> Cursor<XmlItems<InText<'t>>> {
    /// A cursor over text in memory.
    pub fn in_text(text: &'t str, lenient: bool, limits: Limits) -> Self {
        Cursor::over(XmlItems::in_text(text, limits), lenient)
    }
}

impl<S: Items> Cursor<S> {
    /// A cursor over any source of items.
    pub fn over(source: S, lenient: bool) -> Self {
        Cursor {
            source,
            // No namespace is expected of the root: it always reports its own.
            expected_namespace: Some(String::from("\u{0}")),
            mark: Mark::At(TextPos::new(1, 1)),
            notes: Vec::new(),
            lenient,
            tolerance: None,
            remarks: None,
        }
    }

    /// The same cursor, keeping the comments and processing instructions it reads, placed
    /// by the elements they stand by (see [`Cursor::take_comments`]).
    pub fn keeping_comments(mut self) -> Self {
        if self.source.keep_remarks() {
            self.remarks = Some(Box::new(Remarks {
                trail: Trail::new(),
                waiting: Vec::new(),
                placed: Vec::new(),
            }));
        }
        self
    }

    /// The comments and processing instructions kept so far, in document order.
    pub fn take_comments(&mut self) -> Vec<Comment> {
        self.remarks
            .as_mut()
            .map(|r| std::mem::take(&mut r.placed))
            .unwrap_or_default()
    }

    /// The same cursor, reading tolerantly: an unknown element is passed over with its
    /// content, a value that does not parse or an element that occurs too often is left out,
    /// a missing one is left empty, and each is noted as [`Unreadable`] instead of refused.
    /// What is not well-formed, and what goes past a limit, still ends the reading.
    pub fn tolerant(mut self, children: ChildNames) -> Self {
        self.tolerance = Some(Tolerance {
            trail: Trail::new(),
            children,
            unreadable: Vec::new(),
        });
        self
    }

    /// Whether the cursor reads tolerantly.
    pub fn is_tolerant(&self) -> bool {
        self.tolerance.is_some()
    }

    /// Notes something that could not be read; a strict cursor refuses instead, so it keeps
    /// nothing.
    pub fn note(
        &mut self,
        kind: UnreadableKind,
        path: String,
        counts_as: Option<&str>,
        reason: String,
    ) {
        if let Some(t) = &mut self.tolerance {
            t.unreadable.push(Unreadable {
                kind,
                path: ElementPath::assembled(path),
                counts_as: counts_as.map(str::to_owned),
                reason: crate::text::shorten_quotes(reason),
            });
        }
    }

    /// Whether something at `path` or below it was noted while reading `open`, the element
    /// being read (what was noted inside it comes last, so the search stops at the first
    /// note outside it).
    pub fn noted(&self, open: &Element, path: &str) -> bool {
        let Some(t) = &self.tolerance else {
            return false;
        };
        t.unreadable
            .iter()
            .rev()
            .take_while(|u| within(u.path.as_str(), open.path()))
            .any(|u| within(u.path.as_str(), path))
    }

    /// What could not be read since the last call, in document order.
    pub fn take_unreadable(&mut self) -> Vec<Unreadable> {
        self.tolerance
            .as_mut()
            .map(|t| std::mem::take(&mut t.unreadable))
            .unwrap_or_default()
    }

    /// Reads past the content and end tag of `element`, whose start tag was read last.
    pub fn skip(&mut self, element: &Element) -> Result<(), Error> {
        if element.empty {
            return Ok(());
        }
        let mut depth = 1usize;
        loop {
            match self.next_item(false)? {
                Item::Start(e) if !e.empty => depth += 1,
                Item::End => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Item::Eof => {
                    return Err(self
                        .not_well_formed(format!("the document ends inside `{}`", element.name)));
                }
                _ => {}
            }
        }
    }

    /// A child element that does not belong in its parent: refused by a strict cursor;
    /// passed over with its content and noted by a tolerant one, as the declared child it
    /// likely misspells, if any (the XSD layer's "did you mean").
    pub fn unknown(&mut self, child: &Element, parent: &Element) -> Result<(), Error> {
        let Some(t) = &self.tolerance else {
            return Err(self.unexpected(child, parent));
        };
        let declared = (t.children)(&parent.name);
        let (counts_as, reason) = match &child.foreign_namespace {
            // A declared name in another namespace: the element the model lacks is that one.
            Some(ns) if declared.contains(&&*child.name) => (
                Some(&*child.name),
                format!(
                    "`{}` is in namespace `{}`, not the document's",
                    child.name,
                    ns.as_deref().unwrap_or("(none)")
                ),
            ),
            _ => match crate::xsd::suggest::closest(&child.name, declared.iter().copied()) {
                Some(like) => (
                    Some(like),
                    format!(
                        "unknown element `{}` in `{}`, likely a misspelling of `{like}`",
                        child.name, parent.name
                    ),
                ),
                None => (
                    None,
                    format!("unknown element `{}` in `{}`", child.name, parent.name),
                ),
            },
        };
        // The XSD layer writes no index for an element it does not know.
        let indexed = child
            .path()
            .strip_suffix(']')
            .and_then(|p| p.rsplit_once('['))
            .filter(|(_, n)| !n.contains('/'));
        let path = match indexed {
            Some((plain, _)) if !super::path::is_repeatable(&child.name) => plain.to_owned(),
            _ => child.path().to_owned(),
        };
        self.note(UnreadableKind::UnknownElement, path, counts_as, reason);
        self.skip(child)
    }

    /// Children are expected in this namespace from now on.
    pub fn expect_namespace(&mut self, ns: Option<&str>) {
        self.expected_namespace = ns.map(str::to_owned);
    }

    /// The line and column of a mark.
    pub fn locate(&mut self, mark: Mark) -> TextPos {
        self.source.locate(mark)
    }

    /// The line and column of the start of the event read last.
    pub fn here(&mut self) -> TextPos {
        self.locate(self.mark)
    }

    fn not_well_formed(&mut self, message: impl Into<String>) -> Error {
        Error::NotWellFormed {
            message: message.into(),
            pos: self.here(),
        }
    }

    fn next_item(&mut self, keep_text: bool) -> Result<Item, Error> {
        self.mark = self.source.mark();
        let read = self
            .source
            .next_item(self.expected_namespace.as_deref(), keep_text);
        if let (Some(remarks), Ok(item)) = (&mut self.remarks, &read) {
            remarks.follow(item, self.source.take_remark());
        }
        // A strict cursor hands the result on as it came, without taking the item out and
        // putting it back, which copied it twice.
        match &mut self.tolerance {
            None => read,
            Some(t) => read.map(|mut item| {
                t.follow(&mut item);
                item
            }),
        }
    }

    /// Reads up to the root element; the prolog may hold only the declaration, comments,
    /// processing instructions and whitespace.
    pub fn root(&mut self) -> Result<Element, Error> {
        loop {
            match self.next_item(false)? {
                Item::Start(e) => return Ok(e),
                Item::Skip => {}
                Item::Text(t) if is_xml_whitespace(&t) => {}
                Item::Text(_) => return Err(self.not_well_formed("text before the root element")),
                Item::End => return Err(self.not_well_formed("end tag before the root element")),
                Item::Eof => return Err(self.not_well_formed("the document has no root element")),
            }
        }
    }

    /// Reads what follows the root: only comments, processing instructions and whitespace.
    pub fn finish(&mut self) -> Result<(), Error> {
        loop {
            match self.next_item(false)? {
                Item::Eof => return Ok(()),
                Item::Skip => {}
                Item::Text(t) if is_xml_whitespace(&t) => {}
                _ => return Err(self.not_well_formed("content after the root element")),
            }
        }
    }

    /// The next child element of `parent`, or `None` at its end tag.
    pub fn next_child(&mut self, parent: &Element) -> Result<Option<Element>, Error> {
        if parent.empty {
            return Ok(None);
        }
        // The rare cases are kept out of line, so that reading a child (millions of times
        // in a long list) does not pay for what they need.
        loop {
            match self.next_item(false)? {
                Item::Start(e) if e.foreign_namespace.is_none() && !self.lenient => {
                    return Ok(Some(e));
                }
                Item::Start(e) if e.foreign_namespace.is_none() => {
                    let declared = super::read::children(&parent.name);
                    return Ok(Some(super::fix::element_name(self, e, declared)));
                }
                Item::Start(e) => self.foreign_child(&e, parent)?,
                Item::End => return Ok(None),
                Item::Skip => {}
                Item::Text(t) => self.text_among_children(&t, parent)?,
                Item::Eof => return Err(self.ends_inside(parent)),
            }
        }
    }

    /// A child element in another namespace than the expected one: refused by a strict
    /// cursor, passed over and noted by a tolerant one.
    #[cold]
    #[inline(never)]
    fn foreign_child(&mut self, child: &Element, parent: &Element) -> Result<(), Error> {
        if self.is_tolerant() {
            return self.unknown(child, parent);
        }
        let ns = child
            .foreign_namespace
            .as_ref()
            .and_then(Option::as_deref)
            .unwrap_or("no namespace");
        Err(Error::UnexpectedElement {
            name: format!("{} (in namespace `{ns}`)", child.name),
            parent: parent.name.to_string(),
            pos: self.locate(child.pos),
        })
    }

    /// Text among child elements: passed over when it is whitespace; otherwise refused by
    /// a strict cursor, passed over and noted by a tolerant one.
    #[cold]
    #[inline(never)]
    fn text_among_children(&mut self, text: &str, parent: &Element) -> Result<(), Error> {
        if is_xml_whitespace(text) {
            return Ok(());
        }
        if !self.is_tolerant() {
            return Err(Error::UnexpectedText {
                parent: parent.name.to_string(),
                pos: self.here(),
            });
        }
        // Text beside elements changes no value the model holds.
        self.note(
            UnreadableKind::UnexpectedText,
            parent.path().to_owned(),
            None,
            format!("text is not allowed directly in `{}`", parent.name),
        );
        Ok(())
    }

    /// The error for a document that ends inside `element`.
    #[cold]
    #[inline(never)]
    fn ends_inside(&mut self, element: &Element) -> Error {
        self.not_well_formed(format!("the document ends inside `{}`", element.name))
    }

    /// The text content of a simple-typed element, with references resolved, comments and
    /// processing instructions skipped, and line ends normalised as XML requires.
    /// Returns the text and where it starts.
    pub fn text(&mut self, element: &Element) -> Result<(String, Mark), Error> {
        self.no_attributes(element)?;
        self.text_allowing_attributes(element)
    }

    /// What `read` makes of the text content of a simple-typed element, as [`Cursor::text`]
    /// reads it, and where it starts; the text is lent to `read` rather than made into a
    /// string when the source can lend it.
    pub fn text_with<T>(
        &mut self,
        element: &Element,
        mut read: impl FnMut(&str) -> T,
    ) -> Result<(T, Mark), Error> {
        self.no_attributes(element)?;
        // As `text_allowing_attributes` reads a value in one step.
        if !element.empty && self.tolerance.is_none() && self.remarks.is_none() {
            self.mark = self.source.mark();
            let lent = self
                .source
                .value_with(&mut |text: &str| (text.is_empty(), read(text)));
            if let Some((empty, value)) = lent {
                let at = if empty { element.pos } else { self.mark };
                return Ok((value, at));
            }
        }
        let (text, at) = self.text_allowing_attributes(element)?;
        Ok((read(&text), at))
    }

    /// Refuses any attribute on an element that has none in the schema.
    #[inline]
    pub fn no_attributes(&mut self, element: &Element) -> Result<(), Error> {
        // Asked of almost every element, which has none: only that test is inlined.
        if element.attributes().is_empty() {
            return Ok(());
        }
        self.attributes_refused(element)
    }

    /// What [`Cursor::no_attributes`] does with an element that has attributes.
    fn attributes_refused(&mut self, element: &Element) -> Result<(), Error> {
        match element.attributes().first() {
            None => Ok(()),
            Some((name, _)) if self.is_tolerant() => {
                // An attribute beside a value changes nothing the model holds.
                let reason = format!("unexpected attribute `{name}` on `{}`", element.name);
                self.note(
                    UnreadableKind::UnexpectedAttribute,
                    element.path().to_owned(),
                    None,
                    reason,
                );
                Ok(())
            }
            Some((name, _)) => Err(Error::Attribute {
                element: element.name.to_string(),
                message: format!("unexpected attribute `{name}`"),
                pos: self.locate(element.pos),
            }),
        }
    }

    /// The error for a child element that does not belong in its parent.
    pub fn unexpected(&mut self, child: &Element, parent: &Element) -> Error {
        Error::UnexpectedElement {
            name: child.name.to_string(),
            parent: parent.name.to_string(),
            pos: self.locate(child.pos),
        }
    }

    /// Like [`Cursor::text`], for elements whose attributes the caller has checked.
    pub fn text_allowing_attributes(&mut self, element: &Element) -> Result<(String, Mark), Error> {
        if element.empty {
            return Ok((String::new(), element.pos));
        }
        // A tolerant cursor, or one keeping comments, follows every item for its paths: it
        // reads item by item.
        if self.tolerance.is_none() && self.remarks.is_none() {
            self.mark = self.source.mark();
            if let Some(text) = self.source.value() {
                let at = if text.is_empty() {
                    element.pos
                } else {
                    self.mark
                };
                return Ok((text, at));
            }
        }
        self.text_item_by_item(element)
    }

    /// The text of an element read item by item, for [`Cursor::text_allowing_attributes`]
    /// when the source cannot give it in one step. Kept out of line, so that the one step,
    /// taken for most values, does not pay for what this needs.
    #[inline(never)]
    fn text_item_by_item(&mut self, element: &Element) -> Result<(String, Mark), Error> {
        let mut out = String::new();
        let mut start = None;
        // The first element found inside, by a tolerant cursor, which reads on to the end
        // tag so that refusing the value leaves it after the element, as for any other.
        let mut inside: Option<Error> = None;
        loop {
            match self.next_item(true)? {
                Item::Text(t) => {
                    start.get_or_insert(self.mark);
                    if out.is_empty() {
                        out = t;
                    } else {
                        out.push_str(&t);
                    }
                }
                Item::Skip => {}
                Item::End => {
                    return match inside {
                        Some(e) => Err(e),
                        None => Ok((out, start.unwrap_or(element.pos))),
                    };
                }
                Item::Start(e) => {
                    let pos = self.locate(e.pos);
                    let error = Error::UnexpectedElement {
                        name: e.name.to_string(),
                        parent: element.name.to_string(),
                        pos,
                    };
                    if !self.is_tolerant() {
                        return Err(error);
                    }
                    self.skip(&e)?;
                    inside.get_or_insert(error);
                }
                Item::Eof => {
                    return Err(self
                        .not_well_formed(format!("the document ends inside `{}`", element.name)));
                }
            }
        }
    }
}

/// Whether `path` is `ancestor` or lies below it.
pub(crate) fn within(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// XML's whitespace: space, tab, CR and LF (not the wider Unicode set).
pub(crate) fn is_xml_whitespace(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn nwf(pos: TextPos, message: impl Into<String>) -> Error {
    Error::NotWellFormed {
        message: message.into(),
        pos,
    }
}

/// Where an error found within an item is, from the item's start (`start`) and the error's
/// position relative to it (`within`: [`TextPos::default`] for the start itself; line 0 for
/// a column on the start's line, further lines counted otherwise, as [`text::advance`]
/// counts from line 0, column 0).
fn after_start(start: TextPos, within: TextPos) -> TextPos {
    match (within.line, within.column) {
        (0, 0) => start,
        (0, columns) => TextPos::new(start.line, start.column.saturating_add(columns)),
        (lines, column) => TextPos::new(start.line.saturating_add(lines), column),
    }
}

/// The position that the text `before` leads to from an item's start, for [`after_start`].
fn relative_end(before: &str) -> TextPos {
    let (line, column) = text::advance(0, 0, before.as_bytes());
    TextPos::new(line, column)
}

/// The error for markup refused within an item whose text from its first byte is `markup`
/// (as far as it is at hand): at the mistake, when the refusal says where it is.
fn refused(refusal: markup::Refusal, markup: &str) -> Error {
    match refusal {
        markup::Refusal::NotWellFormed(m) => nwf(
            relative_end(markup.get(..m.offset).unwrap_or("")),
            m.message,
        ),
        markup::Refusal::Xml(error) => {
            let m = markup::mistake::of_reader_error(&error, markup);
            nwf(
                relative_end(markup.get(..m.offset).unwrap_or("")),
                m.message,
            )
        }
        other => nwf(TextPos::default(), other.to_string()),
    }
}

/// An error placed relative to an item's start, placed from `pos` instead when that is a
/// real position (not [`TextPos::default`]).
fn placed_from(pos: TextPos, mut error: Error) -> Error {
    if pos != TextPos::default() {
        if let Some(p) = error.pos_mut() {
            *p = after_start(pos, *p);
        }
    }
    error
}

fn check_chars(s: &str) -> Result<(), String> {
    markup::chars(s).map_err(|refusal| refusal.to_string())
}
