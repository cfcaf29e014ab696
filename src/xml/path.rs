//! Element paths as the XSD layer writes them (`/friends/person[3]/userID`): the segment
//! of a child, with its index among same-named siblings for the elements that may repeat.
//! Findings are reported at such paths, and `xml::locate` and the record's outline find
//! them again.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use crate::version::Target;

/// The names of the elements that may repeat inside their parent (`maxOccurs` above 1) in
/// some generation, sorted; their path segments carry `[n]`, as the XSD layer writes them.
///
/// Read from the compiled embedded schemas once, so that it cannot drift from what the XSD
/// layer does; a handful of names, so a lookup stays as cheap as a table's.
pub(crate) fn repeatable() -> &'static [&'static str] {
    static NAMES: OnceLock<Box<[&'static str]>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<&'static str> = Target::ALL
            .into_iter()
            // The embedded schemas compile (the XSD tests load each); one that did not would
            // give its elements no index rather than stop every reading.
            .filter_map(|t| crate::xsd::embedded(t).ok())
            .flat_map(|schema| schema.particles())
            .filter(|p| p.repeatable())
            .map(|p| &*p.name)
            .collect();
        names.sort_unstable();
        names.dedup();
        names.into()
    })
}

/// Whether `name` is one of the [`repeatable`] elements.
pub(crate) fn is_repeatable(name: &str) -> bool {
    repeatable().contains(&name)
}

/// Every path that leads to one of `paths`, the paths included: the elements a search for
/// them must follow; the others can be passed over with their subtrees.
pub(crate) fn on_the_way(paths: &BTreeSet<String>) -> OnTheWay<'_> {
    let mut out = Vec::new();
    for p in paths {
        let mut end = p.len();
        while end > 0 {
            out.push(&p[..end]);
            end = p[..end].rfind('/').unwrap_or(0);
        }
    }
    out.sort_unstable();
    out.dedup();
    OnTheWay(out)
}

/// The paths [`on_the_way`] gives, sorted: a search asks of every element it meets whether
/// its path is one, and a few of a finding's paths are compared faster than any is hashed.
pub(crate) struct OnTheWay<'a>(Vec<&'a str>);

impl OnTheWay<'_> {
    /// Whether `path` leads to one of the paths searched for, or is one.
    pub(crate) fn contains(&self, path: &str) -> bool {
        self.0.binary_search(&path).is_ok()
    }
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
    // A root stands alone: `person` repeats inside `friends`, never as the root.
    let indexed = !path.is_empty() && is_repeatable(name);
    path.push('/');
    path.push_str(name);
    if indexed {
        let _ = write!(path, "[{n}]");
    }
}

/// The element path of the innermost open element, followed one start and end tag at a
/// time, with the index of each repeatable element among its same-named siblings: how a
/// reader or writer that goes through a document in order names where it is.
pub(crate) struct Trail {
    /// The path of the innermost open element (empty before the root).
    path: String,
    /// For the document and each open element: where its own path ends in `path`, and how
    /// many children of each name it has had so far (for the `[n]` of repeatable ones).
    open: Vec<(usize, Vec<(String, usize)>)>,
}

impl Trail {
    /// Before the root.
    pub(crate) fn new() -> Self {
        Trail {
            path: String::new(),
            open: vec![(0, Vec::new())],
        }
    }

    /// Opens a child of the innermost open element (or the root); returns its 1-based index
    /// among its same-named siblings.
    pub(crate) fn enter(&mut self, name: &str) -> usize {
        let parent_len = self.path.len();
        let n = match self.open.last_mut() {
            Some((_, counts)) => next_index(counts, name),
            None => 1,
        };
        push_segment(&mut self.path, name, n);
        self.open.push((parent_len, Vec::new()));
        n
    }

    /// Closes the innermost open element; the bottom entry stands for the document and is
    /// never closed.
    pub(crate) fn leave(&mut self) {
        if self.open.len() > 1 {
            if let Some((len, _)) = self.open.pop() {
                self.path.truncate(len);
            }
        }
    }

    /// The path of the innermost open element; empty outside the root.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }
}

/// An element path as findings give it (`/friends/person[3]/userID`), built one element at
/// a time from the root down. Whether a step carries its index comes from the compiled
/// schemas (the elements a schema lets repeat), as for every path the crate writes, so a
/// rule cannot spell the path of an element otherwise than the validator and the outline do.
///
/// ```
/// use osc_schema::xml::ElementPath;
/// let path = ElementPath::root("friends").nth("person", 3).child("userID");
/// assert_eq!(path.as_str(), "/friends/person[3]/userID");
/// // `person` may repeat inside `friends`, never as the root.
/// assert_eq!(ElementPath::root("person").child("userID").as_str(), "/person/userID");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementPath(String);

impl ElementPath {
    /// The document's root element.
    pub fn root(name: &str) -> Self {
        let mut path = String::with_capacity(name.len() + 1);
        push_segment(&mut path, name, 1);
        ElementPath(path)
    }

    /// The only child named `name`, or the first of those that may repeat.
    #[must_use]
    pub fn child(&self, name: &str) -> Self {
        self.nth(name, 1)
    }

    /// The `n`th (1-based) child named `name`; the index is written for the elements that
    /// may repeat, and only for them.
    #[must_use]
    pub fn nth(&self, name: &str, n: usize) -> Self {
        let mut path = self.0.clone();
        push_segment(&mut path, name, n);
        ElementPath(path)
    }

    /// A path assembled step by step by one of the crate's readers with [`push_segment`],
    /// the function every constructor above goes through.
    pub(crate) fn assembled(path: String) -> Self {
        ElementPath(path)
    }

    /// The local name of the element this one sits in: `person` for
    /// `/friends/person[3]/gender`; empty for the root.
    pub fn parent_name(&self) -> &str {
        let Some((above, _)) = self.0.rsplit_once('/') else {
            return "";
        };
        let segment = above.rsplit('/').next().unwrap_or("");
        segment.split('[').next().unwrap_or(segment)
    }

    /// The index of the child named `name` of `parent` that this path runs through: `3` for
    /// `/friends/person[3]/gender` below `/friends` and `person`.
    pub fn index_below(&self, parent: &ElementPath, name: &str) -> Option<usize> {
        let rest = self.0.strip_prefix(parent.as_str())?.strip_prefix('/')?;
        let rest = rest.strip_prefix(name)?.strip_prefix('[')?;
        let (n, _) = rest.split_once(']')?;
        n.parse().ok()
    }

    /// The path as findings write it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ElementPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for ElementPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ElementPath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<ElementPath> for String {
    fn from(path: ElementPath) -> Self {
        path.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_way_to_paths_is_every_ancestor_and_the_paths() {
        let paths: BTreeSet<String> = ["/a/b[2]/c", "/a/d", "/e"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        let way = on_the_way(&paths);
        for on in ["/a", "/a/b[2]", "/a/b[2]/c", "/a/d", "/e"] {
            assert!(way.contains(on), "{on}");
        }
        for off in ["", "/", "/a/b[1]", "/a/b[2]/c/x", "/a/b", "/ex", "/a/d[1]"] {
            assert!(!way.contains(off), "{off}");
        }
    }
    use crate::xsd::oracle::generations;

    #[test]
    fn the_repeatable_elements_are_those_a_schema_lets_repeat() {
        let declared: BTreeSet<&str> = generations().iter().flat_map(|g| g.repeatable()).collect();
        assert!(declared.len() >= 5, "{declared:?}");
        let derived: BTreeSet<&str> = repeatable().iter().copied().collect();
        assert_eq!(derived, declared);
        assert!(is_repeatable("person") && !is_repeatable("userID"));
    }

    #[test]
    fn only_repeatable_segments_carry_an_index() {
        let mut path = String::new();
        push_segment(&mut path, "friends", 1);
        push_segment(&mut path, "person", 3);
        push_segment(&mut path, "userID", 1);
        assert_eq!(path, "/friends/person[3]/userID");
        let mut root = String::new();
        push_segment(&mut root, "person", 1);
        push_segment(&mut root, "userID", 1);
        assert_eq!(root, "/person/userID");
    }

    #[test]
    fn element_paths_index_the_steps_the_schemas_let_repeat() {
        let person = ElementPath::root("friends").nth("person", 2);
        assert_eq!(person.child("userID").as_str(), "/friends/person[2]/userID");
        // The first of a repeatable element is indexed too, as the validator writes it.
        let first = ElementPath::root("friends").child("person");
        assert_eq!(first.as_str(), "/friends/person[1]");
        assert_eq!(ElementPath::root("person").as_str(), "/person");
        let mut built = String::new();
        for (name, n) in [
            ("activityFeed", 1),
            ("activities", 1),
            ("activityDetails", 4),
        ] {
            push_segment(&mut built, name, n);
        }
        let typed = ElementPath::root("activityFeed")
            .child("activities")
            .nth("activityDetails", 4);
        assert_eq!(typed.as_str(), built);
        assert_eq!(String::from(typed.clone()), typed.to_string());
    }

    #[test]
    fn a_path_tells_its_parent_and_the_unit_it_lies_in() {
        let friends = ElementPath::root("friends");
        let gender = friends.nth("person", 12).child("gender");
        assert_eq!(gender.parent_name(), "person");
        assert_eq!(gender.index_below(&friends, "person"), Some(12));
        assert_eq!(gender.index_below(&friends, "persons"), None);
        assert_eq!(friends.index_below(&friends, "person"), None);
        assert_eq!(friends.parent_name(), "");
        let feed = ElementPath::root("activityFeed").child("activities");
        let activity = feed.nth("activityDetails", 2).child("ownerID");
        assert_eq!(activity.index_below(&feed, "activityDetails"), Some(2));
        assert_eq!(
            activity,
            "/activityFeed/activities/activityDetails[2]/ownerID"
        );
    }
}
