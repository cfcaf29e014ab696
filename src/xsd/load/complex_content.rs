//! `xs:complexContent`: a complex type derived from another. A restriction of `xs:anyType`
//! is the type written without it; an extension of a complex type appends its content
//! model to the base's and adds attributes to the base's (XSD 1.0 part 1, 3.4.2 and 3.4.6,
//! Derivation Valid (Extension)). Restricting any other type asks for checking that the
//! restricted content model is a valid restriction (3.9.6), which is not done: such a type
//! is refused by name.

use roxmltree::Node;

use super::{Loader, Result, XS};
use crate::error::Error;
use crate::xsd::schema::{AttributeUse, ComplexType, ContentRef};
use crate::xsd::wildcard::Wildcard;

/// What a complex type, or the derivation inside its `xs:complexContent`, holds.
pub(super) struct Body<'a, 'i> {
    /// Its model group (`xs:sequence`, `xs:choice`, `xs:all`, `xs:group ref=`).
    pub group: Option<Node<'a, 'i>>,
    /// The attribute uses, a base's first.
    pub attributes: Vec<AttributeUse>,
    /// The attribute wildcard, a base's united with its own.
    pub wildcard: Option<Wildcard>,
    /// The simple type of its text, with `xs:simpleContent`.
    pub simple_content: Option<u32>,
}

/// One part of a content model that is the sequence of several.
#[derive(Clone, Copy)]
pub(super) enum Part<'a, 'i> {
    /// A model group or group reference of the schema.
    Node(Node<'a, 'i>),
    /// The content of `xs:anyType`: any elements, assessed laxly.
    AnyType,
}

/// A complex type's content type as XSD 1.0 defines it (part 1, 3.4.2), its particle
/// being the parts written in the schema.
enum ContentType<'a, 'i> {
    /// No text, no children.
    Empty,
    /// Text of a simple type.
    Simple,
    /// Children by a content model, the sequence of `parts` (none: the empty sequence),
    /// and text among them when `mixed`.
    Particle {
        mixed: bool,
        parts: Vec<Part<'a, 'i>>,
    },
}

impl<'a, 'i> Loader<'a, 'i> {
    /// The `xs:complexContent` of the complex type `node`, when it has one, which is then
    /// its only child.
    pub(super) fn complex_content_child(&self, node: Node<'a, 'i>) -> Result<Option<Node<'a, 'i>>> {
        let children = self.xs_children(node)?;
        let Some(at) = children
            .iter()
            .position(|c| c.tag_name().name() == "complexContent")
        else {
            return Ok(None);
        };
        if let Some(other) = children.iter().enumerate().find(|(i, _)| *i != at) {
            return Err(self.invalid_element(
                *other.1,
                "`xs:complexContent` stands alone in its complex type".to_owned(),
            ));
        }
        Ok(children.get(at).copied())
    }

    /// The complex type whose content is `content`, an `xs:complexContent`; `type_mixed`
    /// is the type's `mixed`, which the content's own overrides.
    pub(super) fn complex_content(
        &mut self,
        content: Node<'a, 'i>,
        type_mixed: bool,
    ) -> Result<ComplexType> {
        self.check_attributes(content, &["id", "mixed"])?;
        let mixed = match content.attribute("mixed") {
            Some(_) => self.boolean_attr(content, "mixed")?,
            None => type_mixed,
        };
        let derivation = self.derivation_of(content)?;
        self.check_attributes(derivation, &["base", "id"])?;
        let base = self.required_attr(derivation, "base")?;
        if derivation.tag_name().name() == "restriction" {
            let (namespace, local) = self.qname(derivation, base, "base")?;
            if namespace != Some(XS) || local != "anyType" {
                return Err(self.unsupported(
                    derivation,
                    "xs:complexContent/xs:restriction",
                    "restricting a complex type other than `xs:anyType` is not supported",
                ));
            }
            // The usual way to write a type is short for this: the same type.
            let body = self.type_body(derivation, Vec::new(), None)?;
            let parts: Vec<Part<'a, 'i>> = body.group.into_iter().map(Part::Node).collect();
            return self.assemble(derivation, body, &parts, mixed);
        }
        self.extension(derivation, base, mixed)
    }

    /// The one `xs:restriction` or `xs:extension` of an `xs:complexContent`.
    fn derivation_of(&self, content: Node<'a, 'i>) -> Result<Node<'a, 'i>> {
        match self.xs_children(content)?.as_slice() {
            [one] if matches!(one.tag_name().name(), "restriction" | "extension") => Ok(*one),
            _ => Err(self.invalid(
                content,
                "xs:complexContent",
                "`xs:complexContent` holds one `xs:extension` or `xs:restriction`".to_owned(),
            )),
        }
    }

    /// The complex type an `xs:complexContent/xs:extension` (`derivation`) of `base` makes.
    fn extension(
        &mut self,
        derivation: Node<'a, 'i>,
        base: &'a str,
        mixed: bool,
    ) -> Result<ComplexType> {
        let (base_id, base_content, attributes, base_wildcard) = match self
            .type_ref(derivation, base)?
        {
            ContentRef::Simple(_) => {
                return Err(self.invalid(
                        derivation,
                        "base",
                        format!(
                            "`{base}` is a simple type: `xs:complexContent` extends a complex type (`xs:simpleContent` extends a simple one)"
                        ),
                    ));
            }
            ContentRef::Complex(id) if Some(id) == self.schema.any_type => (
                id,
                any_type_content(),
                Vec::new(),
                Some(Wildcard::any_lax()),
            ),
            ContentRef::Complex(id) => {
                let compiled = self.complex_by_id(derivation, id)?;
                let Some(&(_, declaration)) = self.named_complex.get(id as usize) else {
                    return Err(self.invalid(
                        derivation,
                        "base",
                        format!("internal: `{base}` is not a named type"),
                    ));
                };
                self.refuse_final_extension(derivation, declaration, base)?;
                let content = self.declared_content(declaration)?;
                (
                    id,
                    content,
                    compiled.attributes.to_vec(),
                    compiled.attribute_wildcard.map(|w| *w),
                )
            }
        };
        let mut body = self.type_body(derivation, Vec::new(), base_wildcard)?;
        body.attributes = self.inherited_attributes(derivation, attributes, body.attributes)?;
        let own = self.effective_content(body.group, mixed)?;
        if let Some(group) = body.group {
            let read_with_base =
                matches!(&own, ContentType::Particle { parts, .. } if !parts.is_empty());
            if !read_with_base {
                // A model group of nothing is still checked: what it holds may be wrong.
                self.content_model(group)?;
            }
        }
        let (parts, mixed) = match self.extended_content(derivation, base, base_content, own)? {
            ContentType::Empty => (Vec::new(), false),
            ContentType::Particle { mixed, parts } => (parts, mixed),
            ContentType::Simple => {
                return Err(self.unsupported(
                    derivation,
                    "xs:complexContent/xs:extension",
                    "extending a type with simple content through `xs:complexContent` is not supported; use `xs:simpleContent`",
                ));
            }
        };
        let mut compiled = self.assemble(derivation, body, &parts, mixed)?;
        compiled.extends = Some(base_id);
        self.schema.complex_extensions = true;
        Ok(compiled)
    }

    /// The attribute uses of an extension (`derivation`): the base's, then its own. One it
    /// declares itself by a name the base has already makes the schema incorrect. One it
    /// brings through `ref=` or an attribute group may be the very declaration the base
    /// has, which XSD 1.0 allows; telling the two apart is not done, and it is refused.
    fn inherited_attributes(
        &self,
        derivation: Node<'a, 'i>,
        mut attributes: Vec<AttributeUse>,
        own: Vec<AttributeUse>,
    ) -> Result<Vec<AttributeUse>> {
        for attribute in own {
            if !attributes
                .iter()
                .any(|a| a.name == attribute.name && a.qualified == attribute.qualified)
            {
                attributes.push(attribute);
                continue;
            }
            let local = self.xs_children(derivation)?.into_iter().find(|c| {
                c.tag_name().name() == "attribute"
                    && c.attribute("name").is_some_and(|n| {
                        n.trim_matches([' ', '\t', '\r', '\n']) == &*attribute.name
                    })
            });
            return Err(match local {
                Some(at) => self.invalid(
                    at,
                    "name",
                    format!(
                        "attribute `{}` is declared by the base type already",
                        attribute.name
                    ),
                ),
                None => self.unsupported(
                    derivation,
                    "xs:complexContent/xs:extension",
                    &format!(
                        "attribute `{}` of the base type comes again through a reference or an attribute group, which may be the same declaration; that is not supported",
                        attribute.name
                    ),
                ),
            });
        }
        Ok(attributes)
    }

    /// The content type of an extension whose base has `base` and which adds `own`
    /// (3.4.2; 3.4.6, Derivation Valid (Extension), 1.4, and All Group Limited).
    fn extended_content(
        &self,
        at: Node<'a, 'i>,
        base_name: &str,
        base: ContentType<'a, 'i>,
        own: ContentType<'a, 'i>,
    ) -> Result<ContentType<'a, 'i>> {
        Ok(match (base, own) {
            (base, ContentType::Empty) => base,
            (ContentType::Simple, _) | (_, ContentType::Simple) => {
                return Err(self.invalid(
                    at,
                    "base",
                    format!(
                        "`{base_name}` has simple content, which an extension cannot give a content model"
                    ),
                ));
            }
            (ContentType::Empty, own) => own,
            (
                ContentType::Particle {
                    mixed: base_mixed,
                    parts: base_parts,
                },
                ContentType::Particle { mixed, parts },
            ) => {
                if base_mixed != mixed {
                    let (said, other) = if mixed {
                        ("mixed", "element-only")
                    } else {
                        ("element-only", "mixed")
                    };
                    return Err(self.invalid(
                        at,
                        "mixed",
                        format!(
                            "the extension is {said} but its base `{base_name}` is {other}: both must be mixed or both element-only"
                        ),
                    ));
                }
                let all =
                    |p: &Part<'_, '_>| matches!(p, Part::Node(n) if n.tag_name().name() == "all");
                if !base_parts.is_empty()
                    && !parts.is_empty()
                    && (base_parts.iter().any(all) || parts.iter().any(all))
                {
                    return Err(self.invalid(
                        at,
                        "xs:all",
                        format!(
                            "an `xs:all` is the whole content model of a type: the extension of `{base_name}` cannot put it in a sequence with another model group"
                        ),
                    ));
                }
                let mut combined = base_parts;
                combined.extend(parts);
                ContentType::Particle {
                    mixed,
                    parts: combined,
                }
            }
        })
    }

    /// The content type of the named complex type `declaration`, already compiled (so
    /// correct, and derived from no type that derives from it).
    fn declared_content(&mut self, declaration: Node<'a, 'i>) -> Result<ContentType<'a, 'i>> {
        let type_mixed = self.boolean_attr(declaration, "mixed")?;
        let Some(content) = self.complex_content_child(declaration)? else {
            if self
                .xs_children(declaration)?
                .iter()
                .any(|c| c.tag_name().name() == "simpleContent")
            {
                return Ok(ContentType::Simple);
            }
            let group = self.model_group_child(declaration)?;
            return self.effective_content(group, type_mixed);
        };
        let mixed = match content.attribute("mixed") {
            Some(_) => self.boolean_attr(content, "mixed")?,
            None => type_mixed,
        };
        let derivation = self.derivation_of(content)?;
        let group = self.model_group_child(derivation)?;
        let own = self.effective_content(group, mixed)?;
        if derivation.tag_name().name() == "restriction" {
            return Ok(own);
        }
        let base = self.required_attr(derivation, "base")?;
        let base_content = match self.type_ref(derivation, base)? {
            ContentRef::Complex(id) if Some(id) == self.schema.any_type => any_type_content(),
            ContentRef::Complex(id) => match self.named_complex.get(id as usize) {
                Some(&(_, base_declaration)) => self.declared_content(base_declaration)?,
                None => ContentType::Empty,
            },
            ContentRef::Simple(_) => ContentType::Simple,
        };
        self.extended_content(derivation, base, base_content, own)
    }

    /// The model group a complex type or derivation holds, if any.
    fn model_group_child(&self, container: Node<'a, 'i>) -> Result<Option<Node<'a, 'i>>> {
        Ok(self
            .xs_children(container)?
            .into_iter()
            .find(|c| matches!(c.tag_name().name(), "sequence" | "choice" | "all" | "group")))
    }

    /// The effective content (3.4.2) of a type or derivation holding `group`: empty when
    /// it has no model group, an `xs:sequence` or `xs:all` of nothing, an `xs:choice` of
    /// nothing that may occur zero times, or one that may not occur at all; the empty
    /// sequence when it is then mixed.
    fn effective_content(
        &self,
        group: Option<Node<'a, 'i>>,
        mixed: bool,
    ) -> Result<ContentType<'a, 'i>> {
        let bound_is_zero = |node: Node<'a, 'i>, attr: &str| {
            node.attribute(attr)
                .is_some_and(|v| self.occurs(node, attr, v).is_ok_and(|n| n == 0))
        };
        let empty = match group {
            None => true,
            Some(g) => {
                let nothing_inside = self.xs_children(g)?.is_empty();
                bound_is_zero(g, "maxOccurs")
                    || match g.tag_name().name() {
                        "sequence" | "all" => nothing_inside,
                        "choice" => nothing_inside && bound_is_zero(g, "minOccurs"),
                        _ => false,
                    }
            }
        };
        Ok(match (empty, group) {
            (false, Some(g)) => ContentType::Particle {
                mixed,
                parts: vec![Part::Node(g)],
            },
            _ if mixed => ContentType::Particle {
                mixed,
                parts: Vec::new(),
            },
            _ => ContentType::Empty,
        })
    }

    /// The error for needing the named complex type `i` (at `node`) while it is being
    /// compiled: a type derived from itself makes the schema incorrect; otherwise a type
    /// derived from it stands in its own content (or in its base's), which is correct
    /// but asks for an order of compilation the loader does not follow, and is refused.
    pub(super) fn compiling_again(&self, node: Node<'a, 'i>, i: usize) -> Error {
        let name = self.named_complex.get(i).map_or("", |(n, _)| *n);
        if self.derives_from_itself(i) {
            return self.invalid(
                node,
                "base",
                format!("complex type `{name}` is derived from itself"),
            );
        }
        self.unsupported(
            node,
            "xs:complexContent/xs:extension",
            &format!(
                "a type derived from `{name}` inside the content of `{name}` or of its base types is not supported"
            ),
        )
    }

    /// Whether following `base=` from the named complex type `start`, through the named
    /// types of the schema, comes back to it.
    fn derives_from_itself(&self, start: usize) -> bool {
        let mut at = start;
        for _ in 0..self.named_complex.len() {
            let Some(next) = self.named_base(at) else {
                return false;
            };
            if next == start {
                return true;
            }
            at = next;
        }
        false
    }

    /// The named complex type of the schema the named complex type `i` derives from.
    fn named_base(&self, i: usize) -> Option<usize> {
        let &(_, declaration) = self.named_complex.get(i)?;
        let children = self.xs_children(declaration).ok()?;
        let content = children
            .iter()
            .find(|c| matches!(c.tag_name().name(), "complexContent" | "simpleContent"))?;
        let derivation = *self.xs_children(*content).ok()?.first()?;
        let base = derivation.attribute("base")?;
        let (namespace, local) = self.qname(derivation, base, "base").ok()?;
        if namespace != self.tns {
            return None;
        }
        self.named_complex.iter().position(|(n, _)| *n == local)
    }

    /// Makes extending the named complex type `declaration` (`base` at `at`) an error when
    /// its `final`, or the schema's `finalDefault` when it has none, says `extension`.
    pub(super) fn refuse_final_extension(
        &self,
        at: Node<'a, 'i>,
        declaration: Node<'a, 'i>,
        base: &str,
    ) -> Result<()> {
        let (holder, attr, allowed): (Node<'a, 'i>, &str, &[&'static str]) =
            match declaration.attribute("final") {
                Some(_) => (declaration, "final", &["extension", "restriction"]),
                None => (
                    self.root,
                    "finalDefault",
                    &["extension", "restriction", "list", "union"],
                ),
            };
        if self
            .derivation_set(holder, attr, allowed)?
            .contains(&"extension")
        {
            return Err(self.invalid(
                at,
                "base",
                format!("`{base}` may not be extended: its `{attr}` says `extension`"),
            ));
        }
        Ok(())
    }
}

/// The content type of `xs:anyType`: any children, text among them.
fn any_type_content<'a, 'i>() -> ContentType<'a, 'i> {
    ContentType::Particle {
        mixed: true,
        parts: vec![Part::AnyType],
    }
}
