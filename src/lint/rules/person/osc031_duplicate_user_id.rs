//! OSC031: two persons of one `friends` list with the same `userID`.

use crate::diagnostic::Severity;
use crate::lint::{
    ALL_TARGETS, Context, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState, fingerprint,
};
use crate::model::Person;
use crate::text::quoted;

/// See [`INFO`].
pub struct DuplicateUserId;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC031",
    name: "duplicate-user-id",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "friends-xml-example.md",
    summary: "two persons of one `friends` list share a `userID`",
    explanation: "The OSC treats `userID` as the person's identity on the network: it asks \
        for an `ISocialPerson` by it and, with cached friends, keeps one contact per friend, so \
        a repeated ID duplicates or overwrites a contact; the docs give every friend its own \
        ID, but the schema declares no uniqueness, hence a warning. In a `GetPeopleDetails` \
        answer one user may rightly answer two recipients under two indexes, so the rule skips \
        that method and, without a method, compares ID and `index` together. IDs are kept as \
        64-bit fingerprints: with n persons the chance of a false report is about n²/2⁶⁵.",
    bad: include_str!("../../../../fixtures/invalid/OSC031/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC031/example.xml"),
    reads: &["userID", "index"],
    hooks: &[Hook::Person],
};

impl Rule for DuplicateUserId {
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
        if at == PersonAt::Root || cx.method == Some(Method::GetPeopleDetails) {
            return;
        }
        // Without a method, persons carrying `index` may be a GetPeopleDetails answer, where
        // one user can answer several recipients: key them by ID and index together.
        let key = match (cx.method, person.index) {
            (None, Some(index)) => fingerprint(&format!("{}\u{0}{index}", person.user_id)),
            _ => fingerprint(&person.user_id),
        };
        if !state.seen.insert(key) {
            out.push(
                Finding::new(
                    INFO.id,
                    at.path().child("userID"),
                    format!(
                        "`userID` {} is used by an earlier person of this list; expected each person once",
                        quoted(&person.user_id)
                    ),
                )
                .on_value()
                .help("return each network user once, merging what is known about them into one `person`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DuplicateUserId, INFO};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

    fn friends(persons: &[(&str, Option<i32>)]) -> String {
        let mut xml = format!(r#"<friends xmlns="{NS}">"#);
        for (id, index) in persons {
            xml.push_str(&format!("<person><userID>{id}</userID>"));
            if let Some(i) = index {
                xml.push_str(&format!("<index>{i}</index>"));
            }
            xml.push_str("</person>");
        }
        xml.push_str("</friends>");
        xml
    }

    #[test]
    fn reports_every_repeat_after_the_first() {
        let xml = friends(&[("a", None), ("b", None), ("a", None), ("a", None)]);
        let paths: Vec<_> = findings_of(&DuplicateUserId, &xml)
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            paths,
            ["/friends/person[3]/userID", "/friends/person[4]/userID"]
        );
    }

    #[test]
    fn ids_are_compared_exactly() {
        let xml = friends(&[("a", None), ("A", None), ("a ", None)]);
        assert!(findings_of(&DuplicateUserId, &xml).is_empty());
    }

    #[test]
    fn people_details_may_repeat_a_user_under_two_indexes() {
        let xml = friends(&[("a", Some(0)), ("a", Some(1))]);
        assert!(findings_of(&DuplicateUserId, &xml).is_empty());
        let setup = Setup {
            method: Some(Method::GetPeopleDetails),
            ..Setup::default()
        };
        assert!(findings_in(&DuplicateUserId, &xml, setup).is_empty());
        // Under another method the index means nothing, and the repeat counts.
        let setup = Setup {
            method: Some(Method::GetFriendsAndColleagues),
            ..Setup::default()
        };
        assert_eq!(findings_in(&DuplicateUserId, &xml, setup).len(), 1);
    }

    #[test]
    fn same_id_and_same_index_without_a_method_fires() {
        let xml = friends(&[("a", Some(0)), ("a", Some(0))]);
        assert_eq!(findings_of(&DuplicateUserId, &xml).len(), 1);
    }

    #[test]
    fn under_1_0_too() {
        let xml = INFO.bad.replace(
            NS,
            "http://schemas.microsoft.com/office/outlook/socialprovider.xsd",
        );
        assert_eq!(findings_of(&DuplicateUserId, &xml).len(), 1);
    }
}
