//! OSC001: OSC 1.0 does not read `homePhone`.

use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Hook, ONLY_1_0, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct HomePhoneUnused10;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC001",
    name: "home-phone-unused-1.0",
    severity: Severity::Warning,
    targets: ONLY_1_0,
    source: "outlook-social-connector-provider-xml-schema.md",
    summary: "`homePhone` in a person for OSC 1.0, which does not use it",
    explanation: "The 1.0 schema has a `homePhone` element, but its own comments say OSC 1.0 \
        leaves it unused: the number is accepted and then dropped, so it never reaches the \
        contact that the OSC keeps for the friend. Only OSC 1.1 and later read it. A provider \
        that serves OSC 1.0 should not count on it.",
    bad: include_str!("../../../../fixtures/invalid/OSC001/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC001/example.xml"),
    reads: &["homePhone"],
    hooks: &[Hook::Person],
};

impl Rule for HomePhoneUnused10 {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn person(
        &self,
        _cx: &Context,
        person: &Person,
        at: PersonAt,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        if person.home_phone.is_some() {
            out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("homePhone"),
                    "`homePhone` is set, but OSC 1.0 does not read it",
                )
                .help("give the number as `phone` if OSC 1.0 should show it, or leave `homePhone` out"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{HomePhoneUnused10, INFO};
    use crate::lint::rules::testing::findings_of;
    use crate::version::Target;

    #[test]
    fn one_finding_per_person_with_its_position() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/socialprovider.xsd">
  <person><userID>a</userID></person>
  <person><userID>b</userID><homePhone>1</homePhone></person>
  <person><userID>c</userID><homePhone></homePhone></person>
</friends>"#;
        let paths: Vec<_> = findings_of(&HomePhoneUnused10, xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/friends/person[2]/homePhone",
                "/friends/person[3]/homePhone"
            ]
        );
    }

    #[test]
    fn holds_for_1_0_only() {
        assert_eq!(INFO.targets, [Target::BeforeOutlook2010]);
    }
}
