//! The fatal error type: input that cannot be read at all, or a model that cannot be written.
//!
//! Content problems found by validation are [`Diagnostic`](crate::Diagnostic)s, not errors;
//! see the crate docs for the split.

use std::fmt;

/// A 1-based position in a text: line, and column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
pub struct TextPos {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in Unicode characters (not bytes).
    pub column: u32,
}

impl TextPos {
    /// Builds a position from its line and column.
    pub const fn new(line: u32, column: u32) -> Self {
        TextPos { line, column }
    }
}

impl fmt::Display for TextPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a document could not be read or written.
///
/// Every variant that comes from reading carries the [`TextPos`] where the problem was found.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading the input failed.
    Io(std::io::Error),
    /// The bytes are not in an encoding we can decode (UTF-8, or UTF-16 with a byte order mark).
    Encoding {
        /// What is wrong with the bytes.
        message: String,
        /// Where the problem starts.
        pos: TextPos,
    },
    /// The input is not well-formed XML.
    NotWellFormed {
        /// What the XML parser reported.
        message: String,
        /// Where the parser stopped.
        pos: TextPos,
    },
    /// The document goes past one of its [`crate::Limits`]; reading stopped there.
    Limit {
        /// Which bound, and its value.
        exceeded: crate::limits::Exceeded,
        /// Where the element, value or piece of markup that went past it starts.
        pos: TextPos,
    },
    /// The document declares a DOCTYPE, which OSC payloads never need and which opens the
    /// door to entity-expansion attacks.
    Doctype {
        /// Where the DOCTYPE starts.
        pos: TextPos,
    },
    /// The root element is not one of the OSC roots, or is in the wrong namespace.
    UnknownRoot {
        /// The root element's local name.
        name: String,
        /// The namespace found on the root, `None` when it has none.
        namespace: Option<String>,
        /// What would have been accepted.
        expected: String,
        /// Where the root starts.
        pos: TextPos,
    },
    /// An element that does not belong where it was found.
    UnexpectedElement {
        /// The unexpected element's name.
        name: String,
        /// The parent element's name.
        parent: String,
        /// Where the element starts.
        pos: TextPos,
    },
    /// An element that occurs more often than the schema allows.
    DuplicateElement {
        /// The repeated element's name.
        name: String,
        /// The parent element's name.
        parent: String,
        /// Where the second occurrence starts.
        pos: TextPos,
    },
    /// A required element is missing.
    MissingElement {
        /// The missing element's name.
        name: String,
        /// The parent element's name.
        parent: String,
        /// Where the parent ends.
        pos: TextPos,
    },
    /// An attribute that does not belong on its element, or a required one that is missing.
    Attribute {
        /// The element carrying (or lacking) the attribute.
        element: String,
        /// What is wrong.
        message: String,
        /// Where the element starts.
        pos: TextPos,
    },
    /// Text (other than whitespace) inside an element that only holds elements.
    UnexpectedText {
        /// The element holding the text.
        parent: String,
        /// Where the text starts.
        pos: TextPos,
    },
    /// A value its XSD type rejects.
    InvalidValue {
        /// The element or attribute holding the value.
        field: String,
        /// Why the value was rejected.
        message: String,
        /// Where the value starts.
        pos: TextPos,
    },
    /// An XSD construct the validation engine does not support, or a schema it cannot compile.
    UnsupportedSchema {
        /// The construct, such as `xs:choice` or `xs:pattern`.
        construct: String,
        /// Why it was refused.
        message: String,
        /// Where the construct starts in the schema.
        pos: TextPos,
    },
    /// JSON input that is not well-formed, is not an `osc-schema-json` envelope, or does not
    /// fit the model (see [`crate::json`]).
    Json {
        /// What is wrong.
        message: String,
        /// Where the JSON parser was when it found the problem.
        pos: TextPos,
    },
    /// A model value that cannot be written (as XML, for example a C0 control character, or
    /// as JSON, for example content newer than the document's namespace).
    Unwritable {
        /// The field holding the value, as an element path.
        field: String,
        /// Why it cannot be written.
        message: String,
    },
}

/// Matches `$error`, binding `pos` in every variant that has one to `$found`; `None` for the
/// others. One list of the positioned variants for reading and for writing the position.
macro_rules! with_pos {
    ($error:expr, $pos:ident => $found:expr) => {
        match $error {
            Error::Io(_) | Error::Unwritable { .. } => None,
            Error::Encoding { $pos, .. }
            | Error::NotWellFormed { $pos, .. }
            | Error::Doctype { $pos }
            | Error::Limit { $pos, .. }
            | Error::UnknownRoot { $pos, .. }
            | Error::UnexpectedElement { $pos, .. }
            | Error::DuplicateElement { $pos, .. }
            | Error::MissingElement { $pos, .. }
            | Error::Attribute { $pos, .. }
            | Error::UnexpectedText { $pos, .. }
            | Error::InvalidValue { $pos, .. }
            | Error::UnsupportedSchema { $pos, .. }
            | Error::Json { $pos, .. } => Some($found),
        }
    };
}

impl Error {
    /// The position the error refers to, when it comes from reading.
    pub fn pos(&self) -> Option<TextPos> {
        with_pos!(self, pos => *pos)
    }

    /// The position the error refers to, to be filled in by a reader that works it out only
    /// once it knows there is an error.
    pub(crate) fn pos_mut(&mut self) -> Option<&mut TextPos> {
        with_pos!(self, pos => pos)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Encoding { message, pos } => write!(f, "{message} at {pos}"),
            Error::NotWellFormed { message, pos } => {
                write!(f, "not well-formed XML: {message} at {pos}")
            }
            Error::Limit { exceeded, pos } => write!(
                f,
                "{exceeded} at {pos}; the document is refused (raise `{}` if it is trusted)",
                exceeded.option()
            ),
            Error::Doctype { pos } => write!(
                f,
                "a DOCTYPE declaration at {pos} is refused: OSC payloads never need one"
            ),
            Error::UnknownRoot {
                name,
                namespace,
                expected,
                pos,
            } => match namespace {
                Some(ns) => write!(
                    f,
                    "root `{name}` at {pos} is in namespace `{ns}`; expected {expected}"
                ),
                None => write!(
                    f,
                    "root `{name}` at {pos} has no namespace; expected {expected}"
                ),
            },
            Error::UnexpectedElement { name, parent, pos } => {
                write!(f, "unexpected element `{name}` in `{parent}` at {pos}")
            }
            Error::DuplicateElement { name, parent, pos } => write!(
                f,
                "element `{name}` occurs more than once in `{parent}` at {pos}"
            ),
            Error::MissingElement { name, parent, pos } => write!(
                f,
                "required element `{name}` is missing in `{parent}` ending at {pos}"
            ),
            Error::Attribute {
                element,
                message,
                pos,
            } => write!(f, "{message} on `{element}` at {pos}"),
            Error::UnexpectedText { parent, pos } => {
                write!(f, "text is not allowed directly in `{parent}` at {pos}")
            }
            Error::InvalidValue {
                field,
                message,
                pos,
            } => write!(f, "invalid value in `{field}` at {pos}: {message}"),
            Error::UnsupportedSchema {
                construct,
                message,
                pos,
            } => write!(
                f,
                "schema construct `{construct}` at {pos} is not supported: {message}"
            ),
            Error::Json { message, pos } => write!(f, "JSON: {message} at {pos}"),
            Error::Unwritable { field, message } => {
                write!(f, "cannot write `{field}`: {message}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}
