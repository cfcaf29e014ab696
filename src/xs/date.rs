//! `xs:date`, plus the lexical pieces it shares with `xs:dateTime`: the
//! byte scanner, the date fields and the calendar arithmetic.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::timezone::{Timezone, parse_timezone};
use super::{LexicalError, collapse_whitespace};
use crate::text::value_excerpt;

/// Why the shared field parsers stopped. The caller turns this into a
/// [`LexicalError`] because only it knows the type name and expected format.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Problem {
    /// The text does not have the expected shape at all.
    Shape,
    /// Everything parsed, but unexpected text starts at this byte offset.
    Trailing(usize),
    /// The shape is right but a field is out of range; the text says which.
    Field(String),
}

/// A cursor over the bytes of the (already collapsed) text.
///
/// It only ever steps over ASCII bytes, so its position is always a valid
/// `str` boundary, and every access goes through `get` so no input can make
/// it index out of bounds.
pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Steps over `b` if it comes next.
    pub(super) fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        if found {
            self.pos += 1;
        }
        found
    }

    pub(super) fn expect(&mut self, b: u8) -> Result<(), Problem> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(Problem::Shape)
        }
    }

    /// Steps over a run of ASCII digits (possibly empty) and returns it.
    pub(super) fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    /// Reads exactly two ASCII digits. A third digit is left in place, where
    /// the following separator check will refuse it.
    pub(super) fn two_digits(&mut self) -> Result<u8, Problem> {
        let mut value = 0;
        for _ in 0..2 {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + (b - b'0');
                    self.pos += 1;
                }
                _ => return Err(Problem::Shape),
            }
        }
        Ok(value)
    }

    /// Succeeds only when all input has been consumed.
    pub(super) fn finish(&self) -> Result<(), Problem> {
        if self.pos >= self.bytes.len() {
            Ok(())
        } else {
            Err(Problem::Trailing(self.pos))
        }
    }
}

/// Describes text left over after a complete value, for error messages.
pub(super) fn trailing_reason(text: &str, pos: usize, allowed: &str) -> String {
    let rest = value_excerpt(text.get(pos..).unwrap_or_default());
    format!("unexpected `{rest}` at the end, only {allowed} may follow")
}

/// The year, month and day of a date or date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct DateFields {
    pub(super) year: i64,
    pub(super) month: u8,
    pub(super) day: u8,
}

/// Parses the year of a date or `xs:gYear`: `-?YYYY`, more digits only without a leading
/// zero, and never `0000`.
pub(super) fn parse_year(sc: &mut Scanner<'_>) -> Result<i64, Problem> {
    let negative = sc.eat(b'-');
    let digits = sc.digits();
    if digits.is_empty() {
        return Err(Problem::Shape);
    }
    if digits.len() < 4 {
        return Err(Problem::Field(
            "the year must have at least four digits".into(),
        ));
    }
    // Only the four-digit form may be zero-padded, so every year has exactly
    // one spelling.
    if digits.len() > 4 && digits.first() == Some(&b'0') {
        return Err(Problem::Field(
            "a year with more than four digits must not start with `0`".into(),
        ));
    }
    let mut magnitude: i64 = 0;
    for &b in digits {
        magnitude = magnitude
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(b - b'0')))
            .ok_or_else(|| Problem::Field("the year is too large".into()))?;
    }
    if magnitude == 0 {
        // XSD 1.0 has no year zero: 1 BCE is written `-0001`.
        return Err(Problem::Field("year 0000 does not exist".into()));
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// Parses `-?YYYY-MM-DD` and checks that the day exists.
pub(super) fn parse_date_fields(sc: &mut Scanner<'_>) -> Result<DateFields, Problem> {
    let year = parse_year(sc)?;
    sc.expect(b'-')?;
    let month = sc.two_digits()?;
    sc.expect(b'-')?;
    let day = sc.two_digits()?;
    if !(1..=12).contains(&month) {
        return Err(Problem::Field(format!("month {month:02} is not in 01-12")));
    }
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Err(Problem::Field(format!(
            "day {day:02} does not exist in {}-{month:02}, which has {last} days",
            format_year(year)
        )));
    }
    Ok(DateFields { year, month, day })
}

/// Writes a year the way the lexical form does: at least four digits, with a
/// leading `-` for years before the common era.
pub(super) fn format_year(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// Gregorian leap-year rule for an XSD 1.0 year.
pub(super) fn is_leap_year(year: i64) -> bool {
    // XSD 1.0 says `-0001` is 1 BCE, which would make it the proleptic leap year 0; but
    // its own day-count algorithm (Part 2, appendix E, `maximumDayInMonthFor`) applies the
    // divisibility rule to the year value as written. xmllint and Python xmlschema both do
    // that, so we do too: `-0004-02-29` is valid and `-0001-02-29` is not.
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`; 0 for an invalid month.
pub(super) fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to the given valid date.
///
/// Uses i128 so that even years near `i64::MAX` cannot overflow; the caller
/// decides whether the result still fits what it needs.
pub(super) fn days_since_epoch(date: DateFields) -> i128 {
    // Convert to astronomical numbering (1 BCE = 0), as in `is_leap_year`.
    let year = i128::from(date.year) + i128::from(date.year < 0);
    // Count from March so that February, the only irregular month, falls at
    // the end of the counting year (Howard Hinnant's `days_from_civil`).
    let year = if date.month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i128::from(date.month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i128::from(date.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719468 is the day number of 1970-01-01 counted from 0000-03-01.
    era * 146_097 + day_of_era - 719_468
}

const TYPE_NAME: &str = "xs:date";

/// xs:date, keeping its exact (whitespace-collapsed) lexical form.
///
/// Equality and hashing follow the lexical text, so `2005-05-17Z`,
/// `2005-05-17+00:00` and `2005-05-17` are three different values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XsDate {
    // The parsed fields are a pure function of `lexical`, so the derived
    // comparisons behave exactly like comparing the text alone.
    lexical: String,
    date: DateFields,
    timezone: Timezone,
}

impl XsDate {
    /// Parses `-?YYYY-MM-DD` with an optional timezone, after collapsing
    /// surrounding whitespace; the collapsed text is what gets stored.
    pub fn parse(s: &str) -> Result<Self, LexicalError> {
        let text = collapse_whitespace(s);
        let fail = |problem| {
            let reason = match problem {
                Problem::Shape => "expected YYYY-MM-DD".to_owned(),
                Problem::Trailing(pos) => trailing_reason(&text, pos, "a timezone (`Z` or ±hh:mm)"),
                Problem::Field(reason) => reason,
            };
            LexicalError::new(TYPE_NAME, s, reason)
        };
        let mut sc = Scanner::new(&text);
        let date = parse_date_fields(&mut sc).map_err(fail)?;
        let timezone = parse_timezone(&mut sc).map_err(fail)?;
        sc.finish().map_err(fail)?;
        Ok(Self {
            lexical: text.into_owned(),
            date,
            timezone,
        })
    }

    /// Exactly the stored lexical text.
    pub fn as_str(&self) -> &str {
        &self.lexical
    }

    /// The year; negative for years before the common era (`-0001` is 1 BCE).
    pub fn year(&self) -> i64 {
        self.date.year
    }

    /// The month, 1-12.
    pub fn month(&self) -> u8 {
        self.date.month
    }

    /// The day of the month, starting at 1.
    pub fn day(&self) -> u8 {
        self.date.day
    }

    /// The timezone as written.
    pub fn timezone(&self) -> Timezone {
        self.timezone
    }
}

impl fmt::Display for XsDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lexical)
    }
}

impl FromStr for XsDate {
    type Err = LexicalError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for XsDate {
    type Error = LexicalError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl Serialize for XsDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.lexical)
    }
}

impl<'de> Deserialize<'de> for XsDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> XsDate {
        XsDate::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn reason(s: &str) -> String {
        XsDate::parse(s).expect_err(s).reason
    }

    #[test]
    fn required_valid_dates() {
        for s in [
            "2012-02-29",
            "2005-05-17Z",
            "2005-05-17-08:00",
            "-0001-01-01",
            "10000-01-01",
            "2000-02-29",
        ] {
            assert_eq!(date(s).as_str(), s);
        }
    }

    #[test]
    fn required_invalid_dates() {
        for s in [
            "2010-02-29",
            "1979-13-45",
            "0000-01-01",
            "1900-02-29",
            "2005-5-17",
        ] {
            let e = XsDate::parse(s).expect_err(s);
            assert_eq!(e.type_name, "xs:date");
            assert_eq!(e.value, s);
        }
    }

    #[test]
    fn collapses_surrounding_whitespace() {
        let d = date(" 2005-05-17 ");
        assert_eq!(d.as_str(), "2005-05-17");
        assert_eq!(d, date("2005-05-17"));
        assert_eq!(date("\n\t2005-05-17Z\r\n").as_str(), "2005-05-17Z");
    }

    #[test]
    fn fields() {
        let d = date("2005-05-17-08:00");
        assert_eq!((d.year(), d.month(), d.day()), (2005, 5, 17));
        assert_eq!(
            d.timezone(),
            Timezone::Offset {
                negative: true,
                hours: 8,
                minutes: 0
            }
        );
        let d = date("-0001-12-31");
        assert_eq!((d.year(), d.month(), d.day()), (-1, 12, 31));
        assert_eq!(d.timezone(), Timezone::Absent);
        assert_eq!(date("10000-01-01").year(), 10000);
        assert_eq!(date("0001-01-01Z").timezone(), Timezone::Utc);
    }

    #[test]
    fn timezone_forms_stay_distinct() {
        let forms = [
            "2005-05-17",
            "2005-05-17Z",
            "2005-05-17+00:00",
            "2005-05-17-00:00",
        ];
        for (i, a) in forms.iter().enumerate() {
            for (j, b) in forms.iter().enumerate() {
                assert_eq!(date(a) == date(b), i == j, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn year_rules() {
        assert_eq!(reason("0000-01-01"), "year 0000 does not exist");
        assert_eq!(reason("-0000-01-01"), "year 0000 does not exist");
        assert_eq!(reason("00000-01-01"), reason("01000-01-01"));
        assert!(reason("01000-01-01").contains("must not start with `0`"));
        assert!(reason("-01000-01-01").contains("must not start with `0`"));
        assert!(reason("999-01-01").contains("at least four digits"));
        assert_eq!(date("0999-01-01").year(), 999);
        assert_eq!(date("-10000-01-01").year(), -10000);
        assert_eq!(date("9223372036854775807-01-01").year(), i64::MAX);
        assert_eq!(date("-9223372036854775807-01-01").year(), -i64::MAX);
        assert_eq!(reason("9223372036854775808-01-01"), "the year is too large");
        assert_eq!(
            reason(&format!("1{}-01-01", "0".repeat(10_000))),
            "the year is too large"
        );
    }

    #[test]
    fn month_and_day_ranges() {
        assert_eq!(reason("1979-13-45"), "month 13 is not in 01-12");
        assert_eq!(reason("1979-00-01"), "month 00 is not in 01-12");
        assert_eq!(
            reason("2010-02-29"),
            "day 29 does not exist in 2010-02, which has 28 days"
        );
        assert!(reason("2010-01-00").contains("day 00"));
        assert!(reason("2010-04-31").contains("day 31"));
        assert_eq!(date("2010-01-31").day(), 31);
        assert_eq!(date("2010-12-31").day(), 31);
        assert_eq!(date("2010-06-30").day(), 30);
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2012));
        assert!(is_leap_year(2400));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2010));
        assert!(!is_leap_year(2100));
        // Negative years: the rule applies to the value as written (see `is_leap_year`).
        assert!(!is_leap_year(-1));
        assert!(is_leap_year(-4));
        assert!(!is_leap_year(-100));
        assert!(is_leap_year(-400));
        assert!(!is_leap_year(i64::MIN + 1));
        assert!(XsDate::parse("-0001-02-29").is_err());
        assert!(date("-0004-02-29").year() == -4);
        assert!(XsDate::parse("-0005-02-29").is_err());
    }

    #[test]
    fn shape_errors() {
        for s in [
            "",
            "   ",
            "yesterday",
            "2005-5-17",
            "2005-05-7",
            "2005/05/17",
            "2005-05",
            "20050517",
            "2005-05-177",
            "2005-005-17",
            "+2005-05-17",
            "--2005-05-17",
            "２００５-05-17",
        ] {
            assert!(XsDate::parse(s).is_err(), "{s:?}");
        }
        assert_eq!(
            XsDate::parse("yesterday").unwrap_err().to_string(),
            "`yesterday` is not a valid `xs:date`: expected YYYY-MM-DD"
        );
    }

    #[test]
    fn trailing_text_is_rejected() {
        for s in [
            "2005-05-17 Z",
            "2005-05-17z",
            "2005-05-17T00:00:00",
            "2005-05-17ZZ",
            "2005-05-17+01:00Z",
            "2005-05-17é",
        ] {
            let r = reason(s);
            assert!(r.starts_with("unexpected `"), "{s:?}: {r}");
        }
        assert_eq!(
            reason("2005-05-17 Z"),
            "unexpected ` Z` at the end, only a timezone (`Z` or ±hh:mm) may follow"
        );
    }

    #[test]
    fn timezone_rules() {
        assert!(XsDate::parse("2005-05-17+14:00").is_ok());
        assert!(XsDate::parse("2005-05-17-14:00").is_ok());
        assert!(XsDate::parse("2005-05-17+13:59").is_ok());
        assert_eq!(
            reason("2005-05-17+14:01"),
            "timezone +14:01 is not between -14:00 and +14:00"
        );
        assert!(XsDate::parse("2005-05-17-15:00").is_err());
        assert!(reason("2005-05-17+05:60").contains("minutes 60"));
        for bad in [
            "2005-05-17+5:00",
            "2005-05-17+05",
            "2005-05-17+0500",
            "2005-05-17+05:0",
        ] {
            assert_eq!(reason(bad), "expected YYYY-MM-DD", "{bad}");
        }
    }

    #[test]
    fn days_since_epoch_matches_known_dates() {
        let days = |s: &str| days_since_epoch(date(s).date);
        assert_eq!(days("1970-01-01"), 0);
        assert_eq!(days("1969-12-31"), -1);
        assert_eq!(days("2000-01-01"), 10_957);
        assert_eq!(days("2000-03-01"), 11_017);
        assert_eq!(days("0001-01-01"), -719_162);
        // 1 BCE is a leap year of 366 days just before 0001-01-01.
        assert_eq!(days("-0001-01-01"), -719_162 - 366);
        assert_eq!(days("-0001-12-31"), -719_163);
        assert!(days("9223372036854775807-12-31") > i128::from(i64::MAX));
    }

    #[test]
    fn conversions_and_display() {
        let d: XsDate = "2005-05-17Z".parse().expect("valid");
        assert_eq!(d.to_string(), "2005-05-17Z");
        assert_eq!(XsDate::try_from("2005-05-17Z"), Ok(d));
        assert!(XsDate::try_from("2005-02-30").is_err());
    }

    #[test]
    fn serde_round_trip() {
        let d = date("2005-05-17-08:00");
        let json = serde_json::to_string(&d).expect("serialize");
        assert_eq!(json, "\"2005-05-17-08:00\"");
        let back: XsDate = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, d);
        let spaced: XsDate = serde_json::from_str("\" 2005-05-17 \"").expect("deserialize");
        assert_eq!(spaced.as_str(), "2005-05-17");
        assert!(serde_json::from_str::<XsDate>("\"2010-02-29\"").is_err());
        assert!(serde_json::from_str::<XsDate>("20100228").is_err());
    }
}
