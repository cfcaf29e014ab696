//! OSC021: `showOnDemand…WhenMinimized` without the on-demand lookup it tunes.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct MinimizedWithoutLookup;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC021",
    name: "minimized-without-lookup",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`showOnDemand…WhenMinimized` set to true without the matching on-demand lookup",
    explanation: "`showOnDemandContactsWhenMinimized` and `showOnDemandActivitiesWhenMinimized` \
        say whether on-demand synchronization goes on while the People Pane is minimized. They \
        belong to on-demand synchronization only: without `dynamicContactsLookup` (or \
        `dynamicActivitiesLookupEx`) there is no on-demand lookup to keep running, and the flag \
        does nothing.",
    bad: include_str!("../../../../fixtures/invalid/OSC021/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC021/example.xml"),
    reads: &[
        "showOnDemandActivitiesWhenMinimized",
        "dynamicActivitiesLookupEx",
        "showOnDemandContactsWhenMinimized",
        "dynamicContactsLookup",
    ],
    hooks: &[Hook::Capabilities],
};

impl Rule for MinimizedWithoutLookup {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        let pairs = [
            (
                "showOnDemandActivitiesWhenMinimized",
                caps.show_on_demand_activities_when_minimized,
                "dynamicActivitiesLookupEx",
                caps.dynamic_activities_lookup_ex,
            ),
            (
                "showOnDemandContactsWhenMinimized",
                caps.show_on_demand_contacts_when_minimized,
                "dynamicContactsLookup",
                caps.dynamic_contacts_lookup,
            ),
        ];
        for (flag, value, lookup, lookup_value) in pairs {
            if value == Some(true) && lookup_value != Some(true) {
                out.push(
                    Finding::new(
                        INFO.id,
                        ElementPath::root("capabilities").child(flag),
                        format!(
                            "`{flag}` is true, but `{lookup}` is not, so there is no on-demand \
                             lookup for it to keep running"
                        ),
                    )
                    .on_value()
                    .help(format!(
                        "remove `{flag}`, or set `{lookup}` to true (with `hashFunction`)"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, MinimizedWithoutLookup};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn each_flag_is_checked_against_its_own_lookup() {
        let xml = caps(&[
            ("dynamicContactsLookup", "true"),
            ("dynamicActivitiesLookupEx", "false"),
            ("showOnDemandActivitiesWhenMinimized", "true"),
            ("showOnDemandContactsWhenMinimized", "true"),
            ("hashFunction", "SHA1"),
        ]);
        let found = findings_of(&MinimizedWithoutLookup, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].path,
            "/capabilities/showOnDemandActivitiesWhenMinimized"
        );
    }

    #[test]
    fn false_flags_are_fine() {
        let xml = caps(&[
            ("showOnDemandActivitiesWhenMinimized", "false"),
            ("showOnDemandContactsWhenMinimized", "false"),
        ]);
        assert!(findings_of(&MinimizedWithoutLookup, &xml).is_empty());
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
