//! OSC052: a template no activity of the feed selects.

use std::collections::HashSet;

use super::{container_path, key_of};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct UnusedTemplate;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC052",
    name: "unused-template",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "activitytemplatecontainer-element.md",
    summary: "an `activityTemplateContainer` whose IDs no activity of the feed uses",
    explanation: "Templates exist to lay out the feed's activities, which select one by \
        `applicationID` and `templateID`. A template no activity selects is harmless, but it \
        makes the answer larger, and it often means that an activity's IDs were meant to \
        point at it. A template that repeats another's IDs is OSC051's concern, not this one's.",
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
        <icon>https://fabrikam.example/icon.png</icon>
      </activityTemplate>
    </activityTemplateContainer>
    <activityTemplateContainer>
      <applicationID>1</applicationID>
      <templateID>2</templateID>
      <activityTemplate>
        <title>{publisher:Publisher} changed their profile photo</title>
        <icon>https://fabrikam.example/icon.png</icon>
      </activityTemplate>
    </activityTemplateContainer>
  </templates>
</activityFeed>"#,
    good: r#"<activityFeed xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
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
        <icon>https://fabrikam.example/icon.png</icon>
      </activityTemplate>
    </activityTemplateContainer>
  </templates>
</activityFeed>"#,
};

impl Rule for UnusedTemplate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        let selected: HashSet<(u64, u64)> = feed.activities.iter().map(key_of).collect();
        for (j, container) in feed.templates.iter().enumerate() {
            let key = (container.application_id, container.template_id);
            if selected.contains(&key) {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    container_path(j),
                    format!(
                        "no activity selects the template with `applicationID` `{}` and \
                         `templateID` `{}`",
                        key.0, key.1
                    ),
                )
                .help("remove the template, or check the IDs of the activities meant to use it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, UnusedTemplate};
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn fires_on_the_bad_example_only() {
        let found = findings_of(&UnusedTemplate, INFO.bad);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].path,
            "/activityFeed/templates/activityTemplateContainer[2]"
        );
        assert!(findings_of(&UnusedTemplate, INFO.good).is_empty());
    }

    #[test]
    fn a_copy_of_a_used_template_is_left_to_osc051() {
        let t = template(1, "x", None);
        let xml = feed(&activity("a", 1, PUBLISHER), &[t.clone(), t].concat());
        assert!(findings_of(&UnusedTemplate, &xml).is_empty());
    }

    #[test]
    fn without_activities_every_template_is_unused() {
        let xml = feed(
            "",
            &[template(1, "x", None), template(2, "y", None)].concat(),
        );
        assert_eq!(findings_of(&UnusedTemplate, &xml).len(), 2);
    }
}
