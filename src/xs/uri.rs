//! `xs:anyURI`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::collapse_whitespace;

/// xs:anyURI. XSD 1.0 treats almost any string as an anyURI once whitespace
/// is collapsed; we accept every string and store its collapsed form.
///
/// Validating against RFC 3986 here would refuse values that schema
/// processors routinely accept (spaces inside, non-ASCII characters), so the
/// type only normalises and leaves judgement to whoever dereferences it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct AnyUri(String);

impl AnyUri {
    /// Builds a URI from any text, collapsing its whitespace.
    pub fn new(s: impl AsRef<str>) -> Self {
        Self(collapse_whitespace(s.as_ref()).into_owned())
    }

    /// The collapsed text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Gives up the wrapper and returns the collapsed text.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for AnyUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for AnyUri {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for AnyUri {
    fn from(s: String) -> Self {
        // Reuse the caller's allocation when collapsing changes nothing,
        // which is by far the usual case.
        let unchanged = matches!(collapse_whitespace(&s), Cow::Borrowed(b) if b.len() == s.len());
        if unchanged { Self(s) } else { Self::new(s) }
    }
}

impl Serialize for AnyUri {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AnyUri {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_clean_text() {
        for s in [
            "http://example.com/a?b=c#d",
            "urn:isbn:0451450523",
            "relative/path.xsd",
            "",
            "not a uri at all",
            "http://例え.テスト/パス",
            "%zz",
        ] {
            assert_eq!(AnyUri::new(s).as_str(), s);
        }
    }

    #[test]
    fn collapses_whitespace() {
        assert_eq!(AnyUri::new("  http://a/b \n").as_str(), "http://a/b");
        assert_eq!(AnyUri::new("a\t\tb\r\nc").as_str(), "a b c");
        assert_eq!(AnyUri::from(" x ").as_str(), "x");
        assert_eq!(AnyUri::from(String::from("x\n\ny")).as_str(), "x y");
    }

    #[test]
    fn from_string_reuses_allocation_when_clean() {
        let s = String::from("http://example.com/");
        let ptr = s.as_ptr();
        let uri = AnyUri::from(s);
        assert_eq!(uri.as_str().as_ptr(), ptr);
        assert_eq!(uri.into_string(), "http://example.com/");
    }

    #[test]
    fn new_accepts_various_string_types() {
        let owned = String::from("a");
        assert_eq!(AnyUri::new(&owned), AnyUri::new("a"));
        assert_eq!(AnyUri::new(owned), AnyUri::from("a"));
        assert_eq!(AnyUri::default().as_str(), "");
    }

    #[test]
    fn display() {
        assert_eq!(AnyUri::new(" http://a ").to_string(), "http://a");
    }

    #[test]
    fn serde_round_trip() {
        let uri = AnyUri::new("http://example.com/x y");
        let json = serde_json::to_string(&uri).expect("serialize");
        assert_eq!(json, "\"http://example.com/x y\"");
        let back: AnyUri = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, uri);
        let collapsed: AnyUri = serde_json::from_str("\"  a\\n b \"").expect("deserialize");
        assert_eq!(collapsed.as_str(), "a b");
        assert!(serde_json::from_str::<AnyUri>("42").is_err());
    }
}
