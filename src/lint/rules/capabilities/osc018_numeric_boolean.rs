//! OSC018: capabilities booleans written `1`/`0` or with whitespace around them.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Rule, RuleInfo};
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

impl Rule for NumericBoolean {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn text(&self, cx: &Context, xml: &str, out: &mut Vec<Finding>) {
        if cx.root != RootKind::Capabilities {
            return;
        }
        for_each_simple_element(xml, |name, raw| {
            if !BOOLEANS.contains(&name) || raw.contains('&') {
                return;
            }
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
                _ => return,
            };
            out.push(
                Finding::new(INFO.id, format!("/capabilities/{name}"), message)
                    .help(format!("write `<{name}>{word}</{name}>`")),
            );
        });
    }
}

/// Calls `f` with the local name and raw text of every element whose content is text only
/// (`<name …>text</name>`), skipping comments, CDATA sections, processing instructions and
/// declarations. Anything unexpected ends the scan quietly: the XSD layer reports it.
fn for_each_simple_element(xml: &str, mut f: impl FnMut(&str, &str)) {
    let mut i = 0;
    while let Some(offset) = xml.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + offset;
        let tail = &xml[start..];
        let skip_to = |open: usize, close: &str| {
            tail.get(open..)
                .and_then(|rest| rest.find(close))
                .map(|at| start + open + at + close.len())
        };
        let next = if tail.starts_with("<!--") {
            skip_to(4, "-->")
        } else if tail.starts_with("<![CDATA[") {
            skip_to(9, "]]>")
        } else if tail.starts_with("<?") {
            skip_to(2, "?>")
        } else if tail.starts_with("<!") {
            skip_to(2, ">")
        } else if tail.starts_with("</") {
            Some(start + 2)
        } else {
            start_tag(xml, start, &mut f)
        };
        match next {
            Some(n) => i = n,
            None => return,
        }
    }
}

/// Handles the start tag at `start`; returns where to go on.
fn start_tag(xml: &str, start: usize, f: &mut impl FnMut(&str, &str)) -> Option<usize> {
    let tail = &xml[start..];
    let bytes = tail.as_bytes();
    let name_end = tail
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_ascii_whitespace() || c == '/' || c == '>')
        .map(|(at, _)| at)?;
    let qname = &tail[1..name_end];
    let mut j = name_end;
    let mut quote = None;
    while j < bytes.len() {
        match (quote, bytes[j]) {
            (None, b'"' | b'\'') => quote = Some(bytes[j]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => break,
            _ => {}
        }
        j += 1;
    }
    if j >= bytes.len() {
        return None;
    }
    let content_start = start + j + 1;
    if bytes[j - 1] == b'/' || qname.is_empty() {
        return Some(content_start);
    }
    let rest = &xml[content_start..];
    let text_len = rest.find('<')?;
    let closes = rest[text_len..]
        .strip_prefix("</")
        .and_then(|after| after.strip_prefix(qname))
        .is_some_and(|after| after.trim_start().starts_with('>'));
    if closes {
        let local = qname.rsplit(':').next().unwrap_or(qname);
        f(local, &rest[..text_len]);
    }
    Some(content_start)
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
    fn prefixes_comments_and_cdata() {
        let xml = r#"<?xml version="1.0"?>
<!-- <getFriends>1</getFriends> -->
<c:capabilities xmlns:c="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <c:getFriends>1</c:getFriends>
  <c:cacheFriends><![CDATA[0]]></c:cacheFriends>
  <c:followPerson><!-- x -->false</c:followPerson>
  <c:doNotFollowPerson >0</c:doNotFollowPerson >
  <c:getActivities>false</c:getActivities>
  <c:cacheActivities>false</c:cacheActivities>
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
                "/capabilities/doNotFollowPerson"
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

    #[test]
    fn never_panics_on_truncated_text() {
        let cx_xml = caps(&[("getFriends", "1")]);
        for end in 0..cx_xml.len() {
            let mut seen = 0;
            super::for_each_simple_element(&cx_xml[..end], |_, _| seen += 1);
            assert!(seen <= 8);
        }
        for odd in [
            "<",
            "<a",
            "<a>",
            "<a>1",
            "<a>1</",
            "<a>1</a",
            "</",
            "<!--",
            "<!",
            "<?",
            "<![CDATA[",
            "<'>",
            "<a '>",
        ] {
            super::for_each_simple_element(odd, |_, _| {});
        }
    }
}
