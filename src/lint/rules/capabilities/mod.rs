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

/// The elements of `capabilities` in schema order, with the value a test document gives
/// the required ones when a test does not set them.
#[cfg(test)]
const CAPABILITIES_ORDER: [(&str, Option<&str>); 22] = [
    ("getFriends", Some("false")),
    ("cacheFriends", Some("false")),
    ("followPerson", Some("false")),
    ("doNotFollowPerson", Some("false")),
    ("getActivities", Some("false")),
    ("cacheActivities", Some("false")),
    ("dynamicActivitiesLookup", None),
    ("displayUrl", Some("false")),
    ("useLogonWebAuth", Some("false")),
    ("hideHyperlinks", None),
    ("supportsAutoConfigure", None),
    ("contactSyncRestartInterval", None),
    ("dynamicActivitiesLookupEx", None),
    ("dynamicContactsLookup", None),
    ("useLogonCached", None),
    ("hideRememberMyPassword", None),
    ("createAccountUrl", None),
    ("forgotPasswordUrl", None),
    ("showOnDemandActivitiesWhenMinimized", None),
    ("showOnDemandContactsWhenMinimized", None),
    ("hashFunction", None),
    ("allowChangesToAutoConfigure", None),
];

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
    for (name, _) in set {
        assert!(
            CAPABILITIES_ORDER.iter().any(|(n, _)| n == name),
            "unknown capability `{name}`"
        );
    }
    let mut xml = format!("<capabilities xmlns=\"{namespace}\">\n");
    for (name, default) in CAPABILITIES_ORDER {
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
