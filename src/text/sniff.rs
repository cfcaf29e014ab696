//! What the first bytes of a document say about its encoding.

use super::decode::SourceEncoding;

/// Why UTF-16 without a byte order mark is refused, and what to do about it.
pub(crate) const UTF16_WITHOUT_BOM: &str = "UTF-16 text without a byte order mark is not supported; \
     save it with a byte order mark or as UTF-8";

/// The encoding the start of a document announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// The encoding, by the byte order mark or its absence.
    pub encoding: SourceEncoding,
    /// The length of the byte order mark, which is not part of the text.
    pub bom: usize,
}

/// Looks at the first bytes of a document (at least four, when it has them, so that a
/// byte order mark is seen whole).
///
/// # Errors
/// [`UTF16_WITHOUT_BOM`] when the document starts with `<` as a UTF-16 code unit but has
/// no byte order mark.
pub(crate) fn sniff(head: &[u8]) -> Result<Sniffed, &'static str> {
    let (encoding, bom) = match head {
        [0xEF, 0xBB, 0xBF, ..] => (SourceEncoding::Utf8Bom, 3),
        [0xFF, 0xFE, ..] => (SourceEncoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (SourceEncoding::Utf16Be, 2),
        [0x3C, 0x00, ..] | [0x00, 0x3C, ..] => return Err(UTF16_WITHOUT_BOM),
        _ => (SourceEncoding::Utf8, 0),
    };
    Ok(Sniffed { encoding, bom })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_their_absence() {
        let cases: [(&[u8], SourceEncoding, usize); 5] = [
            (b"\xEF\xBB\xBF<a/>", SourceEncoding::Utf8Bom, 3),
            (b"\xFF\xFE<\0", SourceEncoding::Utf16Le, 2),
            (b"\xFE\xFF\0<", SourceEncoding::Utf16Be, 2),
            (b"<a/>", SourceEncoding::Utf8, 0),
            (b"", SourceEncoding::Utf8, 0),
        ];
        for (head, encoding, bom) in cases {
            assert_eq!(sniff(head), Ok(Sniffed { encoding, bom }), "{head:?}");
        }
    }

    #[test]
    fn utf16_without_a_mark_is_refused() {
        assert_eq!(sniff(b"<\0a\0"), Err(UTF16_WITHOUT_BOM));
        assert_eq!(sniff(b"\0<\0a"), Err(UTF16_WITHOUT_BOM));
    }
}
