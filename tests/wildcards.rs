//! Wildcards and `xs:anyType` end to end through a user's schema: `xs:any` with each
//! `processContents` and namespace form, `xs:anyAttribute` (with attribute groups and
//! extensions), elements of `xs:anyType` and mixed content; valid and invalid documents,
//! and the schemas that break Unique Particle Attribution refused at load. Each document
//! gets the same findings read whole and as a stream.

use osc_schema::{Error, Validator};

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">"#;

/// Global declarations every schema here has: `n` (an integer), `s` (a string) and the
/// global attribute `g` (an integer).
const GLOBALS: &str = r#"<xs:element name="n" type="xs:int"/><xs:element name="s" type="xs:string"/><xs:attribute name="g" type="xs:int"/>"#;

/// A validator for a schema whose root `r` has the complex type body `body`, after
/// [`GLOBALS`] and `extra` declarations.
fn validator(extra: &str, body: &str) -> Validator {
    let xsd = format!(
        "{HEAD}{GLOBALS}{extra}<xs:element name=\"r\"><xs:complexType>{body}</xs:complexType></xs:element></xs:schema>"
    );
    Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{body}: {e}"))
}

fn load_error(extra: &str, body: &str) -> Error {
    let xsd = format!(
        "{HEAD}{GLOBALS}{extra}<xs:element name=\"r\"><xs:complexType>{body}</xs:complexType></xs:element></xs:schema>"
    );
    match Validator::from_xsd(xsd) {
        Ok(_) => panic!("{body}: loaded"),
        Err(e) => e,
    }
}

/// The messages for `<r>` holding `inner` (with the prefixes `a:` for `urn:a` and `t:` for
/// `urn:t` declared), checked to be the same read whole and as a stream.
fn messages(v: &Validator, attributes: &str, inner: &str) -> Vec<String> {
    let text = format!(
        "<r xmlns=\"urn:t\" xmlns:t=\"urn:t\" xmlns:a=\"urn:a\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" {attributes}>{inner}</r>"
    );
    let whole = v.validate_str(&text);
    let stream = v
        .validate_reader(std::io::BufReader::with_capacity(3, text.as_bytes()))
        .expect("reads");
    let said = |r: &osc_schema::diagnostic::Report| -> Vec<(String, String)> {
        r.diagnostics()
            .iter()
            .map(|d| (d.message.clone(), d.location.path.clone()))
            .collect()
    };
    assert_eq!(said(&whole), said(&stream), "{inner}");
    whole
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

fn assert_valid(v: &Validator, docs: &[&str]) {
    for d in docs {
        assert_eq!(messages(v, "", d), Vec::<String>::new(), "`{d}` is valid");
    }
}

fn assert_invalid(v: &Validator, docs: &[&str]) {
    for d in docs {
        assert!(!messages(v, "", d).is_empty(), "`{d}` is invalid");
    }
}

fn any(attributes: &str) -> String {
    format!("<xs:sequence><xs:any {attributes}/></xs:sequence>")
}

#[test]
fn skip_only_reads_the_subtree() {
    let v = validator("", &any("processContents=\"skip\" namespace=\"##any\""));
    assert_valid(
        &v,
        &[
            "<n>not a number</n>",
            "<a:x q=\"1\"><n>x</n>text</a:x>",
            "<x/>",
        ],
    );
    assert_invalid(&v, &["", "<a:x/><a:y/>", "<b:x/>"]);
}

#[test]
fn strict_needs_a_global_declaration_and_validates_by_it() {
    let v = validator("", &any("processContents=\"strict\""));
    assert_valid(
        &v,
        &[
            "<n>5</n>",
            "<s>any</s>",
            "<a:x xsi:type=\"xs:int\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">5</a:x>",
        ],
    );
    assert_invalid(
        &v,
        &[
            "<n>five</n>",
            "<x/>",
            "<a:n>5</a:n>",
            "<a:x xsi:type=\"xs:int\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">five</a:x>",
            "<a:x xsi:type=\"nothing\"/>",
        ],
    );
    let said = messages(&v, "", "<x/>");
    assert!(said[0].contains("no global declaration"), "{said:?}");
}

#[test]
fn lax_validates_what_is_declared_and_assesses_the_rest_laxly() {
    let v = validator("", &any("processContents=\"lax\""));
    assert_valid(
        &v,
        &[
            "<n>5</n>",
            "<x>text<y g=\"zz\" a:h=\"1\"/><n>7</n>more</x>",
            "<a:x><a:n>five</a:n></a:x>",
            // Without a declaration, `xsi:nil` and a type `xsi:type` does not name leave
            // the element assessed laxly.
            "<x xsi:nil=\"true\">text</x>",
            "<x xsi:type=\"nothing\"><y/></x>",
        ],
    );
    assert_invalid(
        &v,
        &[
            "<n>five</n>",
            "<x><y><n>five</n></y></x>",
            "<x xsi:type=\"xs:int\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">five</x>",
        ],
    );
    // The path names the undeclared elements on the way.
    let text = "<r xmlns=\"urn:t\"><x><y><n>five</n></y></x></r>";
    let report = v.validate_str(text);
    assert_eq!(report.diagnostics()[0].location.path, "/r/x/y/n");
}

#[test]
fn each_namespace_form_admits_its_namespaces() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("##any", &["<x/>", "<a:x/>", "<x xmlns=\"\"/>"], &[]),
        ("##other", &["<a:x/>"], &["<x/>", "<x xmlns=\"\"/>"]),
        ("##local", &["<x xmlns=\"\"/>"], &["<x/>", "<a:x/>"]),
        (
            "##targetNamespace",
            &["<x/>", "<t:x/>"],
            &["<a:x/>", "<x xmlns=\"\"/>"],
        ),
        (
            "urn:a ##local",
            &["<a:x/>", "<x xmlns=\"\"/>"],
            &["<x/>", "<b:x xmlns:b=\"urn:b\"/>"],
        ),
    ];
    for (namespace, valid, invalid) in cases {
        let v = validator(
            "",
            &any(&format!(
                "namespace=\"{namespace}\" processContents=\"skip\""
            )),
        );
        for d in *valid {
            assert_eq!(
                messages(&v, "", d),
                Vec::<String>::new(),
                "{namespace}: {d}"
            );
        }
        for d in *invalid {
            assert!(!messages(&v, "", d).is_empty(), "{namespace}: {d}");
        }
    }
}

#[test]
fn wildcards_count_their_occurrences_and_sit_among_elements() {
    let v = validator(
        "",
        "<xs:sequence><xs:element ref=\"s\"/><xs:any namespace=\"##other\" processContents=\"skip\" minOccurs=\"1\" maxOccurs=\"2\"/><xs:element ref=\"n\" minOccurs=\"0\"/></xs:sequence>",
    );
    assert_valid(&v, &["<s/><a:x/>", "<s/><a:x/><a:y/><n>1</n>"]);
    assert_invalid(
        &v,
        &[
            "<s/>",
            "<s/><n>1</n>",
            "<s/><a:x/><a:y/><a:z/>",
            "<a:x/><s/>",
        ],
    );
    let said = messages(&v, "", "<s/>");
    assert_eq!(
        said,
        ["expected an element of a namespace other than `urn:t` before the end of `r`"]
    );
}

#[test]
fn named_groups_and_choices_hold_wildcards() {
    let v = validator(
        "<xs:group name=\"g\"><xs:choice><xs:element name=\"e\" type=\"xs:int\"/><xs:any namespace=\"urn:a\" processContents=\"lax\"/></xs:choice></xs:group>",
        "<xs:sequence><xs:group ref=\"g\" maxOccurs=\"unbounded\"/></xs:sequence>",
    );
    assert_valid(&v, &["<e>1</e><a:x/><e>2</e>", "<a:n>x</a:n>"]);
    assert_invalid(&v, &["<e>x</e>", "<x/>"]);
}

#[test]
fn overlapping_particles_break_unique_particle_attribution() {
    let ambiguous = [
        // An optional element, then a wildcard that admits its name.
        "<xs:sequence><xs:element ref=\"s\" minOccurs=\"0\"/><xs:any/></xs:sequence>",
        "<xs:choice><xs:any namespace=\"##targetNamespace\"/><xs:element ref=\"n\"/></xs:choice>",
        // Two wildcards sharing a namespace.
        "<xs:choice><xs:any namespace=\"##other\"/><xs:any namespace=\"urn:a\"/></xs:choice>",
        "<xs:sequence><xs:any minOccurs=\"0\"/><xs:any namespace=\"##local\"/></xs:sequence>",
    ];
    for body in ambiguous {
        assert!(
            matches!(load_error("", body), Error::InvalidValue { ref message, .. } if message.contains("Unique Particle Attribution")),
            "{body}"
        );
    }
    let unambiguous = [
        "<xs:sequence><xs:element ref=\"s\" minOccurs=\"0\"/><xs:any namespace=\"##other\"/></xs:sequence>",
        "<xs:choice><xs:any namespace=\"##local\"/><xs:any namespace=\"urn:a\"/></xs:choice>",
        "<xs:sequence><xs:element ref=\"s\"/><xs:any/></xs:sequence>",
    ];
    for body in unambiguous {
        validator("", body);
    }
}

#[test]
fn an_unqualified_local_element_is_in_no_namespace_for_wildcards_too() {
    // `u` has no namespace: `##local` admits it, `##targetNamespace` does not.
    let ambiguous = "<xs:sequence><xs:element name=\"u\" form=\"unqualified\" minOccurs=\"0\"/><xs:any namespace=\"##local\"/></xs:sequence>";
    assert!(
        matches!(load_error("", ambiguous), Error::InvalidValue { ref message, .. } if message.contains("Unique Particle Attribution")),
        "{ambiguous}"
    );
    validator(
        "",
        "<xs:sequence><xs:element name=\"q\" minOccurs=\"0\"/><xs:any namespace=\"##local\"/></xs:sequence>",
    );
    let v = validator(
        "",
        "<xs:sequence><xs:element name=\"u\" form=\"unqualified\" type=\"xs:int\" minOccurs=\"0\"/><xs:any namespace=\"##targetNamespace\" processContents=\"skip\"/></xs:sequence>",
    );
    assert_valid(&v, &["<u xmlns=\"\">1</u><t:u>x</t:u>", "<t:u>x</t:u>"]);
    // The element particle takes `u` in no namespace, and judges its value; in the
    // target namespace, `u` goes to the wildcard, and a second one has nowhere to go.
    assert_invalid(
        &v,
        &["<u xmlns=\"\">x</u><t:y/>", "<t:u>1</t:u><t:u>1</t:u>"],
    );
}

#[test]
fn incorrect_wildcards_make_the_schema_incorrect() {
    for body in [
        "<xs:sequence><xs:any processContents=\"loose\"/></xs:sequence>",
        "<xs:sequence><xs:any namespace=\"##all\"/></xs:sequence>",
        "<xs:sequence><xs:any namespace=\"##any urn:x\"/></xs:sequence>",
        "<xs:sequence><xs:any namespace=\"##other ##local\"/></xs:sequence>",
        "<xs:anyAttribute namespace=\"##local\" minOccurs=\"0\"/>",
        "<xs:sequence><xs:any><xs:element name=\"x\"/></xs:any></xs:sequence>",
        "<xs:sequence><xs:any name=\"x\"/></xs:sequence>",
        "<xs:all><xs:any/></xs:all>",
        "<xs:anyAttribute/><xs:attribute name=\"x\"/>",
        "<xs:anyAttribute/><xs:anyAttribute/>",
    ] {
        assert!(
            matches!(load_error("", body), Error::InvalidValue { .. }),
            "{body}"
        );
    }
}

fn attribute_messages(v: &Validator, attributes: &str) -> Vec<String> {
    messages(v, attributes, "")
}

#[test]
fn an_element_has_one_id_however_its_attributes_are_declared() {
    // `i` and `j` are global attributes of ID types; the wildcard may take one of them.
    let ids = r#"<xs:attribute name="i" type="xs:ID"/><xs:simpleType name="myId"><xs:restriction base="xs:ID"/></xs:simpleType><xs:attribute name="j" type="myId"/>"#;
    let wild = validator(ids, "<xs:anyAttribute namespace=\"##targetNamespace\"/>");
    assert!(attribute_messages(&wild, "t:i=\"a\"").is_empty());
    assert!(attribute_messages(&wild, "t:j=\"b\" t:g=\"1\"").is_empty());
    let two = attribute_messages(&wild, "t:i=\"a\" t:j=\"b\"");
    assert_eq!(two.len(), 1, "{two:?}");
    assert!(two[0].contains("one ID at most"), "{two:?}");
    // Beside a declared attribute of an ID type, none.
    let declared = validator(
        ids,
        "<xs:attribute name=\"own\" type=\"xs:ID\"/><xs:anyAttribute namespace=\"##targetNamespace\"/>",
    );
    assert!(attribute_messages(&declared, "own=\"a\" t:g=\"1\"").is_empty());
    assert_eq!(attribute_messages(&declared, "t:j=\"b\"").len(), 1);
}

#[test]
fn attribute_wildcards_admit_by_namespace_and_assess_by_process_contents() {
    let strict = validator("", "<xs:anyAttribute namespace=\"##targetNamespace\"/>");
    assert!(attribute_messages(&strict, "t:g=\"5\"").is_empty());
    assert_eq!(attribute_messages(&strict, "t:g=\"x\"").len(), 1);
    assert_eq!(attribute_messages(&strict, "t:h=\"x\"").len(), 1);
    assert_eq!(attribute_messages(&strict, "a:g=\"5\"").len(), 1);
    assert_eq!(attribute_messages(&strict, "g=\"5\"").len(), 1);

    let lax = validator("", "<xs:anyAttribute processContents=\"lax\"/>");
    assert!(attribute_messages(&lax, "t:g=\"5\" t:h=\"x\" a:g=\"x\" g=\"x\"").is_empty());
    assert_eq!(attribute_messages(&lax, "t:g=\"x\"").len(), 1);

    let skip = validator(
        "",
        "<xs:attribute name=\"d\" type=\"xs:int\"/><xs:anyAttribute namespace=\"##local urn:a\" processContents=\"skip\"/>",
    );
    assert!(attribute_messages(&skip, "d=\"1\" e=\"x\" a:g=\"x\"").is_empty());
    // A declared attribute is judged by its declaration, not the wildcard.
    assert_eq!(attribute_messages(&skip, "d=\"x\"").len(), 1);
    assert_eq!(attribute_messages(&skip, "t:g=\"5\"").len(), 1);
}

#[test]
fn attribute_groups_intersect_their_wildcards_and_extensions_unite_them() {
    let groups = "<xs:attributeGroup name=\"ag\"><xs:anyAttribute namespace=\"urn:a urn:b ##local\" processContents=\"skip\"/></xs:attributeGroup>\
        <xs:attributeGroup name=\"bg\"><xs:anyAttribute namespace=\"##other\" processContents=\"lax\"/></xs:attributeGroup>";
    let v = validator(
        groups,
        "<xs:attributeGroup ref=\"ag\"/><xs:attributeGroup ref=\"bg\"/>",
    );
    // `urn:a urn:b ##local` and `##other` share `urn:a` and `urn:b`; the first group's
    // `processContents` (skip) holds.
    assert!(attribute_messages(&v, "a:x=\"1\" b:y=\"2\" xmlns:b=\"urn:b\"").is_empty());
    assert_eq!(attribute_messages(&v, "x=\"1\"").len(), 1);
    assert_eq!(
        attribute_messages(&v, "c:x=\"1\" xmlns:c=\"urn:c\"").len(),
        1
    );

    let extended = format!(
        "{groups}<xs:complexType name=\"base\"><xs:simpleContent><xs:extension base=\"xs:string\"><xs:anyAttribute namespace=\"urn:a\" processContents=\"skip\"/></xs:extension></xs:simpleContent></xs:complexType>"
    );
    let v = validator(
        &extended,
        "<xs:simpleContent><xs:extension base=\"base\"><xs:anyAttribute namespace=\"##local\" processContents=\"skip\"/></xs:extension></xs:simpleContent>",
    );
    assert!(attribute_messages(&v, "a:x=\"1\" y=\"2\"").is_empty());
    assert_eq!(attribute_messages(&v, "t:g=\"1\"").len(), 1);
}

#[test]
fn any_type_takes_any_content_and_xsi_type_names_any_type() {
    let xsd = format!(
        "{HEAD}{GLOBALS}<xs:complexType name=\"pair\"><xs:sequence><xs:element ref=\"n\"/></xs:sequence><xs:attribute name=\"k\" use=\"required\"/></xs:complexType>\
         <xs:element name=\"r\"/><xs:element name=\"u\" type=\"xs:anyType\"/></xs:schema>"
    );
    let v = Validator::from_xsd(xsd).unwrap();
    assert_valid(&v, &["", "text <x a=\"1\"><y/></x> <a:z/> more <n>1</n>"]);
    assert_invalid(&v, &["<n>one</n>", "<x><u><n>x</n></u></x>"]);
    let typed = |attributes: &str, inner: &str| messages(&v, attributes, inner);
    let xs = "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";
    assert!(typed(&format!("xsi:type=\"xs:int\" {xs}"), "42").is_empty());
    assert_eq!(typed(&format!("xsi:type=\"xs:int\" {xs}"), "x").len(), 1);
    assert_eq!(
        typed(&format!("xsi:type=\"xs:int\" {xs}"), "<n>1</n>").len(),
        1
    );
    assert!(typed("xsi:type=\"pair\" k=\"v\"", "<n>1</n>").is_empty());
    assert_eq!(typed("xsi:type=\"pair\"", "<n>1</n>").len(), 1);
    assert_eq!(
        typed("xsi:type=\"pair\" k=\"v\" z=\"1\"", "<n>1</n>").len(),
        1
    );
    assert_eq!(typed("xsi:type=\"pair\" k=\"v\"", "text<n>1</n>").len(), 1);
    assert!(typed(&format!("xsi:type=\"xs:anyType\" {xs}"), "<q/>").is_empty());
    assert_eq!(typed("xsi:type=\"nothing\"", "").len(), 1);
}

#[test]
fn mixed_content_takes_text_between_the_children() {
    let v = validator(
        "",
        "<xs:sequence><xs:element ref=\"n\"/><xs:any namespace=\"urn:a\" processContents=\"skip\" minOccurs=\"0\"/></xs:sequence>",
    );
    assert_invalid(&v, &["text<n>1</n>"]);
    let xsd = format!(
        "{HEAD}{GLOBALS}<xs:element name=\"r\"><xs:complexType mixed=\"true\"><xs:sequence><xs:element ref=\"n\"/><xs:any namespace=\"urn:a\" processContents=\"skip\" minOccurs=\"0\"/></xs:sequence></xs:complexType></xs:element></xs:schema>"
    );
    let v = Validator::from_xsd(xsd).unwrap();
    assert_valid(&v, &["text<n>1</n> and &amp; <![CDATA[more]]><a:x/>tail"]);
    assert_invalid(&v, &["text", "<n>x</n>"]);
}
