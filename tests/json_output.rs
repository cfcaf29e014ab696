//! `oscx validate --format json`: each line deserialises into the library's typed records,
//! checked field by field.

use std::process::Output;

use osc_schema::Target;
use osc_schema::diagnostic::Severity;
use osc_schema::print::json::{FileRecord, SpanRecord};

mod support;

fn oscx(args: &[&str], stdin: &[u8]) -> Output {
    support::cli::oscx(args, Some(stdin))
}

fn records(o: &Output) -> Vec<FileRecord> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one FileRecord"))
        .collect()
}

#[test]
fn a_valid_file_has_an_empty_diagnostic_list() {
    let o = oscx(
        &["validate", "--format", "json", "fixtures/docs/friends.xml"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let r = records(&o);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].file, "fixtures/docs/friends.xml");
    assert_eq!(r[0].root.as_deref(), Some("friends"));
    assert_eq!(r[0].target, Some(Target::Outlook2013));
    assert!(r[0].valid);
    assert!(r[0].diagnostics.is_empty());
    assert_eq!(r[0].truncated, 0);
    assert_eq!(r[0].unreadable, None);
}

#[test]
fn an_xsd_error_carries_code_position_path_span_and_help() {
    let xml = "<person xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n  <userID>u1</userID>\n  <gender>robot</gender>\n</person>\n";
    let o = oscx(
        &["validate", "--format", "json", "--target", "1.1", "-"],
        xml.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1));
    let r = records(&o);
    assert_eq!(r[0].file, "<stdin>");
    assert_eq!(r[0].root.as_deref(), Some("person"));
    assert_eq!(r[0].target, Some(Target::Outlook2010));
    assert!(!r[0].valid);
    // The rules run beside the schema error: the bare person has no `fullName` and no
    // `emailAddress`.
    let codes: Vec<&str> = r[0].diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["OSC035", "OSC036", "xsd::invalid-value"]);
    let d = &r[0].diagnostics[2];
    assert_eq!(d.code, "xsd::invalid-value");
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("robot"), "{}", d.message);
    assert_eq!(d.path, "/person/gender");
    assert_eq!((d.line, d.column), (3, 11));
    let start = xml.find("robot").expect("in the text");
    assert_eq!(
        d.span,
        SpanRecord {
            start,
            end: start + "robot".len()
        }
    );
    assert_eq!(d.help, None);
}

#[test]
fn lint_findings_not_well_formed_input_and_truncation() {
    let o = oscx(
        &[
            "validate",
            "--format",
            "json",
            "fixtures/invalid/OSC012/lookup-without-get.xml",
            "-",
        ],
        b"<friends>\n  <person>\n</friends>",
    );
    let r = records(&o);
    assert_eq!(r.len(), 2);
    assert!(
        r[0].diagnostics
            .iter()
            .any(|d| d.code == "OSC012" && d.severity == Severity::Warning && d.help.is_some())
    );
    assert_eq!(r[1].root.as_deref(), Some("friends"));
    let d = r[1]
        .diagnostics
        .iter()
        .find(|d| d.code == "xml::not-well-formed")
        .expect("the broken nesting is reported");
    assert_eq!((d.line, d.column), (3, 1));
    assert_eq!(d.path, "");

    let three = oscx(
        &[
            "validate",
            "--format",
            "json",
            "--max-diagnostics",
            "1",
            "fixtures/invalid/three-errors/person-with-three-independent-errors.xml",
        ],
        b"",
    );
    let r = records(&three);
    let all = oscx(
        &[
            "validate",
            "--format",
            "json",
            "--max-diagnostics",
            "0",
            "fixtures/invalid/three-errors/person-with-three-independent-errors.xml",
        ],
        b"",
    );
    let all = &records(&all)[0];
    // The cap holds the schema's findings and the rules' together: the first by position
    // is kept, the others are counted; 0 keeps every one.
    assert!(all.diagnostics.len() > 3, "{:?}", all.diagnostics);
    assert_eq!(all.truncated, 0);
    assert_eq!(
        r[0].diagnostics,
        all.diagnostics[..1],
        "{:?}",
        r[0].diagnostics
    );
    assert_eq!(r[0].truncated, all.diagnostics.len() - 1);
    assert!(!r[0].valid);
}

#[test]
fn an_unreadable_file_is_a_record_with_the_reason() {
    let o = oscx(&["validate", "--format", "json", "fixtures/none.xml"], b"");
    assert_eq!(o.status.code(), Some(2));
    let r = records(&o);
    assert_eq!(r[0].file, "fixtures/none.xml");
    assert!(!r[0].valid);
    assert!(
        r[0].unreadable
            .as_deref()
            .is_some_and(|m| m.contains("cannot read"))
    );
}
