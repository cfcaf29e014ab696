//! The JSON bridge: `oscx convert` and `osc_schema::json`.
//!
//! - every fixture `oscx fmt` accepts goes XML → JSON → XML and comes back as `oscx fmt`'s
//!   output byte for byte, through the binary and through the library;
//! - the envelope's fields, checked one by one, for the namespaces, generations and encodings;
//! - input that is not an envelope, or contradicts itself, is refused with its position;
//! - property tests: generated documents survive Document → JSON → Document, and no input
//!   makes the reader panic.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use osc_schema::json::{self, Encoding, Envelope, generation_of};
use osc_schema::model::{Capabilities, Document, Friends, Person, Root};
use osc_schema::version::{NS_1_0, NS_1_1};
use osc_schema::xml::{self, WriteOptions};
use osc_schema::{Error, Namespace, Target};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

mod support;
use support::strategies::{capabilities, feed, hashed, namespace, person};

#[path = "support/xsd_oracle.rs"]
mod xsd_oracle;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn oscx(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_oscx"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oscx starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("stdin accepts input");
    drop(pipe);
    child.wait_with_output().expect("oscx finishes")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn root_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file below `dir`, recursively, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![root_dir().join(dir)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture directory reads") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root_dir())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The envelope `oscx convert --to json` prints for a fixture, parsed.
fn envelope_of(fixture: &str) -> Value {
    let o = oscx(&["convert", fixture, "--to", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{fixture}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("the output is JSON")
}

/// An envelope from its parts, as text, with the fields in the order the crate writes them.
fn envelope(root: &str, generation: &str, namespace: Option<&str>, document: Value) -> String {
    format!(
        "{{\"format\":{},\"root\":{},\"generation\":{},\"namespace\":{},\"document\":{}}}",
        json!(json::FORMAT),
        json!(root),
        json!(generation),
        json!(namespace),
        document
    )
}

/// Runs `oscx convert - --to xml` on `input`, expecting exit 1, and returns stderr.
fn refused(input: &str) -> String {
    let o = oscx(&["convert", "-", "--to", "xml"], Some(input.as_bytes()));
    assert_eq!(o.status.code(), Some(1), "{input}\n{}", stderr(&o));
    assert!(o.stdout.is_empty());
    stderr(&o)
}

// ---------------------------------------------------------------------------------------------
// Fixtures: XML → JSON → XML is `oscx fmt`
// ---------------------------------------------------------------------------------------------

#[test]
fn every_fixture_fmt_accepts_comes_back_byte_for_byte_through_the_binary() {
    let mut compared = Vec::new();
    let mut rejected = Vec::new();
    for path in [Path::new("fixtures/valid"), Path::new("fixtures/docs")]
        .into_iter()
        .flat_map(files_under)
    {
        let name = relative(&path);
        let fmt = oscx(&["fmt", &name], None);
        if fmt.status.code() != Some(0) {
            rejected.push(name);
            continue;
        }
        let to_json = oscx(&["convert", &name, "--to", "json"], None);
        assert_eq!(
            to_json.status.code(),
            Some(0),
            "{name}: {}",
            stderr(&to_json)
        );
        let to_xml = oscx(&["convert", "-", "--to", "xml"], Some(&to_json.stdout));
        assert_eq!(to_xml.status.code(), Some(0), "{name}: {}", stderr(&to_xml));
        assert!(
            to_xml.stdout == fmt.stdout,
            "{name}: XML → JSON → XML differs from `oscx fmt`:\n{}",
            String::from_utf8_lossy(&to_xml.stdout)
        );
        compared.push(name);
    }
    println!("compared {} fixtures through the binary", compared.len());
    assert!(compared.len() >= 80, "only {} fixtures", compared.len());
    // The UTF-16 twins are among them, and came back as UTF-16.
    assert!(compared.iter().any(|n| n.ends_with("utf16le.xml")));
    assert!(compared.iter().any(|n| n.ends_with("utf16be.xml")));
    // What fmt rejects is not a document at all: the `.args` files hold the flags a valid
    // fixture is checked with, and the licence text covers the docs examples.
    println!("fmt rejects: {rejected:?}");
    for name in &rejected {
        assert!(
            name.ends_with(".args") || name.ends_with("LICENSE-code-MIT.txt"),
            "fmt rejects the document {name}"
        );
    }
}

/// What `oscx fmt` prints for the bytes of a document: the canonical form in the input's
/// encoding.
fn fmt_bytes(document: &Document, source: &[u8]) -> Vec<u8> {
    let encoding = xml::decode::decode(source)
        .map(|d| Encoding::from(d.encoding))
        .expect("decodes");
    let options = WriteOptions {
        declaration: encoding.declaration(),
        pretty: true,
    };
    xml::write_bytes(document, options).expect("writes")
}

/// The library's way, with the invalid fixtures too: anything the reader takes has a JSON
/// form that gives the same canonical XML back (in either JSON layout).
#[test]
fn every_readable_fixture_comes_back_through_the_library() {
    let mut compared = 0;
    for path in [
        "fixtures/valid",
        "fixtures/docs",
        "fixtures/invalid",
        "fixtures/fix",
    ]
    .into_iter()
    .flat_map(|d| files_under(Path::new(d)))
    {
        let bytes = std::fs::read(&path).expect("fixture reads");
        let Ok(parsed) = xml::read_bytes(&bytes) else {
            continue;
        };
        let encoding = Encoding::from(xml::decode::decode(&bytes).expect("decodes").encoding);
        let expected = fmt_bytes(&parsed.document, &bytes);
        for pretty in [true, false] {
            let text = json::to_json_string(&parsed.document, encoding, pretty)
                .unwrap_or_else(|e| panic!("{}: {e}", relative(&path)));
            let (back, back_encoding) = json::from_json_str(&text).expect("reads back");
            assert_eq!(back, parsed.document, "{}", relative(&path));
            assert_eq!(back_encoding, encoding);
            let options = WriteOptions {
                declaration: back_encoding.declaration(),
                pretty: true,
            };
            assert!(xml::write_bytes(&back, options).expect("writes") == expected);
        }
        compared += 1;
    }
    println!("compared {compared} fixtures through the library");
    assert!(compared >= 140, "only {compared} fixtures");
}

// ---------------------------------------------------------------------------------------------
// The envelope, field by field
// ---------------------------------------------------------------------------------------------

#[test]
fn the_envelope_of_the_docs_capabilities_example() {
    let o = oscx(
        &["convert", "fixtures/docs/capabilities.xml", "--to", "json"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).expect("UTF-8");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["format"], "osc-schema-json/1");
    assert_eq!(v["root"], "capabilities");
    assert_eq!(v["generation"], "1.1");
    assert_eq!(v["namespace"], NS_1_1);
    assert_eq!(v["encoding"], "utf-8");
    let doc = &v["document"];
    assert_eq!(doc["getFriends"], true);
    assert_eq!(doc["doNotFollowPerson"], false);
    assert_eq!(doc["contactSyncRestartInterval"], 60);
    assert_eq!(doc["createAccountUrl"], "https://contoso.com/createAccount");
    assert_eq!(doc["hashFunction"], Value::Null);
    assert_eq!(v.as_object().map(|o| o.len()), Some(6));
    assert_eq!(doc.as_object().map(|o| o.len()), Some(22));
    // `root` comes before `document`, so readers know its shape when they reach it.
    let at = |key: &str| text.find(&format!("\"{key}\":")).expect("key is written");
    let keys = [
        "format",
        "root",
        "generation",
        "namespace",
        "encoding",
        "document",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{text}");
    assert!(text.ends_with("}\n") && text.starts_with("{\n  \"format\""));
    insta::assert_snapshot!("capabilities-envelope", text);
}

#[test]
fn a_1_0_document_keeps_the_1_0_namespace_and_generation() {
    let v = envelope_of("fixtures/docs/friends-1.0.xml");
    assert_eq!(v["namespace"], NS_1_0);
    assert_eq!(v["generation"], "1.0");
    assert_eq!(v["root"], "friends");
    assert_eq!(v["document"]["person"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_hashed_addresses_without_namespace_stays_without() {
    let v = envelope_of("fixtures/docs/hashed-addresses-no-namespace.xml");
    assert_eq!(v.get("namespace"), Some(&Value::Null));
    assert_eq!(v["generation"], "1.1");
    assert_eq!(v["root"], "hashedAddresses");
    let first = &v["document"]["personAddresses"][0];
    assert_eq!(first["index"], 0);
    assert_eq!(first["hashedAddress"].as_array().map(Vec::len), Some(1));

    let o = oscx(
        &["convert", "-", "--to", "xml"],
        Some(v.to_string().as_bytes()),
    );
    let xml = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(xml.contains("<hashedAddresses>"), "{xml}");
}

#[test]
fn content_tells_2013_from_1_1() {
    assert_eq!(
        envelope_of("fixtures/docs/person-2013.xml")["generation"],
        "2013"
    );
    assert_eq!(
        envelope_of("fixtures/docs/friends-2013.xml")["generation"],
        "2013"
    );
    assert_eq!(
        envelope_of("fixtures/docs/capabilities-2013.xml")["generation"],
        "2013"
    );
    assert_eq!(
        envelope_of("fixtures/docs/friends.xml")["generation"],
        "1.1"
    );

    let mut person = Person::new("7");
    person.index = Some(1);
    let plain = Document::from(person.clone());
    assert_eq!(generation_of(&plain), Target::Outlook2010);
    person.skills = Some("knitting".try_into().expect("short"));
    let with_skills = Document::from(person);
    assert_eq!(generation_of(&with_skills), Target::Outlook2013);
    let text = json::to_json_string(&with_skills, Encoding::Utf8, false).expect("writes");
    let v: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["generation"], "2013");
    assert_eq!(v["document"]["skills"], "knitting");
    assert!(!text.contains('\n'), "compact is one line");
}

#[test]
fn utf16_documents_come_back_as_utf16() {
    let v = envelope_of("fixtures/docs/person-2013.utf16be.xml");
    assert_eq!(v["encoding"], "utf-16");
    let o = oscx(
        &["convert", "-", "--to", "xml"],
        Some(v.to_string().as_bytes()),
    );
    assert!(
        o.stdout.starts_with(&[0xFF, 0xFE]),
        "UTF-16LE with a BOM, as fmt writes"
    );
    let o = oscx(
        &[
            "convert",
            "-",
            "--to",
            "xml",
            "--declaration",
            "none",
            "--compact",
        ],
        Some(v.to_string().as_bytes()),
    );
    assert!(o.stdout.starts_with(b"<person xmlns="));
    assert!(!o.stdout.contains(&b'\n'));
}

#[test]
fn json_to_json_keeps_the_stated_envelope_and_output_goes_to_a_file() {
    // `2013` for content 1.1 also allows is kept, not recomputed.
    let input = envelope("person", "2013", Some(NS_1_1), json!({"userID": "1"}));
    let o = oscx(
        &["convert", "-", "--to", "json", "--compact"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["generation"], "2013");
    assert_eq!(
        v["encoding"], "utf-8",
        "the default encoding is written out"
    );
    assert_eq!(v["document"]["firstName"], Value::Null);

    let dir = std::env::temp_dir().join(format!("oscx-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("person.xml");
    let out_name = out.to_str().expect("UTF-8 path");
    let o = oscx(
        &["convert", "-", "--to", "xml", "--output", out_name],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("output written");
    assert!(written.contains("<userID>1</userID>"), "{written}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Refused input
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_json_is_placed_by_line_and_column() {
    let err = refused("{\"format\": \"osc-schema-json/1\",\n  \"root\": }");
    assert_eq!(err, "oscx: <stdin>:2:11: expected value\n");
    let err = refused("{\"format\": \"osc-schema-json/1\"");
    assert!(err.starts_with("oscx: <stdin>:1:"), "{err}");
    assert!(err.contains("EOF while parsing an object"), "{err}");
}

#[test]
fn unknown_format_is_refused() {
    let input = envelope("friends", "1.1", Some(NS_1_1), json!({"person": []}))
        .replace("osc-schema-json/1", "osc-schema-json/2");
    let err = refused(&input);
    assert!(err.starts_with("oscx: <stdin>:1:"), "{err}");
    assert!(
        err.contains("unknown format `osc-schema-json/2`; expected `osc-schema-json/1`"),
        "{err}"
    );
}

#[test]
fn unknown_root_is_refused() {
    let err = refused(&envelope("people", "1.1", Some(NS_1_1), json!({})));
    assert!(
        err.contains(
            "unknown root `people`; expected `capabilities`, `friends`, `person`, \
             `activityFeed` or `hashedAddresses`"
        ),
        "{err}"
    );
}

#[test]
fn generation_contradicting_the_namespace_is_refused() {
    let err = refused(&envelope(
        "friends",
        "1.0",
        Some(NS_1_1),
        json!({"person": []}),
    ));
    assert!(
        err.contains(&format!(
            "generation `1.0` contradicts the namespace `{NS_1_1}`, which is the namespace of \
             generations 1.1 and 2013"
        )),
        "{err}"
    );
    let err = refused(&envelope(
        "friends",
        "2013",
        Some(NS_1_0),
        json!({"person": []}),
    ));
    assert!(
        err.contains(&format!(
            "generation `2013` contradicts the namespace `{NS_1_0}`, which is the namespace of \
             generation 1.0"
        )),
        "{err}"
    );
    let err = refused(&envelope(
        "hashedAddresses",
        "1.0",
        None,
        json!({"personAddresses": []}),
    ));
    assert!(
        err.contains("generation `1.0` contradicts the null namespace"),
        "{err}"
    );
}

#[test]
fn generation_contradicting_the_content_is_refused() {
    let person = json!({"person": [{"userID": "1"}, {"userID": "2", "skills": "x"}]});
    let err = refused(&envelope("friends", "1.1", Some(NS_1_1), person));
    assert!(
        err.contains(
            "generation `1.1` contradicts the content: `/friends/person[2]/skills` was \
             introduced in 2013"
        ),
        "{err}"
    );
    let indexed = json!({"person": [{"userID": "1", "index": 0}]});
    let err = refused(&envelope("friends", "1.0", Some(NS_1_0), indexed));
    assert!(
        err.contains("`/friends/person[1]/index` was introduced in 1.1"),
        "{err}"
    );
    let err = refused(&envelope(
        "person",
        "1.0",
        Some(NS_1_0),
        json!({"userID": "1"}),
    ));
    assert!(err.contains("`/person` was introduced in 1.1"), "{err}");
}

#[test]
fn null_namespace_is_only_for_hashed_addresses() {
    let err = refused(&envelope("friends", "1.1", None, json!({"person": []})));
    assert!(
        err.contains("`namespace` is null, which only `hashedAddresses` may be; `friends` needs"),
        "{err}"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_placed() {
    let input = format!(
        "{{\"format\": \"{}\", \"root\": \"person\", \"generation\": \"1.1\",\n\
         \"namespace\": \"{NS_1_1}\",\n\"document\": {{\"userID\": \"1\", \"firstName\": 5}}}}",
        json::FORMAT
    );
    let err = refused(&input);
    assert_eq!(
        err,
        "oscx: <stdin>:3:42: invalid type: integer `5`, expected a string\n"
    );
}

#[test]
fn fields_the_model_does_not_have_are_refused() {
    let err = refused(&envelope(
        "person",
        "1.1",
        Some(NS_1_1),
        json!({"userID": "1", "firstname": "Ada"}),
    ));
    assert!(
        err.contains("unknown field `firstname`, expected one of `userID`, `firstName`"),
        "{err}"
    );
    let mut v: Value = serde_json::from_str(&envelope(
        "person",
        "1.1",
        Some(NS_1_1),
        json!({"userID": "1"}),
    ))
    .expect("JSON");
    v["comment"] = json!("hi");
    let err = refused(&v.to_string());
    assert!(err.contains("unknown field `comment`"), "{err}");
}

#[test]
fn model_checks_apply_to_json_values() {
    let long = "é".repeat(1025);
    let cases = [
        (json!({"userID": "1", "firstName": long}), "1024"),
        (
            json!({"userID": "1", "birthday": "2010-02-29"}),
            "2010-02-29",
        ),
        (
            json!({"userID": "1", "gender": "Female"}),
            "unknown variant `Female`",
        ),
        (json!({"userID": "1", "index": 2_147_483_648u64}), "i32"),
        (json!({"firstName": "Ada"}), "missing field `userID`"),
    ];
    for (document, expected) in cases {
        let err = refused(&envelope("person", "2013", Some(NS_1_1), document));
        assert!(err.starts_with("oscx: <stdin>:1:"), "{err}");
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

#[test]
fn envelope_fields_are_checked() {
    let base = |extra: &str| {
        let text = envelope("person", "1.1", Some(NS_1_1), json!({"userID": "1"}));
        format!("{}{extra}}}", &text[..text.len() - 1])
    };
    let err = refused(&base(", \"encoding\": \"latin-1\""));
    assert!(
        err.contains("unknown encoding `latin-1`; expected `utf-8` or `utf-16`"),
        "{err}"
    );
    let err = refused(&base(", \"root\": \"person\""));
    assert!(err.contains("duplicate field `root`"), "{err}");
    let err = refused("{\"format\": \"osc-schema-json/1\", \"root\": \"person\"}");
    assert!(err.contains("missing field `generation`"), "{err}");
    let err = refused(&envelope(
        "person",
        "1.1",
        Some("urn:other"),
        json!({"userID": "1"}),
    ));
    assert!(err.contains("unknown namespace `urn:other`"), "{err}");
    let err = refused(&envelope(
        "person",
        "1.2",
        Some(NS_1_1),
        json!({"userID": "1"}),
    ));
    assert!(
        err.contains("unknown generation `1.2`; expected `1.0`, `1.1` or `2013`"),
        "{err}"
    );
}

#[test]
fn document_before_root_is_still_read_and_checked() {
    let ok = format!(
        "{{\"document\": {{\"userID\": \"1\"}}, \"format\": \"{}\", \"root\": \"person\", \
         \"generation\": \"1.1\", \"namespace\": \"{NS_1_1}\", \"encoding\": \"utf-16\"}}",
        json::FORMAT
    );
    let (doc, encoding) = json::from_json_str(&ok).expect("reads");
    assert_eq!(doc, Document::from(Person::new("1")));
    assert_eq!(encoding, Encoding::Utf16);
    let bad = ok.replace("{\"userID\": \"1\"}", "{\"userID\": 1}");
    match json::from_json_str(&bad) {
        Err(Error::Json { message, pos }) => {
            assert!(
                message.starts_with("in `document`: invalid type"),
                "{message}"
            );
            assert_eq!(pos.line, 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn json_that_is_not_utf8_is_placed() {
    let mut input = envelope("person", "1.1", Some(NS_1_1), json!({"userID": "é"})).into_bytes();
    let at = input.iter().position(|&b| b == 0xC3).expect("é");
    input[at] = 0xFF;
    let o = oscx(&["convert", "-", "--to", "xml"], Some(&input));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("JSON must be UTF-8"), "{err}");
    assert!(
        err.starts_with(&format!("oscx: <stdin>:1:{}:", at + 1)),
        "{err}"
    );
}

#[test]
fn xml_input_problems_are_placed_and_files_that_cannot_be_read_are_fatal() {
    let xml = format!("<friends xmlns=\"{NS_1_1}\">\n  <buddy/>\n</friends>");
    let o = oscx(&["convert", "-", "--to", "json"], Some(xml.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o) == "oscx: <stdin>: unexpected element `buddy` in `friends` at 2:3\n",
        "{}",
        stderr(&o)
    );
    let o = oscx(&["convert", "fixtures/none.xml", "--to", "json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("oscx: cannot read"),
        "{}",
        stderr(&o)
    );
    let o = oscx(
        &[
            "convert",
            "fixtures/docs/friends.xml",
            "--to",
            "json",
            "--declaration",
            "none",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_1_0_document_with_later_elements_has_no_json_form() {
    let xml = format!("<person xmlns=\"{NS_1_0}\"><userID>1</userID></person>");
    let o = oscx(&["convert", "-", "--to", "json"], Some(xml.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "oscx: <stdin>: cannot write `/person`: the document is in the 1.0 namespace, which \
         does not have this element (introduced in 1.1)\n"
    );
    // As XML it converts, canonically.
    let o = oscx(&["convert", "-", "--to", "xml"], Some(xml.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let caps = Capabilities {
        hash_function: Some(osc_schema::model::HashFunction::Sha1),
        ..Capabilities::default()
    };
    let doc = Document::from(caps).in_namespace(Namespace::Osc10);
    match Envelope::from_document(&doc, Encoding::Utf8) {
        Err(Error::Unwritable { field, .. }) => assert_eq!(field, "/capabilities/hashFunction"),
        other => panic!("{other:?}"),
    }
    let friends = Document::from(Friends::default()).in_namespace(Namespace::Absent);
    assert!(matches!(
        json::to_json_string(&friends, Encoding::Utf8, true),
        Err(Error::Unwritable { .. })
    ));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let input = envelope("person", "1.1", Some(NS_1_1), json!({"userID": "1"})).replace(
        "{\"userID\":\"1\"}",
        &format!("{{\"userID\":\"1\",\"x\":{deep}}}"),
    );
    assert!(matches!(
        json::from_json_str(&input),
        Err(Error::Json { .. })
    ));
    let document_first = format!("{{\"document\": {deep}}}");
    assert!(matches!(
        json::from_json_str(&document_first),
        Err(Error::Json { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// The first generation whose schema declares `name` inside `parent`, as xsd-parser reads
/// `schemas/` (not the library's own tables, which the property checks).
fn first_declaring(parent: &str, name: &str) -> Option<Target> {
    xsd_oracle::first_declaring(parent, name).map(|i| Target::ALL[i])
}

/// The generation a document's content needs, worked out independently of the library:
/// from the elements of its canonical XML and what each schema declares.
fn content_generation(doc: &Document) -> Target {
    let text = xml::write_string(doc, WriteOptions::default()).expect("generated documents write");
    let tree = roxmltree::Document::parse(&text).expect("canonical XML parses");
    let root = tree.root_element();
    let root_name = root.tag_name().name();
    let mut newest = xsd_oracle::first_declaring_root(root_name)
        .map(|i| Target::ALL[i])
        .unwrap_or_else(|| panic!("`{root_name}` is a root in no generation"));
    for node in root.descendants().filter(|n| n.is_element() && *n != root) {
        let parent = node
            .parent_element()
            .map(|p| p.tag_name().name())
            .unwrap_or_default();
        let name = node.tag_name().name();
        let since = first_declaring(parent, name)
            .unwrap_or_else(|| panic!("`{name}` in `{parent}` is in no generation"));
        newest = newest.max(since);
    }
    newest
}

/// The document without the capabilities and person fields 1.0 does not have, so that 1.0
/// documents that do have a JSON form are generated often.
fn only_1_0_fields(doc: Document) -> Document {
    fn strip(value: &mut Value, parent: &str) {
        if let Some(object) = value.as_object_mut() {
            for (name, field) in object.iter_mut() {
                if first_declaring(parent, name).is_some_and(|t| t > Target::BeforeOutlook2010) {
                    *field = Value::Null;
                }
            }
        }
    }
    let namespace = doc.namespace;
    let root = match doc.root {
        Root::Capabilities(c) => {
            let mut v = serde_json::to_value(c).expect("serialises");
            strip(&mut v, "capabilities");
            Root::Capabilities(serde_json::from_value(v).expect("still fits"))
        }
        Root::Friends(f) => {
            let mut v = serde_json::to_value(f).expect("serialises");
            for person in v["person"].as_array_mut().into_iter().flatten() {
                strip(person, "person");
            }
            Root::Friends(serde_json::from_value(v).expect("still fits"))
        }
        other => other,
    };
    Document::new(root).in_namespace(namespace)
}

fn check_json_round_trip(
    doc: &Document,
    encoding: Encoding,
    pretty: bool,
) -> Result<(), TestCaseError> {
    let needs = content_generation(doc);
    let expected = match doc.namespace {
        Namespace::Osc10 => Target::BeforeOutlook2010,
        _ => needs.max(Target::Outlook2010),
    };
    prop_assert_eq!(generation_of(doc), expected);
    match json::to_json_string(doc, encoding, pretty) {
        Ok(text) => {
            prop_assert!(
                needs <= expected,
                "a 1.0 document with later content was written"
            );
            let v: Value = serde_json::from_str(&text).expect("JSON");
            prop_assert_eq!(&v["generation"], expected.label());
            prop_assert_eq!(&v["root"], doc.root.kind().name());
            let back = json::from_json_str(&text)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(&back.0, doc);
            prop_assert_eq!(back.1, encoding);
        }
        Err(Error::Unwritable { .. }) => {
            prop_assert_eq!(doc.namespace, Namespace::Osc10);
            prop_assert!(needs > Target::BeforeOutlook2010);
        }
        Err(e) => return Err(TestCaseError::fail(e.to_string())),
    }
    Ok(())
}

fn encoding() -> impl Strategy<Value = Encoding> {
    select(&[Encoding::Utf8, Encoding::Utf16][..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn capabilities_survive_json(
        caps in capabilities(), ns in namespace(), old in any::<bool>(),
        enc in encoding(), pretty in any::<bool>(),
    ) {
        let doc = Document::from(caps).in_namespace(ns);
        let doc = if old { only_1_0_fields(doc) } else { doc };
        check_json_round_trip(&doc, enc, pretty)?;
    }

    #[test]
    fn friends_survive_json(
        persons in vec(person(), 0..3), ns in namespace(), old in any::<bool>(),
        enc in encoding(), pretty in any::<bool>(),
    ) {
        let doc = Document::from(Friends { persons }).in_namespace(ns);
        let doc = if old { only_1_0_fields(doc) } else { doc };
        check_json_round_trip(&doc, enc, pretty)?;
    }

    #[test]
    fn person_survives_json(p in person(), ns in namespace(), enc in encoding()) {
        check_json_round_trip(&Document::from(p).in_namespace(ns), enc, true)?;
    }

    #[test]
    fn activity_feed_survives_json(f in feed(), ns in namespace(), enc in encoding()) {
        check_json_round_trip(&Document::from(f).in_namespace(ns), enc, false)?;
    }

    #[test]
    fn hashed_addresses_survive_json(
        h in hashed(),
        ns in select(&[Namespace::Osc10, Namespace::Osc11, Namespace::Absent][..]),
        enc in encoding(),
    ) {
        check_json_round_trip(&Document::from(h).in_namespace(ns), enc, true)?;
    }

    /// Cutting a valid envelope anywhere, or changing one byte of it, gives an error or a
    /// document, never a panic.
    #[test]
    fn damaged_envelopes_do_not_panic(cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let text = std::fs::read("fixtures/docs/friends-2013.xml")
            .ok()
            .and_then(|b| xml::read_bytes(&b).ok())
            .and_then(|p| json::to_json_string(&p.document, Encoding::Utf8, true).ok())
            .expect("the fixture converts");
        let at = cut.index(text.len());
        let _ = json::from_json_slice(&text.as_bytes()[..at]);
        let mut changed = text.into_bytes();
        changed[at] = byte;
        let _ = json::from_json_slice(&changed);
    }

    #[test]
    fn arbitrary_text_does_not_panic(text in "\\PC*") {
        let _ = json::from_json_str(&text);
        let _ = json::from_json_str(&format!("{{\"document\": {text}"));
    }
}
