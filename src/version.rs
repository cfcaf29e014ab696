//! The three OSC schema generations, their namespaces, and which element exists in which.
//!
//! | generation | [`Target`] | namespace | what changed |
//! |---|---|---|---|
//! | 1.0 (2009) | [`BeforeOutlook2010`](Target::BeforeOutlook2010) | `http://schemas.microsoft.com/office/outlook/socialprovider.xsd` | the first release |
//! | 1.1 (2010) | [`Outlook2010`](Target::Outlook2010) | `http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd` | `person` and `hashedAddresses` roots, hashed lookups, `index`, `pictureUrl`, `friendStatus` |
//! | 2013 | [`Outlook2013`](Target::Outlook2013) | the 1.1 namespace, unchanged | `capabilities/allowChangesToAutoConfigure` and 17 more `person` fields |
//!
//! Because 2013 kept the 1.1 namespace, a document alone cannot tell 1.1 from 2013; a
//! [`Target`] says which content model to hold it to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Namespace of schema generation 1.0.
pub const NS_1_0: &str = "http://schemas.microsoft.com/office/outlook/socialprovider.xsd";
/// Namespace of schema generation 1.1, kept unchanged by 2013.
pub const NS_1_1: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A schema generation to read, write or validate against, named for the Outlook whose
/// connector holds documents to it.
///
/// The names say which Outlook a provider's documents meet; the labels (`1.0`, `1.1`,
/// `2013`, the serde form and the command line's `--target`) say which schema generation.
/// A document in the 1.0 namespace is held to the 1.0 content model by every connector, so
/// [`Target::BeforeOutlook2010`] is also what an Outlook 2010 or 2013 applies to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Target {
    /// OSC 1.0, the first connector: its schema dates from 2009, before Outlook 2010 was
    /// released, when the connector was an add-in for the Outlooks before it (2003 and 2007).
    /// Has no `person` or `hashedAddresses` root.
    #[serde(rename = "1.0")]
    BeforeOutlook2010,
    /// OSC 1.1, the content model Outlook 2010 validates against (its namespace is dated
    /// 2010/06).
    #[serde(rename = "1.1")]
    Outlook2010,
    /// The content model of Outlook Social Connector 2013, the connector of Office 2013, in
    /// the 1.1 namespace.
    #[serde(rename = "2013")]
    Outlook2013,
}

impl Target {
    /// Every generation, oldest first.
    pub const ALL: [Target; 3] = [
        Target::BeforeOutlook2010,
        Target::Outlook2010,
        Target::Outlook2013,
    ];

    /// The namespace documents of this generation use.
    pub const fn namespace(self) -> &'static str {
        match self {
            Target::BeforeOutlook2010 => NS_1_0,
            Target::Outlook2010 | Target::Outlook2013 => NS_1_1,
        }
    }

    /// The document namespace of this generation.
    pub const fn document_namespace(self) -> Namespace {
        match self {
            Target::BeforeOutlook2010 => Namespace::Osc10,
            Target::Outlook2010 | Target::Outlook2013 => Namespace::Osc11,
        }
    }

    /// The short name used on the command line: `1.0`, `1.1` or `2013`.
    pub const fn label(self) -> &'static str {
        match self {
            Target::BeforeOutlook2010 => "1.0",
            Target::Outlook2010 => "1.1",
            Target::Outlook2013 => "2013",
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "1.0" => Ok(Target::BeforeOutlook2010),
            "1.1" => Ok(Target::Outlook2010),
            "2013" => Ok(Target::Outlook2013),
            other => Err(format!(
                "unknown target `{other}`; expected `1.0`, `1.1` or `2013`"
            )),
        }
    }
}

/// The namespace a document's root is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Namespace {
    /// The 1.0 namespace.
    #[serde(rename = "1.0")]
    Osc10,
    /// The 1.1 namespace (also used by 2013).
    #[default]
    #[serde(rename = "1.1")]
    Osc11,
    /// No namespace: only `hashedAddresses`, which Outlook sends without one.
    Absent,
}

impl Namespace {
    /// The namespace URI, `None` for [`Namespace::Absent`].
    pub const fn uri(self) -> Option<&'static str> {
        match self {
            Namespace::Osc10 => Some(NS_1_0),
            Namespace::Osc11 => Some(NS_1_1),
            Namespace::Absent => None,
        }
    }

    /// Recognises one of the two OSC namespace URIs.
    pub fn from_uri(uri: &str) -> Option<Namespace> {
        match uri {
            NS_1_0 => Some(Namespace::Osc10),
            NS_1_1 => Some(Namespace::Osc11),
            _ => None,
        }
    }

    /// The target a document in this namespace is held to when none is given, as the OSC does:
    /// 1.0 for the 1.0 namespace, 2013 otherwise.
    pub const fn default_target(self) -> Target {
        match self {
            Namespace::Osc10 => Target::BeforeOutlook2010,
            Namespace::Osc11 | Namespace::Absent => Target::Outlook2013,
        }
    }
}

/// The five root elements of OSC documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RootKind {
    /// `capabilities`, from `ISocialProvider::GetCapabilities`.
    Capabilities,
    /// `friends`, a list of persons.
    Friends,
    /// `person`, from `ISocialPerson::GetDetails`.
    Person,
    /// `activityFeed`.
    ActivityFeed,
    /// `hashedAddresses`, the request of `ISocialSession2::GetPeopleDetails`.
    HashedAddresses,
}

impl RootKind {
    /// Every root kind.
    pub const ALL: [RootKind; 5] = [
        RootKind::Capabilities,
        RootKind::Friends,
        RootKind::Person,
        RootKind::ActivityFeed,
        RootKind::HashedAddresses,
    ];

    /// The element name.
    pub const fn name(self) -> &'static str {
        match self {
            RootKind::Capabilities => "capabilities",
            RootKind::Friends => "friends",
            RootKind::Person => "person",
            RootKind::ActivityFeed => "activityFeed",
            RootKind::HashedAddresses => "hashedAddresses",
        }
    }

    /// Looks a root up by its element name.
    pub fn from_name(name: &str) -> Option<RootKind> {
        RootKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The first generation with this root.
    pub const fn since(self) -> Target {
        match self {
            RootKind::Person | RootKind::HashedAddresses => Target::Outlook2010,
            _ => Target::BeforeOutlook2010,
        }
    }
}

impl fmt::Display for RootKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

use Target::{BeforeOutlook2010 as V10, Outlook2010 as V11, Outlook2013 as V2013};

/// The children of `capabilities` in schema order, each with the generation that added it.
pub const CAPABILITIES_ELEMENTS: &[(&str, Target)] = &[
    ("getFriends", V10),
    ("cacheFriends", V10),
    ("followPerson", V10),
    ("doNotFollowPerson", V10),
    ("getActivities", V10),
    ("cacheActivities", V10),
    ("dynamicActivitiesLookup", V10),
    ("displayUrl", V10),
    ("useLogonWebAuth", V10),
    ("hideHyperlinks", V10),
    ("supportsAutoConfigure", V10),
    ("contactSyncRestartInterval", V10),
    ("dynamicActivitiesLookupEx", V11),
    ("dynamicContactsLookup", V11),
    ("useLogonCached", V11),
    ("hideRememberMyPassword", V11),
    ("createAccountUrl", V11),
    ("forgotPasswordUrl", V11),
    ("showOnDemandActivitiesWhenMinimized", V11),
    ("showOnDemandContactsWhenMinimized", V11),
    ("hashFunction", V11),
    ("allowChangesToAutoConfigure", V2013),
];

/// The children of `person` in schema order, each with the generation that added it.
pub const PERSON_ELEMENTS: &[(&str, Target)] = &[
    ("userID", V10),
    ("firstName", V10),
    ("lastName", V10),
    ("fullName", V10),
    ("nickname", V10),
    ("fileAs", V10),
    ("company", V10),
    ("title", V10),
    ("anniversary", V10),
    ("birthday", V10),
    ("emailAddress", V10),
    ("emailAddress2", V10),
    ("emailAddress3", V10),
    ("webProfilePage", V10),
    ("phone", V10),
    ("cell", V10),
    ("homePhone", V10),
    ("workPhone", V10),
    ("address", V10),
    ("city", V10),
    ("state", V10),
    ("countryOrRegion", V10),
    ("zip", V10),
    ("relationship", V10),
    ("creationTime", V10),
    ("lastModificationTime", V10),
    ("expirationTime", V10),
    ("gender", V10),
    ("index", V11),
    ("pictureUrl", V11),
    ("friendStatus", V11),
    ("businessAddress", V2013),
    ("businessCity", V2013),
    ("businessState", V2013),
    ("businessCountryOrRegion", V2013),
    ("businessZip", V2013),
    ("otherAddress", V2013),
    ("otherCity", V2013),
    ("otherState", V2013),
    ("otherCountryOrRegion", V2013),
    ("otherZip", V2013),
    ("website", V2013),
    ("askmeabout", V2013),
    ("industries", V2013),
    ("skills", V2013),
    ("interests", V2013),
    ("schools", V2013),
    ("location", V2013),
];

/// The first generation in which `element` may appear inside `parent`, `None` if it never may.
///
/// Only the elements whose presence differs between generations are listed with a later
/// generation; every other element of the activity feed and of `friends` exists since 1.0.
pub fn introduced_in(parent: &str, element: &str) -> Option<Target> {
    let lookup = |table: &[(&str, Target)]| {
        table
            .iter()
            .find(|(name, _)| *name == element)
            .map(|&(_, t)| t)
    };
    match parent {
        "capabilities" => lookup(CAPABILITIES_ELEMENTS),
        "person" => lookup(PERSON_ELEMENTS),
        "friends" => (element == "person").then_some(V10),
        "hashedAddresses" => (element == "personAddresses").then_some(V11),
        "personAddresses" => (element == "hashedAddress").then_some(V11),
        "activityFeed" => matches!(element, "network" | "activities" | "templates").then_some(V10),
        "activities" => (element == "activityDetails").then_some(V10),
        "activityDetails" => matches!(
            element,
            "ownerID"
                | "objectID"
                | "applicationID"
                | "templateID"
                | "publishDate"
                | "type"
                | "templateVariables"
        )
        .then_some(V10),
        "templateVariables" => (element == "templateVariable").then_some(V10),
        "templateVariable" => matches!(
            element,
            "name"
                | "id"
                | "nameHint"
                | "emailAddress"
                | "profileUrl"
                | "text"
                | "value"
                | "altText"
                | "href"
                | "listItems"
        )
        .then_some(V10),
        "listItems" => (element == "simpleTemplateVariable").then_some(V10),
        "simpleTemplateVariable" => {
            matches!(element, "name" | "text" | "value" | "altText" | "href").then_some(V10)
        }
        "templates" => (element == "activityTemplateContainer").then_some(V10),
        "activityTemplateContainer" => {
            matches!(element, "applicationID" | "templateID" | "activityTemplate").then_some(V10)
        }
        "activityTemplate" => matches!(element, "type" | "title" | "data" | "icon").then_some(V10),
        _ => None,
    }
}

/// Whether `element` inside `parent` exists in `target`.
pub fn exists_in(parent: &str, element: &str, target: Target) -> bool {
    introduced_in(parent, element).is_some_and(|since| since <= target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_print_their_labels() {
        for t in Target::ALL {
            assert_eq!(t.label().parse::<Target>(), Ok(t));
        }
        assert!("1.2".parse::<Target>().is_err());
    }

    #[test]
    fn generations_are_ordered_and_2013_keeps_the_1_1_namespace() {
        assert!(
            Target::BeforeOutlook2010 < Target::Outlook2010
                && Target::Outlook2010 < Target::Outlook2013
        );
        assert_eq!(
            Target::Outlook2013.namespace(),
            Target::Outlook2010.namespace()
        );
        assert_ne!(
            Target::BeforeOutlook2010.namespace(),
            Target::Outlook2010.namespace()
        );
    }

    #[test]
    fn the_2013_additions_are_one_capability_and_17_person_fields() {
        let caps = CAPABILITIES_ELEMENTS
            .iter()
            .filter(|(_, t)| *t == Target::Outlook2013)
            .count();
        let person = PERSON_ELEMENTS
            .iter()
            .filter(|(_, t)| *t == Target::Outlook2013)
            .count();
        assert_eq!((caps, person), (1, 17));
    }

    #[test]
    fn element_existence_follows_the_generation() {
        assert!(exists_in("person", "homePhone", Target::BeforeOutlook2010));
        assert!(!exists_in("person", "index", Target::BeforeOutlook2010));
        assert!(exists_in("person", "index", Target::Outlook2010));
        assert!(!exists_in("person", "skills", Target::Outlook2010));
        assert!(exists_in("person", "skills", Target::Outlook2013));
        assert!(!exists_in(
            "capabilities",
            "hashFunction",
            Target::BeforeOutlook2010
        ));
        assert!(!exists_in("person", "nonsense", Target::Outlook2013));
        assert_eq!(
            RootKind::from_name("person").map(RootKind::since),
            Some(Target::Outlook2010)
        );
    }
}
