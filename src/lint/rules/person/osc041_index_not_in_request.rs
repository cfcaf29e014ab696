//! OSC041: a returned `index` that the `GetPeopleDetails` request does not contain.

use std::collections::hash_map::Entry;

use crate::diagnostic::Severity;
use crate::lint::{Context, FROM_1_1, Finding, Hook, Method, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct IndexNotInRequest;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC041",
    name: "index-not-in-request",
    severity: Severity::Error,
    targets: FROM_1_1,
    source: "isocialsession2-getpeopledetails.md",
    summary: "a `GetPeopleDetails` answer returns an `index` its request does not contain",
    explanation: "Each `index` in a `GetPeopleDetails` answer must repeat the `index` attribute \
        of one `personAddresses` of the request; a value the request never sent belongs to no \
        recipient, and the person is lost or attached to the wrong one. The rule needs the \
        request (`--request FILE`) and runs under `--method GetPeopleDetails` or without a \
        method; repeated indexes are OSC032's business.",
    bad: include_str!("../../../../fixtures/invalid/OSC041/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC041/example.xml"),
    reads: &["index"],
    hooks: &[Hook::Person],
};

/// A key outside the `xs:int` range, marking that the request's indexes are in the state.
const LOADED: i64 = i64::MIN;

impl Rule for IndexNotInRequest {
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
        let (Some(request), Some(index)) = (&cx.request, person.index) else {
            return;
        };
        if !matches!(cx.method, None | Some(Method::GetPeopleDetails)) {
            return;
        }
        // Load the request's indexes once per list, so each person is one lookup.
        if let Entry::Vacant(marker) = state.numbers.entry(LOADED) {
            marker.insert(0);
            for (n, pa) in request.person_addresses.iter().enumerate() {
                state.numbers.entry(i64::from(pa.index)).or_insert(n + 1);
            }
        }
        if state.numbers.contains_key(&i64::from(index)) {
            return;
        }
        let count = request.person_addresses.len();
        out.push(
            Finding::new(
                INFO.id,
                at.path().child("index"),
                format!(
                    "`index` {index} is not the `index` of any `personAddresses` in the request ({count} entries); expected one of the request's indexes"
                ),
            )
            .on_value()
            .help("copy the `index` attribute of the `personAddresses` whose hashed address matched this person"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, IndexNotInRequest};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};
    use crate::model::{HashedAddresses, PersonAddresses};

    fn request(indexes: &[i32]) -> HashedAddresses {
        HashedAddresses {
            person_addresses: indexes
                .iter()
                .map(|&index| PersonAddresses {
                    index,
                    hashed_addresses: vec!["0123456789abcdef0123456789abcdef01234567".into()],
                })
                .collect(),
        }
    }

    fn setup(method: Option<Method>, indexes: &[i32]) -> Setup {
        Setup {
            method,
            request: Some(request(indexes)),
            ..Setup::default()
        }
    }

    #[test]
    fn needs_the_request() {
        assert!(findings_of(&IndexNotInRequest, INFO.bad).is_empty());
        let no_request = Setup {
            method: Some(Method::GetPeopleDetails),
            ..Setup::default()
        };
        assert!(findings_in(&IndexNotInRequest, INFO.bad, no_request).is_empty());
    }

    #[test]
    fn without_a_method_and_under_others() {
        assert_eq!(
            findings_in(&IndexNotInRequest, INFO.bad, setup(None, &[0])).len(),
            1
        );
        assert!(
            findings_in(
                &IndexNotInRequest,
                INFO.bad,
                setup(Some(Method::FindPerson), &[0])
            )
            .is_empty()
        );
    }

    #[test]
    fn empty_request_and_many_persons() {
        let xml = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
<person><userID>a</userID><index>0</index></person>
<person><userID>b</userID><index>2</index></person>
<person><userID>c</userID></person>
<person><userID>d</userID><index>-1</index></person>
</friends>"#;
        let m = Some(Method::GetPeopleDetails);
        assert_eq!(findings_in(&IndexNotInRequest, xml, setup(m, &[])).len(), 3);
        let found = findings_in(&IndexNotInRequest, xml, setup(m, &[2, 0]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/friends/person[4]/index");
        // Whatever the request holds, negative values included, counts.
        assert!(findings_in(&IndexNotInRequest, xml, setup(m, &[0, 2, -1])).is_empty());
    }
}
