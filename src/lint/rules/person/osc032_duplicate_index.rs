//! OSC032: two persons of one `friends` list with the same `index`.

use super::index_matters;
use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;
use crate::text::quoted;

/// See [`INFO`].
pub struct DuplicateIndex;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC032",
    name: "duplicate-index",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "isocialsession2-getpeopledetails.md",
    summary: "two persons of a `GetPeopleDetails` answer carry the same `index`",
    explanation: "In a `GetPeopleDetails` answer, `index` ties each `person` to the one \
        recipient of the request it describes, so two persons with one index leave the OSC \
        with two answers for a single recipient. The schema types `index` but cannot require \
        it to be unique. The rule runs under `--method GetPeopleDetails` and when no method is \
        given; under other methods `index` means nothing (see OSC034).",
    bad: include_str!("../../../../fixtures/invalid/OSC032/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC032/example.xml"),
    reads: &["index"],
    hooks: &[Hook::Person],
};

impl Rule for DuplicateIndex {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn person(
        &self,
        cx: &Context,
        person: &Person,
        at: PersonAt,
        state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        let (PersonAt::InFriends(_), Some(index)) = (at, person.index) else {
            return;
        };
        if !index_matters(cx) {
            return;
        }
        match state.first_named.get(&i64::from(index)) {
            Some(first) => out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("index"),
                    format!(
                        "`index` {index} is already used by person {first}; expected one person per request index"
                    ),
                )
                .on_value()
                .help("give each `person` the `index` of the `personAddresses` it answers, and answer each index at most once"),
            ),
            None => {
                state
                    .first_named
                    .insert(i64::from(index), quoted(&person.user_id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DuplicateIndex, INFO};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn with(method: Method) -> Setup {
        Setup {
            method: Some(method),
            ..Setup::default()
        }
    }

    #[test]
    fn the_message_names_the_first_person_with_the_index() {
        let found = findings_of(&DuplicateIndex, INFO.bad);
        assert_eq!(
            found[0].message,
            "`index` 0 is already used by person `fab-1001`; expected one person per request index"
        );
    }

    #[test]
    fn under_people_details() {
        let found = findings_in(&DuplicateIndex, INFO.bad, with(Method::GetPeopleDetails));
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn silent_where_index_means_nothing() {
        assert!(findings_in(&DuplicateIndex, INFO.bad, with(Method::FindPerson)).is_empty());
    }

    #[test]
    fn three_times_gives_two_findings_naming_the_first() {
        let xml = INFO.bad.replace(
            "</friends>",
            "<person><userID>x</userID><index>0</index></person></friends>",
        );
        let found = findings_of(&DuplicateIndex, &xml);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|f| f.message.contains("by person `fab-1001`"))
        );
    }

    #[test]
    fn persons_without_index_are_not_compared() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><person><userID>a</userID></person><person><userID>b</userID></person></friends>"#;
        assert!(findings_of(&DuplicateIndex, xml).is_empty());
    }
}
