//! OSC016: `getActivities` without any way for the OSC to get them.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::version::Target;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct NoActivitiesWillShow;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC016",
    name: "no-activities-will-show",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`getActivities` true, but no synchronization mode that delivers activities is on",
    explanation: "`getActivities` only says that the provider has activities; how the OSC fetches \
        them comes from `cacheActivities` (cached, OSC 1.1 only) or `dynamicActivitiesLookupEx` \
        (on demand through `GetActivitiesEx`). OSC 2013 supports the on-demand mode alone. When \
        no usable mode is switched on, the OSC never asks for activities and none are shown.",
    bad: include_str!("../../../../fixtures/invalid/OSC016/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC004/example.xml"),
    reads: &[
        "getActivities",
        "dynamicActivitiesLookupEx",
        "cacheActivities",
    ],
    hooks: &[Hook::Capabilities],
};

impl Rule for NoActivitiesWillShow {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if !caps.get_activities || caps.dynamic_activities_lookup_ex == Some(true) {
            return;
        }
        let message = if cx.target == Target::Outlook2013 {
            if caps.cache_activities {
                "`getActivities` is true, but `dynamicActivitiesLookupEx` is not, and OSC 2013 \
                 ignores `cacheActivities`, so no activities are ever requested"
            } else {
                "`getActivities` is true, but `dynamicActivitiesLookupEx` is not, so OSC 2013 \
                 never requests activities"
            }
        } else if caps.cache_activities {
            return;
        } else {
            "`getActivities` is true, but neither `cacheActivities` nor \
             `dynamicActivitiesLookupEx` is, so the OSC never requests activities"
        };
        let path = if caps.dynamic_activities_lookup_ex.is_some() {
            ElementPath::root("capabilities").child("dynamicActivitiesLookupEx")
        } else {
            ElementPath::root("capabilities").child("getActivities")
        };
        out.push(Finding::new(INFO.id, path, message).on_value().help(
            "set `dynamicActivitiesLookupEx` to true (with `hashFunction`) and implement \
             `ISocialSession2::GetActivitiesEx`, or set `getActivities` to false",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, NoActivitiesWillShow};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};
    use crate::version::Target;

    fn under_1_1(xml: &str) -> usize {
        let setup = Setup {
            target: Some(Target::Outlook2010),
            ..Setup::default()
        };
        findings_in(&NoActivitiesWillShow, xml, setup).len()
    }

    #[test]
    fn the_examples_hold_under_1_1_too() {
        assert_eq!(under_1_1(INFO.bad), 1);
        assert_eq!(under_1_1(INFO.good), 0);
    }

    #[test]
    fn points_at_a_false_lookup_flag() {
        let xml = caps(&[
            ("getActivities", "true"),
            ("dynamicActivitiesLookupEx", "false"),
        ]);
        let found = findings_of(&NoActivitiesWillShow, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/capabilities/dynamicActivitiesLookupEx");
    }

    #[test]
    fn cached_activities_count_for_1_1_only() {
        let xml = caps(&[("getActivities", "true"), ("cacheActivities", "true")]);
        assert_eq!(under_1_1(&xml), 0);
        let found = findings_of(&NoActivitiesWillShow, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("ignores `cacheActivities`"));
    }

    #[test]
    fn no_activities_claimed_is_fine() {
        assert!(findings_of(&NoActivitiesWillShow, &caps(&[])).is_empty());
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
