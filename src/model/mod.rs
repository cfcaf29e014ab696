//! The typed model of the five OSC documents.
//!
//! Every element of the three schema generations has a home here; the model is the union
//! of the generations, and [`crate::version`] says which element belongs to which. Reading
//! ([`crate::xml::read`]) accepts elements in any order, writing ([`crate::xml::write_string`])
//! puts them back in schema order.
//!
//! # XSD to Rust
//!
//! | XSD | Rust | notes |
//! |---|---|---|
//! | required element (`minOccurs="1"`) | plain field | `Person::user_id: String` |
//! | optional element (`minOccurs="0"`, `maxOccurs="1"`) | `Option<T>` | `<nickname></nickname>` is `Some` of an empty string |
//! | repeated element (`maxOccurs="unbounded"`) | `Vec<T>` | `Friends::persons` |
//! | wrapper element holding a repeated one | `Vec<T>` of the inner items | `activities` → `ActivityFeed::activities` |
//! | optional wrapper (`listItems`) | `Option<Vec<T>>` | an empty `listItems` stays distinct from none |
//! | `xs:string` | `String` | whitespace kept as written |
//! | `stringType` (`maxLength` 1024) | [`BoundedString`](crate::xs::BoundedString) | counted in characters |
//! | `xs:boolean` | `bool` | `1`/`0` read as `true`/`false`, written `true`/`false` |
//! | `xs:int`, `xs:unsignedInt`, `xs:unsignedLong` | `i32`, `u32`, `u64` | written as plain digits |
//! | `xs:date`, `xs:dateTime` | [`XsDate`](crate::xs::XsDate), [`XsDateTime`](crate::xs::XsDateTime) | lexical form kept, so `Z` ≠ `+00:00` |
//! | `xs:anyURI` | [`AnyUri`](crate::xs::AnyUri) | whitespace collapsed |
//! | enumerations and literal patterns | enums | [`Gender`], [`FriendStatus`], [`HashFunction`], [`ActivityType`], [`TemplateVariableType`], [`SimpleVariableType`] |
//! | attribute `type` / `index` | field `variable_type` / `index` | |
//! | `xs:string` typing an e-mail address or a URL | `String` | see below |
//!
//! The serde form of each type names fields as the schema names elements, and refuses
//! fields it does not know, so a misspelt name is an error rather than a value silently
//! dropped; [`crate::json`] builds on it.
//!
//! # Building
//!
//! [`Person::builder`] takes plain strings and checks every value once, at
//! [`PersonBuilder::build`], which names each field it refuses in one [`BuildError`].
//! The other documents hold no length-limited text and are built without a check:
//! [`Friends::new`] lists persons, [`Capabilities::cached_friends`] and
//! [`Capabilities::cached_friends_with_activities`] are the common capability sets,
//! [`ActivityFeed::new`] gathers activities and [`ActivityTemplateContainer::new`]
//! templates. `Document::from` gives any root its namespace.
//!
//! ```
//! use osc_schema::model::{Document, Friends, Person};
//!
//! let ada = Person::builder("42")
//!     .first_name("Ada")
//!     .email_address("ada@example.com")
//!     .build()?;
//! let doc = Document::from(Friends::new([ada]));
//! let xml = osc_schema::xml::to_string(&doc)?;
//! assert!(xml.contains("<firstName>Ada</firstName>"));
//! assert_eq!(osc_schema::xml::read_str(&xml)?, doc);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # E-mail addresses and URLs are plain strings
//!
//! The schema types `emailAddress` (in `person` and `templateVariable`), `webProfilePage`,
//! `pictureUrl` and `profileUrl` as `xs:string`, so any text is a valid value. The model
//! holds every document the schema accepts and reads it back as written, so these fields
//! are `String`s: a checked type would make reading refuse valid documents, or would have to
//! hold unchecked values and so promise nothing. Whether a value is of use is a rule's
//! finding, with the value's location (OSC037 for an address, OSC072 for a feed's links
//! and pictures). A document being built is another matter: [`PersonBuilder::build`]
//! refuses the addresses OSC037 would report and URLs that are not absolute.

mod activity;
mod build;
mod capabilities;
mod comment;
mod document;
mod enumeration;
mod hashed;
mod person;
pub(crate) mod plausible;

pub use activity::{
    ActivityDetails, ActivityFeed, ActivityTemplate, ActivityTemplateContainer, ActivityType,
    SimpleTemplateVariable, SimpleVariableType, TemplateVariable, TemplateVariableType,
};
pub use build::{BuildError, FieldProblem, PersonBuilder};
pub use capabilities::{Capabilities, HashFunction};
pub use comment::{Comment, CommentKind, Place};
pub use document::{Document, Root};
pub use enumeration::Enumeration;
pub use hashed::{HashedAddresses, PersonAddresses};
pub use person::{FriendStatus, Friends, Gender, Person};
