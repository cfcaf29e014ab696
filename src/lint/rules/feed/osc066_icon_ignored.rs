//! OSC066: the OSC shows the provider's icon, not the templates' `icon`.

use super::template_child_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct IconIgnored;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC066",
    name: "icon-ignored",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "overview-of-xml-for-an-activity-feed-item.md",
    summary: "the templates' `icon` is required but not displayed: the OSC shows the provider's icon",
    explanation: "Every `activityTemplate` must carry an `icon`, yet the icon the OSC draws \
        beside an activity is always the one the provider returns from \
        `ISocialProvider::SocialNetworkIcon`. Icons that differ per template, or that point at \
        a per-activity image, therefore never appear. The rule says so once per feed, at the \
        first template; there is nothing to fix in the document, only an expectation to \
        adjust, and a feed without templates (the good example) has no icon to ignore.",
    bad: include_str!("../../../../fixtures/invalid/OSC066/example.xml"),
    good: include_str!("../../../../fixtures/invalid/OSC069/example.xml"),
    reads: &["templates", "activityTemplateContainer"],
    hooks: &[Hook::Feed],
};

impl Rule for IconIgnored {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        if feed.templates.is_empty() {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                template_child_path(0, "icon"),
                "the OSC shows the provider's `SocialNetworkIcon` beside every activity; the \
                 templates' `icon` is not displayed",
            )
            .help(
                "keep a valid URL in `icon` for the schema, and return the icon you want from \
                 `ISocialProvider::SocialNetworkIcon`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::IconIgnored;
    use crate::lint::rules::feed::{feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn once_per_feed() {
        let templates: String = (1..=3).map(|n| template(n, "x", None)).collect();
        assert_eq!(findings_of(&IconIgnored, &feed("", &templates)).len(), 1);
    }
}
