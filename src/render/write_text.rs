//! The plain-text preview.
//!
//! One block per activity, newest first, blocks separated by a blank line:
//!
//! ```text
//! Michael Affronti: is hiking on Mount Rainier this weekend!
//! Status Update · 2010-03-08T18:30:00
//! ```
//!
//! - line 1: the title as the reader sees it; names and link captions without their
//!   addresses;
//! - line 2, only when the data shows anything: the data, with pictures as
//!   `[picture: altText]` (`[picture]` without alternative text) and list items separated
//!   by commas;
//! - last line: the template's `type` (when there is one) and `publishDate` as written.
//!
//! Unfilled tokens appear as `⟨missing text:statusText⟩` and similar. White space is
//! collapsed as a browser would (line breaks in values included) and control characters
//! become spaces, so each part stays on its line and cannot drive a terminal.

use super::piece::{Picture, Piece};
use super::resolve::{ActivityView, Preview};

/// Writes `preview` as text.
pub(crate) fn write(preview: &Preview) -> String {
    // Each block ends with a newline, so joining with another one leaves a blank line
    // between blocks; an empty feed gives an empty text.
    let blocks: Vec<String> = preview.activities.iter().map(block).collect();
    blocks.join("\n")
}

fn block(activity: &ActivityView) -> String {
    let mut out = String::new();
    out.push_str(&line(&activity.title));
    out.push('\n');
    let data = line(&activity.data);
    if !data.is_empty() {
        out.push_str(&data);
        out.push('\n');
    }
    if let Some(t) = activity.activity_type {
        out.push_str(t.as_str());
        out.push_str(" · ");
    }
    out.push_str(activity.publish_date.as_str());
    out.push('\n');
    out
}

/// The pieces on one line, white space collapsed.
fn line(pieces: &[Piece]) -> String {
    let mut raw = String::new();
    for piece in pieces {
        push(&mut raw, piece);
    }
    collapse(&raw)
}

fn push(out: &mut String, piece: &Piece) {
    match piece {
        Piece::Text(text) => out.push_str(text),
        Piece::Person { name, .. } => out.push_str(name),
        Piece::Link { text, .. } => out.push_str(text),
        Piece::Picture(picture) => push_picture(out, picture),
        Piece::List(items) => {
            let mut previous: Option<&Piece> = None;
            for item in items {
                if let Some(previous) = previous {
                    out.push_str(separator(previous, item));
                }
                push(out, item);
                previous = Some(item);
            }
        }
        Piece::Unresolved(what) => {
            out.push('⟨');
            out.push_str(what);
            out.push('⟩');
        }
    }
}

/// Commas between text and link items, as the OSC shows them; pictures stand side by side.
fn separator(previous: &Piece, next: &Piece) -> &'static str {
    if matches!(previous, Piece::Picture(_)) || matches!(next, Piece::Picture(_)) {
        " "
    } else {
        ", "
    }
}

fn push_picture(out: &mut String, picture: &Picture) {
    match &picture.alt {
        Some(alt) => {
            out.push_str("[picture: ");
            out.push_str(alt);
            out.push(']');
        }
        None => out.push_str("[picture]"),
    }
}

/// Runs of white space and control characters become one space; ends are trimmed.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_white_space_and_controls() {
        assert_eq!(collapse("  a \n\t b\u{1b}[31mc\u{9b} "), "a b [31mc");
    }

    #[test]
    fn lists_use_commas_between_words_and_spaces_between_pictures() {
        let pic = Piece::Picture(Picture {
            src: None,
            alt: None,
            href: None,
        });
        let list = Piece::List(vec![
            Piece::Text("a".into()),
            Piece::Text("b".into()),
            pic.clone(),
            pic,
        ]);
        assert_eq!(line(&[list]), "a, b [picture] [picture]");
    }
}
