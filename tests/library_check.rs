//! `osc_schema::check` is `oscx validate`: for every fixture, the library's one call and the
//! binary without flags or configuration report the same JSON object (the file's name aside)
//! and print the same code frames.
//!
//! A fixture that is not UTF-8 (UTF-16, a legacy encoding, broken bytes) cannot be given as
//! text: it is checked as bytes by the same default checker, as the binary reads a file.

mod support;

use std::path::Path;

use osc_schema::Report;
use osc_schema::check::Checker;
use serde_json::Value;

use support::cli::{oscx, stderr, stdout};
use support::fixtures::every_fixture;

/// What the library reports for the file: the one call on its text, or the default checker
/// on its bytes when it is not UTF-8.
fn library_report(path: &Path) -> Report {
    let bytes = std::fs::read(path).expect("fixture reads");
    match std::str::from_utf8(&bytes) {
        Ok(text) => osc_schema::check(text),
        Err(_) => Checker::default().check_bytes("", &bytes).report,
    }
}

/// The JSON object without the file's name, which the one call does not know.
fn without_file(mut record: Value) -> Value {
    record
        .as_object_mut()
        .expect("a JSON object per file")
        .remove("file");
    record
}

#[test]
fn the_one_call_reports_what_oscx_validate_reports_for_every_fixture() {
    let fixtures = every_fixture();
    assert!(fixtures.len() >= 250, "only {} fixtures", fixtures.len());
    let mut args = vec!["validate", "--format", "json"];
    args.extend(fixtures.iter().map(|(name, _)| name.as_str()));
    let out = oscx(&args, None);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let lines = stdout(&out);
    let lines: Vec<&str> = lines.lines().collect();
    let printed: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(printed.len(), fixtures.len(), "one object per fixture");
    let mut differing = Vec::new();
    let mut with_findings = 0;
    for (((name, path), printed), line) in fixtures.iter().zip(printed).zip(lines) {
        assert_eq!(printed["file"], name.as_str(), "in input order");
        // Named as the binary names it, the report's JSON is the binary's line to the byte.
        let bytes = std::fs::read(path).expect("fixture reads");
        let named = Checker::default().check_bytes(name, &bytes).report;
        assert_eq!(named.to_json(), line, "{name}");
        let report = library_report(path);
        with_findings += usize::from(!report.diagnostics().is_empty());
        let library: Value = serde_json::from_str(&report.to_json()).expect("JSON");
        let (library, binary) = (without_file(library), without_file(printed));
        if library != binary {
            differing.push(format!("{name}:\n  library {library}\n  oscx    {binary}"));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
    // Suppressions, rules, schema errors and broken markup are all among them.
    assert!(
        with_findings > 150,
        "only {with_findings} fixtures with findings"
    );
}

#[test]
fn the_one_call_applies_inline_suppressions_and_reports_on_them() {
    let allowed = std::fs::read_to_string("fixtures/valid/OSC012/allowed-by-comment.xml")
        .expect("fixture reads");
    let codes = |text: &str| -> Vec<String> {
        osc_schema::check(text)
            .diagnostics()
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    assert!(
        !codes(&allowed).contains(&"OSC012".to_owned()),
        "{:?}",
        codes(&allowed)
    );
    let comment = allowed.find("<!-- oscx-allow").expect("a suppression");
    let end = comment + allowed[comment..].find("-->").expect("its end") + 3;
    let bare = format!("{}{}", &allowed[..comment], &allowed[end..]);
    assert!(
        codes(&bare).contains(&"OSC012".to_owned()),
        "{:?}",
        codes(&bare)
    );
    // A name that is no rule is said at the comment.
    let unknown =
        std::fs::read_to_string("fixtures/reports/unknown-rule.xml").expect("fixture reads");
    assert!(
        codes(&unknown).iter().any(|c| c.starts_with("oscx::")),
        "{:?}",
        codes(&unknown)
    );
}

#[test]
fn the_report_prints_the_frames_oscx_validate_prints() {
    let mut compared = 0;
    for (name, path) in every_fixture() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let checked = Checker::default().check_bytes(&name, text.as_bytes());
        if checked.report.diagnostics().is_empty() {
            continue;
        }
        let out = oscx(&["validate", "--color", "never", &name], None);
        let printed = stdout(&out);
        // The frames (each ends with a blank line), then the summary line of the run.
        let summary = printed.lines().last().expect("a summary line");
        let frames = printed
            .strip_suffix(&format!("{summary}\n"))
            .expect("the summary ends the output");
        assert_eq!(
            checked.report.render(&text),
            frames,
            "{name}: the report's frames differ from the binary's"
        );
        compared += 1;
    }
    assert!(compared > 150, "only {compared} fixtures compared");
}
