//! The conformance rules through the CLI: every rule has a fixture where it fires (with a
//! snapshot of the human output) and one where it does not, and the acceptance cases of
//! the docs' own examples hold.
//!
//! Fixtures: `fixtures/invalid/OSCnnn/*.xml` fire rule OSCnnn, `fixtures/valid/OSCnnn/*.xml`
//! do not; a sidecar `<name>.args` holds extra `oscx validate` arguments, one per line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

use support::fixtures::args_of;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn oscx(args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oscx"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("oscx runs")
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| (*s).to_owned()).collect()
}

/// Rule IDs as `oscx rules` lists them.
fn rule_ids() -> Vec<String> {
    let out = oscx(&strings(&["rules"]));
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .filter(|l| l.starts_with("OSC"))
        .map(|l| l.split_whitespace().next().unwrap_or_default().to_owned())
        .collect()
}

/// The fixtures of one rule in `fixtures/<kind>/<id>/`, with their extra arguments.
fn fixtures(kind: &str, id: &str) -> Vec<(PathBuf, Vec<String>)> {
    let dir = root().join("fixtures").join(kind).join(id);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Vec<String>)> = entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .filter(|p| !p.to_string_lossy().ends_with(".request.xml"))
        .map(|p| {
            let args = args_of(&p);
            (p, args)
        })
        .collect();
    out.sort();
    out
}

fn validate(file: &Path, extra: &[String]) -> (Option<i32>, String) {
    let rel = file
        .strip_prefix(root())
        .expect("under root")
        .to_string_lossy()
        .into_owned();
    let mut args = strings(&["validate"]);
    args.extend(extra.iter().cloned());
    args.push(rel);
    let out = oscx(&args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
    )
}

#[test]
fn at_least_35_rules_are_listed() {
    let ids = rule_ids();
    assert!(ids.len() >= 35, "only {} rules: {ids:?}", ids.len());
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "duplicate IDs");
}

#[test]
fn every_rule_fires_on_its_invalid_fixtures_and_not_on_its_valid_ones() {
    let mut missing = Vec::new();
    for id in rule_ids() {
        let bad = fixtures("invalid", &id);
        let good = fixtures("valid", &id);
        if bad.is_empty() || good.is_empty() {
            missing.push(id.clone());
            continue;
        }
        let tag = format!("[{id}]");
        for (file, args) in bad {
            let (_, out) = validate(&file, &args);
            assert!(
                out.contains(&tag),
                "{id} does not fire on {}:\n{out}",
                file.display()
            );
            let name = file
                .strip_prefix(root().join("fixtures/invalid"))
                .expect("under invalid")
                .to_string_lossy()
                .replace('/', "__");
            insta::assert_snapshot!(name, out);
        }
        for (file, args) in good {
            let (_, out) = validate(&file, &args);
            assert!(
                !out.contains(&tag),
                "{id} fires on valid {}:\n{out}",
                file.display()
            );
        }
    }
    assert!(
        missing.is_empty(),
        "rules without invalid and valid fixtures: {missing:?}"
    );
}

#[test]
fn the_docs_capabilities_example_has_exactly_one_error_the_missing_hash_function() {
    let (code, out) = validate(&root().join("fixtures/docs/capabilities.xml"), &[]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(
        out.matches("\nerror[").count() + usize::from(out.starts_with("error[")),
        1,
        "{out}"
    );
    assert!(out.contains("error[OSC010]"), "{out}");
    assert!(out.contains("1 invalid, 1 error"), "{out}");
}

#[test]
fn the_docs_friends_example_under_get_friends_has_two_index_warnings() {
    let (code, out) = validate(
        &root().join("fixtures/docs/friends.xml"),
        &strings(&["--method", "GetFriendsAndColleagues"]),
    );
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.matches("warning[").count(), 2, "{out}");
    assert!(out.contains("0 errors, 2 warnings"), "{out}");
    for line in ["friends.xml:24:", "friends.xml:47:"] {
        assert!(out.contains(line), "no warning at {line}\n{out}");
    }
}

#[test]
fn the_docs_activity_feed_has_no_error() {
    let (code, out) = validate(&root().join("fixtures/docs/activity-feed.xml"), &[]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors"), "{out}");
}

#[test]
fn deny_warnings_turns_warnings_into_errors_and_allow_silences_a_rule() {
    let file = root().join("fixtures/docs/friends.xml");
    let (code, out) = validate(
        &file,
        &strings(&["--method", "GetFriendsAndColleagues", "--deny", "warnings"]),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("2 errors"), "{out}");
    let (code, out) = validate(
        &file,
        &strings(&["--method", "GetFriendsAndColleagues", "--allow", "OSC034"]),
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let (code, _) = validate(&file, &strings(&["--allow", "OSC999"]));
    assert_eq!(code, Some(2));
}

#[test]
fn explain_prints_the_examples_and_unknown_rules_exit_2() {
    let out = oscx(&strings(&["explain", "OSC010"]));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("hash-function-required") && text.contains("Fixed:"),
        "{text}"
    );
    assert_eq!(
        oscx(&strings(&["explain", "OSC999"])).status.code(),
        Some(2)
    );
}
