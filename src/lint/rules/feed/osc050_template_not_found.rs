//! OSC050: an activity whose `applicationID` and `templateID` select no template.

use std::collections::HashMap;

use super::{activity_path, key_of, template_keys};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct TemplateNotFound;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC050",
    name: "template-not-found",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "activitytemplatecontainer-element.md",
    summary: "an activity's `applicationID` and `templateID` match no `activityTemplateContainer`",
    explanation: "The OSC lays an activity out with the template whose `applicationID` and \
        `templateID` both equal the activity's. When no container of the feed has that pair, \
        the activity has no title to show and the OSC cannot display it. The schema cannot \
        relate the two lists, so only a check across the document finds the gap.",
    bad: include_str!("../../../../fixtures/invalid/OSC050/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &[
        "templates",
        "activityTemplateContainer",
        "applicationID",
        "templateID",
        "objectID",
    ],
    hooks: &[Hook::Feed],
};

impl Rule for TemplateNotFound {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        let keys = template_keys(feed);
        // The application of the first template with each `templateID`, to name a likely
        // mix-up of applications.
        let mut by_template_id: HashMap<u64, u64> = HashMap::new();
        for c in &feed.templates {
            by_template_id
                .entry(c.template_id)
                .or_insert(c.application_id);
        }
        for (i, activity) in feed.activities.iter().enumerate() {
            if keys.contains_key(&key_of(activity)) {
                continue;
            }
            let (app, tpl) = (activity.application_id, activity.template_id);
            let near = by_template_id
                .get(&tpl)
                .map(|other| {
                    format!(
                        " (a template with `templateID` `{tpl}` exists under `applicationID` `{other}`)"
                    )
                })
                .unwrap_or_default();
            out.push(
                Finding::new(
                    INFO.id,
                    activity_path(i).child("templateID"),
                    format!(
                        "activity `{}` selects `applicationID` `{app}` and `templateID` `{tpl}`, \
                         which no `activityTemplateContainer` has{near}; expected a template \
                         with the same pair",
                        activity.object_id
                    ),
                )
                .on_value()
                .help(format!(
                    "add an `activityTemplateContainer` with `applicationID` `{app}` and \
                     `templateID` `{tpl}`, or correct the activity's IDs"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, TemplateNotFound};
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_names_the_activity() {
        let found = findings_of(&TemplateNotFound, INFO.bad);
        assert!(found[0].message.contains("`status-42-1`"), "{found:?}");
    }

    #[test]
    fn both_ids_must_match() {
        // Same templateID, other applicationID: still no template, and the near miss is named.
        let xml = feed(
            &activity("a", 1, PUBLISHER),
            &template(1, "x", None).replace("<applicationID>1<", "<applicationID>3<"),
        );
        let found = findings_of(&TemplateNotFound, &xml);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("exists under `applicationID` `3`")
        );
    }

    #[test]
    fn every_unmatched_activity_is_reported() {
        let activities = [
            activity("a", 1, PUBLISHER),
            activity("b", 7, PUBLISHER),
            activity("c", 8, PUBLISHER),
        ]
        .concat();
        let xml = feed(&activities, &template(1, "x", None));
        let paths: Vec<_> = findings_of(&TemplateNotFound, &xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/activityFeed/activities/activityDetails[2]/templateID",
                "/activityFeed/activities/activityDetails[3]/templateID"
            ]
        );
    }

    #[test]
    fn an_empty_feed_is_fine() {
        assert!(findings_of(&TemplateNotFound, &feed("", "")).is_empty());
    }
}
