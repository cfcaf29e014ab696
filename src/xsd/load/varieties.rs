//! Simple types that are lists or unions (`xs:list`, `xs:union`), and restrictions of them:
//! which facets apply (XSD part 2, 4.1.5: the length facets, `pattern`, `enumeration` and
//! `whiteSpace` to lists; `pattern` and `enumeration` to unions), and that they only narrow
//! the base.

use roxmltree::Node;

use super::{Loader, Result, qualified};
use crate::xsd::facets::Limit;
use crate::xsd::schema::{Builtin, ContentRef, ListType, Member, SimpleType, Variety};

impl<'a, 'i> Loader<'a, 'i> {
    /// `xs:list`: its item type, named by `itemType` or anonymous.
    pub(super) fn list_type(&mut self, node: Node<'a, 'i>, label: &str) -> Result<SimpleType> {
        self.check_attributes(node, &["itemType", "id"])?;
        let children = self.xs_children(node)?;
        let item_id = match (node.attribute("itemType"), children.as_slice()) {
            (Some(qname), []) => self.simple_ref(node, qname, "itemType", self.final_list)?,
            (None, [child]) if child.tag_name().name() == "simpleType" => {
                self.simple_type(*child, &format!("{label} item"), true)?
            }
            _ => {
                return Err(self.invalid(
                    node,
                    "xs:list",
                    "a list has an `itemType` attribute or one anonymous `xs:simpleType`, not both nor neither",
                ));
            }
        };
        let item = self.simple_or_string(item_id);
        if item.has_list() {
            return Err(self.invalid(
                node,
                "itemType",
                format!(
                    "the item type `{}` of a list may not be a list, nor a union with a list among its members",
                    item.label
                ),
            ));
        }
        if item.has_id_values() && item.base != Builtin::IdRef {
            return Err(self.unsupported(
                node,
                "xs:ID",
                "a list of `xs:ID` values, or of a union holding ID types, is not supported; `xs:IDREFS` and lists of `xs:IDREF` are",
            ));
        }
        Ok(self.non_atomic(
            label,
            Variety::List(Box::new(ListType {
                item,
                length: None,
                min_length: None,
                max_length: None,
            })),
        ))
    }

    /// `xs:union`: its members, those `memberTypes` names first, then the anonymous ones.
    pub(super) fn union_type(&mut self, node: Node<'a, 'i>, label: &str) -> Result<SimpleType> {
        self.check_attributes(node, &["memberTypes", "id"])?;
        let mut ids = Vec::new();
        for qname in node
            .attribute("memberTypes")
            .unwrap_or("")
            .split([' ', '\t', '\r', '\n'])
            .filter(|q| !q.is_empty())
        {
            ids.push(self.simple_ref(node, qname, "memberTypes", self.final_union)?);
        }
        for child in self.xs_children(node)? {
            if child.tag_name().name() != "simpleType" {
                return Err(self.invalid(
                    child,
                    "xs:union",
                    format!(
                        "a union holds only anonymous `xs:simpleType`s, not `{}`",
                        qualified(child)
                    ),
                ));
            }
            let member_label = format!("{label} member {}", ids.len() + 1);
            ids.push(self.simple_type(child, &member_label, true)?);
        }
        if ids.is_empty() {
            return Err(self.invalid(
                node,
                "memberTypes",
                "a union needs at least one member type",
            ));
        }
        let members: Vec<Member> = ids
            .into_iter()
            .map(|id| Member {
                id,
                ty: self.simple_or_string(id),
            })
            .collect();
        if members.iter().any(|m| m.ty.has_id_values()) {
            return Err(self.unsupported(
                node,
                "xs:ID",
                "a union with an ID or IDREF type among its members is not supported",
            ));
        }
        Ok(self.non_atomic(label, Variety::Union(members.into())))
    }

    /// The simple type a `itemType` or `memberTypes` QName names, by id; `final` when
    /// `finalDefault` keeps the schema's own named types out of this use.
    fn simple_ref(
        &mut self,
        node: Node<'a, 'i>,
        qname: &str,
        attr: &str,
        fin: bool,
    ) -> Result<u32> {
        // A type among its own members or items: XSD 1.0 derives it from
        // `xs:anySimpleType` all the same, and says nothing of what it then means.
        let (namespace, local) = self.qname(node, qname, attr)?;
        let open = self
            .named_simple
            .iter()
            .any(|(n, _, state)| *n == local && matches!(state, super::SimpleState::InProgress));
        if namespace == self.tns && open {
            return Err(self.unsupported(
                node,
                &qualified(node),
                &format!("`{qname}` is among its own members or items"),
            ));
        }
        let ContentRef::Simple(id) = self.type_ref(node, qname)? else {
            return Err(self.invalid(
                node,
                attr,
                format!("`{qname}` is a complex type; `{attr}` names simple types"),
            ));
        };
        let own = self
            .schema
            .simple_type(id)
            .is_some_and(|t| t.named && t.derived_from.is_some());
        if fin && own {
            return Err(self.invalid(
                node,
                attr,
                format!("`{qname}` is final: `finalDefault` on `xs:schema` forbids this use"),
            ));
        }
        Ok(id)
    }

    fn simple_or_string(&self, id: u32) -> SimpleType {
        self.schema
            .simple_type(id)
            .cloned()
            .unwrap_or_else(|| SimpleType::builtin(Builtin::String))
    }

    /// A list or union type: `xs:anySimpleType` underneath, restricted by the variety.
    fn non_atomic(&mut self, label: &str, variety: Variety) -> SimpleType {
        let any = self.builtin_id(Builtin::AnySimpleType);
        SimpleType {
            label: label.into(),
            derived_from: Some(any),
            variety,
            ..SimpleType::builtin(Builtin::AnySimpleType)
        }
    }

    /// A restriction of the list or union type `compiled` (a copy of its base, which the
    /// schema calls `base`): its facets, checked to narrow the base.
    pub(super) fn variety_restriction(
        &mut self,
        node: Node<'a, 'i>,
        mut compiled: SimpleType,
        base: &str,
        anonymous_base: Option<Node<'a, 'i>>,
    ) -> Result<SimpleType> {
        let base_type = compiled.clone();
        let is_list = matches!(compiled.variety, Variety::List(_));
        let mut enumeration: Vec<Box<str>> = Vec::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut first_pattern = None;
        let mut given: Vec<&str> = Vec::new();
        for facet in self.xs_children(node)? {
            if Some(facet) == anonymous_base {
                continue;
            }
            let kind = facet.tag_name().name();
            let applies = match kind {
                "pattern" | "enumeration" => true,
                "length" | "minLength" | "maxLength" | "whiteSpace" => is_list,
                _ => false,
            };
            if !applies {
                let variety = if is_list { "list" } else { "union" };
                return Err(self.invalid_element(
                    facet,
                    format!(
                        "`{}` does not apply to the {variety} type `{base}`",
                        qualified(facet)
                    ),
                ));
            }
            let (value, fixed) = self.facet_value(facet)?;
            if !matches!(kind, "pattern" | "enumeration") {
                if given.contains(&kind) {
                    return Err(self.invalid_element(
                        facet,
                        format!("`{}` is given twice in one restriction", qualified(facet)),
                    ));
                }
                given.push(kind);
            }
            match kind {
                "enumeration" => {
                    self.enumeration_in_base(facet, value, &base_type, base)?;
                    enumeration.push(value.into());
                }
                "pattern" => {
                    first_pattern.get_or_insert(facet);
                    patterns.push(value);
                }
                "whiteSpace" => {
                    if value.trim_matches([' ', '\t', '\r', '\n']) != "collapse" {
                        return Err(self.invalid(
                            facet,
                            "value",
                            format!(
                                "a list collapses whitespace; `whiteSpace` may not be `{value}`"
                            ),
                        ));
                    }
                }
                _ => {
                    let n = self.occurs(facet, "value", value)?;
                    if let Variety::List(list) = &mut compiled.variety {
                        self.list_length(facet, kind, Limit { value: n, fixed }, list, base)?;
                    }
                }
            }
        }
        if given.contains(&"length")
            && (given.contains(&"minLength") || given.contains(&"maxLength"))
        {
            return Err(self.invalid(
                node,
                "xs:length",
                "`xs:length` and `xs:minLength` or `xs:maxLength` may not be given in one restriction",
            ));
        }
        if let Variety::List(list) = &compiled.variety {
            let value = |l: &Option<Limit>| l.map(|l| l.value);
            let (min, max, exact) = (
                value(&list.min_length),
                value(&list.max_length),
                value(&list.length),
            );
            let inconsistent = matches!((min, max), (Some(a), Some(b)) if a > b)
                || matches!((min, exact), (Some(a), Some(l)) if a > l)
                || matches!((exact, max), (Some(l), Some(b)) if l > b);
            if inconsistent {
                return Err(self.invalid(
                    node,
                    "xs:minLength",
                    format!("the length facets of `{base}` and this restriction leave no length"),
                ));
            }
        }
        if !enumeration.is_empty() {
            compiled.enumerations.push(enumeration.into());
        }
        if let Some(facet) = first_pattern {
            self.add_patterns(&mut compiled, &patterns, facet)?;
        }
        Ok(compiled)
    }

    /// Applies `length`, `minLength` or `maxLength` to a list restriction: a fixed facet of
    /// the base stays as it is, and a limit only narrows.
    fn list_length(
        &self,
        facet: Node<'a, 'i>,
        kind: &str,
        limit: Limit,
        list: &mut ListType,
        base: &str,
    ) -> Result<()> {
        let n = limit.value;
        let slot = match kind {
            "length" => &mut list.length,
            "minLength" => &mut list.min_length,
            _ => &mut list.max_length,
        };
        let widens = match (kind, *slot) {
            (_, Some(old)) if old.fixed && old.value != n => true,
            ("length", Some(old)) => old.value != n,
            ("minLength", Some(old)) => n < old.value,
            ("maxLength", Some(old)) => n > old.value,
            _ => false,
        };
        if widens {
            return Err(self.invalid(
                facet,
                "value",
                format!("`{kind}` {n} does not narrow the `{kind}` of `{base}`"),
            ));
        }
        *slot = Some(limit);
        Ok(())
    }
}
