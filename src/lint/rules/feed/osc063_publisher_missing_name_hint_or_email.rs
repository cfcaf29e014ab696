//! OSC063: a publisher without `nameHint` or without `emailAddress`.

use super::{blank, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, TemplateVariableType};

/// See [`INFO`].
pub struct PublisherMissingNameHintOrEmail;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC063",
    name: "publisher-missing-name-hint-or-email",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "guidelines-for-properly-displaying-activities.md",
    summary: "a `publisherVariable` without `nameHint` or without `emailAddress`",
    explanation: "The OSC matches an activity's publisher to the person selected in the People \
        Pane or Contact Card by display name (`nameHint`) and SMTP address (`emailAddress`). \
        When either is missing, it has to ask the provider about the activity's owner, through \
        `GetPeopleDetails` and then `GetDetails`, before it can show the activity: extra calls \
        to the network, and a wrong or missing match when those answers lack `fullName` or \
        `emailAddress`. Both elements are optional in the schema; the documentation asks \
        providers to set them.",
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

impl Rule for PublisherMissingNameHintOrEmail {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn activity(
        &self,
        _cx: &Context,
        activity: &ActivityDetails,
        at: usize,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        for (k, variable) in activity.template_variables.iter().enumerate() {
            if variable.variable_type != TemplateVariableType::Publisher {
                continue;
            }
            let missing: Vec<&str> = [
                ("nameHint", &variable.name_hint),
                ("emailAddress", &variable.email_address),
            ]
            .into_iter()
            .filter(|(_, v)| blank(v.as_deref()))
            .map(|(name, _)| name)
            .collect();
            if missing.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    variable_path(at, k),
                    format!(
                        "publisher `{}` of activity `{}` has no `{}`; expected both \
                         `nameHint` and `emailAddress`, without which the OSC calls \
                         `GetPeopleDetails` and `GetDetails` for the owner",
                        variable.name,
                        activity.object_id,
                        missing.join("` and no `")
                    ),
                )
                .help(
                    "add the publisher's display name as `<nameHint>` and SMTP address as \
                     `<emailAddress>` (after `<id>`, in that order)",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PublisherMissingNameHintOrEmail};
    use crate::lint::rules::feed::{activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn fires_on_the_bad_example_only() {
        let found = findings_of(&PublisherMissingNameHintOrEmail, INFO.bad);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].path,
            "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[1]"
        );
        assert!(found[0].message.contains("has no `emailAddress`;"));
        assert!(findings_of(&PublisherMissingNameHintOrEmail, INFO.good).is_empty());
    }

    #[test]
    fn the_docs_example_warns_once_per_activity() {
        let xml = include_str!("../../../../fixtures/docs/activity-feed.xml");
        let found = findings_of(&PublisherMissingNameHintOrEmail, xml);
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn both_missing_is_one_finding_and_empty_counts_as_missing() {
        let vars = r#"<templateVariable type="publisherVariable"><name>P</name><id>42</id><nameHint></nameHint></templateVariable>"#;
        let xml = feed(&activity("a", 1, vars), &template(1, "{publisher:P}", None));
        let found = findings_of(&PublisherMissingNameHintOrEmail, &xml);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("has no `nameHint` and no `emailAddress`")
        );
    }

    #[test]
    fn entities_are_not_publishers() {
        let vars = r#"<templateVariable type="entityVariable"><name>E</name><id>7</id></templateVariable>"#;
        let xml = feed(&activity("a", 1, vars), &template(1, "{entity:E}", None));
        assert!(findings_of(&PublisherMissingNameHintOrEmail, &xml).is_empty());
    }
}
