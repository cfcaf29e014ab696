//! OSC015: `allowChangesToAutoConfigure` needs `supportsAutoConfigure`.

use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Hook, ONLY_2013, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct AutoConfigureChangesWithoutSupport;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC015",
    name: "auto-configure-changes-without-support",
    severity: Severity::Warning,
    targets: ONLY_2013,
    source: "capabilities-xml-elements.md",
    summary: "`allowChangesToAutoConfigure` set to true without `supportsAutoConfigure`",
    explanation: "OSC 2013 added `allowChangesToAutoConfigure` to let the user override settings \
        that automatic configuration filled in, such as the logon URL. Automatic configuration \
        happens only when `supportsAutoConfigure` is true (the OSC then calls \
        `GetAutoConfiguredSession`), so without it there is nothing to change and the flag does \
        nothing.",
    bad: include_str!("../../../../fixtures/invalid/OSC015/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC015/example.xml"),
    reads: &["allowChangesToAutoConfigure", "supportsAutoConfigure"],
    hooks: &[Hook::Capabilities],
};

impl Rule for AutoConfigureChangesWithoutSupport {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.allow_changes_to_auto_configure == Some(true)
            && caps.supports_auto_configure != Some(true)
        {
            let why = if caps.supports_auto_configure == Some(false) {
                "`supportsAutoConfigure` is false"
            } else {
                "`supportsAutoConfigure` is missing (false)"
            };
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("allowChangesToAutoConfigure"),
                    format!(
                        "`allowChangesToAutoConfigure` is true, but {why}, so there is no \
                         automatic configuration to change"
                    ),
                )
                .on_value()
                .help(
                    "set `supportsAutoConfigure` to true if the provider implements \
                     `GetAutoConfiguredSession`, otherwise remove `allowChangesToAutoConfigure`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AutoConfigureChangesWithoutSupport, INFO};
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;
    use crate::version::Target;

    #[test]
    fn the_message_says_support_is_missing() {
        let found = findings_of(&AutoConfigureChangesWithoutSupport, INFO.bad);
        assert!(found[0].message.contains("missing"), "{found:?}");
    }

    #[test]
    fn explicit_false_support_is_named() {
        let xml = caps(&[
            ("supportsAutoConfigure", "false"),
            ("allowChangesToAutoConfigure", "true"),
        ]);
        let found = findings_of(&AutoConfigureChangesWithoutSupport, &xml);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("`supportsAutoConfigure` is false")
        );
    }

    #[test]
    fn disallowing_changes_is_always_fine() {
        let xml = caps(&[("allowChangesToAutoConfigure", "false")]);
        assert!(findings_of(&AutoConfigureChangesWithoutSupport, &xml).is_empty());
    }

    #[test]
    fn holds_for_2013_only() {
        // The element exists only in the 2013 content model.
        assert_eq!(INFO.targets, [Target::Outlook2013]);
    }
}
