//! `oscx.toml`: rule levels, methods and targets by path, overrides, `fail-on`, inline
//! suppressions, and `oscx config --show`.

use super::{TempDir, fixture, oscx_in, stderr, stdout};

const CONFIG: &str = r#"
fail-on = "warning"

[rules]
OSC012 = "deny"

[methods]
"people/*.xml" = "GetPeopleDetails"

[[overrides]]
files = "legacy/**/*.xml"
rules = { OSC010 = "allow" }
"#;

/// The findings of every file, as `(file, code)` pairs, from the JSON lines.
fn findings(out: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in out.lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let file = record["file"].as_str().expect("file").to_owned();
        for d in record["diagnostics"].as_array().expect("diagnostics") {
            found.push((file.clone(), d["code"].as_str().expect("code").to_owned()));
        }
    }
    found.sort();
    found
}

fn tree() -> TempDir {
    let dir = TempDir::new("config");
    dir.file("oscx.toml", CONFIG.as_bytes());
    let lookup = fixture("fixtures/invalid/OSC012/lookup-without-get.xml");
    let lookup = String::from_utf8(lookup).expect("UTF-8");
    dir.file("caps.xml", lookup.as_bytes());
    dir.file(
        "legacy/2010/caps.xml",
        &fixture("fixtures/invalid/OSC010/contacts-lookup-without-hash.xml"),
    );
    dir.file(
        "people/answer.xml",
        &fixture("fixtures/invalid/OSC040/people-details-without-index.xml"),
    );
    let allowed = lookup.replacen(
        "  <dynamicContactsLookup>",
        "  <!-- oscx-allow OSC012: people are looked up in the address book -->\n  <dynamicContactsLookup>",
        1,
    );
    dir.file("suppressed.xml", allowed.as_bytes());
    let no_reason = lookup.replacen(
        "  <dynamicContactsLookup>",
        "  <!-- oscx-allow OSC012 -->\n  <dynamicContactsLookup>",
        1,
    );
    dir.file("no-reason.xml", no_reason.as_bytes());
    dir
}

#[test]
fn the_configuration_decides_per_path_and_inline_suppressions_apply() {
    let dir = tree();
    let o = oscx_in(&dir.0, &["validate", "--format", "json", "."], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let pairs: Vec<(&str, &str)> = [
        ("caps.xml", "OSC012"),
        ("no-reason.xml", "OSC012"),
        ("no-reason.xml", "oscx::suppression-without-reason"),
        ("people/answer.xml", "OSC040"),
    ]
    .to_vec();
    let found = findings(&stdout(&o));
    let found: Vec<(&str, &str)> = found
        .iter()
        .map(|(f, c)| (f.as_str(), c.as_str()))
        .collect();
    assert_eq!(found, pairs);

    // `deny` made OSC012 an error; from a subdirectory the same file is found.
    let record: serde_json::Value = serde_json::from_str(
        stdout(&oscx_in(
            &dir.0.join("legacy"),
            &["validate", "--format", "json", "../caps.xml"],
            None,
        ))
        .lines()
        .next()
        .expect("one line"),
    )
    .expect("JSON");
    assert_eq!(record["diagnostics"][0]["severity"], "error");
}

#[test]
fn flags_win_over_the_configuration() {
    let dir = tree();
    let o = oscx_in(
        &dir.0,
        &[
            "validate",
            "--format",
            "json",
            "--warn",
            "OSC012",
            "--fail-on",
            "error",
            "caps.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // `fail-on = "warning"` from the file fails on the warning left when flags do not say.
    let o = oscx_in(
        &dir.0,
        &[
            "validate", "--format", "json", "--warn", "OSC012", "caps.xml",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn verbose_says_what_a_suppression_allowed_and_why() {
    let dir = tree();
    let o = oscx_in(&dir.0, &["validate", "--verbose", "suppressed.xml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "suppressed.xml:14:3: `OSC012` allowed (1 finding): people are looked up in the address book"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn config_show_prints_what_applies() {
    let dir = tree();
    let o = oscx_in(&dir.0.join("people"), &["config", "--show"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.normalise(&stdout(&o));
    insta::assert_snapshot!(out);
}

#[test]
fn a_bad_configuration_is_a_usage_error() {
    let dir = TempDir::new("bad-config");
    for (text, says) in [
        ("[rules]\nOSC999 = \"deny\"\n", "no rule `OSC999`"),
        ("[rules]\nOSC012 = \"loud\"\n", "loud"),
        ("fail-on = \"sometimes\"\n", "fail-on"),
        ("colour = \"red\"\n", "colour"),
    ] {
        dir.file("oscx.toml", text.as_bytes());
        dir.file("caps.xml", &fixture("fixtures/docs/capabilities.xml"));
        let o = oscx_in(&dir.0, &["validate", "caps.xml"], None);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(says), "{text}: {}", stderr(&o));
    }
}

#[test]
fn a_finding_about_the_whole_document_is_at_the_root_and_a_comment_before_it_allows_it() {
    let dir = TempDir::new("root-findings");
    let answer = fixture("fixtures/invalid/OSC035/example.xml");
    let answer = String::from_utf8(answer).expect("UTF-8");
    dir.file("answer.xml", answer.as_bytes());
    let allowed = format!(
        "<?xml version=\"1.0\"?>\n<!-- oscx-allow OSC035: the name comes from the address book -->\n{answer}"
    );
    dir.file("allowed.xml", allowed.as_bytes());
    let args = ["validate", "--method", "GetDetails", "--format", "json"];

    let o = oscx_in(&dir.0, &[&args[..], &["answer.xml"]].concat(), None);
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON line");
    let found = &record["diagnostics"][0];
    assert_eq!(found["code"], "OSC035", "{record}");
    assert_eq!(found["path"], "/person");
    // The root's start tag, not the start of the file.
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        found["span"]["end"].as_u64(),
        answer.find('>').map(|e| e as u64 + 1)
    );

    let o = oscx_in(
        &dir.0,
        &[&args[..], &["--verbose", "allowed.xml"]].concat(),
        None,
    );
    let record: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON line");
    assert_eq!(record["diagnostics"], serde_json::json!([]), "{record}");
    assert!(
        stderr(&o).contains("allowed.xml:2:1: `OSC035` allowed (1 finding)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn verbose_says_which_rule_did_not_run_on_what_could_not_be_read() {
    let dir = TempDir::new("skipped");
    let answer = "<person xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n  <userID>u1</userID>\n  <fullName>Ana</fullName>\n  <emailAdress>ana@example.com</emailAdress>\n</person>\n";
    dir.file("answer.xml", answer.as_bytes());
    let args = ["validate", "--method", "GetDetails", "answer.xml"];
    let quiet = oscx_in(&dir.0, &args, None);
    let verbose = oscx_in(&dir.0, &[&args[..], &["--verbose"]].concat(), None);
    for o in [&quiet, &verbose] {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
        // The misspelt address is the schema's finding; "no address" would be a false one.
        assert!(
            stdout(o).contains("xsd::unexpected-element"),
            "{}",
            stdout(o)
        );
        assert!(!stdout(o).contains("OSC036"), "{}", stdout(o));
    }
    assert!(!stderr(&quiet).contains("skipped"), "{}", stderr(&quiet));
    assert!(
        stderr(&verbose).contains(
            "oscx: answer.xml: rule OSC036 skipped for /person: /person/emailAdress could not be read"
        ),
        "{}",
        stderr(&verbose)
    );
}

#[test]
fn a_suppression_reason_is_echoed_inert() {
    let dir = tree();
    let lookup = fixture("fixtures/invalid/OSC012/lookup-without-get.xml");
    let lookup = String::from_utf8(lookup).expect("UTF-8");
    let forged = lookup.replacen(
        "  <dynamicContactsLookup>",
        "  <!-- oscx-allow OSC012: looked up elsewhere\n::error file=x.xml::forged -->\n  <dynamicContactsLookup>",
        1,
    );
    dir.file("forged.xml", forged.as_bytes());
    let o = oscx_in(&dir.0, &["validate", "--verbose", "forged.xml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "`OSC012` allowed (1 finding): looked up elsewhere\\n::error file=x.xml::forged"
        ),
        "{err}"
    );
    // Nothing from the comment starts a line a CI runner would read as a command.
    assert!(
        err.lines().all(|l| !l.trim_start().starts_with("::")),
        "{err}"
    );
}
