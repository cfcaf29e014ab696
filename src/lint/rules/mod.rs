//! The rule catalogue: one rule per file, grouped by the document they look at.

mod capabilities;
mod feed;
mod person;
#[cfg(test)]
pub(crate) mod testing;

use std::sync::OnceLock;

use super::Rule;

/// Every rule, in ID order.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<&'static dyn Rule> = capabilities::RULES
            .iter()
            .chain(person::RULES)
            .chain(feed::RULES)
            .copied()
            .collect();
        rules.sort_by_key(|r| r.info().id);
        rules
    })
}

/// The rule with this ID.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all()
        .iter()
        .copied()
        .find(|r| r.info().id.eq_ignore_ascii_case(id))
}
