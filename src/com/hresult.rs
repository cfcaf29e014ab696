//! The COM status codes the adapters return besides the OSC's own ([`OscError`]).
//!
//! [`OscError`]: crate::provider::OscError

use windows_core::HRESULT;

/// Success.
pub const S_OK: HRESULT = HRESULT(0);
/// Success, answering "no" (`DllCanUnloadNow` while objects are alive).
pub const S_FALSE: HRESULT = HRESULT(1);
/// A required out-pointer (or in-pointer) was null.
pub const E_POINTER: HRESULT = HRESULT(0x8000_4003_u32 as i32);
/// The object does not implement the interface asked for.
pub const E_NOINTERFACE: HRESULT = HRESULT(0x8000_4002_u32 as i32);
/// An argument was not acceptable.
pub const E_INVALIDARG: HRESULT = HRESULT(0x8007_0057_u32 as i32);
/// A call came at a time it makes no sense (unlocking an array that is not locked).
pub const E_UNEXPECTED: HRESULT = HRESULT(0x8000_FFFF_u32 as i32);
/// `CreateInstance` was asked to aggregate; the provider objects cannot be aggregated.
pub const CLASS_E_NOAGGREGATION: HRESULT = HRESULT(0x8004_0110_u32 as i32);
/// `DllGetClassObject` was asked for a CLSID this module does not serve.
pub const CLASS_E_CLASSNOTAVAILABLE: HRESULT = HRESULT(0x8004_0111_u32 as i32);
/// A SAFEARRAY dimension that does not exist.
pub const DISP_E_BADINDEX: HRESULT = HRESULT(0x8002_000B_u32 as i32);
/// A SAFEARRAY that is still locked cannot be destroyed.
pub const DISP_E_ARRAYISLOCKED: HRESULT = HRESULT(0x8002_000D_u32 as i32);
