//! What makes a document not well-formed, said the way its author can act on: the mistake
//! in plain words, where it is, and how to fix it.
//!
//! Every refusal of markup, quick-xml's or the crate's own, is turned into a [`Mistake`]
//! here, so that both validator drivers (text in memory and streams) and every other reader
//! say the same thing at the same place. quick-xml's own messages (a parser's prefix, byte
//! positions) never reach a finding.

use quick_xml::errors::{IllFormedError, SyntaxError};
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::AttrError;

use crate::text::quoted;

/// A rule of XML 1.0 that a document breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mistake {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where, in bytes after the start of the markup (or text) it was found in.
    pub offset: usize,
}

impl Mistake {
    /// A mistake at the start of the markup it was found in.
    pub(crate) fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Mistake {
            message: message.into(),
            help: help.into(),
            offset: 0,
        }
    }

    /// The same mistake `offset` bytes further on.
    #[must_use]
    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }
}

/// A `<` that starts no markup: in text it must be written as a reference.
pub(crate) fn bare_less_than() -> Mistake {
    Mistake::new(
        "a `<` that starts no tag: in text it must be written `&lt;`",
        "write `<` as `&lt;` (a serializer does this itself; text pasted into XML by hand does not)",
    )
}

/// A `&` that starts no reference.
pub(crate) fn lone_ampersand() -> Mistake {
    Mistake::new(
        "a lone `&` must be written `&amp;`",
        "write `&` as `&amp;`, also inside URLs: `?a=1&amp;b=2`",
    )
}

/// An element name that is not an XML name; `name` is what stands after the `<`.
pub(crate) fn element_name(name: &str) -> Mistake {
    if name.is_empty() || name.contains('<') {
        return bare_less_than();
    }
    Mistake::new(
        format!("{} is not an element name", quoted(name)),
        "an element name starts with a letter or `_` and holds letters, digits, `-`, `_` and `.`; \
         a `<` in text must be written `&lt;`",
    )
}

/// An attribute that appears twice on one element; `name` is its name.
pub(crate) fn duplicate_attribute(name: &str) -> Mistake {
    Mistake::new(
        format!("attribute {} appears twice on one element", quoted(name)),
        "keep one of the two",
    )
}

/// Text after the root element's end tag.
pub(crate) fn text_after_root() -> Mistake {
    Mistake::new(
        "text is not allowed outside the root element",
        "a document has one root element and nothing but comments, processing instructions \
         and whitespace after it: remove this text, or move it inside the root",
    )
}

/// Markup after the root element: an element named `name`.
pub(crate) fn after_root(name: &str) -> Mistake {
    Mistake::new(
        format!(
            "{} follows the root element; a document has exactly one root",
            quoted(name)
        ),
        "put the elements inside one root element, or remove what follows it",
    )
}

/// A CDATA section or a reference (`what`) before or after the root element.
pub(crate) fn outside_root(what: &str) -> Mistake {
    Mistake::new(
        format!("{what} is not allowed outside the root element"),
        "move it inside the root element, or remove it",
    )
}

/// A prefix used without a declaration in scope.
pub(crate) fn undeclared_prefix(prefix: &str) -> Mistake {
    Mistake::new(
        format!("namespace prefix {} is not declared", quoted(prefix)),
        format!(
            "declare it with `xmlns:{prefix}=\"…\"` on this element or an ancestor, or drop the prefix"
        ),
    )
}

/// An XML declaration that is not at the very start.
pub(crate) fn declaration_not_first() -> Mistake {
    Mistake::new(
        "the XML declaration must come first in the document",
        "move `<?xml …?>` to the very start: nothing, not even whitespace, may come before it",
    )
}

/// A character reference to a character XML does not allow; `name` is what stands between
/// `&` and `;`.
pub(crate) fn bad_character_reference(name: &str) -> Mistake {
    Mistake::new(
        format!("`&{name};` does not refer to a character allowed in XML"),
        "write a character as `&#233;` or `&#xE9;`, with a code point XML allows",
    )
}

/// A character XML forbids, written as itself.
pub(crate) fn illegal_character(c: char) -> Mistake {
    Mistake::new(
        super::wellformed::illegal_char(c),
        "remove it: XML has no way to write this character, not even as a reference",
    )
}

/// A document with no element at all.
pub(crate) fn no_root() -> Mistake {
    Mistake::new(
        "the document has no root element",
        "an OSC payload is one element such as `<person xmlns=\"…\">…</person>`",
    )
}

/// A document that ends while elements are open.
pub(crate) fn ends_open() -> Mistake {
    Mistake::new(
        "the document ends before the root element is closed",
        "close every element that is open; the document may also have been cut short",
    )
}

/// A second byte order mark after the first.
pub(crate) fn second_byte_order_mark() -> Mistake {
    Mistake::new(
        "a second byte order mark (U+FEFF) is text before the root element",
        "remove it: a payload starts with at most one byte order mark",
    )
}

/// Describes an error quick-xml reported while reading an event. `markup` is the text from
/// the start of that event (as far as it is at hand): the offsets in quick-xml's attribute
/// errors count from just after its `<`, and a reference is told apart from a lone `&` by
/// what follows it.
pub(crate) fn of_reader_error(error: &quick_xml::Error, markup: &str) -> Mistake {
    use quick_xml::Error as E;
    match error {
        E::Syntax(e) => syntax(e),
        E::IllFormed(e) => ill_formed(e, markup),
        E::InvalidAttr(e) => attribute(e, markup),
        E::Escape(e) => escape(e, markup),
        E::Namespace(e) => Mistake::new(
            e.to_string(),
            "declare each prefix with `xmlns:prefix=\"…\"` on the element or an ancestor; \
             `xml` and `xmlns` are reserved",
        ),
        E::Encoding(e) => Mistake::new(
            format!("the text is not valid UTF-8 ({e})"),
            crate::text::ENCODING_HELP,
        ),
        E::Io(e) => Mistake::new(
            format!("the input could not be read: {e}"),
            "check that the file can be read to its end",
        ),
    }
}

fn syntax(e: &SyntaxError) -> Mistake {
    let (what, fix) = match e {
        SyntaxError::InvalidBangMarkup => (
            "`<!` starts no comment, CDATA section or DOCTYPE",
            "write a comment as `<!-- … -->`, or `<` as `&lt;`",
        ),
        SyntaxError::UnclosedPI => (
            "a processing instruction is never closed",
            "end it with `?>`",
        ),
        SyntaxError::UnclosedXmlDecl => (
            "the XML declaration is never closed",
            "end it with `?>`: `<?xml version=\"1.0\" encoding=\"utf-8\"?>`",
        ),
        SyntaxError::UnclosedComment => ("a comment is never closed", "end it with `-->`"),
        SyntaxError::UnclosedDoctype => ("a DOCTYPE is never closed", "remove the DOCTYPE"),
        SyntaxError::UnclosedCData => ("a CDATA section is never closed", "end it with `]]>`"),
        SyntaxError::UnclosedTag => (
            "a tag is never closed with `>`",
            "end the tag with `>`; a `<` in text must be written `&lt;`",
        ),
        SyntaxError::UnclosedSingleQuotedAttributeValue => (
            "an attribute value opened with `'` is never closed",
            "close the value with `'`",
        ),
        SyntaxError::UnclosedDoubleQuotedAttributeValue => (
            "an attribute value opened with `\"` is never closed",
            "close the value with `\"`",
        ),
    };
    Mistake::new(what, fix)
}

fn ill_formed(e: &IllFormedError, markup: &str) -> Mistake {
    match e {
        IllFormedError::MissingDeclVersion(_) | IllFormedError::UnknownVersion => Mistake::new(
            "the XML declaration must give `version=\"1.0\"` first",
            "write the declaration as `<?xml version=\"1.0\" encoding=\"utf-8\"?>`",
        ),
        IllFormedError::MissingDoctypeName => Mistake::new(
            "a DOCTYPE without a name",
            "remove the DOCTYPE: OSC payloads never need one",
        ),
        IllFormedError::MissingEndTag(name) => Mistake::new(
            format!("element {} is never closed", quoted(name)),
            format!("close it with `</{name}>`"),
        ),
        IllFormedError::UnmatchedEndTag(name) => Mistake::new(
            format!("end tag `</{name}>` closes no open element"),
            "remove it, or add the start tag it belongs to",
        ),
        IllFormedError::MismatchedEndTag { expected, found } => Mistake::new(
            format!("end tag `</{found}>` where `</{expected}>` was expected"),
            format!("close `{expected}` with `</{expected}>` before `</{found}>`"),
        ),
        IllFormedError::DoubleHyphenInComment => Mistake::new(
            "`--` inside a comment",
            "a comment may not hold `--`: write it as `- -` or remove it",
        ),
        IllFormedError::UnclosedReference => reference_start(markup),
    }
}

/// A reference that does not end: a lone `&`, unless the text holds a proper name first.
fn reference_start(markup: &str) -> Mistake {
    let at = markup.find('&').unwrap_or(0);
    lone_ampersand().at(at)
}

fn escape(e: &EscapeError, markup: &str) -> Mistake {
    match e {
        EscapeError::UnrecognizedEntity(_, name) => undefined_entity(name),
        EscapeError::UnterminatedEntity(_) => reference_start(markup),
        EscapeError::InvalidCharRef(e) => Mistake::new(
            format!("a character reference that names no character ({e})"),
            "write a character as `&#233;` or `&#xE9;`, with a code point XML allows",
        ),
        EscapeError::TooManyNestedEntities => Mistake::new(
            "entities nested too deeply",
            "remove the DOCTYPE and its entities",
        ),
    }
}

/// A reference to an entity that is not defined; a name that cannot name an entity at all
/// (`& Sons;`) is a lone `&`.
pub(crate) fn undefined_entity(name: &str) -> Mistake {
    if !super::wellformed::is_name(name) {
        return lone_ampersand();
    }
    Mistake::new(
        format!("entity `&{name};` is not defined"),
        "only `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` and character references such as \
         `&#233;` exist without a DTD; write a lone `&` as `&amp;`",
    )
}

fn attribute(e: &AttrError, markup: &str) -> Mistake {
    // quick-xml counts from the first byte after the `<`.
    let after_lt = |pos: usize| pos.saturating_add(1).min(markup.len());
    match *e {
        AttrError::ExpectedEq(pos) => Mistake::new(
            "an attribute name must be followed by `=` and a quoted value",
            "write attributes as `name=\"value\"`",
        )
        .at(after_lt(pos)),
        AttrError::ExpectedValue(pos) => Mistake::new(
            "an attribute has `=` but no value",
            "write attributes as `name=\"value\"`",
        )
        .at(after_lt(pos)),
        AttrError::UnquotedValue(pos) => Mistake::new(
            "an attribute value must be in quotes",
            "write attributes as `name=\"value\"` (or with `'`)",
        )
        .at(after_lt(pos)),
        AttrError::ExpectedQuote(pos, quote) => Mistake::new(
            format!(
                "an attribute value opened with `{}` is never closed",
                char::from(quote)
            ),
            format!("close the value with `{}`", char::from(quote)),
        )
        .at(after_lt(pos)),
        AttrError::Duplicated(pos, _) => {
            let rest = markup.get(after_lt(pos)..).unwrap_or("");
            let name = rest
                .split(|c: char| c == '=' || c.is_ascii_whitespace())
                .next()
                .unwrap_or("");
            duplicate_attribute(name).at(after_lt(pos))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_errors_point_past_the_less_than_sign() {
        let markup = "<person xmlns=http://x>";
        let m = attribute(&AttrError::UnquotedValue(13), markup);
        assert_eq!(&markup[m.offset..m.offset + 4], "http");
        assert!(!m.message.contains("position"), "{}", m.message);
    }

    #[test]
    fn a_name_that_cannot_name_an_entity_is_a_lone_ampersand() {
        assert_eq!(undefined_entity(" Sons"), lone_ampersand());
        assert_ne!(undefined_entity("nbsp"), lone_ampersand());
    }

    #[test]
    fn element_names_that_hold_a_less_than_sign_are_bare() {
        assert_eq!(element_name(""), bare_less_than());
        assert_eq!(element_name("b</userID"), bare_less_than());
        assert_ne!(element_name("a%b"), bare_less_than());
    }

    #[test]
    fn an_unclosed_reference_is_placed_at_its_ampersand() {
        let e = quick_xml::Error::IllFormed(IllFormedError::UnclosedReference);
        let m = of_reader_error(&e, "p?a=1&b=2");
        assert_eq!(m.offset, 5);
        assert_eq!(m.message, lone_ampersand().message);
    }
}
