//! OSC005: OSC 2013 no longer caches activities.

use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Hook, ONLY_2013, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct CacheActivitiesIgnored;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC005",
    name: "cache-activities-ignored",
    severity: Severity::Warning,
    targets: ONLY_2013,
    source: "capabilities-xml-elements.md",
    summary: "`cacheActivities` set to true for OSC 2013, which no longer caches activities",
    explanation: "Up to OSC 1.1 a provider could have activities stored in a hidden news-feed \
        folder and refreshed through `ISocialProfile::GetActivitiesOfFriendsAndColleagues`. \
        OSC 2013 dropped that mode: it ignores `cacheActivities` and never calls the cached \
        activity methods, so activities reach the user only when they are looked up on demand.",
    bad: include_str!("../../../../fixtures/invalid/OSC005/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC004/example.xml"),
    reads: &["getActivities", "cacheActivities"],
    hooks: &[Hook::Capabilities],
};

impl Rule for CacheActivitiesIgnored {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        // With `getActivities` false the flag is dead for another reason (OSC019).
        if caps.get_activities && caps.cache_activities {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("cacheActivities"),
                    "`cacheActivities` is true, but OSC 2013 no longer caches activities and ignores it",
                )
                .on_value()
                .help(
                    "set `cacheActivities` to false and serve activities on demand: \
                     `dynamicActivitiesLookupEx` true and `ISocialSession2::GetActivitiesEx`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CacheActivitiesIgnored, INFO};
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;
    use crate::version::Target;

    #[test]
    fn fires_without_on_demand_lookup_too() {
        let xml = caps(&[("getActivities", "true"), ("cacheActivities", "true")]);
        assert_eq!(findings_of(&CacheActivitiesIgnored, &xml).len(), 1);
    }

    #[test]
    fn left_to_osc019_when_activities_are_off() {
        let xml = caps(&[("getActivities", "false"), ("cacheActivities", "true")]);
        assert!(findings_of(&CacheActivitiesIgnored, &xml).is_empty());
    }

    #[test]
    fn holds_for_2013_only() {
        assert_eq!(INFO.targets, [Target::Outlook2013]);
    }
}
