//! Identity constraints (`xs:key`, `xs:unique`, `xs:keyref`) end to end through a user's
//! schema: which documents keep them and which break them, where the findings stand, and
//! the schemas refused when they are read. Each document gets the same findings read whole
//! and as a stream.

use osc_schema::Error;
use osc_schema::Validator;
use osc_schema::diagnostic::Report;

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns:t="urn:t" xmlns="urn:t" elementFormDefault="qualified">"#;

/// A schema whose root `r` holds any number of `i`, each with an optional attribute `id`
/// of type `id_type`, and optional children `a` (of type `a_type`) and `b` (a string),
/// and `constraints` on `r`.
fn schema(id_type: &str, a_type: &str, constraints: &str) -> String {
    format!(
        r#"{HEAD}
<xs:element name="r">
  <xs:complexType>
    <xs:sequence>
      <xs:element name="i" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="a" type="{a_type}" minOccurs="0" maxOccurs="unbounded"/>
            <xs:element name="b" type="xs:string" minOccurs="0"/>
          </xs:sequence>
          <xs:attribute name="id" type="{id_type}"/>
          <xs:attribute name="ref" type="{id_type}"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
  {constraints}
</xs:element>
</xs:schema>"#
    )
}

fn validator(xsd: &str) -> Validator {
    Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{xsd}: {e}"))
}

/// The findings (message, line, column, path) for `doc`, the same read whole and as a
/// stream.
fn findings(v: &Validator, doc: &str) -> Vec<(String, u32, u32, String)> {
    let said = |r: &Report| -> Vec<(String, u32, u32, String)> {
        r.diagnostics()
            .iter()
            .map(|d| {
                (
                    format!("{}: {}", d.code.as_str(), d.message),
                    d.location.line,
                    d.location.column,
                    d.location.path.clone(),
                )
            })
            .collect()
    };
    let whole = said(&v.validate_str(doc));
    let stream = v
        .validate_reader(std::io::BufReader::with_capacity(3, doc.as_bytes()))
        .expect("reads");
    assert_eq!(whole, said(&stream), "{doc}");
    whole
}

fn doc(items: &str) -> String {
    format!("<r xmlns=\"urn:t\">\n{items}\n</r>")
}

fn assert_valid(v: &Validator, items: &str) {
    let found = findings(v, &doc(items));
    assert!(found.is_empty(), "{items}: {found:?}");
}

/// The one finding for `items`: its message, line and column.
fn one(v: &Validator, items: &str) -> (String, u32, u32) {
    let found = findings(v, &doc(items));
    assert_eq!(found.len(), 1, "{items}: {found:?}");
    let (m, l, c, _) = found.into_iter().next().unwrap_or_default();
    (m, l, c)
}

const KEY_ID: &str =
    r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key>"#;

#[test]
fn a_key_needs_distinct_values_and_every_field() {
    let v = validator(&schema("xs:string", "xs:string", KEY_ID));
    assert_valid(&v, r#"<i id="x"/><i id="y"/>"#);
    assert_valid(&v, "");
    let (m, line, column) = one(&v, "<i id=\"x\"/>\n  <i id=\"x\"/>");
    assert_eq!(
        m,
        "xsd::identity-constraint: key `k`: the value `x` occurs more than once in `r`"
    );
    assert_eq!((line, column), (3, 3));
    let (m, line, column) = one(&v, "<i id=\"x\"/><i/>");
    assert!(m.contains("key `k`: field `@id` selects nothing"), "{m}");
    assert_eq!((line, column), (2, 12));
}

#[test]
fn unique_leaves_out_elements_without_every_field() {
    let unique = r#"<xs:unique name="u"><xs:selector xpath="t:i"/><xs:field xpath="@id"/><xs:field xpath="t:b"/></xs:unique>"#;
    let v = validator(&schema("xs:string", "xs:string", unique));
    assert_valid(
        &v,
        r#"<i id="x"/><i id="x"/><i id="x"><b>1</b></i><i id="y"><b>1</b></i>"#,
    );
    let (m, ..) = one(&v, r#"<i id="x"><b>1</b></i><i id="x"><b>1</b></i>"#);
    assert_eq!(
        m,
        "xsd::identity-constraint: unique `u`: the value (`x`, `1`) occurs more than once in `r`"
    );
}

#[test]
fn values_compare_in_the_value_space_of_their_primitive() {
    let v = validator(&schema("xs:decimal", "xs:string", KEY_ID));
    let (m, ..) = one(&v, r#"<i id="1.0"/><i id="01"/>"#);
    assert!(m.contains("occurs more than once"), "{m}");
    assert_valid(&v, r#"<i id="1.5"/><i id="1.05"/>"#);
    // An integer is a decimal: derived types compare in their primitive's space.
    let by_element = r#"<xs:unique name="u"><xs:selector xpath="t:i"/><xs:field xpath="@id | t:a"/></xs:unique>"#;
    let v = validator(&schema("xs:decimal", "xs:integer", by_element));
    let (m, ..) = one(&v, r#"<i id="2.00"/><i><a>2</a></i>"#);
    assert!(m.contains("`2`"), "{m}");
    // A string `1` and a decimal `1` are different values.
    let v = validator(&schema("xs:decimal", "xs:string", by_element));
    assert_valid(&v, r#"<i id="1"/><i><a>1</a></i>"#);
    // Nor are a float and a double, or a string and a URI, of the same spelling.
    let v = validator(&schema("xs:double", "xs:float", by_element));
    assert_valid(&v, r#"<i id="1.5"/><i><a>1.5</a></i>"#);
    let v = validator(&schema("xs:anyURI", "xs:string", by_element));
    assert_valid(&v, r#"<i id="x"/><i><a>x</a></i>"#);
    let v = validator(&schema("xs:anyURI", "xs:anyURI", by_element));
    assert!(
        one(&v, r#"<i id="x"/><i><a>x</a></i>"#)
            .0
            .contains("more than once")
    );
    // Whitespace is handled as the type says: collapsed for a token, kept for a string.
    let v = validator(&schema("xs:token", "xs:string", KEY_ID));
    assert!(
        one(&v, r#"<i id=" x "/><i id="x"/>"#)
            .0
            .contains("more than once")
    );
    let v = validator(&schema("xs:string", "xs:string", KEY_ID));
    assert_valid(&v, r#"<i id=" x "/><i id="x"/>"#);
    let v = validator(&schema("xs:boolean", "xs:string", KEY_ID));
    assert!(
        one(&v, r#"<i id="1"/><i id="true"/>"#)
            .0
            .contains("more than once")
    );
}

#[test]
fn a_field_selecting_more_than_one_node_is_an_error() {
    let unique =
        r#"<xs:unique name="u"><xs:selector xpath="t:i"/><xs:field xpath="t:a"/></xs:unique>"#;
    let v = validator(&schema("xs:string", "xs:string", unique));
    assert_valid(&v, "<i><a>1</a></i><i><a>2</a></i><i/>");
    let (m, ..) = one(&v, "<i><a>1</a><a>2</a></i>");
    assert_eq!(
        m,
        "xsd::identity-constraint: unique `u`: field `t:a` selects more than one node"
    );
    // One node found by two alternatives is one node.
    let twice = r#"<xs:unique name="u"><xs:selector xpath="t:i"/><xs:field xpath="t:b | ./t:b"/></xs:unique>"#;
    let v = validator(&schema("xs:string", "xs:string", twice));
    assert_valid(&v, "<i><b>1</b></i>");
}

#[test]
fn keyrefs_must_find_their_key_anywhere_in_the_scope() {
    let constraints = r#"
      <xs:keyref name="kr" refer="t:k"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/></xs:keyref>
      <xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key>"#;
    let v = validator(&schema("xs:integer", "xs:string", constraints));
    // A reference before its key, and one typed differently but equal in value.
    assert_valid(&v, r#"<i id="1" ref="02"/><i id="2" ref="+1"/><i id="3"/>"#);
    let found = findings(&v, &doc("<i id=\"1\"/>\n<i id=\"2\" ref=\"3\"/>"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0],
        (
            "xsd::identity-constraint: keyref `kr`: no `k` in `r` has the value `3`".to_owned(),
            3,
            1,
            "/r/i[2]".to_owned()
        )
    );
}

#[test]
fn descendant_and_union_selectors_reach_every_level() {
    let nested = format!(
        r#"{HEAD}
<xs:element name="r">
  <xs:complexType><xs:sequence><xs:element ref="g" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
  <xs:unique name="u"><xs:selector xpath=".//t:g | ."/><xs:field xpath="@n"/></xs:unique>
</xs:element>
<xs:element name="g">
  <xs:complexType>
    <xs:sequence><xs:element ref="g" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="n" type="xs:int"/>
  </xs:complexType>
</xs:element>
</xs:schema>"#
    );
    let v = validator(&nested);
    assert_valid(&v, r#"<g n="1"><g n="2"><g n="3"/></g></g><g n="4"/>"#);
    let (m, line, column) = one(&v, "<g n=\"1\"><g n=\"2\">\n<g n=\"1\"/></g></g>");
    assert!(
        m.contains("the value `1` occurs more than once in `r`"),
        "{m}"
    );
    // Said of the element whose fields are complete last: the outer one, which closes
    // after the inner one.
    assert_eq!((line, column), (2, 1));
}

#[test]
fn nested_scopes_keep_their_own_tables() {
    // Each `g` is a scope of its own for its children's names: the same name may stand
    // under two `g`s, not twice under one.
    let nested = format!(
        r#"{HEAD}
<xs:element name="r">
  <xs:complexType><xs:sequence><xs:element ref="g" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
</xs:element>
<xs:element name="g">
  <xs:complexType>
    <xs:sequence><xs:element ref="g" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="n" type="xs:int"/>
  </xs:complexType>
  <xs:key name="k"><xs:selector xpath="t:g"/><xs:field xpath="@n"/></xs:key>
</xs:element>
</xs:schema>"#
    );
    let v = validator(&nested);
    assert_valid(
        &v,
        r#"<g><g n="1"><g n="1"/></g><g n="2"><g n="1"/></g></g>"#,
    );
    let (m, ..) = one(&v, r#"<g><g n="1"><g n="5"/><g n="5"/></g></g>"#);
    assert!(m.contains("`5` occurs more than once in `g`"), "{m}");
    let (m, ..) = one(&v, r#"<g><g n="1"><g/></g></g>"#);
    assert!(m.contains("selects nothing"), "{m}");
}

#[test]
fn an_element_field_needs_a_simple_value() {
    let unique =
        r#"<xs:unique name="u"><xs:selector xpath="."/><xs:field xpath="t:i"/></xs:unique>"#;
    let v = validator(&schema("xs:string", "xs:string", unique));
    assert_valid(&v, "");
    let (m, ..) = one(&v, "<i/>");
    assert!(
        m.contains("selects an element whose type is not simple"),
        "{m}"
    );
}

/// The construct of a refusal, or the field of an invalid schema, and its position.
fn refused(xsd: &str) -> (String, u32, u32) {
    match Validator::from_xsd(xsd) {
        Err(Error::UnsupportedSchema { construct, pos, .. }) => (construct, pos.line, pos.column),
        Err(Error::InvalidValue { field, pos, .. }) => (field, pos.line, pos.column),
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("loaded: {xsd}"),
    }
}

#[test]
fn schemas_with_wrong_constraints_are_refused_where_the_mistake_is() {
    let with = |c: &str| schema("xs:string", "xs:string", c);
    let cases = [
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i/@id"/><xs:field xpath="@id"/></xs:key>"#,
            "xpath",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="../@id"/></xs:key>"#,
            "xpath",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="x:i"/><xs:field xpath="@id"/></xs:key>"#,
            "xpath",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i"/></xs:key>"#,
            "xs:key",
        ),
        (
            r#"<xs:key name="k"><xs:field xpath="@id"/><xs:selector xpath="t:i"/></xs:key>"#,
            "xs:field",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key><xs:unique name="k"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/></xs:unique>"#,
            "name",
        ),
        (
            r#"<xs:keyref name="r" refer="t:nothing"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/></xs:keyref>"#,
            "refer",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key><xs:keyref name="r" refer="t:k"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/><xs:field xpath="t:b"/></xs:keyref>"#,
            "refer",
        ),
        (
            r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key><xs:keyref name="r" refer="t:r2"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/></xs:keyref><xs:keyref name="r2" refer="t:k"><xs:selector xpath="t:i"/><xs:field xpath="@ref"/></xs:keyref>"#,
            "refer",
        ),
        (
            r#"<xs:key name="k" foo="1"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key>"#,
            "foo",
        ),
    ];
    for (constraints, what) in cases {
        let (found, line, _) = refused(&with(constraints));
        assert_eq!(found, what, "{constraints}");
        // The constraints stand on line 17, each on it.
        assert_eq!(line, 17, "{constraints}");
    }
    // A constraint belongs inside an element declaration.
    for (top, construct) in [
        (
            format!(r#"{HEAD}{KEY_ID}<xs:element name="r"/></xs:schema>"#),
            "xs:key",
        ),
        (
            format!(r#"{HEAD}<xs:selector xpath="."/></xs:schema>"#),
            "xs:selector",
        ),
    ] {
        match Validator::from_xsd(&top) {
            Err(Error::InvalidValue { field, .. }) => assert_eq!(field, construct),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("loaded: {top}"),
        }
    }
    // The type must come before the constraints.
    let late =
        format!(r#"{HEAD}<xs:element name="r">{KEY_ID}<xs:complexType/></xs:element></xs:schema>"#);
    assert_eq!(refused(&late).0, "xs:element");
}

#[test]
fn what_is_not_judged_exactly_is_refused_by_name() {
    // A keyref whose key belongs to another element declaration.
    let across = format!(
        r#"{HEAD}
<xs:element name="r">
  <xs:complexType><xs:sequence><xs:element name="s">
    <xs:complexType><xs:attribute name="id" type="xs:string"/></xs:complexType>
    <xs:key name="k"><xs:selector xpath="."/><xs:field xpath="@id"/></xs:key>
  </xs:element></xs:sequence></xs:complexType>
  <xs:keyref name="kr" refer="t:k"><xs:selector xpath="t:s"/><xs:field xpath="@id"/></xs:keyref>
</xs:element>
</xs:schema>"#
    );
    assert_eq!(refused(&across), ("xs:keyref".to_owned(), 7, 3));
    // A field that could select an attribute with a default value.
    let defaulted = format!(
        r#"{HEAD}
<xs:element name="r">
  <xs:complexType><xs:attribute name="id" type="xs:string" default="d"/></xs:complexType>
  <xs:key name="k"><xs:selector xpath="."/><xs:field xpath="@id"/></xs:key>
</xs:element>
</xs:schema>"#
    );
    assert_eq!(refused(&defaulted).0, "xs:field");
    // Elements a wildcard or `xs:anyType` takes are not shown to the constraints, and
    // list or union values are not compared item by item: both are refused.
    for beside in [
        r#"<xs:element name="w"><xs:complexType><xs:sequence><xs:any processContents="skip"/></xs:sequence></xs:complexType></xs:element>"#,
        r#"<xs:element name="w"/>"#,
        r#"<xs:element name="w"><xs:complexType><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>"#,
        r#"<xs:simpleType name="l"><xs:list itemType="xs:int"/></xs:simpleType>"#,
        r#"<xs:simpleType name="u"><xs:union memberTypes="xs:int xs:string"/></xs:simpleType>"#,
    ] {
        let xsd = schema(
            "xs:string",
            "xs:string",
            r#"<xs:key name="k"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:key>"#,
        )
        .replace("</xs:schema>", &format!("{beside}</xs:schema>"));
        assert_eq!(refused(&xsd).0, "xs:key", "{beside}");
    }
}

#[test]
fn unqualified_local_elements_are_selected_in_no_namespace() {
    // Without `elementFormDefault`, the local `i` has no namespace in documents: `i`
    // selects it, `t:i` does not.
    let unqualified = |selector: &str| {
        let xsd = schema(
            "xs:string",
            "xs:string",
            &format!(r#"<xs:unique name="u"><xs:selector xpath="{selector}"/><xs:field xpath="@id"/></xs:unique>"#),
        )
        .replace(r#" elementFormDefault="qualified""#, "");
        validator(&xsd)
    };
    let twice = "<t:r xmlns:t=\"urn:t\"><i id=\"1\"/><i id=\"1\"/></t:r>";
    let found = findings(&unqualified("i"), twice);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("more than once"), "{found:?}");
    assert!(findings(&unqualified("t:i"), twice).is_empty());
}

#[test]
fn names_without_a_prefix_are_in_no_namespace() {
    // `xmlns=""` undeclares the default namespace: `refer="k"` names the key `k` of a
    // schema without target namespace, and so do the selector's and field's names.
    let xsd = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="">
<xs:element name="r">
  <xs:complexType><xs:sequence>
    <xs:element name="i" maxOccurs="unbounded"><xs:complexType><xs:attribute name="id" type="xs:int"/><xs:attribute name="ref" type="xs:int"/></xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:key name="k"><xs:selector xpath="i"/><xs:field xpath="@id"/></xs:key>
  <xs:keyref name="kr" refer="k"><xs:selector xpath="i"/><xs:field xpath="@ref"/></xs:keyref>
</xs:element>
</xs:schema>"#;
    let v = validator(xsd);
    assert!(findings(&v, r#"<r><i id="1" ref="1"/></r>"#).is_empty());
    let found = findings(&v, r#"<r><i id="1" ref="2"/></r>"#);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].0.contains("no `k` in `r` has the value `2`"),
        "{found:?}"
    );
}

#[test]
fn constraints_hold_whatever_type_xsi_type_names() {
    // `r`'s constraint belongs to its declaration: a type derived by extension, named by
    // `xsi:type`, keeps it.
    let xsd = format!(
        r#"{HEAD}
<xs:complexType name="base"><xs:sequence><xs:element name="i" minOccurs="0" maxOccurs="unbounded"><xs:complexType><xs:attribute name="id" type="xs:int"/></xs:complexType></xs:element></xs:sequence></xs:complexType>
<xs:complexType name="more"><xs:complexContent><xs:extension base="t:base"><xs:attribute name="note" type="xs:string"/></xs:extension></xs:complexContent></xs:complexType>
<xs:element name="r" type="t:base">
  <xs:unique name="u"><xs:selector xpath="t:i"/><xs:field xpath="@id"/></xs:unique>
</xs:element>
</xs:schema>"#
    );
    let v = validator(&xsd);
    let twice = |root: &str| format!("{root}<i id=\"1\"/><i id=\"01\"/></r>");
    for root in [
        r#"<r xmlns="urn:t">"#,
        r#"<r xmlns="urn:t" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:t="urn:t" xsi:type="t:more" note="n">"#,
    ] {
        let found = findings(&v, &twice(root));
        assert_eq!(found.len(), 1, "{root}: {found:?}");
        assert!(found[0].0.contains("more than once"), "{found:?}");
    }
}
