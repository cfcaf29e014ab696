//! OSC066: the OSC shows the provider's icon, not the templates' `icon`.

use super::template_child_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Rule, RuleInfo};
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
    bad: r#"<activityFeed xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <network>Fabrikam</network>
  <activities>
    <activityDetails>
      <ownerID>42</ownerID>
      <objectID>status-42-1</objectID>
      <applicationID>1</applicationID>
      <templateID>1</templateID>
      <publishDate>2024-03-09T08:15:00Z</publishDate>
      <templateVariables>
        <templateVariable type="publisherVariable">
          <name>Publisher</name>
          <id>42</id>
          <nameHint>Ines Okafor</nameHint>
          <emailAddress>ines@fabrikam.example</emailAddress>
        </templateVariable>
      </templateVariables>
    </activityDetails>
  </activities>
  <templates>
    <activityTemplateContainer>
      <applicationID>1</applicationID>
      <templateID>1</templateID>
      <activityTemplate>
        <title>{publisher:Publisher} joined Fabrikam</title>
        <icon>https://fabrikam.example/static/icons/join-16.png</icon>
      </activityTemplate>
    </activityTemplateContainer>
  </templates>
</activityFeed>"#,
    good: r#"<activityFeed xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <network>Fabrikam</network>
  <activities></activities>
  <templates></templates>
</activityFeed>"#,
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
    use super::{INFO, IconIgnored};
    use crate::lint::rules::feed::{feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn fires_on_the_bad_example_only() {
        let found = findings_of(&IconIgnored, INFO.bad);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].path,
            "/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/icon"
        );
        assert!(findings_of(&IconIgnored, INFO.good).is_empty());
    }

    #[test]
    fn once_per_feed() {
        let templates: String = (1..=3).map(|n| template(n, "x", None)).collect();
        assert_eq!(findings_of(&IconIgnored, &feed("", &templates)).len(), 1);
    }
}
