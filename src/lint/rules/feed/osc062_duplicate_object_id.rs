//! OSC062: two activities of one feed with the same `objectID`.

use super::activity_path;
use crate::diagnostic::Severity;
use crate::lint::{
    ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState, fingerprint,
};
use crate::model::ActivityDetails;

/// See [`INFO`].
pub struct DuplicateObjectId;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC062",
    name: "duplicate-object-id",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "activitydetails-element.md",
    summary: "two activities of the feed share an `objectID`",
    explanation: "`objectID` is the string the OSC detects duplicate activities by, so it must \
        be unique per activity (and stay the same for an activity from one call to the next). \
        Two different activities under one `objectID` look like one activity reported twice, \
        and one of them is lost. The schema declares no uniqueness, so it cannot tell.",
    bad: include_str!("../../../../fixtures/invalid/OSC062/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC062/example.xml"),
    reads: &["objectID"],
    hooks: &[Hook::Activity],
};

impl Rule for DuplicateObjectId {
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
        state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        let id = activity.object_id.as_str();
        let earlier = *state.first_at.entry(fingerprint(id)).or_insert(at);
        if earlier == at {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                activity_path(at).child("objectID"),
                format!(
                    "`objectID` `{id}` is already used by `activityDetails[{}]`; expected \
                     one `objectID` per activity",
                    earlier + 1
                ),
            )
            .on_value()
            .help("derive `objectID` from the network's own ID of the post, so that it is unique and stable across calls"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateObjectId;
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn every_repeat_names_the_first_and_ids_compare_exactly() {
        let activities = ["a", "A", "a", "b", "a"]
            .iter()
            .map(|id| activity(id, 1, PUBLISHER))
            .collect::<String>();
        let xml = feed(&activities, &template(1, "{publisher:Publisher}", None));
        let found = findings_of(&DuplicateObjectId, &xml);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|f| f.message.contains("`activityDetails[1]`"))
        );
        assert!(found[1].path.contains("activityDetails[5]"));
    }
}
