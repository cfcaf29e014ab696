//! The values of the eight date and time types (`xs:dateTime`, `xs:time`, `xs:date`,
//! `xs:gYearMonth`, `xs:gYear`, `xs:gMonthDay`, `xs:gDay`, `xs:gMonth`) as points on one
//! time line, for the facets that compare them: enumeration and the range facets.
//!
//! XSD part 2, 3.2.7.4: values with a timezone are normalized to UTC; values without one
//! are only partially ordered against them (they could lie anywhere within ±14:00), so a
//! comparison may be indeterminate.

use std::cmp::Ordering;

use super::date::{
    DateFields, Problem, Scanner, days_in_month, days_since_epoch, parse_date_fields, parse_year,
    trailing_reason,
};
use super::datetime::parse_time_fields;
use super::timezone::parse_timezone;
use super::{LexicalError, collapse_whitespace};

/// Which of the eight types a value belongs to: each has its own lexical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemporalKind {
    /// `xs:dateTime`: `-?YYYY-MM-DDThh:mm:ss(.s+)?`.
    DateTime,
    /// `xs:time`: `hh:mm:ss(.s+)?`.
    Time,
    /// `xs:date`: `-?YYYY-MM-DD`.
    Date,
    /// `xs:gYearMonth`: `-?YYYY-MM`.
    GYearMonth,
    /// `xs:gYear`: `-?YYYY`.
    GYear,
    /// `xs:gMonthDay`: `--MM-DD`.
    GMonthDay,
    /// `xs:gDay`: `---DD`.
    GDay,
    /// `xs:gMonth`: `--MM`.
    GMonth,
}

impl TemporalKind {
    /// The type's name with the `xs:` prefix.
    pub const fn type_name(self) -> &'static str {
        match self {
            TemporalKind::DateTime => "xs:dateTime",
            TemporalKind::Time => "xs:time",
            TemporalKind::Date => "xs:date",
            TemporalKind::GYearMonth => "xs:gYearMonth",
            TemporalKind::GYear => "xs:gYear",
            TemporalKind::GMonthDay => "xs:gMonthDay",
            TemporalKind::GDay => "xs:gDay",
            TemporalKind::GMonth => "xs:gMonth",
        }
    }

    /// The lexical form, as messages give it.
    pub const fn form(self) -> &'static str {
        match self {
            TemporalKind::DateTime => "YYYY-MM-DDThh:mm:ss",
            TemporalKind::Time => "hh:mm:ss",
            TemporalKind::Date => "YYYY-MM-DD",
            TemporalKind::GYearMonth => "YYYY-MM",
            TemporalKind::GYear => "YYYY",
            TemporalKind::GMonthDay => "--MM-DD",
            TemporalKind::GDay => "---DD",
            TemporalKind::GMonth => "--MM",
        }
    }
}

/// A point in time: seconds from 1970-01-01T00:00:00 (UTC when the value has a timezone),
/// plus the fraction's digits. Types without a year or day are placed in 1972 (a leap
/// year, so `--02-29` exists) and `xs:time` on 1972-12-31, one date for all values of a
/// type, so only the fields the type has decide the order.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Moment {
    seconds: i128,
    /// Fraction digits without trailing zeros: their string order is their numeric order.
    fraction: Box<str>,
    timezone: bool,
}

/// Fourteen hours: how far a value without a timezone may lie from its UTC reading.
const FOURTEEN_HOURS: i128 = 14 * 3600;

impl Moment {
    /// Parses a value of `kind` after collapsing whitespace.
    ///
    /// # Errors
    /// When the text is not in the type's lexical space.
    pub fn parse(kind: TemporalKind, s: &str) -> Result<Moment, LexicalError> {
        let text = collapse_whitespace(s);
        let fail = |problem| {
            let reason = match problem {
                Problem::Shape => format!("expected {}", kind.form()),
                Problem::Trailing(pos) => trailing_reason(&text, pos, "a timezone (`Z` or ±hh:mm)"),
                Problem::Field(reason) => reason,
            };
            LexicalError::new(kind.type_name(), s, reason)
        };
        let mut sc = Scanner::new(&text);
        let (date, clock, fraction) = fields(kind, &mut sc, &text).map_err(fail)?;
        let timezone = parse_timezone(&mut sc).map_err(fail)?;
        sc.finish().map_err(fail)?;
        let offset = timezone.offset_minutes();
        let seconds =
            days_since_epoch(date) * 86_400 + clock - i128::from(offset.unwrap_or(0)) * 60;
        Ok(Moment {
            seconds,
            fraction: fraction.trim_end_matches('0').into(),
            timezone: offset.is_some(),
        })
    }

    /// The order of XSD part 2, 3.2.7.4; `None` when indeterminate (one value has a
    /// timezone, the other does not, and they lie within 14 hours of each other).
    pub fn compare(&self, other: &Moment) -> Option<Ordering> {
        let plain = |a: &Moment, b: &Moment| {
            a.seconds
                .cmp(&b.seconds)
                .then_with(|| a.fraction.cmp(&b.fraction))
        };
        if self.timezone == other.timezone {
            return Some(plain(self, other));
        }
        // One of the two has no timezone: compare with it read at +14:00 and at -14:00.
        let shifted = |m: &Moment, by: i128| Moment {
            seconds: m.seconds + by,
            ..m.clone()
        };
        let (zoned, local, flip) = if self.timezone {
            (self, other, false)
        } else {
            (other, self, true)
        };
        let order = if plain(zoned, &shifted(local, -FOURTEEN_HOURS)) == Ordering::Less {
            Some(Ordering::Less)
        } else if plain(zoned, &shifted(local, FOURTEEN_HOURS)) == Ordering::Greater {
            Some(Ordering::Greater)
        } else {
            None
        };
        if flip {
            order.map(Ordering::reverse)
        } else {
            order
        }
    }
}

/// The reference year for types without one: a leap year, so every month-day exists.
const REFERENCE_YEAR: i64 = 1972;

/// Reads the fields `kind` has: the date (reference values for the missing parts), the
/// seconds into that day, and the fraction digits.
fn fields<'t>(
    kind: TemporalKind,
    sc: &mut Scanner<'_>,
    text: &'t str,
) -> Result<(DateFields, i128, &'t str), Problem> {
    let on = |year, month, day| DateFields { year, month, day };
    let date = match kind {
        TemporalKind::DateTime | TemporalKind::Date => parse_date_fields(sc)?,
        TemporalKind::Time => on(REFERENCE_YEAR, 12, 31),
        TemporalKind::GYearMonth => {
            let year = parse_year(sc)?;
            sc.expect(b'-')?;
            on(year, month(sc)?, 1)
        }
        TemporalKind::GYear => on(parse_year(sc)?, 1, 1),
        TemporalKind::GMonthDay => {
            sc.expect(b'-')?;
            sc.expect(b'-')?;
            let m = month(sc)?;
            sc.expect(b'-')?;
            on(REFERENCE_YEAR, m, day(sc, m)?)
        }
        TemporalKind::GDay => {
            for _ in 0..3 {
                sc.expect(b'-')?;
            }
            on(REFERENCE_YEAR, 12, day(sc, 12)?)
        }
        TemporalKind::GMonth => {
            sc.expect(b'-')?;
            sc.expect(b'-')?;
            on(REFERENCE_YEAR, month(sc)?, 1)
        }
    };
    if !matches!(kind, TemporalKind::DateTime | TemporalKind::Time) {
        return Ok((date, 0, ""));
    }
    if kind == TemporalKind::DateTime {
        sc.expect(b'T')?;
    }
    let time = parse_time_fields(sc)?;
    // 24:00:00 is the first instant of the next day: 24 hours of seconds say exactly that
    // for a date-time; a time has no day to move to and is 00:00:00.
    let hour = if kind == TemporalKind::Time && time.hour == 24 {
        0
    } else {
        time.hour
    };
    let clock = i128::from(hour) * 3600 + i128::from(time.minute) * 60 + i128::from(time.second);
    Ok((date, clock, text.get(time.fraction).unwrap_or_default()))
}

fn month(sc: &mut Scanner<'_>) -> Result<u8, Problem> {
    let m = sc.two_digits()?;
    if (1..=12).contains(&m) {
        Ok(m)
    } else {
        Err(Problem::Field(format!("month {m:02} is not in 01-12")))
    }
}

/// A day that exists in `month` of a leap year.
fn day(sc: &mut Scanner<'_>, month: u8) -> Result<u8, Problem> {
    let d = sc.two_digits()?;
    let last = days_in_month(REFERENCE_YEAR, month);
    if (1..=last).contains(&d) {
        Ok(d)
    } else {
        Err(Problem::Field(format!(
            "day {d:02} does not exist in month {month:02}, which has at most {last} days"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::TemporalKind::*;
    use super::*;

    fn ok(kind: TemporalKind, s: &str) -> Moment {
        Moment::parse(kind, s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn lexical_forms() {
        let good = [
            (DateTime, "2004-02-29T24:00:00Z"),
            (DateTime, "-0001-01-01T00:00:00.5+14:00"),
            (DateTime, "12345-01-01T00:00:00"),
            (Time, "24:00:00"),
            (Time, "13:20:00.000-05:00"),
            (Date, "2000-02-29"),
            (GYearMonth, "1999-05Z"),
            (GYear, "-0044"),
            (GYear, "20000"),
            (GMonthDay, "--02-29"),
            (GDay, "---31"),
            (GDay, "---01+01:00"),
            (GMonth, "--05"),
            (GMonth, "--12Z"),
        ];
        for (kind, s) in good {
            assert!(Moment::parse(kind, s).is_ok(), "{kind:?} {s}");
        }
        let bad = [
            (DateTime, "0000-01-01T00:00:00"),
            (DateTime, "2001-02-29T00:00:00"),
            (DateTime, "2001-01-01T24:00:01"),
            (DateTime, "2001-01-01"),
            (Time, "24:00:00.1"),
            (Time, "12:00"),
            (Date, "0000-01-01"),
            (Date, "1900-02-29"),
            (GYearMonth, "1999-13"),
            (GYearMonth, "99-05"),
            (GYear, "0000"),
            (GYear, "01999"),
            (GMonthDay, "--02-30"),
            (GMonthDay, "--13-01"),
            (GDay, "---32"),
            (GDay, "--31"),
            (GMonth, "--05--"),
            (GMonth, "--00"),
            (GMonth, "--5"),
            (GMonth, "--05+15:00"),
        ];
        for (kind, s) in bad {
            assert!(Moment::parse(kind, s).is_err(), "{kind:?} {s}");
        }
    }

    #[test]
    fn order_and_equality_in_the_value_space() {
        assert_eq!(
            ok(DateTime, "2000-01-01T12:00:00Z"),
            ok(DateTime, "2000-01-01T13:00:00+01:00")
        );
        assert_eq!(
            ok(DateTime, "2000-01-01T24:00:00"),
            ok(DateTime, "2000-01-02T00:00:00")
        );
        assert_eq!(ok(Time, "12:00:00.50"), ok(Time, "12:00:00.5"));
        assert_eq!(ok(Time, "24:00:00"), ok(Time, "00:00:00"));
        assert_ne!(ok(Date, "2000-01-01Z"), ok(Date, "2000-01-01"));
        let cmp = |k, a, b| ok(k, a).compare(&ok(k, b));
        assert_eq!(cmp(Time, "12:00:00.05", "12:00:00.5"), Some(Ordering::Less));
        assert_eq!(cmp(Date, "-0001-12-31", "0001-01-01"), Some(Ordering::Less));
        // Within fourteen hours, a value without a timezone is indeterminate.
        assert_eq!(
            cmp(DateTime, "2000-01-01T12:00:00Z", "2000-01-01T12:00:00"),
            None
        );
        assert_eq!(
            cmp(DateTime, "2000-01-01T12:00:00Z", "2000-01-02T02:00:01"),
            Some(Ordering::Less)
        );
        assert_eq!(
            cmp(DateTime, "2000-01-02T02:00:01", "2000-01-01T12:00:00Z"),
            Some(Ordering::Greater)
        );
        assert_eq!(cmp(GMonth, "--01", "--12"), Some(Ordering::Less));
        assert_eq!(cmp(GYear, "-0044", "0001"), Some(Ordering::Less));
    }
}
