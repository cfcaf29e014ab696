//! The schemas' `stringType`: a length-limited `xs:string`.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::LexicalError;

const TYPE_NAME: &str = "stringType";

/// The schemas' `stringType`: an xs:string of at most 1024 characters
/// (Unicode scalar values, not bytes, not UTF-16 units); whitespace
/// preserved.
///
/// XSD measures string length in characters, which is what `char` is in
/// Rust, so 1024 emoji are as acceptable as 1024 ASCII letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct BoundedString(String);

impl BoundedString {
    /// The largest number of characters allowed.
    pub const MAX_CHARS: usize = 1024;

    /// Wraps `s` if it has at most [`Self::MAX_CHARS`] characters. The text
    /// is kept exactly, whitespace included.
    pub fn new(s: impl Into<String>) -> Result<Self, LexicalError> {
        let s = s.into();
        // A character takes at least one byte, so short byte strings need no
        // counting at all.
        if s.len() <= Self::MAX_CHARS {
            return Ok(Self(s));
        }
        let chars = s.chars().count();
        if chars > Self::MAX_CHARS {
            // The error shortens the value itself, so the huge text is not
            // copied into it.
            return Err(LexicalError::new(
                TYPE_NAME,
                &s,
                format!(
                    "has {chars} characters, at most {} are allowed",
                    Self::MAX_CHARS
                ),
            ));
        }
        Ok(Self(s))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Gives up the wrapper and returns the text.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl Deref for BoundedString {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for BoundedString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BoundedString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<&str> for BoundedString {
    type Error = LexicalError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for BoundedString {
    type Error = LexicalError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl Serialize for BoundedString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for BoundedString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_strings_are_kept_exactly() {
        for s in ["", "a", "  spaced  out\t\n", "é", "\u{1f600}"] {
            let b = BoundedString::new(s).expect("short");
            assert_eq!(b.as_str(), s);
            assert_eq!(&*b, s);
            assert_eq!(b.as_ref(), s);
            assert_eq!(b.to_string(), s);
        }
    }

    #[test]
    fn counts_characters_not_bytes() {
        let accented = "é".repeat(600);
        assert_eq!(accented.len(), 1200);
        assert!(BoundedString::new(accented).is_ok());

        // Each emoji is 4 UTF-8 bytes and a surrogate pair in UTF-16.
        let emoji = "\u{1f600}".repeat(BoundedString::MAX_CHARS);
        assert_eq!(emoji.len(), 4096);
        assert_eq!(emoji.encode_utf16().count(), 2048);
        assert_eq!(BoundedString::new(emoji.clone()).map(|b| b.len()), Ok(4096));

        let too_many = format!("{emoji}\u{1f600}");
        assert!(BoundedString::new(too_many).is_err());
    }

    #[test]
    fn limit_is_inclusive() {
        assert!(BoundedString::new("x".repeat(1024)).is_ok());
        assert!(BoundedString::new("é".repeat(1024)).is_ok());
        assert!(BoundedString::new("x".repeat(1025)).is_err());
    }

    #[test]
    fn error_is_short_and_precise() {
        let e = BoundedString::new("x".repeat(1025)).unwrap_err();
        assert_eq!(e.type_name, "stringType");
        assert_eq!(e.reason, "has 1025 characters, at most 1024 are allowed");
        assert_eq!(e.value, format!("{}…", "x".repeat(40)));
        assert_eq!(
            e.to_string(),
            format!(
                "`{}…` is not a valid `stringType`: has 1025 characters, at most 1024 are allowed",
                "x".repeat(40)
            )
        );
        let e = BoundedString::new("ü".repeat(5000)).unwrap_err();
        assert_eq!(e.value, format!("{}…", "ü".repeat(40)));
        assert!(e.reason.starts_with("has 5000 characters"));
    }

    #[test]
    fn conversions() {
        assert_eq!(
            BoundedString::try_from("abc").map(BoundedString::into_string),
            Ok("abc".to_owned())
        );
        assert!(BoundedString::try_from(String::from("abc")).is_ok());
        assert!(BoundedString::try_from("y".repeat(2000).as_str()).is_err());
        assert!(BoundedString::try_from("y".repeat(2000)).is_err());
        assert_eq!(BoundedString::default().as_str(), "");
    }

    #[test]
    fn ordering_follows_text() {
        let a = BoundedString::new("a").expect("short");
        let b = BoundedString::new("b").expect("short");
        assert!(a < b);
    }

    #[test]
    fn serde_round_trip() {
        let s = BoundedString::new(" keep  spaces ").expect("short");
        let json = serde_json::to_string(&s).expect("serialize");
        assert_eq!(json, "\" keep  spaces \"");
        let back: BoundedString = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, s);
        let too_long = format!("\"{}\"", "z".repeat(1025));
        let err = serde_json::from_str::<BoundedString>(&too_long).unwrap_err();
        assert!(err.to_string().contains("1025 characters"), "{err}");
    }
}
