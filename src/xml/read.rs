//! Reading documents into the model.
//!
//! The reader is strict: an unknown element, a second occurrence of a single element, a
//! missing required one, a value its type rejects, or text where none belongs is an
//! [`Error`] with its position. Elements may come in any order; putting them back in schema
//! order is the writer's job. Finding *all* problems of a document is the validator's job.
//!
//! [`read_str_tolerant`] reads the same model from a document the validator refuses, so that
//! the rules can still look at what is sound: what cannot be read is left empty and listed
//! as [`Unreadable`], with its element path, and only what is not well-formed (or goes past
//! a limit) stops it.

use std::fmt;

use super::cursor::{Cursor, Element, Items};
use super::decode::decode;
use super::fields::{self, fill, required};
use super::path::ElementPath;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, TextPos};
use crate::limits::Limits;
use crate::model::*;
use crate::version::{NS_1_0, NS_1_1, Namespace, RootKind};
use crate::xs::{AnyUri, XsDateTime};

/// Why a tolerant reading left something out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnreadableKind {
    /// A value its type refuses (a wrong-case boolean or enumeration, a bad date, a string
    /// that is too long), or an element inside a value: the field is left empty.
    InvalidValue,
    /// An element the parent does not have: passed over with its content.
    UnknownElement,
    /// A required element that is not there: the field keeps its empty default.
    MissingElement,
    /// A second occurrence of an element that occurs once: the first is kept.
    RepeatedElement,
    /// An attribute the element does not have: passed over.
    UnexpectedAttribute,
    /// Text where only elements belong: passed over.
    UnexpectedText,
}

/// Something a tolerant reading could not read, and what the model lacks because of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unreadable {
    /// What went wrong.
    pub kind: UnreadableKind,
    /// The element path of what was found (for a missing element, where it belongs), as
    /// the XSD layer writes it: `/friends/person[3]/friendStatus`.
    pub path: ElementPath,
    /// The declared element (local name) whose value the model lacks, or cannot vouch for,
    /// because of this: the element itself, or the one an unknown element likely misspells.
    /// `None` when no declared element is affected: an unknown element close to no declared
    /// name, an attribute or text that does not belong.
    pub counts_as: Option<String>,
    /// Why, in words: ``expected one of `friend`, …, found `Friend` ``.
    pub reason: String,
}

impl Unreadable {
    /// The local name of the element the unreadable one sits in (`person` for
    /// `/friends/person[3]/gender`); empty for the root.
    pub fn parent(&self) -> &str {
        self.path.parent_name()
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// A document read tolerantly, and what could not be read in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerated {
    /// The document, with what could not be read left empty.
    pub document: Document,
    /// What could not be read, in document order; empty for a document the strict reader
    /// reads, which then gives the same model.
    pub unreadable: Vec<Unreadable>,
}

/// Reads a document from text tolerantly: an unknown element is passed over with its
/// content, a value that does not parse and a missing required element are left empty, a
/// repeated single element keeps its first occurrence, and each is listed in
/// [`Tolerated::unreadable`]. Elements in another namespace count as unknown.
///
/// ```
/// use osc_schema::model::Root;
/// use osc_schema::xml::read::{UnreadableKind, read_str_tolerant};
///
/// let xml = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
///   <userID>ada</userID><emailAdress>ada@example.com</emailAdress><gender>Female</gender>
/// </person>"#;
/// let read = read_str_tolerant(xml, osc_schema::Limits::default())?;
/// let Root::Person(person) = &read.document.root else { unreachable!() };
/// assert_eq!((person.user_id.as_str(), person.gender), ("ada", None));
/// let found: Vec<_> = read.unreadable.iter().map(|u| (u.kind, u.path.as_str(), u.counts_as.as_deref())).collect();
/// assert_eq!(found, [
///     (UnreadableKind::UnknownElement, "/person/emailAdress", Some("emailAddress")),
///     (UnreadableKind::InvalidValue, "/person/gender", Some("gender")),
/// ]);
/// # Ok::<(), osc_schema::Error>(())
/// ```
///
/// # Errors
/// When the text is not well-formed, goes past one of the `limits`, or its root is not one
/// of the OSC roots in an OSC namespace: then there is no model to read into.
pub fn read_str_tolerant(text: &str, limits: Limits) -> Result<Tolerated, Error> {
    tolerant(text, limits).map_err(super::short::short_names)
}

fn tolerant(text: &str, limits: Limits) -> Result<Tolerated, Error> {
    let mut c = Cursor::in_text(text, false, limits).tolerant(children);
    let root = c.root()?;
    let (namespace, kind) = identify_root(&mut c, &root)?;
    let body = read_root(&mut c, &root, kind)?;
    c.finish()?;
    Ok(Tolerated {
        document: Document {
            namespace,
            root: body,
            comments: Vec::new(),
        },
        unreadable: c.take_unreadable(),
    })
}

/// The children each OSC element may have, in any generation (see
/// [`ChildNames`](super::cursor::ChildNames)), read once from the compiled schemas so that
/// the tolerant reader and the validator know the same vocabulary.
pub(crate) fn children(parent: &str) -> &'static [&'static str] {
    use std::collections::HashMap;
    use std::sync::OnceLock;

    use crate::version::Target;
    use crate::xsd::{ContentRef, Schema};

    fn walk(
        schema: &'static Schema,
        parent: &'static str,
        content: ContentRef,
        table: &mut HashMap<&'static str, Vec<&'static str>>,
    ) {
        let ContentRef::Complex(id) = content else {
            return;
        };
        let Some(complex) = schema.complex_type(id) else {
            return;
        };
        for particle in &complex.particles {
            let known = table.entry(parent).or_default();
            if known.contains(&&*particle.name) {
                continue;
            }
            known.push(&particle.name);
            walk(schema, &particle.name, particle.content, table);
        }
    }

    static TABLE: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut table = HashMap::new();
            // The embedded schemas compile (the XSD tests load each); one that did not
            // would only leave its elements unknown to the tolerant reader.
            for schema in Target::ALL
                .into_iter()
                .filter_map(|t| crate::xsd::embedded(t).ok())
            {
                for root in schema.root_names() {
                    if let Some(content) = schema.root(root).map(|r| r.content) {
                        walk(schema, root, content, &mut table);
                    }
                }
            }
            table
        })
        .get(parent)
        .map_or(&[], Vec::as_slice)
}

/// What a missing `publishDate` leaves: a date no rule is shown (the note makes the rules
/// that read it pass over the activity).
fn no_date() -> XsDateTime {
    XsDateTime::parse("0001-01-01T00:00:00Z").unwrap_or_else(|_| unreachable!("a valid literal"))
}

/// What a missing `activityTemplate` leaves: an empty one, noted like the date above.
fn no_template() -> ActivityTemplate {
    ActivityTemplate {
        activity_type: None,
        title: String::new(),
        data: None,
        icon: AnyUri::default(),
    }
}

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
    read_text(text, ReadOptions::default())
        .map(|parsed| parsed.document)
        .map_err(super::short::short_names)
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
    read_decoded(bytes, options).map_err(super::short::short_names)
}

fn read_decoded(bytes: &[u8], options: ReadOptions) -> Result<Parsed, Error> {
    let decoded = decode(bytes)?;
    if decoded.text.starts_with('\u{FEFF}') {
        // Decoding dropped the byte order mark: this is a second one.
        return Err(Error::NotWellFormed {
            message: crate::markup::mistake::second_byte_order_mark().message,
            pos: TextPos::new(1, 1),
        });
    }
    let mut parsed = read_text(&decoded.text, options)?;
    let mut notes = decoded.warnings;
    notes.append(&mut parsed.notes);
    parsed.notes = notes;
    Ok(parsed)
}

fn read_text(text: &str, options: ReadOptions) -> Result<Parsed, Error> {
    let mut c = Cursor::in_text(text, options.lenient, options.limits);
    if may_have_comments(text) {
        c = c.keeping_comments();
    }
    let root = c.root()?;
    let (namespace, kind) = identify_root(&mut c, &root)?;
    let body = read_root(&mut c, &root, kind)?;
    c.finish()?;
    Ok(Parsed {
        document: Document {
            namespace,
            root: body,
            comments: c.take_comments(),
        },
        notes: c.notes,
    })
}

/// Whether `text` may hold a comment or a processing instruction other than the declaration
/// at its start: most documents hold none, and a search for their openings spares those the
/// following of element paths that keeping comments needs.
fn may_have_comments(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The declaration is `<?xml` and a space at the very start; an instruction may start
    // there too when there is no declaration.
    let declaration = bytes.len() > 5 && bytes[..5] == *b"<?xml" && bytes[5].is_ascii_whitespace();
    memchr::memmem::find(bytes, b"<!--").is_some()
        || memchr::memmem::find_iter(bytes, b"<?").any(|at| at > 0 || !declaration)
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
            None => match (c.lenient, super::fix::namespace(uri)) {
                (true, Some(ns)) => {
                    c.notes.push(super::fix::note(
                        "fix::https-namespace",
                        format!(
                            "namespace {} changed to `{}`",
                            crate::text::quoted(uri),
                            ns.uri().unwrap_or("")
                        ),
                        root_pos,
                    ));
                    ns
                }
                // The validator reported the spelling and held the document to the right
                // namespace's schema; the rules read it the same way.
                (false, Some(ns)) if c.is_tolerant() => ns,
                _ => return Err(unknown(&expected_ns())),
            },
        },
        None if kind == RootKind::HashedAddresses => Namespace::Absent,
        None => return Err(unknown(&expected_ns())),
    };
    c.expect_namespace(found.as_deref());
    Ok((namespace, kind))
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
            read_persons(c, root, &mut |person| persons.push(person))?;
            Root::Friends(Friends { persons })
        }
        RootKind::Person => Root::Person(Box::new(read_person(c, root)?)),
        RootKind::ActivityFeed => Root::ActivityFeed(read_feed(c, root, &mut |_| {})?),
        RootKind::HashedAddresses => Root::HashedAddresses(read_hashed(c, root)?),
    })
}

/// Reads the persons of a `friends` list, handing each to `each` as it is read.
pub(crate) fn read_persons<R: Items>(
    c: &mut Cursor<R>,
    root: &Element,
    each: &mut dyn FnMut(Person),
) -> Result<(), Error> {
    while let Some(child) = c.next_child(root)? {
        match child.name.as_ref() {
            "person" => each(read_person(c, &child)?),
            _ => c.unknown(&child, root)?,
        }
    }
    Ok(())
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
                fields::enumerated::<_, HashFunction>(c, e)
            })?,
            "allowChangesToAutoConfigure" => {
                fill(c, &mut caps.allow_changes_to_auto_configure, &ch, p, b)?
            }
            _ => c.unknown(&ch, el)?,
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
        values[i] = required(c, slot, name, el, || false)?;
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
    match super::fix::friend_status(c, &text, at) {
        Some(status) => Ok(status),
        None => fields::enum_in(c, &e.name, &text, at),
    }
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
                fields::enumerated::<_, Gender>(c, e)
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
            _ => c.unknown(&ch, el)?,
        }
    }
    person.user_id = required(c, user_id, "userID", el, String::new)?;
    Ok(person)
}

fn read_hashed<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<HashedAddresses, Error> {
    let mut out = HashedAddresses::default();
    while let Some(ch) = c.next_child(el)? {
        if ch.name != "personAddresses" {
            c.unknown(&ch, el)?;
            continue;
        }
        let index = attribute(c, &ch, "index").and_then(|value| {
            crate::xs::parse_int(value).map_err(|e| Error::InvalidValue {
                field: "index".into(),
                message: e.to_string(),
                pos: c.locate(ch.pos),
            })
        });
        // An entry without its index stays in the list, so that the next ones keep their
        // places; the note says its index is not to be trusted.
        let index = or_noted(c, index, &ch, 0)?;
        let mut hashed_addresses = Vec::new();
        while let Some(h) = c.next_child(&ch)? {
            match h.name.as_ref() {
                "hashedAddress" => {
                    let mut address = None;
                    fill(c, &mut address, &h, "personAddresses", fields::string)?;
                    hashed_addresses.push(address.unwrap_or_default());
                }
                _ => c.unknown(&h, &ch)?,
            }
        }
        out.person_addresses.push(PersonAddresses {
            index,
            hashed_addresses,
        });
    }
    Ok(out)
}

/// `value`, or, in a tolerant reading, `fallback` once `element` is noted as what could not
/// be read (an attribute it needs was missing or wrong).
fn or_noted<R: Items, T>(
    c: &mut Cursor<R>,
    value: Result<T, Error>,
    element: &Element,
    fallback: T,
) -> Result<T, Error> {
    match value {
        Err(e) if c.is_tolerant() && fields::about_content(&e) => {
            c.note(
                UnreadableKind::InvalidValue,
                element.path().to_owned(),
                Some(&element.name),
                fields::reason(&e),
            );
            Ok(fallback)
        }
        other => other,
    }
}

/// The value of the required attribute `wanted`, the only attribute these elements have;
/// a tolerant reading notes any other attribute and passes over it.
fn attribute<'e, R: Items>(
    c: &mut Cursor<R>,
    el: &'e Element,
    wanted: &str,
) -> Result<&'e str, Error> {
    let mut found = None;
    for (name, value) in el.attributes() {
        if name == wanted {
            found = Some(value.as_str());
        } else if c.is_tolerant() {
            c.note(
                UnreadableKind::UnexpectedAttribute,
                el.path().to_owned(),
                None,
                format!("unexpected attribute `{name}` on `{}`", el.name),
            );
        } else {
            return Err(Error::Attribute {
                element: el.name.to_string(),
                message: format!("unexpected attribute `{name}`"),
                pos: c.locate(el.pos),
            });
        }
    }
    found.ok_or_else(|| Error::Attribute {
        element: el.name.to_string(),
        message: format!("required attribute `{wanted}` is missing"),
        pos: c.locate(el.pos),
    })
}

fn activity_type<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<ActivityType, Error> {
    fields::enumerated(c, e)
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
                        _ => c.unknown(&a, e)?,
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
                        _ => c.unknown(&t, e)?,
                    }
                }
                Ok(list)
            })?,
            _ => c.unknown(&ch, el)?,
        }
    }
    Ok(ActivityFeed {
        network: required(c, network, "network", el, String::new)?,
        activities: required(c, activities, "activities", el, Vec::new)?,
        templates: required(c, templates, "templates", el, Vec::new)?,
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
                        _ => c.unknown(&v, e)?,
                    }
                }
                Ok(list)
            })?,
            _ => c.unknown(&ch, el)?,
        }
    }
    Ok(ActivityDetails {
        owner_id: required(c, owner, "ownerID", el, String::new)?,
        object_id: required(c, object, "objectID", el, String::new)?,
        application_id: required(c, app, "applicationID", el, || 0)?,
        template_id: required(c, tpl, "templateID", el, || 0)?,
        publish_date: required(c, date, "publishDate", el, no_date)?,
        activity_type: kind,
        template_variables: required(c, vars, "templateVariables", el, Vec::new)?,
    })
}

fn read_variable<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<TemplateVariable, Error> {
    let p = "templateVariable";
    let variable_type = attribute(c, el, "type")
        .and_then(|value| fields::enum_in::<_, TemplateVariableType>(c, "type", value, el.pos));
    // A variable of unknown type stays in the list, so that the next ones keep their places;
    // the note tells the rules that look at variables not to trust it.
    let variable_type = or_noted(c, variable_type, el, TemplateVariableType::Text)?;
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
                        _ => c.unknown(&item, e)?,
                    }
                }
                Ok(items)
            })?,
            _ => c.unknown(&ch, el)?,
        }
    }
    v.name = required(c, name, "name", el, String::new)?;
    Ok(v)
}

fn read_simple<R: Items>(c: &mut Cursor<R>, el: &Element) -> Result<SimpleTemplateVariable, Error> {
    let p = "simpleTemplateVariable";
    let variable_type = attribute(c, el, "type")
        .and_then(|value| fields::enum_in::<_, SimpleVariableType>(c, "type", value, el.pos));
    let variable_type = or_noted(c, variable_type, el, SimpleVariableType::Text)?;
    let mut v = SimpleTemplateVariable::new(variable_type, String::new());
    let mut name = None;
    while let Some(ch) = c.next_child(el)? {
        match ch.name.as_ref() {
            "name" => fill(c, &mut name, &ch, p, fields::string)?,
            "text" => fill(c, &mut v.text, &ch, p, fields::string)?,
            "value" => fill(c, &mut v.value, &ch, p, fields::any_uri)?,
            "altText" => fill(c, &mut v.alt_text, &ch, p, fields::string)?,
            "href" => fill(c, &mut v.href, &ch, p, fields::any_uri)?,
            _ => c.unknown(&ch, el)?,
        }
    }
    v.name = required(c, name, "name", el, String::new)?;
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
            _ => c.unknown(&ch, el)?,
        }
    }
    Ok(ActivityTemplateContainer {
        application_id: required(c, app, "applicationID", el, || 0)?,
        template_id: required(c, tpl, "templateID", el, || 0)?,
        activity_template: required(c, template, "activityTemplate", el, no_template)?,
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
            _ => c.unknown(&ch, el)?,
        }
    }
    Ok(ActivityTemplate {
        activity_type: kind,
        title: required(c, title, "title", el, String::new)?,
        data,
        icon: required(c, icon, "icon", el, AnyUri::default)?,
    })
}

#[cfg(test)]
mod tolerant_tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::xsd::oracle::generations;

    const NS: &str = NS_1_1;

    /// What could not be read in `xml`, as (kind, path, counts as).
    fn unreadable(xml: &str) -> Vec<(UnreadableKind, String, Option<String>)> {
        read_str_tolerant(xml, Limits::default())
            .expect("well-formed")
            .unreadable
            .into_iter()
            .map(|u| (u.kind, u.path.into(), u.counts_as))
            .collect()
    }

    fn person(body: &str) -> String {
        format!("<person xmlns=\"{NS}\">{body}</person>")
    }

    #[test]
    fn the_table_of_children_is_the_schemas() {
        for g in generations() {
            for parent in g.element_names() {
                let Some(declared) = g.children_of(parent) else {
                    continue;
                };
                let listed: BTreeSet<&str> = children(parent).iter().copied().collect();
                for child in declared {
                    assert!(
                        listed.contains(child.name.as_str()),
                        "{parent}/{}",
                        child.name
                    );
                }
            }
        }
        // And nothing beyond them: each listed child is declared in some generation.
        for parent in [
            "capabilities",
            "person",
            "activityDetails",
            "templateVariable",
            "activityTemplate",
        ] {
            for child in children(parent) {
                assert!(
                    generations()
                        .iter()
                        .any(|g| g.child(parent, child).is_some()),
                    "{parent}/{child}"
                );
            }
        }
    }

    #[test]
    fn a_valid_document_reads_as_the_strict_reader_reads_it_with_nothing_noted() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docs");
        let mut compared = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let Ok(strict) = read_str(&text) else {
                continue;
            };
            let tolerant = read_str_tolerant(&text, Limits::default()).expect("reads");
            assert_eq!(tolerant.document, strict, "{}", entry.path().display());
            assert_eq!(tolerant.unreadable, [], "{}", entry.path().display());
            compared += 1;
        }
        assert!(compared >= 5, "only {compared} documents compared");
    }

    #[test]
    fn a_value_that_does_not_parse_is_left_empty_and_the_rest_is_read() {
        let xml = format!(
            "<friends xmlns=\"{NS}\"><person><userID>a</userID></person>\
             <person><userID>b</userID><friendStatus>Friend</friendStatus>\
             <birthday>yesterday</birthday><index>x</index><fullName>B</fullName></person></friends>"
        );
        let read = read_str_tolerant(&xml, Limits::default()).expect("well-formed");
        let Root::Friends(friends) = &read.document.root else {
            panic!("a list");
        };
        let b = &friends.persons[1];
        assert_eq!(b.user_id, "b");
        assert_eq!(
            (b.friend_status, b.birthday.is_none(), b.index),
            (None, true, None)
        );
        assert_eq!(b.full_name.as_ref().map(|n| n.as_str()), Some("B"));
        let kinds: Vec<_> = read
            .unreadable
            .iter()
            .map(|u| (u.kind, u.path.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    UnreadableKind::InvalidValue,
                    "/friends/person[2]/friendStatus"
                ),
                (UnreadableKind::InvalidValue, "/friends/person[2]/birthday"),
                (UnreadableKind::InvalidValue, "/friends/person[2]/index"),
            ]
        );
        assert_eq!(read.unreadable[0].parent(), "person");
        assert!(
            read.unreadable[0].reason.contains("found `Friend`"),
            "{}",
            read.unreadable[0]
        );
    }

    #[test]
    fn unknown_elements_count_as_what_they_likely_misspell() {
        let xml = person(
            "<userID>a</userID><emailAdress>a@b.example</emailAdress>\
             <favouriteColour><deep>x</deep></favouriteColour><fullName>A</fullName>",
        );
        assert_eq!(
            unreadable(&xml),
            [
                (
                    UnreadableKind::UnknownElement,
                    "/person/emailAdress".to_owned(),
                    Some("emailAddress".to_owned())
                ),
                (
                    UnreadableKind::UnknownElement,
                    "/person/favouriteColour".to_owned(),
                    None
                ),
            ]
        );
        // The content of an unknown element is passed over: `fullName` after it is read.
        let read = read_str_tolerant(&xml, Limits::default()).expect("reads");
        let Root::Person(p) = read.document.root else {
            panic!("a person");
        };
        assert_eq!(p.full_name.as_ref().map(|n| n.as_str()), Some("A"));
    }

    #[test]
    fn missing_and_repeated_elements_are_noted_where_the_xsd_layer_puts_them() {
        let xml = format!(
            "<friends xmlns=\"{NS}\"><person><fullName>A</fullName></person>\
             <person><userID>b</userID><gender>male</gender><gender>female</gender></person></friends>"
        );
        assert_eq!(
            unreadable(&xml),
            [
                (
                    UnreadableKind::MissingElement,
                    "/friends/person[1]/userID".to_owned(),
                    Some("userID".to_owned())
                ),
                (
                    UnreadableKind::RepeatedElement,
                    "/friends/person[2]/gender[2]".to_owned(),
                    Some("gender".to_owned())
                ),
            ]
        );
        let read = read_str_tolerant(&xml, Limits::default()).expect("reads");
        let Root::Friends(f) = read.document.root else {
            panic!("a list");
        };
        assert_eq!(f.persons[0].user_id, "");
        assert_eq!(f.persons[1].gender, Some(Gender::Male));
    }

    #[test]
    fn an_invalid_value_is_not_also_reported_missing() {
        let xml = person("<userID><b>x</b></userID>");
        assert_eq!(
            unreadable(&xml),
            [(
                UnreadableKind::InvalidValue,
                "/person/userID".to_owned(),
                Some("userID".to_owned())
            )]
        );
    }

    #[test]
    fn attributes_and_text_that_do_not_belong_affect_no_element() {
        let xml = person("<userID note=\"x\">a</userID>stray");
        let found = unreadable(&xml);
        let kinds: Vec<_> = found
            .iter()
            .map(|(k, p, c)| (*k, p.as_str(), c.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (UnreadableKind::UnexpectedAttribute, "/person/userID", None),
                (UnreadableKind::UnexpectedText, "/person", None),
            ]
        );
    }

    #[test]
    fn a_variable_of_unknown_type_keeps_its_place_and_is_noted() {
        let xml = format!(
            "<activityFeed xmlns=\"{NS}\"><network>n</network><activities><activityDetails>\
             <ownerID>1</ownerID><objectID>o</objectID><applicationID>1</applicationID>\
             <templateID>1</templateID><publishDate>2024-01-01T00:00:00Z</publishDate>\
             <templateVariables><templateVariable type=\"TextVariable\"><name>a</name></templateVariable>\
             <templateVariable type=\"textVariable\"><name>b</name></templateVariable>\
             </templateVariables></activityDetails></activities><templates/></activityFeed>"
        );
        let read = read_str_tolerant(&xml, Limits::default()).expect("reads");
        let Root::ActivityFeed(feed) = &read.document.root else {
            panic!("a feed");
        };
        let names: Vec<&str> = feed.activities[0]
            .template_variables
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(
            unreadable(&xml),
            [(
                UnreadableKind::InvalidValue,
                "/activityFeed/activities/activityDetails[1]/templateVariables/templateVariable[1]"
                    .to_owned(),
                Some("templateVariable".to_owned())
            )]
        );
    }

    #[test]
    fn what_is_not_well_formed_or_past_a_limit_still_stops_the_reading() {
        assert!(read_str_tolerant(&person("<userID>a</userID"), Limits::default()).is_err());
        assert!(read_str_tolerant(&person("<x><userID>a</x>"), Limits::default()).is_err());
        let deep = person(&format!("{}{}", "<a>".repeat(40), "</a>".repeat(40)));
        let limits = Limits {
            max_depth: 16,
            ..Limits::default()
        };
        assert!(matches!(
            read_str_tolerant(&deep, limits),
            Err(Error::Limit { .. })
        ));
        assert!(read_str_tolerant(&deep, Limits::default()).is_ok());
    }

    #[test]
    fn the_strict_reader_still_refuses_what_the_tolerant_one_notes() {
        for body in [
            "<userID>a</userID><gender>Male</gender>",
            "<userID>a</userID><emailAdress>x</emailAdress>",
            "<fullName>A</fullName>",
            "<userID>a</userID><userID>b</userID>",
        ] {
            let xml = person(body);
            assert!(read_str(&xml).is_err(), "{body}");
            assert_eq!(unreadable(&xml).len(), 1, "{body}");
        }
    }
}
