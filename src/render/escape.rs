//! Escaping feed values for HTML.

/// `text` with the five characters that HTML gives a meaning escaped, safe in element
/// content and in quoted attribute values alike, so one function serves both. Control
/// characters other than white space, which HTML does not allow in a document, become
/// spaces.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(html("Zoë · plain"), "Zoë · plain");
        assert_eq!(html("a\u{9b}b\u{7f}c\nd"), "a b c\nd");
    }
}
