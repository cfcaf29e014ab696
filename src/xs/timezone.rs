//! The timezone suffix shared by `xs:date` and `xs:dateTime`.

use std::fmt;

use super::date::{Problem, Scanner};

/// The timezone form exactly as written: they are kept apart because they
/// say different things (`Z` and `+00:00` name the same offset yet are
/// different text in a document, and by RFC 3339 convention `-00:00` means
/// the local offset is unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timezone {
    /// No timezone was given; the value is local time of unknown offset.
    Absent,
    /// Written as `Z`.
    Utc,
    /// Written as `+hh:mm` or `-hh:mm`. `+00:00` and `-00:00` are distinct.
    Offset {
        /// Whether the sign was `-`.
        negative: bool,
        /// The `hh` part, 0-14.
        hours: u8,
        /// The `mm` part, 0-59 (0 when `hours` is 14).
        minutes: u8,
    },
}

impl Timezone {
    /// The offset from UTC in minutes (east positive), or `None` when the
    /// timezone is absent.
    pub fn offset_minutes(self) -> Option<i32> {
        match self {
            Timezone::Absent => None,
            Timezone::Utc => Some(0),
            Timezone::Offset {
                negative,
                hours,
                minutes,
            } => {
                let total = i32::from(hours) * 60 + i32::from(minutes);
                Some(if negative { -total } else { total })
            }
        }
    }
}

impl fmt::Display for Timezone {
    /// Writes the lexical form: nothing, `Z`, or `±hh:mm`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Timezone::Absent => Ok(()),
            Timezone::Utc => f.write_str("Z"),
            Timezone::Offset {
                negative,
                hours,
                minutes,
            } => {
                let sign = if negative { '-' } else { '+' };
                write!(f, "{sign}{hours:02}:{minutes:02}")
            }
        }
    }
}

/// Parses an optional timezone. Anything that does not start like one is
/// left for the caller's end-of-input check to report.
pub(super) fn parse_timezone(sc: &mut Scanner<'_>) -> Result<Timezone, Problem> {
    let negative = if sc.eat(b'Z') {
        return Ok(Timezone::Utc);
    } else if sc.eat(b'+') {
        false
    } else if sc.eat(b'-') {
        true
    } else {
        return Ok(Timezone::Absent);
    };
    let hours = sc.two_digits()?;
    sc.expect(b':')?;
    let minutes = sc.two_digits()?;
    if minutes > 59 {
        return Err(Problem::Field(format!(
            "timezone minutes {minutes:02} are not in 00-59"
        )));
    }
    if hours > 14 || (hours == 14 && minutes > 0) {
        let sign = if negative { '-' } else { '+' };
        return Err(Problem::Field(format!(
            "timezone {sign}{hours:02}:{minutes:02} is not between -14:00 and +14:00"
        )));
    }
    Ok(Timezone::Offset {
        negative,
        hours,
        minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timezone_helpers() {
        assert_eq!(Timezone::Absent.offset_minutes(), None);
        assert_eq!(Timezone::Utc.offset_minutes(), Some(0));
        let tz = Timezone::Offset {
            negative: true,
            hours: 5,
            minutes: 30,
        };
        assert_eq!(tz.offset_minutes(), Some(-330));
        assert_eq!(tz.to_string(), "-05:30");
        assert_eq!(Timezone::Utc.to_string(), "Z");
        assert_eq!(Timezone::Absent.to_string(), "");
    }

    /// Runs `parse_timezone` on `s` and reports what it returned and how far
    /// it read.
    fn run(s: &str) -> (Result<Timezone, Problem>, usize) {
        let mut sc = Scanner::new(s);
        let result = parse_timezone(&mut sc);
        (result, sc.pos())
    }

    fn offset(negative: bool, hours: u8, minutes: u8) -> Timezone {
        Timezone::Offset {
            negative,
            hours,
            minutes,
        }
    }

    #[test]
    fn parses_each_form() {
        assert_eq!(run(""), (Ok(Timezone::Absent), 0));
        assert_eq!(run("Z"), (Ok(Timezone::Utc), 1));
        assert_eq!(run("+00:00"), (Ok(offset(false, 0, 0)), 6));
        assert_eq!(run("-00:00"), (Ok(offset(true, 0, 0)), 6));
        assert_eq!(run("+05:30"), (Ok(offset(false, 5, 30)), 6));
        assert_eq!(run("-14:00"), (Ok(offset(true, 14, 0)), 6));
        assert_eq!(run("+14:00"), (Ok(offset(false, 14, 0)), 6));
        assert_eq!(run("+13:59"), (Ok(offset(false, 13, 59)), 6));
    }

    #[test]
    fn zero_offsets_stay_distinct() {
        let forms = [Timezone::Utc, offset(false, 0, 0), offset(true, 0, 0)];
        assert_ne!(forms[0], forms[1]);
        assert_ne!(forms[1], forms[2]);
        assert_ne!(forms[0], forms[2]);
        assert!(forms.iter().all(|tz| tz.offset_minutes() == Some(0)));
        assert_ne!(Timezone::Absent, forms[0]);
    }

    #[test]
    fn leaves_non_timezones_unread() {
        // Lowercase `z` and stray text are not consumed, so the caller's
        // end-of-input check reports them.
        assert_eq!(run("z"), (Ok(Timezone::Absent), 0));
        assert_eq!(run(" Z"), (Ok(Timezone::Absent), 0));
        assert_eq!(run("ZZ"), (Ok(Timezone::Utc), 1));
    }

    #[test]
    fn rejects_out_of_range_offsets() {
        assert_eq!(
            run("+14:01").0,
            Err(Problem::Field(
                "timezone +14:01 is not between -14:00 and +14:00".into()
            ))
        );
        assert!(matches!(run("-14:30").0, Err(Problem::Field(_))));
        assert!(matches!(run("+15:00").0, Err(Problem::Field(_))));
        assert!(matches!(run("+99:00").0, Err(Problem::Field(_))));
        assert_eq!(
            run("+01:60").0,
            Err(Problem::Field(
                "timezone minutes 60 are not in 00-59".into()
            ))
        );
    }

    #[test]
    fn rejects_malformed_offsets() {
        for bad in [
            "+", "-", "+1:00", "+01", "+0100", "+01:0", "+01-00", "+０1:00", "+a1:00",
        ] {
            assert_eq!(run(bad).0, Err(Problem::Shape), "{bad:?}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["Z", "+00:00", "-00:00", "+05:30", "-14:00", ""] {
            let (tz, _) = run(s);
            assert_eq!(tz.map(|tz| tz.to_string()), Ok(s.to_owned()));
        }
    }
}
