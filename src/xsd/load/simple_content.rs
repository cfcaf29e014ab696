//! `xs:simpleContent`: an element whose content is text of a simple type, with attributes.
//! An `xs:extension` of a simple type adds attributes to it; an extension of a complex type
//! with simple content adds attributes to that type's. A restriction of one is refused by
//! name for now.

use roxmltree::Node;

use super::{Loader, Result, qualified};
use crate::xsd::schema::{AttributeUse, ContentRef};
use crate::xsd::wildcard::Wildcard;

impl<'a, 'i> Loader<'a, 'i> {
    /// The simple type of the text of a complex type whose content is `node`, an
    /// `xs:simpleContent`; its attributes go to `attributes`.
    pub(super) fn simple_content(
        &mut self,
        node: Node<'a, 'i>,
        attributes: &mut Vec<AttributeUse>,
        wildcard: &mut Option<Wildcard>,
    ) -> Result<u32> {
        self.check_attributes(node, &["id"])?;
        let children = self.xs_children(node)?;
        let derivation = match children.as_slice() {
            [one] => *one,
            _ => {
                return Err(self.invalid(
                    node,
                    "xs:simpleContent",
                    "`xs:simpleContent` holds one `xs:extension` or `xs:restriction`".to_owned(),
                ));
            }
        };
        match derivation.tag_name().name() {
            "extension" => {}
            "restriction" => {
                return Err(self.unsupported(
                    derivation,
                    "xs:simpleContent/xs:restriction",
                    "restricting a complex type with simple content is not supported",
                ));
            }
            _ => {
                return Err(self.invalid(
                    derivation,
                    "xs:simpleContent",
                    format!(
                        "`xs:simpleContent` holds `xs:extension` or `xs:restriction`, not `{}`",
                        qualified(derivation)
                    ),
                ));
            }
        }
        self.check_attributes(derivation, &["base", "id"])?;
        let base = self.required_attr(derivation, "base")?;
        let mut base_wildcard = None;
        let text = match self.type_ref(derivation, base)? {
            ContentRef::Simple(id) => id,
            ContentRef::Complex(id) => {
                let compiled = self.complex_by_id(derivation, id)?;
                if let Some(&(_, declaration)) = self.named_complex.get(id as usize) {
                    self.refuse_final_extension(derivation, declaration, base)?;
                }
                let Some(text) = compiled.simple_content else {
                    return Err(self.invalid(
                        derivation,
                        "base",
                        format!(
                            "`{base}` has element content: a simple content extends a simple type or a type with simple content"
                        ),
                    ));
                };
                attributes.extend(compiled.attributes.iter().cloned());
                base_wildcard = compiled.attribute_wildcard.map(|w| *w);
                text
            }
        };
        let mut group_wildcards = Vec::new();
        let mut own = None;
        for child in self.xs_children(derivation)? {
            if own.is_some() {
                return Err(self.invalid_element(
                    child,
                    "`xs:anyAttribute` comes last in an extension".to_owned(),
                ));
            }
            match child.tag_name().name() {
                "attribute" | "attributeGroup" => {
                    self.attribute_uses(child, attributes, &mut group_wildcards)?;
                }
                "anyAttribute" => {
                    own = Some(self.wildcard(child, &["id", "namespace", "processContents"])?);
                }
                _ => {
                    return Err(self.invalid(
                        child,
                        "xs:extension",
                        format!(
                            "an extension of simple content adds attributes only, not `{}`",
                            qualified(child)
                        ),
                    ));
                }
            }
        }
        let complete = self.complete_wildcard(derivation, own, group_wildcards)?;
        *wildcard = self.extended_wildcard(derivation, base_wildcard, complete)?;
        Ok(text)
    }
}
