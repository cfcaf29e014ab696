//! OSC014: account URLs that the account dialog never shows.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::Capabilities;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct AccountUrlsWithHiddenLinks;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC014",
    name: "account-urls-with-hidden-links",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "capabilities-xml-elements.md",
    summary: "`createAccountUrl` or `forgotPasswordUrl` set while `hideHyperlinks` is true",
    explanation: "The account dialog opens `createAccountUrl` and `forgotPasswordUrl` from its \
        create-account and forgot-password links, and it shows those links only when \
        `hideHyperlinks` is false. With `hideHyperlinks` true the URLs are never used, which \
        usually means the provider meant to show the links.",
    bad: include_str!("../../../../fixtures/invalid/OSC014/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC014/example.xml"),
    reads: &["hideHyperlinks", "createAccountUrl", "forgotPasswordUrl"],
    hooks: &[Hook::Capabilities],
};

impl Rule for AccountUrlsWithHiddenLinks {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn capabilities(&self, _cx: &Context, caps: &Capabilities, out: &mut Vec<Finding>) {
        if caps.hide_hyperlinks != Some(true) {
            return;
        }
        let set: Vec<&str> = [
            ("createAccountUrl", caps.create_account_url.is_some()),
            ("forgotPasswordUrl", caps.forgot_password_url.is_some()),
        ]
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(name, _)| name)
        .collect();
        if let Some(first) = set.first() {
            let verb = if set.len() == 1 { "is" } else { "are" };
            out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("capabilities").child(first),
                    format!(
                        "`{}` {verb} set, but `hideHyperlinks` is true, so the account dialog never shows the links",
                        set.join("` and `")
                    ),
                )
                .help("set `hideHyperlinks` to false to show the links, or remove the URLs"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AccountUrlsWithHiddenLinks, INFO};
    use crate::lint::FROM_1_1;
    use crate::lint::rules::capabilities::caps;
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn one_finding_names_both_urls() {
        let found = findings_of(&AccountUrlsWithHiddenLinks, INFO.bad);
        assert!(
            found[0]
                .message
                .contains("`createAccountUrl` and `forgotPasswordUrl` are set"),
            "{found:?}"
        );
    }

    #[test]
    fn points_at_the_one_url_present() {
        let xml = caps(&[
            ("hideHyperlinks", "true"),
            ("forgotPasswordUrl", "https://social.fabrikam.example/reset"),
        ]);
        let found = findings_of(&AccountUrlsWithHiddenLinks, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/capabilities/forgotPasswordUrl");
        assert!(found[0].message.contains("`forgotPasswordUrl` is set"));
    }

    #[test]
    fn absent_hide_hyperlinks_means_shown() {
        let xml = caps(&[("createAccountUrl", "https://social.fabrikam.example/join")]);
        assert!(findings_of(&AccountUrlsWithHiddenLinks, &xml).is_empty());
    }

    #[test]
    fn hidden_links_without_urls_are_fine() {
        assert!(
            findings_of(
                &AccountUrlsWithHiddenLinks,
                &caps(&[("hideHyperlinks", "true")])
            )
            .is_empty()
        );
    }

    #[test]
    fn holds_from_1_1_on() {
        assert_eq!(INFO.targets, FROM_1_1);
    }
}
