//! OSC052: a template no activity of the feed selects.

use std::collections::HashSet;

use super::{container_path, key_of};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct UnusedTemplate;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC052",
    name: "unused-template",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "activitytemplatecontainer-element.md",
    summary: "an `activityTemplateContainer` whose IDs no activity of the feed uses",
    explanation: "Templates exist to lay out the feed's activities, which select one by \
        `applicationID` and `templateID`. A template no activity selects is harmless, but it \
        makes the answer larger, and it often means that an activity's IDs were meant to \
        point at it. A template that repeats another's IDs is OSC051's concern, not this one's.",
    bad: include_str!("../../../../fixtures/invalid/OSC052/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC050/example.xml"),
    reads: &[
        "activities",
        "activityDetails",
        "templates",
        "activityTemplateContainer",
        "applicationID",
        "templateID",
    ],
    hooks: &[Hook::Feed],
};

impl Rule for UnusedTemplate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        let selected: HashSet<(u64, u64)> = feed.activities.iter().map(key_of).collect();
        for (j, container) in feed.templates.iter().enumerate() {
            let key = (container.application_id, container.template_id);
            if selected.contains(&key) {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    container_path(j),
                    format!(
                        "no activity selects the template with `applicationID` `{}` and \
                         `templateID` `{}`",
                        key.0, key.1
                    ),
                )
                .help("remove the template, or check the IDs of the activities meant to use it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnusedTemplate;
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn a_copy_of_a_used_template_is_left_to_osc051() {
        let t = template(1, "x", None);
        let xml = feed(&activity("a", 1, PUBLISHER), &[t.clone(), t].concat());
        assert!(findings_of(&UnusedTemplate, &xml).is_empty());
    }

    #[test]
    fn without_activities_every_template_is_unused() {
        let xml = feed(
            "",
            &[template(1, "x", None), template(2, "y", None)].concat(),
        );
        assert_eq!(findings_of(&UnusedTemplate, &xml).len(), 2);
    }
}
