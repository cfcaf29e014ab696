//! The commonest hand-written mistakes that make a payload not XML get one finding each, at
//! the offending character, in plain words with the fix, and nothing else: no schema
//! finding about the part before the mistake, no rule finding. The same holds for a
//! document read as a stream (padded past the in-memory limit).

mod support;

use osc_schema::check::IN_MEMORY_LIMIT;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, oscx, stdout};
use support::fixtures::root;

/// A fixture under `fixtures/invalid/xml-not-well-formed/`, and where its one finding is:
/// line, column, and the text the finding's message must hold.
const MISTAKES: &[(&str, u32, u32, &str)] = &[
    ("bare-less-than.xml", 4, 22, "`&lt;`"),
    ("lone-ampersand-in-url.xml", 4, 60, "lone `&`"),
    ("lone-ampersand-before-semicolon.xml", 4, 18, "lone `&`"),
    ("unquoted-attribute.xml", 2, 15, "in quotes"),
    ("duplicate-attribute.xml", 5, 32, "appears twice"),
    ("text-after-root.xml", 6, 3, "outside the root"),
    ("schema-errors-before-a-mistake.xml", 6, 14, "lone `&`"),
    (
        "mismatched-end-tag.xml",
        4,
        17,
        "`</firstName>` was expected",
    ),
];

fn findings(path: &str) -> FileRecord {
    let out = oscx(&["validate", "--format", "json", path], None);
    assert_eq!(out.status.code(), Some(1), "{path}: {}", stdout(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check_one_finding(label: &str, record: &FileRecord, line: u32, column: u32, says: &str) {
    let found = &record.diagnostics;
    assert_eq!(found.len(), 1, "{label}: {found:#?}");
    let d = &found[0];
    assert_eq!(d.code, "xml::not-well-formed", "{label}");
    assert_eq!((d.line, d.column), (line, column), "{label}: {}", d.message);
    assert!(d.message.contains(says), "{label}: {}", d.message);
    assert!(
        !d.message.contains("position") && !d.message.contains("ill-formed document"),
        "{label}: a parser's words leaked: {}",
        d.message
    );
    assert!(
        d.help.as_deref().is_some_and(|h| !h.is_empty()),
        "{label}: no help"
    );
    // The span is the offending character.
    assert_eq!(d.span.end - d.span.start, 1, "{label}: {:?}", d.span);
}

#[test]
fn each_mistake_is_one_finding_at_its_character() {
    for &(name, line, column, says) in MISTAKES {
        let path = format!("fixtures/invalid/xml-not-well-formed/{name}");
        check_one_finding(name, &findings(&path), line, column, says);
    }
}

#[test]
fn each_mistake_is_found_alike_in_a_stream() {
    let dir = TempDir::new("not-well-formed");
    for &(name, line, column, says) in MISTAKES {
        let text = std::fs::read_to_string(
            root()
                .join("fixtures/invalid/xml-not-well-formed")
                .join(name),
        )
        .expect("fixture");
        // A comment past the in-memory limit on a line of its own after the declaration:
        // the file is read as a stream, and every line moves down by one.
        let (declaration, rest) = text.split_at(text.find('\n').expect("a declaration line") + 1);
        let past_the_limit = usize::try_from(IN_MEMORY_LIMIT).expect("fits") + 1024;
        let padding = "x".repeat(past_the_limit);
        let padded = format!("{declaration}<!--{padding}-->\n{rest}");
        let path = dir.file(name, padded.as_bytes());
        let label = format!("{name} as a stream");
        let record = findings(path.to_str().expect("utf-8 path"));
        check_one_finding(&label, &record, line + 1, column, says);
    }
}

#[test]
fn every_reader_finding_has_help() {
    let dir = root().join("fixtures/invalid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let sub = entry.expect("entry").path();
        let is_reader_code = sub
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("xml-"));
        if !is_reader_code {
            continue;
        }
        for file in std::fs::read_dir(&sub).expect("fixture dir") {
            let file = file.expect("entry").path();
            if file.extension().is_none_or(|e| e != "xml") {
                continue;
            }
            let path = file.to_str().expect("utf-8 path");
            let out = oscx(&["validate", "--no-lint", "--format", "json", path], None);
            let record: FileRecord = serde_json::from_str(&stdout(&out)).expect("json");
            for d in record
                .diagnostics
                .iter()
                .filter(|d| d.code.starts_with("xml::"))
            {
                seen += 1;
                assert!(
                    d.help.as_deref().is_some_and(|h| !h.is_empty()),
                    "{path}: {} has no help: {}",
                    d.code,
                    d.message
                );
            }
        }
    }
    assert!(seen >= 10, "only {seen} reader findings seen");
}
