//! OSC053: a template token names a variable the activity does not have.

use super::{TOKEN_ISSUE_READS, TokenProblem, activities_phrase, token_issues};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;
use crate::render::lookup::did_you_mean;

/// See [`INFO`].
pub struct UnknownTokenVariable;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC053",
    name: "unknown-token-variable",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "activitydetails-element.md",
    summary: "a token in a template's `title` or `data` names no variable of an activity using it",
    explanation: "The OSC fills each `{kind:Name}` token of a template with the activity's \
        `templateVariable` whose `name` is `Name`; for `{list:Name({picture:Item})}` it also \
        needs list items named `Item`. When an activity has no such variable, the token has \
        nothing to show and the item is displayed broken or not at all. Names are matched \
        exactly, case included. The finding points at the token inside the template and names \
        the activities that lack the variable.",
    bad: include_str!("../../../../fixtures/invalid/OSC053/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC053/example.xml"),
    reads: TOKEN_ISSUE_READS,
    hooks: &[Hook::Feed],
};

impl Rule for UnknownTokenVariable {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        for issue in token_issues(feed) {
            if issue.problem != TokenProblem::Unknown {
                continue;
            }
            let who = activities_phrase(&issue.activities);
            let (message, help) = match &issue.list {
                None => (
                    format!(
                        "`{}` names a variable that {who} does not have; expected a \
                         `templateVariable` with that `name`",
                        issue.token
                    ),
                    "add the variable to the activity, or correct the name in the token \
                     (names are case-sensitive)",
                ),
                Some(list) => (
                    format!(
                        "`{}` names list items that list `{list}` of {who} does not have; \
                         expected `simpleTemplateVariable` items with that `name`",
                        issue.token
                    ),
                    "give the list's items the name the item token uses, or correct the \
                     token",
                ),
            };
            let help = match issue.closest {
                Some(name) => did_you_mean(name),
                None => help.to_owned(),
            };
            out.push(
                Finding::new(INFO.id, issue.path(), message)
                    .at_text(issue.offset, issue.token.chars().count())
                    .help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, UnknownTokenVariable};
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn points_at_the_token_and_names_the_activity() {
        let found = findings_of(&UnknownTokenVariable, INFO.bad);
        assert_eq!(found[0].text_offset, Some(23));
        assert!(found[0].message.contains("`{text:status}`"), "{found:?}");
        assert!(
            found[0].message.contains("activity `status-42-1`"),
            "{found:?}"
        );
    }

    #[test]
    fn one_finding_for_many_activities_sharing_a_template() {
        let activities: String = ["a", "b", "c", "d"]
            .iter()
            .map(|id| activity(id, 1, PUBLISHER))
            .collect();
        let xml = feed(
            &activities,
            &template(1, "{publisher:Publisher} {link:Post}", None),
        );
        let found = findings_of(&UnknownTokenVariable, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("activities `a`, `b` and 2 more"));
        assert_eq!(found[0].text_offset, Some(22));
    }

    #[test]
    fn names_are_case_sensitive() {
        let xml = feed(
            &activity("a", 1, PUBLISHER),
            &template(1, "{publisher:publisher}", None),
        );
        assert_eq!(findings_of(&UnknownTokenVariable, &xml).len(), 1);
    }

    #[test]
    fn list_items_are_resolved_by_name_in_data() {
        let list = r#"<templateVariable type="listVariable"><name>Photos</name><listItems><simpleTemplateVariable type="pictureVariable"><name>Picture</name><value>https://fabrikam.example/1.jpg</value></simpleTemplateVariable></listItems></templateVariable>"#;
        let xml = feed(
            &activity("a", 1, &[PUBLISHER, list].concat()),
            &template(
                1,
                "{publisher:Publisher}",
                Some("{list:Photos({picture:Photo})}"),
            ),
        );
        let found = findings_of(&UnknownTokenVariable, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].path.ends_with("/activityTemplate/data"));
        assert_eq!(found[0].text_offset, Some(13));
        assert!(found[0].message.contains("list `Photos`"));
        // The right item name resolves.
        let fixed = xml.replace("<name>Picture</name>", "<name>Photo</name>");
        assert!(findings_of(&UnknownTokenVariable, &fixed).is_empty());
        // A list without items is OSC058's.
        let empty = xml.replace(
            &xml[xml.find("<listItems>").unwrap()..xml.find("</listItems>").unwrap() + 12],
            "<listItems></listItems>",
        );
        assert!(findings_of(&UnknownTokenVariable, &empty).is_empty());
    }

    #[test]
    fn unused_templates_and_malformed_tokens_are_other_rules_concern() {
        let xml = feed("", &template(1, "{text:Nobody}", None));
        assert!(findings_of(&UnknownTokenVariable, &xml).is_empty());
        let xml = feed(
            &activity("a", 1, PUBLISHER),
            &template(1, "{text: Nobody}", None),
        );
        assert!(findings_of(&UnknownTokenVariable, &xml).is_empty());
    }
}
