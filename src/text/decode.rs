//! Bytes to text: byte order marks, UTF-8 and UTF-16, and the encoding the declaration names.
//!
//! OSC providers hand their XML to Office as BSTRs, so payloads captured from them are often
//! UTF-16 with a byte order mark, while the declaration inside may say anything. We decode
//! by the byte order mark, refuse a declaration that contradicts it, and accept the common
//! capture of a .NET provider that declares `utf-16` but was saved as 8-bit text.

use std::borrow::Cow;

use super::{Utf16, advance, sniff};
use crate::diagnostic::Code;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::{Error, TextPos};

/// The encoding the bytes were decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceEncoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    Utf16Be,
}

/// Decoded document text and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The document as UTF-8, without a byte order mark.
    pub text: Cow<'a, str>,
    /// What the bytes were.
    pub encoding: SourceEncoding,
    /// Harmless surprises, such as a `utf-16` declaration on 8-bit bytes.
    pub warnings: Vec<Diagnostic>,
}

/// Decodes document bytes to text.
///
/// # Errors
/// [`Error::Encoding`] when the bytes are neither UTF-8 nor UTF-16 with a byte order mark,
/// when UTF-16 comes without one, or when the declaration contradicts the byte order mark.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    let sniffed = sniff(bytes).map_err(|message| Error::Encoding {
        message: message.into(),
        pos: TextPos::new(1, 1),
    })?;
    let encoding = sniffed.encoding;
    let body = bytes.get(sniffed.bom..).unwrap_or_default();
    let text: Cow<'_, str> = match Utf16::for_encoding(encoding) {
        None => Cow::Borrowed(utf8(body)?),
        Some(utf16) => {
            Cow::Owned(
                utf16
                    .decode_all(body)
                    .map_err(|(good, message)| Error::Encoding {
                        message: message.into(),
                        pos: pos_at_end(&good),
                    })?,
            )
        }
    };
    let mut warnings = Vec::new();
    if let Some(declared) = declared_encoding(&text) {
        check_declaration(&declared, encoding, &text, &mut warnings)?;
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// Decodes document bytes held in a buffer of their own: plain UTF-8 (no byte order mark)
/// becomes the text without being copied, which for many small files is a fair part of
/// what taking each in costs. Anything else is decoded as [`decode`] decodes it.
///
/// # Errors
/// As [`decode`], with the bytes given back, for the caller to report on them.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Result<Decoded<'static>, (Error, Vec<u8>)> {
    let plain = matches!(sniff(&bytes), Ok(s) if s.encoding == SourceEncoding::Utf8);
    let bytes = if plain {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let mut warnings = Vec::new();
                if let Some(declared) = declared_encoding(&text) {
                    if let Err(e) =
                        check_declaration(&declared, SourceEncoding::Utf8, &text, &mut warnings)
                    {
                        return Err((e, text.into_bytes()));
                    }
                }
                return Ok(Decoded {
                    text: Cow::Owned(text),
                    encoding: SourceEncoding::Utf8,
                    warnings,
                });
            }
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    match decode(&bytes) {
        Ok(decoded) => Ok(Decoded {
            text: Cow::Owned(decoded.text.into_owned()),
            encoding: decoded.encoding,
            warnings: decoded.warnings,
        }),
        Err(e) => Err((e, bytes)),
    }
}

/// Checks an XML declaration's encoding against the one the bytes use: a contradiction
/// with a byte order mark is an error, a harmless mismatch a warning. `text` is what
/// decides whether an unsupported declared encoding made a difference (non-ASCII text).
pub(crate) fn check_declaration(
    declared: &str,
    encoding: SourceEncoding,
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Error> {
    let name = declared.to_ascii_lowercase();
    let says_utf16 = matches!(name.as_str(), "utf-16" | "utf-16le" | "utf-16be" | "ucs-2");
    let says_utf8 = name == "utf-8" || name == "utf8";
    let contradiction = |found: &str| Error::Encoding {
        message: format!("the declaration says `{declared}` but the byte order mark says {found}"),
        pos: TextPos::new(1, 1),
    };
    match encoding {
        SourceEncoding::Utf16Le | SourceEncoding::Utf16Be if !says_utf16 => {
            Err(contradiction("UTF-16"))
        }
        SourceEncoding::Utf8Bom if !says_utf8 => Err(contradiction("UTF-8")),
        SourceEncoding::Utf8 if says_utf16 => {
            warnings.push(encoding_warning(format!(
                "the declaration says `{declared}` but the bytes are 8-bit text; read as UTF-8"
            )));
            Ok(())
        }
        SourceEncoding::Utf8 if !says_utf8 => {
            if text.is_ascii() {
                warnings.push(encoding_warning(format!(
                    "the declaration says `{declared}`; the text is plain ASCII, read as UTF-8"
                )));
                Ok(())
            } else {
                Err(Error::Encoding {
                    message: format!("encoding `{declared}` is not supported; use UTF-8 or UTF-16"),
                    pos: TextPos::new(1, 1),
                })
            }
        }
        _ => Ok(()),
    }
}

fn encoding_warning(message: String) -> Diagnostic {
    Diagnostic::new(
        Code::EncodingMismatch,
        Severity::Warning,
        message,
        Location {
            path: String::new(),
            span: 0..0,
            line: 1,
            column: 1,
        },
    )
    .with_help("declare the encoding the bytes really use (`utf-8` for 8-bit text)")
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by construction, so this never falls back.
        let prefix = std::str::from_utf8(good).unwrap_or_default();
        Error::Encoding {
            message: "invalid UTF-8".into(),
            pos: pos_at_end(prefix),
        }
    })
}

/// The position just after `prefix`.
pub(crate) fn pos_at_end(prefix: &str) -> TextPos {
    let (line, column) = advance(1, 1, prefix.as_bytes());
    TextPos::new(line, column)
}

/// The value of `encoding="…"` in a leading XML declaration, if there is one.
pub fn declared_encoding(text: &str) -> Option<String> {
    // The declaration is a few dozen bytes: a plain scan for the short needles below,
    // where a substring search's setup cost more than the scan (once for every file).
    let find = |haystack: &str, needle: &str| {
        haystack
            .as_bytes()
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
    };
    let decl = text.strip_prefix("<?xml")?;
    let end = find(decl, "?>")?;
    let decl = &decl[..end];
    let at = find(decl, "encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let close = value.find(quote)?;
    Some(value[..close].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_with_bom(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(b"<a/>").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("<a/>", SourceEncoding::Utf8)
        );
        let d = decode(b"\xEF\xBB\xBF<a/>").unwrap();
        assert_eq!(
            (d.text.as_ref(), d.encoding),
            ("<a/>", SourceEncoding::Utf8Bom)
        );
    }

    #[test]
    fn utf16_both_byte_orders() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-16\"?><a>é😀</a>";
        let le = utf16le_with_bom(doc);
        assert_eq!(decode(&le).unwrap().text, doc);
        let mut be = vec![0xFE, 0xFF];
        be.extend(doc.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().text, doc);
    }

    #[test]
    fn declared_utf16_on_8bit_bytes_is_a_warning() {
        let d = decode(b"<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>").unwrap();
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].code, "xml::encoding-mismatch");
    }

    #[test]
    fn contradicting_bom_is_refused() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>";
        assert!(matches!(
            decode(&utf16le_with_bom(doc)),
            Err(Error::Encoding { .. })
        ));
    }

    #[test]
    fn utf16_without_bom_and_invalid_utf8_are_refused_with_a_position() {
        let raw: Vec<u8> = "<?xml?>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(&raw).is_err());
        let err = decode(b"<a>\n  \xFF</a>").unwrap_err();
        assert_eq!(err.pos(), Some(TextPos::new(2, 3)));
    }

    #[test]
    fn unsupported_declared_encoding_with_non_ascii_is_refused() {
        let bytes = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>é</a>".as_bytes();
        assert!(decode(bytes).is_err());
        let ascii = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>e</a>";
        assert_eq!(decode(ascii).unwrap().warnings.len(), 1);
    }
}
