//! Documents in the encoding their declaration names are read in it; a declaration that
//! lies about the bytes is the finding, at the first byte it lies about, saying what the
//! bytes look like; an honest file gets nothing. In memory and as a stream alike.

mod support;

use osc_schema::Validator;
use osc_schema::check::IN_MEMORY_LIMIT;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, oscx, stdout};
use support::fixtures::root;

/// A fixture, and what `oscx validate` finds in it: (code, line, column, words the
/// message holds, words the help holds); empty for none.
type Expected = &'static [(&'static str, u32, u32, &'static str, &'static str)];

const CASES: &[(&str, Expected)] = &[
    ("valid/encodings/windows-1252.xml", &[]),
    ("valid/encodings/iso-8859-1.xml", &[]),
    ("valid/encodings/us-ascii.xml", &[]),
    ("valid/encodings/windows-1252-ascii-only.xml", &[]),
    (
        "valid/encodings/bstr-declares-utf-16.xml",
        &[("xml::encoding-mismatch", 1, 1, "`utf-16`", "BSTR")],
    ),
    (
        "invalid/xml-encoding/windows-1252-declared-utf-8.xml",
        &[("xml::encoding", 4, 17, "windows-1252", "encoding=")],
    ),
    (
        "invalid/xml-encoding/utf-8-declared-windows-1252.xml",
        &[("xml::encoding", 4, 17, "bytes are UTF-8", "utf-8")],
    ),
    (
        "invalid/xml-encoding/latin-1-declared-us-ascii.xml",
        &[("xml::encoding", 4, 17, "not ASCII", "declare")],
    ),
];

fn findings(path: &str) -> FileRecord {
    let out = oscx(
        &[
            "validate",
            "--method",
            "GetDetails",
            "--format",
            "json",
            path,
        ],
        None,
    );
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(label: &str, record: &FileRecord, expected: Expected, lines_down: u32) {
    let found: Vec<_> = record
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.column))
        .collect();
    let wanted: Vec<_> = expected
        .iter()
        // The declaration, on line 1, stays where it is.
        .map(|&(code, line, column, _, _)| {
            let line = if line > 1 { line + lines_down } else { line };
            (code, line, column)
        })
        .collect();
    assert_eq!(found, wanted, "{label}: {:#?}", record.diagnostics);
    for (d, &(_, _, _, says, helps)) in record.diagnostics.iter().zip(expected) {
        assert!(d.message.contains(says), "{label}: {}", d.message);
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains(helps), "{label}: {help}");
    }
    assert_eq!(
        record.valid,
        !expected.iter().any(|(code, ..)| *code == "xml::encoding"),
        "{label}"
    );
}

#[test]
fn each_document_is_read_in_the_encoding_it_declares() {
    for &(fixture, expected) in CASES {
        let path = format!("fixtures/{fixture}");
        check(fixture, &findings(&path), expected, 0);
    }
}

/// The fixture with a comment past the in-memory limit after its declaration (ASCII in
/// every encoding here), which moves every line down by one.
fn padded(fixture: &str) -> Vec<u8> {
    let bytes = std::fs::read(root().join("fixtures").join(fixture)).expect("fixture");
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .expect("a declaration")
        + 1;
    let past_the_limit = usize::try_from(IN_MEMORY_LIMIT).expect("fits") + 1024;
    let mut out = bytes[..line_end].to_vec();
    out.extend_from_slice(b"<!--");
    out.extend(std::iter::repeat_n(b'x', past_the_limit));
    out.extend_from_slice(b"-->\n");
    out.extend_from_slice(&bytes[line_end..]);
    out
}

#[test]
fn a_stream_is_read_alike() {
    let dir = TempDir::new("encodings");
    for &(fixture, expected) in CASES {
        let name = fixture.replace('/', "-");
        let path = dir.file(&name, &padded(fixture));
        let label = format!("{fixture} as a stream");
        let record = findings(path.to_str().expect("utf-8 path"));
        check(&label, &record, expected, 1);
    }
}

#[test]
fn the_library_streams_a_declared_encoding_without_the_whole_text() {
    // What the command line gets right for a stream it may also place by reading the text
    // whole; the stream reader alone must already read the encoding and refuse the lie.
    let validator = Validator::auto();
    let report = validator
        .validate_reader(padded("valid/encodings/windows-1252.xml").as_slice())
        .expect("reads");
    assert!(report.is_valid(), "{:#?}", report.diagnostics());
    let report = validator
        .validate_reader(padded("invalid/xml-encoding/utf-8-declared-windows-1252.xml").as_slice())
        .expect("reads");
    let codes: Vec<_> = report
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["xml::encoding"], "{:#?}", report.diagnostics());
    assert!(report.diagnostics()[0].message.contains("bytes are UTF-8"));
}

#[test]
fn a_character_cut_by_a_read_is_judged_whole() {
    // A reader that hands out a byte at a time cuts every character of the text.
    struct Dribble<'a>(&'a [u8]);
    impl std::io::Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            if buf.is_empty() {
                return Ok(0);
            }
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }
    let validator = Validator::auto();
    for (fixture, valid) in [
        ("valid/encodings/windows-1252.xml", true),
        (
            "invalid/xml-encoding/utf-8-declared-windows-1252.xml",
            false,
        ),
    ] {
        let bytes = padded(fixture);
        let reader = std::io::BufReader::with_capacity(1, Dribble(&bytes));
        let report = validator.validate_reader(reader).expect("reads");
        assert_eq!(
            report.is_valid(),
            valid,
            "{fixture}: {:#?}",
            report.diagnostics()
        );
    }
}

mod in_pieces {
    //! Any document in a declared 8-bit encoding, honest or not, gets the same verdict and
    //! the same words read whole and read as a stream whatever the sizes of its reads.

    use osc_schema::Validator;
    use proptest::prelude::*;

    /// Hands out the bytes in reads of the given sizes, in turn.
    struct Pieces<'a> {
        bytes: &'a [u8],
        sizes: Vec<usize>,
        next: usize,
    }

    impl std::io::Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.sizes[self.next % self.sizes.len()];
            self.next += 1;
            let n = size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn document(declared: &str, names: &[String], as_utf8: bool) -> Vec<u8> {
        let mut text = format!(
            "<?xml version=\"1.0\" encoding=\"{declared}\"?>\n<friends xmlns=\"{}\">\n",
            "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"
        );
        for (i, name) in names.iter().enumerate() {
            text.push_str(&format!(
                "  <person>\n    <userID>{i}</userID>\n    <fullName>{name}</fullName>\n  </person>\n"
            ));
        }
        text.push_str("</friends>\n");
        if as_utf8 {
            text.into_bytes()
        } else {
            encoding_rs::WINDOWS_1252.encode(&text).0.into_owned()
        }
    }

    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!['a', 'Z', ' ', 'é', 'Ø', 'ß', '“', '”', '€', 'ñ']),
            1..12,
        )
        .prop_map(|chars| chars.into_iter().collect::<String>().trim().to_owned())
        .prop_filter("a name", |n| !n.is_empty())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(super::support::cases(200)))]

        #[test]
        fn read_whole_or_in_pieces_alike(
            declared in prop::sample::select(vec!["windows-1252", "utf-8", "ISO-8859-1", "us-ascii"]),
            names in prop::collection::vec(name(), 1..6),
            as_utf8 in any::<bool>(),
            sizes in prop::collection::vec(1usize..9, 1..4),
        ) {
            let bytes = document(declared, &names, as_utf8);
            let validator = Validator::auto();
            let whole = validator.validate_bytes(&bytes);
            let reader = std::io::BufReader::with_capacity(
                7,
                Pieces { bytes: &bytes, sizes, next: 0 },
            );
            let streamed = validator.validate_reader(reader).expect("reads");
            let said = |r: &osc_schema::Report| -> Vec<(String, String, String)> {
                r.diagnostics()
                    .iter()
                    .map(|d| (d.code.as_str().to_owned(), d.message.clone(), d.location.path.clone()))
                    .collect()
            };
            prop_assert_eq!(said(&whole), said(&streamed));
        }
    }
}
