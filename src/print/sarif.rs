//! SARIF 2.1.0: one log with one run, the format code-scanning services ingest.
//!
//! Every code of the [catalog](crate::catalog::all) is a rule of the driver, with its summary,
//! its help text and the documentation page it rests on. Each finding is a result with a
//! physical location (file, line, column in Unicode code points) and a logical location
//! (the element path). Files that could not be read become tool execution notifications.

use serde_json::{Value, json};

use crate::catalog::{self, CodeInfo};
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// Where the schema of the log is published.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole log for a run over `reports`, pretty-printed, newline included.
pub fn log(reports: &[FileReport]) -> String {
    let mut out = serde_json::to_string_pretty(&log_value(reports)).unwrap_or_default();
    out.push('\n');
    out
}

/// The log as a JSON value.
pub fn log_value(reports: &[FileReport]) -> Value {
    let rules = catalog::all();
    let rules = &rules;
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| result(&r.file, d, rules)))
        .collect();
    let notifications: Vec<Value> = reports
        .iter()
        .filter_map(|r| {
            let reason = r.unreadable.as_ref()?;
            Some(json!({
                "level": "error",
                "message": { "text": reason },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": file_uri(&r.file) } } }],
            }))
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "oscx",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(rule).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn rule(info: &CodeInfo) -> Value {
    json!({
        "id": info.code,
        "name": info.name,
        "shortDescription": { "text": info.summary },
        "fullDescription": { "text": info.help },
        "help": { "text": format!("{}\n\nSee {}", info.help, info.docs_url) },
        "helpUri": info.docs_url,
        "defaultConfiguration": { "level": level(info.severity) },
    })
}

fn result(file: &str, d: &Diagnostic, rules: &[CodeInfo]) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": file_uri(file) } });
    // A finding before the first line (an empty file) has no region SARIF can express.
    if d.location.line > 0 {
        physical["region"] = json!({
            "startLine": d.location.line,
            "startColumn": d.location.column.max(1),
        });
    }
    let mut location = json!({ "physicalLocation": physical });
    if !d.location.path.is_empty() {
        location["logicalLocations"] = json!([{
            "fullyQualifiedName": d.location.path,
            "kind": "element",
        }]);
    }
    let text = match &d.help {
        Some(help) => format!("{}. Help: {help}", d.message.trim_end_matches('.')),
        None => d.message.clone(),
    };
    let mut value = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location],
    });
    if let Some(index) = rules.iter().position(|r| r.code == d.code) {
        value["ruleIndex"] = json!(index);
    }
    value
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path as the user gave it: forward slashes, and every
/// byte outside the unreserved set and `/` percent-encoded. Absolute paths become `file:` URIs.
pub fn file_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut out = String::with_capacity(slashed.len());
    let absolute = slashed.starts_with('/');
    if absolute {
        out.push_str("file://");
    }
    for b in slashed.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(file_uri("captures/a b.xml"), "captures/a%20b.xml");
        assert_eq!(file_uri("dir\\é.xml"), "dir/%C3%A9.xml");
        assert_eq!(file_uri("/tmp/x.xml"), "file:///tmp/x.xml");
        assert_eq!(file_uri("<stdin>"), "%3Cstdin%3E");
    }
}
