//! BSTRs: the length-prefixed UTF-16 strings of OLE automation.
//!
//! A BSTR points at UTF-16 code units; the four bytes before them hold the length in bytes
//! and a NUL follows them. The length, not the NUL, ends the string, so a BSTR may contain
//! NULs. A null BSTR is the empty string by convention.
//!
//! Ownership follows COM: an `[in]` BSTR stays the caller's, a `[out]`/`[retval]` BSTR
//! becomes the caller's, who frees it. [`Bstr`] owns one and frees it on drop.

use std::fmt;
use std::ptr::null_mut;

use super::sys;
use crate::provider::OscError;

/// A BSTR as it crosses the ABI: a pointer to the first UTF-16 code unit, or null.
pub type BSTR = *mut u16;

/// An owned BSTR, freed (with `SysFreeString`) on drop.
pub struct Bstr(BSTR);

impl Bstr {
    /// The null BSTR, which COM reads as the empty string (and `LogonWeb` as "no value").
    pub const fn null() -> Bstr {
        Bstr(null_mut())
    }

    /// A new BSTR holding `text`.
    ///
    /// # Errors
    /// [`OscError::OutOfMemory`] if the allocation fails.
    pub fn new(text: &str) -> Result<Bstr, OscError> {
        let units: Vec<u16> = text.encode_utf16().collect();
        Bstr::from_wide(&units)
    }

    /// A new BSTR holding these UTF-16 code units (which need not be valid UTF-16).
    ///
    /// # Errors
    /// [`OscError::OutOfMemory`] if the allocation fails or the text is longer than a BSTR
    /// can say (2 GiB).
    pub fn from_wide(units: &[u16]) -> Result<Bstr, OscError> {
        let len = u32::try_from(units.len())
            .ok()
            .filter(|len| len.checked_mul(2).is_some())
            .ok_or(OscError::OutOfMemory)?;
        // SAFETY: `units` is readable for `len` code units; SysAllocStringLen copies them.
        let raw = unsafe { sys::SysAllocStringLen(units.as_ptr(), len) };
        if raw.is_null() {
            return Err(OscError::OutOfMemory);
        }
        Ok(Bstr(raw))
    }

    /// Takes ownership of a BSTR (e.g. one a COM method returned).
    ///
    /// # Safety
    /// `raw` is null or a live BSTR allocated by `SysAllocString*`, owned by nobody else.
    pub unsafe fn from_raw(raw: BSTR) -> Bstr {
        Bstr(raw)
    }

    /// The pointer, still owned by `self` (for `[in]` arguments).
    pub fn as_raw(&self) -> BSTR {
        self.0
    }

    /// Gives up ownership (for `[out]` arguments): the receiver frees it.
    pub fn into_raw(self) -> BSTR {
        let raw = self.0;
        std::mem::forget(self);
        raw
    }

    /// Whether this is the null BSTR.
    pub fn is_null(&self) -> bool {
        self.0.is_null()
    }

    /// The code units, without the terminating NUL.
    pub fn as_wide(&self) -> &[u16] {
        // SAFETY: `self.0` is null or a live BSTR owned by `self`, which outlives the slice.
        unsafe { wide(self.0) }
    }

    /// The text.
    ///
    /// # Errors
    /// [`OscError::InvalidArg`] if the code units are not valid UTF-16 (a lone surrogate).
    pub fn to_text(&self) -> Result<String, OscError> {
        String::from_utf16(self.as_wide()).map_err(|_| OscError::InvalidArg)
    }
}

impl Drop for Bstr {
    fn drop(&mut self) {
        // SAFETY: `self.0` is null (a no-op) or a BSTR that `self` owns.
        unsafe { sys::SysFreeString(self.0) }
    }
}

impl fmt::Debug for Bstr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf16_lossy(self.as_wide()))
    }
}

/// The code units of a borrowed BSTR; empty for null.
///
/// # Safety
/// `raw` is null or a live BSTR that stays alive and unchanged for `'a`.
pub unsafe fn wide<'a>(raw: BSTR) -> &'a [u16] {
    if raw.is_null() {
        return &[];
    }
    // SAFETY: a live BSTR has SysStringLen code units readable from `raw`.
    unsafe { std::slice::from_raw_parts(raw, sys::SysStringLen(raw) as usize) }
}

/// The text of a borrowed BSTR (an `[in]` argument); null reads as empty.
///
/// # Safety
/// As for [`wide`].
///
/// # Errors
/// [`OscError::InvalidArg`] if it is not valid UTF-16.
pub unsafe fn read(raw: BSTR) -> Result<String, OscError> {
    // SAFETY: forwarded from the caller.
    String::from_utf16(unsafe { wide(raw) }).map_err(|_| OscError::InvalidArg)
}

/// Like [`read`], but a null BSTR is `None` (for `LogonWeb`'s first call).
///
/// # Safety
/// As for [`wide`].
///
/// # Errors
/// As for [`read`].
pub unsafe fn read_opt(raw: BSTR) -> Result<Option<String>, OscError> {
    if raw.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    unsafe { read(raw) }.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_with_nuls_and_non_ascii() {
        let text = "héllo\0wörld ☃ 𝄞";
        let bstr = Bstr::new(text).expect("alloc");
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(bstr.as_wide(), units.as_slice());
        assert_eq!(bstr.to_text().as_deref(), Ok(text));
        // SAFETY: `bstr` is a live BSTR; a BSTR is NUL-terminated one unit past its length.
        unsafe {
            assert_eq!(sys::SysStringLen(bstr.as_raw()) as usize, units.len());
            assert_eq!(bstr.as_raw().add(units.len()).read(), 0);
            assert_eq!(read(bstr.as_raw()).as_deref(), Ok(text));
            assert_eq!(read_opt(bstr.as_raw()), Ok(Some(text.to_string())));
        }
    }

    #[test]
    fn null_is_empty_or_none() {
        let null = Bstr::null();
        assert!(null.is_null());
        assert_eq!(null.to_text().as_deref(), Ok(""));
        // SAFETY: null is a valid BSTR to read.
        unsafe {
            assert_eq!(read(null_mut()).as_deref(), Ok(""));
            assert_eq!(read_opt(null_mut()), Ok(None));
        }
        let empty = Bstr::new("").expect("alloc");
        assert!(!empty.is_null());
        // SAFETY: `empty` is a live BSTR.
        assert_eq!(unsafe { read_opt(empty.as_raw()) }, Ok(Some(String::new())));
    }

    #[test]
    fn lone_surrogates_are_invalid() {
        let bstr = Bstr::from_wide(&[0x41, 0xDC00]).expect("alloc");
        assert_eq!(bstr.to_text(), Err(OscError::InvalidArg));
        assert_eq!(format!("{bstr:?}"), "A\u{FFFD}");
    }

    #[test]
    fn ownership_moves_in_and_out() {
        let raw = Bstr::new("kept").expect("alloc").into_raw();
        // SAFETY: `raw` came from `into_raw` and is owned by nobody else.
        let back = unsafe { Bstr::from_raw(raw) };
        assert_eq!(back.to_text().as_deref(), Ok("kept"));
    }

    #[cfg(not(windows))]
    #[test]
    fn the_shim_stores_the_byte_length_before_the_text() {
        let bstr = Bstr::new("abc").expect("alloc");
        // SAFETY: the shim puts the length in the four bytes before the text.
        let prefix = unsafe { bstr.as_raw().cast::<u8>().sub(4).cast::<u32>().read() };
        assert_eq!(prefix, 6);
    }
}
