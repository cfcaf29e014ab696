//! Where the fix is plain, the finding says it: the lowercase boolean for .NET's `True`,
//! the element to add and where, the variable a template token most likely meant. Messages
//! say the constraint in words, never the schema's type names. And a finding's span covers
//! what it is about: the value, not the start tag; an attribute's value, not its name; the
//! whole token.

mod support;

use osc_schema::print::json::{DiagnosticRecord, FileRecord};

use support::cli::{oscx, stdout};
use support::fixtures::{relative, root, xml_under};

/// The JSON report of one fixture, checked with `extra` arguments.
fn findings(path: &str, extra: &[&str]) -> FileRecord {
    let mut args = vec!["validate", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(path);
    let out = oscx(&args, None);
    assert_eq!(out.status.code(), Some(1), "{path}: {}", stdout(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The findings of `path` with `code`.
fn with_code(path: &str, extra: &[&str], code: &str) -> Vec<DiagnosticRecord> {
    let record = findings(path, extra);
    record
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// The text a finding's span covers in the fixture (UTF-8 without a byte order mark, so
/// the offsets into the decoded text are offsets into the file).
fn spanned(path: &str, d: &DiagnosticRecord) -> String {
    let text = std::fs::read_to_string(root().join(path)).expect("fixture");
    text.get(d.span.start..d.span.end)
        .unwrap_or_else(|| panic!("{path}: span {:?} out of the text", d.span))
        .to_owned()
}

fn help(d: &DiagnosticRecord) -> &str {
    d.help.as_deref().unwrap_or_default()
}

#[test]
fn dotnet_booleans_get_the_lowercase_spelling_and_the_reason() {
    let path = "fixtures/invalid/xsd-invalid-value/dotnet-booleans.xml";
    let found = findings(path, &["--no-lint"]).diagnostics;
    assert_eq!(found.len(), 2, "{found:#?}");
    for (d, (line, column, written, fix)) in found
        .iter()
        .zip([(3, 15, "True", "`true`"), (4, 17, "FALSE", "`false`")])
    {
        assert_eq!(d.code, "xsd::invalid-value");
        assert_eq!((d.line, d.column), (line, column), "{}", d.message);
        assert_eq!(spanned(path, d), written, "the value, not the start tag");
        assert!(d.message.contains("is not a boolean"), "{}", d.message);
        assert!(!d.message.contains("xs:"), "{}", d.message);
        assert!(help(d).starts_with(&format!("write {fix}")), "{}", help(d));
        assert!(help(d).contains("bool.ToString()"), "{}", help(d));
    }
}

#[test]
fn a_missing_element_says_what_to_add_and_where() {
    let cases = [
        (
            "fixtures/invalid/xsd-missing-element/person-without-user-id.xml",
            (3, 3),
            "<firstName>",
            "add `<userID>…</userID>` inside `<person>`, just before `<firstName>`",
        ),
        (
            "fixtures/invalid/xsd-missing-element/capabilities-without-display-url.xml",
            (9, 3),
            "<useLogonWebAuth>",
            "add `<displayUrl>…</displayUrl>` inside `<capabilities>`, just before \
             `<useLogonWebAuth>`",
        ),
    ];
    for (path, at, span, says) in cases {
        let found = findings(path, &["--no-lint"]).diagnostics;
        assert_eq!(found.len(), 1, "{path}: {found:#?}");
        let d = &found[0];
        assert_eq!(d.code, "xsd::missing-element", "{path}");
        assert_eq!((d.line, d.column), at, "{path}");
        assert_eq!(spanned(path, d), span, "{path}");
        assert_eq!(help(d), says, "{path}");
    }
}

#[test]
fn a_missing_element_at_the_end_says_to_add_it_before_the_end_tag() {
    let dir = support::cli::TempDir::new("hints-missing-at-end");
    let file = dir.file(
        "person.xml",
        b"<person xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n</person>\n",
    );
    let path = file.to_str().expect("utf-8 path");
    let found = findings(path, &["--no-lint"]).diagnostics;
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.code, "xsd::missing-element");
    assert_eq!((d.line, d.column), (2, 1));
    assert_eq!(
        help(d),
        "add `<userID>…</userID>` at the end of `<person>`, just before `</person>`"
    );
}

#[test]
fn an_attribute_value_finding_covers_the_value_and_names_no_type() {
    let path = "fixtures/invalid/xsd-invalid-value/template-variable-type.xml";
    let found = with_code(path, &[], "xsd::invalid-value");
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!((d.line, d.column), (17, 33), "{}", d.message);
    assert_eq!(spanned(path, d), "TextVariable", "the value, not the name");
    assert!(d.message.starts_with("attribute `type`: "), "{}", d.message);
    assert!(!d.message.contains("RestrictionType"), "{}", d.message);
    assert_eq!(
        help(d),
        "did you mean `textVariable`? Values are case-sensitive"
    );
}

#[test]
fn a_token_naming_a_variable_with_a_typo_or_another_case_gets_the_name_it_meant() {
    let cases = [
        (
            "fixtures/invalid/OSC053/token-name-typo.xml",
            (29, 39),
            "{text:statusTxt}",
            "`statusText`",
        ),
        (
            "fixtures/invalid/OSC053/token-name-case.xml",
            (33, 39),
            "{text:StatusText}",
            "`statusText`",
        ),
    ];
    for (path, at, token, meant) in cases {
        let found = with_code(path, &[], "OSC053");
        assert_eq!(found.len(), 1, "{path}: {found:#?}");
        let d = &found[0];
        assert_eq!((d.line, d.column), at, "{path}");
        assert_eq!(spanned(path, d), token, "{path}: the whole token");
        assert!(
            help(d).starts_with(&format!("did you mean {meant}?")),
            "{path}: {}",
            help(d)
        );
    }
}

#[test]
fn the_preview_offers_the_name_a_token_meant() {
    let o = oscx(
        &["render", "fixtures/invalid/OSC053/token-name-typo.xml"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = support::cli::stderr(&o);
    // Said as `oscx validate` says it: the rule's finding, with its hint.
    assert!(err.contains("error[OSC053]"), "{err}");
    assert!(err.contains("help: did you mean `statusText`?"), "{err}");
}

/// The names of the types the bundled schemas declare (`stringType`,
/// `templateTypeRestrictionType`, …), which no message may show.
fn schema_type_names() -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("schemas")).expect("schemas") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("schema");
        for piece in text.split("Type name=\"").skip(1) {
            if let Some((name, _)) = piece.split_once('"') {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    names.dedup();
    assert!(names.iter().any(|n| n == "stringType"), "{names:?}");
    names
}

#[test]
fn no_schema_finding_names_a_type() {
    let types = schema_type_names();
    let mut checked = 0;
    for file in xml_under("fixtures/invalid") {
        let path = relative(&file);
        if path.contains("/OSC") || path.ends_with(".request.xml") {
            continue;
        }
        let mut extra = Vec::new();
        let target = path
            .split_once(".target-")
            .map(|(_, t)| t.trim_end_matches(".xml"));
        if let Some(target) = target {
            extra.extend(["--target", target]);
        }
        for d in findings(&path, &extra).diagnostics {
            let words = format!("{} {}", d.message, help(&d));
            for name in &types {
                assert!(!words.contains(name.as_str()), "{path}: {words}");
            }
            assert!(!words.contains("`xs:"), "{path}: {words}");
            assert!(!words.contains("ill-formed document"), "{path}: {words}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} findings looked at");
}

#[test]
fn a_length_finding_says_the_limit_in_words() {
    let path = "fixtures/invalid/xsd-invalid-value/first-name-1025-chars.xml";
    let found = findings(path, &["--no-lint"]).diagnostics;
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!((d.line, d.column), (4, 14));
    assert_eq!(
        d.message,
        "the value has 1025 characters; at most 1024 are allowed"
    );
    assert_eq!(spanned(path, d), "é".repeat(1025), "the value");
}

/// One finding's span as every machine-readable format gives it: start and end line and
/// column (the end just past the last character), from JSON, SARIF, GitHub and GitLab.
#[derive(Debug, PartialEq, Eq)]
struct Spans {
    json: (u32, u32, u32, u32),
    sarif: (u32, u32, u32, u32),
    /// GitHub's end column is the last character's.
    github: (u32, u32, u32, u32),
    /// GitLab gives lines only.
    gitlab: (u32, u32),
}

fn out_of(path: &str, format: &str) -> String {
    let out = oscx(&["validate", "--no-lint", "--format", format, path], None);
    assert_eq!(out.status.code(), Some(1), "{path} {format}");
    stdout(&out)
}

/// The spans of the one finding of `path` in each format.
fn spans_of(path: &str) -> Spans {
    let record: FileRecord = serde_json::from_str(&out_of(path, "json")).expect("json");
    assert_eq!(record.diagnostics.len(), 1, "{record:#?}");
    let d = &record.diagnostics[0];
    let json = (
        d.line,
        d.column,
        d.end_line.expect("end_line"),
        d.end_column.expect("end_column"),
    );
    let sarif: serde_json::Value = serde_json::from_str(&out_of(path, "sarif")).expect("sarif");
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let number = |key: &str| {
        region[key]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or_else(|| panic!("{key} in {region}"))
    };
    let sarif = (
        number("startLine"),
        number("startColumn"),
        number("endLine"),
        number("endColumn"),
    );
    let github = out_of(path, "github");
    let property = |key: &str| -> u32 {
        github
            .split([',', ' ', ':'])
            .find_map(|p| p.strip_prefix(&format!("{key}=")))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{key} in {github}"))
    };
    let github = (
        property("line"),
        property("col"),
        property("endLine"),
        property("endColumn"),
    );
    let gitlab: serde_json::Value = serde_json::from_str(&out_of(path, "gitlab")).expect("gitlab");
    let lines = &gitlab[0]["location"]["lines"];
    let gitlab = (
        lines["begin"].as_u64().expect("begin") as u32,
        lines["end"].as_u64().expect("end") as u32,
    );
    Spans {
        json,
        sarif,
        github,
        gitlab,
    }
}

#[test]
fn every_format_carries_the_same_span_in_memory_and_as_a_stream() {
    // `FALSE` on line 4 from column 17: the span ends before column 22.
    let dir = support::cli::TempDir::new("hints-spans");
    let text = std::fs::read_to_string(
        root().join("fixtures/invalid/xsd-invalid-value/dotnet-booleans.xml"),
    )
    .expect("fixture")
    .replace(
        "<getFriends>True</getFriends>",
        "<getFriends>true</getFriends>",
    );
    let whole = dir.file("whole.xml", text.as_bytes());
    let expected = Spans {
        json: (4, 17, 4, 22),
        sarif: (4, 17, 4, 22),
        github: (4, 17, 4, 21),
        gitlab: (4, 4),
    };
    assert_eq!(spans_of(whole.to_str().expect("utf-8")), expected);
    // Past the in-memory limit the file is read as a stream, and the ends are read again
    // from the file: the same span, a line further down.
    let (declaration, rest) = text.split_at(text.find('\n').expect("a declaration") + 1);
    let past_the_limit = usize::try_from(osc_schema::check::IN_MEMORY_LIMIT).expect("fits") + 1024;
    let padded = format!("{declaration}<!--{}-->\n{rest}", "x".repeat(past_the_limit));
    let streamed = dir.file("streamed.xml", padded.as_bytes());
    assert_eq!(
        spans_of(streamed.to_str().expect("utf-8")),
        Spans {
            json: (5, 17, 5, 22),
            sarif: (5, 17, 5, 22),
            github: (5, 17, 5, 21),
            gitlab: (5, 5),
        }
    );
}

#[test]
fn a_span_over_several_lines_ends_on_its_last_line() {
    // Loose text in `person` spans two lines; GitHub gets no end column for it. The same
    // after a comment past the in-memory limit, where the ends are read from the file.
    let dir = support::cli::TempDir::new("hints-spans-lines");
    let past_the_limit = usize::try_from(osc_schema::check::IN_MEMORY_LIMIT).expect("fits") + 1024;
    let padding = format!("<!--{}-->", "x".repeat(past_the_limit));
    for (name, before) in [("whole.xml", ""), ("streamed.xml", padding.as_str())] {
        let file = dir.file(
            name,
            format!(
                "<person xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">{before}\n  <userID>a</userID>\n  stray\n  wordé</person>\n"
            )
            .as_bytes(),
        );
        let path = file.to_str().expect("utf-8");
        let record: FileRecord = serde_json::from_str(&out_of(path, "json")).expect("json");
        let d = &record.diagnostics[0];
        assert_eq!(d.code, "xsd::text-not-allowed", "{name}");
        assert_eq!((d.line, d.column), (3, 3), "{name}");
        // The text runs to the `<` of `</person>`, line 4 column 8 (`é` is one character).
        assert_eq!((d.end_line, d.end_column), (Some(4), Some(8)), "{name}");
        let github = out_of(path, "github");
        assert!(
            github.contains("line=3,endLine=4,col=3,title="),
            "{name}: {github}"
        );
        let gitlab: serde_json::Value =
            serde_json::from_str(&out_of(path, "gitlab")).expect("gitlab");
        assert_eq!(gitlab[0]["location"]["lines"]["end"], 4, "{name}: {gitlab}");
    }
}
