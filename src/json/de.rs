//! Reading an [`Envelope`]: each field is checked as it arrives, against the fields before
//! it, so that an error points at the field that makes the envelope contradict itself.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::FORMAT;
use super::encoding::Encoding;
use super::envelope::Envelope;
use super::generation::{Newest, newest_element};
use super::rules;
use crate::model::{
    ActivityFeed, Capabilities, Comment, Document, Friends, HashedAddresses, Person, Root,
};
use crate::version::{NS_1_0, NS_1_1, Namespace, RootKind, Target};

/// The fields of an envelope, in the order they are written.
const FIELDS: &[&str] = &[
    "format",
    "root",
    "generation",
    "namespace",
    "encoding",
    "document",
    "comments",
];

impl<'de> Deserialize<'de> for Envelope {
    /// Reads an envelope, refusing unknown or repeated fields, unknown values of `format`,
    /// `root`, `generation`, `namespace` and `encoding`, a document that does not fit the
    /// model, and a generation its namespace or content contradicts.
    ///
    /// The document is read straight into its root's type when `root` comes first, as it
    /// does in what this crate writes; otherwise it is held as a JSON value until `root`
    /// arrives, and an error inside it is then placed at the end of the field that
    /// completed it rather than inside the document.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

/// A document, read once its root is known.
enum Body {
    Read { root: Root, newest: Newest },
    Pending(serde_json::Value),
}

/// What has been read so far.
#[derive(Default)]
struct Fields {
    format: Option<()>,
    root: Option<RootKind>,
    generation: Option<Target>,
    namespace: Option<Namespace>,
    encoding: Option<Encoding>,
    document: Option<Body>,
    comments: Option<Vec<Comment>>,
}

impl Fields {
    /// The rules between the fields read so far; a rule whose fields are not all there yet
    /// waits for them.
    fn check(&self) -> Result<(), String> {
        if let (Some(kind), Some(namespace)) = (self.root, self.namespace) {
            rules::namespace_fits_root(kind, namespace)?;
        }
        if let (Some(generation), Some(namespace)) = (self.generation, self.namespace) {
            rules::generation_fits_namespace(generation, namespace)?;
        }
        if let (Some(generation), Some(Body::Read { newest, .. })) =
            (self.generation, &self.document)
        {
            rules::generation_fits_content(generation, newest)?;
        }
        Ok(())
    }

    fn finish<E: de::Error>(self) -> Result<Envelope, E> {
        self.format.ok_or_else(|| E::missing_field("format"))?;
        let kind = self.root.ok_or_else(|| E::missing_field("root"))?;
        let generation = self
            .generation
            .ok_or_else(|| E::missing_field("generation"))?;
        let namespace = self
            .namespace
            .ok_or_else(|| E::missing_field("namespace"))?;
        let root = match self.document.ok_or_else(|| E::missing_field("document"))? {
            Body::Read { root, .. } => root,
            // `root` arriving reads a pending document, so this only keeps the code total.
            Body::Pending(value) => {
                let root = read_pending(kind, value)?;
                rules::generation_fits_content(generation, &newest_element(&root))
                    .map_err(E::custom)?;
                root
            }
        };
        Ok(Envelope {
            document: Document {
                namespace,
                root,
                comments: self.comments.unwrap_or_default(),
            },
            generation,
            encoding: self.encoding.unwrap_or_default(),
        })
    }
}

impl Body {
    fn read(root: Root) -> Body {
        let newest = newest_element(&root);
        Body::Read { root, newest }
    }
}

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an `{FORMAT}` envelope object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => {
                    fresh::<_, A::Error>(&fields.format, "format")?;
                    let format: String = map.next_value()?;
                    if format != FORMAT {
                        return Err(de::Error::custom(format!(
                            "unknown format `{format}`; expected `{FORMAT}`"
                        )));
                    }
                    fields.format = Some(());
                }
                "root" => {
                    fresh::<_, A::Error>(&fields.root, "root")?;
                    let name: String = map.next_value()?;
                    let kind = RootKind::from_name(&name).ok_or_else(|| {
                        de::Error::custom(format!(
                            "unknown root `{name}`; expected `capabilities`, `friends`, \
                             `person`, `activityFeed` or `hashedAddresses`"
                        ))
                    })?;
                    fields.root = Some(kind);
                    if let Some(Body::Pending(value)) = fields.document.take() {
                        fields.document = Some(Body::read(read_pending(kind, value)?));
                    }
                }
                "generation" => {
                    fresh::<_, A::Error>(&fields.generation, "generation")?;
                    let label: String = map.next_value()?;
                    let generation = label.parse::<Target>().map_err(|_| {
                        de::Error::custom(format!(
                            "unknown generation `{label}`; expected `1.0`, `1.1` or `2013`"
                        ))
                    })?;
                    fields.generation = Some(generation);
                }
                "namespace" => {
                    fresh::<_, A::Error>(&fields.namespace, "namespace")?;
                    let uri: Option<String> = map.next_value()?;
                    let namespace = match uri {
                        None => Namespace::Absent,
                        Some(uri) => Namespace::from_uri(&uri).ok_or_else(|| {
                            de::Error::custom(format!(
                                "unknown namespace `{uri}`; expected `{NS_1_1}`, `{NS_1_0}`, \
                                 or null for a `hashedAddresses` without one"
                            ))
                        })?,
                    };
                    fields.namespace = Some(namespace);
                }
                "encoding" => {
                    fresh::<_, A::Error>(&fields.encoding, "encoding")?;
                    let label: String = map.next_value()?;
                    let encoding = Encoding::from_label(&label).ok_or_else(|| {
                        de::Error::custom(format!(
                            "unknown encoding `{label}`; expected `utf-8` or `utf-16`"
                        ))
                    })?;
                    fields.encoding = Some(encoding);
                }
                "document" => {
                    fresh::<_, A::Error>(&fields.document, "document")?;
                    fields.document = Some(match fields.root {
                        Some(kind) => Body::read(map.next_value_seed(DocumentSeed(kind))?),
                        None => Body::Pending(map.next_value()?),
                    });
                }
                "comments" => {
                    fresh::<_, A::Error>(&fields.comments, "comments")?;
                    fields.comments = Some(map.next_value()?);
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
            fields.check().map_err(de::Error::custom)?;
        }
        fields.finish()
    }
}

/// Refuses a field given twice.
fn fresh<T, E: de::Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::duplicate_field(name)),
        None => Ok(()),
    }
}

/// Reads a document held back until its root was known.
fn read_pending<E: de::Error>(kind: RootKind, value: serde_json::Value) -> Result<Root, E> {
    DocumentSeed(kind)
        .deserialize(value)
        .map_err(|e| E::custom(format!("in `document`: {e}")))
}

/// Reads the struct of one root kind.
struct DocumentSeed(RootKind);

impl<'de> DeserializeSeed<'de> for DocumentSeed {
    type Value = Root;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Root, D::Error> {
        Ok(match self.0 {
            RootKind::Capabilities => Root::Capabilities(Capabilities::deserialize(deserializer)?),
            RootKind::Friends => Root::Friends(Friends::deserialize(deserializer)?),
            RootKind::Person => Root::Person(Box::new(Person::deserialize(deserializer)?)),
            RootKind::ActivityFeed => Root::ActivityFeed(ActivityFeed::deserialize(deserializer)?),
            RootKind::HashedAddresses => {
                Root::HashedAddresses(HashedAddresses::deserialize(deserializer)?)
            }
        })
    }
}
