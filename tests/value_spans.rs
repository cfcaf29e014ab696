//! A rule finding about what an element's value says underlines the value: from its first
//! character to the `</` of its end tag, not the start tag. A token finding inside a value
//! covers the token's bytes exactly, whatever characters come before it. The same holds for
//! a document read as a stream (padded past the in-memory limit), and in every report format.

mod support;

use std::ops::Range;
use std::path::Path;

use osc_schema::check::IN_MEMORY_LIMIT;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, oscx, stdout};
use support::fixtures::{args_of, root};

/// Where a finding is, or a value lies: line, column (in characters) and bytes.
type Place = (u32, u32, Range<usize>);

/// A fixture, how many findings it has in all, and the findings of one rule in it, each
/// named by the element whose value it is about: the `nth` (from 1) element written
/// `<name>` in the file.
struct Case {
    fixture: &'static str,
    findings: usize,
    code: &'static str,
    values: &'static [(&'static str, usize)],
}

const CASES: &[Case] = &[
    // An e-mail address: one written with references, so the span is longer than the value.
    Case {
        fixture: "OSC037/display-name-and-mailto.xml",
        findings: 2,
        code: "OSC037",
        values: &[("emailAddress", 1), ("emailAddress2", 1)],
    },
    // Two times in the wrong order.
    Case {
        fixture: "OSC038/expires-before-created.xml",
        findings: 1,
        code: "OSC038",
        values: &[("expirationTime", 1)],
    },
    // A URL that is not absolute, in a feed.
    Case {
        fixture: "OSC072/relative-album-link.xml",
        // With OSC066's note on the template's `icon`, as in every feed with a template.
        findings: 2,
        code: "OSC072",
        values: &[("value", 1)],
    },
    // A date without a timezone, in a feed.
    Case {
        fixture: "OSC070/local-publish-date.xml",
        findings: 2,
        code: "OSC070",
        values: &[("publishDate", 1)],
    },
    // A number out of range, in capabilities.
    Case {
        fixture: "OSC023/two-weeks.xml",
        findings: 1,
        code: "OSC023",
        values: &[("contactSyncRestartInterval", 1)],
    },
];

/// The findings `oscx validate` reports for the file at `path`, with `args`.
fn findings(path: &Path, args: &[String]) -> FileRecord {
    let path = path.to_str().expect("a UTF-8 path");
    let mut all: Vec<&str> = vec!["validate", "--format", "json"];
    all.extend(args.iter().map(String::as_str));
    all.push(path);
    let out = oscx(&all, None);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The line and column of the byte `offset` of `text`, counted here on their own: lines
/// from 1, columns in characters from 1.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u32, column as u32)
}

/// Where the value of the `nth` element written `<name>` lies in `text`: the bytes between
/// its start tag and the `</` that follows, with the line and column of the first one.
fn value_of(text: &str, name: &str, nth: usize) -> Place {
    let tag = format!("<{name}>");
    let (at, _) = text
        .match_indices(&tag)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no {tag} number {nth}"));
    let start = at + tag.len();
    let end = start + text[start..].find("</").expect("an end tag");
    let (line, column) = line_column(text, start);
    (line, column, start..end)
}

/// `text` with a comment past the in-memory limit after its declaration (or before its root,
/// without one): the file is read as a stream.
fn padded(text: &str) -> String {
    let past_the_limit = usize::try_from(IN_MEMORY_LIMIT).expect("fits") + 1024;
    let comment = format!("<!--{}-->\n", "x".repeat(past_the_limit));
    let split = if text.starts_with("<?xml") {
        text.find('\n').expect("a declaration line") + 1
    } else {
        0
    };
    format!("{}{comment}{}", &text[..split], &text[split..])
}

/// Holds the findings of `text` to `case`: the count of all, and each of the rule's on the
/// bytes of its value.
fn check(label: &str, text: &str, record: &FileRecord, case: &Case) {
    assert_eq!(
        record.diagnostics.len(),
        case.findings,
        "{label}: {:#?}",
        record.diagnostics
    );
    let got: Vec<Place> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == case.code)
        .map(|d| (d.line, d.column, d.span.start..d.span.end))
        .collect();
    let expected: Vec<Place> = case
        .values
        .iter()
        .map(|&(name, nth)| value_of(text, name, nth))
        .collect();
    assert_eq!(got, expected, "{label}");
    for (_, _, span) in &got {
        assert!(!text[span.clone()].contains('<'), "{label}: {span:?}");
    }
}

#[test]
fn value_findings_underline_the_value() {
    for case in CASES {
        let path = root().join("fixtures/invalid").join(case.fixture);
        let text = std::fs::read_to_string(&path).expect("fixture");
        check(case.fixture, &text, &findings(&path, &args_of(&path)), case);
    }
}

#[test]
fn value_findings_underline_the_value_in_a_stream() {
    let dir = TempDir::new("value-spans");
    for case in CASES {
        let fixture = root().join("fixtures/invalid").join(case.fixture);
        let text = padded(&std::fs::read_to_string(&fixture).expect("fixture"));
        let path = dir.file(&case.fixture.replace('/', "-"), text.as_bytes());
        let label = format!("{} as a stream", case.fixture);
        check(&label, &text, &findings(&path, &args_of(&fixture)), case);
    }
}

/// The finding of `text` (a feed whose title names an unknown variable) about the token, and
/// where the token lies.
fn token_finding(text: &str, path: &Path) -> (Place, Place) {
    let record = findings(path, &[]);
    // The other is OSC066's note on the template's `icon`.
    assert_eq!(record.diagnostics.len(), 2, "{:#?}", record.diagnostics);
    let d = &record.diagnostics[0];
    assert_eq!(d.code, "OSC053");
    let start = text.find("{text:statusTxt}").expect("the token");
    let (line, column) = line_column(text, start);
    (
        (d.line, d.column, d.span.start..d.span.end),
        (line, column, start..start + "{text:statusTxt}".len()),
    )
}

#[test]
fn a_token_after_accented_letters_is_underlined_exactly() {
    let path = root().join("fixtures/invalid/OSC053/accented-title.xml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    // Letters of two bytes before the token: counting characters as bytes would miss it.
    let title = &text[text.find("<title>").expect("a title")..];
    let before = &title[..title.find("{text:").expect("the token")];
    assert!(before.len() > before.chars().count(), "{before}");
    let (got, expected) = token_finding(&text, &path);
    assert_eq!(got, expected);
    let dir = TempDir::new("value-spans-token");
    let padded = padded(&text);
    let streamed = dir.file("accented-title.xml", padded.as_bytes());
    let (got, expected) = token_finding(&padded, &streamed);
    assert_eq!(got, expected, "as a stream");
}

#[test]
fn a_token_after_a_reference_underlines_the_whole_value() {
    // `&amp;` stands for one character: the characters of the value are not its bytes, so
    // the finding covers the title's whole value rather than a wrong part of it.
    let fixture = root().join("fixtures/invalid/OSC053/accented-title.xml");
    let text = std::fs::read_to_string(&fixture)
        .expect("fixture")
        .replace(" a publié ", " &amp; ");
    let dir = TempDir::new("value-spans-reference");
    for (label, text) in [("in memory", text.clone()), ("as a stream", padded(&text))] {
        let path = dir.file("reference-in-title.xml", text.as_bytes());
        let record = findings(&path, &[]);
        assert_eq!(
            record.diagnostics.len(),
            2,
            "{label}: {:#?}",
            record.diagnostics
        );
        let d = &record.diagnostics[0];
        assert_eq!(d.code, "OSC053", "{label}");
        let expected = value_of(&text, "title", 1);
        assert_eq!(
            (d.line, d.column, d.span.start..d.span.end),
            expected,
            "{label}"
        );
    }
}

#[test]
fn sarif_and_github_end_a_value_finding_where_the_value_ends() {
    let path = root().join("fixtures/invalid/OSC038/expires-before-created.xml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let (line, column, span) = value_of(&text, "expirationTime", 1);
    // The value lies on one line: its end is the column of the `</` after it.
    let (end_line, end_column) = line_column(&text, span.end);
    assert_eq!(end_line, line);
    let file = path.to_str().expect("a UTF-8 path");
    let out = oscx(&["validate", "--format", "sarif", file], None);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0]["ruleId"], "OSC038");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    let number = |key: &str| {
        region[key]
            .as_u64()
            .unwrap_or_else(|| panic!("{key}: {region}"))
    };
    assert_eq!(
        [
            number("startLine"),
            number("startColumn"),
            number("endLine"),
            number("endColumn")
        ],
        [line, column, end_line, end_column].map(u64::from),
        "{region}"
    );
    let out = oscx(&["validate", "--format", "github", file], None);
    let github = stdout(&out);
    // GitHub's end column is the value's last character.
    let last = end_column - 1;
    let expected = format!("line={line},endLine={end_line},col={column},endColumn={last},");
    assert!(github.contains(&expected), "{expected} in {github}");
}

/// Where the value of the `nth` attribute written `name="…"` lies in `text`, between its
/// quotes, with the line and column of its first character.
fn attribute_of(text: &str, name: &str, nth: usize) -> Place {
    let written = format!(" {name}=\"");
    let (at, _) = text
        .match_indices(&written)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("no {written} number {nth}"));
    let start = at + written.len();
    let end = start + text[start..].find('"').expect("a closing quote");
    let (line, column) = line_column(text, start);
    (line, column, start..end)
}

#[test]
fn attribute_value_findings_underline_the_attribute_value() {
    // A repeated request index, and the item whose type differs from the list's first.
    let cases = [
        ("OSC043/example.xml", 1, "OSC043", "index", 2),
        ("OSC061/example.xml", 2, "OSC061", "type", 4),
    ];
    let dir = TempDir::new("value-spans-attributes");
    for (fixture, count, code, name, nth) in cases {
        let text = std::fs::read_to_string(root().join("fixtures/invalid").join(fixture))
            .expect("fixture");
        let streamed = padded(&text);
        for (label, text) in [("in memory", &text), ("as a stream", &streamed)] {
            let path = dir.file(&fixture.replace('/', "-"), text.as_bytes());
            let record = findings(&path, &[]);
            let label = format!("{fixture} {label}");
            assert_eq!(
                record.diagnostics.len(),
                count,
                "{label}: {:#?}",
                record.diagnostics
            );
            let got: Vec<_> = record
                .diagnostics
                .iter()
                .filter(|d| d.code == code)
                .map(|d| (d.line, d.column, d.span.start..d.span.end))
                .collect();
            assert_eq!(got, [attribute_of(text, name, nth)], "{label}");
        }
    }
}
