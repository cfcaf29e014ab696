//! Turning what goes wrong while reading JSON into [`Error`]s placed in the text.

use crate::error::{Error, TextPos};
use crate::text;

/// The [`Error::Json`] for a serde_json error met while reading `text`.
///
/// serde_json counts columns in bytes; the crate counts them in characters, as an editor
/// does, so the column is recounted from the text.
pub(crate) fn json_error(text: &str, error: &serde_json::Error) -> Error {
    let full = error.to_string();
    // serde_json appends the position to its message; it is reported separately here.
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    };
    Error::Json {
        message,
        pos: char_pos(text, error.line(), error.column()),
    }
}

/// The character position of serde_json's `line` and 1-based byte `column`.
fn char_pos(text: &str, line: usize, column: usize) -> TextPos {
    // Errors met while reading text always carry a line; 0 would mean none is known.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.max(1) - 1)
        .map(str::len)
        .sum();
    let end = (line_start + column.saturating_sub(1)).min(text.len());
    let (line, column) = text::advance(1, 1, text.as_bytes().get(..end).unwrap_or_default());
    TextPos::new(line, column)
}

/// The bytes as UTF-8 text, without a byte order mark, which JSON readers may ignore.
pub(crate) fn utf8_text(bytes: &[u8]) -> Result<&str, Error> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let valid = body.get(..e.valid_up_to()).unwrap_or_default();
        // The prefix up to the error is valid UTF-8 by definition.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = text::advance(1, 1, prefix.as_bytes());
        Error::Encoding {
            message: "invalid UTF-8 (JSON must be UTF-8)".into(),
            pos: TextPos::new(line, column),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> Error {
        let e = serde_json::from_str::<serde_json::Value>(text).expect_err("malformed");
        json_error(text, &e)
    }

    #[test]
    fn columns_count_characters_and_the_message_loses_the_position() {
        match error_of("{\n  \"é\": x }") {
            Error::Json { message, pos } => {
                assert_eq!(message, "expected value");
                assert_eq!(pos, TextPos::new(2, 8));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_is_placed_and_a_bom_skipped() {
        assert_eq!(utf8_text(b"\xEF\xBB\xBF{}").ok(), Some("{}"));
        match utf8_text(b"{\n \"\xC3\xA9\xFF\"}") {
            Err(Error::Encoding { pos, .. }) => assert_eq!(pos, TextPos::new(2, 4)),
            other => panic!("{other:?}"),
        }
    }
}
