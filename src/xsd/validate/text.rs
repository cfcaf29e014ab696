//! Text, CDATA sections and references: where text may stand, and the pieces of a
//! simple value gathered for checking.

use quick_xml::events::{BytesCData, BytesRef, BytesText};

use super::chars::{all_space, first_illegal_char, is_xml_char, plain_chars};
use super::findings::Said;
use super::{Flow, Kind, MAX_VALUE, Machine};
use crate::diagnostic::Code;
use crate::diagnostic::Severity;
use crate::markup::{self, mistake};
use crate::xsd::builtin;
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::TextMode;

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    pub(super) fn text(&mut self, t: &BytesText<'_>, at: L::Mark) -> Flow {
        let raw: &str = t;
        // The value of a text-only element, in one pass when it is plain: no control
        // characters (so none that is illegal, and no line ends to normalize) and no
        // U+FFFE/U+FFFF. Anything else takes the general path below.
        if let (0, Some(frame)) = (self.skip, self.frames.last_mut()) {
            if let Kind::Simple { text, .. } = frame.kind {
                if let Some(chars) = plain_chars(raw.as_bytes()) {
                    self.obs.plain_text(raw, L::offset(at));
                    match text {
                        TextMode::Ignore => {}
                        TextMode::Count(_) => frame.chars += chars,
                        TextMode::Buffer(collapse) => {
                            frame.too_long =
                                frame.too_long || !buffer_value(&mut self.text, raw, collapse)
                        }
                    }
                    return Flow::Go;
                }
            }
        }
        // Whitespace between elements is most text events; it needs no further look.
        let blank = all_space(raw);
        if !blank {
            if let Err(refusal) = markup::text(raw) {
                self.refused(refusal, at, raw);
                return Flow::Stop;
            }
        }
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            if !blank {
                let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                return self.fatal_mistake(at, mistake::text_after_root().at(lead), raw);
            }
            return Flow::Go;
        };
        match frame.kind {
            Kind::Simple { text, .. } => self.value_piece(text, &t.xml10_content(), at, 0),
            Kind::Complex(_) => {
                if !blank && !frame.flagged {
                    frame.flagged = true;
                    let lead = raw.len() - raw.trim_start_matches([' ', '\t', '\r', '\n']).len();
                    self.text_not_allowed(at, lead, raw);
                }
            }
        }
        Flow::Go
    }

    /// Adds a piece of a simple-typed element's value: for the observer, and for what the
    /// element's type checks of it.
    /// `lead` is how far after the event's start `at` the content starts.
    /// The bound on one value was checked for this piece before it came here (see
    /// `Machine::count_value_bytes`), so what the observer records stays bounded too.
    pub(super) fn value_piece(&mut self, mode: TextMode, content: &str, at: L::Mark, lead: usize) {
        self.obs.text(content, L::offset(at) + lead);
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        match mode {
            TextMode::Ignore => {}
            TextMode::Count(_) => frame.chars += builtin::char_count(content),
            TextMode::Buffer(collapse) => {
                frame.too_long = frame.too_long || !buffer_value(&mut self.text, content, collapse)
            }
        }
    }

    pub(super) fn cdata(&mut self, c: &BytesCData<'_>, at: L::Mark) -> Flow {
        let raw: &str = c;
        if let Some(bad) = first_illegal_char(raw) {
            // `<![CDATA[` comes before the content.
            let within = 9 + raw.find(bad).unwrap_or(0);
            let markup = format!("<![CDATA[{raw}");
            return self.fatal_mistake(at, mistake::illegal_character(bad).at(within), &markup);
        }
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            return self.fatal_wf(at, mistake::outside_root("a CDATA section"));
        };
        match frame.kind {
            // `<![CDATA[` is not part of the value.
            Kind::Simple { text, .. } => self.value_piece(text, &c.xml10_content(), at, 9),
            Kind::Complex(_) => {
                if !all_space(raw) && !frame.flagged {
                    frame.flagged = true;
                    self.text_not_allowed(at, 0, "");
                }
            }
        }
        Flow::Go
    }

    pub(super) fn general_ref(&mut self, r: &BytesRef<'_>, at: L::Mark, _after: L::Mark) -> Flow {
        let name: &str = r;
        let resolved = if r.is_char_ref() {
            match r.resolve_char_ref() {
                Ok(Some(c)) if is_xml_char(c) => c,
                _ => {
                    return self.fatal_wf(at, mistake::bad_character_reference(name));
                }
            }
        } else {
            match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                "quot" => '"',
                other => {
                    self.undefined_entity(at, other);
                    return Flow::Stop;
                }
            }
        };
        if self.skip > 0 {
            return Flow::Go;
        }
        let Some(frame) = self.frames.last_mut() else {
            return self.fatal_wf(at, mistake::outside_root("a reference"));
        };
        match frame.kind {
            Kind::Simple { text, .. } => {
                let mut tmp = [0u8; 4];
                self.value_piece(text, resolved.encode_utf8(&mut tmp), at, 0);
            }
            Kind::Complex(_) => {
                if !matches!(resolved, ' ' | '\t' | '\r' | '\n') && !frame.flagged {
                    frame.flagged = true;
                    self.text_not_allowed(at, 0, "");
                }
            }
        }
        Flow::Go
    }

    pub(super) fn text_not_allowed(&mut self, at: L::Mark, lead: usize, raw: &str) {
        if !self.room(Severity::Error) {
            return;
        }
        let element = self.current_name();
        let (line, col) = self
            .loc
            .line_col_after(at, 0, raw.get(..lead).unwrap_or(""));
        let start = L::offset(at) + lead;
        let end = start + raw.len().saturating_sub(lead).max(1);
        let path = self.path(None);
        self.push_at(
            Said {
                code: Code::TextNotAllowed,
                message: format!(
                    "text is not allowed directly in `{element}`, which holds only elements"
                ),
                help: Some("put the text inside one of its child elements, or remove it".into()),
                fixable: false,
            },
            Severity::Error,
            (line, col),
            start..end,
            path,
        );
    }

    pub(super) fn eof(&mut self, at: L::Mark) {
        if !self.root_seen {
            let _ = self.fatal_wf(at, mistake::no_root());
        } else if !self.root_closed {
            let _ = self.fatal_wf(at, mistake::ends_open());
        }
    }
}

/// Appends a chunk of a simple value to `buf`; `false` once the value is too long to keep.
/// For types that `collapse` whitespace, runs of it are shrunk early (keeping a separating
/// space), which cannot change the collapsed value. String values are never rewritten: one
/// that long matches no enumeration or pattern anyway.
#[inline]
pub(super) fn buffer_value(buf: &mut String, chunk: &str, collapse: bool) -> bool {
    if buf.len() + chunk.len() <= MAX_VALUE {
        buf.push_str(chunk);
        return true;
    }
    buffer_long_value(buf, chunk, collapse)
}

#[cold]
pub(super) fn buffer_long_value(buf: &mut String, chunk: &str, collapse: bool) -> bool {
    if !collapse {
        buf.clear();
        return false;
    }
    buf.push_str(chunk);
    let ends_blank = buf.ends_with([' ', '\t', '\r', '\n']);
    let mut collapsed = crate::xs::collapse_whitespace(buf).into_owned();
    if ends_blank && !collapsed.is_empty() {
        collapsed.push(' ');
    }
    *buf = collapsed;
    if buf.len() > MAX_VALUE {
        buf.clear();
        return false;
    }
    true
}
