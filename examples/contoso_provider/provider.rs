//! The Contoso provider: the OSC interfaces over the in-memory network of `network.rs`.
//!
//! State shared by all sessions (who the account follows, which cached-logon tokens were
//! issued) lives in one [`Network`] behind a lock; each session keeps only whether and as
//! whom it is logged on.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use osc_schema::model::{FriendStatus, Friends, HashedAddresses};
use osc_schema::provider::host::HostOptions;
use osc_schema::provider::{
    CapabilitiesAnswer, FeedAnswer, FriendsAnswer, Guid, OscError, OscResult, PersonAnswer,
    SocialPerson, SocialProfile, SocialProvider, SocialSession, SocialSession2,
};
use osc_schema::xs::XsDateTime;

use super::network::{
    self, ACCOUNT_PASSWORD, ACCOUNT_USER, FIRST_FRIENDS, LOGON_URL, ME, Member, POSTS, SITE_URL,
};

/// A user name for which `Logon` panics, so that a host can see the panic guard answer
/// `OSC_E_INTERNAL_ERROR` instead of the panic crossing into the caller
/// (`scripts/wine/osc_host.c` logs on with it).
pub const PANIC_USER: &str = "panic@contoso.example";

/// How the provider asks the OSC to log users on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogonKind {
    /// `Logon` with user name and password.
    Basic,
    /// `LogonWeb` through a logon page (`useLogonWebAuth`).
    Forms,
    /// `LogonCached` with credentials, then with what it returned (`useLogonCached`).
    Cached,
}

/// The network's GUID; it never changes, whatever the provider's version.
const GUID: Guid = Guid::from_u128(0x3c6e_52d1_8a0f_4b7e_9d21_5f4a_0c8e_b713);

/// What every session shares.
#[derive(Debug)]
struct Network {
    /// The user IDs the account follows.
    friends: BTreeSet<&'static str>,
    /// The cached-logon data handed out so far.
    tokens: BTreeSet<String>,
}

/// The Contoso provider.
#[derive(Debug, Clone)]
pub struct ContosoProvider {
    logon: LogonKind,
    network: Arc<Mutex<Network>>,
}

impl ContosoProvider {
    /// A provider over a fresh network, logging on the `logon` way.
    pub fn new(logon: LogonKind) -> Self {
        ContosoProvider {
            logon,
            network: Arc::new(Mutex::new(Network {
                friends: FIRST_FRIENDS.into_iter().collect(),
                tokens: BTreeSet::new(),
            })),
        }
    }

    fn new_session(&self, user: Option<&'static str>) -> Box<dyn SocialSession> {
        Box::new(ContosoSession {
            network: Arc::clone(&self.network),
            state: Mutex::new(SessionState {
                user,
                site_url: None,
            }),
        })
    }
}

/// The host options that fit this network: its account, people to look up (two friends,
/// a member who is not a friend, and an outsider), Farid to follow and Ena to unfollow.
pub fn host_options() -> HostOptions {
    let list = |addresses: &[&str]| addresses.iter().map(|a| (*a).to_owned()).collect();
    HostOptions {
        user_name: ACCOUNT_USER.to_owned(),
        password: ACCOUNT_PASSWORD.to_owned(),
        people: vec![
            list(&["ben@contoso.example"]),
            list(&["Chloe.Dupont@fabrikam.example", "chloe@contoso.example"]),
            list(&["farid@contoso.example"]),
            list(&["someone@fabrikam.example"]),
        ],
        follow: list(&["farid@contoso.example"]),
        follow_display_name: "Farid Haddad".to_owned(),
        unfollow: Some("contoso-ena".to_owned()),
        ..HostOptions::default()
    }
}

/// A lock that a panic elsewhere left poisoned still guards consistent data here (every
/// update is a single insert or remove), so the guard is taken over rather than failing.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl SocialProvider for ContosoProvider {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        Ok(network::capabilities(
            self.logon == LogonKind::Forms,
            self.logon == LogonKind::Cached,
        )
        .into())
    }

    fn version(&self) -> OscResult<String> {
        Ok("1.2".to_owned())
    }

    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(self.new_session(None))
    }

    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        // An intranet network would use the Windows logon here; the in-memory network
        // knows only one account.
        Ok(self.new_session(Some(ME)))
    }

    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        Ok(vec![SITE_URL.to_owned()])
    }

    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        Ok(network::ICON_PNG.to_vec())
    }

    fn social_network_name(&self) -> OscResult<String> {
        Ok(network::NETWORK_NAME.to_owned())
    }

    fn social_network_guid(&self) -> OscResult<Guid> {
        Ok(GUID)
    }

    fn load(&self, interface_version: &str, _language_tag: &str) -> OscResult<()> {
        // `X.xxxx`: the major version before the dot. Outlook 2010 (14) and 2013 (15)
        // speak the interfaces this provider implements.
        let (major, minor) = interface_version
            .split_once('.')
            .ok_or(OscError::InvalidArg)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(major) || !digits(minor) {
            return Err(OscError::InvalidArg);
        }
        match major.parse::<u32>() {
            Ok(14 | 15) => Ok(()),
            _ => Err(OscError::Version),
        }
    }
}

#[derive(Debug)]
struct SessionState {
    /// The member logged on, if any.
    user: Option<&'static str>,
    site_url: Option<String>,
}

/// One session: a logon and the calls made for it.
#[derive(Debug)]
struct ContosoSession {
    network: Arc<Mutex<Network>>,
    state: Mutex<SessionState>,
}

impl ContosoSession {
    /// The logged-on member, or `OSC_E_AUTH_ERROR` before a logon.
    fn user(&self) -> OscResult<&'static Member> {
        lock(&self.state)
            .user
            .and_then(network::member)
            .ok_or(OscError::AuthError)
    }

    fn log_on(&self) {
        lock(&self.state).user = Some(ME);
    }

    /// New cached-logon data for the account, remembered so that it can be checked.
    fn issue_token(&self) -> String {
        let mut network = lock(&self.network);
        let token = format!("contoso-logon/{ME}/{}", network.tokens.len() + 1);
        network.tokens.insert(token.clone());
        token
    }

    fn person_object(&self, member: &'static Member) -> ContosoPerson {
        ContosoPerson {
            network: Arc::clone(&self.network),
            member,
        }
    }

    fn friend_status(&self, member: &Member) -> FriendStatus {
        if lock(&self.network).friends.contains(member.id) {
            FriendStatus::Friend
        } else {
            FriendStatus::NotFriend
        }
    }

    fn follow(&self, member: Option<&'static Member>) -> OscResult<()> {
        self.user()?;
        let member = member.ok_or(OscError::NotFound)?;
        lock(&self.network).friends.insert(member.id);
        Ok(())
    }
}

impl SocialSession for ContosoSession {
    fn logon(&self, user_name: &str, password: &str) -> OscResult<()> {
        if user_name == PANIC_USER {
            panic!("Logon asked to panic");
        }
        if user_name.eq_ignore_ascii_case(ACCOUNT_USER) && password == ACCOUNT_PASSWORD {
            self.log_on();
            Ok(())
        } else {
            Err(OscError::AuthError)
        }
    }

    fn set_site_url(&self, url: &str) -> OscResult<()> {
        lock(&self.state).site_url = Some(url.to_owned());
        Ok(())
    }

    fn logon_web(&self, connect_in: Option<&str>) -> OscResult<String> {
        match connect_in {
            // The user signed in on the logon page; in memory, that page always succeeds.
            Some(url) if url.starts_with(LOGON_URL) => {
                self.log_on();
                Ok(self.issue_token())
            }
            // The first call asks the OSC to show the logon page.
            _ => Err(OscError::AuthError),
        }
    }

    fn logon_url(&self) -> OscResult<String> {
        Ok(LOGON_URL.to_owned())
    }

    fn network_identifier(&self) -> OscResult<String> {
        Ok(SITE_URL.to_owned())
    }

    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
        Ok(Box::new(self.person_object(self.user()?)))
    }

    fn logged_on_user_id(&self) -> OscResult<String> {
        Ok(self.user()?.id.to_owned())
    }

    fn logged_on_user_name(&self) -> OscResult<String> {
        Ok(self.user()?.full_name())
    }

    fn person(&self, user_id: &str) -> OscResult<Box<dyn SocialPerson>> {
        self.user()?;
        let member = network::member(user_id).ok_or(OscError::NotFound)?;
        Ok(Box::new(self.person_object(member)))
    }

    fn find_person(&self, query: &str) -> OscResult<FriendsAnswer> {
        self.user()?;
        let wanted = query.trim();
        let persons = network::MEMBERS
            .iter()
            .filter(|m| {
                network::member(wanted).is_some_and(|found| found.id == m.id)
                    || m.full_name().eq_ignore_ascii_case(wanted)
            })
            .map(|m| m.person(Some(self.friend_status(m))))
            .collect();
        Ok(Friends { persons }.into())
    }

    fn follow_person(&self, email_address: &str) -> OscResult<()> {
        self.follow(network::member(email_address))
    }

    fn unfollow_person(&self, user_id: &str) -> OscResult<()> {
        self.user()?;
        let member = network::member(user_id).ok_or(OscError::NotFound)?;
        lock(&self.network).friends.remove(member.id);
        Ok(())
    }

    fn session2(&self) -> Option<&dyn SocialSession2> {
        Some(self)
    }
}

impl SocialSession2 for ContosoSession {
    fn people_details(&self, request: &HashedAddresses) -> OscResult<FriendsAnswer> {
        self.user()?;
        // Only recipients who are members get a `person`, under their request index.
        let persons = request
            .person_addresses
            .iter()
            .filter_map(|entry| {
                let member = network::member_by_hash(&entry.hashed_addresses)?;
                let mut person = member.person(Some(self.friend_status(member)));
                person.index = Some(entry.index);
                Some(person)
            })
            .collect();
        Ok(Friends { persons }.into())
    }

    fn activities_ex(
        &self,
        hashed_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        self.user()?;
        let start = start_time.to_utc_instant().ok_or(OscError::InvalidArg)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        let posts = POSTS.iter().filter(|post| {
            let owner_asked =
                network::member(post.owner).is_some_and(|owner| owner.hashed_in(hashed_addresses));
            // Strictly after the start time, and not in the future.
            let when = post.published().and_then(|p| p.to_utc_instant());
            owner_asked && when.is_some_and(|w| w > start && w.0 <= now)
        });
        let feed = network::feed(posts);
        if feed.activities.is_empty() {
            return Err(OscError::NO_CHANGES);
        }
        Ok(feed.into())
    }

    fn follow_person_ex(&self, email_addresses: &[String], _display_name: &str) -> OscResult<()> {
        self.follow(email_addresses.iter().find_map(|e| network::member(e)))
    }

    fn logon_cached(&self, connect_in: &str, user_name: &str, password: &str) -> OscResult<String> {
        let known = !connect_in.is_empty() && lock(&self.network).tokens.contains(connect_in);
        if known {
            self.log_on();
            return Ok(connect_in.to_owned());
        }
        self.logon(user_name, password)?;
        Ok(self.issue_token())
    }
}

/// A member, as the OSC sees them through `ISocialPerson` (and, for the account,
/// `ISocialProfile`).
#[derive(Debug)]
struct ContosoPerson {
    network: Arc<Mutex<Network>>,
    member: &'static Member,
}

impl ContosoPerson {
    fn friends(&self) -> BTreeSet<&'static str> {
        lock(&self.network).friends.clone()
    }
}

impl SocialPerson for ContosoPerson {
    fn friends_and_colleagues(&self) -> OscResult<FriendsAnswer> {
        let friends = self.friends();
        let ids: Vec<&str> = if self.member.id == ME {
            friends.into_iter().collect()
        } else if friends.contains(self.member.id) {
            // Friendship goes both ways.
            vec![ME]
        } else {
            Vec::new()
        };
        let persons = ids
            .into_iter()
            .filter_map(network::member)
            .map(|m| m.person(Some(FriendStatus::Friend)))
            .collect();
        Ok(Friends { persons }.into())
    }

    fn picture(&self) -> OscResult<Vec<u8>> {
        Ok(network::AVATAR_PNG.to_vec())
    }

    fn details(&self) -> OscResult<PersonAnswer> {
        let status = if self.member.id == ME {
            None
        } else if self.friends().contains(self.member.id) {
            Some(FriendStatus::Friend)
        } else {
            Some(FriendStatus::NotFriend)
        };
        Ok(self.member.person(status).into())
    }
}

impl SocialProfile for ContosoPerson {
    fn are_friends_or_colleagues(&self, user_ids: &[String]) -> OscResult<Vec<bool>> {
        let friends = self.friends();
        Ok(user_ids
            .iter()
            .map(|id| friends.contains(id.as_str()))
            .collect())
    }
}
