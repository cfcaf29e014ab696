//! A provider as an in-process COM server: the class factory, the module's object count, and
//! what registration writes to the registry.
//!
//! [`export_provider!`](crate::export_provider) generates the DLL's entry points over a
//! `static` [`Server`]. `DllGetClassObject` and `DllCanUnloadNow` work on every platform (and
//! are tested on Linux); `DllRegisterServer`, `DllUnregisterServer` and `DllInstall` need the
//! Windows registry and exist only on Windows. The registry *content* is platform-neutral:
//! [`Server::registry_keys`] lists it, and the Windows code only writes that list.

use std::ffi::c_void;
use std::ptr::null_mut;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use windows_core::{GUID, HRESULT, Interface, implement};

use super::adapters::{self, ProviderAdapter};
use super::hresult::{
    CLASS_E_CLASSNOTAVAILABLE, CLASS_E_NOAGGREGATION, E_INVALIDARG, E_POINTER, S_FALSE, S_OK,
};
use super::interfaces::{IClassFactory, IClassFactory_Impl, ISocialProvider};
use crate::provider::{Guid, OscError, SocialProvider};

/// Where the OSC looks for providers' ProgIDs, below `HKEY_CURRENT_USER` or
/// `HKEY_LOCAL_MACHINE`.
pub const SOCIAL_PROVIDERS_KEY: &str =
    r"Software\Microsoft\Office\Outlook\SocialConnector\SocialProviders";
/// The same for 32-bit Outlook on 64-bit Windows.
pub const SOCIAL_PROVIDERS_KEY_WOW64: &str =
    r"Software\Wow6432Node\Microsoft\Office\Outlook\SocialConnector\SocialProviders";

/// An exported provider class: its CLSID and ProgID, how to make the provider, and how many
/// of its objects are alive (which decides whether the DLL may be unloaded).
pub struct Server {
    clsid: Guid,
    prog_id: &'static str,
    make: fn() -> Arc<dyn SocialProvider>,
    /// Objects alive, counted by their [`ModuleRef`]s.
    live: AtomicUsize,
    /// `LockServer` locks, apart from the objects so that an unbalanced unlock cannot
    /// release an object's count.
    locks: AtomicUsize,
}

/// Which registry hive registration writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `HKEY_CURRENT_USER`: for the user who registers; needs no elevation.
    CurrentUser,
    /// `HKEY_LOCAL_MACHINE`: for every user of the machine; needs elevation.
    AllUsers,
}

/// One registry key that registration creates, below the [`Scope`]'s hive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryKey {
    /// The key's path, e.g. `Software\Classes\CLSID\{…}\InprocServer32`.
    pub path: String,
    /// Its string values, as (name, data); the empty name is the key's default value.
    pub values: Vec<(String, String)>,
}

impl Server {
    /// A provider class. `make` is called once for each provider object COM asks for.
    pub const fn new(
        clsid: Guid,
        prog_id: &'static str,
        make: fn() -> Arc<dyn SocialProvider>,
    ) -> Server {
        Server {
            clsid,
            prog_id,
            make,
            live: AtomicUsize::new(0),
            locks: AtomicUsize::new(0),
        }
    }

    /// The class ID.
    pub fn clsid(&self) -> Guid {
        self.clsid
    }

    /// The ProgID.
    pub fn prog_id(&self) -> &'static str {
        self.prog_id
    }

    /// How many objects (class factories, providers and everything they handed out) and
    /// `LockServer` locks are alive.
    pub fn live_objects(&self) -> usize {
        self.live.load(Ordering::SeqCst) + self.locks.load(Ordering::SeqCst)
    }

    /// The class factory, as `DllGetClassObject` hands it out.
    pub fn class_factory(&'static self) -> IClassFactory {
        ClassFactory {
            server: self,
            _module: ModuleRef::counting(&self.live),
        }
        .into()
    }

    /// `DllGetClassObject`: the class factory for `clsid`, as interface `iid`.
    ///
    /// # Safety
    /// The pointers are null or valid: `clsid` and `iid` readable, `out` writable.
    pub unsafe fn get_class_object(
        &'static self,
        clsid: *const GUID,
        iid: *const GUID,
        out: *mut *mut c_void,
    ) -> HRESULT {
        if out.is_null() {
            return E_POINTER;
        }
        // SAFETY: `out` is non-null and writable per the caller; `clsid` is readable when
        // non-null. On failure `*out` stays null, as COM requires.
        unsafe {
            out.write(null_mut());
            if clsid.is_null() || iid.is_null() {
                return E_INVALIDARG;
            }
            if *clsid != GUID::from_u128(self.clsid.to_u128()) {
                return CLASS_E_CLASSNOTAVAILABLE;
            }
            // The factory is made fresh for each request; `query` adds the reference the
            // caller receives, and dropping ours leaves that one.
            self.class_factory().query(iid, out)
        }
    }

    /// `DllCanUnloadNow`: `S_OK` when no object or lock of this server is alive, else
    /// `S_FALSE`.
    pub fn can_unload_now(&self) -> HRESULT {
        if self.live_objects() == 0 {
            S_OK
        } else {
            S_FALSE
        }
    }

    /// The keys registration creates, for the DLL at `dll_path`:
    /// - `Software\Classes\CLSID\{clsid}` with the ProgID as description, its
    ///   `InprocServer32` (the DLL, `ThreadingModel` `Both`, as the OSC asks: callable from
    ///   single- and multi-threaded apartments) and `ProgID` subkeys;
    /// - `Software\Classes\<ProgID>` with its `CLSID` subkey;
    /// - `<SocialProviders>\<ProgID>`, which makes the OSC load the provider.
    ///   `social_providers` is [`SOCIAL_PROVIDERS_KEY`], or [`SOCIAL_PROVIDERS_KEY_WOW64`]
    ///   for a 32-bit DLL on 64-bit Windows registering for the current user (for the
    ///   machine, the registry redirector puts a 32-bit DLL's keys below `Wow6432Node`).
    pub fn registry_keys(&self, dll_path: &str, social_providers: &str) -> Vec<RegistryKey> {
        let clsid = self.clsid.to_string();
        let prog_id = self.prog_id.to_string();
        let key = |path: String, values: &[(&str, &str)]| RegistryKey {
            path,
            values: values
                .iter()
                .map(|(name, data)| (name.to_string(), data.to_string()))
                .collect(),
        };
        vec![
            key(
                format!(r"Software\Classes\CLSID\{clsid}"),
                &[("", &prog_id)],
            ),
            key(
                format!(r"Software\Classes\CLSID\{clsid}\InprocServer32"),
                &[("", dll_path), ("ThreadingModel", "Both")],
            ),
            key(
                format!(r"Software\Classes\CLSID\{clsid}\ProgID"),
                &[("", &prog_id)],
            ),
            key(format!(r"Software\Classes\{prog_id}"), &[("", &prog_id)]),
            key(
                format!(r"Software\Classes\{prog_id}\CLSID"),
                &[("", &clsid)],
            ),
            key(format!(r"{social_providers}\{prog_id}"), &[]),
        ]
    }

    /// The keys unregistration deletes, each with everything below it.
    pub fn registry_roots(&self, social_providers: &str) -> Vec<String> {
        vec![
            format!(r"Software\Classes\CLSID\{}", self.clsid),
            format!(r"Software\Classes\{}", self.prog_id),
            format!(r"{social_providers}\{}", self.prog_id),
        ]
    }

    /// Makes a provider object, counted as alive until it and everything it hands out are
    /// released.
    fn create(&'static self) -> ISocialProvider {
        let provider = (self.make)();
        ProviderAdapter::new(provider, ModuleRef::counting(&self.live)).into()
    }
}

/// Calls `make` and shares the provider it makes: what [`export_provider!`](crate::export_provider)
/// does with its constructor, in a function so that a constructor that is not a function
/// without arguments returning a [`SocialProvider`] is refused in those words.
pub fn shared_provider<P, F>(make: F) -> Arc<dyn SocialProvider>
where
    P: SocialProvider + 'static,
    F: FnOnce() -> P,
{
    Arc::new(make())
}

/// Holds an in-process server loaded while an object it handed out is alive: each object
/// made for a [`Server`] carries one (sessions and persons get clones of their provider's),
/// and the count drops when the object is released. Objects made by
/// [`server_object`](super::server_object) count for no server.
pub(crate) struct ModuleRef(Option<&'static AtomicUsize>);

impl ModuleRef {
    pub(crate) const fn none() -> ModuleRef {
        ModuleRef(None)
    }

    fn counting(live: &'static AtomicUsize) -> ModuleRef {
        live.fetch_add(1, Ordering::SeqCst);
        ModuleRef(Some(live))
    }
}

impl Clone for ModuleRef {
    fn clone(&self) -> ModuleRef {
        match self.0 {
            Some(live) => ModuleRef::counting(live),
            None => ModuleRef::none(),
        }
    }
}

impl Drop for ModuleRef {
    fn drop(&mut self) {
        if let Some(live) = self.0 {
            live.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// The class factory: agile like the other objects, which needs it to be `Send + Sync`.
#[implement(IClassFactory)]
struct ClassFactory {
    server: &'static Server,
    _module: ModuleRef,
}

const _: () = super::adapters::agile::<ClassFactory>();

impl IClassFactory_Impl for ClassFactory_Impl {
    unsafe fn CreateInstance(
        &self,
        outer: *mut c_void,
        iid: *const GUID,
        object: *mut *mut c_void,
    ) -> HRESULT {
        if object.is_null() {
            return E_POINTER;
        }
        // SAFETY: COM passes a writable `object`; on failure it stays null.
        unsafe { object.write(null_mut()) };
        if !outer.is_null() {
            return CLASS_E_NOAGGREGATION;
        }
        if iid.is_null() {
            return E_INVALIDARG;
        }
        let server = self.server;
        // `make` is the provider author's code, so it runs under the panic guard too.
        adapters::run(|| {
            let provider = server.create();
            // SAFETY: `iid` is readable and `object` writable, as checked above.
            let hr = unsafe { provider.query(iid, object) };
            match OscError::from_hresult(hr.0) {
                Some(error) => Err(error),
                None => Ok(()),
            }
        })
    }

    unsafe fn LockServer(&self, lock: i32) -> HRESULT {
        let locks = &self.server.locks;
        if lock != 0 {
            locks.fetch_add(1, Ordering::SeqCst);
        } else {
            // An unlock without a lock is the caller's mistake; never wrap below zero.
            let _ = locks.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
        }
        S_OK
    }
}

/// Exports a provider from a `cdylib` as an in-process COM server.
///
/// (The example is not compiled as a doctest: it defines the DLL's `#[no_mangle]` entry
/// points, which belong in a `cdylib`, once; `tests/com.rs` invokes the macro for real.)
///
/// ```rust,ignore
/// osc_schema::export_provider!(
///     osc_schema::provider::Guid::from_u128(0x6b1f0c2e_0d3a_4c55_9a0e_2f6c1d7b9e41),
///     "Contoso.SocialProvider",
///     || ContosoProvider::new(LogonKind::Forms)
/// );
/// ```
///
/// The arguments are the class ID (a [`Guid`](crate::provider::Guid) constant), the ProgID,
/// and what makes the provider (any [`SocialProvider`]): a closure without arguments, or
/// the path of a function without arguments (`ContosoProvider::default`, or a function of
/// your own, whatever its name). It runs each time COM asks for a provider object. Invoke
/// the macro once per DLL, at module level.
///
/// It defines a `static` [`Server`] and these exported functions:
/// - `DllGetClassObject` and `DllCanUnloadNow`, on every platform;
/// - on Windows, `DllRegisterServer` and `DllUnregisterServer` (for the current user, so
///   that `regsvr32` needs no elevation) and `DllInstall` (`regsvr32 /n /i:machine` registers
///   for all users, `/i:user` for the current user).
#[macro_export]
macro_rules! export_provider {
    ($clsid:expr, $prog_id:expr, $make:expr $(,)?) => {
        // The constructor is called from a closure, not from a function the macro names:
        // an item declared here would hide the caller's own item of that name (a
        // constructor called `make`) from `$make`.
        #[doc(hidden)]
        static __OSC_SCHEMA_SERVER: $crate::com::server::Server =
            $crate::com::server::Server::new($clsid, $prog_id, || {
                $crate::com::server::shared_provider($make)
            });

        /// COM entry point: the class factory of the exported provider.
        ///
        /// # Safety
        /// COM passes a readable CLSID and IID and a writable out-pointer.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn DllGetClassObject(
            clsid: *const $crate::com::windows_core::GUID,
            iid: *const $crate::com::windows_core::GUID,
            out: *mut *mut ::core::ffi::c_void,
        ) -> $crate::com::windows_core::HRESULT {
            // SAFETY: the pointers come from COM as the caller documents; the server checks
            // them for null.
            unsafe { __OSC_SCHEMA_SERVER.get_class_object(clsid, iid, out) }
        }

        /// COM entry point: whether no object of this DLL is alive.
        #[unsafe(no_mangle)]
        pub extern "system" fn DllCanUnloadNow() -> $crate::com::windows_core::HRESULT {
            __OSC_SCHEMA_SERVER.can_unload_now()
        }

        /// COM entry point: registers the provider for the current user.
        #[cfg(windows)]
        #[unsafe(no_mangle)]
        pub extern "system" fn DllRegisterServer() -> $crate::com::windows_core::HRESULT {
            __OSC_SCHEMA_SERVER.register($crate::com::server::Scope::CurrentUser)
        }

        /// COM entry point: removes the current user's registration.
        #[cfg(windows)]
        #[unsafe(no_mangle)]
        pub extern "system" fn DllUnregisterServer() -> $crate::com::windows_core::HRESULT {
            __OSC_SCHEMA_SERVER.unregister($crate::com::server::Scope::CurrentUser)
        }

        /// COM entry point: `regsvr32 /i:user|machine`.
        ///
        /// # Safety
        /// `command_line` is null or a NUL-terminated UTF-16 string.
        #[cfg(windows)]
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn DllInstall(
            install: i32,
            command_line: *const u16,
        ) -> $crate::com::windows_core::HRESULT {
            // SAFETY: regsvr32 passes the /i: text NUL-terminated, or null.
            unsafe { __OSC_SCHEMA_SERVER.install(install, command_line) }
        }
    };
}
