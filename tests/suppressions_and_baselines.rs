//! Suppressions that tell, and baselines that survive real edits.
//!
//! An `oscx-allow` comment that names no rule, names one in another case, names a schema
//! error or allows nothing is itself a warning at the comment; advice codes
//! (`xml::encoding-mismatch`, `xsd::no-namespace`) are allowed and re-levelled like rules, by
//! flag, configuration and comment, and schema errors are not. A baseline knows a person's,
//! an activity's and a template's findings by its identity, and a file however it is named,
//! in memory and as a stream alike.

mod support;

use std::path::Path;

use osc_schema::Validator;
use osc_schema::check::baseline::Baseline;
use osc_schema::check::fingerprint::{fingerprints, keyed_fingerprints};
use osc_schema::check::{Checker, IN_MEMORY_LIMIT};
use osc_schema::lint::LintOptions;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, fixture, oscx, oscx_in, stderr, stdout};

/// The JSON record of one file checked with `args` in `dir`, and the exit code.
fn record_in(dir: &Path, args: &[&str]) -> (FileRecord, Option<i32>) {
    let mut argv = vec!["validate", "--format", "json"];
    argv.extend_from_slice(args);
    let out = oscx_in(dir, &argv, None);
    let record = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}{}", stdout(&out), stderr(&out)));
    (record, out.status.code())
}

fn record(args: &[&str]) -> (FileRecord, Option<i32>) {
    record_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The findings as `(code, severity, line, column)`.
fn found(record: &FileRecord) -> Vec<(String, String, u32, u32)> {
    record
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.severity.to_string(), d.line, d.column))
        .collect()
}

fn owned(list: &[(&str, &str, u32, u32)]) -> Vec<(String, String, u32, u32)> {
    list.iter()
        .map(|&(c, s, l, col)| (c.to_owned(), s.to_owned(), l, col))
        .collect()
}

#[test]
fn an_unknown_a_wrongly_cased_and_a_schema_error_name_are_each_reported_at_the_comment() {
    let file = "fixtures/reports/unknown-rule.xml";
    let (record, code) = record(&[file]);
    assert_eq!(code, Some(0), "warnings only");
    assert_eq!(
        found(&record),
        owned(&[
            ("oscx::unknown-rule", "warning", 8, 5),
            ("oscx::unknown-rule", "warning", 8, 5),
            ("oscx::unknown-rule", "warning", 8, 5),
            // `osc031` is not `OSC031`: it suppresses nothing, as an unknown name does.
            ("OSC031", "warning", 9, 13),
        ])
    );
    let messages: Vec<&str> = record
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(messages[0].contains("`osc031`") && messages[0].contains("did you mean `OSC031`?"));
    assert!(
        messages[1].contains("`OSC999` is not a rule"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("`xsd::too-many` is a schema error, which cannot be allowed"));
    // Placed on the comment's text: from `<!--` to `-->`.
    let text = std::fs::read_to_string(file).expect("fixture");
    let comment = text.find("<!--").expect("a comment");
    let end = text.find("-->").expect("its end") + 3;
    for d in &record.diagnostics[..3] {
        assert_eq!(d.span.start..d.span.end, comment..end);
    }
    let out = oscx(&["validate", file], None);
    insta::assert_snapshot!("unknown_rule", stdout(&out));
}

#[test]
fn a_suppression_or_a_name_in_it_that_allowed_nothing_is_reported() {
    let file = "fixtures/reports/unused-suppression.xml";
    let (record, code) = record(&[file]);
    assert_eq!(code, Some(0));
    // The first comment stands before the first person, where nothing is found; of the
    // second, the rule's name allowed the duplicate and `OSC036` nothing.
    assert_eq!(
        found(&record),
        owned(&[
            ("oscx::unused-suppression", "warning", 3, 3),
            ("oscx::unused-suppression", "warning", 9, 5),
        ])
    );
    assert!(
        record.diagnostics[0]
            .message
            .contains("`OSC031` allowed nothing")
    );
    assert!(
        record.diagnostics[1]
            .message
            .contains("`OSC036` allowed nothing")
    );
    let out = oscx(&["validate", file], None);
    insta::assert_snapshot!("unused_suppression", stdout(&out));
    // A rule that did not run may have the finding a comment is there for: without the
    // rules, or with the rule allowed, its name is not said to be unused.
    for args in [
        &["--no-lint", file][..],
        &["--allow", "OSC031", "--allow", "OSC036", file][..],
    ] {
        let (quiet, code) = record_in(Path::new(env!("CARGO_MANIFEST_DIR")), args);
        assert_eq!((found(&quiet), code), (Vec::new(), Some(0)), "{args:?}");
    }
}

#[test]
fn the_new_codes_are_explained_and_listed_in_sarif() {
    for code in ["oscx::unknown-rule", "oscx::unused-suppression"] {
        let out = oscx(&["explain", code], None);
        assert_eq!(out.status.code(), Some(0), "{code}");
        assert!(
            stdout(&out).starts_with(&format!("{code} (warning)")),
            "{}",
            stdout(&out)
        );
    }
    let out = oscx(
        &[
            "validate",
            "--format",
            "sarif",
            "fixtures/reports/unknown-rule.xml",
            "fixtures/reports/unused-suppression.xml",
        ],
        None,
    );
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("SARIF");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for code in ["oscx::unknown-rule", "oscx::unused-suppression"] {
        assert!(
            rules.iter().any(|r| r["id"] == code),
            "{code} not in the rules"
        );
    }
}

/// A `hashedAddresses` request without namespace, saved as UTF-8 under a UTF-16
/// declaration: one finding of each advice code.
const ADVICE: &str = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<hashedAddresses>\n  <personAddresses index=\"0\">\n    <hashedAddress>46a62b2bde6cb4fcddfd7e445a253b888c34d482</hashedAddress>\n  </personAddresses>\n</hashedAddresses>\n";

#[test]
fn advice_codes_are_allowed_and_relevelled_by_flag_config_and_comment() {
    let dir = TempDir::new("advice");
    dir.file("request.xml", ADVICE.as_bytes());
    let dir = &dir.0;
    let (plain, code) = record_in(dir, &["request.xml"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        found(&plain),
        owned(&[
            ("xml::encoding-mismatch", "warning", 1, 1),
            ("xsd::no-namespace", "info", 2, 1)
        ])
    );
    for lint in [&[][..], &["--no-lint"][..]] {
        let with = |args: &[&str]| {
            let mut all = lint.to_vec();
            all.extend_from_slice(args);
            all.push("request.xml");
            record_in(dir, &all)
        };
        let (r, code) = with(&["--allow", "xml::encoding-mismatch"]);
        assert_eq!(
            (found(&r), code),
            (owned(&[("xsd::no-namespace", "info", 2, 1)]), Some(0))
        );
        let (r, code) = with(&[
            "--allow",
            "XSD::No-Namespace",
            "--deny",
            "xml::encoding-mismatch",
        ]);
        assert_eq!(
            (found(&r), code),
            (owned(&[("xml::encoding-mismatch", "error", 1, 1)]), Some(1)),
            "flags take any case"
        );
        let (r, _) = with(&[
            "--warn",
            "xsd::no-namespace",
            "--allow",
            "xml::encoding-mismatch",
        ]);
        assert_eq!(found(&r), owned(&[("xsd::no-namespace", "warning", 2, 1)]));
    }
    // The configuration, and a flag over it.
    std::fs::write(
        dir.join("oscx.toml"),
        "[rules]\n\"xml::encoding-mismatch\" = \"allow\"\n\"xsd::no-namespace\" = \"deny\"\n",
    )
    .expect("config");
    let (r, code) = record_in(dir, &["request.xml"]);
    assert_eq!(
        (found(&r), code),
        (owned(&[("xsd::no-namespace", "error", 2, 1)]), Some(1))
    );
    let (r, code) = record_in(
        dir,
        &["--no-lint", "--warn", "xsd::no-namespace", "request.xml"],
    );
    assert_eq!(
        (found(&r), code),
        (owned(&[("xsd::no-namespace", "warning", 2, 1)]), Some(0))
    );
    // A comment before the root reaches the declaration's finding too.
    let (r, code) = record(&["fixtures/reports/allowed-advice.xml"]);
    assert_eq!((found(&r), code), (Vec::new(), Some(0)));
}

#[test]
fn a_schema_error_cannot_be_allowed_by_flag_or_config() {
    for flag in ["--allow", "--warn", "--deny"] {
        let out = oscx(
            &[
                "validate",
                flag,
                "xsd::too-many",
                "fixtures/docs/friends.xml",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(
            stderr(&out).contains("`xsd::too-many` is a schema error, which cannot be allowed"),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    }
    let out = oscx(
        &[
            "validate",
            "--allow",
            "xml::not-well-formed",
            "fixtures/docs/friends.xml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("schema error"), "{}", stderr(&out));
    let dir = TempDir::new("schema-error-config");
    dir.file(
        "oscx.toml",
        b"[rules]\n\"xsd::invalid-value\" = \"allow\"\n",
    );
    dir.file("friends.xml", &fixture("fixtures/docs/friends.xml"));
    let out = oscx_in(&dir.0, &["validate", "friends.xml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`xsd::invalid-value` is a schema error"),
        "{}",
        stderr(&out)
    );
}

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A person; every seventh of the first hundred, and every thousandth after, has a gender
/// the schema refuses and an address OSC037 finds implausible, so that the list has schema
/// and rule findings in many persons.
fn person(id: &str, n: usize) -> String {
    let mut p =
        format!("  <person>\n    <userID>{id}</userID>\n    <fullName>Person {n}</fullName>\n");
    if (n < 100 && n % 7 == 3) || n % 1000 == 3 {
        p.push_str("    <emailAddress>no-at-sign.example</emailAddress>\n");
        p.push_str("    <gender>robot</gender>\n");
    }
    p.push_str("  </person>\n");
    p
}

/// A friends list of `count` persons, after the persons `before`.
fn friends(before: &[&str], count: usize) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<friends xmlns=\"{NS}\">\n");
    for id in before {
        xml.push_str(&person(id, 0));
    }
    for n in 0..count {
        xml.push_str(&person(&format!("fab-{n}"), n));
    }
    xml.push_str("</friends>\n");
    xml
}

/// Enough persons to go past the in-memory limit, so that the list is checked as a stream.
fn persons_past_the_limit() -> usize {
    let each = friends(&[], 70).len() / 70;
    usize::try_from(IN_MEMORY_LIMIT).unwrap_or(usize::MAX) / each + 1000
}

fn hidden_line(out: &std::process::Output) -> String {
    let text = format!("{}{}", stdout(out), stderr(out));
    text.lines()
        .find(|l| l.contains("hidden by the baseline"))
        .unwrap_or_default()
        .to_owned()
}

/// Writes a baseline of the list, inserts a person at its top, and checks the list given
/// every way: each must hide every finding and show none.
fn baseline_survives_an_insertion_and_every_name(count: usize) {
    let dir = TempDir::new("baseline");
    dir.file("oscx.toml", b"");
    let list = dir.file("lists/friends.xml", friends(&[], count).as_bytes());
    let (before, _) = record_in(&dir.0, &["--max-diagnostics", "0", "lists/friends.xml"]);
    let known = before.diagnostics.len();
    assert!(known >= 4, "only {known} findings");
    assert!(before.diagnostics.iter().any(|d| d.code == "OSC037"));
    assert!(
        before
            .diagnostics
            .iter()
            .any(|d| d.code == "xsd::invalid-value")
    );
    let out = oscx_in(
        &dir.0,
        &[
            "validate",
            "--write-baseline",
            "baseline.json",
            "lists/friends.xml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A new person at the top moves every other one down by one.
    std::fs::write(&list, friends(&["fab-new"], count)).expect("insert");
    let absolute = list.to_string_lossy().into_owned();
    let lists = dir.0.join("lists");
    let elsewhere = TempDir::new("baseline-elsewhere");
    let config = dir.0.join("oscx.toml").to_string_lossy().into_owned();
    let baseline = dir.0.join("baseline.json").to_string_lossy().into_owned();
    for (cwd, args) in [
        (
            &dir.0,
            vec!["--baseline", "baseline.json", "lists/friends.xml"],
        ),
        (
            &dir.0,
            vec!["--baseline", "baseline.json", "./lists/friends.xml"],
        ),
        (
            &dir.0,
            vec!["--baseline", "baseline.json", "lists/../lists/friends.xml"],
        ),
        (
            &dir.0,
            vec!["--baseline", "baseline.json", absolute.as_str()],
        ),
        // The configuration in a parent names the directory files are relative to.
        (
            &lists,
            vec!["--baseline", "../baseline.json", "friends.xml"],
        ),
        (
            &lists,
            vec!["--baseline", "../baseline.json", "./friends.xml"],
        ),
        (
            &elsewhere.0,
            vec![
                "--config",
                config.as_str(),
                "--baseline",
                baseline.as_str(),
                absolute.as_str(),
            ],
        ),
    ] {
        let mut argv = vec!["validate"];
        argv.extend_from_slice(&args);
        let out = oscx_in(cwd, &argv, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stdout(&out));
        assert_eq!(
            hidden_line(&out),
            format!("{known} known findings hidden by the baseline"),
            "{args:?}"
        );
    }
}

#[test]
fn a_baseline_hides_every_known_finding_after_a_person_is_inserted_in_memory() {
    baseline_survives_an_insertion_and_every_name(40);
}

#[test]
fn a_baseline_hides_every_known_finding_after_a_person_is_inserted_as_a_stream() {
    baseline_survives_an_insertion_and_every_name(persons_past_the_limit());
}

/// The identities come from the one reading: in memory and as a stream, with the rules and
/// without, the same fingerprints.
#[test]
fn identities_are_the_same_in_memory_and_as_a_stream() {
    let dir = TempDir::new("identities");
    let xml = friends(&["fab-new"], 50);
    let path = dir.file("friends.xml", xml.as_bytes());
    for lint in [Some(LintOptions::default()), None] {
        let checker = Checker::new(Validator::auto(), lint.clone()).with_identities(true);
        let whole = checker.check_bytes("friends.xml", xml.as_bytes()).report;
        let stream = checker
            .clone()
            .with_in_memory_limit(0)
            .check_path("friends.xml", &path)
            .expect("reads")
            .report;
        assert_eq!(whole.identities().len(), 51, "every person has an identity");
        assert_eq!(
            whole.identities(),
            stream.identities(),
            "lint: {}",
            lint.is_some()
        );
        let base = Path::new("");
        assert_eq!(
            keyed_fingerprints(&whole, base),
            keyed_fingerprints(&stream, base)
        );
    }
}

#[test]
fn activities_and_templates_are_known_by_their_ids() {
    let feed = String::from_utf8(fixture("fixtures/docs/activity-feed.xml")).expect("UTF-8");
    // A bad date in the second activity and in the first template's data, found by path.
    let broken = feed.replacen(
        "<publishDate>2010-03-08T17:19:57</publishDate>",
        "<publishDate>soon</publishDate>",
        1,
    );
    assert_ne!(broken, feed);
    let checker =
        Checker::new(Validator::auto(), Some(LintOptions::default())).with_identities(true);
    let report = checker.check_bytes("feed.xml", broken.as_bytes()).report;
    let d = report
        .diagnostics()
        .iter()
        .find(|d| d.code == "xsd::invalid-value")
        .expect("the bad date");
    assert_eq!(
        d.location.path,
        "/activityFeed/activities/activityDetails[2]/publishDate"
    );
    let keyed = report.identities().keyed(&d.location.path);
    assert!(
        keyed.starts_with("/activityFeed/activities/activityDetails[objectID#")
            && keyed.ends_with("]/publishDate"),
        "{keyed}"
    );
    // Templates: the pair of IDs.
    let template = "/activityFeed/templates/activityTemplateContainer[1]/data";
    assert!(
        report.identities().keyed(template).starts_with(
            "/activityFeed/templates/activityTemplateContainer[applicationID,templateID#"
        ),
        "{}",
        report.identities().keyed(template)
    );
}

#[test]
fn persons_without_an_identity_or_sharing_one_keep_their_position() {
    let xml = format!(
        "<friends xmlns=\"{NS}\">\n{}{}{}</friends>\n",
        person("twin", 3),
        person("twin", 3),
        person("single", 3)
    );
    let checker =
        Checker::new(Validator::auto(), Some(LintOptions::default())).with_identities(true);
    let report = checker.check_bytes("f.xml", xml.as_bytes()).report;
    let ids = report.identities();
    assert_eq!(ids.len(), 1, "only the person with an ID of its own");
    assert_eq!(
        ids.keyed("/friends/person[1]/gender"),
        "/friends/person[1]/gender"
    );
    assert_eq!(
        ids.keyed("/friends/person[2]/gender"),
        "/friends/person[2]/gender"
    );
    assert!(ids.keyed("/friends/person[3]/gender").contains("[userID#"));
}

#[test]
fn a_version_1_baseline_is_still_read_and_matched_by_position() {
    let xml = friends(&[], 10);
    let checker =
        Checker::new(Validator::auto(), Some(LintOptions::default())).with_identities(true);
    let mut report = checker
        .check_bytes("./lists/friends.xml", xml.as_bytes())
        .report;
    let count = report.diagnostics().len();
    assert!(count > 0);
    // A version 1 file: the fingerprints of the file as given, by position.
    let findings: serde_json::Map<String, serde_json::Value> = fingerprints(&report)
        .into_iter()
        .zip(report.diagnostics())
        .map(|(print, d)| {
            let known = serde_json::json!({
                "code": d.code.as_str(), "file": "lists/friends.xml",
                "path": d.location.path, "message": d.message,
            });
            (print, known)
        })
        .collect();
    let text = serde_json::json!({ "version": 1, "findings": findings }).to_string();
    let old = Baseline::from_json(&text).expect("version 1 is read");
    assert_eq!(old.hide_known(&mut report.clone()), count);
    // Version 2 fingerprints are other: the old file is not mistaken for a new one.
    let new = Baseline::of(std::slice::from_ref(&report));
    assert!(new.to_json().contains("\"version\": 2"));
    assert_eq!(
        Baseline::from_json(&new.to_json())
            .expect("reads")
            .hide_known(&mut report),
        count
    );
    assert!(Baseline::from_json(&text.replace("\"version\":1", "\"version\":3")).is_err());
}

/// Noting identities costs time on every element: a checker notes them only when asked,
/// as `oscx validate` asks only with a baseline.
#[test]
fn identities_are_noted_only_when_asked_for() {
    let xml = friends(&["fab-new"], 5);
    for lint in [Some(LintOptions::default()), None] {
        let checker = Checker::new(Validator::auto(), lint.clone());
        let plain = checker.check_bytes("friends.xml", xml.as_bytes()).report;
        assert_eq!(plain.identities().len(), 0, "lint: {}", lint.is_some());
        let asked = checker
            .with_identities(true)
            .check_bytes("friends.xml", xml.as_bytes())
            .report;
        assert_eq!(asked.identities().len(), 6, "lint: {}", lint.is_some());
    }
}
