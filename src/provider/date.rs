//! [`OleDate`]: the OLE automation `DATE` that start times travel in, and its conversion to
//! and from `xs:dateTime`.
//!
//! A `DATE` counts days from 1899-12-30 00:00; the fraction is the time of day. Below zero
//! the integer part still counts days (backwards) while the fraction stays a positive time
//! of day, so -1.25 is 1899-12-29 06:00, not 1899-12-28 18:00. A `DATE` carries no
//! timezone; we read and write it as UTC, which is what a provider comparing it with
//! `publishDate` values in `Z` needs.

use std::fmt;

use crate::xs::XsDateTime;

/// Seconds from 1899-12-30T00:00:00Z to the Unix epoch.
const OLE_EPOCH_UNIX: i64 = -2_209_161_600;
/// The range OLE automation accepts: 0100-01-01 to 9999-12-31 23:59:59.
const MIN_DAYS: f64 = -657_434.0;
const MAX_DAYS: f64 = 2_958_466.0;

/// An OLE automation date.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct OleDate(pub f64);

/// Why a value has no `DATE` or `xs:dateTime` form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OleDateError {
    /// NaN or infinite.
    NotFinite,
    /// Before year 100 or after year 9999.
    OutOfRange,
}

impl fmt::Display for OleDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OleDateError::NotFinite => "a DATE must be a finite number",
            OleDateError::OutOfRange => "a DATE lies between the years 100 and 9999",
        })
    }
}

impl std::error::Error for OleDateError {}

impl OleDate {
    /// Milliseconds since the Unix epoch, rounded to the nearest millisecond (a `DATE`'s
    /// precision is about a millisecond in this range).
    pub fn to_unix_millis(self) -> Result<i64, OleDateError> {
        let value = self.0;
        if !value.is_finite() {
            return Err(OleDateError::NotFinite);
        }
        if !(MIN_DAYS..MAX_DAYS).contains(&value) {
            return Err(OleDateError::OutOfRange);
        }
        let days = value.trunc();
        let time_of_day = (value - days).abs();
        let millis_of_day = (time_of_day * 86_400_000.0).round() as i64;
        Ok((OLE_EPOCH_UNIX + days as i64 * 86_400) * 1000 + millis_of_day)
    }

    /// The `DATE` for milliseconds since the Unix epoch.
    pub fn from_unix_millis(millis: i64) -> Result<OleDate, OleDateError> {
        let from_epoch = millis - OLE_EPOCH_UNIX * 1000;
        let days = from_epoch.div_euclid(86_400_000);
        let millis_of_day = from_epoch.rem_euclid(86_400_000);
        let fraction = millis_of_day as f64 / 86_400_000.0;
        // Before the epoch the fraction is added to the magnitude: 1899-12-29 06:00 is
        // -1.25, not -0.75.
        let value = if days < 0 {
            days as f64 - fraction
        } else {
            days as f64 + fraction
        };
        if !(MIN_DAYS..MAX_DAYS).contains(&value) {
            return Err(OleDateError::OutOfRange);
        }
        Ok(OleDate(value))
    }

    /// The same instant as an `xs:dateTime` in UTC (`Z`), with milliseconds when it has any.
    pub fn to_xs(self) -> Result<XsDateTime, OleDateError> {
        let millis = self.to_unix_millis()?;
        let seconds = millis.div_euclid(1000);
        let ms = millis.rem_euclid(1000);
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let second_of_day = seconds.rem_euclid(86_400);
        let mut text = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        );
        if ms > 0 {
            text.push_str(&format!(".{ms:03}"));
        }
        text.push('Z');
        XsDateTime::parse(&text).map_err(|_| OleDateError::OutOfRange)
    }

    /// The `DATE` of an `xs:dateTime`; a value without timezone is taken as UTC.
    pub fn from_xs(value: &XsDateTime) -> Result<OleDate, OleDateError> {
        let (seconds, nanos) = match value.to_utc_instant() {
            Some(instant) => instant,
            None => XsDateTime::parse(&format!("{}Z", value.as_str()))
                .ok()
                .and_then(|utc| utc.to_utc_instant())
                .ok_or(OleDateError::OutOfRange)?,
        };
        let millis = seconds
            .checked_mul(1000)
            .and_then(|m| m.checked_add(i64::from(nanos / 1_000_000)))
            .ok_or(OleDateError::OutOfRange)?;
        OleDate::from_unix_millis(millis)
    }
}

/// Year, month, day of a day count from 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xs(value: f64) -> String {
        OleDate(value)
            .to_xs()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn known_dates() {
        assert_eq!(xs(0.0), "1899-12-30T00:00:00Z");
        assert_eq!(xs(2.5), "1900-01-01T12:00:00Z");
        assert_eq!(xs(-1.25), "1899-12-29T06:00:00Z");
        assert_eq!(xs(25_569.0), "1970-01-01T00:00:00Z");
        assert_eq!(xs(40_240.5), "2010-03-03T12:00:00Z");
        assert_eq!(xs(40_240.0 + 1.0 / 86_400.0), "2010-03-03T00:00:01Z");
        assert_eq!(OleDate(f64::NAN).to_xs(), Err(OleDateError::NotFinite));
        assert_eq!(OleDate(3e6).to_xs(), Err(OleDateError::OutOfRange));
    }

    #[test]
    fn round_trips_through_xs_date_time() {
        for value in [
            0.0,
            2.5,
            -1.25,
            -2.75,
            25_569.0,
            40_240.75,
            -657_433.5,
            2_958_465.25,
        ] {
            let back =
                OleDate::from_xs(&OleDate(value).to_xs().expect("in range")).expect("in range");
            assert!(
                (back.0 - value).abs() < 1e-9,
                "{value} came back as {}",
                back.0
            );
        }
        // Between -1 and 0 the integer part is -0: the same day as 0 to 1.
        assert_eq!(OleDate(-0.5).to_xs(), OleDate(0.5).to_xs());
        let local = XsDateTime::parse("2010-03-03T13:00:00+01:00").expect("valid");
        assert_eq!(OleDate::from_xs(&local), Ok(OleDate(40_240.5)));
        let floating = XsDateTime::parse("2010-03-03T12:00:00").expect("valid");
        assert_eq!(OleDate::from_xs(&floating), Ok(OleDate(40_240.5)));
    }
}
