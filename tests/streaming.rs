//! The streaming person reader keeps memory flat however many persons a list holds.
//!
//! Peak heap use is measured with a counting global allocator while 100,000 persons are read
//! from a generator that never holds the document in memory.

mod support;

use std::io::{BufReader, Read};

#[global_allocator]
static ALLOCATOR: support::heap::Counting = support::heap::Counting;

/// Produces a `friends` document with `count` persons, chunk by chunk.
struct FriendsGenerator {
    count: usize,
    next: usize,
    pending: Vec<u8>,
    taken: usize,
    finished: bool,
}

impl FriendsGenerator {
    fn new(count: usize) -> Self {
        let head = concat!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n",
            "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n"
        );
        FriendsGenerator {
            count,
            next: 0,
            pending: head.as_bytes().to_vec(),
            taken: 0,
            finished: false,
        }
    }

    fn refill(&mut self) {
        self.pending.clear();
        self.taken = 0;
        if self.next < self.count {
            let i = self.next;
            self.next += 1;
            self.pending.extend_from_slice(
                format!(
                    "  <person>\n    <userID>{i}</userID>\n    <firstName>Zoë {i}</firstName>\n    \
                     <lastName>Ångström &amp; Co</lastName>\n    <emailAddress>p{i}@example.com</emailAddress>\n    \
                     <creationTime>2010-01-08T08:30:20-08:00</creationTime>\n    <index>{i}</index>\n  </person>\n"
                )
                .as_bytes(),
            );
        } else if !self.finished {
            self.finished = true;
            self.pending.extend_from_slice(b"</friends>\n");
        }
    }
}

impl Read for FriendsGenerator {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.taken == self.pending.len() {
            self.refill();
        }
        let n = (self.pending.len() - self.taken).min(out.len());
        out[..n].copy_from_slice(&self.pending[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

#[test]
fn reading_100_000_persons_keeps_peak_heap_under_16_mib() {
    const PERSONS: usize = 100_000;
    let baseline = support::heap::start();
    let stream = osc_schema::xml::persons(BufReader::new(FriendsGenerator::new(PERSONS)))
        .expect("the generated document starts with a friends root");
    let mut seen = 0usize;
    let mut index_sum = 0i64;
    for person in stream {
        let person = person.expect("every generated person reads");
        index_sum += i64::from(person.index.expect("every person has an index"));
        seen += 1;
    }
    let peak = support::heap::peak_since(baseline);
    assert_eq!(seen, PERSONS);
    assert_eq!(index_sum, (0..PERSONS as i64).sum::<i64>());
    assert!(peak < 16 * 1024 * 1024, "peak heap {peak} bytes");
    // Flat, not merely under the bound: far less than the 20 MB the document spans.
    assert!(peak < 1024 * 1024, "peak heap {peak} bytes");
}

#[test]
fn a_stream_error_carries_its_position_and_ends_the_stream() {
    let doc = "<friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\n\
               <person><userID>1</userID></person>\n\
               <person><userID>2</userID><gender>robot</gender></person>\n\
               <person><userID>3</userID></person>\n</friends>";
    let mut stream = osc_schema::xml::persons(doc.as_bytes()).expect("friends root");
    let first = stream
        .next()
        .expect("a first item")
        .expect("first person reads");
    assert_eq!(first.user_id, "1");
    let err = stream
        .next()
        .and_then(Result::err)
        .expect("second person fails");
    assert_eq!(err.pos(), Some(osc_schema::TextPos::new(3, 35)));
    assert!(stream.next().is_none());
}

#[test]
fn the_stream_reads_utf16_with_a_byte_order_mark() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/docs/friends-2013.utf16le.xml"
    );
    let bytes = std::fs::read(path).expect("fixture");
    let streamed: Vec<_> = osc_schema::xml::persons(bytes.as_slice())
        .expect("friends root")
        .collect::<Result<_, _>>()
        .expect("all persons read");
    let whole = osc_schema::xml::read_bytes(&bytes).expect("whole document reads");
    let osc_schema::model::Root::Friends(friends) = whole.document.root else {
        panic!("fixture is a friends document");
    };
    assert_eq!(streamed, friends.persons);
}

/// Every person, or the error that ended the list, as text (errors show their position).
fn outcomes<E: std::fmt::Display>(
    persons: Result<impl Iterator<Item = Result<osc_schema::model::Person, E>>, E>,
) -> Vec<Result<osc_schema::model::Person, String>> {
    match persons {
        Ok(stream) => stream.map(|p| p.map_err(|e| e.to_string())).collect(),
        Err(e) => vec![Err(e.to_string())],
    }
}

/// The reader over text in memory marks items with offsets and counts lines only for
/// errors; the one over a stream counts as it goes. Both must give the same persons and
/// place every error at the same line and column.
#[test]
fn text_and_stream_readers_agree_on_persons_and_error_positions() {
    let ns = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
    let mut documents: Vec<(String, String)> = Vec::new();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut dirs = vec![std::path::PathBuf::from(fixtures)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                let bytes = std::fs::read(&path).expect("fixture");
                if let Ok(decoded) = osc_schema::xml::decode::decode(&bytes) {
                    documents.push((path.display().to_string(), decoded.text.into_owned()));
                }
            }
        }
    }
    // Errors after multi-byte characters, CRLF line ends, references and long lines, in
    // start tags, values, attributes, end tags and after the root.
    let person = "<person><userID>é€😀</userID><nickname>a&amp;b&#233;</nickname></person>";
    let broken = [
        format!(
            "<friends xmlns=\"{ns}\">\r\n{person}\r\n<person><userID>2</userID><gender>robot</gender></person></friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n  <person><userID>3</userID><nickname>x</nickname><nickname>y</nickname></person>\n</friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}{person}\n<person><nickname>no id</nickname></person>\n</friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person a=\"1\"><userID>4</userID></person></friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person><userID>5</userID><unknown/></person></friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person><userID>6</userID>stray text</person></friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person><userID>7&bogus;</userID></person></friends>"
        ),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person><userID>8</userID></persons></friends>"
        ),
        format!("<friends xmlns=\"{ns}\">\n{person}\n</friends>\n<after/>"),
        format!(
            "<friends xmlns=\"{ns}\">\n{person}\n<person><userID>9</userID><x:y xmlns:x=\"urn:x\"/></person></friends>"
        ),
        format!(
            "\u{FEFF}<friends xmlns=\"{ns}\">\n{person}\n<person><userID>10</userID><gender>robot</gender></person></friends>"
        ),
        format!("<friends xmlns=\"{ns}\">\n{person}\n<person><userID>11</userID>"),
        format!("<?xml version=\"1.0\"?>\n<friends xmlns=\"urn:other\">\n{person}</friends>"),
    ];
    for (i, doc) in broken.into_iter().enumerate() {
        documents.push((format!("broken {i}"), doc));
    }
    let mut errors = 0;
    for (name, text) in &documents {
        let from_text = outcomes(osc_schema::xml::persons_str(text));
        let from_stream = outcomes(osc_schema::xml::persons(text.as_bytes()));
        assert_eq!(from_text, from_stream, "{name}");
        errors += from_text.iter().filter(|o| o.is_err()).count();
    }
    // Every broken document ends in an error, and so do the fixtures that are not lists.
    assert!(errors >= 13, "{errors} errors");
}
