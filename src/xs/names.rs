//! The string types with a grammar: `xs:Name`, `xs:NCName`, `xs:NMTOKEN`, `xs:language`, and
//! the list `xs:NMTOKENS`.
//!
//! Name characters follow XML 1.0 fifth edition (productions 4, 4a), the ranges today's
//! XML processors use.

use super::{LexicalError, collapse_whitespace};

/// XML 1.0 `NameStartChar`, with `:` only when `colon` is set.
fn is_name_start(c: char, colon: bool) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
        || (colon && c == ':')
}

/// XML 1.0 `NameChar`, with `:` only when `colon` is set.
fn is_name_char(c: char, colon: bool) -> bool {
    is_name_start(c, colon)
        || matches!(c,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an XML `Name` (with colons) or, without `colon`, an `NCName`.
pub fn is_name(s: &str, colon: bool) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| is_name_start(c, colon)) && chars.all(|c| is_name_char(c, colon))
}

/// Whether `s` is an XML `Nmtoken`: one or more name characters.
pub fn is_nmtoken(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| is_name_char(c, true))
}

/// Whether `s` is a `xs:language`: `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`.
pub fn is_language(s: &str) -> bool {
    s.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || (i > 0 && b.is_ascii_digit()))
    })
}

/// Checks a `xs:Name` (`colon`) or `xs:NCName` after collapsing whitespace.
///
/// # Errors
/// When the text is not such a name.
pub fn check_name(s: &str, colon: bool) -> Result<(), LexicalError> {
    if is_name(&collapse_whitespace(s), colon) {
        return Ok(());
    }
    let (type_name, reason) = if colon {
        (
            "xs:Name",
            "expected a name: a letter, `_` or `:` followed by letters, digits, `.`, `-`, `_` or `:`",
        )
    } else {
        (
            "xs:NCName",
            "expected a name without `:`: a letter or `_` followed by letters, digits, `.`, `-` or `_`",
        )
    };
    Err(LexicalError::new(type_name, s, reason))
}

/// Checks a `xs:NMTOKEN` after collapsing whitespace.
///
/// # Errors
/// When the text is empty or holds a character that cannot be in a name.
pub fn check_nmtoken(s: &str) -> Result<(), LexicalError> {
    if is_nmtoken(&collapse_whitespace(s)) {
        return Ok(());
    }
    Err(LexicalError::new(
        "xs:NMTOKEN",
        s,
        "expected one or more letters, digits, `.`, `-`, `_` or `:`",
    ))
}

/// Checks a `xs:NMTOKENS` after collapsing whitespace and returns its number of items.
///
/// # Errors
/// When the list is empty or an item is not a name token.
pub fn check_nmtokens(s: &str) -> Result<usize, LexicalError> {
    let text = collapse_whitespace(s);
    let mut n = 0;
    for item in text.split(' ') {
        if !is_nmtoken(item) {
            return Err(LexicalError::new(
                "xs:NMTOKENS",
                s,
                "expected one or more name tokens separated by spaces",
            ));
        }
        n += 1;
    }
    Ok(n)
}

/// Checks a `xs:language` tag after collapsing whitespace.
///
/// # Errors
/// When the text is not of the form `en` or `en-GB`.
pub fn check_language(s: &str) -> Result<(), LexicalError> {
    if is_language(&collapse_whitespace(s)) {
        return Ok(());
    }
    Err(LexicalError::new(
        "xs:language",
        s,
        "expected a language tag such as `en` or `en-GB`: parts of 1 to 8 letters or digits joined by `-`, the first letters only",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["a", "_a", "a:b", "a-b.c", "é", "x1", "a\u{B7}"] {
            assert!(check_name(ok, true).is_ok(), "{ok}");
        }
        for bad in ["", "1a", "-a", ".a", "a b", "a\u{D7}"] {
            assert!(check_name(bad, true).is_err(), "{bad}");
        }
        assert!(check_name(":a", true).is_ok());
        assert!(check_name("a:b", false).is_err());
        assert!(check_name(":a", false).is_err());
        assert!(check_name(" ab ", false).is_ok());
    }

    #[test]
    fn tokens_and_lists() {
        assert!(check_nmtoken("1a").is_ok());
        assert!(check_nmtoken(":").is_ok());
        assert!(check_nmtoken("").is_err());
        assert!(check_nmtoken("a b").is_err());
        assert_eq!(check_nmtokens(" a  b\tc "), Ok(3));
        assert!(check_nmtokens("").is_err());
        assert!(check_nmtokens("   ").is_err());
        assert!(check_nmtokens("a ,").is_err());
    }

    #[test]
    fn languages() {
        for ok in ["en", "en-GB", "i-klingon", "x-a1b2c3d4", "abcdefgh"] {
            assert!(check_language(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "e1",
            "abcdefghi",
            "en-",
            "-en",
            "en--GB",
            "en_GB",
            "en-abcdefghi",
        ] {
            assert!(check_language(bad).is_err(), "{bad}");
        }
    }
}
