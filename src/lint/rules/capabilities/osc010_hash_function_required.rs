//! OSC010: hashed lookups need `hashFunction`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct HashFunctionRequired;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC010",
    name: "hash-function-required",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`dynamicContactsLookup` or `dynamicActivitiesLookupEx` without `hashFunction`",
    explanation: "With either hashed lookup switched on, the OSC hashes e-mail addresses before \
        it asks the provider about them, and it needs `hashFunction` to know how. Without it \
        the OSC refuses the capabilities and the provider does not load. The schema cannot \
        say this, because the element is optional on its own.",
    bad: include_str!("../../../../fixtures/invalid/OSC010/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC010/example.xml"),
    reads: &[
        "hashFunction",
        "dynamicContactsLookup",
        "dynamicActivitiesLookupEx",
    ],
    hooks: &[Hook::Capabilities],
};

impl Rule for HashFunctionRequired {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.hash_function.is_some() {
            return;
        }
        let on: Vec<&str> = [
            ("dynamicContactsLookup", caps.dynamic_contacts_lookup),
            (
                "dynamicActivitiesLookupEx",
                caps.dynamic_activities_lookup_ex,
            ),
        ]
        .into_iter()
        .filter(|(_, v)| *v == Some(true))
        .map(|(name, _)| name)
        .collect();
        if let Some(first) = on.first() {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child(first),
                    format!(
                        "`{}` {} true but `hashFunction` is missing",
                        on.join("` and `"),
                        if on.len() == 1 { "is" } else { "are" }
                    ),
                )
                .help("add `<hashFunction>SHA1</hashFunction>` (or `MD5`, `CRC32MD5`) as the last capability"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn one_finding_names_both_flags() {
        let found = findings_of(&super::HashFunctionRequired, super::INFO.bad);
        assert_eq!(
            found[0].message,
            "`dynamicContactsLookup` and `dynamicActivitiesLookupEx` are true but `hashFunction` is missing"
        );
        assert_eq!(found[0].path, "/capabilities/dynamicContactsLookup");
    }
}
