//! Following and unfollowing people, when the capabilities set `followPerson` and
//! `doNotFollowPerson`.
//!
//! With `ISocialSession2` the OSC calls `FollowPersonEx`, and falls back to `FollowPerson`
//! only when the session has no `ISocialSession2` or `FollowPersonEx` answers `E_NOTIMPL`;
//! the host does the same. For a person the network does not know, both must answer
//! `OSC_E_NOT_FOUND`, as must `UnFollowPerson` for an unknown user ID. (`OSC_E_FAIL` is
//! what they answer when the capability is not set; the host then does not call them.)

use super::codes;
use super::run::{Host, quote};
use super::step::Record;
use crate::model::Capabilities;
use crate::provider::{OscError, SocialSession};

impl Host<'_> {
    /// `FollowPersonEx` or `FollowPerson`, for a known and an unknown person.
    pub(super) fn follow(&mut self, capabilities: &Capabilities, session: &dyn SocialSession) {
        if !capabilities.follow_person {
            let reason = "`followPerson` is not set";
            self.skip("FollowPersonEx", "session2.follow_person_ex(…)", reason);
            self.skip("FollowPerson", "session.follow_person(…)", reason);
            return;
        }
        let follow = &self.options.follow;
        let display_name = &self.options.follow_display_name;
        let unknown = &self.options.unknown_address;
        let session2 = self.optional_session2(session);

        // Whether the OSC would fall back to FollowPerson.
        let mut fall_back = session2.is_none();
        if let Some(session2) = session2 {
            let name = "FollowPersonEx";
            let call = format!(
                "session2.follow_person_ex({follow:?}, {})",
                quote(display_name)
            );
            if follow.is_empty() {
                self.skip(name, &call, "HostOptions::follow names nobody to follow");
            } else {
                let mut record = Record::new(name, call);
                match record.call(|| session2.follow_person_ex(follow, display_name)) {
                    Some(Err(OscError::NotImplemented)) => {
                        fall_back = true;
                        record.info(
                            codes::NOT_IMPLEMENTED,
                            "answered E_NOTIMPL: the OSC calls FollowPerson instead",
                        );
                    }
                    Some(Err(e)) => record.unexpected_error(e),
                    Some(Ok(())) | None => {}
                }
                self.finish(record);
            }
            if !fall_back {
                // The OSC may pass an empty display name, so the unknown person gets one.
                let unknown_list = [unknown.clone()];
                let mut record = Record::new(
                    "FollowPersonEx (unknown person)",
                    format!("session2.follow_person_ex([{}], \"\")", quote(unknown)),
                );
                let result = record.call(|| session2.follow_person_ex(&unknown_list, ""));
                match result {
                    Some(Err(OscError::NotImplemented)) if follow.is_empty() => {
                        fall_back = true;
                        record.info(
                            codes::NOT_IMPLEMENTED,
                            "answered E_NOTIMPL: the OSC calls FollowPerson instead",
                        );
                    }
                    Some(Err(OscError::NotFound)) | None => {}
                    Some(Err(e)) => record.error(
                        codes::WRONG_HRESULT,
                        format!("returned {e}; expected {}", OscError::NotFound),
                    ),
                    Some(Ok(())) => record.error(
                        codes::WRONG_HRESULT,
                        format!("succeeded (S_OK); expected {}", OscError::NotFound),
                    ),
                }
                self.finish(record);
            }
        }

        if !fall_back {
            self.skip(
                "FollowPerson",
                "session.follow_person(…)",
                "FollowPersonEx answered, and the OSC calls FollowPerson only without it",
            );
            return;
        }
        match follow.first() {
            Some(primary) => {
                let mut record = Record::new(
                    "FollowPerson",
                    format!("session.follow_person({})", quote(primary)),
                );
                record.expect_ok(|| session.follow_person(primary));
                self.finish(record);
            }
            None => self.skip(
                "FollowPerson",
                "session.follow_person(…)",
                "HostOptions::follow names nobody to follow",
            ),
        }
        let mut record = Record::new(
            "FollowPerson (unknown person)",
            format!("session.follow_person({})", quote(unknown)),
        );
        record.expect_error(OscError::NotFound, || session.follow_person(unknown));
        self.finish(record);
    }

    /// `UnFollowPerson`, for an unknown user ID and for the configured friend.
    pub(super) fn unfollow(&mut self, capabilities: &Capabilities, session: &dyn SocialSession) {
        if !capabilities.do_not_follow_person {
            self.skip(
                "UnFollowPerson",
                "session.unfollow_person(…)",
                "`doNotFollowPerson` is not set",
            );
            return;
        }
        let unknown = &self.options.unknown_user_id;
        let mut record = Record::new(
            "UnFollowPerson (unknown person)",
            format!("session.unfollow_person({})", quote(unknown)),
        );
        record.expect_error(OscError::NotFound, || session.unfollow_person(unknown));
        self.finish(record);

        match &self.options.unfollow {
            Some(user_id) => {
                let mut record = Record::new(
                    "UnFollowPerson",
                    format!("session.unfollow_person({})", quote(user_id)),
                );
                record.expect_ok(|| session.unfollow_person(user_id));
                self.finish(record);
            }
            None => self.skip(
                "UnFollowPerson",
                "session.unfollow_person(…)",
                "HostOptions::unfollow names nobody to unfollow",
            ),
        }
    }
}
