//! Building the model in the validator's pass: a [`Recorder`] observes the validated
//! elements and keeps them as the cursor's items, which the model reader of
//! [`super::read`] then reads back through a [`Replay`] — the same reader as for text, so
//! one pass gives the same model as reading the text again.
//!
//! A record is only trusted for documents the validator found valid: the recorder notes
//! what the text reader would refuse that the schema allows (a namespaced attribute, `]]>`
//! in text), and the parts the validator skipped, as [`Recorder::broken`].

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

pub(crate) use super::cursor::Element;
use super::cursor::{self, Cursor, Items};
use super::cursor::{Item, Mark};
use super::names::known_name;
use super::path;
use super::read::{identify_root, read_feed, read_person, read_root};
use super::recorded_names::RecordedNames;
use crate::error::{Error, TextPos};
use crate::model::{ActivityDetails, Document, Person, Root};
use crate::version::{Namespace, RootKind};
use crate::xsd::{Level, Observer, StartTag};

/// Recorded items have no position: a record is read back only for valid documents,
/// whose reading cannot fail at a place worth reporting.
const NOWHERE: TextPos = TextPos { line: 0, column: 0 };

/// One recorded item: a start tag, the text of a simple-typed element, or an end tag.
/// Items are small and hold no pointers (24 bytes where a start tag with its own strings
/// took 72): a document of millions of elements records three items for most of them, and
/// both threads of the one-pass check go through every byte of those.
#[derive(Clone, Copy)]
pub(crate) enum Recorded {
    Start(Started),
    Text(Span),
    End,
}

/// A range of a record's text (or of its attributes), in 32 bits a side: a piece handed
/// over holds far less than 4 GiB, and a record kept whole that would outgrow it is marked
/// broken, so that the rules read the text instead.
#[derive(Clone, Copy)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(range: std::ops::Range<usize>) -> Option<Span> {
        Some(Span {
            start: u32::try_from(range.start).ok()?,
            end: u32::try_from(range.end).ok()?,
        })
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A recorded element name: one the schemas declare, by its place in the name table, or
/// any other (from a custom schema) as a span of the record's text.
#[derive(Clone, Copy)]
enum RecordedName {
    Known(u16),
    InText(Span),
}

/// A recorded start tag. Its name and attributes point into the record, so that recording
/// allocates nothing for them: the strings are made by the thread that reads the record
/// back, which also frees them.
#[derive(Clone, Copy)]
pub(crate) struct Started {
    name: RecordedName,
    /// Indexes into [`Record::attributes`].
    attributes: Span,
    empty: bool,
    /// The root, whose namespace is [`Record::root_namespace`].
    root: bool,
}

/// Recorded items, with all their text in one string so that recording allocates nothing
/// per element; the strings of the model are made when the record is read back.
#[derive(Default)]
pub(crate) struct Record {
    items: Vec<Recorded>,
    text: String,
    /// Attribute names and values, as spans of `text`.
    attributes: Vec<(Span, Span)>,
    /// As in [`Element::foreign_namespace`], for the root, until it is read back.
    root_namespace: Option<Option<String>>,
}

impl Record {
    /// The name of the first element recorded, which is the root's in the first piece of a
    /// document.
    pub(crate) fn first_name(&self) -> Option<&str> {
        match self.items.first()? {
            Recorded::Start(element) => Some(self.name(element.name)),
            _ => None,
        }
    }

    /// The bytes the record holds, about.
    pub(crate) fn len(&self) -> usize {
        self.text.len()
            + self.items.len() * std::mem::size_of::<Recorded>()
            + self.attributes.len() * std::mem::size_of::<(Span, Span)>()
    }

    fn name(&self, name: RecordedName) -> &str {
        match name {
            RecordedName::Known(index) => known_name(index),
            RecordedName::InText(span) => self.text.get(span.range()).unwrap_or_default(),
        }
    }

    /// Empties the record, keeping its buffers for the next piece.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
        self.text.clear();
        self.attributes.clear();
        self.root_namespace = None;
    }
}

/// Where a [`Recorder`] puts its record as it grows.
pub(crate) trait Sink {
    /// Called after an element closed; the record holds what was recorded since the sink
    /// last took it. Take it (`std::mem::take`) to hand it over; leave it to keep it.
    fn grown(&mut self, record: &mut Record);
}

/// Keeps the whole record, to be read with [`Recorder::replay`].
impl Sink for () {
    fn grown(&mut self, _: &mut Record) {}
}

/// Records the validated elements of one document.
pub(crate) struct Recorder<S: Sink> {
    sink: S,
    record: Record,
    /// Where the text of the element being read starts in the record's text.
    text_start: usize,
    /// The next `end` closes an empty element, which has no end item.
    empty_pending: bool,
    /// Why the record cannot stand for the text.
    broken: Option<String>,
    /// Element names by their index in the schema, with their places in the name table.
    names: RecordedNames,
    /// Where each element is, for a document kept whole.
    outline: Outline,
}

/// Where the elements of a document are, in document order: enough to turn the element
/// paths of findings into positions without reading the text again.
#[derive(Default)]
pub(crate) struct Outline {
    keep: bool,
    /// Keep the outline of a `friends` list too: its text is held whole, so the outline's
    /// size is bounded with it (a list read as a stream is not outlined, to stay flat).
    lists: bool,
    elements: Vec<Outlined>,
    /// The open elements, as indexes into `elements`.
    open: Vec<usize>,
}

struct Outlined {
    depth: u32,
    name: u32,
    /// The start tag's bytes.
    tag: std::ops::Range<usize>,
    /// The value's bytes, for a simple-typed element with text: from where its first piece
    /// starts to where the end tag starts (noted when the element closes).
    text: Option<std::ops::Range<usize>>,
}

impl Outline {
    /// A piece of the innermost open element's value starts at `at`: the value starts with
    /// its first piece.
    fn value_piece(&mut self, at: usize) {
        if let Some(&open) = self.open.last() {
            self.elements[open].text.get_or_insert(at..at);
        }
    }

    /// The innermost open element closes with the end tag at `at`, where its value ends.
    fn close(&mut self, at: usize) {
        if let Some(open) = self.open.pop() {
            if let Some(text) = &mut self.elements[open].text {
                text.end = at;
            }
        }
    }
}

/// Where one element and its value are, as byte offsets into the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    pub(crate) tag: std::ops::Range<usize>,
    /// The value, from its first character to the start of the end tag.
    pub(crate) text: Option<std::ops::Range<usize>>,
}

/// Bytes of a document per recorded item, about: a start tag, its value and its end tag
/// take at least 40 bytes of most documents. Room for a document's items is reserved with
/// it, so that recording a small document does not grow its buffers again and again.
const BYTES_PER_ITEM: usize = 16;
/// The same for the outline, one entry per element.
const BYTES_PER_ELEMENT: usize = 40;

impl Recorder<()> {
    /// A recorder that keeps the whole record of a document of `len` bytes, with room for
    /// it reserved up front: growing the buffers from nothing cost more than filling them,
    /// for the many small documents of a directory.
    pub(crate) fn for_text(len: usize) -> Self {
        let mut recorder = Recorder::new(());
        recorder.record.items.reserve(len / BYTES_PER_ITEM);
        // Values make up most of a document's bytes that are not markup.
        recorder.record.text.reserve(len / 2);
        recorder.outline.elements.reserve(len / BYTES_PER_ELEMENT);
        recorder.outline.lists = true;
        recorder
    }

    /// This recorder made ready for another document of `len` bytes, as
    /// [`Recorder::for_text`] would make a new one, with the buffers it has: for the many
    /// small documents one thread checks, allocating them once costs less than every time.
    pub(crate) fn again_for_text(mut self, len: usize) -> Self {
        self.record.clear();
        self.text_start = 0;
        self.empty_pending = false;
        self.broken = None;
        self.outline.keep = false;
        self.outline.elements.clear();
        self.outline.open.clear();
        self.record.items.reserve(len / BYTES_PER_ITEM);
        self.record.text.reserve(len / 2);
        self.outline.elements.reserve(len / BYTES_PER_ELEMENT);
        self
    }

    /// About the bytes its buffers hold, filled or not.
    pub(crate) fn capacity(&self) -> usize {
        self.record.text.capacity()
            + self.record.items.capacity() * std::mem::size_of::<Recorded>()
            + self.record.attributes.capacity() * std::mem::size_of::<(Span, Span)>()
            + self.outline.elements.capacity() * std::mem::size_of::<Outlined>()
    }
}

impl<S: Sink> Recorder<S> {
    pub(crate) fn new(sink: S) -> Self {
        Recorder {
            sink,
            record: Record::default(),
            text_start: 0,
            empty_pending: false,
            broken: None,
            names: RecordedNames::default(),
            outline: Outline::default(),
        }
    }

    /// Where the elements at `paths` are, for a document kept whole (not a `friends` list
    /// read as a stream). `None` when no outline was kept.
    pub(crate) fn place(&self, paths: &BTreeSet<String>) -> Option<HashMap<String, Placed>> {
        if !self.outline.keep {
            return None;
        }
        let on_the_way = path::on_the_way(paths);
        let mut found = HashMap::new();
        // The path of each open element, and how many children of each name it has seen.
        let mut path = String::new();
        let mut stack: Vec<(usize, Vec<(u32, usize)>)> = vec![(0, Vec::new())];
        // Entries deeper than this belong to an element off the wanted paths.
        let mut aside_below: Option<usize> = None;
        for element in &self.outline.elements {
            let depth = element.depth as usize;
            match aside_below {
                Some(d) if depth > d => continue,
                _ => aside_below = None,
            }
            while stack.len() > depth + 1 {
                if let Some((len, _)) = stack.pop() {
                    path.truncate(len);
                }
            }
            let Some((_, counts)) = stack.last_mut() else {
                break;
            };
            let n = path::next_index(counts, &element.name);
            let parent_len = path.len();
            let name = self.names.name(element.name);
            path::push_segment(&mut path, name, n);
            if !on_the_way.contains(path.as_str()) {
                path.truncate(parent_len);
                aside_below = Some(depth);
                continue;
            }
            if paths.contains(&path) {
                found.insert(
                    path.clone(),
                    Placed {
                        tag: element.tag.clone(),
                        text: element.text.clone(),
                    },
                );
            }
            stack.push((parent_len, Vec::new()));
        }
        Some(found)
    }

    /// Why the record does not stand for the document, if it does not.
    pub(crate) fn broken(&self) -> Option<&str> {
        self.broken.as_deref()
    }

    /// The sink.
    pub(crate) fn sink(&mut self) -> &mut S {
        &mut self.sink
    }

    /// What was recorded since the sink last took the record.
    pub(crate) fn take_record(&mut self) -> Record {
        std::mem::take(&mut self.record)
    }

    /// The record kept by a recorder whose sink took nothing, for reading back.
    pub(crate) fn replay(&mut self) -> Replay<'_> {
        Replay::new(&mut self.record)
    }

    fn too_large(&mut self) {
        self.broken
            .get_or_insert_with(|| "the record outgrew its 32-bit offsets".to_owned());
    }

    fn grown(&mut self) {
        self.sink.grown(&mut self.record);
        self.text_start = self.record.text.len();
    }
}

impl<S: Sink> Observer for Recorder<S> {
    fn start(&mut self, start: &StartTag<'_, '_>) {
        let StartTag {
            tag,
            name_id,
            local,
            level,
            resolver,
            empty,
            ..
        } = *start;
        let root_namespace = match level {
            Level::Root { namespace } => Some(namespace),
            Level::Inner => None,
        };
        if root_namespace.is_some() {
            self.names.document(start.numbering);
            // A list read as a stream is linted person by person and placed by
            // `xml::locate`; any other document, and a list held in memory, is kept whole,
            // and so is the outline that places its findings.
            self.outline.keep = local != "friends" || self.outline.lists;
        }
        if self.outline.keep {
            // An empty element closed before this one opened: the open ones are ancestors.
            let depth = u32::try_from(self.outline.open.len()).unwrap_or(u32::MAX);
            self.outline.elements.push(Outlined {
                depth,
                name: name_id,
                tag: start.span.clone(),
                text: None,
            });
            self.outline.open.push(self.outline.elements.len() - 1);
        }
        let known = self.names.known(name_id, local);
        let Record {
            text, attributes, ..
        } = &mut self.record;
        let first = attributes.len();
        let mut fits = true;
        let kept = cursor::each_attribute(tag, resolver, local, NOWHERE, |name, value| {
            let name_at = text.len();
            text.push_str(name);
            let value_at = text.len();
            text.push_str(value);
            match (
                Span::new(name_at..value_at),
                Span::new(value_at..text.len()),
            ) {
                (Some(name), Some(value)) => attributes.push((name, value)),
                _ => fits = false,
            }
        });
        if let Err(e) = kept {
            self.broken.get_or_insert_with(|| e.to_string());
        }
        let name = match known {
            Some(index) => Some(RecordedName::Known(index)),
            None => {
                let at = self.record.text.len();
                self.record.text.push_str(local);
                Span::new(at..self.record.text.len()).map(RecordedName::InText)
            }
        };
        let attributes = Span::new(first..self.record.attributes.len());
        self.empty_pending = empty;
        self.text_start = self.record.text.len();
        let (Some(name), Some(attributes), true) = (name, attributes, fits) else {
            self.too_large();
            return;
        };
        if let Some(namespace) = root_namespace {
            self.record.root_namespace = Some(namespace.map(str::to_owned));
        }
        self.record.items.push(Recorded::Start(Started {
            name,
            attributes,
            empty,
            root: root_namespace.is_some(),
        }));
    }

    fn text(&mut self, piece: &str, at: usize) {
        self.outline.value_piece(at);
        // Most text has no `>` at all, and one branch-free pass over it says so.
        if has_byte(piece.as_bytes(), b'>') && piece.contains("]]>") {
            self.broken
                .get_or_insert_with(|| "`]]>` in text".to_owned());
        }
        self.record.text.push_str(piece);
    }

    fn plain_text(&mut self, piece: &str, at: usize) {
        self.outline.value_piece(at);
        // Plain text holds no `]`, so no `]]>`.
        self.record.text.push_str(piece);
    }

    fn end(&mut self, at: usize) {
        self.outline.close(at);
        if !std::mem::take(&mut self.empty_pending) {
            let text_end = self.record.text.len();
            if self.text_start < text_end {
                match Span::new(self.text_start..text_end) {
                    Some(span) => self.record.items.push(Recorded::Text(span)),
                    None => self.too_large(),
                }
            }
            self.record.items.push(Recorded::End);
        }
        self.grown();
    }

    fn incomplete(&mut self) {
        self.broken
            .get_or_insert_with(|| "part of the document was not validated".to_owned());
    }
}

/// Whether `needle` occurs in `bytes`, looked for in whole blocks without an early exit, so
/// that the compiler checks many bytes at once: faster than a search for the short texts of
/// a document.
fn has_byte(bytes: &[u8], needle: u8) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    let in_blocks = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |found, &b| found | (b == needle)));
    in_blocks || blocks.remainder().contains(&needle)
}

/// Reads recorded items back.
pub(crate) struct Replay<'a> {
    record: &'a mut Record,
    next: usize,
}

impl<'a> Replay<'a> {
    fn new(record: &'a mut Record) -> Self {
        Replay { record, next: 0 }
    }
}

/// The item the `index`th recorded one stands for; the root takes the record's namespace.
fn item_of(record: &mut Record, index: usize) -> Item {
    let Some(&recorded) = record.items.get(index) else {
        return Item::Eof;
    };
    let piece = |span: Span| record.text.get(span.range()).unwrap_or_default();
    match recorded {
        Recorded::Text(span) => Item::Text(piece(span).to_owned()),
        Recorded::End => Item::End,
        Recorded::Start(started) => Item::Start(Element::new(
            match started.name {
                RecordedName::Known(index) => Cow::Borrowed(known_name(index)),
                RecordedName::InText(span) => Cow::Owned(piece(span).to_owned()),
            },
            Mark::At(NOWHERE),
            started.empty,
            if started.root {
                record.root_namespace.take()
            } else {
                None
            },
            // Most elements have no attributes: no iterator to set up then.
            match record.attributes.get(started.attributes.range()) {
                None | Some([]) => Vec::new(),
                Some(kept) => kept
                    .iter()
                    .map(|&(name, value)| (piece(name).to_owned(), piece(value).to_owned()))
                    .collect(),
            },
        )),
    }
}

/// The value of the simple-typed element whose start tag is the item before the
/// `index`th, when the record holds only its text (if any) and its end tag there, with how
/// many items that is.
fn value_at(record: &Record, index: usize) -> Option<(&str, usize)> {
    match record.items.get(index..)? {
        [Recorded::End, ..] => Some(("", 1)),
        [Recorded::Text(span), Recorded::End, ..] => Some((record.text.get(span.range())?, 2)),
        _ => None,
    }
}

impl Items for Replay<'_> {
    fn next_item(&mut self, _expected: Option<&str>, _keep_text: bool) -> Result<Item, Error> {
        let item = item_of(self.record, self.next);
        self.next += 1;
        Ok(item)
    }

    fn value(&mut self) -> Option<String> {
        self.value_with(&mut str::to_owned)
    }

    fn value_with<T>(&mut self, read: &mut impl FnMut(&str) -> T) -> Option<T> {
        let (text, items) = value_at(self.record, self.next)?;
        let value = read(text);
        self.next += items;
        Some(value)
    }

    fn mark(&mut self) -> Mark {
        Mark::At(NOWHERE)
    }

    fn locate(&mut self, _mark: Mark) -> TextPos {
        NOWHERE
    }
}

/// Reads records as they arrive from another thread, one after the other, and sends
/// each one back emptied once read, for the recorder to fill again: reusing the buffers
/// spares the allocator, and the kernel the pages of a fresh buffer every piece.
pub(crate) struct Arriving {
    receiver: std::sync::mpsc::Receiver<Record>,
    returns: std::sync::mpsc::SyncSender<Record>,
    record: Record,
    next: usize,
}

impl Arriving {
    pub(crate) fn new(
        receiver: std::sync::mpsc::Receiver<Record>,
        returns: std::sync::mpsc::SyncSender<Record>,
    ) -> Self {
        Arriving {
            receiver,
            returns,
            record: Record::default(),
            next: 0,
        }
    }
}

impl Items for Arriving {
    fn next_item(&mut self, _expected: Option<&str>, _keep_text: bool) -> Result<Item, Error> {
        while self.next >= self.record.items.len() {
            match self.receiver.recv() {
                Ok(record) => {
                    let mut done = std::mem::replace(&mut self.record, record);
                    self.next = 0;
                    done.clear();
                    // A full return channel, or a recorder that stopped, lets it go.
                    let _ = self.returns.try_send(done);
                }
                // The sender is done: so is the document.
                Err(_) => return Ok(Item::Eof),
            }
        }
        let item = item_of(&mut self.record, self.next);
        self.next += 1;
        Ok(item)
    }

    fn value(&mut self) -> Option<String> {
        self.value_with(&mut str::to_owned)
    }

    fn value_with<T>(&mut self, read: &mut impl FnMut(&str) -> T) -> Option<T> {
        // A value split between two pieces is read item by item.
        let (text, items) = value_at(&self.record, self.next)?;
        let value = read(text);
        self.next += items;
        Some(value)
    }

    fn mark(&mut self) -> Mark {
        Mark::At(NOWHERE)
    }

    fn locate(&mut self, _mark: Mark) -> TextPos {
        NOWHERE
    }
}

/// What reading a recorded document gave.
pub(crate) enum ReadBack {
    /// A `friends` list, whose persons went to the callback one by one.
    Persons,
    /// Any other document, whole.
    Document(Document),
}

/// What [`read_back`] hands out as it reads.
pub(crate) enum Reading<'p> {
    /// The root was identified; comes first.
    Root(Namespace, RootKind),
    /// The next person of a `friends` list.
    Person(&'p Person),
    /// The next activity of an `activityFeed`, which is kept in the document too.
    Activity(&'p ActivityDetails),
}

/// Reads a recorded document back into the model: a `friends` list person by person
/// (handed to `each` as each is read, so memory does not grow with the list), any other
/// document whole.
///
/// The document has no [`comments`](Document::comments): the validator reports elements and
/// their text, not comments; the rules read none, and the suppressions among them are read
/// from the text itself (`check::suppress`), whichever way the file is checked.
///
/// # Errors
/// When the items do not read into the model.
pub(crate) fn read_back<S: Items>(
    source: S,
    mut each: impl FnMut(Reading<'_>),
) -> Result<ReadBack, Error> {
    let mut c = Cursor::over(source, false);
    let el = c.root()?;
    let (namespace, kind) = identify_root(&mut c, &el)?;
    each(Reading::Root(namespace, kind));
    if kind != RootKind::Friends {
        let body = match kind {
            RootKind::ActivityFeed => {
                Root::ActivityFeed(read_feed(&mut c, &el, &mut |activity| {
                    each(Reading::Activity(activity))
                })?)
            }
            _ => read_root(&mut c, &el, kind)?,
        };
        c.finish()?;
        return Ok(ReadBack::Document(Document {
            namespace,
            root: body,
            // The rules read no comments; suppressions are read from the text itself
            // (`check::suppress`), so a record keeps none.
            comments: Vec::new(),
        }));
    }
    c.no_attributes(&el)?;
    while let Some(child) = c.next_child(&el)? {
        if child.name != "person" {
            return Err(c.unexpected(&child, &el));
        }
        each(Reading::Person(&read_person(&mut c, &child)?));
    }
    c.finish()?;
    Ok(ReadBack::Persons)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Friends;
    use crate::xsd::Validator;

    /// Reads `text` back from the validator's record, persons of a list included.
    fn recorded(text: &str) -> Option<Document> {
        let mut recorder = Recorder::new(());
        let report = Validator::auto().validate_text_observed(text, Vec::new(), &mut recorder);
        if !report.is_valid() || recorder.broken().is_some() {
            return None;
        }
        let mut namespace = None;
        let mut persons = Vec::new();
        let read = read_back(recorder.replay(), |reading| match reading {
            Reading::Root(ns, _) => namespace = Some(ns),
            Reading::Person(p) => persons.push(p.clone()),
            Reading::Activity(_) => {}
        })
        .expect("a valid record reads back");
        Some(match read {
            ReadBack::Document(doc) => doc,
            ReadBack::Persons => Document {
                namespace: namespace.expect("the root comes first"),
                root: Root::Friends(Friends { persons }),
                comments: Vec::new(),
            },
        })
    }

    #[test]
    fn the_record_of_a_valid_document_reads_back_as_its_text_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut dirs = vec![root];
        let mut compared = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let Ok(bytes) = std::fs::read(&path) else {
                    continue;
                };
                let Ok(decoded) = crate::xml::decode::decode(&bytes) else {
                    continue;
                };
                if let Some(doc) = recorded(&decoded.text) {
                    // A record keeps no comments (see `read_back`): the rest is the same.
                    let read = crate::xml::read_str(&decoded.text).map(|mut read| {
                        read.comments.clear();
                        read
                    });
                    assert_eq!(read.as_ref().ok(), Some(&doc), "{}", path.display());
                    compared += 1;
                }
            }
        }
        assert!(compared > 50, "only {compared} valid fixtures compared");
    }

    #[test]
    fn recorded_items_stay_small() {
        // Both threads of the one-pass check go through every item: see `Recorded`.
        assert!(std::mem::size_of::<Recorded>() <= 24);
        // The reader moves each element read back through several layers: see `Element`.
        assert!(std::mem::size_of::<Element>() <= 80);
        assert!(Span::new(0..usize::MAX).is_none());
        assert_eq!(Span::new(3..7).map(Span::range), Some(3..7));
    }

    #[test]
    fn names_the_schemas_do_not_declare_are_kept_in_the_text() {
        // A custom schema may declare any name; the recorder keeps it with the text.
        let mut recorder = Recorder::new(());
        let resolver = quick_xml::name::NamespaceResolver::default();
        let tag = quick_xml::events::BytesStart::from_content("gadget colour=\"teal\"", 6);
        recorder.start(&StartTag {
            tag: &tag,
            name_id: 7,
            numbering: 0,
            local: "gadget",
            level: Level::Root {
                namespace: Some("urn:x"),
            },
            resolver: &resolver,
            empty: false,
            span: 0..22,
        });
        recorder.text("on", 22);
        recorder.end(24);
        assert!(recorder.broken().is_none());
        let mut replay = recorder.replay();
        let Ok(Item::Start(element)) = replay.next_item(None, true) else {
            panic!("a start tag first");
        };
        assert_eq!(element.name, "gadget");
        assert_eq!(element.foreign_namespace, Some(Some("urn:x".to_owned())));
        assert_eq!(
            element.attributes(),
            [("colour".to_owned(), "teal".to_owned())]
        );
        assert!(matches!(replay.next_item(None, true), Ok(Item::Text(t)) if t == "on"));
        assert!(matches!(replay.next_item(None, true), Ok(Item::End)));
        assert!(matches!(replay.next_item(None, true), Ok(Item::Eof)));
    }

    #[test]
    fn what_the_text_reader_refuses_breaks_the_record() {
        let ns = crate::version::NS_1_1;
        let typed = format!(
            "<person xmlns=\"{ns}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
             <userID xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">a</userID></person>"
        );
        let mut recorder = Recorder::new(());
        let _ = Validator::auto().validate_text_observed(&typed, Vec::new(), &mut recorder);
        assert!(recorder.broken().is_some(), "{typed}");
        assert!(crate::xml::read_str(&typed).is_err(), "{typed}");
        // `]]>` in text is not well-formed: the validator refuses it as the reader does.
        let cdata_end = format!("<person xmlns=\"{ns}\"><userID>a]]>b</userID></person>");
        let report = Validator::auto().validate_str(&cdata_end);
        assert!(!report.is_valid(), "{cdata_end}");
        assert!(crate::xml::read_str(&cdata_end).is_err(), "{cdata_end}");
    }
}

#[cfg(test)]
mod outline_tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::xml::locate::{locate, positions};
    use crate::xml::path::is_repeatable;
    use crate::xsd::Validator;

    /// Every element path of a document, written as the XSD layer writes them; worked out
    /// with roxmltree, independently of the outline and of `locate`.
    fn all_paths(text: &str) -> BTreeSet<String> {
        fn walk(node: roxmltree::Node<'_, '_>, prefix: &str, out: &mut BTreeSet<String>) {
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for child in node.children().filter(roxmltree::Node::is_element) {
                let name = child.tag_name().name();
                let n = match counts.iter_mut().find(|(known, _)| *known == name) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        counts.push((name, 1));
                        1
                    }
                };
                let mut path = format!("{prefix}/{name}");
                if !prefix.is_empty() && is_repeatable(name) {
                    path.push_str(&format!("[{n}]"));
                }
                out.insert(path.clone());
                walk(child, &path, out);
            }
        }
        let doc = roxmltree::Document::parse(text).expect("well-formed");
        let mut out = BTreeSet::new();
        walk(doc.root(), "", &mut out);
        out
    }

    #[test]
    fn the_outline_places_every_element_where_locate_finds_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs");
        let (mut compared, mut texts) = (0, 0);
        for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            if text.starts_with('\u{FEFF}') {
                continue;
            }
            let mut recorder = Recorder::new(());
            let report = Validator::auto().validate_text_observed(&text, Vec::new(), &mut recorder);
            if !report.is_valid() {
                continue;
            }
            let paths = all_paths(&text);
            let Some(placed) = recorder.place(&paths) else {
                continue; // a friends list: placed by `locate` itself
            };
            let located = locate(text.as_bytes(), &paths).expect("well-formed");
            assert_eq!(placed.len(), paths.len(), "{}", entry.path().display());
            for (path, p) in &placed {
                let l = &located[path];
                assert_eq!(
                    p.tag,
                    l.element.span,
                    "{path} in {}",
                    entry.path().display()
                );
                // Values, from their first character to the end tag, and how they start as
                // written: what findings point into.
                assert_eq!(
                    p.text,
                    l.text.as_ref().map(|t| t.span.clone()),
                    "{path} in {}",
                    entry.path().display()
                );
                texts += usize::from(p.text.is_some());
            }
            // Lines, columns and how each value starts as written, counted from the outline,
            // are what reading the document again finds.
            let positioned = positions(text.as_bytes(), placed.clone()).expect("a slice");
            for (path, at) in &positioned {
                assert_eq!(
                    Some(at),
                    located.get(path),
                    "{path} in {}",
                    entry.path().display()
                );
            }
            // A few wanted paths: the rest of the document is passed over, and what is
            // found is found in the same place.
            let some: BTreeSet<String> = paths.iter().step_by(7).cloned().collect();
            let placed_some = recorder.place(&some).expect("an outline");
            assert_eq!(placed_some.len(), some.len());
            for (path, p) in &placed_some {
                assert_eq!(Some(p), placed.get(path), "{path}");
            }
            compared += 1;
        }
        assert!(compared >= 5, "only {compared} documents compared");
        assert!(texts > 50, "only {texts} values compared");
    }
}

#[cfg(test)]
mod value_tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::xml::locate::{locate, positions};
    use crate::xsd::Validator;

    #[test]
    fn values_and_their_literal_starts_agree_between_the_outline_and_locate() {
        let ns = crate::version::NS_1_1;
        let text = format!(
            "<person xmlns=\"{ns}\">\n  <userID><![CDATA[a<b]]>c</userID>\n  \
             <firstName>\u{e9}l &amp; x</firstName>\n  <lastName><!-- b -->x<!-- c -->y</lastName>\n  \
             <fullName>one\r\ntwo</fullName>\n  <emailAddress>\u{e9}@example.com</emailAddress>\n\
             </person>"
        );
        let mut recorder = Recorder::new(());
        let report = Validator::auto().validate_text_observed(&text, Vec::new(), &mut recorder);
        assert!(report.is_valid(), "{:?}", report.diagnostics());
        let expected = [
            ("userID", "a", "<![CDATA["),
            ("firstName", "\u{e9}l ", ""),
            ("lastName", "x", "<!-- b -->"),
            ("fullName", "one", ""),
            ("emailAddress", "\u{e9}@example.com", ""),
        ];
        let paths: BTreeSet<String> = expected
            .iter()
            .map(|(name, _, _)| format!("/person/{name}"))
            .collect();
        let placed = recorder.place(&paths).expect("an outline");
        let positioned = positions(text.as_bytes(), placed).expect("a slice");
        let located = locate(text.as_bytes(), &paths).expect("well-formed");
        assert_eq!(positioned, located);
        for (name, literal, before) in expected {
            let at = &located[&format!("/person/{name}")];
            assert_eq!(at.literal, literal, "{name}");
            // From the first character of the value to the end tag.
            let value = at.text.as_ref().expect("a value");
            let open = format!("<{name}>{before}");
            let start = text.find(&open).expect("the element") + open.len();
            let end = text.find(&format!("</{name}>")).expect("the end tag");
            assert_eq!(value.span, start..end, "{name}");
        }
    }
}
