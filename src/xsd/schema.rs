//! A compiled schema: content models as flat tables indexed by small integers.
//!
//! Loading resolves every type reference once, so validation never looks a name up in a
//! map: an element's content is a [`ContentRef`] into [`Schema::complex`] or
//! [`Schema::simple`], and a complex type's children are a short slice of particles
//! compared by local name.

use std::fmt;

use super::load::XS;

pub(crate) use crate::markup::NameKey;

/// Upper bound used for `maxOccurs="unbounded"`.
pub(crate) const UNBOUNDED: u32 = u32::MAX;

/// The XSD built-in datatypes the engine checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `xs:string`: any text, whitespace kept as written.
    String,
    /// `xs:boolean`.
    Boolean,
    /// `xs:int`.
    Int,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:unsignedLong`.
    UnsignedLong,
    /// `xs:date`.
    Date,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:anyURI`: any text (after whitespace collapsing).
    AnyUri,
}

impl Builtin {
    /// Looks a built-in up by its local name in the XML Schema namespace.
    pub fn from_local_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "string" => Builtin::String,
            "boolean" => Builtin::Boolean,
            "int" => Builtin::Int,
            "unsignedInt" => Builtin::UnsignedInt,
            "unsignedLong" => Builtin::UnsignedLong,
            "date" => Builtin::Date,
            "dateTime" => Builtin::DateTime,
            "anyURI" => Builtin::AnyUri,
            _ => return None,
        })
    }

    /// The built-in this one is derived from by restriction, among those supported.
    pub const fn restricts(self) -> Option<Builtin> {
        match self {
            Builtin::UnsignedInt => Some(Builtin::UnsignedLong),
            _ => None,
        }
    }

    /// The name with the conventional `xs:` prefix, as messages print it.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::String => "xs:string",
            Builtin::Boolean => "xs:boolean",
            Builtin::Int => "xs:int",
            Builtin::UnsignedInt => "xs:unsignedInt",
            Builtin::UnsignedLong => "xs:unsignedLong",
            Builtin::Date => "xs:date",
            Builtin::DateTime => "xs:dateTime",
            Builtin::AnyUri => "xs:anyURI",
        }
    }

    /// Whether XSD keeps whitespace as written (only `xs:string` does here); every other
    /// built-in collapses it before the value is checked.
    pub const fn preserves_whitespace(self) -> bool {
        matches!(self, Builtin::String)
    }

    /// Whether length facets such as `maxLength` apply to this type.
    pub(crate) const fn has_length(self) -> bool {
        matches!(self, Builtin::String | Builtin::AnyUri)
    }
}

impl fmt::Display for Builtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an element holds: a complex type (child elements) or a simple type (text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContentRef {
    /// Index into [`Schema::complex`].
    Complex(u32),
    /// Index into [`Schema::simple`].
    Simple(u32),
}

/// A global element declaration: a possible document root.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    /// Index into [`Schema::names`].
    pub name: u32,
    /// What the root holds.
    pub content: ContentRef,
}

/// One `xs:element` inside a sequence.
#[derive(Debug, Clone)]
pub(crate) struct Particle {
    /// The local name, compared byte for byte with the document's.
    pub name: Box<str>,
    /// `name` boiled down for quick comparison.
    pub key: NameKey,
    /// Index into [`Schema::names`], so frames can carry a name without owning it.
    pub name_id: u32,
    /// What the element holds.
    pub content: ContentRef,
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`, [`UNBOUNDED`] for `unbounded`.
    pub max: u32,
}

impl Particle {
    /// Whether an element path writes an index for this particle (`person[3]`).
    pub fn repeatable(&self) -> bool {
        self.max > 1
    }
}

/// One `xs:attribute` of a complex type.
#[derive(Debug, Clone)]
pub(crate) struct AttributeUse {
    /// The (unqualified) attribute name.
    pub name: Box<str>,
    /// Index into [`Schema::simple`].
    pub simple: u32,
    /// `use="required"`.
    pub required: bool,
    /// Whether the attribute is in the schema's target namespace (a global one, or a local
    /// one of a qualified form) rather than in none.
    pub qualified: bool,
    /// The value a `fixed` declaration requires, whitespace handled as the type does.
    pub fixed: Option<Box<str>>,
}

/// A complex type: a sequence of elements and a set of attributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct ComplexType {
    /// The type's name, `None` when anonymous.
    pub name: Option<Box<str>>,
    /// The sequence, in order. Empty for an element that must stay empty.
    pub particles: Box<[Particle]>,
    /// The declared attributes.
    pub attributes: Box<[AttributeUse]>,
    /// Bit `i` is set when `attributes[i]` is required; at most 64 attributes.
    pub required_mask: u64,
    /// For each particle index `k` (and one past the end), the first index at or after `k`
    /// whose particle is required; lets the validator skip the missing-element check in O(1).
    pub next_required: Box<[u16]>,
    /// For a type with simple content (`xs:simpleContent`), the simple type of its text, by
    /// id; such a type has no particles.
    pub simple_content: Option<u32>,
    /// A content model that is not one flat sequence of distinct names (a choice, nested
    /// or repeated groups, `xs:all`, a name twice): matched by its automaton, and then
    /// `particles` is empty.
    pub model: Option<Box<super::model::Model>>,
}

impl ComplexType {
    /// Fills [`ComplexType::next_required`] from the particles.
    pub fn index_required(&mut self) {
        let n = self.particles.len();
        let mut table = vec![u16::try_from(n).unwrap_or(u16::MAX); n + 1];
        for k in (0..n).rev() {
            let required = self.particles.get(k).is_some_and(|p| p.min > 0);
            let next = table.get(k + 1).copied().unwrap_or(u16::MAX);
            if let Some(slot) = table.get_mut(k) {
                *slot = if required {
                    u16::try_from(k).unwrap_or(u16::MAX)
                } else {
                    next
                };
            }
        }
        self.next_required = table.into();
    }

    /// Whether a required particle lies in `from..to`.
    pub fn required_in(&self, from: usize, to: usize) -> bool {
        self.next_required
            .get(from)
            .is_some_and(|&k| usize::from(k) < to)
    }
}

/// How a simple-typed element's text is handled while it streams in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextMode {
    /// A plain `xs:string`: nothing to check, nothing kept.
    Ignore,
    /// A string with only `maxLength`: characters counted, nothing kept.
    Count(u32),
    /// Everything else: the text is gathered and checked at the end tag; `true` when the
    /// type collapses whitespace (so long runs of it may be shrunk while gathering).
    Buffer(bool),
}

/// A simple type: a built-in plus the facets of every restriction step above it.
#[derive(Debug, Clone)]
pub(crate) struct SimpleType {
    /// How messages name the type: `stringType`, `xs:boolean`, or for an anonymous type the
    /// element or attribute that declares it.
    pub label: Box<str>,
    /// The built-in at the bottom of the derivation.
    pub base: Builtin,
    /// One list per restriction step that has `xs:enumeration`; a value must be in each.
    pub enumerations: Vec<Box<[Box<str>]>>,
    /// One list of literal alternatives per restriction step that has `xs:pattern`; a value
    /// must equal one alternative of each.
    pub patterns: Vec<Box<[Box<str>]>>,
    /// One compiled regular expression per restriction step whose patterns are more than
    /// literal alternatives; a value must match each.
    pub regexes: Vec<super::pattern::Pattern>,
    /// The smallest `maxLength` of all steps, in characters.
    pub max_length: Option<u32>,
    /// Whether the type has a name an `xsi:type` could use (built-ins and named
    /// `xs:simpleType`s), as opposed to an anonymous type.
    pub named: bool,
    /// The type this one restricts, by id in the schema's table; `None` for a built-in.
    pub derived_from: Option<u32>,
}

impl SimpleType {
    /// A built-in with no facets.
    pub fn builtin(base: Builtin) -> Self {
        SimpleType {
            label: base.name().into(),
            base,
            enumerations: Vec::new(),
            patterns: Vec::new(),
            regexes: Vec::new(),
            max_length: None,
            named: true,
            derived_from: None,
        }
    }

    /// Whether two values of this type are equal exactly when their text is, once its
    /// whitespace is handled: strings and URIs.
    pub fn values_are_text(&self) -> bool {
        matches!(self.base, Builtin::String | Builtin::AnyUri)
    }

    /// `value` with its whitespace handled as the type does: kept for strings, collapsed
    /// for the rest.
    pub fn text_value<'v>(&self, value: &'v str) -> std::borrow::Cow<'v, str> {
        if self.base.preserves_whitespace() {
            std::borrow::Cow::Borrowed(value)
        } else {
            crate::xs::collapse_whitespace(value)
        }
    }

    /// How the validator must treat this type's text: derived from the facets, so call it
    /// once when the type is complete.
    pub fn text_mode(&self) -> TextMode {
        // `xs:anyURI` accepts any text, so without facets there is nothing to look at.
        if self.base == Builtin::AnyUri && !self.has_facets() {
            return TextMode::Ignore;
        }
        if !self.base.preserves_whitespace()
            || !self.enumerations.is_empty()
            || !self.patterns.is_empty()
            || !self.regexes.is_empty()
        {
            return TextMode::Buffer(!self.base.preserves_whitespace());
        }
        match self.max_length {
            None => TextMode::Ignore,
            Some(max) => TextMode::Count(max),
        }
    }

    /// Whether any facet beyond the built-in's own lexical rules applies.
    pub fn has_facets(&self) -> bool {
        !self.enumerations.is_empty()
            || !self.patterns.is_empty()
            || !self.regexes.is_empty()
            || self.max_length.is_some()
    }
}

/// A schema compiled for validation by [`load`](super::load).
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub(crate) target_namespace: Option<Box<str>>,
    pub(crate) names: Vec<Box<str>>,
    pub(crate) roots: Vec<Root>,
    pub(crate) complex: Vec<ComplexType>,
    pub(crate) simple: Vec<SimpleType>,
    /// Whether `blockDefault` blocks types derived by restriction from standing in for the
    /// declared type through `xsi:type`.
    pub(crate) block_restriction: bool,
}

impl Schema {
    /// The schema's `targetNamespace`, `None` when it has none.
    pub fn target_namespace(&self) -> Option<&str> {
        self.target_namespace.as_deref()
    }

    /// The names of the global elements, which are the roots a document may have.
    pub fn root_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.roots.iter().map(|r| self.name(r.name))
    }

    /// Whether `name` is declared as a global element.
    pub fn has_root(&self, name: &str) -> bool {
        self.root(name).is_some()
    }

    pub(crate) fn root(&self, name: &str) -> Option<&Root> {
        self.roots.iter().find(|r| self.name(r.name) == name)
    }

    /// The element name for an index from the names table; empty if out of range, which
    /// the loader never produces.
    pub(crate) fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    pub(crate) fn complex_type(&self, id: u32) -> Option<&ComplexType> {
        self.complex.get(id as usize)
    }

    pub(crate) fn simple_type(&self, id: u32) -> Option<&SimpleType> {
        self.simple.get(id as usize)
    }

    /// The named simple type `local` in namespace `ns` (a built-in in the XML Schema
    /// namespace, or one of the schema's own), by id.
    pub(crate) fn named_simple_type(&self, ns: Option<&str>, local: &str) -> Option<u32> {
        let builtin = (ns == Some(XS)).then(|| Builtin::from_local_name(local));
        let found = self.simple.iter().position(|st| match builtin {
            Some(b) => st.derived_from.is_none() && Some(st.base) == b,
            None => st.named && st.derived_from.is_some() && *st.label == *local,
        });
        match builtin {
            None if ns != self.target_namespace() => None,
            _ => found.and_then(|i| u32::try_from(i).ok()),
        }
    }

    /// Whether the simple type `id` is `declared` or derived from it by restriction, step by
    /// step, the supported built-ins included.
    pub(crate) fn simple_derives_from(&self, mut id: u32, declared: u32) -> bool {
        // Each step goes to a type compiled before: the chain is no longer than the table.
        for _ in 0..=self.simple.len() {
            if id == declared {
                return true;
            }
            let Some(st) = self.simple_type(id) else {
                return false;
            };
            match st.derived_from {
                Some(base) => id = base,
                None => {
                    let Some(up) = st.base.restricts() else {
                        return false;
                    };
                    return self.simple_type(declared).is_some_and(|d| {
                        d.derived_from.is_none() && self.builtin_derives(up, d.base)
                    });
                }
            }
        }
        false
    }

    /// Whether the built-in `b` is `of` or derived from it.
    fn builtin_derives(&self, mut b: Builtin, of: Builtin) -> bool {
        loop {
            if b == of {
                return true;
            }
            match b.restricts() {
                Some(up) => b = up,
                None => return false,
            }
        }
    }

    /// The element declarations inside every complex type, in no particular order: what
    /// tables such as the elements whose paths carry an index are derived from.
    pub(crate) fn particles(&self) -> impl Iterator<Item = &Particle> + '_ {
        self.complex.iter().flat_map(|c| c.particles.iter())
    }

    /// The children the root `name` declares, in order; empty for an unknown or
    /// simple-typed root.
    #[cfg(test)]
    pub(crate) fn root_particles(&self, name: &str) -> &[Particle] {
        match self.root(name).map(|r| r.content) {
            Some(ContentRef::Complex(id)) => self.complex_type(id).map_or(&[], |c| &c.particles),
            _ => &[],
        }
    }

    /// Interns an element name, returning its index.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|n| &**n == name) {
            return u32::try_from(i).unwrap_or(u32::MAX);
        }
        self.names.push(name.into());
        u32::try_from(self.names.len() - 1).unwrap_or(u32::MAX)
    }
}
