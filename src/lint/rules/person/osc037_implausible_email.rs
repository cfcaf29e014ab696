//! OSC037: an `emailAddress` that cannot be an SMTP address.

use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, PersonAt, Rule, RuleInfo, RuleState};
use crate::model::Person;
use crate::model::plausible::email_problem as problem;

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
    use super::{INFO, ImplausibleEmail};
    use crate::lint::rules::testing::findings_of;

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
