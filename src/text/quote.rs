//! Names and values from the input, quoted in messages: cut to their first characters (and,
//! for names, their length), so that what is said about a name or value of megabytes stays
//! short. Every message that quotes the input cuts it here.

/// The most characters of a name or value quoted in a message: what the input holds can be
/// megabytes long, and a message that repeats it whole makes every report of it as long.
/// Well above any name or namespace a schema declares (the OSC namespaces have 62 and 70
/// characters), so that only what no schema writes is ever cut.
pub(crate) const QUOTED_CHARS: usize = 200;

/// The most characters of a rejected value quoted in a message: enough to recognise it. A
/// value is data, often long; a name is short unless the input is hostile, hence the two.
const VALUE_CHARS: usize = 40;

/// The first `chars` characters of `text`, when it has more; `None` when it has no more.
fn cut(text: &str, chars: usize) -> Option<&str> {
    text.char_indices()
        .nth(chars)
        .map(|(at, _)| text.get(..at).unwrap_or(""))
}

/// `value` in backticks for a message, cut after its first 40 characters with `…`.
pub(crate) fn quoted_value(value: &str) -> String {
    format!("`{}`", value_excerpt(value))
}

/// `value`'s first 40 characters and `…` when it has more, else all of it.
pub(crate) fn value_excerpt(value: &str) -> String {
    match cut(value, VALUE_CHARS) {
        Some(head) => format!("{head}…"),
        None => value.to_owned(),
    }
}

/// `name` in backticks for a message; one longer than [`QUOTED_CHARS`] characters is cut
/// there, marked with `…` and followed by its length in bytes, so that a message stays
/// short whatever the input holds.
pub(crate) fn quoted(name: &str) -> String {
    let mut out = String::with_capacity(name.len().min(QUOTED_CHARS * 4) + 2);
    push_quoted(&mut out, name);
    out
}

/// Appends `name` to `out` as [`quoted`] writes it.
fn push_quoted(out: &mut String, name: &str) {
    out.push('`');
    match cut(name, QUOTED_CHARS) {
        Some(head) => {
            out.push_str(head);
            out.push_str("…` (");
            out.push_str(&name.len().to_string());
            out.push_str(" bytes)");
        }
        None => {
            out.push_str(name);
            out.push('`');
        }
    }
}

/// `name` as it is when short; else its first [`QUOTED_CHARS`] characters, `…` and its
/// length in bytes, for a name held in an error and quoted when it is shown.
pub(crate) fn shortened(name: String) -> String {
    match cut(&name, QUOTED_CHARS) {
        Some(head) => format!("{head}… ({} bytes)", name.len()),
        None => name,
    }
}

/// `message` with every name or value it quotes in backticks cut as [`quoted`] cuts it:
/// what a finding says about the input (a name, a prefix, a namespace, a value) stays
/// short whatever the input holds, in one pass over the message, and a message that
/// quotes nothing long is returned as it is.
pub(crate) fn shorten_quotes(message: String) -> String {
    let long = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.len() > QUOTED_CHARS);
    if !long {
        return message;
    }
    let mut out = String::with_capacity(256);
    let mut pieces = message.split('`');
    if let Some(head) = pieces.next() {
        out.push_str(head);
    }
    let mut inside = true;
    let mut rest = pieces.peekable();
    while let Some(piece) = rest.next() {
        if inside && rest.peek().is_some() {
            push_quoted(&mut out, piece);
        } else if inside {
            // An opening backtick without its closing one: kept as written, cut the same.
            out.push('`');
            out.push_str(&shorten_tail(piece));
        } else {
            out.push_str(piece);
        }
        inside = !inside;
    }
    out
}

/// The first [`QUOTED_CHARS`] characters of `text` and `…`, or all of it when shorter.
fn shorten_tail(text: &str) -> String {
    match cut(text, QUOTED_CHARS) {
        Some(head) => format!("{head}…"),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{quoted, shorten_quotes};

    #[test]
    fn long_quotes_are_cut_with_their_length_and_short_ones_kept() {
        let long = "x".repeat(1000);
        assert_eq!(quoted("userID"), "`userID`");
        let cut = quoted(&long);
        assert!(cut.ends_with("…` (1000 bytes)") && cut.len() < 300, "{cut}");
        let message = format!("element `{long}` is not allowed in `person`");
        assert_eq!(
            shorten_quotes(message),
            format!("element {cut} is not allowed in `person`")
        );
        let kept = "element `a` is not allowed in `b`".to_owned();
        assert_eq!(shorten_quotes(kept.clone()), kept);
        let unclosed = shorten_quotes(format!("a `{long}"));
        assert!(
            unclosed.len() < 300 && unclosed.starts_with("a `x"),
            "{unclosed}"
        );
    }
}
