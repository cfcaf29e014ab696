//! `oscx fmt --fix` repairs the mistakes that have one reading, and `oscx validate` marks
//! exactly those findings: every finding marked fixable in an invalid fixture is gone once
//! `oscx fmt --fix --write` has run on a copy, and no finding appears that was not there.
//! Each kind of repair has a fixture under `fixtures/fix/`, whose human report (with its
//! marks and the summary's count) is a snapshot.

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::Path;

use osc_schema::print::json::FileRecord;
use support::cli::{TempDir, oscx, stderr, stdout};
use support::fixtures::{args_of, relative, xml_under};

/// The findings of one file as `oscx validate --format json` reports them, with `args`.
fn findings(file: &Path, args: &[String]) -> Vec<osc_schema::print::json::DiagnosticRecord> {
    let path = file.to_str().expect("UTF-8 path");
    let mut argv = vec!["validate", "--format", "json", "--max-diagnostics", "0"];
    argv.extend(args.iter().map(String::as_str));
    argv.push(path);
    let out = oscx(&argv, None);
    let line = stdout(&out);
    let record: FileRecord = serde_json::from_str(line.trim()).unwrap_or_else(|e| {
        panic!("{path}: {e}: {line}{}", stderr(&out));
    });
    record.diagnostics
}

/// The `--target` a fixture's name asks for (`name.target-1.1.xml`), as arguments.
fn target_args(file: &Path) -> Vec<String> {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.split_once(".target-") {
        Some((_, target)) => vec!["--target".to_owned(), target.to_owned()],
        None => Vec::new(),
    }
}

/// A finding as the comparison before and after the repair knows it.
type Key = (String, String, String);

fn key(d: &osc_schema::print::json::DiagnosticRecord) -> Key {
    (d.code.clone(), d.path.clone(), d.message.clone())
}

#[test]
fn every_finding_marked_fixable_is_gone_after_fmt_fix_and_none_appears() {
    let dir = TempDir::new("fmt-fix");
    let mut files = xml_under("fixtures/invalid");
    files.extend(xml_under("fixtures/fix"));
    let (mut repaired, mut marked_total) = (0, 0);
    for file in files {
        let name = relative(&file);
        if name.ends_with(".request.xml") {
            continue;
        }
        let mut args = args_of(&file);
        args.extend(target_args(&file));
        let before = findings(&file, &args);
        let marked: Vec<Key> = before.iter().filter(|d| d.fixable).map(key).collect();
        if marked.is_empty() {
            continue;
        }
        // The summary counts what is marked: no more, no less.
        let mut argv = vec!["validate"];
        argv.extend(args.iter().map(String::as_str));
        argv.push(file.to_str().expect("UTF-8 path"));
        let human = stdout(&oscx(&argv, None));
        let count = match marked.len() {
            1 => "1 finding fixable with `oscx fmt --fix`.".to_owned(),
            n => format!("{n} findings fixable with `oscx fmt --fix`."),
        };
        assert!(human.trim_end().ends_with(&count), "{name}: {human}");
        assert_eq!(
            human.matches("[*] ").count(),
            marked.len(),
            "{name}: {human}"
        );

        let copy = dir.file(
            &name.replace('/', "__"),
            &std::fs::read(&file).expect("fixture"),
        );
        let copy_path = copy.to_str().expect("UTF-8 path");
        let fixed = oscx(&["fmt", "--fix", "--write", copy_path], None);
        assert_eq!(fixed.status.code(), Some(0), "{name}: {}", stderr(&fixed));
        assert!(
            stderr(&fixed).contains(": fixed: "),
            "{name}: {}",
            stderr(&fixed)
        );
        let after: BTreeSet<Key> = findings(&copy, &args).iter().map(key).collect();
        for finding in &marked {
            assert!(
                !after
                    .iter()
                    .any(|(code, path, _)| (code, path) == (&finding.0, &finding.1)),
                "{name}: {finding:?} is still there after `oscx fmt --fix`"
            );
        }
        let before: BTreeSet<Key> = before.iter().map(key).collect();
        let new: Vec<&Key> = after.difference(&before).collect();
        assert!(
            new.is_empty(),
            "{name}: new findings after the fix: {new:?}"
        );
        repaired += 1;
        marked_total += marked.len();
    }
    assert!(
        repaired >= 10 && marked_total >= 14,
        "only {repaired} fixtures with {marked_total} marked findings"
    );
}

#[test]
fn a_finding_without_one_reading_is_not_marked_and_not_repaired() {
    let file = "fixtures/fix/ambiguous-email-address.xml";
    let found = findings(&support::fixtures::root().join(file), &[]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(!found[0].fixable, "{found:?}");
    let human = stdout(&oscx(&["validate", file], None));
    assert!(
        !human.contains("[*]") && !human.contains("fixable"),
        "{human}"
    );
    insta::assert_snapshot!("fix__ambiguous-email-address.xml", human);
    // `emailAddress4` is as close to `emailAddress` as to `emailAddress2` and
    // `emailAddress3`: `oscx fmt --fix` leaves it, and so refuses the document.
    let out = oscx(&["fmt", "--fix", file], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("fixed:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("emailAddress4"), "{}", stderr(&out));
}

#[test]
fn one_mistake_that_fmt_fix_cannot_repair_leaves_every_finding_unmarked() {
    // `Female` has one reading, a thirteenth month none: `oscx fmt --fix` refuses the
    // document whole, so it repairs neither, and neither is marked.
    let fixture = "fixtures/fix/gender-capitalised.xml";
    let alone = findings(&support::fixtures::root().join(fixture), &[]);
    assert!(alone.len() == 1 && alone[0].fixable, "{alone:?}");
    let dir = TempDir::new("fmt-fix-blocked");
    let text = String::from_utf8(support::cli::fixture(fixture))
        .expect("UTF-8 fixture")
        .replace(
            "<fullName>Ines Okafor</fullName>",
            "<fullName>Ines Okafor</fullName>\n    <birthday>1979-13-45</birthday>",
        );
    let file = dir.file("blocked.xml", text.as_bytes());
    let found = findings(&file, &[]);
    let codes: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("xsd::invalid-value", "/friends/person[1]/birthday"),
            ("xsd::invalid-value", "/friends/person[1]/gender"),
        ]
    );
    assert!(found.iter().all(|d| !d.fixable), "{found:?}");
    let out = oscx(&["fmt", "--fix", file.to_str().expect("UTF-8 path")], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!stderr(&out).contains("fixed:"), "{}", stderr(&out));
}

/// The fixture of each kind of repair, and what `oscx fmt --fix` says it did.
const REPAIRS: &[(&str, &str)] = &[
    (
        "boolean-capitalised.xml",
        "`True` changed to `true` in `getFriends`",
    ),
    (
        "gender-capitalised.xml",
        "`Female` changed to `female` in `gender`",
    ),
    (
        "friend-status-capitalised.xml",
        "`Friend` changed to `friend` in `friendStatus`",
    ),
    (
        "hash-function-lowercase.xml",
        "`sha1` changed to `SHA1` in `hashFunction`",
    ),
    (
        "misspelt-email-address.xml",
        "element `emailAdress` renamed `emailAddress`",
    ),
    (
        "https-namespace.xml",
        "namespace `https://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd` \
         changed to `http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd`",
    ),
    (
        "nonfriend.xml",
        "`nonfriend` changed to `notfriend`, the schema's spelling",
    ),
    ("out-of-order.xml", "elements put in schema order"),
];

#[test]
fn each_kind_of_repair_is_marked_then_made_and_said() {
    let dir = TempDir::new("fmt-fix-kinds");
    for (name, said) in REPAIRS {
        let fixture = format!("fixtures/fix/{name}");
        let report = oscx(&["validate", &fixture], None);
        assert_eq!(report.status.code(), Some(1), "{name}");
        let human = stdout(&report);
        assert!(human.contains("]: [*] "), "{name}: {human}");
        insta::assert_snapshot!(format!("fix__{name}"), human);

        let copy = dir.file(name, &support::cli::fixture(&fixture));
        let copy_path = copy.to_str().expect("UTF-8 path");
        // `--check` says what it would do, changes nothing, and fails.
        let check = oscx(&["fmt", "--fix", "--check", copy_path], None);
        assert_eq!(check.status.code(), Some(1), "{name}");
        let check_said = dir.normalise(&stderr(&check));
        assert!(
            check_said.contains(&format!("[TMP]/{name}: would fix: {said}\n")),
            "{name}: {check_said}"
        );
        assert!(!check_said.contains("fixed:"), "{name}: {check_said}");
        assert_eq!(
            std::fs::read(&copy).expect("copy"),
            support::cli::fixture(&fixture)
        );
        // Printing says what it did.
        let print = oscx(&["fmt", "--fix", copy_path], None);
        assert_eq!(print.status.code(), Some(0), "{name}");
        let print_said = dir.normalise(&stderr(&print));
        assert!(
            print_said.contains(&format!("[TMP]/{name}: fixed: {said}\n")),
            "{name}: {print_said}"
        );
        // Written, the document is valid and canonical.
        let write = oscx(&["fmt", "--fix", "--write", copy_path], None);
        assert_eq!(write.status.code(), Some(0), "{name}");
        assert!(
            dir.normalise(&stderr(&write))
                .contains(&format!(": fixed: {said}\n"))
        );
        let again = oscx(&["validate", copy_path], None);
        assert_eq!(again.status.code(), Some(0), "{name}: {}", stdout(&again));
        assert_eq!(
            oscx(&["fmt", "--check", copy_path], None).status.code(),
            Some(0),
            "{name}"
        );
    }
}

#[test]
fn json_and_sarif_carry_the_mark_only_where_it_is_set() {
    let file = "fixtures/fix/gender-capitalised.xml";
    let json = stdout(&oscx(&["validate", "--format", "json", file], None));
    assert!(json.contains(r#""fixable":true"#), "{json}");
    let clean = stdout(&oscx(
        &[
            "validate",
            "--format",
            "json",
            "fixtures/fix/ambiguous-email-address.xml",
        ],
        None,
    ));
    assert!(!clean.contains("fixable"), "{clean}");
    let sarif = stdout(&oscx(&["validate", "--format", "sarif", file], None));
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["properties"]["fixable"], serde_json::json!(true));
}
