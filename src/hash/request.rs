//! Building the `hashedAddresses` request the OSC passes to `GetPeopleDetails`.

use super::digest::hash_email_with;
use super::normalize::Normalization;
use crate::model::{Document, HashFunction, HashedAddresses, PersonAddresses, Root};
use crate::version::Namespace;

/// Builds a `hashedAddresses` document: one `personAddresses` per person, each with the
/// hashes of that person's addresses, in the order given.
///
/// # Indexes
/// [`person`](Self::person) gives a person its 0-based position in the request: the first
/// person added is `index="0"`, the next `index="1"`, and so on, whatever indexes were given
/// explicitly before. The OSC documentation describes `index` as the person's place in the
/// request, and its `friends` example answers with indexes 0 and 1. A provider echoes the
/// index in each `person` of its answer. [`person_at`](Self::person_at) sets an index
/// explicitly instead (to reproduce a captured request, say); the builder does not check
/// explicit indexes for repeats (rule OSC043 reports those).
///
/// # Namespace
/// Written in the 1.1 namespace by default; [`namespaced(false)`](Self::namespaced) writes
/// the root without one, the form [`Namespace::Absent`] describes Outlook sending. The
/// schema accepts both.
///
/// ```
/// use osc_schema::hash::RequestBuilder;
/// use osc_schema::model::{HashFunction, Root};
///
/// let doc = RequestBuilder::new(HashFunction::Sha1)
///     .person(["melissa@contoso.com"])
///     .person(["a@example.com", "b@example.org"])
///     .build();
/// let Root::HashedAddresses(request) = &doc.root else { unreachable!() };
/// assert_eq!(request.person_addresses[1].index, 1);
/// assert_eq!(request.person_addresses[1].hashed_addresses.len(), 2);
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct RequestBuilder {
    function: HashFunction,
    normalization: Normalization,
    namespaced: bool,
    /// Each person's index and addresses as given; hashing waits for `build`, so the
    /// settings apply to the whole request whatever order the calls come in.
    people: Vec<(i32, Vec<String>)>,
}

impl RequestBuilder {
    /// An empty request whose addresses will be hashed with `function` after
    /// [`Normalization::TrimLowercase`], in the 1.1 namespace.
    pub fn new(function: HashFunction) -> Self {
        RequestBuilder {
            function,
            normalization: Normalization::default(),
            namespaced: true,
            people: Vec::new(),
        }
    }

    /// How every address of the request is prepared before hashing.
    pub fn normalization(mut self, normalization: Normalization) -> Self {
        self.normalization = normalization;
        self
    }

    /// Whether the root carries the 1.1 namespace (`true`, the default) or none.
    pub fn namespaced(mut self, namespaced: bool) -> Self {
        self.namespaced = namespaced;
        self
    }

    /// Adds a person with these addresses (none is allowed, as the schema allows it), under
    /// the next 0-based position as its index.
    pub fn person<I>(self, addresses: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        // A request of more than `i32::MAX` people cannot be held in memory in the first
        // place, so saturating never changes a real request.
        let index = i32::try_from(self.people.len()).unwrap_or(i32::MAX);
        self.person_at(index, addresses)
    }

    /// Adds a person under an explicit `index`.
    pub fn person_at<I>(mut self, index: i32, addresses: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let addresses = addresses
            .into_iter()
            .map(|a| a.as_ref().to_owned())
            .collect();
        self.people.push((index, addresses));
        self
    }

    /// The `hashedAddresses` document.
    pub fn build(self) -> Document {
        let namespace = if self.namespaced {
            Namespace::Osc11
        } else {
            Namespace::Absent
        };
        let person_addresses = self
            .people
            .into_iter()
            .map(|(index, addresses)| PersonAddresses {
                index,
                hashed_addresses: addresses
                    .iter()
                    .map(|a| hash_email_with(a, self.function, self.normalization))
                    .collect(),
            })
            .collect();
        Document::new(Root::HashedAddresses(HashedAddresses { person_addresses }))
            .in_namespace(namespace)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(doc: &Document) -> &[PersonAddresses] {
        match &doc.root {
            Root::HashedAddresses(h) => &h.person_addresses,
            other => panic!("not a request: {other:?}"),
        }
    }

    #[test]
    fn indexes_are_positions_counted_from_zero() {
        let doc = RequestBuilder::new(HashFunction::Md5)
            .person(["a@x.example"])
            .person_at(7, ["b@x.example"])
            .person(Vec::<String>::new())
            .build();
        let indexes: Vec<i32> = people(&doc).iter().map(|p| p.index).collect();
        assert_eq!(indexes, [0, 7, 2]);
        assert!(people(&doc)[2].hashed_addresses.is_empty());
    }

    #[test]
    fn namespace_follows_the_flag() {
        let builder = RequestBuilder::new(HashFunction::Sha1).person(["a@x.example"]);
        assert_eq!(builder.clone().build().namespace, Namespace::Osc11);
        assert_eq!(
            builder.namespaced(false).build().namespace,
            Namespace::Absent
        );
    }

    #[test]
    fn normalization_applies_to_the_whole_request() {
        let builder = RequestBuilder::new(HashFunction::Md5).person([" A@X.example"]);
        let normal = builder.clone().build();
        let raw = builder.normalization(Normalization::None).build();
        assert_eq!(
            people(&normal)[0].hashed_addresses,
            [crate::hash::hash_email("a@x.example", HashFunction::Md5)]
        );
        assert_eq!(
            people(&raw)[0].hashed_addresses,
            [crate::hash::hash_email_with(
                " A@X.example",
                HashFunction::Md5,
                Normalization::None
            )]
        );
    }
}
