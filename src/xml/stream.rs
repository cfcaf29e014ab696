//! Reading the persons of a `friends` document one at a time, from any `BufRead`, in memory
//! that does not grow with the number of persons.

use std::io::{self, BufRead, Read};

use super::cursor::{Cursor, Element, Items, XmlItems};
use super::events::{Buffered, InText};
use super::read::{identify_root, read_person};
use crate::error::{Error, TextPos};
use crate::limits::Limits;
use crate::model::Person;
use crate::version::{Namespace, RootKind};

/// An iterator over the `person` elements of a `friends` document read from a stream.
///
/// Created by [`persons`]. Each item is a person or the error that ended the stream; after an
/// error the iterator yields nothing more.
pub struct PersonStream<R: BufRead> {
    persons: Persons<XmlItems<Buffered<Decoding<R>>>>,
}

/// An iterator over the `person` elements of a `friends` document in memory.
///
/// Created by [`persons_str`]; behaves as [`PersonStream`], reading straight from the text.
pub struct TextPersonStream<'t> {
    persons: Persons<XmlItems<InText<'t>>>,
}

/// The persons of a `friends` document, whatever the items come from.
struct Persons<S: Items> {
    cursor: Cursor<S>,
    root: Element,
    namespace: Namespace,
    done: bool,
}

impl<S: Items> Persons<S> {
    /// Reads up to the `friends` root's content.
    fn start(mut cursor: Cursor<S>) -> Result<Self, Error> {
        let root = cursor.root()?;
        let (namespace, kind) = identify_root(&mut cursor, &root)?;
        if kind != RootKind::Friends {
            return Err(Error::UnknownRoot {
                name: root.name.to_string(),
                namespace: namespace.uri().map(str::to_owned),
                expected: "`friends`".into(),
                pos: cursor.locate(root.pos),
            });
        }
        cursor.no_attributes(&root)?;
        Ok(Persons {
            cursor,
            root,
            namespace,
            done: false,
        })
    }

    fn step(&mut self) -> Result<Option<Person>, Error> {
        match self.cursor.next_child(&self.root)? {
            Some(child) if child.name == "person" => {
                Ok(Some(read_person(&mut self.cursor, &child)?))
            }
            Some(child) => Err(self.cursor.unexpected(&child, &self.root)),
            None => {
                self.cursor.finish()?;
                Ok(None)
            }
        }
    }

    fn next(&mut self) -> Option<Result<Person, Error>> {
        if self.done {
            return None;
        }
        let item = self.step().transpose();
        if !matches!(item, Some(Ok(_))) {
            self.done = true;
        }
        item
    }
}

impl<R: BufRead> PersonStream<R> {
    /// The namespace of the `friends` root.
    pub fn namespace(&self) -> Namespace {
        self.persons.namespace
    }
}

impl TextPersonStream<'_> {
    /// The namespace of the `friends` root.
    pub fn namespace(&self) -> Namespace {
        self.persons.namespace
    }
}

impl<R: BufRead> Iterator for PersonStream<R> {
    type Item = Result<Person, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.persons.next()
    }
}

impl Iterator for TextPersonStream<'_> {
    type Item = Result<Person, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.persons.next()
    }
}

/// Starts streaming the persons of a `friends` document.
///
/// The input may be UTF-8 (with or without a byte order mark) or UTF-16 with one.
///
/// # Errors
/// When the document does not start with a `friends` root in an OSC namespace, or cannot
/// be read up to it.
pub fn persons<R: BufRead>(input: R) -> Result<PersonStream<R>, Error> {
    let cursor = Cursor::new(Decoding::new(input)?, false, Limits::default());
    Ok(PersonStream {
        persons: Persons::start(cursor)?,
    })
}

/// Starts streaming the persons of a `friends` document held in memory as text (see
/// [`decode`](super::decode::decode) for bytes). The same as [`persons`] over the text's
/// bytes, without copying them through a buffer: each value is taken from the text itself.
///
/// ```
/// let text = r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
///   <person><userID>ada</userID></person>
///   <person><userID>alan</userID></person>
/// </friends>"#;
/// let ids: Vec<String> = osc_schema::xml::persons_str(text)?
///     .map(|person| person.map(|p| p.user_id))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(ids, ["ada", "alan"]);
/// # Ok::<(), osc_schema::Error>(())
/// ```
///
/// # Errors
/// As [`persons`].
pub fn persons_str(text: &str) -> Result<TextPersonStream<'_>, Error> {
    let cursor = Cursor::in_text(text, false, Limits::default());
    Ok(TextPersonStream {
        persons: Persons::start(cursor)?,
    })
}

/// Turns two bytes into a UTF-16 code unit, in one byte order.
type UnitReader = fn([u8; 2]) -> u16;

/// Passes UTF-8 through (dropping a byte order mark) and transcodes UTF-16 to UTF-8.
pub(crate) struct Decoding<R> {
    inner: R,
    utf16: Option<UnitReader>,
    /// Transcoded bytes not yet consumed.
    out: Vec<u8>,
    taken: usize,
    /// A high surrogate waiting for its pair.
    pending_high: Option<u16>,
}

impl<R: BufRead> Decoding<R> {
    pub(crate) fn new(mut inner: R) -> Result<Self, Error> {
        let head = inner.fill_buf()?;
        let (skip, utf16): (usize, Option<UnitReader>) = match head {
            [0xEF, 0xBB, 0xBF, ..] => (3, None),
            [0xFF, 0xFE, ..] => (2, Some(u16::from_le_bytes)),
            [0xFE, 0xFF, ..] => (2, Some(u16::from_be_bytes)),
            [0x3C, 0x00, ..] | [0x00, 0x3C, ..] => {
                return Err(Error::Encoding {
                    message: "UTF-16 text without a byte order mark is not supported".into(),
                    pos: TextPos::new(1, 1),
                });
            }
            _ => (0, None),
        };
        inner.consume(skip);
        Ok(Decoding {
            inner,
            utf16,
            out: Vec::new(),
            taken: 0,
            pending_high: None,
        })
    }

    /// Transcodes the next chunk of UTF-16 input into `out`.
    fn refill(&mut self, unit: UnitReader) -> io::Result<()> {
        self.out.clear();
        self.taken = 0;
        while self.out.is_empty() {
            let mut pair = [0u8; 2];
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                if self.pending_high.take().is_some() {
                    return Err(bad_utf16());
                }
                return Ok(());
            }
            let usable = chunk.len() & !1;
            if usable == 0 {
                // One byte buffered: read the pair the slow way.
                self.inner.read_exact(&mut pair).map_err(|_| bad_utf16())?;
                self.push_unit(unit(pair))?;
                continue;
            }
            let units: Vec<u16> = chunk[..usable]
                .chunks_exact(2)
                .map(|p| unit([p[0], p[1]]))
                .collect();
            self.inner.consume(usable);
            for u in units {
                self.push_unit(u)?;
            }
        }
        Ok(())
    }

    fn push_unit(&mut self, u: u16) -> io::Result<()> {
        let c = match (self.pending_high.take(), u) {
            (None, 0xD800..=0xDBFF) => {
                self.pending_high = Some(u);
                return Ok(());
            }
            (Some(high), 0xDC00..=0xDFFF) => char::decode_utf16([high, u])
                .next()
                .and_then(Result::ok)
                .ok_or_else(bad_utf16)?,
            (Some(_), _) | (None, 0xDC00..=0xDFFF) => return Err(bad_utf16()),
            (None, _) => char::from_u32(u32::from(u)).ok_or_else(bad_utf16)?,
        };
        let mut buf = [0u8; 4];
        self.out
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }
}

fn bad_utf16() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "invalid UTF-16 input")
}

impl<R: BufRead> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Decoding<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self.utf16 {
            None => self.inner.fill_buf(),
            Some(unit) => {
                if self.taken >= self.out.len() {
                    self.refill(unit)?;
                }
                Ok(&self.out[self.taken..])
            }
        }
    }

    fn consume(&mut self, amount: usize) {
        match self.utf16 {
            None => self.inner.consume(amount),
            Some(_) => self.taken = (self.taken + amount).min(self.out.len()),
        }
    }
}
