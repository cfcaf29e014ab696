//! OSC061: a list whose items are of different types.

use super::item_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::ActivityDetails;

/// See [`INFO`].
pub struct ListMixedTypes;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC061",
    name: "list-mixed-types",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a `listVariable` whose items are not all of one type",
    explanation: "A list shows either comma-separated links or texts, or a row of pictures, \
        and the documentation counts its limit per kind: five links, five texts or five \
        pictures. A list token also names a single item kind, as in \
        `{list:Photos({picture:Photo})}`, so items of another type are not what the token \
        displays. The finding points at the first item whose type differs from the first \
        item's.",
    bad: include_str!("../../../../fixtures/invalid/OSC061/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC061/example.xml"),
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

impl Rule for ListMixedTypes {
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
            let Some([first, rest @ ..]) = variable.list_items.as_deref() else {
                continue;
            };
            let Some((m, other)) = rest
                .iter()
                .enumerate()
                .find(|(_, item)| item.variable_type != first.variable_type)
            else {
                continue;
            };
            out.push(
                Finding::new(
                    INFO.id,
                    item_path(at, k, m + 1),
                    format!(
                        "list `{}` of activity `{}` mixes `{}` and `{}` items; expected items \
                         of one type",
                        variable.name,
                        activity.object_id,
                        first.variable_type.as_str(),
                        other.variable_type.as_str()
                    ),
                )
                .on_attribute("type")
                .help("split the items into one list per type, or move a lone link into its own `linkVariable`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, ListMixedTypes};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_both_types() {
        let found = findings_of(&ListMixedTypes, INFO.bad);
        assert!(
            found[0]
                .message
                .contains("mixes `pictureVariable` and `linkVariable`"),
            "{found:?}"
        );
    }

    #[test]
    fn links_and_texts_are_different_types_too() {
        let xml = INFO
            .bad
            .replace(r#""pictureVariable""#, r#""textVariable""#);
        let found = findings_of(&ListMixedTypes, &xml);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("`textVariable` and `linkVariable`")
        );
    }
}
