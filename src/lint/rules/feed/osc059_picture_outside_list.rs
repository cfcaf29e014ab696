//! OSC059: a picture outside a list, as a variable or as a token.

use super::{parsed, template_child_path, token_fields, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::{ActivityDetails, ActivityFeed, TemplateVariableType};
use crate::render::template::TokenKind;

/// See [`INFO`].
pub struct PictureOutsideList;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC059",
    name: "picture-outside-list",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a top-level `pictureVariable`, or a `{picture:…}` token outside a `{list:…}` token",
    explanation: "The OSC parses and displays pictures only as the items of a list: a \
        `listVariable` whose `listItems` hold `pictureVariable` items, shown by a token such as \
        `{list:Photos({picture:Photo})}`. The schema still allows a `pictureVariable` directly \
        in `templateVariables`, and nothing stops a template from using `{picture:Photo}` on \
        its own, but such a picture is not shown properly. Each finding points at the variable \
        or at the token.",
    bad: include_str!("../../../../fixtures/invalid/OSC059/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC058/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "templates",
        "activityTemplateContainer",
        "activityTemplate",
        "title",
        "data",
    ],
    hooks: &[Hook::Activity, Hook::Feed],
};

const HELP: &str = "put the picture in a list: a `listVariable` with the picture as a \
    `simpleTemplateVariable` in its `listItems`, shown by `{list:Photos({picture:Photo})}`";

impl Rule for PictureOutsideList {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed_scope(&self) -> FeedScope {
        FeedScope::Both
    }

    fn activity(
        &self,
        _cx: &Context,
        activity: &ActivityDetails,
        at: usize,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        for (k, variable) in activity.template_variables.iter().enumerate() {
            if variable.variable_type == TemplateVariableType::Picture {
                out.push(
                    Finding::new(
                        INFO.id,
                        variable_path(at, k),
                        format!(
                            "`pictureVariable` `{}` of activity `{}` is not in a list; \
                             expected pictures as items of a `listVariable`",
                            variable.name, activity.object_id
                        ),
                    )
                    .help(HELP),
                );
            }
        }
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        for (j, container) in feed.templates.iter().enumerate() {
            for (field, text) in token_fields(&container.activity_template) {
                for token in parsed(text).tokens() {
                    if token.kind == TokenKind::Picture {
                        out.push(
                            Finding::new(
                                INFO.id,
                                template_child_path(j, field),
                                format!(
                                    "`{token}` stands on its own; expected picture tokens as \
                                     the item of a list token"
                                ),
                            )
                            .at_text(token.start, token.len)
                            .help(HELP),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PictureOutsideList};
    use crate::lint::rules::testing::findings_of;

    /// The variable is placed as an element, the token in the template at its offset.
    #[test]
    fn the_token_is_placed_in_the_text() {
        let found = findings_of(&PictureOutsideList, INFO.bad);
        let offsets: Vec<_> = found.iter().map(|f| f.text_offset).collect();
        assert_eq!(offsets, [None, Some(0)]);
    }

    #[test]
    fn a_picture_item_of_a_list_token_is_fine() {
        let found = findings_of(&PictureOutsideList, INFO.good);
        assert!(found.is_empty());
        // ...and a bare token next to a list token is still reported once.
        let xml = INFO.good.replace(
            "<data>{list:Photos({picture:Photo})}</data>",
            "<data>{list:Photos({picture:Photo})} {picture:Photo}</data>",
        );
        let found = findings_of(&PictureOutsideList, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text_offset, Some(31));
    }
}
