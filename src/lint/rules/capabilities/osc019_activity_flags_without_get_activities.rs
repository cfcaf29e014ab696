//! OSC019: activity modes are read only when `getActivities` is true.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct ActivityFlagsWithoutGetActivities;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC019",
    name: "activity-flags-without-get-activities",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "capabilities-xml-elements.md",
    summary: "`cacheActivities` or `dynamicActivitiesLookupEx` set to true while `getActivities` is false",
    explanation: "`cacheActivities` and `dynamicActivitiesLookupEx` choose how activities are \
        synchronized, and the OSC consults them only when `getActivities` is true. With \
        `getActivities` false the OSC takes the network to have no activities and calls none of \
        the activity methods, so the provider's activity support is never used.",
    bad: include_str!("../../../../fixtures/invalid/OSC019/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC004/example.xml"),
    reads: &[
        "getActivities",
        "cacheActivities",
        "dynamicActivitiesLookupEx",
    ],
    hooks: &[Hook::Capabilities],
};

impl Rule for ActivityFlagsWithoutGetActivities {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.get_activities {
            return;
        }
        let on: Vec<&str> = [
            ("cacheActivities", caps.cache_activities),
            (
                "dynamicActivitiesLookupEx",
                caps.dynamic_activities_lookup_ex == Some(true),
            ),
        ]
        .into_iter()
        .filter(|(_, v)| *v)
        .map(|(name, _)| name)
        .collect();
        if let Some(first) = on.first() {
            let verb = if on.len() == 1 { "is" } else { "are" };
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child(first),
                    format!(
                        "`{}` {verb} true, but `getActivities` is false, so the OSC never asks for activities",
                        on.join("` and `")
                    ),
                )
                .on_value()
                .help("set `getActivities` to true if the provider returns activities, otherwise switch the activity modes off"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ActivityFlagsWithoutGetActivities;
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn one_finding_names_both_modes() {
        let xml = caps(&[
            ("cacheActivities", "true"),
            ("dynamicActivitiesLookupEx", "true"),
            ("hashFunction", "SHA1"),
        ]);
        let found = findings_of(&ActivityFlagsWithoutGetActivities, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/capabilities/cacheActivities");
        assert!(
            found[0]
                .message
                .starts_with("`cacheActivities` and `dynamicActivitiesLookupEx` are true")
        );
    }

    #[test]
    fn all_off_is_fine() {
        let xml = caps(&[("dynamicActivitiesLookupEx", "false")]);
        assert!(findings_of(&ActivityFlagsWithoutGetActivities, &xml).is_empty());
    }

    #[test]
    fn holds_for_1_0_documents_too() {
        let xml = caps_1_0(&[("cacheActivities", "true")]);
        assert_eq!(
            findings_of(&ActivityFlagsWithoutGetActivities, &xml).len(),
            1
        );
    }
}
