//! OSC038: `expirationTime` earlier than `creationTime`.

use super::strictly_before;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct ExpirationBeforeCreation;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC038",
    name: "expiration-before-creation",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "xml-for-friends.md",
    summary: "a person's `expirationTime` lies before its `creationTime`",
    explanation: "`creationTime` is when the profile was created on the network and \
        `expirationTime` when the data handed to the OSC stops being valid, so data that \
        expires before the profile existed is stale from the start; usually one of the two \
        values was written in the wrong timezone or field. The times are compared as instants \
        only when both carry a timezone, because XSD leaves values without one unordered \
        against others.",
    bad: include_str!("../../../../fixtures/invalid/OSC038/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC038/example.xml"),
    reads: &["creationTime", "expirationTime"],
    hooks: &[Hook::Person],
};

impl Rule for ExpirationBeforeCreation {
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
        let (Some(created), Some(expires)) = (&person.creation_time, &person.expiration_time)
        else {
            return;
        };
        if strictly_before(expires, created) {
            out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("expirationTime"),
                    format!(
                        "`expirationTime` `{expires}` is earlier than `creationTime` `{created}`; expected a time after the profile's creation"
                    ),
                )
                .on_value()
                .help("check both values and their timezone offsets; `expirationTime` is when the returned data stops being valid"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExpirationBeforeCreation;
    use crate::lint::rules::testing::findings_of;

    fn person(created: &str, expires: &str) -> String {
        format!(
            r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID><creationTime>{created}</creationTime><expirationTime>{expires}</expirationTime></person>"#
        )
    }

    #[test]
    fn compares_instants_across_timezones() {
        // 10:00+02:00 is 08:00Z: earlier than 09:00Z.
        let found = findings_of(
            &ExpirationBeforeCreation,
            &person("2020-01-01T09:00:00Z", "2020-01-01T10:00:00+02:00"),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/person/expirationTime");
        // 10:00-02:00 is 12:00Z: later.
        assert!(
            findings_of(
                &ExpirationBeforeCreation,
                &person("2020-01-01T09:00:00Z", "2020-01-01T10:00:00-02:00")
            )
            .is_empty()
        );
    }

    #[test]
    fn equal_times_and_fractions() {
        assert!(
            findings_of(
                &ExpirationBeforeCreation,
                &person("2020-01-01T09:00:00Z", "2020-01-01T09:00:00+00:00")
            )
            .is_empty()
        );
        assert_eq!(
            findings_of(
                &ExpirationBeforeCreation,
                &person("2020-01-01T09:00:00.5Z", "2020-01-01T09:00:00.25Z")
            )
            .len(),
            1
        );
    }

    #[test]
    fn skips_values_without_timezone_or_missing_ones() {
        assert!(
            findings_of(
                &ExpirationBeforeCreation,
                &person("2020-01-01T09:00:00", "2019-01-01T09:00:00Z")
            )
            .is_empty()
        );
        assert!(
            findings_of(
                &ExpirationBeforeCreation,
                &person("2020-01-01T09:00:00Z", "2019-01-01T09:00:00")
            )
            .is_empty()
        );
        let only_created = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"><userID>a</userID><creationTime>2020-01-01T09:00:00Z</creationTime></person>"#;
        assert!(findings_of(&ExpirationBeforeCreation, only_created).is_empty());
    }
}
