//! Inline suppressions: an XML comment just before an element, `<!-- oscx-allow OSC012:
//! reason -->`, allows the named rules' findings on that element and inside it. The reason
//! is required; a suppression without one suppresses nothing and is itself reported
//! (`oscx::suppression-without-reason`).
//!
//! ```
//! use osc_schema::check::Checker;
//! use osc_schema::check::suppress::apply;
//! use osc_schema::lint::LintOptions;
//! use osc_schema::Validator;
//!
//! let xml = r#"<capabilities xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <getFriends>false</getFriends>
//!   <!-- oscx-allow OSC012: friends come from the address book, not from us -->
//!   <dynamicContactsLookup>true</dynamicContactsLookup>
//!   <hashFunction>SHA1</hashFunction>
//! </capabilities>"#;
//! let checker = Checker::new(Validator::auto(), Some(LintOptions::default()));
//! let mut report = checker.check_bytes("caps.xml", xml.as_bytes()).report;
//! let allowed = apply(&mut report, xml);
//! assert_eq!(allowed[0].rules, ["OSC012"]);
//! assert!(report.diagnostics.iter().all(|d| d.code != "OSC012"));
//! ```

use std::ops::Range;

use super::FileReport;
use crate::diagnostic::{Diagnostic, Location, Severity};

/// The code of a suppression that gives no reason.
pub const WITHOUT_REASON: &str = "oscx::suppression-without-reason";

/// One `oscx-allow` comment and what it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The rules (or codes) it allows.
    pub rules: Vec<String>,
    /// Why; `None` when the comment gives none.
    pub reason: Option<String>,
    /// Where the comment starts: a byte offset, and the 1-based line and column.
    pub offset: usize,
    /// See `offset`.
    pub line: u32,
    /// See `offset`.
    pub column: u32,
    /// The byte range of the element it stands before (start tag to end tag).
    pub element: Range<usize>,
    /// How many findings it allowed.
    pub allowed: usize,
}

/// The suppressions of a document's text (none when it does not parse as XML).
pub fn suppressions(text: &str) -> Vec<Suppression> {
    // Most documents have none: a substring search spares them a second parse.
    if !text.contains("oscx-allow") {
        return Vec::new();
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(text, options) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for comment in doc.descendants().filter(|n| n.is_comment()) {
        let Some(body) = comment.text().map(str::trim) else {
            continue;
        };
        let Some(rest) = body.strip_prefix("oscx-allow") else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let (rules, reason) = match rest.split_once(':') {
            Some((rules, reason)) => (rules, Some(reason.trim()).filter(|r| !r.is_empty())),
            None => (rest, None),
        };
        let rules: Vec<String> = rules
            .split([',', ' ', '\t', '\n'])
            .filter(|r| !r.is_empty())
            .map(str::to_owned)
            .collect();
        // The element the comment stands before: its next sibling element, past blank text.
        let element = comment
            .next_siblings()
            .skip(1)
            .find(|n| n.is_element() || (n.is_text() && !n.text().unwrap_or("").trim().is_empty()))
            .filter(roxmltree::Node::is_element);
        let Some(element) = element else {
            continue;
        };
        let at = doc.text_pos_at(comment.range().start);
        found.push(Suppression {
            rules,
            reason: reason.map(str::to_owned),
            offset: comment.range().start,
            line: at.row,
            column: at.col,
            element: element.range(),
            allowed: 0,
        });
    }
    found
}

/// Removes the findings that the document's suppressions allow, reports suppressions
/// without a reason, and returns the suppressions with how many findings each allowed.
pub fn apply(report: &mut FileReport, text: &str) -> Vec<Suppression> {
    let mut found = suppressions(text);
    if found.is_empty() {
        return found;
    }
    report.diagnostics.retain(|d| {
        let start = d.location.span.start;
        let allowing = found.iter_mut().find(|s| {
            s.reason.is_some() && s.element.contains(&start) && s.rules.contains(&d.code)
        });
        match allowing {
            Some(s) => {
                s.allowed += 1;
                false
            }
            None => true,
        }
    });
    for s in found.iter().filter(|s| s.reason.is_none()) {
        report.diagnostics.push(
            Diagnostic::new(
                WITHOUT_REASON,
                Severity::Warning,
                format!(
                    "`oscx-allow {}` gives no reason, so it allows nothing",
                    s.rules.join(", ")
                ),
                Location {
                    path: String::new(),
                    span: s.offset..s.offset,
                    line: s.line,
                    column: s.column,
                },
            )
            .with_help("write the reason after a colon: `<!-- oscx-allow OSC012: why -->`"),
        );
    }
    report
        .diagnostics
        .sort_by_key(|d| (d.location.line, d.location.column));
    found
}
