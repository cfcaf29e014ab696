//! Validating a stream chunk by chunk, in two stages that overlap.
//!
//! Reading the markup (quick-xml finding where each event starts and ends, and checking
//! that its bytes are UTF-8) costs about as much as validating the events. The two
//! stages run on two threads, a chunk apart: while the validator works through the
//! events of one chunk, the tokenizer reads the next. The stages meet through a small,
//! fixed set of buffers that travel back and forth, so memory stays flat.
//!
//! The tokenizer owns nothing of the validator: it gets the bytes of a chunk, and gives
//! back the text (proven UTF-8 once, as a whole), the events as offsets into it and how
//! the chunk ended. The validator rebuilds each event as quick-xml's borrowed event over
//! that text, which costs no copy, and goes on exactly as it does for text in memory.
//! Which whitespace between tags is insignificant depends on the validator's state, so
//! the tokenizer marks such whitespace and leaves the decision to the validator.
//!
//! Both stages go through one loop over quick-xml's events ([`read_chunk`]), which ends a
//! chunk where an event may go on past it. What the loop hands each event to is a
//! [`Sink`]: a list of tokens on the tokenizer's thread, or the validator itself when the
//! chunk is read on the validator's thread, as it is for a document of one chunk and when
//! the second core is busy with the rules.

use std::io::{self, BufRead};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart};
use quick_xml::events::{BytesText, Event};

use super::chars::pass_blank;
use super::{Flow, Machine, Mode, step};
use crate::diagnostic::Report;
use crate::error::Error;
use crate::limits::{Exceeded, Limits};
use crate::markup::{self, Plain, Scopes};
use crate::xsd::observe::Observer;
use crate::xsd::position::StreamLocator;
use crate::xsd::source::{Chunk, Feed, Lines, Source, open_stream};

/// What kind of event a [`Token`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    Empty,
    End,
    Text,
    /// Whitespace followed by markup: insignificant where the content model allows no
    /// text, a text event elsewhere.
    Blank,
    CData,
    GeneralRef,
    Comment,
    Pi,
    Decl,
    DocType,
    Eof,
}

/// One event of a chunk: where it lies in the chunk's text and where its content does.
/// A chunk holds tens of thousands of events, so offsets are 32-bit: a chunk's text is
/// kept below 4 GiB by [`STREAM_MAX_EVENT`].
#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    /// The length of a start tag's name in its content.
    name_len: u32,
    /// The content as quick-xml hands it out (a start tag without `<` and `>`, a text as
    /// it is written), as offsets into the chunk's text.
    content: (u32, u32),
    /// The whole event, as offsets into the chunk's text.
    span: (u32, u32),
}

/// The longest event a stream may hold, whatever the limits say: a chunk grows to hold an
/// event cut off by its end, to at most about four times the event, and its offsets must
/// fit in 32 bits.
const STREAM_MAX_EVENT: usize = 1 << 30;

impl Token {
    /// A token whose offsets fit; `None` if one does not.
    fn new(
        kind: Kind,
        name_len: usize,
        content: (usize, usize),
        span: (usize, usize),
    ) -> Option<Token> {
        let fit = |n: usize| u32::try_from(n).ok();
        Some(Token {
            kind,
            name_len: fit(name_len)?,
            content: (fit(content.0)?, fit(content.1)?),
            span: (fit(span.0)?, fit(span.1)?),
        })
    }

    /// The whole event, as offsets into the chunk's text.
    fn span(&self) -> (usize, usize) {
        (self.span.0 as usize, self.span.1 as usize)
    }

    /// The event's content, as offsets into the chunk's text.
    fn content(&self) -> (usize, usize) {
        (self.content.0 as usize, self.content.1 as usize)
    }
}

/// How the events of a chunk ended.
#[derive(Debug)]
enum End {
    /// The next event may go on past the chunk: read on from there.
    Cut,
    /// That next event is longer than the bound.
    TooLong(usize),
    /// The input could not be decoded past this point.
    Failed,
    /// The document ended.
    Eof,
    /// The validator stopped.
    Stopped,
    /// The next event is not well-formed (or not UTF-8).
    Broken {
        error: quick_xml::Error,
        /// Where the error lies, as an offset into the chunk's text.
        pos: usize,
        /// The end of the broken event, as an offset into the chunk's text.
        after: usize,
        /// When the text was cut short of the broken event: the chunk's bytes after it.
        rest: Vec<u8>,
    },
}

/// The end of a chunk at a broken event.
fn broken(pos: usize, after: usize, error: quick_xml::Error) -> End {
    End::Broken {
        error,
        pos,
        after,
        rest: Vec::new(),
    }
}

/// quick-xml handed out an event whose text is not in the chunk. Its events borrow from
/// the input, so this does not happen; if it did, the document is refused, not guessed at.
#[cold]
fn unplaced() -> quick_xml::Error {
    quick_xml::Error::Io(std::sync::Arc::new(io::Error::other(
        "internal error: an event's text was not found in its chunk",
    )))
}

/// What [`read_chunk`] hands the events of a chunk to. Offsets are into the chunk's text;
/// returning an [`End`] ends the chunk there.
trait Sink {
    /// Whether whitespace followed by markup is to be passed to [`Sink::blank`] instead of
    /// being read as a text event.
    fn skips_blanks(&self) -> bool;
    /// Whitespace at `data[at..at + n]`, followed by markup.
    fn blank(&mut self, data: &[u8], at: usize, n: usize) -> Option<End>;
    /// An event at `data[at..after]`.
    fn event(&mut self, event: Event<'_>, data: &[u8], at: usize, after: usize) -> Option<End>;
}

/// What [`read_chunk`] reads.
struct ChunkBytes<'b> {
    /// The shield, if any, then the text.
    bytes: &'b [u8],
    shield: usize,
    last: bool,
    failed: bool,
}

/// Reads the events of one chunk into `sink`, as the reader for text in memory reads them
/// (`run_str`). Returns the offset in the text where the events read end, and why.
fn read_chunk<S: Sink>(chunk: &ChunkBytes<'_>, max_event: usize, sink: &mut S) -> (usize, End) {
    let ChunkBytes {
        bytes,
        shield,
        last,
        failed,
    } = *chunk;
    let data = bytes.get(shield..).unwrap_or(&[]);
    // The chunk's text checked for UTF-8 once, up to its first bad byte if any, for the
    // events read without quick-xml (`Plain`), which then needs no check of its own.
    let checked = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(data.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    let mut reader = markup::reader(bytes);
    let mut plain = Plain::new();
    if shield > 0 {
        // The shield's own event.
        let shield_event = reader.read_event();
        plain.read_by_quick_xml(shield_event.as_ref().ok());
    }
    // quick-xml is at the start of possible text: after markup or a reference.
    let mut in_text = true;
    // The offset in the text of the next event.
    let mut at = 0usize;
    // Whitespace passed over and events read without quick-xml (see `pass_blank` and
    // `Plain`): its positions lag by them.
    let mut passed = 0usize;
    loop {
        let blank = pass_blank(&mut reader, data, at, in_text && sink.skips_blanks());
        if let Some(n) = blank {
            if let Some(end) = sink.blank(data, at, n) {
                return (at, end);
            }
            at += n;
            passed += n;
        }
        // Read whole within the chunk (text up to a `<`, a tag up to its `>`): never cut.
        if let Some((event, n)) = plain.take(&mut reader, checked.get(at..).unwrap_or("")) {
            passed += n;
            in_text = !matches!(event, Event::Text(_));
            if let Some(end) = sink.event(event, data, at, at + n) {
                return (at, end);
            }
            at += n;
            continue;
        }
        let result = reader.read_event();
        plain.read_by_quick_xml(result.as_ref().ok());
        let read_to = usize::try_from(reader.buffer_position())
            .unwrap_or(usize::MAX)
            .saturating_add(passed);
        // An event (or error) that reached the end of the chunk, or started so close to it
        // that quick-xml could not tell what it is, may continue in the next chunk: it is
        // read again from there. (quick-xml reports `<` and `<!` at the very end of its
        // input without moving past them.)
        let start = shield + at;
        if !last && (read_to >= bytes.len() || start + 3 > bytes.len()) {
            // The event would have to fit in the next chunk whole.
            if bytes.len().saturating_sub(start) > max_event {
                return (at, End::TooLong(max_event));
            }
            return (at, End::Cut);
        }
        if failed && read_to >= bytes.len() {
            // The text breaks off where decoding failed.
            return (at, End::Failed);
        }
        let after = read_to.saturating_sub(shield);
        match result {
            Ok(event) => {
                in_text = !matches!(event, Event::Text(_));
                let eof = matches!(event, Event::Eof);
                if let Some(end) = sink.event(event, data, at, after) {
                    return (at, end);
                }
                if eof {
                    return (after, End::Eof);
                }
            }
            Err(error) => {
                // quick-xml points into the event when it can; a position before the event
                // is left over from nothing and means "here".
                let pos = usize::try_from(reader.error_position())
                    .ok()
                    .map(|p| p.saturating_add(passed))
                    .and_then(|p| p.checked_sub(shield))
                    .filter(|&p| p >= at)
                    .unwrap_or(at);
                return (at, broken(pos, after, error));
            }
        }
        at = after;
    }
}

/// Validates one event at `at..after` (document offsets); `data` is the chunk's text,
/// which starts at document offset `lines`' base.
#[inline]
fn validate_event<O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    scopes: &mut Scopes,
    lines: &mut Lines,
    data: &[u8],
    event: Event<'_>,
    at: usize,
    after: usize,
) -> Flow {
    // Only start and end tags open or close elements.
    let reshaped = matches!(event, Event::Start(_) | Event::End(_));
    let empty = matches!(event, Event::Empty(_));
    let flow = step(machine, scopes, event, at, after);
    // Findings first: they may point into an element this event closed.
    if machine.loc.has_pending() {
        machine.settle(lines, data, at, after);
    }
    if flow == Flow::Go && reshaped {
        machine.keep_open(lines, data);
    } else if flow == Flow::Go && empty {
        lines.closed_empty(at);
    }
    flow
}

/// Acts on how a chunk ended; `data` is the chunk's text up to `valid`, the offset where
/// its events end, and `base` the document offset of its start.
fn finish_chunk<O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    lines: &mut Lines,
    data: &[u8],
    base: usize,
    valid: usize,
    end: &End,
) -> Next {
    let at = base + valid;
    match end {
        End::Cut => Next::From(at),
        End::TooLong(bound) => {
            let _ = machine.exceeded(at, Exceeded::ValueBytes(*bound));
            machine.settle(lines, data, at, at);
            Next::Done
        }
        End::Failed => {
            machine.stopped_by_failure = true;
            Next::Done
        }
        End::Eof | End::Stopped => Next::Done,
        End::Broken {
            error,
            pos,
            after,
            rest,
        } => {
            let mut markup = data.get(*pos..).unwrap_or_default().to_vec();
            markup.extend_from_slice(rest);
            match (error, std::str::from_utf8(&markup)) {
                // Bytes that are not UTF-8 are said from the bytes themselves, at the first
                // bad one, as decoding a whole text says them.
                (quick_xml::Error::Encoding(_), Err(bad)) => {
                    let (good, bad) = markup.split_at(bad.valid_up_to());
                    let before = std::str::from_utf8(good).unwrap_or_default();
                    machine.not_utf8(base + pos, before, bad);
                }
                _ => machine.reader_error(error, base + pos, &String::from_utf8_lossy(&markup)),
            }
            if machine.loc.has_pending() {
                if rest.is_empty() {
                    machine.settle(lines, data, at, base + after);
                } else {
                    let mut whole = Vec::with_capacity(data.len() + rest.len());
                    whole.extend_from_slice(data);
                    whole.extend_from_slice(rest);
                    machine.settle(lines, &whole, at, base + after);
                }
            }
            Next::Done
        }
    }
}

/// What the driver does after a chunk.
enum Next {
    /// Read on from this offset, the start of an event the chunk cut off.
    From(usize),
    /// The document ended, or validation stopped.
    Done,
}

// ----- the chunk read on the validator's thread ------------------------------------------

/// The validator as a [`Sink`]: each event is validated as it is read.
struct Validating<'v, 'm, O: Observer> {
    machine: &'v mut Machine<'m, StreamLocator, O>,
    scopes: &'v mut Scopes,
    lines: &'v mut Lines,
    base: usize,
}

impl<O: Observer> Sink for Validating<'_, '_, O> {
    fn skips_blanks(&self) -> bool {
        self.machine.ignores_blank_text()
    }

    fn blank(&mut self, data: &[u8], at: usize, n: usize) -> Option<End> {
        // Whitespace between tags where no text is allowed: passed over, and counted.
        let at = self.base + at;
        if self.machine.pass_blank_text(n, at) == Flow::Stop {
            self.machine.settle(self.lines, data, at, at + n);
            return Some(End::Stopped);
        }
        None
    }

    fn event(&mut self, event: Event<'_>, data: &[u8], at: usize, after: usize) -> Option<End> {
        let (at, after) = (self.base + at, self.base + after);
        let flow = validate_event(
            self.machine,
            self.scopes,
            self.lines,
            data,
            event,
            at,
            after,
        );
        (flow == Flow::Stop).then_some(End::Stopped)
    }
}

/// Validates chunk after chunk on this thread. Returns the offset of the last chunk.
fn drive_here<R: BufRead, O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    feed: &mut Feed<R>,
    max_event: usize,
) -> Result<usize, Error> {
    let mut scopes = Scopes::new();
    let mut lines = Lines::default();
    loop {
        let chunk = feed.chunk();
        let bytes = ChunkBytes {
            bytes: chunk.text,
            shield: chunk.shield,
            last: chunk.last,
            failed: chunk.failed.is_some(),
        };
        let base = chunk.base;
        let data = bytes.bytes.get(bytes.shield..).unwrap_or(&[]);
        let mut sink = Validating {
            machine: &mut *machine,
            scopes: &mut scopes,
            lines: &mut lines,
            base,
        };
        let (valid, end) = read_chunk(&bytes, max_event, &mut sink);
        match finish_chunk(machine, &mut lines, data, base, valid, &end) {
            Next::From(at) => {
                lines.rebase(data, valid);
                feed.advance_to(at).map_err(Error::Io)?;
            }
            Next::Done => return Ok(base),
        }
    }
}

// ----- the chunk read on a thread of its own ----------------------------------------------

/// The tokenizer as a [`Sink`]: each event becomes a token.
struct TokenList<'t> {
    tokens: &'t mut Vec<Token>,
    max_event: usize,
}

impl Sink for TokenList<'_> {
    fn skips_blanks(&self) -> bool {
        // Whether blanks are insignificant is the validator's call, made on each.
        true
    }

    fn blank(&mut self, _data: &[u8], at: usize, n: usize) -> Option<End> {
        match Token::new(Kind::Blank, 0, (at, at + n), (at, at + n)) {
            Some(token) => {
                self.tokens.push(token);
                None
            }
            None => Some(End::TooLong(self.max_event)),
        }
    }

    fn event(&mut self, event: Event<'_>, data: &[u8], at: usize, after: usize) -> Option<End> {
        match token_of(&event, data, (at, after)) {
            Some(token) => {
                self.tokens.push(token);
                None
            }
            None => Some(broken(at, after, unplaced())),
        }
    }
}

/// The token for `event`, which lies at `span` in `data`; `None` if its content does not
/// lie in `data`.
fn token_of(event: &Event<'_>, data: &[u8], span: (usize, usize)) -> Option<Token> {
    let (kind, content, name_len): (Kind, &str, usize) = match event {
        Event::Start(e) => (Kind::Start, e, e.name().as_ref().len()),
        Event::Empty(e) => (Kind::Empty, e, e.name().as_ref().len()),
        Event::End(e) => (Kind::End, e, 0),
        Event::Text(e) => (Kind::Text, e, 0),
        Event::CData(e) => (Kind::CData, e, 0),
        Event::GeneralRef(e) => (Kind::GeneralRef, e, 0),
        Event::Comment(e) => (Kind::Comment, e, 0),
        Event::PI(e) => (Kind::Pi, e, 0),
        Event::Decl(e) => (Kind::Decl, e, 0),
        Event::DocType(e) => (Kind::DocType, e, 0),
        Event::Eof => return Token::new(Kind::Eof, 0, span, span),
    };
    // Pointers compared as addresses: where the borrowed content starts in the chunk.
    let start = (content.as_ptr() as usize).checked_sub(data.as_ptr() as usize)?;
    let end = start
        .checked_add(content.len())
        .filter(|&e| e <= data.len())?;
    Token::new(kind, name_len, (start, end), span)
}

/// The event a token stands for, borrowing its content from `text`.
fn event_of<'t>(token: &Token, text: &'t str) -> Option<Event<'t>> {
    let (start, end) = token.content();
    let content = text.get(start..end)?;
    let name_len = token.name_len as usize;
    Some(match token.kind {
        Kind::Start => Event::Start(BytesStart::from_content(content, name_len)),
        Kind::Empty => Event::Empty(BytesStart::from_content(content, name_len)),
        Kind::End => Event::End(BytesEnd::new(content)),
        Kind::Text | Kind::Blank => Event::Text(BytesText::from_escaped(content)),
        Kind::CData => Event::CData(BytesCData::new(content)),
        Kind::GeneralRef => Event::GeneralRef(BytesRef::new(content)),
        Kind::Comment => Event::Comment(BytesText::from_escaped(content)),
        Kind::Pi => Event::PI(BytesPI::new(content)),
        Kind::Decl => Event::Decl(BytesDecl::from_start(BytesStart::from_content(content, 3))),
        Kind::DocType => Event::DocType(BytesText::from_escaped(content)),
        Kind::Eof => Event::Eof,
    })
}

/// The bytes of a chunk, on their way to the tokenizer.
struct Raw {
    /// What quick-xml reads: the shield, if any, then the text.
    bytes: Vec<u8>,
    shield: usize,
    last: bool,
    failed: bool,
    /// The offset in the document of the text's first byte.
    base: usize,
    /// A spent token list, for its room.
    tokens: Vec<Token>,
}

impl Raw {
    /// Copies `chunk` into `spare`'s buffers.
    fn copy_of(chunk: Chunk<'_>, spare: Option<(Vec<u8>, Vec<Token>)>) -> Raw {
        let (mut bytes, tokens) = spare.unwrap_or_default();
        bytes.clear();
        bytes.extend_from_slice(chunk.text);
        Raw {
            bytes,
            shield: chunk.shield,
            last: chunk.last,
            failed: chunk.failed.is_some(),
            base: chunk.base,
            tokens,
        }
    }
}

/// A tokenized chunk, on its way to the validator.
struct Tokens {
    /// The chunk's text up to where its events end.
    text: String,
    tokens: Vec<Token>,
    base: usize,
    end: End,
}

/// Reads the events of one chunk into tokens.
fn tokenize(raw: Raw, max_event: usize) -> Tokens {
    let Raw {
        mut bytes,
        shield,
        last,
        failed,
        base,
        mut tokens,
    } = raw;
    tokens.clear();
    let chunk = ChunkBytes {
        bytes: &bytes,
        shield,
        last,
        failed,
    };
    let mut sink = TokenList {
        tokens: &mut tokens,
        max_event,
    };
    let (valid, mut end) = read_chunk(&chunk, max_event, &mut sink);
    bytes.drain(..shield.min(bytes.len()));
    let rest = bytes.split_off(valid.min(bytes.len()));
    if let End::Broken { rest: kept, .. } = &mut end {
        *kept = rest;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            // Every event's bytes were checked by quick-xml, so this does not happen; if it
            // did, the text up to the bad byte is still good, and the byte is reported.
            let good = e.utf8_error().valid_up_to();
            let error = quick_xml::Error::from(e.utf8_error());
            let mut bytes = e.into_bytes();
            let mut rest = bytes.split_off(good);
            if let End::Broken { rest: kept, .. } = &end {
                rest.extend_from_slice(kept);
            }
            tokens.retain(|t| t.span().1 <= good);
            end = End::Broken {
                error,
                pos: good,
                after: rest.len() + good,
                rest,
            };
            String::from_utf8(bytes).unwrap_or_default()
        }
    };
    Tokens {
        text,
        tokens,
        base,
        end,
    }
}

/// Validates the events of one tokenized chunk.
fn validate_tokens<O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    scopes: &mut Scopes,
    lines: &mut Lines,
    chunk: &Tokens,
) -> Next {
    let Tokens {
        text,
        tokens,
        base,
        end,
    } = chunk;
    let base = *base;
    let data = text.as_bytes();
    for token in tokens {
        let (start, end) = token.span();
        let (at, after) = (base + start, base + end);
        if token.kind == Kind::Blank && machine.ignores_blank_text() {
            // Whitespace between tags where no text is allowed: passed over, and counted.
            if machine.pass_blank_text(end - start, at) == Flow::Stop {
                machine.settle(lines, data, at, after);
                return Next::Done;
            }
            continue;
        }
        let Some(event) = event_of(token, text) else {
            machine.reader_error(&unplaced(), at, "");
            machine.settle(lines, data, at, after);
            return Next::Done;
        };
        if validate_event(machine, scopes, lines, data, event, at, after) == Flow::Stop {
            return Next::Done;
        }
    }
    finish_chunk(machine, lines, data, base, text.len(), end)
}

/// The tokenizer's thread, as the validator sees it.
struct Tokenizer {
    to: SyncSender<Raw>,
    from: Receiver<Tokens>,
}

impl Tokenizer {
    /// Starts a tokenizer thread; `None` if no thread can be started.
    fn start(max_event: usize) -> Option<Tokenizer> {
        // One chunk in each direction at a time: the tokenizer works a chunk ahead, no more.
        let (to, raw) = mpsc::sync_channel::<Raw>(1);
        let (done, from) = mpsc::sync_channel::<Tokens>(1);
        thread::Builder::new()
            .name("oscx-tokenizer".into())
            .spawn(move || {
                // Ends when the validator hangs up: the document ended or was refused.
                for chunk in raw {
                    if done.send(tokenize(chunk, max_event)).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Tokenizer { to, from })
    }
}

/// Validates chunk after chunk, the next one being tokenized on the tokenizer's thread
/// while the current one is validated. Returns the offset of the last chunk.
fn drive_apart<R: BufRead, O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    feed: &mut Feed<R>,
    tokenizer: &Tokenizer,
) -> Result<usize, Error> {
    let gone = || {
        Error::Io(io::Error::other(
            "internal error: the tokenizer stopped before the document ended",
        ))
    };
    let mut scopes = Scopes::new();
    let mut lines = Lines::default();
    let mut spare = None;
    tokenizer
        .to
        .send(Raw::copy_of(feed.chunk(), None))
        .map_err(|_| gone())?;
    loop {
        let chunk = tokenizer.from.recv().map_err(|_| gone())?;
        // Read ahead: the next chunk starts where this one's events end.
        let mut unread = None;
        if matches!(chunk.end, End::Cut) {
            match feed.advance_to(chunk.base + chunk.text.len()) {
                Ok(()) => tokenizer
                    .to
                    .send(Raw::copy_of(feed.chunk(), spare.take()))
                    .map_err(|_| gone())?,
                // Reported only if the validator gets that far.
                Err(e) => unread = Some(e),
            }
        }
        let next = validate_tokens(machine, &mut scopes, &mut lines, &chunk);
        let Tokens {
            text, tokens, base, ..
        } = chunk;
        let Next::From(at) = next else {
            return Ok(base);
        };
        if let Some(e) = unread {
            return Err(Error::Io(e));
        }
        lines.rebase(text.as_bytes(), at - base);
        spare = Some((text.into_bytes(), tokens));
    }
}

/// Where a stream's chunks are tokenized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tokenizing {
    /// On a thread of their own, a chunk ahead of the validator, when there is more than
    /// one chunk.
    Ahead,
    /// On the validator's thread, as they are validated.
    Inline,
}

/// Validates a stream, holding a few chunks of it in memory at a time.
pub(crate) fn run_reader<R: BufRead, O: Observer>(
    mode: Mode<'_>,
    input: R,
    limit: Option<usize>,
    limits: Limits,
    obs: O,
    tokenizing: Tokenizing,
) -> Result<Report, Error> {
    let mut machine = Machine::new(mode, StreamLocator::default(), limit, limits, obs);
    let mut feed = match open_stream(input) {
        Ok(s) => s,
        Err(Source::Refused(d)) => {
            machine.push_diagnostic(*d);
            return Ok(machine.finish());
        }
        Err(Source::Io(e)) => return Err(Error::Io(e)),
    };
    feed.advance_to(0).map_err(Error::Io)?;
    feed.read_ahead().map_err(Error::Io)?;
    match feed.check_declaration() {
        Ok(warnings) => warnings
            .into_iter()
            .for_each(|w| machine.push_diagnostic(w)),
        Err(refused) => {
            machine.push_diagnostic(*refused);
            return Ok(machine.finish());
        }
    }
    if feed.second_bom() {
        // Nothing was read yet, so no position is pending: the finding is placed here.
        let mistake = markup::mistake::second_byte_order_mark();
        let _ = machine.fatal_at(
            crate::diagnostic::Code::NotWellFormed,
            (1, 1),
            0,
            mistake.message,
            Some(mistake.help),
        );
        return Ok(machine.finish());
    }
    let max_event = machine.limits.max_value_bytes.min(STREAM_MAX_EVENT);
    let tokenizer = if tokenizing == Tokenizing::Ahead && !feed.chunk().last {
        Tokenizer::start(max_event)
    } else {
        None
    };
    let at = match &tokenizer {
        Some(tokenizer) => drive_apart(&mut machine, &mut feed, tokenizer)?,
        None => drive_here(&mut machine, &mut feed, max_event)?,
    };
    if let Some(d) = feed.failure(at).filter(|_| machine.stopped_by_failure) {
        machine.push_diagnostic(d);
    }
    Ok(machine.finish())
}

impl<O: Observer> Machine<'_, StreamLocator, O> {
    /// Fills in the positions the last event (from `at` to `after`) left as placeholders
    /// in its findings, while the chunk `text` is still at hand.
    #[cold]
    fn settle(&mut self, lines: &mut Lines, text: &[u8], at: usize, after: usize) {
        // Nearly every request is for one of the event's two ends: work each out once.
        let mut ends: [Option<(u32, u32)>; 2] = [None, None];
        let mut position = |offset: usize| {
            let slot = match offset {
                o if o == at => ends.get_mut(0),
                o if o == after => ends.get_mut(1),
                _ => None,
            };
            match slot {
                Some(Some(known)) => *known,
                Some(empty) => *empty.insert(lines.position(text, offset)),
                None => lines.position(text, offset),
            }
        };
        let fresh = self.diagnostics.get_mut(self.settled..).unwrap_or(&mut []);
        for d in fresh.iter_mut().filter(|d| d.location.line == 0) {
            if let Some(p) = self.loc.pending(d.location.column) {
                let (line, column) = p.from(position(p.offset()));
                d.location.line = line;
                d.location.column = column;
            }
        }
        self.settled = self.diagnostics.len();
        self.loc.clear();
    }

    /// Has `lines` keep the offsets of the open elements, which findings may still need
    /// after their chunk is gone. Called after every start and end tag; such an event
    /// opens or closes at most one element (an empty one opens and closes within the
    /// event), so comparing the counts tells what changed.
    #[inline]
    fn keep_open(&self, lines: &mut Lines, text: &[u8]) {
        let kept = lines.kept_elements();
        if self.frames.len() < kept {
            lines.forget(self.frames.len());
        }
        for f in self.frames.get(kept..).unwrap_or(&[]) {
            lines.keep(text, f.start, f.content);
        }
    }
}
