//! Where the model reader's XML events come from: a stream read through a buffer, or text
//! in memory read in place. Both hand quick-xml's events to [`super::cursor::XmlItems`], which
//! turns them into items; they differ in how events are held and how positions are known.
//! Both read through quick-xml set up as the validator sets it up, with the same keeper of
//! namespace scopes and open elements ([`Scopes`]).

use std::io::{self, BufRead};

use quick_xml::Reader;
use quick_xml::events::Event;
use quick_xml::name::NamespaceResolver;

use super::cursor::Mark;
use super::tracked::Tracked;
use crate::error::TextPos;
use crate::limits::Limits;
use crate::markup::{self, Refusal, Scopes};
use crate::text;

/// Where quick-xml's events come from: a stream read through a buffer ([`Buffered`]), or
/// text in memory ([`InText`]), whose events borrow the text instead of being copied.
pub(crate) trait Events {
    /// The next event, the namespace scope it is read in, and how many bytes it takes.
    fn next_event(&mut self) -> Result<(Event<'_>, &NamespaceResolver, usize), Pull>;

    /// Where the next event starts.
    fn mark(&mut self) -> Mark;

    /// The line and column of a mark this source gave.
    fn locate(&mut self, mark: Mark) -> TextPos;

    /// Byte offset of the next byte to be read.
    fn offset(&self) -> usize;
}

/// Why no event came.
pub(crate) enum Pull {
    /// quick-xml, or the crate's own checks of markup, refused the text.
    Xml(Refusal),
    /// The crate's checks refused an event whose text from its first byte is the string
    /// (for placing the mistake within it).
    Refused(Refusal, String),
    /// The event is longer than the bound on one value.
    TooLong,
}

/// Events of a stream, each copied into a reused buffer; the stream is read 64 KiB at a
/// time, and one event may not make it read more than the bound on a value.
pub(crate) struct Buffered<R: BufRead> {
    reader: Reader<Tracked<R>>,
    scopes: Scopes,
    buf: Vec<u8>,
}

/// Why the tracked reader stopped: one event was about to take more than its budget.
#[derive(Debug)]
struct BudgetSpent;

impl std::fmt::Display for BudgetSpent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the reading budget of one event is spent")
    }
}

impl std::error::Error for BudgetSpent {}

impl<R: BufRead> Buffered<R> {
    pub(crate) fn new(input: R, limits: Limits) -> Self {
        let mut tracked = Tracked::new(input);
        tracked.set_budget(limits.max_value_bytes, || io::Error::other(BudgetSpent));
        let reader = markup::reader(tracked);
        Buffered {
            reader,
            scopes: Scopes::new(),
            buf: Vec::with_capacity(256),
        }
    }
}

impl<R: BufRead> Events for Buffered<R> {
    fn next_event(&mut self) -> Result<(Event<'_>, &NamespaceResolver, usize), Pull> {
        self.reader.get_mut().start_budget();
        self.buf.clear();
        let start = self.reader.get_ref().offset();
        match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => {
                self.scopes
                    .take(&event)
                    .map_err(|r| Pull::Refused(r, markup::text_of(&event)))?;
                let len = self.reader.get_ref().offset().saturating_sub(start);
                Ok((event, self.scopes.resolver(), len))
            }
            Err(quick_xml::Error::Io(e))
                if e.get_ref().is_some_and(|inner| inner.is::<BudgetSpent>()) =>
            {
                Err(Pull::TooLong)
            }
            Err(e) => Err(Pull::Xml(e.into())),
        }
    }

    fn mark(&mut self) -> Mark {
        Mark::At(self.reader.get_mut().pos())
    }

    fn locate(&mut self, mark: Mark) -> TextPos {
        match mark {
            Mark::At(pos) => pos,
            // A stream gives no offsets.
            Mark::Offset(_) => TextPos::default(),
        }
    }

    fn offset(&self) -> usize {
        self.reader.get_ref().offset()
    }
}

/// Events of text in memory, borrowed from it. Items are marked with their offsets: lines
/// and columns are counted only for the few an error or a note asks about.
pub(crate) struct InText<'t> {
    reader: Reader<&'t [u8]>,
    scopes: Scopes,
    text: &'t [u8],
    /// Where the last count ended, so that marks asked about in order are counted once.
    counted: usize,
    counted_to: TextPos,
    max_value_bytes: usize,
    /// A second byte order mark follows the first: refused at the first event.
    second_bom: bool,
}

impl<'t> InText<'t> {
    pub(crate) fn new(text: &'t str, limits: Limits) -> Self {
        // A byte order mark is not part of the document (decoding drops it); without this,
        // quick-xml would drop it too but leave it out of its offsets.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let second_bom = text.starts_with('\u{FEFF}');
        let text = text.as_bytes();
        let reader = markup::reader(text);
        InText {
            reader,
            scopes: Scopes::new(),
            text,
            counted: 0,
            counted_to: TextPos::new(1, 1),
            max_value_bytes: limits.max_value_bytes,
            second_bom,
        }
    }
}

impl Events for InText<'_> {
    fn next_event(&mut self) -> Result<(Event<'_>, &NamespaceResolver, usize), Pull> {
        if self.second_bom {
            return Err(Pull::Xml(Refusal::NotWellFormed(
                markup::mistake::second_byte_order_mark(),
            )));
        }
        let start = self.offset();
        let event = self.reader.read_event().map_err(|e| Pull::Xml(e.into()))?;
        // The text is in memory already; what is bounded is what one value may hold.
        let len = self.offset() - start;
        if len > self.max_value_bytes {
            return Err(Pull::TooLong);
        }
        self.scopes
            .take(&event)
            .map_err(|r| Pull::Refused(r, markup::text_of(&event)))?;
        Ok((event, self.scopes.resolver(), len))
    }

    fn mark(&mut self) -> Mark {
        Mark::Offset(self.offset())
    }

    fn locate(&mut self, mark: Mark) -> TextPos {
        let offset = match mark {
            Mark::At(pos) => return pos,
            Mark::Offset(offset) => offset.min(self.text.len()),
        };
        if offset < self.counted {
            // Behind the last count: count again from the start.
            self.counted = 0;
            self.counted_to = TextPos::new(1, 1);
        }
        let TextPos {
            mut line,
            mut column,
        } = self.counted_to;
        (line, column) = text::advance(
            line,
            column,
            self.text.get(self.counted..offset).unwrap_or_default(),
        );
        self.counted = offset;
        self.counted_to = TextPos::new(line, column);
        self.counted_to
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }
}
