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
//! A document of one chunk (most of them) is tokenized on the calling thread.

use std::io::{self, BufRead};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread;

use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesPI, BytesRef, BytesStart};
use quick_xml::events::{BytesText, Event};
use quick_xml::reader::Reader;

use super::{Flow, Machine, Mode, Scopes, blank_before_markup, configure, step};
use crate::error::Error;
use crate::limits::{Exceeded, Limits};
use crate::xsd::observe::Observer;
use crate::xsd::position::StreamLocator;
use crate::xsd::report::Report;
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
}

/// How the events of a chunk ended.
#[derive(Debug)]
enum End {
    /// The next event may go on past the chunk: read on from the end of the text.
    Cut,
    /// That next event is longer than the bound.
    TooLong(usize),
    /// The input could not be decoded past the end of the text.
    Failed,
    /// The document ended.
    Eof,
    /// The next event is not well-formed (or not UTF-8).
    Broken {
        error: quick_xml::Error,
        /// Where the error lies, as a document offset.
        pos: usize,
        /// The end of the broken event, as an offset into the chunk's text and `rest`.
        after: usize,
        /// The chunk's bytes after the text, where the broken event lies.
        rest: Vec<u8>,
    },
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

/// A tokenized chunk, on its way to the validator.
struct Tokens {
    /// The chunk's text up to the end of its last event.
    text: String,
    tokens: Vec<Token>,
    base: usize,
    end: End,
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

/// Reads the events of one chunk. Mirrors, event for event, what the validator's reader
/// for text in memory sees (`run_str`).
fn tokenize(raw: Raw, max_value_bytes: usize) -> Tokens {
    let max_event = max_value_bytes.min(STREAM_MAX_EVENT);
    let Raw {
        mut bytes,
        shield,
        last,
        failed,
        base,
        mut tokens,
    } = raw;
    tokens.clear();
    let (valid, mut end) = {
        let data = bytes.get(shield..).unwrap_or(&[]);
        let mut reader = Reader::from_reader(&bytes[..]);
        configure(reader.config_mut());
        if shield > 0 {
            // The shield's own event.
            let _ = reader.read_event();
        }
        // quick-xml is at the start of possible text: after markup or a reference.
        let mut in_text = true;
        // The offset in the text of the next event.
        let mut at = 0usize;
        let end = loop {
            let blank = if in_text {
                blank_before_markup(data, at)
            } else {
                None
            };
            reader.config_mut().trim_text_start = blank.is_some();
            if let Some(n) = blank {
                let Some(token) = Token::new(Kind::Blank, 0, (at, at + n), (at, at + n)) else {
                    break End::TooLong(max_event);
                };
                tokens.push(token);
                at += n;
            }
            let result = reader.read_event();
            let read_to = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
            // An event (or error) that reached the end of the chunk, or started so close
            // to it that quick-xml could not tell what it is, may continue in the next
            // chunk: it is read again from there. (quick-xml reports `<` and `<!` at the
            // very end of its input without moving past them.)
            let start = shield + at;
            if !last && (read_to >= bytes.len() || start + 3 > bytes.len()) {
                // The event would have to fit in the next chunk whole.
                if bytes.len().saturating_sub(start) > max_event {
                    break End::TooLong(max_event);
                }
                break End::Cut;
            }
            if failed && read_to >= bytes.len() {
                // The text breaks off where decoding failed.
                break End::Failed;
            }
            let after = read_to.saturating_sub(shield);
            match result {
                Ok(event) => {
                    in_text = !matches!(event, Event::Text(_));
                    match token_of(&event, data, (at, after)) {
                        Some(token) => tokens.push(token),
                        None => {
                            break broken(base, at, after, unplaced());
                        }
                    }
                    if matches!(event, Event::Eof) {
                        break End::Eof;
                    }
                }
                Err(error) => {
                    // quick-xml points into the event when it can; a position before the
                    // event is left over from nothing and means "here".
                    let pos = usize::try_from(reader.error_position())
                        .ok()
                        .and_then(|p| p.checked_sub(shield))
                        .filter(|&p| p >= at)
                        .unwrap_or(at);
                    break broken(base, pos, after, error);
                }
            }
            at = after;
        };
        (at, end)
    };
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
                pos: base + good,
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

/// The end of a chunk at a broken event; `rest` is filled in once the text is split off.
fn broken(base: usize, pos: usize, after: usize, error: quick_xml::Error) -> End {
    End::Broken {
        error,
        pos: base + pos,
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
    let content = text.get(token.content.0 as usize..token.content.1 as usize)?;
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

/// What the driver does after a chunk.
enum Next {
    /// Read on from this offset, the start of an event the chunk cut off.
    From(usize),
    /// The document ended, or validation stopped.
    Done,
}

/// Validates the events of one tokenized chunk.
fn validate_chunk<O: Observer>(
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
            machine.count_event();
            continue;
        }
        let Some(event) = event_of(token, text) else {
            machine.reader_error(&unplaced(), at);
            machine.settle(lines, data, at, after);
            return Next::Done;
        };
        // Only start and end tags open or close elements.
        let reshaped = matches!(token.kind, Kind::Start | Kind::End);
        let flow = step(machine, scopes, event, at, after);
        // Findings first: they may point into an element this event closed.
        if machine.loc.has_pending() {
            machine.settle(lines, data, at, after);
        }
        if flow == Flow::Stop {
            return Next::Done;
        }
        if reshaped {
            machine.keep_open(lines, data);
        }
    }
    let at = base + text.len();
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
        End::Eof => Next::Done,
        End::Broken {
            error,
            pos,
            after,
            rest,
        } => {
            machine.reader_error(error, *pos);
            if machine.loc.has_pending() {
                let mut whole = Vec::with_capacity(data.len() + rest.len());
                whole.extend_from_slice(data);
                whole.extend_from_slice(rest);
                machine.settle(lines, &whole, at, base + after);
            }
            Next::Done
        }
    }
}

/// Where chunks are tokenized: here, or on a thread of their own.
enum Tokenizer {
    /// On the calling thread; holds the chunk tokenized last.
    Here(Option<Tokens>),
    /// On a thread of its own, a chunk ahead of the validator.
    Apart {
        to: SyncSender<Raw>,
        from: Receiver<Tokens>,
    },
}

impl Tokenizer {
    /// A tokenizer thread, or tokenizing here when no thread can be started.
    fn apart(max_value_bytes: usize) -> Tokenizer {
        // One chunk in each direction at a time: the tokenizer works a chunk ahead, no more.
        let (to, raw) = mpsc::sync_channel::<Raw>(1);
        let (done, from) = mpsc::sync_channel::<Tokens>(1);
        let started = thread::Builder::new()
            .name("oscx-tokenizer".into())
            .spawn(move || {
                // Ends when the validator hangs up: the document ended or was refused.
                for chunk in raw {
                    if done.send(tokenize(chunk, max_value_bytes)).is_err() {
                        break;
                    }
                }
            });
        match started {
            Ok(_) => Tokenizer::Apart { to, from },
            Err(_) => Tokenizer::Here(None),
        }
    }

    fn send(&mut self, raw: Raw, max_value_bytes: usize) {
        match self {
            Tokenizer::Here(slot) => *slot = Some(tokenize(raw, max_value_bytes)),
            Tokenizer::Apart { to, .. } => {
                // A tokenizer that is gone shows up at the next `take`.
                let _ = to.send(raw);
            }
        }
    }

    fn take(&mut self) -> Option<Tokens> {
        match self {
            Tokenizer::Here(slot) => slot.take(),
            Tokenizer::Apart { from, .. } => from.recv().ok(),
        }
    }
}

/// Validates a stream, holding a few chunks of it in memory at a time. With `apart`, a
/// document of more than one chunk is tokenized on a thread of its own.
pub(crate) fn run_reader<R: BufRead, O: Observer>(
    mode: Mode<'_>,
    input: R,
    limit: Option<usize>,
    limits: Limits,
    obs: O,
    apart: bool,
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
    let max_value_bytes = machine.limits.max_value_bytes;
    let first = Raw::copy_of(feed.chunk(), None);
    let mut tokenizer = if apart && !first.last {
        Tokenizer::apart(max_value_bytes)
    } else {
        Tokenizer::Here(None)
    };
    tokenizer.send(first, max_value_bytes);
    let at = drive(&mut machine, &mut feed, &mut tokenizer, max_value_bytes)?;
    if let Some(d) = feed.failure(at).filter(|_| machine.stopped_by_failure) {
        machine.push_diagnostic(d);
    }
    Ok(machine.finish())
}

/// Validates chunk after chunk. A tokenizer thread gets the next chunk before the current
/// one is validated; tokenizing here waits for the current chunk's buffers to come free.
/// Returns the offset of the last chunk.
fn drive<R: BufRead, O: Observer>(
    machine: &mut Machine<'_, StreamLocator, O>,
    feed: &mut Feed<R>,
    tokenizer: &mut Tokenizer,
    max_value_bytes: usize,
) -> Result<usize, Error> {
    let mut scopes = Scopes::new();
    let mut lines = Lines::default();
    let mut spare = None;
    let ahead = matches!(tokenizer, Tokenizer::Apart { .. });
    loop {
        let Some(chunk) = tokenizer.take() else {
            return Err(Error::Io(io::Error::other(
                "internal error: the tokenizer stopped before the document ended",
            )));
        };
        // Read ahead: the next chunk starts where this one's events end.
        let mut unread = None;
        if ahead && matches!(chunk.end, End::Cut) {
            match feed.advance_to(chunk.base + chunk.text.len()) {
                Ok(()) => tokenizer.send(Raw::copy_of(feed.chunk(), spare.take()), max_value_bytes),
                // Reported only if the validator gets that far.
                Err(e) => unread = Some(e),
            }
        }
        let next = validate_chunk(machine, &mut scopes, &mut lines, &chunk);
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
        let buffers = Some((text.into_bytes(), tokens));
        if ahead {
            spare = buffers;
        } else {
            feed.advance_to(at).map_err(Error::Io)?;
            tokenizer.send(Raw::copy_of(feed.chunk(), buffers), max_value_bytes);
        }
    }
}
