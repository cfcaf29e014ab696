//! On-demand people: `GetPeopleDetails` with the hashed addresses of the people in the
//! People Pane, as the OSC sends them when `dynamicContactsLookup` is set.

use super::codes;
use super::inspect::lint_people_details;
use super::run::{Host, flag};
use super::step::Record;
use crate::hash::RequestBuilder;
use crate::model::{Capabilities, HashFunction, HashedAddresses, Root};
use crate::provider::SocialSession;

impl Host<'_> {
    /// The on-demand people sequence.
    pub(super) fn people(&mut self, capabilities: &Capabilities, session: &dyn SocialSession) {
        let name = "GetPeopleDetails";
        let call = "session2.people_details(<hashedAddresses>)";
        if !flag(capabilities.dynamic_contacts_lookup) {
            self.skip(name, call, "`dynamicContactsLookup` is not set");
            return;
        }
        let Some((function, people)) = self.hashed_lookup_inputs(name, call, capabilities) else {
            return;
        };
        let unknown_index = people.len();
        let request = request(function, &people, &self.options.unknown_address);
        let call = format!(
            "session2.people_details(<hashedAddresses: {} people, {}>)",
            people.len() + 1,
            function.as_str()
        );
        let mut record = Record::new(name, call);
        if let Some(session2) = Host::session2(&mut record, session, "dynamicContactsLookup") {
            let answer = record.expect_ok(|| session2.people_details(&request));
            let document = answer
                .as_ref()
                .and_then(|a| record.check_answer(a, lint_people_details(&request)));
            if let Some(Root::Friends(friends)) = document.map(|d| d.root) {
                let unknown = i32::try_from(unknown_index).ok();
                if let Some(person) = friends
                    .persons
                    .iter()
                    .find(|p| p.index.is_some() && p.index == unknown)
                {
                    record.error(
                        codes::ANSWERED_UNKNOWN_PERSON,
                        format!(
                            "user {} answers index {unknown_index}, the hash of {}, an address \
                             no network user has; a recipient who is not on the network gets \
                             no `person`",
                            person.user_id, self.options.unknown_address
                        ),
                    );
                }
            }
        }
        self.finish(record);
    }
}

/// The request for `people`, plus the unknown address last, as a person of its own whose
/// index the provider must not answer.
impl Host<'_> {
    /// What both hashed lookups need: the provider's hash function and the people to look
    /// up. Without either, the step is recorded as skipped and `None` returned.
    pub(super) fn hashed_lookup_inputs(
        &mut self,
        name: &str,
        call: &str,
        capabilities: &Capabilities,
    ) -> Option<(HashFunction, Vec<Vec<String>>)> {
        let Some(function) = capabilities.hash_function else {
            self.skip(
                name,
                call,
                "the capabilities name no `hashFunction`, so the OSC cannot hash addresses",
            );
            return None;
        };
        let people = self.lookup_people();
        if people.is_empty() {
            self.skip(
                name,
                call,
                "no people to look up: HostOptions::people is empty and no friend has an address",
            );
            return None;
        }
        Some((function, people))
    }
}

pub(super) fn request(
    function: HashFunction,
    people: &[Vec<String>],
    unknown_address: &str,
) -> HashedAddresses {
    let builder = people
        .iter()
        .fold(RequestBuilder::new(function), |b, addresses| {
            b.person(addresses)
        })
        .person([unknown_address]);
    match builder.build().root {
        Root::HashedAddresses(request) => request,
        // The builder only builds `hashedAddresses` documents.
        _ => HashedAddresses::default(),
    }
}

/// The hashes of every address of a request, in order, for `GetActivitiesEx`.
pub(super) fn all_hashes(request: &HashedAddresses) -> Vec<String> {
    request
        .person_addresses
        .iter()
        .flat_map(|p| p.hashed_addresses.iter().cloned())
        .collect()
}
