//! `default` and `fixed` on element declarations: one of the two at most, only on an
//! element whose content is text (a simple type, or a complex type with simple content),
//! and a value of that type (XSD part 1, 3.3.6, e-props-correct).

use roxmltree::Node;

use super::{Loader, Result};
use crate::xsd::schema::{ContentRef, ValueConstraint};

impl<'a, 'i> Loader<'a, 'i> {
    /// The `default` or `fixed` value of the element declaration `node`, whose content is
    /// `content`, by index into the schema's values; read once per declaration.
    pub(super) fn element_value(
        &mut self,
        node: Node<'a, 'i>,
        content: ContentRef,
    ) -> Result<Option<u32>> {
        if let Some(&value) = self.value_cache.get(&node.id()) {
            return Ok(value);
        }
        let (attr, fixed, text) = match (node.attribute("default"), node.attribute("fixed")) {
            (None, None) => {
                self.value_cache.insert(node.id(), None);
                return Ok(None);
            }
            (Some(_), Some(_)) => {
                return Err(self.invalid(
                    node,
                    "fixed",
                    "an element takes `default` or `fixed`, not both",
                ));
            }
            (Some(text), None) => ("default", false, text),
            (None, Some(text)) => ("fixed", true, text),
        };
        self.schema.values.push(ValueConstraint {
            fixed,
            text: text.into(),
        });
        let id = u32::try_from(self.schema.values.len() - 1).unwrap_or(u32::MAX);
        self.value_cache.insert(node.id(), Some(id));
        // The type may be one still being compiled (an element inside its own type):
        // checked once every type is.
        self.values_to_check.push((node, content, attr));
        Ok(Some(id))
    }

    /// Checks each element's `default` or `fixed` value against its type.
    pub(super) fn check_element_values(&mut self) -> Result<()> {
        for (node, content, attr) in std::mem::take(&mut self.values_to_check) {
            let text = node.attribute(attr).unwrap_or("");
            let simple = match content {
                ContentRef::Simple(id) => Some(id),
                ContentRef::Complex(id) => self
                    .schema
                    .complex_type(id)
                    .and_then(|ct| ct.simple_content),
            };
            let Some(st) = simple.and_then(|id| self.schema.simple_type(id)) else {
                let mixed = match content {
                    ContentRef::Complex(id) => {
                        self.schema.complex_type(id).is_some_and(|ct| ct.mixed)
                    }
                    ContentRef::Simple(_) => false,
                };
                if mixed {
                    // XSD 1.0 allows it when the elements are optional, and then wants the
                    // value as the text of an element without children: not judged yet.
                    return Err(self.unsupported(
                        node,
                        &format!("xs:element/@{attr}"),
                        &format!(
                            "a `{attr}` value on an element of mixed content is not supported"
                        ),
                    ));
                }
                return Err(self.invalid(
                    node,
                    attr,
                    format!(
                        "only an element whose content is text takes a `{attr}` value, and this one holds elements"
                    ),
                ));
            };
            if st.is_id() {
                return Err(self.invalid(
                    node,
                    attr,
                    format!("an element of an ID type takes no `{attr}` value"),
                ));
            }
            if st.has_id_values() {
                // An empty element holds the value, which would then refer to IDs too.
                return Err(self.unsupported(
                    node,
                    &format!("xs:element/@{attr}"),
                    "a `default` or `fixed` value of an IDREF type is not supported",
                ));
            }
            if let Err(rejected) = crate::xsd::builtin::check(st, text) {
                return Err(self.invalid(
                    node,
                    attr,
                    format!(
                        "`{text}` is not a value of the element's type: {}",
                        rejected.message
                    ),
                ));
            }
        }
        Ok(())
    }
}
