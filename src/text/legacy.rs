//! Text in an 8-bit encoding that its XML declaration names (`windows-1252`,
//! `ISO-8859-1`, `us-ascii`, ...): decoded with encoding_rs, whole or a read at a time, and
//! what is said when the bytes are not what the declaration (or its absence) promises.
//!
//! XML names the encoding of a document without a byte order mark in its declaration, and a
//! document is read in that encoding. encoding_rs follows the WHATWG Encoding Standard, which
//! reads the labels `iso-8859-1` and `us-ascii` as windows-1252; XML means them literally, so
//! those two are decoded here as what they say: every byte its own code point, and ASCII only.

use encoding_rs::{DecoderResult, Encoding};

/// How the bytes of a document without a byte order mark are read, by its declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declared {
    /// UTF-8: declared so, or nothing declared.
    Utf8,
    /// UTF-16 declared on 8-bit bytes: a capture of a BSTR, read as UTF-8.
    Utf16,
    /// ASCII only.
    Ascii,
    /// ISO-8859-1 as XML means it: each byte the code point of its value.
    Latin1,
    /// Another encoding encoding_rs knows.
    Other(&'static Encoding),
    /// A name no encoding goes by.
    Unknown,
}

impl Declared {
    /// How a document declaring `label` is read.
    pub(crate) fn of(label: &str) -> Declared {
        let name = label.trim().to_ascii_lowercase();
        match name.as_str() {
            "utf-8" | "utf8" => Declared::Utf8,
            "utf-16" | "utf-16le" | "utf-16be" | "ucs-2" | "iso-10646-ucs-2" => Declared::Utf16,
            "us-ascii" | "ascii" | "iso646-us" | "ansi_x3.4-1968" => Declared::Ascii,
            "iso-8859-1" | "iso_8859-1" | "latin1" | "l1" | "iso-ir-100" | "cp819" => {
                Declared::Latin1
            }
            _ => match Encoding::for_label_no_replacement(name.as_bytes()) {
                Some(e) if e == encoding_rs::UTF_8 => Declared::Utf8,
                Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                    Declared::Utf16
                }
                Some(e) => Declared::Other(e),
                None => Declared::Unknown,
            },
        }
    }

    /// Whether the bytes must be decoded rather than read as UTF-8.
    pub(crate) fn transcodes(self) -> bool {
        matches!(
            self,
            Declared::Ascii | Declared::Latin1 | Declared::Other(_)
        )
    }

    /// The encoding's name, as said in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Declared::Utf8 => "UTF-8",
            Declared::Utf16 => "UTF-16",
            Declared::Ascii => "US-ASCII",
            Declared::Latin1 => "ISO-8859-1",
            Declared::Other(e) => e.name(),
            Declared::Unknown => "an unknown encoding",
        }
    }
}

/// Where decoding stopped on a byte sequence the encoding does not have: how many bytes were
/// read before it, and what is said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// Bytes of input read before the bad sequence.
    pub at: usize,
    /// What is wrong, in words.
    pub message: String,
}

/// The decoding state of one document in a declared 8-bit encoding.
pub(crate) struct Legacy {
    declared: Declared,
    decoder: Option<encoding_rs::Decoder>,
}

impl std::fmt::Debug for Legacy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Legacy")
            .field("declared", &self.declared)
            .finish_non_exhaustive()
    }
}

impl Legacy {
    /// The decoder for a document declared `declared`; `None` when its bytes are read as
    /// UTF-8.
    pub(crate) fn for_declared(declared: Declared) -> Option<Self> {
        let decoder = match declared {
            Declared::Other(e) => Some(e.new_decoder_without_bom_handling()),
            Declared::Ascii | Declared::Latin1 => None,
            Declared::Utf8 | Declared::Utf16 | Declared::Unknown => return None,
        };
        Some(Legacy { declared, decoder })
    }

    /// The encoding the declaration names.
    pub(crate) fn declared(&self) -> Declared {
        self.declared
    }

    /// Decodes `input` into `out[*end..]` while a whole character still fits; returns how
    /// many input bytes were used. `last` says that the input ends with `input`.
    ///
    /// # Errors
    /// At a byte sequence the encoding does not have; `*end` then stands after the last good
    /// character, and [`Undecodable::at`] counts the bytes of `input` before the bad ones.
    pub(crate) fn decode(
        &mut self,
        input: &[u8],
        out: &mut [u8],
        end: &mut usize,
        last: bool,
    ) -> Result<usize, Undecodable> {
        let room = out.get_mut(*end..).unwrap_or_default();
        match (self.declared, self.decoder.as_mut()) {
            (_, Some(decoder)) => {
                let (result, read, written) =
                    decoder.decode_to_utf8_without_replacement(input, room, last);
                *end += written;
                match result {
                    DecoderResult::InputEmpty | DecoderResult::OutputFull => Ok(read),
                    DecoderResult::Malformed(bad, _) => Err(Undecodable {
                        at: read.saturating_sub(usize::from(bad)),
                        message: format!(
                            "{} is not a character in {}, which the declaration names",
                            bytes_at(input, read.saturating_sub(usize::from(bad))),
                            self.declared.name()
                        ),
                    }),
                }
            }
            (Declared::Ascii, None) => {
                let fits = input.len().min(room.len());
                let ascii = input
                    .get(..fits)
                    .unwrap_or_default()
                    .iter()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(fits);
                if let (Some(dst), Some(src)) = (room.get_mut(..ascii), input.get(..ascii)) {
                    dst.copy_from_slice(src);
                }
                *end += ascii;
                if ascii < fits {
                    return Err(Undecodable {
                        at: ascii,
                        message: format!(
                            "{} is not ASCII, which the declaration (`us-ascii`) promises{}",
                            bytes_at(input, ascii),
                            looks_like(input.get(ascii..).unwrap_or_default())
                        ),
                    });
                }
                Ok(ascii)
            }
            (_, None) => {
                // ISO-8859-1: each byte is the code point of its value, one or two bytes
                // of UTF-8.
                let mut used = 0;
                for &b in input {
                    let c = char::from(b);
                    let len = c.len_utf8();
                    let Some(dst) = out.get_mut(*end..*end + len) else {
                        break;
                    };
                    c.encode_utf8(dst);
                    *end += len;
                    used += 1;
                }
                Ok(used)
            }
        }
    }

    /// Decodes the whole of `input`, which is the document.
    ///
    /// # Errors
    /// At the first byte sequence the encoding does not have, with the text before it.
    pub(crate) fn decode_all(mut self, input: &[u8]) -> Result<String, (String, Undecodable)> {
        // No single-byte or legacy multi-byte encoding takes more than three bytes of
        // UTF-8 per byte of input.
        let mut out = vec![0u8; input.len().saturating_mul(3).saturating_add(16)];
        let mut end = 0;
        let result = self.decode(input, &mut out, &mut end, true);
        out.truncate(end);
        // Only whole characters were written, so the bytes are UTF-8.
        let text = String::from_utf8(out).unwrap_or_default();
        match result {
            Ok(_) => Ok(text),
            Err(bad) => Err((text, bad)),
        }
    }
}

/// What is said when the first bytes of a document that are not ASCII, `from` (from the first
/// such byte on; four bytes are enough), are a character of UTF-8 although the declaration
/// names the 8-bit encoding `declared`: the declaration lies, and the character would be
/// misread. `None` when they are not UTF-8. Only that character is looked at, so that a text
/// and a stream (which meets it wherever its reads bring it) decide alike.
pub(crate) fn utf8_under(declared: Declared, from: &[u8]) -> Option<String> {
    let len = match from.first()? {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let meant = std::str::from_utf8(from.get(..len)?).ok()?.chars().next()?;
    let misread = Legacy::for_declared(declared)
        .and_then(|l| l.decode_all(from.get(..len)?).ok())
        .unwrap_or_default();
    let misread = if misread.is_empty() {
        format!("`{meant}` is not {}", declared.name())
    } else {
        format!("`{meant}` would be read as `{misread}`")
    };
    Some(format!(
        "the declaration says {} but the bytes are UTF-8: {misread}",
        declared.name()
    ))
}

/// What is said of bytes that are not UTF-8, `bad` being the input from the first bad byte
/// on (as far as it is at hand): the byte, and what the bytes look like. Only the bytes at
/// the mistake are looked at, so that the same bytes get the same words however much of the
/// document is at hand.
pub(crate) fn not_utf8(bad: &[u8]) -> String {
    format!(
        "{} is not UTF-8, which the document is read as{}",
        bytes_at(bad, 0),
        looks_like(bad)
    )
}

/// How to get past bytes that are not UTF-8.
pub(crate) const NOT_UTF8_HELP: &str = "save the file as UTF-8, or declare the encoding its bytes \
     are in: `<?xml version=\"1.0\" encoding=\"windows-1252\"?>` for text saved by Windows \
     in Western European languages";

/// `byte 0xE9` for the byte at `at`, named as bytes are in messages.
fn bytes_at(input: &[u8], at: usize) -> String {
    match input.get(at) {
        Some(b) => format!("byte 0x{b:02X}"),
        None => "the end of the input".to_owned(),
    }
}

/// What 8-bit text starting at `bad` looks like, as a clause to add to a message: in
/// windows-1252 (the encoding of most text that is not UTF-8 by mistake) the byte is a
/// letter or sign; NUL bytes mean UTF-16 saved without its byte order mark.
fn looks_like(bad: &[u8]) -> String {
    let Some(&first) = bad.first() else {
        return String::new();
    };
    if bad.iter().take(16).any(|&b| b == 0) {
        return "; the bytes look like UTF-16 without a byte order mark".to_owned();
    }
    let byte = [first];
    let (decoded, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    match decoded.chars().next() {
        Some(c) if !c.is_control() => {
            format!("; in windows-1252 it is `{c}`, so the file looks like windows-1252 text")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_as_xml_means_them() {
        assert_eq!(Declared::of("ISO-8859-1"), Declared::Latin1);
        assert_eq!(Declared::of("us-ascii"), Declared::Ascii);
        assert_eq!(Declared::of("UTF-8"), Declared::Utf8);
        assert_eq!(Declared::of("utf-16"), Declared::Utf16);
        assert_eq!(
            Declared::of("windows-1252"),
            Declared::Other(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(Declared::of("no-such-thing"), Declared::Unknown);
    }

    #[test]
    fn latin1_maps_every_byte_to_its_code_point() {
        let legacy = Legacy::for_declared(Declared::Latin1).expect("decodes");
        assert_eq!(legacy.decode_all(b"Ren\xE9e \x80").unwrap(), "Renée \u{80}");
    }

    #[test]
    fn windows_1252_decodes_its_upper_half() {
        let legacy = Legacy::for_declared(Declared::of("windows-1252")).expect("decodes");
        assert_eq!(legacy.decode_all(b"\x93Ren\xE9e\x94").unwrap(), "“Renée”");
    }

    #[test]
    fn ascii_stops_at_the_first_other_byte() {
        let legacy = Legacy::for_declared(Declared::Ascii).expect("decodes");
        let (text, bad) = legacy.decode_all(b"Ren\xE9e").unwrap_err();
        assert_eq!(text, "Ren");
        assert_eq!(bad.at, 3);
        assert!(bad.message.contains("0xE9"), "{}", bad.message);
        assert!(bad.message.contains('é'), "{}", bad.message);
    }

    #[test]
    fn in_pieces_as_whole() {
        let bytes = "Zoë “quoted” Łódź".as_bytes();
        let cp1250 = encoding_rs::WINDOWS_1250
            .encode(std::str::from_utf8(bytes).unwrap())
            .0;
        for piece in 1..5 {
            let mut legacy =
                Legacy::for_declared(Declared::Other(encoding_rs::WINDOWS_1250)).expect("decodes");
            let mut out = vec![0u8; 256];
            let mut end = 0;
            let mut input = &cp1250[..];
            while !input.is_empty() {
                let take = piece.min(input.len());
                let last = take == input.len();
                let used = legacy
                    .decode(&input[..take], &mut out, &mut end, last)
                    .expect("decodes");
                input = &input[used..];
            }
            assert_eq!(
                std::str::from_utf8(&out[..end]).unwrap(),
                "Zoë “quoted” Łódź"
            );
        }
    }

    #[test]
    fn not_utf8_says_what_the_byte_is_in_windows_1252() {
        let said = not_utf8(b"\xE9e</firstName>");
        assert!(said.contains("0xE9") && said.contains('é'), "{said}");
        assert!(not_utf8(b"\xFF\x00<\x00").contains("UTF-16"));
    }
}
