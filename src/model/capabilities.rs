//! `capabilities`: what a provider tells the OSC it supports (`ISocialProvider::GetCapabilities`).

use serde::{Deserialize, Serialize};

use super::enumeration::enumeration;

use crate::xs::AnyUri;

/// The hash the OSC applies to e-mail addresses before sending them for dynamic lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HashFunction {
    /// SHA-1, written `SHA1`.
    #[serde(rename = "SHA1")]
    Sha1,
    /// MD5, written `MD5`.
    #[serde(rename = "MD5")]
    Md5,
    /// The CRC-32 and the MD5 of the address, joined by `_`; written `CRC32MD5`.
    #[serde(rename = "CRC32MD5")]
    Crc32Md5,
}

impl HashFunction {
    /// The schema's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            HashFunction::Sha1 => "SHA1",
            HashFunction::Md5 => "MD5",
            HashFunction::Crc32Md5 => "CRC32MD5",
        }
    }
}

enumeration!(HashFunction: Sha1, Md5, Crc32Md5);

/// The `capabilities` document. Required elements are plain values, optional ones `Option`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    /// `getFriends`: the provider returns friend lists.
    pub get_friends: bool,
    /// `cacheFriends`: friends may be stored as Outlook contacts.
    pub cache_friends: bool,
    /// `followPerson`: the provider can add a friend.
    pub follow_person: bool,
    /// `doNotFollowPerson`: the provider can remove a friend.
    pub do_not_follow_person: bool,
    /// `getActivities`: the provider returns activities.
    pub get_activities: bool,
    /// `cacheActivities`: activities may be stored in Outlook.
    pub cache_activities: bool,
    /// `dynamicActivitiesLookup` (1.0 on-demand activities).
    pub dynamic_activities_lookup: Option<bool>,
    /// `displayUrl`: the account dialog shows the network URL.
    pub display_url: bool,
    /// `useLogonWebAuth`: forms-based logon through `LogonWeb`.
    pub use_logon_web_auth: bool,
    /// `hideHyperlinks`: hide the account dialog's sign-up and password links.
    pub hide_hyperlinks: Option<bool>,
    /// `supportsAutoConfigure`: the OSC may call `GetAutoConfiguredSession`.
    pub supports_auto_configure: Option<bool>,
    /// `contactSyncRestartInterval`: minutes between friend synchronisations.
    pub contact_sync_restart_interval: Option<u32>,
    /// `dynamicActivitiesLookupEx` (1.1): activities looked up by hashed addresses.
    pub dynamic_activities_lookup_ex: Option<bool>,
    /// `dynamicContactsLookup` (1.1): people looked up by hashed addresses.
    pub dynamic_contacts_lookup: Option<bool>,
    /// `useLogonCached` (1.1): the OSC calls `LogonCached`.
    pub use_logon_cached: Option<bool>,
    /// `hideRememberMyPassword` (1.1).
    pub hide_remember_my_password: Option<bool>,
    /// `createAccountUrl` (1.1).
    pub create_account_url: Option<AnyUri>,
    /// `forgotPasswordUrl` (1.1).
    pub forgot_password_url: Option<AnyUri>,
    /// `showOnDemandActivitiesWhenMinimized` (1.1).
    pub show_on_demand_activities_when_minimized: Option<bool>,
    /// `showOnDemandContactsWhenMinimized` (1.1).
    pub show_on_demand_contacts_when_minimized: Option<bool>,
    /// `hashFunction` (1.1): the hash used for dynamic lookups.
    pub hash_function: Option<HashFunction>,
    /// `allowChangesToAutoConfigure` (2013).
    pub allow_changes_to_auto_configure: Option<bool>,
}

impl Capabilities {
    /// A provider of friends that Outlook keeps as contacts (`getFriends` and
    /// `cacheFriends`), and nothing else; every other flag false or left out.
    pub fn cached_friends() -> Self {
        Capabilities {
            get_friends: true,
            cache_friends: true,
            ..Capabilities::default()
        }
    }

    /// [`Capabilities::cached_friends`] with activities too, looked up on demand by
    /// addresses hashed with `hash` (`getActivities`, `dynamicActivitiesLookupEx`,
    /// `hashFunction`), as the 1.1 and 2013 connectors fetch them; `cacheActivities` stays
    /// false, since the 2013 connector no longer caches activities.
    pub fn cached_friends_with_activities(hash: HashFunction) -> Self {
        Capabilities {
            get_activities: true,
            dynamic_activities_lookup_ex: Some(true),
            hash_function: Some(hash),
            ..Capabilities::cached_friends()
        }
    }
}
