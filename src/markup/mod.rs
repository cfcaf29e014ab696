//! The one way the crate reads XML markup: quick-xml configured alike for every reader, and
//! one keeper of namespace scopes and open elements ([`Scopes`]).
//!
//! The validator (`xsd`), the model reader (`xml`), the outline of a document and the
//! suppression scanner all read through quick-xml set up by [`configure`], so that they
//! accept and refuse the same markup with the same messages; the validator and the model
//! reader resolve names through [`Scopes`].

mod name_key;
mod scopes;
mod wellformed;

pub(crate) use name_key::NameKey;
pub(crate) use scopes::Scopes;
pub(crate) use wellformed::{
    Refusal, attribute_value, chars, first_illegal_char, illegal_char, is_xml_char, text,
};

/// What is said of a document whose byte order mark is followed by another U+FEFF: only
/// one may stand before the document, and the second is text before the root element.
pub(crate) const SECOND_BOM: &str =
    "a second byte order mark (U+FEFF) is text before the root element; remove it";

/// The most characters of a name or value quoted in a message: what the input holds can be
/// megabytes long, and a message that repeats it whole makes every report of it as long.
const QUOTED_CHARS: usize = 64;

/// `name` in backticks for a message; one longer than [`QUOTED_CHARS`] characters is cut
/// there, marked with `…` and followed by its length in bytes, so that a message stays
/// short whatever the input holds.
pub(crate) fn quoted(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(QUOTED_CHARS * 4) + 2);
    push_quoted(&mut out, name);
    out
}

/// Appends `name` to `out` as [`quoted`] writes it.
fn push_quoted(out: &mut String, name: &str) {
    out.push('`');
    match name.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => {
            out.push_str(name.get(..cut).unwrap_or(""));
            out.push_str("…` (");
            out.push_str(&name.len().to_string());
            out.push_str(" bytes)");
        }
        None => {
            out.push_str(name);
            out.push('`');
        }
    }
}

/// `name` as it is when short; else its first [`QUOTED_CHARS`] characters, `…` and its
/// length in bytes, for a name held in an error and quoted when it is shown.
pub(crate) fn shortened(name: String) -> String {
    match name.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}… ({} bytes)", name.get(..cut).unwrap_or(""), name.len()),
        None => name,
    }
}

/// `message` with every name or value it quotes in backticks cut as [`quoted`] cuts it:
/// what a finding says about the input (a name, a prefix, a namespace, a value) stays
/// short whatever the input holds, in one pass over the message, and a message that
/// quotes nothing long is returned as it is.
pub(crate) fn shorten_quotes(message: String) -> String {
    let long = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.len() > QUOTED_CHARS);
    if !long {
        return message;
    }
    let mut out = String::with_capacity(256);
    let mut pieces = message.split('`');
    if let Some(head) = pieces.next() {
        out.push_str(head);
    }
    let mut inside = true;
    let mut rest = pieces.peekable();
    while let Some(piece) = rest.next() {
        if inside && rest.peek().is_some() {
            push_quoted(&mut out, piece);
        } else if inside {
            // An opening backtick without its closing one: kept as written, cut the same.
            out.push('`');
            out.push_str(&shorten_tail(piece));
        } else {
            out.push_str(piece);
        }
        inside = !inside;
    }
    out
}

/// The first [`QUOTED_CHARS`] characters of `text` and `…`, or all of it when shorter.
fn shorten_tail(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or("")),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{quoted, shorten_quotes};

    #[test]
    fn long_quotes_are_cut_with_their_length_and_short_ones_kept() {
        let long = "x".repeat(1000);
        assert_eq!(quoted("userID"), "`userID`");
        let cut = quoted(&long);
        assert!(cut.ends_with("…` (1000 bytes)") && cut.len() < 100, "{cut}");
        let message = format!("element `{long}` is not allowed in `person`");
        assert_eq!(
            shorten_quotes(message),
            format!("element {cut} is not allowed in `person`")
        );
        let kept = "element `a` is not allowed in `b`".to_owned();
        assert_eq!(shorten_quotes(kept.clone()), kept);
        let unclosed = shorten_quotes(format!("a `{long}"));
        assert!(
            unclosed.len() < 100 && unclosed.starts_with("a `x"),
            "{unclosed}"
        );
    }
}

/// A quick-xml reader of `input`, set up by [`configure`]; the one way the crate opens one.
pub(crate) fn reader<R>(input: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(input);
    configure(reader.config_mut());
    reader
}

/// Sets up a quick-xml reader as every reader of the crate is set up.
///
/// Well-formedness is part of the verdict, so every check quick-xml offers is kept, except
/// that end tags are matched by [`Scopes`], the same way for text and for streams (quick-xml
/// matches them only within one reader, and a stream is read by one reader per chunk).
pub(crate) fn configure(config: &mut quick_xml::reader::Config) {
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
}
