//! Getting a logged-on session: the auto-configured session, then `GetSession` and
//! `SiteUrl`, then the one logon the capabilities select.
//!
//! Which logon: `useLogonCached` wins over `useLogonWebAuth` (the OSC then never calls
//! `LogonWeb`, see rule OSC017), and `Logon` with user name and password is what is left.

use super::codes;
use super::run::{Host, flag, quote};
use super::step::Record;
use crate::model::Capabilities;
use crate::provider::{OscError, SocialSession};

/// What `LogonCached` is given on the round trip: the data the first logon returned, the
/// user name, and no password — the point of the cached data is that the user is not
/// asked again.
const NO_PASSWORD: &str = "";

impl Host<'_> {
    /// `GetAutoConfiguredSession`, when the capabilities say `supportsAutoConfigure`: the
    /// session must come back logged on, so `LoggedOnUserID` must answer.
    pub(super) fn auto_configured_session(&mut self, capabilities: &Capabilities) {
        let name = "GetAutoConfiguredSession";
        let call = "provider.auto_configured_session()";
        if !flag(capabilities.supports_auto_configure) {
            self.skip(name, call, "`supportsAutoConfigure` is not set");
            return;
        }
        let mut record = Record::new(name, format!("{call}.logged_on_user_id()"));
        if let Some(session) = record.expect_ok(|| self.provider.auto_configured_session()) {
            if let Some(id) = record.expect_ok(|| session.logged_on_user_id()) {
                if id.trim().is_empty() {
                    record.error(
                        codes::EMPTY_VALUE,
                        "the auto-configured session's logged-on user ID is empty; the session \
                         must come back logged on",
                    );
                }
            }
        }
        self.finish(record);
    }

    /// `GetSession`, `SiteUrl`, and the logon; gives the logged-on session.
    pub(super) fn logon(
        &mut self,
        capabilities: &Capabilities,
        site_url: Option<&str>,
    ) -> Option<Box<dyn SocialSession>> {
        let mut record = Record::new("GetSession", "provider.session()");
        let session = record.expect_ok(|| self.provider.session());
        self.finish(record);
        let session = session?;

        match site_url {
            Some(url) => {
                let mut record =
                    Record::new("SiteUrl", format!("session.set_site_url({})", quote(url)));
                record.expect_ok(|| session.set_site_url(url));
                self.finish(record);
            }
            None => self.skip(
                "SiteUrl",
                "session.set_site_url(…)",
                "there is no site URL to set",
            ),
        }

        let cached = flag(capabilities.use_logon_cached);
        let web = capabilities.use_logon_web_auth;
        let basic = "session.logon(…)";
        let forms = "session.logon_web(…)";
        let with_cache = "session2.logon_cached(…)";
        let logged_on = if cached {
            let logged_on = self.logon_cached(session.as_ref(), site_url);
            let reason = "`useLogonCached` is set: the OSC logs on with LogonCached";
            self.skip("Logon", basic, reason);
            self.skip("LogonWeb", forms, reason);
            logged_on
        } else if web {
            let logged_on = self.logon_web(session.as_ref());
            self.skip(
                "Logon",
                basic,
                "`useLogonWebAuth` is set: the OSC logs on with LogonWeb",
            );
            self.skip("LogonCached", with_cache, "`useLogonCached` is not set");
            logged_on
        } else {
            let (user, password) = (&self.options.user_name, &self.options.password);
            let mut record = Record::new("Logon", format!("session.logon({}, \"…\")", quote(user)));
            record.expect_ok(|| session.logon(user, password));
            let logged_on = self.finish(record);
            self.skip("LogonWeb", forms, "`useLogonWebAuth` is not set");
            self.skip("LogonCached", with_cache, "`useLogonCached` is not set");
            logged_on
        };
        logged_on.then_some(session)
    }

    /// Forms-based logon: `LogonWeb(null)` must answer `OSC_E_AUTH_ERROR`, then
    /// `GetLogonUrl`, then `LogonWeb` with the form's URL. Gives whether the session is
    /// logged on.
    fn logon_web(&mut self, session: &dyn SocialSession) -> bool {
        let mut record = Record::new("LogonWeb (first call)", "session.logon_web(None)");
        record.expect_error(OscError::AuthError, || session.logon_web(None));
        self.finish(record);

        let mut record = Record::new("GetLogonUrl", "session.logon_url()");
        let url = record.expect_ok(|| session.logon_url());
        if url.as_deref().is_some_and(|u| u.trim().is_empty()) {
            record.error(
                codes::EMPTY_VALUE,
                "the logon URL is empty; the OSC has no form to show",
            );
        }
        let url = if self.finish(record) { url } else { None };
        let Some(url) = url else {
            self.skip(
                "LogonWeb",
                "session.logon_web(Some(…))",
                "there is no logon URL to complete the logon with",
            );
            return false;
        };
        let mut record = Record::new(
            "LogonWeb",
            format!("session.logon_web(Some({}))", quote(&url)),
        );
        record.expect_ok(|| session.logon_web(Some(&url)));
        self.finish(record)
    }

    /// Cached logon: with the user's credentials first, then on a fresh session with what
    /// that returned, then with a wrong password, which must answer `OSC_E_AUTH_ERROR`.
    /// Gives whether `session` is logged on.
    fn logon_cached(&mut self, session: &dyn SocialSession, site_url: Option<&str>) -> bool {
        let (user, password) = (&self.options.user_name, &self.options.password);
        let mut record = Record::new(
            "LogonCached",
            format!("session2.logon_cached(\"\", {}, \"…\")", quote(user)),
        );
        let connect_out = Host::session2(&mut record, session, "useLogonCached")
            .and_then(|s2| record.expect_ok(|| s2.logon_cached("", user, password)));
        let logged_on = self.finish(record);

        let name = "LogonCached (cached data)";
        let call = format!(
            "new_session.logon_cached(<what LogonCached returned>, {}, \"\")",
            quote(user)
        );
        match connect_out.filter(|_| logged_on) {
            Some(connect_in) => {
                let mut record = Record::new(name, call);
                if let Some(fresh) = self.fresh_session(&mut record, site_url) {
                    if let Some(s2) = Host::session2(&mut record, fresh.as_ref(), "useLogonCached")
                    {
                        record.expect_ok(|| s2.logon_cached(&connect_in, user, NO_PASSWORD));
                    }
                }
                self.finish(record);
            }
            None => self.skip(name, &call, "the first LogonCached did not log on"),
        }

        let wrong = &self.options.wrong_password;
        let mut record = Record::new(
            "LogonCached (wrong password)",
            format!(
                "new_session.logon_cached(\"\", {}, <a wrong password>)",
                quote(user)
            ),
        );
        if let Some(fresh) = self.fresh_session(&mut record, site_url) {
            if let Some(s2) = Host::session2(&mut record, fresh.as_ref(), "useLogonCached") {
                // The documentation names OSC_E_LOGON_FAILURE here but gives it no value;
                // a failed logon is OSC_E_AUTH_ERROR everywhere else, so that is the contract.
                record.expect_error(OscError::AuthError, || s2.logon_cached("", user, wrong));
            }
        }
        self.finish(record);
        logged_on
    }

    /// Another session, with the site URL set, for a logon of its own.
    fn fresh_session(
        &self,
        record: &mut Record,
        site_url: Option<&str>,
    ) -> Option<Box<dyn SocialSession>> {
        let session = record.expect_ok(|| self.provider.session())?;
        if let Some(url) = site_url {
            record.expect_ok(|| session.set_site_url(url))?;
        }
        Some(session)
    }

    /// `GetLoggedOnUser`, `LoggedOnUserID`, `LoggedOnUserName` and `GetNetworkIdentifier`;
    /// gives the logged-on user's ID.
    pub(super) fn logged_on_user(&mut self, session: &dyn SocialSession) -> Option<String> {
        let mut record = Record::new("GetLoggedOnUser", "session.logged_on_user()");
        record.expect_ok(|| session.logged_on_user());
        self.finish(record);

        let mut record = Record::new("LoggedOnUserID", "session.logged_on_user_id()");
        let id = record.expect_ok(|| session.logged_on_user_id());
        if id.as_deref().is_some_and(|i| i.trim().is_empty()) {
            record.error(codes::EMPTY_VALUE, "the logged-on user's ID is empty");
        }
        let id = if self.finish(record) { id } else { None };

        let mut record = Record::new("LoggedOnUserName", "session.logged_on_user_name()");
        if let Some(name) = record.expect_ok(|| session.logged_on_user_name()) {
            if name.trim().is_empty() {
                record.warning(
                    codes::EMPTY_VALUE,
                    "the logged-on user's name is empty; the account dialog shows it",
                );
            }
        }
        self.finish(record);

        let mut record = Record::new("GetNetworkIdentifier", "session.network_identifier()");
        match record.call(|| session.network_identifier()) {
            Some(Ok(identifier)) if identifier.trim().is_empty() => record.error(
                codes::EMPTY_VALUE,
                "the network identifier is empty; return a string unique to the network, or \
                 E_NOTIMPL",
            ),
            Some(Err(OscError::NotImplemented)) => record.info(
                codes::NOT_IMPLEMENTED,
                "answered E_NOTIMPL, which the documentation allows for this method",
            ),
            Some(Err(e)) => record.unexpected_error(e),
            Some(Ok(_)) | None => {}
        }
        self.finish(record);
        id
    }
}
