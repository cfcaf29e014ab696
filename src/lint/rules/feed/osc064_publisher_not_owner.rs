//! OSC064: a publisher whose `id` is not the activity's `ownerID`.

use super::variable_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, TemplateVariableType};

/// See [`INFO`].
pub struct PublisherNotOwner;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC064",
    name: "publisher-not-owner",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "guidelines-for-properly-displaying-activities.md",
    summary: "a `publisherVariable`'s `id` differs from the activity's `ownerID`",
    explanation: "`ownerID` names the network user an activity belongs to, and it is the ID the \
        OSC asks the provider about when the publisher's `nameHint` or `emailAddress` is \
        missing. Usually the publisher is that same user. A different `id` can be right (a \
        post someone else made on the owner's page), but it is also a common slip, such as an \
        internal account number in one place and the public user ID in the other, so the rule \
        only informs.",
    bad: include_str!("../../../../fixtures/invalid/OSC064/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &[
        "objectID",
        "ownerID",
        "templateVariables",
        "templateVariable",
        "name",
        "id",
    ],
    hooks: &[Hook::Activity],
};

impl Rule for PublisherNotOwner {
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
        let owner = activity.owner_id.trim();
        // An empty `ownerID` is OSC073's.
        if owner.is_empty() {
            return;
        }
        for (k, variable) in activity.template_variables.iter().enumerate() {
            if variable.variable_type != TemplateVariableType::Publisher {
                continue;
            }
            // A missing or empty `id` is OSC056's.
            let Some(id) = variable
                .id
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            else {
                continue;
            };
            if id == owner {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    variable_path(at, k).child("id"),
                    format!(
                        "publisher `{}` of activity `{}` has `id` `{id}`, but the activity's \
                         `ownerID` is `{owner}`; expected the same user unless someone else \
                         published on the owner's behalf",
                        variable.name, activity.object_id
                    ),
                )
                .on_value()
                .help("use the same network user ID in `ownerID` and the publisher's `id`, if they are the same person"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PublisherNotOwner};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn surrounding_white_space_does_not_count_and_missing_ids_are_skipped() {
        let padded = INFO.good.replace("<id>42</id>", "<id> 42\n</id>");
        assert!(findings_of(&PublisherNotOwner, &padded).is_empty());
        let missing = INFO.good.replace("<id>42</id>", "");
        assert!(findings_of(&PublisherNotOwner, &missing).is_empty());
        let no_owner = INFO
            .good
            .replace("<ownerID>42</ownerID>", "<ownerID></ownerID>");
        assert!(findings_of(&PublisherNotOwner, &no_owner).is_empty());
    }

    #[test]
    fn the_docs_example_has_matching_ids() {
        let xml = include_str!("../../../../fixtures/docs/activity-feed.xml");
        assert!(findings_of(&PublisherNotOwner, xml).is_empty());
    }
}
