//! E-mail hashing and the `hashedAddresses` request: normalisation invariance, requests that
//! the 1.1 schema accepts (ours and, where xmllint is installed, Microsoft's original) and
//! that read back unchanged, and `oscx hash`.

use std::path::PathBuf;
use std::process::Command;

use osc_schema::hash::{Normalization, RequestBuilder, hash_email, hash_email_with};
use osc_schema::model::{Document, HashFunction, PersonAddresses, Root};
use osc_schema::{Namespace, Target, Validator};
use proptest::prelude::*;

mod support;
use support::cli::{TempDir, oscx, stderr, stdout};
use support::external;

const FUNCTIONS: [HashFunction; 3] = [
    HashFunction::Sha1,
    HashFunction::Md5,
    HashFunction::Crc32Md5,
];

const MELISSA_SHA1: &str = "bb81577b567262a21a4df5f6e335c1250acd7b50";
const MELISSA_MD5: &str = "c8c39e61ca1662477b39b83d7b0a0615";
const MELISSA_CRC32MD5: &str = "2149665315_c8c39e61ca1662477b39b83d7b0a0615";

/// The three people every request test uses; the second has three addresses, the third two.
const PEOPLE: [&[&str]; 3] = [
    &["melissa@contoso.com"],
    &[
        "ana@example.com",
        "Ana.Lima@Example.ORG",
        " ana+news@example.net ",
    ],
    &["bo@example.com", "bo@work.example"],
];

fn request(namespaced: bool) -> Document {
    PEOPLE
        .iter()
        .fold(RequestBuilder::new(HashFunction::Sha1), |b, p| {
            b.person(p.iter())
        })
        .namespaced(namespaced)
        .build()
}

fn people(doc: &Document) -> &[PersonAddresses] {
    match &doc.root {
        Root::HashedAddresses(h) => &h.person_addresses,
        other => panic!("not a hashedAddresses request: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Normalisation

/// A lowercase address: ASCII, plus a few letters whose uppercase is one letter that
/// lowercases back to them (unlike `ß`, whose uppercase is `SS`).
fn address() -> impl Strategy<Value = String> {
    "[a-z0-9éöåçñ][a-z0-9._+éöåçñ-]{0,15}@[a-z0-9éö]{1,12}(\\.[a-z]{2,6}){1,2}"
}

/// White space that `str::trim` removes: ASCII and beyond.
fn white_space() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            " ", "\t", "\r\n", "\n", "\u{a0}", "\u{2003}", "\u{3000}",
        ]),
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

/// `address` with the letters at the chosen positions uppercased.
fn recase(address: &str, upper: &[bool]) -> String {
    address
        .chars()
        .zip(upper.iter().copied().chain(std::iter::repeat(false)))
        .flat_map(|(c, up)| {
            let cased: Vec<char> = if up {
                c.to_uppercase().collect()
            } else {
                vec![c]
            };
            cased
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn case_and_surrounding_white_space_never_change_the_hash(
        address in address(),
        upper in prop::collection::vec(any::<bool>(), 0..40),
        before in white_space(),
        after in white_space(),
    ) {
        let variant = format!("{before}{}{after}", recase(&address, &upper));
        for function in FUNCTIONS {
            let expected = hash_email_with(&address, function, Normalization::None);
            prop_assert_eq!(hash_email(&variant, function), expected, "{:?} {:?}", function, variant);
        }
    }
}

#[test]
fn the_documentation_vectors() {
    let expected = [MELISSA_SHA1, MELISSA_MD5, MELISSA_CRC32MD5];
    for (function, expected) in FUNCTIONS.into_iter().zip(expected) {
        assert_eq!(hash_email("melissa@contoso.com", function), expected);
        assert_eq!(hash_email(" Melissa@Contoso.COM ", function), expected);
        assert_ne!(
            hash_email_with(" Melissa@Contoso.COM ", function, Normalization::None),
            expected
        );
    }
}

// ---------------------------------------------------------------------------------------
// The request against the schema

#[test]
fn a_request_of_three_people_is_valid_1_1() {
    for namespaced in [true, false] {
        let xml = osc_schema::xml::to_string(&request(namespaced)).expect("writes");
        let report = Validator::new(Target::Outlook2010).validate_str(&xml);
        assert!(
            report.is_valid(),
            "namespaced: {namespaced}\n{xml}\n{:#?}",
            report.diagnostics()
        );
    }
}

fn reference_xsd_1_1() -> Option<PathBuf> {
    external::reference_xsds(["OutlookSocialProvider_1.1-2010.original-utf16.xsd"]).map(|[p]| p)
}

#[test]
fn a_request_of_three_people_is_valid_against_the_original_1_1_schema_in_xmllint() {
    let Some(xsd) = reference_xsd_1_1() else {
        return;
    };
    if external::xmllint().is_none() {
        return;
    }
    let dir = TempDir::new("xmllint");
    let xml = osc_schema::xml::to_string(&request(true)).expect("writes");
    let path = dir.file("request.xml", xml.as_bytes());
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&path)
        .output()
        .expect("xmllint runs");
    assert!(
        out.status.success(),
        "{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn both_forms_read_back_to_the_same_indexes_and_hashes() {
    let expected: Vec<(i32, Vec<String>)> = PEOPLE
        .iter()
        .zip(0..)
        .map(|(addresses, index)| {
            let hashes = addresses
                .iter()
                .map(|a| hash_email(a, HashFunction::Sha1))
                .collect();
            (index, hashes)
        })
        .collect();
    for (namespaced, namespace) in [(true, Namespace::Osc11), (false, Namespace::Absent)] {
        let doc = request(namespaced);
        let bytes = osc_schema::xml::write_bytes(&doc, Default::default()).expect("writes");
        let read = osc_schema::xml::read_bytes(&bytes).expect("reads").document;
        assert_eq!(read, doc);
        assert_eq!(read.namespace, namespace);
        let got: Vec<(i32, Vec<String>)> = people(&read)
            .iter()
            .map(|p| (p.index, p.hashed_addresses.clone()))
            .collect();
        assert_eq!(got, expected, "namespaced: {namespaced}");
    }
}

// ---------------------------------------------------------------------------------------
// `oscx hash`

/// The people of [`PEOPLE`] as a request file, with a comment, a blank line and untidy
/// spacing around the commas.
const PEOPLE_FILE: &str = "\
# three people, the second with three addresses
melissa@contoso.com

ana@example.com ,Ana.Lima@Example.ORG,   ana+news@example.net
  bo@example.com,bo@work.example  
";

#[test]
fn cli_prints_the_documentation_vectors_one_per_line() {
    for (function, expected) in [
        ("sha1", MELISSA_SHA1),
        ("md5", MELISSA_MD5),
        ("crc32md5", MELISSA_CRC32MD5),
        ("CRC32MD5", MELISSA_CRC32MD5),
    ] {
        let o = oscx(
            &[
                "hash",
                "melissa@contoso.com",
                " Melissa@Contoso.COM ",
                "--function",
                function,
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), format!("{expected}\n{expected}\n"));
    }
}

#[test]
fn cli_keeps_the_order_of_the_addresses() {
    let o = oscx(
        &["hash", "-f", "md5", "a@x.example", "melissa@contoso.com"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = format!(
        "{}\n{MELISSA_MD5}\n",
        hash_email("a@x.example", HashFunction::Md5)
    );
    assert_eq!(stdout(&o), expected);
}

#[test]
fn cli_no_normalize_hashes_the_bytes_as_given() {
    let o = oscx(
        &[
            "hash",
            "--no-normalize",
            "-f",
            "sha1",
            "melissa@contoso.com",
            " Melissa@Contoso.COM ",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let raw = hash_email_with(
        " Melissa@Contoso.COM ",
        HashFunction::Sha1,
        Normalization::None,
    );
    assert_ne!(raw, MELISSA_SHA1);
    assert_eq!(stdout(&o), format!("{MELISSA_SHA1}\n{raw}\n"));
}

#[test]
fn cli_request_from_a_file_is_the_builders_request() {
    let dir = TempDir::new("request");
    let path = dir.file("people.txt", PEOPLE_FILE.as_bytes());
    let path = path.to_str().expect("UTF-8 temp path");
    let o = oscx(&["hash", "--request", path, "--function", "sha1"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    insta::assert_snapshot!("request_sha1", text);
    let expected = osc_schema::xml::to_string(&request(true)).expect("writes");
    assert_eq!(text, expected);
    assert!(
        Validator::new(Target::Outlook2010)
            .validate_str(&text)
            .is_valid()
    );
}

#[test]
fn cli_request_from_stdin_without_namespace() {
    let o = oscx(
        &["hash", "--request", "-", "-f", "sha1", "--no-namespace"],
        Some(PEOPLE_FILE.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<hashedAddresses>\n"),
        "{text}"
    );
    let read = osc_schema::xml::read_str(&text).expect("reads");
    assert_eq!(read, request(false));
}

#[test]
fn cli_request_with_no_normalize_keeps_case_but_not_the_spacing_around_commas() {
    let o = oscx(
        &["hash", "--request", "-", "-f", "md5", "--no-normalize"],
        Some(b" Ana@Example.com , bo@example.com\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = osc_schema::xml::read_str(&stdout(&o)).expect("reads");
    let raw = |a| hash_email_with(a, HashFunction::Md5, Normalization::None);
    assert_eq!(
        people(&read)[0].hashed_addresses,
        [raw("Ana@Example.com"), raw("bo@example.com")]
    );
}

#[test]
fn cli_an_empty_address_in_a_request_names_its_line() {
    let o = oscx(
        &["hash", "--request", "-", "-f", "sha1"],
        Some(b"# people\na@x.example\nb@y.example,,c@z.example\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "oscx: <stdin>: line 3: empty address (a comma with no address before or after it)\n"
    );
}

#[test]
fn cli_usage_errors_exit_2() {
    let cases: [&[&str]; 8] = [
        // No function.
        &["hash", "melissa@contoso.com"],
        // An unknown function.
        &["hash", "melissa@contoso.com", "-f", "sha256"],
        // Neither addresses nor a request.
        &["hash", "-f", "sha1"],
        // Both.
        &["hash", "a@x.example", "--request", "-", "-f", "sha1"],
        // `--no-namespace` without a request.
        &["hash", "a@x.example", "-f", "sha1", "--no-namespace"],
        &["hash", "-f", "sha1", "--no-namespace"],
        // A blank address.
        &["hash", "a@x.example", "  ", "-f", "sha1"],
        // A request file that is not there.
        &["hash", "--request", "does/not/exist.txt", "-f", "sha1"],
    ];
    for args in cases {
        let o = oscx(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
}

#[test]
fn cli_a_request_file_must_be_utf8() {
    let o = oscx(
        &["hash", "--request", "-", "-f", "sha1"],
        Some(b"a@x.example\n\xff@y.example\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));
}

#[test]
fn cli_help_has_examples() {
    let o = oscx(&["hash", "--help"], None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for needle in ["Examples:", "--no-normalize", "--no-namespace", "crc32md5"] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}
