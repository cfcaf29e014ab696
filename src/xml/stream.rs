//! Reading the persons of a `friends` document one at a time, from any `BufRead`, in memory
//! that does not grow with the number of persons.

use std::io::{self, BufRead, Read};

use super::cursor::{Cursor, Element, Items, XmlItems};
use super::events::{Buffered, InText};
use super::read::{identify_root, read_person};
use crate::error::{Error, TextPos};
use crate::limits::Limits;
use crate::model::Person;
use crate::text;
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
        let item = self.step().map_err(super::short::short_names).transpose();
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
        persons: Persons::start(cursor).map_err(super::short::short_names)?,
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
        persons: Persons::start(cursor).map_err(super::short::short_names)?,
    })
}

/// Bytes of UTF-8 transcoded from UTF-16 at a time.
const TRANSCODED: usize = 64 * 1024;

/// Passes UTF-8 through (dropping a byte order mark) and transcodes UTF-16 to UTF-8.
pub(crate) struct Decoding<R> {
    inner: R,
    utf16: Option<text::Utf16>,
    /// Transcoded bytes: `out[taken..end]` are not yet consumed.
    out: Vec<u8>,
    taken: usize,
    end: usize,
}

impl<R: BufRead> Decoding<R> {
    pub(crate) fn new(mut inner: R) -> Result<Self, Error> {
        // A byte order mark is read whole even when the reader hands out fewer bytes.
        let mut head = Vec::with_capacity(4);
        while head.len() < 4 {
            let chunk = inner.fill_buf()?;
            let Some(&byte) = chunk.first() else {
                break;
            };
            head.push(byte);
            inner.consume(1);
        }
        let sniffed = text::sniff(&head).map_err(|message| Error::Encoding {
            message: message.into(),
            pos: TextPos::new(1, 1),
        })?;
        let utf16 = text::Utf16::for_encoding(sniffed.encoding);
        let after_bom = head.get(sniffed.bom..).unwrap_or_default();
        let mut decoding = Decoding {
            inner,
            utf16,
            out: vec![0; TRANSCODED],
            taken: 0,
            end: 0,
        };
        match decoding.utf16.as_mut() {
            None => {
                decoding.out = after_bom.to_vec();
                decoding.end = after_bom.len();
            }
            Some(utf16) => {
                utf16
                    .decode(after_bom, &mut decoding.out, &mut decoding.end)
                    .map_err(|_| bad_utf16())?;
            }
        }
        Ok(decoding)
    }

    /// Transcodes the next stretch of UTF-16 input into `out`.
    fn refill(&mut self) -> io::Result<()> {
        let Some(utf16) = self.utf16.as_mut() else {
            return Ok(());
        };
        self.taken = 0;
        self.end = 0;
        self.out.resize(TRANSCODED, 0);
        while self.end == 0 {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                return utf16.finish().map_err(|_| bad_utf16());
            }
            let used = utf16
                .decode(chunk, &mut self.out, &mut self.end)
                .map_err(|_| bad_utf16())?;
            self.inner.consume(used);
        }
        Ok(())
    }
}

fn bad_utf16() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, text::BAD_UTF16)
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
        if self.taken < self.end {
            return Ok(&self.out[self.taken..self.end]);
        }
        match self.utf16 {
            // The few bytes after a UTF-8 byte order mark come first, then the input as it is.
            None => self.inner.fill_buf(),
            Some(_) => {
                self.refill()?;
                Ok(&self.out[self.taken..self.end])
            }
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.taken < self.end {
            self.taken = (self.taken + amount).min(self.end);
        } else if self.utf16.is_none() {
            self.inner.consume(amount);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Read as _};

    use super::Decoding;

    /// Everything `Decoding` gives for `bytes` handed over `piece` bytes per read.
    fn decoded(bytes: &[u8], piece: usize) -> std::io::Result<String> {
        let mut decoding = Decoding::new(BufReader::with_capacity(piece, bytes))
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let mut text = String::new();
        decoding.read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn every_encoding_reads_the_same_however_little_each_read_brings() {
        let text = "<a>é😀 z</a>";
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [text.as_bytes().to_vec(), utf8_bom, le, be] {
            for piece in [1, 2, 3, 5, 64] {
                assert_eq!(
                    decoded(&bytes, piece).ok().as_deref(),
                    Some(text),
                    "{piece}"
                );
            }
        }
    }

    #[test]
    fn broken_utf16_and_a_missing_mark_are_errors() {
        let mut odd = vec![0xFF, 0xFE];
        odd.extend("<a/>".encode_utf16().flat_map(u16::to_le_bytes));
        odd.push(b'x');
        let mut lone = vec![0xFF, 0xFE, b'<', 0];
        lone.extend([0x00, 0xD8, b'a', 0]);
        for bytes in [odd, lone] {
            for piece in [1, 64] {
                assert!(
                    decoded(&bytes, piece).is_err(),
                    "{bytes:?} in pieces of {piece}"
                );
            }
        }
        let unmarked: Vec<u8> = "<a/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let refused = decoded(&unmarked, 64).expect_err("no mark");
        assert!(refused.to_string().contains("byte order mark"), "{refused}");
    }
}
