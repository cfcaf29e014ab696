//! A buffered reader that knows the line and column of everything consumed so far.
//!
//! quick-xml consumes its input event by event, so the position before each read is the
//! start of the next event; this gives exact positions for streams we never hold whole.
//! Lines are counted lazily, over whole stretches of the buffer: when a position is asked
//! for, and before the buffer is refilled. A reader that asks only now and then (to place
//! a few findings) pays for a fast count of line ends, not for work per event.

use std::io::{self, BufRead, Read};

use crate::error::TextPos;
use crate::text;

/// Bytes read from the input at a time.
const BUFFER: usize = 64 * 1024;

pub(crate) struct Tracked<R> {
    inner: R,
    buf: Box<[u8]>,
    /// The unconsumed bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    /// `buf[..counted]` is already in `line` and `column`.
    counted: usize,
    line: u32,
    column: u32,
    /// Byte offset of `buf[start]` in the whole input.
    offset: usize,
    /// Bytes that may be consumed past `budget_from` before reading refuses to go on.
    budget: usize,
    budget_from: usize,
    /// The error to fail with when the budget is spent.
    spent: fn() -> io::Error,
}

impl<R: BufRead> Tracked<R> {
    pub fn new(inner: R) -> Self {
        Tracked {
            inner,
            buf: vec![0; BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            counted: 0,
            line: 1,
            column: 1,
            offset: 0,
            budget: usize::MAX,
            budget_from: 0,
            spent: || io::Error::other("the reading budget is spent"),
        }
    }

    /// Lets at most `budget` bytes be consumed after each [`Tracked::start_budget`] before
    /// reading fails with `spent()`, so that one event of a hostile stream cannot make the
    /// caller buffer without end.
    pub fn set_budget(&mut self, budget: usize, spent: fn() -> io::Error) {
        self.budget = budget;
        self.spent = spent;
    }

    /// Starts the budget over from here.
    pub fn start_budget(&mut self) {
        self.budget_from = self.offset;
    }

    /// Byte offset of the next byte to be consumed.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Position of the next byte to be consumed.
    pub fn pos(&mut self) -> TextPos {
        self.count_to(self.start);
        TextPos::new(self.line, self.column)
    }

    fn count_to(&mut self, to: usize) {
        if let Some(consumed) = self.buf.get(self.counted..to) {
            (self.line, self.column) = text::advance(self.line, self.column, consumed);
            self.counted = to;
        }
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.offset - self.budget_from > self.budget {
            return Err((self.spent)());
        }
        if self.start == self.end {
            // Everything buffered was consumed: count it before it is overwritten.
            self.count_to(self.start);
            let n = {
                let from = self.inner.fill_buf()?;
                let n = from.len().min(self.buf.len());
                self.buf[..n].copy_from_slice(&from[..n]);
                n
            };
            self.inner.consume(n);
            self.start = 0;
            self.end = n;
            self.counted = 0;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.end - self.start);
        self.start += amount;
        self.offset = self.offset.saturating_add(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_across_refills() {
        // Longer than the buffer, with multi-byte characters on both sides of the refill.
        let mut text = "é\n".repeat(BUFFER / 3);
        text.push_str("abc");
        let mut tracked = Tracked::new(text.as_bytes());
        let mut consumed = 0;
        while consumed < text.len() - 1 {
            let n = tracked
                .fill_buf()
                .unwrap()
                .len()
                .min(text.len() - 1 - consumed)
                .min(7);
            tracked.consume(n);
            consumed += n;
        }
        let lines = u32::try_from(BUFFER / 3).unwrap();
        assert_eq!(tracked.pos(), TextPos::new(lines + 1, 3));
        assert_eq!(tracked.offset(), text.len() - 1);
    }
}
