//! [`PersonBuilder`]: a [`Person`] built from plain strings, every value checked once, at
//! [`PersonBuilder::build`].
//!
//! A builder rather than infallible conversions into [`BoundedString`]: a conversion that
//! cannot fail would have to let a too-long value through (and the type would then promise
//! nothing) or panic on input, which is untrusted. A builder keeps the setters infallible
//! (`impl Into<String>`, so `"Ana"`, a `String` or a `&String` all do), checks all values
//! in one place, and can say at once everything that is wrong instead of stopping at the
//! first field: one [`BuildError`] names each field that cannot be written as given.
//!
//! What [`PersonBuilder::build`] checks, and why:
//! - the `stringType` fields hold at most [`BoundedString::MAX_CHARS`] characters (the
//!   schema's `maxLength`);
//! - the dates and times are `xs:date` and `xs:dateTime` (the schema's types);
//! - the three e-mail addresses look like `local@domain`, as rule OSC037 asks: the schema
//!   types them as plain strings, but the connector matches people by address, so one
//!   that cannot be an address matches nobody;
//! - `webProfilePage` and `pictureUrl` are absolute URLs (with a scheme, no white space),
//!   as rule OSC072 asks of a feed's links and pictures: the connector has no base to
//!   resolve a relative one against. The schema types both as plain strings.
//!
//! The last two are checks of the builder, not of the model: reading keeps whatever the
//! schema accepts (see [`crate::model`]), and the checker reports an implausible address
//! as a finding with its location.

use std::fmt;

use super::plausible::{email_problem, is_absolute_url};
use super::{FriendStatus, Gender, Person};
use crate::text::quoted_value;
use crate::xs::{BoundedString, XsDate, XsDateTime};

/// How a text given to the builder becomes the value of its field.
#[derive(Clone, Copy)]
enum Slot {
    /// A `stringType` field: length-limited.
    Bounded(fn(&mut Person) -> &mut Option<BoundedString>),
    /// An e-mail address: a plain string that must look like `local@domain`.
    Email(fn(&mut Person) -> &mut Option<String>),
    /// A URL: a plain string that must be absolute.
    Url(fn(&mut Person) -> &mut Option<String>),
    /// An `xs:date`.
    Date(fn(&mut Person) -> &mut Option<XsDate>),
    /// An `xs:dateTime`.
    DateTime(fn(&mut Person) -> &mut Option<XsDateTime>),
}

impl Slot {
    /// Checks `value` and puts it in its field, or says what is wrong with it.
    fn fill(self, person: &mut Person, value: String) -> Result<(), String> {
        match self {
            Slot::Bounded(place) => {
                *place(person) = Some(BoundedString::new(value).map_err(|e| e.to_string())?);
            }
            Slot::Email(place) => {
                if let Some(problem) = email_problem(&value) {
                    return Err(format!(
                        "{} {problem}; expected an address such as `name@example.com`",
                        quoted_value(&value)
                    ));
                }
                *place(person) = Some(value);
            }
            Slot::Url(place) => {
                if !is_absolute_url(&value) {
                    return Err(format!(
                        "{} is not an absolute URL; expected one such as `https://example.com/ana`",
                        quoted_value(&value)
                    ));
                }
                *place(person) = Some(value);
            }
            Slot::Date(place) => {
                *place(person) = Some(XsDate::parse(&value).map_err(|e| e.to_string())?);
            }
            Slot::DateTime(place) => {
                *place(person) = Some(XsDateTime::parse(&value).map_err(|e| e.to_string())?);
            }
        }
        Ok(())
    }
}

/// A value set on the builder and not yet checked.
#[derive(Clone)]
struct Pending {
    field: &'static str,
    value: String,
    slot: Slot,
}

/// Builds a [`Person`] from plain strings and checks every value once, at
/// [`build`](Self::build). Made by [`Person::builder`].
///
/// ```
/// use osc_schema::model::{Document, Friends, Person};
///
/// let ana = Person::builder("ana-1")
///     .first_name("Ana")
///     .last_name("Lima")
///     .email_address("ana@example.com")
///     .build()?;
/// let ben = Person::builder("ben-2").full_name("Ben Okafor").build()?;
/// let xml = osc_schema::xml::to_string(&Document::from(Friends::new([ana, ben])))?;
///
/// let report = osc_schema::check(&xml);
/// assert!(report.diagnostics().is_empty(), "{:?}", report.diagnostics());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct PersonBuilder {
    person: Person,
    pending: Vec<Pending>,
}

impl fmt::Debug for PersonBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pending: Vec<(&str, &str)> = self
            .pending
            .iter()
            .map(|p| (p.field, p.value.as_str()))
            .collect();
        f.debug_struct("PersonBuilder")
            .field("person", &self.person)
            .field("pending", &pending)
            .finish()
    }
}

/// Setters that take any text and leave its check to [`PersonBuilder::build`].
macro_rules! checked_setters {
    ($($kind:ident: $($field:ident => $doc:literal),+;)+) => {
        $($(
            #[doc = concat!("Sets ", $doc, "; checked by [`build`](Self::build).")]
            pub fn $field(self, value: impl Into<String>) -> Self {
                self.set(
                    stringify!($field),
                    value.into(),
                    Slot::$kind(|p: &mut Person| &mut p.$field),
                )
            }
        )+)+
    };
}

/// Setters of values whose type already says they are valid.
macro_rules! plain_setters {
    ($($field:ident: $ty:ty => $doc:literal),+ $(,)?) => {
        $(
            #[doc = concat!("Sets ", $doc, ".")]
            pub fn $field(mut self, value: $ty) -> Self {
                self.person.$field = Some(value);
                self
            }
        )+
    };
}

impl PersonBuilder {
    fn new(user_id: String) -> Self {
        PersonBuilder {
            person: Person::new(user_id),
            pending: Vec::new(),
        }
    }

    /// Notes `value` for `field`, replacing what was set for it before.
    fn set(mut self, field: &'static str, value: String, slot: Slot) -> Self {
        self.pending.retain(|p| p.field != field);
        self.pending.push(Pending { field, value, slot });
        self
    }

    checked_setters! {
        Bounded:
            first_name => "`firstName`",
            last_name => "`lastName`",
            full_name => "`fullName`",
            nickname => "`nickname`",
            file_as => "`fileAs`, how Outlook files the contact",
            company => "`company`",
            title => "`title`, the job title",
            phone => "`phone`",
            cell => "`cell`",
            home_phone => "`homePhone` (ignored by OSC 1.0)",
            work_phone => "`workPhone`",
            address => "`address`",
            city => "`city`",
            state => "`state`",
            country_or_region => "`countryOrRegion`",
            zip => "`zip`",
            relationship => "`relationship` (ignored by OSC 1.0)",
            business_address => "`businessAddress` (2013)",
            business_city => "`businessCity` (2013)",
            business_state => "`businessState` (2013)",
            business_country_or_region => "`businessCountryOrRegion` (2013)",
            business_zip => "`businessZip` (2013)",
            other_address => "`otherAddress` (2013)",
            other_city => "`otherCity` (2013)",
            other_state => "`otherState` (2013)",
            other_country_or_region => "`otherCountryOrRegion` (2013)",
            other_zip => "`otherZip` (2013)",
            website => "`website` (2013)",
            askmeabout => "`askmeabout` (2013)",
            industries => "`industries` (2013)",
            skills => "`skills` (2013)",
            interests => "`interests` (2013)",
            schools => "`schools` (2013)",
            location => "`location` (2013)";
        Email:
            email_address => "`emailAddress`, the address the connector matches people by",
            email_address2 => "`emailAddress2`",
            email_address3 => "`emailAddress3`";
        Url:
            web_profile_page => "`webProfilePage`, an absolute URL",
            picture_url => "`pictureUrl` (1.1), an absolute URL";
        Date:
            anniversary => "`anniversary`, an `xs:date` such as `2001-05-17`",
            birthday => "`birthday`, an `xs:date` such as `1990-02-28`";
        DateTime:
            creation_time => "`creationTime`, an `xs:dateTime` such as `2024-01-31T09:30:00Z`",
            last_modification_time => "`lastModificationTime`, an `xs:dateTime`",
            expiration_time => "`expirationTime`, an `xs:dateTime`";
    }

    plain_setters! {
        gender: Gender => "`gender`",
        index: i32 => "`index` (1.1), the `personAddresses` index this person answers",
        friend_status: FriendStatus => "`friendStatus` (1.1)",
    }

    /// The person, if every value set is valid; otherwise one error naming each field that
    /// is not, in the order they were set.
    pub fn build(self) -> Result<Person, BuildError> {
        let PersonBuilder {
            mut person,
            pending,
        } = self;
        let mut problems = Vec::new();
        for Pending { field, value, slot } in pending {
            if let Err(message) = slot.fill(&mut person, value) {
                problems.push(FieldProblem { field, message });
            }
        }
        if problems.is_empty() {
            Ok(person)
        } else {
            Err(BuildError {
                user_id: person.user_id,
                problems,
            })
        }
    }
}

impl Person {
    /// A builder for a person with the required `userID`, whose setters take plain strings.
    pub fn builder(user_id: impl Into<String>) -> PersonBuilder {
        PersonBuilder::new(user_id.into())
    }
}

/// One value [`PersonBuilder::build`] refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    field: &'static str,
    message: String,
}

impl FieldProblem {
    /// The field, as the builder's setter and the [`Person`] field are named
    /// (`first_name`).
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The element the field is written as (`firstName`): the field's name in camel case,
    /// as the model's serde form names it too.
    pub fn element(&self) -> String {
        camel_case(self.field)
    }

    /// What is wrong with the value, quoting its start.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.element(), self.message)
    }
}

/// `first_name` → `firstName`: how serde's `rename_all = "camelCase"` names the fields.
fn camel_case(field: &str) -> String {
    let mut words = field.split('_');
    let mut out = words.next().unwrap_or_default().to_owned();
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// Why [`PersonBuilder::build`] made no person: every value it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    user_id: String,
    problems: Vec<FieldProblem>,
}

impl BuildError {
    /// Each refused value, one per field, in the order the fields were set.
    pub fn problems(&self) -> &[FieldProblem] {
        &self.problems
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "person {} has {} invalid field{}: ",
            quoted_value(&self.user_id),
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
