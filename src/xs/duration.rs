//! `xs:duration`: `-?PnYnMnDTnHnMnS`, a number of months and a number of seconds.

use super::{LexicalError, collapse_whitespace};

/// A duration in the value space: months and seconds, both with the sign applied, so that
/// `P1Y` equals `P12M` and `PT36H` equals `P1DT12H`. Durations are only partially
/// ordered (`P1M` against `P30D` depends on the month), so only equality is offered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Never set for a zero duration, so `-P0D` equals `PT0S`.
    negative: bool,
    months: i128,
    seconds: i128,
    /// Fraction of a second without trailing zeros.
    fraction: Box<str>,
}

const EXPECTED: &str = "expected a duration such as `P1Y2M3DT4H5M6.7S`: `P`, then at least one number with its unit, `T` before hours, minutes and seconds";

/// Parses a `xs:duration` after collapsing whitespace. The value is `None` when a
/// component is too large to add up exactly (more than about 10^30), which leaves the
/// text valid but not comparable.
///
/// # Errors
/// When the text is not in the lexical space.
pub fn parse_duration(s: &str) -> Result<Option<Duration>, LexicalError> {
    let text = collapse_whitespace(s);
    let fail = || LexicalError::new("xs:duration", s, EXPECTED);
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_ref()),
    };
    let rest = rest.strip_prefix('P').ok_or_else(fail)?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return Err(fail()),
        None => (rest, None),
    };
    let mut total = Some((0i128, 0i128));
    let mut fraction = "";
    let mut any = false;
    for (part, units) in [(date, "YMD"), (time.unwrap_or_default(), "HMS")] {
        let mut at = 0;
        let mut next_unit = 0;
        while at < part.len() {
            let tail = part.get(at..).unwrap_or_default();
            let int_len = tail.bytes().take_while(u8::is_ascii_digit).count();
            let (int, after) = tail.split_at(int_len);
            let (frac, after) = match after.strip_prefix('.') {
                Some(f) => {
                    let n = f.bytes().take_while(u8::is_ascii_digit).count();
                    (Some(f.split_at(n).0), f.get(n..).unwrap_or_default())
                }
                None => (None, after),
            };
            let unit = after.chars().next().ok_or_else(fail)?;
            // Units in order, each at most once; only seconds take a fraction.
            let pos = units
                .get(next_unit..)
                .and_then(|u| u.find(unit))
                .ok_or_else(fail)?;
            next_unit += pos + 1;
            if int.is_empty() || (frac.is_some() && unit != 'S') || frac == Some("") {
                return Err(fail());
            }
            if unit == 'S' {
                fraction = frac.unwrap_or_default();
            }
            let factor: i128 = match (units, unit) {
                ("YMD", 'Y') => 12,
                ("YMD", 'M') | ("HMS", 'S') => 1,
                ("YMD", _) => 86_400,
                (_, 'H') => 3_600,
                _ => 60,
            };
            let n = number(int);
            total = total.and_then(|(months, seconds)| {
                let add = n?.checked_mul(factor)?;
                if units == "YMD" && unit != 'D' {
                    Some((months.checked_add(add)?, seconds))
                } else {
                    Some((months, seconds.checked_add(add)?))
                }
            });
            any = true;
            at = part.len() - after.len() + unit.len_utf8();
        }
    }
    if !any {
        return Err(fail());
    }
    Ok(total.map(|(months, seconds)| {
        let fraction: Box<str> = fraction.trim_end_matches('0').into();
        let zero = months == 0 && seconds == 0 && fraction.is_empty();
        let sign = if negative { -1 } else { 1 };
        Duration {
            negative: negative && !zero,
            months: sign * months,
            seconds: sign * seconds,
            fraction,
        }
    }))
}

/// Digits as a number, `None` beyond 30 significant digits.
fn number(digits: &str) -> Option<i128> {
    let significant = digits.trim_start_matches('0');
    if significant.len() > 30 {
        return None;
    }
    significant.bytes().try_fold(0i128, |n, b| {
        n.checked_mul(10)?.checked_add(i128::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Duration {
        parse_duration(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .unwrap_or_else(|| panic!("{s}: too large"))
    }

    #[test]
    fn lexical_forms() {
        for ok in [
            "P1Y2M3DT4H5M6.7S",
            "-P1D",
            "PT0S",
            "P0Y",
            "PT1.5S",
            "P1M",
            "PT1M",
            " P1Y ",
        ] {
            assert!(parse_duration(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "P", "PT", "-P", "P1YT", "1Y", "P1", "P1.5Y", "PT1.S", "P1M1Y", "P1Y1Y", "PT1D",
            "P1H", "P-1Y", "+P1Y", "P1S", "PT.5S", "P1Y 2M", "P1YT2",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(d("P1Y"), d("P12M"));
        assert_eq!(d("P1D"), d("PT24H"));
        assert_eq!(d("-P0D"), d("PT0S"));
        assert_eq!(d("PT1.50S"), d("PT1.5S"));
        assert_ne!(d("P1M"), d("P30D"));
        assert_ne!(d("-P1D"), d("P1D"));
        assert!(parse_duration(&format!("P{}Y", "9".repeat(40))).is_ok_and(|v| v.is_none()));
        assert_eq!(d(&format!("P{}1Y", "0".repeat(40))), d("P1Y"));
    }
}
