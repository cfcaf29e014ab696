//! OSC073: an activity with an empty `ownerID`.

use super::activity_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::ActivityDetails;

/// See [`INFO`].
pub struct OwnerIdEmpty;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC073",
    name: "owner-id-empty",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "guidelines-for-properly-displaying-activities.md",
    summary: "an activity's `ownerID` is empty",
    explanation: "`ownerID` is the network's opaque ID of the user the activity belongs to, and \
        providers must set it: the OSC relies on it to attach the activity to a person, and \
        asks the provider about that ID when the publisher's details are incomplete. The \
        schema requires the element but accepts it empty, which names nobody.",
    bad: include_str!("../../../../fixtures/invalid/OSC073/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &["objectID", "ownerID"],
    hooks: &[Hook::Activity],
};

impl Rule for OwnerIdEmpty {
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
        if !activity.owner_id.trim().is_empty() {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                activity_path(at).child("ownerID"),
                format!(
                    "`ownerID` of activity `{}` is empty; expected the owner's user ID on \
                     the network",
                    activity.object_id
                ),
            )
            .on_value()
            .help("set `ownerID` to the network ID of the user who owns the activity (the publisher's `id`, usually)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, OwnerIdEmpty};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn white_space_is_empty() {
        let xml = INFO
            .good
            .replace("<ownerID>42</ownerID>", "<ownerID>\n  </ownerID>");
        assert_eq!(findings_of(&OwnerIdEmpty, &xml).len(), 1);
    }
}
