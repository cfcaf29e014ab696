//! `oscx fmt --check --diff`: what formatting would change, as a unified diff.

use std::fmt::Write as _;

use crate::inert;
use similar::{ChangeTag, TextDiff};

/// A unified diff from `before` (the file as it is) to `after` (its canonical form): the
/// file's name in the `---`/`+++` headers, then `@@` hunks with three lines of context.
/// Every line is made [`inert`], as everything else the command line echoes from a file:
/// a carriage return the canonical form drops shows as `\r`.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    let diff = TextDiff::from_lines(before, after);
    let name = inert(name);
    let mut out = format!("--- {name}\t(original)\n+++ {name}\t(canonical)\n");
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Equal => ' ',
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            let line = change.to_string_lossy();
            let line = line.strip_suffix('\n').unwrap_or(&line);
            let _ = writeln!(out, "{sign}{}", inert(line));
            if change.missing_newline() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn a_trailing_blank_line_is_one_line_taken_away() {
        let diff = unified("f.xml", "<a>\n</a>\n\n", "<a>\n</a>\n");
        assert_eq!(
            diff,
            "--- f.xml\t(original)\n+++ f.xml\t(canonical)\n@@ -1,3 +1,2 @@\n <a>\n </a>\n-\n"
        );
    }

    #[test]
    fn a_carriage_return_and_a_missing_newline_are_shown() {
        let diff = unified("f.xml", "<a/>\r\n<b/>", "<a/>\n<b/>\n");
        assert!(diff.contains("-<a/>\\r\n"), "{diff}");
        assert!(
            diff.contains("-<b/>\n\\ No newline at end of file\n+<a/>\n+<b/>\n"),
            "{diff}"
        );
    }
}
