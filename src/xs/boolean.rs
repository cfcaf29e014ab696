//! `xs:boolean`.

use super::{LexicalError, collapse_whitespace};

const TYPE_NAME: &str = "xs:boolean";

/// Parses an `xs:boolean`: after whitespace collapsing exactly `true`,
/// `false`, `1` or `0` (lowercase only, as XSD defines it).
pub fn parse_boolean(s: &str) -> Result<bool, LexicalError> {
    match collapse_whitespace(s).as_ref() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(LexicalError::new(
            TYPE_NAME,
            s,
            "expected `true`, `false`, `1` or `0`",
        )),
    }
}

/// The canonical `xs:boolean` form: `"true"` or `"false"`, never `1`/`0`.
pub fn format_boolean(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_four_forms() {
        assert_eq!(parse_boolean("true"), Ok(true));
        assert_eq!(parse_boolean("false"), Ok(false));
        assert_eq!(parse_boolean("1"), Ok(true));
        assert_eq!(parse_boolean("0"), Ok(false));
    }

    #[test]
    fn collapses_whitespace_first() {
        assert_eq!(parse_boolean(" 1 "), Ok(true));
        assert_eq!(parse_boolean("\n\tfalse\r\n"), Ok(false));
    }

    #[test]
    fn rejects_other_spellings() {
        for bad in [
            "",
            " ",
            "TRUE",
            "True",
            "FALSE",
            "yes",
            "no",
            "t",
            "f",
            "01",
            "00",
            "+1",
            "-0",
            "10",
            "tru e",
            "true false",
            "１",
        ] {
            let err = parse_boolean(bad).unwrap_err();
            assert_eq!(err.type_name, "xs:boolean");
            assert_eq!(err.value, bad);
        }
    }

    #[test]
    fn error_message() {
        assert_eq!(
            parse_boolean("yes").unwrap_err().to_string(),
            "`yes` is not a valid `xs:boolean`: expected `true`, `false`, `1` or `0`"
        );
    }

    #[test]
    fn formats_canonically_and_round_trips() {
        assert_eq!(format_boolean(true), "true");
        assert_eq!(format_boolean(false), "false");
        for b in [true, false] {
            assert_eq!(parse_boolean(format_boolean(b)), Ok(b));
        }
    }
}
