//! `hashedAddresses`: the request of `ISocialSession2::GetPeopleDetails`.

use serde::{Deserialize, Serialize};

/// The addresses of one person, hashed, under the index the answer must echo.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct PersonAddresses {
    /// The `index` attribute.
    pub index: i32,
    /// The `hashedAddress` elements, in document order.
    #[serde(rename = "hashedAddress")]
    pub hashed_addresses: Vec<String>,
}

/// The `hashedAddresses` document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashedAddresses {
    /// The `personAddresses` elements, in document order.
    #[serde(rename = "personAddresses")]
    pub person_addresses: Vec<PersonAddresses>,
}
