//! Findings: where they point, their element paths, the cap on how many are kept, and
//! the fatal ones that stop validation.

use std::fmt::Write as _;
use std::ops::Range;

use quick_xml::events::Event;

use super::{Flow, Machine};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::limits::Exceeded;
use crate::markup::mistake::Mistake;
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;

/// What a finding says: its code, its message, and how to fix it when that can be said.
pub(super) struct Said {
    pub(super) code: Code,
    pub(super) message: String,
    pub(super) help: Option<String>,
    /// Whether `oscx fmt --fix` repairs what it is about (see [`crate::xsd::repair`]).
    pub(super) fixable: bool,
}

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// Whether a finding of `severity` may still be kept; counts it as dropped otherwise.
    pub(super) fn room(&mut self, severity: Severity) -> bool {
        if self.diagnostics.len() < self.limit {
            return true;
        }
        self.truncated += 1;
        match severity {
            Severity::Error => self.truncated_errors += 1,
            Severity::Warning => self.truncated_warnings += 1,
            Severity::Info => {}
        }
        false
    }

    pub(super) fn current_name(&self) -> String {
        match (self.schema, self.frames.last()) {
            (Some(s), Some(f)) => self.element_name(s, f.name).to_string(),
            _ => String::new(),
        }
    }

    /// The path of the open elements, plus `extra` (a child name and its index, 0 for none).
    pub(super) fn path(&self, extra: Option<(&str, u32)>) -> String {
        let mut path = String::new();
        if let Some(schema) = self.schema {
            let mut wild = self.wild_names.iter();
            for f in &self.frames {
                path.push('/');
                if f.name == super::wildcards::WILD_NAME {
                    path.push_str(wild.next().map_or("", |n| n));
                } else {
                    path.push_str(schema.name(f.name));
                }
                if f.index > 0 {
                    let _ = write!(path, "[{}]", f.index);
                }
            }
        }
        if let Some((name, index)) = extra {
            path.push('/');
            path.push_str(name);
            if index > 0 {
                let _ = write!(path, "[{index}]");
            }
        }
        path
    }

    /// A finding about element `name` whose tag spans `at..after`.
    pub(super) fn element_diag(
        &mut self,
        said: Said,
        at: L::Mark,
        after: L::Mark,
        name: &str,
        index: u32,
    ) {
        let path = self.path(Some((name, index)));
        let severity = if said.code == Code::NoNamespace {
            Severity::Info
        } else {
            Severity::Error
        };
        self.push(said, severity, at, L::offset(after), path);
    }

    /// Refuses the child `local`, whose tag spans `at..after`, of the element named by
    /// `parent` (a name id): an error with the message `message` makes from the parent's
    /// name, when the cap leaves room for one.
    pub(super) fn refuse_child(
        &mut self,
        schema: &crate::xsd::Schema,
        parent: u32,
        (at, after): (L::Mark, L::Mark),
        local: &str,
        message: impl FnOnce(&str) -> String,
    ) {
        if !self.room(Severity::Error) {
            return;
        }
        let message = message(self.element_name(schema, parent));
        self.element_diag(
            Said {
                code: Code::UnexpectedElement,
                message,
                help: None,
                fixable: false,
            },
            at,
            after,
            local,
            0,
        );
    }

    /// A finding about the innermost open element, located at `at..after`.
    pub(super) fn frame_diag(
        &mut self,
        code: Code,
        at: L::Mark,
        after: L::Mark,
        message: String,
        help: Option<String>,
    ) {
        let path = self.path(None);
        let said = Said {
            code,
            message,
            help,
            fixable: false,
        };
        self.push(said, Severity::Error, at, L::offset(after), path);
    }

    /// A finding from `at` to the byte offset `end`.
    pub(super) fn push(
        &mut self,
        said: Said,
        severity: Severity,
        at: L::Mark,
        end: usize,
        path: String,
    ) {
        let line_col = self.loc.line_col(at);
        let start = L::offset(at);
        self.push_at(said, severity, line_col, start..end.max(start), path);
    }

    /// A finding whose line and column are known already.
    pub(super) fn push_at(
        &mut self,
        said: Said,
        severity: Severity,
        (line, column): (u32, u32),
        span: Range<usize>,
        path: String,
    ) {
        let Said {
            code,
            message,
            help,
            fixable,
        } = said;
        // Names and values from the input are quoted in messages: cut here, once for every
        // finding, so that no message grows with them.
        let mut d = Diagnostic::new(
            code,
            severity,
            crate::text::shorten_quotes(message),
            Location {
                end: None,
                path,
                span,
                line,
                column,
            },
        );
        d.help = help.map(crate::text::shorten_quotes);
        d.fixable = fixable;
        self.diagnostics.push(d);
    }

    pub(super) fn undefined_entity(&mut self, at: L::Mark, name: &str) {
        if !crate::markup::is_name(name) {
            // `& Sons;`: no entity could have that name; the `&` was meant as text.
            let _ = self.fatal_mistake(at, crate::markup::mistake::lone_ampersand(), "&");
            return;
        }
        self.fatal(
            Code::UndefinedEntity,
            at,
            format!("entity `&{name};` is not defined"),
            Some("only `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` and character references such as `&#233;` exist without a DTD".into()),
        );
    }

    /// A not-well-formed finding; always kept, whatever the cap, and validation stops.
    /// Whether the event from `at` to `after` goes past a bound; counts elements.
    #[inline]
    pub(super) fn beyond_limits(
        &mut self,
        event: &Event<'_>,
        at: L::Mark,
        after: L::Mark,
    ) -> Option<Exceeded> {
        let limits = &self.limits;
        let (start, end) = (L::offset(at), L::offset(after));
        if u64::try_from(end).unwrap_or(u64::MAX) > limits.max_input_bytes {
            return Some(Exceeded::InputBytes(limits.max_input_bytes));
        }
        if end.saturating_sub(start) > limits.max_value_bytes {
            return Some(Exceeded::ValueBytes(limits.max_value_bytes));
        }
        let e = match event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(_) => {
                self.value_bytes = 0;
                return None;
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                return self.count_value_bytes(end.saturating_sub(start));
            }
            _ => return None,
        };
        self.elements += 1;
        self.value_bytes = 0;
        let depth = self.frames.len() + self.skip as usize + 1;
        let tag: &str = e;
        limits.start_tag(self.elements, depth, tag.as_bytes())
    }

    /// Adds `len` bytes of text to the value being read: a value split by comments,
    /// processing instructions or CDATA sections is held to the bound whole.
    #[inline]
    pub(super) fn count_value_bytes(&mut self, len: usize) -> Option<Exceeded> {
        self.value_bytes = self.value_bytes.saturating_add(len);
        (self.value_bytes > self.limits.max_value_bytes)
            .then_some(Exceeded::ValueBytes(self.limits.max_value_bytes))
    }

    /// Reports a bound exceeded at `at` and stops.
    #[cold]
    pub(super) fn exceeded(&mut self, at: L::Mark, exceeded: Exceeded) -> Flow {
        self.fatal(
            Code::Limit,
            at,
            format!("{exceeded}; the document is refused"),
            Some(limit_help(exceeded)),
        );
        self.halted = true;
        Flow::Stop
    }

    /// Bytes that are not UTF-8, `bad` on, found in the markup at `at` after its text
    /// `before`: the same words and place as decoding a whole text gives. Validation stops.
    pub(super) fn not_utf8(&mut self, at: L::Mark, before: &str, bad: &[u8]) -> Flow {
        let said = Said {
            code: Code::Encoding,
            message: crate::text::legacy::not_utf8(bad),
            help: Some(crate::text::legacy::NOT_UTF8_HELP.to_owned()),
            fixable: false,
        };
        // As a whole text's: an encoding finding is about the bytes, not an element.
        self.fatal_within(at, before, 1, said, String::new())
    }

    /// A not-well-formed finding at the start of the markup at `at`; always kept, whatever
    /// the cap, and validation stops.
    pub(super) fn fatal_wf(&mut self, at: L::Mark, mistake: Mistake) -> Flow {
        self.fatal_mistake(at, mistake, "")
    }

    /// A not-well-formed finding for `mistake`, found in the markup that starts at `at` and
    /// reads `markup` (as far as it is at hand): placed on the character the mistake is
    /// at, the markup's start when it is not at hand. Always kept; validation stops.
    pub(super) fn fatal_mistake(&mut self, at: L::Mark, mistake: Mistake, markup: &str) -> Flow {
        let Mistake {
            message,
            help,
            offset,
        } = mistake;
        let before = markup.get(..offset).unwrap_or("");
        let width = markup
            .get(before.len()..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        let path = self.path(None);
        let said = Said {
            code: Code::NotWellFormed,
            message,
            help: Some(help),
            fixable: false,
        };
        self.fatal_within(at, before, width, said, path)
    }

    /// A fatal finding on the `width` bytes that follow `before`, the text of the markup at
    /// `at` up to them; always kept, and validation stops.
    fn fatal_within(
        &mut self,
        at: L::Mark,
        before: &str,
        width: usize,
        said: Said,
        path: String,
    ) -> Flow {
        let line_col = self.loc.line_col_after(at, 0, before);
        let start = L::offset(at) + before.len();
        self.push_at(said, Severity::Error, line_col, start..start + width, path);
        Flow::Stop
    }

    pub(super) fn fatal(&mut self, code: Code, at: L::Mark, message: String, help: Option<String>) {
        let line_col = self.loc.line_col(at);
        let _ = self.fatal_at(code, line_col, at, message, help);
    }

    pub(super) fn fatal_at(
        &mut self,
        code: Code,
        line_col: (u32, u32),
        at: L::Mark,
        message: String,
        help: Option<String>,
    ) -> Flow {
        let path = self.path(None);
        let start = L::offset(at);
        self.push_at(
            Said {
                code,
                message,
                help,
                fixable: false,
            },
            Severity::Error,
            line_col,
            start..start,
            path,
        );
        Flow::Stop
    }
}

/// How to get past a bound, when the document is trusted.
pub(super) fn limit_help(exceeded: Exceeded) -> String {
    format!(
        "if the document is trusted, raise the bound (`{}`, or `Limits` in the library)",
        exceeded.option()
    )
}
