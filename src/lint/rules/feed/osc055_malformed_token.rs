//! OSC055: a `{` in a template's `title` or `data` that does not form a token.

use super::{parsed, template_child_path, token_fields};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;
use crate::render::template::Part;

/// See [`INFO`].
pub struct MalformedToken;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC055",
    name: "malformed-token",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "activity-feed-xml-example.md",
    summary: "a `{` in a template's `title` or `data` that does not begin a valid token",
    explanation: "Template text marks its placeholders with braces: `{kind:Name}` for a \
        publisher, entity, link, text or picture, and `{list:Name({picture:Item})}` (or a \
        `link` or `text` item) for a list. The documentation shows no way to escape a literal \
        `{`, so a brace that does not open a token such as `{Status}`, `{Text:x}`, \
        `{text: x}` or `{list:Photos}` is a broken token: the OSC cannot fill it, and what \
        it shows instead is not defined. The finding points at the `{` and says what is wrong \
        with it.",
    bad: include_str!("../../../../fixtures/invalid/OSC055/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC053/example.xml"),
    reads: &[
        "templates",
        "activityTemplateContainer",
        "activityTemplate",
        "title",
        "data",
    ],
    hooks: &[Hook::Feed],
};

impl Rule for MalformedToken {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        for (j, container) in feed.templates.iter().enumerate() {
            for (field, text) in token_fields(&container.activity_template) {
                for part in &parsed(text).parts {
                    let Part::Malformed {
                        text,
                        start,
                        reason,
                    } = part
                    else {
                        continue;
                    };
                    let start = *start;
                    out.push(
                        Finding::new(
                            INFO.id,
                            template_child_path(j, field),
                            format!("`{text}` is not a valid token: {reason}"),
                        )
                        .at_text(start, text.chars().count())
                        .help(
                            "write tokens as `{kind:Name}` (kind `publisher`, `entity`, `link`, \
                             `text` or `picture`) or `{list:Name({picture:Item})}`; a literal \
                             `{` cannot be written in a template",
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, MalformedToken};
    use crate::lint::rules::feed::{feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn points_at_the_token_and_says_why() {
        let found = findings_of(&MalformedToken, INFO.bad);
        assert_eq!(found[0].text_offset, Some(23));
        assert!(
            found[0]
                .message
                .starts_with("`{Text:statusText}` is not a valid token:"),
            "{found:?}"
        );
        assert!(found[0].message.contains("lowercase"), "{found:?}");
    }

    #[test]
    fn checks_data_and_unused_templates_too() {
        let t = template(1, "a {b} c", Some("{list:Photos} and {text:x"));
        let found = findings_of(&MalformedToken, &feed("", &t));
        let at: Vec<_> = found
            .iter()
            .map(|f| (f.path.rsplit('/').next().unwrap_or(""), f.text_offset))
            .collect();
        assert_eq!(
            at,
            [("title", Some(2)), ("data", Some(0)), ("data", Some(18))]
        );
        assert!(found[2].message.contains("never closed"));
    }

    #[test]
    fn a_stray_closing_brace_and_plain_text_are_fine() {
        let t = template(1, "100% :-} done", Some(""));
        assert!(findings_of(&MalformedToken, &feed("", &t)).is_empty());
    }
}
