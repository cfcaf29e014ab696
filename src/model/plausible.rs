//! What the values the schema types as plain strings must look like to be of use to the
//! connector: an e-mail address it can match people by, a URL it can follow without a base.
//! Rules OSC037 and OSC072 report the values that do not; [`super::PersonBuilder`] refuses
//! them.

/// Whether `c` is one of the characters RFC 5322 does not allow unquoted in an address
/// (besides `@`, `.`, whitespace); a `match`, which is one table lookup, where a search of
/// a list compared each character with each of them.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '<' | '>' | '[' | ']' | ':' | ';' | ',' | '\\' | '"'
    )
}

/// What is wrong with `addr`, if anything that makes it certainly not an address.
pub(crate) fn email_problem(addr: &str) -> Option<String> {
    if addr.trim().is_empty() {
        return Some("is empty".to_owned());
    }
    if addr.trim() != addr {
        return Some("has whitespace around it".to_owned());
    }
    // The last `@`, found byte by byte: the general search for a character behind
    // `rsplit_once` cost more than the rest of the checks of a short address.
    let Some(at) = addr.bytes().rposition(|b| b == b'@') else {
        return Some("has no `@`".to_owned());
    };
    let (local, domain) = (&addr[..at], &addr[at + 1..]);
    if local.is_empty() {
        return Some("has nothing before the `@`".to_owned());
    }
    if domain.is_empty() {
        return Some("has nothing after the `@`".to_owned());
    }
    let quoted = local.len() >= 2 && local.starts_with('"') && local.ends_with('"');
    if !quoted {
        if local.contains('@') {
            return Some("has more than one `@`".to_owned());
        }
        if let Some(p) = bad_char(local) {
            return Some(format!("{p} before the `@`"));
        }
    }
    if domain.starts_with('[') && domain.ends_with(']') {
        return None;
    }
    if let Some(p) = bad_char(domain) {
        return Some(format!("{p} after the `@`"));
    }
    if !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        // Bytes, not a substring search, whose setup costs more than a short domain.
        || domain.as_bytes().windows(2).any(|pair| pair == b"..")
    {
        return Some(format!(
            "has {} as domain, which is not a dotted name",
            crate::text::quoted_value(domain)
        ));
    }
    None
}

/// Says which character of an unquoted address part is impossible there.
fn bad_char(part: &str) -> Option<String> {
    // Most parts are printable ASCII without a special: one pass over the bytes says so
    // (a space is white space, and a byte of another character is looked at below).
    if part
        .bytes()
        .all(|b| (b'!'..=b'~').contains(&b) && !is_special(char::from(b)))
    {
        return None;
    }
    part.chars().find_map(|c| {
        if c.is_whitespace() {
            Some("contains whitespace".to_owned())
        } else if is_special(c) {
            Some(format!("contains `{c}`"))
        } else {
            None
        }
    })
}

/// Whether `s` starts with a URI scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`),
/// has something after it, and holds no white space.
pub(crate) fn is_absolute_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !has_whitespace(s)
}

/// Whether `s` holds white space. Every white space character is either ASCII at or below
/// the space, or not ASCII: a URL with neither byte, the usual one, is told apart by a fold
/// over its bytes, which the compiler turns into a few wide comparisons, instead of a
/// look at each character.
fn has_whitespace(s: &str) -> bool {
    let maybe = s
        .bytes()
        .fold(false, |maybe, b| maybe | (b <= b' ') | !b.is_ascii());
    maybe && s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::{email_problem, is_absolute_url, is_special};

    const SPECIALS: &[char] = &['(', ')', '<', '>', '[', ']', ':', ';', ',', '\\', '"'];

    #[test]
    fn the_specials_are_matched_as_listed() {
        for c in ('\0'..='\u{2FF}').chain(['\u{FF08}', '\u{FF1A}']) {
            assert_eq!(is_special(c), SPECIALS.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn valid_addresses_pass() {
        for addr in [
            "a.b+c@xn--bcher-kva.example",
            "renée@brückner.example",
            "\"john doe\"@example.com",
            "\"a@b\"@example.com",
            "user@[192.0.2.1]",
            "o'brien@mail.example",
            "x@a.b.c.d.example",
            "UPPER@EXAMPLE.COM",
            "melissa@contoso.com",
        ] {
            assert_eq!(email_problem(addr), None, "{addr}");
        }
    }

    #[test]
    fn implausible_addresses_fail() {
        for addr in [
            "",
            "   ",
            " a@b.example",
            "ab.example",
            "a@@b.example",
            "a@b@c.example",
            "@b.example",
            "a@",
            "a b@c.example",
            "a@b .example",
            "mailto:a@b.example",
            "Ines <a@b.example>",
            "a@localhost",
            "a@.example",
            "a@example.",
            "a@b..example",
            "a,b@c.example",
        ] {
            assert!(email_problem(addr).is_some(), "{addr}");
        }
    }

    #[test]
    fn what_counts_as_absolute() {
        for ok in [
            "https://a.example/x",
            "mailto:ines@fabrikam.example",
            "urn:isbn:0451450523",
            "HTTP://A",
        ] {
            assert!(is_absolute_url(ok), "{ok}");
        }
        for bad in [
            "/posts/1",
            "posts/1",
            "a.example/x",
            "https:",
            ":x",
            "1http://a",
            "https://a b",
            "//a.example/x",
        ] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }
}
