//! Element paths to line and column: a second streaming pass over the document that looks
//! only for the paths findings were reported at.

use std::collections::{BTreeSet, HashMap};
use std::io::BufRead;

use quick_xml::NsReader;
use quick_xml::events::Event;

use crate::diagnostic::Location;
use crate::error::Error;
use crate::xml::tracked::Tracked;

/// Children that may repeat inside their parent; their path segments carry `[n]`, as the
/// XSD layer writes them.
const REPEATABLE: &[&str] = &[
    "person",
    "activityDetails",
    "templateVariable",
    "simpleTemplateVariable",
    "activityTemplateContainer",
    "personAddresses",
    "hashedAddress",
];

/// Where an element and its text start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The start tag.
    pub element: Location,
    /// The first character of its text content, when it has any.
    pub text: Option<Location>,
}

struct Frame {
    path_len: usize,
    counts: HashMap<String, usize>,
    wanted: bool,
}

/// Finds where each of `paths` is in the document.
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
    let mut reader = NsReader::from_reader(Tracked::new(input));
    let mut buf = Vec::new();
    let mut path = String::new();
    let mut stack: Vec<Frame> = vec![Frame {
        path_len: 0,
        counts: HashMap::new(),
        wanted: false,
    }];
    loop {
        let tracked = reader.get_ref();
        let (line, column, offset) = (tracked.pos().line, tracked.pos().column, tracked.offset());
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::NotWellFormed {
                message: e.to_string(),
                pos: crate::error::TextPos::new(line, column),
            })?;
        let end = reader.get_ref().offset();
        let here = |path: &str| Location {
            path: path.to_owned(),
            span: offset..end,
            line,
            column,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name =
                    String::from_utf8_lossy(e.local_name().into_inner().as_bytes()).into_owned();
                let parent_len = path.len();
                let Some(parent) = stack.last_mut() else {
                    break;
                };
                let n = parent.counts.entry(name.clone()).or_insert(0);
                *n += 1;
                path.push('/');
                path.push_str(&name);
                if REPEATABLE.contains(&name.as_str()) {
                    path.push_str(&format!("[{n}]"));
                }
                let wanted = paths.contains(&path);
                if wanted {
                    let mut span = here(&path);
                    span.span = offset..end;
                    found.insert(
                        path.clone(),
                        Located {
                            element: span,
                            text: None,
                        },
                    );
                }
                if matches!(event, Event::Empty(_)) {
                    path.truncate(parent_len);
                } else {
                    stack.push(Frame {
                        path_len: parent_len,
                        counts: HashMap::new(),
                        wanted,
                    });
                }
            }
            Event::End(_) => {
                let Some(frame) = stack.pop() else { break };
                path.truncate(frame.path_len);
                if found.len() == paths.len() {
                    break;
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                let wanted = stack.last().is_some_and(|f| f.wanted);
                if let Some(located) = found.get_mut(&path).filter(|l| wanted && l.text.is_none()) {
                    let mut at = here(&path);
                    if matches!(event, Event::CData(_)) {
                        // Skip `<![CDATA[` to point at the value itself.
                        at.column += 9;
                        at.span.start += 9;
                    }
                    located.text = Some(at);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(found)
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
