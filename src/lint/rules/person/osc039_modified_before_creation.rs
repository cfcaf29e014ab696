//! OSC039: `lastModificationTime` earlier than `creationTime`.

use super::strictly_before;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct ModifiedBeforeCreation;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC039",
    name: "modified-before-creation",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "xml-for-friends.md",
    summary: "a person's `lastModificationTime` lies before its `creationTime`",
    explanation: "Both times describe the profile on the network: it cannot have been changed \
        before it was created, so one of the values is wrong, often a local time written with \
        the wrong offset. The OSC keeps these times with the contacts it caches. The values \
        are compared as instants only when both carry a timezone, because XSD leaves values \
        without one unordered against others.",
    bad: include_str!("../../../../fixtures/invalid/OSC039/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC039/example.xml"),
    reads: &["creationTime", "lastModificationTime"],
    hooks: &[Hook::Person],
};

impl Rule for ModifiedBeforeCreation {
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
        let (Some(created), Some(modified)) =
            (&person.creation_time, &person.last_modification_time)
        else {
            return;
        };
        if strictly_before(modified, created) {
            out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("lastModificationTime"),
                    format!(
                        "`lastModificationTime` `{modified}` is earlier than `creationTime` `{created}`; expected the same time or later"
                    ),
                )
                .on_value()
                .help("check both values and their timezone offsets"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ModifiedBeforeCreation;
    use crate::lint::rules::testing::findings_of;

    fn person(created: &str, modified: &str) -> String {
        format!(
            r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID><creationTime>{created}</creationTime><lastModificationTime>{modified}</lastModificationTime></person>"#
        )
    }

    #[test]
    fn equal_instants_pass() {
        assert!(
            findings_of(
                &ModifiedBeforeCreation,
                &person("2020-01-01T09:00:00Z", "2020-01-01T10:00:00+01:00")
            )
            .is_empty()
        );
    }

    #[test]
    fn skips_values_without_timezone() {
        assert!(
            findings_of(
                &ModifiedBeforeCreation,
                &person("2020-01-01T09:00:00", "2000-01-01T09:00:00Z")
            )
            .is_empty()
        );
        assert_eq!(
            findings_of(
                &ModifiedBeforeCreation,
                &person("2020-01-01T09:00:00Z", "2000-01-01T09:00:00Z")
            )
            .len(),
            1
        );
    }

    #[test]
    fn the_docs_examples_pass() {
        for xml in [
            include_str!("../../../../fixtures/docs/friends.xml"),
            include_str!("../../../../fixtures/docs/person-2013.xml"),
            include_str!("../../../../fixtures/docs/friends-2013.xml"),
        ] {
            assert!(findings_of(&ModifiedBeforeCreation, xml).is_empty());
        }
    }
}
