//! SAFEARRAYs: the self-describing arrays of OLE automation, in the three element types the
//! OSC interfaces use: `BSTR` (user IDs, addresses, URLs), `unsigned char` (pictures, icons)
//! and `VARIANT_BOOL` (`AreFriendsOrColleagues`).
//!
//! The OSC only passes one-dimensional arrays ("vectors"). Reading checks the dimension
//! count, the element type and size, and reads from the lower bound, whatever it is; a null
//! array reads as empty (what Visual Basic passes for an array never filled).
//!
//! Ownership follows COM: an `[in]` array stays the caller's; an `[out]`/`[retval]` array
//! becomes the caller's, who destroys it (and with it, its BSTRs). [`SafeArray`] owns one and
//! destroys it on drop.

#![allow(non_snake_case)]

use std::ffi::c_void;
use std::fmt;
use std::ptr::null_mut;

use super::bstr::{self, BSTR, Bstr};
use super::interfaces::{VARIANT_BOOL, VARIANT_FALSE, VARIANT_TRUE};
use super::sys;
use crate::provider::OscError;

/// An OLE automation variant type.
pub type VARTYPE = u16;
/// `VT_BSTR`.
pub const VT_BSTR: VARTYPE = 8;
/// `VT_BOOL` (`VARIANT_BOOL` elements).
pub const VT_BOOL: VARTYPE = 11;
/// `VT_UI1` (`unsigned char` elements).
pub const VT_UI1: VARTYPE = 17;

/// `FADF_HAVEVARTYPE`: the element VARTYPE is stored before the descriptor.
pub const FADF_HAVEVARTYPE: u16 = 0x0080;
/// `FADF_BSTR`: the elements are BSTRs, freed with the array.
pub const FADF_BSTR: u16 = 0x0100;

/// One dimension's bounds.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SAFEARRAYBOUND {
    /// How many elements.
    pub cElements: u32,
    /// The index of the first.
    pub lLbound: i32,
}

/// The array descriptor, laid out as oleaut32's. Further dimensions, when there are any,
/// follow `rgsabound` in memory.
#[repr(C)]
#[derive(Debug)]
pub struct SAFEARRAY {
    /// The number of dimensions.
    pub cDims: u16,
    /// `FADF_*` flags.
    pub fFeatures: u16,
    /// The size of one element in bytes.
    pub cbElements: u32,
    /// How many `SafeArrayLock`/`SafeArrayAccessData` calls are outstanding.
    pub cLocks: u32,
    /// The elements.
    pub pvData: *mut c_void,
    /// The bounds, one per dimension.
    pub rgsabound: [SAFEARRAYBOUND; 1],
}

/// An owned one-dimensional SAFEARRAY, destroyed on drop.
pub struct SafeArray(*mut SAFEARRAY);

impl SafeArray {
    /// Takes ownership of a SAFEARRAY (e.g. one a COM method returned).
    ///
    /// # Safety
    /// `raw` is null or a live SAFEARRAY made by `SafeArrayCreate*`, owned by nobody else.
    pub unsafe fn from_raw(raw: *mut SAFEARRAY) -> SafeArray {
        SafeArray(raw)
    }

    /// The pointer, still owned by `self` (for `[in]` arguments).
    pub fn as_raw(&self) -> *mut SAFEARRAY {
        self.0
    }

    /// Gives up ownership (for `[out]` arguments): the receiver destroys it.
    pub fn into_raw(self) -> *mut SAFEARRAY {
        let raw = self.0;
        std::mem::forget(self);
        raw
    }

    /// A new array of BSTRs.
    ///
    /// # Errors
    /// [`OscError::OutOfMemory`] if an allocation fails.
    pub fn from_strings<S: AsRef<str>>(items: &[S]) -> Result<SafeArray, OscError> {
        let array = SafeArray::vector(VT_BSTR, items.len())?;
        array.fill::<BSTR, _>(items, |item| Ok(Bstr::new(item.as_ref())?.into_raw()))?;
        Ok(array)
    }

    /// A new array of bytes.
    ///
    /// # Errors
    /// [`OscError::OutOfMemory`] if the allocation fails.
    pub fn from_bytes(items: &[u8]) -> Result<SafeArray, OscError> {
        let array = SafeArray::vector(VT_UI1, items.len())?;
        array.fill::<u8, _>(items, |&b| Ok(b))?;
        Ok(array)
    }

    /// A new array of `VARIANT_BOOL`s (`VARIANT_TRUE` is -1).
    ///
    /// # Errors
    /// [`OscError::OutOfMemory`] if the allocation fails.
    pub fn from_bools(items: &[bool]) -> Result<SafeArray, OscError> {
        let array = SafeArray::vector(VT_BOOL, items.len())?;
        array.fill::<VARIANT_BOOL, _>(items, |&b| {
            Ok(if b { VARIANT_TRUE } else { VARIANT_FALSE })
        })?;
        Ok(array)
    }

    /// The elements as strings.
    ///
    /// # Errors
    /// As for [`read_strings`].
    pub fn to_strings(&self) -> Result<Vec<String>, OscError> {
        // SAFETY: `self.0` is null or a live array owned by `self`.
        unsafe { read_strings(self.0) }
    }

    /// The elements as bytes.
    ///
    /// # Errors
    /// As for [`read_bytes`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, OscError> {
        // SAFETY: as in `to_strings`.
        unsafe { read_bytes(self.0) }
    }

    /// The elements as booleans.
    ///
    /// # Errors
    /// As for [`read_bools`].
    pub fn to_bools(&self) -> Result<Vec<bool>, OscError> {
        // SAFETY: as in `to_strings`.
        unsafe { read_bools(self.0) }
    }

    /// An array of `len` zeroed elements of type `vt`, indexed from 0.
    fn vector(vt: VARTYPE, len: usize) -> Result<SafeArray, OscError> {
        let len = u32::try_from(len).map_err(|_| OscError::OutOfMemory)?;
        // SAFETY: creating an array has no preconditions; null means failure.
        let raw = unsafe { sys::SafeArrayCreateVector(vt, 0, len) };
        if raw.is_null() {
            return Err(OscError::OutOfMemory);
        }
        Ok(SafeArray(raw))
    }

    /// Writes `items`, converted, into a fresh array of the same length whose element type
    /// is `T`. On failure the elements written so far stay in the array and are freed with
    /// it (a BSTR array's unwritten elements are null, which destroying skips).
    fn fill<T, I>(
        &self,
        items: &[I],
        mut convert: impl FnMut(&I) -> Result<T, OscError>,
    ) -> Result<(), OscError> {
        if items.is_empty() {
            return Ok(());
        }
        let data = Access::new(self.0)?;
        let slots = data.ptr.cast::<T>();
        for (i, item) in items.iter().enumerate() {
            let value = convert(item)?;
            // SAFETY: the array was created with `items.len()` elements of T's size (the
            // VARTYPE chosen by the caller matches T) and is locked by `data`.
            unsafe { slots.add(i).write(value) };
        }
        Ok(())
    }
}

impl Drop for SafeArray {
    fn drop(&mut self) {
        // SAFETY: `self.0` is null or an array `self` owns, not locked (every Access is
        // dropped before its method returns). A failure cannot be reported from drop.
        let _ = unsafe { sys::SafeArrayDestroy(self.0) };
    }
}

impl fmt::Debug for SafeArray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SafeArray").field(&self.0).finish()
    }
}

/// The element data of a locked array, unlocked on drop.
struct Access {
    array: *mut SAFEARRAY,
    ptr: *mut c_void,
}

impl Access {
    fn new(array: *mut SAFEARRAY) -> Result<Access, OscError> {
        let mut ptr = null_mut();
        // SAFETY: the callers pass a live, non-null array and a writable out-pointer.
        let hr = unsafe { sys::SafeArrayAccessData(array, &mut ptr) };
        if hr.is_err() || ptr.is_null() {
            return Err(OscError::InvalidArg);
        }
        Ok(Access { array, ptr })
    }
}

impl Drop for Access {
    fn drop(&mut self) {
        // SAFETY: `self.array` was locked by `Access::new` and is still alive.
        let _ = unsafe { sys::SafeArrayUnaccessData(self.array) };
    }
}

/// The elements of a borrowed one-dimensional array of `vt`, converted; null reads as empty.
///
/// # Safety
/// `raw` is null or a live SAFEARRAY that nobody changes meanwhile.
unsafe fn read_vector<T: Copy, R>(
    raw: *mut SAFEARRAY,
    vt: VARTYPE,
    mut convert: impl FnMut(T) -> Result<R, OscError>,
) -> Result<Vec<R>, OscError> {
    if raw.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: `raw` is a live array, as the caller guarantees, and every
    // out-pointer is a local.
    let (lower, upper) = unsafe {
        if sys::SafeArrayGetDim(raw) != 1 {
            return Err(OscError::InvalidArg);
        }
        let mut actual: VARTYPE = 0;
        if sys::SafeArrayGetVartype(raw, &mut actual).is_ok() {
            if actual != vt {
                return Err(OscError::InvalidArg);
            }
        } else if vt == VT_BSTR && (*raw).fFeatures & FADF_BSTR == 0 {
            // An array made without a stored VARTYPE still says whether it holds BSTRs.
            return Err(OscError::InvalidArg);
        }
        if (*raw).cbElements as usize != size_of::<T>() {
            return Err(OscError::InvalidArg);
        }
        let (mut lower, mut upper) = (0, -1);
        if sys::SafeArrayGetLBound(raw, 1, &mut lower).is_err()
            || sys::SafeArrayGetUBound(raw, 1, &mut upper).is_err()
        {
            return Err(OscError::InvalidArg);
        }
        (lower, upper)
    };
    let len = i64::from(upper) - i64::from(lower) + 1;
    let len = usize::try_from(len).map_err(|_| OscError::InvalidArg)?;
    if len == 0 {
        // An empty array may have no data at all; do not lock or touch it.
        return Ok(Vec::new());
    }
    let data = Access::new(raw)?;
    // SAFETY: the array holds `len` elements of `T`'s size and type (checked above), locked
    // by `data` for as long as the slice is used.
    let items = unsafe { std::slice::from_raw_parts(data.ptr.cast::<T>(), len) };
    items.iter().map(|&item| convert(item)).collect()
}

/// The strings of a borrowed `SAFEARRAY(BSTR)` (an `[in]` argument).
///
/// # Safety
/// `raw` is null or a live SAFEARRAY that nobody changes meanwhile.
///
/// # Errors
/// [`OscError::InvalidArg`] if it is not a one-dimensional array of BSTRs, or a string is
/// not valid UTF-16.
pub unsafe fn read_strings(raw: *mut SAFEARRAY) -> Result<Vec<String>, OscError> {
    // SAFETY: forwarded from the caller; each element is null or a BSTR the array owns,
    // alive while the array is.
    unsafe { read_vector::<BSTR, _>(raw, VT_BSTR, |item| bstr::read(item)) }
}

/// The bytes of a borrowed `SAFEARRAY(unsigned char)`.
///
/// # Safety
/// As for [`read_strings`].
///
/// # Errors
/// [`OscError::InvalidArg`] if it is not a one-dimensional array of bytes.
pub unsafe fn read_bytes(raw: *mut SAFEARRAY) -> Result<Vec<u8>, OscError> {
    // SAFETY: forwarded from the caller.
    unsafe { read_vector::<u8, _>(raw, VT_UI1, Ok) }
}

/// The booleans of a borrowed `SAFEARRAY(VARIANT_BOOL)`; any non-zero value is true.
///
/// # Safety
/// As for [`read_strings`].
///
/// # Errors
/// [`OscError::InvalidArg`] if it is not a one-dimensional array of `VARIANT_BOOL`s.
pub unsafe fn read_bools(raw: *mut SAFEARRAY) -> Result<Vec<bool>, OscError> {
    // SAFETY: forwarded from the caller.
    unsafe { read_vector::<VARIANT_BOOL, _>(raw, VT_BOOL, |b| Ok(b != VARIANT_FALSE)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_round_trip() {
        let strings = ["", "a\0b", "ünïcode ☃"];
        let array = SafeArray::from_strings(&strings).expect("alloc");
        assert_eq!(array.to_strings().expect("strings"), strings);
        let bytes: Vec<u8> = (0..=255).collect();
        let array = SafeArray::from_bytes(&bytes).expect("alloc");
        assert_eq!(array.to_bytes().expect("bytes"), bytes);
        let bools = [true, false, false, true];
        let array = SafeArray::from_bools(&bools).expect("alloc");
        assert_eq!(array.to_bools().expect("bools"), bools);
        // Empty arrays exist (non-null) and read as empty.
        let empty = SafeArray::from_strings::<&str>(&[]).expect("alloc");
        assert!(!empty.as_raw().is_null());
        assert_eq!(empty.to_strings(), Ok(Vec::new()));
        let empty = SafeArray::from_bytes(&[]).expect("alloc");
        assert_eq!(empty.to_bytes(), Ok(Vec::new()));
        let empty = SafeArray::from_bools(&[]).expect("alloc");
        assert_eq!(empty.to_bools(), Ok(Vec::new()));
        // SAFETY: null reads as empty.
        assert_eq!(unsafe { read_strings(null_mut()) }, Ok(Vec::new()));
    }

    #[test]
    fn variant_bools_are_minus_one_and_zero() {
        let array = SafeArray::from_bools(&[true, false]).expect("alloc");
        let data = Access::new(array.as_raw()).expect("lock");
        // SAFETY: two VARIANT_BOOLs, locked by `data`.
        let raw = unsafe { std::slice::from_raw_parts(data.ptr.cast::<VARIANT_BOOL>(), 2) };
        assert_eq!(raw, [VARIANT_TRUE, VARIANT_FALSE]);
    }

    #[test]
    fn element_types_are_checked() {
        let bytes = SafeArray::from_bytes(b"ab").expect("alloc");
        assert_eq!(bytes.to_strings(), Err(OscError::InvalidArg));
        assert_eq!(bytes.to_bools(), Err(OscError::InvalidArg));
        let strings = SafeArray::from_strings(&["x"]).expect("alloc");
        assert_eq!(strings.to_bytes(), Err(OscError::InvalidArg));
    }

    #[test]
    fn reading_starts_at_the_lower_bound() {
        // SAFETY: creating an array has no preconditions.
        let raw = unsafe { sys::SafeArrayCreateVector(VT_UI1, 5, 3) };
        assert!(!raw.is_null());
        // SAFETY: `raw` is a fresh array owned by nobody else.
        let array = unsafe { SafeArray::from_raw(raw) };
        array.fill::<u8, u8>(&[7, 8, 9], |&b| Ok(b)).expect("fill");
        let mut lower = 0;
        // SAFETY: `raw` is alive; `lower` is a local.
        assert!(unsafe { sys::SafeArrayGetLBound(raw, 1, &mut lower) }.is_ok());
        assert_eq!(lower, 5);
        assert_eq!(array.to_bytes().expect("bytes"), [7, 8, 9]);
    }

    #[cfg(not(windows))]
    #[test]
    fn the_shim_refuses_to_destroy_a_locked_array() {
        use crate::com::hresult::DISP_E_ARRAYISLOCKED;
        let array = SafeArray::from_bytes(b"x").expect("alloc");
        let data = Access::new(array.as_raw()).expect("lock");
        // SAFETY: the array is alive and locked; destroying must refuse.
        let refused = unsafe { sys::SafeArrayDestroy(array.as_raw()) };
        assert_eq!(refused, DISP_E_ARRAYISLOCKED);
        drop(data);
        let mut vt = 0;
        // SAFETY: the array is alive; `vt` is a local.
        assert!(unsafe { sys::SafeArrayGetVartype(array.as_raw(), &mut vt) }.is_ok());
        assert_eq!(vt, VT_UI1);
    }
}
