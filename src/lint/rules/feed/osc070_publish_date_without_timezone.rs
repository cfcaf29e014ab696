//! OSC070: a `publishDate` without a timezone.

use super::activity_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::ActivityDetails;
use crate::xs::Timezone;

/// See [`INFO`].
pub struct PublishDateWithoutTimezone;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC070",
    name: "publish-date-without-timezone",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "isocialsession2-getactivitiesex.md",
    summary: "an activity's `publishDate` has no timezone",
    explanation: "`xs:dateTime` may leave the timezone out, and the schema accepts it, but then \
        the value names a local time in an unknown zone, up to 14 hours either way of the \
        instant meant. The OSC works in UTC (the `startTime` it passes to `GetActivitiesEx` is \
        UTC) and has to guess, so activities may sort wrongly or fall on the wrong side of \
        `startTime`. Writing the time in UTC with `Z` removes the doubt.",
    bad: include_str!("../../../../fixtures/invalid/OSC070/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &["objectID", "publishDate"],
    hooks: &[Hook::Activity],
};

impl Rule for PublishDateWithoutTimezone {
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
        if activity.publish_date.timezone() != Timezone::Absent {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                activity_path(at).child("publishDate"),
                format!(
                    "`publishDate` `{}` of activity `{}` has no timezone; expected `Z` or \
                     an offset such as `+01:00`",
                    activity.publish_date, activity.object_id
                ),
            )
            .on_value()
            .help(format!(
                "write the time in UTC with a final `Z`, as in `{}Z`, after converting it",
                activity.publish_date
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PublishDateWithoutTimezone};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn any_written_offset_counts_as_a_timezone() {
        for date in [
            "2024-03-09T08:15:00+00:00",
            "2024-03-09T08:15:00-00:00",
            "2024-03-09T09:15:00.5+01:00",
        ] {
            let xml = INFO.good.replace("2024-03-09T08:15:00Z", date);
            assert!(
                findings_of(&PublishDateWithoutTimezone, &xml).is_empty(),
                "{date}"
            );
        }
    }

    #[test]
    fn the_docs_example_has_four() {
        let xml = include_str!("../../../../fixtures/docs/activity-feed.xml");
        assert_eq!(findings_of(&PublishDateWithoutTimezone, xml).len(), 4);
    }
}
