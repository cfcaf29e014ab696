//! Names boiled down to a few machine words, so that the common comparisons (a start tag
//! against a particle, an end tag against its start tag) need no `memcmp`.

/// A name boiled down for quick comparison: its length, first eight and last eight bytes
/// (overlapping for shorter names, zero-padded below eight), which decide equality
/// outright for names of up to sixteen bytes without a call to `memcmp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameKey {
    len: usize,
    head: u64,
    tail: u64,
}

impl NameKey {
    #[inline]
    pub fn of(name: &str) -> Self {
        let b = name.as_bytes();
        let len = b.len();
        let head = b.get(..8).map_or_else(|| short_word(b), word);
        let tail = match len.checked_sub(8).and_then(|i| b.get(i..)) {
            Some(last) => word(last),
            None => head,
        };
        NameKey { len, head, tail }
    }

    /// Whether the key holds every byte of the name (up to sixteen bytes).
    #[inline]
    pub fn is_whole(self) -> bool {
        self.len <= 16
    }

    /// The name again, when the key holds all of it.
    pub fn spelled(self) -> Option<String> {
        let head = self.head.to_le_bytes();
        let tail = self.tail.to_le_bytes();
        let mut bytes = head.get(..self.len.min(8))?.to_vec();
        if self.len > 8 {
            bytes.extend_from_slice(tail.get(16usize.checked_sub(self.len)?..)?);
        }
        String::from_utf8(bytes).ok()
    }

    /// Whether `name`, whose key this is, equals `other`, whose key is `key`.
    #[inline]
    pub fn matches(self, name: &str, key: NameKey, other: &str) -> bool {
        self == key && (self.len <= 16 || name == other)
    }
}

/// Eight bytes as a little-endian word; zero for any other length.
#[inline]
fn word(b: &[u8]) -> u64 {
    <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes)
}

/// Up to seven bytes as a little-endian word, zero-padded: two overlapping loads rather
/// than a loop over the bytes (overlapping bytes hold the same value in both).
#[inline]
fn short_word(b: &[u8]) -> u64 {
    let len = b.len();
    let pair = |n: usize| -> Option<(u64, u64)> {
        let lo = b.get(..n)?;
        let hi = b.get(len.checked_sub(n)?..)?;
        let load = |s: &[u8]| {
            s.iter()
                .rev()
                .fold(0u64, |acc, &x| (acc << 8) | u64::from(x))
        };
        Some((load(lo), load(hi)))
    };
    let (n, (lo, hi)) = match len {
        4..=7 => (4, pair(4).unwrap_or_default()),
        2..=3 => (2, pair(2).unwrap_or_default()),
        1 => return b.first().map_or(0, |&x| u64::from(x)),
        _ => return 0,
    };
    lo | hi << (8 * (len - n))
}
