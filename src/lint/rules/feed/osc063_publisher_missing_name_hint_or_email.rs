//! OSC063: a publisher without `nameHint` or without `emailAddress`.

use super::{blank, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
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
    bad: include_str!("../../../../fixtures/invalid/OSC063/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "nameHint",
        "templateVariable/emailAddress",
    ],
    hooks: &[Hook::Activity],
};

impl Rule for PublisherMissingNameHintOrEmail {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed_scope(&self) -> FeedScope {
        FeedScope::Activities
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
    fn the_message_says_what_is_missing() {
        let found = findings_of(&PublisherMissingNameHintOrEmail, INFO.bad);
        assert!(
            found[0].message.contains("has no `emailAddress`;"),
            "{found:?}"
        );
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
