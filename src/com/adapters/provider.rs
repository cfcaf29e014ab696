//! `ISocialProvider` over [`SocialProvider`].

use std::ffi::c_void;
use std::sync::Arc;

use windows_core::{GUID, HRESULT, implement};

use super::session::session_object;
use super::{Out, arg, array_result, object_result, run, string_result, xml};
use crate::com::bstr::{BSTR, Bstr};
use crate::com::interfaces::{ISocialProvider, ISocialProvider_Impl};
use crate::com::safearray::{SAFEARRAY, SafeArray};
use crate::com::server::ModuleRef;
use crate::provider::SocialProvider;

/// The provider object: the one Outlook creates, through the class factory.
#[implement(ISocialProvider)]
pub(crate) struct ProviderAdapter {
    provider: Arc<dyn SocialProvider>,
    module: ModuleRef,
}

impl ProviderAdapter {
    pub(crate) fn new(provider: Arc<dyn SocialProvider>, module: ModuleRef) -> ProviderAdapter {
        ProviderAdapter { provider, module }
    }
}

const _: () = super::agile::<ProviderAdapter>();

// SAFETY (for every method): COM callers pass out-pointers that are null or writable, and
// in-arguments that are null or live for the call; the helpers check for null.
impl ISocialProvider_Impl for ProviderAdapter_Impl {
    unsafe fn GetCapabilities(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || xml(self.provider.capabilities()?)) }
    }

    unsafe fn get_Version(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.provider.version()) }
    }

    unsafe fn GetSession(&self, result: *mut *mut c_void) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            object_result(result, || {
                Ok(session_object(
                    self.provider.session()?,
                    self.module.clone(),
                ))
            })
        }
    }

    unsafe fn GetAutoConfiguredSession(&self, result: *mut *mut c_void) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            object_result(result, || {
                let session = self.provider.auto_configured_session()?;
                Ok(session_object(session, self.module.clone()))
            })
        }
    }

    unsafe fn get_DefaultSiteUrls(&self, result: *mut *mut SAFEARRAY) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            array_result(result, || {
                SafeArray::from_strings(&self.provider.default_site_urls()?)
            })
        }
    }

    unsafe fn get_SocialNetworkIcon(&self, result: *mut *mut SAFEARRAY) -> HRESULT {
        // SAFETY: see the impl.
        unsafe {
            array_result(result, || {
                SafeArray::from_bytes(&self.provider.social_network_icon()?)
            })
        }
    }

    unsafe fn get_SocialNetworkName(&self, result: *mut BSTR) -> HRESULT {
        // SAFETY: see the impl.
        unsafe { string_result(result, || self.provider.social_network_name()) }
    }

    unsafe fn get_SocialNetworkGuid(&self, result: *mut GUID) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let out = unsafe { Out::new(result, GUID::zeroed()) }?;
            let guid = self.provider.social_network_guid()?;
            out.set(GUID::from_u128(guid.to_u128()));
            Ok(())
        })
    }

    unsafe fn GetStatusSettings(&self, status_default: *mut BSTR, max_length: *mut i32) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let (text_out, length_out) = unsafe {
                (
                    Out::new(status_default, std::ptr::null_mut())?,
                    Out::new(max_length, 0)?,
                )
            };
            let (text, length) = self.provider.status_settings()?;
            text_out.set(Bstr::new(&text)?.into_raw());
            length_out.set(length);
            Ok(())
        })
    }

    unsafe fn Load(&self, interface_version: BSTR, language_tag: BSTR) -> HRESULT {
        run(|| {
            // SAFETY: see the impl.
            let (version, language) = unsafe { (arg(interface_version)?, arg(language_tag)?) };
            self.provider.load(&version, &language)
        })
    }
}
