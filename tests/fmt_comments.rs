//! `oscx fmt` keeps comments and processing instructions where they stand, takes directories,
//! and shows what `--check` would change with `--diff`.
//!
//! - every fixture, formatted with `--write`, keeps every comment (text and order), passes
//!   `--check`, and gets the same `validate` findings as before;
//! - a licence header, a suppression (still effective), a processing instruction, a
//!   directory, and `--check --diff`.

mod support;

use std::path::{Path, PathBuf};

use support::cli::{TempDir, fixture, oscx, stderr, stdout};
use support::fixtures::{args_of, relative, root, xml_under};

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A document's comments and instructions: `("comment", text)` or `("pi", "target data")`.
type Comments = Vec<(&'static str, String)>;

/// Findings as (code, element path).
type Findings = Vec<(String, String)>;

/// The comments and processing instructions of a document, in document order, as another
/// parser (roxmltree) sees them: `("comment", text)` or `("pi", "target data")`. `None` when
/// that parser does not read the document.
fn comments_of(bytes: &[u8]) -> Option<Comments> {
    let text = osc_schema::xml::decode::decode(bytes).ok()?.text;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(&text, options).ok()?;
    let found = doc
        .root()
        .descendants()
        .filter_map(|node| match node.node_type() {
            roxmltree::NodeType::Comment => Some(("comment", node.text()?.to_owned())),
            roxmltree::NodeType::PI => {
                let pi = node.pi()?;
                Some(("pi", format!("{} {}", pi.target, pi.value.unwrap_or(""))))
            }
            _ => None,
        })
        .collect();
    Some(found)
}

/// The findings of `oscx validate --format json` on `file` with `args`: (code, element
/// path) for each, sorted (lines move when the layout changes; paths do not).
fn findings(file: &Path, args: &[String]) -> Findings {
    let mut command: Vec<&str> = vec!["validate", "--format", "json"];
    command.extend(args.iter().map(String::as_str));
    let file = file.to_str().expect("UTF-8 path");
    command.push(file);
    let out = oscx(&command, None);
    let line: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut found: Vec<(String, String)> = line["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let code = d["code"].as_str().unwrap_or_default().to_owned();
            let path = d["path"].as_str().unwrap_or_default().to_owned();
            // What an unused suppression was for is in its message.
            match code.as_str() {
                "oscx::unused-suppression" => {
                    let message = d["message"].as_str().unwrap_or_default();
                    (code, format!("{path} {message}"))
                }
                _ => (code, path),
            }
        })
        .collect();
    found.sort();
    found
}

/// What happened to one fixture formatted in place.
enum Formatted {
    /// `fmt` refused it (what it said).
    Refused(String),
    /// Formatted: its comments before and after, whether `--check` then passed, and its
    /// findings before and after.
    Done {
        comments: (Comments, Comments),
        check_passes: bool,
        findings: (Findings, Findings),
    },
}

fn format_a_copy(original: &Path, dir: &TempDir) -> Formatted {
    let copy = dir.0.join(relative(original));
    std::fs::create_dir_all(copy.parent().expect("in a directory")).expect("mkdir");
    std::fs::copy(original, &copy).expect("copy");
    let bytes = std::fs::read(&copy).expect("reads");
    let args = args_of(original);
    let path = copy.to_str().expect("UTF-8 path");
    let write = oscx(&["fmt", "--write", path], None);
    if write.status.code() != Some(0) {
        return Formatted::Refused(stderr(&write));
    }
    let after = std::fs::read(&copy).expect("reads");
    let findings_after = findings(&copy, &args);
    std::fs::write(&copy, &bytes).expect("restore");
    let findings_before = findings(&copy, &args);
    std::fs::write(&copy, &after).expect("formatted again");
    let check = oscx(&["fmt", "--check", path], None);
    Formatted::Done {
        comments: (
            comments_of(&bytes).expect("the other parser reads what fmt read"),
            comments_of(&after).expect("the other parser reads what fmt wrote"),
        ),
        check_passes: check.status.code() == Some(0),
        findings: (findings_before, findings_after),
    }
}

#[test]
fn every_fixture_keeps_its_comments_and_findings_through_fmt_write() {
    let files = xml_under("fixtures");
    let dir = TempDir::new("fmt-every-fixture");
    let results: Vec<(PathBuf, Formatted)> = std::thread::scope(|scope| {
        let chunks: Vec<&[PathBuf]> = files.chunks(files.len().div_ceil(4)).collect();
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let dir = &dir;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| (f.clone(), format_a_copy(f, dir)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    let mut formatted = 0;
    let mut with_comments = 0;
    for (file, result) in &results {
        let name = relative(file);
        match result {
            Formatted::Refused(why) => {
                eprintln!("skipped {name}: fmt refuses it: {}", why.trim());
            }
            Formatted::Done {
                comments,
                check_passes,
                findings,
            } => {
                assert_eq!(comments.0, comments.1, "{name}: comments changed");
                assert!(check_passes, "{name}: not canonical after `fmt --write`");
                let (before, after) = findings;
                // A suppression of what the canonical form removes has nothing left to
                // allow once the file is canonical, and says so.
                let for_what_was_removed = |(code, message): &(String, String)| {
                    code == "oscx::unused-suppression"
                        && REMOVED_BY_THE_CANONICAL_FORM
                            .iter()
                            .any(|removed| message.contains(&format!("`{removed}`")))
                };
                assert!(
                    after
                        .iter()
                        .all(|f| before.contains(f) || for_what_was_removed(f)),
                    "{name}: formatting brought findings: {before:?} -> {after:?}"
                );
                for gone in before.iter().filter(|f| !after.contains(f)) {
                    assert!(
                        REMOVED_BY_THE_CANONICAL_FORM.contains(&gone.0.as_str()),
                        "{name}: formatting took away {gone:?}"
                    );
                }
                formatted += 1;
                with_comments += usize::from(!comments.0.is_empty());
            }
        }
    }
    assert!(formatted > 200, "only {formatted} fixtures formatted");
    // The suppressions among the fixtures are among them.
    assert!(with_comments >= 3, "only {with_comments} with comments");
}

/// The findings about how a document is written that its canonical form puts right, and
/// only those: elements out of schema order (fmt refuses an element that does not belong at
/// all), booleans spelt `1` or `0`, a declaration naming another encoding than the bytes.
const REMOVED_BY_THE_CANONICAL_FORM: [&str; 3] = [
    "xsd::unexpected-element",
    "OSC018",
    "xml::encoding-mismatch",
];

fn temp_file(dir: &TempDir, name: &str, text: &str) -> String {
    dir.file(name, text.as_bytes())
        .to_str()
        .expect("UTF-8")
        .to_owned()
}

#[test]
fn a_licence_header_and_a_processing_instruction_stay_before_the_root() {
    let dir = TempDir::new("fmt-header");
    let path = temp_file(
        &dir,
        "caps.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!--\n  Copyright 2026 Fabrikam.\n  SPDX-License-Identifier: MIT\n-->\n\
             <?xml-stylesheet type=\"text/xsl\" href=\"caps.xsl\"?>\n\
             <person xmlns=\"{NS}\"><firstName>Ada</firstName><userID>1</userID></person><!-- end -->"
        ),
    );
    let write = oscx(&["fmt", "--write", &path], None);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    let after = std::fs::read_to_string(&path).expect("reads");
    assert_eq!(
        after,
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!--\n  Copyright 2026 Fabrikam.\n  SPDX-License-Identifier: MIT\n-->\n\
             <?xml-stylesheet type=\"text/xsl\" href=\"caps.xsl\"?>\n\
             <person xmlns=\"{NS}\">\n  <userID>1</userID>\n  <firstName>Ada</firstName>\n</person>\n<!-- end -->\n"
        )
    );
    let check = oscx(&["fmt", "--check", &path], None);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn a_suppression_moves_with_its_element_and_still_allows_its_finding() {
    let dir = TempDir::new("fmt-suppression");
    // `dynamicContactsLookup` is out of schema order, with the suppression before it.
    let path = temp_file(
        &dir,
        "caps.xml",
        &format!(
            "<capabilities xmlns=\"{NS}\">\n\
             <!-- oscx-allow OSC012: people are looked up in the address book -->\n\
             <dynamicContactsLookup>true</dynamicContactsLookup>\n\
             <getFriends>false</getFriends><cacheFriends>false</cacheFriends>\
             <followPerson>false</followPerson><doNotFollowPerson>false</doNotFollowPerson>\
             <getActivities>false</getActivities><cacheActivities>false</cacheActivities>\
             <displayUrl>false</displayUrl><useLogonWebAuth>false</useLogonWebAuth>\
             <hashFunction>SHA1</hashFunction></capabilities>"
        ),
    );
    let before = oscx(&["validate", "--verbose", &path], None);
    assert!(
        stderr(&before).contains("`OSC012` allowed (1 finding)"),
        "{}",
        stderr(&before)
    );
    let write = oscx(&["fmt", "--write", &path], None);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    let after = std::fs::read_to_string(&path).expect("reads");
    assert!(
        after.contains(
            "  <useLogonWebAuth>false</useLogonWebAuth>\n  \
             <!-- oscx-allow OSC012: people are looked up in the address book -->\n  \
             <dynamicContactsLookup>true</dynamicContactsLookup>\n"
        ),
        "{after}"
    );
    let validate = oscx(&["validate", "--verbose", &path], None);
    assert_eq!(validate.status.code(), Some(0), "{}", stdout(&validate));
    assert!(
        stderr(&validate).contains("`OSC012` allowed (1 finding)"),
        "{}",
        stderr(&validate)
    );
    // Without the comment the finding is there: the suppression is what hides it.
    std::fs::write(&path, after.replace("oscx-allow", "not-a-suppression")).expect("write");
    let unsuppressed = oscx(&["validate", "--format", "json", &path], None);
    assert!(
        stdout(&unsuppressed).contains("\"OSC012\""),
        "{}",
        stdout(&unsuppressed)
    );
}

#[test]
fn a_comment_within_a_value_stays_inside_its_element_and_allows_nothing() {
    let dir = TempDir::new("fmt-in-value");
    let path = temp_file(
        &dir,
        "person.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<person xmlns=\"{NS}\">\n  \
             <userID>ada<!-- oscx-allow OSC001: inside -->-1</userID>\n</person>\n"
        ),
    );
    let write = oscx(&["fmt", "--write", &path], None);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    let after = std::fs::read_to_string(&path).expect("reads");
    assert!(
        after.contains("  <userID>ada-1<!-- oscx-allow OSC001: inside --></userID>\n"),
        "{after}"
    );
    let again = oscx(&["fmt", "--check", &path], None);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn a_directory_is_formatted_with_the_glob() {
    let dir = TempDir::new("fmt-directory");
    let messy = format!("<person xmlns=\"{NS}\"><userID>1</userID></person>");
    let canonical = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<person xmlns=\"{NS}\">\n  <userID>1</userID>\n</person>\n"
    );
    dir.file("a.xml", messy.as_bytes());
    dir.file("deep/b.xml", messy.as_bytes());
    dir.file("notes.txt", b"not XML");
    let check = oscx(&["fmt", "--check", dir.path()], None);
    assert_eq!(check.status.code(), Some(1));
    let said = dir.normalise(&stderr(&check));
    assert_eq!(
        said,
        "oscx: [TMP]/a.xml is not in canonical form\noscx: [TMP]/deep/b.xml is not in canonical form\n"
    );
    // Printing is for one file.
    let print = oscx(&["fmt", dir.path()], None);
    assert_eq!(print.status.code(), Some(2), "{}", stderr(&print));
    // The glob chooses: only the top file.
    let top = oscx(&["fmt", "--write", "--glob", "a.xml", dir.path()], None);
    assert_eq!(top.status.code(), Some(0), "{}", stderr(&top));
    let read = |name: &str| std::fs::read_to_string(dir.0.join(name)).expect("reads");
    assert_eq!(
        (read("a.xml"), read("deep/b.xml")),
        (canonical.clone(), messy)
    );
    let write = oscx(&["fmt", "--write", dir.path()], None);
    assert_eq!(write.status.code(), Some(0), "{}", stderr(&write));
    assert_eq!(
        (read("a.xml"), read("deep/b.xml")),
        (canonical.clone(), canonical)
    );
    assert_eq!(read("notes.txt"), "not XML");
    let check = oscx(&["fmt", "--check", dir.path()], None);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn check_diff_shows_what_would_change() {
    let diff = oscx(
        &["fmt", "--check", "--diff", "fixtures/docs/friends.xml"],
        None,
    );
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(
        stderr(&diff),
        "oscx: fixtures/docs/friends.xml is not in canonical form\n"
    );
    insta::assert_snapshot!(stdout(&diff));
    // Without `--diff`, `--check` prints nothing on standard output.
    let check = oscx(&["fmt", "--check", "fixtures/docs/friends.xml"], None);
    assert_eq!(
        (check.status.code(), stdout(&check)),
        (Some(1), String::new())
    );
    // A canonical file has no diff.
    let clean = oscx(
        &[
            "fmt",
            "--check",
            "--diff",
            "fixtures/valid/OSC012/allowed-by-comment.xml",
        ],
        None,
    );
    assert_eq!(
        (clean.status.code(), stdout(&clean)),
        (Some(0), String::new())
    );
    // `--diff` goes with `--check`.
    let alone = oscx(&["fmt", "--diff", "fixtures/docs/friends.xml"], None);
    assert_eq!(alone.status.code(), Some(2), "{}", stderr(&alone));
}

#[test]
fn check_diff_of_a_file_out_of_order_shows_the_moves() {
    let dir = TempDir::new("fmt-diff-order");
    let path = temp_file(
        &dir,
        "p.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<person xmlns=\"{NS}\">\n  \
             <firstName>Ada</firstName>\n  <!-- the key -->\n  <userID>1</userID>\n</person>\n"
        ),
    );
    let diff = oscx(&["fmt", "--check", "--diff", &path], None);
    assert_eq!(diff.status.code(), Some(1));
    insta::assert_snapshot!(dir.normalise(&stdout(&diff)));
}

/// Keeps the fixture list honest: the one with a suppression written for the pre-commit
/// hooks is canonical and valid.
#[test]
fn the_suppression_fixture_passes_both_hooks() {
    let name = "fixtures/valid/OSC012/allowed-by-comment.xml";
    assert!(root().join(name).is_file());
    let check = oscx(&["fmt", "--check", name], None);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let validate = oscx(&["validate", name], None);
    assert_eq!(validate.status.code(), Some(0), "{}", stdout(&validate));
    let comments = comments_of(&fixture(name)).expect("reads");
    assert!(
        comments
            .iter()
            .any(|(_, text)| text.contains("oscx-allow OSC012"))
    );
}
