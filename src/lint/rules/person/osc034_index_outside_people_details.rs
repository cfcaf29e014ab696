//! OSC034: `index` in the answer of a method other than `GetPeopleDetails`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct IndexOutsidePeopleDetails;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC034",
    name: "index-outside-people-details",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "friends-xml-example.md",
    summary: "a person carries `index` in the answer of a method other than `GetPeopleDetails`",
    explanation: "`index` points back into the `hashedAddresses` request of `GetPeopleDetails`; \
        the answers of `GetFriendsAndColleagues`, `FindPerson` and `GetDetails` reply to no such \
        request, so the value has nothing to refer to and is ignored. The docs' own friends \
        example for `GetFriendsAndColleagues` carries it all the same. The rule needs the method \
        (`--method`) and finds nothing without it, nor when the root does not fit the method \
        (OSC042).",
    bad: include_str!("../../../../fixtures/invalid/OSC034/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC034/example.xml"),
    reads: &["index"],
    hooks: &[Hook::Person],
};

impl Rule for IndexOutsidePeopleDetails {
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
        let (Some(method), Some(index)) = (cx.method, person.index) else {
            return;
        };
        // With the wrong root for the method, OSC042 says what matters.
        if method == Method::GetPeopleDetails || cx.root != method.expected_root() {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                at.path().child("index"),
                format!(
                    "`index` {index} in a `{method}` answer; `index` means something only in a `GetPeopleDetails` answer"
                ),
            )
            .help("remove `index`; it echoes a `personAddresses` index of a `GetPeopleDetails` request"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, IndexOutsidePeopleDetails};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn with(method: Method) -> Setup {
        Setup {
            method: Some(method),
            ..Setup::default()
        }
    }

    #[test]
    fn nothing_without_a_method_or_under_people_details() {
        assert!(findings_of(&IndexOutsidePeopleDetails, INFO.bad).is_empty());
        assert!(
            findings_in(
                &IndexOutsidePeopleDetails,
                INFO.bad,
                with(Method::GetPeopleDetails)
            )
            .is_empty()
        );
    }

    #[test]
    fn find_person_and_get_details() {
        assert_eq!(
            findings_in(
                &IndexOutsidePeopleDetails,
                INFO.bad,
                with(Method::FindPerson)
            )
            .len(),
            1
        );
        let person = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID><index>3</index></person>"#;
        let found = findings_in(&IndexOutsidePeopleDetails, person, with(Method::GetDetails));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/person/index");
        // The wrong root for the method is OSC042's finding alone.
        assert!(
            findings_in(&IndexOutsidePeopleDetails, person, with(Method::FindPerson)).is_empty()
        );
        assert!(
            findings_in(
                &IndexOutsidePeopleDetails,
                INFO.bad,
                with(Method::GetDetails)
            )
            .is_empty()
        );
    }

    #[test]
    fn the_docs_friends_example_gets_one_per_person() {
        let xml = include_str!("../../../../fixtures/docs/friends.xml");
        let found = findings_in(
            &IndexOutsidePeopleDetails,
            xml,
            with(Method::GetFriendsAndColleagues),
        );
        let paths: Vec<_> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/friends/person[1]/index", "/friends/person[2]/index"]
        );
    }
}
