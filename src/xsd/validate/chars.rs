//! Characters: the fast scans over plain text (which characters XML allows is decided in
//! [`crate::markup`]).

pub(super) use crate::markup::{first_illegal_char, is_xml_char};
pub(super) use crate::text::offset_in;

pub(super) fn all_space(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// How much whitespace the validator passes over at offset `at` of `text`, when `wanted`
/// (the reader stands at text the current element ignores) and markup follows it: the
/// reader's input is moved past it, so quick-xml never reads it (reading it would cost a
/// search and a UTF-8 check of every byte, for an event nobody looks at). The reader's
/// positions then lag the text's by what was passed over, which the caller adds.
#[inline]
pub(super) fn pass_blank(
    reader: &mut quick_xml::Reader<&[u8]>,
    text: &[u8],
    at: usize,
    wanted: bool,
) -> Option<usize> {
    if !wanted {
        return None;
    }
    let n = blank_before_markup(text, at)?;
    let input = reader.get_mut();
    *input = input.get(n..).unwrap_or_default();
    Some(n)
}

/// The length of the whitespace at `text[i..]` when markup (`<`) follows it within
/// `text`: a text event that is whitespace only. `None` when there is none, or when the
/// text goes on or may go on past `text`.
#[inline]
fn blank_before_markup(text: &[u8], i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let n = rest
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?;
    (n > 0 && rest.get(n) == Some(&b'<')).then_some(n)
}

/// The characters in `s` if it is plain text: no byte below 0x20 (control characters,
/// line ends, tabs), no 0xEF (the lead byte of U+FFFE and U+FFFF) and no `]` (which may
/// start a `]]>`); `None` otherwise, for the general path to look closer. Eight bytes at a
/// time, without decoding.
#[inline]
pub(super) fn plain_chars(s: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `x` is below 0x20 or equals 0xEF, and how many bytes continue a
    // UTF-8 sequence (10xxxxxx), summed through a multiplication.
    let look = |x: u64| {
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        let z = x ^ (ONES * u64::from(b']'));
        let bracket = z.wrapping_sub(ONES) & !z & HIGHS;
        let continuations = (x & !(x << 1) & HIGHS) >> 7;
        (
            below | ef | bracket != 0,
            (continuations.wrapping_mul(ONES) >> 56) as usize,
        )
    };
    let mut words = s.chunks_exact(8);
    let mut continuations = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let (odd, n) = look(u64::from_le_bytes(word));
        if odd {
            return None;
        }
        continuations += n;
    }
    // Pad the tail with spaces, which are plain and start no sequence.
    let tail = words
        .remainder()
        .iter()
        .rev()
        .fold(ONES * u64::from(b' '), |acc, &b| (acc << 8) | u64::from(b));
    let (odd, n) = look(tail);
    if odd {
        return None;
    }
    Some(s.len() - continuations - n)
}
