//! OSC058: a list variable without items.

use super::variable_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, TemplateVariableType};

/// See [`INFO`].
pub struct ListWithoutItems;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC058",
    name: "list-without-items",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a `listVariable` without `listItems`, or with an empty one",
    explanation: "A list variable is only a container: what it displays are the \
        `simpleTemplateVariable` items inside its `listItems`, which the documentation makes a \
        required part of the type. A list without items gives its `{list:…}` token nothing to \
        show. The schema keeps `listItems` optional because no other type has it.",
    bad: include_str!("../../../../fixtures/invalid/OSC058/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC058/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "listItems",
        "simpleTemplateVariable",
    ],
    hooks: &[Hook::Activity],
};

impl Rule for ListWithoutItems {
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
            if variable.variable_type != TemplateVariableType::List {
                continue;
            }
            let (path, what) = match &variable.list_items {
                None => (variable_path(at, k), "has no `listItems`"),
                Some(items) if items.is_empty() => (
                    variable_path(at, k).child("listItems"),
                    "has an empty `listItems`",
                ),
                Some(_) => continue,
            };
            out.push(
                Finding::new(
                    INFO.id,
                    path,
                    format!(
                        "`listVariable` `{}` of activity `{}` {what}; expected one to five \
                         `simpleTemplateVariable` items",
                        variable.name, activity.object_id
                    ),
                )
                .help(
                    "put the pictures, links or texts in `<listItems>` as \
                     `simpleTemplateVariable` elements, or leave the list (and its token) out",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, ListWithoutItems};
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_says_what_is_missing() {
        let found = findings_of(&ListWithoutItems, INFO.bad);
        assert!(found[0].message.contains("has no `listItems`"), "{found:?}");
    }

    #[test]
    fn an_empty_list_items_points_at_it() {
        let list = r#"<templateVariable type="listVariable"><name>L</name><listItems/></templateVariable>"#;
        let xml = feed(
            &activity("a", 1, &[PUBLISHER, list].concat()),
            &template(1, "{publisher:Publisher}", None),
        );
        let found = findings_of(&ListWithoutItems, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].path.ends_with("/templateVariable[2]/listItems"));
        assert!(found[0].message.contains("empty `listItems`"));
    }

    #[test]
    fn list_items_on_other_types_are_not_this_rules_concern() {
        let text = r#"<templateVariable type="textVariable"><name>T</name></templateVariable>"#;
        let xml = feed(&activity("a", 1, text), &template(1, "{text:T}", None));
        assert!(findings_of(&ListWithoutItems, &xml).is_empty());
    }
}
