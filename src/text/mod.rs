//! Bytes to text, in one place for every reader: which encoding the first bytes announce
//! ([`sniff`]), UTF-16 turned into characters ([`Utf16`]), and byte offsets turned into
//! lines and columns ([`advance`]), for a document held whole
//! ([`decode`]) and for streams (the validator's feed and the typed stream reader).
//! Each reader keeps only its own buffering; what a byte order mark means, how surrogates
//! pair and what is said when the bytes are wrong are decided here.
//! The way back out is here too: text made inert for a human-readable line ([`inert`]).

pub mod decode;
pub(crate) mod inert;
pub(crate) mod legacy;
mod position;
mod quote;
mod sniff;
mod utf16;

pub(crate) use legacy::Legacy;
pub(crate) use position::{advance, byte_of_char, offset_in};
#[cfg(feature = "cli")]
pub(crate) use quote::QUOTED_CHARS;
pub(crate) use quote::{quoted, quoted_value, shorten_quotes, shortened, value_excerpt};
pub(crate) use sniff::sniff;
pub(crate) use utf16::{BAD_UTF16, Utf16};

/// How to get past bytes that cannot be read as the text they claim to be.
pub(crate) const ENCODING_HELP: &str = "save the file as UTF-8 (or UTF-16 with a byte order mark), \
     and declare the encoding its bytes are really in";
