//! OSC054: a template token whose variable has another type than the token's kind.

use super::{TOKEN_ISSUE_READS, TokenProblem, activities_phrase, token_issues};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;

/// See [`INFO`].
pub struct TokenTypeMismatch;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC054",
    name: "token-type-mismatch",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a token's kind does not match the type of the variable it names",
    explanation: "A token's kind is its variable's type without `Variable`: `{text:N}` \
        displays a `textVariable`, `{link:N}` a `linkVariable`, `{publisher:N}` a \
        `publisherVariable`, `{entity:N}` an `entityVariable`, `{picture:N}` a \
        `pictureVariable` and `{list:N(...)}` a `listVariable`, whose item token must match the \
        items' type the same way. Each type carries different children (a link has its URL in \
        `value` and its caption in `text`, a publisher an `id` and `nameHint`), so a token of \
        the wrong kind finds the wrong data and the activity displays wrongly. The finding \
        points at the token inside the template.",
    bad: include_str!("../../../../fixtures/invalid/OSC054/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC054/example.xml"),
    reads: TOKEN_ISSUE_READS,
    hooks: &[Hook::Feed],
};

impl Rule for TokenTypeMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        for issue in token_issues(feed) {
            let TokenProblem::Mismatch { expected, found } = issue.problem else {
                continue;
            };
            let who = activities_phrase(&issue.activities);
            let message = match &issue.list {
                None => format!(
                    "`{}` needs a `{expected}`, but the variable it names is a `{found}` in {who}",
                    issue.token
                ),
                Some(list) => format!(
                    "`{}` needs `{expected}` items, but list `{list}` of {who} has a `{found}` \
                     item by that name",
                    issue.token
                ),
            };
            let kind = found.trim_end_matches("Variable");
            out.push(
                Finding::new(INFO.id, issue.path(), message)
                    .at_text(issue.offset, issue.token.chars().count())
                    .help(format!(
                        "write the token as `{{{kind}:…}}` to match the variable, or change the \
                         variable's `type` to `{expected}`"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, TokenTypeMismatch};
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    /// The acceptance case: `{text:statusText}` over a `linkVariable` named `statusText`
    /// is an error at the token's column inside the title.
    #[test]
    fn text_token_over_a_link_variable_points_at_the_token() {
        let found = findings_of(&TokenTypeMismatch, INFO.bad);
        assert_eq!(
            found[0].path,
            "/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/title"
        );
        // `{publisher:Publisher} wrote ` is 28 characters.
        assert_eq!(found[0].text_offset, Some(28));
        assert_eq!(
            found[0].message,
            "`{text:statusText}` needs a `textVariable`, but the variable it names is a \
             `linkVariable` in activity `post-42-1`"
        );
        assert_eq!(INFO.severity, crate::diagnostic::Severity::Error);
    }

    #[test]
    fn every_kind_checks_its_type() {
        let vars = [
            PUBLISHER,
            r#"<templateVariable type="entityVariable"><name>Friend</name><id>7</id></templateVariable>"#,
            r#"<templateVariable type="textVariable"><name>Words</name><value>hi</value></templateVariable>"#,
        ]
        .concat();
        let title = "{entity:Publisher} {publisher:Friend} {link:Words} {list:Words({text:W})}";
        let xml = feed(&activity("a", 1, &vars), &template(1, title, None));
        let found = findings_of(&TokenTypeMismatch, &xml);
        let offsets: Vec<_> = found.iter().map(|f| f.text_offset).collect();
        assert_eq!(offsets, [Some(0), Some(19), Some(38), Some(51)]);
        assert!(found[3].message.contains("needs a `listVariable`"));
    }

    #[test]
    fn list_item_tokens_check_the_items_type() {
        let list = r#"<templateVariable type="listVariable"><name>Links</name><listItems><simpleTemplateVariable type="linkVariable"><name>L</name><value>https://fabrikam.example/1</value></simpleTemplateVariable></listItems></templateVariable>"#;
        let data = "{list:Links({picture:L})}";
        let xml = feed(
            &activity("a", 1, &[PUBLISHER, list].concat()),
            &template(1, "{publisher:Publisher}", Some(data)),
        );
        let found = findings_of(&TokenTypeMismatch, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text_offset, Some(12));
        assert!(found[0].message.contains("needs `pictureVariable` items"));
        assert!(found[0].message.contains("`linkVariable` item"));
        let fixed = xml.replace("{picture:L}", "{link:L}");
        assert!(findings_of(&TokenTypeMismatch, &fixed).is_empty());
    }

    #[test]
    fn activities_that_differ_get_separate_findings() {
        let link = r#"<templateVariable type="linkVariable"><name>S</name><value>https://fabrikam.example/</value></templateVariable>"#;
        let text = r#"<templateVariable type="textVariable"><name>S</name></templateVariable>"#;
        let entity = r#"<templateVariable type="entityVariable"><name>S</name><id>9</id></templateVariable>"#;
        let activities = [
            activity("a", 1, link),
            activity("b", 1, text),
            activity("c", 1, entity),
            activity("d", 1, link),
        ]
        .concat();
        let xml = feed(&activities, &template(1, "{text:S}", None));
        let found = findings_of(&TokenTypeMismatch, &xml);
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .message
                .contains("`linkVariable` in activities `a` and `d`")
        );
        assert!(
            found[1]
                .message
                .contains("`entityVariable` in activity `c`")
        );
    }
}
