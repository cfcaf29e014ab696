//! A feed's activities with their templates filled in, newest first.
//!
//! # Order
//! Activities are sorted by `publishDate` as instants, newest first. A date without a
//! timezone (as in the documentation's example feed) is taken as UTC, the choice the lint
//! rules make for such dates too; comparing it against dates with a timezone would
//! otherwise be undecided for 28 hours around them. Activities published at the same
//! instant keep their document order; a date too far from the present to count in seconds
//! sorts last.

use std::cmp::Reverse;

use super::fill::Filler;
use super::lookup::{activity_path, instant_assuming_utc, key_of, template_keys};
use super::piece::Piece;
use super::problem::{self, NO_TEMPLATE};
use super::template::{self, Template};
use crate::Diagnostic;
use crate::model::{ActivityFeed, ActivityType};
use crate::xs::XsDateTime;

/// A feed ready to be written: its activities filled in and ordered, and what could not be
/// filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The feed's `network`.
    pub network: String,
    /// The activities, newest first.
    pub activities: Vec<ActivityView>,
    /// Tokens that could not be filled and addresses that were not used, in document order
    /// of their activities; all warnings with a `render::` code.
    pub problems: Vec<Diagnostic>,
}

/// One activity as the People Pane shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityView {
    /// Its position among the feed's activities (0-based, document order).
    pub index: usize,
    /// Its element path, e.g. `/activityFeed/activities/activityDetails[2]`.
    pub path: String,
    /// Its `objectID`.
    pub object_id: String,
    /// The template's `title`, filled in; a placeholder when no template matches.
    pub title: Vec<Piece>,
    /// The template's `data`, filled in; empty when the template has none.
    pub data: Vec<Piece>,
    /// The template's `type`, or the activity's own when the template has none.
    pub activity_type: Option<ActivityType>,
    /// `publishDate`, as written.
    pub publish_date: XsDateTime,
}

/// Fills in every activity of `feed` with the template its `applicationID` and `templateID`
/// select (the first one, when several have them) and orders them newest first.
pub fn resolve(feed: &ActivityFeed) -> Preview {
    let keys = template_keys(feed);
    // Each template is parsed once, however many activities use it.
    let parsed: Vec<(Template, Option<Template>)> = feed
        .templates
        .iter()
        .map(|c| {
            let t = &c.activity_template;
            (
                template::parse(&t.title),
                t.data.as_deref().map(template::parse),
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut keyed: Vec<_> = feed
        .activities
        .iter()
        .enumerate()
        .map(|(index, activity)| {
            let selected = keys.get(&key_of(activity)).copied();
            let template = selected
                .and_then(|j| feed.templates.get(j))
                .map(|c| &c.activity_template);
            let path: String = activity_path(index).into();
            let (title, data) = match selected.and_then(|j| parsed.get(j)) {
                Some((title, data)) => {
                    let mut filler = Filler {
                        activity,
                        index,
                        problems: &mut problems,
                    };
                    let title = filler.field("title", title);
                    let data = data
                        .as_ref()
                        .map(|d| filler.field("data", d))
                        .unwrap_or_default();
                    (title, data)
                }
                None => {
                    problems.push(problem::at(
                        NO_TEMPLATE,
                        path.clone(),
                        format!(
                            "activity `{}` selects applicationID {} and templateID {}, \
                             which no template has",
                            &activity.object_id, activity.application_id, activity.template_id
                        ),
                    ));
                    let placeholder = format!(
                        "no template for applicationID {}, templateID {}",
                        activity.application_id, activity.template_id
                    );
                    (vec![Piece::Unresolved(placeholder)], Vec::new())
                }
            };
            let view = ActivityView {
                index,
                path,
                object_id: activity.object_id.clone(),
                title,
                data,
                activity_type: template
                    .and_then(|t| t.activity_type)
                    .or(activity.activity_type),
                publish_date: activity.publish_date.clone(),
            };
            (Reverse(instant_assuming_utc(&activity.publish_date)), view)
        })
        .collect();
    // `sort_by_key` is stable, so equal instants keep document order; `Reverse` puts newer
    // instants first and the `None` of an unmeasurable date last.
    keyed.sort_by_key(|(key, _)| *key);
    Preview {
        network: feed.network.clone(),
        activities: keyed.into_iter().map(|(_, view)| view).collect(),
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActivityDetails;

    fn at(object_id: &str, date: &str) -> ActivityDetails {
        let date = XsDateTime::parse(date).unwrap_or_else(|e| panic!("{e}"));
        ActivityDetails::new("1", object_id, 1, 1, date)
    }

    fn order(feed: &ActivityFeed) -> Vec<String> {
        resolve(feed)
            .activities
            .into_iter()
            .map(|a| a.object_id)
            .collect()
    }

    #[test]
    fn newest_first_as_instants_with_ties_in_document_order() {
        let feed = ActivityFeed {
            network: "N".into(),
            activities: vec![
                at("old", "2024-01-01T00:00:00Z"),
                // 2024-01-01T10:00:00Z, later than `local-utc` despite the smaller hour.
                at("offset", "2024-01-01T05:00:00-05:00"),
                at("local-utc", "2024-01-01T09:00:00"),
                at("tie-1", "2024-01-01T00:00:00+00:00"),
                at("far", "-999999999999999-01-01T00:00:00Z"),
                at("tie-2", "2024-01-01T01:00:00+01:00"),
            ],
            templates: Vec::new(),
        };
        assert_eq!(
            order(&feed),
            ["offset", "local-utc", "old", "tie-1", "tie-2", "far"]
        );
    }

    #[test]
    fn an_activity_without_template_is_a_placeholder_and_a_problem() {
        let feed = ActivityFeed {
            network: "N".into(),
            activities: vec![at("a", "2024-01-01T00:00:00Z")],
            templates: Vec::new(),
        };
        let preview = resolve(&feed);
        assert!(matches!(
            preview.activities[0].title.as_slice(),
            [Piece::Unresolved(p)] if p == "no template for applicationID 1, templateID 1"
        ));
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(preview.problems[0].code, NO_TEMPLATE);
        assert_eq!(
            preview.problems[0].location.path,
            "/activityFeed/activities/activityDetails[1]"
        );
    }
}
