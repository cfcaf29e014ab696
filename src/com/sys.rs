//! The OLE automation functions that allocate BSTRs and SAFEARRAYs.
//!
//! On Windows they are oleaut32's, so that what a provider hands to Outlook is freed by
//! Outlook's `SysFreeString`/`SafeArrayDestroy` and the other way round. Elsewhere there is no
//! oleaut32; a shim with the same names, signatures and memory layout stands in, so that the
//! adapters and the client run (and are tested) on any platform. The shim only ever meets
//! values it allocated itself: there is no other COM code in a non-Windows process.

#![allow(non_snake_case)]

#[cfg(windows)]
pub(crate) use windows::*;

#[cfg(not(windows))]
pub(crate) use shim::*;

#[cfg(windows)]
mod windows {
    use std::ffi::c_void;

    use windows_core::HRESULT;

    use crate::com::bstr::BSTR;
    use crate::com::safearray::{SAFEARRAY, VARTYPE};

    #[link(name = "oleaut32")]
    unsafe extern "system" {
        pub(crate) fn SysAllocStringLen(text: *const u16, len: u32) -> BSTR;
        pub(crate) fn SysFreeString(text: BSTR);
        pub(crate) fn SysStringLen(text: BSTR) -> u32;
        pub(crate) fn SafeArrayCreateVector(
            vt: VARTYPE,
            lower_bound: i32,
            elements: u32,
        ) -> *mut SAFEARRAY;
        pub(crate) fn SafeArrayDestroy(array: *mut SAFEARRAY) -> HRESULT;
        pub(crate) fn SafeArrayAccessData(array: *mut SAFEARRAY, data: *mut *mut c_void)
        -> HRESULT;
        pub(crate) fn SafeArrayUnaccessData(array: *mut SAFEARRAY) -> HRESULT;
        pub(crate) fn SafeArrayGetVartype(array: *mut SAFEARRAY, vt: *mut VARTYPE) -> HRESULT;
        pub(crate) fn SafeArrayGetDim(array: *mut SAFEARRAY) -> u32;
        pub(crate) fn SafeArrayGetLBound(
            array: *mut SAFEARRAY,
            dim: u32,
            bound: *mut i32,
        ) -> HRESULT;
        pub(crate) fn SafeArrayGetUBound(
            array: *mut SAFEARRAY,
            dim: u32,
            bound: *mut i32,
        ) -> HRESULT;
    }
}

#[cfg(not(windows))]
mod shim {
    use std::alloc::{Layout, alloc, alloc_zeroed, dealloc};
    use std::ffi::c_void;
    use std::mem::offset_of;
    use std::ptr::{self, null_mut};

    use windows_core::HRESULT;

    use crate::com::bstr::BSTR;
    use crate::com::hresult::{DISP_E_ARRAYISLOCKED, DISP_E_BADINDEX, E_INVALIDARG, E_UNEXPECTED};
    use crate::com::safearray::{
        FADF_BSTR, FADF_HAVEVARTYPE, SAFEARRAY, SAFEARRAYBOUND, VARTYPE, VT_BOOL, VT_BSTR, VT_UI1,
    };

    /// A BSTR is preceded by its length in bytes, as a `u32`, like oleaut32's.
    const LEN_PREFIX: usize = size_of::<u32>();

    /// The allocation of a BSTR of `units` UTF-16 code units: prefix, text, NUL.
    fn bstr_layout(units: usize) -> Option<Layout> {
        let size = units.checked_mul(2)?.checked_add(LEN_PREFIX + 2)?;
        Layout::from_size_align(size, align_of::<u32>()).ok()
    }

    pub(crate) unsafe fn SysAllocStringLen(text: *const u16, len: u32) -> BSTR {
        let units = len as usize;
        let (Some(byte_len), Some(layout)) = (len.checked_mul(2), bstr_layout(units)) else {
            return null_mut();
        };
        // SAFETY: the layout's size is at least LEN_PREFIX + 2, never zero.
        let base = unsafe { alloc(layout) };
        if base.is_null() {
            return null_mut();
        }
        // SAFETY: `base` is valid for `layout.size()` bytes and aligned for u32; the text
        // starts LEN_PREFIX bytes in (2-aligned) with room for `units` code units and the NUL.
        // The caller guarantees that a non-null `text` is readable for `len` code units.
        unsafe {
            base.cast::<u32>().write(byte_len);
            let data = base.add(LEN_PREFIX).cast::<u16>();
            if text.is_null() {
                data.write_bytes(0, units);
            } else {
                ptr::copy_nonoverlapping(text, data, units);
            }
            data.add(units).write(0);
            data
        }
    }

    pub(crate) unsafe fn SysStringLen(text: BSTR) -> u32 {
        if text.is_null() {
            return 0;
        }
        // SAFETY: a non-null BSTR came from SysAllocStringLen, which put its byte length in
        // the LEN_PREFIX bytes before it.
        unsafe { text.cast::<u8>().sub(LEN_PREFIX).cast::<u32>().read() / 2 }
    }

    pub(crate) unsafe fn SysFreeString(text: BSTR) {
        if text.is_null() {
            return;
        }
        // SAFETY: as in SysStringLen; the block starts LEN_PREFIX bytes before the text.
        let (units, base) = unsafe {
            (
                SysStringLen(text) as usize,
                text.cast::<u8>().sub(LEN_PREFIX),
            )
        };
        if let Some(layout) = bstr_layout(units) {
            // SAFETY: `base` was allocated by SysAllocStringLen with this very layout (the
            // length in the prefix is the one it was allocated for).
            unsafe { dealloc(base, layout) };
        }
    }

    /// A SAFEARRAY descriptor with oleaut32's hidden prefix: the element VARTYPE sits in the
    /// four bytes before the descriptor, where `SafeArrayGetVartype` looks for it.
    #[repr(C)]
    struct Block {
        _reserved: u32,
        vartype: u32,
        array: SAFEARRAY,
    }

    const ARRAY_OFFSET: usize = offset_of!(Block, array);
    const _: () = assert!(ARRAY_OFFSET - offset_of!(Block, vartype) == 4);

    /// The element data's allocation; `None` for an empty array, which has no data.
    fn data_layout(array: &SAFEARRAY) -> Option<Layout> {
        let size =
            (array.rgsabound[0].cElements as usize).checked_mul(array.cbElements as usize)?;
        if size == 0 {
            return None;
        }
        Layout::from_size_align(size, align_of::<usize>()).ok()
    }

    fn element_size(vt: VARTYPE) -> Option<u32> {
        match vt {
            VT_BSTR => Some(size_of::<BSTR>() as u32),
            VT_BOOL => Some(size_of::<i16>() as u32),
            VT_UI1 => Some(1),
            _ => None,
        }
    }

    pub(crate) unsafe fn SafeArrayCreateVector(
        vt: VARTYPE,
        lower_bound: i32,
        elements: u32,
    ) -> *mut SAFEARRAY {
        let Some(size) = element_size(vt) else {
            return null_mut();
        };
        let mut array = SAFEARRAY {
            cDims: 1,
            fFeatures: FADF_HAVEVARTYPE | if vt == VT_BSTR { FADF_BSTR } else { 0 },
            cbElements: size,
            cLocks: 0,
            pvData: null_mut(),
            rgsabound: [SAFEARRAYBOUND {
                cElements: elements,
                lLbound: lower_bound,
            }],
        };
        if (elements as usize).checked_mul(size as usize).is_none() {
            return null_mut();
        }
        if let Some(layout) = data_layout(&array) {
            // SAFETY: data_layout never returns a zero-sized layout. Zeroed memory is a valid
            // initial value for every element type: null BSTRs, VARIANT_FALSE, 0 bytes.
            let data = unsafe { alloc_zeroed(layout) };
            if data.is_null() {
                return null_mut();
            }
            array.pvData = data.cast();
        }
        let block = Box::into_raw(Box::new(Block {
            _reserved: 0,
            vartype: u32::from(vt),
            array,
        }));
        // SAFETY: `block` is a valid, uniquely owned allocation; the descriptor pointer keeps
        // the provenance of the whole block, so SafeArrayDestroy can step back to it.
        unsafe { &raw mut (*block).array }
    }

    /// The block around a descriptor this shim created.
    fn block_of(array: *mut SAFEARRAY) -> *mut Block {
        array.cast::<u8>().wrapping_sub(ARRAY_OFFSET).cast()
    }

    pub(crate) unsafe fn SafeArrayDestroy(array: *mut SAFEARRAY) -> HRESULT {
        if array.is_null() {
            return HRESULT(0);
        }
        let block = block_of(array);
        // SAFETY: the caller passes a live array created by SafeArrayCreateVector, so `block`
        // is the Box it came from; nothing else refers to it once the caller destroys it.
        unsafe {
            let descriptor = &mut (*block).array;
            if descriptor.cLocks > 0 {
                return DISP_E_ARRAYISLOCKED;
            }
            if (*block).vartype == u32::from(VT_BSTR) {
                let items = descriptor.pvData.cast::<BSTR>();
                for i in 0..descriptor.rgsabound[0].cElements as usize {
                    // The array owns its strings; null entries are allowed and skipped.
                    SysFreeString(items.add(i).read());
                }
            }
            if let Some(layout) = data_layout(descriptor) {
                dealloc(descriptor.pvData.cast(), layout);
            }
            drop(Box::from_raw(block));
        }
        HRESULT(0)
    }

    pub(crate) unsafe fn SafeArrayAccessData(
        array: *mut SAFEARRAY,
        data: *mut *mut c_void,
    ) -> HRESULT {
        if array.is_null() || data.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: the caller passes a live descriptor and a writable out-pointer.
        unsafe {
            (*array).cLocks += 1;
            data.write((*array).pvData);
        }
        HRESULT(0)
    }

    pub(crate) unsafe fn SafeArrayUnaccessData(array: *mut SAFEARRAY) -> HRESULT {
        if array.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: the caller passes a live descriptor.
        unsafe {
            if (*array).cLocks == 0 {
                return E_UNEXPECTED;
            }
            (*array).cLocks -= 1;
        }
        HRESULT(0)
    }

    pub(crate) unsafe fn SafeArrayGetVartype(array: *mut SAFEARRAY, vt: *mut VARTYPE) -> HRESULT {
        if array.is_null() || vt.is_null() {
            return E_INVALIDARG;
        }
        // SAFETY: the caller passes a live descriptor; one with FADF_HAVEVARTYPE came from
        // SafeArrayCreateVector, inside a Block.
        unsafe {
            if (*array).fFeatures & FADF_HAVEVARTYPE == 0 {
                return E_INVALIDARG;
            }
            vt.write((*block_of(array)).vartype as VARTYPE);
        }
        HRESULT(0)
    }

    pub(crate) unsafe fn SafeArrayGetDim(array: *mut SAFEARRAY) -> u32 {
        if array.is_null() {
            return 0;
        }
        // SAFETY: the caller passes a live descriptor.
        unsafe { u32::from((*array).cDims) }
    }

    /// The bound of dimension `dim` (1-based), if the array has it.
    unsafe fn bound(array: *mut SAFEARRAY, dim: u32) -> Option<SAFEARRAYBOUND> {
        if array.is_null() {
            return None;
        }
        // SAFETY: the caller passes a live descriptor; the shim only makes 1-dimensional ones,
        // whose single bound is `rgsabound[0]`.
        unsafe {
            if dim != 1 || (*array).cDims != 1 {
                return None;
            }
            Some(SAFEARRAYBOUND {
                cElements: (*array).rgsabound[0].cElements,
                lLbound: (*array).rgsabound[0].lLbound,
            })
        }
    }

    pub(crate) unsafe fn SafeArrayGetLBound(
        array: *mut SAFEARRAY,
        dim: u32,
        out: *mut i32,
    ) -> HRESULT {
        // SAFETY: forwarded from the caller.
        match unsafe { bound(array, dim) } {
            Some(b) if !out.is_null() => {
                // SAFETY: checked non-null; the caller passes writable storage.
                unsafe { out.write(b.lLbound) };
                HRESULT(0)
            }
            _ => DISP_E_BADINDEX,
        }
    }

    pub(crate) unsafe fn SafeArrayGetUBound(
        array: *mut SAFEARRAY,
        dim: u32,
        out: *mut i32,
    ) -> HRESULT {
        // SAFETY: forwarded from the caller.
        match unsafe { bound(array, dim) } {
            Some(b) if !out.is_null() => {
                // The upper bound of an empty array is one below its lower bound.
                let upper = b.lLbound.wrapping_add(b.cElements as i32).wrapping_sub(1);
                // SAFETY: checked non-null; the caller passes writable storage.
                unsafe { out.write(upper) };
                HRESULT(0)
            }
            _ => DISP_E_BADINDEX,
        }
    }
}
