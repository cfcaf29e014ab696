//! Wildcards at work: a child that no declaration of its parent's content model takes but
//! an `xs:any` admits, an attribute that no use declares but an `xs:anyAttribute` admits,
//! and `xsi:type` on an element of `xs:anyType`, which may name any type.
//!
//! A child a wildcard admits is validated by its global declaration (`strict` and `lax`),
//! assessed as `xs:anyType` when it has none (`lax`, or `strict` with `xsi:type`), or
//! only read (`skip`). Such a child without a declaration has no name in the schema's
//! table: its frame carries [`WILD_NAME`] and its name waits in [`Machine::wild_names`].

use quick_xml::events::BytesStart;
use quick_xml::name::{QName, ResolveResult};

use super::elements::Declared;
use super::{Flow, Frame, Machine, Tag, XSI};
use crate::markup::{Scopes, attribute_value};
use crate::xsd::load::XS;
use crate::xsd::model::{Matcher, Model};
use crate::xsd::observe::{Level, Observer};
use crate::xsd::position::Locate;
use crate::xsd::schema::{AttributeUse, ComplexType, ContentRef, Schema};
use crate::xsd::wildcard::Process;

/// The name id of an element a wildcard took without a declaration.
pub(super) const WILD_NAME: u32 = u32::MAX;

/// What an attribute no use declares comes to.
pub(super) enum WildAttribute<'s> {
    /// No wildcard admits it: it is not allowed.
    NotAdmitted,
    /// Admitted and not checked (`skip`, or `lax` without a declaration).
    Accepted,
    /// Admitted, and validated by this global declaration.
    Declared(&'s AttributeUse),
    /// Admitted by a `strict` wildcard, but no global declaration exists.
    Undeclared,
}

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// Whether the innermost open element was taken by a wildcard without a declaration:
    /// assessed laxly, it is judged by no declaration's `xsi:nil` or `xsi:type` rules.
    pub(super) fn in_undeclared(&self) -> bool {
        self.frames.last().is_some_and(|f| f.name == WILD_NAME)
    }

    /// The name of element `id` for messages and paths: the schema's, or for the innermost
    /// element a wildcard took without a declaration, its own.
    pub(super) fn element_name<'m>(&'m self, schema: &'m Schema, id: u32) -> &'m str {
        if id == WILD_NAME {
            return self.wild_names.last().map_or("", |n| n);
        }
        schema.name(id)
    }

    /// The child `local` of an element whose `model` has wildcards, when no declaration
    /// takes it: `None` when no wildcard does either (it is then reported as unexpected).
    pub(super) fn wildcard_child(
        &mut self,
        schema: &'s Schema,
        model: &'s Model,
        frame: Frame<L::Mark>,
        tag: Tag<'_, '_, L::Mark>,
        local: &str,
    ) -> Option<Flow> {
        let Matcher::Dfa(dfa) = &model.matcher else {
            return None;
        };
        let state = u32::try_from(frame.state).ok()?;
        let ns = match tag.scopes.resolver().resolve_element(tag.e.name()).0 {
            ResolveResult::Bound(n) => Some(n.into_inner()),
            ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
        };
        let elements = model.decls.len();
        // Unique Particle Attribution leaves at most one wildcard that admits the child.
        let (w, wildcard, next) = model.wildcards.iter().enumerate().find_map(|(w, wc)| {
            let next = dfa.step(state, elements + w)?;
            wc.namespaces.admits(ns).then_some((w, wc, next))
        })?;
        if let Some(frame) = self.frames.last_mut() {
            frame.state = u64::from(next);
            frame.pos = u16::try_from(elements + w + 1).unwrap_or(u16::MAX);
        }
        if wildcard.process == Process::Skip {
            return Some(self.skip_element(tag.empty));
        }
        if ns == schema.target_namespace() {
            if let Some(root) = schema.root(local) {
                let declared = Declared {
                    content: root.content,
                    name: root.name,
                    value: root.value,
                    qualified: true,
                };
                return Some(self.enter_declared(schema, tag, declared, 0, Level::Inner));
            }
        }
        let Some(any) = schema.any_type else {
            return Some(self.skip_element(tag.empty));
        };
        // `strict` wants a declaration, or a type that `xsi:type` names.
        if wildcard.process == Process::Strict
            && self
                .xsi_type_of_any(schema, tag.e, tag.scopes, false)
                .is_none()
        {
            self.refuse_child(schema, frame.name, (tag.at, tag.after), local, |parent| {
                format!(
                    "element `{local}` has no global declaration and no `xsi:type` naming a type of the schema, one of which the wildcard of `{parent}` that admits it requires (`processContents=\"strict\"`)"
                )
            });
            return Some(self.skip_element(tag.empty));
        }
        self.wild_names.push(local.into());
        let declared = Declared {
            content: ContentRef::Complex(any),
            name: WILD_NAME,
            value: None,
            // Taken without a declaration: in whatever namespace it is, which no identity
            // constraint reads (they are refused beside wildcards).
            qualified: false,
        };
        Some(self.enter_declared(schema, tag, declared, 0, Level::Inner))
    }

    /// What the attribute `local` in namespace `ns`, which no use of `ct` declares, comes
    /// to under `ct`'s attribute wildcard.
    pub(super) fn wildcard_attribute(
        &self,
        ct: Option<&'s ComplexType>,
        ns: Option<&str>,
        local: &str,
    ) -> WildAttribute<'s> {
        let (Some(schema), Some(wildcard)) = (
            self.schema,
            ct.and_then(|c| c.attribute_wildcard.as_deref()),
        ) else {
            return WildAttribute::NotAdmitted;
        };
        if !wildcard.namespaces.admits(ns) {
            return WildAttribute::NotAdmitted;
        }
        if wildcard.process == Process::Skip {
            return WildAttribute::Accepted;
        }
        let declared = (ns == schema.target_namespace())
            .then(|| schema.global_attributes.iter().find(|a| *a.name == *local))
            .flatten();
        match (declared, wildcard.process) {
            (Some(decl), _) => WildAttribute::Declared(decl),
            (None, Process::Strict) => WildAttribute::Undeclared,
            (None, _) => WildAttribute::Accepted,
        }
    }

    /// The type an `xsi:type` on an element of `xs:anyType` names, when it names one the
    /// element may take: every type derives from `xs:anyType`, unless `blocks` (an element
    /// declared of `xs:anyType`, whose declaration takes `blockDefault`) and `blockDefault`
    /// blocks the derivation. `None` leaves the element as it is, and the attribute is
    /// then judged as any other `xsi:type` (or, on an element without a declaration, not
    /// at all).
    pub(super) fn xsi_type_of_any(
        &self,
        schema: &'s Schema,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        blocks: bool,
    ) -> Option<ContentRef> {
        let value = xsi_type_value(e, scopes)?;
        let (resolved, local) = scopes.resolver().resolve_element(QName(value.trim()));
        let local = local.into_inner();
        let ns = match resolved {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => return None,
        };
        if ns == Some(XS) && local == "anyType" {
            return schema.any_type.map(ContentRef::Complex);
        }
        // Every other type derives from `xs:anyType` through a restriction: the built-ins
        // and simple types through `xs:anySimpleType`, complex types directly or (with
        // simple content) through their simple base.
        if blocks && schema.block_restriction {
            return None;
        }
        let complex = (ns == schema.target_namespace())
            .then(|| {
                schema
                    .complex
                    .iter()
                    .position(|c| c.name.as_deref() == Some(local))
            })
            .flatten();
        if let Some(i) = complex {
            let ct = schema.complex.get(i)?;
            // A complex type with simple content extends its base, as one with an
            // `xs:complexContent/xs:extension` does.
            let extends = ct.simple_content.is_some() || ct.extends.is_some();
            if blocks && extends && schema.block_extension {
                return None;
            }
            return u32::try_from(i).ok().map(ContentRef::Complex);
        }
        schema.named_simple_type(ns, local).map(ContentRef::Simple)
    }
}

/// The value of the `xsi:type` attribute of `e`, if it has one that reads.
pub(super) fn xsi_type_value(e: &BytesStart<'_>, scopes: &Scopes) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find_map(|attr| {
            let (ns, local) = scopes.resolver().resolve_attribute(attr.key);
            let is_xsi_type = matches!(ns, ResolveResult::Bound(n) if n.into_inner() == XSI)
                && local.into_inner() == "type";
            if !is_xsi_type {
                return None;
            }
            attribute_value(&attr).ok().map(|v| v.into_owned())
        })
}
