//! `xsi:type` on an element of a complex type: a type derived from the declared one by
//! extension, step by step, may stand in for it unless `blockDefault` blocks extension
//! (XSD 1.0 part 1, 3.3.4, Element Locally Valid (Element) 4.3, and 3.4.6, Type
//! Derivation OK (Complex)).

use quick_xml::events::BytesStart;
use quick_xml::name::{QName, ResolveResult};

use super::Machine;
use super::wildcards::xsi_type_value;
use crate::markup::Scopes;
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::Schema;

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// The complex type an `xsi:type` on an element declared of the complex type
    /// `declared` names, when it is another one derived from it that may stand in for it.
    /// `None` leaves the element of its declared type, the attribute then judged as any
    /// other `xsi:type`.
    pub(super) fn xsi_type_derived(
        &self,
        schema: &'s Schema,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        declared: u32,
    ) -> Option<u32> {
        let value = xsi_type_value(e, scopes)?;
        let (resolved, local) = scopes.resolver().resolve_element(QName(value.trim()));
        let ns = match resolved {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => return None,
        };
        let local = local.into_inner();
        if ns != schema.target_namespace() {
            return None;
        }
        let named = schema
            .complex
            .iter()
            .position(|c| c.name.as_deref() == Some(local))?;
        let named = u32::try_from(named).ok()?;
        (named != declared && schema.complex_derives_from(named, declared)).then_some(named)
    }
}
