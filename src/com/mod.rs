//! The OSC's COM interfaces over the [`provider`](crate::provider) traits, both ways
//! (feature `com`).
//!
//! - [`server_object`] turns a [`SocialProvider`] into the COM object Outlook calls: every
//!   interface method converts its arguments (BSTR → `String`, SAFEARRAY → `Vec`, `DATE` →
//!   `xs:dateTime`), calls the trait, and converts the result back (answers → XML → BSTR,
//!   [`OscError`](crate::provider::OscError) → HRESULT). Sessions, persons and profiles it
//!   hands out are COM objects over the trait objects the provider returns.
//! - [`export_provider!`](crate::export_provider) makes a `cdylib` an in-process COM server
//!   for such a provider ([`server`]).
//! - [`client`] goes the other way: trait implementations that call a COM object through its
//!   vtable, so a host can drive a provider exactly as Outlook would; on Windows, `inproc`
//!   loads a provider DLL as COM loads an in-process server, for the client to drive.
//! - [`interfaces`] declares the five interfaces (IIDs, vtable order, raw signatures);
//!   [`bstr`] and [`safearray`] make and read the OLE automation types.
//!
//! On Windows, BSTRs and SAFEARRAYs come from oleaut32. Elsewhere a layout-compatible shim
//! stands in, so everything but registration runs and is tested on any platform.
//!
//! # Interfaces each object answers
//! `QueryInterface` answers the object's OSC interfaces (a profile: `ISocialProfile` and
//! `ISocialPerson`; a session: `ISocialSession`, and `ISocialSession2` only if
//! [`SocialSession::session2`](crate::provider::SocialSession::session2) is `Some`), and
//! `IUnknown`. The objects are made with `windows-core`'s `#[implement]`, which also answers
//! `IInspectable` (the objects are not WinRT classes: `GetIids` lists nothing and
//! `GetRuntimeClassName` gives an empty name), `IAgileObject` (the traits are `Send + Sync`,
//! so the objects may be called from any thread), on Windows `IMarshal` with the
//! free-threaded marshaler, and `IWeakReferenceSource`. None of these changes what the OSC
//! sees, and they are kept rather than patched out of a generated `QueryInterface`. Every
//! other interface gives `E_NOINTERFACE`.
//!
//! # Panics
//! No panic crosses the ABI: a panic in a provider method (or in the closure that makes the
//! provider) is caught and answers `OSC_E_INTERNAL_ERROR` (0x80041400). This needs the
//! default `panic = "unwind"`; with `panic = "abort"` the process ends instead.
//!
//! # Errors on the way in
//! Null out-pointers give `E_POINTER` (0x80004003) before the provider is called. A BSTR that
//! is not valid UTF-16, a SAFEARRAY that is not a one-dimensional array of the expected type,
//! a `DATE` outside the years 100 to 9999, and a `GetPeopleDetails` request that is not a
//! readable `hashedAddresses` document give `E_INVALIDARG`. A null BSTR reads as the empty
//! string, except `LogonWeb`'s `connectIn`, where it is "no value" (`None`); a null SAFEARRAY
//! reads as empty.

// The raw pointer work of the crate lives here, and only here.
#![allow(unsafe_code)]
#![warn(clippy::undocumented_unsafe_blocks)]

mod adapters;
pub mod bstr;
pub mod client;
pub mod hresult;
#[cfg(windows)]
pub mod inproc;
pub mod interfaces;
#[cfg(windows)]
mod registry;
pub mod safearray;
pub mod server;
mod sys;

use std::sync::Arc;

use crate::provider::SocialProvider;

pub use interfaces::{
    ISocialPerson, ISocialProfile, ISocialProvider, ISocialSession, ISocialSession2,
};
/// The `windows-core` this module is built on, for its `GUID`, `HRESULT`, `IUnknown` and
/// `Interface` (and for the code [`export_provider!`](crate::export_provider) generates).
pub use windows_core;

/// The COM object for `provider`, as its `ISocialProvider` interface pointer.
///
/// It counts for no [`server::Server`]: use it to hand a provider to COM code directly, or
/// to drive it through the vtables (see [`client::ComProvider`]).
pub fn server_object(provider: Arc<dyn SocialProvider>) -> ISocialProvider {
    adapters::ProviderAdapter::new(provider, server::ModuleRef::none()).into()
}

/// A provider driven through COM: `provider` → [`server_object`] → vtable calls →
/// [`client::ComProvider`]. The result behaves as `provider` does, as far as the OSC can
/// tell.
pub fn through_com(provider: Arc<dyn SocialProvider>) -> client::ComProvider {
    // SAFETY: the objects of `server_object` wrap `Send + Sync` trait objects and answer
    // IAgileObject, as does everything they hand out.
    unsafe { client::ComProvider::new_unchecked(server_object(provider)) }
}
