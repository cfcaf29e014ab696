//! `xs:dateTime`.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::{
    DateFields, Problem, Scanner, days_since_epoch, parse_date_fields, trailing_reason,
};
use super::timezone::{Timezone, parse_timezone};
use super::{LexicalError, collapse_whitespace};

const TYPE_NAME: &str = "xs:dateTime";

/// The time-of-day part of a date-time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct TimeFields {
    pub(super) hour: u8,
    pub(super) minute: u8,
    pub(super) second: u8,
    /// Byte range of the fractional digits within the lexical text; empty
    /// when there is no fraction. Kept as a range to avoid a second string.
    pub(super) fraction: Range<usize>,
}

/// Parses `hh:mm:ss(.s+)?` and checks the ranges, including the special
/// end-of-day form `24:00:00`.
pub(super) fn parse_time_fields(sc: &mut Scanner<'_>) -> Result<TimeFields, Problem> {
    let hour = sc.two_digits()?;
    sc.expect(b':')?;
    let minute = sc.two_digits()?;
    sc.expect(b':')?;
    let second = sc.two_digits()?;
    let fraction = if sc.eat(b'.') {
        let start = sc.pos();
        let digits = sc.digits();
        // A lone `.` is not a fraction.
        if digits.is_empty() {
            return Err(Problem::Shape);
        }
        if hour == 24 && digits.iter().any(|&b| b != b'0') {
            return Err(end_of_day_problem());
        }
        start..sc.pos()
    } else {
        sc.pos()..sc.pos()
    };
    if hour > 24 {
        return Err(Problem::Field(format!("hour {hour:02} is not in 00-23")));
    }
    if minute > 59 {
        return Err(Problem::Field(format!(
            "minute {minute:02} is not in 00-59"
        )));
    }
    // XSD 1.0 second edition dropped leap seconds, so 60 is refused too.
    if second > 59 {
        return Err(Problem::Field(format!(
            "second {second:02} is not in 00-59"
        )));
    }
    if hour == 24 && (minute != 0 || second != 0) {
        return Err(end_of_day_problem());
    }
    Ok(TimeFields {
        hour,
        minute,
        second,
        fraction,
    })
}

fn end_of_day_problem() -> Problem {
    Problem::Field("hour 24 is only allowed as 24:00:00 (end of day)".into())
}

/// xs:dateTime, keeping its exact (whitespace-collapsed) lexical form.
///
/// Equality and hashing follow the lexical text, so the same instant written
/// with `Z`, `+00:00`, `-00:00` or without a timezone gives distinct values;
/// use [`XsDateTime::to_utc_instant`] to compare instants.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct XsDateTime {
    // The parsed fields are a pure function of `lexical`, so the derived
    // comparisons behave exactly like comparing the text alone.
    lexical: String,
    date: DateFields,
    time: TimeFields,
    timezone: Timezone,
}

impl XsDateTime {
    /// Parses `-?YYYY-MM-DDThh:mm:ss(.s+)?` with an optional timezone, after
    /// collapsing surrounding whitespace; the collapsed text is what gets
    /// stored.
    pub fn parse(s: &str) -> Result<Self, LexicalError> {
        let text = collapse_whitespace(s);
        let fail = |problem| {
            let reason = match problem {
                Problem::Shape => "expected YYYY-MM-DDThh:mm:ss".to_owned(),
                Problem::Trailing(pos) => {
                    trailing_reason(&text, pos, "a `.` fraction and a timezone (`Z` or ±hh:mm)")
                }
                Problem::Field(reason) => reason,
            };
            LexicalError::new(TYPE_NAME, s, reason)
        };
        let mut sc = Scanner::new(&text);
        let date = parse_date_fields(&mut sc).map_err(fail)?;
        sc.expect(b'T').map_err(fail)?;
        let time = parse_time_fields(&mut sc).map_err(fail)?;
        let timezone = parse_timezone(&mut sc).map_err(fail)?;
        sc.finish().map_err(fail)?;
        Ok(Self {
            lexical: text.into_owned(),
            date,
            time,
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

    /// The hour, 0-23, or 24 for the end-of-day form `24:00:00`.
    pub fn hour(&self) -> u8 {
        self.time.hour
    }

    /// The minute, 0-59.
    pub fn minute(&self) -> u8 {
        self.time.minute
    }

    /// The whole second, 0-59.
    pub fn second(&self) -> u8 {
        self.time.second
    }

    /// The digits after the `.`, exactly as written; `""` when there is none.
    pub fn fraction(&self) -> &str {
        self.lexical
            .get(self.time.fraction.clone())
            .unwrap_or_default()
    }

    /// The timezone as written.
    pub fn timezone(&self) -> Timezone {
        self.timezone
    }

    /// Seconds since 1970-01-01T00:00:00Z plus nanoseconds, when the value
    /// has a timezone; `None` without one (XSD leaves such values only
    /// partially ordered against timezoned ones), and also `None` for years
    /// so far out that the seconds do not fit an `i64`.
    ///
    /// 24:00:00 counts as 00:00:00 of the next day. Fraction digits beyond
    /// nanoseconds are dropped, rounding towards the earlier instant.
    pub fn to_utc_instant(&self) -> Option<(i64, u32)> {
        let offset_minutes = self.timezone.offset_minutes()?;
        // Hour 24 needs no special case: 24 * 3600 seconds after midnight is
        // exactly midnight of the following day.
        let local = days_since_epoch(self.date) * 86_400
            + i128::from(self.time.hour) * 3_600
            + i128::from(self.time.minute) * 60
            + i128::from(self.time.second);
        // A positive offset means local clocks run ahead of UTC.
        let utc = local - i128::from(offset_minutes) * 60;
        let seconds = i64::try_from(utc).ok()?;
        Some((seconds, self.nanoseconds()))
    }

    /// The fraction as nanoseconds: the first nine digits, right-padded.
    fn nanoseconds(&self) -> u32 {
        let digits = self.fraction().as_bytes();
        (0..9).fold(0, |acc, i| {
            let digit = digits.get(i).map_or(0, |b| u32::from(b - b'0'));
            acc * 10 + digit
        })
    }
}

impl fmt::Display for XsDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lexical)
    }
}

impl FromStr for XsDateTime {
    type Err = LexicalError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for XsDateTime {
    type Error = LexicalError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl Serialize for XsDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.lexical)
    }
}

impl<'de> Deserialize<'de> for XsDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> XsDateTime {
        XsDateTime::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
    }

    fn reason(s: &str) -> String {
        XsDateTime::parse(s).expect_err(s).reason
    }

    fn instant(s: &str) -> Option<(i64, u32)> {
        dt(s).to_utc_instant()
    }

    #[test]
    fn required_forms_are_kept_distinct_and_verbatim() {
        let forms = [
            "2010-01-08T08:30:20-08:00",
            "2010-03-05T17:19:57",
            "2010-03-05T17:19:14.5Z",
            "2010-03-05T17:19:14+00:00",
            "2010-03-05T17:19:14-00:00",
        ];
        for (i, a) in forms.iter().enumerate() {
            assert_eq!(dt(a).as_str(), *a);
            assert_eq!(dt(a).to_string(), *a);
            for (j, b) in forms.iter().enumerate() {
                assert_eq!(dt(a) == dt(b), i == j, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn same_instant_different_zones_are_different_values() {
        let forms = [
            "2010-03-05T17:19:14Z",
            "2010-03-05T17:19:14+00:00",
            "2010-03-05T17:19:14-00:00",
            "2010-03-05T17:19:14",
        ];
        for (i, a) in forms.iter().enumerate() {
            for (j, b) in forms.iter().enumerate() {
                assert_eq!(dt(a) == dt(b), i == j, "{a} vs {b}");
            }
        }
        assert_eq!(instant(forms[0]), instant(forms[1]));
        assert_eq!(instant(forms[1]), instant(forms[2]));
        assert_eq!(instant(forms[3]), None);
    }

    #[test]
    fn required_accepts() {
        let end = dt("2010-03-05T24:00:00");
        assert_eq!(end.hour(), 24);
        let east = dt("2010-03-05T10:00:00+14:00");
        assert_eq!(
            east.timezone(),
            Timezone::Offset {
                negative: false,
                hours: 14,
                minutes: 0
            }
        );
        assert!(XsDateTime::parse("2010-03-05T10:00:00-14:00").is_ok());
    }

    #[test]
    fn required_rejects() {
        for s in [
            "2010-02-29T00:00:00",
            "2010-03-05T24:00:01",
            "yesterday",
            "2010-03-05T10:00:00+14:01",
        ] {
            let e = XsDateTime::parse(s).expect_err(s);
            assert_eq!(e.type_name, "xs:dateTime");
            assert_eq!(e.value, s);
        }
        assert_eq!(
            XsDateTime::parse("yesterday").unwrap_err().to_string(),
            "`yesterday` is not a valid `xs:dateTime`: expected YYYY-MM-DDThh:mm:ss"
        );
    }

    #[test]
    fn fields() {
        let v = dt("-0044-03-15T12:05:09.250-05:30");
        assert_eq!((v.year(), v.month(), v.day()), (-44, 3, 15));
        assert_eq!((v.hour(), v.minute(), v.second()), (12, 5, 9));
        assert_eq!(v.fraction(), "250");
        assert_eq!(
            v.timezone(),
            Timezone::Offset {
                negative: true,
                hours: 5,
                minutes: 30
            }
        );
        let v = dt("2010-03-05T17:19:57");
        assert_eq!(v.fraction(), "");
        assert_eq!(v.timezone(), Timezone::Absent);
        assert_eq!(dt("2010-03-05T17:19:14.5Z").timezone(), Timezone::Utc);
    }

    #[test]
    fn collapses_surrounding_whitespace() {
        let v = dt("\n  2010-03-05T17:19:57Z\t");
        assert_eq!(v.as_str(), "2010-03-05T17:19:57Z");
        assert_eq!(v, dt("2010-03-05T17:19:57Z"));
    }

    #[test]
    fn end_of_day_rules() {
        assert!(XsDateTime::parse("2010-03-05T24:00:00.000").is_ok());
        assert!(XsDateTime::parse("2010-03-05T24:00:00.0Z").is_ok());
        let end_of_day = "hour 24 is only allowed as 24:00:00 (end of day)";
        assert_eq!(reason("2010-03-05T24:00:01"), end_of_day);
        assert_eq!(reason("2010-03-05T24:01:00"), end_of_day);
        assert_eq!(reason("2010-03-05T24:00:00.5"), end_of_day);
        assert_eq!(reason("2010-03-05T24:00:00.0001"), end_of_day);
        assert_eq!(reason("2010-03-05T25:00:00"), "hour 25 is not in 00-23");
    }

    #[test]
    fn time_field_ranges() {
        assert!(XsDateTime::parse("2010-03-05T23:59:59.999999999999").is_ok());
        assert!(XsDateTime::parse("2010-03-05T00:00:00").is_ok());
        assert_eq!(reason("2010-03-05T10:60:00"), "minute 60 is not in 00-59");
        assert_eq!(reason("2010-03-05T10:00:60"), "second 60 is not in 00-59");
        assert_eq!(reason("2010-03-05T99:00:00"), "hour 99 is not in 00-23");
    }

    #[test]
    fn shape_errors() {
        for s in [
            "",
            "2010-03-05",
            "2010-03-05T",
            "2010-03-05t17:19:57",
            "2010-03-05 17:19:57",
            "2010-03-05T17:19",
            "2010-03-05T7:19:57",
            "2010-03-05T17:9:57",
            "2010-03-05T17:19:5",
            "2010-03-05T17:19:57.",
            "2010-03-05T17:19:57.Z",
            "2010-03-05T17:19:57,5",
            "2010-03-05T１7:19:57",
            "2010-03-05T17-19-57",
            "2010-03-05T17:19:57+1:00",
        ] {
            let e = XsDateTime::parse(s).expect_err(s);
            assert!(
                e.reason == "expected YYYY-MM-DDThh:mm:ss" || e.reason.starts_with("unexpected"),
                "{s:?}: {e}"
            );
        }
    }

    #[test]
    fn trailing_text() {
        assert_eq!(
            reason("2010-03-05T17:19:57 Z"),
            "unexpected ` Z` at the end, only a `.` fraction and a timezone \
             (`Z` or ±hh:mm) may follow"
        );
        for s in [
            "2010-03-05T17:19:57z",
            "2010-03-05T17:19:57ZZ",
            "2010-03-05T17:19:57.5.5",
            "2010-03-05T17:19:577",
            "2010-03-05T17:19:57+01:00:00",
        ] {
            assert!(reason(s).starts_with("unexpected `"), "{s:?}");
        }
    }

    #[test]
    fn date_rules_apply() {
        assert!(XsDateTime::parse("2000-02-29T00:00:00").is_ok());
        assert!(XsDateTime::parse("-0004-02-29T00:00:00").is_ok());
        assert!(XsDateTime::parse("-0001-02-29T00:00:00").is_err());
        assert!(XsDateTime::parse("10000-01-01T00:00:00Z").is_ok());
        assert!(XsDateTime::parse("1900-02-29T00:00:00").is_err());
        assert!(XsDateTime::parse("0000-01-01T00:00:00").is_err());
        assert!(XsDateTime::parse("01000-01-01T00:00:00").is_err());
    }

    #[test]
    fn utc_instants() {
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(instant("1970-01-01T01:00:00+01:00"), Some((0, 0)));
        assert_eq!(instant("1969-12-31T19:00:00-05:00"), Some((0, 0)));
        assert_eq!(instant("1970-01-01T00:00:00.5Z"), Some((0, 500_000_000)));
        assert_eq!(instant("1970-01-01T00:00:01.000000001Z"), Some((1, 1)));
        assert_eq!(
            instant("1970-01-01T00:00:00.1234567899Z"),
            Some((0, 123_456_789))
        );
        assert_eq!(instant("1969-12-31T23:59:59.5Z"), Some((-1, 500_000_000)));
        assert_eq!(instant("2000-01-01T00:00:00Z"), Some((946_684_800, 0)));
        assert_eq!(
            instant("2010-01-08T08:30:20-08:00"),
            Some((1_262_968_220, 0))
        );
        assert_eq!(instant("2010-03-05T17:19:14"), None);
    }

    #[test]
    fn end_of_day_is_next_midnight() {
        assert_eq!(
            instant("2010-03-05T24:00:00Z"),
            instant("2010-03-06T00:00:00Z")
        );
        assert_eq!(
            instant("2010-12-31T24:00:00.000Z"),
            instant("2011-01-01T00:00:00Z")
        );
        assert_eq!(
            instant("2012-02-28T24:00:00+14:00"),
            instant("2012-02-29T00:00:00+14:00")
        );
    }

    #[test]
    fn instants_of_extreme_years() {
        // One day of 1 BCE (a leap year) before 0001-01-01.
        let first_ce = instant("0001-01-01T00:00:00Z").expect("fits");
        let last_bce = instant("-0001-12-31T00:00:00Z").expect("fits");
        assert_eq!(first_ce.0 - last_bce.0, 86_400);
        assert_eq!(
            instant("-0001-01-01T00:00:00Z").map(|i| i.0),
            Some(-62_167_219_200)
        );
        // Years whose seconds overflow i64 give None instead of panicking.
        assert_eq!(instant("9223372036854775807-12-31T24:00:00-14:00"), None);
        assert_eq!(instant("-9223372036854775807-01-01T00:00:00+14:00"), None);
        assert!(instant("292277025000-01-01T00:00:00Z").is_some());
        assert_eq!(instant("292277027000-01-01T00:00:00Z"), None);
    }

    #[test]
    fn conversions_and_serde() {
        let v: XsDateTime = "2010-03-05T17:19:14.5Z".parse().expect("valid");
        assert_eq!(
            XsDateTime::try_from("2010-03-05T17:19:14.5Z"),
            Ok(v.clone())
        );
        let json = serde_json::to_string(&v).expect("serialize");
        assert_eq!(json, "\"2010-03-05T17:19:14.5Z\"");
        let back: XsDateTime = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, v);
        let err = serde_json::from_str::<XsDateTime>("\"2010-03-05T24:00:01\"").unwrap_err();
        assert!(err.to_string().contains("xs:dateTime"), "{err}");
        assert!(serde_json::from_str::<XsDateTime>("17").is_err());
    }
}
