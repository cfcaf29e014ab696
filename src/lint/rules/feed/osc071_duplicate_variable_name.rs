//! OSC071: two variables of one activity with the same `name`.

use std::collections::HashMap;

use super::variable_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::ActivityDetails;

/// Up to this many variables, an earlier name is found by looking back.
const FEW: usize = 16;

/// See [`INFO`].
pub struct DuplicateVariableName;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC071",
    name: "duplicate-variable-name",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "activitydetails-element.md",
    summary: "two `templateVariable`s of one activity share a `name`",
    explanation: "Templates refer to an activity's data by the variables' `name`, so within one \
        activity a name has to pick out one variable. With two variables of the same name, a \
        token can show only one of them, and which one is not defined; the other is data the \
        OSC never displays. Items of one list share a name on purpose (the list token's item \
        names them all), so they are not checked.",
    bad: include_str!("../../../../fixtures/invalid/OSC071/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC071/example.xml"),
    reads: &["objectID", "templateVariables", "templateVariable", "name"],
    hooks: &[Hook::Activity],
};

impl Rule for DuplicateVariableName {
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
        let variables = &activity.template_variables;
        // An activity has a handful of variables: looking back costs less than a map,
        // which is kept for activities with many.
        let mut first: Option<HashMap<&str, usize>> = (variables.len() > FEW).then(HashMap::new);
        for (k, variable) in variables.iter().enumerate() {
            let earlier = match first.as_mut() {
                Some(first) => first.get(variable.name.as_str()).copied().or_else(|| {
                    first.insert(&variable.name, k);
                    None
                }),
                None => variables
                    .iter()
                    .take(k)
                    .position(|v| v.name == variable.name),
            };
            let Some(earlier) = earlier else {
                continue;
            };
            out.push(
                Finding::new(
                    INFO.id,
                    variable_path(at, k).child("name"),
                    format!(
                        "variable `{}` of activity `{}` repeats the name of \
                         `templateVariable[{}]`; expected each name once per activity",
                        variable.name,
                        activity.object_id,
                        earlier + 1
                    ),
                )
                .on_value()
                .help("rename one of them and refer to it by its own token, or put values of one kind in a `listVariable`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DuplicateVariableName, INFO};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_the_first_variable_with_the_name() {
        let found = findings_of(&DuplicateVariableName, INFO.bad);
        assert!(
            found[0].message.contains("`templateVariable[2]`"),
            "{found:?}"
        );
    }

    #[test]
    fn list_items_may_share_a_name() {
        let xml = include_str!("../../../../fixtures/docs/activity-feed-lists.xml");
        assert!(findings_of(&DuplicateVariableName, xml).is_empty());
    }
}
