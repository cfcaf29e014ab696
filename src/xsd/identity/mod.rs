//! Identity constraints (`xs:unique`, `xs:key`, `xs:keyref`; XSD 1.0 part 1, 3.11): the
//! compiled constraints a schema carries, and the key-sequences a document's scopes keep
//! while the validator streams through it.
//!
//! An element declaration with constraints opens one scope per constraint where such an
//! element starts. Selector paths pick elements below it; each field of a picked element
//! is found among that element's descendants (or itself) and its attributes, typed by the
//! declarations, and compared in the value space. A scope's table lives only until its
//! element closes. A schema without constraints carries an empty table, and the validator
//! does nothing more for it than look at that emptiness.

pub(crate) mod track;
mod value;
pub(crate) mod xpath;

pub(crate) use track::{Found, Tracker};

use super::schema::ContentRef;
use xpath::Path;

/// What a constraint asks of the key-sequences of its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    /// `xs:unique`: the complete key-sequences are distinct.
    Unique,
    /// `xs:key`: every selected element has every field, and the sequences are distinct.
    Key,
    /// `xs:keyref`: every complete key-sequence is one of the referenced constraint's, by
    /// index into [`Tables::constraints`]; that constraint belongs to the same element
    /// declaration (the loader refuses the rest).
    KeyRef(u32),
}

/// One compiled identity constraint.
#[derive(Debug, Clone)]
pub(crate) struct Constraint {
    /// The constraint's name, for messages.
    pub name: Box<str>,
    /// What it checks.
    pub category: Category,
    /// The selector's alternatives.
    pub selector: Box<[Path]>,
    /// Each field's alternatives, with the field's text for messages.
    pub fields: Box<[Field]>,
}

/// One `xs:field`: its text, for messages, and its alternatives.
pub(crate) type Field = (Box<str>, Box<[Path]>);

impl Category {
    /// How messages name the category.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Category::Unique => "unique",
            Category::Key => "key",
            Category::KeyRef(_) => "keyref",
        }
    }
}

/// The element declarations with constraints, known by their name and declared content
/// (the loader refuses a schema where that pair names two declarations that differ in
/// their constraints).
#[derive(Debug, Clone)]
pub(crate) struct Declared {
    /// The element name, as an index into the schema's names.
    pub name: u32,
    /// The declared content.
    pub content: ContentRef,
    /// Indexes into [`Tables::constraints`], in document order.
    pub constraints: Box<[u32]>,
}

/// Every identity constraint of a schema.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    /// The constraints, in document order.
    pub constraints: Vec<Constraint>,
    /// The declarations that carry them.
    pub declared: Vec<Declared>,
}

impl Tables {
    /// Whether the schema has no identity constraint.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.declared.is_empty()
    }

    /// The constraints of the declaration `name` with content `content`.
    pub(crate) fn of(&self, name: u32, content: ContentRef) -> &[u32] {
        self.declared
            .iter()
            .find(|d| d.name == name && d.content == content)
            .map_or(&[], |d| &d.constraints)
    }
}
