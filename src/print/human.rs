//! rustc-style output: the message, the code, the source line with a caret under the spot,
//! the element path, and the help.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::check::{FileReport, Source};
use crate::diagnostic::{Diagnostic, Severity};
use crate::print::file_lines::FileLines;

/// Where the source line of a finding comes from: the whole text in memory, or a file read
/// again only around each finding.
pub trait SourceLines {
    /// The line holding `diagnostic` (or a window of it, for very long lines) and the
    /// finding's span relative to that text.
    fn excerpt(&self, diagnostic: &Diagnostic) -> (Cow<'_, str>, Range<usize>);
}

impl SourceLines for str {
    fn excerpt(&self, diagnostic: &Diagnostic) -> (Cow<'_, str>, Range<usize>) {
        let (line, span) = line_around(self, diagnostic.location.span.clone());
        (Cow::Borrowed(line), span)
    }
}

/// Renders each diagnostic as a code frame over `source`, the decoded document text.
///
/// Only the line holding the finding is passed to the renderer, so a finding in a
/// 600 MB single-line document costs what its line costs, not what the file costs.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    render_from(file, source, diagnostics, color)
}

/// Renders a file's report, reading the lines of its findings from where the check left
/// the text ([`crate::check::Checked::source`]): in memory, or the file again around each finding.
pub fn render_report(source: &Source, report: &FileReport, color: bool) -> String {
    if report.diagnostics.is_empty() {
        return String::new();
    }
    match source {
        Source::Text(text) => render(&report.file, text, &report.diagnostics, color),
        Source::File(path) => render_from(
            &report.file,
            &FileLines::open(path),
            &report.diagnostics,
            color,
        ),
    }
}

/// [`render`] with the source lines taken from any [`SourceLines`].
pub fn render_from<S: SourceLines + ?Sized>(
    file: &str,
    source: &S,
    diagnostics: &[Diagnostic],
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let (line_text, line_span) = source.excerpt(d);
        let label = if d.location.path.is_empty() {
            String::new()
        } else {
            format!("at {}", d.location.path)
        };
        let mut report = vec![
            level
                .primary_title(d.message.as_str())
                .id(d.code.as_str())
                .element(
                    Snippet::source(line_text.as_ref())
                        .line_start(d.location.line as usize)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(line_span).label(label)),
                ),
        ];
        if let Some(help) = &d.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// The line that holds `span.start`, and the span made relative to it (at least one
/// character wide, and cut at the line's end).
pub fn line_around(source: &str, span: Range<usize>) -> (&str, Range<usize>) {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim_end_matches('\r');
    let rel_start = (start - line_start).min(line.len());
    let mut rel_end = span
        .end
        .saturating_sub(line_start)
        .clamp(rel_start, line.len());
    if rel_end == rel_start {
        rel_end = line[rel_start..]
            .chars()
            .next()
            .map_or(rel_start, |c| rel_start + c.len_utf8());
    }
    (line, rel_start..rel_end)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Location};

    #[test]
    fn renders_code_line_caret_path_and_help() {
        let source = "<a>\n  <gender>robot</gender>\n</a>";
        let start = source.find("robot").unwrap_or(0);
        let d = Diagnostic::new(
            Code::InvalidValue,
            Severity::Error,
            "`robot` is not one of `male`, `female`, `unspecified`",
            Location {
                path: "/a/gender".into(),
                span: start..start + 5,
                line: 2,
                column: 11,
            },
        )
        .with_help("use one of the listed values");
        let text = render("doc.xml", source, &[d], false);
        assert!(text.contains("error[xsd::invalid-value]"), "{text}");
        assert!(text.contains("doc.xml:2:11"), "{text}");
        assert!(text.contains("^^^^^ at /a/gender"), "{text}");
        assert!(
            text.contains("help: use one of the listed values"),
            "{text}"
        );
    }

    #[test]
    fn empty_and_out_of_range_spans_do_not_panic() {
        #[allow(clippy::reversed_empty_ranges)]
        let spans = [0..0, 5..2, 100..200];
        for span in spans {
            let d = Diagnostic::new(
                Code::Rule("x"),
                Severity::Info,
                "m",
                Location {
                    path: String::new(),
                    span,
                    line: 1,
                    column: 1,
                },
            );
            assert!(render("f", "é\n", &[d], false).contains("info[x]"));
        }
    }
}
