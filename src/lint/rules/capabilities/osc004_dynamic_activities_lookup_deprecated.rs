//! OSC004: `dynamicActivitiesLookup` is ignored from OSC 1.1 on.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct DynamicActivitiesLookupDeprecated;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC004",
    name: "dynamic-activities-lookup-deprecated",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`dynamicActivitiesLookup` set to true for OSC 1.1 or 2013, which ignore it",
    explanation: "`dynamicActivitiesLookup` asked OSC 1.0 to fetch activities on demand through \
        `ISocialSession::GetActivities`. OSC 1.1 deprecated both: it never calls that method and \
        does not read the flag. On-demand activities now come from \
        `ISocialSession2::GetActivitiesEx`, switched on by `dynamicActivitiesLookupEx`.",
    bad: include_str!("../../../../fixtures/invalid/OSC004/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC004/example.xml"),
    reads: &["dynamicActivitiesLookup"],
    hooks: &[Hook::Capabilities],
};

impl Rule for DynamicActivitiesLookupDeprecated {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.dynamic_activities_lookup == Some(true) {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("dynamicActivitiesLookup"),
                    "`dynamicActivitiesLookup` is true, but OSC 1.1 and later ignore it and never \
                     call `ISocialSession::GetActivities`",
                )
                .on_value()
                .help(
                    "remove `dynamicActivitiesLookup`; for on-demand activities set \
                     `dynamicActivitiesLookupEx` to true (with `hashFunction`) and implement \
                     `ISocialSession2::GetActivitiesEx`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DynamicActivitiesLookupDeprecated, INFO};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn false_and_absent_are_not_reported() {
        let off = caps(&[("dynamicActivitiesLookup", "false")]);
        assert!(findings_of(&DynamicActivitiesLookupDeprecated, &off).is_empty());
        assert!(findings_of(&DynamicActivitiesLookupDeprecated, &caps(&[])).is_empty());
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
