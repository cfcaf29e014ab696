//! A `BufRead` wrapper that knows the line and column of everything consumed so far.
//!
//! quick-xml consumes its input event by event, so the position before each read is the
//! start of the next event; this gives exact positions for streams we never hold whole.

use std::io::{self, BufRead, Read};

use crate::error::TextPos;

pub(crate) struct Tracked<R> {
    inner: R,
    line: u32,
    column: u32,
    offset: usize,
}

impl<R: BufRead> Tracked<R> {
    pub fn new(inner: R) -> Self {
        Tracked {
            inner,
            line: 1,
            column: 1,
            offset: 0,
        }
    }

    /// Byte offset of the next byte to be consumed.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Position of the next byte to be consumed.
    pub fn pos(&self) -> TextPos {
        TextPos::new(self.line, self.column)
    }

    fn advance(&mut self, consumed: &[u8]) {
        for &b in consumed {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                self.column = self.column.saturating_add(1);
            }
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
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // The bytes about to be consumed are still buffered, so this does no I/O.
        if let Ok(buffered) = self.inner.fill_buf() {
            let n = amount.min(buffered.len());
            let chunk = buffered[..n].to_vec();
            self.advance(&chunk);
        }
        self.offset = self.offset.saturating_add(amount);
        self.inner.consume(amount);
    }
}
