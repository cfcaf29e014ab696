//! E-mail address hashing as the OSC does it, and the `hashedAddresses` request built from
//! the hashes.
//!
//! ```
//! use osc_schema::hash::{RequestBuilder, hash_email};
//! use osc_schema::model::HashFunction;
//!
//! // What the OSC sends for melissa@contoso.com to a provider that asked for SHA1.
//! assert_eq!(
//!     hash_email("Melissa@Contoso.com", HashFunction::Sha1),
//!     "bb81577b567262a21a4df5f6e335c1250acd7b50"
//! );
//!
//! // The GetPeopleDetails request for two people, the second with two addresses.
//! let request = RequestBuilder::new(HashFunction::Md5)
//!     .person(["melissa@contoso.com"])
//!     .person(["ana@example.com", "ana.work@example.org"])
//!     .build();
//! let xml = osc_schema::xml::to_string(&request)?;
//! assert!(xml.contains(r#"<personAddresses index="0">
//!     <hashedAddress>c8c39e61ca1662477b39b83d7b0a0615</hashedAddress>"#));
//! # Ok::<(), osc_schema::Error>(())
//! ```
//!
//! A provider that sets `dynamicContactsLookup` or `dynamicActivitiesLookupEx` names one of
//! three functions in `capabilities/hashFunction` ([`HashFunction`]); the OSC then never
//! sends addresses in the clear, only their hashes, and the provider finds its users by
//! hashing the addresses it knows the same way.
//!
//! - [`hash_email`] hashes one address, normalised first ([`Normalization`] says how and
//!   why); [`hash_email_with`] chooses the normalisation, or none.
//! - [`RequestBuilder`] builds the `hashedAddresses` document the OSC passes to
//!   `ISocialSession2::GetPeopleDetails`, for testing a provider with realistic requests.

mod digest;
mod normalize;
mod request;
#[cfg(test)]
mod tests;

pub use digest::{hash_email, hash_email_with};
pub use normalize::{Normalization, normalize};
pub use request::RequestBuilder;

#[doc(no_inline)]
pub use crate::model::HashFunction;
