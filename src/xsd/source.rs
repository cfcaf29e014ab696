//! Opening a byte stream for validation: byte order marks, UTF-16 transcoded to UTF-8 on
//! the fly so the validator only ever sees UTF-8, the text handed out in chunks, and line
//! and column counting.
//!
//! A [`Feed`] owns one large buffer of decoded text. UTF-8 input is read straight into
//! it. Each chunk is parsed with quick-xml's reader for text in memory, which borrows
//! events from the buffer instead of copying each one, as its reader over a `BufRead`
//! must; an event cut off by the end of a chunk is parsed again, whole, at the start of
//! the next one (see `validate::chunks`, which also parses the next chunk while the
//! current one is validated).
//!
//! Lines and columns are counted only when a finding asks for one ([`Lines::position`]),
//! and once over each chunk after it is validated, in long vectorised runs. A finding can
//! only ask about the event just read or an element still open, so the offsets of open
//! elements are *kept*: their positions are worked out on the way past and outlive their
//! chunk.

use std::io::{self, BufRead};

use crate::diagnostic::Diagnostic;

use crate::text;
use crate::text::advance;
use crate::text::decode::{
    SourceEncoding, check_declaration, declared_encoding, declared_in_bytes, encoding_finding,
    judge_declared,
};
use crate::text::legacy::Declared;

/// Bytes of decoded text read at once. Large enough that refills (and the system calls
/// behind them, when the caller's buffer is smaller and gets bypassed) are rare; small
/// enough that memory stays flat. The buffer grows only for an event larger than half of
/// it.
const CHUNK: usize = 256 * 1024;

/// The UTF-8 byte order mark. quick-xml drops one at the start of what it reads.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Put before a chunk that starts with [`BOM`] bytes (U+FEFF inside the document), so
/// quick-xml does not drop them: an empty comment, whose event the driver skips.
const SHIELD: &[u8] = b"<!---->";

/// Why a stream could not be opened.
#[derive(Debug)]
pub(crate) enum Source {
    /// The stream's encoding is refused; the diagnostic says why.
    Refused(Box<Diagnostic>),
    /// Reading failed.
    Io(io::Error),
}

/// The stream as UTF-8 text, a chunk at a time.
#[derive(Debug)]
pub(crate) struct Feed<R> {
    inner: R,
    /// What the byte order mark (or its absence) says the bytes are.
    encoding: SourceEncoding,
    utf16: Option<text::Utf16>,
    /// The decoder of an 8-bit encoding the declaration names, once it is known.
    legacy: Option<text::Legacy>,
    /// Bytes read ahead but not decoded yet (a sequence cut by the end of a read).
    pending: Vec<u8>,
    /// Whether the first character that is not ASCII was looked at under a declared 8-bit
    /// encoding (see [`text::legacy::utf8_under`]).
    judged: bool,
    /// The 8-bit encoding the declaration names, once it is known to be one.
    declared: Declared,
    failed: Option<String>,
    /// The input is exhausted (or undecodable from here on).
    done: bool,
    /// Whether the start of the document was looked at for a second byte order mark.
    bom_checked: bool,
    /// A second byte order mark follows the first: the document is not well-formed.
    second_bom: bool,
    /// `buf[from..lead]` is [`SHIELD`] or nothing, `buf[lead..end]` the chunk's text.
    buf: Vec<u8>,
    from: usize,
    lead: usize,
    end: usize,
    /// The offset in the document of the chunk's first byte of text.
    base: usize,
}

/// One chunk of the document, as the driver needs it.
pub(crate) struct Chunk<'f> {
    /// What quick-xml reads: the shield, if any, then the text.
    pub text: &'f [u8],
    /// Bytes of shield before the text.
    pub shield: usize,
    /// Whether the document ends with this chunk.
    pub last: bool,
    /// Why the document cannot be read past this chunk, if it cannot.
    pub failed: Option<&'f str>,
    /// The offset in the document of the text's first byte.
    pub base: usize,
}

/// An offset in the decoded text with its line and column, which are 0 until known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    offset: usize,
    line: u32,
    col: u32,
}

impl Point {
    const START: Point = Point {
        offset: 0,
        line: 1,
        col: 1,
    };

    fn unknown(offset: usize) -> Self {
        Point {
            offset,
            line: 0,
            col: 0,
        }
    }

    fn is_known(self) -> bool {
        self.line != 0
    }
}

/// Peeks at the start of `input` and sets up decoding.
pub(crate) fn open_stream<R: BufRead>(mut input: R) -> Result<Feed<R>, Source> {
    // Read the first four bytes whatever the caller's buffer size, so a byte order mark is
    // always seen whole.
    let mut head = [0u8; 4];
    let mut got = 0;
    while let Some(rest) = head.get_mut(got..).filter(|r| !r.is_empty()) {
        match input.read(rest) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Source::Io(e)),
        }
    }
    let head = head.get(..got).unwrap_or(&[]);
    let sniffed = text::sniff(head)
        .map_err(|message| Source::Refused(Box::new(encoding_diagnostic(message))))?;
    let rest = head.get(sniffed.bom..).unwrap_or(&[]);
    let encoding = sniffed.encoding;
    let mut feed = Feed {
        inner: input,
        encoding,
        utf16: text::Utf16::for_encoding(encoding),
        legacy: None,
        pending: Vec::new(),
        judged: false,
        declared: Declared::Utf8,
        failed: None,
        done: false,
        bom_checked: false,
        second_bom: false,
        buf: vec![0; CHUNK],
        from: 0,
        lead: 0,
        end: 0,
        base: 0,
    };
    // The bytes after the mark are the start of the text.
    match feed.utf16.as_mut() {
        None => {
            if let Some(dst) = feed.buf.get_mut(..rest.len()) {
                dst.copy_from_slice(rest);
            }
            feed.end = rest.len();
        }
        Some(decoder) => {
            if let Err(message) = decoder.decode(rest, &mut feed.buf, &mut feed.end) {
                feed.failed = Some(message.into());
            }
        }
    }
    Ok(feed)
}

fn encoding_diagnostic(message: &str) -> Diagnostic {
    let start = crate::error::TextPos::new(1, 1);
    encoding_finding(message, start, 0..0, crate::text::ENCODING_HELP)
}

impl<R: BufRead> Feed<R> {
    /// Fills the first chunk as far as it goes, so that [`Feed::check_declaration`] sees
    /// the declaration whole however little each read brings.
    pub(crate) fn read_ahead(&mut self) -> io::Result<()> {
        self.fill(self.buf.len())?;
        if !self.bom_checked {
            self.check_start();
        }
        Ok(())
    }

    /// At the document's start (or not enough of it to tell): quick-xml drops a byte
    /// order mark there without counting it, as it does for text in memory, so when a
    /// second mark follows the first, it is dropped here the same way, and noted: the
    /// document is refused for it ([`Feed::second_bom`]).
    fn check_start(&mut self) {
        let text = self.buf.get(self.lead..self.end).unwrap_or(&[]);
        if text.len() >= BOM.len() || self.done {
            self.bom_checked = true;
            if text.starts_with(BOM) {
                self.lead += BOM.len();
                self.second_bom = true;
            }
        }
        self.from = self.lead;
    }

    /// Whether a second byte order mark follows the first (known once the first chunk is
    /// read ahead).
    pub(crate) fn second_bom(&self) -> bool {
        self.second_bom
    }

    /// Checks the XML declaration at the start of the first chunk against the byte order
    /// mark, as decoding a whole text does. Returns the warnings, or the finding that
    /// refuses the stream. Whether a declared encoding other than UTF-8 matters (the text
    /// is not all ASCII) is judged on the first chunk, 256 KiB: the whole of most
    /// documents.
    pub(crate) fn check_declaration(&mut self) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let raw = self.buf.get(self.lead..self.end).unwrap_or(&[]);
        if self.encoding == SourceEncoding::Utf8 {
            if let Some(declared) = declared_in_bytes(raw).filter(|d| d.transcodes()) {
                // Bytes that are UTF-8 under an 8-bit declaration are refused as they are
                // in a whole text, when the first chunk holds the first character that is
                // not ASCII whole; otherwise it is judged when decoding meets it.
                let first_other = raw.iter().position(|b| !b.is_ascii());
                if first_other.is_some_and(|at| raw.len() - at >= 4 || self.done) {
                    judge_declared(raw, declared).map_err(|u| Box::new(u.diagnostic()))?;
                    self.judged = true;
                }
                self.start_decoding(declared);
                return Ok(Vec::new());
            }
        }
        let text = self.buf.get(self.lead..self.end).unwrap_or(&[]);
        let text = match std::str::from_utf8(text) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(text.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
        };
        let Some(declared) = declared_encoding(text) else {
            return Ok(Vec::new());
        };
        let mut warnings = Vec::new();
        match check_declaration(&declared, self.encoding, text, &mut warnings) {
            Ok(()) => Ok(warnings),
            Err(undecoded) => Err(Box::new(undecoded.diagnostic())),
        }
    }

    /// Decodes the text read so far, and all that follows, in the 8-bit encoding the
    /// declaration names.
    fn start_decoding(&mut self, declared: Declared) {
        let Some(mut legacy) = text::Legacy::for_declared(declared) else {
            return;
        };
        self.declared = declared;
        let raw = self.buf.get(self.lead..self.end).unwrap_or(&[]).to_vec();
        // A first character that is not ASCII and not judged yet waits in `pending`.
        let (raw, unjudged) = match raw.iter().position(|b| !b.is_ascii()) {
            Some(at) if !self.judged => (raw.get(..at).unwrap_or_default(), raw.get(at..)),
            _ => (raw.as_slice(), None),
        };
        // No 8-bit encoding takes more than three bytes of UTF-8 for one byte.
        let wanted = self.lead + raw.len() * 3 + 16;
        if wanted > self.buf.len() {
            self.buf.resize(wanted, 0);
        }
        self.end = self.lead;
        let mut rest = raw;
        // The bytes read ahead are the start of the stream: decoded whole, or up to a bad
        // sequence, which ends the text there.
        match legacy.decode(rest, &mut self.buf, &mut self.end, self.done) {
            Ok(used) => rest = rest.get(used..).unwrap_or(&[]),
            Err(bad) => {
                self.failed = Some(bad.message);
                self.done = true;
                rest = &[];
            }
        }
        self.pending = rest.to_vec();
        if let Some(unjudged) = unjudged {
            self.pending.extend_from_slice(unjudged);
        }
        self.legacy = Some(legacy);
    }

    /// The decoding failure met so far, as a diagnostic at byte `offset`, if any.
    pub(crate) fn failure(&self, offset: usize) -> Option<Diagnostic> {
        let message = self.failed.as_deref()?;
        let mut d = encoding_diagnostic(message);
        d.location.span = offset..offset;
        Some(d)
    }

    /// Moves on to the next chunk: the text from offset `keep` on (which must lie in the
    /// current chunk) followed by as much new text as fits.
    pub(crate) fn advance_to(&mut self, keep: usize) -> io::Result<()> {
        let text_len = self.end.saturating_sub(self.lead);
        let cut = keep.saturating_sub(self.base).min(text_len);
        self.base += cut;
        let tail = self.lead + cut..self.end;
        let tail_len = tail.len();
        // The tail is an event cut off by the chunk's end, to be parsed again. Bring at
        // least as much new text as it holds, growing the buffer for a long event, so the
        // text parsed again and again stays within a constant factor of the document.
        let wanted = SHIELD.len() + 2 * tail_len.max(1);
        if wanted > self.buf.len() {
            let grown = wanted.max(self.buf.len().saturating_mul(2));
            self.buf.resize(grown, 0);
        }
        // Room for the shield in front, whether or not it is needed.
        self.lead = SHIELD.len();
        self.buf.copy_within(tail, self.lead);
        self.end = self.lead + tail_len;
        self.fill(self.end + tail_len.max(1))?;
        let text = self.buf.get(self.lead..self.end).unwrap_or(&[]);
        if !self.bom_checked {
            self.check_start();
        } else if text.starts_with(BOM) {
            // U+FEFF inside the document: keep quick-xml from dropping it.
            self.from = 0;
            if let Some(dst) = self.buf.get_mut(..SHIELD.len()) {
                dst.copy_from_slice(SHIELD);
            }
        } else {
            self.from = self.lead;
        }
        Ok(())
    }

    /// The current chunk.
    pub(crate) fn chunk(&mut self) -> Chunk<'_> {
        Chunk {
            text: self.buf.get(self.from..self.end).unwrap_or(&[]),
            shield: self.lead - self.from,
            last: self.done,
            failed: self.failed.as_deref(),
            base: self.base,
        }
    }

    /// Reads until the text reaches `goal` bytes into the buffer (one read usually does
    /// more), the buffer is full, or the input ends.
    fn fill(&mut self, goal: usize) -> io::Result<()> {
        if self.utf16.is_some() {
            return self.transcode(goal);
        }
        if self.legacy.is_some() {
            return self.decode_declared(goal);
        }
        while !self.done && self.end < goal {
            let Some(room) = self.buf.get_mut(self.end..).filter(|r| !r.is_empty()) else {
                return Ok(());
            };
            match self.inner.read(room) {
                Ok(0) => self.done = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Decodes UTF-16 from the input until the text reaches `goal` bytes into the buffer,
    /// the buffer is nearly full, the input ends, or the input is found to be broken.
    fn transcode(&mut self, goal: usize) -> io::Result<()> {
        let Some(decoder) = self.utf16.as_mut() else {
            return Ok(());
        };
        while !self.done && self.end < goal && self.end + 4 <= self.buf.len() {
            if self.failed.is_some() {
                self.done = true;
                break;
            }
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if let Err(message) = decoder.finish() {
                    self.failed = Some(message.into());
                }
                self.done = true;
                break;
            }
            match decoder.decode(chunk, &mut self.buf, &mut self.end) {
                Ok(used) => self.inner.consume(used),
                Err(message) => self.failed = Some(message.into()),
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Feed<R> {
    /// Decodes the declared 8-bit encoding from the input until the text reaches `goal`
    /// bytes into the buffer, the buffer is nearly full, the input ends, or a byte sequence
    /// the encoding does not have is met.
    fn decode_declared(&mut self, goal: usize) -> io::Result<()> {
        while !self.done && self.end < goal && self.end + 16 <= self.buf.len() {
            if !self.judged && !self.pending.is_empty() && self.pending.len() < 4 {
                // A character cut by the end of a read, to be judged whole: top it up.
                let more = match self.inner.fill_buf() {
                    Ok(c) => c,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                let n = more.len().min(4 - self.pending.len());
                self.pending
                    .extend_from_slice(more.get(..n).unwrap_or_default());
                self.inner.consume(n);
                if n == 0 {
                    self.judge_pending();
                }
                continue;
            }
            let from_pending = !self.pending.is_empty();
            let input: &[u8] = if from_pending {
                &self.pending
            } else {
                match self.inner.fill_buf() {
                    Ok(c) => c,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            let last = input.is_empty();
            // Up to the first character that is not ASCII, while it is not judged yet.
            let mut take = input.len();
            let mut cut = false;
            if !self.judged {
                if let Some(at) = input.iter().position(|b| !b.is_ascii()) {
                    take = at;
                    cut = input.len() - at < 4 && !from_pending;
                    if at == 0 && !cut {
                        let verdict = text::legacy::utf8_under(self.declared, input);
                        self.judged = true;
                        if let Some(message) = verdict {
                            self.failed = Some(message);
                            self.done = true;
                            return Ok(());
                        }
                        take = input.len();
                    }
                }
            }
            let Some(decoder) = self.legacy.as_mut() else {
                return Ok(());
            };
            let slice = input.get(..take).unwrap_or_default();
            match decoder.decode(slice, &mut self.buf, &mut self.end, last) {
                Ok(used) if from_pending => {
                    self.pending.drain(..used);
                }
                Ok(used) => {
                    self.inner.consume(used);
                    if cut && used == take {
                        // The rest of this read is a character that may be cut: kept.
                        let rest = self.inner.fill_buf()?.to_vec();
                        self.inner.consume(rest.len());
                        self.pending = rest;
                    }
                }
                Err(bad) => {
                    self.failed = Some(bad.message);
                    self.done = true;
                }
            }
            if last {
                self.done = true;
            }
        }
        Ok(())
    }

    /// Judges the pending bytes, which start with the first character that is not ASCII,
    /// once no more bytes come.
    fn judge_pending(&mut self) {
        self.judged = true;
        if let Some(message) = text::legacy::utf8_under(self.declared, &self.pending) {
            self.failed = Some(message);
            self.done = true;
        }
    }
}

/// Line and column counting over the chunks of a stream.
#[derive(Debug)]
pub(crate) struct Lines {
    /// The offset in the document of the chunk's first byte.
    base: usize,
    /// The chunk's first `counted` bytes are included in `mark`.
    counted: usize,
    /// The position after the counted bytes.
    mark: Point,
    /// The position of the chunk's first byte.
    start: Point,
    /// The start and content offsets of the open elements, outermost first.
    kept: Vec<Point>,
    /// How many entries of `kept` are known; the rest lie ahead of `mark`.
    known: usize,
    /// The start of the element closed last, which a finding about the order of its
    /// siblings may point at from the next one's start tag.
    closed: Option<Point>,
}

impl Default for Lines {
    fn default() -> Self {
        Lines {
            base: 0,
            counted: 0,
            mark: Point::START,
            start: Point::START,
            kept: Vec::new(),
            known: 0,
            closed: None,
        }
    }
}

impl Lines {
    /// How many open elements have their offsets kept.
    #[inline]
    pub(crate) fn kept_elements(&self) -> usize {
        self.kept.len() / 2
    }

    /// Stops keeping the offsets of open elements `n` and deeper; the start of element `n`,
    /// closed last, is kept until another closes.
    #[inline]
    pub(crate) fn forget(&mut self, n: usize) {
        self.closed = self.kept.get(2 * n).copied();
        self.kept.truncate(2 * n);
        self.known = self.known.min(self.kept.len());
    }

    /// Keeps the start of an empty element, closed as it opened.
    #[inline]
    pub(crate) fn closed_empty(&mut self, start: usize) {
        self.closed = Some(Point::unknown(start));
    }

    /// Keeps the start and content offsets of a newly opened element; `text` is the
    /// chunk's text.
    #[inline]
    pub(crate) fn keep(&mut self, text: &[u8], start: usize, content: usize) {
        if start >= self.mark.offset && self.known < self.kept.len() {
            // The common case: both lie ahead of the count, behind other unknown entries.
            self.kept.push(Point::unknown(start));
            self.kept.push(Point::unknown(content));
            return;
        }
        for offset in [start, content] {
            let point = if offset > self.mark.offset {
                Point::unknown(offset)
            } else {
                let (line, col) = self.position(text, offset);
                Point { offset, line, col }
            };
            if point.is_known() && self.known == self.kept.len() {
                self.known += 1;
            }
            self.kept.push(point);
        }
    }

    /// Line and column of `offset`, which lies in the chunk `text` or is kept.
    pub(crate) fn position(&mut self, text: &[u8], offset: usize) -> (u32, u32) {
        let in_chunk = offset.checked_sub(self.base).filter(|&i| i <= text.len());
        if let Some(i) = in_chunk.filter(|&i| i >= self.counted) {
            self.count_to(text, i);
            return (self.mark.line, self.mark.col);
        }
        if let Some(p) = self
            .kept
            .iter()
            .rev()
            .chain(&self.closed)
            .find(|p| p.offset == offset && p.is_known())
        {
            return (p.line, p.col);
        }
        match in_chunk {
            // Behind the last count: count again from the start of the chunk.
            Some(i) => advance(
                self.start.line,
                self.start.col,
                text.get(..i).unwrap_or(&[]),
            ),
            // Gone; the validator never asks for such an offset.
            None => (self.start.line, self.start.col),
        }
    }

    /// Makes byte `cut` of the chunk `text` the start of the next chunk.
    pub(crate) fn rebase(&mut self, text: &[u8], cut: usize) {
        // The element closed last may lie in this chunk: its position outlives it.
        if let Some(closed) = self.closed.filter(|p| !p.is_known()) {
            let (line, col) = self.position(text, closed.offset);
            self.closed = Some(Point {
                offset: closed.offset,
                line,
                col,
            });
        }
        if cut < self.counted {
            // Counted past the cut (never, in the validator's use): count again up to it.
            let (line, col) = advance(
                self.start.line,
                self.start.col,
                text.get(..cut).unwrap_or(&[]),
            );
            self.mark = Point {
                offset: self.base + cut,
                line,
                col,
            };
            self.counted = cut;
        }
        self.count_to(text, cut);
        self.start = self.mark;
        self.base += cut;
        self.counted = 0;
    }

    /// Counts forward to byte `to` of the chunk `text`, working out the kept offsets on
    /// the way.
    fn count_to(&mut self, text: &[u8], to: usize) {
        while let Some(k) = self.kept.get(self.known).copied() {
            let Some(i) = k.offset.checked_sub(self.base) else {
                // Cannot happen (offsets are kept before their chunk goes); stay sane.
                self.settle_kept(self.start);
                continue;
            };
            if i > to {
                break;
            }
            self.step(text, i.max(self.counted));
            self.settle_kept(self.mark);
        }
        self.step(text, to);
    }

    /// Gives the next unknown kept offset the position of `at`.
    fn settle_kept(&mut self, at: Point) {
        if let Some(k) = self.kept.get_mut(self.known) {
            k.line = at.line;
            k.col = at.col;
        }
        self.known += 1;
    }

    /// Moves the counted position forward to byte `to` of the chunk `text`.
    fn step(&mut self, text: &[u8], to: usize) {
        let seen = text.get(self.counted..to).unwrap_or(&[]);
        let (line, col) = advance(self.mark.line, self.mark.col, seen);
        self.mark = Point {
            offset: self.mark.offset + seen.len(),
            line,
            col,
        };
        self.counted = to.max(self.counted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything a feed hands out, chunk after chunk, taking each whole.
    fn read_all(bytes: &[u8]) -> (String, bool) {
        let mut feed = open_stream(bytes).unwrap();
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            feed.advance_to(at).unwrap();
            let chunk = feed.chunk();
            let data = chunk.text.get(chunk.shield..).unwrap_or(&[]);
            out.extend_from_slice(data);
            at = chunk.base + data.len();
            if chunk.last {
                break;
            }
        }
        (String::from_utf8(out).unwrap(), feed.failure(0).is_some())
    }

    #[test]
    fn utf16_both_orders_and_surrogates_decode() {
        let text = "<a>é😀</a>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_all(&le), (text.to_string(), false));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read_all(&be), (text.to_string(), false));
    }

    #[test]
    fn utf16_longer_than_a_chunk_decodes_whole() {
        let text: String = "é😀x\n".repeat(CHUNK / 3);
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        // One byte at a time from the input, so pairs and surrogates straddle reads.
        let input = io::BufReader::with_capacity(1, &le[..]);
        let mut feed = open_stream(input).unwrap();
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            feed.advance_to(at).unwrap();
            let chunk = feed.chunk();
            let data = chunk.text.get(chunk.shield..).unwrap_or(&[]);
            out.extend_from_slice(data);
            at = chunk.base + data.len();
            if chunk.last {
                break;
            }
        }
        assert!(out == text.as_bytes());
        assert!(feed.failure(0).is_none());
    }

    #[test]
    fn byte_order_marks_are_dropped_and_bad_utf16_is_flagged() {
        assert_eq!(read_all(b"\xEF\xBB\xBF<a/>"), ("<a/>".to_string(), false));
        // The second of two marks too, as quick-xml does for text in memory.
        assert_eq!(
            read_all(b"\xEF\xBB\xBF\xEF\xBB\xBF<a/>"),
            ("<a/>".to_string(), false)
        );
        let bad = [0xFF, 0xFE, b'<', 0, 0x00, 0xDC];
        assert!(read_all(&bad).1);
        assert!(matches!(
            open_stream(&b"<\0?\0x\0"[..]),
            Err(Source::Refused(_))
        ));
    }

    #[test]
    fn a_tail_is_carried_into_the_next_chunk_and_shielded() {
        // The first chunk fills the buffer but for the room kept for a shield.
        let first = CHUNK - SHIELD.len();
        let mut text = "a".repeat(first - 2).into_bytes();
        text.extend_from_slice("\n\u{FEFF}é\nb".as_bytes());
        let mut feed = open_stream(&text[..]).unwrap();
        feed.advance_to(0).unwrap();
        let mut lines = Lines::default();
        let Chunk {
            text: read, last, ..
        } = feed.chunk();
        assert!(!last);
        assert_eq!(read.len(), first);
        // Keep everything from the newline on.
        let keep = first - 2;
        assert_eq!(lines.position(read, keep + 1), (2, 1));
        lines.rebase(read, keep);
        feed.advance_to(keep).unwrap();
        let Chunk {
            text: read,
            shield,
            base,
            ..
        } = feed.chunk();
        // The text now starts with the carried newline; no mark starts it, no shield.
        assert_eq!(shield, 0);
        assert_eq!(base, keep);
        assert_eq!(read, &text[keep..]);
        assert_eq!(lines.position(read, keep + 1), (2, 1));
        assert_eq!(lines.position(read, text.len()), (3, 2));
        // Starting a chunk on U+FEFF puts the shield before it.
        feed.advance_to(keep + 1).unwrap();
        let chunk = feed.chunk();
        assert_eq!(chunk.shield, SHIELD.len());
        assert!(chunk.text.starts_with(SHIELD));
        assert_eq!(chunk.text.get(SHIELD.len()..), Some(&text[keep + 1..]));
    }
}
