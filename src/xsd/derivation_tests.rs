//! What a user's schema means, where the engine must read it as XSD 1.0 does: the form
//! defaults (the namespace of local names), facets that may only narrow
//! their base, `blockDefault` and `finalDefault`, and `xsi:type` naming a derived type.

use crate::Validator;
use crate::error::Error;
use crate::xsd::load_str;

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

fn invalid(xsd: &str) -> String {
    match load_str(xsd) {
        Err(Error::InvalidValue { message, .. }) => message,
        other => panic!("expected an invalid schema, got {other:?}"),
    }
}

fn valid(xsd: &str, doc: &str) -> bool {
    let validator = Validator::from_xsd(xsd).expect("the schema loads");
    validator.validate_str(doc).is_valid()
}

#[test]
fn local_elements_are_named_in_the_namespace_their_form_says() {
    let local = r#"<xs:element name="r"><xs:complexType><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence><xs:attribute name="x" type="xs:string"/></xs:complexType></xs:element>"#;
    // Without a target namespace both forms mean no namespace.
    let plain = format!("<xs:schema {XS}>{local}</xs:schema>");
    assert!(valid(&plain, r#"<r x="1"><a>v</a></r>"#));
    let qualified_attributes =
        format!(r#"<xs:schema {XS} attributeFormDefault="qualified">{local}</xs:schema>"#);
    assert!(valid(&qualified_attributes, r#"<r x="1"><a>v</a></r>"#));
    // With one, an unqualified local element (the default form) is in no namespace, while
    // the global root is in the target namespace.
    let in_ns = format!(r#"<xs:schema {XS} targetNamespace="urn:t">{local}</xs:schema>"#);
    assert!(valid(&in_ns, r#"<t:r xmlns:t="urn:t"><a>v</a></t:r>"#));
    assert!(valid(&in_ns, r#"<r xmlns="urn:t"><a xmlns="">v</a></r>"#));
    let wrong = Validator::from_xsd(&in_ns)
        .expect("the schema loads")
        .validate_str(r#"<r xmlns="urn:t"><a>v</a></r>"#);
    let said = &wrong.diagnostics()[0];
    assert!(
        said.help.as_deref() == Some("`a` in `r` must have no namespace"),
        "{said:?}"
    );
    // `form` on the declaration wins over the default, either way.
    let explicit = in_ns.replace(r#"name="a""#, r#"name="a" form="qualified""#);
    assert!(valid(&explicit, r#"<r xmlns="urn:t"><a>v</a></r>"#));
    assert!(!valid(&explicit, r#"<t:r xmlns:t="urn:t"><a>v</a></t:r>"#));
    let qualified_default = format!(
        r#"<xs:schema {XS} targetNamespace="urn:t" elementFormDefault="qualified">{local}</xs:schema>"#
    );
    let unqualified = qualified_default.replace(r#"name="a""#, r#"name="a" form="unqualified""#);
    assert!(valid(
        &unqualified,
        r#"<t:r xmlns:t="urn:t"><a>v</a></t:r>"#
    ));
    assert!(!valid(&unqualified, r#"<r xmlns="urn:t"><a>v</a></r>"#));
    // Only global elements: the default changes nothing.
    let global = format!(
        r#"<xs:schema {XS} targetNamespace="urn:t"><xs:element name="r" type="xs:string"/></xs:schema>"#
    );
    assert!(valid(&global, r#"<r xmlns="urn:t">v</r>"#));
    // Qualified local attributes are in the target namespace, and read there.
    let attributes = format!(
        r#"<xs:schema {XS} targetNamespace="urn:t" elementFormDefault="qualified" attributeFormDefault="qualified">{local}</xs:schema>"#
    );
    assert!(valid(
        &attributes,
        r#"<r xmlns="urn:t" xmlns:t="urn:t" t:x="1"><a>v</a></r>"#
    ));
    assert!(!valid(
        &attributes,
        r#"<r xmlns="urn:t" x="1"><a>v</a></r>"#
    ));
    let wrong = format!(r#"<xs:schema {XS} elementFormDefault="yes">{local}</xs:schema>"#);
    assert!(invalid(&wrong).contains("`yes`"));
}

#[test]
fn facets_may_only_narrow_their_base() {
    let widened = format!(
        r#"<xs:schema {XS}><xs:simpleType name="b"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="d"><xs:restriction base="b"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="d"/></xs:schema>"#
    );
    assert!(invalid(&widened).contains("widen"));
    let narrowed = widened.replace(r#"value="5""#, r#"value="2""#);
    assert!(valid(&narrowed, "<e>ab</e>"));
    assert!(!valid(&narrowed, "<e>abc</e>"));
    let twice = narrowed.replace(
        r#"<xs:maxLength value="2"/>"#,
        r#"<xs:maxLength value="2"/><xs:maxLength value="1"/>"#,
    );
    assert!(invalid(&twice).contains("at most once"));
    let added = format!(
        r#"<xs:schema {XS}><xs:simpleType name="b"><xs:restriction base="xs:string"><xs:enumeration value="x"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="d"><xs:restriction base="b"><xs:enumeration value="y"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="d"/></xs:schema>"#
    );
    assert!(invalid(&added).contains("`y`"));
    let outside_pattern = format!(
        r#"<xs:schema {XS}><xs:simpleType name="b"><xs:restriction base="xs:string"><xs:pattern value="one|two"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="d"><xs:restriction base="b"><xs:enumeration value="two"/><xs:enumeration value="three"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="d"/></xs:schema>"#
    );
    assert!(invalid(&outside_pattern).contains("`three`"));
    let inside = outside_pattern.replace(r#"<xs:enumeration value="three"/>"#, "");
    assert!(valid(&inside, "<e>two</e>"));
    assert!(!valid(&inside, "<e>one</e>"));
}

/// `b` restricts `xs:string` to 5 characters, `d` restricts `b` to 2; `e` is declared `b`.
fn derived(schema_attributes: &str) -> String {
    format!(
        r#"<xs:schema {XS} {schema_attributes}><xs:simpleType name="b"><xs:restriction base="xs:string"><xs:maxLength value="5"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="d"><xs:restriction base="b"><xs:maxLength value="2"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="other"><xs:restriction base="xs:string"/></xs:simpleType>
        <xs:element name="e" type="b"/></xs:schema>"#
    )
}

#[test]
fn xsi_type_may_name_a_type_derived_from_the_declared_one() {
    let xsd = derived("");
    let with = |ty: &str, value: &str| {
        format!(
            r#"<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="{ty}">{value}</e>"#
        )
    };
    assert!(valid(&xsd, &with("b", "abcd")));
    assert!(valid(&xsd, &with("d", "ab")));
    // The derived type's own facets then apply.
    assert!(!valid(&xsd, &with("d", "abc")));
    // Not derived from `b`: its base, a sibling, an unknown name.
    for ty in ["xs:string", "other", "nope", "xs:int"] {
        assert!(!valid(&xsd, &with(ty, "ab")), "{ty}");
    }
    let report = Validator::from_xsd(&xsd)
        .unwrap()
        .validate_str(&with("other", "ab"));
    let finding = &report.diagnostics()[0];
    assert!(finding.message.contains("derived"), "{}", finding.message);
    // A user's schema gets no advice about OSC documents.
    assert_eq!(finding.help, None);
    // `blockDefault` can forbid derived types from standing in.
    let blocked = derived(r#"blockDefault="restriction""#);
    assert!(valid(&blocked, &with("b", "ab")));
    assert!(!valid(&blocked, &with("d", "ab")));
    assert!(valid(
        &derived(r#"blockDefault="extension""#),
        &with("d", "ab")
    ));
}

#[test]
fn final_default_forbids_restricting_named_types() {
    let xsd = derived(r#"finalDefault="restriction""#);
    assert!(invalid(&xsd).contains("finalDefault"));
    assert!(load_str(&derived(r#"finalDefault="list union""#)).is_ok());
    assert!(invalid(&derived(r#"finalDefault="everything""#)).contains("`everything`"));
}

#[test]
fn findings_on_a_users_schema_say_nothing_of_osc() {
    let xsd = format!(r#"<xs:schema {XS}><xs:element name="e" type="xs:string"/></xs:schema>"#);
    let validator = Validator::from_xsd(&xsd).unwrap();
    for doc in [
        r#"<e xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#,
        "<!DOCTYPE e><e/>",
    ] {
        let report = validator.validate_str(doc);
        let finding = &report.diagnostics()[0];
        let said = format!("{} {:?}", finding.message, finding.help);
        assert!(!said.contains("OSC") && !said.contains(".NET"), "{said}");
    }
}

#[test]
fn patterns_are_regular_expressions_and_every_step_applies() {
    let xsd = format!(
        r#"<xs:schema {XS}><xs:simpleType name="code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{{2}}\d+"/><xs:pattern value="none"/></xs:restriction></xs:simpleType>
        <xs:simpleType name="short"><xs:restriction base="code"><xs:pattern value=".{{1,4}}"/></xs:restriction></xs:simpleType>
        <xs:element name="e" type="short"/></xs:schema>"#
    );
    assert!(valid(&xsd, "<e>AB12</e>"));
    assert!(valid(&xsd, "<e>none</e>"));
    // The base's pattern and the derived one's both apply.
    assert!(!valid(&xsd, "<e>AB123</e>"));
    assert!(!valid(&xsd, "<e>ab1</e>"));
    let report = Validator::from_xsd(&xsd).unwrap().validate_str("<e>x</e>");
    assert!(
        report.diagnostics()[0]
            .message
            .contains(r"does not match the pattern `[A-Z]{2}\d+|none`"),
        "{}",
        report.diagnostics()[0].message
    );
}

#[test]
fn facets_hold_only_annotations_and_a_target_namespace_is_not_empty() {
    let notation = format!(
        r#"<xs:schema {XS}><xs:simpleType name="s"><xs:restriction base="xs:string"><xs:enumeration value="a"><xs:notation name="n" public="p"/></xs:enumeration></xs:restriction></xs:simpleType></xs:schema>"#
    );
    assert!(invalid(&notation).contains("xs:notation"));
    let annotated = notation.replace(r#"<xs:notation name="n" public="p"/>"#, "<xs:annotation/>");
    assert!(load_str(&annotated).is_ok());
    let empty = format!(r#"<xs:schema {XS} targetNamespace=""/>"#);
    assert!(invalid(&empty).contains("targetNamespace"));
}

#[test]
fn global_attributes_references_and_attribute_groups() {
    let xsd = format!(
        r#"<xs:schema {XS} targetNamespace="urn:t" xmlns:t="urn:t" elementFormDefault="qualified">
        <xs:attribute name="lang" type="xs:string"/>
        <xs:attributeGroup name="common"><xs:attribute name="id" type="xs:int" use="required"/><xs:attributeGroup ref="t:more"/></xs:attributeGroup>
        <xs:attributeGroup name="more"><xs:attribute ref="t:lang" use="required"/></xs:attributeGroup>
        <xs:notation name="png" public="image/png"/>
        <xs:element name="r"><xs:complexType><xs:attributeGroup ref="t:common"/></xs:complexType></xs:element>
        </xs:schema>"#
    );
    // `id` is local and unqualified; `lang` is global, so in the target namespace.
    assert!(valid(
        &xsd,
        r#"<r xmlns="urn:t" xmlns:t="urn:t" id="1" t:lang="en"/>"#
    ));
    assert!(!valid(&xsd, r#"<r xmlns="urn:t" id="1" lang="en"/>"#));
    assert!(!valid(
        &xsd,
        r#"<r xmlns="urn:t" xmlns:t="urn:t" t:lang="en"/>"#
    ));
    assert!(!valid(
        &xsd,
        r#"<r xmlns="urn:t" xmlns:t="urn:t" id="x" t:lang="en"/>"#
    ));
    let circular = xsd.replace(
        r#"<xs:attribute ref="t:lang" use="required"/>"#,
        r#"<xs:attributeGroup ref="t:common"/>"#,
    );
    let said = invalid(&circular);
    assert!(said.contains("refers to itself"), "{said}");
    let undeclared = xsd.replace(r#"ref="t:lang""#, r#"ref="t:nope""#);
    assert!(invalid(&undeclared).contains("not declared"));
    let twice = xsd.replace(
        r#"<xs:attributeGroup ref="t:more"/></xs:attributeGroup>"#,
        r#"<xs:attributeGroup ref="t:more"/><xs:attribute name="id" type="xs:int"/></xs:attributeGroup>"#,
    );
    assert!(invalid(&twice).contains("declared twice"));
    let holding_ref = xsd.replace(
        r#"<xs:attributeGroup ref="t:common"/></xs:complexType>"#,
        r#"<xs:attributeGroup ref="t:common"><xs:attribute name="gg"/></xs:attributeGroup></xs:complexType>"#,
    );
    assert!(invalid(&holding_ref).contains("only `xs:annotation`"));
    let in_xsi = format!(
        r#"<xs:schema {XS} targetNamespace="http://www.w3.org/2001/XMLSchema-instance"><xs:attribute name="a" type="xs:string"/></xs:schema>"#
    );
    assert!(invalid(&in_xsi).contains("instance namespace"));
    // `xmlns` is never an attribute, whether declared globally, locally or in a group.
    for declared in [
        r#"<xs:attribute name="xmlns"/>"#,
        r#"<xs:element name="e"><xs:complexType><xs:attribute name="xmlns"/></xs:complexType></xs:element>"#,
        r#"<xs:attributeGroup name="g"><xs:attribute name="xmlns"/></xs:attributeGroup>"#,
    ] {
        let named_xmlns = format!(r#"<xs:schema {XS}>{declared}</xs:schema>"#);
        assert!(invalid(&named_xmlns).contains("`xmlns`"), "{declared}");
    }
    let no_identifier = xsd.replace(r#" public="image/png""#, "");
    assert!(invalid(&no_identifier).contains("public"));
    let system_only = xsd.replace(r#" public="image/png""#, r#" system="viewer""#);
    assert!(load_str(&system_only).is_ok());
    let holding = xsd.replace(
        r#"<xs:notation name="png" public="image/png"/>"#,
        r#"<xs:notation name="png" public="image/png"><xs:all/></xs:notation>"#,
    );
    assert!(invalid(&holding).contains("xs:all"));
}

#[test]
fn simple_content_is_text_of_a_simple_type_with_attributes() {
    let xsd = format!(
        r#"<xs:schema {XS}>
        <xs:element name="price" type="priced"/>
        <xs:complexType name="priced"><xs:simpleContent><xs:extension base="amount"><xs:attribute name="note" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>
        <xs:complexType name="amount"><xs:simpleContent><xs:extension base="xs:int"><xs:attribute name="currency" type="xs:string" use="required"/></xs:extension></xs:simpleContent></xs:complexType>
        </xs:schema>"#
    );
    assert!(valid(&xsd, r#"<price currency="EUR">12</price>"#));
    assert!(valid(&xsd, r#"<price currency="EUR" note="n">12</price>"#));
    assert!(!valid(&xsd, r#"<price currency="EUR">twelve</price>"#));
    assert!(
        !valid(&xsd, "<price>12</price>"),
        "the base's required attribute"
    );
    assert!(!valid(
        &xsd,
        r#"<price currency="EUR" other="x">12</price>"#
    ));
    assert!(!valid(&xsd, r#"<price currency="EUR"><b>12</b></price>"#));
    let element_base = xsd.replace(
        r#"<xs:extension base="xs:int">"#,
        r#"<xs:extension base="seq">"#,
    ) + "";
    let element_base = element_base.replace(
        "</xs:schema>",
        r#"<xs:complexType name="seq"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:complexType></xs:schema>"#,
    );
    assert!(invalid(&element_base).contains("element content"));
    let outside = xsd.replace(
        "</xs:simpleContent></xs:complexType>\n        <xs:complexType name=\"amount\">",
        "</xs:simpleContent><xs:attribute name=\"late\"/></xs:complexType>\n        <xs:complexType name=\"amount\">",
    );
    assert_ne!(outside, xsd);
    assert!(invalid(&outside).contains("inside its `xs:extension`"));
    let itself = xsd.replace(r#"base="xs:int""#, r#"base="amount""#);
    assert!(invalid(&itself).contains("derived from itself"));
}

#[test]
fn attribute_defaults_and_fixed_values() {
    let xsd = |decl: &str| {
        format!(
            r#"<xs:schema {XS}><xs:element name="r"><xs:complexType><xs:attribute name="a" {decl}/></xs:complexType></xs:element></xs:schema>"#
        )
    };
    let untyped = xsd("");
    assert!(valid(&untyped, r#"<r a="any text at all"/>"#));
    let fixed = xsd(r#"type="xs:string" fixed="on""#);
    assert!(valid(&fixed, r#"<r a="on"/>"#));
    assert!(valid(&fixed, "<r/>"), "an absent fixed attribute is fine");
    assert!(!valid(&fixed, r#"<r a="off"/>"#));
    let default = xsd(r#"type="xs:int" default="3""#);
    assert!(valid(&default, r#"<r a="4"/>"#));
    assert!(invalid(&xsd(r#"type="xs:int" default="three""#)).contains("`three`"));
    assert!(invalid(&xsd(r#"type="xs:int" default="3" fixed="3""#)).contains("not both"));
    assert!(invalid(&xsd(r#"type="xs:int" use="required" default="3""#)).contains("optional"));
    assert!(invalid(&xsd(r#"use="prohibited" default="3""#)).contains("optional"));
    let number = xsd(r#"type="xs:int" fixed="3""#);
    assert!(valid(&number, r#"<r a=" +03 "/>"#));
    assert!(!valid(&number, r#"<r a="4"/>"#));
}

#[test]
fn lengths_under_a_length_and_lists_of_at_least_one_item() {
    let two_steps = |first: &str, second: &str| {
        format!(
            r#"<xs:schema {XS}><xs:simpleType name="b"><xs:restriction base="xs:NMTOKENS">{first}</xs:restriction></xs:simpleType>
            <xs:simpleType name="d"><xs:restriction base="b">{second}</xs:restriction></xs:simpleType>
            <xs:element name="e" type="d"/></xs:schema>"#
        )
    };
    let length = r#"<xs:length value="5"/>"#;
    assert!(load_str(&two_steps(length, r#"<xs:minLength value="1"/>"#)).is_ok());
    assert!(load_str(&two_steps(length, r#"<xs:maxLength value="9"/>"#)).is_ok());
    assert!(invalid(&two_steps(length, r#"<xs:minLength value="6"/>"#)).contains("length"));
    assert!(invalid(&two_steps(length, r#"<xs:maxLength value="4"/>"#)).contains("length"));
    // `xs:NMTOKENS` holds at least one item: a `minLength` of 0 would widen it.
    assert!(!invalid(&two_steps(r#"<xs:minLength value="0"/>"#, "")).is_empty());
    assert!(load_str(&two_steps(r#"<xs:minLength value="2"/>"#, "")).is_ok());
}
