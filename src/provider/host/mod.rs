//! A simulated OSC host: it drives a [`SocialProvider`](crate::provider::SocialProvider)
//! through the calling sequences the OSC documentation describes, checks every answer, and
//! reports each call as a [`Step`].
//!
//! # What runs
//! 1. `Load` with [`HostOptions::interface_version`] and [`HostOptions::language`]; then
//!    `Version`, `SocialNetworkName`, `SocialNetworkGuid` (not all zeros),
//!    `GetCapabilities`, `SocialNetworkIcon` (PNG, JPEG or BMP bytes) and
//!    `DefaultSiteUrls`.
//! 2. `GetAutoConfiguredSession` when `supportsAutoConfigure` is set: the session must
//!    come back logged on.
//! 3. `GetSession`, `SiteUrl`, and one logon: `LogonCached` when `useLogonCached` is set
//!    (with the credentials, again on a fresh session with what that returned, and with a
//!    wrong password, which must fail with `OSC_E_AUTH_ERROR`); otherwise `LogonWeb` when
//!    `useLogonWebAuth` is set (`LogonWeb(null)` must fail with `OSC_E_AUTH_ERROR`, then
//!    `GetLogonUrl`, then `LogonWeb` with that URL); otherwise `Logon`.
//! 4. `GetLoggedOnUser`, `LoggedOnUserID`, `LoggedOnUserName`, `GetNetworkIdentifier`
//!    (`E_NOTIMPL` allowed).
//! 5. Cached friends, when `getFriends` and `cacheFriends` are set: `GetPerson` for the
//!    logged-on user, `GetFriendsAndColleagues`, then for each friend `GetPerson`,
//!    `GetDetails` (the same user ID) and `GetPicture` (PNG, JPEG or BMP bytes).
//! 6. On-demand people, when `dynamicContactsLookup` is set: `GetPeopleDetails` with a
//!    `hashedAddresses` request for [`HostOptions::people`] (hashed with the capabilities'
//!    `hashFunction`) plus [`HostOptions::unknown_address`], for which nobody may answer.
//! 7. On-demand activities, when `getActivities` and `dynamicActivitiesLookupEx` are set:
//!    `GetActivitiesEx` with the same hashes and [`HostOptions::start_time`]
//!    (`OSC_E_NO_CHANGES` is an answer: nothing new), then `GetPerson` and `GetDetails` for
//!    each activity's owner, whose details must carry `fullName` and `emailAddress`.
//! 8. `FollowPersonEx` (or `FollowPerson` without `ISocialSession2` or after `E_NOTIMPL`)
//!    when `followPerson` is set, and `UnFollowPerson` when `doNotFollowPerson` is set,
//!    each for a known person and an unknown one, which must fail with `OSC_E_NOT_FOUND`.
//!
//! Every XML answer is validated and linted as `oscx validate --method …` would check it,
//! with the request or start time of the call ([`crate::check::Checker`]). A call the
//! capabilities do not select is not made; it appears as a skipped step, and so does a call
//! whose input an earlier failure took away. A failure HRESULT where success is due, a
//! wrong HRESULT where a specific one is due, and a panic are failed steps; the codes of
//! the host's own findings are in [`codes`].
//!
//! # Reports
//! [`ConformanceReport::passed`] says whether no step failed. [`report::table`] prints the
//! steps for people; [`ConformanceReport::to_file_reports`] turns them into the file
//! reports the JSON, JUnit and SARIF printers of [`crate::print`] take.
//!
//! ```
//! use osc_schema::model::Capabilities;
//! use osc_schema::provider::host::{self, HostOptions, Outcome};
//! use osc_schema::provider::{
//!     CapabilitiesAnswer, Guid, OscError, OscResult, SocialProvider, SocialSession,
//! };
//!
//! /// A provider that describes itself but cannot open a session yet.
//! struct Draft;
//!
//! impl SocialProvider for Draft {
//!     fn capabilities(&self) -> OscResult<CapabilitiesAnswer> {
//!         Ok(Capabilities::default().into())
//!     }
//!     fn version(&self) -> OscResult<String> {
//!         Ok("0.1".into())
//!     }
//!     fn session(&self) -> OscResult<Box<dyn SocialSession>> {
//!         Err(OscError::NotImplemented)
//!     }
//!     fn default_site_urls(&self) -> OscResult<Vec<String>> {
//!         Ok(vec!["https://social.example/".into()])
//!     }
//!     fn social_network_icon(&self) -> OscResult<Vec<u8>> {
//!         Ok(b"\x89PNG\r\n\x1a\n".to_vec())
//!     }
//!     fn social_network_name(&self) -> OscResult<String> {
//!         Ok("Example".into())
//!     }
//!     fn social_network_guid(&self) -> OscResult<Guid> {
//!         Ok(Guid::from_u128(0x6f1c_2a04_55d3_4f0e_9a61_3b5e_c1d0_7e42))
//!     }
//!     fn load(&self, _version: &str, _language: &str) -> OscResult<()> {
//!         Ok(())
//!     }
//! }
//!
//! let report = host::run(&Draft, &HostOptions::default());
//! assert!(!report.passed());
//! let failed: Vec<&str> = report.failed().map(|s| s.name.as_str()).collect();
//! assert_eq!(failed, ["GetSession"]);
//! let step = report.step("GetSession").unwrap();
//! assert_eq!(step.codes(), ["host::unexpected-error"]);
//! assert_eq!(
//!     step.outcome,
//!     Outcome::Failed(
//!         "host::unexpected-error: returned OSC_E_NOT_IMPLEMENTED (0x80004001); expected success"
//!             .into()
//!     )
//! );
//! assert!(report.step("GetCapabilities").unwrap().ok());
//! println!("{}", host::report::table(&report));
//! ```

mod activities;
pub mod codes;
mod files;
mod follow;
mod friends;
mod guard;
mod image;
mod inspect;
mod load;
mod logon;
mod options;
mod people;
pub mod report;
mod run;
mod step;

pub use image::ImageFormat;
pub use options::HostOptions;
pub use run::run;
pub use step::{CheckedAnswer, ConformanceReport, Outcome, Step};
