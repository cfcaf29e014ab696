//! OSC067: a `GetActivitiesEx` answer with an activity not newer than `startTime`.

use super::{activity_path, answers_get_activities_ex, start_instant, utc_bounds};
use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct ActivityNotAfterStartTime;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC067",
    name: "activity-not-after-start-time",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "isocialsession2-getactivitiesex.md",
    summary: "`GetActivitiesEx` returned an activity whose `publishDate` is not after the call's `startTime`",
    explanation: "`GetActivitiesEx` asks for the activities created after `startTime`, a UTC \
        time, and the activities it returns must be strictly newer. Older ones are activities \
        the OSC already has or did not ask for. The rule needs the method and the start time \
        (`--method GetActivitiesEx --start-time 2024-03-09T00:00:00Z` for the examples); a \
        `startTime` without a timezone is taken as UTC. A `publishDate` without a timezone \
        could be any offset from -14:00 to +14:00, so it is reported only when it is not after \
        `startTime` at any of them.",
    bad: include_str!("../../../../fixtures/invalid/OSC067/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &["objectID", "publishDate"],
    hooks: &[Hook::Feed],
};

impl Rule for ActivityNotAfterStartTime {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        if !answers_get_activities_ex(cx) {
            return;
        }
        let Some(start) = cx.start_time.as_ref() else {
            return;
        };
        let Some(start_at) = start_instant(start) else {
            return;
        };
        for (i, activity) in feed.activities.iter().enumerate() {
            let Some((_, latest)) = utc_bounds(&activity.publish_date) else {
                continue;
            };
            if latest > start_at {
                continue;
            }
            let zone = if activity.publish_date.to_utc_instant().is_none() {
                " at any timezone"
            } else {
                ""
            };
            out.push(
                Finding::new(
                    INFO.id,
                    activity_path(i).child("publishDate"),
                    format!(
                        "activity `{}` was published at `{}`, which is not after the call's \
                         `startTime` `{start}`{zone}; expected only activities created since \
                         `startTime`",
                        activity.object_id, activity.publish_date
                    ),
                )
                .on_value()
                .help("filter out activities published at or before `startTime` (compare in UTC)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ActivityNotAfterStartTime, INFO};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};
    use crate::xs::XsDateTime;

    fn call(start: &str) -> Setup {
        Setup {
            method: Some(Method::GetActivitiesEx),
            start_time: XsDateTime::parse(start).ok(),
            ..Setup::default()
        }
    }

    const START: &str = "2024-03-09T00:00:00Z";

    #[test]
    fn needs_the_method_and_the_start_time() {
        assert!(findings_of(&ActivityNotAfterStartTime, INFO.bad).is_empty());
        let no_start = Setup {
            method: Some(Method::GetActivitiesEx),
            ..Setup::default()
        };
        assert!(findings_in(&ActivityNotAfterStartTime, INFO.bad, no_start).is_empty());
        let other = Setup {
            method: Some(Method::GetDetails),
            start_time: XsDateTime::parse(START).ok(),
            ..Setup::default()
        };
        assert!(findings_in(&ActivityNotAfterStartTime, INFO.bad, other).is_empty());
    }

    #[test]
    fn equal_is_not_after_and_offsets_are_compared_in_utc() {
        let at = |date: &str| INFO.good.replace("2024-03-09T08:15:00Z", date);
        let fires = |date: &str, start: &str| {
            findings_in(&ActivityNotAfterStartTime, &at(date), call(start)).len()
        };
        assert_eq!(fires("2024-03-09T00:00:00Z", START), 1);
        assert_eq!(fires("2024-03-09T00:00:00.001Z", START), 0);
        // 01:00 at +01:00 is midnight UTC.
        assert_eq!(fires("2024-03-09T01:00:00+01:00", START), 1);
        assert_eq!(fires("2024-03-08T23:30:00-01:00", START), 0);
        // A start time without timezone is UTC.
        assert_eq!(fires("2024-03-09T00:00:00Z", "2024-03-09T00:00:00"), 1);
    }

    #[test]
    fn a_publish_date_without_timezone_fires_only_when_no_offset_helps() {
        let at = |date: &str| INFO.good.replace("2024-03-09T08:15:00Z", date);
        let fires =
            |date: &str| findings_in(&ActivityNotAfterStartTime, &at(date), call(START)).len();
        assert_eq!(fires("2024-03-08T23:00:00"), 0);
        assert_eq!(fires("2024-03-08T10:00:00"), 1);
        assert_eq!(fires("2024-03-08T10:00:01"), 0);
        let found = findings_in(
            &ActivityNotAfterStartTime,
            &at("2024-03-01T10:00:00"),
            call(START),
        );
        assert!(found[0].message.contains("at any timezone"));
    }
}
