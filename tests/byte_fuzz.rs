//! A byte-level fuzz of the whole pipeline that runs with the tests: fixtures mutated
//! byte by byte (flips, markup spliced in, cuts, repeats) go through decoding, validation
//! in memory and as a stream, the rules, the typed reader, the writer and the renderer.
//! Nothing may panic; a document the reader accepts must write and read back to the same
//! model; the stream and the text held in memory must agree on validity. The cargo-fuzz
//! targets in `fuzz/` do the same, guided by coverage, for longer runs.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;
use std::sync::OnceLock;

use osc_schema::check::Checker;
use osc_schema::lint::LintOptions;
use osc_schema::model::Root;
use osc_schema::xml::{self, WriteOptions};
use osc_schema::{Validator, render};
use proptest::prelude::*;

/// Markup and values worth splicing into a document.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&amp;",
    "&#0;",
    "&#x10FFFF;",
    "&lol;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?pi ?>",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x>",
    "\"",
    "'",
    "=",
    "xmlns=\"\"",
    "xmlns:o=\"urn:x\"",
    "o:",
    "<person>",
    "</person>",
    "<userID>",
    "</userID>",
    "\u{0}",
    "\u{FEFF}",
    "\u{1F600}",
    "é",
    "\r\n",
    " ",
    "true",
    "-1",
    "99999999999999999999",
    "2010-13-40T25:61:61Z",
    "{publisher:Publisher}",
    "{",
    "}",
];

fn fixtures() -> &'static Vec<Vec<u8>> {
    static FIXTURES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut found = Vec::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "xml") {
                    found.push(std::fs::read(&path).expect("fixture"));
                }
            }
        }
        found.sort();
        found
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Insert { at: usize, piece: usize },
    Remove { at: usize, len: usize },
    Truncate { at: usize },
    Repeat { at: usize, len: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Remove { at, len }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 1usize..60, 2usize..5).prop_map(|(at, len, times)| Mutation::Repeat {
            at,
            len,
            times
        }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |raw: usize, bytes: &Vec<u8>| {
        if bytes.is_empty() {
            0
        } else {
            raw % (bytes.len() + 1)
        }
    };
    match *m {
        Mutation::Flip { at: raw, bits } => {
            if !bytes.is_empty() {
                let i = raw % bytes.len();
                bytes[i] ^= bits;
            }
        }
        Mutation::Insert { at: raw, piece } => {
            let i = at(raw, bytes);
            bytes.splice(i..i, PIECES[piece].bytes());
        }
        Mutation::Remove { at: raw, len } => {
            let i = at(raw, bytes);
            let end = (i + len).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Truncate { at: raw } => {
            let i = at(raw, bytes);
            bytes.truncate(i);
        }
        Mutation::Repeat {
            at: raw,
            len,
            times,
        } => {
            let i = at(raw, bytes);
            let end = (i + len).min(bytes.len());
            let part = bytes[i..end].to_vec();
            for _ in 1..times {
                bytes.splice(end..end, part.iter().copied());
            }
        }
    }
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Validator::auto(), Some(LintOptions::default())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(support::cases(3000)))]

    #[test]
    fn mutated_documents_go_through_everything_without_loss(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = which.get(fixtures()).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let checked = checker().check_bytes("fuzz.xml", &bytes);
        let in_memory = Validator::auto().validate_bytes(&bytes);
        let streamed = Validator::auto().validate_reader(bytes.as_slice()).expect("reads from memory");
        prop_assert_eq!(in_memory.is_valid(), streamed.is_valid(), "{:?}", streamed.diagnostics());
        // The rules may add errors of their own, never take the schema's away.
        prop_assert!(in_memory.is_valid() || !checked.report.is_valid());
        if let Ok(parsed) = xml::read_bytes(&bytes) {
            let document = parsed.document;
            for pretty in [true, false] {
                let options = WriteOptions { pretty, ..WriteOptions::default() };
                let written = xml::write_bytes(&document, options);
                prop_assert!(written.is_ok(), "{:?}", written.err());
                let written = written.unwrap_or_default();
                let again = xml::read_bytes(&written);
                prop_assert!(again.is_ok(), "{:?}", again.err());
                prop_assert_eq!(&again.map(|p| p.document).ok(), &Some(document.clone()));
            }
            if let Root::ActivityFeed(feed) = &document.root {
                let _ = render::text(feed);
                let _ = render::html(feed);
            }
        }
    }
}

#[test]
fn the_mutations_reach_every_fixture_kind() {
    // The pool is the fixtures: all five roots, valid and invalid, are in it.
    let pool = fixtures();
    assert!(pool.len() > 100, "{} fixtures", pool.len());
    for root in [
        "<capabilities",
        "<friends",
        "<person",
        "<activityFeed",
        "<hashedAddresses",
    ] {
        assert!(
            pool.iter()
                .any(|f| String::from_utf8_lossy(f).contains(root)),
            "no fixture with {root}"
        );
    }
}
