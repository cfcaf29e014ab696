//! The safe traits over COM interface pointers: a host drives a provider through its vtables
//! as Outlook does, and sees it as a [`SocialProvider`].
//!
//! ```
//! use std::sync::Arc;
//! # use osc_schema::provider::*;
//! # struct Tiny;
//! # impl SocialProvider for Tiny {
//! #     fn capabilities(&self) -> OscResult<CapabilitiesAnswer> { Err(OscError::NotImplemented) }
//! #     fn version(&self) -> OscResult<String> { Ok("1.0.0.0".into()) }
//! #     fn session(&self) -> OscResult<Box<dyn SocialSession>> { Err(OscError::NotImplemented) }
//! #     fn default_site_urls(&self) -> OscResult<Vec<String>> { Ok(vec![]) }
//! #     fn social_network_icon(&self) -> OscResult<Vec<u8>> { Ok(vec![]) }
//! #     fn social_network_name(&self) -> OscResult<String> { Ok("Tiny".into()) }
//! #     fn social_network_guid(&self) -> OscResult<Guid> { Ok(Guid::default()) }
//! #     fn load(&self, _: &str, _: &str) -> OscResult<()> { Ok(()) }
//! # }
//! use osc_schema::com::{client::ComProvider, server_object};
//!
//! let direct: Arc<dyn SocialProvider> = Arc::new(Tiny);
//! // Trait → COM object → vtable calls → trait again.
//! let through_com: Box<dyn SocialProvider> =
//!     Box::new(ComProvider::new(server_object(direct.clone()))?);
//! assert_eq!(through_com.version()?, direct.version()?);
//! assert_eq!(through_com.session().err(), Some(OscError::NotImplemented));
//! # Ok::<(), OscError>(())
//! ```
//!
//! Results come back as they crossed the ABI: XML answers are [`Answer::Raw`] strings, and
//! failures are the [`OscError`] of the HRESULT (so 0x80041406 is
//! [`OscError::ServerVersionNotSupported`], alias [`OscError::NO_CHANGES`]).
//!
//! # Threads
//! The traits are `Send + Sync`; a COM interface pointer is only safe to use from any thread
//! if its object is free-threaded. OSC providers must be (they register as
//! `ThreadingModel=Both`), but a pointer can also be an apartment-bound proxy. So the
//! constructors ask each object for `IAgileObject`, the marker of objects callable from any
//! thread, and refuse objects without it (`E_NOINTERFACE`); the objects of
//! [`server_object`](super::server_object) answer it. [`ComProvider::new_unchecked`] skips
//! the check for callers who know better, and everything that provider hands out is then
//! trusted too.

use std::ffi::c_void;
use std::ptr::null_mut;

use windows_core::{GUID, HRESULT, Interface};

use super::bstr::{BSTR, Bstr};
use super::hresult::{E_NOINTERFACE, E_POINTER};
use super::interfaces::{
    IAgileObject, ISocialPerson, ISocialProfile, ISocialProvider, ISocialSession, ISocialSession2,
};
use super::safearray::{SAFEARRAY, SafeArray};
use crate::model::{Document, HashedAddresses};
use crate::provider::{
    Answer, CapabilitiesAnswer, FeedAnswer, FriendsAnswer, Guid, OleDate, OscError, OscResult,
    PersonAnswer, SocialPerson, SocialProfile, SocialProvider, SocialSession, SocialSession2,
};
use crate::xs::XsDateTime;

/// An interface pointer to an object that may be called from any thread.
#[derive(Clone)]
struct Agile<I>(I);

// SAFETY: an `Agile` is only made for objects that answered IAgileObject (they promise to
// be callable from any thread, concurrently) or that the caller of
// `ComProvider::new_unchecked` vouched for. Reference counting is thread-safe in COM.
unsafe impl<I> Send for Agile<I> {}
// SAFETY: as for Send.
unsafe impl<I> Sync for Agile<I> {}

/// Whether objects still have to prove they are agile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    Checked,
    Vouched,
}

impl<I: Interface> Agile<I> {
    fn new(interface: I, trust: Trust) -> OscResult<Agile<I>> {
        if trust == Trust::Vouched || interface.cast::<IAgileObject>().is_ok() {
            Ok(Agile(interface))
        } else {
            Err(OscError::Other(E_NOINTERFACE.0))
        }
    }
}

/// The error of a failure HRESULT; success codes (`S_OK`, `S_FALSE`) are success.
fn check(hr: HRESULT) -> OscResult<()> {
    match OscError::from_hresult(hr.0) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

// The helpers below call through the vtable with out-pointers to their own locals. On
// success the callee has handed over what it wrote; on failure COM says it wrote null, and
// anything else is not trusted (it is left alone rather than freed).

fn string_out(call: impl FnOnce(*mut BSTR) -> HRESULT) -> OscResult<String> {
    let mut raw: BSTR = null_mut();
    check(call(&mut raw))?;
    // SAFETY: on success the callee passed ownership of a BSTR (or null) in `raw`.
    unsafe { Bstr::from_raw(raw) }.to_text()
}

fn array_out(call: impl FnOnce(*mut *mut SAFEARRAY) -> HRESULT) -> OscResult<SafeArray> {
    let mut raw: *mut SAFEARRAY = null_mut();
    check(call(&mut raw))?;
    // SAFETY: on success the callee passed ownership of a SAFEARRAY (or null) in `raw`.
    Ok(unsafe { SafeArray::from_raw(raw) })
}

fn object_out<I: Interface>(call: impl FnOnce(*mut *mut c_void) -> HRESULT) -> OscResult<I> {
    let mut raw: *mut c_void = null_mut();
    check(call(&mut raw))?;
    if raw.is_null() {
        // Success without an object breaks the interface's contract.
        return Err(OscError::Other(E_POINTER.0));
    }
    // SAFETY: on success the callee passed a reference to an object implementing `I` (the
    // interface the method's signature names).
    Ok(unsafe { I::from_raw(raw) })
}

/// An `xs:dateTime` as the `DATE` the interfaces take.
fn date(value: &XsDateTime) -> OscResult<f64> {
    OleDate::from_xs(value)
        .map(|d| d.0)
        .map_err(|_| OscError::InvalidArg)
}

/// A provider object, seen through `ISocialProvider`.
#[derive(Clone)]
pub struct ComProvider {
    provider: Agile<ISocialProvider>,
    trust: Trust,
}

impl ComProvider {
    /// The provider behind `provider`, which must answer `IAgileObject`.
    ///
    /// # Errors
    /// `E_NOINTERFACE` (as [`OscError::Other`]) if it does not.
    pub fn new(provider: ISocialProvider) -> OscResult<ComProvider> {
        Ok(ComProvider {
            provider: Agile::new(provider, Trust::Checked)?,
            trust: Trust::Checked,
        })
    }

    /// The provider behind `provider`, without asking for `IAgileObject`.
    ///
    /// # Safety
    /// The object, and every object it hands out, can be called from any thread at once.
    pub unsafe fn new_unchecked(provider: ISocialProvider) -> ComProvider {
        ComProvider {
            provider: Agile(provider),
            trust: Trust::Vouched,
        }
    }

    /// The interface pointer.
    pub fn interface(&self) -> &ISocialProvider {
        &self.provider.0
    }
}

// SAFETY (for each `unsafe` call below): the interface pointer is owned by `self` and alive;
// out-pointers point at the helpers' locals; in-arguments are `Bstr`/`SafeArray` values that
// outlive the call.
impl SocialProvider for ComProvider {
    fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().GetCapabilities(out) }).map(Answer::Raw)
    }

    fn version(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().get_Version(out) })
    }

    fn session(&self) -> OscResult<Box<dyn SocialSession>> {
        // SAFETY: see the impl.
        let session = object_out(|out| unsafe { self.interface().GetSession(out) })?;
        Ok(Box::new(ComSession::wrap(session, self.trust)?))
    }

    fn auto_configured_session(&self) -> OscResult<Box<dyn SocialSession>> {
        // SAFETY: see the impl.
        let session = object_out(|out| unsafe { self.interface().GetAutoConfiguredSession(out) })?;
        Ok(Box::new(ComSession::wrap(session, self.trust)?))
    }

    fn default_site_urls(&self) -> OscResult<Vec<String>> {
        // SAFETY: see the impl.
        array_out(|out| unsafe { self.interface().get_DefaultSiteUrls(out) })?.to_strings()
    }

    fn social_network_icon(&self) -> OscResult<Vec<u8>> {
        // SAFETY: see the impl.
        array_out(|out| unsafe { self.interface().get_SocialNetworkIcon(out) })?.to_bytes()
    }

    fn social_network_name(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().get_SocialNetworkName(out) })
    }

    fn social_network_guid(&self) -> OscResult<Guid> {
        let mut guid = GUID::zeroed();
        // SAFETY: see the impl.
        check(unsafe { self.interface().get_SocialNetworkGuid(&mut guid) })?;
        Ok(Guid::from_u128(guid.to_u128()))
    }

    fn status_settings(&self) -> OscResult<(String, i32)> {
        let mut max_length = 0;
        let text = string_out(|out| {
            // SAFETY: see the impl.
            unsafe { self.interface().GetStatusSettings(out, &mut max_length) }
        })?;
        Ok((text, max_length))
    }

    fn load(&self, interface_version: &str, language_tag: &str) -> OscResult<()> {
        let (version, language) = (Bstr::new(interface_version)?, Bstr::new(language_tag)?);
        // SAFETY: see the impl.
        check(unsafe { self.interface().Load(version.as_raw(), language.as_raw()) })
    }
}

/// A session object, seen through `ISocialSession` (and `ISocialSession2` if it answers it).
#[derive(Clone)]
pub struct ComSession {
    session: Agile<ISocialSession>,
    session2: Option<ComSession2>,
    trust: Trust,
}

/// A session's `ISocialSession2`.
#[derive(Clone)]
pub struct ComSession2 {
    session2: Agile<ISocialSession2>,
}

impl ComSession {
    /// The session behind `session`, which must answer `IAgileObject`. Whether it has an
    /// `ISocialSession2` is asked once, here.
    ///
    /// # Errors
    /// `E_NOINTERFACE` (as [`OscError::Other`]) if it is not agile.
    pub fn new(session: ISocialSession) -> OscResult<ComSession> {
        ComSession::wrap(session, Trust::Checked)
    }

    fn wrap(session: ISocialSession, trust: Trust) -> OscResult<ComSession> {
        let session2 = session
            .cast::<ISocialSession2>()
            .ok()
            .map(|session2| ComSession2 {
                // The same object as `session`, so just as agile.
                session2: Agile(session2),
            });
        Ok(ComSession {
            session: Agile::new(session, trust)?,
            session2,
            trust,
        })
    }

    /// The interface pointer.
    pub fn interface(&self) -> &ISocialSession {
        &self.session.0
    }
}

// SAFETY (for each `unsafe` call below): as for ComProvider.
impl SocialSession for ComSession {
    fn logon(&self, user_name: &str, password: &str) -> OscResult<()> {
        let (user, password) = (Bstr::new(user_name)?, Bstr::new(password)?);
        // SAFETY: see the impl.
        check(unsafe { self.interface().Logon(user.as_raw(), password.as_raw()) })
    }

    fn set_site_url(&self, url: &str) -> OscResult<()> {
        let url = Bstr::new(url)?;
        // SAFETY: see the impl.
        check(unsafe { self.interface().put_SiteUrl(url.as_raw()) })
    }

    fn logon_web(&self, connect_in: Option<&str>) -> OscResult<String> {
        // No value travels as the null BSTR, as the OSC's first call passes it.
        let connect_in = match connect_in {
            Some(text) => Bstr::new(text)?,
            None => Bstr::null(),
        };
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().LogonWeb(connect_in.as_raw(), out) })
    }

    fn logon_url(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().GetLogonUrl(out) })
    }

    fn network_identifier(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().GetNetworkIdentifier(out) })
    }

    fn logged_on_user(&self) -> OscResult<Box<dyn SocialProfile>> {
        // SAFETY: see the impl.
        let profile = object_out(|out| unsafe { self.interface().GetLoggedOnUser(out) })?;
        Ok(Box::new(ComProfile {
            profile: Agile::new(profile, self.trust)?,
        }))
    }

    fn logged_on_user_id(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().get_LoggedOnUserID(out) })
    }

    fn logged_on_user_name(&self) -> OscResult<String> {
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().get_LoggedOnUserName(out) })
    }

    fn person(&self, user_id: &str) -> OscResult<Box<dyn SocialPerson>> {
        let user_id = Bstr::new(user_id)?;
        // SAFETY: see the impl.
        let person =
            object_out(|out| unsafe { self.interface().GetPerson(user_id.as_raw(), out) })?;
        Ok(Box::new(ComPerson {
            person: Agile::new(person, self.trust)?,
        }))
    }

    fn find_person(&self, query: &str) -> OscResult<FriendsAnswer> {
        let query = Bstr::new(query)?;
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().FindPerson(query.as_raw(), out) })
            .map(Answer::Raw)
    }

    fn activities(
        &self,
        email_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        let (addresses, start) = (SafeArray::from_strings(email_addresses)?, date(start_time)?);
        string_out(|out| {
            // SAFETY: see the impl.
            unsafe {
                self.interface()
                    .GetActivities(addresses.as_raw(), start, out)
            }
        })
        .map(Answer::Raw)
    }

    fn follow_person(&self, email_address: &str) -> OscResult<()> {
        let address = Bstr::new(email_address)?;
        // SAFETY: see the impl.
        check(unsafe { self.interface().FollowPerson(address.as_raw()) })
    }

    fn unfollow_person(&self, user_id: &str) -> OscResult<()> {
        let user_id = Bstr::new(user_id)?;
        // SAFETY: see the impl.
        check(unsafe { self.interface().UnFollowPerson(user_id.as_raw()) })
    }

    fn session2(&self) -> Option<&dyn SocialSession2> {
        self.session2.as_ref().map(|s| s as &dyn SocialSession2)
    }
}

impl ComSession2 {
    /// The interface pointer.
    pub fn interface(&self) -> &ISocialSession2 {
        &self.session2.0
    }
}

// SAFETY (for each `unsafe` call below): as for ComProvider.
impl SocialSession2 for ComSession2 {
    fn people_details(&self, request: &HashedAddresses) -> OscResult<FriendsAnswer> {
        let xml = crate::xml::to_string(&Document::from(request.clone()))
            .map_err(|_| OscError::InvalidArg)?;
        let xml = Bstr::new(&xml)?;
        // SAFETY: see the impl.
        string_out(|out| unsafe { self.interface().GetPeopleDetails(xml.as_raw(), out) })
            .map(Answer::Raw)
    }

    fn activities_ex(
        &self,
        hashed_addresses: &[String],
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        let (addresses, start) = (
            SafeArray::from_strings(hashed_addresses)?,
            date(start_time)?,
        );
        string_out(|out| {
            // SAFETY: see the impl.
            unsafe {
                self.interface()
                    .GetActivitiesEx(addresses.as_raw(), start, out)
            }
        })
        .map(Answer::Raw)
    }

    fn follow_person_ex(&self, email_addresses: &[String], display_name: &str) -> OscResult<()> {
        let (addresses, name) = (
            SafeArray::from_strings(email_addresses)?,
            Bstr::new(display_name)?,
        );
        // SAFETY: see the impl.
        check(unsafe {
            self.interface()
                .FollowPersonEx(addresses.as_raw(), name.as_raw())
        })
    }

    fn logon_cached(&self, connect_in: &str, user_name: &str, password: &str) -> OscResult<String> {
        let connect_in = Bstr::new(connect_in)?;
        let (user, password) = (Bstr::new(user_name)?, Bstr::new(password)?);
        string_out(|out| {
            // SAFETY: see the impl.
            unsafe {
                self.interface().LogonCached(
                    connect_in.as_raw(),
                    user.as_raw(),
                    password.as_raw(),
                    out,
                )
            }
        })
    }
}

/// A person object, seen through `ISocialPerson`.
#[derive(Clone)]
pub struct ComPerson {
    person: Agile<ISocialPerson>,
}

impl ComPerson {
    /// The person behind `person`, which must answer `IAgileObject`.
    ///
    /// # Errors
    /// `E_NOINTERFACE` (as [`OscError::Other`]) if it does not.
    pub fn new(person: ISocialPerson) -> OscResult<ComPerson> {
        Ok(ComPerson {
            person: Agile::new(person, Trust::Checked)?,
        })
    }

    /// The interface pointer.
    pub fn interface(&self) -> &ISocialPerson {
        &self.person.0
    }
}

/// A profile object (the logged-on user), seen through `ISocialProfile`.
#[derive(Clone)]
pub struct ComProfile {
    profile: Agile<ISocialProfile>,
}

impl ComProfile {
    /// The profile behind `profile`, which must answer `IAgileObject`.
    ///
    /// # Errors
    /// `E_NOINTERFACE` (as [`OscError::Other`]) if it does not.
    pub fn new(profile: ISocialProfile) -> OscResult<ComProfile> {
        Ok(ComProfile {
            profile: Agile::new(profile, Trust::Checked)?,
        })
    }

    /// The interface pointer.
    pub fn interface(&self) -> &ISocialProfile {
        &self.profile.0
    }
}

/// `SocialPerson` over an `ISocialPerson` pointer; `ISocialProfile` derefs to one (its vtable
/// starts with `ISocialPerson`'s), so persons and profiles share these.
mod person {
    use super::*;

    // SAFETY (for each `unsafe` call below): `person` is a live interface pointer borrowed
    // from its owner for the call; out-pointers point at the helpers' locals.

    pub(super) fn activities(person: &ISocialPerson, start: &XsDateTime) -> OscResult<FeedAnswer> {
        let start = date(start)?;
        // SAFETY: see above.
        string_out(|out| unsafe { person.GetActivities(start, out) }).map(Answer::Raw)
    }

    pub(super) fn friends(person: &ISocialPerson) -> OscResult<FriendsAnswer> {
        // SAFETY: see above.
        string_out(|out| unsafe { person.GetFriendsAndColleagues(out) }).map(Answer::Raw)
    }

    pub(super) fn friend_ids(person: &ISocialPerson) -> OscResult<Vec<String>> {
        // SAFETY: see above.
        array_out(|out| unsafe { person.GetFriendsAndColleaguesIDs(out) })?.to_strings()
    }

    pub(super) fn picture(person: &ISocialPerson) -> OscResult<Vec<u8>> {
        // SAFETY: see above.
        array_out(|out| unsafe { person.GetPicture(out) })?.to_bytes()
    }

    pub(super) fn status(person: &ISocialPerson) -> OscResult<String> {
        // SAFETY: see above.
        string_out(|out| unsafe { person.GetStatus(out) })
    }

    pub(super) fn details(person: &ISocialPerson) -> OscResult<PersonAnswer> {
        // SAFETY: see above.
        string_out(|out| unsafe { person.GetDetails(out) }).map(Answer::Raw)
    }
}

/// Implements [`SocialPerson`] for a type whose `interface()` derefs to `ISocialPerson`.
macro_rules! social_person_over_com {
    ($ty:ty) => {
        impl SocialPerson for $ty {
            fn activities(&self, start_time: &XsDateTime) -> OscResult<FeedAnswer> {
                person::activities(self.interface(), start_time)
            }
            fn friends_and_colleagues(&self) -> OscResult<FriendsAnswer> {
                person::friends(self.interface())
            }
            fn friends_and_colleagues_ids(&self) -> OscResult<Vec<String>> {
                person::friend_ids(self.interface())
            }
            fn picture(&self) -> OscResult<Vec<u8>> {
                person::picture(self.interface())
            }
            fn status(&self) -> OscResult<String> {
                person::status(self.interface())
            }
            fn details(&self) -> OscResult<PersonAnswer> {
                person::details(self.interface())
            }
        }
    };
}

social_person_over_com!(ComPerson);
social_person_over_com!(ComProfile);

// SAFETY (for each `unsafe` call below): as for ComProvider.
impl SocialProfile for ComProfile {
    fn are_friends_or_colleagues(&self, user_ids: &[String]) -> OscResult<Vec<bool>> {
        let ids = SafeArray::from_strings(user_ids)?;
        array_out(|out| {
            // SAFETY: see the impl.
            unsafe { self.interface().AreFriendsOrColleagues(ids.as_raw(), out) }
        })?
        .to_bools()
    }

    fn activities_of_friends_and_colleagues(
        &self,
        start_time: &XsDateTime,
    ) -> OscResult<FeedAnswer> {
        let start = date(start_time)?;
        string_out(|out| {
            // SAFETY: see the impl.
            unsafe {
                self.interface()
                    .GetActivitiesOfFriendsAndColleagues(start, out)
            }
        })
        .map(Answer::Raw)
    }

    fn set_status(&self, status: &str) -> OscResult<()> {
        let status = Bstr::new(status)?;
        // SAFETY: see the impl.
        check(unsafe { self.interface().SetStatus(status.as_raw()) })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use windows_core::implement;

    use super::*;
    use crate::com::hresult::S_OK;
    use crate::com::interfaces::ISocialPerson_Impl;

    /// A person object that does not claim to be callable from any thread.
    #[implement(ISocialPerson, Agile = false)]
    struct ApartmentBound;

    impl ISocialPerson_Impl for ApartmentBound_Impl {
        unsafe fn GetActivities(&self, _: f64, _: *mut BSTR) -> HRESULT {
            S_OK
        }
        unsafe fn GetFriendsAndColleagues(&self, _: *mut BSTR) -> HRESULT {
            S_OK
        }
        unsafe fn GetFriendsAndColleaguesIDs(&self, _: *mut *mut SAFEARRAY) -> HRESULT {
            S_OK
        }
        unsafe fn GetPicture(&self, _: *mut *mut SAFEARRAY) -> HRESULT {
            S_OK
        }
        unsafe fn GetStatus(&self, _: *mut BSTR) -> HRESULT {
            S_OK
        }
        unsafe fn GetDetails(&self, _: *mut BSTR) -> HRESULT {
            S_OK
        }
    }

    // `#[implement]` (windows-implement 0.60) hands out interface pointers made from a shared
    // reference to one vtable field; its thunks step back to the whole object and write the
    // reference count, which both Stacked and Tree Borrows reject. The code under test is not
    // at fault, so scripts/miri.sh runs the two tests below again with the aliasing model off.
    #[test]
    #[cfg_attr(
        miri,
        ignore = "windows-implement's interface pointers break the aliasing model; scripts/miri.sh runs it without one"
    )]
    fn objects_without_iagileobject_are_refused() {
        let bound: ISocialPerson = ApartmentBound.into();
        assert!(bound.cast::<IAgileObject>().is_err());
        assert_eq!(
            ComPerson::new(bound).err(),
            Some(OscError::Other(E_NOINTERFACE.0))
        );
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "windows-implement's interface pointers break the aliasing model; scripts/miri.sh runs it without one"
    )]
    fn adapter_objects_are_agile() {
        struct Nothing;
        impl SocialProvider for Nothing {
            fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
                Err(OscError::NotImplemented)
            }
            fn version(&self) -> OscResult<String> {
                Ok("0".into())
            }
            fn session(&self) -> OscResult<Box<dyn SocialSession>> {
                Err(OscError::NotImplemented)
            }
            fn default_site_urls(&self) -> OscResult<Vec<String>> {
                Ok(Vec::new())
            }
            fn social_network_icon(&self) -> OscResult<Vec<u8>> {
                Ok(Vec::new())
            }
            fn social_network_name(&self) -> OscResult<String> {
                Ok(String::new())
            }
            fn social_network_guid(&self) -> OscResult<Guid> {
                Ok(Guid::default())
            }
            fn load(&self, _: &str, _: &str) -> OscResult<()> {
                Ok(())
            }
        }
        let object = crate::com::server_object(Arc::new(Nothing));
        assert!(object.cast::<IAgileObject>().is_ok());
        let provider = ComProvider::new(object).expect("agile");
        assert_eq!(provider.version().as_deref(), Ok("0"));
        // An empty SAFEARRAY comes back as an empty Vec, not an error.
        assert_eq!(provider.default_site_urls(), Ok(Vec::new()));
    }
}
