//! OSC057: a link or picture (variable or list item) without its URL in `value`.

use super::{blank, item_path, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, SimpleVariableType, TemplateVariableType};
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct LinkOrPictureWithoutValue;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC057",
    name: "link-or-picture-without-value",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a `linkVariable` or `pictureVariable` (or list item of either type) without `value`",
    explanation: "A link's target and a picture's location are given in `value`, which the \
        documentation lists as required for both types, at the top level and as list items. \
        Without it a link leads nowhere and a picture has nothing to load. The schema keeps \
        `value` optional because text variables may leave it out.",
    bad: include_str!("../../../../fixtures/invalid/OSC057/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC057/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "value",
        "listItems",
        "simpleTemplateVariable",
    ],
    hooks: &[Hook::Activity],
};

const HELP: &str = "add `<value>` with the absolute URL of the link target or the picture";

impl Rule for LinkOrPictureWithoutValue {
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
            if matches!(
                variable.variable_type,
                TemplateVariableType::Link | TemplateVariableType::Picture
            ) && blank(variable.value.as_deref())
            {
                let subject = format!(
                    "`{}` `{}` of activity `{}`",
                    variable.variable_type.as_str(),
                    variable.name,
                    activity.object_id
                );
                out.push(without_url(
                    variable_path(at, k),
                    variable.value.is_some(),
                    &subject,
                ));
            }
            for (m, item) in variable.list_items.iter().flatten().enumerate() {
                if item.variable_type == SimpleVariableType::Text
                    || !blank(item.value.as_ref().map(|v| v.as_str()))
                {
                    continue;
                }
                let subject = format!(
                    "`{}` item `{}` of list `{}` of activity `{}`",
                    item.variable_type.as_str(),
                    item.name,
                    variable.name,
                    activity.object_id
                );
                out.push(without_url(
                    item_path(at, k, m),
                    item.value.is_some(),
                    &subject,
                ));
            }
        }
    }
}

/// The finding about `subject` (a variable or list item at `at`) without its URL: at the
/// element when its `value` is missing, underlining the value when it is there but blank.
fn without_url(at: ElementPath, has_value: bool, subject: &str) -> Finding {
    let (path, what) = if has_value {
        (at.child("value"), "has an empty `value`")
    } else {
        (at, "has no `value`")
    };
    let finding =
        Finding::new(INFO.id, path, format!("{subject} {what}; expected its URL")).help(HELP);
    if has_value {
        finding.on_value()
    } else {
        finding
    }
}

#[cfg(test)]
mod tests {
    use super::LinkOrPictureWithoutValue;
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn list_items_and_empty_values() {
        let list = r#"<templateVariable type="listVariable"><name>Photos</name><listItems>
            <simpleTemplateVariable type="pictureVariable"><name>Photo</name><value>https://fabrikam.example/1.jpg</value></simpleTemplateVariable>
            <simpleTemplateVariable type="pictureVariable"><name>Photo</name><altText>sea</altText></simpleTemplateVariable>
            <simpleTemplateVariable type="pictureVariable"><name>Photo</name><value>  </value></simpleTemplateVariable>
            </listItems></templateVariable>"#;
        let xml = feed(
            &activity("a", 1, &[PUBLISHER, list].concat()),
            &template(
                1,
                "{publisher:Publisher}",
                Some("{list:Photos({picture:Photo})}"),
            ),
        );
        let paths: Vec<_> = findings_of(&LinkOrPictureWithoutValue, &xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        let base = "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]/listItems";
        assert_eq!(
            paths,
            [
                format!("{base}/simpleTemplateVariable[2]"),
                format!("{base}/simpleTemplateVariable[3]/value"),
            ]
        );
    }

    #[test]
    fn text_needs_no_value() {
        let vars = r#"<templateVariable type="textVariable"><name>T</name></templateVariable><templateVariable type="listVariable"><name>L</name><listItems><simpleTemplateVariable type="textVariable"><name>I</name></simpleTemplateVariable></listItems></templateVariable>"#;
        let xml = feed(&activity("a", 1, vars), &template(1, "{text:T}", None));
        assert!(findings_of(&LinkOrPictureWithoutValue, &xml).is_empty());
    }
}
