//! Generators of model values for property tests: every root, with the awkward values
//! (timezone spellings, 1024-character non-ASCII text, markup characters, CR/LF, empty strings
//! and lists, extreme integers) that round trips must survive.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use osc_schema::Namespace;
use osc_schema::model::{
    ActivityDetails, ActivityFeed, ActivityTemplate, ActivityTemplateContainer, ActivityType,
    Capabilities, FriendStatus, Gender, HashFunction, HashedAddresses, Person, PersonAddresses,
    SimpleTemplateVariable, SimpleVariableType, TemplateVariable, TemplateVariableType,
};
use osc_schema::xs::{AnyUri, BoundedString, XsDate, XsDateTime};

/// Fragments chosen to trip up escaping and text handling: markup characters, the CDATA
/// terminator, entity look-alikes, every line-end spelling, characters outside the BMP
/// (surrogate pairs in UTF-16), XML 1.1 line ends that XML 1.0 must keep (NEL, LS), a
/// no-break space and a mid-text BOM, and the edges of the XML character ranges.
pub const ATOMS: &[&str] = &[
    "a",
    "Z",
    "0",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\n\r",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "]]>",
    "]]",
    "&amp;",
    "&#13;",
    "&lt;",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?pi x?>",
    "é",
    "ü",
    "京都",
    "🥾",
    "😀",
    "\u{85}",
    "\u{2028}",
    "\u{a0}",
    "\u{3000}",
    "\u{feff}",
    "\u{fffd}",
    "\u{e000}",
    "\u{d7ff}",
    "\u{10ffff}",
    "{publisher:Publisher}",
];

/// Seeds for the long strings: mostly multi-byte, so 1024 characters are well over 1024
/// bytes (and over 1024 UTF-16 units for the emoji).
pub const LONG_SEEDS: &[&str] = &["é", "😀", "京", "ü&<>", "\r\n", "]]>", " ", "x"];

/// The characters XML 1.0 can carry; generated text must stay inside them because the
/// writer rightly refuses the others (see `unwritable_character_names_its_field`).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Any character XML can hold; the others are swapped for U+FFFD rather than filtered so
/// no case is rejected.
pub fn xml_char() -> impl Strategy<Value = char> {
    any::<char>().prop_map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
}

/// Short text for any string field: empty, whitespace only, tricky fragments, or random
/// characters.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => vec(select(&[" ", "\t", "\n", "\r", "\r\n"][..]), 1..6).prop_map(|v| v.concat()),
        5 => vec(select(ATOMS), 0..8).prop_map(|v| v.concat()),
        2 => vec(xml_char(), 0..8).prop_map(|v| v.into_iter().collect()),
    ]
}

/// Text of 1000 to exactly 1024 characters, built by repeating a seed (cheap to generate).
pub fn long_text() -> impl Strategy<Value = String> {
    (
        vec(select(LONG_SEEDS), 1..4),
        prop_oneof![Just(1024usize), 1000usize..1024],
    )
        .prop_map(|(seed, n)| seed.concat().chars().cycle().take(n).collect())
}

/// A `stringType` value. Long values are kept rare (about one person in two gets one)
/// because reading them dominates the run time in debug builds;
/// `longest_values_round_trip` fills every field at the limit deterministically.
pub fn bounded() -> impl Strategy<Value = BoundedString> {
    prop_oneof![29 => text(), 1 => long_text()].prop_map(|s| {
        BoundedString::new(s).expect("generated strings have at most 1024 characters")
    })
}

/// anyURI values go through `AnyUri::new`, which collapses whitespace exactly as reading
/// does, so the model value is already the one that reading gives back.
pub fn any_uri() -> impl Strategy<Value = AnyUri> {
    text().prop_map(AnyUri::new)
}

pub fn u64_value() -> impl Strategy<Value = u64> {
    prop_oneof![Just(0), Just(u64::MAX), any::<u64>()]
}

pub fn i32_value() -> impl Strategy<Value = i32> {
    prop_oneof![
        Just(i32::MIN),
        Just(i32::MAX),
        Just(0),
        Just(-1),
        any::<i32>()
    ]
}

/// Years of every shape the lexical form allows: four digits (zero-padded), negative,
/// and five digits (which must not be zero-padded); year 0000 does not exist in XSD 1.0.
pub fn year() -> impl Strategy<Value = i64> {
    prop_oneof![
        1i64..=9999,
        -9999i64..=-1,
        10_000i64..=99_999,
        -99_999i64..=-10_000,
        select(&[2000i64, 1900, 2024, -1, -5, -101, -401][..]),
    ]
}

pub fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// The leap-year rule applied to the year as written, negative years included (XSD 1.0's
/// own day-count algorithm; see `xs::date`).
pub fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `YYYY-MM-DD` with a day that exists; clamping the day leans towards month ends, the
/// interesting ones.
pub fn date_part() -> impl Strategy<Value = String> {
    (year(), 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let d = d.min(days_in_month(y, m));
        format!("{}-{m:02}-{d:02}", year_text(y))
    })
}

/// No timezone, `Z`, both zero offsets, the extremes, or any offset in between.
pub fn timezone() -> impl Strategy<Value = String> {
    prop_oneof![
        select(&["", "Z", "+00:00", "-00:00", "+14:00", "-14:00"][..]).prop_map(String::from),
        (any::<bool>(), 0u8..=13, 0u8..=59).prop_map(|(negative, h, m)| {
            format!("{}{h:02}:{m:02}", if negative { '-' } else { '+' })
        }),
    ]
}

pub fn fraction() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        vec(0u8..=9, 1..12).prop_map(|digits| {
            let digits: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            format!(".{digits}")
        }),
    ]
}

/// A time of day, including the end-of-day form `24:00:00` (whose fraction may only be
/// zeros).
pub fn time_part() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (0u8..=23, 0u8..=59, 0u8..=59, fraction())
            .prop_map(|(h, m, s, f)| format!("{h:02}:{m:02}:{s:02}{f}")),
        1 => select(&["", ".0", ".000"][..]).prop_map(|f| format!("24:00:00{f}")),
    ]
}

/// The lexical form is built from valid parts and then parsed, so the generator covers
/// what the type accepts without re-implementing its parser.
pub fn date_time() -> impl Strategy<Value = XsDateTime> {
    (date_part(), time_part(), timezone()).prop_map(|(d, t, z)| {
        let lexical = format!("{d}T{t}{z}");
        let value = XsDateTime::parse(&lexical)
            .unwrap_or_else(|e| panic!("valid dateTime `{lexical}` refused: {e}"));
        assert_eq!(value.as_str(), lexical, "parse must keep the lexical form");
        value
    })
}

pub fn date() -> impl Strategy<Value = XsDate> {
    (date_part(), timezone()).prop_map(|(d, z)| {
        let lexical = format!("{d}{z}");
        let value = XsDate::parse(&lexical)
            .unwrap_or_else(|e| panic!("valid date `{lexical}` refused: {e}"));
        assert_eq!(value.as_str(), lexical, "parse must keep the lexical form");
        value
    })
}

/// How many `Person` fields are `Option<BoundedString>`.
pub const BOUNDED_FIELDS: usize = 34;

pub fn person() -> impl Strategy<Value = Person> {
    (
        text(),
        vec(option::of(bounded()), BOUNDED_FIELDS),
        vec(option::of(text()), 5),
        vec(option::of(date()), 2),
        vec(option::of(date_time()), 3),
        option::of(select(
            &[Gender::Male, Gender::Female, Gender::Unspecified][..],
        )),
        option::of(i32_value()),
        option::of(select(
            &[
                FriendStatus::Friend,
                FriendStatus::NotFriend,
                FriendStatus::Pending,
                FriendStatus::PendingIn,
                FriendStatus::PendingOut,
            ][..],
        )),
    )
        .prop_map(
            |(user_id, bounded, strings, dates, times, gender, index, friend_status)| {
                let mut b = bounded.into_iter();
                let mut b = move || b.next().expect("one value per bounded field");
                let mut s = strings.into_iter();
                let mut s = move || s.next().expect("one value per string field");
                let [anniversary, birthday]: [Option<XsDate>; 2] =
                    dates.try_into().expect("two dates");
                let [creation_time, last_modification_time, expiration_time]: [Option<XsDateTime>;
                    3] = times.try_into().expect("three dateTimes");
                // A full struct literal, so a field added to the model breaks this build
                // instead of silently going untested.
                Person {
                    user_id,
                    first_name: b(),
                    last_name: b(),
                    full_name: b(),
                    nickname: b(),
                    file_as: b(),
                    company: b(),
                    title: b(),
                    anniversary,
                    birthday,
                    email_address: s(),
                    email_address2: s(),
                    email_address3: s(),
                    web_profile_page: s(),
                    phone: b(),
                    cell: b(),
                    home_phone: b(),
                    work_phone: b(),
                    address: b(),
                    city: b(),
                    state: b(),
                    country_or_region: b(),
                    zip: b(),
                    relationship: b(),
                    creation_time,
                    last_modification_time,
                    expiration_time,
                    gender,
                    index,
                    picture_url: s(),
                    friend_status,
                    business_address: b(),
                    business_city: b(),
                    business_state: b(),
                    business_country_or_region: b(),
                    business_zip: b(),
                    other_address: b(),
                    other_city: b(),
                    other_state: b(),
                    other_country_or_region: b(),
                    other_zip: b(),
                    website: b(),
                    askmeabout: b(),
                    industries: b(),
                    skills: b(),
                    interests: b(),
                    schools: b(),
                    location: b(),
                }
            },
        )
}

pub fn capabilities() -> impl Strategy<Value = Capabilities> {
    (
        vec(any::<bool>(), 8),
        vec(option::of(any::<bool>()), 10),
        option::of(prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>()]),
        option::of(any_uri()),
        option::of(any_uri()),
        option::of(select(
            &[
                HashFunction::Sha1,
                HashFunction::Md5,
                HashFunction::Crc32Md5,
            ][..],
        )),
    )
        .prop_map(
            |(required, optional, interval, create, forgot, hash_function)| {
                let mut r = required.into_iter();
                let mut r = move || r.next().expect("one value per required flag");
                let mut o = optional.into_iter();
                let mut o = move || o.next().expect("one value per optional flag");
                Capabilities {
                    get_friends: r(),
                    cache_friends: r(),
                    follow_person: r(),
                    do_not_follow_person: r(),
                    get_activities: r(),
                    cache_activities: r(),
                    dynamic_activities_lookup: o(),
                    display_url: r(),
                    use_logon_web_auth: r(),
                    hide_hyperlinks: o(),
                    supports_auto_configure: o(),
                    contact_sync_restart_interval: interval,
                    dynamic_activities_lookup_ex: o(),
                    dynamic_contacts_lookup: o(),
                    use_logon_cached: o(),
                    hide_remember_my_password: o(),
                    create_account_url: create,
                    forgot_password_url: forgot,
                    show_on_demand_activities_when_minimized: o(),
                    show_on_demand_contacts_when_minimized: o(),
                    hash_function,
                    allow_changes_to_auto_configure: o(),
                }
            },
        )
}

pub fn activity_type() -> impl Strategy<Value = ActivityType> {
    select(
        &[
            ActivityType::StatusUpdate,
            ActivityType::Photo,
            ActivityType::Document,
            ActivityType::Other,
        ][..],
    )
}

pub fn simple_variable() -> impl Strategy<Value = SimpleTemplateVariable> {
    (
        select(
            &[
                SimpleVariableType::Link,
                SimpleVariableType::Text,
                SimpleVariableType::Picture,
            ][..],
        ),
        text(),
        option::of(text()),
        option::of(any_uri()),
        option::of(text()),
        option::of(any_uri()),
    )
        .prop_map(|(variable_type, name, text, value, alt_text, href)| {
            SimpleTemplateVariable {
                variable_type,
                name,
                text,
                value,
                alt_text,
                href,
            }
        })
}

pub fn template_variable() -> impl Strategy<Value = TemplateVariable> {
    (
        select(
            &[
                TemplateVariableType::Publisher,
                TemplateVariableType::Entity,
                TemplateVariableType::Link,
                TemplateVariableType::Text,
                TemplateVariableType::Picture,
                TemplateVariableType::List,
            ][..],
        ),
        text(),
        vec(option::of(text()), 7),
        option::of(any_uri()),
        // `Some(vec![])` (an empty `listItems`) must stay distinct from `None`.
        option::of(vec(simple_variable(), 0..3)),
    )
        .prop_map(|(variable_type, name, strings, href, list_items)| {
            let mut s = strings.into_iter();
            let mut s = move || s.next().expect("one value per string field");
            TemplateVariable {
                variable_type,
                name,
                id: s(),
                name_hint: s(),
                email_address: s(),
                profile_url: s(),
                text: s(),
                value: s(),
                alt_text: s(),
                href,
                list_items,
            }
        })
}

pub fn activity() -> impl Strategy<Value = ActivityDetails> {
    (
        text(),
        text(),
        u64_value(),
        u64_value(),
        date_time(),
        option::of(activity_type()),
        vec(template_variable(), 0..4),
    )
        .prop_map(
            |(owner_id, object_id, application_id, template_id, publish_date, kind, vars)| {
                ActivityDetails {
                    owner_id,
                    object_id,
                    application_id,
                    template_id,
                    publish_date,
                    activity_type: kind,
                    template_variables: vars,
                }
            },
        )
}

pub fn container() -> impl Strategy<Value = ActivityTemplateContainer> {
    (
        u64_value(),
        u64_value(),
        option::of(activity_type()),
        text(),
        option::of(text()),
        any_uri(),
    )
        .prop_map(|(application_id, template_id, kind, title, data, icon)| {
            ActivityTemplateContainer {
                application_id,
                template_id,
                activity_template: ActivityTemplate {
                    activity_type: kind,
                    title,
                    data,
                    icon,
                },
            }
        })
}

pub fn feed() -> impl Strategy<Value = ActivityFeed> {
    (text(), vec(activity(), 0..4), vec(container(), 0..4)).prop_map(
        |(network, activities, templates)| ActivityFeed {
            network,
            activities,
            templates,
        },
    )
}

pub fn hashed() -> impl Strategy<Value = HashedAddresses> {
    vec(
        (i32_value(), vec(text(), 0..4)).prop_map(|(index, hashed_addresses)| PersonAddresses {
            index,
            hashed_addresses,
        }),
        0..5,
    )
    .prop_map(|person_addresses| HashedAddresses { person_addresses })
}

/// The namespaces every root may be written in.
pub fn namespace() -> impl Strategy<Value = Namespace> {
    select(&[Namespace::Osc10, Namespace::Osc11][..])
}
