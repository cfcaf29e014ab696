//! Bounds on what one document may hold, so that hostile or broken input is refused in
//! bounded memory and time instead of being followed wherever it leads.
//!
//! OSC payloads are shallow (a handful of levels), have a few attributes per element and
//! short values; the defaults leave room for the largest real lists (hundreds of
//! megabytes) while refusing shapes no provider produces: a document nested thousands of
//! levels deep, a tag with a million attributes, a single value of gigabytes.
//!
//! ```
//! use osc_schema::{Limits, Validator};
//!
//! let deep = format!(
//!     "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">{}{}</friends>",
//!     "<a>".repeat(100),
//!     "</a>".repeat(100),
//! );
//! let strict = Limits { max_depth: 16, ..Limits::default() };
//! let report = Validator::auto().with_limits(strict).validate_str(&deep);
//! // `a` is not an OSC element (a schema finding); 17 levels down, the bound stops reading.
//! let codes: Vec<&str> = report.diagnostics().iter().map(|d| d.code.as_str()).collect();
//! assert_eq!(codes, ["xsd::unexpected-element", "xml::limit"]);
//! ```

use std::fmt;

/// Bounds on one document. Every reader and the validator refuse a document that goes
/// past one with an `xml::limit` finding (or [`crate::Error::Limit`]) at the place where
/// it did, and stop reading there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Elements open at once, the root included.
    pub max_depth: usize,
    /// Elements in the whole document.
    pub max_elements: u64,
    /// Bytes of one value: the whole text between two tags (text, CDATA sections and
    /// references as written, however comments and processing instructions split it), an
    /// attribute value, and any one piece of markup (a tag with its attributes, a comment,
    /// a CDATA section). A stream never holds more than about twice this much at once.
    pub max_value_bytes: usize,
    /// Attributes on one element.
    pub max_attributes: usize,
    /// Bytes of the whole document, as UTF-8 text.
    pub max_input_bytes: u64,
}

impl Limits {
    /// Nesting depth allowed by default: OSC documents are at most eight levels deep.
    pub const DEFAULT_MAX_DEPTH: usize = 256;
    /// Elements allowed by default: about ten times those of a 600 MiB friends list.
    pub const DEFAULT_MAX_ELEMENTS: u64 = 200_000_000;
    /// Bytes allowed in one value by default.
    pub const DEFAULT_MAX_VALUE_BYTES: usize = 16 * 1024 * 1024;
    /// Attributes allowed on one element by default (OSC elements have at most one).
    pub const DEFAULT_MAX_ATTRIBUTES: usize = 64;
    /// Document size allowed by default.
    pub const DEFAULT_MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024 * 1024;

    /// No bounds at all, for trusted input only.
    pub const NONE: Limits = Limits {
        max_depth: usize::MAX,
        max_elements: u64::MAX,
        max_value_bytes: usize::MAX,
        max_attributes: usize::MAX,
        max_input_bytes: u64::MAX,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: Self::DEFAULT_MAX_DEPTH,
            max_elements: Self::DEFAULT_MAX_ELEMENTS,
            max_value_bytes: Self::DEFAULT_MAX_VALUE_BYTES,
            max_attributes: Self::DEFAULT_MAX_ATTRIBUTES,
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

impl Limits {
    /// Whether a start tag goes past the bounds on elements, depth or attributes: it is
    /// the `elements`th element of the document, at `depth` (the root's is 1), and `tag`
    /// is its text from the name on.
    pub(crate) fn start_tag(&self, elements: u64, depth: usize, tag: &[u8]) -> Option<Exceeded> {
        if elements > self.max_elements {
            return Some(Exceeded::Elements(self.max_elements));
        }
        if depth > self.max_depth {
            return Some(Exceeded::Depth(self.max_depth));
        }
        // Each attribute takes at least four bytes (` a=""` less one): a shorter tag
        // cannot hold too many, and most tags are not counted at all.
        if tag.len() / 4 > self.max_attributes && attributes_in_tag(tag) > self.max_attributes {
            return Some(Exceeded::Attributes(self.max_attributes));
        }
        None
    }
}

/// Which bound a document went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// [`Limits::max_depth`].
    Depth(usize),
    /// [`Limits::max_elements`].
    Elements(u64),
    /// [`Limits::max_value_bytes`].
    ValueBytes(usize),
    /// [`Limits::max_attributes`].
    Attributes(usize),
    /// [`Limits::max_input_bytes`].
    InputBytes(u64),
}

impl Exceeded {
    /// The command-line option that raises this bound.
    pub fn option(self) -> &'static str {
        match self {
            Exceeded::Depth(_) => "--max-depth",
            Exceeded::Elements(_) => "--max-elements",
            Exceeded::ValueBytes(_) => "--max-value-bytes",
            Exceeded::Attributes(_) => "--max-attributes",
            Exceeded::InputBytes(_) => "--max-input-bytes",
        }
    }
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Depth(n) => write!(f, "elements nest deeper than the limit of {n} levels"),
            Exceeded::Elements(n) => {
                write!(f, "the document has more than the limit of {n} elements")
            }
            Exceeded::ValueBytes(n) => {
                write!(
                    f,
                    "a value or piece of markup is longer than the limit of {n} bytes"
                )
            }
            Exceeded::Attributes(n) => {
                write!(f, "an element has more than the limit of {n} attributes")
            }
            Exceeded::InputBytes(n) => {
                write!(f, "the document is larger than the limit of {n} bytes")
            }
        }
    }
}

/// Counts the attributes of a start tag's text (`<name a="1" b='2'>`) without
/// checking them, in one pass, so that a tag with a million attributes is refused before
/// anything quadratic looks at it. Counts `=` outside quotes.
fn attributes_in_tag(tag: &[u8]) -> usize {
    let mut count = 0;
    let mut quote: Option<u8> = None;
    for &b in tag {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'=' => count += 1,
                _ => {}
            },
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::attributes_in_tag;

    #[test]
    fn attributes_are_counted_outside_quotes() {
        assert_eq!(attributes_in_tag(b"person"), 0);
        assert_eq!(attributes_in_tag(b"t type=\"a=b\" x='=' y = \"\""), 3);
    }
}
