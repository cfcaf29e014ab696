//! SARIF 2.1.0: one log with one run, the format code-scanning services ingest.
//!
//! Every code of the [catalog](crate::catalog::all) is a rule of the driver, with its summary,
//! its help text and the documentation page it rests on. Each finding is a result with a
//! physical location (file, line, column in Unicode code points) and a logical location
//! (the element path). Files that could not be read become tool execution notifications.

use serde_json::{Value, json};

use crate::Report;
use crate::catalog::{self, CodeInfo};
use crate::diagnostic::{Diagnostic, Severity};

/// Where the schema of the log is published.
pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The whole log for a run over `reports`, pretty-printed, newline included.
pub fn log(reports: &[Report]) -> String {
    let mut writer = LogWriter::new();
    let mut out = writer.start();
    for report in reports {
        let _ = writer.file(report, |piece| {
            out.push_str(piece);
            Ok::<(), std::convert::Infallible>(())
        });
    }
    out.push_str(&writer.end());
    out
}

/// The log written as the run goes, so that memory does not grow with the findings:
/// [`LogWriter::start`], then [`LogWriter::file`] for each report as it comes, then
/// [`LogWriter::end`]. The run's `results` come before its `invocations`, which say how the
/// run went and are known only at the end (JSON leaves the order of members free).
///
/// A file whose findings were cut by the per-file cap gets a notification saying how many
/// more there were; a file that could not be read gets an error notification. Only those
/// notifications are held until the end: one per such file.
#[derive(Debug)]
pub(crate) struct LogWriter {
    rules: Vec<CodeInfo>,
    /// Results written so far.
    results: usize,
    notifications: Vec<Value>,
    /// Some file could not be read.
    failed: bool,
}

impl Default for LogWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// Indentation of the members of the run, and of the results in its array.
const RUN_DEPTH: usize = 3;
const RESULT_DEPTH: usize = 4;

impl LogWriter {
    /// A writer for a new log.
    pub(crate) fn new() -> Self {
        LogWriter {
            rules: catalog::all(),
            results: 0,
            notifications: Vec::new(),
            failed: false,
        }
    }

    /// The log up to the opening of the run's `results`, with the tool and its rules.
    pub(crate) fn start(&self) -> String {
        let tool = json!({
            "driver": {
                "name": "oscx",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": catalog::INFORMATION_URI,
                "rules": self.rules.iter().map(rule).collect::<Vec<_>>(),
            }
        });
        format!(
            "{{\n  \"$schema\": {},\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
            json!(SCHEMA_URI),
            indented(&tool, RUN_DEPTH)
        )
    }

    /// Hands `emit` the results of one file, a piece at a time, so that a file with many
    /// findings is never held as one text; notes its notifications for [`LogWriter::end`].
    ///
    /// # Errors
    /// What `emit` returns.
    pub(crate) fn file<E>(
        &mut self,
        report: &Report,
        mut emit: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        for d in &report.diagnostics {
            let separator = if self.results == 0 { "\n" } else { ",\n" };
            let value = result(&report.file, d, &self.rules);
            let piece = format!(
                "{separator}{}{}",
                "  ".repeat(RESULT_DEPTH),
                indented(&value, RESULT_DEPTH)
            );
            self.results += 1;
            emit(&piece)?;
        }
        if let Some(reason) = &report.unreadable {
            self.failed = true;
            self.notifications
                .push(notification("error", reason, &report.file));
        }
        if report.truncated > 0 {
            let text = format!("{} more findings not shown", report.truncated);
            self.notifications
                .push(notification("note", &text, &report.file));
        }
        Ok(())
    }

    /// The rest of the log: the end of `results`, and the invocation with its
    /// notifications. Newline included.
    pub(crate) fn end(self) -> String {
        let invocations = json!([{
            "executionSuccessful": !self.failed,
            "toolExecutionNotifications": self.notifications,
        }]);
        let close = if self.results == 0 { "" } else { "\n      " };
        format!(
            "{close}],\n      \"invocations\": {}\n    }}\n  ]\n}}\n",
            indented(&invocations, RUN_DEPTH)
        )
    }
}

/// A tool execution notification about a file.
fn notification(level: &str, text: &str, file: &str) -> Value {
    json!({
        "level": level,
        "message": { "text": text },
        "locations": [{ "physicalLocation": { "artifactLocation": { "uri": file_uri(file) } } }],
    })
}

/// `value` pretty-printed to sit `depth` levels deep: every line after the first indented.
/// Strings in JSON hold no raw line breaks, so every line break is one of the layout's.
fn indented(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
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
        let mut region = json!({
            "startLine": d.location.line,
            "startColumn": d.location.column.max(1),
        });
        // SARIF's end column is the one after the region's last character, as ours is.
        if let Some(end) = d.location.end {
            region["endLine"] = json!(end.line);
            region["endColumn"] = json!(end.column);
        }
        physical["region"] = region;
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
    if d.fixable {
        // `oscx fmt --fix` repairs it; SARIF's own `fixes` would need the replacement text.
        value["properties"] = json!({ "fixable": true });
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
pub(crate) fn file_uri(path: &str) -> String {
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
