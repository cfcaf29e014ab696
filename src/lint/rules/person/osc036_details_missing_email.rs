//! OSC036: a `GetDetails` answer without `emailAddress`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct DetailsMissingEmail;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC036",
    name: "details-missing-email",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "guidelines-for-properly-displaying-activities.md",
    summary: "the `person` returned by `GetDetails` has no `emailAddress`",
    explanation: "When an activity's publisher comes without `emailAddress`, the OSC calls \
        `GetDetails` for the owner and matches the SMTP address from the answer's \
        `emailAddress` against the person selected in the People Pane; without it the activity \
        cannot be tied to that person. The schema leaves the element optional. As with OSC035, \
        every `person` document counts as a `GetDetails` answer; an empty or malformed address \
        is OSC037's business.",
    bad: include_str!("../../../../fixtures/invalid/OSC036/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC036/example.xml"),
    reads: &["person/emailAddress", "emailAddress2", "emailAddress3"],
    hooks: &[Hook::Person],
};

impl Rule for DetailsMissingEmail {
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
        if at != PersonAt::Root
            || !matches!(cx.method, None | Some(Method::GetDetails))
            || person.email_address.is_some()
        {
            return;
        }
        let message = if person.email_address2.is_some() || person.email_address3.is_some() {
            "the `GetDetails` answer has `emailAddress2` or `emailAddress3` but no `emailAddress`; expected the primary SMTP address in `emailAddress`"
        } else {
            "the `GetDetails` answer has no `emailAddress`; expected the person's SMTP address"
        };
        out.push(
            Finding::new(INFO.id, ElementPath::root("person"), message).help(
                "add `<emailAddress>` with the person's primary SMTP address (after `birthday`, before `emailAddress2`)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{DetailsMissingEmail, INFO};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn with(method: Method) -> Setup {
        Setup {
            method: Some(method),
            ..Setup::default()
        }
    }

    #[test]
    fn fires_as_a_get_details_answer_too() {
        assert_eq!(
            findings_in(&DetailsMissingEmail, INFO.bad, with(Method::GetDetails)).len(),
            1
        );
    }

    #[test]
    fn secondary_address_only() {
        let xml = INFO.good.replace("emailAddress>", "emailAddress2>");
        let found = findings_of(&DetailsMissingEmail, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`emailAddress2`"));
    }

    #[test]
    fn empty_address_is_left_to_osc037() {
        let xml = INFO.good.replace("ines.okafor@fabrikam.example", "");
        assert!(findings_of(&DetailsMissingEmail, &xml).is_empty());
    }

    #[test]
    fn not_for_friends_lists_nor_other_methods() {
        let friends = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><person><userID>a</userID></person></friends>"#;
        assert!(findings_of(&DetailsMissingEmail, friends).is_empty());
        assert!(
            findings_in(
                &DetailsMissingEmail,
                INFO.bad,
                with(Method::GetFriendsAndColleagues)
            )
            .is_empty()
        );
    }
}
