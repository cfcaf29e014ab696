//! OSC011: `cacheFriends` is read only when `getFriends` is true.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Rule, RuleInfo};
use crate::model::Capabilities;

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
    bad: r#"<capabilities xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <getFriends>false</getFriends>
  <cacheFriends>true</cacheFriends>
  <followPerson>false</followPerson>
  <doNotFollowPerson>false</doNotFollowPerson>
  <getActivities>false</getActivities>
  <cacheActivities>false</cacheActivities>
  <displayUrl>false</displayUrl>
  <useLogonWebAuth>false</useLogonWebAuth>
</capabilities>"#,
    good: r#"<capabilities xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <getFriends>true</getFriends>
  <cacheFriends>true</cacheFriends>
  <followPerson>false</followPerson>
  <doNotFollowPerson>false</doNotFollowPerson>
  <getActivities>false</getActivities>
  <cacheActivities>false</cacheActivities>
  <displayUrl>false</displayUrl>
  <useLogonWebAuth>false</useLogonWebAuth>
</capabilities>"#,
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
                    "/capabilities/cacheFriends",
                    "`cacheFriends` is true, but `getFriends` is false, so the OSC ignores it",
                )
                .help("set `getFriends` to true if the provider returns friends, otherwise set `cacheFriends` to false"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CacheFriendsWithoutGetFriends, INFO};
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn fires_on_the_bad_example_only() {
        let found = findings_of(&CacheFriendsWithoutGetFriends, INFO.bad);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/capabilities/cacheFriends");
        assert!(findings_of(&CacheFriendsWithoutGetFriends, INFO.good).is_empty());
    }

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
