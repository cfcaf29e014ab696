//! OSC056: a publisher or entity variable without the person's `id`.

use super::{blank, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, TemplateVariableType};

/// See [`INFO`].
pub struct PublisherOrEntityWithoutId;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC056",
    name: "publisher-or-entity-without-id",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a `publisherVariable` or `entityVariable` without `id`, or with an empty one",
    explanation: "A publisher or entity variable stands for a user of the network, and the \
        network's ID of that user, in `id`, is a required part of it: it is how the OSC \
        tells people apart and looks them up. The schema makes `id` optional because the other \
        variable types have none, so a variable without it passes validation yet names nobody.",
    bad: include_str!("../../../../fixtures/invalid/OSC056/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC056/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "id",
    ],
    hooks: &[Hook::Activity],
};

impl Rule for PublisherOrEntityWithoutId {
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
            if !matches!(
                variable.variable_type,
                TemplateVariableType::Publisher | TemplateVariableType::Entity
            ) || !blank(variable.id.as_deref())
            {
                continue;
            }
            // An `id` of only whitespace is underlined; a missing one, at its variable.
            let (path, what, on_value) = match variable.id {
                None => (variable_path(at, k), "has no `id`", false),
                Some(_) => (variable_path(at, k).child("id"), "has an empty `id`", true),
            };
            let finding = Finding::new(
                INFO.id,
                path,
                format!(
                    "`{}` `{}` of activity `{}` {what}; expected the user's ID on the \
                         network",
                    variable.variable_type.as_str(),
                    variable.name,
                    activity.object_id
                ),
            )
            .help(
                "add `<id>` right after `<name>`, with the person's network ID (for the \
                     publisher, usually the activity's `ownerID`)",
            );
            out.push(if on_value {
                finding.on_value()
            } else {
                finding
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PublisherOrEntityWithoutId};
    use crate::lint::rules::feed::{activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_the_variable() {
        let found = findings_of(&PublisherOrEntityWithoutId, INFO.bad);
        assert!(
            found[0].message.contains("`entityVariable` `Friend`"),
            "{found:?}"
        );
    }

    #[test]
    fn an_empty_id_points_at_the_id() {
        let vars = r#"<templateVariable type="publisherVariable"><name>P</name><id> </id></templateVariable>"#;
        let xml = feed(&activity("a", 1, vars), &template(1, "{publisher:P}", None));
        let found = findings_of(&PublisherOrEntityWithoutId, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].path.ends_with("/templateVariable[1]/id"));
        assert!(found[0].message.contains("empty `id`"));
    }

    #[test]
    fn other_types_need_no_id() {
        let vars = r#"<templateVariable type="textVariable"><name>T</name></templateVariable>"#;
        let xml = feed(&activity("a", 1, vars), &template(1, "{text:T}", None));
        assert!(findings_of(&PublisherOrEntityWithoutId, &xml).is_empty());
    }
}
