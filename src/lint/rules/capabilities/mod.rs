//! Rules about `capabilities` and about which generation supports what.

mod osc001_home_phone_unused_1_0;
mod osc002_relationship_unused_1_0;
mod osc003_hide_hyperlinks_ignored_1_0;
mod osc004_dynamic_activities_lookup_deprecated;
mod osc005_cache_activities_ignored;
mod osc010_hash_function_required;
mod osc011_cache_friends_without_get_friends;
mod osc012_dynamic_contacts_without_get_friends;
mod osc013_sync_interval_without_cache_friends;
mod osc014_account_urls_with_hidden_links;
mod osc015_auto_configure_changes_without_support;
mod osc016_no_activities_will_show;
mod osc017_logon_cached_overrides_web_auth;
mod osc018_numeric_boolean;
mod osc019_activity_flags_without_get_activities;
mod osc020_follow_without_friend_source;
mod osc021_minimized_without_lookup;
mod osc022_hash_function_unused;
mod osc023_sync_interval_out_of_range;

use crate::lint::Rule;

/// This group's rules, in ID order.
pub static RULES: &[&dyn Rule] = &[
    &osc001_home_phone_unused_1_0::HomePhoneUnused10,
    &osc002_relationship_unused_1_0::RelationshipUnused10,
    &osc003_hide_hyperlinks_ignored_1_0::HideHyperlinksIgnored10,
    &osc004_dynamic_activities_lookup_deprecated::DynamicActivitiesLookupDeprecated,
    &osc005_cache_activities_ignored::CacheActivitiesIgnored,
    &osc010_hash_function_required::HashFunctionRequired,
    &osc011_cache_friends_without_get_friends::CacheFriendsWithoutGetFriends,
    &osc012_dynamic_contacts_without_get_friends::DynamicContactsWithoutGetFriends,
    &osc013_sync_interval_without_cache_friends::SyncIntervalWithoutCacheFriends,
    &osc014_account_urls_with_hidden_links::AccountUrlsWithHiddenLinks,
    &osc015_auto_configure_changes_without_support::AutoConfigureChangesWithoutSupport,
    &osc016_no_activities_will_show::NoActivitiesWillShow,
    &osc017_logon_cached_overrides_web_auth::LogonCachedOverridesWebAuth,
    &osc018_numeric_boolean::NumericBoolean,
    &osc019_activity_flags_without_get_activities::ActivityFlagsWithoutGetActivities,
    &osc020_follow_without_friend_source::FollowWithoutFriendSource,
    &osc021_minimized_without_lookup::MinimizedWithoutLookup,
    &osc022_hash_function_unused::HashFunctionUnused,
    &osc023_sync_interval_out_of_range::SyncIntervalOutOfRange,
];

/// The elements of `capabilities` in schema order (the 2013 schema has them all), with the
/// value a test document gives the required ones when a test does not set them; read from
/// the compiled schema so that test documents follow it.
#[cfg(test)]
fn capabilities_order() -> Vec<(&'static str, Option<&'static str>)> {
    crate::xsd::embedded(crate::version::Target::Outlook2013)
        .expect("the embedded schema compiles")
        .root_particles("capabilities")
        .iter()
        // Every required switch is an `xs:boolean` (a test below holds the schema to it).
        .map(|p| (&*p.name, (p.min > 0).then_some("false")))
        .collect()
}

/// A `capabilities` document in the 1.1 namespace with the given elements set (the other
/// required ones `false`, the other optional ones absent), in schema order.
#[cfg(test)]
pub(super) fn caps(set: &[(&str, &str)]) -> String {
    caps_in(
        "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd",
        set,
    )
}

/// The same in the 1.0 namespace (the caller sets only 1.0 elements).
#[cfg(test)]
pub(super) fn caps_1_0(set: &[(&str, &str)]) -> String {
    caps_in(
        "http://schemas.microsoft.com/office/outlook/socialprovider.xsd",
        set,
    )
}

#[cfg(test)]
fn caps_in(namespace: &str, set: &[(&str, &str)]) -> String {
    let order = capabilities_order();
    for (name, _) in set {
        assert!(
            order.iter().any(|(n, _)| n == name),
            "unknown capability `{name}`"
        );
    }
    let mut xml = format!("<capabilities xmlns=\"{namespace}\">\n");
    for (name, default) in order {
        let value = set
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .or(default);
        if let Some(value) = value {
            xml.push_str(&format!("  <{name}>{value}</{name}>\n"));
        }
    }
    xml.push_str("</capabilities>\n");
    xml
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::capabilities_order;
    use super::osc018_numeric_boolean::BOOLEANS;
    use crate::xsd::oracle::generations;

    #[test]
    fn test_documents_follow_the_declared_order() {
        let newest = generations().last().expect("three generations");
        let declared: Vec<(&str, Option<&str>)> = newest
            .children_of("capabilities")
            .expect("capabilities has children")
            .iter()
            .map(|c| {
                if c.min > 0 {
                    let simple = newest.simple_child("capabilities", &c.name);
                    assert_eq!(simple.map(|s| s.builtin.as_str()), Some("boolean"));
                }
                (c.name.as_str(), (c.min > 0).then_some("false"))
            })
            .collect();
        assert!(declared.len() > 20);
        assert_eq!(capabilities_order(), declared);
    }

    #[test]
    fn osc018_knows_every_boolean_capability() {
        let mut declared = BTreeSet::new();
        for g in generations() {
            for c in g.children_of("capabilities").expect("capabilities") {
                let simple = g.simple_child("capabilities", &c.name);
                if simple.is_some_and(|s| s.builtin == "boolean") {
                    declared.insert(c.name.as_str());
                }
            }
        }
        assert!(declared.len() > 10, "{declared:?}");
        let listed: BTreeSet<&str> = BOOLEANS.into_iter().collect();
        assert_eq!(listed, declared);
    }
}
