//! Attributes: the declared ones, the `xsi:` ones, and those the schema does not allow.

use quick_xml::events::BytesStart;
use quick_xml::name::{NamespaceResolver, QName, ResolveResult};

use super::chars::offset_in;
use super::elements::name_list;
use super::findings::Said;
use super::wildcards::WildAttribute;
use super::{Flow, Kind, Machine, Mode, XSI};
use crate::diagnostic::Code;
use crate::diagnostic::Severity;
use crate::markup::{Refusal, Scopes, attribute_value, mistake};
use crate::text::{quoted_value, value_excerpt};
use crate::xsd::builtin;
use crate::xsd::builtin::Rejection;
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::{ComplexType, Schema, SimpleType};

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// Reports a refused value of an attribute of the tag that reads `tag` after its `<`,
    /// placed within the value, and stops.
    pub(super) fn refused_value(
        &mut self,
        refusal: Refusal,
        at: L::Mark,
        tag: &str,
        value: &str,
    ) -> Flow {
        let refusal = refusal.shifted(1 + offset_in(tag, value));
        self.refused(refusal, at, &format!("<{tag}"));
        Flow::Stop
    }

    pub(super) fn attributes(
        &mut self,
        e: &BytesStart<'_>,
        scopes: &Scopes,
        ct: Option<&'s ComplexType>,
        at: L::Mark,
    ) -> Flow {
        let tag: &str = e;
        let mut seen: u64 = 0;
        // Required attributes that a misspelt one stands for: said once, as the misspelling.
        let mut misspelt: u64 = 0;
        // Most elements carry no attributes: skip the iterator entirely for them.
        if tag.len() == e.name().into_inner().len() {
            return match ct {
                Some(ct) if ct.required_mask != 0 => self.missing_attributes(ct, tag, 0, at),
                _ => Flow::Go,
            };
        }
        // Duplicate detection without allocating: the first keys live in an array; a tag
        // with more attributes than that (never seen in OSC data) falls back to a set.
        let mut keys: [&str; 16] = [""; 16];
        let mut many: Option<std::collections::HashSet<&str>> = None;
        // Attributes of an ID type that the attribute wildcard validated (XSD 1.0 allows one
        // at most, and none beside an attribute use of an ID type).
        let mut wild_ids = 0u32;
        for (n, attr) in e.attributes().with_checks(false).enumerate() {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => {
                    let markup = format!("<{tag}");
                    let error = quick_xml::Error::InvalidAttr(err);
                    return self.fatal_mistake(
                        at,
                        mistake::of_reader_error(&error, &markup),
                        &markup,
                    );
                }
            };
            let key = attr.key.into_inner();
            let duplicate = match many.as_mut() {
                Some(set) => !set.insert(key),
                None => {
                    let dup = keys.get(..n).unwrap_or(&[]).contains(&key);
                    if n < keys.len() {
                        if let Some(slot) = keys.get_mut(n) {
                            *slot = key;
                        }
                    } else {
                        let mut set: std::collections::HashSet<&str> =
                            keys.iter().copied().collect();
                        set.insert(key);
                        many = Some(set);
                    }
                    dup
                }
            };
            let key_at = offset_in(tag, key);
            if duplicate {
                let markup = format!("<{tag}");
                let mistake = mistake::duplicate_attribute(key).at(key_at + 1);
                return self.fatal_mistake(at, mistake, &markup);
            }
            // Every value must be well-formed, declared or not.
            let value = match attribute_value(&attr) {
                Ok(v) => v,
                Err(refusal) => return self.refused_value(refusal, at, tag, &attr.value),
            };
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let (ns, local) = scopes.resolver().resolve_attribute(attr.key);
            let local = local.into_inner();
            let namespace = match &ns {
                ResolveResult::Bound(n) => Some(n.into_inner()),
                ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
            };
            let declared = match ns {
                ResolveResult::Unbound => ct.and_then(|ct| {
                    ct.attributes
                        .iter()
                        .enumerate()
                        .find(|(_, a)| !a.qualified && *a.name == *local)
                }),
                // A global attribute, or a local one of a qualified form, is in the target
                // namespace.
                ResolveResult::Bound(ns)
                    if self.schema.and_then(Schema::target_namespace) == Some(ns.into_inner()) =>
                {
                    ct.and_then(|ct| {
                        ct.attributes
                            .iter()
                            .enumerate()
                            .find(|(_, a)| a.qualified && *a.name == *local)
                    })
                }
                ResolveResult::Bound(ns)
                    if ns.into_inner() == XSI
                        && matches!(local, "schemaLocation" | "noNamespaceSchemaLocation") =>
                {
                    continue;
                }
                ResolveResult::Bound(ns) if ns.into_inner() == XSI && local == "nil" => {
                    if self.in_undeclared() {
                        // Only a declaration can make an element nillable, or not.
                        continue;
                    }
                    if self.room(Severity::Error) {
                        let said = self.not_nillable(key);
                        self.attribute_finding(said, at, tag, key_at, key);
                    }
                    // A nil element is the element left empty on purpose: its content is
                    // not judged as well.
                    // `true` as `xs:boolean` writes it, whitespace collapsed.
                    if matches!(value.trim(), "true" | "1") {
                        if let Some(frame) = self.frames.last_mut() {
                            frame.nil = true;
                        }
                    }
                    continue;
                }
                ResolveResult::Bound(ns) if ns.into_inner() == XSI && local == "type" => {
                    if self.xsi_typed || self.in_undeclared() {
                        // The element already took the type it names, or has no declaration
                        // for it to stand in for (a type it does not name leaves the element
                        // assessed laxly).
                        continue;
                    }
                    match self.xsi_type(&value, scopes.resolver()) {
                        Some(Some(ty)) => self.take_type(ty),
                        Some(None) => {}
                        None if self.room(Severity::Error) => {
                            let element = self.current_name();
                            let help = match self.mode {
                                Mode::Custom(_) => None,
                                Mode::Target(_) | Mode::Auto => {
                                    Some("leave `xsi:type` out; OSC documents never need it".into())
                                }
                            };
                            let said = Said {
                                code: Code::InvalidValue,
                                message: format!(
                                    "attribute `{key}`: `{}` is neither the declared type of `{element}` nor a type derived from it that may stand in for it",
                                    value.trim()
                                ),
                                help,
                                fixable: false,
                            };
                            let (value_at, raw) = value_place(tag, &attr.value, key_at, key);
                            self.attribute_finding(said, at, tag, value_at, raw);
                        }
                        None => {}
                    }
                    continue;
                }
                ResolveResult::Bound(_) => None,
                ResolveResult::Unknown(prefix) => {
                    return self.fatal_wf(at, mistake::undeclared_prefix(&prefix));
                }
            };
            let (decl, by_wildcard) = match declared {
                Some((i, decl)) => {
                    seen |= 1u64 << (i % 64);
                    (decl, false)
                }
                None => match self.wildcard_attribute(ct, namespace, local) {
                    WildAttribute::Declared(decl) => (decl, true),
                    WildAttribute::Accepted => continue,
                    WildAttribute::Undeclared => {
                        if self.room(Severity::Error) {
                            let element = self.current_name();
                            let said = Said {
                                code: Code::UnexpectedAttribute,
                                message: format!(
                                    "attribute `{key}` has no global declaration, which the attribute wildcard of `{element}` that admits it requires (`processContents=\"strict\"`)"
                                ),
                                help: None,
                                fixable: false,
                            };
                            self.attribute_finding(said, at, tag, key_at, key);
                        }
                        continue;
                    }
                    WildAttribute::NotAdmitted => {
                        if self.room(Severity::Error) {
                            if let Some(meant) = self.unexpected_attribute(ct, tag, key, key_at, at)
                            {
                                misspelt |= 1u64 << (meant % 64);
                            }
                        }
                        continue;
                    }
                },
            };
            let Some(st) = self.schema.and_then(|s| s.simple_type(decl.simple)) else {
                continue;
            };
            if by_wildcard && st.is_id() {
                wild_ids += 1;
                self.wildcard_id(ct, wild_ids, tag, key, key_at, at);
            }
            let rejected = builtin::check(st, &value).err();
            if rejected.is_none() && super::ids::has_ids(st) {
                let (value_at, raw) = value_place(tag, &attr.value, key_at, key);
                for finding in self.note_ids(st, &value) {
                    let room = self.room(Severity::Error);
                    if room {
                        let said = Said {
                            message: format!("attribute `{key}`: {}", finding.said.message),
                            ..finding.said
                        };
                        self.attribute_finding(said, at, tag, value_at, raw);
                    }
                    if let Some(id) = finding.waits_for {
                        let index = room.then(|| self.diagnostics.len() - 1);
                        self.wait_for_id(id, index);
                    }
                }
            }
            if let Some(Rejection {
                message,
                help,
                fixable,
            }) = rejected.filter(|_| self.room(Severity::Error))
            {
                let message = format!("attribute `{key}`: {message}");
                let said = Said {
                    code: Code::InvalidValue,
                    message,
                    help,
                    fixable,
                };
                let (value_at, raw) = value_place(tag, &attr.value, key_at, key);
                self.attribute_finding(said, at, tag, value_at, raw);
            } else if let Some(fixed) = decl
                .fixed
                .as_deref()
                .filter(|f| !crate::xsd::varieties::same_value(st, &value, f))
                .filter(|_| self.room(Severity::Error))
            {
                let said = Said {
                    code: Code::InvalidValue,
                    message: format!(
                        "attribute `{key}`: {} is not the value the schema fixes, `{}`",
                        quoted_value(&value),
                        value_excerpt(fixed)
                    ),
                    help: None,
                    fixable: false,
                };
                let (value_at, raw) = value_place(tag, &attr.value, key_at, key);
                self.attribute_finding(said, at, tag, value_at, raw);
            }
        }
        match ct {
            Some(ct) if ct.required_mask & !(seen | misspelt) != 0 => {
                self.missing_attributes(ct, tag, seen | misspelt, at)
            }
            _ => Flow::Go,
        }
    }

    /// What is said of `xsi:nil` (written `key`) on the current element: no OSC element is
    /// nillable, and how a .NET serializer is told to leave an element out instead. A user's
    /// schema declares no nillable element either (the loader refuses `nillable`), and gets
    /// no advice about OSC documents.
    fn not_nillable(&self, key: &str) -> Said {
        let element = self.current_name();
        if let Mode::Custom(_) = self.mode {
            return Said {
                code: Code::UnexpectedAttribute,
                message: format!("`{element}` is not nillable, so it may not carry `{key}`"),
                help: None,
                fixable: false,
            };
        }
        let mut chars = element.chars();
        let property: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        Said {
            code: Code::UnexpectedAttribute,
            message: format!(
                "`{element}` is not nillable: no OSC element may carry `{key}`; leave the element out instead"
            ),
            help: Some(format!(
                "with .NET's XmlSerializer, drop `IsNullable = true` from the `[XmlElement]` of `{property}`, \
                 and have it left out when it has no value: a `ShouldSerialize{property}()` method or a \
                 `{property}Specified` property that is false then"
            )),
            fixable: false,
        }
    }

    pub(super) fn missing_attributes(
        &mut self,
        ct: &ComplexType,
        tag: &str,
        seen: u64,
        at: L::Mark,
    ) -> Flow {
        let missing = ct.required_mask & !seen;
        for (i, decl) in ct.attributes.iter().enumerate() {
            if missing & (1u64 << (i % 64)) != 0 && self.room(Severity::Error) {
                let element = self.current_name();
                let message = format!(
                    "`{element}` needs attribute `{}`, which is missing",
                    decl.name
                );
                let end = L::offset(at) + 1 + tag.len();
                let path = self.path(None);
                self.push(
                    Said {
                        code: Code::MissingAttribute,
                        message,
                        help: None,
                        fixable: false,
                    },
                    Severity::Error,
                    at,
                    end,
                    path,
                );
            }
        }
        Flow::Go
    }

    /// What an `xsi:type` value makes of the current element's type: `Some(None)` when it
    /// names the declared type, `Some(Some(id))` when it names the simple type `id`, derived
    /// from the declared one by restriction and not blocked from standing in for it; `None`
    /// when it may not stand in (unknown, unrelated, blocked). A complex type derived from
    /// a declared complex one was taken when the element was entered; here only the
    /// declared one fits.
    pub(super) fn xsi_type(
        &self,
        value: &str,
        resolver: &NamespaceResolver,
    ) -> Option<Option<u32>> {
        let (resolved, local) = resolver.resolve_element(QName(value.trim()));
        let local = local.into_inner();
        let ns = match resolved {
            ResolveResult::Bound(ns) => Some(ns.into_inner()),
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(_) => return None,
        };
        let (schema, frame) = (self.schema?, self.frames.last()?);
        match frame.kind {
            Kind::Simple { ty, .. } => {
                // A complex type with simple content names itself.
                let own = ns == schema.target_namespace()
                    && schema
                        .complex
                        .iter()
                        .any(|c| c.simple_content == Some(ty) && c.name.as_deref() == Some(local));
                if own {
                    return Some(None);
                }
                let named = schema.named_simple_type(ns, local)?;
                if named == ty {
                    return Some(None);
                }
                let derived = schema.simple_derives_from(named, ty);
                (derived && !schema.block_restriction).then_some(Some(named))
            }
            Kind::Complex(id) => {
                let same = ns == schema.target_namespace()
                    && schema.complex_type(id).and_then(|c| c.name.as_deref()) == Some(local);
                same.then_some(None)
            }
        }
    }

    /// Validates the current element's text against the simple type `ty` instead of the
    /// declared one, as an `xsi:type` naming it asks.
    fn take_type(&mut self, ty: u32) {
        let Some(schema) = self.schema else {
            return;
        };
        let Some(st) = schema.simple_type(ty) else {
            return;
        };
        let text = st.text_mode();
        if let Some(frame) = self.frames.last_mut() {
            let text = match frame.value {
                Some(_) => super::elements::kept_whole(schema, ty, text),
                None => text,
            };
            frame.kind = Kind::Simple { ty, text };
        }
    }

    /// Reports the undeclared attribute `key`; when it is a misspelling of a declared one,
    /// says so and returns that one's index, so that it is not also reported missing.
    pub(super) fn unexpected_attribute(
        &mut self,
        ct: Option<&ComplexType>,
        tag: &str,
        key: &str,
        key_at: usize,
        at: L::Mark,
    ) -> Option<usize> {
        let element = self.current_name();
        let message = format!("attribute `{key}` is not allowed on `{element}`");
        let names: Vec<&str> = ct
            .map_or(&[][..], |ct| &ct.attributes[..])
            .iter()
            .map(|a| &*a.name)
            .collect();
        let meant = crate::xsd::suggest::closest_of_few(key, &names);
        let help = match meant {
            Some(name) => format!("did you mean `{name}`?"),
            None if names.is_empty() => format!("`{element}` takes no attributes"),
            None => format!("`{element}` takes {}", name_list(&(names.clone(), false))),
        };
        let said = Said {
            code: Code::UnexpectedAttribute,
            message,
            help: Some(help),
            fixable: false,
        };
        self.attribute_finding(said, at, tag, key_at, key);
        meant.and_then(|name| names.iter().position(|n| *n == name))
    }

    /// The attribute `key`, which the attribute wildcard of `ct` validated by a declaration
    /// of an ID type, is the `nth` such: XSD 1.0 (cvc-complex-type.5) allows one, and none
    /// beside an attribute use of an ID type.
    fn wildcard_id(
        &mut self,
        ct: Option<&'s ComplexType>,
        nth: u32,
        tag: &str,
        key: &str,
        key_at: usize,
        at: L::Mark,
    ) {
        let Some(schema) = self.schema else {
            return;
        };
        let declared_id = ct.is_some_and(|ct| {
            ct.attributes
                .iter()
                .any(|u| schema.simple_type(u.simple).is_some_and(SimpleType::is_id))
        });
        let why = if declared_id {
            "the element's type declares an attribute of an ID type already"
        } else if nth > 1 {
            "another attribute the wildcard took is an ID already"
        } else {
            return;
        };
        if self.room(Severity::Error) {
            let said = Said {
                code: Code::InvalidValue,
                message: format!(
                    "attribute `{key}` is an ID taken by the attribute wildcard, but {why}: an element has one ID at most"
                ),
                help: None,
                fixable: false,
            };
            self.attribute_finding(said, at, tag, key_at, key);
        }
    }

    /// An error about `key` (an attribute's name or value), which starts `key_at` bytes into
    /// the tag at `at`.
    fn attribute_finding(&mut self, said: Said, at: L::Mark, tag: &str, key_at: usize, key: &str) {
        let (line, col) = self
            .loc
            .line_col_after(at, 1, tag.get(..key_at).unwrap_or(""));
        let start = L::offset(at) + 1 + key_at;
        let path = self.path(None);
        self.push_at(
            said,
            Severity::Error,
            (line, col),
            start..start + key.len(),
            path,
        );
    }
}

/// Where a finding about an attribute's value points: the value as written between its
/// quotes, or the attribute's name when the value is empty.
fn value_place<'t>(tag: &'t str, raw: &'t str, key_at: usize, key: &'t str) -> (usize, &'t str) {
    if raw.is_empty() {
        (key_at, key)
    } else {
        (offset_in(tag, raw), raw)
    }
}
