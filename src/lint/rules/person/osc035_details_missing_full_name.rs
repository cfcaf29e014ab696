//! OSC035: a `GetDetails` answer without `fullName`.

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct DetailsMissingFullName;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC035",
    name: "details-missing-full-name",
    severity: Severity::Warning,
    targets: FROM_1_1,
    source: "guidelines-for-properly-displaying-activities.md",
    summary: "the `person` returned by `GetDetails` has no `fullName`, or an empty one",
    explanation: "When an activity names its publisher only by `ownerID`, without `nameHint`, \
        the OSC calls `GetDetails` for that owner and takes the display name from `fullName`; \
        without it the People Pane cannot put a name to the activity. The schema leaves the \
        element optional. The `person` root is by definition the `GetDetails` answer, so the \
        rule checks every `person` document (not only under `--method GetDetails`), and never \
        the persons of a `friends` list.",
    bad: include_str!("../../../../fixtures/invalid/OSC035/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC035/example.xml"),
    reads: &["fullName"],
    hooks: &[Hook::Person],
};

impl Rule for DetailsMissingFullName {
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
        if at != PersonAt::Root || !matches!(cx.method, None | Some(Method::GetDetails)) {
            return;
        }
        let help = "add `<fullName>` with the name to show (after `lastName`, before `nickname`)";
        match &person.full_name {
            None => out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("person"),
                    "the `GetDetails` answer has no `fullName`; expected the person's display name",
                )
                .help(help),
            ),
            Some(name) if name.trim().is_empty() => out.push(
                Finding::new(
                    INFO.id,
                    ElementPath::root("person").child("fullName"),
                    "`fullName` is empty; expected the person's display name",
                )
                .on_value()
                .help(help),
            ),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DetailsMissingFullName, INFO};
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
            findings_in(&DetailsMissingFullName, INFO.bad, with(Method::GetDetails)).len(),
            1
        );
    }

    #[test]
    fn empty_full_name() {
        let xml = INFO
            .good
            .replace("<fullName>Ines Okafor</fullName>", "<fullName> </fullName>");
        let found = findings_of(&DetailsMissingFullName, &xml);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/person/fullName");
    }

    #[test]
    fn not_for_friends_lists_nor_other_methods() {
        let friends = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><person><userID>a</userID></person></friends>"#;
        assert!(findings_of(&DetailsMissingFullName, friends).is_empty());
        assert!(findings_in(&DetailsMissingFullName, friends, with(Method::GetDetails)).is_empty());
        // A `person` root under another method is OSC042's business.
        assert!(
            findings_in(&DetailsMissingFullName, INFO.bad, with(Method::FindPerson)).is_empty()
        );
    }
}
