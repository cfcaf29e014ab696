//! [`Envelope`]: a document with the facts its JSON form states beside it.

use serde::{Serialize, Serializer};

use super::encoding::Encoding;
use super::generation::{generation_of, newest_element};
use super::position::{json_error, utf8_text};
use super::{FORMAT, rules};
use crate::error::Error;
use crate::model::{
    ActivityFeed, Capabilities, Comment, Document, Friends, HashedAddresses, Person, Root,
};
use crate::version::Target;

/// The JSON form of a document: the document, the generation it is written for, and the
/// encoding its XML comes in.
///
/// An envelope is always consistent: its namespace suits its root, and its generation suits
/// both the namespace and the content, so whatever is serialised reads back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub(super) document: Document,
    pub(super) generation: Target,
    pub(super) encoding: Encoding,
}

impl Envelope {
    /// The envelope of a document, with its generation worked out by [`generation_of`].
    ///
    /// # Errors
    /// [`Error::Unwritable`] when no envelope can state the document consistently: a root
    /// other than `hashedAddresses` without a namespace, or a document in the 1.0 namespace
    /// using an element (or root) that later generations added. The XML reader accepts both,
    /// and validation reports them.
    pub fn from_document(document: &Document, encoding: Encoding) -> Result<Envelope, Error> {
        Envelope::new(document.clone(), encoding)
    }

    /// [`Envelope::from_document`], taking the document by value.
    ///
    /// # Errors
    /// As [`Envelope::from_document`].
    pub fn new(document: Document, encoding: Encoding) -> Result<Envelope, Error> {
        let kind = document.root.kind();
        rules::namespace_fits_root(kind, document.namespace).map_err(|_| Error::Unwritable {
            field: format!("/{kind}"),
            message: "only `hashedAddresses` may be written without a namespace".into(),
        })?;
        let generation = generation_of(&document);
        let newest = newest_element(&document.root);
        if newest.since > generation {
            return Err(Error::Unwritable {
                field: newest.path,
                message: format!(
                    "the document is in the 1.0 namespace, which does not have this element \
                     (introduced in {})",
                    newest.since
                ),
            });
        }
        Ok(Envelope {
            document,
            generation,
            encoding,
        })
    }

    /// Reads an envelope from JSON text.
    ///
    /// # Errors
    /// [`Error::Json`], placed in the text, when the text is not well-formed JSON, is not an
    /// envelope of a known format, does not fit the model, or states a generation its
    /// namespace or content contradicts.
    pub fn from_json_str(text: &str) -> Result<Envelope, Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let envelope =
            serde::Deserialize::deserialize(&mut de).map_err(|e| json_error(text, &e))?;
        de.end().map_err(|e| json_error(text, &e))?;
        Ok(envelope)
    }

    /// Reads an envelope from JSON bytes: UTF-8, with or without a byte order mark.
    ///
    /// # Errors
    /// As [`Envelope::from_json_str`], and [`Error::Encoding`] when the bytes are not UTF-8.
    pub fn from_json_slice(bytes: &[u8]) -> Result<Envelope, Error> {
        Envelope::from_json_str(utf8_text(bytes)?)
    }

    /// Writes the envelope as JSON: indented by two spaces when `pretty`, on one line
    /// otherwise; without a final newline either way.
    ///
    /// # Errors
    /// None in practice: every model value has a JSON form. A serializer failure would be
    /// reported as [`Error::Unwritable`].
    pub fn to_json_string(&self, pretty: bool) -> Result<String, Error> {
        let written = if pretty {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        written.map_err(|e| Error::Unwritable {
            field: format!("/{}", self.document.root.kind()),
            message: e.to_string(),
        })
    }

    /// The document.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The generation the document is written for. It is [`generation_of`] the document for
    /// an envelope made from one; one read from JSON keeps the generation stated there,
    /// which may be `2013` for content that 1.1 would also allow.
    pub fn generation(&self) -> Target {
        self.generation
    }

    /// The encoding of the document's XML.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The document, without the envelope.
    pub fn into_document(self) -> Document {
        self.document
    }

    /// The document and the encoding of its XML.
    pub fn into_parts(self) -> (Document, Encoding) {
        (self.document, self.encoding)
    }
}

/// The JSON object, field by field in the order they are written. `root` comes before
/// `document` so that a reader knows the document's shape when it gets there.
#[derive(Serialize)]
struct Wire<'a> {
    format: &'static str,
    root: &'static str,
    generation: Target,
    namespace: Option<&'static str>,
    encoding: Encoding,
    document: Body<'a>,
    /// The comments around the document's elements, left out when there are none.
    #[serde(skip_serializing_if = "<[Comment]>::is_empty")]
    comments: &'a [Comment],
}

/// The root's own struct, without the tag the model's `Root` enum would add: `root` says
/// which it is.
#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Capabilities(&'a Capabilities),
    Friends(&'a Friends),
    Person(&'a Person),
    ActivityFeed(&'a ActivityFeed),
    HashedAddresses(&'a HashedAddresses),
}

impl Serialize for Envelope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let document = match &self.document.root {
            Root::Capabilities(c) => Body::Capabilities(c),
            Root::Friends(f) => Body::Friends(f),
            Root::Person(p) => Body::Person(p),
            Root::ActivityFeed(a) => Body::ActivityFeed(a),
            Root::HashedAddresses(h) => Body::HashedAddresses(h),
        };
        Wire {
            format: FORMAT,
            root: self.document.root.kind().name(),
            generation: self.generation,
            namespace: self.document.namespace.uri(),
            encoding: self.encoding,
            document,
            comments: &self.document.comments,
        }
        .serialize(serializer)
    }
}
