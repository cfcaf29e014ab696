//! OSC022: `hashFunction` without any hashed lookup.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct HashFunctionUnused;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC022",
    name: "hash-function-unused",
    severity: Severity::Info,
    targets: FROM_1_1,
    source: "outlook-social-connector-provider-xml-schema.md",
    summary: "`hashFunction` set while neither `dynamicContactsLookup` nor `dynamicActivitiesLookupEx` is true",
    explanation: "The OSC hashes e-mail addresses only for the two on-demand lookups, \
        `GetPeopleDetails` and `GetActivitiesEx`, and the schema notes that `hashFunction` is \
        ignored unless one of them is switched on. A hash function without either lookup is \
        harmless, but it often means a lookup flag was forgotten.",
    bad: include_str!("../../../../fixtures/invalid/OSC022/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC011/example.xml"),
    reads: &[
        "hashFunction",
        "dynamicContactsLookup",
        "dynamicActivitiesLookupEx",
    ],
    hooks: &[Hook::Capabilities],
};

impl Rule for HashFunctionUnused {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        let Some(hash) = caps.hash_function else {
            return;
        };
        if caps.dynamic_contacts_lookup == Some(true)
            || caps.dynamic_activities_lookup_ex == Some(true)
        {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                ElementPath::root("capabilities").child("hashFunction"),
                format!(
                    "`hashFunction` is `{}`, but neither `dynamicContactsLookup` nor \
                     `dynamicActivitiesLookupEx` is true, so the OSC never hashes anything",
                    hash.as_str()
                ),
            )
            .help("remove `hashFunction`, or switch on the on-demand lookup it is meant for"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{HashFunctionUnused, INFO};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_the_function() {
        let found = findings_of(&HashFunctionUnused, INFO.bad);
        assert!(found[0].message.contains("`SHA1`"), "{found:?}");
    }

    #[test]
    fn either_lookup_uses_it() {
        for lookup in ["dynamicContactsLookup", "dynamicActivitiesLookupEx"] {
            let xml = caps(&[(lookup, "true"), ("hashFunction", "MD5")]);
            assert!(
                findings_of(&HashFunctionUnused, &xml).is_empty(),
                "{lookup}"
            );
        }
    }

    #[test]
    fn false_lookups_do_not() {
        let xml = caps(&[
            ("dynamicActivitiesLookupEx", "false"),
            ("dynamicContactsLookup", "false"),
            ("hashFunction", "CRC32MD5"),
        ]);
        assert_eq!(findings_of(&HashFunctionUnused, &xml).len(), 1);
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
