//! Bytes to text: byte order marks, UTF-8 and UTF-16, and the encoding the declaration names.
//!
//! OSC providers hand their XML to Office as BSTRs, so payloads captured from them are often
//! UTF-16 with a byte order mark, while the declaration inside may say anything. We decode
//! by the byte order mark, refuse a declaration that contradicts it, and accept the common
//! capture of a .NET provider that declares `utf-16` but was saved as 8-bit text.

use std::borrow::Cow;

use super::legacy::{self, Declared, Legacy};
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
    /// An 8-bit encoding the XML declaration names (`windows-1252`, `ISO-8859-1`, ...), by
    /// its name.
    Declared(&'static str),
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
    decode_located(bytes).map_err(|undecoded| undecoded.error)
}

/// Bytes that could not be decoded: what is wrong, where, and how to get past it.
#[derive(Debug)]
pub(crate) struct Undecoded {
    /// The error, with the line and column it is at.
    pub error: Error,
    /// Its offset in the bytes.
    pub at: usize,
    /// How to fix it.
    pub help: &'static str,
}

impl Undecoded {
    fn new(error: Error, at: usize, help: &'static str) -> Self {
        Undecoded { error, at, help }
    }

    fn after(mut self, bom: usize) -> Self {
        self.at += bom;
        self
    }
}

/// [`decode`], with the offset in `bytes` of what an error is about.
pub(crate) fn decode_located(bytes: &[u8]) -> Result<Decoded<'_>, Undecoded> {
    let sniffed = sniff(bytes).map_err(|message| {
        let error = Error::Encoding {
            message: message.into(),
            pos: TextPos::new(1, 1),
        };
        Undecoded::new(error, 0, super::ENCODING_HELP)
    })?;
    let mut encoding = sniffed.encoding;
    let body = bytes.get(sniffed.bom..).unwrap_or_default();
    let text: Cow<'_, str> = match Utf16::for_encoding(encoding) {
        None if encoding == SourceEncoding::Utf8 => {
            match declared_in_bytes(body).and_then(Legacy::for_declared) {
                Some(legacy) => {
                    encoding = SourceEncoding::Declared(legacy.declared().name());
                    in_declared_encoding(body, legacy).map_err(|u| u.after(sniffed.bom))?
                }
                None => Cow::Borrowed(utf8(body).map_err(|u| u.after(sniffed.bom))?),
            }
        }
        None => Cow::Borrowed(utf8(body).map_err(|u| u.after(sniffed.bom))?),
        Some(utf16) => Cow::Owned(utf16.decode_all(body).map_err(|(good, message)| {
            let error = Error::Encoding {
                message: message.into(),
                pos: pos_at_end(&good),
            };
            Undecoded::new(error, sniffed.bom, super::ENCODING_HELP)
        })?),
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
/// As [`decode`]; the bytes are given back, for the caller to report on them.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Result<Decoded<'static>, Vec<u8>> {
    let plain = matches!(sniff(&bytes), Ok(s) if s.encoding == SourceEncoding::Utf8)
        && !declared_in_bytes(&bytes).is_some_and(Declared::transcodes);
    let bytes = if plain {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let mut warnings = Vec::new();
                if let Some(declared) = declared_encoding(&text) {
                    let checked =
                        check_declaration(&declared, SourceEncoding::Utf8, &text, &mut warnings);
                    if checked.is_err() {
                        return Err(text.into_bytes());
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
    match decode_located(&bytes) {
        Ok(decoded) => Ok(Decoded {
            text: Cow::Owned(decoded.text.into_owned()),
            encoding: decoded.encoding,
            warnings: decoded.warnings,
        }),
        Err(_) => Err(bytes),
    }
}

impl Undecoded {
    /// The `xml::encoding` finding that says so.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        let (message, pos) = match &self.error {
            Error::Encoding { message, pos } => (message.clone(), *pos),
            other => (other.to_string(), other.pos().unwrap_or_default()),
        };
        encoding_finding(message, pos, self.at..self.at + 1, self.help)
    }
}

/// An `xml::encoding` finding: about the bytes, so at no element.
pub(crate) fn encoding_finding(
    message: impl Into<String>,
    pos: TextPos,
    span: std::ops::Range<usize>,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::Encoding,
        Severity::Error,
        message,
        Location {
            end: None,
            path: String::new(),
            span,
            line: pos.line.max(1),
            column: pos.column.max(1),
        },
    )
    .with_help(help)
}

/// Checks an XML declaration's encoding against the one the bytes use: a contradiction
/// with a byte order mark is an error, a harmless mismatch a warning. `text` is what
/// decides whether an unknown declared encoding made a difference (non-ASCII text). A
/// declared 8-bit encoding was applied when the text was decoded (see [`Declared`]).
pub(crate) fn check_declaration(
    declared: &str,
    encoding: SourceEncoding,
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Undecoded> {
    let kind = Declared::of(declared);
    let contradiction = |found: &str| {
        let error = Error::Encoding {
            message: format!(
                "the declaration says `{declared}` but the byte order mark says {found}"
            ),
            pos: TextPos::new(1, 1),
        };
        Undecoded::new(error, 0, CONTRADICTION_HELP)
    };
    match (encoding, kind) {
        (SourceEncoding::Utf16Le | SourceEncoding::Utf16Be, Declared::Utf16)
        | (SourceEncoding::Utf8Bom, Declared::Utf8) => Ok(()),
        (SourceEncoding::Utf16Le | SourceEncoding::Utf16Be, _) => Err(contradiction("UTF-16")),
        (SourceEncoding::Utf8Bom, _) => Err(contradiction("UTF-8")),
        (SourceEncoding::Utf8, Declared::Utf16) => {
            warnings.push(
                encoding_warning(format!(
                    "the declaration says `{declared}` but the bytes are 8-bit text, read as UTF-8"
                ))
                .with_help(BSTR_HELP),
            );
            Ok(())
        }
        (SourceEncoding::Utf8, Declared::Unknown) if text.is_ascii() => {
            warnings.push(
                encoding_warning(format!(
                    "no encoding is named `{declared}`; the text is plain ASCII and was read as such"
                ))
                .with_help(UNKNOWN_ENCODING_HELP),
            );
            Ok(())
        }
        (SourceEncoding::Utf8, Declared::Unknown) => {
            let error = Error::Encoding {
                message: format!("no encoding is named `{declared}`, so the text cannot be read"),
                pos: TextPos::new(1, 1),
            };
            Err(Undecoded::new(error, 0, UNKNOWN_ENCODING_HELP))
        }
        _ => Ok(()),
    }
}

/// Advice for a payload that declares UTF-16 but is stored as 8-bit text.
const BSTR_HELP: &str = "a provider hands Office its XML as a BSTR, whose text is UTF-16 in \
     memory, so `encoding=\"utf-16\"` is right there; this copy was saved as UTF-8. Nothing \
     needs to change in the provider: save captures as UTF-16 with a byte order mark, or \
     declare `utf-8` in the saved copy";

/// Advice for a declaration that contradicts the byte order mark.
const CONTRADICTION_HELP: &str = "make the declaration name the encoding the byte order mark \
     announces, or drop `encoding` from the declaration";

/// Advice for a declared 8-bit encoding on bytes that are UTF-8.
pub(crate) const DECLARE_UTF8_HELP: &str = "declare `encoding=\"utf-8\"`, which is what the bytes are \
     (or drop `encoding` from the declaration: UTF-8 is the default)";

/// Advice for bytes that are not in the 8-bit encoding the declaration names.
const NOT_DECLARED_HELP: &str =
    "declare the encoding the bytes are really in, or save the file as UTF-8";

/// Advice for a declaration that names no encoding.
const UNKNOWN_ENCODING_HELP: &str =
    "declare the encoding the bytes are in (`utf-8`, `utf-16`, `windows-1252`, ...)";

/// The 8-bit encoding the declaration at the start of `body` names, read from its bytes
/// (the declaration is ASCII in every encoding it may name).
pub(crate) fn declared_in_bytes(body: &[u8]) -> Option<Declared> {
    let head = body.get(..body.len().min(1024)).unwrap_or(body);
    let end = memchr::memmem::find(head, b"?>")?;
    let declaration = std::str::from_utf8(head.get(..end + 2)?).ok()?;
    declared_encoding(declaration).map(|name| Declared::of(&name))
}

/// Refuses a document whose declaration names an 8-bit encoding while its first bytes that
/// are not ASCII are a character of UTF-8 (see [`legacy::utf8_under`]).
pub(crate) fn judge_declared(body: &[u8], declared: Declared) -> Result<(), Undecoded> {
    let Some(first_other) = body.iter().position(|b| !b.is_ascii()) else {
        return Ok(());
    };
    let Some(message) = legacy::utf8_under(declared, body.get(first_other..).unwrap_or_default())
    else {
        return Ok(());
    };
    let before = std::str::from_utf8(body.get(..first_other).unwrap_or_default()).unwrap_or("");
    let error = Error::Encoding {
        message,
        pos: pos_at_end(before),
    };
    Err(Undecoded::new(error, first_other, DECLARE_UTF8_HELP))
}

/// `body` read by `legacy`, in the encoding the declaration names; refused where its bytes
/// are not that encoding, or are UTF-8 instead ([`judge_declared`]).
fn in_declared_encoding(body: &[u8], legacy: Legacy) -> Result<Cow<'_, str>, Undecoded> {
    judge_declared(body, legacy.declared())?;
    if body.is_ascii() {
        // The same text in every encoding a declaration may name here.
        return Ok(Cow::Borrowed(std::str::from_utf8(body).unwrap_or_default()));
    }
    legacy
        .decode_all(body)
        .map(Cow::Owned)
        .map_err(|(good, bad)| {
            let error = Error::Encoding {
                message: bad.message,
                pos: pos_at_end(&good),
            };
            Undecoded::new(error, good.len(), NOT_DECLARED_HELP)
        })
}

fn encoding_warning(message: String) -> Diagnostic {
    Diagnostic::new(
        Code::EncodingMismatch,
        Severity::Warning,
        message,
        Location {
            end: None,
            path: String::new(),
            span: 0..0,
            line: 1,
            column: 1,
        },
    )
    .with_help("declare the encoding the bytes really use (`utf-8` for 8-bit text)")
}

fn utf8(bytes: &[u8]) -> Result<&str, Undecoded> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let good = &bytes[..at];
        // The valid prefix is UTF-8 by construction, so this never falls back.
        let prefix = std::str::from_utf8(good).unwrap_or_default();
        let error = Error::Encoding {
            message: legacy::not_utf8(bytes.get(at..).unwrap_or_default()),
            pos: pos_at_end(prefix),
        };
        Undecoded::new(error, at, legacy::NOT_UTF8_HELP)
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
    fn a_declared_8bit_encoding_is_applied_and_a_lie_refused() {
        // UTF-8 bytes under an 8-bit declaration: the declaration lies.
        let bytes = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>é</a>".as_bytes();
        assert!(decode(bytes).is_err());
        // ASCII is the same text in every encoding named here: nothing to say.
        let ascii = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>e</a>";
        assert_eq!(decode(ascii).unwrap().warnings.len(), 0);
        let latin1 = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xE9</a>";
        let decoded = decode(latin1).unwrap();
        assert!(decoded.text.ends_with("<a>é</a>"), "{}", decoded.text);
        assert_eq!(decoded.encoding, SourceEncoding::Declared("ISO-8859-1"));
    }
}
