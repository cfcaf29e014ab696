//! Writing the model as canonical XML.
//!
//! The canonical form: elements in schema order, booleans `true`/`false`, integers as plain
//! digits, dates exactly as read, the namespace of the document as a default `xmlns`, empty
//! elements as `<name></name>`, and text escaped so that it reads back identically. Pretty
//! output indents by two spaces and ends with a newline; compact output has no whitespace
//! between elements.
//!
//! Comments and processing instructions ([`Document::comments`]) are written as they were
//! read, each on a line of its own, indented as the element it stands before (the root's:
//! after the declaration), or as a child at the end of its element, or after the root; one
//! kept at the end of an element that holds a value is written inside it, after the value.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::path::Trail;
use crate::error::Error;
use crate::markup::is_name;
use crate::model::*;
use crate::xml::cursor::is_xml_char;
use crate::xs::format_boolean;

/// Which XML declaration to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Declaration {
    /// `<?xml version="1.0" encoding="utf-8"?>`.
    #[default]
    Utf8,
    /// `<?xml version="1.0" encoding="utf-16"?>`; [`write_bytes`] then encodes UTF-16LE
    /// with a byte order mark, as a BSTR holds it.
    Utf16,
    /// No declaration.
    None,
}

/// How to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// The declaration.
    pub declaration: Declaration,
    /// Indent by two spaces, one element per line (`true`), or no whitespace at all.
    pub pretty: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            declaration: Declaration::Utf8,
            pretty: true,
        }
    }
}

/// Writes the canonical, pretty, UTF-8-declared form.
///
/// # Errors
/// [`Error::Unwritable`] when a value holds a character XML cannot carry, or when a
/// document other than `hashedAddresses` has no namespace.
pub fn to_string(document: &Document) -> Result<String, Error> {
    write_string(document, WriteOptions::default())
}

/// Writes a document as text.
///
/// # Errors
/// As [`to_string`], and when a comment cannot be written (a comment holding `--` or ending
/// in `-`, a processing instruction without a name for its target or holding `?>`) or
/// stands by an element the document does not have.
pub fn write_string(document: &Document, options: WriteOptions) -> Result<String, Error> {
    let mut w = Writer {
        out: String::new(),
        pretty: options.pretty,
        depth: 0,
        trail: Trail::new(),
        comments: Comments::of(&document.comments),
    };
    match options.declaration {
        Declaration::Utf8 => w.out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
        Declaration::Utf16 => w
            .out
            .push_str("<?xml version=\"1.0\" encoding=\"utf-16\"?>"),
        Declaration::None => {}
    }
    if options.pretty && options.declaration != Declaration::None {
        w.out.push('\n');
    }
    let root_name = document.root.kind().name();
    let ns = match (document.namespace.uri(), &document.root) {
        (Some(uri), _) => Some(uri),
        (None, Root::HashedAddresses(_)) => None,
        (None, _) => {
            return Err(Error::Unwritable {
                field: format!("/{root_name}"),
                message: "only `hashedAddresses` may be written without a namespace".into(),
            });
        }
    };
    let attrs: Vec<(&str, &str)> = ns.map(|uri| ("xmlns", uri)).into_iter().collect();
    match &document.root {
        Root::Capabilities(c) => w.element(root_name, &attrs, |w| capabilities(w, c))?,
        Root::Friends(f) => {
            w.element(root_name, &attrs, |w| w.each(&f.persons, "person", person))?
        }
        Root::Person(p) => w.element(root_name, &attrs, |w| person(w, p))?,
        Root::ActivityFeed(a) => w.element(root_name, &attrs, |w| feed(w, a))?,
        Root::HashedAddresses(h) => w.element(root_name, &attrs, |w| {
            w.each_with(
                &h.person_addresses,
                "personAddresses",
                |pa| Some(("index", pa.index.to_string())),
                |w, pa| {
                    for a in &pa.hashed_addresses {
                        w.leaf("hashedAddress", a)?;
                    }
                    Ok(())
                },
            )
        })?,
    }
    let after_root = w.comments.after_root.clone();
    for comment in after_root {
        w.indent();
        w.comment(comment)?;
    }
    w.comments.all_written()?;
    if options.pretty {
        w.out.push('\n');
    }
    Ok(w.out)
}

/// Writes a document as bytes: UTF-8, or UTF-16LE with a byte order mark when the
/// declaration says `utf-16`.
///
/// # Errors
/// As [`write_string`].
pub fn write_bytes(document: &Document, options: WriteOptions) -> Result<Vec<u8>, Error> {
    let text = write_string(document, options)?;
    Ok(match options.declaration {
        Declaration::Utf16 => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        _ => text.into_bytes(),
    })
}

struct Writer<'d> {
    out: String,
    pretty: bool,
    depth: usize,
    /// The path of the element being written, for naming a field that cannot be written
    /// and for finding the comments that stand by it.
    trail: Trail,
    comments: Comments<'d>,
}

/// A document's comments by the element path they stand by.
#[derive(Default)]
struct Comments<'d> {
    before: HashMap<&'d str, Vec<&'d Comment>>,
    at_end: HashMap<&'d str, Vec<&'d Comment>>,
    after_root: Vec<&'d Comment>,
    /// How many there are, and how many have been written.
    count: usize,
    written: usize,
}

impl<'d> Comments<'d> {
    fn of(comments: &'d [Comment]) -> Self {
        let mut by_place = Comments {
            count: comments.len(),
            ..Comments::default()
        };
        for comment in comments {
            match &comment.place {
                Place::Before(path) => by_place.before.entry(path).or_default().push(comment),
                Place::End(path) => by_place.at_end.entry(path).or_default().push(comment),
                Place::AfterRoot => by_place.after_root.push(comment),
            }
        }
        by_place
    }

    /// Those that stand before the element at `path`.
    fn before(&self, path: &str) -> Vec<&'d Comment> {
        self.before.get(path).cloned().unwrap_or_default()
    }

    /// Those that stand at the end of the element at `path`.
    fn at_end(&self, path: &str) -> Vec<&'d Comment> {
        self.at_end.get(path).cloned().unwrap_or_default()
    }

    /// Refuses a comment left unwritten: one that stands by an element the document does
    /// not have would otherwise be lost.
    fn all_written(&self) -> Res {
        if self.written == self.count {
            return Ok(());
        }
        let placed = self.before.iter().chain(&self.at_end);
        let path = placed.map(|(path, _)| *path).min().unwrap_or_default();
        Err(Error::Unwritable {
            field: path.to_owned(),
            message: "a comment stands by an element the document does not have".into(),
        })
    }
}

type Res = Result<(), Error>;

impl Writer<'_> {
    fn indent(&mut self) {
        if self.pretty {
            if !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push('\n');
            }
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// The path of a field of the element being written: itself, or one of its attributes.
    fn field_path(&self, attribute: Option<&str>) -> String {
        match attribute {
            Some(key) => format!("{}/@{key}", self.trail.path()),
            None => self.trail.path().to_owned(),
        }
    }

    fn check(&self, attribute: Option<&str>, value: &str) -> Res {
        match value.chars().find(|&c| !is_xml_char(c)) {
            None => Ok(()),
            Some(c) => Err(Error::Unwritable {
                field: self.field_path(attribute),
                message: format!("character U+{:04X} cannot be written in XML", u32::from(c)),
            }),
        }
    }

    /// Opens an element: its path, and the comments that stand before it, each on a line of
    /// its own, indented as the element is.
    fn open(&mut self, name: &str) -> Res {
        self.trail.enter(name);
        if self.comments.count == 0 {
            return Ok(());
        }
        for comment in self.comments.before(self.trail.path()) {
            self.indent();
            self.comment(comment)?;
        }
        Ok(())
    }

    /// Writes one comment or processing instruction where the output stands.
    fn comment(&mut self, comment: &Comment) -> Res {
        let text = comment.text.as_str();
        let refused = |message: &str| Error::Unwritable {
            field: self.field_path(None),
            message: message.to_owned(),
        };
        if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
            return Err(refused(&format!(
                "character U+{:04X} cannot be written in XML",
                u32::from(c)
            )));
        }
        match comment.kind {
            CommentKind::Comment => {
                if text.contains("--") || text.ends_with('-') {
                    return Err(refused(
                        "a comment cannot hold `--` or end with `-` (XML ends comments at `--`)",
                    ));
                }
                let _ = write!(self.out, "<!--{text}-->");
            }
            CommentKind::Instruction => {
                let target = text
                    .split([' ', '\t', '\r', '\n'])
                    .next()
                    .unwrap_or_default();
                if !is_name(target) || target.eq_ignore_ascii_case("xml") || text.contains("?>") {
                    return Err(refused(
                        "a processing instruction starts with its target, a name other than \
                         `xml`, and cannot hold `?>`",
                    ));
                }
                let _ = write!(self.out, "<?{text}?>");
            }
        }
        self.comments.written += 1;
        Ok(())
    }

    /// A container element; `body` writes its children.
    fn element(
        &mut self,
        name: &str,
        attrs: &[(&str, &str)],
        body: impl FnOnce(&mut Self) -> Res,
    ) -> Res {
        self.open(name)?;
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.check(Some(key), value)?;
            let _ = write!(self.out, " {key}=\"");
            escape_attribute(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        let before = self.out.len();
        self.depth += 1;
        body(self)?;
        if self.comments.count != 0 {
            for comment in self.comments.at_end(self.trail.path()) {
                self.indent();
                self.comment(comment)?;
            }
        }
        self.depth -= 1;
        if self.out.len() != before {
            self.indent();
        }
        let _ = write!(self.out, "</{name}>");
        self.trail.leave();
        Ok(())
    }

    /// Repeated container elements.
    fn each<T>(&mut self, items: &[T], name: &str, body: impl FnMut(&mut Self, &T) -> Res) -> Res {
        self.each_with(items, name, |_| None, body)
    }

    /// Repeated container elements that carry one attribute each (`type`, `index`).
    fn each_with<T>(
        &mut self,
        items: &[T],
        name: &str,
        attribute: impl Fn(&T) -> Option<(&'static str, String)>,
        mut body: impl FnMut(&mut Self, &T) -> Res,
    ) -> Res {
        for item in items {
            let attr = attribute(item);
            let attrs: Vec<(&str, &str)> = attr.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.element(name, &attrs, |w| body(w, item))?;
        }
        Ok(())
    }

    /// A simple-typed element. A comment kept at its end (one that was written within the
    /// value) is written inside it, after the value.
    fn leaf(&mut self, name: &str, value: &str) -> Res {
        self.open(name)?;
        self.check(None, value)?;
        self.indent();
        let _ = write!(self.out, "<{name}>");
        escape_text(&mut self.out, value);
        if self.comments.count != 0 {
            for comment in self.comments.at_end(self.trail.path()) {
                self.comment(comment)?;
            }
        }
        let _ = write!(self.out, "</{name}>");
        self.trail.leave();
        Ok(())
    }

    fn opt(&mut self, name: &str, value: Option<&str>) -> Res {
        match value {
            Some(v) => self.leaf(name, v),
            None => Ok(()),
        }
    }

    fn opt_bool(&mut self, name: &str, value: Option<bool>) -> Res {
        self.opt(name, value.map(format_boolean))
    }

    fn opt_num(&mut self, name: &str, value: Option<impl ToString>) -> Res {
        match value {
            Some(v) => self.leaf(name, &v.to_string()),
            None => Ok(()),
        }
    }
}

fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            // `>` only matters after `]]`, but escaping it always is simpler and still canonical.
            '>' => out.push_str("&gt;"),
            // A literal CR would be turned into LF by the next reader.
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Attribute-value normalisation would turn these into spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn capabilities(w: &mut Writer, c: &Capabilities) -> Res {
    w.leaf("getFriends", format_boolean(c.get_friends))?;
    w.leaf("cacheFriends", format_boolean(c.cache_friends))?;
    w.leaf("followPerson", format_boolean(c.follow_person))?;
    w.leaf("doNotFollowPerson", format_boolean(c.do_not_follow_person))?;
    w.leaf("getActivities", format_boolean(c.get_activities))?;
    w.leaf("cacheActivities", format_boolean(c.cache_activities))?;
    w.opt_bool("dynamicActivitiesLookup", c.dynamic_activities_lookup)?;
    w.leaf("displayUrl", format_boolean(c.display_url))?;
    w.leaf("useLogonWebAuth", format_boolean(c.use_logon_web_auth))?;
    w.opt_bool("hideHyperlinks", c.hide_hyperlinks)?;
    w.opt_bool("supportsAutoConfigure", c.supports_auto_configure)?;
    w.opt_num(
        "contactSyncRestartInterval",
        c.contact_sync_restart_interval,
    )?;
    w.opt_bool("dynamicActivitiesLookupEx", c.dynamic_activities_lookup_ex)?;
    w.opt_bool("dynamicContactsLookup", c.dynamic_contacts_lookup)?;
    w.opt_bool("useLogonCached", c.use_logon_cached)?;
    w.opt_bool("hideRememberMyPassword", c.hide_remember_my_password)?;
    w.opt(
        "createAccountUrl",
        c.create_account_url.as_ref().map(|u| u.as_str()),
    )?;
    w.opt(
        "forgotPasswordUrl",
        c.forgot_password_url.as_ref().map(|u| u.as_str()),
    )?;
    w.opt_bool(
        "showOnDemandActivitiesWhenMinimized",
        c.show_on_demand_activities_when_minimized,
    )?;
    w.opt_bool(
        "showOnDemandContactsWhenMinimized",
        c.show_on_demand_contacts_when_minimized,
    )?;
    w.opt("hashFunction", c.hash_function.map(HashFunction::as_str))?;
    w.opt_bool(
        "allowChangesToAutoConfigure",
        c.allow_changes_to_auto_configure,
    )
}

fn person(w: &mut Writer, p: &Person) -> Res {
    fn s(v: &Option<crate::xs::BoundedString>) -> Option<&str> {
        v.as_ref().map(|b| b.as_str())
    }
    fn t(v: &Option<String>) -> Option<&str> {
        v.as_deref()
    }
    w.leaf("userID", &p.user_id)?;
    w.opt("firstName", s(&p.first_name))?;
    w.opt("lastName", s(&p.last_name))?;
    w.opt("fullName", s(&p.full_name))?;
    w.opt("nickname", s(&p.nickname))?;
    w.opt("fileAs", s(&p.file_as))?;
    w.opt("company", s(&p.company))?;
    w.opt("title", s(&p.title))?;
    w.opt("anniversary", p.anniversary.as_ref().map(|d| d.as_str()))?;
    w.opt("birthday", p.birthday.as_ref().map(|d| d.as_str()))?;
    w.opt("emailAddress", t(&p.email_address))?;
    w.opt("emailAddress2", t(&p.email_address2))?;
    w.opt("emailAddress3", t(&p.email_address3))?;
    w.opt("webProfilePage", t(&p.web_profile_page))?;
    w.opt("phone", s(&p.phone))?;
    w.opt("cell", s(&p.cell))?;
    w.opt("homePhone", s(&p.home_phone))?;
    w.opt("workPhone", s(&p.work_phone))?;
    w.opt("address", s(&p.address))?;
    w.opt("city", s(&p.city))?;
    w.opt("state", s(&p.state))?;
    w.opt("countryOrRegion", s(&p.country_or_region))?;
    w.opt("zip", s(&p.zip))?;
    w.opt("relationship", s(&p.relationship))?;
    w.opt("creationTime", p.creation_time.as_ref().map(|d| d.as_str()))?;
    w.opt(
        "lastModificationTime",
        p.last_modification_time.as_ref().map(|d| d.as_str()),
    )?;
    w.opt(
        "expirationTime",
        p.expiration_time.as_ref().map(|d| d.as_str()),
    )?;
    w.opt("gender", p.gender.map(Gender::as_str))?;
    w.opt_num("index", p.index)?;
    w.opt("pictureUrl", t(&p.picture_url))?;
    w.opt("friendStatus", p.friend_status.map(FriendStatus::as_str))?;
    w.opt("businessAddress", s(&p.business_address))?;
    w.opt("businessCity", s(&p.business_city))?;
    w.opt("businessState", s(&p.business_state))?;
    w.opt("businessCountryOrRegion", s(&p.business_country_or_region))?;
    w.opt("businessZip", s(&p.business_zip))?;
    w.opt("otherAddress", s(&p.other_address))?;
    w.opt("otherCity", s(&p.other_city))?;
    w.opt("otherState", s(&p.other_state))?;
    w.opt("otherCountryOrRegion", s(&p.other_country_or_region))?;
    w.opt("otherZip", s(&p.other_zip))?;
    w.opt("website", s(&p.website))?;
    w.opt("askmeabout", s(&p.askmeabout))?;
    w.opt("industries", s(&p.industries))?;
    w.opt("skills", s(&p.skills))?;
    w.opt("interests", s(&p.interests))?;
    w.opt("schools", s(&p.schools))?;
    w.opt("location", s(&p.location))
}

fn feed(w: &mut Writer, f: &ActivityFeed) -> Res {
    w.leaf("network", &f.network)?;
    w.element("activities", &[], |w| {
        w.each(&f.activities, "activityDetails", activity)
    })?;
    w.element("templates", &[], |w| {
        w.each(&f.templates, "activityTemplateContainer", container)
    })
}

fn activity(w: &mut Writer, a: &ActivityDetails) -> Res {
    w.leaf("ownerID", &a.owner_id)?;
    w.leaf("objectID", &a.object_id)?;
    w.leaf("applicationID", &a.application_id.to_string())?;
    w.leaf("templateID", &a.template_id.to_string())?;
    w.leaf("publishDate", a.publish_date.as_str())?;
    w.opt("type", a.activity_type.map(ActivityType::as_str))?;
    w.element("templateVariables", &[], |w| {
        w.each_with(
            &a.template_variables,
            "templateVariable",
            |v| Some(("type", v.variable_type.as_str().to_owned())),
            variable,
        )
    })
}

fn variable(w: &mut Writer, v: &TemplateVariable) -> Res {
    w.leaf("name", &v.name)?;
    w.opt("id", v.id.as_deref())?;
    w.opt("nameHint", v.name_hint.as_deref())?;
    w.opt("emailAddress", v.email_address.as_deref())?;
    w.opt("profileUrl", v.profile_url.as_deref())?;
    w.opt("text", v.text.as_deref())?;
    w.opt("value", v.value.as_deref())?;
    w.opt("altText", v.alt_text.as_deref())?;
    w.opt("href", v.href.as_ref().map(|u| u.as_str()))?;
    if let Some(items) = &v.list_items {
        w.element("listItems", &[], |w| {
            w.each_with(
                items,
                "simpleTemplateVariable",
                |item| Some(("type", item.variable_type.as_str().to_owned())),
                |w, item| {
                    w.leaf("name", &item.name)?;
                    w.opt("text", item.text.as_deref())?;
                    w.opt("value", item.value.as_ref().map(|u| u.as_str()))?;
                    w.opt("altText", item.alt_text.as_deref())?;
                    w.opt("href", item.href.as_ref().map(|u| u.as_str()))
                },
            )
        })?;
    }
    Ok(())
}

fn container(w: &mut Writer, c: &ActivityTemplateContainer) -> Res {
    w.leaf("applicationID", &c.application_id.to_string())?;
    w.leaf("templateID", &c.template_id.to_string())?;
    let t = &c.activity_template;
    w.element("activityTemplate", &[], |w| {
        w.opt("type", t.activity_type.map(ActivityType::as_str))?;
        w.leaf("title", &t.title)?;
        w.opt("data", t.data.as_deref())?;
        w.leaf("icon", t.icon.as_str())
    })
}
