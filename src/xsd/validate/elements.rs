//! Elements: matching a start tag to its particle, entering and closing elements, and
//! what is missing when one closes.

use std::ops::Range;

use quick_xml::name::ResolveResult;

use super::findings::Said;
use super::hints;
use super::ids;
use super::wildcards::WILD_NAME;
use super::{Flow, Frame, Kind, LIST_MAX, MAX_VALUE, Machine, Mode, Namespaced, Order, Tag, Top};
use crate::diagnostic::Code;
use crate::diagnostic::Severity;
use crate::markup::{Scopes, mistake};
use crate::text::{quoted_value, value_excerpt};
use crate::version::{Target, introduced_in};
use crate::xsd::builtin;
use crate::xsd::builtin::Rejection;
use crate::xsd::observe::{Level, Observer, StartTag};
use crate::xsd::position::Locate;
use crate::xsd::schema::{
    ComplexType, ContentRef, NameKey, Particle, Schema, SimpleType, TextMode, ValueConstraint,
    WhiteSpace,
};
use crate::xsd::varieties;

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    pub(super) fn start(&mut self, tag: Tag<'_, '_, L::Mark>) -> Flow {
        let Tag {
            e,
            scopes,
            at,
            after,
            empty,
        } = tag;
        if self.root_closed {
            return self.fatal_wf(at, mistake::after_root(e.name().into_inner()));
        }
        let qname = e.name().into_inner();
        // Most names have no prefix: their namespace is the default one, whose verdict is
        // cached until the scopes change.
        let prefixed = qname.bytes().any(|b| b == b':');
        if self.skip > 0 {
            // Not validated, but an undeclared prefix still makes the document ill-formed.
            if prefixed {
                if let (ResolveResult::Unknown(prefix), _) =
                    scopes.resolver().resolve_element(e.name())
                {
                    return self.fatal_wf(at, mistake::undeclared_prefix(&prefix));
                }
            }
            if self.attributes_well_formed(e, at) == Flow::Stop {
                return Flow::Stop;
            }
            if !empty {
                self.skip = self.skip.saturating_add(1);
            }
            return Flow::Go;
        }
        let (local, ns_ok) = if prefixed || !self.root_seen {
            let (ns, local) = scopes.resolver().resolve_element(e.name());
            let ns = match ns {
                ResolveResult::Bound(n) => Some(n.into_inner()),
                ResolveResult::Unbound => None,
                ResolveResult::Unknown(prefix) => {
                    return self.fatal_wf(at, mistake::undeclared_prefix(&prefix));
                }
            };
            let local = local.into_inner();
            if !self.root_seen {
                return self.start_root(tag, ns, local);
            }
            let ns_ok = Namespaced {
                target: ns == self.expected_ns,
                none: ns.is_none(),
            };
            (local, ns_ok)
        } else {
            (qname, self.default_namespace(scopes))
        };
        let (Some(schema), Some(last)) = (self.schema, self.frames.last()) else {
            return Flow::Go;
        };
        // Copy out only what matching needs, not the whole frame.
        let top = Top {
            name: last.name,
            pos: last.pos,
            count: last.count,
            overflow: last.overflow,
        };
        match last.kind {
            Kind::Simple { .. } => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.flagged = true;
                }
                self.refuse_child(schema, top.name, (at, after), local, |parent| {
                    format!("element `{local}` is not allowed in `{parent}`, which holds only text")
                });
                self.skip_element(empty)
            }
            Kind::Complex(id) => {
                let Some(ct) = schema.complex_type(id) else {
                    return self.skip_element(empty);
                };
                self.child(schema, ct, top, tag, ns_ok, local)
            }
        }
    }

    pub(super) fn child(
        &mut self,
        schema: &'s Schema,
        ct: &'s ComplexType,
        top: Top,
        tag: Tag<'_, '_, L::Mark>,
        ns_ok: Namespaced,
        local: &str,
    ) -> Flow {
        if let Some(model) = ct.model.as_deref() {
            return self.model_child(schema, model, top, tag, ns_ok, local);
        }
        let Tag {
            at, after, empty, ..
        } = tag;
        let particles = &ct.particles;
        let pos = usize::from(top.pos);
        let key = NameKey::of(local);
        // The common case first: the current particle again, or one further on.
        let hit = match particles.get(pos) {
            Some(p) if p.key.matches(&p.name, key, local) && top.count < p.max => Some(pos),
            _ => particles
                .iter()
                .enumerate()
                .skip(pos + 1)
                .find(|(_, p)| p.key.matches(&p.name, key, local))
                .map(|(j, _)| j),
        };
        // An element the sequence has passed: out of order, unless it is one too many of
        // the current particle.
        let earlier = || {
            let current = particles.get(pos).map(|p| &*p.name);
            particles
                .iter()
                .take(pos)
                .position(|p| p.key.matches(&p.name, key, local))
                .filter(|_| current != Some(local))
        };
        let Some(j) = hit else {
            let in_place = |j: usize| particles.get(j).is_some_and(|p| ns_ok.fits(p.qualified));
            if let Some(j) = earlier().filter(|&j| in_place(j)) {
                return self.out_of_order(schema, ct, top, j, tag);
            }
            self.unexpected_child(schema, ct, top, local, at, after);
            return self.skip_element(empty);
        };
        let Some(p) = particles.get(j) else {
            return self.skip_element(empty);
        };
        if !ns_ok.fits(p.qualified) {
            self.wrong_namespace(schema, top, tag, local, p.qualified);
            return self.skip_element(empty);
        }
        let (count, missing_from) = if j == pos && top.count > 0 {
            (top.count.saturating_add(1), None)
        } else if j == pos {
            (1, None)
        } else {
            (1, Some(pos))
        };
        self.place_early(ct, top, j);
        let mut missing = None;
        if let Some(from) = missing_from {
            let unmet = particles.get(from).is_some_and(|p| top.count < p.min)
                || ct.required_in(from + 1, j);
            if unmet {
                missing = self.missing_before(ct, top, from..j, local, at, after);
            }
        }
        let index = if p.repeatable() { count } else { 0 };
        if let Some(frame) = self.frames.last_mut() {
            frame.pos = u16::try_from(j).unwrap_or(u16::MAX);
            frame.count = count;
            frame.overflow = 0;
            let order = &mut frame.order;
            order.before_last = if top.count > 0 {
                top.pos
            } else {
                Order::<L::Mark>::NONE
            };
            order.last = Some((at, after, index));
            order.seen |= particle_bit(j);
            order.missing = missing;
            order.since_early = order.since_early.saturating_add(1);
        }
        self.enter(schema, tag, p, index)
    }

    /// Reports a child that the content model takes but in another namespace than the one
    /// its particle names it in: the target namespace when `qualified`, else none.
    pub(super) fn wrong_namespace(
        &mut self,
        schema: &'s Schema,
        top: Top,
        tag: Tag<'_, '_, L::Mark>,
        local: &str,
        qualified: bool,
    ) {
        let Tag {
            e,
            scopes,
            at,
            after,
            ..
        } = tag;
        if !self.room(Severity::Error) {
            return;
        }
        let ns = match scopes.resolver().resolve_element(e.name()).0 {
            ResolveResult::Bound(n) => Some(n.into_inner()),
            ResolveResult::Unbound | ResolveResult::Unknown(_) => None,
        };
        let message = match ns {
            Some(found) => format!("element `{local}` is in namespace `{found}`"),
            None => format!("element `{local}` has no namespace"),
        };
        let parent = self.element_name(schema, top.name).to_owned();
        let help = match self.expected_ns.filter(|_| qualified) {
            Some(want) => format!("`{local}` in `{parent}` must be in namespace `{want}`"),
            None => format!("`{local}` in `{parent}` must have no namespace"),
        };
        self.element_diag(
            Said {
                code: Code::UnexpectedElement,
                message,
                help: Some(help),
                fixable: false,
            },
            at,
            after,
            local,
            0,
        );
    }

    /// A child of particle `j`, which the sequence has passed (at `top.pos`). When the last
    /// child alone stands in its way, that one came too early: it gets the finding, and
    /// where it belongs is said once a later child or the end shows it. Otherwise this one
    /// came too late and gets the finding. Either way the child is validated.
    fn out_of_order(
        &mut self,
        schema: &'s Schema,
        ct: &'s ComplexType,
        top: Top,
        j: usize,
        tag: Tag<'_, '_, L::Mark>,
    ) -> Flow {
        self.obs.incomplete();
        let Some(frame) = self.frames.last().copied() else {
            return Flow::Go;
        };
        let order = frame.order;
        let Some(p) = ct.particles.get(j) else {
            return self.skip_element(tag.empty);
        };
        let local = &*p.name;
        let fits_before_last =
            order.before_last == Order::<L::Mark>::NONE || usize::from(order.before_last) <= j;
        let early = match order.last {
            Some(last) if order.early.is_none() && top.count == 1 && fits_before_last => Some(last),
            _ => None,
        };
        let parent = self.element_name(schema, frame.name).to_owned();
        let help = format!(
            "move it there, or run `oscx fmt --fix`, which puts the children of `{parent}` in schema order"
        );
        let index = if p.repeatable() { 1 } else { 0 };
        if let Some((last_at, last_after, last_index)) = early {
            // The last child is the one out of place: what its arrival said was missing
            // before it is said again, if still missing, when the sequence gets there.
            if let Some(k) = order.missing.filter(|&k| k < self.diagnostics.len()) {
                self.diagnostics.remove(k);
                if k < self.settled {
                    self.settled -= 1;
                }
            }
            let early_name = ct
                .particles
                .get(usize::from(top.pos))
                .map_or("", |e| &*e.name);
            let mut finding = None;
            if self.room(Severity::Error) {
                finding = Some(self.diagnostics.len());
                self.element_diag(
                    Said {
                        code: Code::UnexpectedElement,
                        message: format!("`{early_name}` belongs after `{local}`"),
                        help: Some(help),
                        // The writer puts every child in schema order.
                        fixable: true,
                    },
                    last_at,
                    last_after,
                    early_name,
                    last_index,
                );
            }
            let from = match order.before_last {
                Order::<L::Mark>::NONE => 0,
                before => usize::from(before) + 1,
            };
            let mut missing = None;
            if ct.required_in(from, j) {
                let skipped = Top {
                    pos: u16::try_from(from).unwrap_or(u16::MAX),
                    count: 0,
                    ..top
                };
                missing = self.missing_before(ct, skipped, from..j, local, tag.at, tag.after);
            }
            if let Some(frame) = self.frames.last_mut() {
                frame.pos = u16::try_from(j).unwrap_or(u16::MAX);
                frame.count = 1;
                frame.overflow = 0;
                let order = &mut frame.order;
                order.early = finding.map(|k| (k, top.pos));
                order.since_early = 0;
                order.last = Some((tag.at, tag.after, index));
                order.seen |= particle_bit(j);
                order.missing = missing;
            }
        } else if self.room(Severity::Error) {
            // This child came too late: it belongs before the first child already seen
            // that the sequence puts after it (past the first 64 particles, the last child).
            let later = ct
                .particles
                .iter()
                .enumerate()
                .skip(j + 1)
                .find(|(k, _)| order.seen & particle_bit(*k) != 0)
                .map(|(_, p)| p)
                .or_else(|| ct.particles.get(usize::from(top.pos)))
                .map_or("", |p| &*p.name);
            self.element_diag(
                Said {
                    code: Code::UnexpectedElement,
                    message: format!("`{local}` belongs before `{later}`"),
                    help: Some(help),
                    // The writer puts every child in schema order.
                    fixable: true,
                },
                tag.at,
                tag.after,
                local,
                index,
            );
        }
        self.enter(schema, tag, p, index)
    }

    /// Says where the child that came too early belongs, once the child of particle `next`
    /// shows it (`usize::MAX` at the end of the parent): after the last child before it in
    /// the sequence. When the child that showed it is also the last, either of the two is
    /// out of place; the finding goes to the later one, which came too late.
    #[inline]
    fn place_early(&mut self, ct: &ComplexType, top: Top, next: usize) {
        // Almost always no child is waiting to be placed: decided here, without a call.
        if self.frames.last().is_some_and(|f| f.order.early.is_some()) {
            self.place_early_now(ct, top, next);
        }
    }

    /// [`Machine::place_early`] when a child is waiting to be placed.
    #[cold]
    fn place_early_now(&mut self, ct: &ComplexType, top: Top, next: usize) {
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        let order = frame.order;
        let Some((k, particle)) = order.early else {
            return;
        };
        if next < usize::from(particle) {
            return;
        }
        frame.order.early = None;
        let early = ct
            .particles
            .get(usize::from(particle))
            .map_or("", |p| &*p.name);
        let after = ct
            .particles
            .get(usize::from(top.pos))
            .map_or("", |p| &*p.name);
        let last_of_all = next == usize::MAX && order.since_early == 0;
        match (order.last, self.diagnostics.get(k)) {
            (Some((at, end, index)), Some(d)) if last_of_all => {
                let help = d.help.clone();
                self.diagnostics.remove(k);
                if k < self.settled {
                    self.settled -= 1;
                }
                self.element_diag(
                    Said {
                        code: Code::UnexpectedElement,
                        message: format!("`{after}` belongs before `{early}`"),
                        help,
                        // The writer puts every child in schema order.
                        fixable: true,
                    },
                    at,
                    end,
                    after,
                    index,
                );
            }
            _ => {
                if let Some(d) = self.diagnostics.get_mut(k) {
                    d.message =
                        crate::text::shorten_quotes(format!("`{early}` belongs after `{after}`"));
                }
            }
        }
    }

    /// Where the default namespace in scope stands (the expected one, none); worked out
    /// again only when the scopes have changed.
    #[inline]
    pub(super) fn default_namespace(&mut self, scopes: &Scopes) -> Namespaced {
        if self.default_ns.0 != scopes.epoch() {
            let ns = match scopes.resolver().resolve_prefix(None, true) {
                ResolveResult::Bound(n) => Namespaced {
                    target: self.expected_ns == Some(n.into_inner()),
                    none: false,
                },
                ResolveResult::Unbound => Namespaced {
                    target: self.expected_ns.is_none(),
                    none: true,
                },
                ResolveResult::Unknown(_) => Namespaced {
                    target: false,
                    none: false,
                },
            };
            self.default_ns = (scopes.epoch(), ns);
        }
        self.default_ns.1
    }

    /// Reports the required particles from `skipped.start` up to `skipped.end` that the
    /// child `found` went past.
    pub(super) fn missing_before(
        &mut self,
        ct: &ComplexType,
        top: Top,
        skipped: Range<usize>,
        found: &str,
        at: L::Mark,
        after: L::Mark,
    ) -> Option<usize> {
        let mut missing = missing_names(ct, skipped.start, top.count, skipped.end);
        self.not_early(ct, &mut missing.0);
        if missing.0.is_empty() || !self.room(Severity::Error) {
            return None;
        }
        let message = format!("expected {} before `{found}`", name_list(&missing));
        let help = hints::add_missing(&missing.0, &self.current_name(), Some(found));
        self.frame_diag(Code::MissingElement, at, after, message, Some(help));
        Some(self.diagnostics.len() - 1)
    }

    /// Leaves out of `missing` the particle of the child that came too early: it is there.
    fn not_early(&self, ct: &ComplexType, missing: &mut Vec<&str>) {
        let early = self
            .frames
            .last()
            .and_then(|f| f.order.early)
            .and_then(|(_, particle)| ct.particles.get(usize::from(particle)));
        if let Some(early) = early {
            missing.retain(|name| *name != &*early.name);
        }
    }

    pub(super) fn unexpected_child(
        &mut self,
        schema: &'s Schema,
        ct: &ComplexType,
        top: Top,
        local: &str,
        at: L::Mark,
        after: L::Mark,
    ) {
        let parent = self.element_name(schema, top.name).to_owned();
        let pos = usize::from(top.pos);
        let current = ct.particles.get(pos);
        if let Some(p) = current.filter(|p| *p.name == *local) {
            // The current particle is full: one too many.
            if let Some(frame) = self.frames.last_mut() {
                frame.overflow = frame.overflow.saturating_add(1);
            }
            if !self.room(Severity::Error) {
                return;
            }
            let times = match p.max {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let message = format!("`{local}` may occur at most {times} in `{parent}`");
            let index = p.max.saturating_add(top.overflow.saturating_add(1));
            self.element_diag(
                Said {
                    code: Code::TooMany,
                    message,
                    help: None,
                    fixable: false,
                },
                at,
                after,
                local,
                index,
            );
            return;
        }
        if !self.room(Severity::Error) {
            return;
        }
        let expected = expected_names(ct, pos, top.count);
        let found = format!("found `{local}`");
        let place = match current {
            Some(p) if top.count > 0 => format!("after `{}`", p.name),
            _ => format!("at the start of `{parent}`"),
        };
        let message = if expected.0.is_empty() {
            format!("expected no more elements in `{parent}` {place}, {found}")
        } else if expected.0.len() == 1 && !expected.1 {
            format!("expected {} {place}, {found}", name_list(&expected))
        } else {
            format!("expected one of {} {place}, {found}", name_list(&expected))
        };
        let mut meant = None;
        let help = self
            .version_help(&parent, local)
            .or_else(|| {
                let earlier = ct.particles.iter().take(pos).find(|p| *p.name == *local);
                match (earlier, current) {
                    (Some(_), Some(cur)) => Some(format!(
                        "`{local}` must come before `{}` in `{parent}`",
                        cur.name
                    )),
                    _ => None,
                }
            })
            .or_else(|| {
                // A misspelling of what was expected here, or of any child of the parent.
                let expected_here = expected.0.iter().copied();
                let children = ct.particles.iter().map(|p| &*p.name);
                meant = crate::xsd::suggest::closest(local, expected_here)
                    .or_else(|| crate::xsd::suggest::closest(local, children));
                meant.map(|name| format!("did you mean `{name}`?"))
            });
        // Renamed by `oscx fmt --fix` when the name suggested is the one the parent's
        // children leave: no other is as close.
        let children = ct.particles.iter().map(|p| &*p.name);
        let fixable = meant.is_some() && meant == crate::xsd::repair::element_name(local, children);
        self.element_diag(
            Said {
                code: Code::UnexpectedElement,
                message,
                help,
                fixable,
            },
            at,
            after,
            local,
            0,
        );
    }

    /// Explains an element that a later schema generation added.
    pub(super) fn version_help(&self, parent: &str, local: &str) -> Option<String> {
        let target = match self.mode {
            Mode::Custom(_) => return None,
            Mode::Target(_) | Mode::Auto => self.target?,
        };
        match introduced_in(parent, local)? {
            since if since <= target => None,
            Target::Outlook2013 => Some(format!("`{local}` exists only in the 2013 schema")),
            _ => Some(format!("`{local}` exists only from the 1.1 schema on")),
        }
    }

    /// Enters a child declared by the particle `p`, the `index`th of it.
    pub(super) fn enter(
        &mut self,
        schema: &'s Schema,
        tag: Tag<'_, '_, L::Mark>,
        p: &Particle,
        index: u32,
    ) -> Flow {
        let declared = Declared {
            content: p.content,
            name: p.name_id,
            value: p.value,
            qualified: p.qualified,
        };
        self.enter_declared(schema, tag, declared, index, Level::Inner)
    }

    /// Enters an element of the declaration `declared`, the `index`th of its particle.
    pub(super) fn enter_declared(
        &mut self,
        schema: &'s Schema,
        tag: Tag<'_, '_, L::Mark>,
        declared: Declared,
        index: u32,
        level: Level<'_>,
    ) -> Flow {
        let Declared {
            content,
            name,
            value,
            qualified,
        } = declared;
        let Tag {
            e,
            scopes,
            at,
            after,
            empty,
        } = tag;
        if name == WILD_NAME {
            // Not declared: nothing an observer could place.
            self.obs.incomplete();
        } else {
            self.obs.start(&StartTag {
                tag: e,
                name_id: name,
                numbering: schema.numbering,
                local: schema.name(name),
                level,
                resolver: scopes.resolver(),
                empty,
                span: L::offset(at)..L::offset(after),
            });
        }
        // The declaration's own content, which its identity constraints are known by,
        // whatever type `xsi:type` puts in its place.
        let declared_content = content;
        let mut content = content;
        if let (ContentRef::Complex(id), Some(any)) = (content, schema.any_type) {
            // `xs:anyType` lets `xsi:type` name any type: the element takes it before its
            // attributes are judged by it.
            if id == any {
                if let Some(named) = self.xsi_type_of_any(schema, e, scopes, name != WILD_NAME) {
                    content = named;
                    self.xsi_typed = true;
                }
            }
        }
        if let ContentRef::Complex(id) = content {
            // A type derived by extension takes the element before its attributes are
            // judged, as above; schemas without extensions never look.
            if schema.complex_extensions && name != WILD_NAME && !self.xsi_typed {
                if let Some(derived) = self.xsi_type_derived(schema, e, scopes, id) {
                    content = ContentRef::Complex(derived);
                    self.xsi_typed = true;
                }
            }
        }
        let (kind, ct) = match content {
            ContentRef::Complex(id) => {
                let ct = schema.complex_type(id);
                // Text of a simple type, with the complex type's attributes.
                match ct.and_then(|ct| ct.simple_content) {
                    Some(ty) => {
                        let text = schema
                            .simple_type(ty)
                            .map_or(TextMode::Ignore, SimpleType::text_mode);
                        (Kind::Simple { ty, text }, ct)
                    }
                    None => (Kind::Complex(id), ct),
                }
            }
            ContentRef::Simple(id) => {
                let text = schema
                    .simple_type(id)
                    .map_or(TextMode::Ignore, SimpleType::text_mode);
                (Kind::Simple { ty: id, text }, None)
            }
        };
        let kind = match kind {
            Kind::Simple { ty, text } if value.is_some() => Kind::Simple {
                ty,
                text: kept_whole(schema, ty, text),
            },
            other => other,
        };
        self.frames.push(Frame {
            name,
            index,
            kind,
            pos: 0,
            count: 0,
            overflow: 0,
            // Mixed content takes text: there is nothing to report of it.
            flagged: ct.is_some_and(|c| c.mixed),
            chars: 0,
            too_long: false,
            nil: false,
            value,
            order: Order::new(),
            state: 0,
            start: at,
            content: after,
        });
        if let Some(model) = ct.and_then(|c| c.model.as_deref()) {
            self.model_counts
                .extend(std::iter::repeat_n(0, model.decls.len()));
        }
        self.text.clear();
        let attributes = self.attributes(e, scopes, ct, at);
        self.xsi_typed = false;
        if attributes == Flow::Stop {
            return Flow::Stop;
        }
        if !schema.identity.is_empty() {
            self.identity_enter(schema, tag, (name, declared_content, qualified), ct);
        }
        if empty {
            return self.close(at, after);
        }
        Flow::Go
    }

    pub(super) fn skip_element(&mut self, empty: bool) -> Flow {
        self.obs.incomplete();
        if !empty {
            self.skip = 1;
        }
        Flow::Go
    }

    pub(super) fn end(&mut self, at: L::Mark, after: L::Mark) -> Flow {
        if self.skip > 0 {
            self.skip = self.skip.saturating_sub(1);
            if self.skip == 0 && self.frames.is_empty() {
                self.root_closed = true;
            }
            return Flow::Go;
        }
        self.close(at, after)
    }

    /// Checks and pops the innermost frame; `at..after` is its end tag (or its empty tag).
    pub(super) fn close(&mut self, at: L::Mark, after: L::Mark) -> Flow {
        let Some(frame) = self.frames.last().copied() else {
            return Flow::Go;
        };
        if let Some(schema) = self.schema.filter(|_| !frame.nil) {
            match frame.kind {
                Kind::Complex(id) => {
                    if let Some(ct) = schema.complex_type(id) {
                        match ct.model.as_deref() {
                            Some(model) => self.model_end(schema, model, frame, at, after),
                            None => self.missing_at_end(schema, ct, frame, at, after),
                        }
                    }
                }
                Kind::Simple { ty, text } => {
                    if let (Some(st), false) = (schema.simple_type(ty), frame.flagged) {
                        match frame.value.and_then(|v| schema.values.get(v as usize)) {
                            None => {
                                let valid = self.check_value(st, text, frame, at);
                                if valid && ids::has_ids(st) {
                                    self.element_ids(st, frame, at);
                                }
                            }
                            Some(constraint) => self.check_constrained(st, constraint, frame, at),
                        }
                    }
                }
            }
        }
        if let (Some(schema), Kind::Complex(id)) = (self.schema, frame.kind) {
            if let Some(model) = schema.complex_type(id).and_then(|c| c.model.as_deref()) {
                let keep = self.model_counts.len().saturating_sub(model.decls.len());
                self.model_counts.truncate(keep);
            }
        }
        if let Some(schema) = self.schema.filter(|s| !s.identity.is_empty()) {
            self.identity_close(schema, frame);
        }
        self.frames.pop();
        if frame.name == WILD_NAME {
            self.wild_names.pop();
        } else {
            self.obs.end(L::offset(at));
        }
        if self.frames.is_empty() {
            self.root_closed = true;
        }
        Flow::Go
    }

    pub(super) fn missing_at_end(
        &mut self,
        schema: &Schema,
        ct: &ComplexType,
        frame: Frame<L::Mark>,
        at: L::Mark,
        after: L::Mark,
    ) {
        let pos = usize::from(frame.pos);
        let top = Top {
            name: frame.name,
            pos: frame.pos,
            count: frame.count,
            overflow: frame.overflow,
        };
        let unmet = ct.particles.get(pos).is_some_and(|p| frame.count < p.min)
            || ct.required_in(pos + 1, ct.particles.len());
        if !unmet {
            self.place_early(ct, top, usize::MAX);
            return;
        }
        let mut missing = missing_names(ct, pos, frame.count, ct.particles.len());
        self.not_early(ct, &mut missing.0);
        self.place_early(ct, top, usize::MAX);
        if missing.0.is_empty() || !self.room(Severity::Error) {
            return;
        }
        let message = format!(
            "expected {} before the end of `{}`",
            name_list(&missing),
            self.element_name(schema, frame.name)
        );
        let help = hints::add_missing(&missing.0, self.element_name(schema, frame.name), None);
        self.frame_diag(Code::MissingElement, at, after, message, Some(help));
    }

    /// Checks the content of an element whose declaration has a `default` or `fixed`
    /// value: an element without text holds that value (valid, as the schema was checked
    /// to be); other text is checked as usual, and for `fixed` must equal the value in the
    /// type's value space.
    fn check_constrained(
        &mut self,
        st: &SimpleType,
        constraint: &ValueConstraint,
        frame: Frame<L::Mark>,
        end: L::Mark,
    ) {
        if self.text.is_empty() && !frame.too_long {
            // The element holds the schema's value, which the declared type takes; a type
            // named by `xsi:type` may not.
            let Err(rejected) = builtin::check(st, &constraint.text) else {
                return;
            };
            if self.room(Severity::Error) {
                let kind = if constraint.fixed { "fixed" } else { "default" };
                let message = format!(
                    "the element is empty, so holds the schema's {kind} value `{}`: {}",
                    value_excerpt(&constraint.text),
                    rejected.message
                );
                self.invalid_value_between(message, frame.start, L::offset(frame.content));
            }
            return;
        }
        if !self.check_value(st, TextMode::Buffer(false), frame, end) || !constraint.fixed {
            return;
        }
        if varieties::same_value(st, &self.text, &constraint.text) || !self.room(Severity::Error) {
            return;
        }
        let message = format!(
            "{} is not the value the schema fixes, `{}`",
            quoted_value(&self.text),
            value_excerpt(&constraint.text)
        );
        self.invalid_value_between(message, frame.content, L::offset(end));
    }

    /// An error about the value of the innermost open element, from `from` to the offset
    /// `to`.
    fn invalid_value_between(&mut self, message: String, from: L::Mark, to: usize) {
        let path = self.path(None);
        let said = Said {
            code: Code::InvalidValue,
            message,
            help: None,
            fixable: false,
        };
        self.push(said, Severity::Error, from, to, path);
    }

    /// Records the IDs or references in the valid text of an element of type `st`.
    fn element_ids(&mut self, st: &SimpleType, frame: Frame<L::Mark>, end: L::Mark) {
        let text = std::mem::take(&mut self.text);
        let findings = self.note_ids(st, &text);
        self.text = text;
        for finding in findings {
            let room = self.room(Severity::Error);
            if room {
                let path = self.path(None);
                self.push(
                    finding.said,
                    Severity::Error,
                    frame.content,
                    L::offset(end),
                    path,
                );
            }
            if let Some(id) = finding.waits_for {
                let index = room.then(|| self.diagnostics.len() - 1);
                self.wait_for_id(id, index);
            }
        }
    }

    /// Checks a simple-typed element's text; whether it is valid.
    pub(super) fn check_value(
        &mut self,
        st: &SimpleType,
        mode: TextMode,
        frame: Frame<L::Mark>,
        end: L::Mark,
    ) -> bool {
        let result = match mode {
            _ if frame.too_long => Err(Rejection {
                message: format!(
                    "the value is longer than {MAX_VALUE} bytes, far longer than any value \
                     allowed here"
                ),
                help: None,
                fixable: false,
            }),
            TextMode::Ignore => Ok(()),
            TextMode::Count(max) if frame.chars <= max as usize => Ok(()),
            TextMode::Count(max) => builtin::check_length(frame.chars, max),
            TextMode::Buffer(_) => builtin::check(st, &self.text),
        };
        let Err(Rejection {
            message,
            help,
            fixable,
        }) = result
        else {
            return true;
        };
        if self.room(Severity::Error) {
            // Point at the value when there is one, at the element when it is empty.
            let (from, to) = if L::offset(frame.content) < L::offset(end) {
                (frame.content, end)
            } else {
                (frame.start, frame.content)
            };
            let path = self.path(None);
            self.push(
                Said {
                    code: Code::InvalidValue,
                    message,
                    help,
                    fixable,
                },
                Severity::Error,
                from,
                L::offset(to),
                path,
            );
        }
        false
    }
}

/// What entering an element needs of its declaration.
#[derive(Clone, Copy)]
pub(super) struct Declared {
    /// What the element holds.
    pub content: ContentRef,
    /// Its name, by index into the schema's names.
    pub name: u32,
    /// Its `default` or `fixed` value, by index into the schema's values.
    pub value: Option<u32>,
    /// Whether its name is in the target namespace: a global element's, or a qualified
    /// local one's.
    pub qualified: bool,
}

/// The text mode `mode` of the simple type `ty`, made to keep the whole text when it does
/// not: an element with a `default` or `fixed` value needs its text, even for a type that
/// would take any.
pub(super) fn kept_whole(schema: &Schema, ty: u32, mode: TextMode) -> TextMode {
    match mode {
        TextMode::Buffer(_) => mode,
        TextMode::Ignore | TextMode::Count(_) => TextMode::Buffer(
            schema
                .simple_type(ty)
                .is_some_and(|st| st.whitespace() == WhiteSpace::Collapse),
        ),
    }
}

/// The bit [`Order::seen`] keeps for particle `k`; none past the first 64.
fn particle_bit(k: usize) -> u64 {
    u32::try_from(k)
        .ok()
        .and_then(|k| 1u64.checked_shl(k))
        .unwrap_or(0)
}

/// The required particles from `from` (matched `count` times) up to, not including, `to`.
pub(super) fn missing_names(
    ct: &ComplexType,
    from: usize,
    count: u32,
    to: usize,
) -> (Vec<&str>, bool) {
    let mut names = Vec::new();
    for (k, p) in ct.particles.iter().enumerate().take(to).skip(from) {
        let have = if k == from { count } else { 0 };
        if have < p.min {
            names.push(&*p.name);
        }
    }
    (names, false)
}

/// The names that could come next after particle `pos` matched `count` times; the flag says
/// whether the list was cut.
pub(super) fn expected_names(ct: &ComplexType, pos: usize, count: u32) -> (Vec<&str>, bool) {
    let mut candidates: Vec<&str> = Vec::new();
    let mut next = pos;
    if let Some(p) = ct.particles.get(pos) {
        if count < p.max {
            candidates.push(&p.name);
        }
        if count < p.min {
            return (candidates, false);
        }
        next = pos + 1;
    }
    for p in ct.particles.iter().skip(next) {
        candidates.push(&p.name);
        if p.min > 0 {
            break;
        }
    }
    let cut = candidates.len() > LIST_MAX;
    candidates.truncate(LIST_MAX);
    (candidates, cut)
}

/// `` `a`, `b`, `c`, … `` for a list of names.
pub(super) fn name_list((names, cut): &(Vec<&str>, bool)) -> String {
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    if *cut {
        out.push_str(", …");
    }
    out
}
