//! Hardening items 4, 5 and 6, and JUnit's part of keeping reports inert in CI logs: what
//! `oscx validate` writes never destroys what it reads, its exit code survives a closed
//! standard output, and findings cost bounded memory, capped per file with the rest counted
//! in every format.
//!
//! Memory is measured as the peak resident size GNU `time` reports (`/usr/bin/time -f %M`),
//! through `support::external::need`; sizes are chosen so that each run of the debug build
//! takes a few seconds, not through timings.

#[path = "support/mod.rs"]
mod support;

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};

use osc_schema::catalog::MORE_FINDINGS;
use osc_schema::print::json::FileRecord;
use support::cli::{TempDir, fixture, oscx_in, stderr, stdout};
use support::code_quality::Issue;
use support::sarif::schema_errors;

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
const INVALID: &str = "fixtures/invalid/xsd-too-many/two-user-ids.xml";
const VALID: &str = "fixtures/docs/friends.xml";

/// A `friends` list of `persons`, each with an address written with a display name, which
/// OSC037 reports (a warning; an error with `--deny OSC037`): a finding per person.
fn list_with_a_finding_per_person(persons: usize) -> Vec<u8> {
    let mut xml = format!("<friends xmlns=\"{NS}\">\n");
    for i in 0..persons {
        xml.push_str(&format!(
            "<person><userID>u{i}</userID><fullName>P {i}</fullName>\
             <emailAddress>P {i} &lt;p{i}@example.com&gt;</emailAddress></person>\n"
        ));
    }
    xml.push_str("</friends>\n");
    xml.into_bytes()
}

/// `list` with an element the schema refuses in its first person: an invalid list, whose
/// rules run on a tolerant reading.
fn with_a_schema_error(list: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(list);
    text.replacen("<person>", "<person><bogus/>", 1)
        .into_bytes()
}

// ----- Item 4: no output is an input ----------------------------------------------------

#[test]
fn an_output_onto_an_input_is_refused_before_anything_is_written() {
    let dir = TempDir::new("out-in");
    let original = fixture(INVALID);
    for args in [
        &["validate", "-o", "in.xml", "in.xml"][..],
        &["validate", "--output", "./in.xml", "in.xml"],
        &["validate", "--report", "json=in.xml", "in.xml"],
        &[
            "validate",
            "--report",
            "sarif=./in.xml",
            "--format",
            "json",
            "in.xml",
        ],
        &["validate", "--write-baseline", "in.xml", "in.xml"],
        // Through a link, the same file.
        &["validate", "-o", "link.xml", "in.xml"],
    ] {
        dir.file("in.xml", &original);
        let _ = std::fs::remove_file(dir.0.join("link.xml"));
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.0.join("in.xml"), dir.0.join("link.xml")).expect("link");
        let o = oscx_in(&dir.0, args, None);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("`in.xml` is to be checked and written by"),
            "{args:?}: {err}"
        );
        assert!(stdout(&o).is_empty(), "{args:?}: nothing is written");
        assert_eq!(
            std::fs::read(dir.0.join("in.xml")).expect("still there"),
            original,
            "{args:?}: the input is intact"
        );
    }
}

#[test]
fn a_report_in_the_walked_tree_is_not_checked_by_the_next_run() {
    let dir = TempDir::new("out-walk");
    dir.file("payloads/p.xml", &fixture(VALID));
    let run = || {
        let o = oscx_in(
            &dir.0,
            &[
                "validate",
                ".",
                "--format",
                "junit",
                "-o",
                "junit.xml",
                "--report",
                "junit=payloads/again.xml",
            ],
            None,
        );
        let junit = std::fs::read_to_string(dir.0.join("junit.xml")).expect("junit.xml");
        (o.status.code(), stderr(&o), junit)
    };
    let first = run();
    assert_eq!(first.0, Some(0), "{}", first.1);
    assert!(first.2.contains("tests=\"1\""), "{}", first.2);
    // The reports now lie in the tree walked: the second run checks the same one file.
    assert_eq!(run(), first);
}

// ----- Item 5: the exit code survives a closed standard output ----------------------------

/// Runs `oscx` with its standard output a pipe whose reading end is closed at once; the
/// exit code and standard error.
fn with_stdout_closed(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oscx"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oscx starts");
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut err)
        .expect("stderr reads");
    (child.wait().expect("oscx ends").code(), err)
}

#[test]
fn a_closed_stdout_keeps_the_exit_code_of_the_findings() {
    let dir = TempDir::new("out-pipe");
    // Far more output than a pipe holds, so that writing fails whenever the reader left.
    for i in 0..4 {
        dir.file(
            &format!("list{i}.xml"),
            &list_with_a_finding_per_person(500),
        );
    }
    let failing = with_stdout_closed(&dir.0, &["validate", "--deny", "OSC037", "."]);
    assert_eq!(failing.0, Some(1), "{}", failing.1);
    assert!(!failing.1.contains("panicked"), "{}", failing.1);
    // The summary comes on standard error after the last file: every file was checked.
    let failing = with_stdout_closed(
        &dir.0,
        &["validate", "--deny", "OSC037", "--format", "json", "."],
    );
    assert_eq!(failing.0, Some(1), "{}", failing.1);
    assert!(
        failing.1.contains("checked 4 files: 4 invalid"),
        "{}",
        failing.1
    );
    let passing = with_stdout_closed(&dir.0, &["validate", "--format", "json", "."]);
    assert_eq!(passing.0, Some(0), "{}", passing.1);
}

// ----- Item 6: findings in bounded memory, capped per file, the rest counted -----------------

/// Runs `oscx` in `dir` under GNU `time`: its output and its peak resident size in KiB;
/// `None` (a skip outside CI) without GNU `time`.
fn peak_kib(dir: &Path, args: &[&str]) -> Option<(std::process::Output, u64)> {
    let time = support::peak::gnu_time()?;
    let run = support::peak::measured(&time, dir, args, None);
    Some((run.output, run.peak_kib))
}

const PEAK_LIMIT_KIB: u64 = 64 * 1024;

/// The results and the tool execution notifications of a SARIF log, after checking it
/// against the schema.
fn sarif_parts(out: &[u8]) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let log: serde_json::Value = serde_json::from_slice(out).expect("one JSON document");
    let errors = schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let results = run["results"].as_array().cloned().unwrap_or_default();
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (results, notes)
}

#[test]
fn forty_thousand_findings_in_sarif_stay_under_64_mib() {
    let dir = TempDir::new("out-sarif");
    // 40 lists of 1,000 persons: 40,000 results, each file within the default cap.
    for i in 0..40 {
        dir.file(
            &format!("l{i:02}.xml"),
            &list_with_a_finding_per_person(1000),
        );
    }
    let Some((o, kib)) = peak_kib(&dir.0, &["validate", "--format", "sarif", "."]) else {
        return;
    };
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (results, notes) = sarif_parts(&o.stdout);
    assert_eq!(results.len(), 40_000);
    assert!(notes.is_empty(), "{notes:?}");
    assert!(kib < PEAK_LIMIT_KIB, "peak {kib} KiB for 40,000 results");

    // The same 40,000 findings in one file (5 MB, checked in memory): the default cap.
    let one = TempDir::new("out-sarif-one");
    one.file("list.xml", &list_with_a_finding_per_person(40_000));
    let Some((o, kib)) = peak_kib(&one.0, &["validate", "--format", "sarif", "list.xml"]) else {
        return;
    };
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (results, notes) = sarif_parts(&o.stdout);
    assert_eq!(results.len(), 1000);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["message"]["text"], "39000 more findings not shown");
    assert!(
        kib < PEAK_LIMIT_KIB,
        "peak {kib} KiB for 40,000 findings in one file"
    );
}

#[test]
fn many_small_files_in_sarif_stay_under_64_mib() {
    let dir = TempDir::new("out-small");
    // 2,000 files of 5 findings each: the reports of all files are never held at once.
    // (The 20,000 files of the original measurement take half a minute in a debug build;
    // 2,000 take a few seconds and held in memory would already pass the limit.)
    let small = list_with_a_finding_per_person(5);
    for i in 0..2000 {
        dir.file(&format!("d{}/s{i:04}.xml", i / 100), &small);
    }
    let Some((o, kib)) = peak_kib(
        &dir.0,
        &["validate", "--format", "sarif", "-o", "out.sarif", "."],
    ) else {
        return;
    };
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (results, _) = sarif_parts(&std::fs::read(dir.0.join("out.sarif")).expect("written"));
    assert_eq!(results.len(), 10_000);
    assert!(kib < PEAK_LIMIT_KIB, "peak {kib} KiB for 2,000 files");
}

#[test]
fn a_list_with_a_finding_per_person_is_capped_as_it_is_linted() {
    let dir = TempDir::new("out-list");
    // 70,000 persons, 9 MB: checked as a stream, past the in-memory limit; valid, and
    // invalid (linted from a tolerant reading).
    let valid = list_with_a_finding_per_person(70_000);
    dir.file("valid.xml", &valid);
    dir.file("invalid.xml", &with_a_schema_error(&valid));
    for (file, code, more) in [("valid.xml", 0, 69_000), ("invalid.xml", 1, 69_001)] {
        let Some((o, kib)) = peak_kib(&dir.0, &["validate", "--format", "sarif", file]) else {
            return;
        };
        assert_eq!(o.status.code(), Some(code), "{file}: {}", stderr(&o));
        let (results, notes) = sarif_parts(&o.stdout);
        // The default cap: the first 1,000 by position, and a note of the rest.
        assert_eq!(results.len(), 1000, "{file}");
        let line = |n: usize| {
            results[n]["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64()
        };
        assert_eq!(line(0), Some(2), "{file}");
        assert_eq!(line(999), Some(1001 - u64::from(code == 1)), "{file}");
        assert_eq!(notes.len(), 1, "{file}: {notes:?}");
        assert_eq!(
            notes[0]["message"]["text"],
            format!("{more} more findings not shown"),
            "{file}: {notes:?}"
        );
        assert!(
            kib < PEAK_LIMIT_KIB,
            "{file}: peak {kib} KiB for 70,000 findings"
        );
    }
}

#[test]
fn the_cap_holds_all_findings_and_every_format_says_how_many_more() {
    let dir = TempDir::new("out-cap");
    // 8 rule findings; the cap of 5 keeps the first five and counts three.
    dir.file("list.xml", &list_with_a_finding_per_person(8));
    let run = |format: &str| {
        let o = oscx_in(
            &dir.0,
            &[
                "validate",
                "--max-diagnostics",
                "5",
                "--format",
                format,
                "list.xml",
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    let human = run("human");
    assert!(
        human.contains("list.xml: 3 more findings not shown"),
        "{human}"
    );
    assert_eq!(human.matches("OSC037").count(), 5, "{human}");

    let record: FileRecord = serde_json::from_str(&run("json")).expect("a JSON line");
    assert_eq!((record.diagnostics.len(), record.truncated), (5, 3));

    let (results, notes) = sarif_parts(run("sarif").as_bytes());
    assert_eq!(results.len(), 5);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "note");
    assert_eq!(notes[0]["message"]["text"], "3 more findings not shown");

    let issues: Vec<Issue> = serde_json::from_str(&run("gitlab")).expect("a JSON array");
    assert_eq!(issues.len(), 6);
    assert_eq!(issues[5].check_name, MORE_FINDINGS);
    assert_eq!(issues[5].description, "3 more findings not shown");

    let github = run("github");
    assert!(
        github.contains("::notice file=list.xml,title=oscx::3 more findings not shown\n"),
        "{github}"
    );

    let junit = run("junit");
    let doc = roxmltree::Document::parse(&junit).expect("JUnit parses");
    let out = doc
        .descendants()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(out.ends_with("3 more findings not shown\n"), "{junit}");

    // 0: every finding.
    let all = oscx_in(
        &dir.0,
        &[
            "validate",
            "--max-diagnostics",
            "0",
            "--format",
            "json",
            "list.xml",
        ],
        None,
    );
    let record: FileRecord = serde_json::from_slice(&all.stdout).expect("a JSON line");
    assert_eq!((record.diagnostics.len(), record.truncated), (8, 0));
}

#[test]
fn the_cap_keeps_the_first_findings_of_the_schema_and_the_rules_together() {
    let file = "fixtures/invalid/three-errors/person-with-three-independent-errors.xml";
    let records = |cap: &str| {
        let o = support::cli::oscx(
            &[
                "validate",
                "--format",
                "json",
                "--max-diagnostics",
                cap,
                file,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        serde_json::from_slice::<FileRecord>(&o.stdout).expect("a JSON line")
    };
    let all = records("0");
    let codes = |r: &FileRecord| {
        r.diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect::<Vec<_>>()
    };
    // Two rule warnings on the person, then three schema errors below it.
    assert_eq!(
        codes(&all),
        [
            "OSC035",
            "OSC036",
            "xsd::invalid-value",
            "xsd::invalid-value",
            "xsd::unexpected-element"
        ]
    );
    let capped = records("3");
    assert_eq!(capped.diagnostics, all.diagnostics[..3]);
    assert_eq!(capped.truncated, 2);
    // The dropped errors still fail the file.
    assert!(!capped.valid);
}

#[test]
fn a_capped_list_has_the_same_findings_in_memory_and_as_a_stream() {
    use osc_schema::Validator;
    use osc_schema::check::Checker;
    use osc_schema::lint::LintOptions;
    let dir = TempDir::new("out-paths");
    // More findings than the pruning lets pile up before it looks (twice the cap, or 64).
    let list = list_with_a_finding_per_person(300);
    let valid = dir.file("valid.xml", &list);
    let invalid = dir.file("invalid.xml", &with_a_schema_error(&list));
    for cap in [0, 1, 7, 100] {
        let checker = Checker::new(
            Validator::auto().with_max_diagnostics(cap),
            Some(LintOptions::default()),
        );
        let both = |path: &Path| {
            let in_memory = checker.check_path("list.xml", path).expect("reads").report;
            let streamed = checker
                .clone()
                .with_in_memory_limit(0)
                .check_path("list.xml", path)
                .expect("reads")
                .report;
            assert_eq!(in_memory, streamed, "cap {cap}, {}", path.display());
            in_memory
        };
        let report = both(&valid);
        assert_eq!(report.diagnostics().len(), cap, "cap {cap}");
        assert_eq!(report.truncated(), 300 - cap, "cap {cap}");
        let lines: Vec<u32> = report
            .diagnostics()
            .iter()
            .map(|d| d.location.line)
            .collect();
        let first: Vec<u32> = (2..).take(cap).collect();
        assert_eq!(lines, first, "cap {cap}: the first by position");
        // The schema's error and the rules' 300 findings.
        let report = both(&invalid);
        assert_eq!(report.diagnostics().len(), cap, "cap {cap}");
        assert_eq!(report.truncated(), 301 - cap, "cap {cap}");
    }
}

#[test]
fn a_file_is_capped_at_a_thousand_findings_by_default() {
    let dir = TempDir::new("out-default");
    dir.file("list.xml", &list_with_a_finding_per_person(1003));
    let o = oscx_in(&dir.0, &["validate", "--format", "json", "list.xml"], None);
    let record: FileRecord = serde_json::from_slice(&o.stdout).expect("a JSON line");
    assert_eq!((record.diagnostics.len(), record.truncated), (1000, 3));
}

#[test]
fn a_baseline_sees_every_finding_past_the_default_cap() {
    let dir = TempDir::new("out-baseline");
    dir.file("list.xml", &list_with_a_finding_per_person(1003));
    let deny = ["--deny", "OSC037", "list.xml"];
    let record = oscx_in(
        &dir.0,
        &[&["validate", "--write-baseline", "b.json"][..], &deny].concat(),
        None,
    );
    assert_eq!(record.status.code(), Some(0), "{}", stderr(&record));
    assert!(
        stderr(&record).contains("recorded 1003 findings"),
        "{}",
        stderr(&record)
    );
    // Every error is known to the baseline: none is left to fail the file, shown or not.
    let check = oscx_in(
        &dir.0,
        &[&["validate", "--baseline", "b.json"][..], &deny].concat(),
        None,
    );
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

// ----- JUnit stays inert in a CI log ----------------------------------------------------------

#[cfg(unix)]
#[test]
fn line_breaks_in_junit_values_are_character_references() {
    let dir = TempDir::new("out-junit");
    let name = "a\n::error::injected\r\n::warning::x.xml";
    dir.file(name, &fixture(INVALID));
    let o = oscx_in(&dir.0, &["validate", "--format", "junit", name], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let junit = stdout(&o);
    for line in junit.lines() {
        assert!(!line.trim_start().starts_with("::"), "{line:?} in {junit}");
    }
    assert!(!junit.contains('\r'), "{junit:?}");
    let doc = roxmltree::Document::parse(&junit).expect("JUnit parses");
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .expect("a test case");
    // The name reads back as it is.
    assert_eq!(case.attribute("name"), Some(name));
}

#[test]
fn two_outputs_in_one_file_are_refused_before_anything_is_written() {
    let dir = TempDir::new("two-outputs");
    std::fs::write(dir.0.join("in.xml"), fixture(VALID)).expect("write the input");
    for args in [
        ["-o", "out.txt", "--report", "sarif=./out.txt"],
        ["--report", "json=r.json", "--report", "sarif=r.json"],
    ] {
        let mut all = vec!["validate"];
        all.extend(args);
        all.push("in.xml");
        let out = oscx_in(&dir.0, &all, None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("both write"), "{}", stderr(&out));
        assert!(!dir.0.join("out.txt").exists() && !dir.0.join("r.json").exists());
    }
}
