//! Text made inert for a human-readable line: what a document or a file name says is shown,
//! but it cannot end the line it stands on, start another, or drive a terminal.
//!
//! A CI runner reads every line of a step's output, after leading white space, as a possible
//! command (GitHub's `::stop-commands::`, `::error file=…::`, `::add-mask::`). A value such
//! as `x\n::stop-commands::pwned` printed as it is would therefore silence or forge the
//! annotations after it. Every human-readable output (code frames, their source lines,
//! messages, help, file names, the command line's messages on standard error) passes what it
//! echoes through [`inert`]. The machine formats escape by their own syntax instead (JSON
//! strings, the percent-encoding of workflow commands), so that their consumers get the raw
//! value back, escaped once.

use std::borrow::Cow;
#[cfg(feature = "cli")]
use std::ops::Range;

/// `text` with every character that could break a line or drive a terminal shown escaped, as
/// Rust writes it in a literal: `\n`, `\r`, `\u{1b}`, `\u{85}`, `\u{2028}`. These are the C0
/// and C1 control characters and DEL (Unicode's `Cc`), and the line and paragraph separators
/// U+2028 and U+2029.
///
/// The tab is kept: it never starts a line, and the code frames widen it to spaces like every
/// editor, so that source indented with tabs stays readable.
///
/// ```
/// use osc_schema::inert;
///
/// assert_eq!(inert("x\n::stop-commands::pwned"), r"x\n::stop-commands::pwned");
/// assert_eq!(inert("a\r::error::b\u{85}c"), r"a\r::error::b\u{85}c");
/// assert_eq!(inert("tab\tkept, é kept"), "tab\tkept, é kept");
/// ```
pub fn inert(text: &str) -> Cow<'_, str> {
    if plain(text) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_inert(&mut out, c);
    }
    Cow::Owned(out)
}

/// [`inert`] of a source line, with `span` (a byte range of `line`) moved to where the same
/// characters stand in the escaped line, so that a code frame's caret stays under them.
#[cfg(feature = "cli")]
pub(crate) fn inert_with_span(line: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    if plain(line) || !line.chars().any(needs_escape) {
        return (Cow::Borrowed(line), span);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let (mut start, mut end) = (None, None);
    for (at, c) in line.char_indices() {
        if start.is_none() && at >= span.start {
            start = Some(out.len());
        }
        if end.is_none() && at >= span.end {
            end = Some(out.len());
        }
        push_inert(&mut out, c);
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
}

/// Whether `text` is printable ASCII and tabs, none of which is escaped: the common case,
/// told apart in one pass over the bytes with no branch a byte, where looking at each
/// character cost several times as much.
fn plain(text: &str) -> bool {
    text.bytes().fold(true, |plain, b| {
        plain & ((b' '..=b'~').contains(&b) | (b == b'\t'))
    })
}

/// Whether `c` is shown escaped.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}')
}

fn push_inert(out: &mut String, c: char) {
    if needs_escape(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_and_control_character_is_escaped() {
        for (raw, shown) in [
            ("\n", r"\n"),
            ("\r", r"\r"),
            ("\u{0}", r"\u{0}"),
            ("\u{1b}[31m", r"\u{1b}[31m"),
            ("\u{7f}", r"\u{7f}"),
            ("\u{85}", r"\u{85}"),
            ("\u{9b}", r"\u{9b}"),
            ("\u{2028}", r"\u{2028}"),
            ("\u{2029}", r"\u{2029}"),
            ("\u{b}\u{c}", r"\u{b}\u{c}"),
        ] {
            assert_eq!(inert(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "`robot` is not one of `male`, `female` — ünïcödé\tand a tab";
        assert!(matches!(inert(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    #[cfg(feature = "cli")]
    fn a_span_follows_its_characters_into_the_escaped_line() {
        let line = "<a>\r\u{85}x</a>";
        let at = line.find('x').unwrap_or(0);
        let (shown, span) = inert_with_span(line, at..at + 1);
        assert_eq!(shown, r"<a>\r\u{85}x</a>");
        assert_eq!(&shown[span], "x");
        // A span over escaped characters covers their escapes whole.
        let (shown, span) = inert_with_span(line, 3..4);
        assert_eq!(&shown[span], r"\r");
        // A span past the end stays at the end.
        let (shown, span) = inert_with_span(line, 100..200);
        assert_eq!(span, shown.len()..shown.len());
    }
}
