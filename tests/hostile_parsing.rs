//! Hardening items 2, 7 and 8 of running `oscx` on untrusted input:
//!
//! - 2: the bound on one value holds the whole value of an element, however it is split
//!   (comments, processing instructions, CDATA sections), in the validator (in memory and as
//!   a stream) and in the model reader, in memory bounded by about the bound;
//! - 7: a huge name costs work in proportion to its size, in every message and format;
//! - 8: well-formedness is decided as xmllint decides it, by the validator and the reader
//!   alike, in memory and as a stream (the cases are also run against xmllint itself in
//!   `tests/differential.rs`).
//!
//! Memory and time are bounded through sizes and counts (and peak RSS measured by GNU
//! `time` for the binary), never through timings.

mod support;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use osc_schema::error::Error;
use osc_schema::limits::Exceeded;
use osc_schema::{Limits, Report, Validator, xml};
use support::external;

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
const MIB: usize = 1024 * 1024;

/// The codes of a report's findings, in order.
fn codes(report: &Report) -> Vec<&str> {
    report
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// The code, line and column of a report's first error.
fn first(report: &Report) -> (String, u32, u32) {
    let d = report
        .diagnostics()
        .first()
        .unwrap_or_else(|| panic!("a finding is expected"));
    (
        d.code.as_str().to_owned(),
        d.location.line,
        d.location.column,
    )
}

/// Validated with `limits` in memory and as a stream, a document gets the same first
/// finding both ways, and is invalid; returns it.
fn same_both_ways(bytes: &[u8], limits: Limits) -> (String, u32, u32) {
    let in_memory = Validator::auto().with_limits(limits).validate_bytes(bytes);
    let streamed = Validator::auto()
        .with_limits(limits)
        .validate_reader(bytes)
        .expect("reading from memory does not fail");
    assert!(!in_memory.is_valid(), "in memory: valid");
    assert!(!streamed.is_valid(), "as a stream: valid");
    assert_eq!(
        first(&in_memory),
        first(&streamed),
        "in memory and as a stream"
    );
    assert_eq!(codes(&in_memory), codes(&streamed));
    first(&in_memory)
}

/// An error of the model reader: its message and position.
fn described(e: Error) -> (String, u32, u32) {
    let pos = e.pos().unwrap_or_default();
    (e.to_string(), pos.line, pos.column)
}

/// What the model reader makes of a document in memory, read with `limits`: the error, or
/// `None` when it reads.
fn read_with(bytes: &[u8], limits: Limits) -> Option<(String, u32, u32)> {
    let options = xml::ReadOptions {
        limits,
        ..xml::ReadOptions::default()
    };
    xml::read_bytes_with(bytes, options).err().map(described)
}

/// What the model reader makes of a document, in memory and as a stream (a `friends`
/// list person by person), with the default limits: the error, or `None` when it reads.
fn read_both_ways(bytes: &[u8]) -> [Option<(String, u32, u32)>; 2] {
    let in_memory = read_with(bytes, Limits::default());
    let streamed = match xml::persons(bytes) {
        Err(e) => Some(described(e)),
        Ok(mut persons) => persons.find_map(Result::err).map(described),
    };
    [in_memory, streamed]
}

/// A `friends` list with one person whose `userID` is `size` bytes of `a`, in pieces of
/// `piece` bytes with `between` between them.
fn split_user_id(size: usize, piece: usize, between: &str) -> Vec<u8> {
    let mut doc = format!("<friends xmlns=\"{NS}\"><person><userID>").into_bytes();
    let chunk = vec![b'a'; piece];
    let mut left = size;
    while left > 0 {
        let n = left.min(piece);
        doc.extend_from_slice(&chunk[..n]);
        left -= n;
        if left > 0 {
            doc.extend_from_slice(between.as_bytes());
        }
    }
    doc.extend_from_slice(b"</userID></person></friends>");
    doc
}

// ----- item 2: one value is one value ----------------------------------------------------

/// What splits a value into pieces without ending it.
const SPLITTERS: [&str; 4] = ["<!---->", "<?pi x?>", "<![CDATA[a]]>", "<!-- a -->\n"];

#[test]
fn a_30_mib_user_id_split_by_comments_pis_or_cdata_is_refused_everywhere() {
    for between in SPLITTERS {
        let doc = split_user_id(30 * MIB, MIB, between);
        let (code, line, column) = same_both_ways(&doc, Limits::default());
        assert_eq!(code, "xml::limit", "split by {between:?}");
        // The value went past the bound in its sixteenth or seventeenth piece (CDATA
        // sections count as written), on the first line unless the splitter ends one.
        assert!(
            line > 1 || column > 15 * MIB as u32,
            "{between:?}: at {line}:{column}"
        );
        for (how, read) in ["in memory", "as a stream"]
            .iter()
            .zip(read_both_ways(&doc))
        {
            let (message, rline, rcolumn) = read.unwrap_or_else(|| panic!("{how}: read"));
            assert!(message.contains("bytes"), "{how}: {message}");
            assert_eq!((rline, rcolumn), (line, column), "{how}: {message}");
        }
        let options = xml::ReadOptions::default();
        assert!(
            matches!(
                xml::read_bytes_with(&doc, options),
                Err(Error::Limit {
                    exceeded: Exceeded::ValueBytes(_),
                    ..
                })
            ),
            "{between:?}"
        );
    }
}

#[test]
fn the_bound_holds_the_text_between_two_tags_and_no_more() {
    let limits = Limits {
        max_value_bytes: 1_000,
        ..Limits::default()
    };
    // Three pieces of 400 bytes: each fits, the value does not.
    for between in SPLITTERS {
        let doc = split_user_id(1_200, 400, between);
        assert_eq!(same_both_ways(&doc, limits).0, "xml::limit", "{between:?}");
        let read = read_with(&doc, limits);
        assert!(
            read.as_ref()
                .is_some_and(|(m, ..)| m.contains("1000 bytes")),
            "{read:?}"
        );
    }
    // Values of sibling elements are counted apart, and a value that fits reads.
    let person =
        |id: &str| format!("<person><userID>{id}</userID><nickname>{id}</nickname></person>");
    let fits = format!(
        "<friends xmlns=\"{NS}\">{}</friends>",
        person(&format!("{0}<!---->{0}", "b".repeat(450))).repeat(3)
    );
    let report = Validator::auto().with_limits(limits).validate_str(&fits);
    assert!(report.is_valid(), "{:?}", report.diagnostics());
    let streamed = Validator::auto()
        .with_limits(limits)
        .validate_reader(fits.as_bytes())
        .expect("reads");
    assert!(streamed.is_valid(), "{:?}", streamed.diagnostics());
    assert_eq!(read_with(fits.as_bytes(), limits), None);
    // Whitespace between elements counts as the text it is.
    let blank = format!(
        "<friends xmlns=\"{NS}\">{}<person><userID>a</userID></person></friends>",
        "  <!---->  ".repeat(300)
    );
    assert_eq!(same_both_ways(blank.as_bytes(), limits).0, "xml::limit");
    let read = read_with(blank.as_bytes(), limits);
    assert!(
        read.as_ref()
            .is_some_and(|(m, ..)| m.contains("1000 bytes")),
        "{read:?}"
    );
}

/// GNU `time`, which reports a child's peak resident set size with `-f %M`.
fn gnu_time() -> Option<PathBuf> {
    let path = PathBuf::from("/usr/bin/time");
    let works = Command::new(&path)
        .args(["-f", "%M", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    works.then_some(path)
}

/// Runs `oscx` with `args` under GNU `time`: its standard output and error, and its peak
/// resident set size in bytes.
fn oscx_peak(time: &Path, dir: &Path, args: &[&str]) -> (String, String, u64) {
    let report = dir.join("time.txt");
    let out = Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("oscx"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("oscx runs under time");
    let kib: u64 = fs::read_to_string(&report)
        .expect("time writes its report")
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("time reports the peak in KiB");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        kib * 1024,
    )
}

#[test]
fn a_300_mb_split_value_is_refused_by_the_binary_in_bounded_memory() {
    let Some(time) = external::need(gnu_time(), || {
        "GNU time (`/usr/bin/time`, Debian package `time`) is not installed".into()
    }) else {
        return;
    };
    let dir = support::cli::TempDir::new("split-value");
    let path = dir.0.join("split.xml");
    {
        // Written a piece at a time: the test holds one piece, not the document.
        let mut out = std::io::BufWriter::new(fs::File::create(&path).expect("temp file"));
        let piece = vec![b'a'; MIB];
        write!(out, "<friends xmlns=\"{NS}\"><person><userID>").expect("write");
        for i in 0..300 {
            if i > 0 {
                out.write_all(b"<!---->").expect("write");
            }
            out.write_all(&piece).expect("write");
        }
        out.write_all(b"</userID></person></friends>")
            .expect("write");
        out.flush().expect("flush");
    }
    let size = fs::metadata(&path).expect("written").len();
    assert!(size > 300 * MIB as u64);
    let file = path.to_str().expect("UTF-8 temp path");
    let bound = 64 * MIB as u64;

    let (stdout, _, peak) = oscx_peak(&time, &dir.0, &["validate", "--format", "json", file]);
    assert!(stdout.contains("xml::limit"), "{stdout}");
    assert!(peak < bound, "validate peaked at {peak} bytes");

    // `fmt` holds the file's bytes whole before it reads them (its input reading is
    // another matter); what reading adds on top of them stays within the same bound.
    let (_, stderr, peak) = oscx_peak(&time, &dir.0, &["fmt", file]);
    assert!(stderr.contains("16777216 bytes"), "{stderr}");
    assert!(
        peak < size + bound,
        "fmt peaked at {peak} bytes for a file of {size}"
    );
    drop(dir);
    assert!(!path.exists(), "the file is removed");
}
