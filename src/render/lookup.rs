//! How an activity finds its template and the variables its tokens name.
//!
//! The preview and the lint rules about feeds share these, so that a token the linter
//! accepts is one the preview fills, and the other way round.

use crate::xml::ElementPath;
use std::collections::HashMap;

use super::template::{Token, TokenKind};
use crate::model::{ActivityDetails, ActivityFeed, SimpleTemplateVariable, TemplateVariable};
use crate::xs::XsDateTime;
use crate::xsd::suggest::closest;

/// The most items a list displays; the documentation allows five links, five texts or five
/// pictures.
pub(crate) const MAX_LIST_ITEMS: usize = 5;

/// The path of the `i`th activity (0-based).
pub(crate) fn activity_path(i: usize) -> ElementPath {
    ElementPath::root("activityFeed")
        .child("activities")
        .nth("activityDetails", i + 1)
}

/// The path of the `k`th variable (0-based) of the `i`th activity.
pub(crate) fn variable_path(i: usize, k: usize) -> ElementPath {
    activity_path(i)
        .child("templateVariables")
        .nth("templateVariable", k + 1)
}

/// The path of the `m`th item (0-based) of the `k`th variable of the `i`th activity.
pub(crate) fn item_path(i: usize, k: usize, m: usize) -> ElementPath {
    variable_path(i, k)
        .child("listItems")
        .nth("simpleTemplateVariable", m + 1)
}

/// For each `applicationID` and `templateID` pair, the index of the first container that
/// has it: the template activities with that pair select.
pub(crate) fn template_keys(feed: &ActivityFeed) -> HashMap<(u64, u64), usize> {
    let mut keys = HashMap::new();
    for (j, c) in feed.templates.iter().enumerate() {
        keys.entry((c.application_id, c.template_id)).or_insert(j);
    }
    keys
}

/// The key an activity selects its template by.
pub(crate) fn key_of(activity: &ActivityDetails) -> (u64, u64) {
    (activity.application_id, activity.template_id)
}

/// The variable a token's name refers to, with its index: the first with that name, as
/// names are meant to be unique within an activity (OSC071 reports duplicates).
pub(crate) fn variable_named<'a>(
    activity: &'a ActivityDetails,
    name: &str,
) -> Option<(usize, &'a TemplateVariable)> {
    activity
        .template_variables
        .iter()
        .enumerate()
        .find(|(_, v)| v.name == name)
}

/// The name a token most likely meant when it names nothing: the variable's (or, for the
/// item of a list that exists, the list item's) name that differs from the token's only in
/// case or by a typo. The preview and OSC053 both offer it.
pub(crate) fn closest_name<'a>(activity: &'a ActivityDetails, token: &Token) -> Option<&'a str> {
    if let (TokenKind::List { item }, Some((_, list))) =
        (&token.kind, variable_named(activity, &token.name))
    {
        let items = list.list_items.as_deref().unwrap_or_default();
        return closest(&item.name, items.iter().map(|i| i.name.as_str()));
    }
    let names = activity.template_variables.iter().map(|v| v.name.as_str());
    closest(&token.name, names)
}

/// "did you mean …?" for the name [`closest_name`] found.
pub(crate) fn did_you_mean(name: &str) -> String {
    format!(
        "did you mean {}? Names are matched exactly, case included",
        crate::text::quoted(name)
    )
}

/// The items of a list that a list token's item names, with their indexes, in order.
pub(crate) fn items_named<'a>(
    items: &'a [SimpleTemplateVariable],
    name: &'a str,
) -> impl Iterator<Item = (usize, &'a SimpleTemplateVariable)> {
    items
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.name == name)
}

/// A date-time as an instant, taking one without a timezone as UTC; `None` only for years
/// too far out to count in seconds.
pub(crate) fn instant_assuming_utc(d: &XsDateTime) -> Option<(i64, u32)> {
    d.to_utc_instant().or_else(|| {
        XsDateTime::parse(&format!("{}Z", d.as_str()))
            .ok()?
            .to_utc_instant()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_count_from_one() {
        assert_eq!(
            item_path(1, 0, 2).as_str(),
            "/activityFeed/activities/activityDetails[2]/templateVariables/\
             templateVariable[1]/listItems/simpleTemplateVariable[3]"
        );
    }

    #[test]
    fn a_date_without_timezone_counts_as_utc() {
        let local = XsDateTime::parse("2010-03-08T18:30:00").ok();
        let utc = XsDateTime::parse("2010-03-08T18:30:00Z").ok();
        assert_eq!(
            local.as_ref().and_then(instant_assuming_utc),
            utc.as_ref().and_then(XsDateTime::to_utc_instant)
        );
    }
}
