//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
//! finding, which GitHub shows as an annotation on the file and line.
//!
//! ```text
//! ::error file=captures/caps.xml,line=3,col=5,title=OSC012::`dynamicContactsLookup` …
//! ```
//!
//! A file whose findings the per-file cap cut gets a `::notice` saying how many more there were.

use crate::Report;
use crate::check::fingerprint::normalized;
use crate::diagnostic::{Diagnostic, Severity};

/// The annotation lines of one file's report.
pub fn lines(report: &Report) -> String {
    let file = escape_property(&relative(&report.file));
    let mut out = String::new();
    if let Some(reason) = &report.unreadable {
        out.push_str(&format!(
            "::error file={file},title=oscx::{}\n",
            escape_data(reason)
        ));
    }
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if !d.location.path.is_empty() {
            message.push_str(&format!(" (at {})", d.location.path));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={file},line={},{}col={},{}title={}::{}\n",
            d.location.line,
            end_line(d),
            d.location.column,
            end_column(d),
            escape_property(d.code.as_str()),
            escape_data(&message)
        ));
    }
    if report.truncated > 0 {
        out.push_str(&format!(
            "::notice file={file},title=oscx::{} more findings not shown\n",
            report.truncated
        ));
    }
    out
}

/// `endLine=N,` when the span's end is known.
fn end_line(d: &Diagnostic) -> String {
    d.location
        .end
        .map(|end| format!("endLine={},", end.line))
        .unwrap_or_default()
}

/// `endColumn=N,` for a span within one line: GitHub's end column is the span's last
/// character (ours is the one after it), and applies only when the span ends on its line.
fn end_column(d: &Diagnostic) -> String {
    match d.location.end {
        Some(end) if end.line == d.location.line && end.column > d.location.column => {
            format!("endColumn={},", end.column - 1)
        }
        _ => String::new(),
    }
}

/// A path as GitHub wants it: relative to the working directory (the repository root in a
/// workflow), without a leading `./`.
fn relative(file: &str) -> String {
    let path = std::path::Path::new(file);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            path.strip_prefix(cwd)
                .ok()
                .map(|p| p.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| file.to_owned());
    normalized(&relative).to_owned()
}

/// Escapes a command's message, as the Actions runner reads it back.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value, where `:` and `,` are also special.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("xsd::a,b"), "xsd%3A%3Aa%2Cb");
    }

    #[test]
    fn leading_dot_slashes_are_dropped() {
        assert_eq!(relative("./captures/a.xml"), "captures/a.xml");
        assert_eq!(relative("captures/a.xml"), "captures/a.xml");
    }
}
