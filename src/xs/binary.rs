//! `xs:hexBinary` and `xs:base64Binary`: octet sequences written as text.

use super::{LexicalError, collapse_whitespace};

/// An octet sequence in a form where equal values have equal text: upper-case hex digits,
/// or base64 without its spaces (the grammar leaves no other freedom), plus its length.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Octets {
    /// The canonical text.
    pub canonical: Box<str>,
    /// How many octets the value holds, what the length facets count.
    pub len: usize,
}

/// Parses a `xs:hexBinary`: an even number of hex digits, after collapsing whitespace.
///
/// # Errors
/// For an odd count or a character that is not a hex digit.
pub fn parse_hex_binary(s: &str) -> Result<Octets, LexicalError> {
    let text = collapse_whitespace(s);
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(LexicalError::new(
            "xs:hexBinary",
            s,
            "expected hex digits (`0`-`9`, `a`-`f`, `A`-`F`) only",
        ));
    }
    if !text.len().is_multiple_of(2) {
        return Err(LexicalError::new(
            "xs:hexBinary",
            s,
            "expected an even number of hex digits, two per octet",
        ));
    }
    Ok(Octets {
        canonical: text.to_ascii_uppercase().into(),
        len: text.len() / 2,
    })
}

/// Whether `b` is one of the 64 base64 digits.
fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
}

/// Parses a `xs:base64Binary` by the grammar of XSD part 2, 3.2.16, after collapsing
/// whitespace: groups of four base64 characters, single spaces allowed between
/// characters, the last group padded with `=` or `==` only after a character whose unused
/// bits are zero.
///
/// # Errors
/// When the text does not follow that grammar.
pub fn parse_base64_binary(s: &str) -> Result<Octets, LexicalError> {
    let text = collapse_whitespace(s);
    let fail = |why: &str| LexicalError::new("xs:base64Binary", s, why);
    // After collapsing, spaces stand alone between characters, which the grammar allows
    // anywhere but at the ends (and collapsing removed those).
    let packed: String = text.chars().filter(|&c| c != ' ').collect();
    let b = packed.as_bytes();
    if !b.len().is_multiple_of(4) {
        return Err(fail(
            "expected base64 characters in groups of four, padded with `=`",
        ));
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    let body = b.get(..b.len() - pad).unwrap_or_default();
    if pad > 2 || !body.iter().all(|&c| is_b64(c)) {
        return Err(fail(
            "expected `A`-`Z`, `a`-`z`, `0`-`9`, `+` and `/`, with at most two `=` at the end",
        ));
    }
    // The character before the padding may only carry the bits that belong to octets.
    let last_ok = match (pad, body.last()) {
        (0, _) | (_, None) => true,
        (1, Some(c)) => b"AEIMQUYcgkosw048".contains(c),
        (_, Some(c)) => b"AQgw".contains(c),
    };
    if !last_ok {
        return Err(fail(
            "the character before `=` has bits set that belong to no octet",
        ));
    }
    Ok(Octets {
        len: b.len() / 4 * 3 - pad,
        canonical: packed.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        assert_eq!(parse_hex_binary("0fA1").map(|o| o.len), Ok(2));
        assert_eq!(
            parse_hex_binary(""),
            Ok(Octets {
                canonical: "".into(),
                len: 0
            })
        );
        assert_eq!(parse_hex_binary("0fa1"), parse_hex_binary(" 0FA1 "));
        for bad in ["0", "abc", "0g", "0 f", "0x0f"] {
            assert!(parse_hex_binary(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64() {
        let len = |s: &str| parse_base64_binary(s).map(|o| o.len);
        assert_eq!(len(""), Ok(0));
        assert_eq!(len("QUJD"), Ok(3));
        assert_eq!(len("QUI="), Ok(2));
        assert_eq!(len("QQ=="), Ok(1));
        assert_eq!(len("QQ = ="), Ok(1));
        assert_eq!(len(" Q U J D "), Ok(3));
        for bad in [
            "Q", "QUJ", "QR==", "QB==", "QUJ=", "Q===", "QU=D", "QUJD=", "QUJD====", "QU!D", "QQ=",
        ] {
            assert!(parse_base64_binary(bad).is_err(), "{bad}");
        }
        assert!(len("QUI=").is_ok());
        assert!(len("QUJ=").is_err(), "J has low bits set");
    }
}
