//! `rules`, `explain` and `schema`: output and exit codes.

use super::{oscx, stderr, stdout};

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
