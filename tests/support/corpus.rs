//! A seeded generator of OSC documents: valid ones, and mutants of them.
//!
//! The same `(seed, id)` always yields the same document, so a failure seen once can be rebuilt
//! with [`generate_one`] and looked at alone. The generator carries its own copy of the element
//! tables, written from Microsoft's original XSD files rather than taken from the crate, so that
//! a mistake in the crate's tables cannot hide by being repeated here.
//!
//! Every document records the schema targets it is meant for and what its mutations exercise.
//! Values whose lexical form is known to split the external validators (see
//! `tests/ORACLE_DEVIATIONS.md`) are tagged with a [`DeviationClass`] at the moment they are
//! written into the document; the tag says what the value exercises, not whether anyone
//! disagrees about it.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use osc_schema::{RootKind, Target};

/// The 1.0 namespace.
pub const NS_10: &str = "http://schemas.microsoft.com/office/outlook/socialprovider.xsd";
/// The 1.1 namespace, kept by 2013.
pub const NS_11: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
/// Look-alike namespaces: the right URIs with the wrong scheme.
pub const NS_10_HTTPS: &str = "https://schemas.microsoft.com/office/outlook/socialprovider.xsd";
/// See [`NS_10_HTTPS`].
pub const NS_11_HTTPS: &str =
    "https://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";
/// A namespace no OSC schema declares anything in.
pub const NS_OTHER: &str = "urn:example:not-osc";

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

/// SplitMix64: tiny, fast, and good enough to spread test cases; no crate needed.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0) has no answer");
        (self.next_u64() % n as u64) as usize
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// What a document is and what it exercises
// ---------------------------------------------------------------------------------------------

/// The schema generation a document was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Generation {
    /// Built from the 1.0 content model, in the 1.0 namespace.
    V10,
    /// Built from the 1.1 content model (sometimes with 2013 additions), in the 1.1 namespace.
    V11,
}

impl Generation {
    /// The namespace documents of this generation use.
    pub fn namespace(self) -> &'static str {
        match self {
            Generation::V10 => NS_10,
            Generation::V11 => NS_11,
        }
    }

    /// The targets a document of this generation is checked under: a 1.1-namespace document
    /// may be meant for the 2010 or the 2013 content model, and nothing in it says which.
    pub fn targets(self) -> &'static [Target] {
        match self {
            Generation::V10 => &[Target::BeforeOutlook2010],
            Generation::V11 => &[Target::Outlook2010, Target::Outlook2013],
        }
    }
}

/// The namespace the root element ended up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RootNamespace {
    /// The 1.0 namespace.
    Osc10,
    /// The 1.1 namespace.
    Osc11,
    /// One of the OSC URIs with `https` instead of `http`.
    Https,
    /// A foreign namespace.
    Other,
    /// No namespace at all.
    Absent,
}

/// The XSD type of a simple value, as the original schemas declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueType {
    /// `xs:boolean`.
    Boolean,
    /// `xs:unsignedInt`.
    UnsignedInt,
    /// `xs:unsignedLong`.
    UnsignedLong,
    /// `xs:int`.
    Int,
    /// `xs:date`.
    Date,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:string`, no length limit.
    String,
    /// `stringType`: `xs:string` with `maxLength` 1024 (characters).
    String1024,
    /// `xs:anyURI`.
    AnyUri,
    /// The `gender` pattern `male|female|unspecified`.
    Gender,
    /// The `friendStatus` pattern.
    FriendStatus,
    /// The `hashFunction` pattern `SHA1|MD5|CRC32MD5`.
    HashFunction,
    /// `activityTemplateTypeRestrictionType` (`Status Update`, `Photo`, …).
    ActivityType,
    /// `templateTypeRestrictionType`, the `type` attribute of `templateVariable`.
    TemplateType,
    /// `templateSimpleTypeRestrictionType`, the `type` attribute of `simpleTemplateVariable`.
    SimpleTemplateType,
}

impl ValueType {
    /// Every type the generator writes boundary values for.
    pub const ALL: [ValueType; 15] = [
        ValueType::Boolean,
        ValueType::UnsignedInt,
        ValueType::UnsignedLong,
        ValueType::Int,
        ValueType::Date,
        ValueType::DateTime,
        ValueType::String,
        ValueType::String1024,
        ValueType::AnyUri,
        ValueType::Gender,
        ValueType::FriendStatus,
        ValueType::HashFunction,
        ValueType::ActivityType,
        ValueType::TemplateType,
        ValueType::SimpleTemplateType,
    ];

    /// How often a value mutation picks a leaf of this type, relative to others: plain strings
    /// have almost no boundaries, so they get little of the budget.
    fn weight(self) -> usize {
        match self {
            ValueType::String => 1,
            ValueType::Boolean | ValueType::AnyUri => 3,
            _ => 6,
        }
    }
}

/// The two external validators the differential test consults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Oracle {
    /// `xmllint --schema` (libxml2).
    Xmllint,
    /// Python `xmlschema`, as XSD 1.0.
    Xmlschema,
}

/// A known way in which an external validator departs from XSD 1.0; the ids are the headings
/// of `tests/ORACLE_DEVIATIONS.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeviationClass {
    /// A `+` or `-` sign on an `xs:unsignedInt` / `xs:unsignedLong` value.
    UnsignedSign,
    /// Whitespace around an `xs:unsignedInt` / `xs:unsignedLong` value.
    UnsignedWhitespace,
    /// Whitespace around an `xs:int` value (element or attribute).
    IntWhitespace,
    /// Whitespace around an `xs:date` / `xs:dateTime` value.
    DateWhitespace,
    /// Unicode spaces that are not XML whitespace (U+00A0, U+3000, …) around a value of a
    /// non-string built-in type.
    UnicodeWhitespace,
    /// Decimal digits other than `0`–`9` (Arabic-Indic, fullwidth, …) in an integer.
    UnicodeDigits,
}

impl DeviationClass {
    /// Every class.
    pub const ALL: [DeviationClass; 6] = [
        DeviationClass::UnsignedSign,
        DeviationClass::UnsignedWhitespace,
        DeviationClass::IntWhitespace,
        DeviationClass::DateWhitespace,
        DeviationClass::UnicodeWhitespace,
        DeviationClass::UnicodeDigits,
    ];

    /// The id used in `tests/ORACLE_DEVIATIONS.md`.
    pub fn id(self) -> &'static str {
        match self {
            DeviationClass::UnsignedSign => "xmllint-unsigned-sign",
            DeviationClass::UnsignedWhitespace => "xmllint-unsigned-whitespace",
            DeviationClass::IntWhitespace => "xmllint-int-whitespace",
            DeviationClass::DateWhitespace => "xmllint-date-whitespace",
            DeviationClass::UnicodeWhitespace => "xmlschema-unicode-whitespace",
            DeviationClass::UnicodeDigits => "xmlschema-unicode-digits",
        }
    }

    /// The validator that gets this class wrong. xmllint's classes are false rejections of
    /// valid values; xmlschema's are false acceptances of invalid ones.
    pub fn oracle(self) -> Oracle {
        match self {
            DeviationClass::UnicodeWhitespace | DeviationClass::UnicodeDigits => Oracle::Xmlschema,
            _ => Oracle::Xmllint,
        }
    }

    /// The classes a value of type `ty` exercises, judged from its lexical form alone (the
    /// characters the parser delivers, after references are resolved).
    pub fn of_value(ty: ValueType, value: &str) -> Vec<DeviationClass> {
        let trimmed = value.trim_matches(is_xml_space);
        let padded = trimmed.len() != value.len();
        let non_xml_space = |c: char| c.is_whitespace() && !is_xml_space(c);
        let unicode_padded = trimmed.starts_with(non_xml_space) || trimmed.ends_with(non_xml_space);
        let mut classes = Vec::new();
        let integer = matches!(
            ty,
            ValueType::UnsignedInt | ValueType::UnsignedLong | ValueType::Int
        );
        if matches!(ty, ValueType::UnsignedInt | ValueType::UnsignedLong) {
            if trimmed.starts_with(['+', '-']) {
                classes.push(DeviationClass::UnsignedSign);
            }
            if padded {
                classes.push(DeviationClass::UnsignedWhitespace);
            }
        }
        if ty == ValueType::Int && padded {
            classes.push(DeviationClass::IntWhitespace);
        }
        if matches!(ty, ValueType::Date | ValueType::DateTime) && padded {
            classes.push(DeviationClass::DateWhitespace);
        }
        let collapsed_builtin = integer
            || matches!(
                ty,
                ValueType::Boolean | ValueType::Date | ValueType::DateTime
            );
        if collapsed_builtin && unicode_padded {
            classes.push(DeviationClass::UnicodeWhitespace);
        }
        if integer
            && trimmed
                .chars()
                .any(|c| c.is_numeric() && !c.is_ascii_digit())
        {
            classes.push(DeviationClass::UnicodeDigits);
        }
        classes
    }
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// What kind of change turned a valid document into a mutant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MutationKind {
    /// An element removed.
    Drop,
    /// An element repeated right after itself.
    Duplicate,
    /// Two differently named siblings swapped.
    Swap,
    /// An element renamed (to another schema name, a case variant, or an unknown name).
    Rename,
    /// An element moved under another parent.
    Move,
    /// A value replaced by a boundary value of its type.
    Value(ValueType),
    /// The root put into the wrong namespace (https look-alike, foreign, none, other generation).
    RootNamespace,
    /// A descendant put into a wrong namespace.
    ChildNamespace,
    /// An attribute no schema declares.
    UnknownAttribute,
    /// A required attribute (`type`, `index`) removed.
    MissingAttribute,
    /// Non-whitespace text inside element-only content.
    StrayText,
    /// An element that only a later generation has.
    LaterGeneration,
}

/// One change applied to a document, with a human-readable note of where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mutation {
    /// What was done.
    pub kind: MutationKind,
    /// Where and with what, e.g. ``value of `/friends/person/birthday` → "2010-02-29"``.
    pub detail: String,
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct CorpusDoc {
    /// Position in the corpus; with the seed it rebuilds the document.
    pub id: usize,
    /// The root element it was built as.
    pub root: RootKind,
    /// The generation it was built for.
    pub generation: Generation,
    /// The namespace its root ended up in.
    pub root_namespace: RootNamespace,
    /// The targets it is meant for (from its generation, not from its final namespace).
    pub targets: Vec<Target>,
    /// Whether any element only the 2013 model has is present.
    pub has_2013_elements: bool,
    /// The changes applied; empty for an unmutated document.
    pub mutations: Vec<Mutation>,
    /// Boundary values written, as `(type, label)`; lets a test check coverage.
    pub value_cases: Vec<(ValueType, String)>,
    /// Deviation classes the document exercises.
    pub deviations: BTreeSet<DeviationClass>,
    /// The document text.
    pub xml: String,
}

impl CorpusDoc {
    /// A file name unique within a corpus.
    pub fn file_name(&self) -> String {
        format!("d{:05}.xml", self.id)
    }

    /// Whether the document was left as built.
    pub fn is_unmutated(&self) -> bool {
        self.mutations.is_empty()
    }
}

/// Builds `count` documents from `seed`, cycling through the five roots so each gets a fifth.
///
/// Two documents in five of each root are *sweep* documents: built with every optional
/// element present, then given exactly one boundary value, taken in turn from the list of
/// all boundary values their root can hold. That guarantees every boundary value appears
/// (three to seven times each in 5,000 documents, depending on the root), alone in an
/// otherwise valid document. The other three in five are built sparsely and mutated at random.
pub fn generate(seed: u64, count: usize) -> Vec<CorpusDoc> {
    (0..count).map(|id| generate_one(seed, id)).collect()
}

/// Builds document `id` of the corpus for `seed`, independently of the others.
pub fn generate_one(seed: u64, id: usize) -> CorpusDoc {
    let mut rng = SplitMix64::new(seed ^ (id as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let roots = RootKind::ALL.len();
    let root_kind = RootKind::ALL[id % roots];
    // Position among the documents of the same root, and whether this one is a sweep.
    let j = id / roots;
    let sweep = j % 5 < 2;
    // `person` and `hashedAddresses` arrived in 1.1; a few 1.0 ones are kept as negatives.
    // Sweeps are 1.1, whose model holds every value type the 1.0 model has.
    let v10_share = match root_kind {
        _ if sweep => 0.0,
        RootKind::Person | RootKind::HashedAddresses => 0.08,
        _ => 0.35,
    };
    let generation = if rng.chance(v10_share) {
        Generation::V10
    } else {
        Generation::V11
    };
    let with_2013 = generation == Generation::V11 && rng.chance(0.4);
    let mut b = Builder {
        rng,
        generation,
        with_2013,
        rich: sweep,
    };
    let mut root = b.root(root_kind);
    let mut state = MutState {
        root_namespace: match generation {
            Generation::V10 => RootNamespace::Osc10,
            Generation::V11 => RootNamespace::Osc11,
        },
        root_uri: Some(generation.namespace()),
        mutations: Vec::new(),
        value_cases: Vec::new(),
        deviations: BTreeSet::new(),
    };

    if sweep {
        // The seed shifts where each root's walk through the values starts.
        let ordinal = (j / 5) * 2 + j % 5 + (seed % 1009) as usize;
        b.sweep_value(&mut root, &mut state, ordinal);
    } else if !b.rng.chance(0.3) {
        // About a third stay as built; the rest get one change, some a second.
        let rounds = if b.rng.chance(0.15) { 2 } else { 1 };
        for _ in 0..rounds {
            b.mutate(&mut root, &mut state);
        }
    }

    let layout = Layout {
        pretty: b.rng.chance(0.6),
        self_close: b.rng.chance(0.5),
        prefixed: b.rng.chance(0.1),
    };
    let mut xml = String::new();
    if b.rng.chance(0.85) {
        xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    }
    write_element(&mut xml, &root, state.root_uri, None, 0, layout);
    xml.push('\n');

    CorpusDoc {
        id,
        root: root_kind,
        generation,
        root_namespace: state.root_namespace,
        targets: generation.targets().to_vec(),
        has_2013_elements: contains_2013_element(&root),
        mutations: state.mutations,
        value_cases: state.value_cases,
        deviations: state.deviations,
        xml,
    }
}

// ---------------------------------------------------------------------------------------------
// Boundary values
// ---------------------------------------------------------------------------------------------

/// One boundary value: a short label for reports and coverage, the characters a parser
/// delivers, and optionally the markup that spells them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCase {
    /// `"+5"` for short values, `1025×'é'` for long ones, the markup for spelled ones.
    pub label: String,
    /// The value as the parser delivers it.
    pub value: String,
    /// Literal markup to write instead of the escaped value: character references, CDATA,
    /// comments or processing instructions inside the value, raw CR LF.
    pub markup: Option<String>,
    /// Whether the markup only fits element content (CDATA, comments, PIs, raw line ends).
    pub element_only: bool,
}

fn short_cases(values: &[&str]) -> Vec<ValueCase> {
    values
        .iter()
        .map(|v| ValueCase {
            label: format!("{v:?}"),
            value: (*v).to_owned(),
            markup: None,
            element_only: false,
        })
        .collect()
}

fn repeated(c: char, n: usize) -> ValueCase {
    ValueCase {
        label: format!("{n}×{c:?}"),
        value: std::iter::repeat_n(c, n).collect(),
        markup: None,
        element_only: false,
    }
}

/// A value spelled with markup: `(markup, value it stands for)`. Markup with `<` (CDATA,
/// comments, PIs) or a raw CR belongs in element content only; character references fit
/// attributes too.
fn spelled(pairs: &[(&str, &str)]) -> Vec<ValueCase> {
    pairs
        .iter()
        .map(|(markup, value)| ValueCase {
            label: format!("markup {:?}", shorten(markup)),
            value: (*value).to_owned(),
            markup: Some((*markup).to_owned()),
            element_only: markup.contains('<') || markup.contains('\r'),
        })
        .collect()
}

fn shorten(s: &str) -> String {
    let n = s.chars().count();
    if n <= 40 {
        return s.to_owned();
    }
    let tail: String = s.chars().skip(n - 16).collect();
    format!(
        "{}…{tail} ({n} chars)",
        s.chars().take(8).collect::<String>()
    )
}

/// The boundary values of a type: valid and invalid ones right at the edges of its lexical and
/// value spaces. Whether each is valid is left to the oracles.
pub fn boundary_cases(ty: ValueType) -> Vec<ValueCase> {
    match ty {
        ValueType::Boolean => short_cases(&[
            "true",
            "false",
            "1",
            "0",
            " true ",
            "\n\tfalse\n",
            "yes",
            "TRUE",
            "",
            "01",
            "\u{a0}true",
            "true\u{3000}",
        ])
        .into_iter()
        .chain(spelled(&[
            ("<![CDATA[true]]>", "true"),
            (" <![CDATA[true]]> ", " true "),
            ("tr<!-- note -->ue", "true"),
            ("tr<?pi x?>ue", "true"),
            ("&#x74;rue", "true"),
            ("&#32;false", " false"),
            ("&#160;false", "\u{a0}false"),
        ]))
        .collect(),
        ValueType::UnsignedInt => short_cases(&[
            "0",
            "+5",
            "+0",
            "-0",
            " 5 ",
            "5 ",
            "\n7\n",
            " +5 ",
            "-00",
            "-3",
            "00012",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "",
            "5.0",
            "5\u{a0}",
            "\u{2028}5",
            "٥",
            "１２",
        ])
        .into_iter()
        .chain(spelled(&[
            ("&#32;5", " 5"),
            ("&#x2B;5", "+5"),
            ("1<!-- -->2", "12"),
        ]))
        .collect(),
        ValueType::UnsignedLong => short_cases(&[
            "0",
            "+5",
            "+0",
            "-0",
            " 5 ",
            " 18446744073709551615 ",
            "+18446744073709551615",
            "-3",
            "00012",
            "4294967296",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "",
            "\u{85}7",
            "１",
        ]),
        ValueType::Int => short_cases(&[
            "0",
            "+5",
            "-0",
            "+0",
            "-3",
            " 5 ",
            " 5",
            "5 ",
            " -3 ",
            "\t-3\n",
            "00012",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "18446744073709551615",
            "",
            "+-5",
            "\u{a0}5",
            "5\u{3000}",
            "٥",
            "-３",
        ])
        .into_iter()
        .chain(spelled(&[
            ("&#x2D;3", "-3"),
            ("&#32;5", " 5"),
            ("&#9;5&#10;", "\t5\n"),
            ("&#x2D;2147483649", "-2147483649"),
        ]))
        .collect(),
        ValueType::Date => short_cases(&[
            "2012-02-29",
            "2010-02-29",
            "1900-02-29",
            "2000-02-29",
            "2012-04-31",
            "2012-13-01",
            "2012-2-28",
            "0000-01-01",
            "-0001-01-01",
            "-0004-02-29",
            "-0001-02-29",
            "10000-01-01",
            " 2012-02-28 ",
            "\n2000-02-29\n",
            "2012-02-28 ",
            "2012-02-28Z",
            "2012-02-28+00:00",
            "2012-02-28-00:00",
            "2012-02-28+14:00",
            "2012-02-28-14:00",
            "2012-02-28+14:01",
            "2012-02-28+15:00",
            "2012-02-29-14:00",
            "2012-02-28T00:00:00",
            "\u{a0}2012-02-28",
        ])
        .into_iter()
        .chain(spelled(&[
            ("2012-02-29<!-- leap -->", "2012-02-29"),
            ("&#50;000-02-29", "2000-02-29"),
            ("<![CDATA[1900-02-29]]>", "1900-02-29"),
        ]))
        .collect(),
        ValueType::DateTime => short_cases(&[
            "2012-02-29T10:00:00",
            "2010-02-29T10:00:00",
            "1900-02-29T00:00:00",
            "2000-02-29T23:59:59",
            "-0004-02-29T00:00:00Z",
            "-0001-02-29T00:00:00",
            "2010-01-01T24:00:00",
            "2010-12-31T24:00:00Z",
            "2010-02-28T24:00:00+14:00",
            "2010-01-01T24:00:01",
            "2010-01-01T24:30:00",
            "2010-01-01T23:59:60",
            " 2010-01-01T10:00:00 ",
            "\n2010-01-01T10:00:00Z\n",
            "2010-01-01T10:00:00 ",
            "2010-01-01T10:00:00Z",
            "2010-01-01T10:00:00+00:00",
            "2010-01-01T10:00:00+14:00",
            "2010-01-01T10:00:00-14:00",
            "2010-01-01T10:00:00+14:01",
            "2010-01-01T10:00:00.5",
            "2010-01-01T10:00:00.",
            "2010-01-01T10:00",
            "2010-01-01",
            "2010-01-01t10:00:00",
            "0000-01-01T00:00:00",
            "2010-01-01T10:00:00\u{2028}",
        ]),
        ValueType::String1024 => {
            let mut cases = vec![
                repeated('a', 1024),
                repeated('a', 1025),
                repeated('é', 1024),
                repeated('é', 1025),
                repeated('京', 1024),
                repeated('京', 1025),
                // Outside the BMP: one character, two UTF-16 units, four UTF-8 bytes.
                repeated('😀', 1024),
                repeated('😀', 1025),
            ];
            // Whitespace counts: xs:string keeps it, so 1023 letters plus two spaces is 1025.
            cases.push(ValueCase {
                label: "' '+1023×'a'+' '".to_owned(),
                value: format!(" {} ", "a".repeat(1023)),
                markup: None,
                element_only: false,
            });
            cases.extend(short_cases(&["", "   "]));
            // Spelled lengths: the parser turns CR LF into one LF, a reference into one
            // character, and a comment into nothing; maxLength counts what is left.
            let a = |n: usize| "a".repeat(n);
            let spelled_long = [
                (format!("{}\r\n", a(1023)), format!("{}\n", a(1023))),
                (format!("{}\r\n", a(1024)), format!("{}\n", a(1024))),
                (format!("{}&#13;", a(1023)), format!("{}\r", a(1023))),
                (format!("{}&#13;", a(1024)), format!("{}\r", a(1024))),
                (format!("{}&amp;", a(1023)), format!("{}&", a(1023))),
                (format!("{}<!-- -->", a(1024)), a(1024)),
                (
                    format!("{}<![CDATA[ab]]>", a(1023)),
                    format!("{}ab", a(1023)),
                ),
            ];
            let pairs: Vec<(&str, &str)> = spelled_long
                .iter()
                .map(|(m, v)| (m.as_str(), v.as_str()))
                .collect();
            cases.extend(spelled(&pairs));
            cases
        }
        ValueType::String => {
            let mut cases = short_cases(&["", "   ", "é😀京 & <tag> \"q\" 'a'", "line\nbreak"]);
            cases.push(repeated('x', 3000));
            cases
        }
        ValueType::AnyUri => short_cases(&[
            "https://social.fabrikam.example/join",
            "",
            " http://x.example/ ",
            "http://a.example/b c",
            "urn:example:x",
            "mailto:a@b.example",
            "#frag",
            "a/b?c=d&e=f",
            "http://例え.jp/パス",
        ]),
        ValueType::Gender => short_cases(&[
            "male",
            "female",
            "unspecified",
            "Male",
            " male",
            "male ",
            "MALE",
            "",
            "other",
        ])
        .into_iter()
        .chain(spelled(&[
            ("<![CDATA[male]]>", "male"),
            ("ma<!-- -->le", "male"),
            ("&#109;ale", "male"),
        ]))
        .collect(),
        ValueType::FriendStatus => short_cases(&[
            "friend",
            "notfriend",
            "pending",
            "pendingin",
            "pendingout",
            "nonfriend",
            " friend",
            "Friend",
            "pending ",
            "",
        ]),
        ValueType::HashFunction => short_cases(&[
            "SHA1", "MD5", "CRC32MD5", "sha1", " SHA1", "SHA-1", "Md5", "",
        ]),
        ValueType::ActivityType => short_cases(&[
            "Status Update",
            "Photo",
            "Document",
            "Other",
            "Status update",
            "Status  Update",
            " Photo",
            "photo",
            "",
        ])
        .into_iter()
        .chain(spelled(&[
            ("Status&#32;Update", "Status Update"),
            ("Status&#160;Update", "Status\u{a0}Update"),
        ]))
        .collect(),
        ValueType::TemplateType => short_cases(&[
            "publisherVariable",
            "entityVariable",
            "linkVariable",
            "textVariable",
            "pictureVariable",
            "listVariable",
            "LinkVariable",
            " linkVariable",
            "linkVariable ",
            "simpleVariable",
            "",
        ])
        .into_iter()
        .chain(spelled(&[("link&#86;ariable", "linkVariable")]))
        .collect(),
        ValueType::SimpleTemplateType => short_cases(&[
            "linkVariable",
            "textVariable",
            "pictureVariable",
            "listVariable",
            "publisherVariable",
            "PictureVariable",
            " textVariable",
        ]),
    }
}

/// Ordinary values of a type, the kind real providers send.
fn ordinary_value(ty: ValueType, rng: &mut SplitMix64) -> String {
    const TEXT: &[&str] = &[
        "Odile Varga",
        "Renée Brückner-Aoki",
        "蕾妮",
        "Brückner & Söhne <Labs> \"Nord\" 'Ost'",
        "Chief Trail Officer 🥾",
        "Port Arden",
        "+1 555 0100 1234",
        "",
        "  spaced  ",
        "two\nlines",
    ];
    let pick = |rng: &mut SplitMix64, xs: &[&str]| (*rng.pick(xs)).to_owned();
    match ty {
        ValueType::Boolean => pick(rng, &["true", "false", "true", "false", "1", "0"]),
        ValueType::UnsignedInt => pick(rng, &["0", "45", "60", "120", "4294967295"]),
        ValueType::UnsignedLong => pick(rng, &["1", "2", "7", "10", "18446744073709551615"]),
        ValueType::Int => pick(rng, &["0", "1", "2", "42", "-1", "2147483647"]),
        ValueType::Date => pick(
            rng,
            &[
                "1984-02-14",
                "2012-09-01",
                "2016-06-18+02:00",
                "1991-07-22Z",
            ],
        ),
        ValueType::DateTime => pick(
            rng,
            &[
                "2010-03-05T17:19:57",
                "2024-03-08T21:40:30.25-05:00",
                "2012-05-06T07:08:09Z",
                "2024-03-11T01:45:12+00:00",
            ],
        ),
        ValueType::String | ValueType::String1024 => pick(rng, TEXT),
        ValueType::AnyUri => pick(
            rng,
            &[
                "https://social.fabrikam.example/people/odile.varga",
                "https://cdn.fabrikam.example/photos/0001-thumb.jpg",
                "http://www.contoso.com/icon.png",
                "https://www.contoso.com/?a=1&b=2",
            ],
        ),
        ValueType::Gender => pick(rng, &["male", "female", "unspecified"]),
        ValueType::FriendStatus => pick(
            rng,
            &["friend", "notfriend", "pending", "pendingin", "pendingout"],
        ),
        ValueType::HashFunction => pick(rng, &["SHA1", "MD5", "CRC32MD5"]),
        ValueType::ActivityType => pick(rng, &["Status Update", "Photo", "Document", "Other"]),
        ValueType::TemplateType => pick(
            rng,
            &[
                "publisherVariable",
                "entityVariable",
                "linkVariable",
                "textVariable",
                "pictureVariable",
                "listVariable",
            ],
        ),
        ValueType::SimpleTemplateType => {
            pick(rng, &["linkVariable", "textVariable", "pictureVariable"])
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The element tables, from the original schemas
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Since {
    V10,
    V11,
    V2013,
}

use ValueType as T;

/// `capabilities` children in order: name, type, required, generation.
const CAPABILITIES: &[(&str, ValueType, bool, Since)] = &[
    ("getFriends", T::Boolean, true, Since::V10),
    ("cacheFriends", T::Boolean, true, Since::V10),
    ("followPerson", T::Boolean, true, Since::V10),
    ("doNotFollowPerson", T::Boolean, true, Since::V10),
    ("getActivities", T::Boolean, true, Since::V10),
    ("cacheActivities", T::Boolean, true, Since::V10),
    ("dynamicActivitiesLookup", T::Boolean, false, Since::V10),
    ("displayUrl", T::Boolean, true, Since::V10),
    ("useLogonWebAuth", T::Boolean, true, Since::V10),
    ("hideHyperlinks", T::Boolean, false, Since::V10),
    ("supportsAutoConfigure", T::Boolean, false, Since::V10),
    (
        "contactSyncRestartInterval",
        T::UnsignedInt,
        false,
        Since::V10,
    ),
    ("dynamicActivitiesLookupEx", T::Boolean, false, Since::V11),
    ("dynamicContactsLookup", T::Boolean, false, Since::V11),
    ("useLogonCached", T::Boolean, false, Since::V11),
    ("hideRememberMyPassword", T::Boolean, false, Since::V11),
    ("createAccountUrl", T::AnyUri, false, Since::V11),
    ("forgotPasswordUrl", T::AnyUri, false, Since::V11),
    (
        "showOnDemandActivitiesWhenMinimized",
        T::Boolean,
        false,
        Since::V11,
    ),
    (
        "showOnDemandContactsWhenMinimized",
        T::Boolean,
        false,
        Since::V11,
    ),
    ("hashFunction", T::HashFunction, false, Since::V11),
    (
        "allowChangesToAutoConfigure",
        T::Boolean,
        false,
        Since::V2013,
    ),
];

/// `person` children in order (all optional except `userID`).
const PERSON: &[(&str, ValueType, Since)] = &[
    ("userID", T::String, Since::V10),
    ("firstName", T::String1024, Since::V10),
    ("lastName", T::String1024, Since::V10),
    ("fullName", T::String1024, Since::V10),
    ("nickname", T::String1024, Since::V10),
    ("fileAs", T::String1024, Since::V10),
    ("company", T::String1024, Since::V10),
    ("title", T::String1024, Since::V10),
    ("anniversary", T::Date, Since::V10),
    ("birthday", T::Date, Since::V10),
    ("emailAddress", T::String, Since::V10),
    ("emailAddress2", T::String, Since::V10),
    ("emailAddress3", T::String, Since::V10),
    ("webProfilePage", T::String, Since::V10),
    ("phone", T::String1024, Since::V10),
    ("cell", T::String1024, Since::V10),
    ("homePhone", T::String1024, Since::V10),
    ("workPhone", T::String1024, Since::V10),
    ("address", T::String1024, Since::V10),
    ("city", T::String1024, Since::V10),
    ("state", T::String1024, Since::V10),
    ("countryOrRegion", T::String1024, Since::V10),
    ("zip", T::String1024, Since::V10),
    ("relationship", T::String1024, Since::V10),
    ("creationTime", T::DateTime, Since::V10),
    ("lastModificationTime", T::DateTime, Since::V10),
    ("expirationTime", T::DateTime, Since::V10),
    ("gender", T::Gender, Since::V10),
    ("index", T::Int, Since::V11),
    ("pictureUrl", T::String, Since::V11),
    ("friendStatus", T::FriendStatus, Since::V11),
    ("businessAddress", T::String1024, Since::V2013),
    ("businessCity", T::String1024, Since::V2013),
    ("businessState", T::String1024, Since::V2013),
    ("businessCountryOrRegion", T::String1024, Since::V2013),
    ("businessZip", T::String1024, Since::V2013),
    ("otherAddress", T::String1024, Since::V2013),
    ("otherCity", T::String1024, Since::V2013),
    ("otherState", T::String1024, Since::V2013),
    ("otherCountryOrRegion", T::String1024, Since::V2013),
    ("otherZip", T::String1024, Since::V2013),
    ("website", T::String1024, Since::V2013),
    ("askmeabout", T::String1024, Since::V2013),
    ("industries", T::String1024, Since::V2013),
    ("skills", T::String1024, Since::V2013),
    ("interests", T::String1024, Since::V2013),
    ("schools", T::String1024, Since::V2013),
    ("location", T::String1024, Since::V2013),
];

/// Element names of the activity feed and hashed addresses, used as rename targets.
const OTHER_NAMES: &[&str] = &[
    "activityFeed",
    "network",
    "activities",
    "templates",
    "activityDetails",
    "ownerID",
    "objectID",
    "applicationID",
    "templateID",
    "publishDate",
    "type",
    "templateVariables",
    "templateVariable",
    "name",
    "id",
    "nameHint",
    "profileUrl",
    "text",
    "value",
    "altText",
    "href",
    "listItems",
    "simpleTemplateVariable",
    "activityTemplateContainer",
    "activityTemplate",
    "title",
    "data",
    "icon",
    "friends",
    "person",
    "capabilities",
    "hashedAddresses",
    "personAddresses",
    "hashedAddress",
];

fn contains_2013_element(e: &Elem) -> bool {
    let here = match e.name.as_str() {
        "capabilities" | "person" => e.elements().any(|c| {
            CAPABILITIES
                .iter()
                .any(|&(n, _, _, s)| n == c.name && s == Since::V2013)
                || PERSON
                    .iter()
                    .any(|&(n, _, s)| n == c.name && s == Since::V2013)
        }),
        _ => false,
    };
    here || e.elements().any(contains_2013_element)
}

// ---------------------------------------------------------------------------------------------
// A small document tree
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Node {
    Elem(Elem),
    Text(String),
    CData(String),
    Comment(String),
    /// Markup written as is (already escaped).
    Raw(String),
}

/// How an element's namespace is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NsDecl {
    /// Inherited from the parent (no `xmlns` written).
    Inherit,
    /// `xmlns="…"`, or `xmlns=""` for `None`.
    Set(Option<&'static str>),
}

#[derive(Debug, Clone)]
struct Attr {
    name: String,
    value: String,
    /// Markup written instead of the escaped value.
    raw: Option<String>,
    ty: Option<ValueType>,
    required: bool,
}

#[derive(Debug, Clone)]
struct Elem {
    name: String,
    ns: NsDecl,
    attrs: Vec<Attr>,
    children: Vec<Node>,
    /// The simple type of a leaf's content; `None` for elements with element content.
    ty: Option<ValueType>,
}

impl Elem {
    fn leaf(name: &str, ty: ValueType, value: String) -> Elem {
        Elem {
            name: name.to_owned(),
            ns: NsDecl::Inherit,
            attrs: Vec::new(),
            children: if value.is_empty() {
                Vec::new()
            } else {
                vec![Node::Text(value)]
            },
            ty: Some(ty),
        }
    }

    fn branch(name: &str, children: Vec<Elem>) -> Elem {
        Elem {
            name: name.to_owned(),
            ns: NsDecl::Inherit,
            attrs: Vec::new(),
            children: children.into_iter().map(Node::Elem).collect(),
            ty: None,
        }
    }

    fn with_attr(mut self, name: &str, ty: ValueType, value: String) -> Elem {
        self.attrs.push(Attr {
            name: name.to_owned(),
            value,
            raw: None,
            ty: Some(ty),
            required: true,
        });
        self
    }

    fn elements(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            _ => None,
        })
    }

    fn child(&self, i: usize) -> &Elem {
        match &self.children[i] {
            Node::Elem(e) => e,
            other => panic!("child {i} of <{}> is not an element: {other:?}", self.name),
        }
    }

    fn child_mut(&mut self, i: usize) -> &mut Elem {
        let name = self.name.clone();
        match &mut self.children[i] {
            Node::Elem(e) => e,
            other => panic!("child {i} of <{name}> is not an element: {other:?}"),
        }
    }

    fn at(&self, path: &[usize]) -> &Elem {
        path.iter().fold(self, |e, &i| e.child(i))
    }

    fn at_mut(&mut self, path: &[usize]) -> &mut Elem {
        let mut e = self;
        for &i in path {
            e = e.child_mut(i);
        }
        e
    }

    /// Paths (child indices) of every element below this one, in document order.
    fn descendant_paths(&self) -> Vec<Vec<usize>> {
        fn walk(e: &Elem, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            for (i, n) in e.children.iter().enumerate() {
                if let Node::Elem(c) = n {
                    prefix.push(i);
                    out.push(prefix.clone());
                    walk(c, prefix, out);
                    prefix.pop();
                }
            }
        }
        let mut out = Vec::new();
        walk(self, &mut Vec::new(), &mut out);
        out
    }

    /// `/friends/person/gender`-style description of the element at `path`.
    fn describe(&self, path: &[usize]) -> String {
        let mut s = format!("/{}", self.name);
        let mut e = self;
        for &i in path {
            e = e.child(i);
            s.push('/');
            s.push_str(&e.name);
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Building valid documents
// ---------------------------------------------------------------------------------------------

struct Builder {
    rng: SplitMix64,
    generation: Generation,
    with_2013: bool,
    /// Every optional element present, every list non-empty.
    rich: bool,
}

impl Builder {
    fn value(&mut self, ty: ValueType) -> String {
        ordinary_value(ty, &mut self.rng)
    }

    fn leaf(&mut self, name: &str, ty: ValueType) -> Elem {
        let value = self.value(ty);
        let mut e = Elem::leaf(name, ty, value);
        // CDATA is just another way to write the same characters; keep a few to be sure.
        if self.rng.chance(0.03) {
            if let Some(Node::Text(t)) = e.children.first() {
                e.children = vec![Node::CData(t.clone())];
            }
        }
        e
    }

    fn optional(&mut self, p: f64, name: &str, ty: ValueType, out: &mut Vec<Elem>) {
        if self.rich || self.rng.chance(p) {
            out.push(self.leaf(name, ty));
        }
    }

    /// How many items a repeated element gets: any of `choices`, but at least one when rich.
    fn count(&mut self, choices: &[usize]) -> usize {
        let n = *self.rng.pick(choices);
        if self.rich { n.max(1) } else { n }
    }

    fn sprinkle_comment(&mut self, e: &mut Elem) {
        if self.rng.chance(0.04) {
            let at = self.rng.below(e.children.len() + 1);
            e.children
                .insert(at, Node::Comment(" provider note ".to_owned()));
        }
    }

    fn root(&mut self, kind: RootKind) -> Elem {
        let mut root = match kind {
            RootKind::Capabilities => self.capabilities(),
            RootKind::Friends => {
                let n = self.count(&[0, 1, 1, 2, 2, 3]);
                let persons = (0..n).map(|_| self.person("person")).collect();
                Elem::branch("friends", persons)
            }
            RootKind::Person => self.person("person"),
            RootKind::ActivityFeed => self.activity_feed(),
            RootKind::HashedAddresses => self.hashed_addresses(),
        };
        self.sprinkle_comment(&mut root);
        root
    }

    fn capabilities(&mut self) -> Elem {
        let mut children = Vec::new();
        for &(name, ty, required, since) in CAPABILITIES {
            let wanted = match since {
                Since::V10 => true,
                Since::V11 => self.generation == Generation::V11,
                Since::V2013 => self.with_2013,
            };
            if !wanted {
                continue;
            }
            // The interval is the only unsignedInt in any schema, so keep it often.
            let p = match (required, ty, since) {
                _ if self.rich => 1.0,
                (true, _, _) => 1.0,
                (_, ValueType::UnsignedInt, _) => 0.75,
                (_, _, Since::V2013) => 0.7,
                _ => 0.5,
            };
            self.optional(p, name, ty, &mut children);
        }
        Elem::branch("capabilities", children)
    }

    fn person(&mut self, name: &str) -> Elem {
        let mut children = Vec::new();
        let mut any_2013 = false;
        for &(field, ty, since) in PERSON {
            let p = match since {
                _ if field == "userID" => 1.0,
                Since::V10 | Since::V11 if self.rich => 1.0,
                Since::V10 => match ty {
                    ValueType::Date | ValueType::DateTime | ValueType::Gender => 0.5,
                    _ => 0.25,
                },
                Since::V11 if self.generation == Generation::V11 => 0.5,
                Since::V2013 if self.with_2013 => 0.3,
                _ => 0.0,
            };
            if self.rng.chance(p) {
                any_2013 |= since == Since::V2013;
                children.push(self.leaf(field, ty));
            }
        }
        if self.with_2013 && !any_2013 {
            children.push(self.leaf("location", ValueType::String1024));
        }
        Elem::branch(name, children)
    }

    fn activity_feed(&mut self) -> Elem {
        let network = self.leaf("network", ValueType::String);
        let n = self.count(&[0, 1, 1, 2, 3]);
        let details = (0..n).map(|_| self.activity_details()).collect();
        let n = self.count(&[0, 1, 1, 2]);
        let containers = (0..n).map(|_| self.template_container()).collect();
        let mut activities = Elem::branch("activities", details);
        self.sprinkle_comment(&mut activities);
        Elem::branch(
            "activityFeed",
            vec![network, activities, Elem::branch("templates", containers)],
        )
    }

    fn activity_details(&mut self) -> Elem {
        let mut c = vec![
            self.leaf("ownerID", ValueType::String),
            self.leaf("objectID", ValueType::String),
            self.leaf("applicationID", ValueType::UnsignedLong),
            self.leaf("templateID", ValueType::UnsignedLong),
            self.leaf("publishDate", ValueType::DateTime),
        ];
        self.optional(0.5, "type", ValueType::ActivityType, &mut c);
        let n = *self.rng.pick(&[0, 1, 2, 2, 3]);
        let mut vars: Vec<Elem> = (0..n).map(|_| self.template_variable(None)).collect();
        if self.rich {
            // The only place simpleTemplateVariable (and its type attribute) can occur.
            vars.push(self.template_variable(Some("listVariable")));
        }
        c.push(Elem::branch("templateVariables", vars));
        Elem::branch("activityDetails", c)
    }

    fn template_variable(&mut self, kind: Option<&str>) -> Elem {
        let kind = match kind {
            Some(k) => k.to_owned(),
            None => self.value(ValueType::TemplateType),
        };
        // 1.1 relaxed templateVariable/value from anyURI to string, so text can go there.
        let value_ty = match self.generation {
            Generation::V10 => ValueType::AnyUri,
            Generation::V11 => ValueType::String,
        };
        let mut c = vec![self.leaf("name", ValueType::String)];
        match kind.as_str() {
            "publisherVariable" | "entityVariable" => {
                c.push(self.leaf("id", ValueType::String));
                self.optional(0.8, "nameHint", ValueType::String, &mut c);
                self.optional(0.5, "emailAddress", ValueType::String, &mut c);
                self.optional(0.5, "profileUrl", ValueType::String, &mut c);
            }
            "linkVariable" => {
                self.optional(0.6, "text", ValueType::String, &mut c);
                c.push(self.leaf("value", value_ty));
            }
            "textVariable" => c.push(self.leaf("value", value_ty)),
            "pictureVariable" => {
                c.push(self.leaf("value", value_ty));
                self.optional(0.5, "altText", ValueType::String, &mut c);
                self.optional(0.5, "href", ValueType::AnyUri, &mut c);
            }
            _ => {
                let n = self.count(&[0, 1, 2]);
                let items = (0..n).map(|_| self.simple_template_variable()).collect();
                c.push(Elem::branch("listItems", items));
            }
        }
        Elem::branch("templateVariable", c).with_attr("type", ValueType::TemplateType, kind)
    }

    fn simple_template_variable(&mut self) -> Elem {
        let kind = self.value(ValueType::SimpleTemplateType);
        let mut c = vec![self.leaf("name", ValueType::String)];
        self.optional(0.3, "text", ValueType::String, &mut c);
        self.optional(0.9, "value", ValueType::AnyUri, &mut c);
        self.optional(0.5, "altText", ValueType::String, &mut c);
        self.optional(0.5, "href", ValueType::AnyUri, &mut c);
        Elem::branch("simpleTemplateVariable", c).with_attr(
            "type",
            ValueType::SimpleTemplateType,
            kind,
        )
    }

    fn template_container(&mut self) -> Elem {
        let mut t = Vec::new();
        self.optional(0.5, "type", ValueType::ActivityType, &mut t);
        t.push(self.leaf("title", ValueType::String));
        self.optional(0.5, "data", ValueType::String, &mut t);
        t.push(self.leaf("icon", ValueType::AnyUri));
        Elem::branch(
            "activityTemplateContainer",
            vec![
                self.leaf("applicationID", ValueType::UnsignedLong),
                self.leaf("templateID", ValueType::UnsignedLong),
                Elem::branch("activityTemplate", t),
            ],
        )
    }

    fn hashed_addresses(&mut self) -> Elem {
        const HASHES: &[&str] = &[
            "46a62b2bde6cb4fcddfd7e445a253b888c34d482",
            "70abece48d69f8dd57dbdc87aca0a423db105d3c",
            "e3b0c44298fc1c149afbf4c8996fb924",
            "1234abcd",
        ];
        let n = self.count(&[0, 1, 2, 2, 3]);
        let people = (0..n)
            .map(|i| {
                let k = self.count(&[0, 1, 1, 2, 3]);
                let hashes = (0..k)
                    .map(|_| {
                        let h = (*self.rng.pick(HASHES)).to_owned();
                        Elem::leaf("hashedAddress", ValueType::String, h)
                    })
                    .collect();
                Elem::branch("personAddresses", hashes).with_attr(
                    "index",
                    ValueType::Int,
                    i.to_string(),
                )
            })
            .collect();
        Elem::branch("hashedAddresses", people)
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/// Where a simple value sits: element path, attribute index (`None`: the element's text), type.
type Slot = (Vec<usize>, Option<usize>, ValueType);

/// Whether some slot of type `ty` can take `case` (element-only markup needs an element).
fn fits_some_slot(slots: &[Slot], ty: ValueType, case: &ValueCase) -> bool {
    slots
        .iter()
        .any(|s| s.2 == ty && (s.1.is_none() || !case.element_only))
}

fn value_slots(root: &Elem) -> Vec<Slot> {
    let mut slots = Vec::new();
    for path in std::iter::once(Vec::new()).chain(root.descendant_paths()) {
        let e = root.at(&path);
        if let Some(ty) = e.ty {
            slots.push((path.clone(), None, ty));
        }
        for (i, a) in e.attrs.iter().enumerate() {
            if let Some(ty) = a.ty {
                slots.push((path.clone(), Some(i), ty));
            }
        }
    }
    slots
}

struct MutState {
    root_namespace: RootNamespace,
    root_uri: Option<&'static str>,
    mutations: Vec<Mutation>,
    value_cases: Vec<(ValueType, String)>,
    deviations: BTreeSet<DeviationClass>,
}

impl MutState {
    fn note(&mut self, kind: MutationKind, detail: String) {
        self.mutations.push(Mutation { kind, detail });
    }
}

impl Builder {
    fn mutate(&mut self, root: &mut Elem, st: &mut MutState) {
        // Weights: values and structure carry most of the budget.
        let roll = self.rng.below(100);
        let done = match roll {
            0..40 => self.mutate_value(root, st),
            40..48 => self.mutate_drop(root, st),
            48..55 => self.mutate_duplicate(root, st),
            55..62 => self.mutate_swap(root, st),
            62..69 => self.mutate_rename(root, st),
            69..76 => self.mutate_move(root, st),
            76..82 => self.mutate_root_namespace(root, st),
            82..85 => self.mutate_child_namespace(root, st),
            85..89 => self.mutate_unknown_attribute(root, st),
            89..94 => self.mutate_missing_attribute(root, st),
            94..97 => self.mutate_stray_text(root, st),
            _ => self.mutate_later_generation(root, st),
        };
        // Some changes need something the document lacks (siblings to swap, a required
        // attribute); then a value changes instead, or, with no values at all, an unknown
        // attribute appears (that always applies).
        if !done && !self.mutate_value(root, st) {
            self.mutate_unknown_attribute(root, st);
        }
    }

    fn mutate_value(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let slots = value_slots(root);
        // First the type (weighted, among those present), then a slot of it, then a case; so
        // rare types get their share of the cases however few slots they have.
        let mut types: Vec<ValueType> = slots.iter().map(|s| s.2).collect();
        types.sort();
        types.dedup();
        if types.is_empty() {
            return false;
        }
        let total: usize = types.iter().map(|t| t.weight()).sum();
        let mut r = self.rng.below(total);
        let ty = *types
            .iter()
            .find(|t| {
                if r < t.weight() {
                    true
                } else {
                    r -= t.weight();
                    false
                }
            })
            .expect("the roll falls within the total weight");
        // xmlschema's deviations are left to sweep documents, where the value is alone: a
        // document must never need both oracles excused at once.
        let cases: Vec<ValueCase> = boundary_cases(ty)
            .into_iter()
            .filter(|c| fits_some_slot(&slots, ty, c))
            .filter(|c| {
                DeviationClass::of_value(ty, &c.value)
                    .iter()
                    .all(|d| d.oracle() == Oracle::Xmllint)
            })
            .collect();
        let case = self.rng.pick(&cases).clone();
        self.write_case(root, st, slots, ty, case);
        true
    }

    /// Writes boundary value number `ordinal` (modulo their count) of the types this document
    /// can hold into a slot of its type.
    fn sweep_value(&mut self, root: &mut Elem, st: &mut MutState, ordinal: usize) {
        let slots = value_slots(root);
        let mut types: Vec<ValueType> = slots.iter().map(|s| s.2).collect();
        types.sort();
        types.dedup();
        let all: Vec<(ValueType, ValueCase)> = types
            .iter()
            .flat_map(|&t| boundary_cases(t).into_iter().map(move |c| (t, c)))
            .filter(|(t, c)| fits_some_slot(&slots, *t, c))
            .collect();
        let (ty, case) = all[ordinal % all.len()].clone();
        self.write_case(root, st, slots, ty, case);
    }

    fn write_case(
        &mut self,
        root: &mut Elem,
        st: &mut MutState,
        slots: Vec<Slot>,
        ty: ValueType,
        case: ValueCase,
    ) {
        let of_ty: Vec<Slot> = slots
            .into_iter()
            .filter(|s| s.2 == ty && (s.1.is_none() || !case.element_only))
            .collect();
        let (path, attr, _) = self.rng.pick(&of_ty).clone();
        let where_ = root.describe(&path);
        let e = root.at_mut(&path);
        let target = match attr {
            Some(i) => {
                e.attrs[i].value = case.value.clone();
                e.attrs[i].raw = case.markup.clone();
                format!("{where_}/@{}", e.attrs[i].name)
            }
            None => {
                e.children = vec![match &case.markup {
                    Some(m) => Node::Raw(m.clone()),
                    None => Node::Text(case.value.clone()),
                }];
                where_
            }
        };
        st.deviations
            .extend(DeviationClass::of_value(ty, &case.value));
        st.value_cases.push((ty, case.label.clone()));
        st.note(
            MutationKind::Value(ty),
            format!("value of `{target}` → {}", case.label),
        );
    }

    fn random_descendant(&mut self, root: &Elem) -> Option<Vec<usize>> {
        let paths = root.descendant_paths();
        (!paths.is_empty()).then(|| self.rng.pick(&paths).clone())
    }

    fn mutate_drop(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let Some(path) = self.random_descendant(root) else {
            return false;
        };
        let what = root.describe(&path);
        let (last, parent) = path.split_last().expect("descendant paths are not empty");
        root.at_mut(parent).children.remove(*last);
        st.note(MutationKind::Drop, format!("dropped `{what}`"));
        true
    }

    fn mutate_duplicate(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let Some(path) = self.random_descendant(root) else {
            return false;
        };
        let what = root.describe(&path);
        let copy = root.at(&path).clone();
        let (last, parent) = path.split_last().expect("descendant paths are not empty");
        root.at_mut(parent)
            .children
            .insert(last + 1, Node::Elem(copy));
        st.note(MutationKind::Duplicate, format!("duplicated `{what}`"));
        true
    }

    fn mutate_swap(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        // Parents with at least two differently named element children.
        let parents: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .filter(|p| {
                let names: BTreeSet<&str> =
                    root.at(p).elements().map(|c| c.name.as_str()).collect();
                names.len() >= 2
            })
            .collect();
        if parents.is_empty() {
            return false;
        }
        let parent = self.rng.pick(&parents).clone();
        let p = root.at_mut(&parent);
        let idx: Vec<usize> = p
            .children
            .iter()
            .enumerate()
            .filter_map(|(i, n)| matches!(n, Node::Elem(_)).then_some(i))
            .collect();
        loop {
            let a = *self.rng.pick(&idx);
            let b = *self.rng.pick(&idx);
            if p.child(a).name != p.child(b).name {
                let note = format!(
                    "swapped `{}` and `{}` under `{}`",
                    p.child(a).name,
                    p.child(b).name,
                    p.name
                );
                p.children.swap(a, b);
                st.note(MutationKind::Swap, note);
                return true;
            }
        }
    }

    fn mutate_rename(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let Some(path) = self.random_descendant(root) else {
            return false;
        };
        let old = root.at(&path).name.clone();
        let new = match self.rng.below(4) {
            // Another name of the schemas: exists, but not here.
            0 => (*self.rng.pick(OTHER_NAMES)).to_owned(),
            1 => {
                let (name, _, _) = *self.rng.pick(PERSON);
                name.to_owned()
            }
            // Case matters in XML names.
            2 => {
                let mut cs = old.chars();
                let first = cs.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
                std::iter::once(first).chain(cs).collect()
            }
            _ => (*self.rng.pick(&["shoeSize", "extra", "userId", "e-mail"])).to_owned(),
        };
        let what = root.describe(&path);
        root.at_mut(&path).name = new.clone();
        st.note(MutationKind::Rename, format!("renamed `{what}` to `{new}`"));
        true
    }

    fn mutate_move(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let Some(path) = self.random_descendant(root) else {
            return false;
        };
        let what = root.describe(&path);
        let (last, old_parent) = path.split_last().expect("descendant paths are not empty");
        let old_parent = old_parent.to_vec();
        let Node::Elem(moved) = root.at_mut(&old_parent).children.remove(*last) else {
            unreachable!("descendant paths point at elements")
        };
        // Any other element may receive it; leaves (simple content) only rarely, since that
        // is a different mistake (mixed content) from a misplaced element.
        let candidates: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .filter(|p| *p != old_parent)
            .collect();
        let containers: Vec<Vec<usize>> = candidates
            .iter()
            .filter(|p| root.at(p).ty.is_none())
            .cloned()
            .collect();
        let pool = if !containers.is_empty() && !self.rng.chance(0.1) {
            containers
        } else {
            candidates
        };
        if pool.is_empty() {
            root.at_mut(&old_parent)
                .children
                .insert(*last, Node::Elem(moved));
            return false;
        }
        let target = self.rng.pick(&pool).clone();
        let to = root.describe(&target);
        let t = root.at_mut(&target);
        let at = self.rng.below(t.children.len() + 1);
        t.children.insert(at, Node::Elem(moved));
        st.note(MutationKind::Move, format!("moved `{what}` into `{to}`"));
        true
    }

    fn mutate_root_namespace(&mut self, _root: &mut Elem, st: &mut MutState) -> bool {
        let (ns, uri) = match self.rng.below(4) {
            0 => (
                RootNamespace::Https,
                Some(match self.generation {
                    Generation::V10 => NS_10_HTTPS,
                    Generation::V11 => NS_11_HTTPS,
                }),
            ),
            1 => (RootNamespace::Other, Some(NS_OTHER)),
            2 => (RootNamespace::Absent, None),
            // The other OSC generation's namespace, while still meant for this generation.
            _ => match self.generation {
                Generation::V10 => (RootNamespace::Osc11, Some(NS_11)),
                Generation::V11 => (RootNamespace::Osc10, Some(NS_10)),
            },
        };
        st.root_namespace = ns;
        st.root_uri = uri;
        st.note(
            MutationKind::RootNamespace,
            format!("root namespace → {}", uri.unwrap_or("(none)")),
        );
        true
    }

    fn mutate_child_namespace(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let Some(path) = self.random_descendant(root) else {
            return false;
        };
        let uri = *self.rng.pick(&[Some(NS_11_HTTPS), Some(NS_OTHER), None]);
        let what = root.describe(&path);
        root.at_mut(&path).ns = NsDecl::Set(uri);
        st.note(
            MutationKind::ChildNamespace,
            format!("namespace of `{what}` → {}", uri.unwrap_or("(none)")),
        );
        true
    }

    fn mutate_unknown_attribute(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let paths: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .collect();
        let path = self.rng.pick(&paths).clone();
        let what = root.describe(&path);
        let e = root.at_mut(&path);
        const CHOICES: [&[(&str, &str)]; 3] = [
            &[("foo", "bar")],
            // The xml: prefix is always bound, but no OSC type admits xml:lang.
            &[("xml:lang", "en")],
            &[("xmlns:x", "urn:example:x"), ("x:extra", "1")],
        ];
        // An attribute may appear only once per element, or the document is not even XML.
        let fresh: Vec<&[(&str, &str)]> = CHOICES
            .into_iter()
            .filter(|c| c.iter().all(|(n, _)| e.attrs.iter().all(|a| a.name != *n)))
            .collect();
        if fresh.is_empty() {
            return false;
        }
        let added = *self.rng.pick(&fresh);
        for &(name, value) in added {
            e.attrs.push(Attr {
                name: name.to_owned(),
                value: value.to_owned(),
                raw: None,
                ty: None,
                required: false,
            });
        }
        let shown = added.last().expect("at least one attribute").0;
        st.note(
            MutationKind::UnknownAttribute,
            format!("added `{shown}` to `{what}`"),
        );
        true
    }

    fn mutate_missing_attribute(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let holders: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .filter(|p| root.at(p).attrs.iter().any(|a| a.required))
            .collect();
        if holders.is_empty() {
            return false;
        }
        let path = self.rng.pick(&holders).clone();
        let what = root.describe(&path);
        let e = root.at_mut(&path);
        let i = e
            .attrs
            .iter()
            .position(|a| a.required)
            .expect("holders have a required attribute");
        let gone = e.attrs.remove(i);
        st.note(
            MutationKind::MissingAttribute,
            format!("removed `{}` from `{what}`", gone.name),
        );
        true
    }

    fn mutate_stray_text(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        let containers: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .filter(|p| root.at(p).ty.is_none())
            .collect();
        let path = self.rng.pick(&containers).clone();
        let what = root.describe(&path);
        let e = root.at_mut(&path);
        let at = self.rng.below(e.children.len() + 1);
        e.children.insert(at, Node::Text("stray text".to_owned()));
        st.note(MutationKind::StrayText, format!("text inside `{what}`"));
        true
    }

    fn mutate_later_generation(&mut self, root: &mut Elem, st: &mut MutState) -> bool {
        // Elements the next generation added, placed where that generation puts them.
        let later = match self.generation {
            Generation::V10 => Since::V11,
            Generation::V11 => Since::V2013,
        };
        let targets: Vec<Vec<usize>> = std::iter::once(Vec::new())
            .chain(root.descendant_paths())
            .filter(|p| matches!(root.at(p).name.as_str(), "capabilities" | "person"))
            .filter(|p| root.at(p).ty.is_none())
            .collect();
        if targets.is_empty() {
            return false;
        }
        let path = self.rng.pick(&targets).clone();
        let order: Vec<(&str, ValueType, Since)> = if root.at(&path).name == "capabilities" {
            CAPABILITIES.iter().map(|&(n, t, _, s)| (n, t, s)).collect()
        } else {
            PERSON.to_vec()
        };
        let fresh: Vec<(usize, &str, ValueType)> = order
            .iter()
            .enumerate()
            .filter(|(_, (n, _, s))| *s == later && root.at(&path).elements().all(|c| c.name != *n))
            .map(|(i, &(n, t, _))| (i, n, t))
            .collect();
        if fresh.is_empty() {
            return false;
        }
        let (rank, name, ty) = *self.rng.pick(&fresh);
        let leaf = self.leaf(name, ty);
        let what = root.describe(&path);
        let e = root.at_mut(&path);
        let rank_of = |n: &str| order.iter().position(|(o, _, _)| *o == n);
        let at = e
            .children
            .iter()
            .position(|n| matches!(n, Node::Elem(c) if rank_of(&c.name).is_some_and(|r| r > rank)))
            .unwrap_or(e.children.len());
        e.children.insert(at, Node::Elem(leaf));
        st.note(
            MutationKind::LaterGeneration,
            format!("added `{name}` to `{what}`"),
        );
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Layout {
    pretty: bool,
    self_close: bool,
    /// The OSC namespace bound to a prefix (`osc:`) instead of being the default namespace;
    /// the same names, spelled differently.
    prefixed: bool,
}

fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            // Written as references so attribute-value normalisation keeps them.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Writes `e`; `prefix` is the prefix that elements inheriting their parent's namespace carry
/// (`None`: they use the default namespace).
fn write_element(
    out: &mut String,
    e: &Elem,
    root_uri: Option<&str>,
    prefix: Option<&str>,
    depth: usize,
    l: Layout,
) {
    let (qname, decl, prefix) = match (depth, e.ns) {
        (0, _) => match root_uri {
            Some(uri) if l.prefixed => (
                format!("osc:{}", e.name),
                format!(" xmlns:osc=\"{uri}\""),
                Some("osc"),
            ),
            Some(uri) => (e.name.clone(), format!(" xmlns=\"{uri}\""), None),
            None => (e.name.clone(), String::new(), None),
        },
        // A namespace of its own is declared as the default, for it and what it contains.
        (_, NsDecl::Set(uri)) => (
            e.name.clone(),
            format!(" xmlns=\"{}\"", uri.unwrap_or("")),
            None,
        ),
        (_, NsDecl::Inherit) => match prefix {
            Some(p) => (format!("{p}:{}", e.name), String::new(), Some(p)),
            None => (e.name.clone(), String::new(), None),
        },
    };
    out.push('<');
    out.push_str(&qname);
    out.push_str(&decl);
    for a in &e.attrs {
        let _ = write!(out, " {}=\"", a.name);
        match &a.raw {
            Some(raw) => out.push_str(raw),
            None => escape_attr(out, &a.value),
        }
        out.push('"');
    }
    if e.children.is_empty() {
        if l.self_close {
            out.push_str("/>");
        } else {
            let _ = write!(out, "></{qname}>");
        }
        return;
    }
    out.push('>');
    // Indent only where it cannot change a value: between children of element-only content.
    let indent = l.pretty
        && e.children
            .iter()
            .all(|n| matches!(n, Node::Elem(_) | Node::Comment(_)));
    for n in &e.children {
        if indent {
            out.push('\n');
            out.push_str(&"  ".repeat(depth + 1));
        }
        match n {
            Node::Elem(c) => write_element(out, c, root_uri, prefix, depth + 1, l),
            Node::Text(t) => escape_text(out, t),
            Node::Raw(t) => out.push_str(t),
            Node::CData(t) => {
                let _ = write!(out, "<![CDATA[{t}]]>");
            }
            Node::Comment(t) => {
                let _ = write!(out, "<!--{t}-->");
            }
        }
    }
    if indent {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
    let _ = write!(out, "</{qname}>");
}
