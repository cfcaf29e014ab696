//! Byte offsets to 1-based lines and columns, columns in characters: the one function every
//! reader counts with, for text in memory and for streams alike.

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many bytes of `bytes` satisfy `hit`. Counted in runs of 128 into a byte-sized
/// counter, a shape the compiler turns into byte-wide vector compares and adds (a plain
/// `filter().count()` adds 64-bit lanes and runs several times slower).
#[inline(always)]
fn count_where(bytes: &[u8], hit: impl Fn(u8) -> bool) -> usize {
    let mut runs = bytes.chunks_exact(128);
    let mut total = 0usize;
    for run in &mut runs {
        let mut n = 0u8;
        for &b in run {
            n = n.wrapping_add(u8::from(hit(b)));
        }
        total += usize::from(n);
    }
    total + runs.remainder().iter().filter(|&&b| hit(b)).count()
}

/// Characters in a byte slice of UTF-8: bytes that do not continue a sequence.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.len() - count_where(bytes, |b| (b & 0xC0) == 0x80)
}

/// Advances `(line, col)` over `bytes`.
///
/// Short slices are walked byte by byte; long ones (positions worked out rarely, over whole
/// stretches of text) are counted in vectorised runs, and only their last line is walked.
pub(crate) fn advance(line: u32, col: u32, bytes: &[u8]) -> (u32, u32) {
    // One event's worth of text is the common case for readers that count as they go:
    // one pass, no setup.
    if bytes.len() < 64 {
        let (mut line, mut col) = (line, col);
        for &b in bytes {
            if b == b'\n' {
                line = line.saturating_add(1);
                col = 1;
            } else if b & 0xC0 != 0x80 {
                col = col.saturating_add(1);
            }
        }
        return (line, col);
    }
    let newlines = count_where(bytes, |b| b == b'\n');
    if newlines == 0 {
        return (line, col.saturating_add(to_u32(chars_in(bytes))));
    }
    let last = bytes.iter().rposition(|&b| b == b'\n').unwrap_or(0);
    let tail = bytes.get(last + 1..).unwrap_or(&[]);
    (
        line.saturating_add(to_u32(newlines)),
        1u32.saturating_add(to_u32(chars_in(tail))),
    )
}

/// The byte offset in `text` of the character `chars` characters in (`text.len()` for the
/// place just past its last one), or `None` when `text` has fewer characters: how a place
/// counted in characters, as the rules count in values, is found among bytes.
pub(crate) fn byte_of_char(text: &str, chars: usize) -> Option<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .nth(chars)
}

/// Where `inner` (a slice of `outer`) starts within `outer`; 0 if it is not a slice of it.
pub(crate) fn offset_in(outer: &str, inner: &str) -> usize {
    let start = inner.as_ptr().addr().wrapping_sub(outer.as_ptr().addr());
    if start <= outer.len() { start } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::{advance, byte_of_char};

    #[test]
    fn characters_are_found_among_bytes() {
        let text = "é{x}";
        assert_eq!(byte_of_char(text, 0), Some(0));
        assert_eq!(byte_of_char(text, 1), Some(2));
        assert_eq!(byte_of_char(text, 4), Some(5));
        assert_eq!(byte_of_char(text, 5), None);
    }

    /// The plain definition `advance` must agree with.
    fn advance_slowly(mut line: u32, mut col: u32, bytes: &[u8]) -> (u32, u32) {
        for &b in bytes {
            if b == b'\n' {
                line += 1;
                col = 1;
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
        }
        (line, col)
    }

    #[test]
    fn advance_agrees_with_counting_byte_by_byte() {
        let pieces = [
            "a", "\n", "é", "€", "😀", "\r\n", " ", "<x/>", "\u{7F}", "\u{FFFD}",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..200 {
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for cut in [0, 1, 5, 8, 9] {
                let bytes = text.as_bytes().get(cut..).unwrap_or(&[]);
                assert_eq!(
                    advance(3, 7, bytes),
                    advance_slowly(3, 7, bytes),
                    "{text:?} from {cut}"
                );
            }
        }
    }
}
