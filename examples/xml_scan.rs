//! Baselines for `oscx validate`: how fast can anything read these files at all?
//!
//! ```text
//! cargo run --release --example xml_scan -- raw   FILE…   # quick-xml Reader, events counted
//! cargo run --release --example xml_scan -- ns    FILE…   # NsReader + attributes + text
//! cargo run --release --example xml_scan -- typed FILE…   # osc_schema::xml::persons_str
//! ```
//!
//! Add `--stream` (before the files) to read through a 64 KiB `BufReader` instead of
//! loading each file into memory first.
//!
//! `raw` is the floor: tokenising only. `ns` is the least any namespace-aware consumer
//! (a validator included) must do: resolve every element's namespace, read and normalise
//! every attribute, and turn every text node, character reference and predefined entity
//! into characters. `typed` is the streaming model builder for friends lists
//! (`xml::persons_str` over the decoded text, or `xml::persons` over the `BufReader` with
//! `--stream`); files with another root are read whole with `xml::read_bytes`, so a mixed
//! set of files still works.
//!
//! `benches/validate.rs` includes this file as a module and times `raw_str` and `ns_str`
//! themselves, so the divan numbers and the script's numbers come from the same code.
//!
//! By default every file is read into memory and decoded with `osc_schema::xml::decode`
//! before parsing, which is how the `oscx` commands read their input, so the scans pay
//! the same I/O and UTF-8 check as the tool they are compared with. Each mode prints its
//! counts, so the work cannot be optimised away and a wrong run is visible; any error
//! ends the program with exit code 1.

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use osc_schema::xml;
use quick_xml::events::{BytesRef, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::{NsReader, Reader};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The OSC 1.1 / 2013 namespace; the ns scan counts elements in it, as a validator
/// checks each element's namespace.
const NS: &str = osc_schema::version::NS_1_1;

/// Read-buffer size for `--stream`: large enough that system calls do not dominate.
const STREAM_BUFFER: usize = 64 * 1024;

/// What a scan found; printed so the work is observable.
#[derive(Default)]
pub(crate) struct Counts {
    pub(crate) files: u64,
    pub(crate) bytes: u64,
    pub(crate) events: u64,
    /// Elements in the OSC namespace (ns), or persons (typed).
    pub(crate) elements: u64,
    /// Attributes read (ns), or documents read whole (typed).
    pub(crate) attributes: u64,
    /// Characters of text, attribute values and names handed out (ns).
    pub(crate) chars: u64,
}

// ----- raw ------------------------------------------------------------------------------------

pub(crate) fn raw_str(text: &str, c: &mut Counts) -> Result<()> {
    let mut reader = Reader::from_str(text);
    loop {
        let event = reader.read_event()?;
        c.events += 1;
        if matches!(event, Event::Eof) {
            return Ok(());
        }
    }
}

fn raw_stream(input: impl BufRead, c: &mut Counts) -> Result<()> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::with_capacity(1024);
    loop {
        let event = reader.read_event_into(&mut buf)?;
        c.events += 1;
        if matches!(event, Event::Eof) {
            return Ok(());
        }
        buf.clear();
    }
}

// ----- ns -------------------------------------------------------------------------------------

/// The text an entity or character reference stands for; only the five predefined
/// entities exist in OSC documents (no DTD is allowed).
fn reference(r: &BytesRef<'_>) -> Result<char> {
    if let Some(c) = r.resolve_char_ref()? {
        return Ok(c);
    }
    match r.xml10_content().as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(format!("undefined entity `&{other};`").into()),
    }
}

/// The per-event work of a namespace-aware consumer; shared by both input methods so
/// they do exactly the same thing.
fn ns_event<R>(reader: &NsReader<R>, in_ns: bool, event: &Event<'_>, c: &mut Counts) -> Result<()> {
    match event {
        Event::Start(e) | Event::Empty(e) => {
            c.elements += u64::from(in_ns);
            c.chars += e.local_name().into_inner().len() as u64;
            for attr in e.attributes() {
                let attr = attr?;
                let (_, local) = reader.resolver().resolve_attribute(attr.key);
                let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)?;
                c.attributes += 1;
                c.chars += (local.into_inner().len() + value.len()) as u64;
            }
        }
        Event::Text(t) => c.chars += t.xml10_content().len() as u64,
        Event::CData(t) => c.chars += t.xml10_content().len() as u64,
        Event::GeneralRef(r) => c.chars += reference(r)?.len_utf8() as u64,
        _ => {}
    }
    Ok(())
}

fn in_osc_namespace(resolved: &ResolveResult<'_>) -> bool {
    matches!(resolved, ResolveResult::Bound(ns) if ns.into_inner() == NS)
}

pub(crate) fn ns_str(text: &str, c: &mut Counts) -> Result<()> {
    let mut reader = NsReader::from_str(text);
    loop {
        let (resolved, event) = reader.read_resolved_event()?;
        // The resolved namespace borrows the reader; take what we need before reading
        // attribute namespaces through the same reader.
        let in_ns = in_osc_namespace(&resolved);
        c.events += 1;
        if matches!(event, Event::Eof) {
            return Ok(());
        }
        ns_event(&reader, in_ns, &event, c)?;
    }
}

fn ns_stream(input: impl BufRead, c: &mut Counts) -> Result<()> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::with_capacity(1024);
    loop {
        let (resolved, event) = reader.read_resolved_event_into(&mut buf)?;
        let in_ns = in_osc_namespace(&resolved);
        c.events += 1;
        if matches!(event, Event::Eof) {
            return Ok(());
        }
        ns_event(&reader, in_ns, &event, c)?;
        drop(event);
        buf.clear();
    }
}

// ----- typed ----------------------------------------------------------------------------------

/// Streams the persons of a friends list; another root is read whole instead.
fn typed(
    persons: std::result::Result<
        impl Iterator<Item = std::result::Result<osc_schema::model::Person, osc_schema::Error>>,
        osc_schema::Error,
    >,
    whole: impl FnOnce() -> Result<Vec<u8>>,
    c: &mut Counts,
) -> Result<()> {
    match persons {
        Ok(stream) => {
            for person in stream {
                let person = person?;
                c.elements += 1;
                c.chars += person.user_id.len() as u64;
            }
            Ok(())
        }
        Err(osc_schema::Error::UnknownRoot { .. }) => {
            xml::read_bytes(&whole()?)?;
            c.attributes += 1;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

// ----- driver ---------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Raw,
    Ns,
    Typed,
}

fn scan_file(mode: Mode, stream: bool, path: &Path, c: &mut Counts) -> Result<()> {
    c.files += 1;
    if stream {
        let file = File::open(path)?;
        c.bytes += file.metadata()?.len();
        let input = BufReader::with_capacity(STREAM_BUFFER, file);
        return match mode {
            Mode::Raw => raw_stream(input, c),
            Mode::Ns => ns_stream(input, c),
            Mode::Typed => typed(xml::persons(input), || Ok(std::fs::read(path)?), c),
        };
    }
    let bytes = std::fs::read(path)?;
    c.bytes += bytes.len() as u64;
    let decoded = xml::decode::decode(&bytes)?;
    match mode {
        Mode::Typed => typed(xml::persons_str(&decoded.text), || Ok(bytes.clone()), c),
        Mode::Raw => raw_str(&decoded.text, c),
        Mode::Ns => ns_str(&decoded.text, c),
    }
}

fn run() -> Result<Counts> {
    let mut args = std::env::args().skip(1);
    let mode = match args.next().as_deref() {
        Some("raw") => Mode::Raw,
        Some("ns") => Mode::Ns,
        Some("typed") => Mode::Typed,
        _ => return Err("usage: xml_scan raw|ns|typed [--stream] FILE…".into()),
    };
    let mut stream = false;
    let mut files = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--stream" => stream = true,
            _ => files.push(PathBuf::from(arg)),
        }
    }
    if files.is_empty() {
        return Err("no input files".into());
    }
    let mut counts = Counts::default();
    for path in &files {
        scan_file(mode, stream, path, &mut counts)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if counts.events == 0 && mode != Mode::Typed {
        return Err("no events read".into());
    }
    let summary = match mode {
        Mode::Raw => format!("raw: {} events", counts.events),
        Mode::Ns => format!(
            "ns: {} events, {} OSC elements, {} attributes, {} chars",
            counts.events, counts.elements, counts.attributes, counts.chars
        ),
        Mode::Typed => format!(
            "typed: {} persons streamed, {} other documents read whole",
            counts.elements, counts.attributes
        ),
    };
    println!("{summary}; {} files, {} bytes", counts.files, counts.bytes);
    Ok(counts)
}

fn main() -> ExitCode {
    match run() {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xml_scan: {e}");
            ExitCode::from(1)
        }
    }
}
