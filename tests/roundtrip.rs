//! Round trips between the model and XML.
//!
//! - property tests: generated models of every root survive writing and reading, with and
//!   without a declaration, pretty and compact, as UTF-8 and as UTF-16 bytes, including the awkward values (timezone spellings, 1024-character
//!   non-ASCII text, markup characters, CR/LF, empty strings and lists, extreme integers);
//!   with comments and processing instructions put between their elements, which come back
//!   where they stood, the canonical form with them being what the writer writes;
//! - fixtures: canonical fixtures are reproduced byte for byte, docs examples are stable,
//!   encoding twins read to the same document as their originals;
//! - snapshots of the canonical output of every fixture;
//! - the acceptance checks on bounded strings, dateTimes, booleans and integers.

use std::fs;
use std::path::{Path, PathBuf};

use osc_schema::model::{
    Capabilities, Document, Friends, HashedAddresses, Person, PersonAddresses, Root,
};
use osc_schema::version::NS_1_1;
use osc_schema::xml::decode::{declared_encoding, decode};
use osc_schema::xml::{
    Declaration, WriteOptions, read_bytes, read_str, to_string, write_bytes, write_string,
};
use osc_schema::xs::{BoundedString, Timezone, XsDateTime};
use osc_schema::{Error, Namespace};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;

mod support;
use support::strategies::*;

// ---------------------------------------------------------------------------------------------
// Strategies (generators in `support::strategies`)
// ---------------------------------------------------------------------------------------------

/// `n` values drawn from `strategy` with a fixed seed.
fn samples<S: Strategy>(strategy: S, n: usize) -> Vec<S::Value> {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// The round-trip properties only prove something if the generators reach the awkward
/// values; this keeps a later edit of a strategy from quietly dropping them.
#[test]
fn generators_cover_the_tricky_values() {
    let times = samples(date_time(), 500);
    let has = |what: &str, f: &dyn Fn(&XsDateTime) -> bool| {
        assert!(times.iter().any(f), "no dateTime with {what}");
    };
    has("Z", &|t| t.as_str().ends_with('Z'));
    has("+00:00", &|t| t.as_str().ends_with("+00:00"));
    has("-00:00", &|t| t.as_str().ends_with("-00:00"));
    has("no timezone", &|t| t.timezone() == Timezone::Absent);
    has("a fraction", &|t| !t.fraction().is_empty());
    has("24:00:00", &|t| t.hour() == 24);
    has("a negative year", &|t| t.year() < 0);
    has("a five-digit year", &|t| t.year().abs() >= 10_000);

    let dates = samples(date(), 200);
    assert!(dates.iter().any(|d| d.timezone() == Timezone::Absent));
    assert!(dates.iter().any(|d| d.timezone() != Timezone::Absent));

    let strings = samples(bounded(), 2000);
    let has = |what: &str, f: &dyn Fn(&str) -> bool| {
        assert!(strings.iter().any(|s| f(s)), "no string with {what}");
    };
    has("1024 non-ASCII characters", &|s| {
        s.chars().count() == 1024 && !s.is_ascii()
    });
    has("a surrogate pair", &|s| s.chars().any(|c| c > '\u{FFFF}'));
    has("`]]>`", &|s| s.contains("]]>"));
    has("CRLF", &|s| s.contains("\r\n"));
    has("a lone CR", &|s| s.contains('\r') && !s.contains("\r\n"));
    has("LF", &|s| s.contains('\n'));
    for c in ['&', '<', '>', '"', '\''] {
        has(&format!("{c}"), &|s| s.contains(c));
    }
    has("only whitespace", &|s| {
        !s.is_empty() && s.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
    });
    has("nothing", &str::is_empty);

    assert!(samples(u64_value(), 100).contains(&u64::MAX));
    let ints = samples(i32_value(), 100);
    assert!(ints.contains(&i32::MIN) && ints.contains(&i32::MAX));
}

// ---------------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------------

fn ok<T>(result: Result<T, Error>, what: &str) -> Result<T, TestCaseError> {
    result.map_err(|e| TestCaseError::fail(format!("{what}: {e}")))
}

/// Reads `text` (or `bytes`, when given) back and compares with `doc`.
fn check_read_back(
    doc: &Document,
    options: WriteOptions,
    text: &str,
    bytes: Option<&[u8]>,
) -> Result<(), TestCaseError> {
    match bytes {
        None => {
            let back = ok(read_str(text), &format!("reading {options:?}\n{text}"))?;
            prop_assert_eq!(&back, doc, "{:?}:\n{}", options, text);
        }
        Some(bytes) => {
            let parsed = ok(
                read_bytes(bytes),
                &format!("read_bytes {options:?}\n{text}"),
            )?;
            prop_assert_eq!(&parsed.document, doc, "{:?} bytes:\n{}", options, text);
            // What we write matches its own declaration, so reading notices nothing.
            prop_assert!(parsed.notes.is_empty(), "notes: {:?}", parsed.notes);
        }
    }
    Ok(())
}

/// Write options that each property test cycles through on top of the fixed ones, so
/// that every declaration × layout combination is exercised without paying for all six
/// on every case.
const EXTRA_OPTIONS: [WriteOptions; 3] = [
    WriteOptions {
        declaration: Declaration::None,
        pretty: false,
    },
    WriteOptions {
        declaration: Declaration::Utf16,
        pretty: false,
    },
    WriteOptions {
        declaration: Declaration::Utf8,
        pretty: true,
    },
];

/// Checks that `doc` reads back unchanged when written canonically (`to_string`), compact,
/// without a declaration, as UTF-16 bytes, and in the extra options picked by `extra`
/// (written as bytes and read with `read_bytes`).
fn check_round_trips(doc: &Document, extra: usize) -> Result<(), TestCaseError> {
    let canonical = ok(to_string(doc), "to_string")?;
    check_read_back(doc, WriteOptions::default(), &canonical, None)?;

    for options in [
        WriteOptions {
            declaration: Declaration::Utf8,
            pretty: false,
        },
        WriteOptions {
            declaration: Declaration::None,
            pretty: true,
        },
    ] {
        let text = ok(write_string(doc, options), "write_string")?;
        check_read_back(doc, options, &text, None)?;
    }

    let options = WriteOptions {
        declaration: Declaration::Utf16,
        pretty: true,
    };
    let bytes = ok(write_bytes(doc, options), "write_bytes")?;
    // UTF-16LE with a byte order mark, and the same text as `write_string` gives.
    prop_assert_eq!(&bytes[..2], &[0xFF, 0xFE][..]);
    let text = ok(write_string(doc, options), "write_string")?;
    let units: Vec<u16> = text.encode_utf16().collect();
    prop_assert_eq!(bytes.len(), 2 + 2 * units.len());
    check_read_back(doc, options, &text, Some(&bytes))?;

    let options = EXTRA_OPTIONS[extra % EXTRA_OPTIONS.len()];
    let bytes = ok(write_bytes(doc, options), "write_bytes")?;
    let text = ok(write_string(doc, options), "write_string")?;
    if options.declaration != Declaration::Utf16 {
        prop_assert_eq!(&bytes[..], text.as_bytes(), "UTF-8 bytes are the text");
    }
    check_read_back(doc, options, &text, Some(&bytes))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(support::cases(1000)))]

    #[test]
    fn capabilities_round_trip(caps in capabilities(), ns in namespace(), extra in 0usize..3) {
        check_round_trips(&Document::from(caps).in_namespace(ns), extra)?;
    }

    #[test]
    fn friends_round_trip(persons in vec(person(), 0..3), ns in namespace(), extra in 0usize..3) {
        check_round_trips(&Document::from(Friends { persons }).in_namespace(ns), extra)?;
    }

    #[test]
    fn person_round_trip(p in person(), ns in namespace(), extra in 0usize..3) {
        check_round_trips(&Document::from(p).in_namespace(ns), extra)?;
    }

    #[test]
    fn activity_feed_round_trip(f in feed(), ns in namespace(), extra in 0usize..3) {
        check_round_trips(&Document::from(f).in_namespace(ns), extra)?;
    }

    #[test]
    fn hashed_addresses_round_trip(
        h in hashed(),
        ns in select(&[Namespace::Osc10, Namespace::Osc11, Namespace::Absent][..]),
        extra in 0usize..3,
    ) {
        check_round_trips(&Document::from(h).in_namespace(ns), extra)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

/// Where a comment may stand on a line of its own in canonical `text` (written without
/// comments): before each line that starts with a tag and is not inside a value (values may
/// hold line breaks), and after the last line. Each slot is the byte offset of its line and
/// the indentation a comment there has: the tag's, or a child's before an end tag.
fn comment_slots(text: &str) -> Vec<(usize, usize)> {
    let mut slots = Vec::new();
    let mut at = text.find('\n').map_or(text.len(), |n| n + 1);
    while at < text.len() {
        let line = &text[at..text[at..].find('\n').map_or(text.len(), |n| at + n)];
        let tag = line.trim_start_matches(' ');
        let indent = line.len() - tag.len();
        let before = text[..at].rfind('<').map_or("", |open| &text[open..at]);
        let after_a_start_tag = !before.starts_with("</") && !before.starts_with("<?");
        let in_a_value = after_a_start_tag && tag.starts_with("</");
        if tag.starts_with('<') && !in_a_value {
            let end_tag = tag.starts_with("</");
            slots.push((at, if end_tag { indent + 2 } else { indent }));
        }
        at += line.len() + 1;
    }
    slots.push((text.len(), 0));
    slots
}

/// `text` with each comment put on a line of its own at a slot of [`comment_slots`].
fn with_comments(text: &str, comments: &[(proptest::sample::Index, String)]) -> String {
    let slots = comment_slots(text);
    let mut placed: Vec<(usize, usize, &str)> = comments
        .iter()
        .map(|(slot, markup)| {
            let (at, indent) = slots[slot.index(slots.len())];
            (at, indent, markup.as_str())
        })
        .collect();
    placed.sort_by_key(|&(at, _, _)| at);
    let mut out = String::new();
    let mut copied = 0;
    for (at, indent, markup) in placed {
        out.push_str(&text[copied..at]);
        copied = at;
        out.push_str(&" ".repeat(indent));
        out.push_str(markup);
        out.push('\n');
    }
    out.push_str(&text[copied..]);
    out
}

/// A comment or processing instruction as written, with awkward but legal text.
fn comment_markup() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ a-zA-Z0-9.,:<>&\n]{0,16}".prop_map(|t| format!("<!--{t}-->")),
        "OSC0[0-9]{2}(: [a-z ]{0,8}[a-z])?".prop_map(|t| format!("<!-- oscx-allow {t} -->")),
        "pi-[a-z]{1,5}( [a-z=\"]{0,10})?".prop_map(|t| format!("<?{t}?>")),
    ]
}

fn any_document() -> impl Strategy<Value = Document> {
    prop_oneof![
        capabilities().prop_map(Document::from),
        vec(person(), 0..3).prop_map(|persons| Document::from(Friends { persons })),
        person().prop_map(Document::from),
        feed().prop_map(Document::from),
        hashed().prop_map(Document::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(support::cases(300)))]

    /// Comments put anywhere a canonical document has a line break between elements read
    /// into the model and are written back where they were: the canonical form with
    /// comments is what the writer writes. The document round-trips with them in every
    /// layout and encoding.
    #[test]
    fn documents_with_comments_round_trip(
        doc in any_document(),
        comments in vec((any::<proptest::sample::Index>(), comment_markup()), 1..5),
        extra in 0usize..3,
    ) {
        let canonical = ok(to_string(&doc), "to_string")?;
        let text = with_comments(&canonical, &comments);
        let read = ok(read_str(&text), &format!("reading\n{text}"))?;
        prop_assert_eq!(read.comments.len(), comments.len(), "{}", text);
        let mut without = read.clone();
        without.comments.clear();
        prop_assert_eq!(&without, &doc);
        prop_assert_eq!(ok(to_string(&read), "to_string")?, text);
        check_round_trips(&read, extra)?;
    }
}

#[test]
fn a_comment_the_document_has_no_place_for_is_refused() {
    use osc_schema::model::{Comment, Place};
    let mut doc = Document::from(Person::new("1"));
    for (comment, field) in [
        (
            Comment::new("x", Place::before("/person/nickname")),
            "/person/nickname",
        ),
        (Comment::new("a -- b", Place::before("/person")), "/person"),
        (Comment::new("ends in -", Place::AfterRoot), ""),
        (
            Comment::instruction("xml version", Place::before("/person")),
            "/person",
        ),
        (
            Comment::instruction("pi ?> x", Place::end("/person/userID")),
            "/person/userID",
        ),
    ] {
        doc.comments = vec![comment.clone()];
        match to_string(&doc) {
            Err(Error::Unwritable { field: named, .. }) => assert_eq!(named, field, "{comment:?}"),
            other => panic!("{comment:?}: expected Unwritable, got {other:?}"),
        }
    }
}

/// Every `stringType` field of a person at the 1024-character limit, in characters that
/// take two UTF-16 units or several UTF-8 bytes, with markup and line ends mixed in.
#[test]
fn longest_values_round_trip() {
    let mut p = Person::new("😀".repeat(2000));
    let fills = ["😀", "é&<>]]>", "\r\n京", " \t"];
    let bounded_fields = [
        &mut p.first_name,
        &mut p.last_name,
        &mut p.full_name,
        &mut p.nickname,
        &mut p.file_as,
        &mut p.company,
        &mut p.title,
        &mut p.phone,
        &mut p.cell,
        &mut p.home_phone,
        &mut p.work_phone,
        &mut p.address,
        &mut p.city,
        &mut p.state,
        &mut p.country_or_region,
        &mut p.zip,
        &mut p.relationship,
        &mut p.business_address,
        &mut p.business_city,
        &mut p.business_state,
        &mut p.business_country_or_region,
        &mut p.business_zip,
        &mut p.other_address,
        &mut p.other_city,
        &mut p.other_state,
        &mut p.other_country_or_region,
        &mut p.other_zip,
        &mut p.website,
        &mut p.askmeabout,
        &mut p.industries,
        &mut p.skills,
        &mut p.interests,
        &mut p.schools,
        &mut p.location,
    ];
    assert_eq!(bounded_fields.len(), BOUNDED_FIELDS);
    for (i, field) in bounded_fields.into_iter().enumerate() {
        let value: String = fills[i % fills.len()].chars().cycle().take(1024).collect();
        *field = Some(BoundedString::new(value).unwrap());
    }
    let friends = Friends {
        persons: vec![p.clone(), p.clone()],
    };
    for extra in 0..EXTRA_OPTIONS.len() {
        check_round_trips(&Document::from(p.clone()), extra).unwrap();
        check_round_trips(&Document::from(friends.clone()), extra).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Unwritable values
// ---------------------------------------------------------------------------------------------

#[test]
fn unwritable_character_names_its_field() {
    let mut p = Person::new("u1");
    p.first_name = Some(BoundedString::new("a\u{1}b").unwrap());

    let err = to_string(&Document::from(p.clone())).unwrap_err();
    match &err {
        Error::Unwritable { field, message } => {
            assert_eq!(field, "/person/firstName");
            assert!(message.contains("U+0001"), "{message}");
        }
        other => panic!("expected Unwritable, got {other:?}"),
    }

    // Inside a list the path says which person it is.
    let friends = Document::from(Friends {
        persons: vec![Person::new("u0"), p],
    });
    for options in [
        WriteOptions::default(),
        WriteOptions {
            declaration: Declaration::Utf16,
            pretty: false,
        },
    ] {
        match write_bytes(&friends, options) {
            Err(Error::Unwritable { field, .. }) => {
                assert!(field.ends_with("/firstName"), "{field}");
                assert!(field.contains("person[2]"), "{field}");
            }
            other => panic!("expected Unwritable, got {other:?}"),
        }
    }

    // A non-character deep in a hashedAddresses document.
    let h = HashedAddresses {
        person_addresses: vec![PersonAddresses {
            index: 3,
            hashed_addresses: vec!["ok".into(), "bad\u{FFFE}".into()],
        }],
    };
    match to_string(&Document::from(h)) {
        Err(Error::Unwritable { field, .. }) => assert!(field.contains("hashedAddress"), "{field}"),
        other => panic!("expected Unwritable, got {other:?}"),
    }
}

#[test]
fn only_hashed_addresses_may_lack_a_namespace() {
    let caps = Document::from(Capabilities::default()).in_namespace(Namespace::Absent);
    match to_string(&caps) {
        Err(Error::Unwritable { field, .. }) => assert_eq!(field, "/capabilities"),
        other => panic!("expected Unwritable, got {other:?}"),
    }
    let hashed = Document::from(HashedAddresses::default()).in_namespace(Namespace::Absent);
    assert_eq!(
        to_string(&hashed).unwrap(),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<hashedAddresses></hashedAddresses>\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// The canonical fixtures, as fixtures/README.md lists them: every hand-written UTF-8 file
/// and the UTF-16LE twin (which `write_bytes` produces for a `utf-16` declaration).
/// `person-2013.utf16be.xml` and `capabilities-2013.utf8bom.xml` are twins too, but the
/// writer never emits UTF-16BE or a UTF-8 byte order mark; `encoding_twins` covers them.
const CANONICAL: &[&str] = &[
    "activity-feed-1.0.xml",
    "activity-feed-empty.xml",
    "activity-feed-lists.xml",
    "capabilities-1.0.xml",
    "capabilities-2013.xml",
    "friends-1.0.xml",
    "friends-2013.xml",
    "friends-2013.utf16le.xml",
    "hashed-addresses.xml",
    "hashed-addresses-no-namespace.xml",
    "person-2013.xml",
];

/// Code samples from the Microsoft documentation (fixtures/README.md): copied byte for
/// byte and not in canonical form.
const DOCS_EXAMPLES: &[&str] = &[
    "activity-feed.xml",
    "capabilities.xml",
    "friends.xml",
    "history-2018-activity-feed.xml",
    "history-2018-capabilities.xml",
    "history-2018-friends.xml",
];

/// Encoding twins and the fixture each re-encodes.
const TWINS: &[(&str, &str)] = &[
    ("friends-2013.utf16le.xml", "friends-2013.xml"),
    ("person-2013.utf16be.xml", "person-2013.xml"),
    ("capabilities-2013.utf8bom.xml", "capabilities-2013.xml"),
];

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_dir().join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `*.xml` file in fixtures/docs, sorted by name.
fn all_fixtures() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(fixture_dir())
        .expect("fixtures/docs exists")
        .map(|entry| entry.expect("readable directory entry").file_name())
        .map(|name| name.into_string().expect("UTF-8 file name"))
        .filter(|name| name.ends_with(".xml"))
        .collect();
    names.sort();
    names
}

fn read_fixture(name: &str) -> Document {
    read_bytes(&fixture(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

/// The write options that reproduce a canonical fixture: its declaration (by the encoding
/// it names), pretty layout.
fn options_matching(bytes: &[u8]) -> WriteOptions {
    let decoded = decode(bytes).expect("decodable");
    let declaration = if !decoded.text.starts_with("<?xml") {
        Declaration::None
    } else {
        match declared_encoding(&decoded.text) {
            Some(enc) if enc.eq_ignore_ascii_case("utf-16") => Declaration::Utf16,
            Some(enc) if enc.eq_ignore_ascii_case("utf-8") => Declaration::Utf8,
            other => panic!("no write option declares encoding {other:?}"),
        }
    };
    WriteOptions {
        declaration,
        pretty: true,
    }
}

/// A fixture nobody classified would escape the byte-for-byte and stability checks.
#[test]
fn every_fixture_is_classified() {
    for name in all_fixtures() {
        let canonical = CANONICAL.contains(&name.as_str());
        let example = DOCS_EXAMPLES.contains(&name.as_str());
        // Twins the writer cannot reproduce are covered by the twin tests instead.
        let other_twin = !canonical && TWINS.iter().any(|(t, _)| *t == name);
        let classes = [canonical, example, other_twin];
        assert_eq!(
            classes.iter().filter(|&&c| c).count(),
            1,
            "{name}: canonical={canonical} docs example={example} twin={other_twin}"
        );
    }
    for name in CANONICAL.iter().chain(DOCS_EXAMPLES) {
        assert!(fixture_dir().join(name).is_file(), "{name} is missing");
    }
}

#[test]
fn every_fixture_reads() {
    for name in all_fixtures() {
        let parsed = read_bytes(&fixture(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(parsed.notes.is_empty(), "{name}: {:?}", parsed.notes);
    }
}

#[test]
fn canonical_fixtures_are_reproduced_byte_for_byte() {
    for name in CANONICAL {
        let bytes = fixture(name);
        let doc = read_fixture(name);
        let written =
            write_bytes(&doc, options_matching(&bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            written == bytes,
            "{name} is not reproduced:\n--- written\n{}\n--- fixture\n{}",
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&bytes),
        );
    }
}

#[test]
fn docs_examples_are_stable() {
    for name in DOCS_EXAMPLES {
        let bytes = fixture(name);
        let doc = read_fixture(name);
        let written = to_string(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read_str(&written).unwrap(), doc, "{name}");
        // The README says these are not canonical; if one ever were, it would belong in
        // CANONICAL, where the stronger byte-for-byte check applies.
        assert_ne!(
            written.as_bytes(),
            &bytes[..],
            "{name} is canonical after all"
        );
    }
}

#[test]
fn encoding_twins_read_as_their_originals() {
    for (twin, original) in TWINS {
        assert_eq!(read_fixture(twin), read_fixture(original), "{twin}");
    }
}

/// The twins the writer cannot produce are still exactly the canonical form, re-encoded.
#[test]
fn encoding_twins_are_the_canonical_form_re_encoded() {
    let caps = read_fixture("capabilities-2013.xml");
    let mut expected = vec![0xEF, 0xBB, 0xBF];
    expected.extend(write_bytes(&caps, WriteOptions::default()).unwrap());
    assert!(fixture("capabilities-2013.utf8bom.xml") == expected);

    let person = read_fixture("person-2013.xml");
    let text = write_string(
        &person,
        WriteOptions {
            declaration: Declaration::Utf16,
            pretty: true,
        },
    )
    .unwrap();
    let mut expected = vec![0xFE, 0xFF];
    expected.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert!(fixture("person-2013.utf16be.xml") == expected);
}

/// fixtures/README.md: adding the 1.1 namespace to the namespace-less request yields
/// hashed-addresses.xml byte for byte.
#[test]
fn hashed_addresses_without_namespace_differs_only_in_namespace() {
    let bare = read_fixture("hashed-addresses-no-namespace.xml");
    assert_eq!(bare.namespace, Namespace::Absent);
    let with_ns = bare.in_namespace(Namespace::Osc11);
    assert_eq!(with_ns, read_fixture("hashed-addresses.xml"));
    assert!(
        write_bytes(&with_ns, WriteOptions::default()).unwrap() == fixture("hashed-addresses.xml")
    );
}

#[test]
fn canonical_output_snapshots() {
    for name in all_fixtures() {
        let doc = read_fixture(&name);
        let canonical = to_string(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let snapshot = name.trim_end_matches(".xml");
        insta::assert_snapshot!(snapshot, canonical);
    }
}

// ---------------------------------------------------------------------------------------------
// Acceptance checks
// ---------------------------------------------------------------------------------------------

fn person_doc(children: &str) -> String {
    format!("<person xmlns=\"{NS_1_1}\"><userID>u1</userID>{children}</person>")
}

fn read_person(children: &str) -> Result<Person, Error> {
    match read_str(&person_doc(children))?.root {
        Root::Person(p) => Ok(*p),
        other => panic!("expected a person, got {other:?}"),
    }
}

#[test]
fn first_name_of_600_accented_characters_reads() {
    let name = "é".repeat(600);
    assert_eq!(name.len(), 1200, "twice as many bytes as characters");
    let p = read_person(&format!("<firstName>{name}</firstName>")).unwrap();
    assert_eq!(p.first_name.as_deref(), Some(name.as_str()));
}

#[test]
fn first_name_over_1024_characters_is_refused() {
    // The limit counts characters: 1024 multi-byte ones are fine, one more is not.
    for c in ["x", "é", "😀"] {
        let at_limit = c.repeat(1024);
        let p = read_person(&format!("<firstName>{at_limit}</firstName>")).unwrap();
        assert_eq!(p.first_name.unwrap().chars().count(), 1024);
        assert!(BoundedString::new(at_limit).is_ok());

        let over = c.repeat(1025);
        match read_person(&format!("<firstName>{over}</firstName>")) {
            Err(Error::InvalidValue { field, message, .. }) => {
                assert_eq!(field, "firstName");
                assert!(message.contains("1025"), "{message}");
            }
            other => panic!("expected InvalidValue for {c:?} × 1025, got {other:?}"),
        }
        assert!(BoundedString::new(over).is_err());
    }
}

#[test]
fn date_times_are_written_back_unchanged() {
    let examples = [
        "2010-01-08T08:30:20-08:00",
        "2010-03-05T17:19:57",
        "2010-03-05T17:19:14.5Z",
        "2010-03-05T17:19:14.5+00:00",
        "2010-03-05T17:19:14.5-00:00",
        "2010-03-05T17:19:14+00:00",
        "2010-03-05T17:19:14-00:00",
    ];
    let mut seen = Vec::new();
    for lexical in examples {
        let doc = read_str(&person_doc(&format!(
            "<creationTime>{lexical}</creationTime>"
        )))
        .unwrap();
        let expected = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<person xmlns=\"{NS_1_1}\">\n  \
             <userID>u1</userID>\n  <creationTime>{lexical}</creationTime>\n</person>\n"
        );
        assert_eq!(to_string(&doc).unwrap(), expected);
        // Same instant or not, every spelling is its own model value.
        assert!(!seen.contains(&doc), "{lexical} equals an earlier example");
        seen.push(doc);
    }
}

fn capabilities_doc(get_friends: &str, extra: &str) -> String {
    format!(
        "<capabilities xmlns=\"{NS_1_1}\"><getFriends>{get_friends}</getFriends>\
         <cacheFriends>0</cacheFriends><followPerson>false</followPerson>\
         <doNotFollowPerson>false</doNotFollowPerson><getActivities>false</getActivities>\
         <cacheActivities>false</cacheActivities><displayUrl>false</displayUrl>\
         <useLogonWebAuth>false</useLogonWebAuth>{extra}</capabilities>"
    )
}

fn read_capabilities(xml: &str) -> (Capabilities, String) {
    let doc = read_str(xml).unwrap();
    let written = to_string(&doc).unwrap();
    match doc.root {
        Root::Capabilities(c) => (c, written),
        other => panic!("expected capabilities, got {other:?}"),
    }
}

#[test]
fn boolean_one_with_spaces_reads_true_and_writes_true() {
    let (caps, written) = read_capabilities(&capabilities_doc(" 1 ", ""));
    assert!(caps.get_friends);
    assert!(!caps.cache_friends, "`0` is false");
    assert!(
        written.contains("\n  <getFriends>true</getFriends>\n"),
        "{written}"
    );
    assert!(
        written.contains("\n  <cacheFriends>false</cacheFriends>\n"),
        "{written}"
    );
}

#[test]
fn signed_unsigned_int_is_written_plain() {
    for (lexical, value) in [("+5", 5), ("-0", 0)] {
        let extra = format!("<contactSyncRestartInterval>{lexical}</contactSyncRestartInterval>");
        let (caps, written) = read_capabilities(&capabilities_doc("true", &extra));
        assert_eq!(caps.contact_sync_restart_interval, Some(value), "{lexical}");
        let line =
            format!("\n  <contactSyncRestartInterval>{value}</contactSyncRestartInterval>\n");
        assert!(written.contains(&line), "{lexical}:\n{written}");
    }
}

/// The empty and whitespace-only cases the model table singles out, checked on their own
/// so a failure points straight at them.
#[test]
fn empty_and_whitespace_text_is_kept() {
    let p = read_person("<nickname></nickname><city> \t </city><zip/>").unwrap();
    assert_eq!(p.nickname.as_deref(), Some(""));
    assert_eq!(p.city.as_deref(), Some(" \t "));
    assert_eq!(p.zip.as_deref(), Some(""));
    let written = to_string(&Document::from(p.clone())).unwrap();
    assert!(written.contains("<nickname></nickname>"), "{written}");
    assert!(written.contains("<zip></zip>"), "{written}");
    assert_eq!(read_str(&written).unwrap(), Document::from(p));
}
