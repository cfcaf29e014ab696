//! JSON Lines: one object per file, for scripts and dashboards.
//!
//! ```json
//! {"file":"a.xml","root":"person","target":"2013","valid":false,"truncated":0,
//!  "diagnostics":[{"code":"xsd::invalid-value","severity":"error","message":"…",
//!   "path":"/person/gender","line":3,"column":11,"span":{"start":120,"end":125},"help":null}]}
//! ```
//!
//! A file that could not be read has `"valid": false`, no diagnostics and an `"unreadable"`
//! member with the reason. The records deserialise back into [`FileRecord`].

use serde::{Deserialize, Serialize};

use crate::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::version::Target;

/// The JSON form of one file's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file as named on the command line (`<stdin>` for standard input).
    pub file: String,
    /// The root element's local name, `null` when the document had none.
    pub root: Option<String>,
    /// The generation the document was held to: `"1.0"`, `"1.1"`, `"2013"` or `null`.
    pub target: Option<Target>,
    /// No errors, and the file was read.
    pub valid: bool,
    /// Every finding, by position.
    pub diagnostics: Vec<DiagnosticRecord>,
    /// Findings left out by `--max-diagnostics`.
    pub truncated: usize,
    /// Why the file could not be read; absent when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

/// The JSON form of one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticRecord {
    /// `xsd::…`, `xml::…` or a rule ID such as `OSC012`.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What was expected and what was found.
    pub message: String,
    /// The element path, e.g. `/friends/person[2]/gender`; empty before the root.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offsets in the decoded (UTF-8) text.
    pub span: SpanRecord,
    /// The line just past the span's last character, when the document was read for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// The column (in characters) just past the span's last character, on `end_line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    /// How to fix it, when known.
    pub help: Option<String>,
    /// Whether `oscx fmt --fix` repairs it; written only when it does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixable: bool,
}

/// A half-open byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<&Diagnostic> for DiagnosticRecord {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticRecord {
            code: d.code.to_string(),
            severity: d.severity,
            message: d.message.clone(),
            path: d.location.path.clone(),
            line: d.location.line,
            column: d.location.column,
            span: SpanRecord {
                start: d.location.span.start,
                end: d.location.span.end,
            },
            end_line: d.location.end.map(|e| e.line),
            end_column: d.location.end.map(|e| e.column),
            help: d.help.clone(),
            fixable: d.fixable,
        }
    }
}

impl From<&Report> for FileRecord {
    fn from(r: &Report) -> Self {
        FileRecord {
            file: r.file.clone(),
            root: r.root.clone(),
            target: r.target,
            valid: r.is_valid(),
            diagnostics: r.diagnostics.iter().map(DiagnosticRecord::from).collect(),
            truncated: r.truncated,
            unreadable: r.unreadable.clone(),
        }
    }
}

impl Report {
    /// The report as `oscx validate --format json` writes it for its file, to the byte: one
    /// object with the file, root, target, whether it passed, every finding and how many the
    /// cap left out, its members in that order ([`FileRecord`], which reads it back).
    ///
    /// ```
    /// let report = osc_schema::check(r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
    ///   <userID>u1</userID><gender>robot</gender></person>"#);
    /// let json: serde_json::Value = serde_json::from_str(&report.to_json())?;
    /// assert_eq!(json["valid"], false);
    /// let error = &json["diagnostics"][2];
    /// assert_eq!(error["code"], "xsd::invalid-value");
    /// assert_eq!((&error["line"], &error["column"]), (&2.into(), &30.into()));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        let mut line = line(self);
        line.pop();
        line
    }
}

/// One report as one line of JSON, newline included.
pub fn line(report: &Report) -> String {
    // Serialising plain strings, numbers and enums cannot fail.
    let mut out = serde_json::to_string(&FileRecord::from(report)).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};

    #[test]
    fn a_line_reads_back_into_the_same_record() {
        let report = Report {
            file: "dir/a \"b\".xml".into(),
            root: Some("person".into()),
            target: Some(Target::Outlook2013),
            diagnostics: vec![
                Diagnostic::new(
                    Code::InvalidValue,
                    Severity::Error,
                    "`robot` is not a gender",
                    Location {
                        end: None,
                        path: "/person/gender".into(),
                        span: 40..45,
                        line: 2,
                        column: 11,
                    },
                )
                .with_help("use male, female or unspecified"),
            ],
            ..Report::default()
        };
        let text = line(&report);
        assert!(text.ends_with('\n') && !text.trim_end().contains('\n'));
        let back: FileRecord = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, FileRecord::from(&report));
        assert!(!back.valid);
        assert_eq!(back.diagnostics[0].span, SpanRecord { start: 40, end: 45 });
        assert!(!text.contains("unreadable"));
    }
}
