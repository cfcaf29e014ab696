//! What CI systems read: GitHub annotations, GitLab Code Quality, several reports from one
//! run, and baselines.

use crate::support::code_quality::Issue;

use super::support::sarif::schema_errors;
use super::{TempDir, fixture, oscx, oscx_in, stderr, stdout};

/// An XSD error, a rule error and a rule warning, in files with relative names.
const FILES: [&str; 3] = [
    "fixtures/invalid/xsd-too-many/two-user-ids.xml",
    "fixtures/invalid/OSC010/contacts-lookup-without-hash.xml",
    "fixtures/invalid/OSC012/lookup-without-get.xml",
];

fn validate(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["validate"];
    args.extend(extra);
    args.extend(FILES);
    oscx(&args, None)
}

#[test]
fn github_annotations() {
    let o = validate(&["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=fixtures/")
                || line.starts_with("::warning file=fixtures/"),
            "{line}"
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn github_annotations_follow_the_human_output_in_a_workflow() {
    let mut args = vec!["validate"];
    args.extend(FILES);
    let o = assert_cmd::Command::cargo_bin("oscx")
        .expect("oscx is built")
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GITHUB_ACTIONS", "true")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    let out = stdout(&o);
    let human = stdout(&validate(&["--format", "human"]));
    let annotations = stdout(&validate(&["--format", "github"]));
    assert_eq!(out, format!("{human}{annotations}"));
}

#[test]
fn gitlab_code_quality() {
    let o = validate(&["--format", "gitlab"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let issues: Vec<Issue> = serde_json::from_str(&out).expect("typed Code Quality issues");
    assert_eq!(issues.len(), 3);
    assert_eq!(issues[0].location.path, FILES[0]);
    assert_eq!(issues[0].severity, "major");
    assert_eq!(issues[2].severity, "minor");
    assert!(issues.iter().all(|i| i.fingerprint.len() == 32));
    insta::assert_snapshot!(out);
}

/// The Code Quality issues of one document named `name` in `dir`.
fn issues_of(dir: &TempDir, name: &str, text: &[u8]) -> Vec<Issue> {
    dir.file(name, text);
    let o = oscx_in(&dir.0, &["validate", "--format", "gitlab", name], None);
    serde_json::from_str(&stdout(&o)).expect("Code Quality JSON")
}

#[test]
fn fingerprints_survive_moved_lines_and_follow_the_finding() {
    let dir = TempDir::new("fingerprints");
    let original = fixture("fixtures/invalid/OSC012/lookup-without-get.xml");
    let before = issues_of(&dir, "caps.xml", &original);
    assert!(!before.is_empty());

    // Blank lines above the finding move it down; its fingerprint stays.
    let text = String::from_utf8(original.clone()).expect("UTF-8 fixture");
    let moved = text.replacen("<capabilities", "\n\n\n<capabilities", 1);
    let after = issues_of(&dir, "caps.xml", moved.as_bytes());
    assert_ne!(before[0].location.lines, after[0].location.lines);
    assert_eq!(
        before.iter().map(|i| &i.fingerprint).collect::<Vec<_>>(),
        after.iter().map(|i| &i.fingerprint).collect::<Vec<_>>()
    );

    // The same finding in another file, or another finding, has another fingerprint.
    let elsewhere = issues_of(&dir, "other.xml", &original);
    assert_ne!(before[0].fingerprint, elsewhere[0].fingerprint);
    let person = issues_of(
        &dir,
        "person.xml",
        &fixture("fixtures/invalid/OSC035/details-without-full-name.xml"),
    );
    assert!(
        person
            .iter()
            .all(|p| before.iter().all(|b| b.fingerprint != p.fingerprint))
    );
}

#[test]
fn several_reports_from_one_run() {
    let dir = TempDir::new("reports");
    let sarif = format!("sarif={}/a.sarif", dir.path());
    let junit = format!("junit={}/b.xml", dir.path());
    let o = validate(&["--report", &sarif, "--report", &junit]);
    assert_eq!(o.status.code(), Some(1));
    let human = stdout(&validate(&["--format", "human"]));
    assert_eq!(stdout(&o), human, "the console keeps the human output");

    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.0.join("a.sarif")).expect("a.sarif"))
            .expect("SARIF is JSON");
    let errors = schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);

    let junit = std::fs::read_to_string(dir.0.join("b.xml")).expect("b.xml");
    let doc = roxmltree::Document::parse(&junit).expect("JUnit parses");
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, 3);
}

#[test]
fn a_bad_report_flag_is_a_usage_error() {
    for bad in ["sarif", "yaml=x.yaml", "human=x.txt", "sarif="] {
        let o = validate(&["--report", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
    }
}

#[test]
fn a_baseline_hides_known_findings_and_only_those() {
    let dir = TempDir::new("baseline");
    dir.file(
        "captures/caps.xml",
        &fixture("fixtures/invalid/OSC012/lookup-without-get.xml"),
    );
    dir.file(
        "captures/hash.xml",
        &fixture("fixtures/invalid/OSC010/contacts-lookup-without-hash.xml"),
    );
    let run = |args: &[&str]| {
        let mut all = vec!["validate", "--format", "json"];
        all.extend(args);
        all.push("captures");
        oscx_in(&dir.0, &all, None)
    };
    let before = run(&[]);
    assert_eq!(before.status.code(), Some(1));

    let written = run(&["--write-baseline", "oscx-baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(
        stderr(&written).contains("recorded 2 findings"),
        "{}",
        stderr(&written)
    );

    let again = run(&["--baseline", "oscx-baseline.json"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&again)
    );
    let shown: usize = stdout(&again)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .map(|r| r["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(shown, 0);
    assert!(stderr(&again).contains("2 known findings hidden by the baseline"));

    // Lines moved above the findings: still known.
    let caps = std::fs::read_to_string(dir.0.join("captures/caps.xml")).expect("caps");
    dir.file(
        "captures/caps.xml",
        caps.replacen("<capabilities", "\n\n<capabilities", 1)
            .as_bytes(),
    );
    assert_eq!(
        run(&["--baseline", "oscx-baseline.json"]).status.code(),
        Some(0)
    );

    // One new error is reported, alone.
    dir.file(
        "captures/new.xml",
        &fixture("fixtures/invalid/xsd-too-many/two-user-ids.xml"),
    );
    let new = run(&["--baseline", "oscx-baseline.json"]);
    assert_eq!(new.status.code(), Some(1));
    let records: Vec<serde_json::Value> = stdout(&new)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let reported: Vec<&str> = records
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().expect("diagnostics").iter())
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(reported, ["xsd::too-many"]);
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = TempDir::new("bad-baseline");
    dir.file("b.json", b"{\"version\": 9, \"findings\": {}}");
    let o = oscx_in(
        &dir.0,
        &["validate", "--baseline", "b.json", "-"],
        Some(b"<x/>"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("version 9"), "{}", stderr(&o));
}

#[test]
fn misspelt_names_and_values_get_a_suggestion() {
    let person = "<person xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\
        <userID>1</userID><gender>Male</gender><emailAdress>a@contoso.example</emailAdress></person>";
    let o = oscx(
        &["validate", "--format", "json", "-"],
        Some(person.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON line");
    let helps: Vec<(&str, &str)> = record["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // No OSC036 ("no `emailAddress`"): the misspelt element is taken for it, unreadable.
    assert_eq!(
        helps,
        [
            (
                "OSC035",
                "add `<fullName>` with the name to show (after `lastName`, before `nickname`)"
            ),
            (
                "xsd::invalid-value",
                "did you mean `male`? Values are case-sensitive"
            ),
            ("xsd::unexpected-element", "did you mean `emailAddress`?"),
        ]
    );
}

#[test]
fn stdin_gets_the_name_it_is_given() {
    let bytes = fixture("fixtures/invalid/OSC010/contacts-lookup-without-hash.xml");
    let o = oscx(
        &[
            "validate",
            "--format",
            "github",
            "--stdin-filename",
            "captures/caps.xml",
            "-",
        ],
        Some(&bytes),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("::error file=captures/caps.xml,line=15,"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn color_can_be_forced_on_and_off() {
    let bytes = fixture("fixtures/invalid/OSC010/contacts-lookup-without-hash.xml");
    let colored = stdout(&oscx(&["validate", "--color", "always", "-"], Some(&bytes)));
    assert!(colored.contains("\u{1b}["), "{colored}");
    let plain = stdout(&oscx(&["validate", "--color", "never", "-"], Some(&bytes)));
    assert!(!plain.contains('\u{1b}'), "{plain}");
}

#[test]
fn quiet_prints_findings_and_the_summary_only() {
    let dir = TempDir::new("quiet");
    dir.file(
        "caps.xml",
        &fixture("fixtures/invalid/OSC010/contacts-lookup-without-hash.xml"),
    );
    let write = oscx_in(
        &dir.0,
        &["validate", "--write-baseline", "b.json", "caps.xml"],
        None,
    );
    assert!(stderr(&write).contains("recorded 1 finding"));
    let quiet = oscx_in(
        &dir.0,
        &[
            "validate",
            "--quiet",
            "--write-baseline",
            "b.json",
            "caps.xml",
        ],
        None,
    );
    assert_eq!(stderr(&quiet), "");
    let hidden = oscx_in(
        &dir.0,
        &["validate", "--quiet", "--baseline", "b.json", "caps.xml"],
        None,
    );
    assert_eq!(
        stdout(&hidden),
        "checked 1 file: 0 invalid, 0 errors, 0 warnings\n"
    );
}
