//! The COM adapters, driven through their vtables as Outlook would, and the client, which
//! turns them back into the safe traits.
//!
//! Calls through a vtable are `unsafe`: each says why its pointers are valid.

#![cfg(feature = "com")]

use std::ffi::c_void;
use std::fmt::Debug;
use std::ptr::{null, null_mut};
use std::sync::{Arc, Mutex};

use osc_schema::com::bstr::{BSTR, Bstr};
use osc_schema::com::client::ComProvider;
use osc_schema::com::hresult::{
    CLASS_E_CLASSNOTAVAILABLE, CLASS_E_NOAGGREGATION, E_INVALIDARG, E_NOINTERFACE, E_POINTER,
    S_FALSE, S_OK,
};
use osc_schema::com::interfaces::{
    IClassFactory, ISocialPerson, ISocialProfile, ISocialProvider, ISocialSession, ISocialSession2,
    VARIANT_TRUE,
};
use osc_schema::com::safearray::{SAFEARRAY, SafeArray};
use osc_schema::com::server::{SOCIAL_PROVIDERS_KEY, Server};
use osc_schema::com::windows_core::{GUID, HRESULT, IInspectable, IUnknown, Interface};
use osc_schema::com::{server_object, through_com};
use osc_schema::model::{ActivityFeed, Capabilities, Friends, HashedAddresses, Person, Root};
use osc_schema::provider::{
    Answer, CapabilitiesAnswer, FeedAnswer, FriendsAnswer, Guid, OleDate, OscError, OscResult,
    PersonAnswer, SocialPerson, SocialProfile, SocialProvider, SocialSession, SocialSession2,
};
use osc_schema::xs::XsDateTime;

// ---------------------------------------------------------------------------------------
// A small in-memory network. Every call that takes arguments writes them to a log, so that
// a test can check the provider saw through COM exactly what it sees when called directly.

type Log = Arc<Mutex<Vec<String>>>;

fn root(text: &str) -> Root {
    osc_schema::xml::read_str(text).expect("fixture reads").root
}

fn capabilities_doc() -> Capabilities {
    let Root::Capabilities(c) = root(include_str!("../fixtures/docs/capabilities.xml")) else {
        panic!("not capabilities")
    };
    c
}

fn friends_doc() -> Friends {
    let Root::Friends(f) = root(include_str!("../fixtures/docs/friends.xml")) else {
        panic!("not friends")
    };
    f
}

fn person_doc() -> Person {
    let Root::Person(p) = root(include_str!("../fixtures/docs/person-2013.xml")) else {
        panic!("not a person")
    };
    *p
}

fn feed_doc() -> ActivityFeed {
    let Root::ActivityFeed(a) = root(include_str!("../fixtures/docs/activity-feed.xml")) else {
        panic!("not a feed")
    };
    a
}

const HASHED: &str = include_str!("../fixtures/docs/hashed-addresses.xml");

fn hashed_doc() -> HashedAddresses {
    let Root::HashedAddresses(h) = root(HASHED) else {
        panic!("not hashedAddresses")
    };
    h
}

const NETWORK_GUID: &str = "{6B1F0C2E-0D3A-4C55-9A0E-2F6C1D7B9E41}";
const ICON: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 255, 7];
const PICTURE: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 3];

#[derive(Clone)]
struct Network {
    /// Whether sessions have `ISocialSession2`.
    session2: bool,
    log: Log,
}

impl Network {
    fn new(session2: bool) -> Network {
        Network {
            session2,
            log: Arc::default(),
        }
    }

    fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().expect("log"))
    }
}

fn note(log: &Log, entry: String) {
    log.lock().expect("log").push(entry);
}

impl SocialProvider for Network {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        Ok(Answer::Typed(capabilities_doc()))
    }
    fn version(&self) -> OscResult<String> {
        Ok("1.2.3.4".into())
    }
    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(Box::new(Session {
            session2: self.session2,
            log: self.log.clone(),
        }))
    }
    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(Box::new(Session {
            session2: false,
            log: self.log.clone(),
        }))
    }
    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        Ok(vec![
            "https://social.example.com/".into(),
            String::new(),
            "https://réseau.example/☃".into(),
        ])
    }
    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        Ok(ICON.to_vec())
    }
    fn social_network_name(&self) -> OscResult<String> {
        Ok("Example Network ☃".into())
    }
    fn social_network_guid(&self) -> OscResult<Guid> {
        Ok(Guid::parse(NETWORK_GUID).expect("valid"))
    }
    fn status_settings(&self) -> OscResult<(String, i32)> {
        Ok(("Available".into(), 140))
    }
    fn load(&self, interface_version: &str, language_tag: &str) -> OscResult<()> {
        note(
            &self.log,
            format!("load {interface_version} {language_tag}"),
        );
        if interface_version.starts_with("15.") {
            Ok(())
        } else {
            Err(OscError::Version)
        }
    }
}

struct Session {
    session2: bool,
    log: Log,
}

impl SocialSession for Session {
    fn logon(&self, user_name: &str, password: &str) -> OscResult<()> {
        note(&self.log, format!("logon {user_name} {password}"));
        if (user_name, password) == ("alice", "s3cret\0with NUL") {
            Ok(())
        } else {
            Err(OscError::AuthError)
        }
    }
    fn set_site_url(&self, url: &str) -> OscResult<()> {
        note(&self.log, format!("site {url}"));
        Ok(())
    }
    fn logon_web(&self, connect_in: Option<&str>) -> OscResult<String> {
        note(&self.log, format!("logon_web {connect_in:?}"));
        // The forms-based contract: no value yet means "not logged on".
        match connect_in {
            None => Err(OscError::AuthError),
            Some(text) => Ok(format!("token for {text}")),
        }
    }
    fn logon_url(&self) -> OscResult<String> {
        Ok("https://social.example.com/login".into())
    }
    fn network_identifier(&self) -> OscResult<String> {
        Ok("https://social.example.com/".into())
    }
    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
        Ok(Box::new(Member {
            id: "alice".into(),
            log: self.log.clone(),
        }))
    }
    fn logged_on_user_id(&self) -> OscResult<String> {
        Ok("alice".into())
    }
    fn logged_on_user_name(&self) -> OscResult<String> {
        Ok("Alice Ünal".into())
    }
    fn person(&self, user_id: &str) -> OscResult<Box<dyn SocialPerson>> {
        note(&self.log, format!("person {user_id}"));
        if user_id == "nobody" {
            return Err(OscError::NotFound);
        }
        Ok(Box::new(Member {
            id: user_id.into(),
            log: self.log.clone(),
        }))
    }
    fn find_person(&self, query: &str) -> OscResult<FriendsAnswer> {
        note(&self.log, format!("find {query}"));
        Ok(Answer::Typed(friends_doc()))
    }
    fn activities(
        &self,
        email_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        note(
            &self.log,
            format!("activities {email_addresses:?} {start_time}"),
        );
        Ok(Answer::Typed(feed_doc()))
    }
    fn follow_person(&self, email_address: &str) -> OscResult<()> {
        note(&self.log, format!("follow {email_address}"));
        Ok(())
    }
    fn unfollow_person(&self, user_id: &str) -> OscResult<()> {
        note(&self.log, format!("unfollow {user_id}"));
        Ok(())
    }
    fn session2(&self) -> Option<&dyn SocialSession2> {
        self.session2.then_some(self as &dyn SocialSession2)
    }
}

impl SocialSession2 for Session {
    fn people_details(&self, request: &HashedAddresses) -> OscResult<FriendsAnswer> {
        let addresses: Vec<_> = request
            .person_addresses
            .iter()
            .map(|p| (p.index, p.hashed_addresses.len()))
            .collect();
        note(&self.log, format!("people_details {addresses:?}"));
        Ok(Answer::Typed(friends_doc()))
    }
    fn activities_ex(
        &self,
        hashed_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        note(
            &self.log,
            format!("activities_ex {hashed_addresses:?} {start_time}"),
        );
        if hashed_addresses.is_empty() {
            return Err(OscError::NO_CHANGES);
        }
        Ok(Answer::Raw(
            include_str!("../fixtures/docs/activity-feed.xml").into(),
        ))
    }
    fn follow_person_ex(&self, email_addresses: &[String], display_name: &str) -> OscResult<()> {
        note(
            &self.log,
            format!("follow_ex {email_addresses:?} {display_name}"),
        );
        Ok(())
    }
    fn logon_cached(&self, connect_in: &str, user_name: &str, password: &str) -> OscResult<String> {
        note(
            &self.log,
            format!("logon_cached {connect_in} {user_name} {password}"),
        );
        Ok(format!("renewed {connect_in}"))
    }
}

/// A person, and (as the logged-on user) a profile.
struct Member {
    id: String,
    log: Log,
}

impl SocialPerson for Member {
    fn activities(&self, start_time: &XsDateTime) -> OscResult<FeedAnswer> {
        note(
            &self.log,
            format!("person activities {} {start_time}", self.id),
        );
        Ok(Answer::Typed(feed_doc()))
    }
    fn friends_and_colleagues(&self) -> OscResult<FriendsAnswer> {
        Ok(Answer::Typed(friends_doc()))
    }
    fn friends_and_colleagues_ids(&self) -> OscResult<Vec<String>> {
        Ok(vec!["bob".into(), "carol".into()])
    }
    fn picture(&self) -> OscResult<Vec<u8>> {
        Ok(PICTURE.to_vec())
    }
    fn status(&self) -> OscResult<String> {
        Ok(format!("{} is here", self.id))
    }
    fn details(&self) -> OscResult<PersonAnswer> {
        Ok(Answer::Typed(person_doc()))
    }
}

impl SocialProfile for Member {
    fn are_friends_or_colleagues(&self, user_ids: &[String]) -> OscResult<Vec<bool>> {
        Ok(user_ids
            .iter()
            .map(|id| id == "bob" || id == "carol")
            .collect())
    }
    fn activities_of_friends_and_colleagues(
        &self,
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        note(&self.log, format!("friends' activities {start_time}"));
        Ok(Answer::Typed(feed_doc()))
    }
    fn set_status(&self, status: &str) -> OscResult<()> {
        note(&self.log, format!("status {status}"));
        Ok(())
    }
}

/// A provider whose every method fails with one error, and whose session does too.
struct Failing(OscError);

impl SocialProvider for Failing {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        Err(self.0)
    }
    fn version(&self) -> OscResult<String> {
        Err(self.0)
    }
    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        Err(self.0)
    }
    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        Err(self.0)
    }
    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        Err(self.0)
    }
    fn social_network_name(&self) -> OscResult<String> {
        Err(self.0)
    }
    fn social_network_guid(&self) -> OscResult<Guid> {
        Err(self.0)
    }
    fn load(&self, _: &str, _: &str) -> OscResult<()> {
        Err(self.0)
    }
}

/// A provider that panics, in a provider method and in a session method.
struct Panicking;

impl SocialProvider for Panicking {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        panic!("capabilities went wrong")
    }
    fn version(&self) -> OscResult<String> {
        // A panic with a payload that is not a string.
        std::panic::panic_any(42_u32)
    }
    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        Ok(Box::new(PanickingSession))
    }
    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        let urls: Vec<String> = Vec::new();
        Ok(vec![urls[3].clone()])
    }
    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        unreachable!()
    }
    fn social_network_name(&self) -> OscResult<String> {
        unreachable!()
    }
    fn social_network_guid(&self) -> OscResult<Guid> {
        unreachable!()
    }
    fn load(&self, _: &str, _: &str) -> OscResult<()> {
        unreachable!()
    }
}

struct PanickingSession;

impl SocialSession for PanickingSession {
    fn logon(&self, _: &str, _: &str) -> OscResult<()> {
        panic!("logon went wrong")
    }
    fn set_site_url(&self, _: &str) -> OscResult<()> {
        unreachable!()
    }
    fn logon_web(&self, _: Option<&str>) -> OscResult<String> {
        unreachable!()
    }
    fn logon_url(&self) -> OscResult<String> {
        unreachable!()
    }
    fn network_identifier(&self) -> OscResult<String> {
        unreachable!()
    }
    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
        unreachable!()
    }
    fn logged_on_user_id(&self) -> OscResult<String> {
        unreachable!()
    }
    fn logged_on_user_name(&self) -> OscResult<String> {
        unreachable!()
    }
    fn person(&self, _: &str) -> OscResult<Box<dyn SocialPerson>> {
        unreachable!()
    }
    fn find_person(&self, _: &str) -> OscResult<FriendsAnswer> {
        unreachable!()
    }
    fn follow_person(&self, _: &str) -> OscResult<()> {
        unreachable!()
    }
    fn unfollow_person(&self, _: &str) -> OscResult<()> {
        unreachable!()
    }
}

// ---------------------------------------------------------------------------------------
// Helpers for calls through the vtable.

fn object(network: &Network) -> ISocialProvider {
    server_object(Arc::new(network.clone()))
}

/// Calls a method with one BSTR result; gives the HRESULT and the text (if any).
fn bstr_call(call: impl FnOnce(*mut BSTR) -> HRESULT) -> (HRESULT, Option<String>) {
    let mut raw: BSTR = null_mut();
    let hr = call(&mut raw);
    if raw.is_null() {
        return (hr, None);
    }
    // SAFETY: a non-null result is a BSTR the callee handed over.
    let text = unsafe { Bstr::from_raw(raw) }.to_text().expect("UTF-16");
    (hr, Some(text))
}

/// Calls a method with one SAFEARRAY result, which the caller then owns.
fn array_call(call: impl FnOnce(*mut *mut SAFEARRAY) -> HRESULT) -> (HRESULT, SafeArray) {
    let mut raw: *mut SAFEARRAY = null_mut();
    let hr = call(&mut raw);
    // SAFETY: the result is null or an array the callee handed over.
    (hr, unsafe { SafeArray::from_raw(raw) })
}

/// Calls a method with one interface result.
fn object_call<I: Interface>(
    call: impl FnOnce(*mut *mut c_void) -> HRESULT,
) -> (HRESULT, Option<I>) {
    let mut raw: *mut c_void = null_mut();
    let hr = call(&mut raw);
    // SAFETY: a non-null result is a reference to an `I` the callee handed over.
    (hr, (!raw.is_null()).then(|| unsafe { I::from_raw(raw) }))
}

fn session_of(provider: &ISocialProvider) -> ISocialSession {
    // SAFETY: `provider` is alive; the out-pointer is the helper's local.
    let (hr, session) = object_call(|out| unsafe { provider.GetSession(out) });
    assert_eq!(hr, S_OK);
    session.expect("a session")
}

fn hr_of(error: OscError) -> HRESULT {
    HRESULT(error.hresult())
}

fn date(text: &str) -> f64 {
    OleDate::from_xs(&XsDateTime::parse(text).expect("valid"))
        .expect("in range")
        .0
}

// ---------------------------------------------------------------------------------------
// QueryInterface.

#[test]
fn provider_answers_its_interfaces_and_no_others() {
    let provider = object(&Network::new(true));
    let unknown: IUnknown = provider.cast().expect("IUnknown");
    let again: ISocialProvider = unknown.cast().expect("ISocialProvider");
    assert_eq!(again, provider);
    // windows-core's #[implement] answers IInspectable as well (documented in `com`).
    assert!(provider.cast::<IInspectable>().is_ok());
    for refused in [
        provider.cast::<ISocialSession>().map(|_| ()),
        provider.cast::<ISocialSession2>().map(|_| ()),
        provider.cast::<ISocialPerson>().map(|_| ()),
        provider.cast::<IClassFactory>().map(|_| ()),
    ] {
        assert_eq!(refused.expect_err("not answered").code(), E_NOINTERFACE);
    }
    let unrelated = GUID::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
    let mut out = std::ptr::dangling_mut::<c_void>();
    // SAFETY: the IID and the out-pointer are locals.
    let hr = unsafe { provider.query(&unrelated, &mut out) };
    assert_eq!(hr, E_NOINTERFACE);
    assert!(
        out.is_null(),
        "a refused QueryInterface clears the out-pointer"
    );
}

#[test]
fn sessions_answer_isocialsession2_only_when_they_have_it() {
    for with_session2 in [true, false] {
        let provider = object(&Network::new(with_session2));
        let session = session_of(&provider);
        assert!(session.cast::<IUnknown>().is_ok());
        assert_eq!(
            session.cast::<ISocialSession2>().is_ok(),
            with_session2,
            "session2 = {with_session2}"
        );
        if let Ok(session2) = session.cast::<ISocialSession2>() {
            // Back from ISocialSession2 to ISocialSession: one object.
            assert_eq!(
                session2.cast::<ISocialSession>().expect("same object"),
                session
            );
        }
        assert!(session.cast::<ISocialProvider>().is_err());
    }
    // GetAutoConfiguredSession hands out the same kinds of objects.
    let provider = object(&Network::new(true));
    // SAFETY: `provider` is alive; the out-pointer is the helper's local.
    let (hr, session) =
        object_call::<ISocialSession>(|out| unsafe { provider.GetAutoConfiguredSession(out) });
    assert_eq!(hr, S_OK);
    assert!(
        session
            .expect("a session")
            .cast::<ISocialSession2>()
            .is_err()
    );
}

#[test]
fn profiles_answer_both_person_interfaces() {
    let session = session_of(&object(&Network::new(true)));
    // SAFETY: `session` is alive; the out-pointer is the helper's local.
    let (hr, profile) =
        object_call::<ISocialProfile>(|out| unsafe { session.GetLoggedOnUser(out) });
    assert_eq!(hr, S_OK);
    let profile = profile.expect("a profile");
    let person: ISocialPerson = profile.cast().expect("ISocialPerson");
    // One vtable serves both (ISocialProfile's starts with ISocialPerson's methods): the
    // same pointer, and the person methods answer through either.
    assert_eq!(person.as_raw(), profile.as_raw());
    // SAFETY: both pointers are alive; out-pointers are the helper's locals.
    let (_, status) = bstr_call(|out| unsafe { person.GetStatus(out) });
    assert_eq!(status.as_deref(), Some("alice is here"));
    // SAFETY: as above.
    let (_, status) = bstr_call(|out| unsafe { profile.GetStatus(out) });
    assert_eq!(status.as_deref(), Some("alice is here"));

    let bob = Bstr::new("bob").expect("alloc");
    // SAFETY: `session` is alive; the BSTR outlives the call.
    let (_, plain) =
        object_call::<ISocialPerson>(|out| unsafe { session.GetPerson(bob.as_raw(), out) });
    let plain = plain.expect("a person");
    assert_eq!(
        plain
            .cast::<ISocialProfile>()
            .expect_err("a person is no profile")
            .code(),
        E_NOINTERFACE
    );
}

// ---------------------------------------------------------------------------------------
// Methods through the vtable.

#[test]
fn capabilities_through_the_vtable_validate() {
    let provider = object(&Network::new(true));
    // SAFETY: `provider` is alive; the out-pointer is the helper's local.
    let (hr, xml) = bstr_call(|out| unsafe { provider.GetCapabilities(out) });
    assert_eq!(hr, S_OK);
    let xml = xml.expect("a BSTR");
    let report = osc_schema::Validator::auto().validate_str(&xml);
    assert!(report.is_valid(), "{xml}\n{report:?}");
    assert!(xml.contains("<getFriends>true</getFriends>"));
}

#[test]
fn provider_scalars_through_the_vtable() {
    let provider = object(&Network::new(true));
    // SAFETY (for the calls below): `provider` is alive; out-pointers are locals.
    let (hr, version) = bstr_call(|out| unsafe { provider.get_Version(out) });
    assert_eq!((hr, version.as_deref()), (S_OK, Some("1.2.3.4")));
    // SAFETY: as above.
    let (_, name) = bstr_call(|out| unsafe { provider.get_SocialNetworkName(out) });
    assert_eq!(name.as_deref(), Some("Example Network ☃"));

    let mut guid = GUID::zeroed();
    // SAFETY: as above.
    assert_eq!(unsafe { provider.get_SocialNetworkGuid(&mut guid) }, S_OK);
    assert_eq!(
        Guid::from_u128(guid.to_u128()).to_string(),
        NETWORK_GUID,
        "GUID fields keep their layout"
    );

    let mut max_length = 0;
    // SAFETY: as above.
    let (hr, text) = bstr_call(|out| unsafe { provider.GetStatusSettings(out, &mut max_length) });
    assert_eq!(
        (hr, text.as_deref(), max_length),
        (S_OK, Some("Available"), 140)
    );

    let (version, language) = (
        Bstr::new("15.0000").expect("alloc"),
        Bstr::new("en-US").expect("alloc"),
    );
    // SAFETY: as above; the BSTRs outlive the call.
    assert_eq!(
        unsafe { provider.Load(version.as_raw(), language.as_raw()) },
        S_OK
    );
    let old = Bstr::new("14.0000").expect("alloc");
    // SAFETY: as above.
    let hr = unsafe { provider.Load(old.as_raw(), language.as_raw()) };
    assert_eq!(hr, hr_of(OscError::Version));
}

#[test]
fn null_out_pointers_are_e_pointer_and_the_provider_is_not_called() {
    let network = Network::new(true);
    let provider = object(&network);
    // SAFETY (for the calls below): `provider` and `session` are alive; the null
    // out-pointers are what is being tested, and the adapters check for them.
    unsafe {
        assert_eq!(provider.GetCapabilities(null_mut()), E_POINTER);
        assert_eq!(provider.GetSession(null_mut()), E_POINTER);
        assert_eq!(provider.get_DefaultSiteUrls(null_mut()), E_POINTER);
        assert_eq!(provider.get_SocialNetworkGuid(null_mut()), E_POINTER);
        let mut length = 0;
        assert_eq!(
            provider.GetStatusSettings(null_mut(), &mut length),
            E_POINTER
        );
    }
    let session = session_of(&provider);
    let site = Bstr::new("https://x.example/").expect("alloc");
    // SAFETY: as above.
    unsafe {
        assert_eq!(session.LogonWeb(site.as_raw(), null_mut()), E_POINTER);
        assert_eq!(session.GetPerson(site.as_raw(), null_mut()), E_POINTER);
    }
    assert_eq!(network.take_log(), Vec::<String>::new());
}

#[test]
fn get_person_and_get_details_through_the_vtable() {
    let network = Network::new(true);
    let session = session_of(&object(&network));
    let id = Bstr::new("fab-204815").expect("alloc");
    // SAFETY: `session` is alive; the BSTR outlives the call; out-pointers are locals.
    let (hr, person) =
        object_call::<ISocialPerson>(|out| unsafe { session.GetPerson(id.as_raw(), out) });
    assert_eq!(hr, S_OK);
    let person = person.expect("a person");
    // SAFETY: `person` is alive.
    let (hr, details) = bstr_call(|out| unsafe { person.GetDetails(out) });
    assert_eq!(hr, S_OK);
    let details = details.expect("XML");
    assert!(details.contains("<userID>fab-204815</userID>"), "{details}");
    assert!(
        osc_schema::Validator::auto()
            .validate_str(&details)
            .is_valid()
    );
    // SAFETY: as above.
    let (hr, friends) = bstr_call(|out| unsafe { person.GetFriendsAndColleagues(out) });
    assert_eq!(hr, S_OK);
    assert!(
        osc_schema::Validator::auto()
            .validate_str(&friends.expect("XML"))
            .is_valid()
    );

    let nobody = Bstr::new("nobody").expect("alloc");
    // SAFETY: as above.
    let (hr, none) =
        object_call::<ISocialPerson>(|out| unsafe { session.GetPerson(nobody.as_raw(), out) });
    assert_eq!((hr, none.is_none()), (hr_of(OscError::NotFound), true));
    assert_eq!(network.take_log(), ["person fab-204815", "person nobody"]);
}

// ---------------------------------------------------------------------------------------
// SAFEARRAYs and DATEs.

#[test]
fn safearray_results_round_trip() {
    let network = Network::new(true);
    let provider = object(&network);
    // SAFETY: `provider` is alive; out-pointers are the helpers' locals.
    let (hr, urls) = array_call(|out| unsafe { provider.get_DefaultSiteUrls(out) });
    assert_eq!(hr, S_OK);
    assert_eq!(urls.to_strings(), network.default_site_urls());
    // SAFETY: as above.
    let (_, icon) = array_call(|out| unsafe { provider.get_SocialNetworkIcon(out) });
    assert_eq!(icon.to_bytes().expect("bytes"), ICON);

    let session = session_of(&provider);
    // SAFETY: as above.
    let (_, profile) = object_call::<ISocialProfile>(|out| unsafe { session.GetLoggedOnUser(out) });
    let profile = profile.expect("profile");
    // SAFETY: as above.
    let (hr, picture) = array_call(|out| unsafe { profile.GetPicture(out) });
    assert_eq!(hr, S_OK);
    assert_eq!(picture.to_bytes().expect("bytes"), PICTURE);
    // SAFETY: as above.
    let (_, ids) = array_call(|out| unsafe { profile.GetFriendsAndColleaguesIDs(out) });
    assert_eq!(ids.to_strings().expect("strings"), ["bob", "carol"]);

    let asked = SafeArray::from_strings(&["bob", "mallory", "carol", ""]).expect("alloc");
    // SAFETY: as above; `asked` outlives the call.
    let (hr, answer) =
        array_call(|out| unsafe { profile.AreFriendsOrColleagues(asked.as_raw(), out) });
    assert_eq!(hr, S_OK);
    assert_eq!(
        answer.to_bools().expect("bools"),
        [true, false, true, false]
    );
    // VARIANT_BOOL true is all bits set, as automation callers test it.
    // SAFETY: `answer` is a live 4-element VT_BOOL array owned here and not locked.
    let first = unsafe { (*answer.as_raw()).pvData.cast::<i16>().read() };
    assert_eq!(first, VARIANT_TRUE);
}

#[test]
fn get_activities_ex_takes_a_safearray_of_bstr_and_a_date() {
    let network = Network::new(true);
    let session = session_of(&object(&network));
    let session2: ISocialSession2 = session.cast().expect("ISocialSession2");
    let hashes = [
        "46a62b2bde6cb4fcddfd7e445a253b888c34d482",
        "70abece48d69f8dd57dbdc87aca0a423db105d3c",
    ];
    let addresses = SafeArray::from_strings(&hashes).expect("alloc");
    // 40240.5 is 2010-03-03 12:00 UTC; a quarter second shows sub-second precision.
    let start = 40_240.5 + 0.25 / 86_400.0;
    // SAFETY: `session2` is alive; `addresses` outlives the call; out-pointers are locals.
    let (hr, feed) =
        bstr_call(|out| unsafe { session2.GetActivitiesEx(addresses.as_raw(), start, out) });
    assert_eq!(hr, S_OK);
    assert!(
        osc_schema::Validator::auto()
            .validate_str(&feed.expect("XML"))
            .is_valid()
    );
    assert_eq!(
        network.take_log(),
        [format!("activities_ex {hashes:?} 2010-03-03T12:00:00.250Z")]
    );

    // Nothing new: OSC_E_NO_CHANGES, the shared 0x80041406.
    let none = SafeArray::from_strings::<&str>(&[]).expect("alloc");
    // SAFETY: as above.
    let (hr, text) =
        bstr_call(|out| unsafe { session2.GetActivitiesEx(none.as_raw(), start, out) });
    assert_eq!((hr.0 as u32, text), (0x8004_1406, None));
    // A null array reads as empty.
    // SAFETY: as above; null is an acceptable [in] array.
    let (hr, _) = bstr_call(|out| unsafe { session2.GetActivitiesEx(null_mut(), start, out) });
    assert_eq!(hr, hr_of(OscError::NO_CHANGES));

    // ISocialSession::GetActivities takes the same pair.
    // SAFETY: as above.
    let (hr, _) = bstr_call(|out| unsafe { session.GetActivities(addresses.as_raw(), 0.0, out) });
    assert_eq!(hr, S_OK);
    assert_eq!(
        network.take_log(),
        [
            "activities_ex [] 2010-03-03T12:00:00.250Z".to_string(),
            "activities_ex [] 2010-03-03T12:00:00.250Z".to_string(),
            format!("activities {hashes:?} 1899-12-30T00:00:00Z"),
        ]
    );
}

#[test]
fn bad_arguments_are_e_invalidarg() {
    let network = Network::new(true);
    let session = session_of(&object(&network));
    let session2: ISocialSession2 = session.cast().expect("ISocialSession2");

    // A lone surrogate is no text.
    let broken = Bstr::from_wide(&[0x61, 0xD800]).expect("alloc");
    // SAFETY (for the calls below): the pointers are alive or null; out-pointers are locals.
    unsafe {
        assert_eq!(session.FollowPerson(broken.as_raw()), E_INVALIDARG);
    }
    // DATEs outside the years 100 to 9999, or not numbers.
    let addresses = SafeArray::from_strings(&["x"]).expect("alloc");
    for bad in [f64::NAN, f64::INFINITY, 3.0e6, -1.0e6] {
        // SAFETY: as above.
        let (hr, _) =
            bstr_call(|out| unsafe { session2.GetActivitiesEx(addresses.as_raw(), bad, out) });
        assert_eq!(hr, E_INVALIDARG, "{bad}");
    }
    // An array of bytes where BSTRs are expected.
    let bytes = SafeArray::from_bytes(b"abc").expect("alloc");
    // SAFETY: as above.
    let (hr, _) = bstr_call(|out| unsafe { session2.GetActivitiesEx(bytes.as_raw(), 0.0, out) });
    assert_eq!(hr, E_INVALIDARG);
    // GetPeopleDetails wants a hashedAddresses document.
    for request in ["", "not XML", include_str!("../fixtures/docs/friends.xml")] {
        let request = Bstr::new(request).expect("alloc");
        // SAFETY: as above.
        let (hr, text) =
            bstr_call(|out| unsafe { session2.GetPeopleDetails(request.as_raw(), out) });
        assert_eq!((hr, text), (E_INVALIDARG, None));
    }
    assert_eq!(
        network.take_log(),
        Vec::<String>::new(),
        "the provider saw none of them"
    );

    let request = Bstr::new(HASHED).expect("alloc");
    // SAFETY: as above.
    let (hr, friends) =
        bstr_call(|out| unsafe { session2.GetPeopleDetails(request.as_raw(), out) });
    assert_eq!(hr, S_OK);
    assert!(friends.expect("XML").contains("<friends"));
    assert_eq!(
        network.take_log(),
        ["people_details [(0, 1), (1, 3), (2, 2)]"]
    );
}

#[test]
fn logon_web_with_null_connect_in_is_auth_error() {
    let network = Network::new(true);
    let session = session_of(&object(&network));
    // SAFETY: `session` is alive; a null BSTR is a valid [in] BSTR; out-pointers are locals.
    let (hr, out) = bstr_call(|out| unsafe { session.LogonWeb(null_mut(), out) });
    assert_eq!(hr.0 as u32, 0x8004_1404);
    assert_eq!(out, None, "a failed call leaves connectOut null");
    // An empty but non-null BSTR is a value.
    let empty = Bstr::new("").expect("alloc");
    // SAFETY: as above.
    let (hr, out) = bstr_call(|out| unsafe { session.LogonWeb(empty.as_raw(), out) });
    assert_eq!((hr, out.as_deref()), (S_OK, Some("token for ")));
    let form = Bstr::new("https://social.example.com/login?ok").expect("alloc");
    // SAFETY: as above.
    let (hr, out) = bstr_call(|out| unsafe { session.LogonWeb(form.as_raw(), out) });
    assert_eq!(
        (hr, out.as_deref()),
        (S_OK, Some("token for https://social.example.com/login?ok"))
    );
    assert_eq!(
        network.take_log(),
        [
            "logon_web None",
            "logon_web Some(\"\")",
            "logon_web Some(\"https://social.example.com/login?ok\")"
        ]
    );
}

#[test]
fn bstrs_keep_embedded_nuls() {
    let network = Network::new(true);
    let session = session_of(&object(&network));
    let (user, password) = (
        Bstr::new("alice").expect("alloc"),
        Bstr::new("s3cret\0with NUL").expect("alloc"),
    );
    // SAFETY: `session` is alive; the BSTRs outlive the call.
    assert_eq!(
        unsafe { session.Logon(user.as_raw(), password.as_raw()) },
        S_OK
    );
    let short = Bstr::new("s3cret").expect("alloc");
    // SAFETY: as above.
    let hr = unsafe { session.Logon(user.as_raw(), short.as_raw()) };
    assert_eq!(hr, hr_of(OscError::AuthError));
}

// ---------------------------------------------------------------------------------------
// Errors and panics.

#[test]
fn panics_come_back_as_internal_error() {
    let provider = server_object(Arc::new(Panicking));
    let internal = HRESULT(0x8004_1400_u32 as i32);
    // SAFETY (for the calls below): the objects are alive; out-pointers are locals.
    let (hr, text) = bstr_call(|out| unsafe { provider.GetCapabilities(out) });
    assert_eq!((hr, text), (internal, None));
    // SAFETY: as above.
    let (hr, _) = bstr_call(|out| unsafe { provider.get_Version(out) });
    assert_eq!(hr, internal);
    // SAFETY: as above.
    let (hr, urls) = array_call(|out| unsafe { provider.get_DefaultSiteUrls(out) });
    assert_eq!((hr, urls.as_raw().is_null()), (internal, true));
    let session = session_of(&provider);
    let text = Bstr::new("x").expect("alloc");
    // SAFETY: as above.
    assert_eq!(
        unsafe { session.Logon(text.as_raw(), text.as_raw()) },
        internal
    );
    // The objects still work after a panic.
    // SAFETY: as above.
    let (hr, _) = bstr_call(|out| unsafe { provider.GetCapabilities(out) });
    assert_eq!(hr, internal);

    // And through the client, the panic is an OscError like any other.
    let client = through_com(Arc::new(Panicking));
    assert_eq!(client.version(), Err(OscError::InternalError));
}

#[test]
fn every_named_error_maps_both_ways() {
    for error in OscError::NAMED {
        let provider = server_object(Arc::new(Failing(error)));
        // SAFETY: `provider` is alive; out-pointers are locals.
        let (hr, text) = bstr_call(|out| unsafe { provider.get_Version(out) });
        assert_eq!((hr, text), (HRESULT(error.hresult()), None), "{error}");
        // SAFETY: as above.
        let (hr, session) =
            object_call::<ISocialSession>(|out| unsafe { provider.GetSession(out) });
        assert_eq!(
            (hr, session.is_none()),
            (HRESULT(error.hresult()), true),
            "{error}"
        );

        let client = through_com(Arc::new(Failing(error)));
        assert_eq!(client.version(), Err(error));
        assert_eq!(client.social_network_guid(), Err(error));
        assert_eq!(client.load("15.0000", "en-US"), Err(error));
        assert_eq!(client.session().err(), Some(error));
    }
    // The shared value comes back as the one variant that stands for both names.
    let client = through_com(Arc::new(Failing(OscError::NO_CHANGES)));
    assert_eq!(client.version(), Err(OscError::ServerVersionNotSupported));
    // Codes outside the OSC's list travel unchanged.
    let access_denied = OscError::Other(0x8007_0005_u32 as i32);
    let client = through_com(Arc::new(Failing(access_denied)));
    assert_eq!(client.version(), Err(access_denied));
    // Defaults the trait leaves unimplemented answer E_NOTIMPL.
    let client = through_com(Arc::new(Failing(OscError::Fail)));
    assert_eq!(client.status_settings(), Err(OscError::NotImplemented));
    assert_eq!(
        client.auto_configured_session().err(),
        Some(OscError::NotImplemented)
    );
}

// ---------------------------------------------------------------------------------------
// The client: every trait method through COM gives what the provider gives directly, and
// the provider sees the same arguments.

/// An answer as the OSC receives it, comparable across the two paths.
fn xml<T: Clone + Into<osc_schema::model::Document>>(
    answer: OscResult<Answer<T>>,
) -> OscResult<String> {
    answer.map(|a| a.to_xml().expect("writable"))
}

struct Pair {
    network: Network,
    direct: Arc<dyn SocialProvider>,
    com: Box<dyn SocialProvider>,
}

impl Pair {
    fn new(session2: bool) -> Pair {
        let network = Network::new(session2);
        let direct: Arc<dyn SocialProvider> = Arc::new(network.clone());
        let com: Box<dyn SocialProvider> =
            Box::new(ComProvider::new(server_object(direct.clone())).expect("agile"));
        Pair {
            network,
            direct,
            com,
        }
    }

    /// Runs `f` on both providers: same result, same calls seen by the provider.
    fn same<T: PartialEq + Debug>(&self, what: &str, f: impl Fn(&dyn SocialProvider) -> T) {
        let direct = f(&*self.direct);
        let direct_log = self.network.take_log();
        let com = f(&*self.com);
        let com_log = self.network.take_log();
        assert_eq!(direct, com, "{what}");
        assert_eq!(direct_log, com_log, "{what}: arguments the provider saw");
    }

    fn same_session<T: PartialEq + Debug>(&self, what: &str, f: impl Fn(&dyn SocialSession) -> T) {
        self.same(what, |p| f(&*p.session().expect("session")));
    }

    fn same_session2<T: PartialEq + Debug>(
        &self,
        what: &str,
        f: impl Fn(&dyn SocialSession2) -> T,
    ) {
        self.same_session(what, |s| f(s.session2().expect("session2")));
    }

    fn same_profile<T: PartialEq + Debug>(&self, what: &str, f: impl Fn(&dyn SocialProfile) -> T) {
        self.same_session(what, |s| f(&*s.logged_on_user().expect("profile")));
    }

    fn same_person<T: PartialEq + Debug>(&self, what: &str, f: impl Fn(&dyn SocialPerson) -> T) {
        self.same_session(what, |s| f(&*s.person("bob").expect("person")));
    }
}

#[test]
fn every_provider_method_round_trips_through_com() {
    let pair = Pair::new(true);
    pair.same("capabilities", |p| xml(p.capabilities()));
    pair.same("version", |p| p.version());
    pair.same("default_site_urls", |p| p.default_site_urls());
    pair.same("social_network_icon", |p| p.social_network_icon());
    pair.same("social_network_name", |p| p.social_network_name());
    pair.same("social_network_guid", |p| p.social_network_guid());
    pair.same("status_settings", |p| p.status_settings());
    pair.same("load", |p| p.load("15.0000", "de-DE"));
    pair.same("load (old)", |p| p.load("14.0000", "de-DE"));
    pair.same("session", |p| p.session().map(|s| s.session2().is_some()));
    pair.same("auto_configured_session", |p| {
        p.auto_configured_session().map(|s| s.session2().is_some())
    });
    // The typed answer arrives as the string it was written to.
    let through = pair.com.capabilities().expect("capabilities");
    assert!(matches!(through, Answer::Raw(_)));
}

#[test]
fn every_session_method_round_trips_through_com() {
    let start = XsDateTime::parse("2010-03-03T12:00:00.500Z").expect("valid");
    let addresses = vec!["a@example.com".to_string(), "b@example.com".to_string()];
    let pair = Pair::new(true);
    pair.same_session("logon", |s| s.logon("alice", "s3cret\0with NUL"));
    pair.same_session("logon (wrong)", |s| s.logon("alice", "guess"));
    pair.same_session("set_site_url", |s| {
        s.set_site_url("https://social.example.com/")
    });
    pair.same_session("logon_web (null)", |s| s.logon_web(None));
    pair.same_session("logon_web", |s| s.logon_web(Some("https://x.example/?t=1")));
    pair.same_session("logon_url", |s| s.logon_url());
    pair.same_session("network_identifier", |s| s.network_identifier());
    pair.same_session("logged_on_user", |s| s.logged_on_user().map(|p| p.status()));
    pair.same_session("logged_on_user_id", |s| s.logged_on_user_id());
    pair.same_session("logged_on_user_name", |s| s.logged_on_user_name());
    pair.same_session("person", |s| s.person("carol").map(|p| p.status()));
    pair.same_session("person (missing)", |s| {
        s.person("nobody").map(|p| p.status())
    });
    pair.same_session("find_person", |s| xml(s.find_person("Renée")));
    pair.same_session("activities", |s| xml(s.activities(&addresses, &start)));
    pair.same_session("follow_person", |s| s.follow_person("c@example.com"));
    pair.same_session("unfollow_person", |s| s.unfollow_person("carol"));

    let request = hashed_doc();
    pair.same_session2("people_details", |s| xml(s.people_details(&request)));
    pair.same_session2(
        "activities_ex",
        |s| xml(s.activities_ex(&addresses, &start)),
    );
    pair.same_session2(
        "activities_ex (none)",
        |s| xml(s.activities_ex(&[], &start)),
    );
    pair.same_session2("follow_person_ex", |s| {
        s.follow_person_ex(&addresses, "Bea Ünal")
    });
    pair.same_session2("logon_cached", |s| s.logon_cached("token", "alice", "pw"));

    // Without ISocialSession2, neither side offers it.
    let pair = Pair::new(false);
    pair.same_session("session2", |s| s.session2().is_some());
}

#[test]
fn every_person_and_profile_method_round_trips_through_com() {
    let start = XsDateTime::parse("2011-07-01T08:30:00Z").expect("valid");
    let pair = Pair::new(true);
    pair.same_person("activities", |p| xml(p.activities(&start)));
    pair.same_person(
        "friends_and_colleagues",
        |p| xml(p.friends_and_colleagues()),
    );
    pair.same_person("friends_and_colleagues_ids", |p| {
        p.friends_and_colleagues_ids()
    });
    pair.same_person("picture", |p| p.picture());
    pair.same_person("status", |p| p.status());
    pair.same_person("details", |p| xml(p.details()));

    let ids = vec![
        "bob".to_string(),
        "mallory".to_string(),
        "carol".to_string(),
    ];
    pair.same_profile("are_friends_or_colleagues", |p| {
        p.are_friends_or_colleagues(&ids)
    });
    pair.same_profile("are_friends_or_colleagues (none)", |p| {
        p.are_friends_or_colleagues(&[])
    });
    pair.same_profile("activities_of_friends_and_colleagues", |p| {
        xml(p.activities_of_friends_and_colleagues(&start))
    });
    pair.same_profile("set_status", |p| p.set_status("Out to lunch"));
    // The profile is a person too.
    pair.same_profile("profile as person", |p| {
        (p.picture(), xml(p.details()), p.status())
    });
}

#[test]
fn start_times_travel_as_utc() {
    // A DATE has no timezone: the provider receives the same instant, in UTC.
    let network = Network::new(true);
    let com = through_com(Arc::new(network.clone()));
    let session = com.session().expect("session");
    let local = XsDateTime::parse("2010-03-03T13:00:00+01:00").expect("valid");
    session.activities(&[], &local).expect("activities");
    assert_eq!(network.take_log(), ["activities [] 2010-03-03T12:00:00Z"]);
    assert_eq!(date("2010-03-03T12:00:00Z"), 40_240.5);
}

// ---------------------------------------------------------------------------------------
// The in-process server: class factory, object count, registry content.

const CLSID: Guid = Guid::from_u128(0x3c1e_8f7a_52d4_4b1e_9e0f_6a2b_7c3d_4e5f);

/// The provider's constructor. Its name is the one the macro's own code once used, which
/// hid it from the closure below: the macro must reach the caller's `make` whatever it
/// names its own items.
fn make(on_demand: bool) -> Network {
    Network::new(on_demand)
}

osc_schema::export_provider!(CLSID, "Example.SocialProvider", || make(true));

fn clsid() -> GUID {
    GUID::from_u128(CLSID.to_u128())
}

#[test]
fn the_exported_class_factory_makes_providers() {
    let mut raw = null_mut();
    // SAFETY: the CLSID, IID and out-pointer are locals; `DllGetClassObject` is the
    // function the macro defined in this test crate.
    let hr = unsafe { DllGetClassObject(&clsid(), &IClassFactory::IID, &mut raw) };
    assert_eq!(hr, S_OK);
    // SAFETY: on success `raw` is an IClassFactory reference handed to us.
    let factory = unsafe { IClassFactory::from_raw(raw) };
    assert_eq!(
        DllCanUnloadNow(),
        S_FALSE,
        "the factory keeps the DLL loaded"
    );

    // SAFETY (for the calls below): `factory` is alive; IIDs and out-pointers are locals.
    let (hr, provider) = object_call::<ISocialProvider>(|out| unsafe {
        factory.CreateInstance(null_mut(), &ISocialProvider::IID, out)
    });
    assert_eq!(hr, S_OK);
    let provider = provider.expect("a provider");
    // SAFETY: as above.
    let (_, name) = bstr_call(|out| unsafe { provider.get_SocialNetworkName(out) });
    assert_eq!(name.as_deref(), Some("Example Network ☃"));

    // Aggregation is refused; so are interfaces the provider does not have.
    // Any non-null outer object asks for aggregation; the factory itself stands in.
    let outer = factory.as_raw();
    // SAFETY: as above; `outer` is a live object, and is only compared with null.
    let (hr, none) = object_call::<IUnknown>(|out| unsafe {
        factory.CreateInstance(outer, &IUnknown::IID, out)
    });
    assert_eq!((hr, none.is_none()), (CLASS_E_NOAGGREGATION, true));
    // SAFETY: as above.
    let (hr, none) = object_call::<IUnknown>(|out| unsafe {
        factory.CreateInstance(null_mut(), &ISocialSession::IID, out)
    });
    assert_eq!((hr, none.is_none()), (E_NOINTERFACE, true));

    // The objects the provider hands out keep the DLL loaded too, until released.
    let session = session_of(&provider);
    drop(provider);
    drop(factory);
    assert_eq!(DllCanUnloadNow(), S_FALSE, "a session is alive");
    drop(session);
    assert_eq!(DllCanUnloadNow(), S_OK);

    // Other CLSIDs are not served; the out-pointer is cleared.
    let mut raw = std::ptr::dangling_mut::<c_void>();
    let other = GUID::from_u128(0x1234);
    // SAFETY: as above.
    let hr = unsafe { DllGetClassObject(&other, &IClassFactory::IID, &mut raw) };
    assert_eq!((hr, raw.is_null()), (CLASS_E_CLASSNOTAVAILABLE, true));
    // SAFETY: null pointers are checked, not dereferenced.
    let hr = unsafe { DllGetClassObject(null(), &IClassFactory::IID, null_mut()) };
    assert_eq!(hr, E_POINTER);
}

#[test]
fn lock_server_keeps_the_module_loaded() {
    static LOCKED: Server = Server::new(Guid::from_u128(0x77), "Locked.Provider", || {
        Arc::new(Network::new(false))
    });
    let factory = LOCKED.class_factory();
    // SAFETY: `factory` is alive.
    assert_eq!(unsafe { factory.LockServer(1) }, S_OK);
    drop(factory);
    assert_eq!(LOCKED.can_unload_now(), S_FALSE);
    let factory = LOCKED.class_factory();
    // SAFETY: as above; the extra unlock must not wrap the count.
    unsafe {
        assert_eq!(factory.LockServer(0), S_OK);
        assert_eq!(factory.LockServer(0), S_OK);
    }
    drop(factory);
    assert_eq!(LOCKED.live_objects(), 0);
    assert_eq!(LOCKED.can_unload_now(), S_OK);
}

#[test]
fn a_panicking_constructor_is_internal_error() {
    static BROKEN: Server = Server::new(Guid::from_u128(0x78), "Broken.Provider", || {
        panic!("cannot make the provider")
    });
    let factory = BROKEN.class_factory();
    // SAFETY: `factory` is alive; the IID and out-pointer are locals.
    let (hr, none) = object_call::<ISocialProvider>(|out| unsafe {
        factory.CreateInstance(null_mut(), &ISocialProvider::IID, out)
    });
    assert_eq!((hr.0 as u32, none.is_none()), (0x8004_1400, true));
}

#[test]
fn registration_writes_the_com_and_osc_keys() {
    static SERVER: Server = Server::new(
        Guid::from_u128(0x6b1f_0c2e_0d3a_4c55_9a0e_2f6c_1d7b_9e41),
        "Contoso.SocialProvider",
        || Arc::new(Network::new(true)),
    );
    let keys = SERVER.registry_keys(
        r"C:\Program Files\Contoso\provider.dll",
        SOCIAL_PROVIDERS_KEY,
    );
    let clsid = r"Software\Classes\CLSID\{6B1F0C2E-0D3A-4C55-9A0E-2F6C1D7B9E41}";
    let listed: Vec<(&str, Vec<(&str, &str)>)> = keys
        .iter()
        .map(|k| {
            let values = k
                .values
                .iter()
                .map(|(n, d)| (n.as_str(), d.as_str()))
                .collect();
            (k.path.as_str(), values)
        })
        .collect();
    let inproc = format!(r"{clsid}\InprocServer32");
    let progid = format!(r"{clsid}\ProgID");
    assert_eq!(
        listed,
        vec![
            (clsid, vec![("", "Contoso.SocialProvider")]),
            (
                inproc.as_str(),
                vec![
                    ("", r"C:\Program Files\Contoso\provider.dll"),
                    ("ThreadingModel", "Both")
                ]
            ),
            (progid.as_str(), vec![("", "Contoso.SocialProvider")]),
            (
                r"Software\Classes\Contoso.SocialProvider",
                vec![("", "Contoso.SocialProvider")]
            ),
            (
                r"Software\Classes\Contoso.SocialProvider\CLSID",
                vec![("", "{6B1F0C2E-0D3A-4C55-9A0E-2F6C1D7B9E41}")]
            ),
            (
                r"Software\Microsoft\Office\Outlook\SocialConnector\SocialProviders\Contoso.SocialProvider",
                vec![]
            ),
        ]
    );
    assert_eq!(
        SERVER.registry_roots(SOCIAL_PROVIDERS_KEY),
        [
            clsid.to_string(),
            r"Software\Classes\Contoso.SocialProvider".to_string(),
            r"Software\Microsoft\Office\Outlook\SocialConnector\SocialProviders\Contoso.SocialProvider"
                .to_string(),
        ]
    );
}
