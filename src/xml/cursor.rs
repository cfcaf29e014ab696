//! A pull cursor over quick-xml events for the model reader: owned elements with their
//! positions, whitespace and comments skipped, text values assembled and checked.
//!
//! The readers in [`super::read`] and [`super::stream`] walk documents with it; it knows
//! nothing of the OSC elements themselves.

use std::borrow::Cow;
use std::io::{self, BufRead};

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};

use super::tracked::Tracked;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, TextPos};
use crate::limits::{Exceeded, Limits};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A start tag, owned.
#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// Local name (shared for the names the schemas declare, see [`super::names`]).
    pub name: Cow<'static, str>,
    /// Where the `<` is.
    pub pos: TextPos,
    /// `<name/>`: no content and no end tag follow.
    pub empty: bool,
    /// The namespace, when it differs from the one children are expected in
    /// (always filled in for the root, which sets the expectation).
    pub foreign_namespace: Option<Option<String>>,
    /// Attributes other than namespace declarations and `xsi:` schema hints.
    pub attributes: Vec<(String, String)>,
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
    /// another one carries its namespace in [`Element::foreign_namespace`].
    fn next_item(&mut self, expected: Option<&str>) -> Result<Item, Error>;

    /// Where the item read next starts.
    fn position(&mut self) -> TextPos;
}

/// Items read from XML text with quick-xml, positions tracked as it goes.
pub(crate) struct XmlItems<R: BufRead> {
    reader: NsReader<Tracked<R>>,
    buf: Vec<u8>,
    bounds: Bounds,
}

/// The bounds of one document, and what counts towards them.
struct Bounds {
    limits: Limits,
    /// Elements open, and seen in all.
    depth: usize,
    elements: u64,
}

/// Why the tracked reader stopped: one event was about to take more than its budget.
#[derive(Debug)]
struct BudgetSpent;

impl std::fmt::Display for BudgetSpent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the reading budget of one event is spent")
    }
}

impl std::error::Error for BudgetSpent {}

impl<R: BufRead> XmlItems<R> {
    pub(crate) fn new(input: R, limits: Limits) -> Self {
        let mut tracked = Tracked::new(input);
        tracked.set_budget(limits.max_value_bytes, || io::Error::other(BudgetSpent));
        let mut reader = NsReader::from_reader(tracked);
        // XML forbids `--` inside a comment; the validator refuses it too.
        reader.config_mut().check_comments = true;
        XmlItems {
            reader,
            buf: Vec::with_capacity(256),
            bounds: Bounds {
                limits,
                depth: 0,
                elements: 0,
            },
        }
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
        let tag: &str = e;
        self.limits.start_tag(self.elements, depth, tag.as_bytes())
    }
}

impl<R: BufRead> Items for XmlItems<R> {
    fn position(&mut self) -> TextPos {
        self.reader.get_mut().pos()
    }

    fn next_item(&mut self, expected: Option<&str>) -> Result<Item, Error> {
        let mark = self.position();
        let limit = |exceeded| Error::Limit {
            exceeded,
            pos: mark,
        };
        let limits = self.bounds.limits;
        let tracked = self.reader.get_mut();
        if u64::try_from(tracked.offset()).unwrap_or(u64::MAX) > limits.max_input_bytes {
            return Err(limit(Exceeded::InputBytes(limits.max_input_bytes)));
        }
        // One event may not make the reader buffer more than a value's worth of bytes.
        tracked.start_budget();
        self.buf.clear();
        let (resolved, event) = match self.reader.read_resolved_event_into(&mut self.buf) {
            Ok(pair) => pair,
            Err(quick_xml::Error::Io(e))
                if e.get_ref().is_some_and(|inner| inner.is::<BudgetSpent>()) =>
            {
                return Err(limit(Exceeded::ValueBytes(limits.max_value_bytes)));
            }
            Err(e) => return Err(nwf(mark, e.to_string())),
        };
        let namespace = match resolved {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(prefix) => {
                return Err(nwf(
                    mark,
                    format!("namespace prefix `{prefix}` is not declared"),
                ));
            }
        };
        let item = match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                if let Some(exceeded) = self.bounds.admit(e, empty) {
                    return Err(limit(exceeded));
                }
                // Copied only when it is not the expected one, which is rare.
                let foreign_namespace =
                    (namespace != expected).then(|| namespace.map(str::to_owned));
                let name = super::names::intern(e.local_name().into_inner());
                let attributes = attributes(e, self.reader.resolver(), &name, mark)?;
                Item::Start(Element {
                    name,
                    pos: mark,
                    empty: matches!(event, Event::Empty(_)),
                    foreign_namespace,
                    attributes,
                })
            }
            Event::End(_) => {
                self.bounds.depth = self.bounds.depth.saturating_sub(1);
                Item::End
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                text_allowed(&text).map_err(|m| nwf(mark, m))?;
                Item::Text(text.into_owned())
            }
            Event::CData(t) => {
                let text = t.xml10_content();
                check_chars(&text).map_err(|m| nwf(mark, m))?;
                Item::Text(text.into_owned())
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
                                mark,
                                format!(
                                    "entity `&{other};` is not defined (only the five predefined \
                                 entities and character references are allowed)"
                                ),
                            ));
                        }
                    },
                    Err(e) => return Err(nwf(mark, e.to_string())),
                };
                check_chars(c.encode_utf8(&mut [0; 4])).map_err(|m| nwf(mark, m))?;
                Item::Text(c.to_string())
            }
            Event::Decl(_) if mark != TextPos::new(1, 1) => {
                return Err(nwf(
                    mark,
                    "an XML declaration is allowed only at the very start of the document",
                ));
            }
            Event::Comment(_) | Event::Decl(_) => Item::Skip,
            Event::PI(pi) => {
                if pi.target().eq_ignore_ascii_case("xml") {
                    return Err(nwf(
                        mark,
                        "an XML declaration is allowed only at the very start of the document",
                    ));
                }
                Item::Skip
            }
            Event::DocType(_) => return Err(Error::Doctype { pos: mark }),
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
    for attr in e.attributes() {
        let attr = attr.map_err(|err| nwf(pos, err.to_string()))?;
        let key = attr.key.into_inner();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let (attr_ns, local) = resolver.resolve_attribute(attr.key);
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| nwf(pos, err.to_string()))?;
        check_chars(&value).map_err(|m| nwf(pos, m))?;
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

/// Checks a text node as the model reader requires: only XML characters, and no `]]>`
/// (XML 1.0, section 2.4, which quick-xml does not enforce).
pub(crate) fn text_allowed(text: &str) -> Result<(), String> {
    if text.contains("]]>") {
        return Err("`]]>` is not allowed in text; write `]]&gt;`".into());
    }
    check_chars(text)
}

pub(crate) struct Cursor<S: Items> {
    source: S,
    /// Namespace children must be in; `None` for no namespace.
    expected_namespace: Option<String>,
    /// Start of the event read last.
    mark: TextPos,
    /// Harmless things noticed while reading, and fixes applied in lenient mode.
    pub notes: Vec<Diagnostic>,
    /// Whether known mistakes are mapped to their fix instead of refused.
    pub lenient: bool,
}

impl<R: BufRead> Cursor<XmlItems<R>> {
    pub fn new(input: R, lenient: bool, limits: Limits) -> Self {
        Cursor::over(XmlItems::new(input, limits), lenient)
    }
}

impl<S: Items> Cursor<S> {
    /// A cursor over any source of items.
    pub fn over(source: S, lenient: bool) -> Self {
        Cursor {
            source,
            // No namespace is expected of the root: it always reports its own.
            expected_namespace: Some(String::from("\u{0}")),
            mark: TextPos::new(1, 1),
            notes: Vec::new(),
            lenient,
        }
    }

    /// Children are expected in this namespace from now on.
    pub fn expect_namespace(&mut self, ns: Option<&str>) {
        self.expected_namespace = ns.map(str::to_owned);
    }

    /// Start of the event read last.
    pub fn mark(&self) -> TextPos {
        self.mark
    }

    fn not_well_formed(&self, message: impl Into<String>) -> Error {
        Error::NotWellFormed {
            message: message.into(),
            pos: self.mark,
        }
    }

    fn next_item(&mut self) -> Result<Item, Error> {
        self.mark = self.source.position();
        self.source.next_item(self.expected_namespace.as_deref())
    }

    /// Reads up to the root element; the prolog may hold only the declaration, comments,
    /// processing instructions and whitespace.
    pub fn root(&mut self) -> Result<Element, Error> {
        loop {
            match self.next_item()? {
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
            match self.next_item()? {
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
        loop {
            match self.next_item()? {
                Item::Start(e) => {
                    if let Some(found) = &e.foreign_namespace {
                        let ns = found.as_deref().unwrap_or("no namespace");
                        return Err(Error::UnexpectedElement {
                            name: format!("{} (in namespace `{ns}`)", e.name),
                            parent: parent.name.to_string(),
                            pos: e.pos,
                        });
                    }
                    return Ok(Some(e));
                }
                Item::End => return Ok(None),
                Item::Skip => {}
                Item::Text(t) if is_xml_whitespace(&t) => {}
                Item::Text(_) => {
                    return Err(Error::UnexpectedText {
                        parent: parent.name.to_string(),
                        pos: self.mark,
                    });
                }
                Item::Eof => {
                    return Err(
                        self.not_well_formed(format!("the document ends inside `{}`", parent.name))
                    );
                }
            }
        }
    }

    /// The text content of a simple-typed element, with references resolved, comments and
    /// processing instructions skipped, and line ends normalised as XML requires.
    /// Returns the text and where it starts.
    pub fn text(&mut self, element: &Element) -> Result<(String, TextPos), Error> {
        no_attributes(element)?;
        self.text_allowing_attributes(element)
    }

    /// Like [`Cursor::text`], for elements whose attributes the caller has checked.
    pub fn text_allowing_attributes(
        &mut self,
        element: &Element,
    ) -> Result<(String, TextPos), Error> {
        let mut out = String::new();
        let mut start = None;
        if element.empty {
            return Ok((out, element.pos));
        }
        loop {
            match self.next_item()? {
                Item::Text(t) => {
                    start.get_or_insert(self.mark);
                    if out.is_empty() {
                        out = t;
                    } else {
                        out.push_str(&t);
                    }
                }
                Item::Skip => {}
                Item::End => return Ok((out, start.unwrap_or(element.pos))),
                Item::Start(e) => {
                    return Err(Error::UnexpectedElement {
                        name: e.name.into_owned(),
                        parent: element.name.to_string(),
                        pos: e.pos,
                    });
                }
                Item::Eof => {
                    return Err(self
                        .not_well_formed(format!("the document ends inside `{}`", element.name)));
                }
            }
        }
    }
}

/// Refuses any attribute on an element that has none in the schema.
pub(crate) fn no_attributes(element: &Element) -> Result<(), Error> {
    match element.attributes.first() {
        None => Ok(()),
        Some((name, _)) => Err(Error::Attribute {
            element: element.name.to_string(),
            message: format!("unexpected attribute `{name}`"),
            pos: element.pos,
        }),
    }
}

/// XML's whitespace: space, tab, CR and LF (not the wider Unicode set).
pub(crate) fn is_xml_whitespace(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Whether `c` may appear in an XML 1.0 document.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn nwf(pos: TextPos, message: impl Into<String>) -> Error {
    Error::NotWellFormed {
        message: message.into(),
        pos,
    }
}

fn check_chars(s: &str) -> Result<(), String> {
    // Most text is made of bytes that cannot start a refused character: anything from
    // U+0020 up except the lead byte 0xEF of U+FFFE and U+FFFF (and of other characters
    // from U+F000, which the slow path below then looks at).
    if s.bytes()
        .all(|b| (b >= 0x20 && b != 0xEF) || matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return Ok(());
    }
    match s.chars().find(|&c| !is_xml_char(c)) {
        None => Ok(()),
        Some(c) => Err(format!(
            "character U+{:04X} is not allowed in XML",
            u32::from(c)
        )),
    }
}
