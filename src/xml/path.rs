//! Element paths as the XSD layer writes them (`/friends/person[3]/userID`): the segment
//! of a child, with its index among same-named siblings for the elements that may repeat.
//! Findings are reported at such paths, and `lint::locate` and the record's outline find
//! them again.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// Children that may repeat inside their parent; their path segments carry `[n]`, as the
/// XSD layer writes them.
pub(crate) const REPEATABLE: &[&str] = &[
    "person",
    "activityDetails",
    "templateVariable",
    "simpleTemplateVariable",
    "activityTemplateContainer",
    "personAddresses",
    "hashedAddress",
];

/// Every path that leads to one of `paths`, the paths included: the elements a search for
/// them must follow; the others can be passed over with their subtrees.
pub(crate) fn on_the_way(paths: &BTreeSet<String>) -> HashSet<&str> {
    let mut out = HashSet::new();
    for p in paths {
        let mut end = p.len();
        while end > 0 {
            out.insert(&p[..end]);
            end = p[..end].rfind('/').unwrap_or(0);
        }
    }
    out
}

/// Counts one more child named `name` among its siblings and gives its 1-based index
/// among those of the same name.
pub(crate) fn next_index<Q: ?Sized + PartialEq + ToOwned>(
    counts: &mut Vec<(Q::Owned, usize)>,
    name: &Q,
) -> usize {
    use std::borrow::Borrow;
    match counts.iter_mut().find(|(known, _)| known.borrow() == name) {
        Some((_, n)) => {
            *n += 1;
            *n
        }
        None => {
            counts.push((name.to_owned(), 1));
            1
        }
    }
}

/// Appends `/name` to an element path, with `[n]` for elements that may repeat.
pub(crate) fn push_segment(path: &mut String, name: &str, n: usize) {
    path.push('/');
    path.push_str(name);
    if REPEATABLE.contains(&name) {
        let _ = write!(path, "[{n}]");
    }
}
