//! What the preview could not show as the feed meant it: the codes and how findings are
//! built.
//!
//! Every problem is a warning [`Diagnostic`] whose location carries an element path under
//! the activity concerned: rendering works on the model, which keeps no positions, so
//! `line` and `column` are 0 (unknown) and `span` is empty until [`place`] finds the
//! elements again in the document's text.

use crate::diagnostic::{Code, Diagnostic, Location, Severity};

/// An activity whose `applicationID` and `templateID` match no template: it is shown as a
/// placeholder line.
pub const NO_TEMPLATE: Code = Code::Preview("render::no-template");
/// A token naming no variable of the activity (or, inside a list, no item of the list).
pub const UNKNOWN_VARIABLE: Code = Code::Preview("render::unknown-variable");
/// A token whose variable (or list item) has another type than the token's kind needs.
pub const WRONG_TYPE: Code = Code::Preview("render::wrong-type");
/// A `{` in a template that does not start a valid token; the text is shown marked.
pub const MALFORMED_TOKEN: Code = Code::Preview("render::malformed-token");
/// A variable that exists but has nothing to show: a person without `nameHint` or `id`, a
/// link without `text` or `value`, a picture without `value`, a list without items.
pub const EMPTY_VARIABLE: Code = Code::Preview("render::empty-variable");
/// An address that is not used as a link or image because its scheme is not `http`,
/// `https` (or, for links, `mailto`); the value is shown as plain text instead.
pub const URL_NOT_USED: Code = Code::Preview("render::url-not-used");

/// Fills in line, column and span of each problem from the document text it was rendered
/// from, by finding its element path again (the XML layer's `locate`, as the lint rules do for a
/// `friends` list). A
/// path that is not found keeps the unknown position.
pub fn place(problems: &mut [Diagnostic], document_text: &str) {
    let paths: std::collections::BTreeSet<String> =
        problems.iter().map(|p| p.location.path.clone()).collect();
    let Ok(found) = crate::xml::locate::locate(document_text.as_bytes(), &paths) else {
        return;
    };
    for problem in problems {
        if let Some(at) = found.get(&problem.location.path) {
            let path = std::mem::take(&mut problem.location.path);
            problem.location = Location {
                path,
                ..at.element.clone()
            };
        }
    }
}

/// The preview's problems that a conformance rule also finds, with the rule: `oscx render`
/// reports those as the rule's findings, so that the preview and `oscx validate` say one
/// template problem in the same words at the same place.
pub const SAID_BY_RULES: &[(Code, &str)] = &[
    (NO_TEMPLATE, "OSC050"),
    (UNKNOWN_VARIABLE, "OSC053"),
    (WRONG_TYPE, "OSC054"),
    (MALFORMED_TOKEN, "OSC055"),
];

/// Every code the preview reports, for documentation and tests.
pub const CODES: &[Code] = &[
    NO_TEMPLATE,
    UNKNOWN_VARIABLE,
    WRONG_TYPE,
    MALFORMED_TOKEN,
    EMPTY_VARIABLE,
    URL_NOT_USED,
];

/// A warning with `code` at the element `path`.
///
/// Messages quote names and values from the feed in backticks; each is cut as every
/// message's quotes are ([`crate::text::shorten_quotes`]), and control characters among
/// them are escaped, so that a message stays short, on one line, and cannot drive a
/// terminal.
pub(crate) fn at(code: Code, path: String, message: String) -> Diagnostic {
    let message = crate::text::shorten_quotes(message);
    let message = if message.contains(char::is_control) {
        message
            .chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        message
    };
    Diagnostic::new(
        code,
        Severity::Warning,
        message,
        Location {
            path,
            ..Location::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_messages_are_escaped() {
        let d = at(NO_TEMPLATE, "/p".into(), "a\nb\u{9b}c".into());
        assert_eq!(d.message, "a\\nb\\u{9b}c");
        assert_eq!((d.location.line, d.location.column), (0, 0));
    }

    #[test]
    fn long_names_in_messages_are_cut_as_every_message_cuts_them() {
        let name = "n".repeat(100_000);
        let d = at(
            UNKNOWN_VARIABLE,
            "/p".into(),
            format!("`{{text:{name}}}` names nothing"),
        );
        assert!(d.message.len() < 300, "{} bytes", d.message.len());
        assert!(d.message.contains("…` (100007 bytes)"), "{}", d.message);
    }
}
