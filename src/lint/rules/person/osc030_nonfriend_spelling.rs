//! OSC030: `nonfriend`, the docs' word, instead of the schema's `notfriend`.

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Rule, RuleInfo};

/// See [`INFO`].
pub struct NonfriendSpelling;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC030",
    name: "nonfriend-spelling",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "xml-for-friends.md",
    summary: "`friendStatus` spelled `nonfriend` (the docs' word) instead of the schema's `notfriend`",
    explanation: "The prose pages list `nonfriend` among the values of `friendStatus`, but the \
        schema's pattern allows only `notfriend`, so a provider that follows the prose returns \
        a document the OSC rejects as invalid. The schema check already reports the bad value; \
        this rule names the spelling the schema wants. It reads the text as written, because a \
        document with this value does not read into the model (its `bad` example is therefore \
        schema-invalid by nature).",
    bad: include_str!("../../../../fixtures/invalid/OSC030/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC030/example.xml"),
    reads: &[],
};

/// Whether `xml` contains `word`, ignoring ASCII case: a cheap test before parsing.
fn mentions(xml: &str, word: &str) -> bool {
    xml.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether a `friendStatus` value is a spelling of "non-friend".
fn is_nonfriend(value: &str) -> bool {
    let v = value.trim();
    v.eq_ignore_ascii_case("nonfriend") || v.eq_ignore_ascii_case("non-friend")
}

impl Rule for NonfriendSpelling {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn text(&self, _cx: &Context, xml: &str, out: &mut Vec<Finding>) {
        if !mentions(xml, "nonfriend") && !mentions(xml, "non-friend") {
            return;
        }
        let mut reader = Reader::from_str(xml);
        // Local names of the open elements, root first.
        let mut stack: Vec<String> = Vec::new();
        let mut persons = 0usize;
        // The text of the `friendStatus` being read, with its path.
        let mut status: Option<(String, String)> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    let name = e.local_name().into_inner().to_owned();
                    let root = stack.first().map(String::as_str);
                    if stack.len() == 1 && root == Some("friends") && name == "person" {
                        persons += 1;
                    }
                    if name == "friendStatus" && stack.last().is_some_and(|p| p == "person") {
                        let path = match (root, stack.len()) {
                            (Some("person"), 1) => Some("/person/friendStatus".to_owned()),
                            (Some("friends"), 2) => {
                                Some(format!("/friends/person[{persons}]/friendStatus"))
                            }
                            _ => None,
                        };
                        status = path.map(|p| (p, String::new()));
                    }
                    stack.push(name);
                }
                Ok(Event::Empty(e)) => {
                    if stack.len() == 1
                        && stack[0] == "friends"
                        && e.local_name().into_inner() == "person"
                    {
                        persons += 1;
                    }
                }
                Ok(Event::Text(t)) => {
                    if let Some((_, text)) = &mut status {
                        text.push_str(&t);
                    }
                }
                Ok(Event::CData(t)) => {
                    if let Some((_, text)) = &mut status {
                        text.push_str(&t);
                    }
                }
                Ok(Event::GeneralRef(_)) => {
                    // An entity in the value: not a plain misspelling; leave it to the schema.
                    if let Some((_, text)) = &mut status {
                        text.push('&');
                    }
                }
                Ok(Event::End(_)) => {
                    if stack.pop().is_some_and(|n| n == "friendStatus") {
                        if let Some((path, text)) = status.take() {
                            if is_nonfriend(&text) {
                                out.push(
                                    Finding::new(
                                        INFO.id,
                                        path,
                                        format!(
                                            "`friendStatus` is `{}`, a spelling the schema does not allow; expected `notfriend`",
                                            text.trim()
                                        ),
                                    )
                                    .help("write `<friendStatus>notfriend</friendStatus>`: the docs' prose says `nonfriend`, the schema and the OSC accept only `notfriend`"),
                                );
                            }
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, NonfriendSpelling};
    use crate::lint::rules::testing::text_findings;
    use crate::version::RootKind;

    #[test]
    fn the_help_gives_the_schema_spelling() {
        let found = text_findings(&NonfriendSpelling, INFO.bad, RootKind::Person);
        assert!(found[0].help.as_deref().unwrap_or("").contains("notfriend"));
    }

    #[test]
    fn bad_example_is_refused_by_the_strict_reader() {
        assert!(crate::xml::read_str(INFO.bad).is_err());
    }

    #[test]
    fn counts_persons_in_a_friends_list() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <person><userID>a</userID><friendStatus>friend</friendStatus></person>
  <person><userID>b</userID><!-- nonfriend --><friendStatus>nonfriend</friendStatus></person>
  <person><userID>c</userID></person>
  <person><userID>d</userID><friendStatus><![CDATA[NonFriend]]></friendStatus></person>
</friends>"#;
        let found = text_findings(&NonfriendSpelling, xml, RootKind::Friends);
        let paths: Vec<_> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/friends/person[2]/friendStatus",
                "/friends/person[4]/friendStatus"
            ]
        );
    }

    #[test]
    fn prefixed_names_and_other_elements() {
        let xml = r#"<o:friends xmlns:o="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <o:person><o:userID>nonfriend</o:userID><o:nickname>nonfriend</o:nickname><o:friendStatus> nonfriend </o:friendStatus></o:person>
</o:friends>"#;
        let found = text_findings(&NonfriendSpelling, xml, RootKind::Friends);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/friends/person[1]/friendStatus");
    }

    #[test]
    fn broken_text_finds_nothing_and_does_not_panic() {
        assert!(
            text_findings(
                &NonfriendSpelling,
                "<person><friendStatus>nonfriend",
                RootKind::Person
            )
            .is_empty()
        );
        assert!(text_findings(&NonfriendSpelling, "nonfriend", RootKind::Person).is_empty());
        assert!(text_findings(&NonfriendSpelling, "", RootKind::Person).is_empty());
    }
}
