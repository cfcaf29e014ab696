//! Reading and writing OSC documents as XML.
//!
//! - [`read_str`] / [`read_bytes`]: a whole document into the [model](crate::model);
//! - [`persons`] / [`persons_str`]: the persons of a `friends` document one at a time, from
//!   any `BufRead` or from text in memory;
//! - [`to_string`] / [`write_string`] / [`write_bytes`]: the model back to canonical XML;
//! - [`read::read_str_tolerant`]: a document with what could not be read left out and listed;
//! - [`decode`](decode::decode): bytes to text (byte order marks, UTF-16).

pub(crate) mod cursor;
/// Bytes to text; kept here, where readers of documents look for it.
pub use crate::text::decode;
mod events;
mod fields;
pub(crate) mod fix;
pub(crate) mod locate;
mod names;
#[cfg(feature = "cli")]
mod order;
pub(crate) mod path;
pub mod read;
pub(crate) mod record;
mod recorded_names;
mod short;
pub(crate) mod stream;
pub(crate) mod tracked;
mod write;

#[cfg(feature = "cli")]
pub(crate) use order::{element_sequence, reordered};
pub use path::ElementPath;
pub use read::{Parsed, ReadOptions, read_bytes, read_bytes_with, read_str};
pub use stream::{PersonStream, TextPersonStream, persons, persons_str};
pub use write::{Declaration, WriteOptions, to_string, write_bytes, write_string};
