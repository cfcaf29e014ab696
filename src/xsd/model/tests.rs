//! Compiling content models: each supported construct loads, each broken constraint makes
//! the schema incorrect at its place, and size caps refuse rather than build.

use crate::error::{Error, TextPos};
use crate::xsd::load_str;
use crate::xsd::schema::{ContentRef, Schema};

use super::Matcher;

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">"#;

/// A schema whose root `r` has the content model `model`, after the global declarations
/// `globals`; the model starts on line 3.
fn schema(globals: &str, model: &str) -> String {
    format!(
        "{HEAD}{globals}\n<xs:element name=\"r\"><xs:complexType>\n{model}\n</xs:complexType></xs:element></xs:schema>"
    )
}

fn el(name: &str, occurs: &str) -> String {
    format!("<xs:element name=\"{name}\" type=\"xs:string\" {occurs}/>")
}

fn loads(globals: &str, model: &str) -> Schema {
    load_str(&schema(globals, model)).unwrap_or_else(|e| panic!("{model}: {e}"))
}

/// The error an incorrect schema gives: its field and position.
fn incorrect(globals: &str, model: &str) -> (String, String, TextPos) {
    match load_str(&schema(globals, model)) {
        Err(Error::InvalidValue {
            field,
            message,
            pos,
        }) => (field, message, pos),
        other => panic!("{model}: expected an incorrect schema, got {other:?}"),
    }
}

/// The root's compiled type.
fn root_type(s: &Schema) -> &crate::xsd::schema::ComplexType {
    match s.root("r").map(|r| r.content) {
        Some(ContentRef::Complex(id)) => s.complex_type(id).unwrap(),
        other => panic!("root content {other:?}"),
    }
}

#[test]
fn flat_sequences_keep_the_positional_tables() {
    let s = loads(
        "",
        &format!(
            "<xs:sequence>{}<xs:sequence>{}</xs:sequence></xs:sequence>",
            el("a", ""),
            el("b", "maxOccurs=\"unbounded\"")
        ),
    );
    let ct = root_type(&s);
    assert!(ct.model.is_none());
    let names: Vec<&str> = ct.particles.iter().map(|p| &*p.name).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn each_content_model_construct_loads() {
    let group = format!(
        "<xs:group name=\"g\"><xs:choice>{}{}</xs:choice></xs:group><xs:element name=\"z\" type=\"xs:string\"/>",
        el("a", ""),
        el("b", "")
    );
    for model in [
        format!("<xs:choice>{}{}</xs:choice>", el("a", ""), el("b", "")),
        format!(
            "<xs:sequence minOccurs=\"0\" maxOccurs=\"3\">{}<xs:choice maxOccurs=\"unbounded\">{}{}</xs:choice></xs:sequence>",
            el("a", ""),
            el("b", ""),
            el("c", "")
        ),
        format!(
            "<xs:all>{}{}</xs:all>",
            el("a", ""),
            el("b", "minOccurs=\"0\"")
        ),
        "<xs:group ref=\"g\" maxOccurs=\"2\"/>".to_string(),
        "<xs:sequence><xs:element ref=\"z\"/><xs:group ref=\"g\"/></xs:sequence>".to_string(),
        format!(
            "<xs:sequence>{}{}{}</xs:sequence>",
            el("a", ""),
            el("b", ""),
            el("a", "")
        ),
        "<xs:choice/>".to_string(),
    ] {
        let s = loads(&group, &model);
        assert!(root_type(&s).model.is_some(), "{model}");
    }
    // Attributes only: empty content, as before.
    let s = loads("", "<xs:attribute name=\"x\" type=\"xs:string\"/>");
    assert!(root_type(&s).model.is_none() && root_type(&s).particles.is_empty());
}

#[test]
fn all_compiles_to_bits_and_knows_what_is_required() {
    let s = loads(
        "",
        &format!(
            "<xs:all minOccurs=\"0\">{}{}</xs:all>",
            el("a", ""),
            el("b", "minOccurs=\"0\"")
        ),
    );
    let model = root_type(&s).model.as_deref().unwrap();
    match model.matcher {
        Matcher::All {
            required,
            emptiable,
        } => assert_eq!((required, emptiable), (0b01, true)),
        Matcher::Dfa(_) => panic!("xs:all compiles to bits"),
    }
}

#[test]
fn unique_particle_attribution_is_checked() {
    for model in [
        format!("<xs:choice>{}{}</xs:choice>", el("a", ""), el("a", "")),
        format!(
            "<xs:sequence>{}{}</xs:sequence>",
            el("a", "minOccurs=\"0\""),
            el("a", "")
        ),
        format!(
            "<xs:sequence>{}{}</xs:sequence>",
            el("a", "maxOccurs=\"2\""),
            el("a", "")
        ),
        format!(
            "<xs:sequence><xs:choice maxOccurs=\"unbounded\">{}{}</xs:choice>{}</xs:sequence>",
            el("a", ""),
            el("b", ""),
            el("a", "")
        ),
        "<xs:choice><xs:element ref=\"z\"/><xs:element ref=\"z\"/></xs:choice>".to_string(),
        format!(
            "<xs:all>{}{}</xs:all>",
            el("a", ""),
            el("a", "minOccurs=\"0\"")
        ),
    ] {
        let (field, message, pos) =
            incorrect("<xs:element name=\"z\" type=\"xs:string\"/>", &model);
        assert_eq!(field, "xs:element", "{model}");
        assert!(message.contains("Unique Particle Attribution"), "{message}");
        assert_eq!(pos.line, 3, "{model}");
    }
    // The same particle twice, from one group used twice or a repeated group, is not
    // ambiguous.
    loads(
        "<xs:group name=\"g\"><xs:sequence><xs:element name=\"a\" type=\"xs:string\"/></xs:sequence></xs:group>",
        "<xs:choice><xs:group ref=\"g\"/><xs:group ref=\"g\"/></xs:choice>",
    );
    loads(
        "",
        &format!(
            "<xs:sequence maxOccurs=\"2\">{}</xs:sequence>",
            el("a", "minOccurs=\"0\"")
        ),
    );
}

#[test]
fn element_declarations_must_be_consistent() {
    let (field, message, pos) = incorrect(
        "",
        "<xs:sequence><xs:element name=\"a\" type=\"xs:string\"/><xs:choice><xs:element name=\"a\" type=\"xs:int\"/></xs:choice></xs:sequence>",
    );
    assert_eq!(field, "type");
    assert!(
        message.contains("Element Declarations Consistent"),
        "{message}"
    );
    assert_eq!(pos, TextPos::new(3, 64));
    // Two anonymous types are two types.
    incorrect(
        "",
        "<xs:sequence><xs:element name=\"a\"><xs:simpleType><xs:restriction base=\"xs:string\"/></xs:simpleType></xs:element><xs:element name=\"b\" type=\"xs:string\"/><xs:element name=\"a\"><xs:simpleType><xs:restriction base=\"xs:string\"/></xs:simpleType></xs:element></xs:sequence>",
    );
    // A reference and a local declaration of one name and type agree.
    loads(
        "<xs:element name=\"a\" type=\"xs:string\"/>",
        "<xs:sequence><xs:element ref=\"a\"/><xs:element name=\"b\" type=\"xs:string\"/><xs:element name=\"a\" type=\"xs:string\"/></xs:sequence>",
    );
}

#[test]
fn groups_and_references_must_resolve_and_not_contain_themselves() {
    let (field, _, pos) = incorrect("", "<xs:group ref=\"nope\"/>");
    assert_eq!((field.as_str(), pos), ("ref", TextPos::new(3, 1)));
    let (field, _, _) = incorrect("", "<xs:sequence><xs:element ref=\"nope\"/></xs:sequence>");
    assert_eq!(field, "ref");
    // A cycle through two groups, even one no type uses.
    let cycle = "<xs:group name=\"c1\"><xs:sequence><xs:group ref=\"c2\"/></xs:sequence></xs:group><xs:group name=\"c2\"><xs:choice><xs:group ref=\"c1\"/></xs:choice></xs:group>";
    let (field, message, _) = incorrect(cycle, "<xs:sequence/>");
    assert_eq!(field, "xs:group");
    assert!(message.contains("contains itself"), "{message}");
    // A group may hold an element whose type uses the group again: that is no cycle.
    loads(
        "<xs:group name=\"t\"><xs:sequence><xs:element name=\"n\" minOccurs=\"0\"><xs:complexType><xs:group ref=\"t\"/></xs:complexType></xs:element></xs:sequence></xs:group>",
        "<xs:group ref=\"t\"/>",
    );
    // An element may refer to itself through its own anonymous type.
    let s = load_str(&format!(
        "{HEAD}<xs:element name=\"r\"><xs:complexType><xs:choice minOccurs=\"0\"><xs:element ref=\"r\"/></xs:choice></xs:complexType></xs:element></xs:schema>"
    ))
    .unwrap();
    assert!(s.has_root("r"));
}

#[test]
fn occurrence_bounds_and_all_are_checked() {
    let (field, _, pos) = incorrect(
        "",
        &format!(
            "<xs:sequence minOccurs=\"3\" maxOccurs=\"2\">{}</xs:sequence>",
            el("a", "")
        ),
    );
    assert_eq!((field.as_str(), pos), ("maxOccurs", TextPos::new(3, 1)));
    for model in [
        format!(
            "<xs:sequence><xs:all>{}</xs:all></xs:sequence>",
            el("a", "")
        ),
        format!("<xs:all>{}</xs:all>", el("a", "maxOccurs=\"2\"")),
        format!("<xs:all maxOccurs=\"2\">{}</xs:all>", el("a", "")),
        "<xs:all><xs:sequence/></xs:all>".to_string(),
    ] {
        incorrect("", &model);
    }
    // The schema for schemas allows no other attributes on groups and references.
    let (field, _, _) = incorrect(
        "<xs:element name=\"z\" type=\"xs:string\"/>",
        "<xs:sequence><xs:element ref=\"z\" type=\"xs:string\"/></xs:sequence>",
    );
    assert_eq!(field, "type");
    let (field, _, _) = incorrect(
        &format!(
            "<xs:group name=\"g\"><xs:sequence maxOccurs=\"2\">{}</xs:sequence></xs:group>",
            el("a", "")
        ),
        "<xs:group ref=\"g\"/>",
    );
    assert_eq!(field, "maxOccurs");
    let all_group = format!(
        "<xs:group name=\"g\"><xs:all>{}</xs:all></xs:group>",
        el("a", "")
    );
    incorrect(
        &all_group,
        "<xs:sequence><xs:group ref=\"g\"/></xs:sequence>",
    );
    loads(&all_group, "<xs:group ref=\"g\" minOccurs=\"0\"/>");
}

#[test]
fn models_past_the_size_caps_are_refused_as_unsupported() {
    let model = format!(
        "<xs:choice maxOccurs=\"5000\">{}{}</xs:choice>",
        el("a", ""),
        el("b", "")
    );
    assert!(matches!(
        load_str(&schema("", &model)),
        Err(Error::UnsupportedSchema { ref construct, .. }) if construct == "maxOccurs"
    ));
    let wide: String = (0..65)
        .map(|i| el(&format!("e{i}"), "minOccurs=\"0\""))
        .collect();
    assert!(matches!(
        load_str(&schema("", &format!("<xs:all>{wide}</xs:all>"))),
        Err(Error::UnsupportedSchema { .. })
    ));
    // Groups that double at each level would be written out 2^30 times.
    let mut groups = String::new();
    for i in 0..30 {
        groups.push_str(&format!(
            "<xs:group name=\"g{i}\"><xs:sequence><xs:group ref=\"g{0}\"/><xs:group ref=\"g{0}\"/></xs:sequence></xs:group>",
            i + 1
        ));
    }
    groups.push_str(&format!(
        "<xs:group name=\"g30\"><xs:sequence>{}</xs:sequence></xs:group>",
        el("a", "")
    ));
    assert!(matches!(
        load_str(&schema(&groups, "<xs:group ref=\"g0\"/>")),
        Err(Error::UnsupportedSchema { .. })
    ));
}

#[test]
fn references_name_declarations_in_the_target_namespace() {
    let with = |prefixes: &str, reference: &str| {
        load_str(&format!(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:t\" elementFormDefault=\"qualified\" {prefixes}><xs:element name=\"z\" type=\"xs:string\"/><xs:element name=\"r\"><xs:complexType><xs:sequence><xs:element ref=\"{reference}\"/></xs:sequence></xs:complexType></xs:element></xs:schema>"
        ))
    };
    assert!(with("xmlns:t=\"urn:t\"", "t:z").is_ok());
    assert!(with("xmlns=\"urn:t\"", "z").is_ok());
    // Unprefixed without a default namespace: `z` in no namespace, which is not declared.
    assert!(matches!(
        with("xmlns:t=\"urn:t\"", "z"),
        Err(Error::InvalidValue { ref field, .. }) if field == "ref"
    ));
    assert!(matches!(
        with("xmlns:t=\"urn:t\"", "u:z"),
        Err(Error::InvalidValue { ref field, .. }) if field == "ref"
    ));
}

#[test]
fn wildcards_are_columns_after_the_declarations() {
    let s = loads(
        "",
        &format!(
            "<xs:sequence>{}<xs:any namespace=\"##other\" maxOccurs=\"2\"/></xs:sequence>",
            el("a", "")
        ),
    );
    let ct = root_type(&s);
    assert!(
        ct.particles.is_empty(),
        "a wildcard leaves the positional tables"
    );
    let model = ct.model.as_deref().unwrap();
    assert_eq!((model.decls.len(), model.wildcards.len()), (1, 1));
    let Matcher::Dfa(dfa) = &model.matcher else {
        panic!("a sequence compiles to an automaton");
    };
    // `a`, then one or two children of the wildcard (column 1).
    let after_a = dfa.step(0, 0).unwrap();
    assert_eq!(dfa.step(0, 1), None);
    let one = dfa.step(after_a, 1).unwrap();
    let two = dfa.step(one, 1).unwrap();
    assert_eq!(dfa.step(two, 1), None);
    assert!(!dfa.accepts(after_a) && dfa.accepts(one) && dfa.accepts(two));
    // `xs:anyType` is compiled alongside, for the children the wildcard takes undeclared.
    assert!(s.any_type.is_some());
}

#[test]
fn a_wildcard_overlapping_an_element_or_a_wildcard_breaks_unique_particle_attribution() {
    let (field, message, pos) = incorrect(
        "",
        &format!(
            "<xs:choice>{}\n<xs:any namespace=\"##targetNamespace ##local\"/></xs:choice>",
            el("a", "")
        ),
    );
    assert_eq!((field.as_str(), pos), ("xs:any", TextPos::new(4, 1)));
    assert!(message.contains("3:12"), "{message}");
    let (field, _, pos) = incorrect(
        "",
        "<xs:sequence><xs:any namespace=\"urn:a\" minOccurs=\"0\"/>\n<xs:any namespace=\"##other\"/></xs:sequence>",
    );
    assert_eq!((field.as_str(), pos), ("xs:any", TextPos::new(4, 1)));
    // Disjoint namespaces are fine (`a` is in none: this schema has no target namespace).
    loads(
        "",
        &format!(
            "<xs:choice>{}<xs:any namespace=\"urn:a\"/><xs:any namespace=\"urn:b\" minOccurs=\"0\" maxOccurs=\"3\"/></xs:choice>",
            el("a", "")
        ),
    );
}
