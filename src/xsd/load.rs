//! XSD text → [`Schema`]: the part of XML Schema 1.0 the engine supports, read exactly.
//!
//! Supported: global `xs:element`; named and anonymous `xs:complexType` holding a content
//! model (`xs:sequence`, `xs:choice`, `xs:all`, `xs:group ref`, element references; read by
//! `load/particles.rs`), simple content (`load/simple_content.rs`) and attributes
//! (`load/attributes.rs`), mixed or not; `xs:complexContent` extending a complex type or
//! restricting `xs:anyType` (`load/complex_content.rs`); wildcards and `xs:anyType`
//! (`load/wildcards.rs`); named groups; element `default` and `fixed` values
//! (`load/element_values.rs`); `xs:simpleType` as an `xs:restriction` of a built-in (all of
//! XSD 1.0 but those [`Builtin::unsupported`] names) or of another such simple type, with
//! every facet of XSD 1.0 (checked against the base by [`super::facets::Restriction`]),
//! patterns being XML Schema's regular expressions, or as an `xs:list` or `xs:union`
//! (`load/varieties.rs`); identity constraints on element declarations
//! (`load/identity.rs`); `xs:annotation` anywhere. Everything else
//! is refused with
//! [`Error::UnsupportedSchema`] naming the construct and where it stands, so a schema is
//! never validated against a silently different meaning.

use std::collections::HashMap;

use roxmltree::{Document, Node, NodeId, ParsingOptions};

mod attributes;
mod complex_content;
mod element_values;
mod identity;
mod particles;
mod simple_content;
mod varieties;
mod wildcards;

use super::facets::{Problem as FacetProblem, Restriction};
use super::pattern::{Pattern, PatternError};
use super::schema::{
    AttributeUse, Builtin, ComplexType, ContentRef, Root, Schema, SimpleType, UNBOUNDED, Variety,
};
use super::wildcard::Wildcard;
use crate::error::{Error, TextPos};
use crate::text::decode::decode;

/// The XML Schema namespace.
pub(super) const XS: &str = "http://www.w3.org/2001/XMLSchema";

/// Loads and compiles an XSD from bytes: UTF-8 (with or without a byte order mark) or
/// UTF-16 with a byte order mark.
///
/// # Errors
/// [`Error::Encoding`] for undecodable bytes, [`Error::NotWellFormed`] when the schema is not
/// well-formed XML, [`Error::UnsupportedSchema`] for a construct outside the supported subset,
/// and [`Error::InvalidValue`] for a reference or attribute value that makes no sense.
pub fn load(bytes: &[u8]) -> Result<Schema, Error> {
    let decoded = decode(bytes)?;
    load_str(&decoded.text)
}

/// Loads and compiles an XSD from text; see [`load`].
///
/// # Errors
/// As [`load`], except for encoding errors.
pub fn load_str(text: &str) -> Result<Schema, Error> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let p = e.pos();
        Error::NotWellFormed {
            message: e.to_string(),
            pos: TextPos::new(p.row, p.col),
        }
    })?;
    let loader = Loader::new(&doc)?;
    super::schema_rules::check(&doc)?;
    loader.run()
}

/// Where a named simple type stands in its lazy compilation.
#[derive(Clone, Copy)]
enum SimpleState {
    Pending,
    InProgress,
    Done(u32),
}

struct Loader<'a, 'i> {
    doc: &'a Document<'i>,
    root: Node<'a, 'i>,
    tns: Option<&'a str>,
    schema: Schema,
    named_complex: Vec<(&'a str, Node<'a, 'i>)>,
    named_simple: Vec<(&'a str, Node<'a, 'i>, SimpleState)>,
    /// Where each named complex type stands in its compilation.
    complex_state: Vec<SimpleState>,
    /// Top-level `xs:attribute`s and `xs:attributeGroup`s, and the groups being expanded.
    global_attributes: Vec<attributes::Named<'a, 'i>>,
    attribute_groups: Vec<attributes::Named<'a, 'i>>,
    attribute_groups_open: Vec<&'a str>,
    /// The names of the `xs:notation`s.
    notations: Vec<&'a str>,
    builtin_ids: Vec<(Builtin, u32)>,
    /// `elementFormDefault` and `attributeFormDefault`: whether local declarations are
    /// qualified by default.
    elements_qualified: bool,
    attributes_qualified: bool,
    /// Whether `finalDefault` forbids restricting the schema's named simple types.
    final_restriction: bool,
    /// Whether `finalDefault` forbids the schema's named simple types as list items and
    /// union members.
    final_list: bool,
    final_union: bool,
    /// The named model groups (`xs:group name=`).
    named_groups: Vec<(&'a str, Node<'a, 'i>)>,
    /// The global element declarations, which `ref=` may name.
    globals: Vec<(&'a str, Node<'a, 'i>)>,
    /// The content of each element declaration compiled so far, by its `xs:element`.
    element_cache: HashMap<NodeId, ContentRef>,
    /// The named groups being read, innermost last: one met again contains itself.
    groups_open: Vec<NodeId>,
    /// The `default` or `fixed` value of each element declaration read so far.
    value_cache: HashMap<NodeId, Option<u32>>,
    /// Element values to check against their types once every type is compiled: the
    /// declaration, its content, and the attribute (`default` or `fixed`).
    values_to_check: Vec<(Node<'a, 'i>, ContentRef, &'static str)>,
    /// Identity constraints read so far, resolved once every declaration is.
    identity: identity::Pending<'a, 'i>,
}

type Result<T, E = Error> = std::result::Result<T, E>;

impl<'a, 'i> Loader<'a, 'i> {
    fn new(doc: &'a Document<'i>) -> Result<Self> {
        let root = doc.root_element();
        let loader = Loader {
            doc,
            root,
            tns: None,
            schema: Schema::default(),
            named_complex: Vec::new(),
            named_simple: Vec::new(),
            complex_state: Vec::new(),
            global_attributes: Vec::new(),
            attribute_groups: Vec::new(),
            attribute_groups_open: Vec::new(),
            notations: Vec::new(),
            builtin_ids: Vec::new(),
            elements_qualified: false,
            attributes_qualified: false,
            final_restriction: false,
            final_list: false,
            final_union: false,
            named_groups: Vec::new(),
            globals: Vec::new(),
            element_cache: HashMap::new(),
            groups_open: Vec::new(),
            value_cache: HashMap::new(),
            values_to_check: Vec::new(),
            identity: identity::Pending::default(),
        };
        if root.tag_name().namespace() != Some(XS) || root.tag_name().name() != "schema" {
            return Err(loader.unsupported(
                root,
                &qualified(root),
                "the root element of a schema must be `xs:schema`",
            ));
        }
        Ok(loader)
    }

    fn run(mut self) -> Result<Schema> {
        self.schema_attributes()?;
        let root = self.root;
        let mut elements = Vec::new();
        for child in self.xs_children(root)? {
            let name = child.tag_name().name();
            match name {
                "element" => {
                    let element_name = self.required_attr(child, "name")?;
                    if self.globals.iter().any(|(n, _)| *n == element_name) {
                        return Err(self.invalid(
                            child,
                            "name",
                            format!("global element `{element_name}` is declared twice"),
                        ));
                    }
                    self.globals.push((element_name, child));
                    elements.push(child);
                }
                "group" => {
                    self.only_attributes(child, &["name", "id"])?;
                    let group_name = self.required_attr(child, "name")?;
                    if self.named_groups.iter().any(|(n, _)| *n == group_name) {
                        return Err(self.invalid(
                            child,
                            "name",
                            format!("group `{group_name}` is defined twice"),
                        ));
                    }
                    self.named_groups.push((group_name, child));
                }
                "complexType" | "simpleType" => {
                    let type_name = self.required_attr(child, "name")?;
                    let taken = self.named_complex.iter().any(|(n, _)| *n == type_name)
                        || self.named_simple.iter().any(|(n, _, _)| *n == type_name);
                    if taken {
                        return Err(self.invalid(
                            child,
                            "name",
                            format!("type `{type_name}` is defined twice"),
                        ));
                    }
                    if name == "complexType" {
                        self.named_complex.push((type_name, child));
                    } else {
                        self.named_simple
                            .push((type_name, child, SimpleState::Pending));
                    }
                }
                "attribute" | "attributeGroup" => self.declare_attribute_component(child)?,
                "notation" => self.notation(child)?,
                "unique" | "key" | "keyref" | "selector" | "field" => {
                    return Err(self.invalid_element(
                        child,
                        format!(
                            "`{}` belongs inside an element declaration, not at the top level",
                            qualified(child)
                        ),
                    ));
                }
                other => return Err(self.refuse_top_level(child, other)),
            }
        }
        // Named complex types get their ids up front so that types may refer to each other
        // in any order (and to themselves); anonymous types (and `xs:anyType`, which an
        // attribute may name wrongly) are appended after them.
        self.schema.complex = vec![ComplexType::default(); self.named_complex.len()];
        self.complex_state = vec![SimpleState::Pending; self.named_complex.len()];
        self.check_attribute_components()?;
        for i in 0..self.named_complex.len() {
            let (_, node) = self.named_complex[i];
            self.complex_by_id(node, index(i))?;
        }
        for i in 0..self.named_simple.len() {
            self.named_simple_id(i)?;
        }
        for i in 0..self.named_groups.len() {
            let (_, group) = self.named_groups[i];
            self.check_group(group)?;
        }
        for node in elements {
            self.global_element(node)?;
        }
        self.check_element_values()?;
        self.finish_identity()?;
        self.schema.number_names();
        Ok(self.schema)
    }

    /// An `xs:notation`: a name, and a public or a system identifier. Notations matter only
    /// to `xs:NOTATION` values; here they are checked and kept by name.
    fn notation(&mut self, node: Node<'a, 'i>) -> Result<()> {
        self.check_attributes(node, &["name", "public", "system", "id"])?;
        let name = self.required_attr(node, "name")?;
        // XML Schema 1.0 (second edition, with its errata) asks for one identifier or both.
        if node.attribute("public").is_none() && node.attribute("system").is_none() {
            return Err(self.invalid(
                node,
                "xs:notation",
                format!("notation `{name}` needs a `public` or a `system` identifier"),
            ));
        }
        if let Some(inside) = self.xs_children(node)?.first() {
            return Err(self.invalid(
                *inside,
                "xs:notation",
                format!(
                    "a notation holds only `xs:annotation`, not `{}`",
                    qualified(*inside)
                ),
            ));
        }
        if self.notations.contains(&name) {
            return Err(self.invalid(node, "name", format!("notation `{name}` is declared twice")));
        }
        self.notations.push(name);
        Ok(())
    }

    /// The named complex type `id`, compiled first if it was not yet (a simple content may
    /// extend a type declared after it); `node` refers to it.
    fn complex_by_id(&mut self, node: Node<'a, 'i>, id: u32) -> Result<ComplexType> {
        let i = id as usize;
        match self.complex_state.get(i).copied() {
            Some(SimpleState::Done(_)) => Ok(self.schema.complex[i].clone()),
            Some(SimpleState::InProgress) => Err(self.compiling_again(node, i)),
            Some(SimpleState::Pending) => {
                let (name, declaration) = self.named_complex[i];
                self.complex_state[i] = SimpleState::InProgress;
                let mut compiled = self.complex_type(declaration, false)?;
                compiled.name = Some(name.into());
                self.schema.complex[i] = compiled.clone();
                self.complex_state[i] = SimpleState::Done(id);
                Ok(compiled)
            }
            // Anonymous types are compiled where they stand, before anything refers to them.
            None => Ok(self.schema.complex.get(i).cloned().unwrap_or_default()),
        }
    }

    fn refuse_top_level(&self, node: Node<'a, 'i>, name: &str) -> Error {
        let why = match name {
            "import" | "include" | "redefine" | "override" => {
                "schemas are loaded from a single file; other schema documents are not read"
            }
            _ => {
                "only `xs:element`, `xs:complexType`, `xs:simpleType` and `xs:annotation` may stand at the top level"
            }
        };
        self.unsupported(node, &qualified(node), why)
    }

    fn schema_attributes(&mut self) -> Result<()> {
        let root = self.root;
        self.check_attributes(
            root,
            &[
                "targetNamespace",
                "elementFormDefault",
                "attributeFormDefault",
                "blockDefault",
                "finalDefault",
                "version",
                "id",
            ],
        )?;
        let block = self.derivation_set(
            root,
            "blockDefault",
            &["extension", "restriction", "substitution"],
        )?;
        self.schema.block_restriction = block.contains(&"restriction");
        self.schema.block_extension = block.contains(&"extension");
        let fin = self.derivation_set(
            root,
            "finalDefault",
            &["extension", "restriction", "list", "union"],
        )?;
        self.final_restriction = fin.contains(&"restriction");
        self.final_list = fin.contains(&"list");
        self.final_union = fin.contains(&"union");
        self.tns = root.attribute("targetNamespace");
        if self.tns == Some("") {
            return Err(self.invalid(
                root,
                "targetNamespace",
                "`targetNamespace` may not be empty: leave it out for no namespace".to_owned(),
            ));
        }
        self.schema.target_namespace = self.tns.map(Into::into);
        self.elements_qualified = self.form_attr(root, "elementFormDefault")?.unwrap_or(false);
        self.attributes_qualified = self
            .form_attr(root, "attributeFormDefault")?
            .unwrap_or(false);
        Ok(())
    }

    /// A `blockDefault` or `finalDefault` attribute: the derivations it names, every one of
    /// `allowed` for `#all`; none when it is absent.
    fn derivation_set(
        &self,
        node: Node<'a, 'i>,
        attr: &str,
        allowed: &[&'static str],
    ) -> Result<Vec<&'static str>> {
        let Some(value) = node.attribute(attr) else {
            return Ok(Vec::new());
        };
        let value = value.trim_matches([' ', '\t', '\r', '\n']);
        if value == "#all" {
            return Ok(allowed.to_vec());
        }
        let mut set = Vec::new();
        for token in value
            .split([' ', '\t', '\r', '\n'])
            .filter(|t| !t.is_empty())
        {
            match allowed.iter().find(|a| **a == token) {
                Some(a) => set.push(*a),
                None => {
                    return Err(self.invalid(
                        node,
                        attr,
                        format!(
                            "`{token}` is not `#all` or one of {}",
                            allowed
                                .iter()
                                .map(|a| format!("`{a}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(set)
    }

    /// A `form`, `elementFormDefault` or `attributeFormDefault` attribute: whether it says
    /// `qualified`; `None` when it is absent.
    fn form_attr(&self, node: Node<'a, 'i>, attr: &str) -> Result<Option<bool>> {
        match node
            .attribute(attr)
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
        {
            None => Ok(None),
            Some("qualified") => Ok(Some(true)),
            Some("unqualified") => Ok(Some(false)),
            Some(other) => Err(self.invalid(
                node,
                attr,
                format!("`{other}` is not one of `qualified`, `unqualified`"),
            )),
        }
    }

    fn global_element(&mut self, node: Node<'a, 'i>) -> Result<()> {
        self.check_attributes(
            node,
            &[
                "name", "type", "id", "nillable", "abstract", "default", "fixed",
            ],
        )?;
        self.refuse_true(node, "nillable")?;
        self.refuse_true(node, "abstract")?;
        let name = self.required_attr(node, "name")?;
        if self.schema.has_root(name) {
            return Err(self.invalid(
                node,
                "name",
                format!("global element `{name}` is declared twice"),
            ));
        }
        let content = self.element_decl(node, name)?;
        let value = self.element_value(node, content)?;
        let name = self.schema.intern(name);
        self.schema.roots.push(Root {
            name,
            content,
            value,
        });
        Ok(())
    }

    /// The content of an `xs:element`: its `type=` or its one anonymous type.
    fn element_content(&mut self, node: Node<'a, 'i>, name: &str) -> Result<ContentRef> {
        let mut anonymous = None;
        let mut constraints = Vec::new();
        for child in self.xs_children(node)? {
            match child.tag_name().name() {
                "complexType" | "simpleType" if !constraints.is_empty() => {
                    return Err(self.invalid(
                        child,
                        "xs:element",
                        format!(
                            "the type of element `{name}` must come before its identity constraints"
                        ),
                    ));
                }
                "complexType" | "simpleType" if anonymous.is_none() => anonymous = Some(child),
                "complexType" | "simpleType" => {
                    return Err(self.invalid(
                        child,
                        "xs:element",
                        format!("element `{name}` declares more than one type"),
                    ));
                }
                "unique" | "key" | "keyref" => constraints.push(child),
                _ => {
                    return Err(self.unsupported(
                        child,
                        &qualified(child),
                        "an `xs:element` may only hold `xs:complexType` or `xs:simpleType`",
                    ));
                }
            }
        }
        let content = self.element_type(node, name, anonymous)?;
        self.element_identity(node, name, content, &constraints)?;
        Ok(content)
    }

    /// The content of an `xs:element` from its `type=` or its anonymous type `anonymous`.
    fn element_type(
        &mut self,
        node: Node<'a, 'i>,
        name: &str,
        anonymous: Option<Node<'a, 'i>>,
    ) -> Result<ContentRef> {
        match (node.attribute("type"), anonymous) {
            (Some(_), Some(child)) => Err(self.invalid(
                child,
                "type",
                format!("element `{name}` has both a `type` attribute and an anonymous type"),
            )),
            (Some(qname), None) => self.type_ref(node, qname),
            (None, Some(child)) if child.tag_name().name() == "complexType" => {
                self.check_attributes(child, &["id", "mixed", "abstract"])?;
                // The type's id is known before its content is read, so that the content
                // may refer back to this element (a reference, or a group holding it).
                self.schema.complex.push(ComplexType::default());
                let id = index(self.schema.complex.len() - 1);
                self.cache_element(node.id(), ContentRef::Complex(id));
                let compiled = self.complex_type(child, true)?;
                if let Some(slot) = self.schema.complex.get_mut(id as usize) {
                    *slot = compiled;
                }
                Ok(ContentRef::Complex(id))
            }
            (None, Some(child)) => {
                let id = self.simple_type(child, name, true)?;
                Ok(ContentRef::Simple(id))
            }
            // No type and no substitution group (which the loader refuses): `xs:anyType`.
            (None, None) => Ok(ContentRef::Complex(self.any_type_id()?)),
        }
    }

    fn complex_type(&mut self, node: Node<'a, 'i>, anonymous: bool) -> Result<ComplexType> {
        if !anonymous {
            self.check_attributes(node, &["name", "id", "mixed", "abstract", "final"])?;
            self.derivation_set(node, "final", &["extension", "restriction"])?;
        }
        let mixed = self.boolean_attr(node, "mixed")?;
        self.refuse_true(node, "abstract")?;
        if let Some(content) = self.complex_content_child(node)? {
            return self.complex_content(content, mixed);
        }
        let body = self.type_body(node, Vec::new(), None)?;
        let parts: Vec<complex_content::Part<'a, 'i>> = body
            .group
            .into_iter()
            .map(complex_content::Part::Node)
            .collect();
        self.assemble(node, body, &parts, mixed)
    }

    /// What a complex type, or the derivation in its `xs:complexContent` (`container`),
    /// holds: a model group or simple content, then attributes. `attributes` and
    /// `base_wildcard` are those a base brings.
    fn type_body(
        &mut self,
        container: Node<'a, 'i>,
        mut attributes: Vec<AttributeUse>,
        base_wildcard: Option<Wildcard>,
    ) -> Result<complex_content::Body<'a, 'i>> {
        let in_type = container.tag_name().name() == "complexType";
        let mut content_model = None;
        let mut simple_content = None;
        // The attribute wildcards of the attribute groups referred to, and the type's own.
        let mut group_wildcards = Vec::new();
        let mut own_wildcard = None;
        let mut wildcard = None;
        let mut attributes_seen = false;
        for child in self.xs_children(container)? {
            if own_wildcard.is_some() {
                return Err(self.invalid_element(
                    child,
                    "`xs:anyAttribute` comes last in a complex type".to_owned(),
                ));
            }
            match child.tag_name().name() {
                "simpleContent"
                    if in_type
                        && content_model.is_none()
                        && simple_content.is_none()
                        && !attributes_seen =>
                {
                    simple_content =
                        Some(self.simple_content(child, &mut attributes, &mut wildcard)?);
                }
                "sequence" | "choice" | "all" | "group"
                    if content_model.is_none() && simple_content.is_none() && !attributes_seen =>
                {
                    content_model = Some(child);
                }
                "attribute" | "attributeGroup" | "anyAttribute" if simple_content.is_some() => {
                    return Err(self.invalid_element(
                        child,
                        "with `xs:simpleContent`, attributes go inside its `xs:extension`"
                            .to_owned(),
                    ));
                }
                "attribute" | "attributeGroup" => {
                    attributes_seen = true;
                    self.attribute_uses(child, &mut attributes, &mut group_wildcards)?;
                }
                "anyAttribute" => {
                    own_wildcard =
                        Some(self.wildcard(child, &["id", "namespace", "processContents"])?);
                }
                "sequence" | "choice" | "all" | "group" => {
                    return Err(self.invalid_element(
                        child,
                        "a complex type holds at most one model group, before its attributes",
                    ));
                }
                "simpleContent" | "complexContent" => {
                    return Err(self.invalid_element(
                        child,
                        format!(
                            "`{}` stands alone, first in its complex type",
                            qualified(child)
                        ),
                    ));
                }
                _ => {
                    return Err(self.unsupported(
                        child,
                        &qualified(child),
                        "a complex type may only hold a model group (`xs:sequence`, `xs:choice`, `xs:all`, `xs:group`), `xs:simpleContent`, `xs:complexContent` and attributes",
                    ));
                }
            }
        }
        if simple_content.is_none() {
            let complete = self.complete_wildcard(container, own_wildcard, group_wildcards)?;
            wildcard = self.extended_wildcard(container, base_wildcard, complete)?;
        }
        Ok(complex_content::Body {
            group: content_model,
            attributes,
            wildcard,
            simple_content,
        })
    }

    /// The complex type `body` and `parts` (the particles of its content model, in
    /// sequence) make, written at `node`.
    fn assemble(
        &mut self,
        node: Node<'a, 'i>,
        body: complex_content::Body<'a, 'i>,
        parts: &[complex_content::Part<'a, 'i>],
        mixed: bool,
    ) -> Result<ComplexType> {
        let complex_content::Body {
            attributes,
            wildcard,
            simple_content,
            ..
        } = body;
        // Two attributes of ID types on one element (ct-props-correct 5).
        let ids = attributes
            .iter()
            .filter(|a| {
                self.schema
                    .simple_type(a.simple)
                    .is_some_and(SimpleType::is_id)
            })
            .count();
        if ids > 1 {
            return Err(self.invalid(
                node,
                "xs:attribute",
                "a complex type may have at most one attribute of an ID type",
            ));
        }
        if attributes.len() > 64 {
            return Err(self.unsupported(
                node,
                "xs:attribute",
                "a complex type may declare at most 64 attributes",
            ));
        }
        let (particles, model) = self.content_model_of(parts, node)?;
        let required_mask = attributes
            .iter()
            .enumerate()
            .filter(|(_, a)| a.required)
            .fold(0u64, |mask, (i, _)| mask | (1u64 << i));
        let mut compiled = ComplexType {
            name: None,
            particles: particles.into(),
            attributes: attributes.into(),
            required_mask,
            next_required: Box::default(),
            simple_content,
            model,
            // With simple content, `mixed` has no meaning: the text is the simple type's.
            mixed: mixed && simple_content.is_none(),
            attribute_wildcard: wildcard.map(Box::new),
            extends: None,
        };
        compiled.index_required();
        Ok(compiled)
    }

    fn occurs(&self, node: Node<'a, 'i>, attr: &str, value: &str) -> Result<u32> {
        let text = value.trim_matches([' ', '\t', '\r', '\n']);
        let digits = text.strip_prefix('+').unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.invalid(
                node,
                attr,
                format!("`{value}` is not a non-negative integer"),
            ));
        }
        // Bounds beyond u32 mean "practically unbounded"; clamp rather than refuse.
        Ok(digits.parse::<u32>().unwrap_or(UNBOUNDED - 1))
    }

    /// Compiles an `xs:simpleType` element; `label` names it in messages.
    fn simple_type(&mut self, node: Node<'a, 'i>, label: &str, anonymous: bool) -> Result<u32> {
        let allowed: &[&str] = if anonymous { &["id"] } else { &["name", "id"] };
        self.check_attributes(node, allowed)?;
        let mut body = None;
        for child in self.xs_children(node)? {
            match child.tag_name().name() {
                "restriction" | "list" | "union" if body.is_none() => body = Some(child),
                _ => {
                    return Err(self.invalid(
                        child,
                        "xs:simpleType",
                        "a simple type holds exactly one `xs:restriction`, `xs:list` or `xs:union`",
                    ));
                }
            }
        }
        let Some(body) = body else {
            return Err(self.invalid(
                node,
                "xs:simpleType",
                "a simple type holds exactly one `xs:restriction`, `xs:list` or `xs:union`",
            ));
        };
        let mut compiled = match body.tag_name().name() {
            "list" => self.list_type(body, label)?,
            "union" => self.union_type(body, label)?,
            _ => self.restriction(body, label)?,
        };
        compiled.named = !anonymous;
        self.schema.simple.push(compiled);
        Ok(index(self.schema.simple.len() - 1))
    }

    /// The base of an `xs:restriction` of a simple type: its `base=` or its anonymous
    /// `xs:simpleType`, by id, with how messages name it and the anonymous type's node.
    fn restriction_base(
        &mut self,
        node: Node<'a, 'i>,
        label: &str,
    ) -> Result<(u32, String, Option<Node<'a, 'i>>)> {
        let anonymous = self
            .xs_children(node)?
            .into_iter()
            .next()
            .filter(|c| c.tag_name().name() == "simpleType");
        match (node.attribute("base"), anonymous) {
            (Some(_), Some(child)) => Err(self.invalid(
                child,
                "base",
                "a restriction has a `base` attribute or an anonymous base type, not both",
            )),
            (None, None) => Err(self.invalid(
                node,
                "base",
                "a restriction needs a `base` attribute or an anonymous base type",
            )),
            (None, Some(child)) => {
                let id = self.simple_type(child, label, true)?;
                Ok((id, format!("the anonymous base of `{label}`"), Some(child)))
            }
            (Some(base), None) => match self.type_ref(node, base)? {
                ContentRef::Simple(id) => Ok((id, base.to_owned(), None)),
                ContentRef::Complex(_) => Err(self.invalid(
                    node,
                    "base",
                    format!("the base `{base}` of a simple type must be a simple type"),
                )),
            },
        }
    }

    fn restriction(&mut self, node: Node<'a, 'i>, label: &str) -> Result<SimpleType> {
        self.check_attributes(node, &["base", "id"])?;
        let (base_id, base_name, anonymous_base) = self.restriction_base(node, label)?;
        let base = base_name.as_str();
        let mut compiled = self
            .schema
            .simple_type(base_id)
            .cloned()
            .unwrap_or_else(|| SimpleType::builtin(Builtin::String));
        if self.final_restriction && compiled.named && compiled.derived_from.is_some() {
            return Err(self.invalid(
                node,
                "base",
                format!(
                    "`{base}` may not be restricted: `finalDefault` on `xs:schema` makes the schema's named types final"
                ),
            ));
        }
        compiled.label = label.into();
        compiled.derived_from = Some(base_id);
        if !matches!(compiled.variety, Variety::Atomic) {
            return self.variety_restriction(node, compiled, base, anonymous_base);
        }
        if compiled.base == Builtin::AnySimpleType {
            return Err(self.unsupported(
                node,
                "xs:anySimpleType",
                "restricting `xs:anySimpleType` is not supported; restrict one of the built-in types",
            ));
        }
        // Facets may only narrow the base: its values and limits as they were before this step.
        let base_type = compiled.clone();
        let mut step = Restriction::new(&base_type, base);
        let mut facet_nodes: Vec<Node<'a, 'i>> = Vec::new();
        let mut step_patterns: Vec<&str> = Vec::new();
        let mut first_pattern = None;
        let mut has_pattern = false;
        for facet in self.xs_children(node)? {
            if Some(facet) == anonymous_base {
                continue;
            }
            let kind = facet.tag_name().name();
            if !FACETS.contains(&kind) {
                return Err(self.unsupported(
                    facet,
                    &qualified(facet),
                    "a restriction holds its anonymous base type first, then only facets: `xs:length`, `xs:minLength`, `xs:maxLength`, `xs:pattern`, `xs:enumeration`, `xs:whiteSpace`, `xs:minInclusive`, `xs:maxInclusive`, `xs:minExclusive`, `xs:maxExclusive`, `xs:totalDigits` and `xs:fractionDigits`",
                ));
            }
            let (value, fixed) = self.facet_value(facet)?;
            facet_nodes.push(facet);
            match kind {
                "enumeration" => {
                    self.enumeration_in_base(facet, value, &base_type, base)?;
                    step.facet(kind, value, false, |_| None)
                        .map_err(|p| self.facet_problem(facet, kind, p))?;
                }
                "pattern" => {
                    has_pattern = true;
                    first_pattern.get_or_insert(facet);
                    step_patterns.push(value);
                }
                _ => {
                    step.facet(kind, value, fixed, |v| self.occurs(facet, "value", v).ok())
                        .map_err(|p| self.facet_problem(facet, kind, p))?;
                }
            }
        }
        step.finish(&mut compiled).map_err(|(kind, problem)| {
            let at = facet_nodes
                .iter()
                .rev()
                .find(|f| f.tag_name().name() == kind)
                .copied()
                .unwrap_or(node);
            self.facet_problem(at, kind, problem)
        })?;
        if let (true, Some(facet)) = (has_pattern, first_pattern) {
            self.add_patterns(&mut compiled, &step_patterns, facet)?;
        }
        Ok(compiled)
    }

    /// The `xs:pattern`s of one restriction step, the first at `facet`: alternatives of each
    /// other, while steps combine by "and". Literal words are compared as they are;
    /// anything else is a regular expression.
    fn add_patterns(
        &self,
        compiled: &mut SimpleType,
        step_patterns: &[&str],
        facet: Node<'a, 'i>,
    ) -> Result<()> {
        let literal = step_patterns
            .iter()
            .all(|p| !p.contains(['\\', '.', '?', '*', '+', '{', '}', '(', ')', '[', ']']));
        if literal {
            let alternatives: Vec<Box<str>> = step_patterns
                .iter()
                .flat_map(|p| p.split('|'))
                .map(Into::into)
                .collect();
            compiled.patterns.push(alternatives.into());
        } else {
            let compiled_pattern = Pattern::compile(step_patterns).map_err(|e| match e {
                PatternError::Invalid(why) => self.invalid(
                    facet,
                    "xs:pattern",
                    format!("not a regular expression XML Schema allows: {why}"),
                ),
                PatternError::TooLarge(why) => self.unsupported(facet, "xs:pattern", &why),
            })?;
            compiled.regexes.push(compiled_pattern);
        }
        Ok(())
    }

    /// Refuses the enumeration `value` of `facet` when it is not a value of the base type
    /// `base_type`, named `base`.
    fn enumeration_in_base(
        &self,
        facet: Node<'a, 'i>,
        value: &str,
        base_type: &SimpleType,
        base: &str,
    ) -> Result<()> {
        match super::builtin::check(base_type, value) {
            Ok(()) => Ok(()),
            Err(rejected) => Err(self.invalid(
                facet,
                "value",
                format!(
                    "enumeration value `{value}` is not a value of the base type `{base}`: {}",
                    rejected.message
                ),
            )),
        }
    }

    /// A facet's `value` and whether it is `fixed`; a facet holds only annotations.
    fn facet_value(&self, facet: Node<'a, 'i>) -> Result<(&'a str, bool)> {
        self.check_attributes(facet, &["value", "id", "fixed"])?;
        if let Some(inside) = self.xs_children(facet)?.first() {
            return Err(self.invalid(
                *inside,
                &qualified(facet),
                format!(
                    "a facet holds only `xs:annotation`, not `{}`",
                    qualified(*inside)
                ),
            ));
        }
        Ok((self.required_attr(facet, "value")?, self.fixed_attr(facet)?))
    }

    /// A facet's `fixed` attribute: whether it says true.
    fn fixed_attr(&self, node: Node<'a, 'i>) -> Result<bool> {
        match node
            .attribute("fixed")
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
        {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") if !matches!(node.tag_name().name(), "enumeration" | "pattern") => {
                Ok(true)
            }
            Some("true" | "1") => Err(self.invalid(
                node,
                "fixed",
                format!("`{}` takes no `fixed` attribute", qualified(node)),
            )),
            Some(other) => Err(self.invalid(
                node,
                "fixed",
                format!("`{other}` is not a boolean (`true` or `false`)"),
            )),
        }
    }

    /// A facet that cannot be applied, at the facet's position.
    fn facet_problem(&self, facet: Node<'a, 'i>, kind: &str, problem: FacetProblem) -> Error {
        match problem {
            FacetProblem::Invalid(message) => self.invalid(facet, "value", message),
            FacetProblem::Unsupported(message) => {
                self.unsupported(facet, &format!("xs:{kind}"), &message)
            }
        }
    }

    /// A QName of the schema (`type=`, `base=`, `ref=`), whitespace trimmed, resolved
    /// against the namespaces in scope at `node`: its namespace and its local name. An
    /// undeclared prefix makes the schema incorrect; `field` names the attribute that held it.
    fn qname<'q>(
        &self,
        node: Node<'a, 'i>,
        qname: &'q str,
        field: &str,
    ) -> Result<(Option<&'a str>, &'q str)> {
        let qname = qname.trim_matches([' ', '\t', '\r', '\n']);
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, qname),
        };
        // `xmlns=""` undeclares the default namespace: an unprefixed name is then in none.
        let namespace = node
            .lookup_namespace_uri(prefix)
            .filter(|ns| !ns.is_empty());
        if prefix.is_some() && namespace.is_none() {
            return Err(self.invalid(
                node,
                field,
                format!("the prefix of `{qname}` is not declared"),
            ));
        }
        Ok((namespace, local))
    }

    /// Resolves a `type=` or `base=` QName to compiled content.
    fn type_ref(&mut self, node: Node<'a, 'i>, qname: &str) -> Result<ContentRef> {
        let qname = qname.trim_matches([' ', '\t', '\r', '\n']);
        let (namespace, local) = self.qname(node, qname, "type")?;
        if namespace == Some(XS) {
            if local == "anyType" {
                return Ok(ContentRef::Complex(self.any_type_id()?));
            }
            let Some(builtin) = Builtin::from_local_name(local) else {
                return Err(self.invalid(
                    node,
                    "type",
                    format!("`{qname}` is not a built-in type of XML Schema 1.0"),
                ));
            };
            if let Some(why) = builtin.unsupported() {
                return Err(self.unsupported(node, builtin.name(), why));
            }
            return Ok(ContentRef::Simple(self.builtin_id(builtin)));
        }
        if namespace != self.tns {
            return Err(self.unsupported(
                node,
                "xs:import",
                &format!(
                    "type `{qname}` is in namespace `{}`, and types from other namespaces cannot be imported",
                    namespace.unwrap_or("")
                ),
            ));
        }
        if let Some(i) = self.named_complex.iter().position(|(n, _)| *n == local) {
            return Ok(ContentRef::Complex(index(i)));
        }
        if let Some(i) = self.named_simple.iter().position(|(n, _, _)| *n == local) {
            return Ok(ContentRef::Simple(self.named_simple_id(i)?));
        }
        Err(self.invalid(
            node,
            "type",
            format!("type `{qname}` is not defined in the schema"),
        ))
    }

    fn named_simple_id(&mut self, i: usize) -> Result<u32> {
        let Some(&(name, node, state)) = self.named_simple.get(i) else {
            return Err(self.invalid(self.root, "type", "internal: bad type index".to_string()));
        };
        match state {
            SimpleState::Done(id) => Ok(id),
            SimpleState::InProgress => Err(self.invalid(
                node,
                "base",
                format!("simple type `{name}` is derived from itself"),
            )),
            SimpleState::Pending => {
                self.set_simple_state(i, SimpleState::InProgress);
                let id = self.simple_type(node, name, false)?;
                self.set_simple_state(i, SimpleState::Done(id));
                Ok(id)
            }
        }
    }

    fn set_simple_state(&mut self, i: usize, state: SimpleState) {
        if let Some(entry) = self.named_simple.get_mut(i) {
            entry.2 = state;
        }
    }

    fn builtin_id(&mut self, builtin: Builtin) -> u32 {
        if let Some(&(_, id)) = self.builtin_ids.iter().find(|(b, _)| *b == builtin) {
            return id;
        }
        self.schema.simple.push(SimpleType::builtin(builtin));
        let id = index(self.schema.simple.len() - 1);
        self.builtin_ids.push((builtin, id));
        id
    }

    /// The schema-namespace element children of `node`, skipping annotations, comments and
    /// whitespace, refusing text and foreign elements.
    fn xs_children(&self, node: Node<'a, 'i>) -> Result<Vec<Node<'a, 'i>>> {
        let mut out = Vec::new();
        for child in node.children() {
            if child.is_text() {
                let text = child.text().unwrap_or("");
                if !text.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
                    return Err(self.invalid(
                        child,
                        "text",
                        format!("text is not allowed inside `{}`", qualified(node)),
                    ));
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            if child.tag_name().namespace() != Some(XS) {
                return Err(self.unsupported(
                    child,
                    child.tag_name().name(),
                    "elements outside the XML Schema namespace may only appear inside `xs:annotation`",
                ));
            }
            if child.tag_name().name() == "annotation" {
                continue;
            }
            out.push(child);
        }
        Ok(out)
    }

    /// Refuses unqualified attributes other than `allowed`; attributes in foreign namespaces
    /// are annotations by XSD's rules and are ignored.
    fn check_attributes(&self, node: Node<'a, 'i>, allowed: &[&str]) -> Result<()> {
        for attr in node.attributes() {
            match attr.namespace() {
                None if allowed.contains(&attr.name()) => {}
                None | Some(XS) => {
                    let pos = self.pos_at(attr.range().start);
                    return Err(Error::UnsupportedSchema {
                        construct: format!("{}/@{}", qualified(node), attr.name()),
                        message: format!(
                            "attribute `{}` is not supported on `{}`",
                            attr.name(),
                            qualified(node)
                        ),
                        pos,
                    });
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Refuses a boolean attribute set to true (`nillable`, `mixed`, `abstract`).
    fn refuse_true(&self, node: Node<'a, 'i>, attr: &str) -> Result<()> {
        match node
            .attribute(attr)
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
        {
            None | Some("false" | "0") => Ok(()),
            Some(_) => Err(self.unsupported(
                node,
                &format!("{}/@{attr}", qualified(node)),
                &format!("`{attr}` is only supported when false"),
            )),
        }
    }

    fn required_attr(&self, node: Node<'a, 'i>, attr: &str) -> Result<&'a str> {
        node.attribute(attr).ok_or_else(|| {
            self.invalid(
                node,
                attr,
                format!("`{}` needs a `{attr}` attribute", qualified(node)),
            )
        })
    }

    fn pos_at(&self, offset: usize) -> TextPos {
        let p = self.doc.text_pos_at(offset);
        TextPos::new(p.row, p.col)
    }

    fn unsupported(&self, node: Node<'a, 'i>, construct: &str, message: &str) -> Error {
        Error::UnsupportedSchema {
            construct: construct.to_string(),
            message: message.to_string(),
            pos: self.pos_at(node.range().start),
        }
    }

    /// [`Loader::invalid`] about the schema element `node` itself, named as the schema
    /// names it (`xs:selector`).
    fn invalid_element(&self, node: Node<'a, 'i>, message: impl Into<String>) -> Error {
        self.invalid(node, &qualified(node), message)
    }

    /// A schema that is not valid XSD: `message` about `field`, placed at `node`.
    fn invalid(&self, node: Node<'a, 'i>, field: &str, message: impl Into<String>) -> Error {
        Error::InvalidValue {
            field: field.to_string(),
            message: message.into(),
            pos: self.pos_at(node.range().start),
        }
    }
}

/// `xs:` plus the local name, however the schema spells its prefix.
fn qualified(node: Node<'_, '_>) -> String {
    let name = node.tag_name();
    if name.namespace() == Some(XS) {
        format!("xs:{}", name.name())
    } else {
        name.name().to_string()
    }
}

/// The facet elements of XSD 1.0.
const FACETS: [&str; 12] = [
    "length",
    "minLength",
    "maxLength",
    "pattern",
    "enumeration",
    "whiteSpace",
    "maxInclusive",
    "maxExclusive",
    "minInclusive",
    "minExclusive",
    "totalDigits",
    "fractionDigits",
];

/// Table sizes stay far below `u32::MAX` (a schema is a small file); saturate instead of
/// panicking if that ever changes.
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">"#;

    /// A schema with `body` inside `xs:schema`, the body starting on line 2.
    fn schema(body: &str) -> String {
        format!("{HEAD}\n{body}\n</xs:schema>")
    }

    fn refused(body: &str) -> (String, TextPos) {
        match load_str(&schema(body)) {
            Err(Error::UnsupportedSchema { construct, pos, .. }) => (construct, pos),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_union_of_attribute_wildcards_xsd_cannot_express_is_refused_at_the_extension() {
        let (construct, pos) = refused(
            "<xs:complexType name=\"b\"><xs:simpleContent><xs:extension base=\"xs:string\">\n  <xs:anyAttribute namespace=\"##other\"/></xs:extension></xs:simpleContent></xs:complexType>\n<xs:complexType name=\"c\"><xs:simpleContent>\n  <xs:extension base=\"b\"><xs:anyAttribute namespace=\"##local\"/></xs:extension>\n</xs:simpleContent></xs:complexType>",
        );
        assert_eq!(
            (construct.as_str(), pos),
            ("xs:anyAttribute", TextPos::new(5, 3))
        );
    }

    #[test]
    fn regular_expressions_compile_and_wrong_ones_are_errors_with_their_position() {
        let body = |p: &str| {
            format!(
                "<xs:simpleType name=\"s\">\n<xs:restriction base=\"xs:string\">\n  <xs:pattern value=\"{p}\"/>\n</xs:restriction></xs:simpleType>"
            )
        };
        let s = load_str(&schema(&body("[a-z]+"))).unwrap();
        let t = s.simple.iter().find(|t| &*t.label == "s").unwrap();
        assert!(t.patterns.is_empty());
        assert!(t.regexes[0].is_match("abc") && !t.regexes[0].is_match("ab1"));
        let err = load_str(&schema(&body("[a-z"))).unwrap_err();
        assert!(
            matches!(err, Error::InvalidValue { pos, .. } if pos == TextPos::new(4, 3)),
            "{err}"
        );
        let s = load_str(&schema(&body("x|y"))).unwrap();
        let t = s.simple.iter().find(|t| &*t.label == "s").unwrap();
        assert_eq!(&*t.patterns[0][1], "y");
        assert!(t.regexes.is_empty());
    }

    #[test]
    fn refuses_imports_groups_and_other_files() {
        for (body, construct) in [
            ("<xs:import namespace=\"urn:x\"/>", "xs:import"),
            ("<xs:include schemaLocation=\"x.xsd\"/>", "xs:include"),
        ] {
            let (found, pos) = refused(body);
            assert_eq!(
                (found.as_str(), pos),
                (construct, TextPos::new(2, 1)),
                "{body}"
            );
        }
    }

    #[test]
    fn refuses_other_unsupported_constructs() {
        let cases = [
            (
                "<xs:simpleType name=\"s\"><xs:list itemType=\"xs:ID\"/></xs:simpleType>",
                "xs:ID",
            ),
            ("<xs:element name=\"a\" type=\"xs:QName\"/>", "xs:QName"),
            (
                "<xs:simpleType name=\"s\"><xs:restriction base=\"xs:duration\"><xs:minInclusive value=\"P1D\"/></xs:restriction></xs:simpleType>",
                "xs:minInclusive",
            ),
            (
                "<xs:complexType name=\"b\"/><xs:complexType name=\"c\"><xs:complexContent><xs:restriction base=\"b\"/></xs:complexContent></xs:complexType>",
                "xs:complexContent/xs:restriction",
            ),
            (
                "<xs:element name=\"a\" type=\"xs:string\" nillable=\"true\"/>",
                "xs:element/@nillable",
            ),
            (
                "<xs:simpleType name=\"s\"><xs:restriction base=\"xs:anySimpleType\"/></xs:simpleType>",
                "xs:anySimpleType",
            ),
        ];
        for (body, construct) in cases {
            assert_eq!(refused(body).0, construct, "{body}");
        }
    }

    #[test]
    fn broken_references_and_xml_are_errors_not_panics() {
        assert!(matches!(
            load_str(&schema("<xs:element name=\"a\" type=\"nope\"/>")),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            load_str(&schema(
                "<xs:simpleType name=\"s\"><xs:restriction base=\"s\"/></xs:simpleType>"
            )),
            Err(Error::InvalidValue { .. })
        ));
        assert!(matches!(
            load_str("<xs:schema"),
            Err(Error::NotWellFormed { .. })
        ));
        assert!(load(b"\xFF\xFE\x00").is_err());
    }

    #[test]
    fn annotations_are_ignored_everywhere_and_types_may_come_in_any_order() {
        let s = load_str(&schema(
            "<xs:annotation><xs:appinfo><x/></xs:appinfo></xs:annotation>
             <xs:element name=\"r\" type=\"rt\"><xs:annotation/></xs:element>
             <xs:complexType name=\"rt\"><xs:annotation/><xs:sequence><xs:annotation/>
               <xs:element name=\"k\" type=\"kid\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>
               <xs:element name=\"r\" type=\"rt\" minOccurs=\"0\"/>
             </xs:sequence><xs:attribute name=\"a\" use=\"required\"><xs:simpleType>
               <xs:restriction base=\"xs:string\"><xs:enumeration value=\"x\"/></xs:restriction>
             </xs:simpleType></xs:attribute></xs:complexType>
             <xs:simpleType name=\"kid\"><xs:restriction base=\"base\"><xs:maxLength value=\"5\"/></xs:restriction></xs:simpleType>
             <xs:simpleType name=\"base\"><xs:restriction base=\"xs:string\"><xs:maxLength value=\"9\"/></xs:restriction></xs:simpleType>",
        ))
        .unwrap();
        assert!(s.has_root("r"));
        let kid = s.simple.iter().find(|t| &*t.label == "kid").unwrap();
        assert_eq!(kid.max_length, Some(5));
    }
}
