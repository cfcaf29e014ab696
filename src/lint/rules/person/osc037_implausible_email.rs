//! OSC037: an `emailAddress` that cannot be an SMTP address.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;

/// See [`INFO`].
pub struct ImplausibleEmail;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC037",
    name: "implausible-email",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "isocialperson-getfriendsandcolleagues.md",
    summary: "`emailAddress`, `emailAddress2` or `emailAddress3` does not look like `local@domain`",
    explanation: "The OSC ties a network person to the sender or recipient selected in Outlook \
        by comparing SMTP addresses, so an address that is empty, lacks an `@`, has two, \
        contains spaces or a display name, or has a domain without a dot can never match \
        anyone. The schema types the three elements as plain strings. The check is deliberately \
        loose: quoted local parts, `+` tags, non-ASCII and punycode domains and bracketed IP \
        literals pass.",
    bad: include_str!("../../../../fixtures/invalid/OSC037/example.xml"),
    good: include_str!("../../../../fixtures/valid/OSC037/example.xml"),
    reads: &["person/emailAddress", "emailAddress2", "emailAddress3"],
    hooks: &[Hook::Person],
};

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
fn problem(addr: &str) -> Option<String> {
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
            "has `{domain}` as domain, which is not a dotted name"
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

/// `s`, cut to a length fit for a message.
fn shown(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

impl Rule for ImplausibleEmail {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn person(
        &self,
        _cx: &Context,
        person: &Person,
        at: PersonAt,
        _state: &mut RuleState,
        out: &mut Vec<Finding>,
    ) {
        let fields = [
            ("emailAddress", &person.email_address),
            ("emailAddress2", &person.email_address2),
            ("emailAddress3", &person.email_address3),
        ];
        for (name, value) in fields {
            let Some(addr) = value else { continue };
            if let Some(p) = problem(addr) {
                out.push(
                    Finding::new(
                        INFO.id,
                        at.path().child(name),
                        format!(
                            "`{name}` `{}` {p}; expected a bare SMTP address such as `name@example.com`",
                            shown(addr)
                        ),
                    )
                    .on_value()
                    .help(format!(
                        "write only the address (no display name, `mailto:` or spaces), or leave `{name}` out when there is none"
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, ImplausibleEmail, is_special, problem};
    use crate::lint::rules::testing::findings_of;

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
            assert_eq!(problem(addr), None, "{addr}");
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
            assert!(problem(addr).is_some(), "{addr}");
        }
    }

    #[test]
    fn each_field_is_reported_on_its_own() {
        let xml = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <userID>a</userID>
  <emailAddress></emailAddress>
  <emailAddress2>ok@fine.example</emailAddress2>
  <emailAddress3>nobody</emailAddress3>
</person>"#;
        let found = findings_of(&ImplausibleEmail, xml);
        let paths: Vec<_> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["/person/emailAddress", "/person/emailAddress3"]);
        assert!(found[0].message.contains("is empty"));
        assert!(found[1].message.contains("has no `@`"));
    }

    #[test]
    fn long_values_are_cut_in_the_message() {
        let long = "x".repeat(5000);
        let xml = INFO.good.replace("ines.okafor@fabrikam.example", &long);
        let found = findings_of(&ImplausibleEmail, &xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.len() < 300);
    }

    #[test]
    fn under_1_0_too() {
        let xml = INFO.bad.replace(
            "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd",
            "http://schemas.microsoft.com/office/outlook/socialprovider.xsd",
        );
        assert_eq!(findings_of(&ImplausibleEmail, &xml).len(), 1);
    }
}
