//! OSC023: `contactSyncRestartInterval` outside the range the OSC takes for it.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct SyncIntervalOutOfRange;

/// The largest interval the OSC's own setting allows: one week, in minutes.
const MAX_MINUTES: u32 = 10_080;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC023",
    name: "sync-interval-out-of-range",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "synchronizing-friends-and-activities.md",
    summary: "`contactSyncRestartInterval` of 0 or more than 10080 minutes",
    explanation: "The schema lets `contactSyncRestartInterval` be any unsigned number of minutes, \
        but the OSC's own setting for the same interval (a group-policy registry value) only \
        takes 1 to 10080 minutes, one week. Zero would mean retrying a failed friends \
        synchronization without any pause, and the OSC's handling of values outside that range \
        is not documented.",
    bad: include_str!("../../../../fixtures/invalid/OSC023/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC023/example.xml"),
    reads: &["contactSyncRestartInterval"],
    hooks: &[Hook::Capabilities],
};

impl Rule for SyncIntervalOutOfRange {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        match caps.contact_sync_restart_interval {
            Some(minutes) if minutes == 0 || minutes > MAX_MINUTES => out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("contactSyncRestartInterval"),
                    format!(
                        "`contactSyncRestartInterval` is {minutes} minutes; expected 1 to \
                         {MAX_MINUTES}, the range the OSC's own setting allows"
                    ),
                )
                .on_value()
                .help("give a number of minutes from 1 to 10080, or leave the element out for the default of 30"),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SyncIntervalOutOfRange;
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    fn count(minutes: &str) -> usize {
        let xml = caps(&[
            ("cacheFriends", "true"),
            ("contactSyncRestartInterval", minutes),
        ]);
        findings_of(&SyncIntervalOutOfRange, &xml).len()
    }

    #[test]
    fn bounds() {
        assert_eq!(count("0"), 1);
        assert_eq!(count("1"), 0);
        assert_eq!(count("10080"), 0);
        assert_eq!(count("10081"), 1);
        assert_eq!(count("4294967295"), 1);
        assert_eq!(count("+0"), 1);
    }

    #[test]
    fn absent_is_fine() {
        assert!(findings_of(&SyncIntervalOutOfRange, &caps(&[])).is_empty());
    }

    #[test]
    fn holds_for_1_0_documents_too() {
        let xml = caps_1_0(&[
            ("cacheFriends", "true"),
            ("contactSyncRestartInterval", "0"),
        ]);
        assert_eq!(findings_of(&SyncIntervalOutOfRange, &xml).len(), 1);
    }
}
