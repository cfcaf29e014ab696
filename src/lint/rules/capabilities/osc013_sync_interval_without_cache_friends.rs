//! OSC013: `contactSyncRestartInterval` only matters for cached friends.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct SyncIntervalWithoutCacheFriends;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC013",
    name: "sync-interval-without-cache-friends",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "capabilities-xml-elements.md",
    summary: "`contactSyncRestartInterval` set while `cacheFriends` is false",
    explanation: "`contactSyncRestartInterval` tunes how the OSC refreshes the contacts folder \
        it keeps for a network's friends. That folder exists only with cached or hybrid \
        synchronization, that is when `cacheFriends` is true; for on-demand lookups the OSC \
        uses its own fixed expiry, so the interval has no effect.",
    bad: include_str!("../../../../fixtures/invalid/OSC013/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC012/example.xml"),
    reads: &["contactSyncRestartInterval", "cacheFriends"],
    hooks: &[Hook::Capabilities],
};

impl Rule for SyncIntervalWithoutCacheFriends {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if let (Some(minutes), false) = (caps.contact_sync_restart_interval, caps.cache_friends) {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("contactSyncRestartInterval"),
                    format!(
                        "`contactSyncRestartInterval` is {minutes}, but `cacheFriends` is false, \
                         so there is no friends folder for it to refresh"
                    ),
                )
                .help("remove `contactSyncRestartInterval`, or set `cacheFriends` (and `getFriends`) to true"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, SyncIntervalWithoutCacheFriends};
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_gives_the_interval() {
        let found = findings_of(&SyncIntervalWithoutCacheFriends, INFO.bad);
        assert!(found[0].message.contains("is 60"), "{found:?}");
    }

    #[test]
    fn interval_with_cached_friends_is_fine() {
        let xml = caps(&[
            ("getFriends", "true"),
            ("cacheFriends", "true"),
            ("contactSyncRestartInterval", "60"),
        ]);
        assert!(findings_of(&SyncIntervalWithoutCacheFriends, &xml).is_empty());
    }

    #[test]
    fn holds_for_1_0_documents_too() {
        let xml = caps_1_0(&[
            ("getFriends", "true"),
            ("contactSyncRestartInterval", "120"),
        ]);
        assert_eq!(findings_of(&SyncIntervalWithoutCacheFriends, &xml).len(), 1);
    }
}
