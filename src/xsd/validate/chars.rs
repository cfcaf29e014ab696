//! Characters: which ones XML allows, and the fast scans over plain text.

pub(super) fn all_space(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// XML 1.0's `Char` production.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character XML forbids in `s`. Only C0 controls and U+FFFE/U+FFFF can occur in
/// a Rust string yet be illegal, so a scan for bytes below 0x20 or equal to 0xEF (the lead
/// byte of U+FFFE/U+FFFF) decides the common case eight bytes at a time, without decoding.
pub(super) fn first_illegal_char(s: &str) -> Option<char> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut suspect = false;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // A byte below 0x20, or a byte equal to 0xEF (zero after the xor).
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        if below | ef != 0 {
            suspect = true;
            break;
        }
    }
    if !suspect {
        // Pad the tail with spaces, which pass, and test it the same way.
        let x = chunks
            .remainder()
            .iter()
            .rev()
            .fold(ONES * u64::from(b' '), |acc, &b| (acc << 8) | u64::from(b));
        let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let y = x ^ (ONES * 0xEF);
        let ef = y.wrapping_sub(ONES) & !y & HIGHS;
        suspect = below | ef != 0;
    }
    if suspect {
        s.chars().find(|&c| !is_xml_char(c))
    } else {
        None
    }
}

/// Where whitespace that the validator passes over ends, at offset `at` of `text`, when
/// `wanted` (the reader stands at text the current element ignores); the reader is set to
/// trim exactly that whitespace from the next text event, so the two always agree.
#[inline]
pub(super) fn pass_blank<R>(
    reader: &mut quick_xml::Reader<R>,
    text: &[u8],
    at: usize,
    wanted: bool,
) -> Option<usize> {
    let blank = if wanted {
        blank_before_markup(text, at)
    } else {
        None
    };
    reader.config_mut().trim_text_start = blank.is_some();
    blank
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
/// line ends, tabs) and no 0xEF (the lead byte of U+FFFE and U+FFFF); `None` otherwise,
/// for the general path to look closer. Eight bytes at a time, without decoding.
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
        let continuations = (x & !(x << 1) & HIGHS) >> 7;
        (
            below | ef != 0,
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

pub(super) fn illegal_char(c: char) -> String {
    format!("character U+{:04X} is not allowed in XML", u32::from(c))
}

/// Where `inner` (a slice of `outer`) starts within `outer`; 0 if it is not a slice of it.
pub(super) fn offset_in(outer: &str, inner: &str) -> usize {
    let start = inner.as_ptr().addr().wrapping_sub(outer.as_ptr().addr());
    if start <= outer.len() { start } else { 0 }
}
