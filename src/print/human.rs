//! rustc-style output: the message, the code, the source line with a caret under the spot,
//! the element path, and the help.

use std::borrow::Cow;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::Report;
use crate::check::Source;
use crate::diagnostic::{Diagnostic, Severity};
use crate::print::file_lines::FileLines;
use crate::text::inert::{inert, inert_with_span};

/// Where the source line of a finding comes from: the whole text in memory, or a file read
/// again only around each finding.
pub trait SourceLines {
    /// What a frame shows of the line holding `diagnostic`.
    fn excerpt(&self, diagnostic: &Diagnostic) -> Excerpt<'_>;
}

impl SourceLines for str {
    fn excerpt(&self, diagnostic: &Diagnostic) -> Excerpt<'_> {
        let (line, span) = line_around(self, diagnostic.location.span.clone());
        Excerpt::of_line(Cow::Borrowed(line), span, true)
    }
}

/// Bytes of a source line shown on each side of a finding, at most: a frame costs the same
/// whatever the length of its line, so that a document of one long line (as serializers
/// write them) with many findings is shown in time linear in its size, not in its size times
/// its findings.
pub const WINDOW: usize = 512;

/// Bytes of a finding's own span shown, at most: a long value is underlined whole, one of
/// megabytes only as far as this.
pub const SPAN_SHOWN: usize = 4096;

/// What a frame shows of a finding's line: the line, or a window of it around the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt<'a> {
    /// The text shown.
    pub text: Cow<'a, str>,
    /// The finding's span within [`Excerpt::text`].
    pub span: Range<usize>,
    /// Whether [`Excerpt::text`] begins where the line begins; when it does not, the frame
    /// takes the column it names from the finding rather than from the text.
    pub from_line_start: bool,
}

impl<'a> Excerpt<'a> {
    /// At most [`WINDOW`] bytes of `line` before `span`, [`SPAN_SHOWN`] of the span, and
    /// [`WINDOW`] after it.
    /// `from_line_start` says whether `line` itself begins where its line does.
    pub fn of_line(line: Cow<'a, str>, span: Range<usize>, from_line_start: bool) -> Self {
        let start = floor_char_boundary(&line, span.start.min(line.len()));
        let from = floor_char_boundary(&line, start.saturating_sub(WINDOW));
        let end = span
            .end
            .clamp(start, line.len())
            .min(start.saturating_add(SPAN_SHOWN));
        let mut end = ceil_char_boundary(&line, end);
        if end == start {
            end = ceil_char_boundary(&line, (start + 1).min(line.len()));
        }
        let to = ceil_char_boundary(&line, end.saturating_add(WINDOW).min(line.len()));
        let span = start - from..end - from;
        if from == 0 && to == line.len() {
            return Excerpt {
                text: line,
                span,
                from_line_start,
            };
        }
        let text = match line {
            Cow::Borrowed(line) => Cow::Borrowed(&line[from..to]),
            Cow::Owned(line) => Cow::Owned(line[from..to].to_owned()),
        };
        Excerpt {
            text,
            span,
            from_line_start: from_line_start && from == 0,
        }
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
pub fn render_report(source: &Source, report: &Report, color: bool) -> String {
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
        Source::Spooled(spool) => render_from(
            &report.file,
            &FileLines::spooled(spool),
            &report.diagnostics,
            color,
        ),
    }
}

/// The line after a file's frames that says how many findings the cap left out; empty when
/// it left none.
pub fn truncated_line(report: &Report) -> String {
    if report.truncated == 0 {
        return String::new();
    }
    format!(
        "{}: {} more findings not shown\n",
        inert(&report.file),
        report.truncated
    )
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
    // Everything a frame echoes is made inert: the file name, the message and help (which
    // quote the document's values), the element path and the source line itself.
    let file = inert(file);
    for d in diagnostics {
        let excerpt = source.excerpt(d);
        let (line_text, line_span) = inert_with_span(&excerpt.text, excerpt.span);
        let d = inert_diagnostic(d);
        let label = if d.location.path.is_empty() {
            String::new()
        } else {
            format!("at {}", d.location.path)
        };
        // A window that does not begin at its line's start names the finding's own column.
        let column = (!excerpt.from_line_start).then_some(d.location.column as usize);
        if color
            || column.is_some()
            || !plain_frame(&mut out, &file, &d, &line_text, line_span.clone(), &label)
        {
            let frame = frame(&renderer, &file, &d, &line_text, line_span, label, column);
            out.push_str(&frame);
        }
        out.push_str("\n\n");
    }
    out
}

/// What stands before the message of a finding `oscx fmt --fix` repairs, as ruff marks
/// the findings its `--fix` repairs.
pub const FIXABLE: &str = "[*]";

/// `d` with its message, help and element path made inert, a long path cut, and the
/// message marked when `oscx fmt --fix` repairs it; borrowed when nothing changes.
fn inert_diagnostic(d: &Diagnostic) -> Cow<'_, Diagnostic> {
    let changes = |text: &str| matches!(inert(text), Cow::Owned(_));
    // A path names elements whole (a name of megabytes too); the frame shows it cut as
    // messages cut what they quote.
    let long_path = d.location.path.len() > crate::text::QUOTED_CHARS;
    if !d.fixable
        && !changes(&d.message)
        && !d.help.as_deref().is_some_and(changes)
        && !changes(&d.location.path)
        && !long_path
    {
        return Cow::Borrowed(d);
    }
    let mut shown = d.clone();
    shown.message = inert(&d.message).into_owned();
    if d.fixable {
        shown.message = format!("{FIXABLE} {}", shown.message);
    }
    shown.help = d.help.as_deref().map(|help| inert(help).into_owned());
    shown.location.path = inert(&d.location.path).into_owned();
    shown.location.path = crate::text::shortened(std::mem::take(&mut shown.location.path));
    Cow::Owned(shown)
}

/// The code frame of `d` over its source line, drawn by `annotate_snippets`. `column`, when
/// given, is the column to name: `line` is then a window of the line, not all of it.
fn frame(
    renderer: &Renderer,
    file: &str,
    d: &Diagnostic,
    line: &str,
    span: Range<usize>,
    label: String,
    column: Option<usize>,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let number = d.location.line as usize;
    let snippet = Snippet::source(line)
        .line_start(number)
        .annotation(AnnotationKind::Primary.span(span).label(label));
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let group = match column {
        None => title.element(snippet.path(file)),
        Some(column) => title
            .element(Origin::path(file).line(number).char_column(column))
            .element(snippet),
    };
    let mut report = vec![group];
    if let Some(help) = &d.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&report)
}

/// The width of the renderer's page (`annotate_snippets::renderer::DEFAULT_TERM_WIDTH`):
/// a source line longer than fits beside the line numbers is cut to it.
const PAGE_WIDTH: usize = annotate_snippets::renderer::DEFAULT_TERM_WIDTH;
/// Leading white space of a source line the renderer shows whole; past that it cuts the
/// start of the line (it cuts only past 26 columns, this keeps clear of the edge).
const KEPT_INDENT: usize = 20;

/// Writes the plain (uncoloured) code frame of `d` just as `annotate_snippets` lays it out,
/// for the common frame that it lays out one way only: one line of printable ASCII that
/// fits the page, a span inside it and a label. The renderer builds every frame a character
/// at a time, which cost more than all the rules together for a directory of small files
/// with findings. Returns `false`, writing nothing, for any other frame, which the renderer
/// then draws itself; a test compares both on many frames.
fn plain_frame(
    out: &mut String,
    file: &str,
    d: &Diagnostic,
    line: &str,
    span: Range<usize>,
    label: &str,
) -> bool {
    let number = d.location.line as usize;
    let digits = number.checked_ilog10().unwrap_or(0) as usize + 1;
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    let fits = !line.is_empty()
        && printable_ascii(line)
        && indent <= KEPT_INDENT
        && line.len() + digits + 3 <= PAGE_WIDTH
        && span.start < span.end
        && span.end <= line.len()
        && !label.is_empty()
        && printable_ascii(label)
        && !d.code.as_str().is_empty()
        && printable_ascii(d.code.as_str())
        && shown_as_written(&d.message)
        && shown_as_written(file)
        && d.help.as_deref().is_none_or(shown_as_written);
    if !fits {
        return false;
    }
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let number = number.to_string();
    let column = (span.start + 1).to_string();
    // Piece by piece rather than through one `write!`, whose formatting of a dozen
    // arguments cost more than the test above.
    let gutter = |out: &mut String| out.extend(std::iter::repeat_n(' ', digits + 1));
    for piece in [level, "[", d.code.as_str(), "]: ", &d.message, "\n"] {
        out.push_str(piece);
    }
    out.extend(std::iter::repeat_n(' ', digits));
    for piece in ["--> ", file, ":", &number, ":", &column, "\n"] {
        out.push_str(piece);
    }
    gutter(out);
    for piece in ["|\n", &number, " | ", line, "\n"] {
        out.push_str(piece);
    }
    gutter(out);
    out.push_str("| ");
    out.extend(std::iter::repeat_n(' ', span.start));
    out.extend(std::iter::repeat_n('^', span.end - span.start));
    out.push(' ');
    out.push_str(label);
    if let Some(help) = &d.help {
        out.push('\n');
        gutter(out);
        out.push_str("|\nhelp: ");
        out.push_str(help);
    }
    true
}

/// Whether every byte of `text` is printable ASCII, a space to `~`. A fold with no early
/// exit, which the compiler turns into a few wide comparisons instead of a test a byte.
fn printable_ascii(text: &str) -> bool {
    text.bytes()
        .fold(true, |all, b| all & (b' '..=b'~').contains(&b))
}

/// Whether the renderer writes `text` as it is, on one line: it replaces control
/// characters, the zero-width joiner and the bidirectional controls, and breaks lines.
fn shown_as_written(text: &str) -> bool {
    // Printable ASCII holds none of them, and is told apart without decoding characters.
    printable_ascii(text)
        || !text.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{200D}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
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

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
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
                end: None,
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
    fn a_finding_on_a_long_line_shows_a_window_and_names_its_own_column() {
        // One line of 200,000 characters, with a finding far into it, whose span is longer
        // than the window: the frame shows a window, the caret under the finding's start.
        let before = "é".repeat(100_000);
        let source = format!("<a>{before}<bad>{}</bad></a>", "x".repeat(100_000));
        let start = source.find("<bad>").unwrap_or(0);
        let column = source[..start].chars().count() as u32 + 1;
        let d = Diagnostic::new(
            Code::InvalidValue,
            Severity::Error,
            "bad",
            Location {
                end: None,
                path: "/a/bad".into(),
                span: start..source.len(),
                line: 1,
                column,
            },
        );
        let in_memory = render("doc.xml", &source, std::slice::from_ref(&d), false);
        let path = std::env::temp_dir().join(format!("oscx-window-{}.xml", std::process::id()));
        std::fs::write(&path, &source).expect("write the document");
        let from_file = render_from("doc.xml", &FileLines::open(&path), &[d], false);
        let _ = std::fs::remove_file(&path);
        for text in [&in_memory, &from_file] {
            assert!(text.contains(&format!("doc.xml:1:{column}")), "{text}");
            assert!(
                text.len() < 3 * (2 * WINDOW + SPAN_SHOWN),
                "{} bytes",
                text.len()
            );
            let caret = text.find('^').expect("a caret");
            let line_of_caret = text[..caret].rfind('\n').map_or(0, |i| i + 1);
            let caret_column = text[line_of_caret..caret].chars().count();
            let source_line = text
                .lines()
                .find(|l| l.contains("<bad>"))
                .expect("the source line");
            assert_eq!(
                source_line
                    .chars()
                    .skip(caret_column)
                    .take(5)
                    .collect::<String>(),
                "<bad>",
                "{text}"
            );
        }
    }

    #[test]
    fn values_file_names_and_source_lines_are_shown_inert() {
        let source = "<a>\n  <b>x\r::error::y\u{2028}::warning::z</b>\n</a>";
        let start = source.find('x').unwrap_or(0);
        let d = Diagnostic::new(
            Code::InvalidValue,
            Severity::Error,
            "`x\r::error::y` is not\n::warning::allowed",
            Location {
                end: None,
                path: "/a/b".into(),
                span: start..start + 1,
                line: 2,
                column: 6,
            },
        )
        .with_help("not\u{85}::notice::this");
        for color in [false, true] {
            let text = render(
                "f\n::stop-commands::x.xml",
                source,
                std::slice::from_ref(&d),
                color,
            );
            for line in text.split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
                assert!(!line.trim_start().starts_with("::"), "{line:?} in\n{text}");
            }
            for shown in [
                r"x\r::error::y\u{2028}::warning::z",
                r"is not\n::warning::allowed",
                r"not\u{85}::notice::this",
                r"f\n::stop-commands::x.xml:2:6",
            ] {
                assert!(text.contains(shown), "{shown:?} in\n{text}");
            }
            if !color {
                // The caret still stands under the `x`.
                assert!(
                    text.contains("2 |   <b>x\\r") && text.contains("  |      ^ at /a/b"),
                    "{text}"
                );
            }
        }
    }

    /// A small deterministic generator (xorshift), so the frames compared are the same on
    /// every run.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn text(&mut self, len: usize, alphabet: &[&str]) -> String {
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    #[test]
    fn plain_frames_are_drawn_as_the_renderer_draws_them() {
        // Printable ASCII, and what the renderer treats apart: tabs, control characters,
        // wide and joining characters, bidirectional controls, line breaks.
        let plain = [
            "a", "Z", "<", "/", ">", "=", "\"", "`", "{", "}", " ", "~", "9",
        ];
        let odd = [
            "\t", "\u{1}", "\u{7f}", "\u{85}", "é", "漢", "\u{200d}", "\u{202e}", "\u{2067}", "\r",
            "\n",
        ];
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        let (mut fast, mut drawn) = (0, 0);
        for _ in 0..3000 {
            let pick = |dice: &mut Dice, len: usize| {
                if dice.below(16) == 0 {
                    let mut text = dice.text(len, &plain);
                    let at = dice.below(text.len() + 1);
                    text.insert_str(at, odd[dice.below(odd.len())]);
                    text
                } else {
                    dice.text(len, &plain)
                }
            };
            let indent = " ".repeat([0, 2, 8, 20, 21, 27][dice.below(6)]);
            let length = [0, 1, 5, 40, 60, 100, 110, 113, 114, 115, 116, 117, 140][dice.below(13)];
            let mut line = indent + &pick(&mut dice, length);
            if dice.below(4) == 0 {
                line.push(' ');
            }
            // As the excerpt gives them: inside the line, at least one character wide.
            let start = dice.below(line.len() + 2);
            let (line, span) = line_around(&line, start..start + dice.below(12));
            if !line.is_char_boundary(span.end) {
                continue; // no finding ends inside a character
            }
            let number = [0, 1, 9, 10, 99, 100, 12_345, 1_000_000][dice.below(8)];
            let label_length = [0, 3, 40, 60, 150][dice.below(5)];
            let label = pick(&mut dice, label_length);
            let message_length = [1, 30, 200][dice.below(3)];
            let mut d = Diagnostic::new(
                [
                    Code::Rule("OSC021"),
                    Code::InvalidValue,
                    Code::Rule("OSC001"),
                    Code::Rule(""),
                ][dice.below(4)],
                [Severity::Error, Severity::Warning, Severity::Info][dice.below(3)],
                pick(&mut dice, message_length),
                Location {
                    end: None,
                    path: String::new(),
                    span: 0..0,
                    line: number as u32,
                    column: 1,
                },
            );
            if dice.below(2) == 0 {
                let help_length = [1, 30, 200][dice.below(3)];
                d = d.with_help(pick(&mut dice, help_length));
            }
            let file = ["doc.xml", "dir/ü.xml", "tab\there.xml"][dice.below(3)];
            let mut out = String::new();
            let expected = frame(
                &Renderer::plain(),
                file,
                &d,
                line,
                span.clone(),
                label.clone(),
                None,
            );
            if plain_frame(&mut out, file, &d, line, span.clone(), &label) {
                assert_eq!(
                    out, expected,
                    "line {line:?}, span {span:?}, label {label:?}, {d:?}"
                );
                fast += 1;
            } else {
                drawn += 1;
            }
        }
        // Both ways are taken often.
        assert!(fast > 400 && drawn > 400, "{fast} fast, {drawn} drawn");
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
                    end: None,
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
