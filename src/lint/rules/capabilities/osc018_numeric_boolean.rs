//! OSC018: capabilities booleans written `1`/`0` or with whitespace around them.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo, Spelled, Written};
use crate::version::RootKind;

/// See [`INFO`].
pub struct NumericBoolean;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC018",
    name: "numeric-boolean",
    severity: Severity::Info,
    targets: ALL_TARGETS,
    source: "outlook-social-connector-provider-xml-schema.md",
    summary: "a capabilities boolean written `1`/`0` or padded with whitespace",
    explanation: "The schema types the capabilities switches as `xs:boolean`, which also admits \
        `1`, `0` and whitespace around the value, so such a document is valid. Every OSC \
        example and description uses the words `true` and `false`, though, and a consumer that \
        compares text rather than parsing XML Schema booleans would read `1` as false. Writing \
        the words keeps the document unambiguous.",
    bad: include_str!("../../../../fixtures/invalid/OSC018/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC011/example.xml"),
    reads: &[],
    hooks: &[Hook::Written],
};

/// The `xs:boolean` children of `capabilities`, in every generation.
pub(crate) const BOOLEANS: [&str; 18] = [
    "getFriends",
    "cacheFriends",
    "followPerson",
    "doNotFollowPerson",
    "getActivities",
    "cacheActivities",
    "dynamicActivitiesLookup",
    "displayUrl",
    "useLogonWebAuth",
    "hideHyperlinks",
    "supportsAutoConfigure",
    "dynamicActivitiesLookupEx",
    "dynamicContactsLookup",
    "useLogonCached",
    "hideRememberMyPassword",
    "showOnDemandActivitiesWhenMinimized",
    "showOnDemandContactsWhenMinimized",
    "allowChangesToAutoConfigure",
];

/// The booleans, as the reading keeps them: only where they are not written `true` or
/// `false`.
static SPELLED: [Spelled; 1] = [Spelled {
    parent: "capabilities",
    names: &BOOLEANS,
    usual: &["true", "false"],
}];

impl Rule for NumericBoolean {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn spelled(&self) -> &'static [Spelled] {
        &SPELLED
    }

    fn written(&self, cx: &Context, written: &[Written], out: &mut Vec<Finding>) {
        if cx.root != RootKind::Capabilities {
            return;
        }
        for w in written {
            let (name, raw) = (w.element, w.text.as_str());
            let value = raw.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'));
            let (word, message) = match value {
                "1" | "0" => {
                    let word = if value == "1" { "true" } else { "false" };
                    (
                        word,
                        format!("`{name}` is written `{value}`; expected `{word}`"),
                    )
                }
                "true" | "false" if value != raw => (
                    value,
                    format!("`{name}` has whitespace around `{value}`; expected `{value}` alone"),
                ),
                _ => continue,
            };
            out.push(
                Finding::new(INFO.id, w.path.clone(), message)
                    .on_value()
                    .help(format!("write `<{name}>{word}</{name}>`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, NumericBoolean};
    use crate::lint::rules::capabilities::{caps, caps_1_0};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn the_message_gives_the_word_expected() {
        let found = findings_of(&NumericBoolean, INFO.bad);
        assert_eq!(
            found[2].message,
            "`useLogonWebAuth` is written `0`; expected `false`"
        );
    }

    #[test]
    fn whitespace_around_a_word() {
        let xml = caps(&[
            ("getFriends", "\n    true\n  "),
            ("hideHyperlinks", " false"),
        ]);
        let found = findings_of(&NumericBoolean, &xml);
        assert_eq!(found.len(), 2);
        assert!(found[0].message.contains("whitespace around `true`"));
        assert_eq!(found[1].path, "/capabilities/hideHyperlinks");
    }

    #[test]
    fn padded_numbers_are_reported_once() {
        let xml = caps(&[("displayUrl", " 1 ")]);
        let found = findings_of(&NumericBoolean, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("written `1`"));
    }

    #[test]
    fn values_are_read_as_the_reader_reads_them() {
        // Prefixes and namespaces do not matter; references are resolved, and a value may
        // come in pieces around a comment or from a CDATA section: what counts is the value
        // the schema checks, not the markup around it.
        let xml = r#"<?xml version="1.0"?>
<!-- <getFriends>1</getFriends> -->
<c:capabilities xmlns:c="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <c:getFriends>1</c:getFriends>
  <c:cacheFriends><![CDATA[0]]></c:cacheFriends>
  <c:followPerson><!-- x -->false</c:followPerson>
  <c:doNotFollowPerson >0</c:doNotFollowPerson >
  <c:getActivities>&#49;</c:getActivities>
  <c:cacheActivities>fal<!-- x -->se</c:cacheActivities>
  <c:displayUrl>false</c:displayUrl>
  <c:useLogonWebAuth>false</c:useLogonWebAuth>
</c:capabilities>"#;
        let paths: Vec<_> = findings_of(&NumericBoolean, xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/capabilities/getFriends",
                "/capabilities/cacheFriends",
                "/capabilities/doNotFollowPerson",
                "/capabilities/getActivities",
            ]
        );
    }

    #[test]
    fn holds_for_1_0_documents() {
        let xml = caps_1_0(&[("dynamicActivitiesLookup", "0")]);
        assert_eq!(findings_of(&NumericBoolean, &xml).len(), 1);
    }

    #[test]
    fn other_documents_are_not_scanned() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <person><userID>1</userID><nickname>0</nickname></person>
</friends>"#;
        assert!(findings_of(&NumericBoolean, xml).is_empty());
    }
}
