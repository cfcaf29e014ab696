//! Hardening item 3, log injection in CI: a payload whose values and file name carry line
//! breaks followed by workflow commands (`\n::warning::`, `\n::stop-commands::x`,
//! `\r::error::`) yields no line, in any output format and on either stream, that a CI runner
//! would read as a command, other than oscx's own annotations.
//!
//! GitHub's runner reads the output line by line (a line ends at `\n`, `\r` or `\r\n`) and
//! takes a line for a command when, after leading white space, it starts with `::`.

mod support;

use std::path::Path;
use std::process::Output;

use support::cli::{TempDir, oscx_in, stderr, stdout};

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A file name that carries commands after a newline and after a carriage return.
const HOSTILE_NAME: &str = "f\n::warning::name\r::error::x.xml";

/// A friend list whose values quote commands: an enumeration value, a userID (with a
/// carriage return written as a character reference, since the reader turns a raw one into
/// a newline), an e-mail address, an unknown element's text, and the reason of a suppression
/// shown by `--verbose`.
fn hostile_document() -> String {
    format!(
        "<friends xmlns=\"{NS}\">\n  <person>\n    \
         <userID>u1&#13;::error::uid\n::warning::uid</userID>\n    \
         <gender>x\n::stop-commands::pwned\n</gender>\n    \
         <!-- oscx-allow OSC037: because\n::warning::reason -->\n    \
         <emailAddress>a@b\n::warning::mail\r::error::mail</emailAddress>\n    \
         <unknown>text\n::warning::unknown\r::stop-commands::y</unknown>\n    \
         <nickname>n\n::error file=forged.xml,line=1::forged</nickname>\n  \
         </person>\n</friends>\n"
    )
}

/// The lines of `text` as the runner splits them.
fn runner_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
}

/// Whether `line` is one of oscx's own annotations: a workflow command about the checked
/// file, as `--format github` and the annotate mode write them, naming that file with its
/// line breaks and colons percent-encoded (a forged `::error file=…` in a value names
/// another).
fn own_annotation(line: &str) -> bool {
    // Percent-encoded as GitHub reads a command's properties.
    let file = HOSTILE_NAME
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .replace(':', "%3A")
        .replace(',', "%2C");
    ["error", "warning", "notice"]
        .iter()
        .any(|level| line.starts_with(&format!("::{level} file={file},")))
}

/// Every line of `output` a runner would take for a command that oscx did not mean as one,
/// each named with `what` ran and on which stream. `annotations` says whether this run
/// writes annotations on standard output.
fn forged_commands(what: &str, output: &Output, annotations: bool) -> Vec<String> {
    let mut forged = Vec::new();
    for (stream, text) in [("stdout", stdout(output)), ("stderr", stderr(output))] {
        for line in runner_lines(&text) {
            let trimmed = line.trim_start();
            if !trimmed.starts_with("::") {
                continue;
            }
            if annotations && stream == "stdout" && own_annotation(trimmed) {
                continue;
            }
            forged.push(format!("{what} {stream}: {line:?}"));
        }
    }
    forged
}

/// Fails listing `forged`, when there is any.
fn assert_none_forged(forged: &[String]) {
    assert!(
        forged.is_empty(),
        "lines a CI runner reads as commands:\n{}",
        forged.join("\n")
    );
}

/// Runs `oscx` in `dir` with `GITHUB_ACTIONS=true`, as a workflow step does.
fn oscx_in_workflow(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("oscx")
        .expect("oscx is built")
        .args(args)
        .current_dir(dir)
        .env("GITHUB_ACTIONS", "true")
        .env_remove("NO_COLOR")
        .output()
        .expect("oscx runs")
}

fn hostile_tree() -> TempDir {
    let dir = TempDir::new("hostile-logs");
    dir.file(HOSTILE_NAME, hostile_document().as_bytes());
    dir
}

#[test]
fn validate_prints_no_forged_command_in_any_format() {
    let dir = hostile_tree();
    let mut runs = vec![
        (vec!["validate", "."], false),
        (vec!["validate", "--verbose", "."], false),
        (vec!["validate", "--color", "always", "."], false),
        (vec!["validate", HOSTILE_NAME], false),
    ];
    for format in ["human", "json", "github", "sarif", "junit", "gitlab"] {
        runs.push((
            vec!["validate", "--verbose", "--format", format, "."],
            format == "github",
        ));
    }
    // Every run is checked before failing, so that one format's failure hides no other's.
    let mut forged = Vec::new();
    for (args, annotations) in &runs {
        let output = oscx_in(&dir.0, args, None);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        forged.extend(forged_commands(&format!("{args:?}"), &output, *annotations));
    }
    assert_none_forged(&forged);
    // The findings are reported, the values in them escaped rather than dropped.
    let human = stdout(&oscx_in(&dir.0, &["validate", "."], None));
    assert!(
        human.contains(r"x\n::stop-commands::pwned\n") && human.contains(r"f\n::warning::name"),
        "{human}"
    );
}

#[test]
fn validate_in_a_workflow_annotates_without_forged_commands() {
    let dir = hostile_tree();
    for args in [vec!["validate", "."], vec!["validate", "--verbose", "."]] {
        let output = oscx_in_workflow(&dir.0, &args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_none_forged(&forged_commands(
            &format!("workflow {args:?}"),
            &output,
            true,
        ));
        // Annotate mode did write its own annotations.
        assert!(
            runner_lines(&stdout(&output)).any(own_annotation),
            "{}",
            stdout(&output)
        );
    }
}

#[test]
fn fmt_convert_render_and_hash_messages_are_inert() {
    let dir = hostile_tree();
    // A document that reads, but not in canonical form, under the same hostile name.
    let readable_name = "g\n::warning::name\r::error::y.xml";
    dir.file(
        readable_name,
        format!(
            "<person xmlns=\"{NS}\"><userID>u\n::warning::u</userID>\
             <gender>female</gender></person>"
        )
        .as_bytes(),
    );
    let request_name = "r\n::stop-commands::z.txt";
    dir.file(request_name, b"a@x.example,,b@y.example\n");
    let runs: Vec<Vec<&str>> = vec![
        vec!["fmt", HOSTILE_NAME],
        vec!["fmt", "--fix", HOSTILE_NAME],
        vec!["fmt", "--check", readable_name],
        vec!["fmt", "--check", HOSTILE_NAME, readable_name],
        vec!["convert", HOSTILE_NAME, "--to", "json"],
        vec!["render", readable_name],
        vec!["render", HOSTILE_NAME],
        vec!["hash", "--request", request_name, "--function", "sha1"],
        vec!["validate", "--request", request_name, "."],
        vec!["fmt", "--check", "missing\n::warning::gone.xml"],
    ];
    for args in &runs {
        let output = oscx_in(&dir.0, args, None);
        assert_ne!(output.status.code(), Some(0), "{args:?} found nothing");
        assert!(!stderr(&output).is_empty(), "{args:?} said nothing");
        assert_none_forged(&forged_commands(&format!("{args:?}"), &output, false));
    }
}

#[test]
fn validate_names_unreadable_and_cut_short_files_inert() {
    // The lines `validate` prints itself around the reports: a file that cannot be read, and
    // the findings left out past `--max-diagnostics`.
    let dir = hostile_tree();
    let mut forged = Vec::new();
    for args in [
        vec!["validate", "--max-diagnostics", "1", "."],
        vec!["validate", "missing\n::warning::gone.xml"],
    ] {
        let output = oscx_in(&dir.0, &args, None);
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        forged.extend(forged_commands(&format!("{args:?}"), &output, false));
    }
    assert_none_forged(&forged);
}
