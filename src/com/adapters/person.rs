//! `ISocialPerson` over [`SocialPerson`] and `ISocialProfile` over [`SocialProfile`].
//!
//! The profile object answers both interfaces through one vtable (`ISocialProfile`'s starts
//! with `ISocialPerson`'s methods), so both share one implementation of the person methods.

use windows_core::{HRESULT, implement};

use super::{arg, array_result, date_arg, run, string_result, xml};
use crate::com::bstr::BSTR;
use crate::com::interfaces::{
    DATE, ISocialPerson, ISocialPerson_Impl, ISocialProfile, ISocialProfile_Impl,
};
use crate::com::safearray::{self, SAFEARRAY, SafeArray};
use crate::com::server::ModuleRef;
use crate::provider::{SocialPerson, SocialProfile};

/// A person of the network.
#[implement(ISocialPerson)]
struct PersonAdapter {
    person: Box<dyn SocialPerson>,
    _module: ModuleRef,
}

/// The logged-on user.
#[implement(ISocialProfile)]
struct ProfileAdapter {
    profile: Box<dyn SocialProfile>,
    _module: ModuleRef,
}

pub(super) fn person_object(person: Box<dyn SocialPerson>, module: ModuleRef) -> ISocialPerson {
    PersonAdapter {
        person,
        _module: module,
    }
    .into()
}

pub(super) fn profile_object(profile: Box<dyn SocialProfile>, module: ModuleRef) -> ISocialProfile {
    ProfileAdapter {
        profile,
        _module: module,
    }
    .into()
}

/// What both objects share: a person to call.
trait HoldsPerson {
    /// `dyn SocialPerson` or `dyn SocialProfile`: going through the type rather than
    /// upcasting `&dyn SocialProfile` keeps this within the crate's minimum Rust version.
    type Person: SocialPerson + ?Sized;
    fn person(&self) -> &Self::Person;
}

impl HoldsPerson for PersonAdapter_Impl {
    type Person = dyn SocialPerson;
    fn person(&self) -> &Self::Person {
        &*self.person
    }
}

impl HoldsPerson for ProfileAdapter_Impl {
    type Person = dyn SocialProfile;
    fn person(&self) -> &Self::Person {
        &*self.profile
    }
}

const _: () = super::agile::<PersonAdapter>();
const _: () = super::agile::<ProfileAdapter>();

// SAFETY (for every method): COM callers pass out-pointers that are null or writable; the
// helpers check for null.
impl<T: HoldsPerson> ISocialPerson_Impl for T {
    unsafe fn GetActivities(&self, start_time: DATE, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                xml(self.person().activities(&date_arg(start_time)?)?)
            })
        }
    }

    unsafe fn GetFriendsAndColleagues(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || xml(self.person().friends_and_colleagues()?)) }
    }

    unsafe fn GetFriendsAndColleaguesIDs(&self, result: *mut *mut SAFEARRAY) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            array_result(result, || {
                SafeArray::from_strings(&self.person().friends_and_colleagues_ids()?)
            })
        }
    }

    unsafe fn GetPicture(&self, result: *mut *mut SAFEARRAY) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { array_result(result, || SafeArray::from_bytes(&self.person().picture()?)) }
    }

    unsafe fn GetStatus(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.person().status()) }
    }

    unsafe fn GetDetails(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || xml(self.person().details()?)) }
    }
}

// SAFETY (for every method): as for ISocialPerson above; in-arguments are null or live for
// the call.
impl ISocialProfile_Impl for ProfileAdapter_Impl {
    unsafe fn AreFriendsOrColleagues(
        &self,
        user_ids: *mut SAFEARRAY,
        result: *mut *mut SAFEARRAY,
    ) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            array_result(result, || {
                let ids = safearray::read_strings(user_ids)?;
                SafeArray::from_bools(&self.profile.are_friends_or_colleagues(&ids)?)
            })
        }
    }

    unsafe fn GetActivitiesOfFriendsAndColleagues(
        &self,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            string_result(result, || {
                xml(self
                    .profile
                    .activities_of_friends_and_colleagues(&date_arg(start_time)?)?)
            })
        }
    }

    unsafe fn SetStatus(&self, status: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let status = unsafe { arg(status) }?;
            self.profile.set_status(&status)
        })
    }
}
