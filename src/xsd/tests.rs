//! Validator tests: every diagnostic code with its position, path and wording; recovery;
//! the XSD lexical rules; namespaces and targets; the three input kinds agreeing.

use super::*;
use crate::diagnostic::{Code, Severity};
use crate::version::{NS_1_0, NS_1_1};

/// One finding, flattened for comparison.
type Found = (String, u32, u32, String, String);

fn found(report: &Report) -> Vec<Found> {
    report
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.location.line,
                d.location.column,
                d.location.path.clone(),
                d.message.clone(),
            )
        })
        .collect()
}

fn one(code: &str, line: u32, column: u32, path: &str, message: &str) -> Found {
    (
        code.to_string(),
        line,
        column,
        path.to_string(),
        message.to_string(),
    )
}

/// Validates through all three entry points and checks they agree before returning.
fn check_all(v: &Validator, xml: &str) -> Report {
    let from_str = v.validate_str(xml);
    let from_bytes = v.validate_bytes(xml.as_bytes());
    let from_reader = v.validate_reader(xml.as_bytes()).unwrap();
    assert_eq!(
        found(&from_str),
        found(&from_bytes),
        "bytes differ for {xml}"
    );
    assert_eq!(
        found(&from_str),
        found(&from_reader),
        "reader differs for {xml}"
    );
    let spans: Vec<_> = from_str
        .diagnostics()
        .iter()
        .map(|d| d.location.span.clone())
        .collect();
    let reader_spans: Vec<_> = from_reader
        .diagnostics()
        .iter()
        .map(|d| d.location.span.clone())
        .collect();
    assert_eq!(spans, reader_spans, "reader spans differ for {xml}");
    // Short reads put block boundaries inside every kind of event.
    for step in [1, 3, 7] {
        let input = std::io::BufReader::with_capacity(step, Trickle(xml.as_bytes(), step));
        let trickled = v.validate_reader(input).unwrap();
        assert_eq!(found(&from_str), found(&trickled), "step {step} for {xml}");
        let trickled_spans: Vec<_> = trickled
            .diagnostics()
            .iter()
            .map(|d| d.location.span.clone())
            .collect();
        assert_eq!(spans, trickled_spans, "step {step} spans for {xml}");
    }
    from_str
}

/// A reader that hands out at most `.1` bytes per call.
struct Trickle<'a>(&'a [u8], usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(out.len()).min(self.1);
        let (now, rest) = self.0.split_at(n);
        out[..n].copy_from_slice(now);
        self.0 = rest;
        Ok(n)
    }
}

fn friends(body: &str) -> String {
    format!("<friends xmlns=\"{NS_1_1}\">\n{body}</friends>\n")
}

fn v2013() -> Validator {
    Validator::new(Target::Outlook2013)
}

#[test]
fn embedded_schemas_compile() {
    for t in Target::ALL {
        let s = embedded(t).unwrap();
        assert!(s.has_root("friends"), "{t}");
        assert_eq!(s.has_root("person"), t != Target::BeforeOutlook2010);
    }
}

#[test]
fn the_docs_fixtures_are_valid() {
    let capabilities = format!(
        "<capabilities xmlns=\"{NS_1_1}\"><getFriends>true</getFriends><cacheFriends>1</cacheFriends>\
         <followPerson>false</followPerson><doNotFollowPerson>0</doNotFollowPerson>\
         <getActivities> true </getActivities><cacheActivities>false</cacheActivities>\
         <displayUrl>false</displayUrl><useLogonWebAuth>false</useLogonWebAuth>\
         <contactSyncRestartInterval>+5</contactSyncRestartInterval>\
         <hashFunction>SHA1</hashFunction><allowChangesToAutoConfigure>true</allowChangesToAutoConfigure>\
         </capabilities>"
    );
    let r = check_all(&Validator::auto(), &capabilities);
    assert!(r.is_valid(), "{:?}", r.diagnostics());
    assert_eq!(r.target(), Some(Target::Outlook2013));
    assert_eq!(r.root(), Some("capabilities"));
    assert!(r.event_count() > 10);
}

#[test]
fn unexpected_element_lists_what_could_come_next() {
    let xml = friends(
        "  <person>\n    <userID>a</userID>\n    <gender>male</gender>\n    <nickName>x</nickName>\n  </person>\n",
    );
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xsd::unexpected-element",
            5,
            5,
            "/friends/person[1]/nickName",
            "expected one of `index`, `pictureUrl`, `friendStatus`, `businessAddress`, `businessCity`, `businessState`, … after `gender`, found `nickName`"
        )]
    );
    assert_eq!(
        r.diagnostics()[0].help.as_deref(),
        Some("did you mean `nickname`?")
    );
}

#[test]
fn three_independent_errors_are_all_reported_and_validation_recovers() {
    let xml = friends(concat!(
        "  <person>\n",
        "    <firstName>b</firstName>\n",        // userID missing
        "    <birthday>1990-13-01</birthday>\n", // bad date
        "    <junk><deep><deeper/></deep></junk>\n", // unexpected, skipped whole
        "    <gender>female</gender>\n",         // still checked after the skip: fine
        "  </person>\n",
        "  <person>\n",
        "    <userID>c</userID>\n",
        "    <index>1.5</index>\n", // bad int in a later sibling
        "  </person>\n",
    ));
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [
            one(
                "xsd::missing-element",
                3,
                5,
                "/friends/person[1]",
                "expected `userID` before `firstName`"
            ),
            one(
                "xsd::invalid-value",
                4,
                15,
                "/friends/person[1]/birthday",
                "`1990-13-01` is not a date (`YYYY-MM-DD`)"
            ),
            one(
                "xsd::unexpected-element",
                5,
                5,
                "/friends/person[1]/junk",
                "expected one of `emailAddress`, `emailAddress2`, `emailAddress3`, `webProfilePage`, `phone`, `cell`, … after `birthday`, found `junk`"
            ),
            one(
                "xsd::invalid-value",
                10,
                12,
                "/friends/person[2]/index",
                "`1.5` is not a whole number from -2147483648 to 2147483647"
            ),
        ]
    );
}

#[test]
fn missing_element_at_the_end_and_in_the_middle() {
    let xml = format!("<activityFeed xmlns=\"{NS_1_1}\">\n  <network>n</network>\n</activityFeed>");
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xsd::missing-element",
            3,
            1,
            "/activityFeed",
            "expected `activities`, `templates` before the end of `activityFeed`"
        )]
    );
}

#[test]
fn repeatable_elements_are_indexed_in_paths() {
    let detail = |owner: &str| {
        format!(
            "<activityDetails><ownerID>{owner}</ownerID><objectID>o</objectID>\
             <applicationID>1</applicationID><templateID>-0</templateID>\
             <publishDate>2010-01-01T00:00:00Z</publishDate><templateVariables/></activityDetails>"
        )
    };
    let xml = format!(
        "<activityFeed xmlns=\"{NS_1_1}\"><network>n</network><activities>{}{}</activities><templates/></activityFeed>",
        detail("a"),
        detail("b").replace("<ownerID>b</ownerID>", "")
    );
    let r = check_all(&v2013(), &xml);
    let d = &r.diagnostics()[0];
    assert_eq!(d.code, "xsd::missing-element");
    assert_eq!(
        d.location.path,
        "/activityFeed/activities/activityDetails[2]"
    );
    assert_eq!(d.message, "expected `ownerID` before `objectID`");
}

#[test]
fn too_many_reports_the_extra_occurrence() {
    let xml =
        friends("<person><userID>a</userID><gender>male</gender><gender>male</gender></person>");
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xsd::too-many",
            2,
            48,
            "/friends/person[1]/gender[2]",
            "`gender` may occur at most once in `person`"
        )]
    );
}

#[test]
fn boolean_value_wording_and_position() {
    let xml = format!(
        "<capabilities xmlns=\"{NS_1_1}\">\n  <getFriends>yes</getFriends>\n</capabilities>"
    );
    let r = v2013().validate_str(&xml);
    let d = &r.diagnostics()[0];
    assert_eq!(
        (d.code.as_str(), d.location.line, d.location.column),
        ("xsd::invalid-value", 2, 15)
    );
    assert_eq!(d.message, "`yes` is not a boolean (`true` or `false`)");
    assert_eq!(d.location.path, "/capabilities/getFriends");
    assert_eq!(&xml[d.location.span.clone()], "yes");
}

#[test]
fn attributes_missing_unexpected_and_invalid() {
    let xml = format!(
        "<activityFeed xmlns=\"{NS_1_1}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"a b\"><network>n</network><activities><activityDetails><ownerID>o</ownerID>\
         <objectID>o</objectID><applicationID>1</applicationID><templateID>2</templateID>\
         <publishDate>2010-01-01T00:00:00</publishDate><templateVariables>\n\
         <templateVariable><name>a</name></templateVariable>\n\
         <templateVariable type=\"linkVariable\" color=\"red\"><name>b</name></templateVariable>\n\
         <templateVariable type=\"bogus\"><name>c</name></templateVariable>\n\
         </templateVariables></activityDetails></activities><templates/></activityFeed>"
    );
    let r = check_all(&v2013(), &xml);
    let base = "/activityFeed/activities/activityDetails[1]/templateVariables";
    assert_eq!(
        found(&r),
        [
            one(
                "xsd::missing-attribute",
                2,
                1,
                &format!("{base}/templateVariable[1]"),
                "`templateVariable` needs attribute `type`, which is missing"
            ),
            one(
                "xsd::unexpected-attribute",
                3,
                39,
                &format!("{base}/templateVariable[2]"),
                "attribute `color` is not allowed on `templateVariable`"
            ),
            one(
                "xsd::invalid-value",
                4,
                25,
                &format!("{base}/templateVariable[3]"),
                "attribute `type`: `bogus` is not an allowed value: expected one of `publisherVariable`, `entityVariable`, `linkVariable`, `textVariable`, `pictureVariable`, `listVariable`"
            ),
        ]
    );
}

#[test]
fn text_not_allowed_between_elements() {
    let xml = friends("<person>\n  <userID>a</userID>\n  stray words\n</person>\n");
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xsd::text-not-allowed",
            4,
            3,
            "/friends/person[1]",
            "text is not allowed directly in `person`, which holds only elements"
        )]
    );
    assert_eq!(
        &xml[r.diagnostics()[0].location.span.clone()],
        "stray words\n"
    );
}

#[test]
fn elements_only_in_later_generations_say_so() {
    let xml = friends("<person><userID>a</userID><skills>x</skills></person>");
    let r = check_all(&Validator::new(Target::Outlook2010), &xml);
    let d = &r.diagnostics()[0];
    assert_eq!(d.code, "xsd::unexpected-element");
    assert_eq!(d.location.path, "/friends/person[1]/skills");
    assert_eq!(
        d.help.as_deref(),
        Some("`skills` exists only in the 2013 schema")
    );
    assert!(v2013().validate_str(&xml).is_valid());

    let xml10 = format!(
        "<friends xmlns=\"{NS_1_0}\"><person><userID>a</userID><index>1</index></person></friends>"
    );
    let r = check_all(&Validator::auto(), &xml10);
    assert_eq!(r.target(), Some(Target::BeforeOutlook2010));
    assert_eq!(
        r.diagnostics()[0].help.as_deref(),
        Some("`index` exists only from the 1.1 schema on")
    );
}

#[test]
fn namespace_mismatch_between_target_and_document() {
    let xml = friends("");
    let r = check_all(&Validator::new(Target::BeforeOutlook2010), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xsd::namespace-mismatch",
            1,
            1,
            "/friends",
            &format!(
                "the document is in the 1.1 namespace `{NS_1_1}`, but the 1.0 schema expects `{NS_1_0}`"
            )
        )]
    );
    let xml10 = format!("<friends xmlns=\"{NS_1_0}\"><bogus/></friends>");
    let r = check_all(&Validator::new(Target::Outlook2010), &xml10);
    assert_eq!(r.diagnostics().len(), 1, "nothing else is validated");
    assert_eq!(r.diagnostics()[0].code, "xsd::namespace-mismatch");
}

#[test]
fn https_namespace_is_the_wrong_namespace() {
    let ns = NS_1_1.replacen("http://", "https://", 1);
    let xml = format!("<friends xmlns=\"{ns}\"/>");
    let r = check_all(&Validator::auto(), &xml);
    let d = &r.diagnostics()[0];
    assert_eq!(d.code, "xsd::wrong-namespace");
    assert_eq!(
        d.message,
        format!("root `friends` is in namespace `{ns}`, which is not an OSC namespace")
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            format!("OSC namespaces use `http`, not `https`: write `xmlns=\"{NS_1_1}\"`").as_str()
        )
    );
}

#[test]
fn unknown_roots() {
    let r = check_all(&Validator::auto(), "<friends xmlns=\"urn:other\"/>");
    assert_eq!(
        found(&r),
        [one(
            "xsd::unknown-root",
            1,
            1,
            "/friends",
            &format!(
                "root `friends` is in namespace `urn:other`; OSC documents are in `{NS_1_1}` (or `{NS_1_0}` for 1.0)"
            )
        )]
    );
    let r = check_all(&v2013(), &format!("<people xmlns=\"{NS_1_1}\"/>"));
    assert_eq!(
        r.diagnostics()[0].message,
        "`people` is not a root element of the 2013 schema; expected one of `activityFeed`, `capabilities`, `hashedAddresses`, `friends`, `person`"
    );
    let r = check_all(&Validator::auto(), "<friends/>");
    assert_eq!(r.diagnostics()[0].code, "xsd::unknown-root");
    assert!(r.diagnostics()[0].message.contains("has no namespace"));
}

#[test]
fn hashed_addresses_without_namespace_are_read_as_1_1() {
    let xml = "<hashedAddresses>\n  <personAddresses index=\"0\"><hashedAddress>abc</hashedAddress></personAddresses>\n</hashedAddresses>";
    let r = check_all(&Validator::auto(), xml);
    assert!(r.is_valid());
    assert_eq!(
        found(&r),
        [one(
            "xsd::no-namespace",
            1,
            1,
            "/hashedAddresses",
            &format!("`hashedAddresses` has no namespace; it was validated as if in `{NS_1_1}`")
        )]
    );
    assert_eq!(r.diagnostics()[0].severity, Severity::Info);
    // Its children are held to the 1.1 model too.
    let bad = xml.replace("index=\"0\"", "index=\"x\"");
    let r = check_all(&Validator::auto(), &bad);
    assert!(!r.is_valid());
    assert_eq!(r.errors().next().unwrap().code, "xsd::invalid-value");
    // Under 1.0 there is no hashedAddresses at all.
    let r = check_all(&Validator::new(Target::BeforeOutlook2010), xml);
    assert_eq!(r.diagnostics()[0].code, "xsd::unknown-root");
}

#[test]
fn xsd_lexical_rules() {
    let v = v2013();
    let caps = |value: &str| {
        format!(
            "<capabilities xmlns=\"{NS_1_1}\"><getFriends>{value}</getFriends><cacheFriends>0</cacheFriends>\
             <followPerson>0</followPerson><doNotFollowPerson>0</doNotFollowPerson><getActivities>0</getActivities>\
             <cacheActivities>0</cacheActivities><displayUrl>0</displayUrl><useLogonWebAuth>0</useLogonWebAuth></capabilities>"
        )
    };
    for ok in [
        "tr<!-- c -->ue",
        "<![CDATA[true]]>",
        "\n true \n",
        "t<?pi x?>rue",
        "&#116;rue",
    ] {
        let r = check_all(&v, &caps(ok));
        assert!(r.is_valid(), "{ok}: {:?}", r.diagnostics());
    }
    for bad in ["yes", "True", "tr ue", ""] {
        assert!(!check_all(&v, &caps(bad)).is_valid(), "{bad}");
    }
    let interval = |value: &str| {
        caps("1").replace(
            "</useLogonWebAuth>",
            &format!(
                "</useLogonWebAuth><contactSyncRestartInterval>{value}</contactSyncRestartInterval>"
            ),
        )
    };
    for ok in ["+5", "-0", " 5 ", "4294967295"] {
        assert!(check_all(&v, &interval(ok)).is_valid(), "{ok}");
    }
    for bad in ["-1", "4294967296", "5.0", "+"] {
        assert!(!check_all(&v, &interval(bad)).is_valid(), "{bad}");
    }
}

#[test]
fn string_lengths_and_exact_patterns() {
    let v = v2013();
    let person = |inner: &str| friends(&format!("<person><userID>a</userID>{inner}</person>"));
    let r = check_all(
        &v,
        &person(&format!("<firstName>{}</firstName>", "a".repeat(1025))),
    );
    assert_eq!(
        found(&r),
        [one(
            "xsd::invalid-value",
            2,
            38,
            "/friends/person[1]/firstName",
            "the value has 1025 characters; at most 1024 are allowed"
        )]
    );
    assert!(
        check_all(
            &v,
            &person(&format!("<firstName>{}</firstName>", "é".repeat(1024)))
        )
        .is_valid()
    );
    // Entities count as the one character they stand for; CR LF counts as one.
    let mixed = format!("{}&amp;", "a".repeat(1023));
    assert!(check_all(&v, &person(&format!("<lastName>{mixed}</lastName>"))).is_valid());
    let crlf = format!("{}\r\n", "a".repeat(1023));
    assert!(check_all(&v, &person(&format!("<lastName>{crlf}</lastName>"))).is_valid());

    let r = check_all(&v, &person("<gender> male</gender>"));
    assert_eq!(
        r.diagnostics()[0].message,
        "` male` is not an allowed value: expected one of `male`, `female`, `unspecified`"
    );
    assert!(check_all(&v, &person("<gender>unspecified</gender>")).is_valid());
    assert!(!check_all(&v, &person("<friendStatus>nonfriend</friendStatus>")).is_valid());
}

#[test]
fn not_well_formed_stops_with_a_position() {
    let xml = friends("<person><userID>a</userID></persons>");
    let r = check_all(&v2013(), &xml);
    let d = &r.diagnostics()[0];
    assert_eq!(
        (d.code.as_str(), d.location.line, d.location.column),
        ("xml::not-well-formed", 2, 27)
    );
    assert_eq!(r.diagnostics().len(), 1);

    for (doc, code) in [
        ("", "xml::not-well-formed"),
        ("<friends xmlns=\"x\"/><b/>", "xml::not-well-formed"),
        ("<!DOCTYPE friends><friends/>", "xml::doctype"),
        ("<a>&nbsp;</a>", "xml::undefined-entity"),
        ("<a b=\"&nbsp;\"/>", "xml::undefined-entity"),
        ("<a>\u{1}</a>", "xml::not-well-formed"),
        ("<a b='1' b='2'/>", "xml::not-well-formed"),
        ("<a><p:b/></a>", "xml::not-well-formed"),
        ("<a>", "xml::not-well-formed"),
    ] {
        let r = check_all(&Validator::auto(), doc);
        assert_eq!(
            r.diagnostics().last().map(|d| d.code.as_str()),
            Some(code),
            "{doc}"
        );
    }
}

#[test]
fn undecodable_bytes_are_an_encoding_finding() {
    let r = Validator::auto().validate_bytes(b"<friends>\n\xFF</friends>");
    let said = "byte 0xFF is not UTF-8, which the document is read as; in windows-1252 it is \
                `ÿ`, so the file looks like windows-1252 text";
    assert_eq!(found(&r), [one("xml::encoding", 2, 1, "", said)]);
    // The span is the bad byte.
    assert_eq!(r.diagnostics()[0].location.span, 10..11);
    // A stream is decoded as it is read, so the finding comes where the bad byte is.
    let doc = format!(
        "<friends xmlns=\"{NS_1_1}\">\n<person><userID>\u{FFFD}</userID></person></friends>"
    );
    let mut bytes = doc.into_bytes();
    let at = bytes
        .windows(3)
        .position(|w| w == "\u{FFFD}".as_bytes())
        .unwrap();
    bytes.splice(at..at + 3, [0xFF]);
    let r = Validator::auto().validate_reader(&bytes[..]).unwrap();
    assert_eq!(r.diagnostics().len(), 1);
    assert_eq!(r.diagnostics()[0].code, "xml::encoding");
    assert_eq!(r.diagnostics()[0].location.line, 2);
    let utf16_no_bom: Vec<u8> = "<?xml version=\"1.0\"?><a/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    for r in [
        Validator::auto().validate_bytes(&utf16_no_bom),
        Validator::auto()
            .validate_reader(&utf16_no_bom[..])
            .unwrap(),
    ] {
        assert_eq!(r.diagnostics()[0].code, "xml::encoding");
    }
}

#[test]
fn utf16_input_through_bytes_and_reader() {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<friends xmlns=\"{NS_1_1}\">\n<person><userID>é</userID><gender>x</gender></person></friends>"
    );
    let mut le = vec![0xFF, 0xFE];
    le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let a = Validator::auto().validate_bytes(&le);
    let b = Validator::auto().validate_reader(&le[..]).unwrap();
    assert_eq!(found(&a), found(&b));
    // Short reads split code units, surrogate pairs and events alike.
    for step in [1, 2, 3, 5] {
        let input = std::io::BufReader::with_capacity(step, Trickle(&le, step));
        let c = Validator::auto().validate_reader(input).unwrap();
        assert_eq!(found_with_spans(&a), found_with_spans(&c), "step {step}");
    }
    // Broken UTF-16 stops validation where the text breaks off.
    let mut broken = le.clone();
    let cut = broken.len() - 20;
    broken.splice(cut..cut + 2, [0x00, 0xDC]);
    let d = Validator::auto()
        .validate_reader(std::io::BufReader::with_capacity(3, Trickle(&broken, 3)))
        .unwrap();
    assert_eq!(
        d.diagnostics().last().map(|d| d.code.as_str()),
        Some("xml::encoding")
    );
    assert_eq!(
        found(&a),
        [one(
            "xsd::invalid-value",
            3,
            35,
            "/friends/person[1]/gender",
            "`x` is not an allowed value: expected one of `male`, `female`, `unspecified`"
        )]
    );
}

#[test]
fn the_cap_keeps_the_first_findings_and_counts_the_rest() {
    let body: String = (0..10).map(|_| "<person/>").collect();
    let v = v2013().with_max_diagnostics(3);
    let r = v.validate_str(&friends(&body));
    assert_eq!((r.diagnostics().len(), r.truncated()), (3, 7));
    assert!(!r.is_valid());
    let all = v2013().validate_str(&friends(&body));
    assert_eq!(all.diagnostics().len(), 10);
}

#[test]
fn elements_inside_text_only_elements_and_wrong_child_namespaces() {
    let xml = friends(
        "<person><userID>a<b/></userID><x:firstName xmlns:x=\"urn:x\">f</x:firstName></person>",
    );
    let r = check_all(&v2013(), &xml);
    let codes: Vec<_> = r.diagnostics().iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        codes,
        [
            "element `b` is not allowed in `userID`, which holds only text",
            "element `firstName` is in namespace `urn:x`",
        ]
    );
}

#[test]
fn a_custom_schema_from_text() {
    let xsd = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"
        xmlns="urn:t" elementFormDefault="qualified">
      <xs:element name="root"><xs:complexType><xs:sequence>
        <xs:annotation><xs:documentation>ignored</xs:documentation></xs:annotation>
        <xs:element name="n" type="small" maxOccurs="3"/>
      </xs:sequence><xs:attribute name="id" type="xs:unsignedLong"/></xs:complexType></xs:element>
      <xs:simpleType name="small"><xs:restriction base="xs:string"><xs:maxLength value="3"/>
      </xs:restriction></xs:simpleType>
    </xs:schema>"#;
    let v = Validator::from_xsd(xsd).unwrap();
    assert!(
        v.validate_str("<root xmlns=\"urn:t\" id=\"+7\"><n>abc</n><n/></root>")
            .is_valid()
    );
    let r = v.validate_str("<root xmlns=\"urn:t\"><n>abcd</n><n/><n/><n/></root>");
    let codes: Vec<_> = r.diagnostics().iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["xsd::invalid-value", "xsd::too-many"]);
    assert_eq!(r.diagnostics()[1].location.path, "/root/n[4]");
    assert_eq!(
        v.validate_str("<root/>").diagnostics()[0].code,
        "xsd::unknown-root"
    );
}

#[test]
fn free_function_uses_the_namespace() {
    assert!(crate::xsd::validate(&friends("")).is_valid());
    assert!(!crate::xsd::validate("<friends/>").is_valid());
}

#[test]
fn huge_values_are_not_kept_whole() {
    let v = v2013();
    let person = |inner: &str| friends(&format!("<person><userID>a</userID>{inner}</person>"));
    // Whitespace around a number collapses away however long it is.
    let padded = format!(
        "<index>{} 7 {}</index>",
        " ".repeat(100_000),
        "\n".repeat(100_000)
    );
    assert!(v.validate_str(&person(&padded)).is_valid());
    // A string that long can match no pattern, even if it is mostly whitespace.
    let long = format!("<gender>{}male</gender>", " ".repeat(100_000));
    let r = v.validate_str(&person(&long));
    assert_eq!(r.diagnostics()[0].code, "xsd::invalid-value");
    let digits = format!("<index>{}</index>", "1".repeat(100_000));
    assert!(!v.validate_str(&person(&digits)).is_valid());
    // anyURI takes any text.
    let feed = format!(
        "<activityFeed xmlns=\"{NS_1_1}\"><network>n</network><activities/><templates>\
         <activityTemplateContainer><applicationID>1</applicationID><templateID>1</templateID>\
         <activityTemplate><title>t</title><icon>not a [uri] at all</icon></activityTemplate>\
         </activityTemplateContainer></templates></activityFeed>"
    );
    assert!(check_all(&v, &feed).is_valid());
}

#[test]
fn namespace_scopes_open_and_close_with_their_elements() {
    // A prefix declared on one element is gone after it closes, also when elements
    // without attributes sit between the declaration and its end.
    let xml = format!(
        "<o:friends xmlns:o=\"{NS_1_1}\">\n<o:person xmlns:p=\"{NS_1_1}\"><p:userID>a</p:userID><o:firstName>b</o:firstName></o:person>\n<o:person><p:userID>c</p:userID></o:person></o:friends>"
    );
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xml::not-well-formed",
            3,
            11,
            "/friends/person[2]",
            "namespace prefix `p` is not declared"
        )]
    );
    // A default namespace redeclared inside a subtree applies to that subtree only.
    let xml = format!(
        "<friends xmlns=\"{NS_1_1}\"><person><userID xmlns=\"urn:x\">a</userID></person><person><userID>b</userID></person></friends>"
    );
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        r.diagnostics()
            .iter()
            .map(|d| (d.code.as_str(), d.location.path.as_str()))
            .collect::<Vec<_>>(),
        [
            ("xsd::unexpected-element", "/friends/person[1]/userID"),
            ("xsd::missing-element", "/friends/person[1]")
        ]
    );
}

#[test]
fn namespace_declaration_errors_point_at_their_element() {
    let xml = format!("<friends xmlns=\"{NS_1_1}\">\n  <person xmlns:xmlns=\"urn:y\"/></friends>");
    let r = check_all(&v2013(), &xml);
    assert_eq!(
        found(&r),
        [one(
            "xml::not-well-formed",
            2,
            3,
            "/friends",
            "the namespace prefix 'xmlns' cannot be bound to 'urn:y'"
        )]
    );
}

/// Findings with their spans, for comparing two runs exactly.
fn found_with_spans(report: &Report) -> Vec<(Found, std::ops::Range<usize>)> {
    found(report)
        .into_iter()
        .zip(report.diagnostics().iter().map(|d| d.location.span.clone()))
        .collect()
}

/// Validates `xml` whole and as a stream: one finding saying `says` at `line_col`, and the
/// same findings with the same spans both ways.
fn one_finding_both_ways(xml: &str, says: &str, line_col: (u32, u32), label: usize) {
    let v = v2013();
    let whole = v.validate_bytes(xml.as_bytes());
    let streamed = v.validate_reader(xml.as_bytes()).expect("readable");
    assert_eq!(
        whole.diagnostics().len(),
        1,
        "{label}: {:?}",
        whole.diagnostics()
    );
    let d = &whole.diagnostics()[0];
    assert_eq!(d.message, says, "{label}");
    assert_eq!((d.location.line, d.location.column), line_col, "{label}");
    assert_eq!(
        found_with_spans(&whole),
        found_with_spans(&streamed),
        "{label}"
    );
}

#[test]
fn an_element_out_of_order_is_placed_alike_wherever_a_chunk_ends() {
    // The finding points at a sibling that closed before the element that shows it out of
    // place: a stream must still know where that sibling started when a chunk ends between.
    let chunk = 256 * 1024;
    let cases = [
        (
            "<pictureUrl>u</pictureUrl>",
            "`pictureUrl` belongs after `index`",
        ),
        ("<pictureUrl/>", "`pictureUrl` belongs after `index`"),
    ];
    for (early, says) in cases {
        for pad in (chunk - 400..chunk + 40).step_by(3) {
            let xml = format!(
                "<?xml version=\"1.0\"?>\n<!--{}-->\n<friends xmlns=\"{NS_1_1}\"><person>\n<userID>1</userID>\n{early}\n<firstName>k</firstName>\n<index>0</index>\n</person></friends>\n",
                "x".repeat(pad)
            );
            one_finding_both_ways(&xml, says, (5, 1), pad);
        }
    }
    // The one that came too late, found at its parent's end: the later of the two.
    for pad in (chunk - 400..chunk + 40).step_by(3) {
        let xml = format!(
            "<?xml version=\"1.0\"?>\n<!--{}-->\n<person xmlns=\"{NS_1_1}\">\n<userID>1</userID>\n<gender>male</gender>\n<nickname>k</nickname>\n</person>\n",
            "x".repeat(pad)
        );
        one_finding_both_ways(&xml, "`nickname` belongs before `gender`", (6, 1), pad);
    }
}

mod stream_matches_text {
    //! The stream is parsed a chunk at a time, and an event cut off by a chunk's end is
    //! parsed again in the next chunk. Whatever the document and wherever the cuts fall,
    //! the findings must be those of the text held whole.

    use super::*;
    use proptest::prelude::*;

    /// A document touching every kind of event, attribute, reference and namespace form.
    fn base() -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<!-- head -->\n<friends xmlns=\"{NS_1_1}\" xmlns:o=\"{NS_1_1}\">\n  <person>\r\n    <userID>a&amp;b&#233;&#x1F600;</userID>\n    <firstName><![CDATA[x<y]]>é</firstName>\n    <o:lastName>\u{FEFF}l</o:lastName>\n    <gender>male</gender>\n    <birthday> 2001-02-03 </birthday>\n    <?pi data?>\n    <emailAddress>e@x</emailAddress>\n    <pictureUrl>p</pictureUrl>\n    <friendStatus>friend</friendStatus>\n  </person>\n  <person><userID>b</userID><gender>nope</gender></person>\n  <person/>\n</friends>\n"
        )
    }

    /// A second kind of document: a root the schema does not know, so everything below
    /// is read without being validated, and long text that outgrows small buffers.
    fn other() -> String {
        format!(
            "\u{FEFF}<feed xmlns=\"{NS_1_1}\" a='&lt;&#x20;' xmlns:p=\"urn:p\"><p:x b=\"1\">{}</p:x><y>\r\n{}</y></feed>",
            "long text ".repeat(40),
            "é".repeat(100)
        )
    }

    /// Bits of markup and text that break documents in interesting ways.
    const PIECES: &[&str] = &[
        "<",
        "</",
        "<!",
        "<!-",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?",
        "?>",
        ">",
        "&",
        "&amp;",
        "&#",
        ";",
        "\"",
        "'",
        "=",
        "/>",
        "<x>",
        "</x>",
        "<person>",
        "</person>",
        "<o:x/>",
        "<p:x/>",
        " a=\"1\"",
        " xmlns:p=\"urn:p\"",
        " xmlns=\"urn:q\"",
        "\r",
        "\n",
        "\u{FEFF}",
        "é",
        "😀",
        "\u{1}",
        "<!DOCTYPE x>",
        "<?xml version=\"1.0\"?>",
        "&nbsp;",
        "text",
        " a=\"<\"",
        " a=\"&amp;\" a=\"2\"",
        " xmlns:xml=\"urn:x\"",
        " q:a=\"1\"",
        "\r\n",
        "<gender>female</gender>",
        "<index>1</index>",
        " index=\"x\"",
        "<![CDATA[]]>",
    ];

    fn mutated() -> impl Strategy<Value = String> {
        let docs = [base(), other()];
        prop::collection::vec((0..2000usize, 0..PIECES.len(), 0..3usize, 0..8usize), 0..4)
            .prop_flat_map(move |edits| (Just(edits), 0..docs.len(), Just(docs.clone())))
            .prop_map(move |(edits, which, docs)| {
                let mut s = docs[which].clone();
                for (at, piece, kind, cut) in edits {
                    let mut at = at.min(s.len());
                    while !s.is_char_boundary(at) {
                        at -= 1;
                    }
                    match kind {
                        0 => s.insert_str(at, PIECES[piece]),
                        1 => {
                            let mut end = (at + cut).min(s.len());
                            while !s.is_char_boundary(end) {
                                end += 1;
                            }
                            s.replace_range(at..end, "");
                        }
                        _ => {
                            let mut end = at.max(s.len() / 2);
                            while !s.is_char_boundary(end) {
                                end += 1;
                            }
                            s.truncate(end);
                        }
                    }
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn findings_do_not_depend_on_where_chunks_end(
            xml in mutated(),
            step in 1usize..12,
            cap in prop::option::of(0usize..3),
        ) {
            let v = match cap {
                Some(n) => Validator::new(Target::Outlook2013).with_max_diagnostics(n),
                None => Validator::new(Target::Outlook2013),
            };
            let whole = v.validate_bytes(xml.as_bytes());
            let input = std::io::BufReader::with_capacity(step, Trickle(xml.as_bytes(), step));
            let streamed = v.validate_reader(input).unwrap();
            let at_once = v.validate_reader(xml.as_bytes()).unwrap();
            for other in [&streamed, &at_once] {
                prop_assert_eq!(found_with_spans(&whole), found_with_spans(other));
                prop_assert_eq!(whole.truncated(), other.truncated());
                prop_assert_eq!(whole.event_count(), other.event_count());
                prop_assert_eq!(whole.root(), other.root());
                prop_assert_eq!(whole.target(), other.target());
            }
        }
    }

    /// A list of several chunks' worth of persons: a stream this long is tokenized on a
    /// thread of its own, a chunk ahead of the validator.
    fn long() -> String {
        let person = "  <person>\r\n    <userID>a&amp;b&#233;</userID>\n    <firstName><![CDATA[x<y]]>\u{e9}</firstName>\n    <o:lastName>\u{FEFF}l</o:lastName>\n    <emailAddress>e@x</emailAddress>\n    <?pi data?>\n    <gender>male</gender>\n  </person>\n";
        format!(
            "<?xml version=\"1.0\"?>\n<friends xmlns=\"{NS_1_1}\" xmlns:o=\"{NS_1_1}\">\n{}</friends>\n",
            person.repeat(3000)
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn findings_of_a_stream_of_many_chunks_are_those_of_the_whole_text(
            edits in prop::collection::vec((0..700_000usize, 0..PIECES.len()), 0..4),
            step in prop::option::of(1usize..5000),
            cap in prop::option::of(0usize..3),
        ) {
            let mut xml = long();
            for (at, piece) in edits {
                let mut at = at.min(xml.len());
                while !xml.is_char_boundary(at) {
                    at -= 1;
                }
                xml.insert_str(at, PIECES[piece]);
            }
            let v = match cap {
                Some(n) => Validator::new(Target::Outlook2013).with_max_diagnostics(n),
                None => Validator::new(Target::Outlook2013),
            };
            let whole = v.validate_bytes(xml.as_bytes());
            let streamed = match step {
                Some(step) => v
                    .validate_reader(std::io::BufReader::with_capacity(
                        step,
                        Trickle(xml.as_bytes(), step),
                    ))
                    .unwrap(),
                None => v.validate_reader(xml.as_bytes()).unwrap(),
            };
            prop_assert_eq!(found_with_spans(&whole), found_with_spans(&streamed));
            prop_assert_eq!(whole.truncated(), streamed.truncated());
            prop_assert_eq!(whole.event_count(), streamed.event_count());
            prop_assert_eq!(whole.root(), streamed.root());
        }
    }

    #[test]
    fn a_long_valid_stream_is_valid() {
        let xml = long();
        assert!(xml.len() > 600_000, "the list spans several chunks");
        let streamed = Validator::new(Target::Outlook2013)
            .validate_reader(xml.as_bytes())
            .unwrap();
        assert!(streamed.is_valid(), "{:?}", streamed.diagnostics());
        assert_eq!(
            streamed.event_count(),
            Validator::new(Target::Outlook2013)
                .validate_bytes(xml.as_bytes())
                .event_count()
        );
    }
}

#[test]
fn a_second_byte_order_mark_is_refused_alike_everywhere() {
    // Only one mark may stand before the document; a second one is text before the root
    // element (as xmllint says), refused at the start by every input.
    let xml = format!("\u{FEFF}\u{FEFF}<friends xmlns=\"{NS_1_1}\"><person/></friends>");
    let r = check_all(&v2013(), &xml);
    assert_eq!(r.diagnostics().len(), 1, "{:?}", r.diagnostics());
    let d = &r.diagnostics()[0];
    assert_eq!(d.code, Code::NotWellFormed);
    assert_eq!((d.location.line, d.location.column), (1, 1));
}

#[test]
fn name_keys_decide_equality_and_spell_short_names() {
    use super::schema::NameKey;
    let names = [
        "",
        "a",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "userID",
        "emailAddress2",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "lastModificationTime",
        "é",
        "éééééééé",
        "o:é€x",
    ];
    for a in names {
        let ka = NameKey::of(a);
        assert_eq!(ka.is_whole(), a.len() <= 16);
        if ka.is_whole() {
            assert_eq!(ka.spelled().as_deref(), Some(a));
        } else {
            assert_eq!(ka.spelled(), None);
        }
        for b in names {
            assert_eq!(ka.matches(a, NameKey::of(b), b), a == b, "{a} vs {b}");
        }
    }
    // Same length, same first and last eight bytes, different middle.
    let (a, b) = ("abcdefgh12ijklmnop", "abcdefgh21ijklmnop");
    assert!(!NameKey::of(a).matches(a, NameKey::of(b), b));
}

#[test]
fn xsi_type_naming_the_declared_type_is_accepted_and_an_unrelated_one_is_not() {
    let doc = |t: &str| {
        format!(
            "<person xmlns=\"{NS_1_1}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><userID xsi:type=\"{t}\">u</userID></person>"
        )
    };
    assert!(check_all(&v2013(), &doc("xs:string")).is_valid());
    let r = check_all(&v2013(), &doc("xs:int"));
    assert_eq!(
        r.errors().next().map(|d| d.code.as_str()),
        Some("xsd::invalid-value")
    );
}
