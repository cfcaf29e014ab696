//! `rules`, `explain` and `schema`: output and exit codes.

use super::{TempDir, oscx, stderr, stdout};

#[test]
fn rules_lists_every_rule_once() {
    let o = oscx(&["rules"], None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for rule in osc_schema::lint::rules::all() {
        let id = rule.info().id;
        assert_eq!(
            text.matches(&format!("{id} ")).count(),
            1,
            "{id} in:\n{text}"
        );
    }
    insta::assert_snapshot!("rules", text);
}

#[test]
fn explain_shows_the_rule_and_its_examples_and_rejects_unknown_ids() {
    let o = oscx(&["explain", "osc010"], None);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("explain_osc010", stdout(&o));
    let o = oscx(&["explain", "OSC999"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("oscx: "), "{}", stderr(&o));
}

#[test]
fn schema_prints_an_xsd_that_our_validator_loads() {
    for target in ["1.0", "1.1", "2013"] {
        let o = oscx(&["schema", "--target", target], None);
        assert_eq!(o.status.code(), Some(0));
        assert!(
            osc_schema::Validator::from_xsd(o.stdout).is_ok(),
            "{target}"
        );
    }
    assert_eq!(
        oscx(&["schema", "--target", "3"], None).status.code(),
        Some(2)
    );
}

#[test]
fn schema_check_says_correct_invalid_or_unsupported_with_the_place() {
    let dir = TempDir::new("schema-check");
    let xs = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;
    let cases: [(&str, String, i32); 5] = [
        (
            "ok.xsd",
            format!(r#"<xs:schema {xs}><xs:element name="r" type="xs:string"/></xs:schema>"#),
            0,
        ),
        (
            "widened.xsd",
            format!(
                "<xs:schema {xs}>\n<xs:simpleType name=\"b\"><xs:restriction base=\"xs:string\"><xs:maxLength value=\"3\"/></xs:restriction></xs:simpleType>\n<xs:simpleType name=\"d\"><xs:restriction base=\"b\"><xs:maxLength value=\"5\"/></xs:restriction></xs:simpleType>\n</xs:schema>"
            ),
            1,
        ),
        ("broken.xsd", format!("<xs:schema {xs}>"), 1),
        (
            "wildcard.xsd",
            format!(
                "<xs:schema {xs}>\n  <xs:element name=\"r\"><xs:complexType><xs:sequence><xs:any notQName=\"b\"/></xs:sequence></xs:complexType></xs:element>\n</xs:schema>"
            ),
            2,
        ),
        // A line of the schema that a CI runner would read as a command stays inert.
        (
            "command.xsd",
            format!(
                "<xs:schema {xs}>\n<xs:simpleType name=\"b\"><xs:restriction base=\"xs:string\"><xs:pattern value=\"a\"/></xs:restriction></xs:simpleType>\n<xs:simpleType name=\"d\"><xs:restriction base=\"b\"><xs:enumeration value=\"&#10;::error::x\"/></xs:restriction></xs:simpleType>\n</xs:schema>"
            ),
            1,
        ),
    ];
    let mut said = String::new();
    for (name, text, code) in &cases {
        let path = dir.file(name, text.as_bytes());
        let o = oscx(&["schema", "--check", path.to_str().unwrap()], None);
        assert_eq!(o.status.code(), Some(*code), "{name}: {}", stdout(&o));
        assert_eq!(stderr(&o), "", "{name}");
        let out = stdout(&o);
        assert!(!out.lines().any(|l| l.starts_with("::")), "{out}");
        said.push_str(&dir.normalise(&out));
    }
    insta::assert_snapshot!("schema_check", said);
    assert_eq!(
        oscx(&["schema", "--check", "no-such.xsd"], None)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn convert_goes_to_json_and_back_to_the_canonical_xml() {
    let json = oscx(
        &["convert", "fixtures/docs/person-2013.xml", "--to", "json"],
        None,
    );
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let envelope: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(envelope["root"], "person");
    assert_eq!(envelope["generation"], "2013");
    let xml = oscx(&["convert", "-", "--to", "xml"], Some(&json.stdout));
    assert_eq!(xml.status.code(), Some(0), "{}", stderr(&xml));
    let canonical = oscx(&["fmt", "fixtures/docs/person-2013.xml"], None);
    assert_eq!(xml.stdout, canonical.stdout);
    let broken = oscx(&["convert", "-", "--to", "xml"], Some(b"{\"format\": 1}"));
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        stderr(&broken).starts_with("oscx: <stdin>:1:"),
        "{}",
        stderr(&broken)
    );
}
