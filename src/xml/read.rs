//! Reading documents into the model.
//!
//! The reader is strict: an unknown element, a second occurrence of a single element, a
//! missing required one, a value its type rejects, or text where none belongs is an
//! [`Error`] with its position. Elements may come in any order; putting them back in schema
//! order is the writer's job. Finding *all* problems of a document is the validator's job.

use super::cursor::{Cursor, Element, Items};
use super::decode::decode;
use super::fields::{self, fill, required};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::error::{Error, TextPos};
use crate::limits::Limits;
use crate::model::*;
use crate::version::{NS_1_0, NS_1_1, Namespace, RootKind};

/// How to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Map known, unambiguous mistakes to their fix instead of refusing them: an `https`
    /// OSC namespace becomes `http`, `nonfriend` becomes `notfriend`. Each fix is reported
    /// in [`Parsed::notes`].
    pub lenient: bool,
    /// Bounds on the document; past one, reading stops with [`Error::Limit`].
    pub limits: Limits,
}

/// A document read from bytes, with what was noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// Warnings (such as a declared encoding the bytes do not use) and, in lenient mode,
    /// the fixes applied.
    pub notes: Vec<Diagnostic>,
}

/// Reads a document from text. Any encoding the declaration names is ignored: the text is
/// already decoded.
///
/// # Errors
/// When the text is not well-formed or does not fit the model; see the module docs.
pub fn read_str(text: &str) -> Result<Document, Error> {
    Ok(read_text(text, ReadOptions::default())?.document)
}

/// Reads a document from bytes: UTF-8 with or without a byte order mark, or UTF-16 with one.
///
/// # Errors
/// As [`read_str`], and when the bytes cannot be decoded.
pub fn read_bytes(bytes: &[u8]) -> Result<Parsed, Error> {
    read_bytes_with(bytes, ReadOptions::default())
}

/// [`read_bytes`] with options.
///
/// # Errors
/// As [`read_bytes`].
pub fn read_bytes_with(bytes: &[u8], options: ReadOptions) -> Result<Parsed, Error> {
    let decoded = decode(bytes)?;
    let mut parsed = read_text(&decoded.text, options)?;
    let mut notes = decoded.warnings;
    notes.append(&mut parsed.notes);
    parsed.notes = notes;
    Ok(parsed)
}

fn read_text(text: &str, options: ReadOptions) -> Result<Parsed, Error> {
    let mut c = Cursor::in_text(text, options.lenient, options.limits);
    let root = c.root()?;
    let (namespace, kind) = identify_root(&mut c, &root)?;
    let body = read_root(&mut c, &root, kind)?;
    c.finish()?;
    Ok(Parsed {
        document: Document {
            namespace,
            root: body,
        },
        notes: c.notes,
    })
}

/// Works out the root's kind and namespace, and sets the namespace its children must use.
pub(crate) fn identify_root<R: Items>(
    c: &mut Cursor<R>,
    root: &Element,
) -> Result<(Namespace, RootKind), Error> {
    let found = root.foreign_namespace.clone().flatten();
    let root_pos = c.locate(root.pos);
    let unknown = |expected: &str| Error::UnknownRoot {
        name: root.name.to_string(),
        namespace: found.clone(),
        expected: expected.to_owned(),
        pos: root_pos,
    };
    let expected_roots = "`capabilities`, `friends`, `person`, `activityFeed` or `hashedAddresses`";
    let kind = RootKind::from_name(&root.name)
        .ok_or_else(|| unknown(&format!("one of {expected_roots}")))?;
    let expected_ns = || format!("namespace `{NS_1_1}` (or `{NS_1_0}` for OSC 1.0)");
    let namespace = match found.as_deref() {
        Some(uri) => match Namespace::from_uri(uri) {
            Some(ns) => ns,
            None => match (c.lenient, https_to_http(uri)) {
                (true, Some(ns)) => {
                    c.notes.push(fix_note(
                        "fix::https-namespace",
                        format!("namespace `{uri}` changed to `{}`", ns.uri().unwrap_or("")),
                        root_pos,
                    ));
                    ns
                }
                _ => return Err(unknown(&expected_ns())),
            },
        },
        None if kind == RootKind::HashedAddresses => Namespace::Absent,
        None => return Err(unknown(&expected_ns())),
    };
    c.expect_namespace(found.as_deref());
    Ok((namespace, kind))
}

/// The OSC namespace an `https://` spelling of it stands for.
fn https_to_http(uri: &str) -> Option<Namespace> {
    let rest = uri.strip_prefix("https://")?;
    Namespace::from_uri(&format!("http://{rest}"))
}

pub(crate) fn fix_note(code: &str, message: String, at: TextPos) -> Diagnostic {
    Diagnostic::new(
        code,
        Severity::Info,
        message,
        Location {
            path: String::new(),
            span: 0..0,
            line: at.line,
            column: at.column,
        },
    )
}

pub(crate) fn read_root<R: Items>(
    c: &mut Cursor<R>,
    root: &Element,
    kind: RootKind,
) -> Result<Root, Error> {
    c.no_attributes(root)?;
    Ok(match kind {
        RootKind::Capabilities => Root::Capabilities(read_capabilities(c, root)?),
        RootKind::Friends => {
            let mut persons = Vec::new();
            while let Some(child) = c.next_child(root)? {
                match child.name.as_ref() {
                    "person" => persons.push(read_person(c, &child)?),
                    _ => return Err(c.unexpected(&child, root)),
                }
            }
            Root::Friends(Friends { persons })
        }
        RootKind::Person => Root::Person(Box::new(read_person(c, root)?)),
        RootKind::ActivityFeed => Root::ActivityFeed(read_feed(c, root, &mut |_| {})?),
        RootKind::HashedAddresses => Root::HashedAddresses(read_hashed(c, root)?),
    })
}

fn read_capabilities<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<Capabilities, Error> {
    use fields::boolean as b;
    let p = "capabilities";
    let mut caps = Capabilities::default();
    let mut req: [Option<bool>; 8] = [None; 8];
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "getFriends" => fill(c, &mut req[0], &ch, p, b)?,
            "cacheFriends" => fill(c, &mut req[1], &ch, p, b)?,
            "followPerson" => fill(c, &mut req[2], &ch, p, b)?,
            "doNotFollowPerson" => fill(c, &mut req[3], &ch, p, b)?,
            "getActivities" => fill(c, &mut req[4], &ch, p, b)?,
            "cacheActivities" => fill(c, &mut req[5], &ch, p, b)?,
            "displayUrl" => fill(c, &mut req[6], &ch, p, b)?,
            "useLogonWebAuth" => fill(c, &mut req[7], &ch, p, b)?,
            "dynamicActivitiesLookup" => fill(c, &mut caps.dynamic_activities_lookup, &ch, p, b)?,
            "hideHyperlinks" => fill(c, &mut caps.hide_hyperlinks, &ch, p, b)?,
            "supportsAutoConfigure" => fill(c, &mut caps.supports_auto_configure, &ch, p, b)?,
            "contactSyncRestartInterval" => fill(
                c,
                &mut caps.contact_sync_restart_interval,
                &ch,
                p,
                fields::unsigned_int,
            )?,
            "dynamicActivitiesLookupEx" => {
                fill(c, &mut caps.dynamic_activities_lookup_ex, &ch, p, b)?
            }
            "dynamicContactsLookup" => fill(c, &mut caps.dynamic_contacts_lookup, &ch, p, b)?,
            "useLogonCached" => fill(c, &mut caps.use_logon_cached, &ch, p, b)?,
            "hideRememberMyPassword" => fill(c, &mut caps.hide_remember_my_password, &ch, p, b)?,
            "createAccountUrl" => fill(c, &mut caps.create_account_url, &ch, p, fields::any_uri)?,
            "forgotPasswordUrl" => fill(c, &mut caps.forgot_password_url, &ch, p, fields::any_uri)?,
            "showOnDemandActivitiesWhenMinimized" => fill(
                c,
                &mut caps.show_on_demand_activities_when_minimized,
                &ch,
                p,
                b,
            )?,
            "showOnDemandContactsWhenMinimized" => fill(
                c,
                &mut caps.show_on_demand_contacts_when_minimized,
                &ch,
                p,
                b,
            )?,
            "hashFunction" => fill(c, &mut caps.hash_function, &ch, p, |c, e| {
                fields::enumerated(c, e, HashFunction::parse, &["SHA1", "MD5", "CRC32MD5"])
            })?,
            "allowChangesToAutoConfigure" => {
                fill(c, &mut caps.allow_changes_to_auto_configure, &ch, p, b)?
            }
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    let names = [
        "getFriends",
        "cacheFriends",
        "followPerson",
        "doNotFollowPerson",
        "getActivities",
        "cacheActivities",
        "displayUrl",
        "useLogonWebAuth",
    ];
    let mut values = [false; 8];
    for (i, (slot, name)) in req.into_iter().zip(names).enumerate() {
        values[i] = required(c, slot, name, el)?;
    }
    let [gf, cf, fp, dnfp, ga, ca, du, ulwa] = values;
    caps.get_friends = gf;
    caps.cache_friends = cf;
    caps.follow_person = fp;
    caps.do_not_follow_person = dnfp;
    caps.get_activities = ga;
    caps.cache_activities = ca;
    caps.display_url = du;
    caps.use_logon_web_auth = ulwa;
    Ok(caps)
}

fn friend_status<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<FriendStatus, Error> {
    let (text, at) = c.text(e)?;
    if c.lenient && text == "nonfriend" {
        let pos = c.locate(e.pos);
        c.notes.push(fix_note(
            "fix::nonfriend",
            "`nonfriend` changed to `notfriend`, the schema's spelling".into(),
            pos,
        ));
        return Ok(FriendStatus::NotFriend);
    }
    fields::enum_value(
        &e.name,
        &text,
        || c.locate(at),
        FriendStatus::parse,
        &["friend", "notfriend", "pending", "pendingin", "pendingout"],
    )
}

/// Reads the content of a `person` element (a `friends` child or the `person` root).
pub(crate) fn read_person<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<Person, Error> {
    use fields::bounded as s;
    c.no_attributes(el)?;
    let p = "person";
    let mut person = Person::default();
    let mut user_id = None;
    while let Some(ch) = c.next_child(el)? {
        let x = &mut person;
        match ch.name.as_ref() {
            "userID" => fill(c, &mut user_id, &ch, p, fields::string)?,
            "firstName" => fill(c, &mut x.first_name, &ch, p, s)?,
            "lastName" => fill(c, &mut x.last_name, &ch, p, s)?,
            "fullName" => fill(c, &mut x.full_name, &ch, p, s)?,
            "nickname" => fill(c, &mut x.nickname, &ch, p, s)?,
            "fileAs" => fill(c, &mut x.file_as, &ch, p, s)?,
            "company" => fill(c, &mut x.company, &ch, p, s)?,
            "title" => fill(c, &mut x.title, &ch, p, s)?,
            "anniversary" => fill(c, &mut x.anniversary, &ch, p, fields::date)?,
            "birthday" => fill(c, &mut x.birthday, &ch, p, fields::date)?,
            "emailAddress" => fill(c, &mut x.email_address, &ch, p, fields::string)?,
            "emailAddress2" => fill(c, &mut x.email_address2, &ch, p, fields::string)?,
            "emailAddress3" => fill(c, &mut x.email_address3, &ch, p, fields::string)?,
            "webProfilePage" => fill(c, &mut x.web_profile_page, &ch, p, fields::string)?,
            "phone" => fill(c, &mut x.phone, &ch, p, s)?,
            "cell" => fill(c, &mut x.cell, &ch, p, s)?,
            "homePhone" => fill(c, &mut x.home_phone, &ch, p, s)?,
            "workPhone" => fill(c, &mut x.work_phone, &ch, p, s)?,
            "address" => fill(c, &mut x.address, &ch, p, s)?,
            "city" => fill(c, &mut x.city, &ch, p, s)?,
            "state" => fill(c, &mut x.state, &ch, p, s)?,
            "countryOrRegion" => fill(c, &mut x.country_or_region, &ch, p, s)?,
            "zip" => fill(c, &mut x.zip, &ch, p, s)?,
            "relationship" => fill(c, &mut x.relationship, &ch, p, s)?,
            "creationTime" => fill(c, &mut x.creation_time, &ch, p, fields::date_time)?,
            "lastModificationTime" => {
                fill(c, &mut x.last_modification_time, &ch, p, fields::date_time)?
            }
            "expirationTime" => fill(c, &mut x.expiration_time, &ch, p, fields::date_time)?,
            "gender" => fill(c, &mut x.gender, &ch, p, |c, e| {
                fields::enumerated(c, e, Gender::parse, &["male", "female", "unspecified"])
            })?,
            "index" => fill(c, &mut x.index, &ch, p, fields::int)?,
            "pictureUrl" => fill(c, &mut x.picture_url, &ch, p, fields::string)?,
            "friendStatus" => fill(c, &mut x.friend_status, &ch, p, friend_status)?,
            "businessAddress" => fill(c, &mut x.business_address, &ch, p, s)?,
            "businessCity" => fill(c, &mut x.business_city, &ch, p, s)?,
            "businessState" => fill(c, &mut x.business_state, &ch, p, s)?,
            "businessCountryOrRegion" => fill(c, &mut x.business_country_or_region, &ch, p, s)?,
            "businessZip" => fill(c, &mut x.business_zip, &ch, p, s)?,
            "otherAddress" => fill(c, &mut x.other_address, &ch, p, s)?,
            "otherCity" => fill(c, &mut x.other_city, &ch, p, s)?,
            "otherState" => fill(c, &mut x.other_state, &ch, p, s)?,
            "otherCountryOrRegion" => fill(c, &mut x.other_country_or_region, &ch, p, s)?,
            "otherZip" => fill(c, &mut x.other_zip, &ch, p, s)?,
            "website" => fill(c, &mut x.website, &ch, p, s)?,
            "askmeabout" => fill(c, &mut x.askmeabout, &ch, p, s)?,
            "industries" => fill(c, &mut x.industries, &ch, p, s)?,
            "skills" => fill(c, &mut x.skills, &ch, p, s)?,
            "interests" => fill(c, &mut x.interests, &ch, p, s)?,
            "schools" => fill(c, &mut x.schools, &ch, p, s)?,
            "location" => fill(c, &mut x.location, &ch, p, s)?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    person.user_id = required(c, user_id, "userID", el)?;
    Ok(person)
}

fn read_hashed<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<HashedAddresses, Error> {
    let mut out = HashedAddresses::default();
    while let Some(ch) = c.next_child(el)? {
        if ch.name != "personAddresses" {
            return Err(c.unexpected(&ch, el));
        }
        let index = index_attribute(c, &ch)?;
        let mut hashed_addresses = Vec::new();
        while let Some(h) = c.next_child(&ch)? {
            match h.name.as_ref() {
                "hashedAddress" => hashed_addresses.push(fields::string(c, &h)?),
                _ => return Err(c.unexpected(&h, &ch)),
            }
        }
        out.person_addresses.push(PersonAddresses {
            index,
            hashed_addresses,
        });
    }
    Ok(out)
}

fn index_attribute<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<i32, Error> {
    let mut index = None;
    for (name, value) in &el.attributes {
        if name != "index" {
            return Err(Error::Attribute {
                element: el.name.to_string(),
                message: format!("unexpected attribute `{name}`"),
                pos: c.locate(el.pos),
            });
        }
        index = Some(
            crate::xs::parse_int(value).map_err(|e| Error::InvalidValue {
                field: "index".into(),
                message: e.to_string(),
                pos: c.locate(el.pos),
            })?,
        );
    }
    index.ok_or_else(|| Error::Attribute {
        element: el.name.to_string(),
        message: "required attribute `index` is missing".into(),
        pos: c.locate(el.pos),
    })
}

/// The value of the required `type` attribute, the only attribute these elements have.
fn type_attribute<'e, R: Items>(c: &mut Cursor<R>, el: &'e Element) -> Result<&'e str, Error> {
    let mut found = None;
    for (name, value) in &el.attributes {
        if name != "type" {
            return Err(Error::Attribute {
                element: el.name.to_string(),
                message: format!("unexpected attribute `{name}`"),
                pos: c.locate(el.pos),
            });
        }
        found = Some(value.as_str());
    }
    found.ok_or_else(|| Error::Attribute {
        element: el.name.to_string(),
        message: "required attribute `type` is missing".into(),
        pos: c.locate(el.pos),
    })
}

fn activity_type<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<ActivityType, Error> {
    fields::enumerated(
        c,
        e,
        ActivityType::parse,
        &["Status Update", "Photo", "Document", "Other"],
    )
}

/// Reads an `activityFeed`, showing each activity to `each_activity` as soon as it is read.
pub(crate) fn read_feed<R: Items>(
    c: &mut Cursor<R>,
    el: &Element,
    each_activity: &mut dyn FnMut(&ActivityDetails),
) -> Result<ActivityFeed, Error> {
    let p = "activityFeed";
    let (mut network, mut activities, mut templates) = (None, None, None);
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "network" => fill(c, &mut network, &ch, p, fields::string)?,
            "activities" => fill(c, &mut activities, &ch, p, |c, e| {
                c.no_attributes(e)?;
                let mut list = Vec::new();
                while let Some(a) = c.next_child(e)? {
                    match a.name.as_ref() {
                        "activityDetails" => {
                            let activity = read_activity(c, &a)?;
                            each_activity(&activity);
                            list.push(activity);
                        }
                        _ => return Err(c.unexpected(&a, e)),
                    }
                }
                Ok(list)
            })?,
            "templates" => fill(c, &mut templates, &ch, p, |c, e| {
                c.no_attributes(e)?;
                let mut list = Vec::new();
                while let Some(t) = c.next_child(e)? {
                    match t.name.as_ref() {
                        "activityTemplateContainer" => list.push(read_container(c, &t)?),
                        _ => return Err(c.unexpected(&t, e)),
                    }
                }
                Ok(list)
            })?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    Ok(ActivityFeed {
        network: required(c, network, "network", el)?,
        activities: required(c, activities, "activities", el)?,
        templates: required(c, templates, "templates", el)?,
    })
}

fn read_activity<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<ActivityDetails, Error> {
    c.no_attributes(el)?;
    let p = "activityDetails";
    let (mut owner, mut object, mut app, mut tpl, mut date, mut kind, mut vars) =
        (None, None, None, None, None, None, None);
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "ownerID" => fill(c, &mut owner, &ch, p, fields::string)?,
            "objectID" => fill(c, &mut object, &ch, p, fields::string)?,
            "applicationID" => fill(c, &mut app, &ch, p, fields::unsigned_long)?,
            "templateID" => fill(c, &mut tpl, &ch, p, fields::unsigned_long)?,
            "publishDate" => fill(c, &mut date, &ch, p, fields::date_time)?,
            "type" => fill(c, &mut kind, &ch, p, activity_type)?,
            "templateVariables" => fill(c, &mut vars, &ch, p, |c, e| {
                c.no_attributes(e)?;
                let mut list = Vec::new();
                while let Some(v) = c.next_child(e)? {
                    match v.name.as_ref() {
                        "templateVariable" => list.push(read_variable(c, &v)?),
                        _ => return Err(c.unexpected(&v, e)),
                    }
                }
                Ok(list)
            })?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    Ok(ActivityDetails {
        owner_id: required(c, owner, "ownerID", el)?,
        object_id: required(c, object, "objectID", el)?,
        application_id: required(c, app, "applicationID", el)?,
        template_id: required(c, tpl, "templateID", el)?,
        publish_date: required(c, date, "publishDate", el)?,
        activity_type: kind,
        template_variables: required(c, vars, "templateVariables", el)?,
    })
}

fn read_variable<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<TemplateVariable, Error> {
    let p = "templateVariable";
    let variable_type = fields::enum_value(
        "type",
        type_attribute(c, el)?,
        || c.locate(el.pos),
        TemplateVariableType::parse,
        &[
            "publisherVariable",
            "entityVariable",
            "linkVariable",
            "textVariable",
            "pictureVariable",
            "listVariable",
        ],
    )?;
    let mut v = TemplateVariable::new(variable_type, String::new());
    let mut name = None;
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "name" => fill(c, &mut name, &ch, p, fields::string)?,
            "id" => fill(c, &mut v.id, &ch, p, fields::string)?,
            "nameHint" => fill(c, &mut v.name_hint, &ch, p, fields::string)?,
            "emailAddress" => fill(c, &mut v.email_address, &ch, p, fields::string)?,
            "profileUrl" => fill(c, &mut v.profile_url, &ch, p, fields::string)?,
            "text" => fill(c, &mut v.text, &ch, p, fields::string)?,
            "value" => fill(c, &mut v.value, &ch, p, fields::string)?,
            "altText" => fill(c, &mut v.alt_text, &ch, p, fields::string)?,
            "href" => fill(c, &mut v.href, &ch, p, fields::any_uri)?,
            "listItems" => fill(c, &mut v.list_items, &ch, p, |c, e| {
                c.no_attributes(e)?;
                let mut items = Vec::new();
                while let Some(item) = c.next_child(e)? {
                    match item.name.as_ref() {
                        "simpleTemplateVariable" => items.push(read_simple(c, &item)?),
                        _ => return Err(c.unexpected(&item, e)),
                    }
                }
                Ok(items)
            })?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    v.name = required(c, name, "name", el)?;
    Ok(v)
}

fn read_simple<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<SimpleTemplateVariable, Error> {
    let p = "simpleTemplateVariable";
    let variable_type = fields::enum_value(
        "type",
        type_attribute(c, el)?,
        || c.locate(el.pos),
        SimpleVariableType::parse,
        &["linkVariable", "textVariable", "pictureVariable"],
    )?;
    let mut v = SimpleTemplateVariable::new(variable_type, String::new());
    let mut name = None;
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "name" => fill(c, &mut name, &ch, p, fields::string)?,
            "text" => fill(c, &mut v.text, &ch, p, fields::string)?,
            "value" => fill(c, &mut v.value, &ch, p, fields::any_uri)?,
            "altText" => fill(c, &mut v.alt_text, &ch, p, fields::string)?,
            "href" => fill(c, &mut v.href, &ch, p, fields::any_uri)?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    v.name = required(c, name, "name", el)?;
    Ok(v)
}

fn read_container<R: Items>(
    c: &mut Cursor<R>,
    el: &Element,
) -> Result<ActivityTemplateContainer, Error> {
    c.no_attributes(el)?;
    let p = "activityTemplateContainer";
    let (mut app, mut tpl, mut template) = (None, None, None);
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "applicationID" => fill(c, &mut app, &ch, p, fields::unsigned_long)?,
            "templateID" => fill(c, &mut tpl, &ch, p, fields::unsigned_long)?,
            "activityTemplate" => fill(c, &mut template, &ch, p, read_template)?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    Ok(ActivityTemplateContainer {
        application_id: required(c, app, "applicationID", el)?,
        template_id: required(c, tpl, "templateID", el)?,
        activity_template: required(c, template, "activityTemplate", el)?,
    })
}

fn read_template<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<ActivityTemplate, Error> {
    c.no_attributes(el)?;
    let p = "activityTemplate";
    let (mut kind, mut title, mut data, mut icon) = (None, None, None, None);
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "type" => fill(c, &mut kind, &ch, p, activity_type)?,
            "title" => fill(c, &mut title, &ch, p, fields::string)?,
            "data" => fill(c, &mut data, &ch, p, fields::string)?,
            "icon" => fill(c, &mut icon, &ch, p, fields::any_uri)?,
            _ => return Err(c.unexpected(&ch, el)),
        }
    }
    Ok(ActivityTemplate {
        activity_type: kind,
        title: required(c, title, "title", el)?,
        data,
        icon: required(c, icon, "icon", el)?,
    })
}
