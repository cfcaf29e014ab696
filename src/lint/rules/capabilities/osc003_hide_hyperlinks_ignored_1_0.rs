//! OSC003: OSC 1.0 ignores `hideHyperlinks`.

use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Hook, ONLY_1_0, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct HideHyperlinksIgnored10;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC003",
    name: "hide-hyperlinks-ignored-1.0",
    severity: Severity::Info,
    targets: ONLY_1_0,
    source: "capabilities-xml-elements.md",
    summary: "`hideHyperlinks` set to false for OSC 1.0, which always hides the links",
    explanation: "`hideHyperlinks` decides whether the account dialog shows the create-account \
        and forgot-password links, but only from OSC 1.1 on. OSC 1.0 does not look at the \
        value and never shows the links, so `false` there promises links the user will not \
        see (1.0 has no `createAccountUrl` or `forgotPasswordUrl` to point them at anyway).",
    bad: include_str!("../../../../fixtures/invalid/OSC003/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC003/example.xml"),
    reads: &["hideHyperlinks"],
    hooks: &[Hook::Capabilities],
};

impl Rule for HideHyperlinksIgnored10 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.hide_hyperlinks == Some(false) {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("hideHyperlinks"),
                    "`hideHyperlinks` is false, but OSC 1.0 ignores it and always hides the account links",
                )
                .on_value()
                .help("set `hideHyperlinks` to true (or leave it out) for OSC 1.0; the links need OSC 1.1"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{HideHyperlinksIgnored10, INFO};
    use crate::lint::rules::capabilities::caps_1_0;
    use crate::lint::rules::testing::findings_of;
    use crate::version::Target;

    #[test]
    fn absent_is_not_reported() {
        assert!(findings_of(&HideHyperlinksIgnored10, &caps_1_0(&[])).is_empty());
    }

    #[test]
    fn holds_for_1_0_only() {
        assert_eq!(INFO.targets, [Target::BeforeOutlook2010]);
    }
}
