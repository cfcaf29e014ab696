//! OSC060: a list with more than five items.

use super::item_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::ActivityDetails;

/// See [`INFO`].
pub struct ListTooLong;

/// The most items a list displays.
const MAX_ITEMS: usize = crate::render::lookup::MAX_LIST_ITEMS;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC060",
    name: "list-too-long",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a `listVariable` with more than five items",
    explanation: "The documentation limits a list to five items: five links, five texts or \
        five pictures. The schema sets no upper bound on `simpleTemplateVariable`, so a longer \
        list validates, but the items past the fifth cannot be relied on to appear. The \
        finding points at the sixth item.",
    bad: include_str!("../../../../fixtures/invalid/OSC060/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC060/example.xml"),
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

impl Rule for ListTooLong {
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
            let count = variable.list_items.as_ref().map_or(0, Vec::len);
            if count <= MAX_ITEMS {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    item_path(at, k, MAX_ITEMS),
                    format!(
                        "list `{}` of activity `{}` has {count} items; expected at most \
                         {MAX_ITEMS}",
                        variable.name, activity.object_id
                    ),
                )
                .help("keep the five most relevant items, and link to the rest (a `linkVariable` to an album, say)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, ListTooLong};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_counts_the_items() {
        let found = findings_of(&ListTooLong, INFO.bad);
        assert!(found[0].message.contains("has 6 items"), "{found:?}");
    }

    #[test]
    fn one_finding_however_long() {
        let item = "<simpleTemplateVariable type=\"pictureVariable\">\n              <name>Photo</name>\n              <value>https://fabrikam.example/photos/1.jpg</value>\n            </simpleTemplateVariable>\n";
        let xml = INFO.bad.replace(
            "          </listItems>",
            &format!("{}          </listItems>", item.repeat(20)),
        );
        let found = findings_of(&ListTooLong, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("has 26 items"));
    }
}
