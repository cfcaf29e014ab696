//! Source lines for the frames of findings in files that were validated as streams: the
//! file is read again only around each finding (`FileLines`), so a finding in a 600 MB
//! file costs a small read.

use std::borrow::Cow;
use std::ops::Range;

pub(crate) use crate::check::FileLines;
use crate::check::read_at;
use crate::diagnostic::Diagnostic;
use crate::print::human::{Excerpt, SPAN_SHOWN, SourceLines, WINDOW, line_around};

impl SourceLines for FileLines {
    fn excerpt(&self, d: &Diagnostic) -> Excerpt<'_> {
        match self {
            FileLines::Decoded(text) => {
                let (line, span) = line_around(text, d.location.span.clone());
                Some(Excerpt::of_line(Cow::Borrowed(line), span, true))
            }
            FileLines::Utf8 { path, skip } => window(*skip, d.location.span.clone(), |at, len| {
                read_at(path, at, len)
            }),
            FileLines::Spooled { spool, skip } => {
                window(*skip, d.location.span.clone(), |at, len| {
                    spool.read_copied(at, len)
                })
            }
        }
        .unwrap_or(Excerpt {
            text: Cow::Borrowed(""),
            span: 0..0,
            from_line_start: true,
        })
    }
}

/// The line around `span`, or the window of it that a frame shows, from the bytes
/// `read(offset, len)` gives of the document: at most [`WINDOW`] bytes before the span,
/// [`SPAN_SHOWN`] of it and [`WINDOW`] after it are read, however long the line or the span.
fn window(
    skip: u64,
    span: Range<usize>,
    read: impl FnOnce(u64, usize) -> std::io::Result<Vec<u8>>,
) -> Option<Excerpt<'static>> {
    let start = span.start;
    let from = start.saturating_sub(WINDOW);
    let to = span
        .end
        .clamp(start, start.saturating_add(SPAN_SHOWN))
        .saturating_add(WINDOW);
    let bytes = read(skip + from as u64, to - from).ok()?;
    let at = (start - from).min(bytes.len());
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    let mut slice = &bytes[line_start..line_end];
    // A window may begin inside a multi-byte character; drop its tail bytes.
    let mut cut = 0;
    while let Some((&b, rest)) = slice.split_first() {
        if b & 0xC0 != 0x80 {
            break;
        }
        slice = rest;
        cut += 1;
    }
    let text = String::from_utf8_lossy(slice)
        .trim_end_matches('\r')
        .to_owned();
    let rel_start = (at - line_start).saturating_sub(cut).min(text.len());
    let rel_end = (span.end.saturating_sub(from + line_start + cut)).clamp(rel_start, text.len());
    // The line begins in the window when a line break was met before the span, or when the
    // window begins at the document's start.
    let from_line_start = cut == 0 && (line_start > 0 || from == 0);
    Some(Excerpt::of_line(
        Cow::Owned(text),
        rel_start..rel_end,
        from_line_start,
    ))
}
