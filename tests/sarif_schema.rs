//! The SARIF schema check itself: a small valid SARIF 2.1.0 log passes it, and logs broken in
//! one known place each fail it there, so a passing check on the CLI's output means something.

mod support;

use serde_json::{Value, json};
use support::sarif::schema_errors;

/// One run of one tool with one rule, and one result located in one file.
fn minimal_log() -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "oscx",
                    "informationUri": "https://example.com/oscx",
                    "rules": [{
                        "id": "OSC0001",
                        "shortDescription": { "text": "An example rule." }
                    }]
                }
            },
            "results": [{
                "ruleId": "OSC0001",
                "level": "error",
                "message": { "text": "Something is wrong here." },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": "providers/example.xml" },
                        "region": { "startLine": 3, "startColumn": 5 }
                    }
                }]
            }]
        }]
    })
}

/// The minimal log with `change` applied to it.
fn broken(change: impl FnOnce(&mut Value)) -> Value {
    let mut log = minimal_log();
    change(&mut log);
    log
}

/// Asserts that `log` fails the schema, that every error is at `pointer`, and that one of them
/// mentions `needle`.
#[track_caller]
fn assert_rejected_at(log: &Value, pointer: &str, needle: &str) {
    let errors = schema_errors(log);
    assert!(
        !errors.is_empty(),
        "expected an error at '{pointer}', the log passed:\n{log:#}"
    );
    let prefix = format!("at '{pointer}': ");
    let elsewhere: Vec<&String> = errors.iter().filter(|e| !e.starts_with(&prefix)).collect();
    assert!(
        elsewhere.is_empty(),
        "expected errors at '{pointer}' only, also got: {elsewhere:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains(needle)),
        "no error at '{pointer}' mentions {needle:?}: {errors:#?}"
    );
}

#[test]
fn minimal_log_is_valid() {
    let errors = schema_errors(&minimal_log());
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn checking_twice_gives_the_same_answer() {
    let log = broken(|log| log["version"] = json!("2.0.0"));
    assert_eq!(schema_errors(&log), schema_errors(&log));
    assert!(schema_errors(&minimal_log()).is_empty());
}

#[test]
fn version_other_than_2_1_0_is_rejected() {
    let log = broken(|log| log["version"] = json!("2.0.0"));
    assert_rejected_at(&log, "/version", "2.1.0");
}

#[test]
fn an_error_names_the_pointer_the_message_and_the_keyword() {
    let log = broken(|log| log["version"] = json!("2.0.0"));
    assert_eq!(
        schema_errors(&log),
        ["at '/version': value must be '2.1.0' (schema #/properties/version/enum)"]
    );
    let log = broken(|log| log["runs"][0]["results"][0]["severity"] = json!("high"));
    assert_eq!(
        schema_errors(&log),
        [
            "at '/runs/0/results/0': additionalProperties 'severity' not allowed \
             (schema #/definitions/result/additionalProperties)"
        ]
    );
}

#[test]
fn unknown_result_level_is_rejected() {
    let log = broken(|log| log["runs"][0]["results"][0]["level"] = json!("fatal"));
    assert_rejected_at(&log, "/runs/0/results/0/level", "warning");
}

#[test]
fn region_start_line_zero_is_rejected() {
    let log = broken(|log| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
    });
    assert_rejected_at(
        &log,
        "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
        "minimum",
    );
}

#[test]
fn region_start_column_zero_is_rejected() {
    let log = broken(|log| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
            json!(0);
    });
    assert_rejected_at(
        &log,
        "/runs/0/results/0/locations/0/physicalLocation/region/startColumn",
        "minimum",
    );
}

#[test]
fn result_without_message_is_rejected() {
    let log = broken(|log| {
        log["runs"][0]["results"][0]
            .as_object_mut()
            .expect("a result is an object")
            .remove("message");
    });
    assert_rejected_at(&log, "/runs/0/results/0", "message");
}

#[test]
fn runs_that_is_not_an_array_is_rejected() {
    let log = broken(|log| log["runs"] = json!({ "0": log["runs"][0].clone() }));
    assert_rejected_at(&log, "/runs", "array");
}

#[test]
fn log_without_version_and_runs_is_rejected() {
    let log = json!({ "$schema": "https://json.schemastore.org/sarif-2.1.0.json" });
    assert_rejected_at(&log, "", "version");
    assert_rejected_at(&log, "", "runs");
}

#[test]
fn tool_without_driver_name_is_rejected() {
    let log = broken(|log| {
        log["runs"][0]["tool"]["driver"]
            .as_object_mut()
            .expect("a driver is an object")
            .remove("name");
    });
    assert_rejected_at(&log, "/runs/0/tool/driver", "name");
}

#[test]
fn unknown_property_is_rejected() {
    let log = broken(|log| log["runs"][0]["results"][0]["severity"] = json!("high"));
    assert_rejected_at(&log, "/runs/0/results/0", "severity");
}

#[test]
fn formats_are_asserted() {
    let log = broken(|log| log["$schema"] = json!("not a uri"));
    assert_rejected_at(&log, "/$schema", "uri");

    let log = broken(|log| {
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
            json!("http://[broken");
    });
    assert_rejected_at(
        &log,
        "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri",
        "uri-reference",
    );

    let log = broken(|log| {
        log["runs"][0]["invocations"] =
            json!([{ "executionSuccessful": true, "startTimeUtc": "yesterday" }]);
    });
    assert_rejected_at(&log, "/runs/0/invocations/0/startTimeUtc", "date-time");
}
