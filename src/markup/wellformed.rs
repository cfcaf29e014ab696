//! The rules of XML 1.0 that quick-xml leaves to its caller, checked in one place for every
//! reader of the crate: which characters may stand in text, comments, processing
//! instructions and attribute values; `]]>` outside a CDATA section; the targets of
//! processing instructions; the form of the XML declaration; and the values of attributes
//! (references resolved, `<` refused) — namespace declarations included, so that a
//! namespace is the declared value with its references resolved, once.

use std::borrow::Cow;
use std::fmt;

use quick_xml::XmlVersion;
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesPI, BytesText, Event};

use super::mistake::{self, Mistake};

/// Why the crate refuses markup that quick-xml read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// quick-xml's own error.
    Xml(quick_xml::Error),
    /// A reference to an entity that is not defined: without a DTD only the five
    /// predefined ones are.
    UndefinedEntity(String),
    /// Another rule of XML 1.0, said for the document's author.
    NotWellFormed(Mistake),
}

impl From<quick_xml::Error> for Refusal {
    fn from(error: quick_xml::Error) -> Self {
        match error {
            // A name that cannot name an entity (`& Sons;`) was a lone `&`.
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name))
                if !is_name(&name) =>
            {
                Refusal::NotWellFormed(mistake::lone_ampersand())
            }
            quick_xml::Error::Escape(EscapeError::UnrecognizedEntity(_, name)) => {
                Refusal::UndefinedEntity(name)
            }
            other => Refusal::Xml(other),
        }
    }
}

impl Refusal {
    /// The same refusal of markup found `by` bytes further into the markup it is said of
    /// (a mistake in a value, found in the value, said of the tag that holds it).
    #[must_use]
    pub(crate) fn shifted(self, by: usize) -> Self {
        match self {
            Refusal::NotWellFormed(m) => {
                let offset = m.offset.saturating_add(by);
                Refusal::NotWellFormed(m.at(offset))
            }
            other => other,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Xml(e) => write!(f, "{e}"),
            Refusal::UndefinedEntity(name) => write!(
                f,
                "entity `&{name};` is not defined (only the five predefined entities and \
                 character references are allowed)"
            ),
            Refusal::NotWellFormed(mistake) => f.write_str(&mistake.message),
        }
    }
}

/// XML 1.0's `Char` production.
#[inline]
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character XML forbids in `s`. Only C0 controls and U+FFFE/U+FFFF can occur in
/// a Rust string yet be illegal, so a scan for bytes below 0x20 or equal to 0xEF (the lead
/// byte of U+FFFE/U+FFFF) decides the common case eight bytes at a time, without decoding.
pub(crate) fn first_illegal_char(s: &str) -> Option<char> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let suspect_in = |x: u64| {
        // A byte below 0x20, or a byte equal to 0xEF (zero after the xor).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        below | ef != 0
    };
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut suspect = false;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if suspect_in(u64::from_le_bytes(word)) {
            suspect = true;
            break;
        }
    }
    if !suspect {
        // Pad the tail with spaces, which pass, and test it the same way.
        let tail = chunks
            .remainder()
            .iter()
            .rev()
            .fold(ONES * u64::from(b' '), |acc, &b| (acc << 8) | u64::from(b));
        suspect = suspect_in(tail);
    }
    if suspect {
        s.chars().find(|&c| !is_xml_char(c))
    } else {
        None
    }
}

/// What is said of a character XML forbids.
pub(crate) fn illegal_char(c: char) -> String {
    format!("character U+{:04X} is not allowed in XML", u32::from(c))
}

/// Only XML characters in `s`.
pub(crate) fn chars(s: &str) -> Result<(), Refusal> {
    match first_illegal_char(s) {
        None => Ok(()),
        Some(c) => Err(Refusal::NotWellFormed(
            mistake::illegal_character(c).at(s.find(c).unwrap_or(0)),
        )),
    }
}

/// A text node as XML requires it: only XML characters, and no `]]>` (section 2.4).
pub(crate) fn text(text: &str) -> Result<(), Refusal> {
    if memchr::memchr(b']', text.as_bytes()).is_some() {
        if let Some(at) = memchr::memmem::find(text.as_bytes(), b"]]>") {
            return Err(Refusal::NotWellFormed(
                Mistake::new("`]]>` is not allowed in text", "write it as `]]&gt;`").at(at),
            ));
        }
    }
    chars(text)
}

/// Checks markup that holds no value (comments, processing instructions, the XML
/// declaration); any other event passes.
pub(crate) fn check_markup(event: &Event<'_>) -> Result<(), Refusal> {
    match event {
        Event::Comment(c) => comment(c),
        Event::PI(pi) => processing_instruction(pi),
        Event::Decl(d) => declaration(d),
        _ => Ok(()),
    }
}

/// A comment holds only XML characters (quick-xml checks `--` itself).
fn comment(c: &BytesText<'_>) -> Result<(), Refusal> {
    let content: &str = c;
    chars(content)
}

/// A processing instruction has a target, which is a name other than `xml` in any case
/// (that one is the declaration, and only at the very start), and only XML characters.
fn processing_instruction(pi: &BytesPI<'_>) -> Result<(), Refusal> {
    let content: &str = pi;
    let target = pi.target();
    let wrong = |m: String| {
        Err(Refusal::NotWellFormed(Mistake::new(
            m,
            "write a processing instruction as `<?target …?>`, or remove it",
        )))
    };
    if target.is_empty() || !content.starts_with(target) {
        return wrong("a processing instruction must start with its target, a name".into());
    }
    if !is_name(target) {
        return wrong(format!(
            "the target of a processing instruction is not a name: {}",
            crate::text::quoted(target)
        ));
    }
    if target.eq_ignore_ascii_case("xml") {
        return wrong(
            "an XML declaration is allowed only at the very start of the document".into(),
        );
    }
    chars(content)
}

/// Whether `s` is an XML name (`Name`, XML 1.0 section 2.3).
pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// Whether `s` is a name without a colon (`NCName`, Namespaces in XML 1.0 section 3): what
/// XML Schema's names and ids are.
pub(crate) fn is_ncname(s: &str) -> bool {
    is_name(s) && !s.contains(':')
}

/// The characters that may start an XML name (`NameStartChar`, XML 1.0 section 2.3), as
/// ranges: what a name's first character is checked against, and what XML Schema's `\i`
/// matches.
pub(crate) const NAME_START_RANGES: [(char, char); 16] = [
    (':', ':'),
    ('A', 'Z'),
    ('_', '_'),
    ('a', 'z'),
    ('\u{C0}', '\u{D6}'),
    ('\u{D8}', '\u{F6}'),
    ('\u{F8}', '\u{2FF}'),
    ('\u{370}', '\u{37D}'),
    ('\u{37F}', '\u{1FFF}'),
    ('\u{200C}', '\u{200D}'),
    ('\u{2070}', '\u{218F}'),
    ('\u{2C00}', '\u{2FEF}'),
    ('\u{3001}', '\u{D7FF}'),
    ('\u{F900}', '\u{FDCF}'),
    ('\u{FDF0}', '\u{FFFD}'),
    ('\u{10000}', '\u{EFFFF}'),
];

/// The characters a name may hold past its first besides [`NAME_START_RANGES`]
/// (`NameChar`): with them, what XML Schema's `\c` matches.
pub(crate) const NAME_MORE_RANGES: [(char, char); 6] = [
    ('-', '-'),
    ('.', '.'),
    ('0', '9'),
    ('\u{B7}', '\u{B7}'),
    ('\u{300}', '\u{36F}'),
    ('\u{203F}', '\u{2040}'),
];

fn is_name_start(c: char) -> bool {
    NAME_START_RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || NAME_MORE_RANGES
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The XML declaration as XML 1.0 writes it (section 2.8): `version` with `1.` and digits,
/// then optionally `encoding` with an encoding name, then optionally `standalone` with
/// `yes` or `no`, in that order, each after whitespace, and nothing else.
fn declaration(d: &BytesDecl<'_>) -> Result<(), Refusal> {
    let content: &str = d;
    // quick-xml hands out the declaration from its `xml` on.
    let rest = content.strip_prefix("xml").unwrap_or(content);
    let mut parts = Pseudo { rest };
    let wrong = |m: &str| {
        Err(Refusal::NotWellFormed(Mistake::new(
            format!("malformed XML declaration: {m}"),
            "write the declaration as `<?xml version=\"1.0\" encoding=\"utf-8\"?>`",
        )))
    };
    let Some((name, value)) = parts.next() else {
        return wrong("`version` must come first");
    };
    if name != "version" {
        return wrong("`version` must come first");
    }
    let digits = value.strip_prefix("1.").unwrap_or("");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return wrong("the version must be `1.` and digits, such as `1.0`");
    }
    let mut next = parts.next();
    if let Some(("encoding", value)) = next {
        let mut bytes = value.bytes();
        let name_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
            && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !name_ok {
            return wrong("the encoding is not an encoding name");
        }
        next = parts.next();
    }
    if let Some(("standalone", value)) = next {
        if !matches!(value, "yes" | "no") {
            return wrong("`standalone` must be `yes` or `no`");
        }
        next = parts.next();
    }
    if next.is_some() || !parts.rest.trim_start_matches(is_space).is_empty() {
        return wrong("only `version`, `encoding` and `standalone` may follow, in that order");
    }
    Ok(())
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The pseudo-attributes of a declaration, one after the other: each must follow
/// whitespace, and be `name = "value"` or `name = 'value'`.
struct Pseudo<'a> {
    rest: &'a str,
}

impl<'a> Pseudo<'a> {
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let trimmed = self.rest.trim_start_matches(is_space);
        if trimmed.len() == self.rest.len() {
            return None;
        }
        let name_len = trimmed.find(|c: char| is_space(c) || c == '=')?;
        let (name, after) = trimmed.split_at(name_len);
        let after = after.trim_start_matches(is_space).strip_prefix('=')?;
        let after = after.trim_start_matches(is_space);
        let quote = after.chars().next().filter(|&q| q == '"' || q == '\'')?;
        let body = after.get(1..)?;
        let end = body.find(quote)?;
        self.rest = body.get(end + 1..)?;
        Some((name, body.get(..end)?))
    }
}

/// The value of an attribute as XML defines it (section 3.3.3): references resolved,
/// whitespace characters turned into spaces; refused when it holds `<`, a character XML
/// forbids (written or referred to) or a reference to an undefined entity.
pub(crate) fn attribute_value<'a>(attr: &'a Attribute<'_>) -> Result<Cow<'a, str>, Refusal> {
    if attr.value.contains('<') {
        let at = attr.value.find('<').unwrap_or(0);
        return Err(Refusal::NotWellFormed(
            Mistake::new(
                format!(
                    "attribute {} contains `<`",
                    crate::text::quoted(attr.key.into_inner())
                ),
                "write `<` in an attribute value as `&lt;`",
            )
            .at(at),
        ));
    }
    chars(&attr.value)?;
    let value = attr.normalized_value(XmlVersion::Implicit1_0)?;
    if memchr::memchr(b'&', attr.value.as_bytes()).is_some() {
        // Only a character reference can bring in a character not checked above.
        chars(&value)?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::BytesStart;

    fn decl(content: &str) -> Result<(), Refusal> {
        declaration(&BytesDecl::from_start(BytesStart::from_content(content, 3)))
    }

    #[test]
    fn declarations_follow_the_grammar() {
        for good in [
            "xml version=\"1.0\"",
            "xml version='1.1' encoding=\"UTF-8\" standalone='no' ",
            "xml version = \"1.0\"\nencoding = 'utf-16'",
        ] {
            assert!(decl(good).is_ok(), "{good}");
        }
        for bad in [
            "xml",
            "xml encoding=\"UTF-8\"",
            "xml version=\"2.0\"",
            "xml version=\"1.\"",
            "xml version=\"1.0\"encoding=\"UTF-8\"",
            "xml version=\"1.0\" standalone=\"maybe\"",
            "xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"",
            "xml version='1.0\"",
            "xml version=\"1.0\" foo=\"x\"",
            "xml version=\"1.0\" encoding=\"8bit\"",
            "xml version=\"1.0\" junk",
        ] {
            assert!(decl(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_names() {
        assert!(is_name("xml-stylesheet"));
        assert!(is_name("a:b.c"));
        assert!(!is_name("1a"));
        assert!(!is_name(""));
    }
}
