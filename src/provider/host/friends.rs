//! Cached friends: the logged-on user's friend list, then each friend's person, details and
//! picture, as the OSC fills the network's contacts folder.

use std::fmt;

use super::codes;
use super::inspect::lint_for;
use super::run::{Host, quote};
use super::step::Record;
use crate::lint::{Level, Method};
use crate::model::{Capabilities, Person, Root};
use crate::provider::SocialSession;

impl Host<'_> {
    /// The cached-friends sequence, when the capabilities set `getFriends` and
    /// `cacheFriends`.
    pub(super) fn friends(
        &mut self,
        capabilities: &Capabilities,
        session: &dyn SocialSession,
        user_id: Option<&str>,
    ) {
        let name = "GetFriendsAndColleagues";
        if !(capabilities.get_friends && capabilities.cache_friends) {
            self.skip(
                name,
                "person.friends_and_colleagues()",
                "cached friends need both `getFriends` and `cacheFriends`",
            );
            return;
        }
        let Some(user_id) = user_id else {
            self.skip(
                name,
                "person.friends_and_colleagues()",
                "the logged-on user's ID is not known (LoggedOnUserID failed)",
            );
            return;
        };

        let mut record = Record::new(
            "GetPerson (logged-on user)",
            format!("session.person({})", quote(user_id)),
        );
        let me = record.expect_ok(|| session.person(user_id));
        self.finish(record);
        let Some(me) = me else {
            self.skip(
                name,
                "person.friends_and_colleagues()",
                "GetPerson for the logged-on user failed",
            );
            return;
        };

        let mut record = Record::new(
            name,
            format!(
                "session.person({}).friends_and_colleagues()",
                quote(user_id)
            ),
        );
        let answer = record.expect_ok(|| me.friends_and_colleagues());
        let document = answer
            .as_ref()
            .and_then(|a| record.check_answer(a, lint_for(Method::GetFriendsAndColleagues)));
        let friends = match document.map(|d| d.root) {
            Some(Root::Friends(f)) => f.persons,
            Some(_) | None => {
                if answer.is_some() {
                    record.error(
                        codes::UNUSABLE_ANSWER,
                        "the answer is not a `friends` document the host can read, so no \
                         friend can be looked up",
                    );
                }
                Vec::new()
            }
        };
        self.finish(record);

        for friend in &friends {
            let known = addresses(friend);
            if !known.is_empty() {
                self.friend_addresses.push(known);
            }
            self.person_details(session, &friend.user_id, Role::Friend);
        }
    }

    /// `GetPerson`, `GetDetails` and, for friends, `GetPicture`, for one person the OSC
    /// learned about. Gives the details when they read as a `person`.
    pub(super) fn person_details(
        &mut self,
        session: &dyn SocialSession,
        user_id: &str,
        role: Role,
    ) -> Option<Person> {
        let picture = role == Role::Friend;
        let get_person = format!("session.person({})", quote(user_id));
        let mut record = Record::new(format!("GetPerson of {role} {user_id}"), &get_person);
        let person = record.expect_ok(|| session.person(user_id));
        self.finish(record);

        let details_name = format!("GetDetails of {role} {user_id}");
        let details_call = format!("{get_person}.details()");
        let picture_name = format!("GetPicture of {role} {user_id}");
        let picture_call = format!("{get_person}.picture()");
        let Some(person) = person else {
            let reason = "GetPerson failed";
            self.skip(&details_name, &details_call, reason);
            if picture {
                self.skip(&picture_name, &picture_call, reason);
            }
            return None;
        };

        let mut lint = lint_for(Method::GetDetails);
        if role == Role::ActivityOwner {
            // The OSC names an activity's owner from these details: without a name and an
            // address the People Pane cannot show who acted, so here they are required.
            lint.config.levels.insert("OSC035".to_owned(), Level::Deny);
            lint.config.levels.insert("OSC036".to_owned(), Level::Deny);
        }
        let mut record = Record::new(details_name, details_call);
        let details = record
            .expect_ok(|| person.details())
            .and_then(|a| record.check_answer(&a, lint))
            .and_then(|d| match d.root {
                Root::Person(p) => Some(*p),
                _ => None,
            });
        if let Some(found) = details.as_ref().filter(|p| p.user_id != user_id) {
            record.error(
                codes::WRONG_PERSON,
                format!(
                    "GetPerson({}) gave details of user {}; expected the same user ID",
                    quote(user_id),
                    quote(&found.user_id)
                ),
            );
        }
        self.finish(record);

        if picture {
            let mut record = Record::new(picture_name, picture_call);
            if let Some(bytes) = record.expect_ok(|| person.picture()) {
                record.expect_image(&format!("the picture of {user_id}"), &bytes);
            }
            self.finish(record);
        }
        details
    }
}

/// Why the host looks a person up, which decides the calls and how strict they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A friend from `GetFriendsAndColleagues`: details and picture, for the contact.
    Friend,
    /// The owner of an activity from `GetActivitiesEx`: details, which must name the
    /// person and give an address.
    ActivityOwner,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Friend => "friend",
            Role::ActivityOwner => "activity owner",
        })
    }
}

/// A person's addresses, in the order the schema lists them.
fn addresses(person: &Person) -> Vec<String> {
    [
        &person.email_address,
        &person.email_address2,
        &person.email_address3,
    ]
    .into_iter()
    .flatten()
    .filter(|a| !a.trim().is_empty())
    .cloned()
    .collect()
}
