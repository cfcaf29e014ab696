//! A compiled schema: content models as flat tables indexed by small integers.
//!
//! Loading resolves every type reference once, so validation never looks a name up in a
//! map: an element's content is a [`ContentRef`] into [`Schema::complex`] or
//! [`Schema::simple`], and a complex type's children are a short slice of particles
//! compared by local name.

use std::fmt;
use std::sync::OnceLock;

use super::facets::Facets;
use super::load::XS;

pub(crate) use crate::markup::NameKey;

/// Upper bound used for `maxOccurs="unbounded"`.
pub(crate) const UNBOUNDED: u32 = u32::MAX;

/// How a type treats whitespace before its value is read (the `whiteSpace` facet), in the
/// order a restriction may move: `Preserve`, then `Replace`, then `Collapse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WhiteSpace {
    /// Kept as written.
    Preserve,
    /// Tabs, line feeds and carriage returns read as spaces.
    Replace,
    /// As `Replace`, then runs of spaces shrink to one and the ends are trimmed.
    Collapse,
}

/// The XSD 1.0 built-in simple datatypes (part 2, section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `xs:anySimpleType`: any text, as written.
    AnySimpleType,
    /// `xs:string`: any text, whitespace kept as written.
    String,
    /// `xs:normalizedString`: text whose tabs and line breaks read as spaces.
    NormalizedString,
    /// `xs:token`: text with whitespace collapsed.
    Token,
    /// `xs:language`: a language tag such as `en-GB`.
    Language,
    /// `xs:Name`: an XML name.
    Name,
    /// `xs:NCName`: an XML name without `:`.
    NcName,
    /// `xs:ID`: an NCName unique in the document.
    Id,
    /// `xs:IDREF`: an NCName naming an ID of the document.
    IdRef,
    /// `xs:ENTITY`: refused at load (unparsed entities are declared in a DTD).
    Entity,
    /// `xs:NMTOKEN`: one or more name characters.
    NmToken,
    /// `xs:NMTOKENS`: a list of one or more `xs:NMTOKEN`.
    NmTokens,
    /// `xs:IDREFS`: a list of one or more `xs:IDREF`.
    IdRefs,
    /// `xs:ENTITIES`: refused at load.
    Entities,
    /// `xs:boolean`.
    Boolean,
    /// `xs:decimal`, in arbitrary precision.
    Decimal,
    /// `xs:integer`, in arbitrary precision.
    Integer,
    /// `xs:nonPositiveInteger`.
    NonPositiveInteger,
    /// `xs:negativeInteger`.
    NegativeInteger,
    /// `xs:long`.
    Long,
    /// `xs:int`.
    Int,
    /// `xs:short`.
    Short,
    /// `xs:byte`.
    Byte,
    /// `xs:nonNegativeInteger`.
    NonNegativeInteger,
    /// `xs:unsignedLong`.
    UnsignedLong,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:unsignedShort`.
    UnsignedShort,
    /// `xs:unsignedByte`.
    UnsignedByte,
    /// `xs:positiveInteger`.
    PositiveInteger,
    /// `xs:float`: IEEE single precision.
    Float,
    /// `xs:double`: IEEE double precision.
    Double,
    /// `xs:duration`.
    Duration,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:time`.
    Time,
    /// `xs:date`.
    Date,
    /// `xs:gYearMonth`.
    GYearMonth,
    /// `xs:gYear`.
    GYear,
    /// `xs:gMonthDay`.
    GMonthDay,
    /// `xs:gDay`.
    GDay,
    /// `xs:gMonth`.
    GMonth,
    /// `xs:hexBinary`.
    HexBinary,
    /// `xs:base64Binary`.
    Base64Binary,
    /// `xs:anyURI`: any text (after whitespace collapsing).
    AnyUri,
    /// `xs:QName`: refused at load (its prefix is resolved in the document).
    QName,
    /// `xs:NOTATION`: refused at load.
    Notation,
}

impl Builtin {
    /// Every built-in, in the order of XSD part 2's type hierarchy.
    pub const ALL: [Builtin; 45] = [
        Builtin::AnySimpleType,
        Builtin::String,
        Builtin::NormalizedString,
        Builtin::Token,
        Builtin::Language,
        Builtin::Name,
        Builtin::NcName,
        Builtin::Id,
        Builtin::IdRef,
        Builtin::Entity,
        Builtin::NmToken,
        Builtin::NmTokens,
        Builtin::IdRefs,
        Builtin::Entities,
        Builtin::Boolean,
        Builtin::Decimal,
        Builtin::Integer,
        Builtin::NonPositiveInteger,
        Builtin::NegativeInteger,
        Builtin::Long,
        Builtin::Int,
        Builtin::Short,
        Builtin::Byte,
        Builtin::NonNegativeInteger,
        Builtin::UnsignedLong,
        Builtin::UnsignedInt,
        Builtin::UnsignedShort,
        Builtin::UnsignedByte,
        Builtin::PositiveInteger,
        Builtin::Float,
        Builtin::Double,
        Builtin::Duration,
        Builtin::DateTime,
        Builtin::Time,
        Builtin::Date,
        Builtin::GYearMonth,
        Builtin::GYear,
        Builtin::GMonthDay,
        Builtin::GDay,
        Builtin::GMonth,
        Builtin::HexBinary,
        Builtin::Base64Binary,
        Builtin::AnyUri,
        Builtin::QName,
        Builtin::Notation,
    ];

    /// Looks a built-in up by its local name in the XML Schema namespace.
    pub fn from_local_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.local_name() == name)
    }

    /// The built-in this one is derived from (by restriction, or by list for the three
    /// list types, whose base is `xs:anySimpleType`); `None` for `xs:anySimpleType`.
    pub const fn restricts(self) -> Option<Builtin> {
        Some(match self {
            Builtin::String => Builtin::AnySimpleType,
            Builtin::NormalizedString => Builtin::String,
            Builtin::Token => Builtin::NormalizedString,
            Builtin::Language => Builtin::Token,
            Builtin::Name => Builtin::Token,
            Builtin::NcName => Builtin::Name,
            Builtin::Id => Builtin::NcName,
            Builtin::IdRef => Builtin::NcName,
            Builtin::Entity => Builtin::NcName,
            Builtin::NmToken => Builtin::Token,
            Builtin::NmTokens => Builtin::AnySimpleType,
            Builtin::IdRefs => Builtin::AnySimpleType,
            Builtin::Entities => Builtin::AnySimpleType,
            Builtin::Boolean => Builtin::AnySimpleType,
            Builtin::Decimal => Builtin::AnySimpleType,
            Builtin::Integer => Builtin::Decimal,
            Builtin::NonPositiveInteger => Builtin::Integer,
            Builtin::NegativeInteger => Builtin::NonPositiveInteger,
            Builtin::Long => Builtin::Integer,
            Builtin::Int => Builtin::Long,
            Builtin::Short => Builtin::Int,
            Builtin::Byte => Builtin::Short,
            Builtin::NonNegativeInteger => Builtin::Integer,
            Builtin::UnsignedLong => Builtin::NonNegativeInteger,
            Builtin::UnsignedInt => Builtin::UnsignedLong,
            Builtin::UnsignedShort => Builtin::UnsignedInt,
            Builtin::UnsignedByte => Builtin::UnsignedShort,
            Builtin::PositiveInteger => Builtin::NonNegativeInteger,
            Builtin::Float => Builtin::AnySimpleType,
            Builtin::Double => Builtin::AnySimpleType,
            Builtin::Duration => Builtin::AnySimpleType,
            Builtin::DateTime => Builtin::AnySimpleType,
            Builtin::Time => Builtin::AnySimpleType,
            Builtin::Date => Builtin::AnySimpleType,
            Builtin::GYearMonth => Builtin::AnySimpleType,
            Builtin::GYear => Builtin::AnySimpleType,
            Builtin::GMonthDay => Builtin::AnySimpleType,
            Builtin::GDay => Builtin::AnySimpleType,
            Builtin::GMonth => Builtin::AnySimpleType,
            Builtin::HexBinary => Builtin::AnySimpleType,
            Builtin::Base64Binary => Builtin::AnySimpleType,
            Builtin::AnyUri => Builtin::AnySimpleType,
            Builtin::QName => Builtin::AnySimpleType,
            Builtin::Notation => Builtin::AnySimpleType,
            Builtin::AnySimpleType => return None,
        })
    }

    /// The local name in the XML Schema namespace.
    pub const fn local_name(self) -> &'static str {
        match self {
            Builtin::AnySimpleType => "anySimpleType",
            Builtin::String => "string",
            Builtin::NormalizedString => "normalizedString",
            Builtin::Token => "token",
            Builtin::Language => "language",
            Builtin::Name => "Name",
            Builtin::NcName => "NCName",
            Builtin::Id => "ID",
            Builtin::IdRef => "IDREF",
            Builtin::Entity => "ENTITY",
            Builtin::NmToken => "NMTOKEN",
            Builtin::NmTokens => "NMTOKENS",
            Builtin::IdRefs => "IDREFS",
            Builtin::Entities => "ENTITIES",
            Builtin::Boolean => "boolean",
            Builtin::Decimal => "decimal",
            Builtin::Integer => "integer",
            Builtin::NonPositiveInteger => "nonPositiveInteger",
            Builtin::NegativeInteger => "negativeInteger",
            Builtin::Long => "long",
            Builtin::Int => "int",
            Builtin::Short => "short",
            Builtin::Byte => "byte",
            Builtin::NonNegativeInteger => "nonNegativeInteger",
            Builtin::UnsignedLong => "unsignedLong",
            Builtin::UnsignedInt => "unsignedInt",
            Builtin::UnsignedShort => "unsignedShort",
            Builtin::UnsignedByte => "unsignedByte",
            Builtin::PositiveInteger => "positiveInteger",
            Builtin::Float => "float",
            Builtin::Double => "double",
            Builtin::Duration => "duration",
            Builtin::DateTime => "dateTime",
            Builtin::Time => "time",
            Builtin::Date => "date",
            Builtin::GYearMonth => "gYearMonth",
            Builtin::GYear => "gYear",
            Builtin::GMonthDay => "gMonthDay",
            Builtin::GDay => "gDay",
            Builtin::GMonth => "gMonth",
            Builtin::HexBinary => "hexBinary",
            Builtin::Base64Binary => "base64Binary",
            Builtin::AnyUri => "anyURI",
            Builtin::QName => "QName",
            Builtin::Notation => "NOTATION",
        }
    }

    /// The name with the conventional `xs:` prefix, as messages print it.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::AnySimpleType => "xs:anySimpleType",
            Builtin::String => "xs:string",
            Builtin::NormalizedString => "xs:normalizedString",
            Builtin::Token => "xs:token",
            Builtin::Language => "xs:language",
            Builtin::Name => "xs:Name",
            Builtin::NcName => "xs:NCName",
            Builtin::Id => "xs:ID",
            Builtin::IdRef => "xs:IDREF",
            Builtin::Entity => "xs:ENTITY",
            Builtin::NmToken => "xs:NMTOKEN",
            Builtin::NmTokens => "xs:NMTOKENS",
            Builtin::IdRefs => "xs:IDREFS",
            Builtin::Entities => "xs:ENTITIES",
            Builtin::Boolean => "xs:boolean",
            Builtin::Decimal => "xs:decimal",
            Builtin::Integer => "xs:integer",
            Builtin::NonPositiveInteger => "xs:nonPositiveInteger",
            Builtin::NegativeInteger => "xs:negativeInteger",
            Builtin::Long => "xs:long",
            Builtin::Int => "xs:int",
            Builtin::Short => "xs:short",
            Builtin::Byte => "xs:byte",
            Builtin::NonNegativeInteger => "xs:nonNegativeInteger",
            Builtin::UnsignedLong => "xs:unsignedLong",
            Builtin::UnsignedInt => "xs:unsignedInt",
            Builtin::UnsignedShort => "xs:unsignedShort",
            Builtin::UnsignedByte => "xs:unsignedByte",
            Builtin::PositiveInteger => "xs:positiveInteger",
            Builtin::Float => "xs:float",
            Builtin::Double => "xs:double",
            Builtin::Duration => "xs:duration",
            Builtin::DateTime => "xs:dateTime",
            Builtin::Time => "xs:time",
            Builtin::Date => "xs:date",
            Builtin::GYearMonth => "xs:gYearMonth",
            Builtin::GYear => "xs:gYear",
            Builtin::GMonthDay => "xs:gMonthDay",
            Builtin::GDay => "xs:gDay",
            Builtin::GMonth => "xs:gMonth",
            Builtin::HexBinary => "xs:hexBinary",
            Builtin::Base64Binary => "xs:base64Binary",
            Builtin::AnyUri => "xs:anyURI",
            Builtin::QName => "xs:QName",
            Builtin::Notation => "xs:NOTATION",
        }
    }

    /// How the type treats whitespace: `xs:string` (and `xs:anySimpleType`) keep it,
    /// `xs:normalizedString` replaces it, every other built-in collapses it.
    pub const fn whitespace(self) -> WhiteSpace {
        match self {
            Builtin::String | Builtin::AnySimpleType => WhiteSpace::Preserve,
            Builtin::NormalizedString => WhiteSpace::Replace,
            _ => WhiteSpace::Collapse,
        }
    }

    /// Whether XSD keeps whitespace as written (`xs:string`, `xs:anySimpleType`); every
    /// other built-in changes it before the value is checked.
    pub const fn preserves_whitespace(self) -> bool {
        matches!(self.whitespace(), WhiteSpace::Preserve)
    }

    /// Why the engine refuses this built-in, for those whose meaning reaches beyond one
    /// value; `None` for the others.
    pub(crate) const fn unsupported(self) -> Option<&'static str> {
        Some(match self {
            Builtin::Entity | Builtin::Entities => {
                "`xs:ENTITY` values name unparsed entities declared in a DTD, which documents may not have here"
            }
            Builtin::QName | Builtin::Notation => {
                "`xs:QName` and `xs:NOTATION` values have a prefix that is resolved against the document's namespace declarations, which is not done"
            }
            _ => return None,
        })
    }

    /// Whether the length facets (`length`, `minLength`, `maxLength`) apply to this type:
    /// the string types, `xs:anyURI`, the binary types and the list types.
    pub(crate) const fn has_length(self) -> bool {
        matches!(self.family(), Family::Text | Family::Binary | Family::List)
    }

    /// The family of value spaces the type belongs to: which facets apply and how values
    /// compare.
    pub(crate) const fn family(self) -> Family {
        match self {
            Builtin::AnySimpleType => Family::Any,
            Builtin::String
            | Builtin::NormalizedString
            | Builtin::Token
            | Builtin::Language
            | Builtin::Name
            | Builtin::NcName
            | Builtin::Id
            | Builtin::IdRef
            | Builtin::Entity
            | Builtin::NmToken
            | Builtin::AnyUri
            | Builtin::QName
            | Builtin::Notation => Family::Text,
            Builtin::NmTokens | Builtin::IdRefs | Builtin::Entities => Family::List,
            Builtin::Boolean => Family::Boolean,
            Builtin::Decimal
            | Builtin::Integer
            | Builtin::NonPositiveInteger
            | Builtin::NegativeInteger
            | Builtin::Long
            | Builtin::Int
            | Builtin::Short
            | Builtin::Byte
            | Builtin::NonNegativeInteger
            | Builtin::UnsignedLong
            | Builtin::UnsignedInt
            | Builtin::UnsignedShort
            | Builtin::UnsignedByte
            | Builtin::PositiveInteger => Family::Decimal,
            Builtin::Float | Builtin::Double => Family::Float,
            Builtin::Duration => Family::Duration,
            Builtin::DateTime
            | Builtin::Time
            | Builtin::Date
            | Builtin::GYearMonth
            | Builtin::GYear
            | Builtin::GMonthDay
            | Builtin::GDay
            | Builtin::GMonth => Family::Temporal,
            Builtin::HexBinary | Builtin::Base64Binary => Family::Binary,
        }
    }
}

/// The families of built-ins that share a value space's shape, and so their facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `xs:anySimpleType`: no facets.
    Any,
    /// Strings and the types with a string value space: `xs:anyURI`, `xs:QName`.
    Text,
    /// The built-in list types.
    List,
    /// `xs:boolean`: only `pattern` and `whiteSpace`.
    Boolean,
    /// `xs:decimal` and the integers: ordered, with digit facets.
    Decimal,
    /// `xs:float` and `xs:double`: ordered, `NaN` aside.
    Float,
    /// `xs:duration`: partially ordered.
    Duration,
    /// The date and time types: ordered, partially across timezones.
    Temporal,
    /// `xs:hexBinary` and `xs:base64Binary`: lengths count octets.
    Binary,
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
    /// Its `default` or `fixed` value, by index into [`Schema::values`].
    pub value: Option<u32>,
}

/// The `default` or `fixed` value of an element declaration: what an element left empty
/// holds, and for `fixed` what any other content must equal in the type's value space.
#[derive(Debug, Clone)]
pub(crate) struct ValueConstraint {
    /// `fixed` rather than `default`.
    pub fixed: bool,
    /// The value as the schema writes it.
    pub text: Box<str>,
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
    /// Whether the element is named in the schema's target namespace (a global element, or
    /// a local one of the qualified form) rather than in none. Without a target namespace
    /// both mean no namespace.
    pub qualified: bool,
    /// The declaration's `default` or `fixed` value, by index into [`Schema::values`].
    pub value: Option<u32>,
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
    /// The value a `fixed` declaration requires, as the schema writes it; a value equals
    /// it in the type's value space.
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
    /// or repeated groups, `xs:all`, a name twice, a wildcard): matched by its automaton, and then
    /// `particles` is empty.
    pub model: Option<Box<super::model::Model>>,
    /// `mixed="true"`: text may stand between the children.
    pub mixed: bool,
    /// The attribute wildcard (`xs:anyAttribute`, combined as XSD 1.0 combines those of
    /// attribute groups and a base type): what undeclared attributes it admits.
    pub attribute_wildcard: Option<Box<super::wildcard::Wildcard>>,
    /// The complex type (by id) this one extends (`xs:complexContent/xs:extension`);
    /// `None` for a restriction of `xs:anyType`, the type written without a base.
    pub extends: Option<u32>,
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
    /// The other facets of every step, when any step has one.
    pub facets: Option<Box<Facets>>,
    /// Atomic, a list or a union; for the last two `base` is `xs:anySimpleType` and the
    /// checks are those of [`super::varieties`].
    pub variety: Variety,
}

/// What a simple type's values are made of (XSD part 2, 2.5.1).
#[derive(Debug, Clone, Default)]
pub(crate) enum Variety {
    /// One value of the built-in `base`.
    #[default]
    Atomic,
    /// Items of `item` separated by whitespace, with the length facets counting items.
    List(Box<ListType>),
    /// A value of one of the members, the first that takes it.
    Union(Box<[Member]>),
}

/// The item type of a list type and the length facets of its restrictions.
#[derive(Debug, Clone)]
pub(crate) struct ListType {
    /// The type of each item: atomic, or a union of atomic types.
    pub item: SimpleType,
    /// `length`, `minLength` and `maxLength`, in items.
    pub length: Option<super::facets::Limit>,
    pub min_length: Option<super::facets::Limit>,
    pub max_length: Option<super::facets::Limit>,
}

/// One member type of a union.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// Its id in the schema's table, for `xsi:type`.
    pub id: u32,
    /// The type itself, so that a value is checked without the schema at hand.
    pub ty: SimpleType,
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
            facets: None,
            variety: Variety::Atomic,
        }
    }

    /// Whether values of the type are IDs or references to them, or hold some: `xs:ID`,
    /// `xs:IDREF`, `xs:IDREFS`, what is derived from them, lists and unions of them.
    pub fn has_id_values(&self) -> bool {
        match &self.variety {
            Variety::Atomic => matches!(self.base, Builtin::Id | Builtin::IdRef | Builtin::IdRefs),
            Variety::List(list) => list.item.has_id_values(),
            Variety::Union(members) => members.iter().any(|m| m.ty.has_id_values()),
        }
    }

    /// Whether the type is `xs:ID` or derived from it by restriction.
    pub fn is_id(&self) -> bool {
        matches!(self.variety, Variety::Atomic) && self.base == Builtin::Id
    }

    /// Whether the type is a list, or a union with a list among its members: what a list's
    /// item type may not be.
    pub fn has_list(&self) -> bool {
        match &self.variety {
            Variety::Atomic => self.base.family() == Family::List,
            Variety::List(_) => true,
            Variety::Union(members) => members.iter().any(|m| m.ty.has_list()),
        }
    }

    /// How the type treats whitespace: its built-in's rule, or a `whiteSpace` facet's; a
    /// list collapses, a union leaves it to the member that takes the value.
    pub fn whitespace(&self) -> WhiteSpace {
        match self.variety {
            Variety::Atomic => {}
            Variety::List(_) => return WhiteSpace::Collapse,
            Variety::Union(_) => return WhiteSpace::Preserve,
        }
        self.facets
            .as_ref()
            .and_then(|f| f.whitespace)
            .map_or(self.base.whitespace(), |w| w.value)
    }

    /// How the validator must treat this type's text: derived from the facets, so call it
    /// once when the type is complete.
    pub fn text_mode(&self) -> TextMode {
        // Every element start asks this: the types without [`Facets`] (all of the OSC
        // schemas') take the short way, which reads only the built-in.
        if !matches!(self.variety, Variety::Atomic) {
            return TextMode::Buffer(self.whitespace() == WhiteSpace::Collapse);
        }
        if let Some(facets) = &self.facets {
            let whitespace = facets
                .whitespace
                .map_or(self.base.whitespace(), |w| w.value);
            return TextMode::Buffer(whitespace == WhiteSpace::Collapse);
        }
        // `xs:anyURI` accepts any text, so without facets there is nothing to look at.
        if self.base == Builtin::AnyUri && !self.has_facets() {
            return TextMode::Ignore;
        }
        if !self.base.preserves_whitespace()
            || !self.enumerations.is_empty()
            || !self.patterns.is_empty()
            || !self.regexes.is_empty()
        {
            return TextMode::Buffer(self.base.whitespace() == WhiteSpace::Collapse);
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
            || self.facets.is_some()
    }
}

/// Ids from here on name the built-ins by their place in [`Builtin::ALL`]: a document may
/// name in `xsi:type` a built-in the schema never uses, so has not compiled, and the table
/// stays as the schema makes it.
pub(crate) const BUILTIN_IDS: u32 = u32::MAX - 64;

/// Every built-in as a simple type without facets, in the order of [`Builtin::ALL`].
fn builtin_types() -> &'static [SimpleType] {
    static TYPES: OnceLock<Vec<SimpleType>> = OnceLock::new();
    TYPES.get_or_init(|| Builtin::ALL.into_iter().map(SimpleType::builtin).collect())
}

/// The built-in an id from [`BUILTIN_IDS`] on names.
#[cold]
#[inline(never)]
fn unused_builtin(id: u32) -> Option<&'static SimpleType> {
    builtin_types().get(id.checked_sub(BUILTIN_IDS)? as usize)
}

/// A schema compiled for validation by [`load`](super::load).
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub(crate) target_namespace: Option<Box<str>>,
    pub(crate) names: Vec<Box<str>>,
    pub(crate) roots: Vec<Root>,
    pub(crate) complex: Vec<ComplexType>,
    pub(crate) simple: Vec<SimpleType>,
    /// The `default` and `fixed` values of element declarations.
    pub(crate) values: Vec<ValueConstraint>,
    /// Whether `blockDefault` blocks types derived by restriction from standing in for the
    /// declared type through `xsi:type`.
    pub(crate) block_restriction: bool,
    /// Whether `blockDefault` blocks types derived by extension likewise.
    pub(crate) block_extension: bool,
    /// `xs:anyType` (any attributes, any children, text among them), by id in
    /// [`Schema::complex`]; compiled only when the schema uses it or a wildcard.
    pub(crate) any_type: Option<u32>,
    /// The global attribute declarations, which attribute wildcards validate by.
    pub(crate) global_attributes: Vec<AttributeUse>,
    /// The identity constraints (`xs:key`, `xs:unique`, `xs:keyref`); empty for most.
    pub(crate) identity: super::identity::Tables,
    /// Whether a complex type extends another, so that `xsi:type` may name a type derived
    /// from a declared complex type; without one the validator does not look.
    pub(crate) complex_extensions: bool,
    /// Which numbering the indexes of [`Schema::names`] follow: one of its own for every
    /// schema loaded, shared only with its clones, whose names are numbered alike. What
    /// observers learn from a name's index (see [`super::observe::StartTag::numbering`]) may
    /// then be kept from one document to the next. 0 for a schema not loaded, which no
    /// observer keeps anything for.
    pub(crate) numbering: u64,
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

    /// The simple type `id`: one of the table's, or a built-in the schema does not use
    /// itself but a document names in `xsi:type` (see [`BUILTIN_IDS`]).
    pub(crate) fn simple_type(&self, id: u32) -> Option<&SimpleType> {
        // The validator asks this on every simple element: the table first, the rare
        // built-in named only by `xsi:type` out of line.
        match self.simple.get(id as usize) {
            Some(st) => Some(st),
            None => unused_builtin(id),
        }
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
            Some(Some(b)) if found.is_none() && b.unsupported().is_none() => {
                let i = Builtin::ALL.iter().position(|x| *x == b)?;
                Some(BUILTIN_IDS + u32::try_from(i).ok()?)
            }
            _ => found.and_then(|i| u32::try_from(i).ok()),
        }
    }

    /// Whether the complex type `id` is `declared` or derived from it by extension, step by
    /// step, no step of a kind `blockDefault` blocks (XSD 1.0 part 1, 3.4.6, Type
    /// Derivation OK (Complex)).
    pub(crate) fn complex_derives_from(&self, mut id: u32, declared: u32) -> bool {
        // Each step goes to a type compiled before: the chain is no longer than the table.
        for _ in 0..=self.complex.len() {
            if id == declared {
                return true;
            }
            match self.complex_type(id).and_then(|c| c.extends) {
                Some(base) if !self.block_extension => id = base,
                _ => return false,
            }
        }
        false
    }

    /// Whether the simple type `id` is `declared` or derived from it by restriction, step by
    /// step, the supported built-ins included, or from one of its members when `declared`
    /// is a union.
    pub(crate) fn simple_derives_from(&self, id: u32, declared: u32) -> bool {
        if self.simple_restricts(id, declared) {
            return true;
        }
        // A member stands in for the union only where the union adds no facet of its own,
        // which a value of the member would then escape.
        let declared_type = self
            .simple_type(declared)
            .filter(|d| d.enumerations.is_empty() && d.patterns.is_empty() && d.regexes.is_empty());
        match declared_type.map(|d| &d.variety) {
            Some(Variety::Union(members)) => members
                .iter()
                .any(|m| m.id != declared && self.simple_derives_from(id, m.id)),
            _ => false,
        }
    }

    /// Whether the simple type `id` is `declared` or derived from it by restriction.
    fn simple_restricts(&self, mut id: u32, declared: u32) -> bool {
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

    /// A numbering of names of its own, for a schema just loaded: names are only ever added
    /// to a loaded schema, so an index keeps naming the same name.
    pub(crate) fn number_names(&mut self) {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.numbering = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
