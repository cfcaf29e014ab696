//! OSC017: `useLogonCached` makes the OSC ignore `useLogonWebAuth`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct LogonCachedOverridesWebAuth;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC017",
    name: "logon-cached-overrides-web-auth",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`useLogonWebAuth` and `useLogonCached` both set to true",
    explanation: "The two flags pick different logon calls: `useLogonWebAuth` asks for \
        forms-based logon through `ISocialSession::LogonWeb`, `useLogonCached` for logon with \
        stored credentials through `ISocialSession2::LogonCached`. When both are true the OSC \
        follows `useLogonCached` and never calls `LogonWeb`, so the forms-based logon the \
        provider prepared is not used.",
    bad: include_str!("../../../../fixtures/invalid/OSC017/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC017/example.xml"),
    reads: &["useLogonWebAuth", "useLogonCached"],
    hooks: &[Hook::Capabilities],
};

impl Rule for LogonCachedOverridesWebAuth {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.use_logon_web_auth && caps.use_logon_cached == Some(true) {
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child("useLogonWebAuth"),
                    "`useLogonWebAuth` is true, but so is `useLogonCached`, and the OSC then \
                     calls `LogonCached` and ignores `useLogonWebAuth`",
                )
                .on_value()
                .help(
                    "set `useLogonWebAuth` to false if the provider logs on through `LogonCached`, \
                     or `useLogonCached` to false to keep forms-based logon through `LogonWeb`",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, LogonCachedOverridesWebAuth};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn web_auth_alone_is_fine() {
        let xml = caps(&[("useLogonWebAuth", "true"), ("useLogonCached", "false")]);
        assert!(findings_of(&LogonCachedOverridesWebAuth, &xml).is_empty());
        let xml = caps(&[("useLogonWebAuth", "true")]);
        assert!(findings_of(&LogonCachedOverridesWebAuth, &xml).is_empty());
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
