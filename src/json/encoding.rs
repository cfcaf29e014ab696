//! The encoding a document's XML comes in, kept so that converting back restores it.

use serde::{Deserialize, Serialize};

use crate::xml::Declaration;
use crate::xml::decode::SourceEncoding;

/// The `encoding` of an envelope: how the XML was (or is to be) encoded.
///
/// Providers hand Office their XML as UTF-16 strings, so UTF-16 captures are common; keeping
/// the encoding lets XML → JSON → XML give back the bytes `oscx fmt` would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Encoding {
    /// `utf-8`: UTF-8, with or without a byte order mark.
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// `utf-16`: UTF-16 of either byte order, with a byte order mark.
    #[serde(rename = "utf-16")]
    Utf16,
}

impl Encoding {
    /// The spelling in the envelope: `utf-8` or `utf-16`.
    pub const fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    /// Recognises a spelling of [`Encoding::label`] (exactly, lower case).
    pub fn from_label(label: &str) -> Option<Encoding> {
        match label {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            _ => None,
        }
    }

    /// The XML declaration that writes this encoding (UTF-16 is written little-endian with a
    /// byte order mark).
    pub const fn declaration(self) -> Declaration {
        match self {
            Encoding::Utf8 => Declaration::Utf8,
            Encoding::Utf16 => Declaration::Utf16,
        }
    }
}

impl From<SourceEncoding> for Encoding {
    fn from(source: SourceEncoding) -> Self {
        match source {
            SourceEncoding::Utf8 | SourceEncoding::Utf8Bom | SourceEncoding::Declared(_) => {
                Encoding::Utf8
            }
            SourceEncoding::Utf16Le | SourceEncoding::Utf16Be => Encoding::Utf16,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_serde_agrees() {
        for e in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(Encoding::from_label(e.label()), Some(e));
            let json = serde_json::to_string(&e).expect("serialises");
            assert_eq!(json, format!("\"{}\"", e.label()));
        }
        assert_eq!(Encoding::from_label("UTF-8"), None);
        assert_eq!(Encoding::from(SourceEncoding::Utf16Be), Encoding::Utf16);
        assert_eq!(Encoding::from(SourceEncoding::Utf8Bom), Encoding::Utf8);
    }
}
