//! What the model reader's errors say about the input, kept short: an element, attribute
//! or namespace name of megabytes is named by its first characters and its length, so
//! that an error costs the same to print whatever the input holds.

use crate::error::Error;
use crate::text;

/// `error` with every name it holds cut as [`text::shortened`] cuts one, and every name
/// its message quotes as [`text::shorten_quotes`] does. Applied where the reader's errors
/// leave it.
pub(crate) fn short_names(error: Error) -> Error {
    let name = text::shortened;
    let message = text::shorten_quotes;
    match error {
        Error::NotWellFormed { message: m, pos } => Error::NotWellFormed {
            message: message(m),
            pos,
        },
        Error::UnknownRoot {
            name: n,
            namespace,
            expected,
            pos,
        } => Error::UnknownRoot {
            name: name(n),
            namespace: namespace.map(name),
            expected,
            pos,
        },
        Error::UnexpectedElement {
            name: n,
            parent,
            pos,
        } => Error::UnexpectedElement {
            name: message(name(n)),
            parent: name(parent),
            pos,
        },
        Error::DuplicateElement {
            name: n,
            parent,
            pos,
        } => Error::DuplicateElement {
            name: name(n),
            parent: name(parent),
            pos,
        },
        Error::Attribute {
            element,
            message: m,
            pos,
        } => Error::Attribute {
            element: name(element),
            message: message(m),
            pos,
        },
        Error::UnexpectedText { parent, pos } => Error::UnexpectedText {
            parent: name(parent),
            pos,
        },
        Error::InvalidValue {
            field,
            message: m,
            pos,
        } => Error::InvalidValue {
            field: name(field),
            message: message(m),
            pos,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::short_names;
    use crate::error::{Error, TextPos};

    #[test]
    fn names_and_quotes_in_errors_are_cut() {
        let long = "n".repeat(100_000);
        let error = short_names(Error::UnexpectedElement {
            name: long.clone(),
            parent: "person".into(),
            pos: TextPos::new(1, 1),
        });
        let said = error.to_string();
        assert!(said.len() < 400 && said.contains("100000 bytes"), "{said}");
        let error = short_names(Error::NotWellFormed {
            message: format!("namespace prefix `{long}` is not declared"),
            pos: TextPos::new(1, 1),
        });
        assert!(error.to_string().len() < 400);
    }
}
