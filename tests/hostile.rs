//! Hostile and broken input: every case gets its own clear finding or error, and the
//! bounded ones are shown bounded through the limits (how far a reader got before it
//! refused), never through timings.

mod support;

use std::io::{self, BufRead, BufReader, Read};

use osc_schema::error::Error;
use osc_schema::limits::Exceeded;
use osc_schema::{Limits, Report, Validator, xml};

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

use support::codes;

/// Validated in memory and as a stream, a document gets `code` both ways.
fn refused_with(bytes: &[u8], code: &str) -> Report {
    let in_memory = Validator::auto().validate_bytes(bytes);
    assert!(
        codes(&in_memory).contains(&code),
        "in memory: expected {code}, got {:?}",
        in_memory.diagnostics()
    );
    let streamed = Validator::auto()
        .validate_reader(bytes)
        .expect("reading from memory does not fail");
    assert!(
        codes(&streamed).contains(&code),
        "as a stream: expected {code}, got {:?}",
        streamed.diagnostics()
    );
    assert!(!in_memory.is_valid() && !streamed.is_valid());
    in_memory
}

fn friends_with(inner: &str) -> String {
    format!("<friends xmlns=\"{NS}\">{inner}</friends>")
}

// ----- DTDs and entities -------------------------------------------------------------

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">"));
    }
    let doc = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE friends [{dtd}]>{}",
        friends_with("<person><userID>&lol9;</userID></person>")
    );
    let report = refused_with(doc.as_bytes(), "xml::doctype");
    assert_eq!(report.diagnostics().len(), 1, "{:?}", report.diagnostics());
    assert!(matches!(
        xml::read_str(&doc),
        Err(Error::Doctype { pos }) if pos.line == 1
    ));
}

#[test]
fn quadratic_blowup_is_refused_at_the_doctype() {
    let big = "x".repeat(100_000);
    let refs = "&big;".repeat(10_000);
    let doc = format!(
        "<!DOCTYPE friends [<!ENTITY big \"{big}\">]>{}",
        friends_with(&format!("<person><userID>{refs}</userID></person>"))
    );
    refused_with(doc.as_bytes(), "xml::doctype");
    assert!(matches!(xml::read_str(&doc), Err(Error::Doctype { .. })));
}

#[test]
fn an_undeclared_entity_is_an_error_and_character_references_are_fine() {
    let doc = friends_with("<person><userID>&big;</userID></person>");
    let report = refused_with(doc.as_bytes(), "xml::undefined-entity");
    assert!(report.diagnostics()[0].message.contains("&big;"));
    assert!(matches!(
        xml::read_str(&doc),
        Err(Error::NotWellFormed { .. })
    ));

    let fine =
        friends_with("<person><userID>&#233;&#xE9;&lt;&gt;&amp;&quot;&apos;</userID></person>");
    assert!(Validator::auto().validate_str(&fine).is_valid());
    let read = xml::read_str(&fine).expect("character references read");
    let written = xml::to_string(&read).expect("writes");
    assert!(written.contains("éé&lt;&gt;&amp;\"'"), "{written}");
}

#[test]
fn external_entities_are_never_fetched() {
    for system in ["file:///etc/passwd", "http://127.0.0.1:9/osc.dtd"] {
        let doc = format!(
            "<!DOCTYPE friends [<!ENTITY xxe SYSTEM \"{system}\">]>{}",
            friends_with("<person><userID>&xxe;</userID></person>")
        );
        let report = refused_with(doc.as_bytes(), "xml::doctype");
        for d in report.diagnostics() {
            assert!(!d.message.contains("root:"), "{}", d.message);
        }
        assert!(matches!(xml::read_str(&doc), Err(Error::Doctype { .. })));
        // An external DTD alone is refused the same way.
        let external = format!("<!DOCTYPE friends SYSTEM \"{system}\">{}", friends_with(""));
        refused_with(external.as_bytes(), "xml::doctype");
    }
}

#[test]
fn parameter_entities_are_refused_with_the_doctype() {
    let doc = format!(
        "<!DOCTYPE friends [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>{}",
        friends_with("")
    );
    refused_with(doc.as_bytes(), "xml::doctype");
    assert!(matches!(xml::read_str(&doc), Err(Error::Doctype { .. })));
}

// ----- size and shape ----------------------------------------------------------------

#[test]
fn nesting_a_hundred_thousand_deep_stops_at_the_depth_limit() {
    let depth = 100_000;
    let doc = friends_with(&format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)));
    let report = refused_with(doc.as_bytes(), "xml::limit");
    let limit = report
        .diagnostics()
        .iter()
        .find(|d| d.code == "xml::limit")
        .expect("a limit finding");
    assert!(limit.message.contains("256 levels"), "{}", limit.message);
    // Refused where the 257th level opens: `<friends …>` then 255 `<a>`.
    let opened = limit.location.span.start;
    assert_eq!(opened, friends_with("").find("</").unwrap() + 3 * 255);

    // The typed reader stops at the same bound (its first error is the unexpected
    // element, so nest inside what it reads: a person's `userID` holds no elements, but
    // raising nothing else, a lower depth bound is what it meets first).
    let shallow = Limits {
        max_depth: 1,
        ..Limits::default()
    };
    let options = xml::ReadOptions {
        limits: shallow,
        ..xml::ReadOptions::default()
    };
    match xml::read_bytes_with(doc.as_bytes(), options) {
        Err(Error::Limit {
            exceeded: Exceeded::Depth(1),
            ..
        }) => {}
        other => panic!("expected the depth limit, got {other:?}"),
    }
}

#[test]
fn a_million_attributes_are_refused_before_they_are_checked() {
    let attributes: String = (0..1_000_000).map(|i| format!(" a{i}=\"x\"")).collect();
    let doc = format!("<friends xmlns=\"{NS}\"{attributes}/>");
    let report = refused_with(doc.as_bytes(), "xml::limit");
    assert!(
        report.diagnostics()[0].message.contains("64 attributes"),
        "{:?}",
        report.diagnostics()
    );
    assert!(matches!(
        xml::read_str(&doc),
        Err(Error::Limit {
            exceeded: Exceeded::Attributes(64),
            ..
        })
    ));
}

#[test]
fn too_many_elements_are_refused() {
    let doc = friends_with(&"<person><userID>1</userID></person>".repeat(10));
    let few = Limits {
        max_elements: 12,
        ..Limits::default()
    };
    let report = Validator::auto().with_limits(few).validate_str(&doc);
    assert_eq!(codes(&report), ["xml::limit"]);
    assert!(report.diagnostics()[0].message.contains("12 elements"));
    let options = xml::ReadOptions {
        limits: few,
        ..xml::ReadOptions::default()
    };
    assert!(matches!(
        xml::read_bytes_with(doc.as_bytes(), options),
        Err(Error::Limit {
            exceeded: Exceeded::Elements(12),
            ..
        })
    ));
}

#[test]
fn a_document_past_the_size_limit_is_refused() {
    let doc = friends_with(&"<person><userID>1</userID></person>".repeat(100));
    let small = Limits {
        max_input_bytes: 1_000,
        ..Limits::default()
    };
    let report = Validator::auto().with_limits(small).validate_str(&doc);
    assert_eq!(codes(&report), ["xml::limit"]);
    let streamed = Validator::auto()
        .with_limits(small)
        .validate_reader(doc.as_bytes())
        .expect("reads");
    assert_eq!(codes(&streamed), ["xml::limit"]);
    let options = xml::ReadOptions {
        limits: small,
        ..xml::ReadOptions::default()
    };
    assert!(matches!(
        xml::read_bytes_with(doc.as_bytes(), options),
        Err(Error::Limit {
            exceeded: Exceeded::InputBytes(1_000),
            ..
        })
    ));
}

/// A document whose one text node is `size` bytes of `a`, made up as it is read, and how
/// much of it was read.
struct OneLongText {
    head: Vec<u8>,
    size: u64,
    served: u64,
    tail: Vec<u8>,
    chunk: Vec<u8>,
}

impl OneLongText {
    fn new(size: u64) -> Self {
        OneLongText {
            head: format!("<friends xmlns=\"{NS}\"><person><userID>").into_bytes(),
            size,
            served: 0,
            tail: b"</userID></person></friends>".to_vec(),
            chunk: vec![b'a'; 64 * 1024],
        }
    }
}

impl Read for OneLongText {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let total = self.head.len() as u64 + self.size + self.tail.len() as u64;
        let at = self.served;
        if at >= total {
            return Ok(0);
        }
        let head = self.head.len() as u64;
        let (source, offset): (&[u8], u64) = if at < head {
            (&self.head, at)
        } else if at < head + self.size {
            let left = (head + self.size - at).min(self.chunk.len() as u64);
            (&self.chunk[..left as usize], 0)
        } else {
            (&self.tail, at - head - self.size)
        };
        let piece = &source[offset as usize..];
        let n = piece.len().min(out.len());
        out[..n].copy_from_slice(&piece[..n]);
        self.served += n as u64;
        Ok(n)
    }
}

#[test]
fn a_gigabyte_text_node_is_refused_after_reading_a_bounded_part_of_it() {
    const GIB: u64 = 1 << 30;
    let limit = Limits::DEFAULT_MAX_VALUE_BYTES as u64;

    let mut text = BufReader::new(OneLongText::new(GIB));
    let report = Validator::auto()
        .validate_reader(&mut text)
        .expect("the generator does not fail");
    assert_eq!(codes(&report), ["xml::limit"]);
    assert!(report.diagnostics()[0].message.contains("bytes"));
    let read = text.get_ref().served;
    assert!(
        read < 3 * limit,
        "the validator read {read} bytes of a text node limited to {limit}"
    );

    // The streaming reader of lists stops the same way.
    let mut text = BufReader::new(OneLongText::new(GIB));
    let mut persons = xml::persons(&mut text).expect("the root reads");
    match persons.next() {
        Some(Err(Error::Limit {
            exceeded: Exceeded::ValueBytes(_),
            ..
        })) => {}
        other => panic!("expected the value limit, got {other:?}"),
    }
    drop(persons);
    let read = text.get_ref().served;
    assert!(read < 3 * limit, "the list reader read {read} bytes");
}

// ----- encodings and bytes -----------------------------------------------------------

#[test]
fn invalid_utf8_is_refused_wherever_it_stands() {
    let bad: &[&[u8]] = &[
        b"\xC3",             // truncated two-byte sequence
        b"\xE2\x82",         // truncated three-byte sequence
        b"\xC0\xAF",         // overlong
        b"\xED\xA0\x80",     // a surrogate
        b"\xF4\x90\x80\x80", // beyond U+10FFFF
        b"\xFF",             // never valid
    ];
    let places: &[(&str, &str)] = &[
        (
            "<friends xmlns=\"NS\"><person><userID>a",
            "</userID></person></friends>",
        ),
        ("<friends xmlns=\"NS\"><pers", "on/></friends>"),
        ("<friends xmlns=\"NS\" x=\"", "\"/>"),
        ("<friends xmlns=\"NS\"><!-- ", " --></friends>"),
        ("<friends xmlns=\"NS\"><?pi ", "?></friends>"),
        (
            "<friends xmlns=\"NS\"><person><userID><![CDATA[",
            "]]></userID></person></friends>",
        ),
        ("<friends xmlns=\"NS\"/>", ""),
        ("", "<friends xmlns=\"NS\"/>"),
    ];
    for sequence in bad {
        for (before, after) in places {
            let mut doc = before.replace("NS", NS).into_bytes();
            let at = doc.len();
            doc.extend_from_slice(sequence);
            doc.extend_from_slice(after.replace("NS", NS).as_bytes());
            let report = refused_with(&doc, "xml::encoding");
            assert_eq!(
                report.diagnostics()[0].location.span.start,
                at,
                "{sequence:?} after {before:?}"
            );
            assert!(
                matches!(xml::read_bytes(&doc), Err(Error::Encoding { .. })),
                "{sequence:?} after {before:?}"
            );
        }
    }
}

#[test]
fn utf16_without_a_byte_order_mark_is_named_as_such() {
    let text = friends_with("");
    for little_endian in [true, false] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|unit| {
                if little_endian {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect();
        let report = refused_with(&bytes, "xml::encoding");
        assert!(report.diagnostics()[0].message.contains("byte order mark"));
        match xml::read_bytes(&bytes) {
            Err(Error::Encoding { message, .. }) => assert!(message.contains("byte order mark")),
            other => panic!("expected an encoding error, got {other:?}"),
        }
    }
}

#[test]
fn a_byte_order_mark_that_contradicts_the_declaration_is_refused() {
    let doc = format!(
        "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?>{}",
        friends_with("")
    );
    let report = refused_with(doc.as_bytes(), "xml::encoding");
    assert!(report.diagnostics()[0].message.contains("UTF-16"));
    assert!(matches!(
        xml::read_bytes(doc.as_bytes()),
        Err(Error::Encoding { .. })
    ));
}

#[test]
fn nul_bytes_are_not_xml() {
    for doc in [
        friends_with("<person><userID>a\0b</userID></person>"),
        format!("<friends xmlns=\"{NS}\" a=\"\0\"/>"),
        format!("{}\0", friends_with("")),
    ] {
        let report = refused_with(doc.as_bytes(), "xml::not-well-formed");
        assert!(
            report.diagnostics()[0].message.contains("U+0000"),
            "{:?}",
            report.diagnostics()
        );
        assert!(matches!(
            xml::read_str(&doc),
            Err(Error::NotWellFormed { .. })
        ));
    }
}

#[test]
fn a_truncated_document_is_not_well_formed() {
    let whole = friends_with("<person><userID>1</userID></person>");
    for cut in [10, whole.len() / 2, whole.len() - 1] {
        let doc = &whole[..cut];
        refused_with(doc.as_bytes(), "xml::not-well-formed");
        assert!(
            matches!(xml::read_str(doc), Err(Error::NotWellFormed { .. })),
            "{doc}"
        );
    }
}

#[test]
fn an_xml_declaration_after_whitespace_is_not_well_formed() {
    let doc = format!("  <?xml version=\"1.0\"?>{}", friends_with(""));
    let report = refused_with(doc.as_bytes(), "xml::not-well-formed");
    assert!(report.diagnostics()[0].message.contains("declaration"));
    assert!(matches!(
        xml::read_str(&doc),
        Err(Error::NotWellFormed { .. })
    ));
}

// ----- comments, processing instructions, CDATA --------------------------------------

/// The documentation's `capabilities` example with `getFriends` written as given.
fn capabilities_with(get_friends: &str) -> String {
    include_str!("../fixtures/docs/capabilities.xml").replace(
        "<getFriends>true</getFriends>",
        &format!("<getFriends>{get_friends}</getFriends>"),
    )
}

#[test]
fn markup_inside_a_value_is_accepted_where_xml_allows_it() {
    let plain = xml::read_str(&capabilities_with("true")).expect("reads");
    for value in [
        "tr<!-- c -->ue",
        "<![CDATA[true]]>",
        "tr<![CDATA[u]]>e",
        "t<?pi x?>rue",
        " <!-- before -->true<!-- after --> ",
    ] {
        let doc = capabilities_with(value);
        let report = Validator::auto().validate_str(&doc);
        assert!(report.is_valid(), "{value}: {:?}", report.diagnostics());
        let streamed = Validator::auto()
            .validate_reader(doc.as_bytes())
            .expect("reads");
        assert!(streamed.is_valid(), "{value}: {:?}", streamed.diagnostics());
        let mut read = xml::read_str(&doc).expect("reads");
        // Comments and instructions within the value are kept inside its element.
        let inside = osc_schema::model::Place::end("/capabilities/getFriends");
        assert!(read.comments.iter().all(|c| c.place == inside), "{value}");
        read.comments.clear();
        assert_eq!(read, plain, "{value}");
    }
}

#[test]
fn markup_is_refused_where_xml_forbids_it() {
    let cases = [
        // `--` inside a comment.
        capabilities_with("<!-- a -- b -->true"),
        // A CDATA section outside the root.
        format!("{}<![CDATA[x]]>", capabilities_with("true")),
        // Text outside the root.
        format!("{}text", capabilities_with("true")),
        // A processing instruction named like the declaration, inside the document.
        capabilities_with("<?xml version=\"1.0\"?>true"),
        // An unterminated comment.
        capabilities_with("<!-- true"),
    ];
    for doc in cases {
        refused_with(doc.as_bytes(), "xml::not-well-formed");
        assert!(xml::read_str(&doc).is_err(), "{doc}");
    }
}

/// `BufRead` is what the stream validator takes; a reader that fails halfway gives an
/// error, not a verdict.
#[test]
fn a_failing_reader_is_an_error() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }
    let result = Validator::auto().validate_reader(BufReader::new(Failing));
    assert!(matches!(result, Err(Error::Io(_))));
    fn assert_bufread<R: BufRead>(_: &R) {}
    assert_bufread(&BufReader::new(Failing));
}
