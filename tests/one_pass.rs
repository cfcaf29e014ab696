//! `oscx validate` builds the model the rules need in the validator's own pass. These
//! tests hold that pass to the two-pass check it replaced (validate, then read the text
//! again and lint it): the same findings, in the same order, for every fixture, for
//! generated documents, and for streams large enough to be checked without being held in
//! memory.

mod support;

use std::io::BufReader;
use std::path::{Path, PathBuf};

use osc_schema::Report;
use osc_schema::Validator;
use osc_schema::check::{Checker, IN_MEMORY_LIMIT, Source, suppress};
use osc_schema::diagnostic::{Diagnostic, Severity};
use osc_schema::lint::{LintOptions, lint_friends_stream, lint_text};
use osc_schema::model::{Document, Friends, Root};
use proptest::prelude::*;
use support::cli::TempDir;
use support::strategies::{capabilities, feed, hashed, namespace, person};

/// A fixed "now", so that rules about dates in the future give the same verdict each run.
const NOW: i64 = 1_790_000_000;

fn options() -> LintOptions {
    LintOptions {
        now: Some(NOW),
        ..LintOptions::default()
    }
}

/// The checker as `oscx validate` runs it: with threads, so that a stream is linted in
/// the single pass these tests hold to the two-pass check.
fn checker() -> Checker {
    Checker::new(Validator::auto(), Some(options())).with_threads(true)
}

/// `diagnostics` with where each span ends in `source`, as the checker says it.
fn ended(source: Source, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    osc_schema::check::span_ends(&source, &mut diagnostics);
    diagnostics
}

fn well_formed(diagnostics: &[Diagnostic]) -> bool {
    !diagnostics
        .iter()
        .any(|d| d.code.as_str().starts_with("xml::") && d.severity == Severity::Error)
}

/// Findings in the order a report keeps them: by line and column, stable.
fn ordered(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.location.line, d.location.column));
    diagnostics
}

/// The two-pass check of a document held in memory, with the document's inline
/// suppressions applied as the checker applies them.
fn two_passes(bytes: &[u8]) -> Vec<Diagnostic> {
    let mut diagnostics = Validator::auto().validate_bytes(bytes).into_diagnostics();
    if well_formed(&diagnostics) {
        if let Ok(decoded) = osc_schema::xml::decode::decode(bytes) {
            diagnostics.extend(lint_text(&decoded.text, &options()));
            let mut report = Report::of_findings("fixture", diagnostics);
            suppress::apply(&mut report, &decoded.text);
            diagnostics = report.into_diagnostics();
        }
    }
    // A rule that names the cause of a schema finding about the same element stands for it.
    let explained: Vec<(String, String)> = diagnostics
        .iter()
        .filter_map(|d| {
            let rule = osc_schema::lint::rules::find(d.code.as_str())?;
            let code = rule.explains()?;
            Some((code.as_str().to_owned(), d.location.path.clone()))
        })
        .collect();
    diagnostics.retain(|d| {
        !explained
            .iter()
            .any(|(code, path)| d.code.as_str() == code && d.location.path == *path)
    });
    // A finding stays marked fixable only where `oscx fmt --fix` reads the document.
    let options = osc_schema::xml::ReadOptions {
        lenient: true,
        ..Default::default()
    };
    if osc_schema::xml::read_bytes_with(bytes, options).is_err() {
        for d in &mut diagnostics {
            d.fixable = false;
        }
    }
    // The checker says where each span ends, for every report but the human one.
    let text = osc_schema::xml::decode::decode(bytes).map_or_else(
        |_| String::from_utf8_lossy(bytes).into_owned(),
        |decoded| decoded.text.into_owned(),
    );
    ended(Source::Text(text), ordered(diagnostics))
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_gets_the_findings_of_two_passes() {
    let mut files = Vec::new();
    xml_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 100, "only {} fixtures found", files.len());
    let checker = checker();
    // Valid documents with rule findings are the ones the single pass lints itself.
    let mut valid_with_findings = 0;
    for file in &files {
        let bytes = std::fs::read(file).expect("fixture");
        let checked = checker.check_bytes("fixture", &bytes);
        let expected = two_passes(&bytes);
        assert_eq!(checked.report.diagnostics(), expected, "{}", file.display());
        let rule_findings = expected.iter().any(|d| d.code.as_str().starts_with("OSC"));
        if checked.report.is_valid() && rule_findings {
            valid_with_findings += 1;
        }
    }
    assert!(
        valid_with_findings > 10,
        "only {valid_with_findings} valid fixtures with rule findings"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_documents_get_the_findings_of_two_passes(
        ns in namespace(),
        root in prop_oneof![
            proptest::collection::vec(person(), 0..6)
                .prop_map(|persons| Root::Friends(Friends { persons })),
            person().prop_map(|p| Root::Person(Box::new(p))),
            capabilities().prop_map(Root::Capabilities),
            feed().prop_map(Root::ActivityFeed),
            hashed().prop_map(Root::HashedAddresses),
        ],
    ) {
        let xml = osc_schema::xml::to_string(&Document::new(root).in_namespace(ns))
            .expect("a document the model holds can be written");
        let checked = checker().check_bytes("generated", xml.as_bytes());
        prop_assert_eq!(checked.report.diagnostics(), two_passes(xml.as_bytes()));
    }
}

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A `friends` list larger than [`IN_MEMORY_LIMIT`], so it is checked as a stream, with
/// findings near its start, in its middle and at its end. `broken` adds an XSD error.
fn big_friends(broken: bool) -> String {
    let mut xml = format!("<friends xmlns=\"{NS}\">\n");
    let mut i = 0;
    while xml.len() as u64 <= IN_MEMORY_LIMIT + 4096 {
        i += 1;
        let (id, email) = match i {
            // The same user twice; an e-mail address without `@`.
            3 => ("u-2".to_owned(), "not an address".to_owned()),
            _ => (format!("u-{i}"), format!("user{i}@contoso.example")),
        };
        let extra = if broken && i == 20_000 {
            "<bogus/>"
        } else {
            ""
        };
        xml.push_str(&format!(
            "  <person>\n    <userID>{id}</userID>\n    <fullName>Zoë &amp; Ünal {i}</fullName>\n    \
             <emailAddress>{email}</emailAddress>{extra}\n    <friendStatus>friend</friendStatus>\n  </person>\n"
        ));
    }
    xml.push_str(&format!(
        "  <person><userID>u-{i}</userID><index>4</index></person>\n</friends>\n"
    ));
    xml
}

fn check_file(dir: &TempDir, name: &str, xml: &str) -> (PathBuf, Vec<Diagnostic>) {
    let path = dir.file(name, xml.as_bytes());
    let checked = checker().check_path(name, &path).expect("readable");
    (path, checked.report.into_diagnostics())
}

fn open(path: &Path) -> std::io::Result<BufReader<std::fs::File>> {
    std::fs::File::open(path).map(BufReader::new)
}

#[test]
fn a_streamed_friends_list_gets_the_findings_of_two_passes() {
    let dir = TempDir::new("one-pass");
    for broken in [false, true] {
        let xml = big_friends(broken);
        let (path, found) = check_file(&dir, "friends.xml", &xml);
        let mut expected = Validator::auto()
            .validate_reader(open(&path).expect("open"))
            .expect("readable")
            .into_diagnostics();
        // The list is read tolerantly: the unknown element in person 20000 is passed over,
        // and the rules still see every person.
        expected.extend(
            lint_friends_stream(open(&path).expect("open"), || open(&path), &options())
                .unwrap_or_default(),
        );
        let expected = ended(Source::File(path.clone()), ordered(expected));
        assert_eq!(found, expected, "broken: {broken}");
        let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
        for code in ["OSC031", "OSC037"] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
        assert_eq!(
            codes.contains(&"xsd::unexpected-element"),
            broken,
            "{codes:?}"
        );
    }
}

#[test]
fn a_streamed_feed_gets_the_findings_of_two_passes() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs/activity-feed.xml");
    let text = std::fs::read_to_string(&fixture).expect("fixture");
    // Repeat its activities until the feed is checked as a stream.
    let start = text.find("<activityDetails>").expect("an activity");
    let end = text.rfind("</activityDetails>").expect("an activity") + "</activityDetails>".len();
    let activities = &text[start..end];
    let mut body = String::new();
    while (body.len() + text.len()) as u64 <= IN_MEMORY_LIMIT + 4096 {
        body.push_str(activities);
        body.push('\n');
    }
    let xml = format!("{}{}{}", &text[..start], body, &text[end..]);
    let dir = TempDir::new("one-pass");
    let (path, found) = check_file(&dir, "feed.xml", &xml);
    let mut expected = Validator::auto()
        .validate_reader(open(&path).expect("open"))
        .expect("readable")
        .into_diagnostics();
    expected.extend(lint_text(&xml, &options()));
    assert!(
        found == ended(Source::File(path.clone()), ordered(expected)),
        "the single pass and the two passes differ"
    );
    assert!(!found.is_empty(), "the repeated activities give findings");
}
