//! `xs:ID`, `xs:IDREF` and `xs:IDREFS` across one document (XSD part 1, 3.3.4, Validation
//! Root Valid): no ID twice, and every reference names an ID somewhere in the document.
//!
//! The IDs seen are kept as a set. A reference to an ID not seen yet is reported at once,
//! tentatively, and the finding is taken back at the end of the document if the ID came
//! later: the place of a finding is known only while its event is read.

use std::collections::HashSet;

use super::Machine;
use super::findings::Said;
use crate::diagnostic::Code;
use crate::text::value_excerpt;
use crate::xsd::observe::Observer;
use crate::xsd::position::Locate;
use crate::xsd::schema::{Builtin, SimpleType, Variety};

/// The IDs of one document and the references still waiting for theirs.
#[derive(Debug, Default)]
pub(super) struct Ids {
    /// Every ID seen so far.
    seen: HashSet<Box<str>>,
    /// References to IDs not seen when they came: the ID, and the index of the tentative
    /// finding (`None` when the cap on findings left it out, and counted it instead).
    waiting: Vec<(Box<str>, Option<usize>)>,
}

/// What a value of a type says about IDs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An ID.
    Id,
    /// References to IDs: one (`xs:IDREF`) or a list of them.
    Refs,
}

/// Whether values of `st` bind or refer to IDs: `xs:ID`, `xs:IDREF`, `xs:IDREFS` and the
/// types derived from them by restriction, and lists of `xs:IDREF` (the loader refuses other
/// lists and unions holding these types).
#[inline]
pub(super) fn has_ids(st: &SimpleType) -> bool {
    role(st).is_some()
}

fn role(st: &SimpleType) -> Option<Role> {
    match &st.variety {
        Variety::Atomic => match st.base {
            Builtin::Id => Some(Role::Id),
            Builtin::IdRef | Builtin::IdRefs => Some(Role::Refs),
            _ => None,
        },
        Variety::List(list) => (list.item.base == Builtin::IdRef).then_some(Role::Refs),
        Variety::Union(_) => None,
    }
}

/// A finding about an ID, and when it is a reference not yet matched, the ID it waits for.
pub(super) struct IdFinding {
    pub said: Said,
    pub waits_for: Option<Box<str>>,
}

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    /// Records the IDs or references in `value`, a valid value of `st`: what to report of it.
    pub(super) fn note_ids(&mut self, st: &SimpleType, value: &str) -> Vec<IdFinding> {
        let mut findings = Vec::new();
        match role(st) {
            None => {}
            Some(Role::Id) => {
                let id = crate::xs::collapse_whitespace(value);
                if !self.ids.seen.insert(id.as_ref().into()) {
                    findings.push(IdFinding {
                        said: said(format!(
                            "the ID `{}` is given twice in the document",
                            value_excerpt(&id)
                        )),
                        waits_for: None,
                    });
                }
            }
            Some(Role::Refs) => {
                for id in value
                    .split([' ', '\t', '\r', '\n'])
                    .filter(|id| !id.is_empty())
                {
                    if !self.ids.seen.contains(id) {
                        findings.push(IdFinding {
                            said: said(format!(
                                "`{}` refers to no ID in the document",
                                value_excerpt(id)
                            )),
                            waits_for: Some(id.into()),
                        });
                    }
                }
            }
        }
        findings
    }

    /// Notes that the reference to `id` was reported as the finding `index` (`None` when
    /// the cap counted it instead).
    pub(super) fn wait_for_id(&mut self, id: Box<str>, index: Option<usize>) {
        self.ids.waiting.push((id, index));
    }

    /// At the end of the document: takes back the findings of references whose ID came
    /// after them.
    pub(super) fn settle_ids(&mut self) {
        let waiting = std::mem::take(&mut self.ids.waiting);
        let mut found: Vec<usize> = Vec::new();
        for (id, index) in waiting {
            if !self.ids.seen.contains(&id) {
                continue;
            }
            match index {
                Some(k) => found.push(k),
                None => {
                    self.truncated = self.truncated.saturating_sub(1);
                    self.truncated_errors = self.truncated_errors.saturating_sub(1);
                }
            }
        }
        found.sort_unstable();
        for k in found.into_iter().rev() {
            if k < self.diagnostics.len() {
                self.diagnostics.remove(k);
            }
        }
    }
}

fn said(message: String) -> Said {
    Said {
        code: Code::InvalidValue,
        message,
        help: None,
        fixable: false,
    }
}
