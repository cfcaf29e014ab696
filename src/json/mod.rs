//! The JSON form of documents: the typed model in an envelope that states what the XML
//! carries beside it, so that XML → JSON → XML gives back the canonical XML byte for byte.
//!
//! ```json
//! {
//!   "format": "osc-schema-json/1",
//!   "root": "friends",
//!   "generation": "1.1",
//!   "namespace": "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd",
//!   "encoding": "utf-8",
//!   "document": { "person": [ { "userID": "4667647", "firstName": "Ada", … } ] }
//! }
//! ```
//!
//! | field | value |
//! |---|---|
//! | `format` | `osc-schema-json/1`; other values are refused |
//! | `root` | the root element's name; it says how `document` is read |
//! | `generation` | `1.0`, `1.1` or `2013` (see [`generation_of`]); on input it must not contradict `namespace` or the content |
//! | `namespace` | the namespace URI, or `null` for a `hashedAddresses` without one |
//! | `encoding` | `utf-8` or `utf-16`: how the XML came, and is written back; optional on input (default `utf-8`) |
//! | `document` | the serde form of the root's [model](crate::model) struct: fields named as the schema names elements, absent values `null` (or left out on input), unknown fields refused |
//!
//! ```
//! use osc_schema::json::{self, Encoding};
//! use osc_schema::Target;
//!
//! let xml = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <userID>42</userID><skills>knitting</skills></person>"#;
//! let doc = osc_schema::xml::read_str(xml)?;
//!
//! let text = json::to_json_string(&doc, Encoding::Utf8, true)?;
//! let value: serde_json::Value = serde_json::from_str(&text).unwrap();
//! assert_eq!(value["generation"], "2013"); // `skills` came with 2013
//! assert_eq!(value["document"]["skills"], "knitting");
//!
//! let (back, encoding) = json::from_json_str(&text)?;
//! assert_eq!((back, encoding), (doc, Encoding::Utf8));
//!
//! let err = json::from_json_str(&text.replace("\"2013\"", "\"1.1\"")).unwrap_err();
//! assert!(err.to_string().contains("`/person/skills` was introduced in 2013"));
//! # Ok::<(), osc_schema::Error>(())
//! ```
//!
//! Every document the XML reader accepts has a JSON form except one in the 1.0 namespace
//! that uses elements (or a root) added later: no generation fits both its namespace and its
//! content, so [`Envelope::from_document`] refuses it.

mod de;
mod encoding;
mod envelope;
mod generation;
mod position;
mod rules;

pub use encoding::Encoding;
pub use envelope::Envelope;
pub use generation::generation_of;

use crate::error::Error;
use crate::model::Document;

/// The value of `format` this version writes and reads.
pub const FORMAT: &str = "osc-schema-json/1";

/// Writes a document as JSON, stating `encoding` as the encoding of its XML; indented by two
/// spaces when `pretty`, on one line otherwise, without a final newline.
///
/// # Errors
/// As [`Envelope::from_document`].
pub fn to_json_string(
    document: &Document,
    encoding: Encoding,
    pretty: bool,
) -> Result<String, Error> {
    Envelope::from_document(document, encoding)?.to_json_string(pretty)
}

/// Reads a document, and the encoding of its XML, from JSON text.
///
/// # Errors
/// As [`Envelope::from_json_str`].
pub fn from_json_str(text: &str) -> Result<(Document, Encoding), Error> {
    Envelope::from_json_str(text).map(Envelope::into_parts)
}

/// Reads a document, and the encoding of its XML, from JSON bytes (UTF-8, with or without a
/// byte order mark).
///
/// # Errors
/// As [`Envelope::from_json_slice`].
pub fn from_json_slice(bytes: &[u8]) -> Result<(Document, Encoding), Error> {
    Envelope::from_json_slice(bytes).map(Envelope::into_parts)
}
