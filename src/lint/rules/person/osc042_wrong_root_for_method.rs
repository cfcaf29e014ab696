//! OSC042: the document's root is not the one its method returns.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::version::RootKind;
use crate::xml::ElementPath;

/// See [`INFO`].
pub struct WrongRootForMethod;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC042",
    name: "wrong-root-for-method",
    severity: Severity::Error,
    targets: ALL_TARGETS,
    source: "xml-for-friends.md",
    summary: "the document's root is not the one the given method returns",
    explanation: "Each provider method answers with one root: `GetFriendsAndColleagues`, \
        `FindPerson` and `GetPeopleDetails` with `friends` (even for a single person), \
        `GetDetails` with `person`, `GetCapabilities` with `capabilities` and `GetActivitiesEx` \
        with `activityFeed`. A document that is valid on its own but has another root is \
        refused by the OSC. One docs page says `GetPeopleDetails` returns `person`, which is \
        wrong. The rule needs `--method`.",
    bad: include_str!("../../../../fixtures/invalid/OSC042/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC033/example.xml"),
    reads: &[],
    hooks: &[Hook::Document],
};

impl Rule for WrongRootForMethod {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn document(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(method) = cx.method else {
            return;
        };
        let expected = method.expected_root();
        if cx.root == expected {
            return;
        }
        let help = match (cx.root, expected) {
            (RootKind::Person, RootKind::Friends) => {
                "wrap the `person` in `<friends>`: this method returns a list, even of one person"
                    .to_owned()
            }
            (RootKind::Friends, RootKind::Person) => {
                "return the single `person` as the root, without `<friends>` around it".to_owned()
            }
            (RootKind::HashedAddresses, _) => format!(
                "`hashedAddresses` is the request the OSC sends to `GetPeopleDetails`; `{method}` returns `{expected}`"
            ),
            _ => format!("return a `{expected}` document from `{method}`"),
        };
        out.push(
            Finding::new(
                INFO.id,
                ElementPath::root(&cx.root.to_string()),
                format!(
                    "`{method}` returns a `{expected}` document, found `{}`",
                    cx.root
                ),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, WrongRootForMethod};
    use crate::lint::Method;
    use crate::lint::rules::testing::{Setup, findings_in, findings_of};

    fn with(method: Method) -> Setup {
        Setup {
            method: Some(method),
            ..Setup::default()
        }
    }

    #[test]
    fn the_help_names_the_root_expected() {
        let found = findings_in(
            &WrongRootForMethod,
            INFO.bad,
            with(Method::GetPeopleDetails),
        );
        assert!(found[0].help.as_deref().unwrap_or("").contains("<friends>"));
    }

    #[test]
    fn needs_the_method() {
        assert!(findings_of(&WrongRootForMethod, INFO.bad).is_empty());
    }

    #[test]
    fn every_method_against_every_example_root() {
        let docs = [
            include_str!("../../../../fixtures/docs/capabilities.xml"),
            include_str!("../../../../fixtures/docs/friends.xml"),
            include_str!("../../../../fixtures/docs/person-2013.xml"),
            include_str!("../../../../fixtures/docs/activity-feed.xml"),
            include_str!("../../../../fixtures/docs/hashed-addresses.xml"),
        ];
        for method in Method::ALL {
            let hits: Vec<usize> = docs
                .iter()
                .enumerate()
                .filter(|(_, xml)| findings_in(&WrongRootForMethod, xml, with(method)).is_empty())
                .map(|(i, _)| i)
                .collect();
            // Exactly one root fits each method.
            assert_eq!(hits.len(), 1, "{method}");
        }
    }

    #[test]
    fn friends_under_get_details() {
        let found = findings_in(&WrongRootForMethod, INFO.good, with(Method::GetDetails));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/friends");
        assert_eq!(
            found[0].message,
            "`GetDetails` returns a `person` document, found `friends`"
        );
    }
}
