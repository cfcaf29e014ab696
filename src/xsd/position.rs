//! Byte offsets → 1-based line and column (in characters), computed only for diagnostics.
//!
//! The validator remembers positions as byte offsets, *marks*, and turns one into a line
//! and column only when a finding needs it. For text held in memory that is a scan forward
//! from the last answer (so a whole run costs O(n) however many findings there are). For
//! a stream the text may be gone by then: findings get a placeholder, filled in by the
//! stream's source right after the event, while the text is still at hand (see
//! [`StreamLocator`] and `source::Lines`).

use crate::text::advance;

/// Something that turns marks into lines and columns.
pub(crate) trait Locate {
    /// A remembered position, cheap to copy.
    type Mark: Copy + std::fmt::Debug;
    /// The byte offset of a mark in the decoded text.
    fn offset(mark: Self::Mark) -> usize;
    /// Line and column of a mark.
    fn line_col(&mut self, mark: Self::Mark) -> (u32, u32);
    /// Line and column `lead + skipped.len()` bytes after `mark`, where the text after the
    /// mark is `lead` ASCII non-newline bytes followed by `skipped`.
    fn line_col_after(&mut self, mark: Self::Mark, lead: usize, skipped: &str) -> (u32, u32);
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Positions in text held in memory; marks are byte offsets.
#[derive(Debug)]
pub(crate) struct StrLocator<'t> {
    text: &'t str,
    offset: usize,
    line: u32,
    col: u32,
}

impl<'t> StrLocator<'t> {
    /// A locator at the start of `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        StrLocator {
            text,
            offset: 0,
            line: 1,
            col: 1,
        }
    }

    fn at(&mut self, target: usize) -> (u32, u32) {
        let bytes = self.text.as_bytes();
        let mut target = target.min(bytes.len());
        // A mark never lands inside a character, but be safe: step back to a boundary.
        while !self.text.is_char_boundary(target) {
            target -= 1;
        }
        if target < self.offset {
            // Rare (diagnostics mostly come in document order): step back to the start of
            // the target's line, then forward.
            let between = bytes.get(target..self.offset).unwrap_or(&[]);
            let newlines = between.iter().filter(|&&b| b == b'\n').count();
            let before = bytes.get(..target).unwrap_or(&[]);
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            self.line = self.line.saturating_sub(to_u32(newlines)).max(1);
            self.col = 1;
            self.offset = line_start;
        }
        let span = bytes.get(self.offset..target).unwrap_or(&[]);
        let (line, col) = advance(self.line, self.col, span);
        self.line = line;
        self.col = col;
        self.offset = target;
        (line, col)
    }
}

impl Locate for StrLocator<'_> {
    type Mark = usize;

    fn offset(mark: usize) -> usize {
        mark
    }

    fn line_col(&mut self, mark: usize) -> (u32, u32) {
        self.at(mark)
    }

    fn line_col_after(&mut self, mark: usize, lead: usize, skipped: &str) -> (u32, u32) {
        self.at(mark + lead + skipped.len())
    }
}

/// The effect of some text on a position: as [`advance`] from line 0, column `lead`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Delta {
    newlines: u32,
    /// With no newline, columns to add; otherwise the column itself.
    col: u32,
}

impl Delta {
    const NONE: Delta = Delta {
        newlines: 0,
        col: 0,
    };

    fn over(lead: usize, skipped: &[u8]) -> Delta {
        let (newlines, col) = advance(0, to_u32(lead), skipped);
        Delta { newlines, col }
    }

    fn apply(self, (line, col): (u32, u32)) -> (u32, u32) {
        if self.newlines == 0 {
            (line, col.saturating_add(self.col))
        } else {
            (line.saturating_add(self.newlines), self.col)
        }
    }
}

/// A position asked for before it could be known: `delta` after the mark at `offset`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pending {
    offset: usize,
    delta: Delta,
}

impl Pending {
    /// The mark the position is relative to.
    pub(crate) fn offset(self) -> usize {
        self.offset
    }

    /// The position, given that of the mark.
    pub(crate) fn from(self, mark: (u32, u32)) -> (u32, u32) {
        self.delta.apply(mark)
    }
}

/// Positions in a stream; marks are byte offsets in the decoded text. Every answer is a
/// placeholder: line 0 and, as the column, the index of a [`Pending`] entry, which the
/// driver resolves against the stream right after the event and writes into the finding.
#[derive(Debug, Default)]
pub(crate) struct StreamLocator {
    pending: Vec<Pending>,
}

impl StreamLocator {
    fn defer(&mut self, offset: usize, delta: Delta) -> (u32, u32) {
        let index = to_u32(self.pending.len());
        self.pending.push(Pending { offset, delta });
        (0, index)
    }

    /// Whether placeholders were handed out since the last [`StreamLocator::clear`].
    #[inline]
    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The entry a placeholder column refers to.
    pub(crate) fn pending(&self, index: u32) -> Option<Pending> {
        self.pending.get(index as usize).copied()
    }

    /// Forgets the placeholders, once they are all resolved.
    pub(crate) fn clear(&mut self) {
        self.pending.clear();
    }
}

impl Locate for StreamLocator {
    type Mark = usize;

    fn offset(mark: usize) -> usize {
        mark
    }

    fn line_col(&mut self, mark: usize) -> (u32, u32) {
        self.defer(mark, Delta::NONE)
    }

    fn line_col_after(&mut self, mark: usize, lead: usize, skipped: &str) -> (u32, u32) {
        self.defer(mark, Delta::over(lead, skipped.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_lines_count_newlines() {
        let text = "ab\né€x\n\nz";
        let mut loc = StrLocator::new(text);
        assert_eq!(loc.line_col(0), (1, 1));
        assert_eq!(loc.line_col(2), (1, 3));
        let x = text.find('x').unwrap();
        assert_eq!(loc.line_col(x), (2, 3));
        let z = text.find('z').unwrap();
        assert_eq!(loc.line_col(z), (4, 1));
        // Going backwards still answers correctly.
        assert_eq!(loc.line_col(x), (2, 3));
        assert_eq!(loc.line_col(1), (1, 2));
        assert_eq!(loc.line_col_after(3, 0, "é€"), (2, 3));
    }

    #[test]
    fn stream_positions_are_answered_through_pending_entries() {
        let mut loc = StreamLocator::default();
        let (line, index) = loc.line_col_after(7, 1, "a\nbc");
        assert_eq!(line, 0);
        let p = loc.pending(index).unwrap();
        assert_eq!((p.offset(), p.from((5, 9))), (7, (6, 3)));
        let (_, index) = loc.line_col_after(7, 1, "é");
        assert_eq!(loc.pending(index).unwrap().from((5, 9)), (5, 11));
        let (_, index) = loc.line_col(3);
        assert_eq!(loc.pending(index).unwrap().from((2, 2)), (2, 2));
        assert!(loc.has_pending());
        loc.clear();
        assert!(!loc.has_pending());
    }
}
