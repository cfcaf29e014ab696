//! OSC012: `dynamicContactsLookup` is read only when `getFriends` is true.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct DynamicContactsWithoutGetFriends;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC012",
    name: "dynamic-contacts-without-get-friends",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`dynamicContactsLookup` set to true while `getFriends` is false",
    explanation: "On-demand lookup of people (`ISocialSession2::GetPeopleDetails`) is part of \
        the friends feature: the OSC reads `dynamicContactsLookup` only when `getFriends` is \
        true. With `getFriends` false it never calls `GetPeopleDetails`, so the People Pane \
        shows nothing from the network although the provider implements the lookup.",
    bad: include_str!("../../../../fixtures/invalid/OSC012/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC012/example.xml"),
    reads: &["dynamicContactsLookup", "getFriends"],
    hooks: &[Hook::Capabilities],
};

impl Rule for DynamicContactsWithoutGetFriends {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.dynamic_contacts_lookup == Some(true) && !caps.get_friends {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("dynamicContactsLookup"),
                    "`dynamicContactsLookup` is true, but `getFriends` is false, so the OSC \
                     never calls `GetPeopleDetails`",
                )
                .on_value()
                .help("set `getFriends` to true for on-demand people lookup, otherwise set `dynamicContactsLookup` to false"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DynamicContactsWithoutGetFriends, INFO};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn false_or_absent_lookup_is_fine() {
        let off = caps(&[("dynamicContactsLookup", "false")]);
        assert!(findings_of(&DynamicContactsWithoutGetFriends, &off).is_empty());
        assert!(findings_of(&DynamicContactsWithoutGetFriends, &caps(&[])).is_empty());
    }

    #[test]
    fn holds_from_1_1_on() {
        // 1.0 has no `dynamicContactsLookup`; the XSD layer reports it there.
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
