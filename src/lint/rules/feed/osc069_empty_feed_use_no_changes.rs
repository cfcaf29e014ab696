//! OSC069: an empty `GetActivitiesEx` answer instead of `OSC_E_NO_CHANGES`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;
use crate::xml::ElementPath;

use super::answers_get_activities_ex;

/// See [`INFO`].
pub struct EmptyFeedUseNoChanges;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC069",
    name: "empty-feed-use-no-changes",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "isocialsession2-getactivitiesex.md",
    summary: "`GetActivitiesEx` returned a feed without activities instead of `OSC_E_NO_CHANGES`",
    explanation: "When nothing happened between `startTime` and now, `GetActivitiesEx` is to \
        fail with `OSC_E_NO_CHANGES` (HRESULT `0x80041406`) rather than return XML. An empty \
        feed is valid for the schema, but it is not the answer the OSC expects for \
        \"nothing new\". The rule needs `--method GetActivitiesEx`.",
    bad: include_str!("../../../../fixtures/invalid/OSC069/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &["activities", "activityDetails"],
    hooks: &[Hook::Feed],
};

impl Rule for EmptyFeedUseNoChanges {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        if !answers_get_activities_ex(cx) || !feed.activities.is_empty() {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                ElementPath::root("activityFeed").child("activities"),
                "the feed has no activities; expected `GetActivitiesEx` to return \
                 `OSC_E_NO_CHANGES` (`0x80041406`) when nothing is new",
            )
            .help("return the HRESULT `0x80041406` instead of an empty `activityFeed`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{EmptyFeedUseNoChanges, INFO};
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
        assert!(findings_of(&EmptyFeedUseNoChanges, INFO.bad).is_empty());
    }

    #[test]
    fn templates_alone_do_not_make_a_feed_non_empty() {
        let xml = INFO.good.replace(
            &INFO.good[INFO.good.find("<activities>").unwrap_or(0)
                ..INFO.good.find("</activities>").unwrap_or(0) + 13],
            "<activities/>",
        );
        assert_eq!(findings_in(&EmptyFeedUseNoChanges, &xml, call()).len(), 1);
    }
}
