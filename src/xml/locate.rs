//! Element paths to line and column, for findings reported at paths
//! (`/friends/person[3]/userID`): the lint rules' and the preview's alike.
//!
//! Two ways in. [`locate`] reads the document again, following only the elements on the
//! way to the wanted paths: for a `friends` list, which is not outlined as it is validated
//! so that memory stays flat, and for callers that have only the text. `positions` starts
//! from an outline (`Recorder::place`, kept while a document is validated), which already
//! knows each element's bytes, and only counts lines and characters up to those offsets,
//! keeping the start tags and the starts of values it passes. Both count them with the text
//! layer's one function for that (`text::advance`), so the same element gets the same line,
//! column, value and start tag either way.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};

use super::path::{next_index, on_the_way, push_segment};
use super::record::Placed;
use super::tracked::Tracked;
use crate::diagnostic::Location;
use crate::error::Error;
use crate::markup::{self, Scopes};
use crate::text::{advance, offset_in};

/// Where an element and its value are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The start tag.
    pub element: Location,
    /// The value: from its first character to where the end tag starts, with the line and
    /// column of its first character; `None` for an element without text, or with child
    /// elements.
    pub text: Option<Location>,
    /// The value as written from its first character up to the first one that is not
    /// written as itself (a reference, a CDATA section's end, a comment, a carriage return,
    /// which the value holds otherwise) and at most [`LITERAL_BOUND`] bytes: over that
    /// stretch the value's characters are these bytes, so a place in the value counted in
    /// characters can be found among the document's bytes.
    /// Empty without a value.
    pub literal: String,
    /// The start tag as written between `<` and its end (`>` or `/>`): its name and
    /// attributes, for [`Located::attribute`]; empty for a tag longer than
    /// [`LITERAL_BOUND`] bytes.
    pub start_tag: String,
}

impl Located {
    /// Where the value of the attribute `name` lies, as written between its quotes, with the
    /// line and column of its first character; `None` when the start tag has no such
    /// attribute, or an empty one.
    pub fn attribute(&self, name: &str) -> Option<Location> {
        let content = self.start_tag.as_str();
        let name_len = content
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(content.len());
        let tag = BytesStart::from_content(content, name_len);
        let value = tag
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.as_ref() == name)?
            .value;
        // A value with nothing to unescape is borrowed from the tag: its place is known.
        let Cow::Borrowed(value) = value else {
            return None;
        };
        if value.is_empty() {
            return None;
        }
        let within = offset_in(content, value);
        // `<` comes before the name.
        let (line, column) = advance(
            self.element.line,
            self.element.column.saturating_add(1),
            content.get(..within)?.as_bytes(),
        );
        let start = self.element.span.start + 1 + within;
        Some(Location {
            span: start..start + value.len(),
            line,
            column,
            ..self.element.clone()
        })
    }
}

/// The start tag `written` (its bytes from `<` to `>`) between `<` and its end, as
/// [`Located::start_tag`] keeps it: empty past [`LITERAL_BOUND`] bytes.
fn start_tag(written: &[u8]) -> String {
    let inner = written.strip_prefix(b"<").unwrap_or(written);
    let inner = inner.strip_suffix(b">").unwrap_or(inner);
    let inner = inner.strip_suffix(b"/").unwrap_or(inner);
    if inner.len() > LITERAL_BOUND {
        return String::new();
    }
    String::from_utf8_lossy(inner).into_owned()
}

/// How much of a value's start [`Located::literal`] keeps at most: far more than the
/// template text before any token, and little enough for every finding of a capped report.
pub const LITERAL_BOUND: usize = 16 * 1024;

/// The start of `written`, the bytes of a value as written, that stands for the value's
/// own characters: up to the first `&` (a reference), `<` (markup), carriage return
/// (normalised away) or `]]>` (the end of a CDATA section the value starts with), and at
/// most [`LITERAL_BOUND`] bytes, ending on a whole character.
fn literal(written: &[u8]) -> String {
    let mut end = written
        .iter()
        .position(|b| matches!(b, b'&' | b'<' | b'\r'))
        .unwrap_or(written.len())
        .min(LITERAL_BOUND);
    if let Some(cdata_end) = written[..end].windows(3).position(|w| w == b"]]>") {
        end = cdata_end;
    }
    let cut = &written[..end];
    match std::str::from_utf8(cut) {
        Ok(text) => text.to_owned(),
        Err(e) => String::from_utf8_lossy(&cut[..e.valid_up_to()]).into_owned(),
    }
}

/// An open element whose children may lie on a wanted path.
struct Frame {
    /// The length of the path before this element's segment.
    path_len: usize,
    /// How many children of each name were seen so far.
    counts: Vec<(String, usize)>,
    /// The element itself is wanted: its value is too.
    wanted: bool,
    /// The element has child elements, so no value of its own.
    parent: bool,
    /// The value as written so far, up to the first byte that ends its literal start
    /// (see [`literal`]), which stands for the rest.
    written: Vec<u8>,
}

/// Finds where each of `paths` is in the document. Only the elements on the way to a
/// wanted path are followed; the others are read over.
///
/// # Errors
/// When reading fails or the document is not well-formed before every path was found.
pub fn locate<R: BufRead>(
    input: R,
    paths: &BTreeSet<String>,
) -> Result<HashMap<String, Located>, Error> {
    let mut found = HashMap::new();
    if paths.is_empty() {
        return Ok(found);
    }
    let on_the_way = on_the_way(paths);
    let mut reader = markup::reader(Tracked::new(input));
    let mut scopes = Scopes::new();
    let mut buf = Vec::new();
    let mut path = String::new();
    let mut stack: Vec<Frame> = vec![Frame {
        path_len: 0,
        counts: Vec::new(),
        wanted: false,
        parent: false,
        written: Vec::new(),
    }];
    // Depth inside an element that leads to no wanted path.
    let mut aside = 0usize;
    loop {
        let offset = reader.get_ref().offset();
        let pos = reader.get_mut().pos();
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(markup::Refusal::from)
            .and_then(|event| scopes.take(&event).map(|()| event))
            .map_err(|e| Error::NotWellFormed {
                message: e.to_string(),
                pos,
            })?;
        let end = reader.get_ref().offset();
        let here = |path: &str| Location {
            end: None,
            path: path.to_owned(),
            span: offset..end,
            line: pos.line,
            column: pos.column,
        };
        match event {
            Event::Start(_) | Event::Empty(_) if aside > 0 => {
                if matches!(event, Event::Start(_)) {
                    aside += 1;
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().into_inner();
                let parent_len = path.len();
                let Some(parent) = stack.last_mut() else {
                    break;
                };
                if parent.wanted && !parent.parent {
                    // Text before a child element is not a value.
                    parent.parent = true;
                    if let Some(located) = found.get_mut(&path) {
                        located.text = None;
                    }
                }
                let n = next_index(&mut parent.counts, name);
                push_segment(&mut path, name, n);
                let empty = matches!(event, Event::Empty(_));
                if !on_the_way.contains(path.as_str()) {
                    path.truncate(parent_len);
                    if !empty {
                        aside = 1;
                    }
                    continue;
                }
                let wanted = paths.contains(&path);
                if wanted {
                    let content: &str = e;
                    let start_tag = if content.len() > LITERAL_BOUND {
                        String::new()
                    } else {
                        content.to_owned()
                    };
                    found.insert(
                        path.clone(),
                        Located {
                            element: here(&path),
                            text: None,
                            literal: String::new(),
                            start_tag,
                        },
                    );
                }
                if empty {
                    path.truncate(parent_len);
                } else {
                    stack.push(Frame {
                        path_len: parent_len,
                        counts: Vec::new(),
                        wanted,
                        parent: false,
                        written: Vec::new(),
                    });
                }
            }
            Event::End(_) if aside > 0 => aside -= 1,
            Event::End(_) => {
                let Some(frame) = stack.pop() else { break };
                if let Some(located) = found.get_mut(&path).filter(|_| frame.wanted) {
                    if let Some(text) = &mut located.text {
                        // The value ends where the end tag starts.
                        text.span.end = offset;
                        located.literal = literal(&frame.written);
                    }
                }
                path.truncate(frame.path_len);
                if found.len() == paths.len() {
                    break;
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if aside == 0 => {
                let Some(frame) = stack.last_mut().filter(|f| f.wanted && !f.parent) else {
                    continue;
                };
                let Some(located) = found.get_mut(&path) else {
                    continue;
                };
                let first = located.text.is_none();
                if first {
                    let mut at = here(&path);
                    if matches!(event, Event::CData(_)) {
                        // Skip `<![CDATA[` to point at the value itself.
                        at.column += 9;
                        at.span.start += 9;
                    }
                    located.text = Some(at);
                }
                write_piece(&mut frame.written, &event, first);
            }
            // Inside a value, markup ends its literal start; before it, the value has not
            // started.
            Event::Comment(_) | Event::PI(_) if aside == 0 => {
                let started = found.get(&path).is_some_and(|l| l.text.is_some());
                if let Some(frame) = stack.last_mut().filter(|f| f.wanted && started) {
                    write_piece(&mut frame.written, &event, false);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
}

/// Adds a piece of a value to `written`, the value as written (see [`literal`]), as far as
/// it matters: text as it stands, a CDATA section the value starts with as its content and
/// end, and for any other piece one byte that ends the literal start.
fn write_piece(written: &mut Vec<u8>, event: &Event<'_>, first: bool) {
    if written.len() > LITERAL_BOUND || written.ends_with(b"<") {
        return;
    }
    match event {
        Event::Text(t) => written.extend_from_slice(t[..].as_bytes()),
        Event::CData(c) if first => {
            written.extend_from_slice(c[..].as_bytes());
            written.extend_from_slice(b"]]>");
        }
        _ => written.push(b'<'),
    }
}

/// Lines and columns for elements an outline placed, read off the decoded text in one
/// quick pass that only counts line ends and characters up to the offsets wanted; the
/// text is read no further than the last of them.
///
/// # Errors
/// When reading the text fails.
pub(crate) fn positions<R: BufRead>(
    mut text: R,
    placed: HashMap<String, Placed>,
) -> Result<HashMap<String, Located>, Error> {
    let mut offsets: Vec<usize> = placed
        .values()
        .flat_map(|p| {
            let value = p.text.iter().flat_map(|t| [t.start, t.end]);
            [p.tag.start, p.tag.end].into_iter().chain(value)
        })
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    // The start tags and values, which hold no other offset wanted: each is read whole or
    // not at all between two of them.
    let mut values: Vec<std::ops::Range<usize>> = placed
        .values()
        .flat_map(|p| std::iter::once(p.tag.clone()).chain(p.text.clone()))
        .collect();
    values.sort_unstable_by_key(|v| v.start);
    let mut values = values.into_iter().peekable();
    let mut written: HashMap<usize, Vec<u8>> = HashMap::new();
    let mut at: HashMap<usize, (u32, u32)> = HashMap::with_capacity(offsets.len());
    let (mut line, mut column, mut offset) = (1u32, 1u32, 0usize);
    let mut wanted = offsets.into_iter().peekable();
    while let Some(&next) = wanted.peek() {
        let chunk = text.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        let take = (next - offset).min(chunk.len());
        let bytes = &chunk[..take];
        while values.next_if(|v| v.end <= offset).is_some() {}
        if let Some(value) = values.peek().filter(|v| v.start <= offset) {
            let kept = written.entry(value.start).or_default();
            // Enough for a start tag of the bound with its `<`, `/` and `>`.
            let room = (LITERAL_BOUND + 3).saturating_sub(kept.len());
            kept.extend_from_slice(&bytes[..room.min(bytes.len())]);
        }
        (line, column) = advance(line, column, bytes);
        text.consume(take);
        offset += take;
        while wanted.next_if(|&o| o == offset).is_some() {
            at.insert(offset, (line, column));
        }
    }
    let location = |path: &str, span: std::ops::Range<usize>| {
        let (line, column) = at.get(&span.start).copied().unwrap_or((1, 1));
        Location {
            end: None,
            path: path.to_owned(),
            span,
            line,
            column,
        }
    };
    Ok(placed
        .into_iter()
        .map(|(path, p)| {
            let literal = p
                .text
                .as_ref()
                .and_then(|t| written.get(&t.start))
                .map(|w| literal(w))
                .unwrap_or_default();
            // A start tag read in part is longer than the bound.
            let start_tag = written
                .get(&p.tag.start)
                .filter(|w| w.len() == p.tag.len())
                .map(|w| start_tag(w))
                .unwrap_or_default();
            let located = Located {
                element: location(&path, p.tag),
                text: p.text.map(|t| location(&path, t)),
                literal,
                start_tag,
            };
            (path, located)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_elements_and_text_starts() {
        let doc = "<friends xmlns=\"x\">\n  <person><userID>a</userID></person>\n  <person>\n    <userID>b</userID>\n  </person>\n</friends>";
        let wanted: BTreeSet<String> = [
            "/friends/person[2]/userID".to_owned(),
            "/friends/person[1]".to_owned(),
        ]
        .into();
        let found = locate(doc.as_bytes(), &wanted).unwrap();
        let user = &found["/friends/person[2]/userID"];
        assert_eq!((user.element.line, user.element.column), (4, 5));
        let text = user.text.as_ref().unwrap();
        assert_eq!((text.line, text.column), (4, 13));
        assert_eq!(found["/friends/person[1]"].element.line, 2);
    }
}
