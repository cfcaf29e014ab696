//! UTF-16 code units to characters, across reads: a byte or a high surrogate left over at
//! the end of one read waits for the next.

use super::decode::SourceEncoding;

/// What is said of bytes that are not UTF-16.
pub(crate) const BAD_UTF16: &str = "invalid UTF-16 (an unpaired surrogate or an odd trailing byte)";

/// The decoding state of one UTF-16 document.
#[derive(Debug, Clone)]
pub(crate) struct Utf16 {
    big_endian: bool,
    /// An odd byte waiting for its partner.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
}

impl Utf16 {
    /// The decoder for `encoding`, `None` when it is not UTF-16.
    pub(crate) fn for_encoding(encoding: SourceEncoding) -> Option<Self> {
        let big_endian = match encoding {
            SourceEncoding::Utf16Le => false,
            SourceEncoding::Utf16Be => true,
            SourceEncoding::Utf8 | SourceEncoding::Utf8Bom | SourceEncoding::Declared(_) => {
                return None;
            }
        };
        Some(Utf16 {
            big_endian,
            odd: None,
            high: None,
        })
    }

    /// Decodes `input` into `out[*end..]` while a whole character (at most four bytes)
    /// still fits; returns how many input bytes were used.
    ///
    /// # Errors
    /// [`BAD_UTF16`] at an unpaired surrogate; `*end` then stands after the last good
    /// character.
    pub(crate) fn decode(
        &mut self,
        input: &[u8],
        out: &mut [u8],
        end: &mut usize,
    ) -> Result<usize, &'static str> {
        let mut used = 0;
        while *end + 4 <= out.len() {
            let first = match self.odd.take() {
                Some(b) => b,
                None => match input.get(used) {
                    Some(&b) => {
                        used += 1;
                        b
                    }
                    None => break,
                },
            };
            let Some(&second) = input.get(used) else {
                self.odd = Some(first);
                break;
            };
            used += 1;
            let unit = if self.big_endian {
                u16::from_be_bytes([first, second])
            } else {
                u16::from_le_bytes([first, second])
            };
            let Some(c) = self.unit(unit)? else {
                continue;
            };
            let len = c.len_utf8();
            if let Some(dst) = out.get_mut(*end..*end + len) {
                c.encode_utf8(dst);
            }
            *end += len;
        }
        Ok(used)
    }

    /// Decodes the whole of `input`, which ends the document.
    ///
    /// # Errors
    /// [`BAD_UTF16`], with the text decoded before the bad unit.
    pub(crate) fn decode_all(mut self, input: &[u8]) -> Result<String, (String, &'static str)> {
        // Two bytes never give more than three of UTF-8, four give at most four.
        let mut out = vec![0u8; input.len() / 2 * 3 + 4];
        let mut end = 0;
        let result = self
            .decode(input, &mut out, &mut end)
            .and_then(|_| self.finish());
        out.truncate(end);
        // Only whole characters were written, so the bytes are UTF-8.
        let text = String::from_utf8(out).unwrap_or_default();
        match result {
            Ok(()) => Ok(text),
            Err(message) => Err((text, message)),
        }
    }

    /// Says whether the document may end here: no odd byte or lone high surrogate waits.
    ///
    /// # Errors
    /// [`BAD_UTF16`] when one does.
    pub(crate) fn finish(&self) -> Result<(), &'static str> {
        match (self.odd, self.high) {
            (None, None) => Ok(()),
            _ => Err(BAD_UTF16),
        }
    }

    /// One code unit: a character, `None` for a high surrogate that waits for its pair.
    fn unit(&mut self, unit: u16) -> Result<Option<char>, &'static str> {
        let decoded = match (self.high.take(), unit) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(unit);
                return Ok(None);
            }
            (Some(high), 0xDC00..=0xDFFF) => char::decode_utf16([high, unit]).next(),
            (None, _) => char::decode_utf16([unit]).next(),
            (Some(_), _) => None,
        };
        match decoded {
            Some(Ok(c)) => Ok(Some(c)),
            _ => Err(BAD_UTF16),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn whole_and_in_pieces_of_every_size() {
        let text = "<a>é😀\u{FFFD}z</a>";
        let bytes = le(text);
        let whole = Utf16::for_encoding(SourceEncoding::Utf16Le).expect("UTF-16");
        assert_eq!(whole.decode_all(&bytes).as_deref(), Ok(text));
        for piece in 1..8 {
            let mut decoder = Utf16::for_encoding(SourceEncoding::Utf16Le).expect("UTF-16");
            let mut out = vec![0u8; 64];
            let mut end = 0;
            for chunk in bytes.chunks(piece) {
                let used = decoder.decode(chunk, &mut out, &mut end).expect("valid");
                assert_eq!(used, chunk.len());
            }
            decoder.finish().expect("nothing waits");
            assert_eq!(
                std::str::from_utf8(&out[..end]),
                Ok(text),
                "pieces of {piece}"
            );
        }
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let big = Utf16::for_encoding(SourceEncoding::Utf16Be).expect("UTF-16");
        assert_eq!(big.decode_all(&be).as_deref(), Ok(text));
        assert!(Utf16::for_encoding(SourceEncoding::Utf8).is_none());
    }

    #[test]
    fn unpaired_surrogates_and_odd_bytes_are_refused_after_the_good_text() {
        let mut lone_low = le("ab");
        lone_low.extend([0x00, 0xDC]);
        let mut lone_high = le("ab");
        lone_high.extend([0x00, 0xD8]);
        let mut odd = le("ab");
        odd.push(b'c');
        for bytes in [lone_low, lone_high, odd] {
            let decoder = Utf16::for_encoding(SourceEncoding::Utf16Le).expect("UTF-16");
            assert_eq!(
                decoder.decode_all(&bytes),
                Err(("ab".to_owned(), BAD_UTF16)),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn output_stops_while_a_character_still_fits() {
        let bytes = le("abcdef");
        let mut decoder = Utf16::for_encoding(SourceEncoding::Utf16Le).expect("UTF-16");
        let mut out = [0u8; 6];
        let mut end = 0;
        let used = decoder.decode(&bytes, &mut out, &mut end).expect("valid");
        assert_eq!((used, end), (6, 3));
    }
}
