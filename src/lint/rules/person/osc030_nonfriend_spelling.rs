//! OSC030: `nonfriend`, the docs' word, instead of the schema's `notfriend`.

use crate::diagnostic::{Code, Severity};
use crate::lint::{Context, FROM_1_1, Finding, Hook, Rule, RuleInfo, Spelled, Written};
use crate::model::{Enumeration, FriendStatus};

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
        this rule names the spelling the schema wants. It reads the value as written, which the \
        reading keeps beside the model, because the model holds no value that does not parse \
        (its `bad` example is therefore schema-invalid by nature).",
    bad: include_str!("../../../../fixtures/invalid/OSC030/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC030/example.xml"),
    reads: &[],
    hooks: &[Hook::Written],
};

/// Whether a `friendStatus` value is a spelling of "non-friend": the one `oscx fmt --fix`
/// repairs.
fn is_nonfriend(value: &str) -> bool {
    crate::xsd::repair::friend_status(value).is_some()
}

/// `friendStatus` as written, kept only where it is not one of the schema's values: the
/// model has no value to show then.
static SPELLED: [Spelled; 1] = [Spelled {
    parent: "person",
    names: &["friendStatus"],
    usual: &SCHEMA_SPELLINGS,
}];

/// The spellings of every `friendStatus` value, taken from the model's list of them.
const SCHEMA_SPELLINGS: [&str; FriendStatus::ALL.len()] = {
    let mut spellings = [""; FriendStatus::ALL.len()];
    let mut i = 0;
    while i < spellings.len() {
        spellings[i] = FriendStatus::ALL[i].as_str();
        i += 1;
    }
    spellings
};

impl Rule for NonfriendSpelling {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn spelled(&self) -> &'static [Spelled] {
        &SPELLED
    }

    fn explains(&self) -> Option<Code> {
        Some(Code::InvalidValue)
    }

    fn written(&self, _cx: &Context, written: &[Written], out: &mut Vec<Finding>) {
        for w in written.iter().filter(|w| is_nonfriend(&w.text)) {
            let value = w.text.trim();
            // Counted in characters, as the finding's offset is.
            let lead = w.text.chars().count() - w.text.trim_start().chars().count();
            out.push(
                Finding::new(
                    INFO.id,
                    w.path.clone(),
                    format!(
                        "`friendStatus` is `{}`, a spelling the schema does not allow; expected `notfriend`",
                        value
                    ),
                )
                // The value, not the tag: the spelling is what is wrong.
                .at_text(lead, value.chars().count())
                .help("write `<friendStatus>notfriend</friendStatus>`: the docs' prose says `nonfriend`, the schema and the OSC accept only `notfriend`")
                .fixable(),
            );
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
