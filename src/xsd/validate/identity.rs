//! Identity constraints while the document streams: hands each validated element to the
//! [`Tracker`] and reports what it finds. Called only for schemas that have constraints.

use quick_xml::name::ResolveResult;

use super::findings::Said;
use super::{Frame, Kind, Machine, Tag, XSI};
use crate::diagnostic::{Code, Severity};
use crate::markup::attribute_value;
use crate::xsd::identity::Found;
use crate::xsd::identity::track::{Attr, Closing, KeyValue};
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::{ComplexType, ContentRef, Schema, SimpleType, TextMode};

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// The element just entered (its frame on top), declared as `name` with `content`.
    pub(super) fn identity_enter(
        &mut self,
        schema: &'s Schema,
        tag: Tag<'_, '_, L::Mark>,
        declared: (u32, ContentRef, bool),
        ct: Option<&'s ComplexType>,
    ) {
        let attrs = || attributes(schema, tag, ct);
        let wants = self
            .identity
            .enter(schema, declared, (tag.at, tag.after), attrs);
        if !wants {
            return;
        }
        // A field needs the element's value: keep its text whatever the type would keep.
        if let Some(frame) = self.frames.last_mut() {
            if let Kind::Simple { ty, .. } = frame.kind {
                let collapse = schema
                    .simple_type(ty)
                    .is_some_and(|st| st.whitespace() == crate::xsd::schema::WhiteSpace::Collapse);
                frame.kind = Kind::Simple {
                    ty,
                    text: TextMode::Buffer(collapse),
                };
            }
        }
    }

    /// The element of `frame` closes.
    pub(super) fn identity_close(&mut self, schema: &'s Schema, frame: Frame<L::Mark>) {
        // The tracker is taken out while it runs, so that it may read the machine.
        let mut tracker = std::mem::take(&mut self.identity);
        let found = {
            let text = &self.text;
            let closing = || match frame.kind {
                _ if frame.nil => Closing::Nil,
                Kind::Complex(_) => Closing::Complex,
                Kind::Simple { ty, .. } => Closing::Simple(
                    schema
                        .simple_type(ty)
                        .filter(|_| !frame.flagged && !frame.too_long)
                        .and_then(|st| KeyValue::of(st, text)),
                ),
            };
            let path = || self.path(None);
            tracker.close(schema, closing, path)
        };
        self.identity = tracker;
        for Found {
            at,
            after,
            path,
            message,
        } in found
        {
            if !self.room(Severity::Error) {
                continue;
            }
            let path = path.unwrap_or_else(|| self.path(None));
            self.push(
                Said {
                    code: Code::IdentityConstraint,
                    message,
                    help: None,
                    fixable: false,
                },
                Severity::Error,
                at,
                L::offset(after),
                path,
            );
        }
    }
}

/// The attributes of `tag`, typed by the declarations of `ct`; `xmlns` declarations are
/// not attributes, and a value the type refuses (reported as such) has no value here.
fn attributes<M>(schema: &Schema, tag: Tag<'_, '_, M>, ct: Option<&ComplexType>) -> Vec<Attr> {
    let mut out = Vec::new();
    for attr in tag.e.attributes().with_checks(false).flatten() {
        let key = attr.key.into_inner();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let Ok(value) = attribute_value(&attr) else {
            continue;
        };
        let (ns, local) = tag.scopes.resolver().resolve_attribute(attr.key);
        let ns = match ns {
            ResolveResult::Bound(n) => Some(n.into_inner().to_owned()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => continue,
        };
        let local = local.into_inner();
        let st = declared_type(schema, ct, ns.as_deref(), local);
        let value = match st {
            Some(st) => KeyValue::of(st, &value),
            // Undeclared: an error of its own, except the `xsi:` ones, read as text.
            None if ns.as_deref() == Some(XSI) => schema
                .simple_type(crate::xsd::schema::BUILTIN_IDS)
                .and_then(|st| KeyValue::of(st, &value)),
            None => None,
        };
        out.push(Attr {
            ns,
            local: local.to_owned(),
            value,
        });
    }
    out
}

/// The simple type `ct` declares for the attribute `local` in namespace `ns`.
fn declared_type<'s>(
    schema: &'s Schema,
    ct: Option<&ComplexType>,
    ns: Option<&str>,
    local: &str,
) -> Option<&'s SimpleType> {
    let qualified = match ns {
        None => false,
        Some(n) if schema.target_namespace() == Some(n) => true,
        Some(_) => return None,
    };
    let decl = ct?
        .attributes
        .iter()
        .find(|a| a.qualified == qualified && *a.name == *local)?;
    schema.simple_type(decl.simple)
}
