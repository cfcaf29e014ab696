//! `ISocialSession` and `ISocialSession2` over [`SocialSession`].
//!
//! `QueryInterface` must answer `ISocialSession2` exactly when the session has one
//! ([`SocialSession::session2`] is `Some`): the OSC calls differently when it gets one (for
//! example `FollowPersonEx` instead of `FollowPerson`). `#[implement]` fixes an object's
//! interfaces at compile time, so there are two object types, one answering both interfaces
//! and one answering `ISocialSession` only, and [`session_object`] picks one when the session
//! is handed out. A session whose `session2` changes after that keeps the answer it started
//! with; its `ISocialSession2` methods then answer `E_NOTIMPL`.

use std::ffi::c_void;

use windows_core::{HRESULT, implement};

use super::person::{person_object, profile_object};
use super::{Out, arg, date_arg, object_result, run, string_result, strings_arg, xml};
use crate::com::bstr::{self, BSTR, Bstr};
use crate::com::interfaces::{
    DATE, ISocialSession, ISocialSession_Impl, ISocialSession2, ISocialSession2_Impl,
};
use crate::com::safearray::SAFEARRAY;
use crate::com::server::ModuleRef;
use crate::model::Root;
use crate::provider::{OscError, OscResult, SocialSession, SocialSession2};

/// A session without `ISocialSession2`.
#[implement(ISocialSession)]
struct SessionAdapter {
    session: Box<dyn SocialSession>,
    module: ModuleRef,
}

/// A session with `ISocialSession2`.
#[implement(ISocialSession, ISocialSession2)]
struct Session2Adapter {
    session: Box<dyn SocialSession>,
    module: ModuleRef,
}

/// The COM object for a session, answering `ISocialSession2` only if the session has it.
pub(super) fn session_object(session: Box<dyn SocialSession>, module: ModuleRef) -> ISocialSession {
    if session.session2().is_some() {
        Session2Adapter { session, module }.into()
    } else {
        SessionAdapter { session, module }.into()
    }
}

/// What both session objects share, so that one implementation of `ISocialSession` serves
/// them both.
trait HoldsSession {
    fn session(&self) -> &dyn SocialSession;
    fn module(&self) -> &ModuleRef;
}

impl HoldsSession for SessionAdapter_Impl {
    fn session(&self) -> &dyn SocialSession {
        &*self.session
    }
    fn module(&self) -> &ModuleRef {
        &self.module
    }
}

impl HoldsSession for Session2Adapter_Impl {
    fn session(&self) -> &dyn SocialSession {
        &*self.session
    }
    fn module(&self) -> &ModuleRef {
        &self.module
    }
}

const _: () = super::agile::<SessionAdapter>();
const _: () = super::agile::<Session2Adapter>();

// SAFETY (for every method): COM callers pass out-pointers that are null or writable, and
// in-arguments (BSTRs, SAFEARRAYs) that are null or live for the call; the helpers check for
// null.
impl<T: HoldsSession> ISocialSession_Impl for T {
    unsafe fn Logon(&self, user_name: BSTR, password: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let (user, password) = unsafe { (arg(user_name)?, arg(password)?) };
            self.session().logon(&user, &password)
        })
    }

    unsafe fn put_SiteUrl(&self, url: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let url = unsafe { arg(url) }?;
            self.session().set_site_url(&url)
        })
    }

    unsafe fn LogonWeb(&self, connect_in: BSTR, connect_out: *mut BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let out = unsafe { Out::new(connect_out, std::ptr::null_mut()) }?;
            // The first call passes null: "no value yet", not an empty string.
            // SAFETY: see the impl.
            let connect_in = unsafe { bstr::read_opt(connect_in) }?;
            let text = self.session().logon_web(connect_in.as_deref())?;
            out.set(Bstr::new(&text)?.into_raw());
            Ok(())
        })
    }

    unsafe fn GetLogonUrl(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.session().logon_url()) }
    }

    unsafe fn GetNetworkIdentifier(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.session().network_identifier()) }
    }

    unsafe fn GetLoggedOnUser(&self, result: *mut *mut c_void) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            object_result(result, || {
                let profile = self.session().logged_on_user()?;
                Ok(profile_object(profile, self.module().clone()))
            })
        }
    }

    unsafe fn get_LoggedOnUserID(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.session().logged_on_user_id()) }
    }

    unsafe fn get_LoggedOnUserName(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.session().logged_on_user_name()) }
    }

    unsafe fn GetPerson(&self, user_id: BSTR, result: *mut *mut c_void) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            object_result(result, || {
                let person = self.session().person(&arg(user_id)?)?;
                Ok(person_object(person, self.module().clone()))
            })
        }
    }

    unsafe fn FindPerson(&self, user_id: BSTR, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                xml(self.session().find_person(&arg(user_id)?)?)
            })
        }
    }

    unsafe fn GetActivities(
        &self,
        email_addresses: *mut SAFEARRAY,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                let addresses = strings_arg(email_addresses)?;
                let start = date_arg(start_time)?;
                xml(self.session().activities(&addresses, &start)?)
            })
        }
    }

    unsafe fn FollowPerson(&self, email_address: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let address = unsafe { arg(email_address) }?;
            self.session().follow_person(&address)
        })
    }

    unsafe fn UnFollowPerson(&self, user_id: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let user_id = unsafe { arg(user_id) }?;
            self.session().unfollow_person(&user_id)
        })
    }
}

impl Session2Adapter_Impl {
    /// The session's `ISocialSession2`; gone only if `session2` changed its answer.
    fn session2(&self) -> OscResult<&dyn SocialSession2> {
        self.session.session2().ok_or(OscError::NotImplemented)
    }
}

// SAFETY (for every method): as for ISocialSession above.
impl ISocialSession2_Impl for Session2Adapter_Impl {
    unsafe fn GetPeopleDetails(&self, persons_addresses: BSTR, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                let text = arg(persons_addresses)?;
                // The request is the OSC's XML; anything but a readable hashedAddresses
                // document is a bad argument.
                let request = match crate::xml::read_str(&text).map(|doc| doc.root) {
                    Ok(Root::HashedAddresses(request)) => request,
                    _ => return Err(OscError::InvalidArg),
                };
                xml(self.session2()?.people_details(&request)?)
            })
        }
    }

    unsafe fn GetActivitiesEx(
        &self,
        hashed_addresses: *mut SAFEARRAY,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                let addresses = strings_arg(hashed_addresses)?;
                let start = date_arg(start_time)?;
                xml(self.session2()?.activities_ex(&addresses, &start)?)
            })
        }
    }

    unsafe fn FollowPersonEx(
        &self,
        email_addresses: *mut SAFEARRAY,
        display_name: BSTR,
    ) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let (addresses, name) = unsafe { (strings_arg(email_addresses)?, arg(display_name)?) };
            self.session2()?.follow_person_ex(&addresses, &name)
        })
    }

    unsafe fn LogonCached(
        &self,
        connect_in: BSTR,
        user_name: BSTR,
        password: BSTR,
        connect_out: *mut BSTR,
    ) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let (out, connect_in, user, password) = unsafe {
                (
                    Out::new(connect_out, std::ptr::null_mut())?,
                    arg(connect_in)?,
                    arg(user_name)?,
                    arg(password)?,
                )
            };
            let text = self
                .session2()?
                .logon_cached(&connect_in, &user, &password)?;
            out.set(Bstr::new(&text)?.into_raw());
            Ok(())
        })
    }
}
