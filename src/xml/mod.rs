//! Reading and writing OSC documents as XML.
//!
//! - [`read_str`] / [`read_bytes`]: a whole document into the [model](crate::model);
//! - [`persons`] / [`persons_str`]: the persons of a `friends` document one at a time, from
//!   any `BufRead` or from text in memory;
//! - [`to_string`] / [`write_string`] / [`write_bytes`]: the model back to canonical XML;
//! - [`decode`](decode::decode): bytes to text (byte order marks, UTF-16);
//! - [`locate`](locate::locate): element paths (`/friends/person[3]/userID`) to line and
//!   column, for findings reported at paths.

pub(crate) mod cursor;
/// Bytes to text; kept here, where readers of documents look for it.
pub use crate::text::decode;
mod events;
mod fields;
pub(crate) mod fix;
pub mod locate;
mod names;
mod order;
pub(crate) mod path;
pub mod read;
pub(crate) mod record;
mod short;
pub(crate) mod stream;
pub(crate) mod tracked;
pub mod write;

pub use order::{element_sequence, reordered};
pub use path::ElementPath;
pub use read::{Parsed, ReadOptions, read_bytes, read_bytes_with, read_str};
pub use stream::{PersonStream, TextPersonStream, persons, persons_str};
pub use write::{Declaration, WriteOptions, to_string, write_bytes, write_string};
