//! Loading the provider and reading what describes the network: the first calls of both
//! logon sequences, before any session exists.

use super::codes;
use super::inspect::lint_for;
use super::run::{Host, quote};
use super::step::Record;
use crate::lint::Method;
use crate::model::{Capabilities, Root};

impl Host<'_> {
    /// `Load` with the configured interface version and language; gives whether it worked.
    pub(super) fn load(&mut self) -> bool {
        let (version, language) = (&self.options.interface_version, &self.options.language);
        let mut record = Record::new(
            "Load",
            format!("provider.load({}, {})", quote(version), quote(language)),
        );
        record.expect_ok(|| self.provider.load(version, language));
        self.finish(record)
    }

    /// `Version`, `SocialNetworkName` and `SocialNetworkGuid`.
    pub(super) fn provider_properties(&mut self) {
        let mut record = Record::new("Version", "provider.version()");
        if let Some(version) = record.expect_ok(|| self.provider.version()) {
            if version.trim().is_empty() {
                record.error(codes::EMPTY_VALUE, "the provider's version is empty");
            } else if !is_major_minor(&version) {
                record.warning(
                    codes::VERSION_FORMAT,
                    format!(
                        "version {} is not digits in the form Major.Minor (such as 1.4730)",
                        quote(&version)
                    ),
                );
            }
        }
        self.finish(record);

        let mut record = Record::new("SocialNetworkName", "provider.social_network_name()");
        if let Some(name) = record.expect_ok(|| self.provider.social_network_name()) {
            if name.trim().is_empty() {
                record.error(
                    codes::EMPTY_VALUE,
                    "the network's name is empty; the OSC shows it in the account dialog and \
                     names the contacts folder after it",
                );
            }
        }
        self.finish(record);

        let mut record = Record::new("SocialNetworkGuid", "provider.social_network_guid()");
        if let Some(guid) = record.expect_ok(|| self.provider.social_network_guid()) {
            if guid.is_nil() {
                record.error(
                    codes::NIL_GUID,
                    "the network's GUID is all zeros, which identifies no network",
                );
            }
        }
        self.finish(record);
    }

    /// `GetCapabilities`: validated and linted; gives the capabilities when the answer
    /// reads as a `capabilities` document, even one with findings, since the OSC goes on
    /// with what it could read.
    pub(super) fn capabilities(&mut self) -> Option<Capabilities> {
        let mut record = Record::new("GetCapabilities", "provider.capabilities()");
        let answer = record.expect_ok(|| self.provider.capabilities());
        let document = answer
            .as_ref()
            .and_then(|a| record.check_answer(a, lint_for(Method::GetCapabilities)));
        let capabilities = match document.map(|d| d.root) {
            Some(Root::Capabilities(c)) => Some(c),
            _ => None,
        };
        if answer.is_some() && capabilities.is_none() {
            record.error(
                codes::MISSING_CAPABILITY_ANSWER,
                "the answer is not a `capabilities` document the host can read, so no calling \
                 sequence can be chosen",
            );
        }
        self.finish(record);
        capabilities
    }

    /// `SocialNetworkIcon` and `DefaultSiteUrls`; gives the site URLs.
    pub(super) fn network_details(&mut self) -> Vec<String> {
        let mut record = Record::new("SocialNetworkIcon", "provider.social_network_icon()");
        if let Some(icon) = record.expect_ok(|| self.provider.social_network_icon()) {
            record.expect_image("the network icon", &icon);
        }
        self.finish(record);

        let mut record = Record::new("DefaultSiteUrls", "provider.default_site_urls()");
        let urls = record
            .expect_ok(|| self.provider.default_site_urls())
            .unwrap_or_default();
        if urls.is_empty() && self.options.site_url.is_none() && !record.has_errors() {
            record.warning(
                codes::NO_SITE_URL,
                "no site URL: the account dialog has none to offer and the host sets none",
            );
        }
        self.finish(record);
        urls
    }
}

/// `1.4730`, `1.0.0.0`: digit groups joined by dots, at least two.
fn is_major_minor(version: &str) -> bool {
    let groups: Vec<&str> = version.split('.').collect();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::is_major_minor;

    #[test]
    fn version_forms() {
        assert!(is_major_minor("1.4730"));
        assert!(is_major_minor("1.0.0.0"));
        assert!(!is_major_minor("1"));
        assert!(!is_major_minor("v1.2"));
        assert!(!is_major_minor("1..2"));
    }
}
