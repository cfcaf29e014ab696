//! Wildcards as the loader reads them (`xs:any`, `xs:anyAttribute`), the attribute
//! wildcard a type ends up with when attribute groups and a base bring several, and
//! `xs:anyType`, the type whose content and attributes are wildcards.

use roxmltree::Node;

use super::{Loader, Result, qualified};
use crate::xsd::model::{self, Occurs, Term};
use crate::xsd::schema::{ComplexType, UNBOUNDED};
use crate::xsd::wildcard::{Namespaces, NotExpressible, Process, Wildcard};

impl<'a, 'i> Loader<'a, 'i> {
    /// An `xs:any` or `xs:anyAttribute`: its `namespace` and `processContents`; `allowed`
    /// are the attributes it may carry.
    pub(super) fn wildcard(&self, node: Node<'a, 'i>, allowed: &[&str]) -> Result<Wildcard> {
        for later in ["notQName", "notNamespace"] {
            if node.attribute(later).is_some() {
                // XSD 1.1's, unknown to XSD 1.0: which of the two a schema meant is not
                // for the loader to guess.
                return Err(self.unsupported(
                    node,
                    &format!("{}/@{later}", qualified(node)),
                    &format!("`{later}` belongs to XML Schema 1.1, which is not supported"),
                ));
            }
        }
        self.only_attributes(node, allowed)?;
        if let Some(inside) = self.xs_children(node)?.first() {
            return Err(self.invalid(
                *inside,
                &qualified(node),
                format!(
                    "a wildcard holds only `xs:annotation`, not `{}`",
                    qualified(*inside)
                ),
            ));
        }
        let process = match node
            .attribute("processContents")
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
        {
            None | Some("strict") => Process::Strict,
            Some("lax") => Process::Lax,
            Some("skip") => Process::Skip,
            Some(other) => {
                return Err(self.invalid(
                    node,
                    "processContents",
                    format!("`{other}` is not one of `strict`, `lax`, `skip`"),
                ));
            }
        };
        let namespaces = match node.attribute("namespace") {
            None => Namespaces::Any,
            Some(value) => self.namespace_constraint(node, value)?,
        };
        Ok(Wildcard {
            namespaces,
            process,
        })
    }

    /// A wildcard's `namespace`: `##any`, `##other`, or a list of URIs, `##targetNamespace`
    /// and `##local`.
    fn namespace_constraint(&self, node: Node<'a, 'i>, value: &str) -> Result<Namespaces> {
        let tokens: Vec<&str> = value
            .split([' ', '\t', '\r', '\n'])
            .filter(|t| !t.is_empty())
            .collect();
        match tokens.as_slice() {
            ["##any"] => return Ok(Namespaces::Any),
            ["##other"] => return Ok(Namespaces::Not(self.tns.map(Into::into))),
            _ => {}
        }
        let mut list: Vec<Option<Box<str>>> = Vec::new();
        for token in tokens {
            let ns = match token {
                "##targetNamespace" => self.tns.map(Into::into),
                "##local" => None,
                _ if token.starts_with("##") => {
                    return Err(self.invalid(
                        node,
                        "namespace",
                        format!(
                            "`{token}` is not a namespace: write `##any`, `##other`, or URIs with `##targetNamespace` and `##local`"
                        ),
                    ));
                }
                uri => Some(uri.into()),
            };
            if !list.contains(&ns) {
                list.push(ns);
            }
        }
        Ok(Namespaces::Only(list.into()))
    }

    /// The attribute wildcard of a complex type or attribute group (XSD 1.0's complete
    /// wildcard): its own `xs:anyAttribute` (`local`, written at `node`) intersected with
    /// those of the attribute groups it refers to; `processContents` is its own, or the
    /// first group's when it has none.
    pub(super) fn complete_wildcard(
        &self,
        node: Node<'a, 'i>,
        local: Option<Wildcard>,
        groups: Vec<Wildcard>,
    ) -> Result<Option<Wildcard>> {
        let mut all = local.into_iter().chain(groups);
        let Some(mut complete) = all.next() else {
            return Ok(None);
        };
        for other in all {
            complete.namespaces = complete
                .namespaces
                .intersect(&other.namespaces)
                .map_err(|NotExpressible| {
                    self.unsupported(
                        node,
                        "xs:anyAttribute",
                        "the intersection of these attribute wildcards (the negations of two namespaces) is not expressible in XML Schema 1.0",
                    )
                })?;
        }
        Ok(Some(complete))
    }

    /// The attribute wildcard of an extension whose own complete wildcard is `own` and whose
    /// base has `base`: their union, with the extension's `processContents`.
    pub(super) fn extended_wildcard(
        &self,
        node: Node<'a, 'i>,
        base: Option<Wildcard>,
        own: Option<Wildcard>,
    ) -> Result<Option<Wildcard>> {
        Ok(match (base, own) {
            (None, w) | (w, None) => w,
            (Some(base), Some(mut own)) => {
                own.namespaces = own.namespaces.union(&base.namespaces).map_err(
                    |NotExpressible| {
                        self.unsupported(
                            node,
                            "xs:anyAttribute",
                            "the union of the base type's attribute wildcard and this one is not expressible in XML Schema 1.0",
                        )
                    },
                )?;
                Some(own)
            }
        })
    }

    /// `xs:anyType`'s id in the schema's complex types, compiled on first use: any
    /// attributes and any children (each assessed laxly), text among them.
    pub(super) fn any_type_id(&mut self) -> Result<u32> {
        if let Some(id) = self.schema.any_type {
            return Ok(id);
        }
        let top = Occurs {
            term: Term::Wildcard {
                wildcard: 0,
                particle: 0,
            },
            min: 0,
            max: UNBOUNDED,
        };
        let model = model::compile(&top, Vec::new(), vec![Wildcard::any_lax()], self.tns).map_err(
            |_| {
                self.invalid(
                    self.root,
                    "xs:anyType",
                    "internal: the content model of `xs:anyType` does not compile",
                )
            },
        )?;
        let any = ComplexType {
            model: Some(Box::new(model)),
            mixed: true,
            attribute_wildcard: Some(Box::new(Wildcard::any_lax())),
            ..ComplexType::default()
        };
        self.schema.complex.push(any);
        let id = super::index(self.schema.complex.len() - 1);
        self.schema.any_type = Some(id);
        Ok(id)
    }

    /// A boolean attribute (`mixed`): `false` when absent.
    pub(super) fn boolean_attr(&self, node: Node<'a, 'i>, attr: &str) -> Result<bool> {
        match node
            .attribute(attr)
            .map(|v| v.trim_matches([' ', '\t', '\r', '\n']))
        {
            None | Some("false" | "0") => Ok(false),
            Some("true" | "1") => Ok(true),
            Some(other) => Err(self.invalid(
                node,
                attr,
                format!("`{other}` is not a boolean (`true` or `false`)"),
            )),
        }
    }
}
