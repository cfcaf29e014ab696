//! OSC051: two templates with the same `applicationID` and `templateID`.

use super::{container_path, template_keys};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct DuplicateTemplate;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC051",
    name: "duplicate-template",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "activitytemplatecontainer-element.md",
    summary: "two `activityTemplateContainer`s share an `applicationID` and `templateID`",
    explanation: "The pair `applicationID` and `templateID` is the key an activity selects its \
        template by, so it has to name one template. With two containers under one key, which \
        layout an activity gets is not defined, and the two may well show the activity \
        differently. The schema has no uniqueness constraint to catch it.",
    bad: include_str!("../../../../fixtures/invalid/OSC051/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC051/example.xml"),
    reads: &[
        "templates",
        "activityTemplateContainer",
        "applicationID",
        "templateID",
        "activityTemplate",
        "activityTemplate/type",
        "title",
        "data",
        "icon",
    ],
    hooks: &[Hook::Feed],
};

impl Rule for DuplicateTemplate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        let keys = template_keys(feed);
        for (j, container) in feed.templates.iter().enumerate() {
            let key = (container.application_id, container.template_id);
            let Some(&first) = keys.get(&key).filter(|&&first| first != j) else {
                continue;
            };
            let same = if feed.templates.get(first) == Some(container) {
                "an identical copy of"
            } else {
                "a second template under the key of"
            };
            out.push(
                Finding::new(
                    INFO.id,
                    container_path(j).child("templateID"),
                    format!(
                        "`applicationID` `{}` and `templateID` `{}` are already used by \
                         `activityTemplateContainer[{}]`; this is {same} it, and expected \
                         each pair once",
                        key.0,
                        key.1,
                        first + 1
                    ),
                )
                .on_value()
                .help("give this template its own `templateID` (and its activities too), or remove the copy"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DuplicateTemplate, INFO};
    use crate::lint::rules::feed::{feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_says_it_is_a_second_template() {
        let found = findings_of(&DuplicateTemplate, INFO.bad);
        assert!(found[0].message.contains("a second template"), "{found:?}");
    }

    #[test]
    fn identical_copies_and_third_copies() {
        let t = template(1, "x", None);
        let xml = feed("", &[t.clone(), t.clone(), t].concat());
        let found = findings_of(&DuplicateTemplate, &xml);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.message.contains("identical copy of")
            && f.message.contains("`activityTemplateContainer[1]`")));
    }

    #[test]
    fn the_same_template_id_under_two_applications_is_fine() {
        let other = template(1, "x", None).replace("<applicationID>1<", "<applicationID>2<");
        let xml = feed("", &[template(1, "x", None), other].concat());
        assert!(findings_of(&DuplicateTemplate, &xml).is_empty());
    }
}
