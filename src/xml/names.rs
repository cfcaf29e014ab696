//! The element names of the OSC schemas, as `'static` strings, so that reading a document
//! does not allocate a name for every element it opens.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Every element name any generation of the schema declares, sorted.
const NAMES: [&str; 103] = [
    "activities",
    "activityDetails",
    "activityFeed",
    "activityTemplate",
    "activityTemplateContainer",
    "address",
    "allowChangesToAutoConfigure",
    "altText",
    "anniversary",
    "applicationID",
    "askmeabout",
    "birthday",
    "businessAddress",
    "businessCity",
    "businessCountryOrRegion",
    "businessState",
    "businessZip",
    "cacheActivities",
    "cacheFriends",
    "capabilities",
    "cell",
    "city",
    "company",
    "contactSyncRestartInterval",
    "countryOrRegion",
    "createAccountUrl",
    "creationTime",
    "data",
    "displayUrl",
    "doNotFollowPerson",
    "dynamicActivitiesLookup",
    "dynamicActivitiesLookupEx",
    "dynamicContactsLookup",
    "emailAddress",
    "emailAddress2",
    "emailAddress3",
    "expirationTime",
    "fileAs",
    "firstName",
    "followPerson",
    "forgotPasswordUrl",
    "friendStatus",
    "friends",
    "fullName",
    "gender",
    "getActivities",
    "getFriends",
    "hashFunction",
    "hashedAddress",
    "hashedAddresses",
    "hideHyperlinks",
    "hideRememberMyPassword",
    "homePhone",
    "href",
    "icon",
    "id",
    "index",
    "industries",
    "interests",
    "lastModificationTime",
    "lastName",
    "listItems",
    "location",
    "name",
    "nameHint",
    "network",
    "nickname",
    "objectID",
    "otherAddress",
    "otherCity",
    "otherCountryOrRegion",
    "otherState",
    "otherZip",
    "ownerID",
    "person",
    "personAddresses",
    "phone",
    "pictureUrl",
    "profileUrl",
    "publishDate",
    "relationship",
    "schools",
    "showOnDemandActivitiesWhenMinimized",
    "showOnDemandContactsWhenMinimized",
    "simpleTemplateVariable",
    "skills",
    "state",
    "supportsAutoConfigure",
    "templateID",
    "templateVariable",
    "templateVariables",
    "templates",
    "text",
    "title",
    "type",
    "useLogonCached",
    "useLogonWebAuth",
    "userID",
    "value",
    "webProfilePage",
    "website",
    "workPhone",
    "zip",
];

/// The longest name, plus one: names are looked up among those of their length.
const LONGEST: usize = 36;

/// The names by length, with their places in [`NAMES`], so that a lookup compares a name
/// with a handful of others.
fn by_length() -> &'static [Vec<(&'static str, u16)>] {
    static TABLE: OnceLock<Vec<Vec<(&'static str, u16)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); LONGEST];
        for (index, name) in (0u16..).zip(NAMES) {
            table[name.len()].push((name, index));
        }
        table
    })
}

/// The schema name equal to `name`, with its place in the table.
fn lookup(name: &str) -> Option<(&'static str, u16)> {
    by_length()
        .get(name.len())?
        .iter()
        .find(|(known, _)| *known == name)
        .copied()
}

/// `name` as a shared `'static` string when the schemas declare it; an owned copy
/// otherwise (a document may name anything).
pub(crate) fn intern(name: &str) -> Cow<'static, str> {
    match lookup(name) {
        Some((known, _)) => Cow::Borrowed(known),
        None => Cow::Owned(name.to_owned()),
    }
}

/// A two-byte stand-in for `name` when the schemas declare it, turned back into the name by
/// [`known_name`].
pub(crate) fn known_index(name: &str) -> Option<u16> {
    lookup(name).map(|(_, index)| index)
}

/// The name [`known_index`] stood for; empty for an index it never gave.
pub(crate) fn known_name(index: u16) -> &'static str {
    NAMES.get(usize::from(index)).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_distinct_and_fit_the_table() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(NAMES.iter().all(|n| n.len() < LONGEST));
    }

    #[test]
    fn the_names_are_exactly_those_the_schemas_declare() {
        let mut declared = std::collections::BTreeSet::new();
        for g in crate::xsd::oracle::generations() {
            let names = g.element_names();
            assert!(names.len() > 20, "{}: only {} names", g.file, names.len());
            declared.extend(names);
        }
        for name in &declared {
            assert!(
                matches!(intern(name), Cow::Borrowed(_)),
                "`{name}` is missing from NAMES"
            );
        }
        let table: std::collections::BTreeSet<&str> = NAMES.into_iter().collect();
        let undeclared: Vec<_> = table.difference(&declared).collect();
        assert!(undeclared.is_empty(), "no schema declares {undeclared:?}");
    }

    #[test]
    fn other_names_are_copied() {
        assert!(matches!(intern("bogus"), Cow::Owned(s) if s == "bogus"));
        assert!(matches!(intern("person"), Cow::Borrowed("person")));
    }

    #[test]
    fn every_known_name_has_an_index_that_gives_it_back() {
        for name in NAMES {
            let index = known_index(name).expect("a declared name");
            assert_eq!(known_name(index), name);
        }
        assert_eq!(known_index("bogus"), None);
        assert_eq!(known_name(u16::MAX), "");
    }
}
