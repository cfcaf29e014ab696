//! Who a finding is about: the person (`userID`), activity (`objectID`) or template
//! (`applicationID` and `templateID`) whose element it is in, noted while the validator reads
//! the document, so that a baseline recognises the finding when persons are added or
//! removed before it (see [`super::baseline`]).
//!
//! The identities come from the one reading of the document: a watch observes the
//! elements the validator matched, in memory and on a stream alike, and keeps a 64-bit
//! fingerprint of each unit's identity (FNV-1a, as the cross-person rules keep their keys),
//! so a `friends` list costs 8 bytes a person, whatever its IDs' length. A unit whose
//! identity is missing, empty, given twice or shared with another unit of the document keeps
//! its position: its findings are known by their path as written.

use std::fmt::Write as _;

use crate::diagnostic::identities::{Identities, NONE, UNITS};
use crate::xml::path::{next_index, push_segment};
use crate::xsd::observe::{Level, Observer, StartTag};

/// One open element, as the watch keeps it.
struct Open {
    /// The length of the path up to and including this element.
    path_len: usize,
    /// Its children seen so far, by declared name, for their indexes.
    children: Vec<(u32, usize)>,
}

/// The unit being read.
struct Unit {
    /// Its list (in [`Identities`]) and its 1-based index there.
    list: usize,
    /// See `list`.
    index: usize,
    /// Its entry in [`UNITS`].
    entry: usize,
    /// The key child being read: its place in the entry's keys.
    reading: Option<usize>,
}

/// How often a unit gave one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Given {
    /// Not (yet).
    Not,
    /// Once: its value is kept.
    Once,
    /// More than once: no identity.
    Twice,
}

/// Observes the validated elements and notes each unit's identity. Its buffers are kept
/// from one unit to the next: a list of a million persons costs no allocation per person.
#[derive(Default)]
pub(crate) struct IdentityWatch {
    /// Whether to note anything: only a run with a baseline needs the identities, and the
    /// others do not pay for them.
    on: bool,
    /// The path of the open elements, down to the unit (or the deepest a unit can be).
    path: String,
    open: Vec<Open>,
    /// How deep the elements below those kept go: inside the unit, or deeper than units.
    below: usize,
    unit: Option<Unit>,
    /// The unit's keys so far: how often each was given, and its value.
    keys: Vec<(Given, String)>,
    /// The text whose fingerprint is the unit's identity.
    identity: String,
    /// The fingerprint of each unit's identity, by list and index.
    found: Identities,
}

/// Units sit at most this deep (`/activityFeed/activities/activityDetails`): deeper
/// elements are only counted.
const DEEPEST: usize = 3;

impl IdentityWatch {
    /// A watch that notes the identities when `on`, and otherwise does nothing.
    pub(crate) fn new(on: bool) -> Self {
        IdentityWatch {
            on,
            ..IdentityWatch::default()
        }
    }

    /// Whether it notes anything.
    pub(crate) fn is_on(&self) -> bool {
        self.on
    }

    /// The identities noted, without those that two units share.
    pub(crate) fn finish(mut self) -> Identities {
        for (_, prints) in &mut self.found.lists {
            let mut sorted: Vec<u64> = prints.iter().copied().filter(|&p| p != NONE).collect();
            sorted.sort_unstable();
            let shared: Vec<u64> = sorted
                .windows(2)
                .filter(|pair| pair[0] == pair[1])
                .map(|pair| pair[0])
                .collect();
            drop(sorted);
            if !shared.is_empty() {
                for print in prints.iter_mut() {
                    if shared.binary_search(print).is_ok() {
                        *print = NONE;
                    }
                }
            }
        }
        self.found
            .lists
            .retain(|(_, prints)| prints.iter().any(|&p| p != NONE));
        self.found
    }
}

// The watch is on only for a baseline. Off, each call is one test made where the
// validator calls, instead of a call for every event of every document.
impl Observer for IdentityWatch {
    #[inline]
    fn start(&mut self, start: &StartTag<'_, '_>) {
        if self.on {
            self.start_on(start);
        }
    }

    #[inline]
    fn text(&mut self, piece: &str, _at: usize) {
        if self.on {
            self.text_on(piece);
        }
    }

    #[inline]
    fn end(&mut self, _at: usize) {
        if self.on {
            self.end_on();
        }
    }

    fn incomplete(&mut self) {}
}

impl IdentityWatch {
    /// [`Observer::start`], the watch on.
    #[inline(never)]
    fn start_on(&mut self, start: &StartTag<'_, '_>) {
        if matches!(start.level, Level::Root { .. }) {
            *self = IdentityWatch::new(true);
        }
        if self.unit.is_some() || self.below > 0 || self.open.len() == DEEPEST {
            self.below += 1;
            if let Some(unit) = &mut self.unit {
                if self.below == 1 {
                    // A child of the unit: one of its keys, or not.
                    let keys = UNITS[unit.entry].1;
                    unit.reading = keys.iter().position(|k| *k == start.local);
                    if let Some((given, value)) = unit.reading.and_then(|k| self.keys.get_mut(k)) {
                        value.clear();
                        *given = match given {
                            Given::Not => Given::Once,
                            Given::Once | Given::Twice => Given::Twice,
                        };
                    }
                }
            }
            return;
        }
        let n = match self.open.last_mut() {
            Some(parent) => next_index(&mut parent.children, &start.name_id),
            None => 1,
        };
        push_segment(&mut self.path, start.local, n);
        self.open.push(Open {
            path_len: self.path.len(),
            children: Vec::new(),
        });
        if let Some(entry) = UNITS.iter().position(|(name, _)| *name == start.local) {
            let (list, index) = split_index(&self.path);
            let lists = &mut self.found.lists;
            let list = match lists.iter().position(|(l, _)| l == list) {
                Some(at) => at,
                None => {
                    lists.push((list.to_owned(), Vec::new()));
                    lists.len() - 1
                }
            };
            let count = UNITS[entry].1.len();
            self.keys.resize_with(count, || (Given::Not, String::new()));
            for (given, _) in &mut self.keys {
                *given = Given::Not;
            }
            self.unit = Some(Unit {
                list,
                index,
                entry,
                reading: None,
            });
        }
    }

    /// [`Observer::text`], the watch on.
    #[inline(never)]
    fn text_on(&mut self, piece: &str) {
        if let Some(Unit {
            reading: Some(k), ..
        }) = self.unit
        {
            if let Some((Given::Once, value)) = self.keys.get_mut(k) {
                value.push_str(piece);
            }
        }
    }

    /// [`Observer::end`], the watch on.
    #[inline(never)]
    fn end_on(&mut self) {
        if self.below > 0 {
            self.below -= 1;
            if let Some(unit) = &mut self.unit {
                if self.below == 0 {
                    unit.reading = None;
                }
            }
            return;
        }
        if let Some(unit) = self.unit.take() {
            // The unit itself ends.
            let print = identity_of(&unit, &self.keys, &mut self.identity);
            let slot = unit.index.max(1) - 1;
            if let Some((_, prints)) = self.found.lists.get_mut(unit.list) {
                if prints.len() <= slot {
                    prints.resize(slot + 1, NONE);
                }
                prints[slot] = print;
            }
        }
        if self.open.pop().is_some() {
            let len = self.open.last().map_or(0, |o| o.path_len);
            self.path.truncate(len);
        }
    }
}

/// A unit's path split into its list and index: `("/friends/person", 3)` for
/// `/friends/person[3]`; index 1 for a unit that is not repeatable.
fn split_index(path: &str) -> (&str, usize) {
    let Some(step) = path.strip_suffix(']') else {
        return (path, 1);
    };
    match step.rsplit_once('[') {
        Some((list, n)) => (list, n.parse().unwrap_or(1)),
        None => (path, 1),
    }
}

/// The fingerprint of the unit's identity (its keys' names and values, written into
/// `text`), or [`NONE`] when a key is missing, empty or given twice.
fn identity_of(unit: &Unit, given: &[(Given, String)], text: &mut String) -> u64 {
    let (_, keys) = UNITS[unit.entry];
    text.clear();
    for (key, (given, value)) in keys.iter().zip(given) {
        let value = value.trim();
        if *given != Given::Once || value.is_empty() {
            return NONE;
        }
        // NUL, which no value can hold, ends each part: no two splits give the same text.
        let _ = write!(text, "{key}\0{value}\0");
    }
    match crate::lint::fingerprint(text) {
        NONE => 1,
        print => print,
    }
}

/// The validator's observer with the identity watch beside it.
pub(crate) struct Watching<'w, O> {
    /// The other observer (the recorder of the rules, or none).
    pub(crate) inner: O,
    /// The watch.
    pub(crate) watch: &'w mut IdentityWatch,
}

impl<O: Observer> Observer for Watching<'_, O> {
    #[inline]
    fn start(&mut self, start: &StartTag<'_, '_>) {
        self.inner.start(start);
        self.watch.start(start);
    }
    #[inline]
    fn text(&mut self, piece: &str, at: usize) {
        self.inner.text(piece, at);
        self.watch.text(piece, at);
    }
    #[inline]
    fn plain_text(&mut self, piece: &str, at: usize) {
        self.inner.plain_text(piece, at);
        self.watch.text(piece, at);
    }
    #[inline]
    fn end(&mut self, at: usize) {
        self.inner.end(at);
        self.watch.end(at);
    }
    #[inline]
    fn incomplete(&mut self) {
        self.inner.incomplete();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_through_a_unit_is_keyed_by_its_identity() {
        let ids = Identities {
            lists: vec![
                ("/friends/person".to_owned(), vec![7, NONE, 0xab]),
                (
                    "/activityFeed/activities/activityDetails".to_owned(),
                    vec![NONE, 5],
                ),
            ],
        };
        assert_eq!(
            ids.keyed("/friends/person[3]/gender"),
            "/friends/person[userID#00000000000000ab]/gender"
        );
        assert_eq!(
            ids.keyed("/friends/person[1]"),
            "/friends/person[userID#0000000000000007]"
        );
        assert_eq!(
            ids.keyed("/friends/person[2]/gender"),
            "/friends/person[2]/gender"
        );
        assert_eq!(
            ids.keyed("/friends/person[30]/gender"),
            "/friends/person[30]/gender"
        );
        assert_eq!(
            ids.keyed(
                "/activityFeed/activities/activityDetails[2]/templateVariables/templateVariable[1]"
            ),
            "/activityFeed/activities/activityDetails[objectID#0000000000000005]/templateVariables/templateVariable[1]"
        );
        assert_eq!(ids.keyed(""), "");
        assert_eq!(ids.len(), 3);
    }
}
