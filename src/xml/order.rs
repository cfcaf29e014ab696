//! The order elements appear in, for telling whether formatting moved any.

use std::collections::HashMap;

/// The local names of a document's elements in document order; empty if it is not XML.
pub fn element_sequence(text: &str) -> Vec<String> {
    let mut reader = crate::markup::reader(text.as_bytes());
    let mut scopes = crate::markup::Scopes::new();
    let mut names = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(crate::markup::Refusal::from)
            .and_then(|event| scopes.take(&event).map(|()| event));
        match event {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                names.push(e.local_name().into_inner().to_owned());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return names,
            Ok(_) => {}
        }
    }
}

/// Whether the elements named `before` were put in another order to give `after`. Elements
/// renamed on the way (a misspelt name repaired) are in only one of the two, and are left
/// out of the comparison: a rename alone is no move (nor is a move of a renamed element
/// told, which its rename is said for).
pub fn reordered(before: &[String], after: &[String]) -> bool {
    shared(before, counts(after)) != shared(after, counts(before))
}

/// How many elements of each name `names` holds.
fn counts(names: &[String]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for name in names {
        *counts.entry(name.as_str()).or_default() += 1;
    }
    counts
}

/// The names in `names`, each kept only as many times as `left` allows.
fn shared<'a>(names: &'a [String], mut left: HashMap<&str, usize>) -> Vec<&'a str> {
    names
        .iter()
        .map(String::as_str)
        .filter(|name| match left.get_mut(*name) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::reordered;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn a_rename_is_no_move_and_a_move_is_one() {
        let before = names(&["person", "userID", "emailAdress", "fullName"]);
        let renamed = names(&["person", "userID", "emailAddress", "fullName"]);
        assert!(!reordered(&before, &renamed));
        let moved = names(&["person", "fullName", "userID", "emailAdress"]);
        assert!(reordered(&moved, &renamed));
        assert!(!reordered(&moved, &moved));
    }

    #[test]
    fn lists_local_names_in_order() {
        assert_eq!(
            super::element_sequence("<o:a xmlns:o='x'><b/><o:c>t</o:c></o:a>"),
            ["a", "b", "c"]
        );
    }
}
