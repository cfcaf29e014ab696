//! [`Document`]: any of the five OSC documents, with the namespace it is in.

use serde::{Deserialize, Serialize};

use super::{ActivityFeed, Capabilities, Comment, Friends, HashedAddresses, Person};
use crate::version::{Namespace, RootKind};

/// The root element of a document and everything below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Root {
    /// A `capabilities` document.
    Capabilities(Capabilities),
    /// A `friends` document.
    Friends(Friends),
    /// A `person` document.
    Person(Box<Person>),
    /// An `activityFeed` document.
    ActivityFeed(ActivityFeed),
    /// A `hashedAddresses` document.
    HashedAddresses(HashedAddresses),
}

impl Root {
    /// Which of the five roots this is.
    pub fn kind(&self) -> RootKind {
        match self {
            Root::Capabilities(_) => RootKind::Capabilities,
            Root::Friends(_) => RootKind::Friends,
            Root::Person(_) => RootKind::Person,
            Root::ActivityFeed(_) => RootKind::ActivityFeed,
            Root::HashedAddresses(_) => RootKind::HashedAddresses,
        }
    }
}

/// An OSC document: its root, the namespace it is written in, and the comments written
/// around its elements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The namespace of the root (1.0, 1.1, or none for a `hashedAddresses` request).
    pub namespace: Namespace,
    /// The content.
    pub root: Root,
    /// The comments and processing instructions, in document order, each with the element
    /// it stands by; empty for most documents (and then left out of the serde form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

impl Document {
    /// A document in the 1.1 namespace, which 2013 documents use too.
    pub fn new(root: Root) -> Self {
        Document {
            namespace: Namespace::Osc11,
            root,
            comments: Vec::new(),
        }
    }

    /// The same document in another namespace.
    pub fn in_namespace(mut self, namespace: Namespace) -> Self {
        self.namespace = namespace;
        self
    }
}

impl From<Capabilities> for Document {
    fn from(c: Capabilities) -> Self {
        Document::new(Root::Capabilities(c))
    }
}

impl From<Friends> for Document {
    fn from(f: Friends) -> Self {
        Document::new(Root::Friends(f))
    }
}

impl From<Person> for Document {
    fn from(p: Person) -> Self {
        Document::new(Root::Person(Box::new(p)))
    }
}

impl From<ActivityFeed> for Document {
    fn from(a: ActivityFeed) -> Self {
        Document::new(Root::ActivityFeed(a))
    }
}

impl From<HashedAddresses> for Document {
    fn from(h: HashedAddresses) -> Self {
        Document::new(Root::HashedAddresses(h))
    }
}
