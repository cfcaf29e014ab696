//! Simple types beyond one atomic value, and values fixed by a declaration, end to end
//! through a user's schema: `xs:list` and `xs:union` with their facets, `fixed` and
//! `default` on elements and attributes compared in the type's value space, and local
//! elements of either form. Valid and invalid documents, and schemas refused at load.

use osc_schema::{Error, Validator};

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

/// A validator for a schema (no target namespace) holding `body`.
fn validator(body: &str) -> Validator {
    let xsd = format!("<xs:schema {XS}>{body}</xs:schema>");
    Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{body}: {e}"))
}

/// The error loading a schema holding `body`.
fn refused(body: &str) -> Error {
    let xsd = format!("<xs:schema {XS}>{body}</xs:schema>");
    match Validator::from_xsd(xsd) {
        Ok(_) => panic!("loaded: {body}"),
        Err(e) => e,
    }
}

fn is_invalid_schema(e: &Error) -> bool {
    matches!(e, Error::InvalidValue { .. })
}

/// Whether `<e>text</e>` is valid, read whole and as a stream alike.
fn valid_text(v: &Validator, text: &str) -> bool {
    let doc = format!("<e>{text}</e>");
    let whole = v.validate_str(&doc).is_valid();
    let stream = v
        .validate_reader(std::io::BufReader::with_capacity(3, doc.as_bytes()))
        .expect("reads")
        .is_valid();
    assert_eq!(whole, stream, "{doc}");
    whole
}

#[test]
fn a_list_checks_each_item_and_counts_items() {
    let v = validator(
        r#"<xs:simpleType name="ints"><xs:list itemType="xs:int"/></xs:simpleType>
        <xs:simpleType name="two-to-three"><xs:restriction base="ints"><xs:minLength value="2"/><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="two-to-three"/>"#,
    );
    assert!(valid_text(&v, "1 2"));
    assert!(valid_text(&v, "\n 1\t2   3 "));
    assert!(!valid_text(&v, "1"));
    assert!(!valid_text(&v, "1 2 3 4"));
    assert!(!valid_text(&v, "1 x"));
    let said = v.validate_str("<e>1 x</e>");
    assert!(
        said.diagnostics()[0].message.contains("list item `x`"),
        "{:?}",
        said.diagnostics()
    );
    // An anonymous item type, and an empty list, which a list without length facets takes.
    let anonymous = validator(
        r#"<xs:element name="e"><xs:simpleType><xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="2"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType></xs:element>"#,
    );
    assert!(valid_text(&anonymous, "ab cd"));
    assert!(valid_text(&anonymous, ""));
    assert!(!valid_text(&anonymous, "ab cde"));
}

#[test]
fn list_enumeration_compares_item_by_item_and_pattern_the_text() {
    let v = validator(
        r#"<xs:element name="e"><xs:simpleType><xs:restriction><xs:simpleType><xs:list itemType="xs:decimal"/></xs:simpleType>
        <xs:enumeration value="1 2.5"/><xs:enumeration value="3"/></xs:restriction></xs:simpleType></xs:element>"#,
    );
    assert!(valid_text(&v, "1 2.5"));
    assert!(valid_text(&v, " 01.0  2.50 "));
    assert!(valid_text(&v, "3.000"));
    assert!(!valid_text(&v, "2.5 1"));
    assert!(!valid_text(&v, "1 2.5 3"));
    let patterned = validator(
        r#"<xs:simpleType name="l"><xs:list itemType="xs:token"/></xs:simpleType>
        <xs:element name="e"><xs:simpleType><xs:restriction base="l"><xs:pattern value="a( b)*"/></xs:restriction></xs:simpleType></xs:element>"#,
    );
    assert!(valid_text(&patterned, "  a b\n b"));
    assert!(!valid_text(&patterned, "a c"));
}

#[test]
fn lists_of_lists_and_wrong_facets_are_invalid_schemas() {
    for body in [
        r#"<xs:simpleType name="l"><xs:list itemType="xs:int"/></xs:simpleType><xs:simpleType name="ll"><xs:list itemType="l"/></xs:simpleType>"#,
        r#"<xs:simpleType name="l"><xs:list itemType="xs:NMTOKENS"/></xs:simpleType>"#,
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:int xs:NMTOKENS"/></xs:simpleType><xs:simpleType name="l"><xs:list itemType="u"/></xs:simpleType>"#,
        r#"<xs:simpleType name="l"><xs:list itemType="xs:int"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:list></xs:simpleType>"#,
        r#"<xs:simpleType name="l"><xs:list itemType="xs:int"/></xs:simpleType><xs:simpleType name="r"><xs:restriction base="l"><xs:maxInclusive value="3"/></xs:restriction></xs:simpleType>"#,
        r#"<xs:simpleType name="l"><xs:list itemType="xs:int"/></xs:simpleType><xs:simpleType name="r"><xs:restriction base="l"><xs:enumeration value="1 x"/></xs:restriction></xs:simpleType>"#,
        r#"<xs:simpleType name="l"><xs:restriction><xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType><xs:maxLength value="3"/></xs:restriction></xs:simpleType><xs:simpleType name="r"><xs:restriction base="l"><xs:maxLength value="4"/></xs:restriction></xs:simpleType>"#,
        r#"<xs:simpleType name="u"><xs:union/></xs:simpleType>"#,
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:int"/></xs:simpleType><xs:simpleType name="r"><xs:restriction base="u"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>"#,
    ] {
        let e = refused(body);
        assert!(is_invalid_schema(&e), "{body}: {e}");
    }
}

#[test]
fn a_union_takes_a_value_of_any_member_in_order() {
    let v = validator(
        r#"<xs:simpleType name="size"><xs:union memberTypes="xs:int"><xs:simpleType><xs:restriction base="xs:token"><xs:enumeration value="small"/><xs:enumeration value="large"/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
        <xs:element name="e" type="size"/>"#,
    );
    assert!(valid_text(&v, "12"));
    assert!(valid_text(&v, " small "));
    assert!(!valid_text(&v, "medium"));
    assert!(!valid_text(&v, "1.5"));
    // Enumeration on a union compares in the member that takes each value: `01` is the
    // int 1, and the token `a` no int.
    let restricted = validator(
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:int xs:token"/></xs:simpleType>
        <xs:element name="e"><xs:simpleType><xs:restriction base="u"><xs:enumeration value="1"/><xs:enumeration value="a"/></xs:restriction></xs:simpleType></xs:element>"#,
    );
    assert!(valid_text(&restricted, "01"));
    assert!(valid_text(&restricted, "+1"));
    assert!(valid_text(&restricted, "a"));
    assert!(!valid_text(&restricted, "2"));
    assert!(!valid_text(&restricted, "b"));
}

#[test]
fn the_first_member_decides_how_a_union_value_reads() {
    // `1` is first read as a boolean, so the union's pattern sees `1`, not `1.0`.
    let v = validator(
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:boolean xs:decimal"/></xs:simpleType>
        <xs:element name="e"><xs:simpleType><xs:restriction base="u"><xs:enumeration value="true"/><xs:enumeration value="2.0"/></xs:restriction></xs:simpleType></xs:element>"#,
    );
    assert!(valid_text(&v, "1"));
    assert!(valid_text(&v, "2"));
    assert!(!valid_text(&v, "0"));
    assert!(!valid_text(&v, "1.0"));
}

#[test]
fn xsi_type_may_name_a_member_of_the_declared_union() {
    let v = validator(
        r#"<xs:simpleType name="small"><xs:restriction base="xs:int"><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="u"><xs:union memberTypes="small xs:date"/></xs:simpleType>
        <xs:element name="e" type="u"/>"#,
    );
    let doc = |t: &str, v2: &str| {
        format!(
            r#"<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="{t}">{v2}</e>"#
        )
    };
    assert!(v.validate_str(&doc("small", "3")).is_valid());
    assert!(!v.validate_str(&doc("small", "2020-01-01")).is_valid());
    assert!(!v.validate_str(&doc("xs:string", "3")).is_valid());
}

#[test]
fn a_fixed_element_equals_its_value_in_the_value_space() {
    let v = validator(r#"<xs:element name="e" type="xs:decimal" fixed="1.0"/>"#);
    assert!(valid_text(&v, "1.0"));
    assert!(valid_text(&v, "01"));
    assert!(valid_text(&v, " 1.000 "));
    // An element left empty holds the fixed value.
    assert!(v.validate_str("<e/>").is_valid());
    assert!(!valid_text(&v, "2"));
    assert!(!valid_text(&v, "x"));
    let said = v.validate_str("<e>2</e>");
    assert!(
        said.diagnostics()[0].message.contains("the schema fixes"),
        "{:?}",
        said.diagnostics()
    );
    // A string compares as written: whitespace counts, and text of spaces is not empty.
    let s = validator(r#"<xs:element name="e" type="xs:string" fixed="a"/>"#);
    assert!(valid_text(&s, "a"));
    assert!(!valid_text(&s, " a"));
    assert!(!valid_text(&s, " "));
    let booleans = validator(r#"<xs:element name="e" type="xs:boolean" fixed="true"/>"#);
    assert!(valid_text(&booleans, "1"));
    assert!(!valid_text(&booleans, "0"));
    let lists = validator(
        r#"<xs:simpleType name="l"><xs:list itemType="xs:float"/></xs:simpleType><xs:element name="e" type="l" fixed="1 2.5"/>"#,
    );
    assert!(valid_text(&lists, "1.0  2.50"));
    assert!(!valid_text(&lists, "1"));
}

#[test]
fn an_empty_element_holds_its_fixed_value_in_the_type_xsi_type_names() {
    let v = validator(
        r#"<xs:simpleType name="small"><xs:restriction base="xs:int"><xs:maxInclusive value="9"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="tiny"><xs:restriction base="small"><xs:maxInclusive value="3"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="small" fixed="5"/>"#,
    );
    let doc = |body: &str| {
        format!(
            r#"<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="tiny">{body}</e>"#
        )
    };
    assert!(v.validate_str("<e/>").is_valid());
    assert!(!v.validate_str(&doc("")).is_valid());
    assert!(!v.validate_str(&doc("5")).is_valid());
}

#[test]
fn a_union_among_its_own_members_is_refused_by_name() {
    let e = refused(
        r#"<xs:simpleType name="a"><xs:union memberTypes="xs:int b"/></xs:simpleType><xs:simpleType name="b"><xs:union memberTypes="a"/></xs:simpleType>"#,
    );
    assert!(
        matches!(&e, Error::UnsupportedSchema { construct, .. } if construct == "xs:union"),
        "{e}"
    );
}

#[test]
fn a_default_fills_an_empty_element_and_changes_nothing_else() {
    let v = validator(
        r#"<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="e" type="xs:int" default="5" maxOccurs="2"/></xs:sequence></xs:complexType></xs:element>"#,
    );
    assert!(v.validate_str("<r><e/><e>7</e></r>").is_valid());
    assert!(!v.validate_str("<r><e>x</e></r>").is_valid());
    // Simple content: the text is held to the default's type, the attributes as usual.
    let content = validator(
        r#"<xs:complexType name="c"><xs:simpleContent><xs:extension base="xs:date"><xs:attribute name="a" type="xs:int"/></xs:extension></xs:simpleContent></xs:complexType>
        <xs:element name="e" type="c" fixed="2020-01-01Z"/>"#,
    );
    assert!(content.validate_str(r#"<e a="1"/>"#).is_valid());
    assert!(content.validate_str("<e>2020-01-01+00:00</e>").is_valid());
    assert!(!content.validate_str("<e>2020-01-01</e>").is_valid());
}

#[test]
fn element_values_the_type_does_not_take_are_invalid_schemas() {
    for body in [
        r#"<xs:element name="e" type="xs:int" default="x"/>"#,
        r#"<xs:element name="e" type="xs:int" default="1" fixed="1"/>"#,
        r#"<xs:element name="e" fixed="1"><xs:complexType><xs:sequence><xs:element name="f" type="xs:int"/></xs:sequence></xs:complexType></xs:element>"#,
        r#"<xs:complexType name="c"><xs:sequence><xs:element name="e" type="xs:boolean" fixed="yes"/></xs:sequence></xs:complexType>"#,
    ] {
        let e = refused(body);
        assert!(is_invalid_schema(&e), "{body}: {e}");
    }
}

#[test]
fn a_fixed_attribute_of_any_type_compares_in_its_value_space() {
    let v = validator(
        r#"<xs:element name="e"><xs:complexType>
        <xs:attribute name="d" type="xs:decimal" fixed="1.0"/>
        <xs:attribute name="b" type="xs:boolean" fixed="1"/>
        <xs:attribute name="t" type="xs:dateTime" fixed="2020-01-01T12:00:00Z"/>
        <xs:attribute name="f" type="xs:float" fixed="1e1"/>
        </xs:complexType></xs:element>"#,
    );
    assert!(
        v.validate_str(r#"<e d="01" b="true" t="2020-01-01T13:00:00+01:00" f="10"/>"#)
            .is_valid()
    );
    for wrong in [
        r#"<e d="1.1"/>"#,
        r#"<e b="false"/>"#,
        r#"<e t="2020-01-01T12:00:00"/>"#,
        r#"<e f="10.5"/>"#,
    ] {
        assert!(!v.validate_str(wrong).is_valid(), "{wrong}");
    }
    // A use may repeat the declaration's fixed value in another spelling, not change it.
    let global = r#"<xs:attribute name="g" type="xs:int" fixed="1"/>"#;
    validator(&format!(
        r#"{global}<xs:element name="e"><xs:complexType><xs:attribute ref="g" fixed="+01"/></xs:complexType></xs:element>"#
    ));
    for use_ in [r#"fixed="2""#, r#"default="1""#] {
        let e = refused(&format!(
            r#"{global}<xs:element name="e"><xs:complexType><xs:attribute ref="g" {use_}/></xs:complexType></xs:element>"#
        ));
        assert!(is_invalid_schema(&e), "{use_}: {e}");
    }
}

#[test]
fn an_attribute_named_xmlns_is_an_invalid_schema() {
    let e = refused(
        r#"<xs:element name="e"><xs:complexType><xs:attribute name="xmlns" type="xs:string"/></xs:complexType></xs:element>"#,
    );
    assert!(is_invalid_schema(&e), "{e}");
}

#[test]
fn ids_are_unique_and_references_name_one() {
    let v = validator(
        r#"<xs:element name="r"><xs:complexType><xs:sequence>
        <xs:element name="item" maxOccurs="unbounded"><xs:complexType><xs:attribute name="id" type="xs:ID"/><xs:attribute name="refs" type="xs:IDREFS"/></xs:complexType></xs:element>
        <xs:element name="key" type="xs:ID" minOccurs="0"/>
        <xs:element name="link" type="xs:IDREF" minOccurs="0"/>
        </xs:sequence></xs:complexType></xs:element>"#,
    );
    let check = |doc: &str| {
        let whole = v.validate_str(doc);
        let stream = v
            .validate_reader(std::io::BufReader::with_capacity(3, doc.as_bytes()))
            .expect("reads");
        let said = |r: &osc_schema::diagnostic::Report| -> Vec<(String, u32, u32)> {
            r.diagnostics()
                .iter()
                .map(|d| (d.message.clone(), d.location.line, d.location.column))
                .collect()
        };
        assert_eq!(said(&whole), said(&stream), "{doc}");
        said(&whole)
    };
    // References may come before their IDs; an element's text may be an ID too.
    assert!(
        check(r#"<r><item refs="b k"/><item id="b"/><key> k </key><link>b</link></r>"#).is_empty()
    );
    let twice = check(r#"<r><item id="a"/><item id="a"/></r>"#);
    assert_eq!(twice.len(), 1, "{twice:?}");
    assert!(twice[0].0.contains("given twice"), "{twice:?}");
    assert_eq!((twice[0].1, twice[0].2), (1, 28), "{twice:?}");
    let dangling = check(r#"<r><item refs="a x"/><item id="a"/><link>y</link></r>"#);
    let messages: Vec<&str> = dangling.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(
        messages,
        [
            "attribute `refs`: `x` refers to no ID in the document",
            "`y` refers to no ID in the document"
        ]
    );
}

#[test]
fn id_types_take_no_value_constraint_and_one_per_element() {
    for body in [
        r#"<xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:ID" default="x"/></xs:complexType></xs:element>"#,
        r#"<xs:element name="e" type="xs:ID" fixed="x"/>"#,
        r#"<xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:ID"/><xs:attribute name="b" type="xs:ID"/></xs:complexType></xs:element>"#,
    ] {
        let e = refused(body);
        assert!(is_invalid_schema(&e), "{body}: {e}");
    }
    // An absent attribute or empty element would hold a reference: refused by name.
    for (body, construct) in [
        (
            r#"<xs:element name="e"><xs:complexType><xs:attribute name="a" type="xs:IDREFS" default="x"/></xs:complexType></xs:element>"#,
            "xs:attribute/@default",
        ),
        (
            r#"<xs:element name="e" type="xs:IDREF" fixed="x"/>"#,
            "xs:element/@fixed",
        ),
    ] {
        let e = refused(body);
        assert!(
            matches!(&e, Error::UnsupportedSchema { construct: c, .. } if c == construct),
            "{e}"
        );
    }
    let e = refused(
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:int xs:IDREF"/></xs:simpleType>"#,
    );
    assert!(
        matches!(&e, Error::UnsupportedSchema { construct, .. } if construct == "xs:ID"),
        "{e}"
    );
}

#[test]
fn a_value_constraint_on_mixed_content_is_refused_by_name_and_on_element_content_is_wrong() {
    let mixed = [
        (
            r#"<xs:element name="r" fixed="abc"><xs:complexType mixed="true"><xs:sequence minOccurs="0"><xs:element name="e1"/></xs:sequence></xs:complexType></xs:element>"#,
            "xs:element/@fixed",
        ),
        // Without a type, an element is of `xs:anyType`, whose content is mixed.
        (
            r#"<xs:element name="r" default="alpha"/>"#,
            "xs:element/@default",
        ),
    ];
    for (body, construct) in mixed {
        match refused(body) {
            Error::UnsupportedSchema {
                construct: ref said,
                ..
            } => assert_eq!(said, construct, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    let element_only = r#"<xs:element name="r" fixed="abc"><xs:complexType><xs:sequence minOccurs="0"><xs:element name="e1"/></xs:sequence></xs:complexType></xs:element>"#;
    assert!(is_invalid_schema(&refused(element_only)));
}
