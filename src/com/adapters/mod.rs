//! COM objects over the safe traits: what Outlook calls when it loads a Rust provider.
//!
//! Every method follows the same steps: check the out-pointers (null gives `E_POINTER`,
//! before the provider is called) and set them to null, so that a failure leaves nothing
//! for the caller to free; read the arguments (a BSTR that is not UTF-16, an array of the
//! wrong type or a `DATE` out of range gives `E_INVALIDARG`); call the trait; write the
//! result; return the [`OscError`]'s HRESULT, or `S_OK`.
//!
//! A panic must not unwind into the caller: across an `extern "system"` function it would
//! abort Outlook. Each body runs under [`std::panic::catch_unwind`], and a panic answers
//! `OSC_E_INTERNAL_ERROR`. (With `panic = "abort"` there is nothing to catch.)

mod person;
mod provider;
mod session;

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null_mut;

use windows_core::{HRESULT, Interface};

use super::bstr::{BSTR, Bstr};
use super::hresult::{E_POINTER, S_OK};
use super::safearray::{SAFEARRAY, SafeArray};
use crate::provider::{OleDate, OscError, OscResult};
use crate::xs::XsDateTime;

pub(crate) use provider::ProviderAdapter;

/// Compiles only for `Send + Sync` types. The objects answer `IAgileObject` (`#[implement]`'s
/// default), a promise that any thread may call them at any time; each adapter file checks
/// its types with this, so that the promise holds by construction.
pub(crate) const fn agile<T: Send + Sync>() {}

/// `E_POINTER` as an error, for the `?` operator.
const NULL_POINTER: OscError = OscError::Other(E_POINTER.0);

/// Runs a method body and turns its outcome into the HRESULT the caller sees.
pub(crate) fn run(body: impl FnOnce() -> OscResult<()>) -> HRESULT {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => S_OK,
        Ok(Err(error)) => HRESULT(error.hresult()),
        Err(payload) => {
            // Dropping the payload runs its destructor, which could panic in turn; that panic
            // is caught as well, and its own payload leaked rather than risk a third.
            if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
                std::mem::forget(again);
            }
            HRESULT(OscError::InternalError.hresult())
        }
    }
}

/// An out-pointer that was checked for null and cleared.
struct Out<T>(*mut T);

impl<T> Out<T> {
    /// Checks `ptr` and stores `empty` in it.
    ///
    /// # Safety
    /// `ptr` is null or valid for writing a `T` (what the interface contract promises).
    unsafe fn new(ptr: *mut T, empty: T) -> OscResult<Out<T>> {
        if ptr.is_null() {
            return Err(NULL_POINTER);
        }
        // SAFETY: checked non-null; valid for writes per the caller. The old value is not
        // dropped: an out-pointer's target is uninitialized as far as the callee knows.
        unsafe { ptr.write(empty) };
        Ok(Out(ptr))
    }

    fn set(self, value: T) {
        // SAFETY: `Out::new` checked the pointer, which stays valid for the call.
        unsafe { self.0.write(value) }
    }
}

/// A method with one BSTR result.
///
/// # Safety
/// `result` is null or valid for writing a BSTR.
unsafe fn string_result(result: *mut BSTR, body: impl FnOnce() -> OscResult<String>) -> HRESULT {
    run(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { Out::new(result, null_mut()) }?;
        out.set(Bstr::new(&body()?)?.into_raw());
        Ok(())
    })
}

/// A method with one SAFEARRAY result.
///
/// # Safety
/// `result` is null or valid for writing a SAFEARRAY pointer.
unsafe fn array_result(
    result: *mut *mut SAFEARRAY,
    body: impl FnOnce() -> OscResult<SafeArray>,
) -> HRESULT {
    run(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { Out::new(result, null_mut()) }?;
        out.set(body()?.into_raw());
        Ok(())
    })
}

/// A method with one interface pointer result.
///
/// # Safety
/// `result` is null or valid for writing an interface pointer.
unsafe fn object_result<I: Interface>(
    result: *mut *mut c_void,
    body: impl FnOnce() -> OscResult<I>,
) -> HRESULT {
    run(|| {
        // SAFETY: forwarded from the caller.
        let out = unsafe { Out::new(result, null_mut()) }?;
        out.set(body()?.into_raw());
        Ok(())
    })
}

/// An `[in]` BSTR argument.
///
/// # Safety
/// `raw` is null or a live BSTR for the duration of the call.
unsafe fn arg(raw: BSTR) -> OscResult<String> {
    // SAFETY: forwarded from the caller.
    unsafe { super::bstr::read(raw) }
}

/// An `[in]` SAFEARRAY(BSTR) argument.
///
/// # Safety
/// `raw` is null or a live SAFEARRAY for the duration of the call.
unsafe fn strings_arg(raw: *mut SAFEARRAY) -> OscResult<Vec<String>> {
    // SAFETY: forwarded from the caller.
    unsafe { super::safearray::read_strings(raw) }
}

/// A `DATE` argument as the `xs:dateTime` the traits take.
fn date_arg(date: f64) -> OscResult<XsDateTime> {
    OleDate(date).to_xs().map_err(|_| OscError::InvalidArg)
}

/// The XML of an answer; a typed document that cannot be written is the provider's fault.
fn xml<T: Clone + Into<crate::model::Document>>(
    answer: crate::provider::Answer<T>,
) -> OscResult<String> {
    answer.to_xml().map_err(|_| OscError::InternalError)
}
