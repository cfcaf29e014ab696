//! The four report formats on the same files: snapshots, and checks a machine would make.

use super::support::sarif::schema_errors;
use super::{oscx, stderr, stdout};

/// A valid file, an XSD error, a conformance-rule error and a conformance-rule warning.
const FILES: [&str; 4] = [
    "fixtures/docs/friends.xml",
    "fixtures/invalid/xsd-too-many/two-user-ids.xml",
    "fixtures/invalid/OSC010/contacts-lookup-without-hash.xml",
    "fixtures/invalid/OSC012/lookup-without-get.xml",
];

fn run(format: &str) -> (String, String, Option<i32>) {
    let mut args = vec!["validate", "--format", format];
    args.extend(FILES);
    let o = oscx(&args, None);
    (stdout(&o), stderr(&o), o.status.code())
}

#[test]
fn human() {
    let (out, err, code) = run("human");
    assert_eq!(code, Some(1));
    assert!(err.is_empty(), "{err}");
    insta::assert_snapshot!(out);
}

#[test]
fn json_lines() {
    let (out, err, code) = run("json");
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        "oscx: checked 4 files: 2 invalid, 2 errors, 1 warning\n"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn sarif_is_one_valid_log() {
    let (out, _, code) = run("sarif");
    assert_eq!(code, Some(1));
    let log: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let errors = schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let rules = runs[0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(
        ids.contains(&"OSC012") && ids.contains(&"xsd::too-many"),
        "{ids:?}"
    );
    for rule in rules {
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{rule}"
        );
        assert!(
            rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
    }
    let results = runs[0]["results"].as_array().expect("results");
    let mut seen = Vec::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        let location = &r["locations"][0]["physicalLocation"];
        seen.push(format!(
            "{} {}:{}:{}",
            r["ruleId"].as_str().unwrap_or_default(),
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default(),
            location["region"]["startLine"],
            location["region"]["startColumn"],
        ));
    }
    insta::assert_snapshot!(seen.join("\n"));
}

#[test]
fn junit_has_one_test_case_per_file() {
    let (out, _, code) = run("junit");
    assert_eq!(code, Some(1));
    let doc = roxmltree::Document::parse(&out).expect("JUnit output is XML");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1);
    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    assert_eq!(names, FILES);
    let failed: Vec<bool> = cases
        .iter()
        .map(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failed, [false, true, true, false]);
    assert_eq!(suites[0].attribute("failures"), Some("2"));
    insta::assert_snapshot!(out);
}
