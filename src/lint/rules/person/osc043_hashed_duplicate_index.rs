//! OSC043: two `personAddresses` of a `hashedAddresses` request with the same `index`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::HashedAddresses;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct HashedDuplicateIndex;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC043",
    name: "hashed-duplicate-index",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "isocialsession2-getpeopledetails.md",
    summary: "two `personAddresses` of a `hashedAddresses` request share an `index`",
    explanation: "The OSC numbers the recipients of a `GetPeopleDetails` request with a counter, \
        and the provider's answer names each recipient by that number; with two entries under \
        one index, an answer cannot say which of them a person belongs to. The OSC itself does \
        not send such requests, so this matters for hand-made requests used in tests (and for \
        `--request` files); the schema cannot require the attribute to be unique.",
    bad: include_str!("../../../../fixtures/invalid/OSC043/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC043/example.xml"),
    reads: &["personAddresses"],
    hooks: &[Hook::Hashed],
};

impl Rule for HashedDuplicateIndex {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hashed(&self, _cx: &Context, hashed: &HashedAddresses, out: &mut Vec<Finding>) {
        let mut first: HashMap<i32, usize> = HashMap::new();
        for (i, pa) in hashed.person_addresses.iter().enumerate() {
            let n = i + 1;
            match first.get(&pa.index) {
                Some(earlier) => out.push(
                    Finding::new(
                        INFO.id,
                        ElementPath::root("hashedAddresses").nth("personAddresses", n),
                        format!(
                            "`index` {} is already used by `personAddresses` {earlier}; expected each entry to have its own index",
                            pa.index
                        ),
                    )
                    .on_attribute("index")
                    .help("number the `personAddresses` 0, 1, 2, … in document order, as the OSC does"),
                ),
                None => {
                    first.insert(pa.index, n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{HashedDuplicateIndex, INFO};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_the_first_entry_with_the_index() {
        let found = findings_of(&HashedDuplicateIndex, INFO.bad);
        assert!(
            found[0].message.contains("`personAddresses` 1"),
            "{found:?}"
        );
    }

    #[test]
    fn without_namespace_and_empty() {
        let xml = r#"<hashedAddresses><personAddresses index="3"/><personAddresses index="3"/><personAddresses index="3"/></hashedAddresses>"#;
        assert_eq!(findings_of(&HashedDuplicateIndex, xml).len(), 2);
        assert!(findings_of(&HashedDuplicateIndex, "<hashedAddresses/>").is_empty());
    }

    #[test]
    fn the_docs_request_passes() {
        let xml = include_str!("../../../../fixtures/docs/hashed-addresses.xml");
        assert!(findings_of(&HashedDuplicateIndex, xml).is_empty());
    }
}
