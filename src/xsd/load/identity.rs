//! `xs:unique`, `xs:key` and `xs:keyref` inside element declarations, compiled into
//! [`identity::Tables`](crate::xsd::identity::Tables).
//!
//! Each constraint is read where its element declaration is; names (one symbol space for
//! the whole schema) and `refer` are resolved once every declaration is read. What the
//! validator could not judge exactly is refused by name: a keyref whose key belongs to
//! another element declaration, or to one that may nest within itself (where tables of
//! inner scopes would bubble up); two declarations of one name and type that differ in
//! their constraints; a field that could select an attribute or element with a default
//! or fixed value (which fills in what the document leaves out).

use std::collections::HashSet;

use roxmltree::{Node, NodeId};

use super::{Loader, Result, XS, qualified};
use crate::xsd::identity::xpath::{self, NameTest, Path};
use crate::xsd::identity::{Category, Constraint, Declared};
use crate::xsd::schema::ContentRef;

/// What the loader keeps of identity constraints until every declaration is read.
#[derive(Default)]
pub(super) struct Pending<'a, 'i> {
    /// Every element declaration read: its node, its name and its content.
    declarations: Vec<(NodeId, u32, ContentRef)>,
    /// For each compiled constraint: its `xs:key`/`xs:unique`/`xs:keyref` node and the
    /// declaration holding it.
    nodes: Vec<(Node<'a, 'i>, NodeId)>,
}

impl<'a, 'i> Loader<'a, 'i> {
    /// Records the element declaration `node` named `name` with content `content`, and
    /// compiles its identity constraints `constraints`.
    pub(super) fn element_identity(
        &mut self,
        node: Node<'a, 'i>,
        name: &str,
        content: ContentRef,
        constraints: &[Node<'a, 'i>],
    ) -> Result<()> {
        let name_id = self.schema.intern(name);
        self.identity
            .declarations
            .push((node.id(), name_id, content));
        if constraints.is_empty() {
            return Ok(());
        }
        let mut ids = Vec::with_capacity(constraints.len());
        for &c in constraints {
            let compiled = self.constraint(c)?;
            ids.push(super::index(self.schema.identity.constraints.len()));
            self.schema.identity.constraints.push(compiled);
            self.identity.nodes.push((c, node.id()));
        }
        self.schema.identity.declared.push(Declared {
            name: name_id,
            content,
            constraints: ids.into(),
        });
        Ok(())
    }

    /// One `xs:unique`, `xs:key` or `xs:keyref`; a keyref's `refer` is resolved later.
    fn constraint(&self, node: Node<'a, 'i>) -> Result<Constraint> {
        let kind = node.tag_name().name();
        let category = match kind {
            "unique" => Category::Unique,
            "key" => Category::Key,
            _ => Category::KeyRef(u32::MAX),
        };
        let allowed: &[&str] = if kind == "keyref" {
            &["name", "refer", "id"]
        } else {
            &["name", "id"]
        };
        self.only_attributes(node, allowed)?;
        let name = self.required_attr(node, "name")?;
        if !crate::markup::is_ncname(name) {
            return Err(self.invalid(node, "name", format!("`{name}` is not an NCName")));
        }
        if kind == "keyref" {
            self.required_attr(node, "refer")?;
        }
        let children = self.xs_children(node)?;
        let Some((&selector, fields)) = children.split_first() else {
            return Err(self.invalid_element(
                node,
                format!(
                    "`{}` needs an `xs:selector` and an `xs:field`",
                    qualified(node)
                ),
            ));
        };
        if selector.tag_name().name() != "selector" {
            return Err(self.invalid_element(
                selector,
                format!(
                    "`{}` must begin with one `xs:selector`, not `{}`",
                    qualified(node),
                    qualified(selector)
                ),
            ));
        }
        if fields.is_empty() {
            return Err(self.invalid_element(
                node,
                format!("`{}` needs at least one `xs:field`", qualified(node)),
            ));
        }
        let selector = self.xpath(selector, false)?.1;
        let mut compiled = Vec::with_capacity(fields.len());
        for &field in fields {
            if field.tag_name().name() != "field" {
                return Err(self.invalid_element(
                    field,
                    format!(
                        "after its `xs:selector`, `{}` holds only `xs:field`s, not `{}`",
                        qualified(node),
                        qualified(field)
                    ),
                ));
            }
            let (text, paths) = self.xpath(field, true)?;
            self.refuse_defaulted(field, &paths)?;
            compiled.push((text.into(), paths));
        }
        Ok(Constraint {
            name: name.into(),
            category,
            selector,
            fields: compiled.into(),
        })
    }

    /// The `xpath` of an `xs:selector` or `xs:field`, with its text.
    fn xpath(&self, node: Node<'a, 'i>, field: bool) -> Result<(&'a str, Box<[Path]>)> {
        self.only_attributes(node, &["xpath", "id"])?;
        let text = self.required_attr(node, "xpath")?;
        if let Some(inside) = self.xs_children(node)?.first() {
            return Err(self.invalid_element(
                *inside,
                format!("`{}` holds only `xs:annotation`", qualified(node)),
            ));
        }
        let paths = xpath::parse(text, field, |prefix| {
            node.lookup_namespace_uri(Some(prefix))
        })
        .map_err(|why| {
            self.invalid(
                node,
                "xpath",
                format!("`{text}` is not an XPath of identity constraints: {why}"),
            )
        })?;
        Ok((text, paths))
    }

    /// Refuses a field that could select an attribute or element declared with a
    /// `default` or `fixed` value: the validator would have to fill in the value a
    /// document leaves out.
    fn refuse_defaulted(&self, field: Node<'a, 'i>, paths: &[Path]) -> Result<()> {
        let defaulted = |node: &Node<'a, 'i>| {
            node.attribute("default").is_some() || node.attribute("fixed").is_some()
        };
        for path in paths {
            let hit = match &path.attribute {
                Some(test) => self.root.descendants().any(|d| {
                    d.tag_name().namespace() == Some(XS)
                        && d.tag_name().name() == "attribute"
                        && defaulted(&d)
                        && attribute_may_match(d, test)
                }),
                None => self.root.descendants().any(|d| {
                    d.tag_name().namespace() == Some(XS)
                        && d.tag_name().name() == "element"
                        && defaulted(&d)
                }),
            };
            if hit {
                return Err(self.unsupported(
                    field,
                    "xs:field",
                    "a field that may select an attribute or element with a `default` or `fixed` value is not supported",
                ));
            }
        }
        Ok(())
    }

    /// Once every declaration is read: names unique, every `refer` resolved, and what the
    /// validator cannot judge refused.
    pub(super) fn finish_identity(&mut self) -> Result<()> {
        let nodes = std::mem::take(&mut self.identity.nodes);
        let mut names: Vec<&str> = Vec::with_capacity(nodes.len());
        for &(node, _) in &nodes {
            let name = node.attribute("name").unwrap_or("");
            if names.contains(&name) {
                return Err(self.invalid(
                    node,
                    "name",
                    format!("identity constraint `{name}` is defined twice"),
                ));
            }
            names.push(name);
        }
        for (k, &(node, declaration)) in nodes.iter().enumerate() {
            if node.tag_name().name() != "keyref" {
                continue;
            }
            let refer = node.attribute("refer").unwrap_or("");
            let (ns, local) = self.qname(node, refer, "refer")?;
            let target = names
                .iter()
                .position(|n| *n == local)
                .filter(|_| ns == self.tns);
            let Some(target) = target else {
                return Err(self.invalid(
                    node,
                    "refer",
                    format!("`{refer}` names no `xs:key` or `xs:unique` of the schema"),
                ));
            };
            let (target_node, target_declaration) = nodes[target];
            if target_node.tag_name().name() == "keyref" {
                return Err(self.invalid(
                    node,
                    "refer",
                    format!("`{refer}` is a keyref; a keyref refers to an `xs:key` or `xs:unique`"),
                ));
            }
            let count = |i: usize| {
                self.schema
                    .identity
                    .constraints
                    .get(i)
                    .map_or(0, |c| c.fields.len())
            };
            if count(k) != count(target) {
                return Err(self.invalid(
                    node,
                    "refer",
                    format!(
                        "keyref `{}` has {} fields and `{refer}` has {}: they must have as many",
                        names[k],
                        count(k),
                        count(target)
                    ),
                ));
            }
            if target_declaration != declaration {
                return Err(self.unsupported(
                    node,
                    "xs:keyref",
                    "a keyref referring to a constraint of another element declaration is not supported",
                ));
            }
            if self.may_nest(declaration) {
                return Err(self.unsupported(
                    node,
                    "xs:keyref",
                    "a keyref on an element that may contain itself is not supported",
                ));
            }
            if let Some(c) = self.schema.identity.constraints.get_mut(k) {
                c.category = Category::KeyRef(super::index(target));
            }
        }
        self.refuse_ambiguous(&nodes)?;
        self.refuse_beside_unjudged(&nodes)
    }

    /// Refuses constraints in a schema whose documents may hold what the tracker is not
    /// shown or cannot compare: elements that wildcards or `xs:anyType` take without a
    /// declaration (which a selector could select, or a field find), and values of list or
    /// union types (equal item by item, or in the member that takes each).
    fn refuse_beside_unjudged(&self, nodes: &[(Node<'a, 'i>, NodeId)]) -> Result<()> {
        let Some(&(node, _)) = nodes.first() else {
            return Ok(());
        };
        let uses = |names: &[&str]| {
            self.root.descendants().any(|d| {
                d.tag_name().namespace() == Some(XS) && names.contains(&d.tag_name().name())
            })
        };
        let why = if self.schema.any_type.is_some() || uses(&["any", "anyAttribute"]) {
            "identity constraints in a schema with wildcards or `xs:anyType` are not supported"
        } else if uses(&["list", "union"]) {
            "identity constraints in a schema with list or union types are not supported"
        } else {
            return Ok(());
        };
        Err(self.unsupported(node, &qualified(node), why))
    }

    /// Refuses two declarations of one name and content, one of them with constraints:
    /// the validator knows an element's declaration by that pair.
    fn refuse_ambiguous(&self, nodes: &[(Node<'a, 'i>, NodeId)]) -> Result<()> {
        for &(node, declaration) in nodes {
            let Some(&(_, name, content)) = self
                .identity
                .declarations
                .iter()
                .find(|d| d.0 == declaration)
            else {
                continue;
            };
            let twin = self
                .identity
                .declarations
                .iter()
                .any(|d| d.0 != declaration && d.1 == name && d.2 == content);
            if twin {
                return Err(self.unsupported(
                    node,
                    &qualified(node),
                    "identity constraints on one of several element declarations with the same name and type are not supported",
                ));
            }
        }
        Ok(())
    }

    /// Whether an element of the declaration `declaration` may stand inside another one.
    fn may_nest(&self, declaration: NodeId) -> bool {
        let Some(&(_, name, content)) = self
            .identity
            .declarations
            .iter()
            .find(|d| d.0 == declaration)
        else {
            return true;
        };
        let mut seen = HashSet::new();
        let mut todo = vec![content];
        while let Some(c) = todo.pop() {
            let ContentRef::Complex(id) = c else {
                continue;
            };
            if !seen.insert(id) {
                continue;
            }
            let Some(ct) = self.schema.complex.get(id as usize) else {
                continue;
            };
            let decls = ct
                .particles
                .iter()
                .chain(ct.model.iter().flat_map(|m| m.decls.iter()));
            for p in decls {
                if p.name_id == name && p.content == content {
                    return true;
                }
                todo.push(p.content);
            }
        }
        false
    }
}

/// Whether the attribute declaration or use `d` may be one that `test` selects: by local
/// name, whatever its namespace (a conservative reading).
fn attribute_may_match(d: Node<'_, '_>, test: &NameTest) -> bool {
    let local = match (d.attribute("name"), d.attribute("ref")) {
        (Some(n), _) => n.trim(),
        (None, Some(r)) => r.trim().rsplit(':').next().unwrap_or(""),
        (None, None) => return true,
    };
    match test {
        NameTest::Any | NameTest::Namespace(_) => true,
        NameTest::Name(_, l) => **l == *local,
    }
}
