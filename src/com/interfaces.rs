//! The five OSC interfaces as raw COM declarations: IIDs and vtable layouts exactly as
//! `socialprovider.h` has them, so that Outlook (or any COM caller) and these declarations
//! agree on every slot.
//!
//! The methods take and return ABI types only: [`BSTR`] pointers, [`SAFEARRAY`] pointers,
//! `DATE` as `f64`, `VARIANT_BOOL` as `i16`, `INT` as `i32`, [`GUID`]. Calling them is
//! `unsafe` (the caller vouches for the pointers); [`client`](super::client) wraps them in
//! the safe traits, and [`server_object`](super::server_object) implements them over the safe
//! traits.
//!
//! Every interface derives from `IUnknown` (they are `[oleautomation]` but not `IDispatch`
//! interfaces), except `ISocialProfile`, which extends `ISocialPerson`: its vtable starts with
//! `ISocialPerson`'s six methods.

// The method and type names are the COM names, so that a reader can match them with the
// header and the documentation.
#![allow(non_snake_case, non_camel_case_types)]
// `#[interface]` generates items without documentation (the `*_Impl` traits, the methods
// that call through the vtable); the declarations below document what they stand for.
#![allow(missing_docs)]

use std::ffi::c_void;

// `IUnknown_Vtbl` is named by the code `#[interface]` generates.
use windows_core::{GUID, HRESULT, IUnknown, IUnknown_Vtbl, interface};

pub use super::bstr::BSTR;
pub use super::safearray::SAFEARRAY;

/// An OLE automation `DATE`: days since 1899-12-30 (see [`OleDate`](crate::provider::OleDate)).
pub type DATE = f64;
/// An OLE automation boolean: `VARIANT_TRUE` (-1) or `VARIANT_FALSE` (0).
pub type VARIANT_BOOL = i16;
/// `VARIANT_TRUE`: all bits set, so that bitwise NOT gives `VARIANT_FALSE`.
pub const VARIANT_TRUE: VARIANT_BOOL = -1;
/// `VARIANT_FALSE`.
pub const VARIANT_FALSE: VARIANT_BOOL = 0;

/// `ISocialProvider` {90D17471-0E8E-415b-ADE0-8B414CB3B96E}.
#[interface("90D17471-0E8E-415b-ADE0-8B414CB3B96E")]
pub unsafe trait ISocialProvider: IUnknown {
    /// `GetCapabilities([retval] BSTR*)`.
    pub fn GetCapabilities(&self, result: *mut BSTR) -> HRESULT;
    /// `get_Version([retval] BSTR*)`.
    pub fn get_Version(&self, result: *mut BSTR) -> HRESULT;
    /// `GetSession([retval] ISocialSession**)`.
    pub fn GetSession(&self, result: *mut *mut c_void) -> HRESULT;
    /// `GetAutoConfiguredSession([retval] ISocialSession**)`.
    pub fn GetAutoConfiguredSession(&self, result: *mut *mut c_void) -> HRESULT;
    /// `get_DefaultSiteUrls([retval] SAFEARRAY(BSTR)*)`.
    pub fn get_DefaultSiteUrls(&self, result: *mut *mut SAFEARRAY) -> HRESULT;
    /// `get_SocialNetworkIcon([retval] SAFEARRAY(unsigned char)*)`.
    pub fn get_SocialNetworkIcon(&self, result: *mut *mut SAFEARRAY) -> HRESULT;
    /// `get_SocialNetworkName([retval] BSTR*)`.
    pub fn get_SocialNetworkName(&self, result: *mut BSTR) -> HRESULT;
    /// `get_SocialNetworkGuid([retval] GUID*)`.
    pub fn get_SocialNetworkGuid(&self, result: *mut GUID) -> HRESULT;
    /// `GetStatusSettings([out] BSTR* statusDefault, [out] INT* maxStatusLength)`.
    pub fn GetStatusSettings(&self, status_default: *mut BSTR, max_length: *mut i32) -> HRESULT;
    /// `Load(BSTR socialProviderInterfaceVersion, BSTR languageTag)`.
    pub fn Load(&self, interface_version: BSTR, language_tag: BSTR) -> HRESULT;
}

/// `ISocialSession` {5AFE10C7-CAB3-4b77-89C9-2E4FD62E7A1F}.
#[interface("5AFE10C7-CAB3-4b77-89C9-2E4FD62E7A1F")]
pub unsafe trait ISocialSession: IUnknown {
    /// `Logon(BSTR userName, BSTR password)`.
    pub fn Logon(&self, user_name: BSTR, password: BSTR) -> HRESULT;
    /// `put_SiteUrl(BSTR url)`.
    pub fn put_SiteUrl(&self, url: BSTR) -> HRESULT;
    /// `LogonWeb(BSTR connectIn, [out] BSTR* connectOut)`.
    pub fn LogonWeb(&self, connect_in: BSTR, connect_out: *mut BSTR) -> HRESULT;
    /// `GetLogonUrl([retval] BSTR*)`.
    pub fn GetLogonUrl(&self, result: *mut BSTR) -> HRESULT;
    /// `GetNetworkIdentifier([retval] BSTR*)`.
    pub fn GetNetworkIdentifier(&self, result: *mut BSTR) -> HRESULT;
    /// `GetLoggedOnUser([retval] ISocialProfile**)`.
    pub fn GetLoggedOnUser(&self, result: *mut *mut c_void) -> HRESULT;
    /// `get_LoggedOnUserID([retval] BSTR*)`.
    pub fn get_LoggedOnUserID(&self, result: *mut BSTR) -> HRESULT;
    /// `get_LoggedOnUserName([retval] BSTR*)`.
    pub fn get_LoggedOnUserName(&self, result: *mut BSTR) -> HRESULT;
    /// `GetPerson(BSTR userID, [retval] ISocialPerson**)`.
    pub fn GetPerson(&self, user_id: BSTR, result: *mut *mut c_void) -> HRESULT;
    /// `FindPerson(BSTR userID, [retval] BSTR*)`.
    pub fn FindPerson(&self, user_id: BSTR, result: *mut BSTR) -> HRESULT;
    /// `GetActivities(SAFEARRAY(BSTR) emailAddresses, DATE startTime, [retval] BSTR*)`.
    pub fn GetActivities(
        &self,
        email_addresses: *mut SAFEARRAY,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT;
    /// `FollowPerson(BSTR emailAddress)`.
    pub fn FollowPerson(&self, email_address: BSTR) -> HRESULT;
    /// `UnFollowPerson(BSTR userID)`.
    pub fn UnFollowPerson(&self, user_id: BSTR) -> HRESULT;
}

/// `ISocialSession2` {33A54789-8C4E-4b56-8452-EE3E0DBB0372}.
#[interface("33A54789-8C4E-4b56-8452-EE3E0DBB0372")]
pub unsafe trait ISocialSession2: IUnknown {
    /// `GetPeopleDetails(BSTR personsAddresses, [retval] BSTR*)`.
    pub fn GetPeopleDetails(&self, persons_addresses: BSTR, result: *mut BSTR) -> HRESULT;
    /// `GetActivitiesEx(SAFEARRAY(BSTR) hashedAddresses, DATE startTime, [retval] BSTR*)`.
    pub fn GetActivitiesEx(
        &self,
        hashed_addresses: *mut SAFEARRAY,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT;
    /// `FollowPersonEx(SAFEARRAY(BSTR) emailAddresses, BSTR displayName)`.
    pub fn FollowPersonEx(&self, email_addresses: *mut SAFEARRAY, display_name: BSTR) -> HRESULT;
    /// `LogonCached(BSTR connectIn, BSTR userName, BSTR password, [out] BSTR* connectOut)`.
    pub fn LogonCached(
        &self,
        connect_in: BSTR,
        user_name: BSTR,
        password: BSTR,
        connect_out: *mut BSTR,
    ) -> HRESULT;
}

/// `ISocialPerson` {B252A037-5455-429d-A380-B5E9ADA3D423}.
#[interface("B252A037-5455-429d-A380-B5E9ADA3D423")]
pub unsafe trait ISocialPerson: IUnknown {
    /// `GetActivities(DATE startTime, [retval] BSTR*)`.
    pub fn GetActivities(&self, start_time: DATE, result: *mut BSTR) -> HRESULT;
    /// `GetFriendsAndColleagues([retval] BSTR*)`.
    pub fn GetFriendsAndColleagues(&self, result: *mut BSTR) -> HRESULT;
    /// `GetFriendsAndColleaguesIDs([retval] SAFEARRAY(BSTR)*)`.
    pub fn GetFriendsAndColleaguesIDs(&self, result: *mut *mut SAFEARRAY) -> HRESULT;
    /// `GetPicture([retval] SAFEARRAY(unsigned char)*)`.
    pub fn GetPicture(&self, result: *mut *mut SAFEARRAY) -> HRESULT;
    /// `GetStatus([retval] BSTR*)`.
    pub fn GetStatus(&self, result: *mut BSTR) -> HRESULT;
    /// `GetDetails([retval] BSTR*)`.
    pub fn GetDetails(&self, result: *mut BSTR) -> HRESULT;
}

/// `ISocialProfile` {359702A5-52C8-4eda-B9D0-47D95174057A}, which extends `ISocialPerson`.
#[interface("359702A5-52C8-4eda-B9D0-47D95174057A")]
pub unsafe trait ISocialProfile: ISocialPerson {
    /// `AreFriendsOrColleagues(SAFEARRAY(BSTR) userIDs, [retval] SAFEARRAY(VARIANT_BOOL)*)`.
    pub fn AreFriendsOrColleagues(
        &self,
        user_ids: *mut SAFEARRAY,
        result: *mut *mut SAFEARRAY,
    ) -> HRESULT;
    /// `GetActivitiesOfFriendsAndColleagues(DATE startTime, [retval] BSTR*)`.
    pub fn GetActivitiesOfFriendsAndColleagues(
        &self,
        start_time: DATE,
        result: *mut BSTR,
    ) -> HRESULT;
    /// `SetStatus(BSTR status)`.
    pub fn SetStatus(&self, status: BSTR) -> HRESULT;
}

/// `IClassFactory` {00000001-0000-0000-C000-000000000046}: what `DllGetClassObject` hands
/// out, and what creates the provider object.
#[interface("00000001-0000-0000-C000-000000000046")]
pub unsafe trait IClassFactory: IUnknown {
    /// `CreateInstance(IUnknown* outer, REFIID riid, void** object)`.
    pub fn CreateInstance(
        &self,
        outer: *mut c_void,
        iid: *const GUID,
        object: *mut *mut c_void,
    ) -> HRESULT;
    /// `LockServer(BOOL lock)`.
    pub fn LockServer(&self, lock: i32) -> HRESULT;
}

/// `IAgileObject` {94EA2B94-E9CC-49E0-C0FF-EE64CA8F5B90}: the marker an object answers when
/// it may be called from any thread without marshaling. The client checks for it before it
/// treats an interface pointer as `Send + Sync`.
#[interface("94EA2B94-E9CC-49E0-C0FF-EE64CA8F5B90")]
pub unsafe trait IAgileObject: IUnknown {}

// The IIDs and slots above are checked against the header's table at compile time.
mod pins;
