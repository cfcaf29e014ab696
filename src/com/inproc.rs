//! A provider DLL loaded the way COM loads an in-process server, without going through
//! registration (Windows only): the DLL by its path, its class factory from its
//! `DllGetClassObject`, and a provider object from that factory, driven through
//! [`client`](super::client). So a host can test any provider binary, C++ or Rust, that
//! Outlook would load.
//!
//! Loading a DLL runs its code in this process: it is trusted as Outlook trusts it.

use std::ffi::c_void;
use std::fmt;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::ptr::{null, null_mut};

use windows_core::{GUID, HRESULT, Interface};

use super::client::ComProvider;
use super::hresult::E_NOINTERFACE;
use super::interfaces::{IClassFactory, ISocialProvider};
use super::registry::{last_error, wide};
use crate::provider::{Guid, OscError};

/// `COINIT_MULTITHREADED`.
const COINIT_MULTITHREADED: u32 = 0;
/// The thread is in a single-threaded apartment already: COM is initialized all the same.
const RPC_E_CHANGED_MODE: HRESULT = HRESULT(0x8001_0106_u32 as i32);
/// Look for the DLL's own imports in its directory first, as COM does for a registered path.
const LOAD_WITH_ALTERED_SEARCH_PATH: u32 = 0x8;
/// `HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND)`: no such file, or a DLL it imports is missing.
const MOD_NOT_FOUND: i32 = 0x8007_007E_u32 as i32;
/// `HRESULT_FROM_WIN32(ERROR_BAD_EXE_FORMAT)`: a DLL of the other bitness.
const BAD_EXE_FORMAT: i32 = 0x8007_00C1_u32 as i32;
/// `CLASS_E_CLASSNOTAVAILABLE`, from `DllGetClassObject`: the DLL has no such class.
const CLASS_NOT_AVAILABLE: i32 = super::hresult::CLASS_E_CLASSNOTAVAILABLE.0;

/// `DllGetClassObject`'s signature.
type GetClassObject =
    unsafe extern "system" fn(*const GUID, *const GUID, *mut *mut c_void) -> HRESULT;

#[link(name = "kernel32")]
unsafe extern "system" {
    fn LoadLibraryExW(name: *const u16, file: *mut c_void, flags: u32) -> *mut c_void;
    fn GetProcAddress(module: *mut c_void, name: *const u8) -> *const c_void;
}

#[link(name = "ole32")]
unsafe extern "system" {
    fn CoInitializeEx(reserved: *const c_void, flags: u32) -> HRESULT;
    fn CLSIDFromProgID(prog_id: *const u16, clsid: *mut GUID) -> HRESULT;
}

/// Which class of the DLL makes the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderClass<'a> {
    /// The class ID: nothing needs to be registered.
    Clsid(Guid),
    /// The ProgID, which `CLSIDFromProgID` looks up in the registry: the DLL must be
    /// registered (`regsvr32`).
    ProgId(&'a str),
}

/// What [`load`] was doing when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    /// `CoInitializeEx`.
    InitializeCom,
    /// `LoadLibraryEx` on the DLL's path.
    LoadLibrary,
    /// Finding the `DllGetClassObject` export.
    EntryPoint,
    /// `CLSIDFromProgID`.
    ProgId,
    /// `DllGetClassObject` for the class.
    ClassObject,
    /// `IClassFactory::CreateInstance` for `ISocialProvider`.
    CreateInstance,
}

/// Why a DLL gave no provider: the stage, and the HRESULT it failed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadError {
    /// What failed.
    pub stage: LoadStage,
    /// How: the HRESULT (a Win32 error as `HRESULT_FROM_WIN32` gives it).
    pub error: OscError,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.error;
        match self.stage {
            LoadStage::InitializeCom => write!(f, "COM could not be initialized: {error}"),
            LoadStage::LoadLibrary if error.hresult() == BAD_EXE_FORMAT => write!(
                f,
                "the DLL could not be loaded: {error}; it is not a DLL of this process's \
                 bitness (a 32-bit Outlook's providers are 32-bit DLLs, which a 32-bit oscx \
                 loads)"
            ),
            LoadStage::LoadLibrary if error.hresult() == MOD_NOT_FOUND => write!(
                f,
                "the DLL could not be loaded: {error}; there is no such file, or a DLL it \
                 imports is missing"
            ),
            LoadStage::LoadLibrary => write!(f, "the DLL could not be loaded: {error}"),
            LoadStage::EntryPoint => f.write_str(
                "the DLL exports no DllGetClassObject: it is not an in-process COM server",
            ),
            LoadStage::ProgId => write!(
                f,
                "the ProgID is not registered: {error}; register the DLL (regsvr32) or give \
                 its class ID instead"
            ),
            LoadStage::ClassObject if error.hresult() == CLASS_NOT_AVAILABLE => write!(
                f,
                "DllGetClassObject gave no class factory: {error}; the DLL has no class of \
                 that class ID"
            ),
            LoadStage::ClassObject => write!(
                f,
                "DllGetClassObject gave no class factory for the class: {error}"
            ),
            LoadStage::CreateInstance => write!(
                f,
                "the class factory made no object with ISocialProvider: {error}"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the DLL at `path` and makes a provider object of `class`, as COM does for an
/// in-process server (`CoCreateInstance(CLSCTX_INPROC_SERVER, IID_ISocialProvider)`), but
/// from the path given rather than the path registered.
///
/// COM is initialized on the calling thread (multithreaded, unless the thread chose a
/// single-threaded apartment already) and stays so; the DLL stays loaded until the process
/// ends, as COM keeps a DLL until it is asked to free unused ones.
///
/// The objects are driven from any thread: those that answer `IAgileObject` say they may
/// be, and the others are taken at the word the OSC asks of every provider, which must be
/// registered with `ThreadingModel` `Both` (an object that may live in the multithreaded
/// apartment, called by any of its threads at any time).
///
/// # Errors
/// [`LoadError`]: the stage that failed and its HRESULT.
pub fn load(path: &Path, class: ProviderClass<'_>) -> Result<ComProvider, LoadError> {
    let fail = |stage| move |error| LoadError { stage, error };
    // SAFETY: no pointer is passed; the flags are a valid COINIT value.
    let hr = unsafe { CoInitializeEx(null(), COINIT_MULTITHREADED) };
    if hr.is_err() && hr != RPC_E_CHANGED_MODE {
        return Err(fail(LoadStage::InitializeCom)(error_of(hr)));
    }
    // The DLL first: a path that names no DLL is the first thing to say.
    let get_class_object = entry_point(path)?;
    let clsid = match class {
        ProviderClass::Clsid(clsid) => GUID::from_u128(clsid.to_u128()),
        ProviderClass::ProgId(prog_id) => class_of(prog_id).map_err(fail(LoadStage::ProgId))?,
    };
    let mut raw = null_mut();
    // SAFETY: the function is the DLL's `DllGetClassObject` (the name COM calls it by, and
    // so the signature COM calls it with); the GUIDs are locals and `raw` a local out-value.
    let hr = unsafe { get_class_object(&clsid, &IClassFactory::IID, &mut raw) };
    if hr.is_err() || raw.is_null() {
        return Err(fail(LoadStage::ClassObject)(error_of(hr)));
    }
    // SAFETY: on success `raw` is an IClassFactory reference handed to us.
    let factory = unsafe { IClassFactory::from_raw(raw) };
    let mut raw = null_mut();
    // SAFETY: `factory` is alive; no outer object; the IID is a static and `raw` a local.
    let hr = unsafe { factory.CreateInstance(null_mut(), &ISocialProvider::IID, &mut raw) };
    if hr.is_err() || raw.is_null() {
        return Err(fail(LoadStage::CreateInstance)(error_of(hr)));
    }
    // SAFETY: on success `raw` is an ISocialProvider reference handed to us.
    let provider = unsafe { ISocialProvider::from_raw(raw) };
    match ComProvider::new(provider.clone()) {
        Ok(agile) => Ok(agile),
        Err(error) if error.hresult() == E_NOINTERFACE.0 => {
            // SAFETY: an OSC provider is registered `ThreadingModel=Both`, so its objects
            // may be called from any thread at once (see above); what the host calls is
            // that object, not a proxy, as it was made in this process without COM's
            // activation.
            Ok(unsafe { ComProvider::new_unchecked(provider) })
        }
        Err(error) => Err(fail(LoadStage::CreateInstance)(error)),
    }
}

/// The DLL's `DllGetClassObject`, the DLL loaded first. The DLL is never unloaded.
fn entry_point(path: &Path) -> Result<GetClassObject, LoadError> {
    // The search for the DLL's own imports starts in its directory only for a full path.
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let name: Vec<u16> = full.as_os_str().encode_wide().chain(Some(0)).collect();
    // SAFETY: `name` is NUL-terminated; the reserved handle is null; loading runs the DLL's
    // initialization, which is the trust this module documents.
    let module =
        unsafe { LoadLibraryExW(name.as_ptr(), null_mut(), LOAD_WITH_ALTERED_SEARCH_PATH) };
    if module.is_null() {
        return Err(LoadError {
            stage: LoadStage::LoadLibrary,
            error: last_error(),
        });
    }
    // SAFETY: `module` is loaded and the name NUL-terminated.
    let address = unsafe { GetProcAddress(module, c"DllGetClassObject".as_ptr().cast()) };
    if address.is_null() {
        return Err(LoadError {
            stage: LoadStage::EntryPoint,
            error: last_error(),
        });
    }
    // SAFETY: a function pointer and a data pointer have the same size on Windows, and the
    // export named `DllGetClassObject` is that COM entry point.
    Ok(unsafe { std::mem::transmute::<*const c_void, GetClassObject>(address) })
}

/// `CLSIDFromProgID`.
fn class_of(prog_id: &str) -> Result<GUID, OscError> {
    let name = wide(prog_id);
    let mut clsid = GUID::zeroed();
    // SAFETY: `name` is NUL-terminated and `clsid` a local out-value.
    let hr = unsafe { CLSIDFromProgID(name.as_ptr(), &mut clsid) };
    if hr.is_err() {
        return Err(error_of(hr));
    }
    Ok(clsid)
}

/// The error of a failure HRESULT; a success that brought no object is `E_UNEXPECTED`.
fn error_of(hr: HRESULT) -> OscError {
    OscError::from_hresult(hr.0).unwrap_or(OscError::Other(super::hresult::E_UNEXPECTED.0))
}
