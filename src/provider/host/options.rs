//! [`HostOptions`]: what the simulated OSC passes to the provider, and whom it asks about.

use crate::xs::XsDateTime;

/// What the host passes to the provider's methods. The defaults are Outlook 2013's
/// interface version and language, and test values that no real account uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostOptions {
    /// `Load`'s interface version, `X.xxxx` (major version, dot, four-digit minor):
    /// `15.0000` for Outlook 2013.
    pub interface_version: String,
    /// `Load`'s language tag (`en-US`).
    pub language: String,
    /// The user name for `Logon` and `LogonCached`.
    pub user_name: String,
    /// The password for `Logon` and `LogonCached`.
    pub password: String,
    /// A password the account does not have: the host checks that `LogonCached` refuses it
    /// with `OSC_E_AUTH_ERROR`.
    pub wrong_password: String,
    /// The site URL to set on sessions; `None` takes the first of `DefaultSiteUrls`, as the
    /// account dialog does.
    pub site_url: Option<String>,
    /// The people the host looks up on demand, each as the SMTP addresses Outlook knows
    /// for them (the recipients of a message in the People Pane). `GetPeopleDetails` gets
    /// one `personAddresses` per entry; `GetActivitiesEx` gets all their hashes. When empty,
    /// the addresses of the friends `GetFriendsAndColleagues` returned are used.
    pub people: Vec<Vec<String>>,
    /// An address no user of the network has; it is added to every on-demand lookup, and
    /// the provider must not answer for it.
    pub unknown_address: String,
    /// A user ID the network does not know, for the `OSC_E_NOT_FOUND` contract of
    /// `UnFollowPerson`.
    pub unknown_user_id: String,
    /// `GetActivitiesEx`'s start time. It reaches the provider the way it would through
    /// COM: converted to an OLE `DATE` in UTC and back. The default, 2000-01-01, asks for
    /// every activity a test network has.
    pub start_time: XsDateTime,
    /// The addresses of a network user the logged-on user does not follow yet, first the
    /// primary one, for `FollowPersonEx` or `FollowPerson`; empty skips following someone
    /// known (the unknown-person contract is still checked).
    pub follow: Vec<String>,
    /// The display name passed to `FollowPersonEx` with [`follow`](Self::follow).
    pub follow_display_name: String,
    /// The user ID of a friend to stop following with `UnFollowPerson`; `None` skips
    /// unfollowing someone known (the unknown-person contract is still checked).
    pub unfollow: Option<String>,
}

impl Default for HostOptions {
    fn default() -> Self {
        HostOptions {
            interface_version: "15.0000".to_owned(),
            language: "en-US".to_owned(),
            user_name: String::new(),
            password: String::new(),
            wrong_password: "osc-host-wrong-password".to_owned(),
            site_url: None,
            people: Vec::new(),
            unknown_address: "nobody@osc-host.invalid".to_owned(),
            unknown_user_id: "osc-host-unknown-user".to_owned(),
            start_time: default_start_time(),
            follow: Vec::new(),
            follow_display_name: String::new(),
            unfollow: None,
        }
    }
}

/// 2000-01-01T00:00:00Z.
#[allow(
    clippy::expect_used,
    reason = "a fixed literal, not input: parsing it cannot fail"
)]
fn default_start_time() -> XsDateTime {
    XsDateTime::parse("2000-01-01T00:00:00Z").expect("a valid xs:dateTime literal")
}
