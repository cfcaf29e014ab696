//! OSC072: a link or picture URL that is not absolute.

use super::{item_path, variable_path};
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, FeedScope, Finding, Hook, Rule, RuleInfo, RuleState};
use crate::model::plausible::is_absolute_url as is_absolute;
use crate::model::{ActivityDetails, SimpleVariableType, TemplateVariableType};
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct ValueNotAbsoluteUrl;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC072",
    name: "value-not-absolute-url",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "template-variables.md",
    summary: "a link's or picture's `value` (or a picture's `href`) is not an absolute URL",
    explanation: "For links and pictures, `value` holds a URL: the link's target or the \
        picture's location; a picture's `href` is where a click leads. The OSC has no base to \
        resolve a relative URL against, so it has to be absolute, with a scheme such as \
        `https:`. The schema cannot tell: `templateVariable/value` is a plain `xs:string` from \
        1.1 on, because text variables use it for text, and `xs:anyURI` accepts nearly any \
        text anyway. Text variables and items are not checked.",
    bad: include_str!("../../../../fixtures/invalid/OSC072/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC057/example.xml"),
    reads: &[
        "objectID",
        "templateVariables",
        "templateVariable",
        "name",
        "value",
        "href",
        "listItems",
        "simpleTemplateVariable",
    ],
    hooks: &[Hook::Activity],
};

impl Rule for ValueNotAbsoluteUrl {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed_scope(&self) -> FeedScope {
        FeedScope::Activities
    }

    fn activity(
        &self,
        _cx: &Context,
        activity: &ActivityDetails,
        at: usize,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        let mut report = |path: ElementPath, what: String, url: &str| {
            out.push(
                Finding::new(
                    INFO.id,
                    path,
                    format!("{what} is `{url}`; expected an absolute URL such as `https://…`"),
                )
                .on_value()
                .help("write the full URL, with scheme and host"),
            );
        };
        for (k, variable) in activity.template_variables.iter().enumerate() {
            let is_link_or_picture = matches!(
                variable.variable_type,
                TemplateVariableType::Link | TemplateVariableType::Picture
            );
            let urls = [
                (
                    "value",
                    variable.value.as_deref().filter(|_| is_link_or_picture),
                ),
                (
                    "href",
                    variable
                        .href
                        .as_ref()
                        .map(|h| h.as_str())
                        .filter(|_| variable.variable_type == TemplateVariableType::Picture),
                ),
            ];
            for (child, url) in urls {
                // A missing or empty URL is OSC057's.
                let Some(url) = url.map(str::trim).filter(|u| !u.is_empty()) else {
                    continue;
                };
                if !is_absolute(url) {
                    report(
                        variable_path(at, k).child(child),
                        format!(
                            "`{child}` of `{}` `{}` in activity `{}`",
                            variable.variable_type.as_str(),
                            variable.name,
                            activity.object_id
                        ),
                        url,
                    );
                }
            }
            for (m, item) in variable.list_items.iter().flatten().enumerate() {
                if item.variable_type == SimpleVariableType::Text {
                    continue;
                }
                let href = item
                    .href
                    .as_ref()
                    .filter(|_| item.variable_type == SimpleVariableType::Picture);
                for (child, url) in [("value", item.value.as_ref()), ("href", href)] {
                    let Some(url) = url.map(|u| u.as_str()).filter(|u| !u.is_empty()) else {
                        continue;
                    };
                    if !is_absolute(url) {
                        report(
                            item_path(at, k, m).child(child),
                            format!(
                                "`{child}` of `{}` item `{}` of list `{}` in activity `{}`",
                                item.variable_type.as_str(),
                                item.name,
                                variable.name,
                                activity.object_id
                            ),
                            url,
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ValueNotAbsoluteUrl;
    use crate::lint::rules::feed::{PUBLISHER, activity, feed, template};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn list_items_and_picture_hrefs() {
        let list = r#"<templateVariable type="listVariable"><name>Photos</name><listItems>
            <simpleTemplateVariable type="pictureVariable"><name>Photo</name><value>photos/1.jpg</value><href>https://fabrikam.example/p/1</href></simpleTemplateVariable>
            <simpleTemplateVariable type="pictureVariable"><name>Photo</name><value>https://fabrikam.example/2.jpg</value><href>p/2</href></simpleTemplateVariable>
            <simpleTemplateVariable type="textVariable"><name>T</name><value>not a url</value></simpleTemplateVariable>
            </listItems></templateVariable>"#;
        let xml = feed(
            &activity("a", 1, &[PUBLISHER, list].concat()),
            &template(
                1,
                "{publisher:Publisher}",
                Some("{list:Photos({picture:Photo})}"),
            ),
        );
        let paths: Vec<_> = findings_of(&ValueNotAbsoluteUrl, &xml)
            .into_iter()
            .map(|f| {
                f.path
                    .rsplit("listItems/")
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            paths,
            [
                "simpleTemplateVariable[1]/value",
                "simpleTemplateVariable[2]/href"
            ]
        );
    }

    #[test]
    fn text_values_and_missing_values_are_not_checked() {
        let vars = r#"<templateVariable type="textVariable"><name>T</name><value>hello</value></templateVariable><templateVariable type="linkVariable"><name>L</name><value></value></templateVariable>"#;
        let xml = feed(
            &activity("a", 1, vars),
            &template(1, "{text:T} {link:L}", None),
        );
        assert!(findings_of(&ValueNotAbsoluteUrl, &xml).is_empty());
    }
}
