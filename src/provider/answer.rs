//! [`Answer`]: the XML a provider method returns, typed or as written.

use crate::error::Error;
use crate::model::{ActivityFeed, Capabilities, Document, Friends, Person};
use crate::xml;

/// The XML a provider returns for one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    /// A typed document, written in canonical form (1.1 namespace, no declaration).
    Typed(T),
    /// The string exactly as the provider built it; the host validates it like any other.
    Raw(String),
}

impl<T> From<T> for Answer<T> {
    fn from(value: T) -> Self {
        Answer::Typed(value)
    }
}

impl<T: Clone + Into<Document>> Answer<T> {
    /// The string the OSC receives.
    ///
    /// # Errors
    /// [`Error::Unwritable`] when a typed document holds a value XML cannot carry.
    pub fn to_xml(&self) -> Result<String, Error> {
        match self {
            Answer::Raw(text) => Ok(text.clone()),
            Answer::Typed(value) => xml::write_string(
                &value.clone().into(),
                xml::WriteOptions {
                    declaration: xml::Declaration::None,
                    pretty: true,
                },
            ),
        }
    }
}

/// Answers to `GetCapabilities`.
pub type CapabilitiesAnswer = Answer<Capabilities>;
/// Answers to `GetFriendsAndColleagues`, `FindPerson` and `GetPeopleDetails`.
pub type FriendsAnswer = Answer<Friends>;
/// Answers to `GetDetails`.
pub type PersonAnswer = Answer<Person>;
/// Answers to `GetActivitiesEx`.
pub type FeedAnswer = Answer<ActivityFeed>;
