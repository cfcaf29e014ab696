//! Children against a compiled content model ([`crate::xsd::model`]): one step of its
//! automaton per child, or for `xs:all` one bit per element.
//!
//! A child the model does not take here is reported with what could come instead and
//! passed over; the model stays where it was, so the next child is judged as if the wrong
//! one were not there, as the flat-sequence path does.

use super::elements::name_list;
use super::findings::Said;
use super::{Flow, Frame, LIST_MAX, Machine, Namespaced, Tag, Top};
use crate::diagnostic::{Code, Severity};
use crate::xsd::model::{Matcher, Model};
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::{NameKey, Schema};

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// The child `local` of the innermost open element, whose type has `model`.
    pub(super) fn model_child(
        &mut self,
        schema: &'s Schema,
        model: &'s Model,
        top: Top,
        tag: Tag<'_, '_, L::Mark>,
        ns_ok: Namespaced,
        local: &str,
    ) -> Flow {
        let Some(frame) = self.frames.last().copied() else {
            return Flow::Go;
        };
        let key = NameKey::of(local);
        let decl = model
            .decls
            .iter()
            .position(|d| d.key.matches(&d.name, key, local));
        let next = decl.and_then(|d| next_state(model, frame.state, d));
        // A wildcard takes the child that no element particle takes by name and namespace.
        let fits = decl
            .and_then(|d| model.decls.get(d))
            .is_some_and(|p| ns_ok.fits(p.qualified));
        if !model.wildcards.is_empty() && (next.is_none() || !fits) {
            if let Some(flow) = self.wildcard_child(schema, model, frame, tag, local) {
                return flow;
            }
        }
        let (Some(d), Some(next)) = (decl, next) else {
            match (decl, &model.matcher) {
                (Some(d), Matcher::All { .. }) => self.all_again(schema, model, top, d, tag),
                _ => self.model_unexpected(schema, model, frame, local, tag),
            }
            return self.skip_element(tag.empty);
        };
        let Some(p) = model.decls.get(d) else {
            return self.skip_element(tag.empty);
        };
        if !ns_ok.fits(p.qualified) {
            self.wrong_namespace(schema, top, tag, local, p.qualified);
            return self.skip_element(tag.empty);
        }
        let base = self.model_counts.len().saturating_sub(model.decls.len());
        let count = match self.model_counts.get_mut(base + d) {
            Some(c) => {
                *c = c.saturating_add(1);
                *c
            }
            None => 1,
        };
        let index = if p.repeatable() { count } else { 0 };
        if let Some(frame) = self.frames.last_mut() {
            frame.state = next;
            frame.pos = u16::try_from(d + 1).unwrap_or(0);
        }
        self.enter(schema, tag, p, index)
    }

    /// A second child of one element of an `xs:all`.
    fn all_again(
        &mut self,
        schema: &'s Schema,
        model: &Model,
        top: Top,
        d: usize,
        tag: Tag<'_, '_, L::Mark>,
    ) {
        if !self.room(Severity::Error) {
            return;
        }
        let name = model.decls.get(d).map_or("", |p| &*p.name);
        let message = format!(
            "`{name}` may occur at most once in `{}`",
            self.element_name(schema, top.name)
        );
        self.element_diag(
            Said {
                code: Code::TooMany,
                message,
                help: None,
                fixable: false,
            },
            tag.at,
            tag.after,
            name,
            0,
        );
    }

    /// A child the model does not take where it stands: says what could come instead.
    fn model_unexpected(
        &mut self,
        schema: &'s Schema,
        model: &Model,
        frame: Frame<L::Mark>,
        local: &str,
        tag: Tag<'_, '_, L::Mark>,
    ) {
        if !self.room(Severity::Error) {
            return;
        }
        let parent = self.element_name(schema, frame.name).to_owned();
        let mut expected: Vec<&str> = allowed(model, frame.state)
            .filter_map(|d| model.decls.get(d).map(|p| &*p.name))
            .collect();
        let cut = expected.len() > LIST_MAX;
        expected.truncate(LIST_MAX);
        let list = (expected, cut);
        let found = format!("found `{local}`");
        let last = usize::from(frame.pos).checked_sub(1);
        let place = match (
            last.and_then(|d| model.decls.get(d)),
            last.and_then(|d| d.checked_sub(model.decls.len()))
                .and_then(|w| model.wildcards.get(w)),
        ) {
            (Some(p), _) => format!("after `{}`", p.name),
            (None, Some(w)) => format!("after {}", w.describe("an element")),
            (None, None) => format!("at the start of `{parent}`"),
        };
        let wild = wildcards_of(model, allowed(model, frame.state));
        let message = match (list.0.is_empty(), wild) {
            (true, None) => format!("expected no more elements in `{parent}` {place}, {found}"),
            (true, Some(wild)) => format!("expected {wild} {place}, {found}"),
            (false, Some(wild)) => {
                format!(
                    "expected one of {} or {wild} {place}, {found}",
                    name_list(&list)
                )
            }
            (false, None) if list.0.len() == 1 && !list.1 => {
                format!("expected {} {place}, {found}", name_list(&list))
            }
            (false, None) => format!("expected one of {} {place}, {found}", name_list(&list)),
        };
        let known = model.decls.iter().any(|p| *p.name == *local);
        let help = if known {
            Some(format!("`{local}` cannot come here in `{parent}`"))
        } else {
            crate::xsd::suggest::closest(local, list.0.iter().copied())
                .or_else(|| {
                    crate::xsd::suggest::closest(local, model.decls.iter().map(|p| &*p.name))
                })
                .map(|name| format!("did you mean `{name}`?"))
        };
        self.element_diag(
            Said {
                code: Code::UnexpectedElement,
                message,
                help,
                fixable: false,
            },
            tag.at,
            tag.after,
            local,
            0,
        );
    }

    /// The end of an element whose type has `model`: what is still required.
    pub(super) fn model_end(
        &mut self,
        schema: &Schema,
        model: &Model,
        frame: Frame<L::Mark>,
        at: L::Mark,
        after: L::Mark,
    ) {
        let (required, one_of): (Vec<usize>, bool) = match &model.matcher {
            Matcher::Dfa(dfa) => {
                let Ok(state) = u32::try_from(frame.state) else {
                    return;
                };
                if dfa.accepts(state) {
                    return;
                }
                let required = dfa.required(state);
                if required.is_empty() {
                    (dfa.allowed(state).collect(), true)
                } else {
                    (required, false)
                }
            }
            Matcher::All {
                required,
                emptiable,
            } => {
                let missing = required & !frame.state;
                if missing == 0 || (*emptiable && frame.state == 0) {
                    return;
                }
                let bits = (0..model.decls.len())
                    .filter(|&d| {
                        u32::try_from(d)
                            .ok()
                            .and_then(|d| 1u64.checked_shl(d))
                            .is_some_and(|bit| missing & bit != 0)
                    })
                    .collect();
                (bits, false)
            }
        };
        if !self.room(Severity::Error) {
            return;
        }
        let parent = self.element_name(schema, frame.name).to_owned();
        let mut names: Vec<&str> = required
            .iter()
            .filter_map(|&d| model.decls.get(d).map(|p| &*p.name))
            .collect();
        let cut = names.len() > LIST_MAX;
        names.truncate(LIST_MAX);
        let list = (names, cut);
        let wild = wildcards_of(model, required.iter().copied());
        let (message, help) = if let Some(wild) = wild {
            let message = if list.0.is_empty() {
                format!("expected {wild} before the end of `{parent}`")
            } else {
                format!(
                    "expected {} or {wild} before the end of `{parent}`",
                    name_list(&list)
                )
            };
            (
                message,
                format!("add it at the end of `<{parent}>`, just before `</{parent}>`"),
            )
        } else if list.0.is_empty() {
            // A dead end: an empty `xs:choice` that must occur matches nothing.
            (
                format!(
                    "no content is valid for `{parent}` here: its content model cannot be completed"
                ),
                format!(
                    "the content model of `{parent}` holds an `xs:choice` without elements that must occur; fix the schema"
                ),
            )
        } else if one_of && list.0.len() != 1 {
            (
                format!(
                    "expected one of {} before the end of `{parent}`",
                    name_list(&list)
                ),
                format!("add one of them at the end of `<{parent}>`, just before `</{parent}>`"),
            )
        } else {
            (
                format!("expected {} before the end of `{parent}`", name_list(&list)),
                super::hints::add_missing(&list.0, &parent, None),
            )
        };
        self.frame_diag(Code::MissingElement, at, after, message, Some(help));
    }
}

/// What the wildcards among `columns` admit, for a message: `None` when there are none.
fn wildcards_of(model: &Model, columns: impl Iterator<Item = usize>) -> Option<String> {
    let said: Vec<String> = columns
        .filter_map(|d| d.checked_sub(model.decls.len()))
        .filter_map(|w| model.wildcards.get(w))
        .map(|w| w.describe("an element"))
        .collect();
    (!said.is_empty()).then(|| said.join(" or "))
}

/// The state after a child of declaration `d` in `state`, if the model takes it there.
fn next_state(model: &Model, state: u64, d: usize) -> Option<u64> {
    match &model.matcher {
        Matcher::Dfa(dfa) => u32::try_from(state)
            .ok()
            .and_then(|s| dfa.step(s, d))
            .map(u64::from),
        Matcher::All { .. } => {
            let bit = u32::try_from(d).ok().and_then(|d| 1u64.checked_shl(d))?;
            (state & bit == 0).then_some(state | bit)
        }
    }
}

/// The declarations the model takes next in `state`, in declaration order.
fn allowed(model: &Model, state: u64) -> Box<dyn Iterator<Item = usize> + '_> {
    match &model.matcher {
        Matcher::Dfa(dfa) => match u32::try_from(state) {
            Ok(s) => Box::new(dfa.allowed(s)),
            Err(_) => Box::new(std::iter::empty()),
        },
        Matcher::All { .. } => {
            Box::new((0..model.decls.len()).filter(move |&d| next_state(model, state, d).is_some()))
        }
    }
}
