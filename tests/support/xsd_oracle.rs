//! Our schemas (`schemas/osc-*.xsd`) as xsd-parser reads them: the independent reading that
//! the hand-written vocabulary tables, the writer's element order and our own schema loader
//! are held to.
//!
//! xsd-parser generates code and validates nothing; only its first two stages are used here.
//! Its `Parser` reads the schema text and its `Interpreter` resolves the types; this module
//! boils the result down to plain data per generation: the global elements, each complex
//! type's children in declared order with their bounds and its attributes, and each simple
//! type's built-in base and facets. Anonymous types are labelled by the element or attribute
//! that declares them and built-ins as `xs:name`, the labels our loader gives them, so that
//! the two readings can be compared label by label.
//!
//! The module reads the files from disk, not the copies embedded in the library, and uses
//! nothing of the library: it is compiled into the library's unit tests (as
//! `crate::xsd::oracle`) as well as into integration tests (`#[path]` from `tests/`).

// Each test crate that compiles this module uses only a part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use xsd_parser::config::Namespace;
use xsd_parser::models::meta::{
    AttributeMetaVariant, Base, CustomMeta, ElementMetaVariant, ElementMode, MetaTypeVariant,
    MetaTypes,
};
use xsd_parser::models::schema::MaxOccurs;
use xsd_parser::models::schema::xs::{SchemaContent, Use};
use xsd_parser::models::{IdentType, Name, TypeIdent};
use xsd_parser::{Interpreter, Parser};

/// The schema files, oldest generation first: 1.0, 1.1, 2013.
pub const FILES: [&str; 3] = ["osc-1.0.xsd", "osc-1.1.xsd", "osc-2013.xsd"];

const TEXTS: [&str; 3] = [
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/osc-1.0.xsd")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/osc-1.1.xsd")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/osc-2013.xsd")),
];

/// Every built-in datatype of XML Schema 1.0. xsd-parser's default typedefs map them onto
/// Rust types, which would make `xs:anyURI` and `xs:string` the same thing; registered as
/// opaque types instead, a restriction keeps the name of the built-in it starts from. All
/// of them are registered, not only those our loader supports, so that a schema using
/// another one is still read here and the difference shows in the comparison.
const BUILTINS: [&str; 44] = [
    "anySimpleType",
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "boolean",
    "decimal",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "float",
    "double",
    "duration",
    "dateTime",
    "time",
    "date",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gDay",
    "gMonth",
    "hexBinary",
    "base64Binary",
    "anyURI",
    "QName",
];

/// What an element holds: the label of its complex or simple type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A complex type: a key of [`Generation::complex`].
    Complex(String),
    /// A simple type: a key of [`Generation::simple`].
    Simple(String),
}

/// One element declaration: a child in a sequence, or a global element (bounds 1..1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    /// The local name.
    pub name: String,
    /// `minOccurs`.
    pub min: usize,
    /// `maxOccurs`; `None` for `unbounded`.
    pub max: Option<usize>,
    /// The element's type.
    pub content: Content,
}

impl Child {
    /// Whether the element may occur more than once (`maxOccurs` above 1).
    pub fn repeatable(&self) -> bool {
        self.max.is_none_or(|max| max > 1)
    }
}

/// One attribute declaration of a complex type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The (unqualified) name.
    pub name: String,
    /// `use="required"`.
    pub required: bool,
    /// The label of its simple type.
    pub simple: String,
}

/// A complex type: a sequence of children and a set of attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplexModel {
    /// Whether the type is a named `xs:complexType` (rather than an element's own).
    pub named: bool,
    /// The sequence, in declared order.
    pub children: Vec<Child>,
    /// The attributes, in declared order.
    pub attributes: Vec<Attribute>,
}

/// A simple type: the built-in it restricts and the facets it adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimpleModel {
    /// Whether the type has a name (a named `xs:simpleType` or a built-in).
    pub named: bool,
    /// The local name of the XML Schema built-in at the bottom of the derivation.
    pub builtin: String,
    /// `xs:enumeration` values, in declared order.
    pub enumerations: Vec<String>,
    /// `xs:pattern` values, as written.
    pub patterns: Vec<String>,
    /// `xs:maxLength`.
    pub max_length: Option<usize>,
}

impl SimpleModel {
    /// The values a document may hold when the type lists them: its enumeration, or the
    /// alternatives of its one pattern when that pattern is a plain alternation of words;
    /// `None` when the type does not list its values.
    pub fn listed_values(&self) -> Option<Vec<String>> {
        if !self.enumerations.is_empty() {
            return Some(self.enumerations.clone());
        }
        match self.patterns.as_slice() {
            [pattern] if pattern.chars().all(|c| c.is_alphanumeric() || c == '|') => {
                Some(pattern.split('|').map(str::to_owned).collect())
            }
            _ => None,
        }
    }

    /// A value of this type that every reader of the schema accepts.
    pub fn sample(&self) -> String {
        if let Some(values) = self.listed_values() {
            return values[0].clone();
        }
        assert!(
            self.patterns.is_empty(),
            "no sample for the patterns {:?}",
            self.patterns
        );
        let sample = match self.builtin.as_str() {
            "boolean" => "true",
            "int" | "integer" | "long" | "short" | "byte" | "unsignedLong" | "unsignedInt"
            | "unsignedShort" | "unsignedByte" | "nonNegativeInteger" | "positiveInteger" => "7",
            "date" => "2010-06-01",
            "dateTime" => "2010-06-01T12:30:00Z",
            "anyURI" => "http://example.com/a",
            "string" => "text",
            other => panic!("no sample for `xs:{other}`"),
        };
        let len = self.max_length.unwrap_or(usize::MAX);
        sample.chars().take(len).collect()
    }
}

/// One schema generation as xsd-parser reads it.
#[derive(Debug)]
pub struct Generation {
    /// The file name under `schemas/`.
    pub file: &'static str,
    /// The schema's `targetNamespace`.
    pub target_namespace: String,
    /// The global elements (the possible roots), in declared order.
    pub roots: Vec<Child>,
    /// Every complex type, by label: its name, or for an anonymous type the name of the
    /// element that declares it.
    pub complex: BTreeMap<String, ComplexModel>,
    /// Every simple type, by label: its name, `xs:name` for a built-in, or for an anonymous
    /// type the name of the element or attribute that declares it.
    pub simple: BTreeMap<String, SimpleModel>,
    /// The label of the complex type of every element that has one, by element name.
    pub element_types: BTreeMap<String, String>,
}

/// The three generations, oldest first (in the order of [`FILES`]), read once.
pub fn generations() -> &'static [Generation] {
    static READ: OnceLock<Vec<Generation>> = OnceLock::new();
    READ.get_or_init(|| {
        FILES
            .iter()
            .zip(TEXTS)
            .map(|(file, text)| Generation::read(file, text))
            .collect()
    })
}

/// The index (into [`generations`]) of the first generation whose schema declares `child`
/// inside `parent`; `None` when none does.
pub fn first_declaring(parent: &str, child: &str) -> Option<usize> {
    generations()
        .iter()
        .position(|g| g.child(parent, child).is_some())
}

/// The index of the first generation that declares `name` as a global element.
pub fn first_declaring_root(name: &str) -> Option<usize> {
    generations()
        .iter()
        .position(|g| g.roots.iter().any(|r| r.name == name))
}

impl Generation {
    /// Reads one schema text.
    ///
    /// # Panics
    /// When xsd-parser cannot read it, or when it uses something this module does not boil
    /// down (model groups other than `xs:sequence`, wildcards, ...).
    pub fn read(file: &'static str, text: &str) -> Generation {
        let schemas = Parser::new()
            .with_default_namespaces()
            .add_schema_from_str(text)
            .unwrap_or_else(|e| panic!("{file}: xsd-parser cannot parse it: {e}"))
            .finish();
        let xs = schemas
            .resolve_namespace(&Some(Namespace::XS))
            .unwrap_or_else(|| panic!("{file}: the XML Schema namespace is not known"));
        let mut interpreter = Interpreter::new(&schemas);
        for name in BUILTINS {
            interpreter = interpreter
                .with_type(TypeIdent::type_(name).with_ns(xs), CustomMeta::new(name))
                .unwrap_or_else(|e| panic!("{file}: cannot register `xs:{name}`: {e}"));
        }
        let (types, _) = interpreter
            .finish()
            .unwrap_or_else(|e| panic!("{file}: xsd-parser cannot resolve its types: {e}"));

        // The schema document itself, among the ones xsd-parser knows (such as its own
        // description of the XML Schema namespace): the one that declares elements.
        let mut ours = schemas.schemas().filter(|(_, info)| {
            info.schema
                .content
                .iter()
                .any(|c| matches!(c, SchemaContent::Element(_)))
        });
        let (schema_id, info) = ours
            .next()
            .unwrap_or_else(|| panic!("{file}: no schema document declares an element"));
        assert!(
            ours.next().is_none(),
            "{file}: more than one schema document"
        );
        let schema_id = *schema_id;
        let target_namespace = info
            .schema
            .target_namespace
            .clone()
            .unwrap_or_else(|| panic!("{file}: no targetNamespace"));

        let mut reader = Reader {
            file,
            types: &types,
            xs,
            complex: BTreeMap::new(),
            simple: BTreeMap::new(),
            element_types: BTreeMap::new(),
        };
        let mut roots = Vec::new();
        for content in &info.schema.content {
            let SchemaContent::Element(element) = content else {
                continue;
            };
            let name = element
                .name
                .clone()
                .unwrap_or_else(|| panic!("{file}: a global element without a name"));
            let ident = types
                .items
                .keys()
                .find(|k| {
                    k.schema == schema_id
                        && k.type_ == IdentType::Element
                        && matches!(&k.name, Name::Named(n) if *n == name)
                })
                .unwrap_or_else(|| panic!("{file}: xsd-parser has no element `{name}`"));
            let content = reader.content(ident, &name);
            reader.note_element(&name, &content);
            roots.push(Child {
                name,
                min: 1,
                max: Some(1),
                content,
            });
        }
        // Named types no element uses are read too, so that nothing of the file is left out.
        let named: Vec<&TypeIdent> = types
            .items
            .keys()
            .filter(|k| {
                k.schema == schema_id
                    && k.type_ == IdentType::Type
                    && matches!(k.name, Name::Named(_))
            })
            .collect();
        for ident in named {
            reader.content(ident, "");
        }
        let Reader {
            complex,
            simple,
            element_types,
            ..
        } = reader;
        Generation {
            file,
            target_namespace,
            roots,
            complex,
            simple,
            element_types,
        }
    }

    /// The children `parent` (an element name) declares, in order; `None` when no element
    /// of that name has a complex type.
    pub fn children_of(&self, parent: &str) -> Option<&[Child]> {
        let label = self.element_types.get(parent)?;
        Some(&self.complex[label].children)
    }

    /// The declaration of `child` inside `parent`.
    pub fn child(&self, parent: &str, child: &str) -> Option<&Child> {
        self.children_of(parent)?.iter().find(|c| c.name == child)
    }

    /// Every element name the schema declares, globally or inside a type.
    pub fn element_names(&self) -> BTreeSet<&str> {
        let local = self
            .complex
            .values()
            .flat_map(|c| &c.children)
            .map(|c| c.name.as_str());
        self.roots
            .iter()
            .map(|r| r.name.as_str())
            .chain(local)
            .collect()
    }

    /// Every (parent, child) pair of element names: `child` is declared inside `parent`.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.element_types
            .iter()
            .flat_map(|(parent, label)| {
                self.complex[label]
                    .children
                    .iter()
                    .map(move |c| (parent.as_str(), c.name.as_str()))
            })
            .collect()
    }

    /// The names of the elements that may occur more than once inside their parent.
    pub fn repeatable(&self) -> BTreeSet<&str> {
        self.complex
            .values()
            .flat_map(|c| &c.children)
            .filter(|c| c.repeatable())
            .map(|c| c.name.as_str())
            .collect()
    }

    /// The simple type of `child` inside `parent`, when it has one.
    pub fn simple_child(&self, parent: &str, child: &str) -> Option<&SimpleModel> {
        match &self.child(parent, child)?.content {
            Content::Simple(label) => Some(&self.simple[label]),
            Content::Complex(_) => None,
        }
    }

    /// The root `root` with every element the schema allows present, each repeatable one
    /// twice, every attribute set, and a valid value in every simple-typed element and
    /// attribute; `value(parent, name)` may give another value (`name` is `@attr` for an
    /// attribute).
    pub fn maximal_document(
        &self,
        root: &str,
        value: &dyn Fn(&str, &str) -> Option<String>,
    ) -> String {
        let declaration = self
            .roots
            .iter()
            .find(|r| r.name == root)
            .unwrap_or_else(|| panic!("{}: no root `{root}`", self.file));
        let mut out = String::new();
        let xmlns = format!(" xmlns=\"{}\"", self.target_namespace);
        self.write_element(&mut out, "", declaration, &xmlns, value, 0);
        out
    }

    fn write_element(
        &self,
        out: &mut String,
        parent: &str,
        element: &Child,
        extra: &str,
        value: &dyn Fn(&str, &str) -> Option<String>,
        depth: usize,
    ) {
        assert!(depth < 32, "{}: the schema nests without end", self.file);
        let name = &element.name;
        out.push('<');
        out.push_str(name);
        out.push_str(extra);
        match &element.content {
            Content::Simple(label) => {
                let text = value(parent, name).unwrap_or_else(|| self.simple[label].sample());
                out.push('>');
                out.push_str(&escape(&text));
            }
            Content::Complex(label) => {
                let model = &self.complex[label];
                for a in &model.attributes {
                    let text = value(name, &format!("@{}", a.name))
                        .unwrap_or_else(|| self.simple[&a.simple].sample());
                    out.push_str(&format!(" {}=\"{}\"", a.name, escape(&text)));
                }
                out.push('>');
                for child in &model.children {
                    let times = if child.repeatable() { 2 } else { 1 };
                    for _ in 0..times {
                        self.write_element(out, name, child, "", value, depth + 1);
                    }
                }
            }
        }
        out.push_str(&format!("</{name}>"));
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// Boils xsd-parser's resolved types down to the plain data of a [`Generation`].
struct Reader<'a> {
    file: &'static str,
    types: &'a MetaTypes,
    xs: xsd_parser::models::schema::NamespaceId,
    complex: BTreeMap<String, ComplexModel>,
    simple: BTreeMap<String, SimpleModel>,
    element_types: BTreeMap<String, String>,
}

impl Reader<'_> {
    /// The content of the type `ident`; `declared_by` names the element or attribute that
    /// declares it, the label of an anonymous type.
    fn content(&mut self, ident: &TypeIdent, declared_by: &str) -> Content {
        let file = self.file;
        if ident.ns == self.xs {
            let label = format!("xs:{}", ident.name.as_str());
            let model = SimpleModel {
                named: true,
                builtin: ident.name.as_str().to_owned(),
                enumerations: Vec::new(),
                patterns: Vec::new(),
                max_length: None,
            };
            self.insert_simple(&label, model);
            return Content::Simple(label);
        }
        let types = self.types;
        let ty = types
            .items
            .get(ident)
            .unwrap_or_else(|| panic!("{file}: xsd-parser has no type {ident}"));
        let named = ident.type_ == IdentType::Type;
        let label = match ident.type_ {
            IdentType::Type => ident.name.as_str().to_owned(),
            IdentType::ElementType | IdentType::Attribute => declared_by.to_owned(),
            IdentType::Element => match &ty.variant {
                // An element's own (anonymous) type is reached through the element.
                MetaTypeVariant::Reference(r) => return self.content(&r.type_, declared_by),
                other => panic!("{file}: element {ident} is a {other:?}"),
            },
            other => panic!("{file}: {ident} is a {other:?}"),
        };
        match &ty.variant {
            MetaTypeVariant::ComplexType(c) => {
                if self.complex.contains_key(&label) {
                    return Content::Complex(label);
                }
                // A placeholder first, so that a type holding itself ends the recursion.
                self.complex.insert(
                    label.clone(),
                    ComplexModel {
                        named,
                        children: Vec::new(),
                        attributes: Vec::new(),
                    },
                );
                assert!(
                    matches!(c.base, Base::None),
                    "{file}: `{label}` derives from another complex type"
                );
                let children = match &c.content {
                    None => Vec::new(),
                    Some(content) => self.sequence(content, &label),
                };
                let attributes = c
                    .attributes
                    .iter()
                    .map(|a| {
                        let name = a.ident.name.as_str().to_owned();
                        let AttributeMetaVariant::Type(t) = &a.variant else {
                            panic!("{file}: `{label}` has an attribute wildcard")
                        };
                        let Content::Simple(simple) = self.content(t, &name) else {
                            panic!("{file}: attribute `{name}` of `{label}` is complex")
                        };
                        Attribute {
                            name,
                            required: a.use_ == Use::Required,
                            simple,
                        }
                    })
                    .collect();
                let model = ComplexModel {
                    named,
                    children,
                    attributes,
                };
                self.complex.insert(label.clone(), model);
                Content::Complex(label)
            }
            MetaTypeVariant::SimpleType(s) => {
                assert!(!s.is_list, "{file}: `{label}` is a list type");
                let model = SimpleModel {
                    named,
                    builtin: self.builtin_of(&s.base),
                    enumerations: Vec::new(),
                    patterns: s.constrains.patterns.clone(),
                    max_length: s.constrains.max_length,
                };
                self.insert_simple(&label, model);
                Content::Simple(label)
            }
            MetaTypeVariant::Enumeration(e) => {
                let base = e
                    .base
                    .as_ident()
                    .unwrap_or_else(|| panic!("{file}: enumeration `{label}` has no base"));
                let model = SimpleModel {
                    named,
                    builtin: self.builtin_of(base),
                    enumerations: e
                        .variants
                        .iter()
                        .map(|v| v.ident.name.as_str().to_owned())
                        .collect(),
                    patterns: e.constrains.patterns.clone(),
                    max_length: e.constrains.max_length,
                };
                self.insert_simple(&label, model);
                Content::Simple(label)
            }
            // A restriction without facets: the type of its base under another name.
            MetaTypeVariant::Reference(r) => {
                let Content::Simple(base) = self.content(&r.type_, declared_by) else {
                    panic!("{file}: `{label}` restricts a complex type")
                };
                let model = SimpleModel {
                    named,
                    ..self.simple[&base].clone()
                };
                self.insert_simple(&label, model);
                Content::Simple(label)
            }
            other => panic!("{file}: `{label}` is a {other:?}"),
        }
    }

    /// The children of a complex type whose content xsd-parser resolved to `content`.
    fn sequence(&mut self, content: &TypeIdent, owner: &str) -> Vec<Child> {
        let file = self.file;
        let types = self.types;
        let group = match &types.items[content].variant {
            MetaTypeVariant::Sequence(group) => group,
            other => panic!("{file}: the content of `{owner}` is not a sequence: {other:?}"),
        };
        let mut children = Vec::new();
        for element in group.elements.iter() {
            let name = element.ident.name.as_str().to_owned();
            let ElementMetaVariant::Type { type_, mode } = &element.variant else {
                panic!("{file}: `{owner}` holds a wildcard or text")
            };
            assert!(
                matches!(mode, ElementMode::Element),
                "{file}: `{owner}` nests a model group"
            );
            let content = self.content(type_, &name);
            self.note_element(&name, &content);
            children.push(Child {
                name,
                min: element.min_occurs,
                max: match element.max_occurs {
                    MaxOccurs::Bounded(n) => Some(n),
                    MaxOccurs::Unbounded => None,
                },
                content,
            });
        }
        children
    }

    /// The local name of the built-in a simple type derives from.
    fn builtin_of(&self, ident: &TypeIdent) -> String {
        if ident.ns == self.xs {
            return ident.name.as_str().to_owned();
        }
        match &self.types.items[ident].variant {
            MetaTypeVariant::SimpleType(s) => self.builtin_of(&s.base),
            MetaTypeVariant::Reference(r) => self.builtin_of(&r.type_),
            MetaTypeVariant::Enumeration(e) => self.builtin_of(
                e.base
                    .as_ident()
                    .unwrap_or_else(|| panic!("{}: {ident} has no base", self.file)),
            ),
            other => panic!("{}: {ident} is not simple: {other:?}", self.file),
        }
    }

    /// Records that element `name` has complex type `content`, which must be the same type
    /// wherever an element of that name is declared: tables keyed by element name rely on it.
    fn note_element(&mut self, name: &str, content: &Content) {
        if let Content::Complex(label) = content {
            let known = self
                .element_types
                .entry(name.to_owned())
                .or_insert_with(|| label.clone());
            assert_eq!(
                known, label,
                "{}: element `{name}` has two complex types",
                self.file
            );
        }
    }

    fn insert_simple(&mut self, label: &str, model: SimpleModel) {
        if let Some(known) = self.simple.get(label) {
            assert_eq!(
                *known, model,
                "{}: two simple types are labelled `{label}`",
                self.file
            );
        }
        self.simple.insert(label.to_owned(), model);
    }
}
