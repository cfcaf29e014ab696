//! The rule catalogue: one rule per file, grouped by the document they look at.

mod capabilities;
mod feed;
mod person;
#[cfg(test)]
pub(crate) mod testing;

use std::sync::OnceLock;

use super::Rule;

/// Every rule, in ID order.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut rules: Vec<&'static dyn Rule> = capabilities::RULES
            .iter()
            .chain(person::RULES)
            .chain(feed::RULES)
            .copied()
            .collect();
        rules.sort_by_key(|r| r.info().id);
        rules
    })
}

/// The rule with this ID.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    // Asked once for every finding: a search of the IDs, which `all` sorts.
    let rules = all();
    rules
        .binary_search_by(|r| upper(r.info().id).cmp(upper(id)))
        .ok()
        .map(|at| rules[at])
}

/// The bytes of `text` in upper case: IDs are compared as the case they are written in
/// does not matter.
fn upper(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes().map(|b| b.to_ascii_uppercase())
}

/// Each rule's ID (as its file names it, `osc012`) and its file's code before its tests, for
/// the tests that hold a rule's declarations to what its code does.
#[cfg(test)]
pub(crate) fn sources() -> Vec<(String, String)> {
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lint/rules");
    let mut found = Vec::new();
    for group in ["capabilities", "person", "feed"] {
        for entry in std::fs::read_dir(rules.join(group))
            .expect("rule files")
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.get(..6).filter(|id| id.starts_with("osc")) else {
                continue;
            };
            let text = std::fs::read_to_string(entry.path()).expect("a rule file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            found.push((id.to_owned(), code.to_owned()));
        }
    }
    found
}

/// Every rule's `bad` and `good` examples, checked in one table rather than by a copy of
/// the same test in each rule's file.
#[cfg(test)]
mod examples {
    use super::testing::{Setup, findings_in, text_findings};
    use super::{all, find};
    use crate::lint::{Finding, Method, Rule};
    use crate::model::Root;
    use crate::version::RootKind;
    use crate::xs::XsDateTime;

    /// What a rule's examples are checked under besides the document.
    enum Under {
        /// The document alone.
        Document,
        /// An answer to this method.
        Method(Method),
        /// A `GetActivitiesEx` answer to a call with this `startTime`.
        StartTime(&'static str),
        /// A `GetPeopleDetails` answer to this `hashedAddresses` request.
        Request(&'static str),
        /// As `oscx validate` checks a document: whole where it reads into the model, its
        /// text alone (with this root) where it does not, as a `bad` example whose subject
        /// the schema rejects.
        Text(RootKind),
    }

    /// What rule `id`'s examples are checked under. The `.args` beside the examples in its
    /// own `fixtures/{invalid,valid}/OSCnnn/` tell `oscx validate` the same.
    fn under(id: &str) -> Under {
        match id {
            "OSC030" => Under::Text(RootKind::Person),
            "OSC034" => Under::Method(Method::GetFriendsAndColleagues),
            "OSC040" | "OSC042" => Under::Method(Method::GetPeopleDetails),
            "OSC041" => Under::Request(include_str!(
                "../../../fixtures/invalid/OSC041/three-recipients.request.xml"
            )),
            "OSC067" => Under::StartTime("2024-03-09T00:00:00Z"),
            "OSC068" | "OSC069" => Under::Method(Method::GetActivitiesEx),
            _ => Under::Document,
        }
    }

    impl Under {
        fn findings(&self, rule: &'static dyn Rule, xml: &str) -> Vec<Finding> {
            let with = |method| Setup {
                method: Some(method),
                ..Setup::default()
            };
            let setup = match self {
                Under::Document => Setup::default(),
                Under::Method(method) => with(*method),
                Under::StartTime(start) => Setup {
                    start_time: Some(XsDateTime::parse(start).expect("a start time")),
                    ..with(Method::GetActivitiesEx)
                },
                Under::Request(request) => {
                    let doc = crate::xml::read_str(request).expect("the request reads");
                    let Root::HashedAddresses(request) = doc.root else {
                        panic!("the request is not `hashedAddresses`");
                    };
                    Setup {
                        request: Some(request),
                        ..with(Method::GetPeopleDetails)
                    }
                }
                Under::Text(root) if crate::xml::read_str(xml).is_err() => {
                    return text_findings(rule, xml, *root);
                }
                Under::Text(_) => Setup::default(),
            };
            findings_in(rule, xml, setup)
        }
    }

    /// Each rule and the paths of the findings its `bad` example gives, in order (so their
    /// number too); its `good` example gives none.
    const EXAMPLES: &[(&str, &[&str])] = &[
        ("OSC001", &["/friends/person[1]/homePhone"]),
        ("OSC002", &["/friends/person[1]/relationship"]),
        ("OSC003", &["/capabilities/hideHyperlinks"]),
        ("OSC004", &["/capabilities/dynamicActivitiesLookup"]),
        ("OSC005", &["/capabilities/cacheActivities"]),
        ("OSC010", &["/capabilities/dynamicContactsLookup"]),
        ("OSC011", &["/capabilities/cacheFriends"]),
        ("OSC012", &["/capabilities/dynamicContactsLookup"]),
        ("OSC013", &["/capabilities/contactSyncRestartInterval"]),
        ("OSC014", &["/capabilities/createAccountUrl"]),
        ("OSC015", &["/capabilities/allowChangesToAutoConfigure"]),
        ("OSC016", &["/capabilities/getActivities"]),
        ("OSC017", &["/capabilities/useLogonWebAuth"]),
        (
            "OSC018",
            &[
                "/capabilities/getFriends",
                "/capabilities/cacheFriends",
                "/capabilities/useLogonWebAuth",
            ],
        ),
        ("OSC019", &["/capabilities/dynamicActivitiesLookupEx"]),
        ("OSC020", &["/capabilities/followPerson"]),
        (
            "OSC021",
            &["/capabilities/showOnDemandContactsWhenMinimized"],
        ),
        ("OSC022", &["/capabilities/hashFunction"]),
        ("OSC023", &["/capabilities/contactSyncRestartInterval"]),
        ("OSC030", &["/person/friendStatus"]),
        ("OSC031", &["/friends/person[2]/userID"]),
        ("OSC032", &["/friends/person[2]/index"]),
        ("OSC033", &["/friends/person[1]/index"]),
        ("OSC034", &["/friends/person[1]/index"]),
        ("OSC035", &["/person"]),
        ("OSC036", &["/person"]),
        ("OSC037", &["/friends/person[1]/emailAddress"]),
        ("OSC038", &["/friends/person[1]/expirationTime"]),
        ("OSC039", &["/friends/person[1]/lastModificationTime"]),
        ("OSC040", &["/friends/person[1]"]),
        ("OSC041", &["/friends/person[1]/index"]),
        ("OSC042", &["/person"]),
        ("OSC043", &["/hashedAddresses/personAddresses[2]"]),
        (
            "OSC050",
            &["/activityFeed/activities/activityDetails[1]/templateID"],
        ),
        (
            "OSC051",
            &["/activityFeed/templates/activityTemplateContainer[2]/templateID"],
        ),
        (
            "OSC052",
            &["/activityFeed/templates/activityTemplateContainer[2]"],
        ),
        (
            "OSC053",
            &["/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/title"],
        ),
        (
            "OSC054",
            &["/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/title"],
        ),
        (
            "OSC055",
            &["/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/title"],
        ),
        (
            "OSC056",
            &["/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]"],
        ),
        (
            "OSC057",
            &["/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]"],
        ),
        (
            "OSC058",
            &["/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]"],
        ),
        (
            "OSC059",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]",
                "/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/data",
            ],
        ),
        (
            "OSC060",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]/listItems/simpleTemplateVariable[6]",
            ],
        ),
        (
            "OSC061",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]/listItems/simpleTemplateVariable[2]",
            ],
        ),
        (
            "OSC062",
            &["/activityFeed/activities/activityDetails[2]/objectID"],
        ),
        (
            "OSC063",
            &["/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[1]"],
        ),
        (
            "OSC064",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[1]/id",
            ],
        ),
        (
            "OSC065",
            &["/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/icon"],
        ),
        (
            "OSC066",
            &["/activityFeed/templates/activityTemplateContainer[1]/activityTemplate/icon"],
        ),
        (
            "OSC067",
            &["/activityFeed/activities/activityDetails[1]/publishDate"],
        ),
        (
            "OSC068",
            &["/activityFeed/activities/activityDetails[1]/publishDate"],
        ),
        ("OSC069", &["/activityFeed/activities"]),
        (
            "OSC070",
            &["/activityFeed/activities/activityDetails[1]/publishDate"],
        ),
        (
            "OSC071",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[3]/name",
            ],
        ),
        (
            "OSC072",
            &[
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[2]/value",
            ],
        ),
        (
            "OSC073",
            &["/activityFeed/activities/activityDetails[1]/ownerID"],
        ),
    ];

    /// What is wrong with `rule`'s examples, one line each; nothing when they hold.
    fn check(rule: &'static dyn Rule) -> Vec<String> {
        let info = rule.info();
        let id = info.id;
        let Some((_, expected)) = EXAMPLES.iter().find(|(row, _)| *row == id) else {
            return vec![format!("{id}: no row in the table of examples")];
        };
        let under = under(id);
        let mut wrong = Vec::new();
        let bad = under.findings(rule, info.bad);
        let got: Vec<&str> = bad.iter().map(|f| f.path.as_str()).collect();
        if got != *expected || bad.iter().any(|f| f.rule != id) {
            wrong.push(format!(
                "{id}: the bad example gives findings at {got:?}, not at {expected:?}: {bad:#?}"
            ));
        }
        // Every path a finding names is an element of the example, so that the finding is
        // placed on it rather than at the start of the document.
        let paths: std::collections::BTreeSet<String> =
            got.iter().map(|p| (*p).to_owned()).collect();
        match crate::xml::locate::locate(info.bad.as_bytes(), &paths) {
            Ok(located) => {
                for path in paths.iter().filter(|p| !located.contains_key(*p)) {
                    wrong.push(format!(
                        "{id}: `{path}` names no element of the bad example"
                    ));
                }
            }
            Err(e) => wrong.push(format!("{id}: the bad example cannot be read: {e}")),
        }
        let good = under.findings(rule, info.good);
        if !good.is_empty() {
            wrong.push(format!("{id}: the good example gives findings: {good:#?}"));
        }
        wrong
    }

    #[test]
    fn every_rule_fires_on_its_bad_example_only() {
        let mut wrong: Vec<String> = all().iter().flat_map(|rule| check(*rule)).collect();
        wrong.extend(
            EXAMPLES
                .iter()
                .filter(|(id, _)| find(id).is_none())
                .map(|(id, _)| format!("{id}: a row in the table of examples but no rule")),
        );
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_found_by_its_id_in_any_case() {
        for rule in all() {
            let id = rule.info().id;
            for spelt in [id.to_owned(), id.to_ascii_lowercase()] {
                let found = find(&spelt).map(|r| r.info().id);
                assert_eq!(found, Some(id), "{spelt}");
            }
        }
        for unknown in ["", "OSC", "OSC000", "osc9999", "X"] {
            assert!(find(unknown).is_none(), "{unknown}");
        }
    }
}
