//! Which schema generation a document belongs to, worked out from its namespace and content.

use crate::model::{Capabilities, Document, Person, Root};
use crate::version::{Namespace, Target, introduced_in};

/// The generation a document is written for: `1.0` for the 1.0 namespace; for the 1.1
/// namespace (or none), `2013` when it uses an element 2013 added, `1.1` otherwise.
///
/// 2013 kept the 1.1 namespace, so only the content can tell the two apart; this picks the
/// oldest generation the content fits.
///
/// ```
/// use osc_schema::json::generation_of;
/// use osc_schema::model::{Document, Person};
/// use osc_schema::xs::BoundedString;
/// use osc_schema::{Namespace, Target};
///
/// let mut person = Person::new("42");
/// assert_eq!(generation_of(&Document::from(person.clone())), Target::Outlook2010);
/// person.skills = Some(BoundedString::new("rust")?);
/// assert_eq!(generation_of(&Document::from(person)), Target::Outlook2013);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn generation_of(document: &Document) -> Target {
    match document.namespace {
        Namespace::Osc10 => Target::BeforeOutlook2010,
        Namespace::Osc11 | Namespace::Absent => newest_element(&document.root)
            .since
            .max(Target::Outlook2010),
    }
}

/// The element of a document that appeared in the latest generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Newest {
    /// Its path from the root, as `/friends/person[2]/skills` (positions count from 1).
    pub path: String,
    /// The generation that introduced it.
    pub since: Target,
}

/// The first element (in schema order) of the latest generation any element of the
/// document belongs to, the root included.
pub(crate) fn newest_element(root: &Root) -> Newest {
    let kind = root.kind();
    let mut newest = Newest {
        path: format!("/{}", kind.name()),
        since: kind.since(),
    };
    match root {
        Root::Capabilities(caps) => {
            consider(
                &mut newest,
                "/capabilities",
                "capabilities",
                &capabilities_fields(caps),
            );
        }
        Root::Person(person) => consider(&mut newest, "/person", "person", &person_fields(person)),
        Root::Friends(friends) => {
            for (i, person) in friends.persons.iter().enumerate() {
                let path = format!("/friends/person[{}]", i + 1);
                consider(&mut newest, &path, "person", &person_fields(person));
            }
        }
        // Every element of the activity feed exists since 1.0, and `hashedAddresses` came
        // with its children in 1.1: the root alone decides.
        Root::ActivityFeed(_) | Root::HashedAddresses(_) => {}
    }
    newest
}

/// Replaces `newest` with the first present element newer than it.
fn consider(newest: &mut Newest, path: &str, parent: &str, fields: &[(&'static str, bool)]) {
    for &(name, present) in fields {
        let Some(since) = introduced_in(parent, name).filter(|_| present) else {
            continue;
        };
        if since > newest.since {
            *newest = Newest {
                path: format!("{path}/{name}"),
                since,
            };
        }
    }
}

/// The optional children of `capabilities` added after 1.0, in schema order, with whether
/// each is present; the elements 1.0 already had cannot raise the generation.
fn capabilities_fields(c: &Capabilities) -> [(&'static str, bool); 10] {
    [
        (
            "dynamicActivitiesLookupEx",
            c.dynamic_activities_lookup_ex.is_some(),
        ),
        ("dynamicContactsLookup", c.dynamic_contacts_lookup.is_some()),
        ("useLogonCached", c.use_logon_cached.is_some()),
        (
            "hideRememberMyPassword",
            c.hide_remember_my_password.is_some(),
        ),
        ("createAccountUrl", c.create_account_url.is_some()),
        ("forgotPasswordUrl", c.forgot_password_url.is_some()),
        (
            "showOnDemandActivitiesWhenMinimized",
            c.show_on_demand_activities_when_minimized.is_some(),
        ),
        (
            "showOnDemandContactsWhenMinimized",
            c.show_on_demand_contacts_when_minimized.is_some(),
        ),
        ("hashFunction", c.hash_function.is_some()),
        (
            "allowChangesToAutoConfigure",
            c.allow_changes_to_auto_configure.is_some(),
        ),
    ]
}

/// The optional children of `person` added after 1.0, in schema order, with whether each is
/// present.
fn person_fields(p: &Person) -> [(&'static str, bool); 20] {
    [
        ("index", p.index.is_some()),
        ("pictureUrl", p.picture_url.is_some()),
        ("friendStatus", p.friend_status.is_some()),
        ("businessAddress", p.business_address.is_some()),
        ("businessCity", p.business_city.is_some()),
        ("businessState", p.business_state.is_some()),
        (
            "businessCountryOrRegion",
            p.business_country_or_region.is_some(),
        ),
        ("businessZip", p.business_zip.is_some()),
        ("otherAddress", p.other_address.is_some()),
        ("otherCity", p.other_city.is_some()),
        ("otherState", p.other_state.is_some()),
        ("otherCountryOrRegion", p.other_country_or_region.is_some()),
        ("otherZip", p.other_zip.is_some()),
        ("website", p.website.is_some()),
        ("askmeabout", p.askmeabout.is_some()),
        ("industries", p.industries.is_some()),
        ("skills", p.skills.is_some()),
        ("interests", p.interests.is_some()),
        ("schools", p.schools.is_some()),
        ("location", p.location.is_some()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActivityFeed, Friends, HashedAddresses};
    use crate::version::{CAPABILITIES_ELEMENTS, PERSON_ELEMENTS};

    /// A value of `name`'s field set from JSON, trying the shapes the model's fields take.
    fn with_field<T: serde::de::DeserializeOwned>(base: serde_json::Value, name: &str) -> T {
        let candidates = [
            serde_json::json!("x"),
            serde_json::json!(true),
            serde_json::json!(1),
            serde_json::json!("friend"),
            serde_json::json!("SHA1"),
            serde_json::json!("male"),
            serde_json::json!("2010-01-01"),
            serde_json::json!("2010-01-01T00:00:00Z"),
        ];
        for value in candidates {
            let mut object = base.clone();
            object[name] = value;
            if let Ok(parsed) = serde_json::from_value(object) {
                return parsed;
            }
        }
        panic!("no test value fits `{name}`");
    }

    /// Each later element of the version tables, set alone, is what raises the generation;
    /// this keeps the field lists above in step with the tables.
    #[test]
    fn every_later_element_raises_the_generation() {
        let caps_base = serde_json::to_value(Capabilities::default()).expect("serialises");
        for &(name, since) in CAPABILITIES_ELEMENTS {
            let caps: Capabilities = with_field(caps_base.clone(), name);
            let newest = newest_element(&Root::Capabilities(caps));
            if since > Target::BeforeOutlook2010 {
                assert_eq!(newest.path, format!("/capabilities/{name}"));
            }
            assert_eq!(newest.since, since, "{name}");
        }
        let person_base = serde_json::to_value(Person::new("1")).expect("serialises");
        for &(name, since) in PERSON_ELEMENTS {
            let person: Person = with_field(person_base.clone(), name);
            let friends = Friends {
                persons: vec![Person::new("0"), person],
            };
            let newest = newest_element(&Root::Friends(friends));
            if since > Target::BeforeOutlook2010 {
                assert_eq!(newest.path, format!("/friends/person[2]/{name}"));
            }
            assert_eq!(newest.since, since, "{name}");
        }
    }

    #[test]
    fn namespace_and_root_decide_when_the_content_does_not() {
        let feed = Document::from(ActivityFeed::default());
        assert_eq!(generation_of(&feed), Target::Outlook2010);
        assert_eq!(
            generation_of(&feed.in_namespace(Namespace::Osc10)),
            Target::BeforeOutlook2010
        );
        let hashed = Document::from(HashedAddresses::default()).in_namespace(Namespace::Absent);
        assert_eq!(generation_of(&hashed), Target::Outlook2010);
        assert_eq!(
            newest_element(&Root::Person(Box::default())),
            Newest {
                path: "/person".into(),
                since: Target::Outlook2010
            }
        );
    }

    #[test]
    fn the_first_element_of_the_newest_generation_is_named() {
        let mut person = Person::new("1");
        person.index = Some(3);
        person.location = Some(crate::xs::BoundedString::new("here").expect("short"));
        person.skills = Some(crate::xs::BoundedString::new("rust").expect("short"));
        assert_eq!(
            newest_element(&Root::Person(Box::new(person))).path,
            "/person/skills"
        );
    }
}
