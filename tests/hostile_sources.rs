//! Hardening items 1 and 10: every source is taken in bounded, and a walk stays inside
//! its tree.
//!
//! Item 1: input of no known size — standard input, a FIFO, `/dev/zero`, a `/proc` file — is
//! never read whole before a limit applies. Memory is shown bounded through the peak
//! resident size GNU time reports (`/usr/bin/time -f %M`), never through timings; and what
//! comes through standard input gets the findings the same bytes get from a file, whether it
//! is checked in memory or, past the in-memory limit, as a stream.
//!
//! Item 10: a symbolic link in a walked directory that leads to a file outside it is not
//! followed (and the file's text never printed) unless `--follow-links` asks for it.

mod support;

#[path = "../examples/gen_osc/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use osc_schema::check::IN_MEMORY_LIMIT;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, oscx, stderr, stdout};
use support::fixtures::root;
use support::peak::{self, Feed, Measured, gnu_time};

const MIB: u64 = 1024 * 1024;

/// The bound of the issue on the peak resident size of a hostile source.
const BOUNDED_KIB: u64 = 64 * 1024;

/// Runs `oscx args` in the crate's directory under GNU time ([`peak::measured`]).
fn measured(time: &Path, args: &[&str], feed: Option<Feed>) -> Measured {
    peak::measured(time, root(), args, feed)
}

/// Writes `len` zero bytes.
fn zeros(len: u64) -> Feed {
    Box::new(move |out| io::copy(&mut io::repeat(0).take(len), out).map(drop))
}

/// Writes `bytes`.
fn bytes_of(bytes: Vec<u8>) -> Feed {
    Box::new(move |out| out.write_all(&bytes))
}

/// The one JSON record of a `--format json` run.
fn record(output: &Output) -> FileRecord {
    let text = stdout(output);
    let mut lines = text.lines();
    let record = serde_json::from_str(lines.next().expect("a record"))
        .unwrap_or_else(|e| panic!("JSON: {e}: {text}"));
    assert_eq!(lines.next(), None, "one file, one record: {text}");
    record
}

/// The codes of a record's findings, in order.
fn codes(record: &FileRecord) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Bytes like these cannot start an XML document: the source is refused at its first
/// bytes, as it would be from a file.
fn assert_refused_at_the_start(measured: &Measured, what: &str) {
    let out = &measured.output;
    assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(out));
    let record = record(out);
    assert!(!record.valid, "{what}");
    let first = record.diagnostics.first().expect("a finding");
    assert!(
        first.code.starts_with("xml::"),
        "{what}: {:?}",
        codes(&record)
    );
    // At the first bytes: random ones may hold a few good characters before a bad one.
    assert!(
        first.line == 1 && first.column <= 8,
        "{what}: at {}:{}",
        first.line,
        first.column
    );
    assert!(
        measured.peak_kib < BOUNDED_KIB,
        "{what}: peak resident size {} KiB, over {BOUNDED_KIB} KiB",
        measured.peak_kib
    );
}

/// Item 1: `oscx validate /dev/zero` — a device that says it is empty and never ends; and
/// `/dev/urandom`, whose first bytes do not decode (an encoding finding, which a stream
/// pins down by reading the whole text again only when it is short).
#[test]
fn endless_devices_as_paths_are_refused_in_bounded_memory() {
    let Some(time) = gnu_time() else { return };
    for device in ["/dev/zero", "/dev/urandom"] {
        let run = measured(&time, &["validate", "--format", "json", device], None);
        assert_refused_at_the_start(&run, device);
    }
}

/// Item 1: 2 GiB of zeros piped on standard input, with and without `--max-input-bytes`.
#[test]
fn two_gib_of_zeros_on_stdin_are_refused_in_bounded_memory() {
    let Some(time) = gnu_time() else { return };
    for limit in [None, Some("1000000")] {
        let mut args = vec!["validate", "--format", "json"];
        if let Some(limit) = limit {
            args.extend(["--max-input-bytes", limit]);
        }
        args.push("-");
        let run = measured(&time, &args, Some(zeros(2 << 30)));
        assert_refused_at_the_start(&run, &format!("stdin, limit {limit:?}"));
        // The same zeros from a file get the same finding (a file of the length the first
        // reading needs: past it, a file and a pipe read alike).
        let dir = TempDir::new("hostile-sources-zeros");
        let file = dir.file("zeros.xml", &vec![0; 40 * MIB as usize]);
        let mut args = args.clone();
        args.pop();
        args.push(file.to_str().expect("UTF-8 path"));
        let from_file = record(&oscx(&args, None));
        let from_stdin = record(&run.output);
        assert_eq!(
            from_file.diagnostics[0].code, from_stdin.diagnostics[0].code,
            "limit {limit:?}"
        );
    }
}

/// Item 1: a FIFO named on the command line, fed zeros without end.
#[cfg(unix)]
#[test]
fn a_fifo_fed_zeros_is_refused_in_bounded_memory() {
    let Some(time) = gnu_time() else { return };
    let dir = TempDir::new("hostile-sources-fifo");
    let fifo = dir.0.join("zeros.xml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo makes a FIFO");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Blocks until `oscx` opens the FIFO for reading.
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .open(&fifo)
                .expect("the FIFO opens");
            match io::copy(&mut io::repeat(0).take(2 << 30), &mut out) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                other => drop(other.expect("feeding the FIFO")),
            }
        })
    };
    let path = fifo.to_str().expect("UTF-8 path");
    let run = measured(&time, &["validate", "--format", "json", path], None);
    if !writer.is_finished() {
        // Had `oscx` never opened the FIFO, the writer would wait for a reader for ever.
        drop(std::fs::File::open(&fifo));
    }
    writer.join().expect("the writer ends");
    assert_refused_at_the_start(&run, "a FIFO");
}

/// Item 1: a `/proc` file says it is empty; it is read as far as it goes (not taken for the
/// empty document its size says), and refused as what it is, not XML, with a finding.
#[cfg(target_os = "linux")]
#[test]
fn a_proc_file_is_read_whole_and_refused_with_a_finding() {
    let out = oscx(&["validate", "--color", "never", "/proc/self/status"], None);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        text.contains("error[xml::not-well-formed]: text is not allowed outside the root element"),
        "{text}"
    );
    // The code frame shows the file's first line.
    assert!(text.contains("1 | Name:"), "{text}");
}

/// Item 1: a command that holds the whole document (`convert`) refuses a source past its
/// bound with an error that says so, instead of reading `/dev/zero` until memory runs out.
#[test]
fn convert_refuses_a_source_that_never_ends() {
    let Some(time) = gnu_time() else { return };
    let run = measured(&time, &["convert", "--to", "json", "/dev/zero"], None);
    let err = stderr(&run.output);
    assert_eq!(run.output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`/dev/zero` is longer than the limit of 1073741824 bytes"),
        "{err}"
    );
    // The bound and a little: the bytes read up to it, nothing twice.
    assert!(
        run.peak_kib < 1024 * 1024 + 64 * 1024,
        "peak resident size {} KiB",
        run.peak_kib
    );
}

/// `oscx validate --format json ARGS` on `file` by path and on standard input named as the
/// file, each measured.
fn by_path_and_on_stdin(time: &Path, file: &Path, args: &[&str]) -> (Measured, Measured) {
    let name = file.to_str().expect("UTF-8 path");
    let mut by_path = vec!["validate", "--format", "json"];
    by_path.extend(args);
    let mut on_stdin = by_path.clone();
    by_path.push(name);
    on_stdin.extend(["--stdin-filename", name, "-"]);
    let bytes = std::fs::read(file).expect("the file reads");
    (
        measured(time, &by_path, None),
        measured(time, &on_stdin, Some(bytes_of(bytes))),
    )
}

/// Item 1: a valid `friends` list well past the in-memory limit gets the same findings on
/// standard input as from a file, in comparable memory (within 1.5 times), with the rules
/// and without.
#[test]
fn a_large_friends_list_on_stdin_gets_the_file_findings_in_comparable_memory() {
    let Some(time) = gnu_time() else { return };
    let dir = TempDir::new("hostile-sources-friends");
    let path = dir.0.join("friends.xml");
    let mut file = io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    generate::write_friends(&mut file, 3, generate::Size::Bytes(2 * IN_MEMORY_LIMIT))
        .expect("the list is written");
    file.into_inner()
        .expect("flushed")
        .sync_all()
        .expect("synced");
    for args in [&["--no-lint"][..], &[]] {
        let (by_path, on_stdin) = by_path_and_on_stdin(&time, &path, args);
        eprintln!(
            "{args:?}: peak resident size {} KiB by path, {} KiB on stdin",
            by_path.peak_kib, on_stdin.peak_kib
        );
        assert_eq!(by_path.output.status.code(), Some(0), "{args:?}");
        assert_eq!(
            record(&on_stdin.output),
            record(&by_path.output),
            "{args:?}: {}",
            stderr(&on_stdin.output)
        );
        assert!(
            on_stdin.peak_kib * 2 <= by_path.peak_kib * 3,
            "{args:?}: {} KiB on stdin, {} KiB by path",
            on_stdin.peak_kib,
            by_path.peak_kib
        );
    }
}

/// `bytes` followed by whitespace after the root end tag, in the document's own encoding,
/// until it is longer than `size`.
fn padded(bytes: &[u8], size: u64) -> Vec<u8> {
    let (newline, space): (&[u8], &[u8]) = match bytes {
        [0xFF, 0xFE, ..] => (b"\n\0", b" \0"),
        [0xFE, 0xFF, ..] => (b"\0\n", b"\0 "),
        _ => (b"\n", b" "),
    };
    let mut out = bytes.to_vec();
    while out.len() as u64 <= size {
        out.extend_from_slice(newline);
        for _ in 0..79 {
            out.extend_from_slice(space);
        }
    }
    out
}

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A `friends` list longer than `size` with a repeated `userID` (OSC031) allowed by an
/// inline suppression, and one that is not.
fn friends_with_findings(size: u64) -> Vec<u8> {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<friends xmlns=\"{NS}\">\n");
    xml.push_str(
        "  <person>\n    <userID>u-0</userID>\n    <fullName>Ines Okafor</fullName>\n  </person>\n",
    );
    xml.push_str("  <person>\n    <!-- oscx-allow OSC031: one account, two names -->\n    <userID>u-0</userID>\n    <fullName>Ines O.</fullName>\n  </person>\n");
    let mut n = 1;
    while (xml.len() as u64) < size {
        xml.push_str(&format!(
            "  <person>\n    <userID>u-{n}</userID>\n    <fullName>Person {n}</fullName>\n  </person>\n"
        ));
        n += 1;
    }
    // Past the in-memory limit: the stream path places this one.
    xml.push_str(
        "  <person>\n    <userID>u-1</userID>\n    <fullName>Again</fullName>\n  </person>\n",
    );
    xml.push_str("</friends>\n");
    xml.into_bytes()
}

/// Item 1: fixtures, small and padded past the in-memory limit, get the same findings on
/// standard input as by path — JSON records, and the human output with its code frames
/// (read back from what was kept of standard input) — and the suppressions say the same.
#[test]
fn stdin_gets_the_findings_a_file_gets() {
    const FIXTURES: &[&str] = &[
        "fixtures/invalid/OSC012/example.xml",
        "fixtures/invalid/OSC035/example.xml",
        "fixtures/invalid/OSC050/example.xml",
        "fixtures/invalid/xsd-invalid-value/boolean-yes.xml",
        "fixtures/invalid/OSC018/numeric-booleans.xml",
        "fixtures/valid/OSC031/allowed-by-comment.xml",
        "fixtures/docs/friends-2013.utf16le.xml",
    ];
    /// Those also padded past the in-memory limit: a finding, a suppression, UTF-16.
    const PADDED: &[&str] = &[
        "fixtures/invalid/OSC035/example.xml",
        "fixtures/valid/OSC031/allowed-by-comment.xml",
        "fixtures/docs/friends-2013.utf16le.xml",
    ];
    let dir = TempDir::new("hostile-sources-same");
    let mut cases: Vec<(String, PathBuf)> = FIXTURES
        .iter()
        .map(|fixture| (fixture.to_string(), root().join(fixture)))
        .collect();
    for (i, fixture) in PADDED.iter().enumerate() {
        let bytes = std::fs::read(root().join(fixture)).expect("fixture reads");
        let big = padded(&bytes, IN_MEMORY_LIMIT + 1024);
        cases.push((
            format!("{fixture}, padded"),
            dir.file(&format!("{i}/padded.xml"), &big),
        ));
    }
    let mut undecodable = friends_with_findings(IN_MEMORY_LIMIT + MIB);
    let middle = undecodable.len() / 2;
    let at = middle
        + undecodable[middle..]
            .windows(2)
            .position(|w| w == b"n ")
            .expect("a name");
    undecodable[at + 1] = 0xFF;
    cases.push((
        "a list with a byte that does not decode".into(),
        dir.file("undecodable.xml", &undecodable),
    ));
    let suppressed = dir.file(
        "suppressed.xml",
        &friends_with_findings(IN_MEMORY_LIMIT + MIB),
    );
    cases.push(("a list with a suppression".into(), suppressed.clone()));
    let mut with_findings = 0;
    for (what, file) in &cases {
        let name = file.to_str().expect("UTF-8 path");
        let bytes = std::fs::read(file).expect("reads");
        for format in ["json", "human"] {
            let mut args = vec!["validate", "--format", format, "--verbose"];
            if what.contains("utf16") {
                // Held to 1.1 so that the 2013 document has findings to place.
                args.extend(["--target", "1.1"]);
            }
            let mut by_path = args.clone();
            by_path.push(name);
            let mut on_stdin = args.clone();
            on_stdin.extend(["--stdin-filename", name, "-"]);
            let from_file = oscx(&by_path, None);
            let from_stdin = oscx(&on_stdin, Some(&bytes));
            assert_eq!(stdout(&from_stdin), stdout(&from_file), "{what}, {format}");
            assert_eq!(
                stderr(&from_stdin),
                stderr(&from_file),
                "{what}, {format}: what --verbose says of suppressions"
            );
            assert_eq!(from_stdin.status.code(), from_file.status.code());
            if format == "json" && !record(&from_file).diagnostics.is_empty() {
                with_findings += 1;
            }
        }
    }
    assert!(
        with_findings >= 9,
        "only {with_findings} cases with findings"
    );
    // The suppression took its finding away on standard input too, past the limit, and
    // left the other.
    let out = oscx(
        &["validate", "--format", "json", "--verbose", "-"],
        Some(&std::fs::read(&suppressed).expect("reads")),
    );
    assert_eq!(codes(&record(&out)), ["OSC031"]);
    assert!(
        stderr(&out).contains("`OSC031` allowed (1 finding): one account, two names"),
        "{}",
        stderr(&out)
    );
}

/// Item 1: `--max-input-bytes` refuses standard input where it refuses the same file: in
/// memory, and past the in-memory limit.
#[test]
fn max_input_bytes_applies_to_stdin_as_to_a_file() {
    let Some(time) = gnu_time() else { return };
    let dir = TempDir::new("hostile-sources-limit");
    let small = root().join("fixtures/docs/friends.xml");
    let large = dir.file("large.xml", &friends_with_findings(2 * IN_MEMORY_LIMIT));
    for (file, limit) in [(&small, "300"), (&large, "10000000")] {
        let (by_path, on_stdin) =
            by_path_and_on_stdin(&time, file, &["--no-lint", "--max-input-bytes", limit]);
        let from_file = record(&by_path.output);
        assert_eq!(codes(&from_file), ["xml::limit"], "{}", file.display());
        assert_eq!(record(&on_stdin.output), from_file, "{}", file.display());
    }
}

/// A tree to walk, and a file outside it whose first line is a marker that must never be
/// printed unless the link to it is followed on request.
struct LinkedTree {
    dir: TempDir,
    tree: PathBuf,
}

const MARKER: &str = "SECRET-MARKER-not-for-logs";

#[cfg(unix)]
fn linked_tree() -> LinkedTree {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("hostile-sources-links");
    let outside = dir.file("outside/secret.xml", format!("{MARKER}\n").as_bytes());
    let inside = dir.file(
        "tree/real.xml",
        std::fs::read(root().join("fixtures/invalid/OSC035/example.xml"))
            .expect("fixture")
            .as_slice(),
    );
    let tree = dir.0.join("tree");
    symlink(&outside, tree.join("leak.xml")).expect("a link out");
    symlink("../tree/real.xml", tree.join("alias.xml")).expect("a link within");
    // A name that would start a workflow command in a CI log were it printed raw.
    symlink(&outside, tree.join("x\n::error::forged.xml")).expect("a link out");
    let _ = inside;
    LinkedTree { dir, tree }
}

/// Item 10: a link in a walked tree to a file outside it is skipped with an inert warning,
/// and the file is never read; a link that stays inside is checked (once with the file it
/// leads to, under the name reached first).
#[cfg(unix)]
#[test]
fn a_walk_does_not_follow_links_out_of_its_tree() {
    let linked = linked_tree();
    let tree = linked.tree.to_str().expect("UTF-8 path");
    let out = oscx(&["validate", "--format", "json", tree], None);
    let (text, err) = (stdout(&out), stderr(&out));
    assert!(
        !text.contains(MARKER) && !err.contains(MARKER),
        "{text}{err}"
    );
    let files: Vec<String> = text
        .lines()
        .map(|l| {
            let record: FileRecord = serde_json::from_str(l).expect("JSON");
            linked.dir.normalise(&record.file)
        })
        .collect();
    assert_eq!(files, ["[TMP]/tree/alias.xml"]);
    assert!(
        err.contains("warning: skipped `") && err.contains("leak.xml`: a symbolic link"),
        "{err}"
    );
    // Each warning on one line of its own; the forged name shown escaped.
    assert!(err.contains("x\\n::error::forged.xml"), "{err}");
    assert!(!err.lines().any(|l| l.starts_with("::")), "{err}");
}

/// Item 10: `--follow-links` follows such a link (the two links out lead to one file, checked
/// once); a path named on the command line is followed without it.
#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_followed_when_asked() {
    let linked = linked_tree();
    let tree = linked.tree.to_str().expect("UTF-8 path");
    let out = oscx(&["validate", "--follow-links", tree], None);
    let text = stdout(&out);
    assert!(text.contains(MARKER), "{text}");
    assert!(text.contains("checked 2 files"), "{text}");
    let named = linked.tree.join("leak.xml");
    let out = oscx(&["validate", named.to_str().expect("UTF-8")], None);
    assert!(stdout(&out).contains(MARKER), "{}", stdout(&out));
}
