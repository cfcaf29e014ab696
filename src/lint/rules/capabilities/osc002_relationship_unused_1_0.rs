//! OSC002: OSC 1.0 does not read `relationship`.

use crate::diagnostic::Severity;
use crate::lint::{Context, Finding, Hook, ONLY_1_0, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct RelationshipUnused10;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC002",
    name: "relationship-unused-1.0",
    severity: Severity::Warning,
    targets: ONLY_1_0,
    source: "outlook-social-connector-provider-xml-schema.md",
    summary: "`relationship` in a person for OSC 1.0, which does not use it",
    explanation: "The 1.0 schema lets a person carry `relationship` (how the person relates to \
        the logged-on user), but its comments mark the element as unused by OSC 1.0: the value \
        is accepted and silently dropped. Only OSC 1.1 and later read it, so a provider for \
        OSC 1.0 gains nothing by sending it.",
    bad: include_str!("../../../../fixtures/invalid/OSC002/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC002/example.xml"),
    reads: &["relationship"],
    hooks: &[Hook::Person],
};

impl Rule for RelationshipUnused10 {
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
        if person.relationship.is_some() {
            out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("relationship"),
                    "`relationship` is set, but OSC 1.0 does not read it",
                )
                .help(
                    "leave `relationship` out of documents for OSC 1.0; OSC 1.1 and later read it",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, RelationshipUnused10};
    use crate::lint::rules::testing::findings_of;
    use crate::version::Target;

    #[test]
    fn counts_persons_in_the_list() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/socialprovider.xsd">
  <person><userID>a</userID><relationship>friend</relationship></person>
  <person><userID>b</userID></person>
  <person><userID>c</userID><relationship>family</relationship></person>
</friends>"#;
        let paths: Vec<_> = findings_of(&RelationshipUnused10, xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            [
                "/friends/person[1]/relationship",
                "/friends/person[3]/relationship"
            ]
        );
    }

    #[test]
    fn holds_for_1_0_only() {
        assert_eq!(INFO.targets, [Target::BeforeOutlook2010]);
    }
}
