//! `person` and `friends`: people on the network, as friend lists or single profiles.

use serde::{Deserialize, Serialize};

use super::enumeration::enumeration;

use crate::xs::{BoundedString, XsDate, XsDateTime};

/// `gender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// `male`.
    Male,
    /// `female`.
    Female,
    /// `unspecified`.
    Unspecified,
}

impl Gender {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
            Gender::Unspecified => "unspecified",
        }
    }
}

enumeration!(Gender: Male, Female, Unspecified);

/// `friendStatus`: the person's relation to the logged-on user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FriendStatus {
    /// `friend`.
    Friend,
    /// `notfriend` (the docs also write `nonfriend`, which the schema rejects).
    NotFriend,
    /// `pending`.
    Pending,
    /// `pendingin`: the person asked the user.
    PendingIn,
    /// `pendingout`: the user asked the person.
    PendingOut,
}

impl FriendStatus {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            FriendStatus::Friend => "friend",
            FriendStatus::NotFriend => "notfriend",
            FriendStatus::Pending => "pending",
            FriendStatus::PendingIn => "pendingin",
            FriendStatus::PendingOut => "pendingout",
        }
    }
}

enumeration!(FriendStatus: Friend, NotFriend, Pending, PendingIn, PendingOut);

/// One person: an entry of `friends`, or the `person` root returned by `GetDetails`.
///
/// Fields of the schema's 1024-character `stringType` are [`BoundedString`]; the others are
/// plain strings. Comments name the generation that added a field when it is not 1.0.
/// [`Person::builder`] sets them from plain strings, checked once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// `userID`: the network's identifier of this person (required).
    #[serde(rename = "userID")]
    pub user_id: String,
    /// `firstName`.
    pub first_name: Option<BoundedString>,
    /// `lastName`.
    pub last_name: Option<BoundedString>,
    /// `fullName`.
    pub full_name: Option<BoundedString>,
    /// `nickname`.
    pub nickname: Option<BoundedString>,
    /// `fileAs`: how Outlook files the contact.
    pub file_as: Option<BoundedString>,
    /// `company`.
    pub company: Option<BoundedString>,
    /// `title`: job title.
    pub title: Option<BoundedString>,
    /// `anniversary`.
    pub anniversary: Option<XsDate>,
    /// `birthday`.
    pub birthday: Option<XsDate>,
    /// `emailAddress`: the address the OSC matches people by. A plain string, as the schema
    /// types it (see [the model](crate::model#e-mail-addresses-and-urls-are-plain-strings));
    /// rule OSC037 reports one that cannot be an address.
    pub email_address: Option<String>,
    /// `emailAddress2`; a plain string, as `emailAddress`.
    pub email_address2: Option<String>,
    /// `emailAddress3`; a plain string, as `emailAddress`.
    pub email_address3: Option<String>,
    /// `webProfilePage`: a URL, as a plain string since the schema types it `xs:string`
    /// (see [the model](crate::model#e-mail-addresses-and-urls-are-plain-strings)).
    pub web_profile_page: Option<String>,
    /// `phone`.
    pub phone: Option<BoundedString>,
    /// `cell`.
    pub cell: Option<BoundedString>,
    /// `homePhone` (ignored by OSC 1.0).
    pub home_phone: Option<BoundedString>,
    /// `workPhone`.
    pub work_phone: Option<BoundedString>,
    /// `address`.
    pub address: Option<BoundedString>,
    /// `city`.
    pub city: Option<BoundedString>,
    /// `state`.
    pub state: Option<BoundedString>,
    /// `countryOrRegion`.
    pub country_or_region: Option<BoundedString>,
    /// `zip`.
    pub zip: Option<BoundedString>,
    /// `relationship` (ignored by OSC 1.0).
    pub relationship: Option<BoundedString>,
    /// `creationTime`.
    pub creation_time: Option<XsDateTime>,
    /// `lastModificationTime`.
    pub last_modification_time: Option<XsDateTime>,
    /// `expirationTime`.
    pub expiration_time: Option<XsDateTime>,
    /// `gender`.
    pub gender: Option<Gender>,
    /// `index` (1.1): the `personAddresses` index this person answers, in `GetPeopleDetails`.
    pub index: Option<i32>,
    /// `pictureUrl` (1.1): a URL, as a plain string since the schema types it `xs:string`.
    pub picture_url: Option<String>,
    /// `friendStatus` (1.1).
    pub friend_status: Option<FriendStatus>,
    /// `businessAddress` (2013).
    pub business_address: Option<BoundedString>,
    /// `businessCity` (2013).
    pub business_city: Option<BoundedString>,
    /// `businessState` (2013).
    pub business_state: Option<BoundedString>,
    /// `businessCountryOrRegion` (2013).
    pub business_country_or_region: Option<BoundedString>,
    /// `businessZip` (2013).
    pub business_zip: Option<BoundedString>,
    /// `otherAddress` (2013).
    pub other_address: Option<BoundedString>,
    /// `otherCity` (2013).
    pub other_city: Option<BoundedString>,
    /// `otherState` (2013).
    pub other_state: Option<BoundedString>,
    /// `otherCountryOrRegion` (2013).
    pub other_country_or_region: Option<BoundedString>,
    /// `otherZip` (2013).
    pub other_zip: Option<BoundedString>,
    /// `website` (2013).
    pub website: Option<BoundedString>,
    /// `askmeabout` (2013).
    pub askmeabout: Option<BoundedString>,
    /// `industries` (2013).
    pub industries: Option<BoundedString>,
    /// `skills` (2013).
    pub skills: Option<BoundedString>,
    /// `interests` (2013).
    pub interests: Option<BoundedString>,
    /// `schools` (2013).
    pub schools: Option<BoundedString>,
    /// `location` (2013).
    pub location: Option<BoundedString>,
}

impl Person {
    /// A person with only the required `userID`.
    pub fn new(user_id: impl Into<String>) -> Self {
        Person {
            user_id: user_id.into(),
            ..Person::default()
        }
    }
}

/// The `friends` document: a list of persons.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Friends {
    /// The `person` elements, in document order.
    #[serde(rename = "person")]
    pub persons: Vec<Person>,
}

impl Friends {
    /// A list of these persons, in this order.
    pub fn new(persons: impl IntoIterator<Item = Person>) -> Self {
        persons.into_iter().collect()
    }
}

impl FromIterator<Person> for Friends {
    fn from_iter<I: IntoIterator<Item = Person>>(persons: I) -> Self {
        Friends {
            persons: persons.into_iter().collect(),
        }
    }
}
