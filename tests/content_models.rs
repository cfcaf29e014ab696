//! Content models beyond one flat sequence, end to end through a user's schema: choices,
//! nested groups with occurrence bounds, `xs:all` in any order, named groups and element
//! references; valid and invalid documents, and what the findings say. Each document gets
//! the same findings read whole and as a stream.

use osc_schema::Validator;
use osc_schema::diagnostic::Report;

const HEAD: &str = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">"#;

/// A validator for a schema whose root `r` has the content model `model`, after the global
/// declarations `globals`.
fn validator(globals: &str, model: &str) -> Validator {
    let xsd = format!(
        "{HEAD}{globals}<xs:element name=\"r\"><xs:complexType>{model}</xs:complexType></xs:element></xs:schema>"
    );
    Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{model}: {e}"))
}

/// `<r>` holding one element (text `1`) per name in `children`, separated by spaces.
fn doc(children: &str) -> String {
    let inner: String = children
        .split_whitespace()
        .map(|c| format!("<{c}>1</{c}>"))
        .collect();
    format!("<r xmlns=\"urn:t\">{inner}</r>")
}

/// The findings for `children`, checked to be the same read whole and as a stream.
fn check(v: &Validator, children: &str) -> Report {
    let text = doc(children);
    let whole = v.validate_str(&text);
    let stream = v
        .validate_reader(std::io::BufReader::with_capacity(3, text.as_bytes()))
        .expect("reads");
    let said = |r: &Report| -> Vec<(String, String, u32)> {
        r.diagnostics()
            .iter()
            .map(|d| {
                (
                    d.message.clone(),
                    d.location.path.clone(),
                    d.location.column,
                )
            })
            .collect()
    };
    assert_eq!(said(&whole), said(&stream), "{children}");
    whole
}

fn messages(v: &Validator, children: &str) -> Vec<String> {
    check(v, children)
        .diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

fn assert_valid(v: &Validator, children: &[&str]) {
    for c in children {
        assert_eq!(messages(v, c), Vec::<String>::new(), "`{c}` is valid");
    }
}

fn assert_invalid(v: &Validator, children: &[&str]) {
    for c in children {
        assert!(!messages(v, c).is_empty(), "`{c}` is invalid");
    }
}

const S: &str = "type=\"xs:string\"";

#[test]
fn a_choice_takes_one_branch() {
    let v = validator(
        "",
        &format!("<xs:choice><xs:element name=\"a\" {S}/><xs:element name=\"b\" {S}/></xs:choice>"),
    );
    assert_valid(&v, &["a", "b"]);
    assert_invalid(&v, &["", "a b", "b a", "c"]);
    assert_eq!(
        messages(&v, "a b"),
        ["expected no more elements in `r` after `a`, found `b`"]
    );
    assert_eq!(
        messages(&v, ""),
        ["expected one of `a`, `b` before the end of `r`"]
    );
    let report = check(&v, "c");
    assert_eq!(
        report.diagnostics()[0].message,
        "expected one of `a`, `b` at the start of `r`, found `c`"
    );
    assert_eq!(
        report.diagnostics()[0].code.to_string(),
        "xsd::unexpected-element"
    );
    // The wrong child is passed over, and the end still says what is missing.
    assert_eq!(report.diagnostics().len(), 2);
}

#[test]
fn nested_groups_keep_their_occurrence_bounds() {
    // (a?, (b | c){1,2}, d+){1,2}
    let v = validator(
        "",
        &format!(
            "<xs:sequence maxOccurs=\"2\"><xs:element name=\"a\" {S} minOccurs=\"0\"/><xs:choice maxOccurs=\"2\"><xs:element name=\"b\" {S}/><xs:element name=\"c\" {S}/></xs:choice><xs:element name=\"d\" {S} maxOccurs=\"unbounded\"/></xs:sequence>"
        ),
    );
    assert_valid(
        &v,
        &[
            "b d",
            "a c b d d d",
            "b d a b d",
            "c c d b d",
            "a b d a c b d",
        ],
    );
    assert_invalid(&v, &["", "a d", "b b b d", "b d b d b d", "a a b d", "d"]);
    assert_eq!(
        messages(&v, "a d"),
        [
            "expected one of `b`, `c` after `a`, found `d`",
            "expected `d` before the end of `r`"
        ]
    );
    assert_eq!(messages(&v, "b c"), ["expected `d` before the end of `r`"]);
    // One finding for the wrong child; the model goes on as if it were not there.
    assert_eq!(
        messages(&v, "b x d"),
        ["expected one of `b`, `c`, `d` after `b`, found `x`"]
    );
}

#[test]
fn a_name_may_come_back_later_in_a_sequence() {
    let v = validator(
        "",
        &format!(
            "<xs:sequence><xs:element name=\"a\" {S}/><xs:element name=\"b\" {S} minOccurs=\"0\" maxOccurs=\"2\"/><xs:element name=\"a\" {S}/></xs:sequence>"
        ),
    );
    assert_valid(&v, &["a a", "a b a", "a b b a"]);
    assert_invalid(&v, &["a", "a b b b a", "a a a"]);
    // Repeated names are indexed in paths among their siblings.
    let report = check(&v, "a b b x a");
    assert_eq!(report.diagnostics()[0].location.path, "/r/x");
    let ints = validator(
        "",
        &format!(
            "<xs:sequence><xs:element name=\"a\" type=\"xs:int\"/><xs:element name=\"b\" {S}/><xs:element name=\"a\" type=\"xs:int\"/></xs:sequence>"
        ),
    );
    let report = ints.validate_str("<r xmlns=\"urn:t\"><a>one</a><b/><a>two</a></r>");
    let paths: Vec<&str> = report
        .diagnostics()
        .iter()
        .map(|d| d.location.path.as_str())
        .collect();
    assert_eq!(paths, ["/r/a[1]", "/r/a[2]"]);
}

#[test]
fn all_takes_its_elements_in_any_order_once_each() {
    let v = validator(
        "",
        &format!(
            "<xs:all><xs:element name=\"a\" {S}/><xs:element name=\"b\" {S} minOccurs=\"0\"/><xs:element name=\"c\" {S}/></xs:all>"
        ),
    );
    assert_valid(&v, &["a c", "c a", "b c a", "c b a", "a b c"]);
    assert_invalid(&v, &["", "a", "a c a", "a c d", "b"]);
    assert_eq!(messages(&v, "a c a"), ["`a` may occur at most once in `r`"]);
    assert_eq!(
        messages(&v, "b"),
        ["expected `a`, `c` before the end of `r`"]
    );
    let optional = validator(
        "",
        &format!(
            "<xs:all minOccurs=\"0\"><xs:element name=\"a\" {S}/><xs:element name=\"b\" {S}/></xs:all>"
        ),
    );
    assert_valid(&optional, &["", "a b", "b a"]);
    assert_eq!(
        messages(&optional, "b"),
        ["expected `a` before the end of `r`"]
    );
}

#[test]
fn named_groups_and_element_references() {
    let globals = format!(
        "<xs:element name=\"z\" type=\"xs:int\"/><xs:group name=\"g\"><xs:sequence><xs:element name=\"a\" {S}/><xs:element ref=\"z\" minOccurs=\"0\"/></xs:sequence></xs:group>"
    );
    let v = validator(
        &globals,
        "<xs:choice maxOccurs=\"unbounded\"><xs:group ref=\"g\"/><xs:element name=\"b\" type=\"xs:string\"/></xs:choice>",
    );
    assert_valid(&v, &["a", "a z b", "b a a z", "b b"]);
    assert_invalid(&v, &["", "z", "a z z"]);
    // The referenced declaration's type applies.
    let text = "<r xmlns=\"urn:t\"><a>x</a><z>seven</z></r>";
    let report = v.validate_str(text);
    assert_eq!(report.diagnostics().len(), 1, "{:?}", report.diagnostics());
    assert_eq!(
        report.diagnostics()[0].code.to_string(),
        "xsd::invalid-value"
    );
    // A group used as a whole flat sequence takes the positional path, findings included.
    let flat = validator(&globals, "<xs:group ref=\"g\"/>");
    assert_valid(&flat, &["a", "a z"]);
    assert_eq!(messages(&flat, "z"), ["expected `a` before `z`"]);
}

#[test]
fn recursive_models_stream_in_bounded_depth() {
    let v = validator(
        "",
        "<xs:choice minOccurs=\"0\" maxOccurs=\"2\"><xs:element ref=\"r\"/><xs:element name=\"a\" type=\"xs:string\"/></xs:choice>",
    );
    let nested = "<r xmlns=\"urn:t\"><r><a>x</a><r/></r><a>y</a></r>";
    assert!(v.validate_str(nested).diagnostics().is_empty());
    let wrong = "<r xmlns=\"urn:t\"><r><a>x</a><a/><a/></r></r>";
    let report = v.validate_str(wrong);
    assert_eq!(
        report
            .diagnostics()
            .iter()
            .map(|d| (d.message.as_str(), d.location.path.as_str()))
            .collect::<Vec<_>>(),
        [(
            "expected no more elements in `r` after `a`, found `a`",
            "/r/r[1]/a"
        )]
    );
}

#[test]
fn an_empty_choice_matches_nothing() {
    let v = validator("", "<xs:choice/>");
    assert_eq!(
        messages(&v, ""),
        ["no content is valid for `r` here: its content model cannot be completed"]
    );
    let optional = validator("", "<xs:choice minOccurs=\"0\"/>");
    assert_valid(&optional, &[""]);
    assert_eq!(
        messages(&optional, "a"),
        ["expected no more elements in `r` at the start of `r`, found `a`"]
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any children, right or wrong, get the same findings read whole and as a stream of
    /// small reads, with or without a cap on findings.
    #[test]
    fn findings_do_not_depend_on_how_the_document_is_read(
        children in proptest::collection::vec(0usize..6, 0..12),
        capacity in 1usize..9,
        cap in proptest::option::of(0usize..3),
        model in 0usize..3,
    ) {
        let models = [
            format!("<xs:sequence maxOccurs=\"2\"><xs:element name=\"a\" {S} minOccurs=\"0\"/><xs:choice maxOccurs=\"2\"><xs:element name=\"b\" {S}/><xs:element name=\"c\" {S}/></xs:choice><xs:element name=\"d\" {S} maxOccurs=\"unbounded\"/></xs:sequence>"),
            format!("<xs:all><xs:element name=\"a\" {S}/><xs:element name=\"b\" {S} minOccurs=\"0\"/><xs:element name=\"c\" {S}/></xs:all>"),
            format!("<xs:choice minOccurs=\"0\" maxOccurs=\"unbounded\"><xs:element ref=\"r\"/><xs:element name=\"a\" {S}/></xs:choice>"),
        ];
        let v = validator("", &models[model]);
        let v = match cap {
            Some(n) => v.with_max_diagnostics(n),
            None => v,
        };
        let names = ["a", "b", "c", "d", "r", "x"];
        let text = doc(&children.iter().map(|&c| names[c]).collect::<Vec<_>>().join(" "));
        let whole = v.validate_str(&text);
        let stream = v
            .validate_reader(std::io::BufReader::with_capacity(capacity, text.as_bytes()))
            .expect("reads");
        let said = |r: &Report| -> Vec<(String, String, std::ops::Range<usize>)> {
            r.diagnostics()
                .iter()
                .map(|d| (d.message.clone(), d.location.path.clone(), d.location.span.clone()))
                .collect()
        };
        proptest::prop_assert_eq!(said(&whole), said(&stream));
    }
}
