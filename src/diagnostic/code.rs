//! What a finding reports, as a type: one variant for each code of the reader and the
//! validator, and a family each for the codes of the rules and the other checks.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Severity;

/// Declares the reader's and validator's codes once: the variant, its text, its default
/// severity and what it reports; the enum, [`ENGINE`] and [`Code::as_str`] come from it.
macro_rules! engine_codes {
    ($($variant:ident = $text:literal, $severity:ident, $summary:literal;)*) => {
        /// The code of a finding, written as `xsd::too-many`, `OSC012`, `render::no-template`.
        ///
        /// The reader's and validator's codes are variants of their own, so the engine names
        /// them and compares them as values; the rules and the other checks carry their
        /// code's text, declared once where they report it (a rule's
        /// [`RuleInfo`](crate::lint::RuleInfo), the preview's and the simulated host's
        /// constants).
        ///
        /// ```
        /// use osc_schema::Code;
        /// assert_eq!(Code::TooMany.as_str(), "xsd::too-many");
        /// assert_eq!(Code::parse("xsd::too-many"), Some(Code::TooMany));
        /// assert!(Code::NotWellFormed.is_xml());
        /// assert_eq!(Code::Rule("OSC012"), "OSC012");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $text, "`: ", $summary, ".")]
                $variant,
            )*
            /// A conformance rule, by its ID (`OSC012`).
            Rule(&'static str),
            /// A problem of the People Pane preview (`render::…`).
            Preview(&'static str),
            /// A finding of the simulated OSC host (`host::…`).
            Host(&'static str),
            /// A note on what a fix changed (`fix::…`).
            Fix(&'static str),
            /// A finding about an inline suppression (`oscx::…`).
            Suppression(&'static str),
        }

        /// The reader's and validator's codes: the code, its default severity, what it
        /// reports.
        pub(crate) const ENGINE: &[(Code, Severity, &str)] =
            &[$((Code::$variant, Severity::$severity, $summary),)*];

        impl Code {
            /// The code as reports write it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                    Code::Rule(code)
                    | Code::Preview(code)
                    | Code::Host(code)
                    | Code::Fix(code)
                    | Code::Suppression(code) => code,
                }
            }
        }
    };
}

engine_codes! {
    NotWellFormed = "xml::not-well-formed", Error, "the input is not well-formed XML";
    UndefinedEntity = "xml::undefined-entity", Error, "an entity reference other than the five predefined ones";
    Limit = "xml::limit", Error, "a document beyond a bound on its size, depth, names or values";
    Doctype = "xml::doctype", Error, "a document type declaration, which OSC payloads never carry";
    Encoding = "xml::encoding", Error, "bytes that do not decode in the document's encoding";
    EncodingMismatch = "xml::encoding-mismatch", Warning, "an XML declaration that names another encoding than the bytes are in";
    UnexpectedElement = "xsd::unexpected-element", Error, "an element the content model does not allow at this place";
    MissingElement = "xsd::missing-element", Error, "a required element is absent";
    TooMany = "xsd::too-many", Error, "an element occurs more often than the schema allows";
    InvalidValue = "xsd::invalid-value", Error, "a value outside its type: not a boolean, date, number, enumeration member or URI";
    MissingAttribute = "xsd::missing-attribute", Error, "a required attribute is absent";
    UnexpectedAttribute = "xsd::unexpected-attribute", Error, "an attribute the element does not declare";
    UnknownRoot = "xsd::unknown-root", Error, "the root element is not one of the OSC documents";
    TextNotAllowed = "xsd::text-not-allowed", Error, "character data inside an element that holds only elements";
    NamespaceMismatch = "xsd::namespace-mismatch", Error, "the document's namespace does not belong to the generation it is held to";
    WrongNamespace = "xsd::wrong-namespace", Error, "the root is in a namespace that is not an OSC namespace (often the https spelling)";
    NoNamespace = "xsd::no-namespace", Info, "a namespace-less hashedAddresses request, validated as 1.1";
    IdentityConstraint = "xsd::identity-constraint", Error, "a key, unique or keyref constraint broken: a duplicate, a missing field, a reference to nothing";
    SchemaError = "xsd::schema-error", Error, "the schema itself could not be compiled";
}

impl Code {
    /// The reader's or validator's code written `code`. (A rule's code is found in the
    /// catalogue, [`crate::catalog::find`], which knows the rules.)
    pub fn parse(code: &str) -> Option<Code> {
        ENGINE
            .iter()
            .map(|&(c, _, _)| c)
            .find(|c| c.as_str() == code)
    }

    /// Whether the code is the XML reader's (`xml::…`: not well-formed, not decodable,
    /// refused for its size or its DOCTYPE) rather than the schema's or a rule's.
    pub const fn is_xml(self) -> bool {
        matches!(
            self,
            Code::NotWellFormed
                | Code::UndefinedEntity
                | Code::Doctype
                | Code::Encoding
                | Code::EncodingMismatch
                | Code::Limit
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_code_is_listed_once_and_parses_back() {
        let mut seen = std::collections::HashSet::new();
        for &(code, _, _) in ENGINE {
            assert!(seen.insert(code.as_str()), "{code} listed twice");
            assert_eq!(Code::parse(code.as_str()), Some(code));
            let (family, name) = code.as_str().split_once("::").unwrap_or_default();
            assert!(matches!(family, "xml" | "xsd"), "{code}");
            assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        assert_eq!(Code::parse("OSC012"), None);
        assert_eq!(Code::parse("nope"), None);
    }

    #[test]
    fn only_the_readers_codes_are_xml() {
        for &(code, _, _) in ENGINE {
            assert_eq!(code.is_xml(), code.as_str().starts_with("xml::"), "{code}");
        }
        assert!(!Code::Rule("OSC012").is_xml());
    }

    #[test]
    fn serializes_as_its_text() {
        let json = serde_json::to_string(&Code::InvalidValue).unwrap_or_default();
        assert_eq!(json, "\"xsd::invalid-value\"");
    }
}
