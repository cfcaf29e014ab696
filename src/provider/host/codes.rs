//! The codes of the host's own findings, next to the `xsd::…`, `xml::…` and `OSC…` codes of
//! validation and the rules that the host also reports.

use crate::diagnostic::Code;

/// A call the contract expects to succeed returned a failure HRESULT.
pub const UNEXPECTED_ERROR: Code = Code::Host("host::unexpected-error");
/// A call the contract expects to fail with one HRESULT returned another, or succeeded.
pub const WRONG_HRESULT: Code = Code::Host("host::wrong-hresult");
/// The provider panicked; a panic must not cross the COM boundary.
pub const PANIC: Code = Code::Host("host::panic");
/// Bytes meant to be a picture are not PNG, JPEG or BMP.
pub const NOT_AN_IMAGE: Code = Code::Host("host::not-an-image");
/// A string the OSC shows or relies on is empty.
pub const EMPTY_VALUE: Code = Code::Host("host::empty-value");
/// `SocialNetworkGuid` is the all-zero GUID.
pub const NIL_GUID: Code = Code::Host("host::nil-guid");
/// `Version` is not `Major.Minor` digits (a warning: the documentation says "should").
pub const VERSION_FORMAT: Code = Code::Host("host::version-format");
/// No site URL to offer: `DefaultSiteUrls` is empty and the options name none.
pub const NO_SITE_URL: Code = Code::Host("host::no-site-url");
/// A typed answer could not be written as XML at all.
pub const UNWRITABLE_ANSWER: Code = Code::Host("host::unwritable-answer");
/// An XML answer the next calls depend on does not read as the document they need
/// (for `GetCapabilities`: no capabilities to choose the calling sequences by).
pub const MISSING_CAPABILITY_ANSWER: Code = Code::Host("host::missing-capability-answer");
/// An XML answer the next calls depend on does not read as the expected document.
pub const UNUSABLE_ANSWER: Code = Code::Host("host::unusable-answer");
/// The capabilities enable a 1.1 feature, but the session has no `ISocialSession2`.
pub const MISSING_SESSION2: Code = Code::Host("host::missing-session2");
/// `GetPeopleDetails` answered for an address no network user has.
pub const ANSWERED_UNKNOWN_PERSON: Code = Code::Host("host::answered-unknown-person");
/// `GetDetails` describes another person than the one `GetPerson` was asked for.
pub const WRONG_PERSON: Code = Code::Host("host::wrong-person");
/// An optional call answered `E_NOTIMPL`, which its documentation allows.
pub const NOT_IMPLEMENTED: Code = Code::Host("host::not-implemented");
/// `GetActivitiesEx` answered `OSC_E_NO_CHANGES`: nothing new since the start time.
pub const NO_CHANGES: Code = Code::Host("host::no-changes");
/// The step was not made (an informational finding in file reports, so that printers that
/// only know files show why).
pub const SKIPPED: Code = Code::Host("host::skipped");
