//! The host's state during a run, and the order of the sequences.

use super::HostOptions;
use super::codes;
use super::step::{ConformanceReport, Record, Step};
use crate::provider::{SocialProvider, SocialSession, SocialSession2};

/// Drives `provider` through the calling sequences its capabilities select, checking every
/// answer, and reports each call as a [`Step`].
///
/// The run never panics because of the provider: a provider panic is caught and reported
/// as a failed step. Calls that need an earlier call's result are skipped when that call
/// failed.
pub fn run(provider: &dyn SocialProvider, options: &HostOptions) -> ConformanceReport {
    let mut host = Host {
        provider,
        options,
        steps: Vec::new(),
        friend_addresses: Vec::new(),
    };
    host.run();
    ConformanceReport { steps: host.steps }
}

/// What a run knows so far.
pub(super) struct Host<'a> {
    pub(super) provider: &'a dyn SocialProvider,
    pub(super) options: &'a HostOptions,
    pub(super) steps: Vec<Step>,
    /// The addresses of the friends `GetFriendsAndColleagues` returned, for on-demand
    /// lookups when the options name no people.
    pub(super) friend_addresses: Vec<Vec<String>>,
}

impl Host<'_> {
    fn run(&mut self) {
        if !self.load() {
            self.skip(
                "GetSession",
                "provider.session()",
                "`Load` failed, and the OSC does not use a provider that does not load",
            );
            return;
        }
        self.provider_properties();
        let capabilities = self.capabilities();
        let site_urls = self.network_details();
        let Some(capabilities) = capabilities else {
            self.skip(
                "GetSession",
                "provider.session()",
                "there are no capabilities to choose the calling sequences by",
            );
            return;
        };
        self.auto_configured_session(&capabilities);
        let site_url = self
            .options
            .site_url
            .clone()
            .or(site_urls.into_iter().next());
        let Some(session) = self.logon(&capabilities, site_url.as_deref()) else {
            self.skip(
                "GetLoggedOnUser",
                "session.logged_on_user()",
                "no session is logged on",
            );
            return;
        };
        let session = session.as_ref();
        let user_id = self.logged_on_user(session);
        self.friends(&capabilities, session, user_id.as_deref());
        self.people(&capabilities, session);
        self.activities(&capabilities, session);
        self.follow(&capabilities, session);
        self.unfollow(&capabilities, session);
    }

    /// Adds a finished step; gives whether it passed.
    pub(super) fn finish(&mut self, record: Record) -> bool {
        let step = record.finish();
        let ok = step.ok();
        self.steps.push(step);
        ok
    }

    /// Adds a step that was not made.
    pub(super) fn skip(&mut self, name: &str, call: &str, reason: impl Into<String>) {
        self.steps.push(Record::new(name, call).skip(reason));
    }

    /// The session's `ISocialSession2`, for a feature the capabilities enable; its absence
    /// is recorded as an error of the step.
    pub(super) fn session2<'s>(
        record: &mut Record,
        session: &'s dyn SocialSession,
        feature: &str,
    ) -> Option<&'s dyn SocialSession2> {
        match record.call(|| Ok(session.session2())) {
            Some(Ok(Some(session2))) => Some(session2),
            Some(_) => {
                record.error(
                    codes::MISSING_SESSION2,
                    format!(
                        "the capabilities set `{feature}`, but the session has no \
                         ISocialSession2 to serve it"
                    ),
                );
                None
            }
            None => None,
        }
    }

    /// The session's `ISocialSession2` where having none is allowed; only a panic is
    /// recorded, as a step of its own.
    pub(super) fn optional_session2<'s>(
        &mut self,
        session: &'s dyn SocialSession,
    ) -> Option<&'s dyn SocialSession2> {
        let mut record = Record::new("QueryInterface(ISocialSession2)", "session.session2()");
        let found = record
            .call(|| Ok(session.session2()))
            .and_then(Result::ok)
            .flatten();
        if record.has_errors() {
            self.finish(record);
        }
        found
    }

    /// The people to look up on demand: the configured ones, or the friends found.
    pub(super) fn lookup_people(&self) -> Vec<Vec<String>> {
        if self.options.people.is_empty() {
            self.friend_addresses.clone()
        } else {
            self.options.people.clone()
        }
    }
}

/// Whether an optional capability flag is set.
pub(super) fn flag(value: Option<bool>) -> bool {
    value == Some(true)
}

/// Quotes a string the way the `call` column shows arguments.
pub(super) fn quote(s: &str) -> String {
    format!("{s:?}")
}
