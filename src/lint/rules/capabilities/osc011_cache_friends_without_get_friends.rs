//! OSC011: `cacheFriends` is read only when `getFriends` is true.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct CacheFriendsWithoutGetFriends;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC011",
    name: "cache-friends-without-get-friends",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "capabilities-xml-elements.md",
    summary: "`cacheFriends` set to true while `getFriends` is false",
    explanation: "The OSC looks at `cacheFriends` only after `getFriends` has told it that the \
        provider returns friends. With `getFriends` false the OSC treats the network as having \
        no friends at all: it creates no contacts folder and never calls \
        `GetFriendsAndColleagues`, whatever `cacheFriends` says. One of the two values is a \
        mistake.",
    bad: include_str!("../../../../fixtures/invalid/OSC011/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC011/example.xml"),
    reads: &["cacheFriends", "getFriends"],
    hooks: &[Hook::Capabilities],
};

impl Rule for CacheFriendsWithoutGetFriends {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.cache_friends && !caps.get_friends {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("cacheFriends"),
                    "`cacheFriends` is true, but `getFriends` is false, so the OSC ignores it",
                )
                .on_value()
                .help("set `getFriends` to true if the provider returns friends, otherwise set `cacheFriends` to false"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CacheFriendsWithoutGetFriends;
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn both_false_is_fine() {
        assert!(findings_of(&CacheFriendsWithoutGetFriends, &caps(&[])).is_empty());
    }

    #[test]
    fn holds_for_1_0_documents_too() {
        let xml = caps_1_0(&[("cacheFriends", "true")]);
        assert_eq!(findings_of(&CacheFriendsWithoutGetFriends, &xml).len(), 1);
    }
}
