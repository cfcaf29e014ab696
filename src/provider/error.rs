//! [`OscError`]: the HRESULTs a provider returns, both ways.

use std::fmt;

/// What a provider method returns on failure.
pub type OscResult<T> = Result<T, OscError>;

/// A failure the OSC understands, each with its HRESULT.
///
/// The values come from the OSC's `socialprovider.h`, except [`OscError::Fail`] and the
/// `OSC_E_NO_CHANGES` name, which only the documentation's error-code page gives. That page
/// gives `OSC_E_NO_CHANGES` the value 0x80041406, the same as
/// `OSC_E_SERVER_VERSION_NOT_SUPPORTED`; one value cannot map back to two variants, so
/// [`OscError::ServerVersionNotSupported`] stands for both and the caller reads it by method
/// (no changes from `GetActivitiesEx`, an unsupported server elsewhere).
/// `OSC_E_LOGON_FAILURE` is named by the `LogonCached` page but has no value anywhere; a
/// failed cached logon answers [`OscError::AuthError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OscError {
    /// `OSC_E_INTERNAL_ERROR` 0x80041400: the provider failed in a way it cannot name.
    InternalError,
    /// `OSC_E_VERSION` 0x80041401: the OSC's interface version is not supported.
    Version,
    /// `OSC_E_COULDNOTCONNECT` 0x80041402: the network could not be reached.
    CouldNotConnect,
    /// `OSC_E_PERMISSION_DENIED` 0x80041403.
    PermissionDenied,
    /// `OSC_E_AUTH_ERROR` 0x80041404: logon failed or is needed.
    AuthError,
    /// `OSC_E_NOT_FOUND` 0x80041405: no such person or resource.
    NotFound,
    /// 0x80041406: `OSC_E_SERVER_VERSION_NOT_SUPPORTED`, and `OSC_E_NO_CHANGES` (from
    /// `GetActivitiesEx`: nothing new since the start time).
    ServerVersionNotSupported,
    /// `OSC_E_OUT_OF_MEMORY` = `E_OUTOFMEMORY` 0x8007000E.
    OutOfMemory,
    /// `OSC_E_INVALIDARG` = `E_INVALIDARG` 0x80070057.
    InvalidArg,
    /// `OSC_E_NOT_IMPLEMENTED` = `E_NOTIMPL` 0x80004001.
    NotImplemented,
    /// `OSC_E_FAIL` = `E_FAIL` 0x80004005.
    Fail,
    /// Any other failure HRESULT, kept as it came.
    Other(i32),
}

impl OscError {
    /// `OSC_E_NO_CHANGES`, the name `GetActivitiesEx` uses for 0x80041406.
    pub const NO_CHANGES: OscError = OscError::ServerVersionNotSupported;

    /// Every named error, for tables and tests.
    pub const NAMED: [OscError; 11] = [
        OscError::InternalError,
        OscError::Version,
        OscError::CouldNotConnect,
        OscError::PermissionDenied,
        OscError::AuthError,
        OscError::NotFound,
        OscError::ServerVersionNotSupported,
        OscError::OutOfMemory,
        OscError::InvalidArg,
        OscError::NotImplemented,
        OscError::Fail,
    ];

    /// The HRESULT, as the signed 32-bit value COM passes.
    pub const fn hresult(self) -> i32 {
        (match self {
            OscError::InternalError => 0x8004_1400_u32,
            OscError::Version => 0x8004_1401,
            OscError::CouldNotConnect => 0x8004_1402,
            OscError::PermissionDenied => 0x8004_1403,
            OscError::AuthError => 0x8004_1404,
            OscError::NotFound => 0x8004_1405,
            OscError::ServerVersionNotSupported => 0x8004_1406,
            OscError::OutOfMemory => 0x8007_000E,
            OscError::InvalidArg => 0x8007_0057,
            OscError::NotImplemented => 0x8000_4001,
            OscError::Fail => 0x8000_4005,
            OscError::Other(code) => code as u32,
        }) as i32
    }

    /// The error for a failure HRESULT; `None` for success codes (high bit clear).
    pub fn from_hresult(code: i32) -> Option<OscError> {
        if code >= 0 {
            return None;
        }
        Some(
            OscError::NAMED
                .into_iter()
                .find(|e| e.hresult() == code)
                .unwrap_or(OscError::Other(code)),
        )
    }

    /// The header's name, e.g. `OSC_E_AUTH_ERROR`; both names for 0x80041406.
    pub const fn name(self) -> &'static str {
        match self {
            OscError::InternalError => "OSC_E_INTERNAL_ERROR",
            OscError::Version => "OSC_E_VERSION",
            OscError::CouldNotConnect => "OSC_E_COULDNOTCONNECT",
            OscError::PermissionDenied => "OSC_E_PERMISSION_DENIED",
            OscError::AuthError => "OSC_E_AUTH_ERROR",
            OscError::NotFound => "OSC_E_NOT_FOUND",
            OscError::ServerVersionNotSupported => {
                "OSC_E_SERVER_VERSION_NOT_SUPPORTED / OSC_E_NO_CHANGES"
            }
            OscError::OutOfMemory => "OSC_E_OUT_OF_MEMORY",
            OscError::InvalidArg => "OSC_E_INVALIDARG",
            OscError::NotImplemented => "OSC_E_NOT_IMPLEMENTED",
            OscError::Fail => "OSC_E_FAIL",
            OscError::Other(_) => "HRESULT",
        }
    }
}

impl fmt::Display for OscError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (0x{:08X})", self.name(), self.hresult() as u32)
    }
}

impl std::error::Error for OscError {}

#[cfg(test)]
mod tests {
    use super::OscError;

    #[test]
    fn every_named_error_maps_both_ways() {
        for e in OscError::NAMED {
            assert_eq!(OscError::from_hresult(e.hresult()), Some(e), "{e}");
        }
        assert_eq!(OscError::NO_CHANGES.hresult() as u32, 0x8004_1406);
        assert_eq!(
            OscError::from_hresult(0x8004_1406_u32 as i32),
            Some(OscError::NO_CHANGES)
        );
        assert_eq!(OscError::from_hresult(0), None);
        assert_eq!(OscError::from_hresult(1), None);
        let other = 0x8007_0005_u32 as i32;
        assert_eq!(OscError::from_hresult(other), Some(OscError::Other(other)));
        assert_eq!(OscError::Other(other).hresult(), other);
        assert_eq!(
            OscError::AuthError.to_string(),
            "OSC_E_AUTH_ERROR (0x80041404)"
        );
    }
}
