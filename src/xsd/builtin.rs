//! Checking one text value against a compiled simple type: the built-in's lexical rules
//! (delegated to [`crate::xs`]), then enumeration, pattern and length facets.

use super::schema::{Builtin, SimpleType, Variety};
use crate::text::{quoted_value, value_excerpt};
use crate::xs;

/// Why a value was rejected: a message and, when useful, a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub message: String,
    pub help: Option<String>,
    /// Whether `oscx fmt --fix` repairs the value (see [`super::repair`]).
    pub fixable: bool,
}

/// How many allowed values a message lists before `…`.
const LIST_MAX: usize = 6;

/// Checks `value` (already end-of-line normalized) against `ty`.
pub(crate) fn check(ty: &SimpleType, value: &str) -> Result<(), Rejection> {
    if !matches!(ty.variety, Variety::Atomic) {
        return super::varieties::check(ty, value);
    }
    lexical(ty.base, value)?;
    if !ty.has_facets() {
        return Ok(());
    }
    // Facets compare the value after the type's whitespace rule: as written for strings,
    // collapsed for most other types, or as a `whiteSpace` facet says.
    let normalized = super::facets::normalize(ty.whitespace(), value);
    for allowed in &ty.enumerations {
        if !allowed.iter().any(|a| **a == *normalized) {
            return Err(not_one_of(&normalized, allowed));
        }
    }
    for alternatives in &ty.patterns {
        if !alternatives.iter().any(|a| **a == *normalized) {
            return Err(not_one_of(&normalized, alternatives));
        }
    }
    for pattern in &ty.regexes {
        if !pattern.is_match(&normalized) {
            return Err(Rejection {
                message: format!(
                    "{} does not match the pattern `{}`",
                    quoted_value(&normalized),
                    value_excerpt(pattern.written())
                ),
                help: None,
                fixable: false,
            });
        }
    }
    if let Some(max) = ty.max_length {
        let n = super::facets::length_of(ty.base, &normalized);
        if n > max as usize {
            return Err(too_long(n, max, super::facets::length_unit(ty.base)));
        }
    }
    match &ty.facets {
        Some(facets) => facets.check(ty.base, &normalized),
        None => Ok(()),
    }
}

/// Checks a length counted elsewhere (the validator counts string content as it streams
/// instead of buffering it).
pub(crate) fn check_length(chars: usize, max: u32) -> Result<(), Rejection> {
    if chars <= max as usize {
        return Ok(());
    }
    Err(too_long(chars, max, "characters"))
}

/// The value is longer than `maxLength`, counted in `unit`.
fn too_long(n: usize, max: u32, unit: &str) -> Rejection {
    let help = if unit == "characters" {
        format!("shorten the value to {max} characters or fewer (characters, not bytes)")
    } else {
        format!("shorten the value to {max} {unit} or fewer")
    };
    Rejection {
        message: format!("the value has {n} {unit}; at most {max} are allowed"),
        help: Some(help),
        fixable: false,
    }
}

/// Characters (Unicode scalar values) in `s`: every byte that does not continue a UTF-8
/// sequence starts one. Written as a byte count so it vectorises.
pub(crate) fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b & 0xC0) != 0x80).count()
}

/// Checks `value` against the lexical space of `base` (each parser applies the built-in's
/// whitespace rule first).
#[inline(always)]
pub(crate) fn lexical(base: Builtin, value: &str) -> Result<(), Rejection> {
    // Values in their plain canonical shape are accepted without the general parsers, which
    // collapse whitespace and keep the text; anything else gets the full treatment, out of
    // line so that the shortcut stays small enough to inline where every value passes.
    if fast::accepts(base, value.as_bytes()) {
        return Ok(());
    }
    parse(base, value)
}

/// The general parsers behind [`lexical`].
#[inline(never)]
fn parse(base: Builtin, value: &str) -> Result<(), Rejection> {
    let result = match base {
        // Every string is a valid `xs:string` and, by this engine's rule, `xs:anyURI`; after
        // their whitespace rule, every string is a normalized string and a token.
        Builtin::AnySimpleType
        | Builtin::String
        | Builtin::NormalizedString
        | Builtin::Token
        | Builtin::AnyUri => return Ok(()),
        // Refused at load; accepted here rather than guessed at.
        Builtin::QName | Builtin::Notation => return Ok(()),
        Builtin::Language => xs::check_language(value),
        Builtin::Name => xs::check_name(value, true),
        Builtin::NcName | Builtin::Id | Builtin::IdRef | Builtin::Entity => {
            xs::check_name(value, false)
        }
        Builtin::NmToken => xs::check_nmtoken(value),
        Builtin::NmTokens => xs::check_nmtokens(value).map(drop),
        Builtin::IdRefs | Builtin::Entities => names_list(value),
        Builtin::Boolean => xs::parse_boolean(value).map(drop),
        Builtin::Int => xs::parse_int(value).map(drop),
        Builtin::UnsignedInt => xs::parse_unsigned_int(value).map(drop),
        Builtin::UnsignedLong => xs::parse_unsigned_long(value).map(drop),
        Builtin::Decimal => xs::Decimal::parse(value).map(drop),
        Builtin::Integer
        | Builtin::NonPositiveInteger
        | Builtin::NegativeInteger
        | Builtin::Long
        | Builtin::Short
        | Builtin::Byte
        | Builtin::NonNegativeInteger
        | Builtin::UnsignedShort
        | Builtin::UnsignedByte
        | Builtin::PositiveInteger => integer(base, value),
        Builtin::Float | Builtin::Double => {
            xs::parse_float(value, base == Builtin::Float).map(drop)
        }
        Builtin::Duration => xs::parse_duration(value).map(drop),
        Builtin::Date => xs::XsDate::parse(value).map(drop),
        Builtin::DateTime => xs::XsDateTime::parse(value).map(drop),
        Builtin::Time
        | Builtin::GYearMonth
        | Builtin::GYear
        | Builtin::GMonthDay
        | Builtin::GDay
        | Builtin::GMonth => {
            let kind = super::facets::temporal_kind(base).unwrap_or(xs::TemporalKind::Time);
            xs::Moment::parse(kind, value).map(drop)
        }
        Builtin::HexBinary => xs::parse_hex_binary(value).map(drop),
        Builtin::Base64Binary => xs::parse_base64_binary(value).map(drop),
    };
    result.map_err(|e| Rejection {
        message: format!("{} is not {}", quoted_value(value), in_words(base)),
        help: Some(dotnet_boolean(base, value).unwrap_or(e.reason)),
        fixable: base == Builtin::Boolean && super::repair::boolean(value).is_some(),
    })
}

/// An integer of `base`: the lexical form of `xs:integer` within the type's range.
fn integer(base: Builtin, value: &str) -> Result<(), xs::LexicalError> {
    let n = xs::Decimal::parse_integer(value)?;
    let (min, max) = super::facets::integer_bounds(base);
    let parse = |b: Option<&str>| b.and_then(|b| xs::Decimal::parse_integer(b).ok());
    let below = parse(min).is_some_and(|m| n < m);
    let above = parse(max).is_some_and(|m| n > m);
    if below || above {
        let range = match (min, max) {
            (Some(lo), Some(hi)) => format!("from {lo} to {hi}"),
            (Some(lo), None) => format!("of at least {lo}"),
            (None, Some(hi)) => format!("of at most {hi}"),
            (None, None) => String::new(),
        };
        return Err(xs::LexicalError::new(
            base.name(),
            value,
            format!("expected a whole number {range}"),
        ));
    }
    Ok(())
}

/// `xs:IDREFS` and `xs:ENTITIES` (refused at load): one or more names without colons.
fn names_list(value: &str) -> Result<(), xs::LexicalError> {
    let text = xs::collapse_whitespace(value);
    if text.split(' ').all(|item| xs::is_name(item, false)) {
        Ok(())
    } else {
        Err(xs::LexicalError::new(
            "xs:IDREFS",
            value,
            "expected one or more names separated by spaces",
        ))
    }
}

/// What a built-in type accepts, said as a user would say it: messages name the constraint,
/// never the XSD type.
fn in_words(base: Builtin) -> &'static str {
    match base {
        Builtin::AnySimpleType | Builtin::String | Builtin::NormalizedString | Builtin::Token => {
            "text"
        }
        Builtin::AnyUri => "an address",
        Builtin::Language => "a language tag (such as `en` or `en-GB`)",
        Builtin::Name => "an XML name",
        Builtin::NcName | Builtin::Id | Builtin::IdRef | Builtin::Entity => {
            "an XML name without `:`"
        }
        Builtin::NmToken => "a name token",
        Builtin::NmTokens => "a list of name tokens",
        Builtin::IdRefs | Builtin::Entities => "a list of names",
        Builtin::QName | Builtin::Notation => "a qualified name",
        Builtin::Boolean => "a boolean (`true` or `false`)",
        Builtin::Int => "a whole number from -2147483648 to 2147483647",
        Builtin::UnsignedInt => "a whole number from 0 to 4294967295",
        Builtin::UnsignedLong => "a whole number from 0 to 18446744073709551615",
        Builtin::Decimal => "a decimal number",
        Builtin::Integer => "a whole number",
        Builtin::NonPositiveInteger => "a whole number of at most 0",
        Builtin::NegativeInteger => "a whole number below 0",
        Builtin::Long => "a whole number from -9223372036854775808 to 9223372036854775807",
        Builtin::Short => "a whole number from -32768 to 32767",
        Builtin::Byte => "a whole number from -128 to 127",
        Builtin::NonNegativeInteger => "a whole number of at least 0",
        Builtin::UnsignedShort => "a whole number from 0 to 65535",
        Builtin::UnsignedByte => "a whole number from 0 to 255",
        Builtin::PositiveInteger => "a whole number of at least 1",
        Builtin::Float | Builtin::Double => "a floating-point number",
        Builtin::Duration => "a duration (`PnYnMnDTnHnMnS`)",
        Builtin::Date => "a date (`YYYY-MM-DD`)",
        Builtin::DateTime => "a date and time (`YYYY-MM-DDThh:mm:ss`)",
        Builtin::Time => "a time (`hh:mm:ss`)",
        Builtin::GYearMonth => "a year and month (`YYYY-MM`)",
        Builtin::GYear => "a year (`YYYY`)",
        Builtin::GMonthDay => "a month and day (`--MM-DD`)",
        Builtin::GDay => "a day of the month (`---DD`)",
        Builtin::GMonth => "a month (`--MM`)",
        Builtin::HexBinary => "hex-encoded binary data",
        Builtin::Base64Binary => "base64-encoded binary data",
    }
}

/// The fix for `True`, `FALSE` and the like: .NET's `bool.ToString()` writes `True` and
/// `False`, the commonest source of these values, and XML Schema allows only lowercase.
fn dotnet_boolean(base: Builtin, value: &str) -> Option<String> {
    if base != Builtin::Boolean {
        return None;
    }
    let lower = super::repair::boolean(value)?;
    Some(format!(
        "write `{lower}`: booleans are lowercase in XML, while .NET's `bool.ToString()` writes \
         `True` and `False`; use `XmlConvert.ToString(value)` or `value ? \"true\" : \"false\"`"
    ))
}

pub(crate) fn not_one_of(value: &str, allowed: &[Box<str>]) -> Rejection {
    let mut list = String::new();
    for (i, a) in allowed.iter().take(LIST_MAX).enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        list.push('`');
        list.push_str(a);
        list.push('`');
    }
    if allowed.len() > LIST_MAX {
        list.push_str(", …");
    }
    let trimmed = value.trim_matches([' ', '\t', '\r', '\n']);
    let help = if trimmed != value && allowed.iter().any(|a| **a == *trimmed) {
        Some(format!(
            "remove the surrounding whitespace: the value is compared as written, so {} is \
             not `{trimmed}`",
            quoted_value(value)
        ))
    } else if let Some(a) = allowed.iter().find(|a| a.eq_ignore_ascii_case(value)) {
        Some(format!("did you mean `{a}`? Values are case-sensitive"))
    } else {
        super::suggest::closest(trimmed, allowed.iter().map(|a| &**a))
            .map(|a| format!("did you mean `{a}`?"))
    };
    Rejection {
        message: format!(
            "{} is not an allowed value: expected one of {list}",
            quoted_value(value)
        ),
        help,
        fixable: super::repair::value(value, allowed.iter().map(|a| &**a)).is_some(),
    }
}

/// Accept-only shortcuts for the common shapes of numbers, booleans and dates. They never
/// reject: a value they do not recognise goes to [`crate::xs`], which decides. The tests
/// check that they accept nothing `crate::xs` rejects.
mod fast {
    use super::Builtin;

    #[inline(always)]
    pub(super) fn accepts(base: Builtin, v: &[u8]) -> bool {
        match base {
            Builtin::String | Builtin::AnyUri => true,
            Builtin::Boolean => matches!(v, b"true" | b"false" | b"1" | b"0"),
            // Nine digits always fit in `xs:int` and `xs:unsignedInt`, nineteen in
            // `xs:unsignedLong`.
            Builtin::Int | Builtin::UnsignedInt => digits(v) && v.len() <= 9,
            Builtin::UnsignedLong => digits(v) && v.len() <= 19,
            Builtin::Date => date(v).is_some_and(timezone),
            Builtin::DateTime => date(v)
                .and_then(|rest| rest.strip_prefix(b"T"))
                .and_then(time)
                .is_some_and(timezone),
            // The other built-ins go to their parsers: the shortcut stays as small as the
            // OSC schemas' eight types need, so that it is inlined where every value passes.
            _ => false,
        }
    }

    fn digits(v: &[u8]) -> bool {
        !v.is_empty() && v.iter().all(u8::is_ascii_digit)
    }

    /// Two digits as a number.
    fn two(v: &[u8]) -> Option<u32> {
        match v {
            [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
            }
            _ => None,
        }
    }

    /// `YYYY-MM-DD` with a four-digit year other than 0000; returns what follows.
    fn date(v: &[u8]) -> Option<&[u8]> {
        let (head, rest) = (v.get(..10)?, v.get(10..)?);
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *head else {
            return None;
        };
        let year = two(&[y0, y1])? * 100 + two(&[y2, y3])?;
        let month = two(&[m0, m1])?;
        let day = two(&[d0, d1])?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year != 0 && (1..=days).contains(&day)).then_some(rest)
    }

    /// `hh:mm:ss` with an optional fraction, hours 00-23; returns what follows.
    fn time(v: &[u8]) -> Option<&[u8]> {
        let (head, mut rest) = (v.get(..8)?, v.get(8..)?);
        let [h0, h1, b':', m0, m1, b':', s0, s1] = *head else {
            return None;
        };
        if two(&[h0, h1])? > 23 || two(&[m0, m1])? > 59 || two(&[s0, s1])? > 59 {
            return None;
        }
        if let Some(fraction) = rest.strip_prefix(b".") {
            let n = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            rest = fraction.get(n..)?;
        }
        Some(rest)
    }

    /// Nothing, `Z`, or `±hh:mm` within ±14:00.
    fn timezone(v: &[u8]) -> bool {
        match v {
            [] | [b'Z'] => true,
            [b'+' | b'-', h0, h1, b':', m0, m1] => match (two(&[*h0, *h1]), two(&[*m0, *m1])) {
                (Some(h), Some(m)) => h < 14 && m <= 59 || h == 14 && m == 0,
                _ => false,
            },
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts must never accept what the full parsers reject.
    #[test]
    fn fast_paths_accept_only_what_xs_accepts() {
        let mut samples: Vec<String> = Vec::new();
        for y in [
            "0000", "0001", "1900", "2000", "2004", "2100", "2023", "9999",
        ] {
            for m in ["00", "01", "02", "04", "12", "13"] {
                for d in ["00", "01", "28", "29", "30", "31", "32"] {
                    for tz in [
                        "", "Z", "+14:00", "+14:01", "-13:59", "+15:00", "+01:60", "z",
                    ] {
                        samples.push(format!("{y}-{m}-{d}{tz}"));
                        for t in [
                            "00:00:00",
                            "23:59:59",
                            "24:00:00",
                            "12:60:00",
                            "12:00:60",
                            "12:00:00.5",
                            "12:00:00.",
                        ] {
                            samples.push(format!("{y}-{m}-{d}T{t}{tz}"));
                        }
                    }
                }
            }
        }
        for n in [
            "0",
            "5",
            "+5",
            "-0",
            "999999999",
            "4294967295",
            "2147483648",
            "18446744073709551615",
            "18446744073709551616",
            "9999999999999999999",
            "999999999999999999",
            "32768",
            "65536",
            "128",
            "256",
            "99",
            "9999",
            "00000000000000000000001",
            "",
            "a",
        ] {
            samples.push(n.to_string());
        }
        samples.extend(["true", "false", "1", "0", "TRUE", " true"].map(String::from));
        for v in &samples {
            let b = v.as_bytes();
            let pairs: [(Builtin, bool); 7] = [
                (Builtin::Boolean, xs::parse_boolean(v).is_ok()),
                (Builtin::Int, xs::parse_int(v).is_ok()),
                (Builtin::UnsignedInt, xs::parse_unsigned_int(v).is_ok()),
                (Builtin::UnsignedLong, xs::parse_unsigned_long(v).is_ok()),
                (Builtin::Date, xs::XsDate::parse(v).is_ok()),
                (Builtin::DateTime, xs::XsDateTime::parse(v).is_ok()),
                (Builtin::String, true),
            ];
            let numbers = [
                Builtin::Decimal,
                Builtin::Integer,
                Builtin::NonNegativeInteger,
                Builtin::Long,
                Builtin::Short,
                Builtin::UnsignedShort,
                Builtin::Byte,
                Builtin::UnsignedByte,
            ]
            .map(|base| {
                let full = match base {
                    Builtin::Decimal => xs::Decimal::parse(v).is_ok(),
                    _ => integer(base, v).is_ok(),
                };
                (base, full)
            });
            for (base, full) in pairs.into_iter().chain(numbers) {
                assert!(
                    !fast::accepts(base, b) || full,
                    "{base} {v:?}: shortcut accepts, xs rejects"
                );
            }
        }
    }

    fn with_pattern(words: &[&str]) -> SimpleType {
        let mut t = SimpleType::builtin(Builtin::String);
        t.label = "gender".into();
        t.patterns
            .push(words.iter().map(|w| Box::<str>::from(*w)).collect());
        t
    }

    #[test]
    fn booleans_follow_xsd_and_collapse_whitespace() {
        let t = SimpleType::builtin(Builtin::Boolean);
        for ok in ["true", "false", "1", "0", " true\n"] {
            assert_eq!(check(&t, ok), Ok(()), "{ok:?}");
        }
        let err = check(&t, "yes").unwrap_err();
        assert_eq!(err.message, "`yes` is not a boolean (`true` or `false`)");
        assert_eq!(
            err.help.as_deref(),
            Some("expected `true`, `false`, `1` or `0`")
        );
        for (dotnet, fix) in [
            ("True", "`true`"),
            ("FALSE", "`false`"),
            (" False ", "`false`"),
        ] {
            let help = check(&t, dotnet).unwrap_err().help.unwrap_or_default();
            assert!(
                help.starts_with(&format!("write {fix}")),
                "{dotnet}: {help}"
            );
            assert!(help.contains("bool.ToString()"), "{dotnet}: {help}");
        }
    }

    #[test]
    fn unsigned_types_accept_plus_and_minus_zero() {
        for base in [Builtin::UnsignedInt, Builtin::UnsignedLong] {
            let t = SimpleType::builtin(base);
            for ok in ["+5", "-0", " 5 ", "0"] {
                assert_eq!(check(&t, ok), Ok(()), "{base} {ok:?}");
            }
            assert!(check(&t, "-1").is_err());
        }
        assert!(check(&SimpleType::builtin(Builtin::UnsignedInt), "4294967296").is_err());
    }

    #[test]
    fn patterns_compare_the_exact_string() {
        let t = with_pattern(&["male", "female", "unspecified"]);
        assert_eq!(check(&t, "female"), Ok(()));
        let err = check(&t, " male").unwrap_err();
        assert_eq!(
            err.message,
            "` male` is not an allowed value: expected one of `male`, `female`, `unspecified`"
        );
        assert!(err.help.unwrap().contains("whitespace"));
        assert!(
            check(&t, "Male")
                .unwrap_err()
                .help
                .unwrap()
                .contains("case")
        );
    }

    #[test]
    fn max_length_counts_characters() {
        let mut t = SimpleType::builtin(Builtin::String);
        t.label = "stringType".into();
        t.max_length = Some(1024);
        assert_eq!(check(&t, &"é".repeat(1024)), Ok(()));
        let err = check(&t, &"a".repeat(1025)).unwrap_err();
        assert_eq!(
            err.message,
            "the value has 1025 characters; at most 1024 are allowed"
        );
        // The type's name is the schema's business, not the message's.
        assert!(!err.message.contains("stringType"));
    }

    #[test]
    fn long_values_are_quoted_short() {
        let q = quoted_value(&"x".repeat(100));
        assert_eq!(q.chars().count(), 40 + 3);
    }
}
