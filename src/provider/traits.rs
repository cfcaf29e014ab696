//! The five OSC interfaces as safe traits, in the order of their COM vtables.

use super::answer::{CapabilitiesAnswer, FeedAnswer, FriendsAnswer, PersonAnswer};
use super::{Guid, OscError, OscResult};
use crate::model::HashedAddresses;
use crate::xs::XsDateTime;

/// `ISocialProvider` {90D17471-0E8E-415b-ADE0-8B414CB3B96E}: the object Outlook creates
/// first; it describes the network and hands out sessions.
pub trait SocialProvider: Send + Sync {
    /// `GetCapabilities`: what the provider supports.
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer>;
    /// `get_Version`: the provider's version, e.g. `1.0.0.0`.
    fn version(&self) -> OscResult<String>;
    /// `GetSession`: a session that is not yet logged on.
    fn session(&self) -> OscResult<Box<dyn SocialSession>>;
    /// `GetAutoConfiguredSession`: a session set up without asking the user, for providers
    /// whose capabilities say `supportsAutoConfigure`.
    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        Err(OscError::NotImplemented)
    }
    /// `get_DefaultSiteUrls`: the network's URLs the account dialog offers.
    fn default_site_urls(&self) -> OscResult<Vec<String>>;
    /// `get_SocialNetworkIcon`: the network's icon (PNG, JPEG or BMP bytes).
    fn social_network_icon(&self) -> OscResult<Vec<u8>>;
    /// `get_SocialNetworkName`: the network's display name.
    fn social_network_name(&self) -> OscResult<String>;
    /// `get_SocialNetworkGuid`: the GUID that identifies the network to the OSC.
    fn social_network_guid(&self) -> OscResult<Guid>;
    /// `GetStatusSettings`: not used by the OSC.
    fn status_settings(&self) -> OscResult<(String, i32)> {
        Err(OscError::NotImplemented)
    }
    /// `Load`: the OSC's interface version (`X.xxxx`, e.g. `15.0000`) and UI language
    /// (e.g. `en-US`). A provider that cannot serve that major version answers
    /// [`OscError::Version`].
    fn load(&self, interface_version: &str, language_tag: &str) -> OscResult<()>;
}

/// `ISocialSession` {5AFE10C7-CAB3-4b77-89C9-2E4FD62E7A1F}: a logon to the network and the
/// calls made on the user's behalf.
pub trait SocialSession: Send + Sync {
    /// `Logon`: basic authentication with user name and password.
    fn logon(&self, user_name: &str, password: &str) -> OscResult<()>;
    /// `put_SiteUrl`: the network URL the user chose.
    fn set_site_url(&self, url: &str) -> OscResult<()>;
    /// `LogonWeb`: forms-based authentication. The OSC first passes no `connect_in`, and
    /// the provider answers [`OscError::AuthError`]; after the user signed in at
    /// [`logon_url`](Self::logon_url), the OSC passes what the page returned, and the
    /// provider answers the data to keep for [`SocialSession2::logon_cached`].
    fn logon_web(&self, connect_in: Option<&str>) -> OscResult<String>;
    /// `GetLogonUrl`: the page for forms-based authentication.
    fn logon_url(&self) -> OscResult<String>;
    /// `GetNetworkIdentifier`: a string unique to the network (usually its URL).
    fn network_identifier(&self) -> OscResult<String>;
    /// `GetLoggedOnUser`: the user who logged on.
    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>>;
    /// `get_LoggedOnUserID`.
    fn logged_on_user_id(&self) -> OscResult<String>;
    /// `get_LoggedOnUserName`.
    fn logged_on_user_name(&self) -> OscResult<String>;
    /// `GetPerson`: a person of the network by user ID ([`OscError::NotFound`] if none).
    fn person(&self, user_id: &str) -> OscResult<Box<dyn SocialPerson>>;
    /// `FindPerson`: the people matching a user ID, SMTP address or display name, as `friends`.
    fn find_person(&self, query: &str) -> OscResult<FriendsAnswer>;
    /// `ISocialSession::GetActivities`: replaced by [`SocialSession2::activities_ex`].
    fn activities(
        &self,
        email_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        let _ = (email_addresses, start_time);
        Err(OscError::NotImplemented)
    }
    /// `FollowPerson`: add the person with this SMTP address as a friend.
    fn follow_person(&self, email_address: &str) -> OscResult<()>;
    /// `UnFollowPerson`: remove the friend with this user ID.
    fn unfollow_person(&self, user_id: &str) -> OscResult<()>;
    /// The session's `ISocialSession2`, when it has one (what `QueryInterface` answers).
    fn session2(&self) -> Option<&dyn SocialSession2> {
        None
    }
}

/// `ISocialSession2` {33A54789-8C4E-4b56-8452-EE3E0DBB0372}: the 1.1 additions — lookups by
/// hashed address, cached logon.
pub trait SocialSession2: Send + Sync {
    /// `GetPeopleDetails`: the network's people for a `hashedAddresses` request, as `friends`
    /// whose persons carry the request's `index`.
    fn people_details(&self, request: &HashedAddresses) -> OscResult<FriendsAnswer>;
    /// `GetActivitiesEx`: the activities of the people with these hashed addresses since
    /// `start_time`; [`OscError::NO_CHANGES`] when there are none.
    fn activities_ex(
        &self,
        hashed_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer>;
    /// `FollowPersonEx`: add a friend known by several addresses and a display name.
    fn follow_person_ex(&self, email_addresses: &[String], display_name: &str) -> OscResult<()>;
    /// `LogonCached`: log on again with what an earlier logon returned (`connect_in`) or
    /// with the user's credentials; returns the data to keep for the next time.
    fn logon_cached(&self, connect_in: &str, user_name: &str, password: &str) -> OscResult<String>;
}

/// `ISocialPerson` {B252A037-5455-429d-A380-B5E9ADA3D423}: one person of the network.
pub trait SocialPerson: Send + Sync {
    /// `ISocialPerson::GetActivities`: not called by the OSC.
    fn activities(&self, start_time: &XsDateTime) -> OscResult<FeedAnswer> {
        let _ = start_time;
        Err(OscError::NotImplemented)
    }
    /// `GetFriendsAndColleagues`: the person's friends, as `friends`.
    fn friends_and_colleagues(&self) -> OscResult<FriendsAnswer>;
    /// `GetFriendsAndColleaguesIDs`: not called by the OSC.
    fn friends_and_colleagues_ids(&self) -> OscResult<Vec<String>> {
        Err(OscError::NotImplemented)
    }
    /// `GetPicture`: the person's picture (PNG, JPEG or BMP bytes).
    fn picture(&self) -> OscResult<Vec<u8>>;
    /// `GetStatus`: not called by the OSC.
    fn status(&self) -> OscResult<String> {
        Err(OscError::NotImplemented)
    }
    /// `GetDetails`: the person, as `person`.
    fn details(&self) -> OscResult<PersonAnswer>;
}

/// `ISocialProfile` {359702A5-52C8-4eda-B9D0-47D95174057A}: the logged-on user, a person with
/// a few more members.
pub trait SocialProfile: SocialPerson {
    /// `AreFriendsOrColleagues`: for each user ID, whether that person is a friend.
    fn are_friends_or_colleagues(&self, user_ids: &[String]) -> OscResult<Vec<bool>>;
    /// `GetActivitiesOfFriendsAndColleagues`: not called by the OSC.
    fn activities_of_friends_and_colleagues(
        &self,
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        let _ = start_time;
        Err(OscError::NotImplemented)
    }
    /// `SetStatus`: not called by the OSC.
    fn set_status(&self, status: &str) -> OscResult<()> {
        let _ = status;
        Err(OscError::NotImplemented)
    }
}
