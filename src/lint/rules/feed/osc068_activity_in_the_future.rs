//! OSC068: a `GetActivitiesEx` answer with an activity published in the future.

use super::{activity_path, answers_get_activities_ex, utc_bounds};
use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct ActivityInTheFuture;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC068",
    name: "activity-in-the-future",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "isocialsession2-getactivitiesex.md",
    summary: "`GetActivitiesEx` returned an activity whose `publishDate` is later than now",
    explanation: "The activities `GetActivitiesEx` returns must have been created by the time \
        of the call: after `startTime` and no later than now. A date in the future usually \
        means a local time written as UTC or a wrong timezone offset, and it makes the \
        activity sort above everything else. The rule needs `--method GetActivitiesEx` and \
        compares with the clock at the time of the check. A `publishDate` without a timezone \
        is reported only when it is in the future at every offset from -14:00 to +14:00.",
    bad: include_str!("../../../../fixtures/invalid/OSC068/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &["objectID", "publishDate"],
    hooks: &[Hook::Feed],
};

impl Rule for ActivityInTheFuture {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        if !answers_get_activities_ex(cx) {
            return;
        }
        let now = (cx.now, 0);
        for (i, activity) in feed.activities.iter().enumerate() {
            let Some((earliest, _)) = utc_bounds(&activity.publish_date) else {
                continue;
            };
            if earliest <= now {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    activity_path(i).child("publishDate"),
                    format!(
                        "activity `{}` was published at `{}`, which is later than now; expected \
                         a `publishDate` no later than the call",
                        activity.object_id, activity.publish_date
                    ),
                )
                .on_value()
                .help("write `publishDate` in UTC with `Z`, or with the offset of the local time it was taken in"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ActivityInTheFuture, INFO};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn call() -> Setup {
        Setup {
            method: Some(Method::GetActivitiesEx),
            ..Setup::default()
        }
    }

    #[test]
    fn needs_the_method() {
        assert!(findings_of(&ActivityInTheFuture, INFO.bad).is_empty());
    }

    /// Tests run at 2100-01-01T00:00:00Z.
    #[test]
    fn the_boundary_and_missing_timezones() {
        let at = |date: &str| INFO.good.replace("2024-03-09T08:15:00Z", date);
        let fires = |date: &str| findings_in(&ActivityInTheFuture, &at(date), call()).len();
        assert_eq!(fires("2100-01-01T00:00:00Z"), 0);
        assert_eq!(fires("2100-01-01T00:00:00.5Z"), 1);
        assert_eq!(fires("2100-01-01T01:00:00+01:00"), 0);
        assert_eq!(fires("2100-01-01T13:59:59"), 0);
        assert_eq!(fires("2100-01-01T14:00:01"), 1);
    }
}
