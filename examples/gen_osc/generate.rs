//! Seeded generator of schema-valid OSC documents (2013 content model, 1.1 namespace).
//!
//! Shared by `examples/gen_osc.rs` (big files for `scripts/bench-peers.sh`) and
//! `benches/validate.rs` (an in-memory document), both through `#[path]`, so the divan
//! benchmarks and the peer comparison measure the same kind of input.
//!
//! Everything written here must stay valid against `schemas/osc-2013.xsd` *and* the
//! original 2013 XSD as libxml2 reads it: elements in schema order, dates and numbers with
//! no surrounding whitespace and no `+` sign (xmllint 2.9 rejects those although XSD 1.0
//! allows them), strings of the 1024-character `stringType` kept short. The content is
//! also kept lint-clean where that costs nothing (feed tokens match their variables, every
//! activity has its template, capabilities are consistent), so that `oscx validate` with
//! lint rules must succeed on it too.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

/// The namespace of schema generations 1.1 and 2013.
pub const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// The extra namespace declarations .NET's `XmlSerializer` puts on every root; real
/// providers send them, so some of our roots carry them too.
const XSI_XSD: &str = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
                       xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"";

/// splitmix64: tiny, fast, and good enough for test data; keeping it here (instead of the
/// `rand` crate) means a seed gives the same bytes on every platform and crate version.
pub struct Rng(u64);

impl Rng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (multiply-shift, so no modulo bias worth caring about).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p` percent.
    pub fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Appends formatted text; writing to a `String` cannot fail, so the result is not passed on.
fn put(out: &mut String, args: fmt::Arguments<'_>) {
    out.write_fmt(args)
        .expect("formatting into a String cannot fail");
}

/// How a text value is escaped. Real serializers differ: most escape only what they must,
/// some write every non-ASCII character as a character reference; both must be parsed.
#[derive(Clone, Copy)]
enum Escaping {
    Minimal,
    Decimal,
    Hex,
}

impl Escaping {
    fn choose(rng: &mut Rng) -> Self {
        match rng.below(100) {
            0..=7 => Escaping::Decimal,
            8..=11 => Escaping::Hex,
            _ => Escaping::Minimal,
        }
    }
}

/// Writes `s` as element content.
fn escape(out: &mut String, s: &str, how: Escaping) {
    for c in s.chars() {
        match (c, how) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('"', Escaping::Decimal | Escaping::Hex) => out.push_str("&quot;"),
            ('\'', Escaping::Decimal | Escaping::Hex) => out.push_str("&apos;"),
            (c, Escaping::Decimal) if !c.is_ascii() => put(out, format_args!("&#{};", c as u32)),
            (c, Escaping::Hex) if !c.is_ascii() => put(out, format_args!("&#x{:X};", c as u32)),
            (c, _) => out.push(c),
        }
    }
}

/// Layout of one element's children: pretty (one child a line) or all on one line.
#[derive(Clone, Copy)]
struct Indent {
    pretty: bool,
    depth: usize,
}

impl Indent {
    fn line(self, out: &mut String) {
        if self.pretty {
            out.push('\n');
            for _ in 0..self.depth {
                out.push_str("  ");
            }
        }
    }

    fn deeper(self) -> Self {
        Indent {
            pretty: self.pretty,
            depth: self.depth + 1,
        }
    }
}

/// `<name>text</name>` on its own line, with text escaped in a randomly chosen style.
fn text_elem(out: &mut String, rng: &mut Rng, ind: Indent, name: &str, value: &str) {
    ind.line(out);
    put(out, format_args!("<{name}>"));
    escape(out, value, Escaping::choose(rng));
    put(out, format_args!("</{name}>"));
}

/// `<name>value</name>` for values that need no escaping (numbers, dates, enumerations).
fn raw_elem(out: &mut String, ind: Indent, name: &str, value: fmt::Arguments<'_>) {
    ind.line(out);
    put(out, format_args!("<{name}>{value}</{name}>"));
}

fn open(out: &mut String, ind: Indent, name: &str) {
    ind.line(out);
    put(out, format_args!("<{name}>"));
}

fn close(out: &mut String, ind: Indent, name: &str) {
    ind.line(out);
    put(out, format_args!("</{name}>"));
}

// ----- value pools -------------------------------------------------------------------------
// Display form and an ASCII form for addresses; deliberately mixed scripts, diacritics,
// emoji and characters that must be escaped, because those are what text handling costs.

/// A name in its own script and an ASCII form for e-mail addresses.
type Name = (&'static str, &'static str);

/// Given and family names of one naming culture, and whether the family name comes first
/// (written without a space) as in Chinese, Japanese and Korean.
struct Culture {
    given: &'static [Name],
    family: &'static [Name],
    family_first: bool,
}

/// Names grouped by culture, so a person's first and last name belong together.
const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            ("Zoë", "zoe"),
            ("José", "jose"),
            ("Jürgen", "juergen"),
            ("Åsa", "asa"),
            ("Łukasz", "lukasz"),
            ("Chloé", "chloe"),
            ("Søren", "soren"),
            ("İlkay", "ilkay"),
            ("Siobhán", "siobhan"),
            ("François", "francois"),
            ("Björn", "bjorn"),
            ("Ngozi", "ngozi"),
            ("Kwame", "kwame"),
            ("Priya", "priya"),
            ("Ines", "ines"),
            ("Liam", "liam"),
            ("Olivia", "olivia"),
            ("Renée", "renee"),
        ],
        family: &[
            ("Müller", "mueller"),
            ("Ødegård", "odegard"),
            ("García", "garcia"),
            ("Núñez", "nunez"),
            ("O'Brien", "obrien"),
            ("Nguyễn", "nguyen"),
            ("Dvořák", "dvorak"),
            ("Kowalski", "kowalski"),
            ("Lefèvre", "lefevre"),
            ("Schäfer", "schaefer"),
            ("Öztürk", "ozturk"),
            ("Okafor", "okafor"),
            ("Haldane", "haldane"),
            ("Lindqvist", "lindqvist"),
            ("Fernández-López", "fernandez"),
            ("van der Berg", "vanderberg"),
            ("Smith", "smith"),
        ],
        family_first: false,
    },
    Culture {
        given: &[
            ("Иван", "ivan"),
            ("Мария", "maria"),
            ("Олег", "oleg"),
            ("Анна", "anna"),
        ],
        family: &[
            ("Иванов", "ivanov"),
            ("Петрова", "petrova"),
            ("Смирнов", "smirnov"),
        ],
        family_first: false,
    },
    Culture {
        given: &[("Σοφία", "sofia"), ("Νίκος", "nikos"), ("Ελένη", "eleni")],
        family: &[("Παπαδόπουλος", "papadopoulos"), ("Οικονόμου", "oikonomou")],
        family_first: false,
    },
    Culture {
        given: &[
            ("محمد", "mohammed"),
            ("فاطمة", "fatima"),
            ("يوسف", "youssef"),
        ],
        family: &[("الحسن", "alhassan"), ("المصري", "almasri")],
        family_first: false,
    },
    Culture {
        given: &[
            ("花子", "hanako"),
            ("太郎", "taro"),
            ("愛子", "aiko"),
            ("翔", "sho"),
        ],
        family: &[
            ("山田", "yamada"),
            ("佐藤", "sato"),
            ("田中", "tanaka"),
            ("鈴木", "suzuki"),
        ],
        family_first: true,
    },
    Culture {
        given: &[("娜", "na"), ("伟", "wei"), ("芳", "fang"), ("明", "ming")],
        family: &[("李", "li"), ("王", "wang"), ("张", "zhang"), ("刘", "liu")],
        family_first: true,
    },
    Culture {
        given: &[("지우", "jiwoo"), ("민준", "minjun"), ("서연", "seoyeon")],
        family: &[("김", "kim"), ("이", "lee"), ("박", "park")],
        family_first: true,
    },
];

/// A culture, weighted: about half the people write their names in Latin script.
fn culture(rng: &mut Rng) -> &'static Culture {
    if rng.percent(50) {
        &CULTURES[0]
    } else {
        &CULTURES[rng.below(CULTURES.len() as u64) as usize]
    }
}

/// `(first, last, full)` for one person.
fn person_name(rng: &mut Rng) -> (Name, Name, String) {
    let c = culture(rng);
    let first = c.given[rng.below(c.given.len() as u64) as usize];
    let last = c.family[rng.below(c.family.len() as u64) as usize];
    let full = if c.family_first {
        format!("{}{}", last.0, first.0)
    } else {
        format!("{} {}", first.0, last.0)
    };
    (first, last, full)
}

const NICKNAMES: &[&str] = &[
    "Zo 🎸",
    "Jojo",
    "🐱 cat person",
    "the boss",
    "Ψ",
    "ninja 🥷",
    "K-dawg",
    "☕ addict",
    "Mimi",
    "\"Doc\"",
    "Speedy 🏃",
    "ちゃん",
];

const COMPANIES: &[&str] = &[
    "Contoso Ltd.",
    "Fabrikam, Inc.",
    "Smith & Sons",
    "Müller & Töchter GmbH",
    "株式会社コントソ",
    "Ωmega <Labs>",
    "Northwind Traders",
    "Adventure Works",
    "Tailspin Toys",
    "Wide World Importers",
    "Litware & Co",
    "Café Olé S.A.",
];

const TITLES: &[&str] = &[
    "Engineer",
    "Head of R&D",
    "VP, Sales & Marketing",
    "Directeur général",
    "Senior <Staff> Engineer",
    "Product Manager",
    "研究员",
    "Designer",
    "Data Scientist",
    "Consultant",
    "Intern",
    "CTO",
];

const STREETS: &[&str] = &[
    "1 Microsoft Way",
    "Hauptstraße 12",
    "Rue de l'Église 3",
    "Bahnhofstrasse 7, 2. OG",
    "Av. Paulista, 1578",
    "ул. Тверская, д. 7",
    "千代田区丸の内1-1",
    "ul. Floriańska 15",
    "Laugavegur 22",
    "Calle Mayor 5 & 7",
    "Apt 4 <rear entrance>",
    "Königsallee 92a",
];

const CITIES: &[&str] = &[
    "Redmond",
    "München",
    "Zürich",
    "São Paulo",
    "Москва",
    "東京",
    "Kraków",
    "Reykjavík",
    "Montréal",
    "İstanbul",
    "Malmö",
    "Αθήνα",
    "القاهرة",
    "Łódź",
];

const STATES: &[&str] = &[
    "WA",
    "Bayern",
    "ZH",
    "SP",
    "Québec",
    "Hokkaidō",
    "Île-de-France",
    "NSW",
    "Catalunya",
];

const COUNTRIES: &[&str] = &[
    "United States",
    "Deutschland",
    "Schweiz",
    "Brasil",
    "Россия",
    "日本",
    "Polska",
    "Ísland",
    "Canada",
    "Türkiye",
    "España",
    "Ελλάδα",
    "مصر",
    "中国",
    "대한민국",
];

const ZIPS: &[&str] = &[
    "98052",
    "80331",
    "8001",
    "01310-100",
    "101000",
    "100-0001",
    "30-001",
    "H2X 1Y4",
    "SW1A 1AA",
    "75008",
];

const RELATIONSHIPS: &[&str] = &[
    "Colleague",
    "Friend",
    "Family",
    "Friend of a friend",
    "Manager & mentor",
    "Classmate",
    "同僚",
];

const TOPICS: &[&str] = &[
    "Rust",
    "XML",
    "C#",
    "COM",
    "Outlook",
    "Photography 📷",
    "Hiking",
    "Jazz 🎷",
    "Cooking & baking",
    "Machine learning",
    "Mandarin (中文)",
    "Ski touring ⛷",
    "Chess ♟",
    "Open source",
    "Café culture ☕",
    "Astronomy 🔭",
    "Film <noir>",
    "Ślęża trail running",
];

const INDUSTRIES: &[&str] = &[
    "Software",
    "Banking & Finance",
    "Healthcare",
    "Automobilindustrie",
    "Education",
    "Retail",
    "Énergie",
    "Telecommunications",
    "Logistik",
];

const SCHOOLS: &[&str] = &[
    "University of Washington",
    "ETH Zürich",
    "Universidade de São Paulo",
    "東京大学",
    "Uniwersytet Jagielloński",
    "École polytechnique",
    "Trinity College Dublin",
    "Lycée Henri-IV",
];

const LOCATIONS: &[&str] = &[
    "Building 92, floor 3",
    "Working from home 🏠",
    "München HQ",
    "On the road ✈",
    "東京オフィス",
    "Remote – UTC+05:30",
    "Café near Pike Place",
];

const DOMAINS: &[&str] = &[
    "contoso.com",
    "fabrikam.example",
    "example.org",
    "mail.example.net",
    "xn--bcher-kva.example",
];

const GENDERS: &[&str] = &["male", "female", "unspecified"];
const FRIEND_STATUSES: &[&str] = &["friend", "notfriend", "pending", "pendingin", "pendingout"];

// ----- dates ---------------------------------------------------------------------------------

fn days_in_month(year: u64, month: u64) -> u64 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A timezone in one of the four forms (none, `Z`, `+hh:mm`, `-hh:mm`); `±00:00` and
/// `±14:00` come up too. `allow_none` is off where a lint asks for an explicit offset.
fn timezone(out: &mut String, rng: &mut Rng, allow_none: bool) {
    let form = rng.below(5);
    if form <= 1 && allow_none {
        return;
    }
    if form <= 2 {
        out.push('Z');
        return;
    }
    let hours = rng.below(15);
    // Whole hours mostly; India's :30 and Nepal's :45 now and then.
    let minutes = if hours == 14 {
        0
    } else {
        *rng.pick(&[0, 0, 0, 0, 30, 45])
    };
    let sign = if form == 3 { '+' } else { '-' };
    put(out, format_args!("{sign}{hours:02}:{minutes:02}"));
}

/// A calendar day between the years given, February 29 included in leap years.
fn ymd(out: &mut String, rng: &mut Rng, years: (u64, u64)) {
    let year = rng.between(years.0, years.1);
    let month = rng.between(1, 12);
    let day = rng.between(1, days_in_month(year, month));
    put(out, format_args!("{year:04}-{month:02}-{day:02}"));
}

/// An `xs:date` value.
fn date(rng: &mut Rng, years: (u64, u64)) -> String {
    let mut s = String::with_capacity(16);
    ymd(&mut s, rng, years);
    timezone(&mut s, rng, true);
    s
}

/// An `xs:dateTime` value, sometimes with fractional seconds (1 to 7 digits).
fn date_time(rng: &mut Rng, years: (u64, u64), allow_no_tz: bool) -> String {
    let mut s = String::with_capacity(32);
    ymd(&mut s, rng, years);
    let (h, m, sec) = (rng.below(24), rng.below(60), rng.below(60));
    put(&mut s, format_args!("T{h:02}:{m:02}:{sec:02}"));
    if rng.percent(30) {
        let digits = rng.between(1, 7) as usize;
        let fraction = rng.below(10_u64.pow(digits as u32));
        put(&mut s, format_args!(".{fraction:0digits$}"));
    }
    timezone(&mut s, rng, allow_no_tz);
    s
}

// ----- person --------------------------------------------------------------------------------

fn list_of(rng: &mut Rng, pool: &[&'static str], max: u64) -> String {
    // Consecutive pool entries from a random start: no item twice in one list.
    let n = rng.between(1, max.min(pool.len() as u64)) as usize;
    let start = rng.below(pool.len() as u64) as usize;
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(pool[(start + i) % pool.len()]);
    }
    s
}

fn phone(rng: &mut Rng) -> String {
    let n = rng.below(10_000);
    match rng.below(4) {
        0 => format!("+1 (425) 555-{n:04}"),
        1 => format!("+49 89 {:04} {n:04}", rng.below(10_000)),
        2 => format!("+81-3-{:04}-{n:04}", rng.below(10_000)),
        _ => format!("555 {n:04} x{}", rng.between(1, 999)),
    }
}

fn address_block(out: &mut String, rng: &mut Rng, ind: Indent, names: [&str; 5], p: u64) {
    if rng.percent(p) {
        let value = rng_pick(rng, STREETS);
        text_elem(out, rng, ind, names[0], value);
    }
    if rng.percent(p + 10) {
        let value = rng_pick(rng, CITIES);
        text_elem(out, rng, ind, names[1], value);
    }
    if rng.percent(p) {
        let value = rng_pick(rng, STATES);
        text_elem(out, rng, ind, names[2], value);
    }
    if rng.percent(p + 10) {
        let value = rng_pick(rng, COUNTRIES);
        text_elem(out, rng, ind, names[3], value);
    }
    if rng.percent(p) {
        let value = rng_pick(rng, ZIPS);
        text_elem(out, rng, ind, names[4], value);
    }
}

/// `pick` for `&str` pools that returns the `&'static str` itself, so the borrow of `rng`
/// ends before the value is used alongside it.
fn rng_pick(rng: &mut Rng, pool: &[&'static str]) -> &'static str {
    pool[rng.below(pool.len() as u64) as usize]
}

/// Options for one generated person.
#[derive(Clone, Copy)]
struct PersonShape {
    /// The fields `GetDetails` callers rely on (`fullName`, `emailAddress`) are always there.
    details: bool,
}

/// One `person` element (or the children of a `person` root) with `userID` and a random
/// selection of every optional element, in schema order.
fn person_fields(out: &mut String, rng: &mut Rng, ind: Indent, id: u64, shape: PersonShape) {
    let ((first, first_ascii), (last, last_ascii), full) = person_name(rng);
    let user_id = match rng.below(3) {
        0 => format!("{}", 100_000_000 + id),
        1 => format!("ct-{id}"),
        _ => format!("fb:{id:x}"),
    };
    text_elem(out, rng, ind, "userID", &user_id);
    if rng.percent(90) {
        text_elem(out, rng, ind, "firstName", first);
    }
    if rng.percent(90) {
        text_elem(out, rng, ind, "lastName", last);
    }
    if shape.details || rng.percent(85) {
        text_elem(out, rng, ind, "fullName", &full);
    }
    if rng.percent(30) {
        let value = rng_pick(rng, NICKNAMES);
        text_elem(out, rng, ind, "nickname", value);
    }
    if rng.percent(40) {
        text_elem(out, rng, ind, "fileAs", &format!("{last}, {first}"));
    }
    if rng.percent(60) {
        let value = rng_pick(rng, COMPANIES);
        text_elem(out, rng, ind, "company", value);
    }
    if rng.percent(55) {
        let value = rng_pick(rng, TITLES);
        text_elem(out, rng, ind, "title", value);
    }
    if rng.percent(10) {
        raw_elem(
            out,
            ind,
            "anniversary",
            format_args!("{}", date(rng, (1970, 2023))),
        );
    }
    if rng.percent(40) {
        raw_elem(
            out,
            ind,
            "birthday",
            format_args!("{}", date(rng, (1940, 2006))),
        );
    }
    let domain = rng_pick(rng, DOMAINS);
    if shape.details || rng.percent(80) {
        let email = if rng.percent(3) {
            // Internationalised addresses exist; emailAddress is a plain xs:string.
            format!(
                "{}.{}@例え.jp",
                first.to_lowercase().replace(' ', ""),
                last.to_lowercase().replace(' ', "")
            )
        } else {
            format!("{first_ascii}.{last_ascii}{}@{domain}", id % 1000)
        };
        text_elem(out, rng, ind, "emailAddress", &email);
    }
    if rng.percent(30) {
        let email = format!("{first_ascii}{id}@{}", rng_pick(rng, DOMAINS));
        text_elem(out, rng, ind, "emailAddress2", &email);
    }
    if rng.percent(10) {
        let email = format!("{last_ascii}+osc@{domain}");
        text_elem(out, rng, ind, "emailAddress3", &email);
    }
    if rng.percent(70) {
        let url = format!("https://social.contoso.com/profile.aspx?id={id}&tab=about");
        text_elem(out, rng, ind, "webProfilePage", &url);
    }
    for (name, p) in [
        ("phone", 40),
        ("cell", 40),
        ("homePhone", 20),
        ("workPhone", 30),
    ] {
        if rng.percent(p) {
            let number = phone(rng);
            text_elem(out, rng, ind, name, &number);
        }
    }
    address_block(
        out,
        rng,
        ind,
        ["address", "city", "state", "countryOrRegion", "zip"],
        35,
    );
    if rng.percent(20) {
        let value = rng_pick(rng, RELATIONSHIPS);
        text_elem(out, rng, ind, "relationship", value);
    }
    if rng.percent(60) {
        let t = date_time(rng, (2004, 2015), true);
        raw_elem(out, ind, "creationTime", format_args!("{t}"));
    }
    if rng.percent(60) {
        let t = date_time(rng, (2016, 2025), true);
        raw_elem(out, ind, "lastModificationTime", format_args!("{t}"));
    }
    if rng.percent(20) {
        let t = date_time(rng, (2026, 2030), true);
        raw_elem(out, ind, "expirationTime", format_args!("{t}"));
    }
    if rng.percent(60) {
        raw_elem(
            out,
            ind,
            "gender",
            format_args!("{}", rng_pick(rng, GENDERS)),
        );
    }
    if rng.percent(15) {
        // Indexes answer request entries, so within one list they are distinct and never
        // negative: the person's own number keeps the generated list free of lint findings.
        let index = id;
        raw_elem(out, ind, "index", format_args!("{index}"));
    }
    if rng.percent(70) {
        let url = format!(
            "https://cdn.contoso.com/p/{id}/96x96.jpg?v={}&s=1",
            rng.below(100)
        );
        text_elem(out, rng, ind, "pictureUrl", &url);
    }
    if rng.percent(70) {
        let status = rng_pick(rng, FRIEND_STATUSES);
        raw_elem(out, ind, "friendStatus", format_args!("{status}"));
    }
    address_block(
        out,
        rng,
        ind,
        [
            "businessAddress",
            "businessCity",
            "businessState",
            "businessCountryOrRegion",
            "businessZip",
        ],
        20,
    );
    address_block(
        out,
        rng,
        ind,
        [
            "otherAddress",
            "otherCity",
            "otherState",
            "otherCountryOrRegion",
            "otherZip",
        ],
        8,
    );
    if rng.percent(20) {
        let site = format!("https://{first_ascii}.{domain}/blog/?lang=de&page=1");
        text_elem(out, rng, ind, "website", &site);
    }
    for (name, pool, p) in [
        ("askmeabout", TOPICS, 15),
        ("industries", INDUSTRIES, 20),
        ("skills", TOPICS, 25),
        ("interests", TOPICS, 30),
        ("schools", SCHOOLS, 25),
    ] {
        if rng.percent(p) {
            let list = list_of(rng, pool, 6);
            text_elem(out, rng, ind, name, &list);
        }
    }
    if rng.percent(30) {
        let value = rng_pick(rng, LOCATIONS);
        text_elem(out, rng, ind, "location", value);
    }
}

/// One `<person>` inside `friends`.
fn person(out: &mut String, rng: &mut Rng, ind: Indent, id: u64) {
    // Most serializers indent; some write each record on one line.
    let pretty = ind.pretty && !rng.percent(10);
    let ind = Indent { pretty, ..ind };
    if rng.percent(1) {
        ind.line(out);
        put(out, format_args!("<!-- synced batch {} -->", id / 100));
    }
    open(
        out,
        Indent {
            pretty: true,
            ..ind
        },
        "person",
    );
    person_fields(out, rng, ind.deeper(), id, PersonShape { details: false });
    close(out, ind, "person");
}

fn declaration(out: &mut String, rng: &mut Rng, always: bool) {
    match rng.below(if always { 1 } else { 4 }) {
        0 | 1 => out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
        2 => out.push_str("<?xml version=\"1.0\"?>\n"),
        _ => {}
    }
}

fn root_open(out: &mut String, rng: &mut Rng, name: &str) {
    let extra = if rng.percent(30) { XSI_XSD } else { "" };
    put(out, format_args!("<{name} xmlns=\"{NS}\"{extra}>"));
}

/// When to stop writing persons.
#[derive(Clone, Copy, Debug)]
pub enum Size {
    /// Stop at the first person that brings the document to at least this many bytes.
    Bytes(u64),
    /// Exactly this many persons.
    Persons(u64),
}

/// What a generator wrote.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// Bytes written.
    pub bytes: u64,
    /// `person` elements (friends) or `activityDetails` elements (feeds).
    pub items: u64,
}

/// Writes a `friends` document, streaming: only one person is held in memory at a time.
pub fn write_friends<W: Write>(out: &mut W, seed: u64, size: Size) -> io::Result<Written> {
    let mut rng = Rng::new(seed);
    let mut buf = String::with_capacity(8 * 1024);
    declaration(&mut buf, &mut rng, true);
    root_open(&mut buf, &mut rng, "friends");
    let mut written = Written::default();
    let ind = Indent {
        pretty: true,
        depth: 1,
    };
    loop {
        let more = match size {
            Size::Bytes(target) => written.bytes + (buf.len() as u64) < target,
            Size::Persons(n) => written.items < n,
        };
        if !more {
            break;
        }
        person(&mut buf, &mut rng, ind, written.items + 1);
        written.items += 1;
        out.write_all(buf.as_bytes())?;
        written.bytes += buf.len() as u64;
        buf.clear();
    }
    buf.push_str("\n</friends>\n");
    out.write_all(buf.as_bytes())?;
    written.bytes += buf.len() as u64;
    Ok(written)
}

/// A `friends` document in memory, for benchmarks: `(text, number of persons)`.
pub fn friends_string(seed: u64, size: Size) -> (String, u64) {
    let mut bytes = Vec::new();
    let written = write_friends(&mut bytes, seed, size).expect("writing to a Vec cannot fail");
    let text = String::from_utf8(bytes).expect("the generator writes UTF-8");
    (text, written.items)
}

// ----- activity feed -------------------------------------------------------------------------

/// Application IDs of the feed, the last one at the `xs:unsignedLong` maximum.
const APPS: &[u64] = &[2, 7, 1_000_003, u64::MAX];

/// The five kinds of template (1-based template IDs within an application).
const KINDS: usize = 5;

/// A template ID: small for most applications, huge for the last one.
fn template_id(app: usize, kind: usize) -> u64 {
    if app == APPS.len() - 1 {
        9_000_000_000_000_000_000 + kind as u64
    } else {
        kind as u64 + 1
    }
}

/// `type` element of a template kind, if it has one.
fn kind_type(kind: usize) -> Option<&'static str> {
    ["Status Update", "Photo", "Document", "Other", ""]
        .get(kind)
        .copied()
        .filter(|t| !t.is_empty())
}

fn kind_title(kind: usize) -> (&'static str, Option<&'static str>) {
    match kind {
        0 => ("{publisher:Publisher}: {text:statusText}", None),
        1 => (
            "{publisher:Publisher} added photos to {link:Album}",
            Some("{list:Photos({picture:Photo})}"),
        ),
        2 => (
            "{publisher:Publisher} shared {link:Document} with {entity:Friend}",
            None,
        ),
        3 => (
            "{publisher:Publisher} and {entity:Friend} joined {link:Group}",
            Some("Say hello & share your favourite shots! 🎉"),
        ),
        _ => (
            "{publisher:Publisher} has a new profile photo:",
            Some("{list:ProfilePhoto({picture:Photo})}"),
        ),
    }
}

const STATUS: &[&str] = &[
    "is hiking on Mount Rainier this weekend!",
    "Sketching the new \"tide & lantern\" icons <3 — feedback welcome!",
    "Grüße aus München 🍺",
    "今日はいい天気ですね ☀",
    "Shipping v2.0 — 100% <XML> compliant & proud",
    "Café au lait, s'il vous plaît ☕",
    "Привет всем!",
];

/// `<templateVariable>` for a person (`publisherVariable` or `entityVariable`).
fn person_variable(
    out: &mut String,
    rng: &mut Rng,
    ind: Indent,
    kind: &str,
    name: &str,
    owner: u64,
) {
    ind.line(out);
    put(out, format_args!("<templateVariable type=\"{kind}\">"));
    let inner = ind.deeper();
    text_elem(out, rng, inner, "name", name);
    raw_elem(out, inner, "id", format_args!("ct-{owner}"));
    // The same owner always gets the same name: derive it from the ID, not the stream.
    let ((_, first_ascii), (_, last_ascii), full) = person_name(&mut Rng::new(owner));
    text_elem(out, rng, inner, "nameHint", &full);
    let email = format!("{first_ascii}.{last_ascii}{}@contoso.com", owner % 1000);
    text_elem(out, rng, inner, "emailAddress", &email);
    let url = format!("https://social.contoso.com/profile.aspx?id={owner}&tab=wall");
    text_elem(out, rng, inner, "profileUrl", &url);
    close(out, ind, "templateVariable");
}

fn link_variable(
    out: &mut String,
    rng: &mut Rng,
    ind: Indent,
    name: &str,
    caption: &str,
    url: &str,
) {
    ind.line(out);
    out.push_str("<templateVariable type=\"linkVariable\">");
    let inner = ind.deeper();
    text_elem(out, rng, inner, "name", name);
    text_elem(out, rng, inner, "text", caption);
    text_elem(out, rng, inner, "value", url);
    close(out, ind, "templateVariable");
}

/// A `listVariable` holding 1 to `max` pictures.
fn picture_list(out: &mut String, rng: &mut Rng, ind: Indent, name: &str, owner: u64, max: u64) {
    ind.line(out);
    out.push_str("<templateVariable type=\"listVariable\">");
    let inner = ind.deeper();
    text_elem(out, rng, inner, "name", name);
    open(out, inner, "listItems");
    let item = inner.deeper();
    for n in 0..rng.between(1, max) {
        item.line(out);
        out.push_str("<simpleTemplateVariable type=\"pictureVariable\">");
        let fields = item.deeper();
        text_elem(out, rng, fields, "name", "Photo");
        let url = format!("https://cdn.contoso.com/photos/{owner}/{n:04}-thumb.jpg");
        text_elem(out, rng, fields, "value", &url);
        if rng.percent(60) {
            let value = rng_pick(rng, LOCATIONS);
            text_elem(out, rng, fields, "altText", value);
        }
        if rng.percent(50) {
            let href = format!("https://social.contoso.com/photos/{owner}/{n:04}?size=l&ref=feed");
            text_elem(out, rng, fields, "href", &href);
        }
        close(out, item, "simpleTemplateVariable");
    }
    close(out, inner, "listItems");
    close(out, ind, "templateVariable");
}

/// One `activityDetails`; returns which template (application index, kind) it uses.
fn activity(out: &mut String, rng: &mut Rng, ind: Indent, seq: u64) -> (usize, usize) {
    let app = rng.below(APPS.len() as u64) as usize;
    let kind = rng.below(KINDS as u64) as usize;
    let owner = rng.between(1, 2_000_000);
    let friend = rng.between(1, 2_000_000);
    open(out, ind, "activityDetails");
    let f = ind.deeper();
    raw_elem(out, f, "ownerID", format_args!("ct-{owner}"));
    // Unique within the feed and stable for a seed, as duplicate detection needs.
    raw_elem(out, f, "objectID", format_args!("{kind}-{owner}-{seq:08}"));
    raw_elem(out, f, "applicationID", format_args!("{}", APPS[app]));
    raw_elem(
        out,
        f,
        "templateID",
        format_args!("{}", template_id(app, kind)),
    );
    // Always with an offset: a feed's publishDate without one is ambiguous.
    let when = date_time(rng, (2010, 2024), false);
    raw_elem(out, f, "publishDate", format_args!("{when}"));
    if let Some(t) = kind_type(kind).filter(|_| rng.percent(80)) {
        raw_elem(out, f, "type", format_args!("{t}"));
    }
    open(out, f, "templateVariables");
    let v = f.deeper();
    person_variable(out, rng, v, "publisherVariable", "Publisher", owner);
    match kind {
        0 => {
            v.line(out);
            out.push_str("<templateVariable type=\"textVariable\">");
            text_elem(out, rng, v.deeper(), "name", "statusText");
            let value = rng_pick(rng, STATUS);
            text_elem(out, rng, v.deeper(), "value", value);
            close(out, v, "templateVariable");
        }
        1 => {
            let url = format!("https://social.contoso.com/albums/{owner}/{seq}");
            let caption = rng_pick(rng, LOCATIONS);
            link_variable(out, rng, v, "Album", caption, &url);
            picture_list(out, rng, v, "Photos", owner, 5);
        }
        2 => {
            let url = format!("https://docs.contoso.com/d/{owner}/{seq}?view=1&rev=4");
            link_variable(
                out,
                rng,
                v,
                "Document",
                "Quartalsbericht Q2 (Entwurf) – ÜBERSICHT",
                &url,
            );
            person_variable(out, rng, v, "entityVariable", "Friend", friend);
        }
        3 => {
            person_variable(out, rng, v, "entityVariable", "Friend", friend);
            let url = format!("https://social.contoso.com/groups/{}", seq % 97);
            let caption = rng_pick(rng, TOPICS);
            link_variable(out, rng, v, "Group", caption, &url);
        }
        _ => picture_list(out, rng, v, "ProfilePhoto", owner, 1),
    }
    close(out, f, "templateVariables");
    close(out, ind, "activityDetails");
    (app, kind)
}

fn template_container(out: &mut String, rng: &mut Rng, ind: Indent, app: usize, kind: usize) {
    open(out, ind, "activityTemplateContainer");
    let f = ind.deeper();
    raw_elem(out, f, "applicationID", format_args!("{}", APPS[app]));
    raw_elem(
        out,
        f,
        "templateID",
        format_args!("{}", template_id(app, kind)),
    );
    open(out, f, "activityTemplate");
    let t = f.deeper();
    if let Some(ty) = kind_type(kind) {
        raw_elem(out, t, "type", format_args!("{ty}"));
    }
    let (title, data) = kind_title(kind);
    text_elem(out, rng, t, "title", title);
    if let Some(data) = data {
        text_elem(out, rng, t, "data", data);
    }
    raw_elem(
        out,
        t,
        "icon",
        format_args!("https://social.contoso.com/static/icons/{kind}-16.png"),
    );
    close(out, f, "activityTemplate");
    close(out, ind, "activityTemplateContainer");
}

/// Writes an `activityFeed` with `activities` items and the templates they use, streaming.
pub fn write_feed<W: Write>(out: &mut W, seed: u64, activities: u64) -> io::Result<Written> {
    let mut rng = Rng::new(seed);
    let mut buf = String::with_capacity(8 * 1024);
    let mut written = Written::default();
    let mut used = [[false; KINDS]; APPS.len()];
    declaration(&mut buf, &mut rng, true);
    root_open(&mut buf, &mut rng, "activityFeed");
    let ind = Indent {
        pretty: true,
        depth: 1,
    };
    text_elem(
        &mut buf,
        &mut rng,
        ind,
        "network",
        "Contoso Social – Ünïcode édition",
    );
    open(&mut buf, ind, "activities");
    for seq in 0..activities {
        let (app, kind) = activity(&mut buf, &mut rng, ind.deeper(), seq);
        used[app][kind] = true;
        written.items += 1;
        out.write_all(buf.as_bytes())?;
        written.bytes += buf.len() as u64;
        buf.clear();
    }
    close(&mut buf, ind, "activities");
    open(&mut buf, ind, "templates");
    for (app, kinds) in used.iter().enumerate() {
        for (kind, &is_used) in kinds.iter().enumerate() {
            if is_used {
                template_container(&mut buf, &mut rng, ind.deeper(), app, kind);
            }
        }
    }
    close(&mut buf, ind, "templates");
    buf.push_str("\n</activityFeed>\n");
    out.write_all(buf.as_bytes())?;
    written.bytes += buf.len() as u64;
    Ok(written)
}

// ----- small documents of every root ---------------------------------------------------------

/// The root of a small document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmallKind {
    /// `friends` with 0 to 20 persons.
    Friends,
    /// A `person` root with the details `GetDetails` callers expect.
    Person,
    /// `capabilities`, consistent with itself.
    Capabilities,
    /// `activityFeed` with 1 to 8 activities.
    ActivityFeed,
    /// `hashedAddresses` with 1 to 10 entries.
    HashedAddresses,
}

impl SmallKind {
    /// The root element's name, also used in file names.
    pub fn root(self) -> &'static str {
        match self {
            SmallKind::Friends => "friends",
            SmallKind::Person => "person",
            SmallKind::Capabilities => "capabilities",
            SmallKind::ActivityFeed => "activityFeed",
            SmallKind::HashedAddresses => "hashedAddresses",
        }
    }

    /// A mix weighted like real traffic: mostly friends and feeds.
    pub fn choose(rng: &mut Rng) -> Self {
        match rng.below(20) {
            0..=7 => SmallKind::Friends,
            8..=10 => SmallKind::Person,
            11..=13 => SmallKind::Capabilities,
            14..=17 => SmallKind::ActivityFeed,
            _ => SmallKind::HashedAddresses,
        }
    }
}

fn boolean(rng: &mut Rng, value: bool) -> &'static str {
    // `1`/`0` are valid xs:boolean spellings; a few providers use them.
    match (value, rng.percent(5)) {
        (true, false) => "true",
        (false, false) => "false",
        (true, true) => "1",
        (false, true) => "0",
    }
}

fn capabilities(out: &mut String, rng: &mut Rng) {
    root_open(out, rng, "capabilities");
    let ind = Indent {
        pretty: true,
        depth: 1,
    };
    let cache_friends = rng.percent(50);
    let web_auth = rng.percent(30);
    let auto_configure = rng.percent(40);
    let contacts_lookup = rng.percent(70);
    let flag = |out: &mut String, rng: &mut Rng, name: &str, value: bool| {
        let text = boolean(rng, value);
        raw_elem(out, ind, name, format_args!("{text}"));
    };
    flag(out, rng, "getFriends", true);
    flag(out, rng, "cacheFriends", cache_friends);
    flag(out, rng, "followPerson", true);
    flag(out, rng, "doNotFollowPerson", true);
    flag(out, rng, "getActivities", true);
    // Ignored since 2013; asking for it would only earn a warning.
    flag(out, rng, "cacheActivities", false);
    let on = rng.percent(50);
    flag(out, rng, "displayUrl", on);
    flag(out, rng, "useLogonWebAuth", web_auth);
    flag(out, rng, "hideHyperlinks", false);
    flag(out, rng, "supportsAutoConfigure", auto_configure);
    if cache_friends {
        let minutes = rng.between(5, 1440);
        raw_elem(
            out,
            ind,
            "contactSyncRestartInterval",
            format_args!("{minutes}"),
        );
    }
    flag(out, rng, "dynamicActivitiesLookupEx", true);
    flag(out, rng, "dynamicContactsLookup", contacts_lookup);
    // Cached logon overrides forms-based logon, so the two are never both on.
    flag(out, rng, "useLogonCached", !web_auth);
    let on = rng.percent(20);
    flag(out, rng, "hideRememberMyPassword", on);
    text_elem(
        out,
        rng,
        ind,
        "createAccountUrl",
        "https://social.contoso.com/join?src=osc&lang=fr",
    );
    text_elem(
        out,
        rng,
        ind,
        "forgotPasswordUrl",
        "https://social.contoso.com/account/reset",
    );
    let on = rng.percent(50);
    flag(out, rng, "showOnDemandActivitiesWhenMinimized", on);
    let on = rng.percent(50);
    flag(out, rng, "showOnDemandContactsWhenMinimized", on);
    let hash = rng_pick(rng, &["SHA1", "MD5", "CRC32MD5"]);
    raw_elem(out, ind, "hashFunction", format_args!("{hash}"));
    if auto_configure {
        let on = rng.percent(50);
        flag(out, rng, "allowChangesToAutoConfigure", on);
    }
    out.push_str("\n</capabilities>\n");
}

fn hex(out: &mut String, rng: &mut Rng, digits: usize) {
    for _ in 0..digits {
        out.push(char::from(b"0123456789abcdef"[rng.below(16) as usize]));
    }
}

fn hashed_addresses(out: &mut String, rng: &mut Rng) {
    root_open(out, rng, "hashedAddresses");
    let ind = Indent {
        pretty: true,
        depth: 1,
    };
    let function = rng.below(3);
    for index in 0..rng.between(1, 10) {
        ind.line(out);
        // Single-quoted attributes, as one provider library writes them.
        let quote = if rng.percent(20) { '\'' } else { '"' };
        let hashes = rng.below(4);
        if hashes == 0 {
            put(
                out,
                format_args!("<personAddresses index={quote}{index}{quote}/>"),
            );
            continue;
        }
        put(
            out,
            format_args!("<personAddresses index={quote}{index}{quote}>"),
        );
        for _ in 0..hashes {
            ind.deeper().line(out);
            out.push_str("<hashedAddress>");
            match function {
                0 => hex(out, rng, 40),
                1 => hex(out, rng, 32),
                _ => {
                    put(out, format_args!("{}_", rng.below(1 << 32)));
                    hex(out, rng, 32);
                }
            }
            out.push_str("</hashedAddress>");
        }
        close(out, ind, "personAddresses");
    }
    out.push_str("\n</hashedAddresses>\n");
}

/// One small document of the given root; `seed` fixes its content.
pub fn small_document(kind: SmallKind, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(4 * 1024);
    // Friends and feeds come from the streaming writers, which write their own declaration.
    if !matches!(kind, SmallKind::Friends | SmallKind::ActivityFeed) {
        declaration(&mut out, &mut rng, false);
    }
    match kind {
        SmallKind::Friends => {
            let persons = rng.below(21);
            let sub_seed = rng.next_u64();
            // Reuse the streaming writer so small lists look like big ones.
            let (text, _) = friends_string(sub_seed, Size::Persons(persons));
            out.push_str(&text);
        }
        SmallKind::Person => {
            root_open(&mut out, &mut rng, "person");
            let ind = Indent {
                pretty: true,
                depth: 1,
            };
            let id = rng.between(1, 2_000_000);
            person_fields(&mut out, &mut rng, ind, id, PersonShape { details: true });
            out.push_str("\n</person>\n");
        }
        SmallKind::Capabilities => capabilities(&mut out, &mut rng),
        SmallKind::ActivityFeed => {
            let items = rng.between(1, 8);
            let mut bytes = Vec::new();
            write_feed(&mut bytes, rng.next_u64(), items).expect("writing to a Vec cannot fail");
            out.push_str(&String::from_utf8(bytes).expect("the generator writes UTF-8"));
        }
        SmallKind::HashedAddresses => hashed_addresses(&mut out, &mut rng),
    }
    out
}
