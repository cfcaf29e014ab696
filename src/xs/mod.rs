//! Lexical XSD 1.0 datatypes used by the schema model.
//!
//! Dates and date-times are kept in the exact text they were written in
//! (after whitespace collapsing). Their timezone part is not decoration:
//! `Z`, `+00:00`, `-00:00` and a missing timezone are distinct statements
//! about the value, and a document that is read and written again must say
//! the same thing it said before. So [`XsDate`] and [`XsDateTime`] remember
//! their text and only expose parsed parts alongside it.
//!
//! Numbers and booleans carry no such nuance: `+007` and `7` mean the same
//! integer, `1` and `true` the same boolean. Those are parsed straight into
//! Rust values and written back in canonical form, which keeps the rest of
//! the library free of string handling for them.

use std::borrow::Cow;
use std::fmt;

mod binary;
mod boolean;
mod bounded;
mod date;
mod datetime;
mod decimal;
mod duration;
mod float;
mod integer;
mod names;
mod temporal;
mod timezone;
mod uri;

pub use binary::{Octets, parse_base64_binary, parse_hex_binary};
pub use boolean::{format_boolean, parse_boolean};
pub use bounded::BoundedString;
pub use date::XsDate;
pub use datetime::XsDateTime;
pub use decimal::Decimal;
pub use duration::{Duration, parse_duration};
pub use float::parse_float;
pub use integer::{parse_int, parse_unsigned_int, parse_unsigned_long};
pub use names::{
    check_language, check_name, check_nmtoken, check_nmtokens, is_language, is_name, is_nmtoken,
};
pub use temporal::{Moment, TemporalKind};
pub use timezone::Timezone;
pub use uri::AnyUri;

/// Why a lexical value was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexicalError {
    /// The datatype that rejected the value, such as `"xs:dateTime"`.
    pub type_name: &'static str,
    /// The rejected input as given, shortened to its first 40 characters
    /// followed by `…` when it is longer than that.
    pub value: String,
    /// What is wrong with the value, in lowercase without a final period.
    pub reason: String,
}

impl LexicalError {
    /// Builds an error, shortening `value` the same way for every datatype so
    /// that a pathological input cannot blow up error messages.
    pub fn new(type_name: &'static str, value: &str, reason: impl Into<String>) -> Self {
        Self {
            type_name,
            value: crate::text::value_excerpt(value),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for LexicalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a valid `{}`: {}",
            self.value, self.type_name, self.reason
        )
    }
}

impl std::error::Error for LexicalError {}

/// The four characters XML treats as whitespace. `char::is_whitespace` is
/// deliberately not used: it also matches Unicode spaces, which XSD keeps.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// XSD `whiteSpace="collapse"`: #x9, #xA and #xD become #x20, runs of #x20
/// shrink to one, and leading and trailing #x20 are removed.
///
/// Returns a borrowed slice of `s` when only trimming is needed, so the
/// common case of already-clean input does not allocate.
pub fn collapse_whitespace(s: &str) -> Cow<'_, str> {
    // Most values hold no byte at or below the space: nothing to trim or collapse then.
    // A fold with no early exit, which the compiler turns into a few wide comparisons: the
    // search below, byte by byte with its state, cost more than 50 instructions a value.
    if !s.bytes().fold(false, |found, b| found | (b <= b' ')) {
        return Cow::Borrowed(s);
    }
    let trimmed = s.trim_matches(is_xml_space);
    // Trimming is all that is needed unless a non-space whitespace character
    // or two whitespace characters in a row remain inside.
    // Byte by byte: every whitespace character is ASCII, and no byte of a longer
    // character is, so this is the same test without decoding the characters.
    let mut previous_space = false;
    let needs_rewrite = trimmed.bytes().any(|b| {
        let bad = matches!(b, b'\t' | b'\n' | b'\r') || (b == b' ' && previous_space);
        previous_space = b == b' ';
        bad
    });
    if !needs_rewrite {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut in_space = false;
    for c in trimmed.chars() {
        if is_xml_space(c) {
            in_space = true;
        } else {
            // Emit one space for the whole run only once the run has ended,
            // which also keeps a space from sneaking onto the end.
            if in_space {
                out.push(' ');
                in_space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_leaves_clean_text_borrowed() {
        assert!(matches!(collapse_whitespace("abc"), Cow::Borrowed("abc")));
        assert!(matches!(
            collapse_whitespace("a b c"),
            Cow::Borrowed("a b c")
        ));
        assert!(matches!(collapse_whitespace(""), Cow::Borrowed("")));
    }

    #[test]
    fn collapse_trims_by_borrowing() {
        assert!(matches!(
            collapse_whitespace("  a b "),
            Cow::Borrowed("a b")
        ));
        assert!(matches!(
            collapse_whitespace("\n\ta\r\n"),
            Cow::Borrowed("a")
        ));
    }

    #[test]
    fn collapse_rewrites_inner_whitespace() {
        assert_eq!(collapse_whitespace("a  b"), "a b");
        assert_eq!(collapse_whitespace("a\tb"), "a b");
        assert_eq!(collapse_whitespace("a\r\n\t b"), "a b");
        assert_eq!(collapse_whitespace(" \t a \n b  c \r"), "a b c");
    }

    #[test]
    fn collapse_handles_all_whitespace_input() {
        assert_eq!(collapse_whitespace(" \t\r\n "), "");
    }

    #[test]
    fn collapse_keeps_non_xml_spaces() {
        // No-break space and ideographic space are ordinary characters in XSD.
        assert_eq!(collapse_whitespace("\u{a0}a\u{3000}"), "\u{a0}a\u{3000}");
        assert_eq!(collapse_whitespace(" é  ü "), "é ü");
    }

    #[test]
    fn error_display_format() {
        let e = LexicalError::new("xs:dateTime", "yesterday", "expected YYYY-MM-DDThh:mm:ss");
        assert_eq!(
            e.to_string(),
            "`yesterday` is not a valid `xs:dateTime`: expected YYYY-MM-DDThh:mm:ss"
        );
    }

    #[test]
    fn error_value_is_shortened() {
        let long = "é".repeat(100);
        let e = LexicalError::new("stringType", &long, "too long");
        assert_eq!(e.value, format!("{}…", "é".repeat(40)));
        let exact = "x".repeat(40);
        assert_eq!(LexicalError::new("xs:int", &exact, "r").value, exact);
    }

    #[test]
    fn error_is_std_error() {
        let e: Box<dyn std::error::Error> = Box::new(LexicalError::new("xs:int", "x", "bad"));
        assert!(e.to_string().contains("`xs:int`"));
    }
}
