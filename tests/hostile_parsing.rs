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
use std::path::Path;
use std::process::{Command, Stdio};

use osc_schema::error::Error;
use osc_schema::limits::Exceeded;
use osc_schema::{Limits, Report, Validator, xml};

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
const MIB: usize = 1024 * 1024;

use support::codes;

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

/// Runs `oscx` with `args` in `dir` under GNU `time`: its standard output and error, and its
/// peak resident set size in bytes.
fn oscx_peak(time: &Path, dir: &Path, args: &[&str]) -> (String, String, u64) {
    let run = support::peak::measured(time, dir, args, None);
    (
        String::from_utf8_lossy(&run.output.stdout).into_owned(),
        String::from_utf8_lossy(&run.output.stderr).into_owned(),
        run.peak_kib * 1024,
    )
}

#[test]
fn a_300_mb_split_value_is_refused_by_the_binary_in_bounded_memory() {
    let Some(time) = support::peak::gnu_time() else {
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

    // `fmt` holds a document whole: it refuses this one from a streamed reading first.
    let (_, stderr, peak) = oscx_peak(&time, &dir.0, &["fmt", file]);
    assert!(stderr.contains("16777216 bytes"), "{stderr}");
    assert!(
        peak < bound,
        "fmt peaked at {peak} bytes for a file of {size}"
    );
    drop(dir);
    assert!(!path.exists(), "the file is removed");
}

// ----- item 7: a huge name costs work in proportion to its size ---------------------------

/// Documents that each put one huge name or value where a finding or an error quotes it:
/// an element name, an attribute name, a prefix, a namespace (of the root and of a child),
/// an end tag, and a value checked against an enumeration.
fn huge_names(size: usize) -> Vec<(&'static str, String)> {
    let n = "n".repeat(size);
    let friends = |body: &str| {
        format!("<friends xmlns=\"{NS}\"><person><userID>a</userID>{body}</person></friends>")
    };
    vec![
        ("element", friends(&format!("<{n}/>"))),
        (
            "attribute",
            friends(&format!("<nickname {n}=\"1\">a</nickname>")),
        ),
        ("prefix", friends(&format!("<{n}:x/>"))),
        ("root namespace", format!("<friends xmlns=\"urn:{n}\"/>")),
        (
            "child namespace",
            friends(&format!("<x xmlns=\"urn:{n}\"/>")),
        ),
        ("end tag", friends(&format!("<nickname>a</{n}>"))),
        ("value", friends(&format!("<gender>{n}</gender>"))),
    ]
}

/// The most bytes a finding's message and help, or an error, may take whatever the input
/// holds: a name of megabytes is quoted by its first characters and its length.
const SAID_MAX: usize = 1_000;

#[test]
fn findings_and_errors_about_a_huge_name_stay_short() {
    for (what, doc) in huge_names(MIB) {
        let in_memory = Validator::auto().validate_str(&doc);
        let streamed = Validator::auto()
            .validate_reader(doc.as_bytes())
            .expect("reads");
        for report in [&in_memory, &streamed] {
            assert!(!report.is_valid(), "{what}: valid");
            for d in report.diagnostics() {
                let said = d.message.len() + d.help.as_ref().map_or(0, String::len);
                assert!(
                    said < SAID_MAX,
                    "{what}: {said} bytes in {:.200}",
                    d.message
                );
            }
        }
        assert_eq!(codes(&in_memory), codes(&streamed), "{what}");
        for error in read_both_ways(doc.as_bytes()).into_iter().flatten() {
            assert!(error.0.len() < SAID_MAX, "{what}: {:.200}", error.0);
        }
        let tolerated = xml::read::read_str_tolerant(&doc, Limits::default());
        match tolerated {
            Ok(t) => {
                for u in t.unreadable {
                    assert!(u.reason.len() < SAID_MAX, "{what}: {:.200}", u.reason);
                }
            }
            Err(e) => assert!(e.to_string().len() < SAID_MAX, "{what}: {e:.200}"),
        }
    }
}

/// Runs `oscx` with `args` and waits at most `limit` for it: a guard against work that
/// grows faster than the input, not a measure of speed (the bound is many times what
/// linear work takes on the slowest machine a test runs on).
fn finishes_within(args: &[&str], limit: std::time::Duration) -> std::process::Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("oscx"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("oscx starts");
    let started = std::time::Instant::now();
    // Read the pipes as the child writes them, so that it never waits on a full pipe.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut bytes).map(|_| bytes)
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("oscx can be waited for") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`oscx {}` did not finish within {limit:?}", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    std::process::Output {
        status,
        stdout: out.join().expect("reader").expect("stdout"),
        stderr: err.join().expect("reader").expect("stderr"),
    }
}

#[test]
fn a_15_mib_unknown_element_name_is_checked_in_every_format_without_blowing_up() {
    let dir = support::cli::TempDir::new("huge-name");
    let doc = huge_names(15 * MIB).swap_remove(0).1;
    let file = dir.file("huge.xml", doc.as_bytes());
    let file = file.to_str().expect("UTF-8 temp path");
    // Before names were bounded in suggestions, one such check took minutes in a debug
    // build; linear work takes seconds.
    let limit = std::time::Duration::from_secs(240);
    for format in ["human", "json", "sarif", "junit", "github", "gitlab"] {
        let out = finishes_within(&["validate", "--format", format, file], limit);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("unexpected-element") || stdout.contains("unexpected element"),
            "{format}: {:.300}",
            stdout
        );
        // The name is quoted by its length, never whole in the message: the output holds it
        // at most once (in the element's path and the source excerpt).
        assert!(
            stdout.contains("15728640 bytes"),
            "{format}: {:.300}",
            stdout
        );
    }
    for command in [&["fmt", file][..], &["convert", "--to", "json", file]] {
        let out = finishes_within(command, limit);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{command:?}");
        assert!(stderr.len() < SAID_MAX, "{command:?}: {:.300}", stderr);
    }
}

// ----- item 8: the same well-formedness verdict as xmllint -------------------------------

/// A valid `friends` list with `prolog` before the root, `attrs` on it and `inside` it.
fn friends(prolog: &str, attrs: &str, inside: &str) -> Vec<u8> {
    format!(
        "{prolog}<friends xmlns=\"{NS}\"{attrs}>{inside}<person><userID>a</userID></person></friends>"
    )
    .into_bytes()
}

/// What xmllint refuses and quick-xml reads: each is refused by the validator and by the
/// reader, in memory and as a stream, at the same place (xmllint's verdicts on the same
/// gaps are checked in `tests/differential.rs`).
fn not_well_formed() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let nwf = "xml::not-well-formed";
    let mut cases = vec![
        ("comment, NUL", friends("", "", "<!-- a\u{0}b -->"), nwf),
        ("comment, U+0001", friends("", "", "<!-- a\u{1}b -->"), nwf),
        ("comment, U+001F", friends("", "", "<!-- a\u{1F}b -->"), nwf),
        (
            "comment, U+FFFE",
            friends("", "", "<!-- a\u{FFFE}b -->"),
            nwf,
        ),
        ("PI, NUL", friends("<?pi a\u{0}b?>", "", ""), nwf),
        ("PI, U+0001", friends("", "", "<?pi a\u{1}b?>"), nwf),
        ("PI, U+FFFE", friends("", "", "<?pi \u{FFFE}?>"), nwf),
        (
            "]]> in text",
            friends("", "", "<person><userID>a]]>b</userID></person>"),
            nwf,
        ),
        (
            "<?XML ...?>",
            friends("", "", "<?XML version=\"1.0\"?>"),
            nwf,
        ),
        ("<?xMl?> first", friends("<?xMl?>", "", ""), nwf),
        ("PI without target", friends("", "", "<? x?>"), nwf),
        ("empty PI", friends("", "", "<??>"), nwf),
        (
            "declaration without version",
            friends("<?xml?>", "", ""),
            nwf,
        ),
        (
            "declaration, version 2.0",
            friends("<?xml version=\"2.0\"?>", "", ""),
            nwf,
        ),
        (
            "declaration, extra",
            friends("<?xml version=\"1.0\" x=\"y\"?>", "", ""),
            nwf,
        ),
        ("xmlns, <", friends("", " xmlns:p=\"a<b\"", ""), nwf),
        (
            "xmlns, U+0001",
            friends("", " xmlns:p=\"a\u{1}b\"", ""),
            nwf,
        ),
        ("xmlns, &#1;", friends("", " xmlns:p=\"a&#1;b\"", ""), nwf),
        (
            "xmlns, undefined entity",
            friends("", " xmlns:p=\"a&foo;b\"", ""),
            "xml::undefined-entity",
        ),
    ];
    let mut two_marks = b"\xEF\xBB\xBF\xEF\xBB\xBF".to_vec();
    two_marks.extend(friends("", "", ""));
    cases.push(("two byte order marks", two_marks, nwf));
    let root = format!("<friends xmlns=\"{NS}<\"><person><userID>a</userID></person></friends>");
    cases.push(("default xmlns, <", root.into_bytes(), nwf));
    cases
}

#[test]
fn what_xmllint_refuses_is_refused_by_every_reader_at_the_same_place() {
    for (what, doc, code) in not_well_formed() {
        let (found, line, column) = same_both_ways(&doc, Limits::default());
        assert_eq!(found, code, "{what}");
        for (how, read) in ["in memory", "as a stream"]
            .iter()
            .zip(read_both_ways(&doc))
        {
            let (message, rline, rcolumn) = read.unwrap_or_else(|| panic!("{what}: {how}: read"));
            assert!(
                message.contains("not well-formed"),
                "{what}: {how}: {message}"
            );
            assert_eq!((rline, rcolumn), (line, column), "{what}: {how}: {message}");
        }
    }
}

#[test]
fn references_in_a_namespace_are_resolved_once_for_every_reader() {
    // `&#x68;ttp://…` is the OSC namespace itself, as xmllint and xmlschema read it.
    let doc = "<friends xmlns=\"&#x68;ttp://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\
         <person><userID>a</userID></person></friends>";
    let report = Validator::auto().validate_str(doc);
    assert!(report.is_valid(), "{:?}", report.diagnostics());
    let streamed = Validator::auto()
        .validate_reader(doc.as_bytes())
        .expect("reads");
    assert!(streamed.is_valid(), "{:?}", streamed.diagnostics());
    assert_eq!(read_both_ways(doc.as_bytes()), [None, None]);
    let read = xml::read_str(doc).expect("reads");
    let written = xml::to_string(&read).expect("writes");
    assert!(written.contains(&format!("xmlns=\"{NS}\"")), "{written}");
}

#[test]
fn fmt_write_refuses_a_namespace_that_is_not_well_formed_and_leaves_the_file() {
    let dir = support::cli::TempDir::new("fmt-nwf");
    for (what, doc, _) in not_well_formed() {
        let file = dir.file("doc.xml", &doc);
        let path = file.to_str().expect("UTF-8 temp path");
        let out = support::cli::oscx(&["fmt", "--write", path], None);
        assert!(!out.status.success(), "{what}: fmt --write succeeded");
        assert_eq!(
            fs::read(&file).expect("still there"),
            doc,
            "{what}: the file changed"
        );
    }
}
