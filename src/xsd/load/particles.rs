//! Content models as the loader reads them: model groups (`xs:sequence`, `xs:choice`,
//! `xs:all`) with their occurrence bounds, named groups (`xs:group ref=`), local element
//! declarations and references to global ones, with the constraints XSD 1.0 puts on them.
//!
//! One flat sequence of distinct names, the form the OSC schemas use, stays a slice of
//! particles the validator matches by position; any other content model is compiled into
//! an automaton by [`crate::xsd::model`].

use std::collections::HashMap;

use roxmltree::{Node, NodeId};

use super::complex_content::Part;
use super::{Loader, Result, index, qualified};
use crate::xsd::model::{self, MAX_POSITIONS, Model, ModelError, Occurs, Term};
use crate::xsd::schema::{ContentRef, NameKey, Particle, UNBOUNDED};
use crate::xsd::wildcard::Wildcard;

/// The most particles one content model may have once its group references are
/// replaced by their groups, so that groups referring to each other many times over
/// cannot make loading slow.
const MAX_TERMS: usize = MAX_POSITIONS * 4;

/// What reading one content model gathers.
#[derive(Default)]
pub(super) struct Build<'a, 'i> {
    /// The element declarations, one per name; `min` and `max` are left for
    /// [`model::compile`].
    decls: Vec<Particle>,
    /// The `xs:element` that first declared each of `decls`, for messages.
    decl_nodes: Vec<Node<'a, 'i>>,
    /// Each name's index in `decls`.
    decl_of: HashMap<&'a str, usize>,
    /// The `xs:element` of each element particle: its identity for Unique Particle
    /// Attribution.
    particles: Vec<Node<'a, 'i>>,
    /// Each `xs:element`'s index in `particles`.
    particle_of: HashMap<NodeId, usize>,
    /// Particles read, group references counted each time.
    terms: usize,
    /// The wildcards (`xs:any`), one per `xs:any` of the schema.
    wildcards: Vec<Wildcard>,
    /// Each `xs:any`'s index in `wildcards`.
    wildcard_of: HashMap<NodeId, usize>,
}

impl<'a, 'i> Build<'a, 'i> {
    /// The index of the particle `node` (an `xs:element` or `xs:any`), numbered the first
    /// time it is read: a particle a named group brings twice is one particle.
    fn particle(&mut self, node: Node<'a, 'i>) -> usize {
        let next = self.particles.len();
        let particle = *self.particle_of.entry(node.id()).or_insert(next);
        if particle == next {
            self.particles.push(node);
        }
        particle
    }
}

impl<'a, 'i> Loader<'a, 'i> {
    /// The content model `node` (the model group or group reference a complex type
    /// holds): a flat sequence as particles, anything else as a compiled [`Model`].
    pub(super) fn content_model(
        &mut self,
        node: Node<'a, 'i>,
    ) -> Result<(Vec<Particle>, Option<Box<Model>>)> {
        self.content_model_of(&[Part::Node(node)], node)
    }

    /// The content model whose particle is `parts` in sequence (one alone when there is
    /// one: a base type's and an extension's, XSD 1.0 part 1, 3.4.2), for the type
    /// written at `at`; as [`Loader::content_model`].
    pub(super) fn content_model_of(
        &mut self,
        parts: &[Part<'a, 'i>],
        at: Node<'a, 'i>,
    ) -> Result<(Vec<Particle>, Option<Box<Model>>)> {
        let mut build = Build::default();
        let top = match parts {
            [] => None,
            [one] => self.part_particle(*one, at, &mut build, true)?,
            _ => {
                let mut items = Vec::new();
                for part in parts {
                    items.extend(self.part_particle(*part, at, &mut build, false)?);
                }
                Some(Occurs {
                    term: Term::Sequence(items),
                    min: 1,
                    max: 1,
                })
            }
        };
        let Some(top) = top else {
            return Ok((Vec::new(), None));
        };
        let node = match parts {
            [Part::Node(one)] => *one,
            _ => at,
        };
        if let Some(flat) = flat_sequence(&top, &build.decls) {
            if flat.len() > usize::from(u16::MAX) {
                return Err(self.unsupported(node, &qualified(node), "the sequence is too long"));
            }
            return Ok((flat, None));
        }
        if !build.wildcards.is_empty() {
            // A child a wildcard takes without a declaration is assessed as `xs:anyType`.
            self.any_type_id()?;
        }
        match model::compile(&top, build.decls, build.wildcards, self.tns) {
            Ok(m) => Ok((Vec::new(), Some(Box::new(m)))),
            Err(ModelError::Ambiguous { first, second }) => {
                let at = |k: u32| build.particles.get(k as usize).copied();
                let (Some(first), Some(second)) = (at(first), at(second)) else {
                    return Err(self.invalid(node, "xs:element", "ambiguous content model"));
                };
                let p = self.pos_at(first.range().start);
                // `xs:anyType`'s wildcard, which an extension of it inherits, is placed at the
                // extension.
                let wild = |n: Node<'_, '_>| matches!(n.tag_name().name(), "any" | "extension");
                let (field, message) = if wild(first) || wild(second) {
                    (
                        qualified(second),
                        format!(
                            "a child could match this particle or the one at {}:{}, a wildcard admitting names the other admits too (Unique Particle Attribution)",
                            p.line, p.column
                        ),
                    )
                } else {
                    (
                        "xs:element".to_owned(),
                        format!(
                            "an element `{}` could match this particle or the one at {}:{} (Unique Particle Attribution)",
                            element_name(second),
                            p.line,
                            p.column
                        ),
                    )
                };
                Err(self.invalid(second, &field, message))
            }
            Err(ModelError::TooLarge) => Err(self.unsupported(
                node,
                "maxOccurs",
                "the content model is too large to compile (past 4096 positions or states once occurrence bounds are unrolled, or past 64 elements in an `xs:all`); write it with smaller bounds or `unbounded`",
            )),
        }
    }

    /// One part of a content model: a model group of the schema, or `xs:anyType`'s
    /// wildcard (any element, assessed laxly, any number of times) placed at `at`.
    fn part_particle(
        &mut self,
        part: Part<'a, 'i>,
        at: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
        top: bool,
    ) -> Result<Option<Occurs>> {
        let node = match part {
            Part::Node(node) => return self.particle(node, build, top),
            Part::AnyType => at,
        };
        let next = build.wildcards.len();
        let w = *build.wildcard_of.entry(node.id()).or_insert(next);
        if w == next {
            build.wildcards.push(Wildcard::any_lax());
        }
        let particle = build.particle(node);
        Ok(Some(Occurs {
            term: Term::Wildcard {
                wildcard: index(w),
                particle: index(particle),
            },
            min: 0,
            max: UNBOUNDED,
        }))
    }

    /// Checks a named group on its own, used or not: its references resolve and it does
    /// not contain itself.
    pub(super) fn check_group(&mut self, node: Node<'a, 'i>) -> Result<()> {
        let mut build = Build::default();
        self.group_body(node, &mut build).map(drop)
    }

    /// One particle: `None` when it may not occur at all (`maxOccurs="0"`).
    fn particle(
        &mut self,
        node: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
        top: bool,
    ) -> Result<Option<Occurs>> {
        build.terms += 1;
        if build.terms > MAX_TERMS {
            return Err(self.unsupported(
                node,
                "xs:group",
                "the content model is too large once its groups are written out",
            ));
        }
        let name = node.tag_name().name();
        match name {
            "element" => self.element_particle(node, build),
            "sequence" | "choice" | "all" => {
                self.only_attributes(node, &["id", "minOccurs", "maxOccurs"])?;
                let (min, max) = self.occurs_of(node)?;
                if name == "all" {
                    self.all_bounds(node, top, min, max)?;
                }
                let term = self.model_group(node, build)?;
                Ok((max > 0).then_some(Occurs { term, min, max }))
            }
            "group" => self.group_ref(node, build, top),
            "any" => self.wildcard_particle(node, build),
            _ => Err(self.invalid_element(
                node,
                format!("`{}` cannot stand in a content model", qualified(node)),
            )),
        }
    }

    /// `xs:all`'s own bounds: `minOccurs` 0 or 1, `maxOccurs` 1, and only as the whole
    /// content model.
    fn all_bounds(&self, node: Node<'a, 'i>, top: bool, min: u32, max: u32) -> Result<()> {
        if !top {
            return Err(self.invalid(
                node,
                "xs:all",
                "`xs:all` may only be the whole content model of a complex type, not inside another group",
            ));
        }
        if min > 1 || max != 1 {
            return Err(self.invalid(
                node,
                "xs:all",
                "`xs:all` may only have `minOccurs` 0 or 1 and `maxOccurs` 1",
            ));
        }
        Ok(())
    }

    /// The term of a model group: its particles, in order.
    fn model_group(&mut self, node: Node<'a, 'i>, build: &mut Build<'a, 'i>) -> Result<Term> {
        let all = node.tag_name().name() == "all";
        let mut items = Vec::new();
        for child in self.xs_children(node)? {
            if all {
                if child.tag_name().name() != "element" {
                    return Err(self.invalid_element(child, "`xs:all` may only hold `xs:element`"));
                }
                if let Some(item) = self.element_particle(child, build)? {
                    if item.max > 1 {
                        return Err(self.invalid(
                            child,
                            "maxOccurs",
                            "an element in `xs:all` may occur at most once",
                        ));
                    }
                    items.push(item);
                }
                continue;
            }
            if let Some(item) = self.particle(child, build, false)? {
                items.push(item);
            }
        }
        Ok(match node.tag_name().name() {
            "choice" => Term::Choice(items),
            "all" => Term::All(items),
            _ => Term::Sequence(items),
        })
    }

    /// `xs:group ref=`: the group's model group, with the reference's bounds.
    fn group_ref(
        &mut self,
        node: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
        top: bool,
    ) -> Result<Option<Occurs>> {
        self.only_attributes(node, &["ref", "id", "minOccurs", "maxOccurs"])?;
        if let Some(child) = self.xs_children(node)?.first() {
            return Err(
                self.invalid_element(*child, "a group reference holds nothing but an annotation")
            );
        }
        let qname = self.required_attr(node, "ref")?;
        let (min, max) = self.occurs_of(node)?;
        let local = self.resolve_ref(node, qname, "group")?;
        let Some(&(_, group)) = self.named_groups.iter().find(|(n, _)| *n == local) else {
            return Err(self.invalid(
                node,
                "ref",
                format!("group `{qname}` is not defined in the schema"),
            ));
        };
        let Some((term, inner)) = self.group_body(group, build)? else {
            return Ok(None);
        };
        if let Term::All(_) = term {
            if !top || max != 1 {
                return Err(self.invalid(
                    node,
                    "ref",
                    format!(
                        "group `{qname}` is an `xs:all`, which may only be referred to as the whole content model, at most once"
                    ),
                ));
            }
            self.all_bounds(inner, true, min, max)?;
        }
        Ok((max > 0).then_some(Occurs { term, min, max }))
    }

    /// The model group of the named group `group` and the node that holds it; `None`
    /// when it is empty of content (a group of nothing).
    fn group_body(
        &mut self,
        group: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
    ) -> Result<Option<(Term, Node<'a, 'i>)>> {
        if self.groups_open.contains(&group.id()) {
            let name = group.attribute("name").unwrap_or("");
            return Err(self.invalid(group, "xs:group", format!("group `{name}` contains itself")));
        }
        let children = self.xs_children(group)?;
        let inner = match children.as_slice() {
            [one] if matches!(one.tag_name().name(), "sequence" | "choice" | "all") => *one,
            _ => {
                return Err(self.invalid(
                    group,
                    "xs:group",
                    "a named group holds exactly one `xs:sequence`, `xs:choice` or `xs:all`",
                ));
            }
        };
        // The bounds belong on the references to the group.
        self.only_attributes(inner, &["id"])?;
        self.groups_open.push(group.id());
        let term = self.model_group(inner, build);
        self.groups_open.pop();
        Ok(Some((term?, inner)))
    }

    /// `xs:element` as a particle: a local declaration or a reference to a global one.
    fn element_particle(
        &mut self,
        node: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
    ) -> Result<Option<Occurs>> {
        let (name, content, qualified, value) = if let Some(qname) = node.attribute("ref") {
            self.only_attributes(node, &["ref", "id", "minOccurs", "maxOccurs"])?;
            if let Some(child) = self.xs_children(node)?.first() {
                return Err(self.invalid_element(
                    *child,
                    "an element reference holds nothing but an annotation",
                ));
            }
            let local = self.resolve_ref(node, qname, "element")?;
            let Some(&(name, global)) = self.globals.iter().find(|(n, _)| *n == local) else {
                return Err(self.invalid(
                    node,
                    "ref",
                    format!("element `{qname}` is not declared in the schema"),
                ));
            };
            // A global element is always in the target namespace.
            let content = self.element_decl(global, name)?;
            (name, content, true, self.element_value(global, content)?)
        } else {
            self.check_attributes(
                node,
                &[
                    "name",
                    "type",
                    "minOccurs",
                    "maxOccurs",
                    "id",
                    "form",
                    "nillable",
                    "default",
                    "fixed",
                ],
            )?;
            self.refuse_true(node, "nillable")?;
            let is_qualified = self
                .form_attr(node, "form")?
                .unwrap_or(self.elements_qualified);
            let name = self.required_attr(node, "name")?;
            let content = self.element_decl(node, name)?;
            (
                name,
                content,
                is_qualified,
                self.element_value(node, content)?,
            )
        };
        let (min, max) = self.occurs_of(node)?;
        if max == 0 {
            return Ok(None);
        }
        let decl = match build.decl_of.get(name).copied() {
            // Without a target namespace both forms name the element in no namespace.
            Some(k)
                if self.tns.is_some()
                    && build.decls.get(k).is_some_and(|d| d.qualified != qualified) =>
            {
                return Err(self.unsupported(
                    node,
                    "xs:element/@form",
                    &format!(
                        "element `{name}` is named both in the target namespace and in none in the same content model, which the validator does not tell apart"
                    ),
                ));
            }
            Some(k) if build.decls.get(k).is_some_and(|d| d.value != value) => {
                return Err(self.unsupported(
                    node,
                    "xs:element/@fixed",
                    &format!(
                        "element `{name}` is declared twice in the same content model with a `default` or `fixed` value, which the validator does not tell apart"
                    ),
                ));
            }
            Some(k) if build.decls.get(k).is_some_and(|d| d.content != content) => {
                let first = build.decl_nodes.get(k).copied().unwrap_or(node);
                let p = self.pos_at(first.range().start);
                return Err(self.invalid(
                    node,
                    "type",
                    format!(
                        "element `{name}` is declared with another type at {}:{} in the same content model (Element Declarations Consistent)",
                        p.line, p.column
                    ),
                ));
            }
            Some(k) => k,
            None => {
                let name_id = self.schema.intern(name);
                build.decls.push(Particle {
                    name: name.into(),
                    key: NameKey::of(name),
                    name_id,
                    content,
                    min: 0,
                    max: 0,
                    qualified,
                    value,
                });
                build.decl_nodes.push(node);
                build.decl_of.insert(name, build.decls.len() - 1);
                build.decls.len() - 1
            }
        };
        let particle = build.particle(node);
        Ok(Some(Occurs {
            term: Term::Element {
                decl: index(decl),
                particle: index(particle),
            },
            min,
            max,
        }))
    }

    /// `xs:any` as a particle.
    fn wildcard_particle(
        &mut self,
        node: Node<'a, 'i>,
        build: &mut Build<'a, 'i>,
    ) -> Result<Option<Occurs>> {
        let wildcard = self.wildcard(
            node,
            &[
                "id",
                "minOccurs",
                "maxOccurs",
                "namespace",
                "processContents",
            ],
        )?;
        let (min, max) = self.occurs_of(node)?;
        if max == 0 {
            return Ok(None);
        }
        let next = build.wildcards.len();
        let w = *build.wildcard_of.entry(node.id()).or_insert(next);
        if w == next {
            build.wildcards.push(wildcard);
        }
        let particle = build.particle(node);
        Ok(Some(Occurs {
            term: Term::Wildcard {
                wildcard: index(w),
                particle: index(particle),
            },
            min,
            max,
        }))
    }

    /// The content of the element declaration `node`, compiled once however often a
    /// group or a reference brings it in.
    pub(super) fn element_decl(&mut self, node: Node<'a, 'i>, name: &str) -> Result<ContentRef> {
        if let Some(&content) = self.element_cache.get(&node.id()) {
            return Ok(content);
        }
        // The groups open around this element do not contain its type's content model.
        let open = std::mem::take(&mut self.groups_open);
        let content = self.element_content(node, name);
        self.groups_open = open;
        let content = content?;
        self.cache_element(node.id(), content);
        Ok(content)
    }

    /// Remembers the content of the element declaration `id`.
    pub(super) fn cache_element(&mut self, id: NodeId, content: ContentRef) {
        self.element_cache.entry(id).or_insert(content);
    }

    /// The local name a `ref` QName names, which must be in the target namespace.
    fn resolve_ref(&self, node: Node<'a, 'i>, qname: &'a str, what: &str) -> Result<&'a str> {
        let qname = qname.trim_matches([' ', '\t', '\r', '\n']);
        let (namespace, local) = self.qname(node, qname, "ref")?;
        if namespace != self.tns {
            // Other namespaces come in only through `xs:import`, which a loaded schema never
            // has: the reference cannot resolve.
            let ns = match namespace {
                Some(ns) => format!("namespace `{ns}`"),
                None => "no namespace".to_string(),
            };
            return Err(self.invalid(
                node,
                "ref",
                format!(
                    "{what} `{qname}` is in {ns}, not the schema's target namespace, and no schema for it is imported"
                ),
            ));
        }
        Ok(local)
    }

    /// Makes any unqualified attribute other than `allowed` an error: the schema for schemas
    /// allows no other on these elements, and every one it allows is supported.
    pub(super) fn only_attributes(&self, node: Node<'a, 'i>, allowed: &[&str]) -> Result<()> {
        for attr in node.attributes() {
            if attr.namespace().is_none() && !allowed.contains(&attr.name()) {
                let pos = self.pos_at(attr.range().start);
                return Err(crate::error::Error::InvalidValue {
                    field: attr.name().to_string(),
                    message: format!("`{}` takes no attribute `{}`", qualified(node), attr.name()),
                    pos,
                });
            }
        }
        Ok(())
    }

    /// `minOccurs` and `maxOccurs` of a particle, 1 when absent.
    fn occurs_of(&self, node: Node<'a, 'i>) -> Result<(u32, u32)> {
        let min = match node.attribute("minOccurs") {
            Some(v) => self.occurs(node, "minOccurs", v)?,
            None => 1,
        };
        let max = match node.attribute("maxOccurs") {
            Some(v) if v.trim_matches([' ', '\t', '\r', '\n']) == "unbounded" => UNBOUNDED,
            Some(v) => self.occurs(node, "maxOccurs", v)?,
            None => 1,
        };
        if max < min {
            return Err(self.invalid(
                node,
                "maxOccurs",
                format!(
                    "`{}` has `maxOccurs` {max} below `minOccurs` {min}",
                    qualified(node)
                ),
            ));
        }
        Ok((min, max))
    }
}

/// The particles of `top` when it is one sequence, occurring once, of elements with
/// distinct names, sequences nested in it occurring once written out in place: the form
/// the validator matches by position.
fn flat_sequence(top: &Occurs, decls: &[Particle]) -> Option<Vec<Particle>> {
    fn gather(
        o: &Occurs,
        decls: &[Particle],
        out: &mut Vec<Particle>,
        used: &mut Vec<u32>,
    ) -> bool {
        match &o.term {
            Term::Element { decl, .. } => {
                if used.contains(decl) {
                    return false;
                }
                used.push(*decl);
                let Some(d) = decls.get(*decl as usize) else {
                    return false;
                };
                out.push(Particle {
                    min: o.min,
                    max: o.max,
                    ..d.clone()
                });
                true
            }
            Term::Sequence(items) if o.min == 1 && o.max == 1 => {
                items.iter().all(|i| gather(i, decls, out, used))
            }
            _ => false,
        }
    }
    if !matches!(top.term, Term::Sequence(_)) {
        return None;
    }
    let mut out = Vec::new();
    let mut used = Vec::new();
    gather(top, decls, &mut out, &mut used).then_some(out)
}

/// The name an `xs:element` declares or refers to, for messages.
fn element_name<'a>(node: Node<'a, '_>) -> &'a str {
    node.attribute("name")
        .or_else(|| node.attribute("ref"))
        .unwrap_or("")
}
