//! Writing and removing a [`Server`]'s registration: Windows only.
//!
//! The keys come from [`Server::registry_keys`]; this module only finds the DLL's path and
//! the right `SocialProviders` key, and talks to the registry.

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use windows_core::HRESULT;

use super::adapters::run;
use super::hresult::E_INVALIDARG;
use super::server::{RegistryKey, SOCIAL_PROVIDERS_KEY, SOCIAL_PROVIDERS_KEY_WOW64, Scope, Server};
use crate::provider::{OscError, OscResult};

// Named as in the Windows headers.
#[allow(clippy::upper_case_acronyms)]
type HKEY = *mut c_void;

// The predefined hives are sign-extended 32-bit values.
const HKEY_CURRENT_USER: HKEY = 0x8000_0001_u32 as i32 as isize as HKEY;
const HKEY_LOCAL_MACHINE: HKEY = 0x8000_0002_u32 as i32 as isize as HKEY;
const KEY_WRITE: u32 = 0x0002_0006;
const REG_SZ: u32 = 1;
const ERROR_SUCCESS: i32 = 0;
const ERROR_FILE_NOT_FOUND: i32 = 2;
const GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT: u32 = 0x2;
const GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS: u32 = 0x4;

#[link(name = "advapi32")]
unsafe extern "system" {
    fn RegCreateKeyExW(
        key: HKEY,
        sub_key: *const u16,
        reserved: u32,
        class: *const u16,
        options: u32,
        desired: u32,
        security: *const c_void,
        result: *mut HKEY,
        disposition: *mut u32,
    ) -> i32;
    fn RegSetValueExW(
        key: HKEY,
        name: *const u16,
        reserved: u32,
        kind: u32,
        data: *const u8,
        size: u32,
    ) -> i32;
    fn RegDeleteTreeW(key: HKEY, sub_key: *const u16) -> i32;
    fn RegCloseKey(key: HKEY) -> i32;
}

#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetModuleHandleExW(flags: u32, name: *const u16, module: *mut *mut c_void) -> i32;
    fn GetModuleFileNameW(module: *mut c_void, name: *mut u16, size: u32) -> u32;
    fn GetLastError() -> u32;
    fn GetCurrentProcess() -> *mut c_void;
    fn IsWow64Process(process: *mut c_void, wow64: *mut i32) -> i32;
}

impl Server {
    /// `DllRegisterServer`: writes [`Server::registry_keys`] for this DLL below the scope's
    /// hive. If a key cannot be written, what was written is removed again.
    pub fn register(&self, scope: Scope) -> HRESULT {
        run(|| {
            let providers = social_providers_key(scope);
            let keys = self.registry_keys(&module_path()?, providers);
            let written = keys.iter().try_for_each(|key| write_key(hive(scope), key));
            if written.is_err() {
                let _ = self.remove(scope, providers);
            }
            written
        })
    }

    /// `DllUnregisterServer`: deletes [`Server::registry_roots`]; keys already gone are fine.
    pub fn unregister(&self, scope: Scope) -> HRESULT {
        run(|| self.remove(scope, social_providers_key(scope)))
    }

    /// `DllInstall`: `regsvr32 /i:user` (or no command line) registers for the current user,
    /// `/i:machine` for all users; with `/u`, unregisters.
    ///
    /// # Safety
    /// `command_line` is null or a NUL-terminated UTF-16 string.
    pub unsafe fn install(&self, install: i32, command_line: *const u16) -> HRESULT {
        // SAFETY: forwarded from the caller.
        let text = unsafe { nul_terminated(command_line) };
        let scope = match text.trim().to_ascii_lowercase().as_str() {
            "" | "user" => Scope::CurrentUser,
            "machine" => Scope::AllUsers,
            _ => return E_INVALIDARG,
        };
        if install != 0 {
            self.register(scope)
        } else {
            self.unregister(scope)
        }
    }

    fn remove(&self, scope: Scope, providers: &str) -> OscResult<()> {
        let mut outcome = Ok(());
        for root in self.registry_roots(providers) {
            let path = wide(&root);
            // SAFETY: the hive is a predefined key and `path` is NUL-terminated.
            let status = unsafe { RegDeleteTreeW(hive(scope), path.as_ptr()) };
            if status != ERROR_SUCCESS && status != ERROR_FILE_NOT_FOUND {
                outcome = Err(win32_error(status as u32));
            }
        }
        outcome
    }
}

fn hive(scope: Scope) -> HKEY {
    match scope {
        Scope::CurrentUser => HKEY_CURRENT_USER,
        Scope::AllUsers => HKEY_LOCAL_MACHINE,
    }
}

/// A NUL-terminated copy for the W functions.
pub(super) fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain(Some(0)).collect()
}

/// The calling thread's last Win32 error, as `HRESULT_FROM_WIN32` gives it.
pub(super) fn last_error() -> OscError {
    // SAFETY: no preconditions.
    win32_error(unsafe { GetLastError() })
}

/// `HRESULT_FROM_WIN32`.
fn win32_error(code: u32) -> OscError {
    let hr = if code == 0 {
        0x8000_4005 // E_FAIL: a failure without a code.
    } else {
        (code & 0xFFFF) | 0x8007_0000
    };
    OscError::from_hresult(hr as i32).unwrap_or(OscError::Fail)
}

/// The text of a NUL-terminated UTF-16 string; null reads as empty.
///
/// # Safety
/// `text` is null or NUL-terminated and readable up to the NUL.
unsafe fn nul_terminated(text: *const u16) -> String {
    if text.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: readable up to and including the NUL, per the caller.
    unsafe {
        while text.add(len).read() != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(text, len))
    }
}

/// Where the OSC of this DLL's bitness looks for providers, as this DLL must name the key
/// for `scope`. A 32-bit DLL running on 64-bit Windows serves 32-bit Outlook, which looks
/// below `Software\Wow6432Node`. Below `HKEY_LOCAL_MACHINE` the registry redirector takes a
/// 32-bit process's `Software\…` there by itself, and naming `Wow6432Node` as well is not
/// safe everywhere (Wine redirects it once more, to `Wow6432Node\Wow6432Node`); below
/// `HKEY_CURRENT_USER` nothing is redirected, so the path is spelled out.
fn social_providers_key(scope: Scope) -> &'static str {
    if scope == Scope::CurrentUser && cfg!(target_pointer_width = "32") {
        let mut wow64 = 0;
        // SAFETY: the pseudo-handle of the current process and a local out-value.
        let ok = unsafe { IsWow64Process(GetCurrentProcess(), &mut wow64) };
        if ok != 0 && wow64 != 0 {
            return SOCIAL_PROVIDERS_KEY_WOW64;
        }
    }
    SOCIAL_PROVIDERS_KEY
}

/// The path of the DLL this code is linked into (not of the process's executable): the
/// module that contains this very function.
fn module_path() -> OscResult<String> {
    let mut module = null_mut();
    let address = module_path as *const u16;
    // SAFETY: with FROM_ADDRESS the name is an address inside the module; UNCHANGED_REFCOUNT
    // means there is nothing to release; `module` is a local out-value.
    let found = unsafe {
        GetModuleHandleExW(
            GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
            address,
            &mut module,
        )
    };
    if found == 0 {
        return Err(last_error());
    }
    // Paths can exceed MAX_PATH; grow the buffer until the name fits (32 767 is the limit).
    let mut buffer = vec![0u16; 260];
    loop {
        let size = buffer.len() as u32;
        // SAFETY: `buffer` is writable for `size` code units.
        let len = unsafe { GetModuleFileNameW(module, buffer.as_mut_ptr(), size) };
        if len == 0 {
            return Err(last_error());
        }
        if len < size {
            return String::from_utf16(&buffer[..len as usize]).map_err(|_| OscError::Fail);
        }
        if buffer.len() >= 32_768 {
            return Err(OscError::Fail);
        }
        buffer.resize(buffer.len() * 2, 0);
    }
}

/// Creates one key and sets its string values.
fn write_key(root: HKEY, key: &RegistryKey) -> OscResult<()> {
    let path = wide(&key.path);
    let mut handle = null_mut();
    // SAFETY: `root` is a predefined key, `path` NUL-terminated, `handle` a local out-value;
    // the optional pointers are null.
    let status = unsafe {
        RegCreateKeyExW(
            root,
            path.as_ptr(),
            0,
            null(),
            0,
            KEY_WRITE,
            null(),
            &mut handle,
            null_mut(),
        )
    };
    if status != ERROR_SUCCESS {
        return Err(win32_error(status as u32));
    }
    let mut outcome = Ok(());
    for (name, data) in &key.values {
        let name = wide(name);
        let data = wide(data);
        // The empty name is the default value, which the API wants as a null name.
        let name_ptr = if name.len() == 1 {
            null()
        } else {
            name.as_ptr()
        };
        // SAFETY: `handle` is open for writing; `data` holds `data.len()` code units,
        // the NUL included, as REG_SZ wants.
        let status = unsafe {
            RegSetValueExW(
                handle,
                name_ptr,
                0,
                REG_SZ,
                data.as_ptr().cast(),
                (data.len() * 2) as u32,
            )
        };
        if status != ERROR_SUCCESS {
            outcome = Err(win32_error(status as u32));
            break;
        }
    }
    // SAFETY: `handle` was opened above and is closed once.
    unsafe { RegCloseKey(handle) };
    outcome
}
