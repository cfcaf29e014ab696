//! Help for findings whose fix is plain: which elements to add, and where.

/// What to write for the required elements `missing` of `parent`, placed `before` the
/// child found in their stead, or at the end of `parent` when `before` is `None`: the
/// elements in the schema's order, as the user would type them.
pub(super) fn add_missing(missing: &[&str], parent: &str, before: Option<&str>) -> String {
    let mut elements = String::new();
    for (i, name) in missing.iter().enumerate() {
        if i > 0 {
            elements.push_str(", then ");
        }
        elements.push_str(&format!("`<{name}>…</{name}>`"));
    }
    match before {
        Some(found) => format!("add {elements} inside `<{parent}>`, just before `<{found}>`"),
        None => format!("add {elements} at the end of `<{parent}>`, just before `</{parent}>`"),
    }
}

#[cfg(test)]
mod tests {
    use super::add_missing;

    #[test]
    fn says_what_to_add_and_where() {
        assert_eq!(
            add_missing(&["userID"], "person", Some("firstName")),
            "add `<userID>…</userID>` inside `<person>`, just before `<firstName>`"
        );
        assert_eq!(
            add_missing(&["a", "b"], "p", None),
            "add `<a>…</a>`, then `<b>…</b>` at the end of `<p>`, just before `</p>`"
        );
    }
}
