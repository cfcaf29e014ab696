//! The interfaces as `socialprovider.h` declares them, pinned at compile time: each IID, and
//! the vtable slot of each method. Outlook finds a method by its slot alone, so a method
//! declared one place off, or an IID one digit off, would compile, pass every test that goes
//! through these same declarations on both ends, and fail only in Outlook (no pictures, or
//! no `ISocialSession2`, with no error shown). The table below is written from the header,
//! apart from the declarations, and a build whose declarations disagree with it fails.

use std::mem::offset_of;

use windows_core::{IUnknown, Interface};

use super::{
    IAgileObject, IClassFactory, ISocialPerson, ISocialProfile, ISocialProvider, ISocialSession,
    ISocialSession2,
};

/// The byte offset of vtable slot `n`: slots are pointers, counted from 0.
const fn slot(n: usize) -> usize {
    n * size_of::<usize>()
}

/// Pins one interface to its entry of the table: `Interface: Base = IID { slot method, … }`.
/// The IID is written as a number; each method's slot counts pointers from the start of the
/// vtable (IUnknown's `QueryInterface`, `AddRef` and `Release` are 0 to 2), and a derived
/// interface's own methods follow its base's whole vtable. The vtable must end after the
/// last method, so a method the header does not have fails too.
macro_rules! pin {
    ($($interface:ident : $base:ident = $iid:literal { $($slot:literal $method:ident),+ $(,)? })+) => {$(
        const _: () = {
            type Vtable = <$interface as Interface>::Vtable;
            const SLOTS: &[usize] = &[$($slot),+];
            assert!(
                <$interface as Interface>::IID.to_u128() == $iid,
                concat!(
                    "IID_", stringify!($interface), " differs from socialprovider.h's ",
                    stringify!($iid)
                )
            );
            assert!(
                offset_of!(Vtable, base__) == 0
                    && size_of::<<$base as Interface>::Vtable>() == slot(SLOTS[0]),
                concat!(
                    stringify!($interface), "'s vtable does not start with ",
                    stringify!($base), "'s whole vtable"
                )
            );
            let mut i = 1;
            while i < SLOTS.len() {
                assert!(
                    SLOTS[i] == SLOTS[i - 1] + 1,
                    concat!("the pins of ", stringify!($interface), " skip or repeat a slot")
                );
                i += 1;
            }
            $(
                assert!(
                    offset_of!(Vtable, $method) == slot($slot),
                    concat!(
                        stringify!($interface), "::", stringify!($method),
                        " is not in vtable slot ", stringify!($slot),
                        ", where socialprovider.h puts it"
                    )
                );
            )+
            assert!(
                size_of::<Vtable>() == slot(SLOTS[SLOTS.len() - 1] + 1),
                concat!(
                    stringify!($interface),
                    "'s vtable has more slots than socialprovider.h gives it"
                )
            );
        };
    )+};
}

pin! {
    ISocialProvider: IUnknown = 0x90D17471_0E8E_415B_ADE0_8B414CB3B96E {
        3 GetCapabilities,
        4 get_Version,
        5 GetSession,
        6 GetAutoConfiguredSession,
        7 get_DefaultSiteUrls,
        8 get_SocialNetworkIcon,
        9 get_SocialNetworkName,
        10 get_SocialNetworkGuid,
        11 GetStatusSettings,
        12 Load,
    }
    ISocialSession: IUnknown = 0x5AFE10C7_CAB3_4B77_89C9_2E4FD62E7A1F {
        3 Logon,
        4 put_SiteUrl,
        5 LogonWeb,
        6 GetLogonUrl,
        7 GetNetworkIdentifier,
        8 GetLoggedOnUser,
        9 get_LoggedOnUserID,
        10 get_LoggedOnUserName,
        11 GetPerson,
        12 FindPerson,
        13 GetActivities,
        14 FollowPerson,
        15 UnFollowPerson,
    }
    ISocialSession2: IUnknown = 0x33A54789_8C4E_4B56_8452_EE3E0DBB0372 {
        3 GetPeopleDetails,
        4 GetActivitiesEx,
        5 FollowPersonEx,
        6 LogonCached,
    }
    ISocialPerson: IUnknown = 0xB252A037_5455_429D_A380_B5E9ADA3D423 {
        3 GetActivities,
        4 GetFriendsAndColleagues,
        5 GetFriendsAndColleaguesIDs,
        6 GetPicture,
        7 GetStatus,
        8 GetDetails,
    }
    ISocialProfile: ISocialPerson = 0x359702A5_52C8_4EDA_B9D0_47D95174057A {
        9 AreFriendsOrColleagues,
        10 GetActivitiesOfFriendsAndColleagues,
        11 SetStatus,
    }
    // Not the OSC's, but what COM itself calls: unknwn.h's class factory and objidl.h's
    // marker of objects callable from any thread.
    IClassFactory: IUnknown = 0x00000001_0000_0000_C000_000000000046 {
        3 CreateInstance,
        4 LockServer,
    }
}

// `IAgileObject` has no methods of its own: its IID is all there is to pin.
const _: () = assert!(
    <IAgileObject as Interface>::IID.to_u128() == 0x94EA2B94_E9CC_49E0_C0FF_EE64CA8F5B90,
    "IID_IAgileObject differs from objidl.h's 0x94EA2B94_E9CC_49E0_C0FF_EE64CA8F5B90"
);
const _: () = assert!(size_of::<<IAgileObject as Interface>::Vtable>() == slot(3));
