//! What `oscx fmt --fix` repairs: the mistakes that have exactly one reading. Each is
//! decided here once, for the reader that repairs it ([`crate::xml::ReadOptions::lenient`])
//! and for the validator and the rules that mark its finding as fixable, so that a finding
//! is marked only where the repair is made. The values and names come from the compiled
//! schemas: the validator passes a type's enumeration or a content model's element names,
//! the reader the model's enumerations (which `tests/schema_tables.rs` holds to the
//! schemas') and the element names the schemas declare.

/// XML's whitespace, which a boolean may carry around its value.
const XML_WHITESPACE: [char; 4] = [' ', '\t', '\r', '\n'];

/// The allowed value `found` is written for, when it differs from exactly one of `allowed`
/// in case alone (`Male` for `male`, `sha1` for `SHA1`), or is the docs' spelling of
/// `notfriend` where that is allowed (see [`friend_status`]). `None` for an allowed value,
/// for a value that differs from every one in more than case, and for one that two allowed
/// values differ from in case alone.
pub(crate) fn value<'a>(
    found: &str,
    allowed: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let mut readings = allowed
        .clone()
        .into_iter()
        .filter(|candidate| candidate.eq_ignore_ascii_case(found));
    match readings.next() {
        Some(first) => (first != found && readings.all(|other| other == first)).then_some(first),
        None => {
            let meant = friend_status(found)?;
            allowed.into_iter().find(|candidate| *candidate == meant)
        }
    }
}

/// The boolean `found` is written for: `True`, `FALSE` and the like, as .NET's
/// `bool.ToString()` writes them, with the white space a boolean may have around it.
pub(crate) fn boolean(found: &str) -> Option<&'static str> {
    value(found.trim_matches(XML_WHITESPACE), ["true", "false"])
}

/// The element name `found` is a misspelling of, among the names `declared` where it
/// stands: only when one name is closer to it than every other (see
/// [`super::suggest::only_closest`]).
pub(crate) fn element_name<'a>(
    found: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    super::suggest::only_closest(found, declared)
}

/// The OSC namespace that `uri`, its `https` spelling, stands for.
pub(crate) fn namespace(uri: &str) -> Option<&'static str> {
    super::roots::http_spelling(uri).map(|(_, http)| http)
}

/// `notfriend`, for a `friendStatus` written as the docs' prose says it: `nonfriend` or
/// `non-friend`, in any case, with white space around it.
pub(crate) fn friend_status(found: &str) -> Option<&'static str> {
    let trimmed = found.trim_matches(XML_WHITESPACE);
    ["nonfriend", "non-friend"]
        .iter()
        .any(|word| word.eq_ignore_ascii_case(trimmed))
        .then_some("notfriend")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_repaired_only_when_one_allowed_value_differs_from_it_in_case_alone() {
        let genders = ["male", "female", "unspecified"];
        assert_eq!(value("Male", genders), Some("male"));
        assert_eq!(value("FEMALE", genders), Some("female"));
        assert_eq!(value("male", genders), None);
        assert_eq!(value("robot", genders), None);
        assert_eq!(value(" Male", genders), None);
        assert_eq!(value("sha1", ["SHA1", "MD5"]), Some("SHA1"));
        // Two readings: no repair.
        assert_eq!(value("ab", ["AB", "ab2", "aB"]), None);
        // The docs' spelling, where the schema's is allowed.
        let statuses = ["friend", "notfriend", "pending"];
        assert_eq!(value("nonfriend", statuses), Some("notfriend"));
        assert_eq!(value("nonfriend", genders), None);
    }

    #[test]
    fn booleans_are_repaired_to_lowercase() {
        assert_eq!(boolean("True"), Some("true"));
        assert_eq!(boolean(" FALSE\n"), Some("false"));
        assert_eq!(boolean("true"), None);
        assert_eq!(boolean("yes"), None);
        assert_eq!(boolean("1"), None);
    }

    #[test]
    fn element_names_need_one_closest_declared_name() {
        let declared = ["emailAddress", "emailAddress2", "emailAddress3", "userID"];
        assert_eq!(element_name("emailAdress", declared), Some("emailAddress"));
        assert_eq!(element_name("userId", declared), Some("userID"));
        assert_eq!(element_name("emailAddress4", declared), None);
        assert_eq!(element_name("colour", declared), None);
    }

    #[test]
    fn the_https_spelling_and_nonfriend() {
        assert_eq!(
            namespace("https://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"),
            Some("http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd")
        );
        assert_eq!(namespace("https://example.com/"), None);
        assert_eq!(friend_status("nonfriend"), Some("notfriend"));
        assert_eq!(friend_status(" Non-Friend "), Some("notfriend"));
        assert_eq!(friend_status("notfriend"), None);
    }
}
