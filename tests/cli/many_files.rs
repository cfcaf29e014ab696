//! Many paths at once: directories, globs, standard input, order, unreadable files, pipes.

use std::io::Read;
use std::process::{Command, Stdio};

use super::{TempDir, fixture, oscx, oscx_in, stderr, stdout};

const VALID: &str = "fixtures/docs/friends.xml";
const INVALID: &str = "fixtures/invalid/xsd-too-many/two-user-ids.xml";
/// Warnings and infos, no error.
const WARNINGS_ONLY: &str = "fixtures/docs/activity-feed.xml";

/// A tree with nested directories, files that do not match `*.xml`, and one invalid file.
fn tree() -> TempDir {
    let dir = TempDir::new("tree");
    dir.file("b/2-valid.xml", &fixture(VALID));
    dir.file("b/1-invalid.xml", &fixture(INVALID));
    dir.file("a.xml", &fixture(VALID));
    dir.file("c/deep/er/feed.xml", &fixture(WARNINGS_ONLY));
    dir.file("c/notes.txt", b"not a payload");
    dir.file("c/backup.xml.bak", b"<broken");
    dir
}

#[test]
fn a_directory_is_walked_recursively_in_sorted_order() {
    let dir = tree();
    let o = oscx(&["validate", "--format", "json", dir.path()], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            dir.normalise(v["file"].as_str().expect("file is a string"))
        })
        .collect();
    assert_eq!(
        files,
        [
            "[TMP]/a.xml",
            "[TMP]/b/1-invalid.xml",
            "[TMP]/b/2-valid.xml",
            "[TMP]/c/deep/er/feed.xml"
        ]
    );
    assert_eq!(
        dir.normalise(&stderr(&o)),
        "oscx: checked 4 files: 1 invalid, 1 error, 4 warnings, 5 infos\n"
    );
}

#[test]
fn human_output_of_a_tree_lists_findings_then_the_summary() {
    let dir = tree();
    let o = oscx_in(&dir.0, &["validate", "--no-lint", "."], None);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("tree_human_no_lint", stdout(&o));
}

#[test]
fn glob_selects_other_files_and_paths_below_the_directory() {
    let dir = tree();
    let only_b = oscx_in(
        &dir.0,
        &["validate", "--glob", "b/*.xml", "--format", "json", "."],
        None,
    );
    assert_eq!(stdout(&only_b).lines().count(), 2, "{}", stdout(&only_b));
    let bak = oscx_in(&dir.0, &["validate", "--glob", "*.bak", "."], None);
    assert_eq!(bak.status.code(), Some(1));
    assert!(
        stdout(&bak).contains("xml::not-well-formed"),
        "{}",
        stdout(&bak)
    );
    assert!(stdout(&bak).contains("checked 1 file: 1 invalid"));
    let bad = oscx(&["validate", "--glob", "[x", "."], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not closed"), "{}", stderr(&bad));
}

#[test]
fn output_order_is_input_order_across_many_parallel_files() {
    let dir = TempDir::new("order");
    let mut expected = Vec::new();
    // Big and small files alternate so that workers finish out of order.
    for i in 0..60 {
        let source = if i % 3 == 0 { INVALID } else { VALID };
        let name = format!("f{i:03}.xml");
        dir.file(&name, &fixture(source));
        expected.push(name);
    }
    let mut args: Vec<&str> = vec!["validate", "--format", "json", "--jobs", "4"];
    // Given in reverse: the report follows the command line, not the file system.
    let reversed: Vec<String> = expected.iter().rev().cloned().collect();
    args.extend(reversed.iter().map(String::as_str));
    let o = oscx_in(&dir.0, &args, None);
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["file"]
                .as_str()
                .expect("file")
                .to_owned()
        })
        .collect();
    assert_eq!(files, reversed);
}

#[test]
fn standard_input_is_checked_among_files() {
    let o = oscx(
        &["validate", "--format", "json", VALID, "-", INVALID],
        Some(&fixture(INVALID)),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines[1]["file"], "<stdin>");
    assert_eq!(lines[1]["valid"], false);
    assert_eq!(lines[1]["diagnostics"][0]["code"], "xsd::too-many");
    let twice = oscx(&["validate", "-", "-"], Some(b"<x/>"));
    assert_eq!(twice.status.code(), Some(2));
}

#[test]
fn an_unreadable_path_is_reported_in_place_and_the_run_exits_2() {
    let dir = tree();
    let o = oscx_in(
        &dir.0,
        &["validate", "--format", "json", "a.xml", "missing.xml", "b"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1]["file"], "missing.xml");
    assert!(
        lines[1]["unreadable"]
            .as_str()
            .expect("reason")
            .contains("cannot read")
    );
    let err = stderr(&o);
    assert!(err.contains("oscx: cannot read `missing.xml`"), "{err}");
    assert!(err.ends_with("oscx: 1 file could not be read\n"), "{err}");
}

#[test]
fn exit_codes_for_valid_invalid_warnings_usage_and_empty_runs() {
    assert_eq!(oscx(&["validate", VALID], None).status.code(), Some(0));
    assert_eq!(oscx(&["validate", INVALID], None).status.code(), Some(1));
    // Warnings pass by default and fail from --fail-on warning.
    assert_eq!(
        oscx(&["validate", WARNINGS_ONLY], None).status.code(),
        Some(0)
    );
    assert_eq!(
        oscx(&["validate", "--fail-on", "warning", WARNINGS_ONLY], None)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        oscx(
            &[
                "validate",
                "--fail-on",
                "info",
                "--allow",
                "OSC063",
                WARNINGS_ONLY
            ],
            None
        )
        .status
        .code(),
        Some(1)
    );
    for usage in [
        vec!["validate"],
        vec!["validate", "--format", "yaml", VALID],
        vec!["validate", "--fail-on", "never", VALID],
        vec!["validate", "--jobs", "0", VALID],
        vec!["validate", "--allow", "OSC999", VALID],
        vec!["frobnicate"],
    ] {
        let o = oscx(&usage, None);
        assert_eq!(o.status.code(), Some(2), "{usage:?}: {}", stderr(&o));
    }
    let empty = TempDir::new("empty");
    let o = oscx(&["validate", empty.path()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no files to check"), "{}", stderr(&o));
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = TempDir::new("output");
    let report = dir.0.join("report.jsonl");
    let o = oscx(
        &[
            "validate",
            "--format",
            "json",
            "--output",
            report.to_str().expect("utf-8"),
            VALID,
            INVALID,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&report).expect("report written");
    assert_eq!(written.lines().count(), 2);
    let o = oscx(
        &["validate", "--output", "/nonexistent-dir/r.txt", VALID],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_closed_pipe_is_quiet_and_keeps_the_exit_code() {
    let dir = TempDir::new("pipe");
    // Enough output to overflow any pipe buffer: 400 invalid files.
    for i in 0..400 {
        dir.file(&format!("f{i:03}.xml"), &fixture(INVALID));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_oscx"))
        .args(["validate", dir.path()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oscx starts");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("piped")
        .read_exact(&mut first)
        .expect("some output arrives");
    // The reading end is dropped here, as `head` does.
    let out = child.wait_with_output().expect("oscx ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    // The files are invalid: the exit code says so, whatever became of the output.
    assert_eq!(out.status.code(), Some(1), "{err}");
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    // `script` gives the command a pseudo-terminal; without it there is nothing to check.
    let has_script = Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = || "`script` (util-linux) is not installed".to_owned();
    if super::support::external::need(has_script.then_some(()), missing).is_none() {
        return;
    }
    let run = |no_color: bool| {
        let command = format!("{} validate {INVALID}", env!("CARGO_BIN_EXE_oscx"));
        let mut c = Command::new("script");
        c.args(["-qec", &command, "/dev/null"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if no_color {
            c.env("NO_COLOR", "1");
        } else {
            c.env_remove("NO_COLOR");
        }
        String::from_utf8_lossy(&c.output().expect("script runs").stdout).into_owned()
    };
    assert!(run(false).contains("\u{1b}["), "a terminal gets colour");
    let plain = run(true);
    assert!(
        plain.contains("error[xsd::too-many]") && !plain.contains("\u{1b}["),
        "{plain}"
    );
    // A pipe never does.
    assert!(!stdout(&oscx(&["validate", INVALID], None)).contains("\u{1b}["));
}
