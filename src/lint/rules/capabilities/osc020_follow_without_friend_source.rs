//! OSC020: `followPerson` is read only with cached or on-demand friends.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::version::Target;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct FollowWithoutFriendSource;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC020",
    name: "follow-without-friend-source",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "capabilities-xml-elements.md",
    summary: "`followPerson` set to true while neither `cacheFriends` nor `dynamicContactsLookup` is",
    explanation: "The OSC checks `followPerson` only when friends are synchronized, by caching \
        (`cacheFriends`) or on demand (`dynamicContactsLookup`). With both off the flag is never \
        read, so the network badge and the command to add a person on the network, which \
        `followPerson` turns on in the People Pane, do not appear. `doNotFollowPerson` carries \
        no such condition and is not part of this rule.",
    bad: include_str!("../../../../fixtures/invalid/OSC020/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC020/example.xml"),
    reads: &["followPerson", "cacheFriends", "dynamicContactsLookup"],
    hooks: &[Hook::Capabilities],
};

impl Rule for FollowWithoutFriendSource {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if !caps.follow_person || caps.cache_friends || caps.dynamic_contacts_lookup == Some(true) {
            return;
        }
        let (message, help) = if cx.target == Target::BeforeOutlook2010 {
            (
                "`followPerson` is true, but `cacheFriends` is false, so the OSC never checks it",
                "set `cacheFriends` (with `getFriends`) to true, or `followPerson` to false",
            )
        } else {
            (
                "`followPerson` is true, but neither `cacheFriends` nor `dynamicContactsLookup` \
                 is, so the OSC never checks it",
                "synchronize friends (`cacheFriends` or `dynamicContactsLookup` true, with \
                 `getFriends`), or set `followPerson` to false",
            )
        };
        out.push(
            Finding::new(
                INFO.id,
                ElementPath::root("capabilities").child("followPerson"),
                message,
            )
            .on_value()
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FollowWithoutFriendSource;
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn on_demand_friends_count() {
        let xml = caps(&[
            ("getFriends", "true"),
            ("followPerson", "true"),
            ("dynamicContactsLookup", "true"),
            ("hashFunction", "SHA1"),
        ]);
        assert!(findings_of(&FollowWithoutFriendSource, &xml).is_empty());
    }

    #[test]
    fn do_not_follow_alone_is_not_reported() {
        let xml = caps(&[("getFriends", "true"), ("doNotFollowPerson", "true")]);
        assert!(findings_of(&FollowWithoutFriendSource, &xml).is_empty());
    }

    #[test]
    fn under_1_0_only_cache_friends_is_named() {
        let xml = caps_1_0(&[("getFriends", "true"), ("followPerson", "true")]);
        let found = findings_of(&FollowWithoutFriendSource, &xml);
        assert_eq!(found.len(), 1);
        assert!(!found[0].message.contains("dynamicContactsLookup"));
    }
}
