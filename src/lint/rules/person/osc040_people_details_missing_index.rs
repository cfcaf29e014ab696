//! OSC040: a person of a `GetPeopleDetails` answer without `index`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;
use crate::text::quoted;

/// See [`INFO`].
pub struct PeopleDetailsMissingIndex;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC040",
    name: "people-details-missing-index",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "isocialsession2-getpeopledetails.md",
    summary: "a person of a `GetPeopleDetails` answer has no `index`",
    explanation: "The OSC asks `GetPeopleDetails` about several recipients at once and learns \
        which returned `person` belongs to which recipient only from its `index`, the number \
        of the `personAddresses` it answers. A person without it cannot be matched to anyone. \
        The schema makes `index` optional because other methods return the same `friends` \
        element; the rule needs `--method GetPeopleDetails`.",
    bad: include_str!("../../../../fixtures/invalid/OSC040/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC040/example.xml"),
    reads: &["index", "userID"],
    hooks: &[Hook::Person],
};

impl Rule for PeopleDetailsMissingIndex {
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
        if cx.method != Some(Method::GetPeopleDetails)
            || !matches!(at, PersonAt::InFriends(_))
            || person.index.is_some()
        {
            return;
        }
        out.push(
            Finding::new(
                INFO.id,
                at.path(),
                format!(
                    "person {} has no `index`; a `GetPeopleDetails` answer must name the request entry each person answers",
                    quoted(&person.user_id)
                ),
            )
            .help("add `<index>` with the `index` attribute of the `personAddresses` this person answers (after `gender`, before `pictureUrl`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, PeopleDetailsMissingIndex};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn with(method: Method) -> Setup {
        Setup {
            method: Some(method),
            ..Setup::default()
        }
    }

    #[test]
    fn needs_the_method() {
        assert!(findings_of(&PeopleDetailsMissingIndex, INFO.bad).is_empty());
        assert!(
            findings_in(
                &PeopleDetailsMissingIndex,
                INFO.bad,
                with(Method::GetFriendsAndColleagues)
            )
            .is_empty()
        );
    }

    #[test]
    fn person_root_is_left_to_osc042() {
        let xml = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID></person>"#;
        assert!(
            findings_in(
                &PeopleDetailsMissingIndex,
                xml,
                with(Method::GetPeopleDetails)
            )
            .is_empty()
        );
    }
}
