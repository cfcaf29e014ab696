//! OSC033: a negative `index`.

use super::index_matters;
use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct NegativeIndex;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC033",
    name: "negative-index",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "outlook-social-connector-provider-xml-schema.md",
    summary: "a person's `index` is negative",
    explanation: "The OSC numbers the `personAddresses` of a `GetPeopleDetails` request with a \
        counter from 0, and each returned `index` has to repeat one of those numbers, so a \
        negative value cannot answer any recipient; `xs:int` lets it through. When the request \
        is given (`--request`), OSC041 checks every index against it and this rule stays \
        silent; under a method other than `GetPeopleDetails` OSC034 applies instead.",
    bad: include_str!("../../../../fixtures/invalid/OSC033/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC033/example.xml"),
    reads: &["index"],
    hooks: &[Hook::Person],
};

impl Rule for NegativeIndex {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn person(
        &self,
        cx: &Context,
        person: &Person,
        at: PersonAt,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        let Some(index) = person.index else {
            return;
        };
        if index >= 0 || !index_matters(cx) || cx.request.is_some() {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                at.path().child("index"),
                format!("`index` is {index}; expected 0 or more, as the request counts from 0"),
            )
            .on_value()
            .help("copy the `index` attribute of the `personAddresses` this person answers"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, NegativeIndex};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};
    use crate::model::{HashedAddresses, PersonAddresses};

    #[test]
    fn person_root_and_people_details() {
        let xml = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID><index>-2147483648</index></person>"#;
        let found = findings_of(&NegativeIndex, xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/person/index");
        let setup = Setup {
            method: Some(Method::GetPeopleDetails),
            ..Setup::default()
        };
        assert_eq!(findings_in(&NegativeIndex, INFO.bad, setup).len(), 1);
    }

    #[test]
    fn silent_when_another_rule_judges_the_index() {
        let setup = Setup {
            method: Some(Method::GetFriendsAndColleagues),
            ..Setup::default()
        };
        assert!(findings_in(&NegativeIndex, INFO.bad, setup).is_empty());
        let setup = Setup {
            method: Some(Method::GetPeopleDetails),
            request: Some(HashedAddresses {
                person_addresses: vec![PersonAddresses {
                    index: 0,
                    hashed_addresses: vec![],
                }],
            }),
            ..Setup::default()
        };
        assert!(findings_in(&NegativeIndex, INFO.bad, setup).is_empty());
    }
}
