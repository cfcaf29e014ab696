//! Attributes of complex types: local declarations, references to global ones, and named
//! attribute groups, flattened into each type's attribute uses. Global attributes, and local
//! ones of a qualified form, are in the target namespace; the others in none.

use roxmltree::Node;

use super::{Loader, Result, XS, qualified};
use crate::xsd::schema::{AttributeUse, Builtin, ContentRef};
use crate::xsd::wildcard::Wildcard;

/// A global attribute or a named attribute group, as the schema declares it.
#[derive(Clone, Copy)]
pub(super) struct Named<'a, 'i> {
    pub name: &'a str,
    pub node: Node<'a, 'i>,
}

impl<'a, 'i> Loader<'a, 'i> {
    /// Notes a top-level `xs:attribute` or `xs:attributeGroup`; a name declared twice makes
    /// the schema incorrect.
    pub(super) fn declare_attribute_component(&mut self, node: Node<'a, 'i>) -> Result<()> {
        let name = self.required_attr(node, "name")?;
        let group = node.tag_name().name() == "attributeGroup";
        let declared = if group {
            &mut self.attribute_groups
        } else {
            &mut self.global_attributes
        };
        if declared.iter().any(|n| n.name == name) {
            let what = if group {
                "attribute group"
            } else {
                "global attribute"
            };
            return Err(self.invalid(node, "name", format!("{what} `{name}` is declared twice")));
        }
        declared.push(Named { name, node });
        Ok(())
    }

    /// Compiles every global attribute and attribute group once, referred to or not, so
    /// that an incorrect one is said whatever uses it.
    pub(super) fn check_attribute_components(&mut self) -> Result<()> {
        for i in 0..self.global_attributes.len() {
            let Named { node, .. } = self.global_attributes[i];
            let declared = self.global_attribute(node, false)?;
            self.schema.global_attributes.push(declared);
        }
        for i in 0..self.attribute_groups.len() {
            let Named { name, node } = self.attribute_groups[i];
            let mut uses = Vec::new();
            self.attribute_groups_open.push(name);
            let expanded = self.attribute_group(node, &mut uses, &mut Vec::new());
            self.attribute_groups_open.pop();
            expanded?;
        }
        Ok(())
    }

    /// Adds what `node` (an `xs:attribute`, or an `xs:attributeGroup ref=`) brings to a
    /// type's attribute uses, and an attribute group's wildcard to `wildcards`.
    pub(super) fn attribute_uses(
        &mut self,
        node: Node<'a, 'i>,
        uses: &mut Vec<AttributeUse>,
        wildcards: &mut Vec<Wildcard>,
    ) -> Result<()> {
        if node.tag_name().name() == "attributeGroup" {
            self.check_attributes(node, &["ref", "id"])?;
            if let Some(inside) = self.xs_children(node)?.first() {
                return Err(self.invalid(
                    *inside,
                    "xs:attributeGroup",
                    format!(
                        "a reference to an attribute group holds only `xs:annotation`, not `{}`",
                        qualified(*inside)
                    ),
                ));
            }
            let reference = self.required_attr(node, "ref")?;
            let local = self.in_target_namespace(node, reference, "xs:attributeGroup")?;
            let Some(group) = self
                .attribute_groups
                .iter()
                .find(|g| g.name == local)
                .copied()
            else {
                return Err(self.invalid(
                    node,
                    "ref",
                    format!("attribute group `{reference}` is not declared in the schema"),
                ));
            };
            if self.attribute_groups_open.contains(&group.name) {
                return Err(self.invalid(
                    node,
                    "ref",
                    format!("attribute group `{}` refers to itself", group.name),
                ));
            }
            self.attribute_groups_open.push(group.name);
            let expanded = self.attribute_group(group.node, uses, wildcards);
            self.attribute_groups_open.pop();
            return expanded;
        }
        if let Some(attribute) = self.attribute(node)? {
            if uses
                .iter()
                .any(|a| a.name == attribute.name && a.qualified == attribute.qualified)
            {
                return Err(self.invalid(
                    node,
                    "name",
                    format!("attribute `{}` is declared twice", attribute.name),
                ));
            }
            uses.push(attribute);
        }
        Ok(())
    }

    /// The attribute uses of a named attribute group, and its wildcard (its own
    /// `xs:anyAttribute` with those of the groups it refers to) added to `wildcards`.
    fn attribute_group(
        &mut self,
        node: Node<'a, 'i>,
        uses: &mut Vec<AttributeUse>,
        wildcards: &mut Vec<Wildcard>,
    ) -> Result<()> {
        self.check_attributes(node, &["name", "id"])?;
        let mut inner = Vec::new();
        let mut own = None;
        for child in self.xs_children(node)? {
            if own.is_some() {
                return Err(self.invalid_element(
                    child,
                    "`xs:anyAttribute` comes last in an attribute group".to_owned(),
                ));
            }
            match child.tag_name().name() {
                "attribute" | "attributeGroup" => self.attribute_uses(child, uses, &mut inner)?,
                "anyAttribute" => {
                    own = Some(self.wildcard(child, &["id", "namespace", "processContents"])?);
                }
                _ => {
                    return Err(self.invalid(
                        child,
                        "xs:attributeGroup",
                        format!(
                            "an attribute group holds attributes, not `{}`",
                            qualified(child)
                        ),
                    ));
                }
            }
        }
        wildcards.extend(self.complete_wildcard(node, own, inner)?);
        Ok(())
    }

    /// An attribute use; `None` for `use="prohibited"`, which declares nothing usable.
    pub(super) fn attribute(&mut self, node: Node<'a, 'i>) -> Result<Option<AttributeUse>> {
        if node.attribute("ref").is_some() {
            return self.attribute_ref(node);
        }
        self.check_attributes(
            node,
            &["name", "type", "use", "id", "form", "default", "fixed"],
        )?;
        let is_qualified = self
            .form_attr(node, "form")?
            .unwrap_or(self.attributes_qualified);
        let name = self.declared_attribute_name(node, is_qualified)?;
        let required = self.attribute_use(node)?;
        let simple = self.attribute_type(node, name)?;
        let fixed = self.value_constraint(node, simple, required == Some(true))?;
        Ok(required.map(|required| AttributeUse {
            name: name.into(),
            simple,
            required,
            qualified: is_qualified && self.tns.is_some(),
            fixed,
        }))
    }

    /// The `name` of an attribute declaration, refused where XML Schema forbids it: `xmlns`,
    /// which is a namespace declaration in a document and never an attribute, and any name
    /// in the instance namespace (`xsi:`), whose attributes XML Schema itself defines;
    /// `qualified` says whether the declaration's name is in the target namespace at all.
    fn declared_attribute_name(&self, node: Node<'a, 'i>, qualified: bool) -> Result<&'a str> {
        const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
        let name = self.required_attr(node, "name")?;
        // A name is an `xs:NCName`, whose whitespace collapses: ` xmlns ` is `xmlns`.
        if name.trim_matches([' ', '\t', '\r', '\n']) == "xmlns" {
            return Err(self.invalid(
                node,
                "name",
                "no attribute may be named `xmlns`: in a document it declares a namespace"
                    .to_owned(),
            ));
        }
        if qualified && self.tns == Some(XSI) {
            return Err(self.invalid(
                node,
                "name",
                "no attribute may be declared in the XML Schema instance namespace".to_owned(),
            ));
        }
        Ok(name)
    }

    /// `use`: `Some(required)`, `None` for `prohibited`.
    fn attribute_use(&self, node: Node<'a, 'i>) -> Result<Option<bool>> {
        match node.attribute("use") {
            None | Some("optional") => Ok(Some(false)),
            Some("required") => Ok(Some(true)),
            Some("prohibited") => Ok(None),
            Some(other) => Err(self.invalid(
                node,
                "use",
                format!("`{other}` is not one of `required`, `optional`, `prohibited`"),
            )),
        }
    }

    /// An `xs:attribute ref=`: the global declaration's name and type, this use's `use`.
    fn attribute_ref(&mut self, node: Node<'a, 'i>) -> Result<Option<AttributeUse>> {
        for taken in ["name", "type", "form"] {
            if node.attribute(taken).is_some() {
                return Err(self.invalid(
                    node,
                    taken,
                    format!("an attribute reference takes no `{taken}`: the declaration gives it"),
                ));
            }
        }
        if let Some(child) = self.xs_children(node)?.first() {
            return Err(self.invalid(
                *child,
                "xs:attribute",
                "an attribute reference holds no type: the declaration gives it".to_owned(),
            ));
        }
        self.check_attributes(node, &["ref", "use", "id", "default", "fixed"])?;
        let reference = self.required_attr(node, "ref")?;
        let local = self.in_target_namespace(node, reference, "xs:attribute/@ref")?;
        let Some(global) = self
            .global_attributes
            .iter()
            .find(|a| a.name == local)
            .copied()
        else {
            return Err(self.invalid(
                node,
                "ref",
                format!("attribute `{reference}` is not declared in the schema"),
            ));
        };
        let Some(required) = self.attribute_use(node)? else {
            return Ok(None);
        };
        let mut declared = self.global_attribute(global.node, required)?;
        declared.required = required;
        let fixed = self.value_constraint(node, declared.simple, required)?;
        if let (Some(theirs), Some(_)) = (&declared.fixed, node.attribute("default")) {
            return Err(self.invalid(
                node,
                "default",
                format!(
                    "the declaration fixes `{reference}` to `{theirs}`; a use cannot give it a default"
                ),
            ));
        }
        let differs = |theirs: &str, ours: &str| {
            self.schema
                .simple_type(declared.simple)
                .is_none_or(|st| !crate::xsd::varieties::same_value(st, theirs, ours))
        };
        match (&declared.fixed, fixed) {
            (Some(theirs), Some(ours)) if differs(theirs, &ours) => {
                return Err(self.invalid(
                    node,
                    "fixed",
                    format!(
                        "the declaration fixes `{reference}` to `{theirs}`; a use cannot fix it to `{ours}`"
                    ),
                ));
            }
            (_, Some(ours)) => declared.fixed = Some(ours),
            (_, None) => {}
        }
        Ok(Some(declared))
    }

    /// A global attribute declaration, as a use (`required` as given).
    fn global_attribute(&mut self, node: Node<'a, 'i>, required: bool) -> Result<AttributeUse> {
        self.check_attributes(node, &["name", "type", "id", "default", "fixed"])?;
        let name = self.declared_attribute_name(node, true)?;
        let simple = self.attribute_type(node, name)?;
        let fixed = self.value_constraint(node, simple, false)?;
        Ok(AttributeUse {
            name: name.into(),
            simple,
            required,
            qualified: self.tns.is_some(),
            fixed,
        })
    }

    /// `default` or `fixed` on an attribute declaration or use of the type `simple`: the
    /// value must be one of the type; a default cannot go with `use="required"`. A default
    /// changes no verdict (it fills in an absent attribute); a fixed value is what a present
    /// one must equal in the type's value space.
    fn value_constraint(
        &self,
        node: Node<'a, 'i>,
        simple: u32,
        required: bool,
    ) -> Result<Option<Box<str>>> {
        let (attr, value) = match (node.attribute("default"), node.attribute("fixed")) {
            (None, None) => return Ok(None),
            (Some(_), Some(_)) => {
                return Err(self.invalid(
                    node,
                    "fixed",
                    "an attribute takes `default` or `fixed`, not both".to_owned(),
                ));
            }
            (Some(value), None) => ("default", value),
            (None, Some(value)) => ("fixed", value),
        };
        let use_given = node
            .attribute("use")
            .map(|u| u.trim_matches([' ', '\t', '\r', '\n']));
        if attr == "fixed" && use_given == Some("prohibited") {
            // XSD 1.0 and 1.1 read this combination differently (the suite's `attP031`).
            return Err(self.unsupported(
                node,
                "xs:attribute/@fixed",
                "a fixed value on a prohibited attribute is not supported",
            ));
        }
        if attr == "default" && (required || use_given.is_some_and(|u| u != "optional")) {
            return Err(self.invalid(
                node,
                "default",
                "only an optional attribute takes a `default`".to_owned(),
            ));
        }
        let Some(st) = self.schema.simple_type(simple) else {
            return Ok(None);
        };
        if st.is_id() {
            return Err(self.invalid(
                node,
                attr,
                format!("an attribute of an ID type takes no `{attr}` value"),
            ));
        }
        if st.has_id_values() {
            // An absent attribute takes the value, which would then refer to IDs too.
            return Err(self.unsupported(
                node,
                &format!("xs:attribute/@{attr}"),
                "a `default` or `fixed` value of an IDREF type is not supported",
            ));
        }
        if let Err(rejected) = crate::xsd::builtin::check(st, value) {
            return Err(self.invalid(
                node,
                attr,
                format!(
                    "`{value}` is not a value of the attribute's type: {}",
                    rejected.message
                ),
            ));
        }
        if attr == "default" {
            return Ok(None);
        }
        Ok(Some(value.into()))
    }

    /// The simple type of an attribute declaration: its `type` or its anonymous type.
    fn attribute_type(&mut self, node: Node<'a, 'i>, name: &str) -> Result<u32> {
        let mut anonymous = None;
        for child in self.xs_children(node)? {
            if child.tag_name().name() == "simpleType" && anonymous.is_none() {
                anonymous = Some(child);
            } else {
                return Err(self.invalid(
                    child,
                    "xs:attribute",
                    "an `xs:attribute` holds at most one `xs:simpleType`".to_owned(),
                ));
            }
        }
        match (node.attribute("type"), anonymous) {
            (Some(qname), None) => match self.type_ref(node, qname)? {
                ContentRef::Simple(id) => Ok(id),
                ContentRef::Complex(_) => Err(self.invalid(
                    node,
                    "type",
                    format!("attribute `{name}` must have a simple type, not `{qname}`"),
                )),
            },
            (None, Some(child)) => self.simple_type(child, name, true),
            (Some(_), Some(child)) => Err(self.invalid(
                child,
                "type",
                format!("attribute `{name}` has both a `type` attribute and an anonymous type"),
            )),
            // An attribute declared without a type takes any text (`xs:anySimpleType`).
            (None, None) => Ok(self.builtin_id(Builtin::AnySimpleType)),
        }
    }

    /// The local name of a reference `qname` to a component of this schema; one in another
    /// namespace would need an import.
    fn in_target_namespace(
        &self,
        node: Node<'a, 'i>,
        qname: &'a str,
        construct: &str,
    ) -> Result<&'a str> {
        let qname = qname.trim_matches([' ', '\t', '\r', '\n']);
        let (namespace, local) = self.qname(node, qname, "ref")?;
        if namespace != self.tns || namespace == Some(XS) {
            return Err(self.unsupported(
                node,
                construct,
                &format!(
                    "`{qname}` is in namespace `{}`, and components of other namespaces cannot be imported",
                    namespace.unwrap_or("")
                ),
            ));
        }
        Ok(local)
    }
}
