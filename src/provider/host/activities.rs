//! On-demand activities: `GetActivitiesEx` with the hashed addresses of the people in the
//! People Pane and a start time, then the details of each activity's owner.

use super::codes;
use super::friends::Role;
use super::inspect::lint_activities;
use super::people::{all_hashes, request};
use super::run::{Host, flag};
use super::step::Record;
use crate::model::{Capabilities, Root};
use crate::provider::{OleDate, OscError, SocialSession};
use crate::xs::XsDateTime;

impl Host<'_> {
    /// The on-demand activities sequence, when the capabilities set `getActivities` and
    /// `dynamicActivitiesLookupEx`.
    pub(super) fn activities(&mut self, capabilities: &Capabilities, session: &dyn SocialSession) {
        let name = "GetActivitiesEx";
        let call = "session2.activities_ex(<hashes>, <start time>)";
        if !(capabilities.get_activities && flag(capabilities.dynamic_activities_lookup_ex)) {
            self.skip(
                name,
                call,
                "on-demand activities need both `getActivities` and `dynamicActivitiesLookupEx`",
            );
            return;
        }
        let Some((function, people)) = self.hashed_lookup_inputs(name, call, capabilities) else {
            return;
        };
        let hashes = all_hashes(&request(function, &people, &self.options.unknown_address));
        let start = through_ole_date(&self.options.start_time);
        let mut record = Record::new(
            name,
            format!(
                "session2.activities_ex(<{} {} hashes>, {start})",
                hashes.len(),
                function.as_str()
            ),
        );
        let mut owners: Vec<String> = Vec::new();
        if let Some(session2) = Host::session2(&mut record, session, "dynamicActivitiesLookupEx") {
            match record.call(|| session2.activities_ex(&hashes, &start)) {
                Some(Ok(answer)) => {
                    let document = record.check_answer(&answer, lint_activities(&start));
                    match document.map(|d| d.root) {
                        Some(Root::ActivityFeed(feed)) => {
                            for activity in feed.activities {
                                if !owners.contains(&activity.owner_id) {
                                    owners.push(activity.owner_id);
                                }
                            }
                        }
                        _ => record.error(
                            codes::UNUSABLE_ANSWER,
                            "the answer is not an `activityFeed` the host can read, so no \
                             owner can be looked up",
                        ),
                    }
                }
                Some(Err(e)) if e == OscError::NO_CHANGES => record.info(
                    codes::NO_CHANGES,
                    "answered OSC_E_NO_CHANGES: nothing new since the start time",
                ),
                Some(Err(e)) => record.unexpected_error(e),
                None => {}
            }
        }
        self.finish(record);

        for owner in owners.iter().filter(|o| !o.trim().is_empty()) {
            self.person_details(session, owner, Role::ActivityOwner);
        }
    }
}

/// `start` as the provider receives it through COM: an OLE `DATE` in UTC, read back. A
/// value a `DATE` cannot hold is passed as it is.
fn through_ole_date(start: &XsDateTime) -> XsDateTime {
    OleDate::from_xs(start)
        .and_then(OleDate::to_xs)
        .unwrap_or_else(|_| start.clone())
}
