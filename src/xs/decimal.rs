//! `xs:decimal` and the integer types derived from it, in arbitrary precision.
//!
//! A value is kept as its digit strings, so `123456789012345678901234567890.5` is compared
//! exactly and nothing overflows; the work is linear in the value's length, which the
//! document's value size limit bounds.

use std::cmp::Ordering;

use super::{LexicalError, collapse_whitespace};

/// A decimal number in the value space: sign, integer digits without leading zeros and
/// fraction digits without trailing zeros, so that `1.0`, `+1` and `01` are one value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// Never set for zero, so `-0` and `0` are the same value.
    negative: bool,
    /// Empty for a value below one.
    int: Box<str>,
    frac: Box<str>,
}

impl Decimal {
    /// Parses `(+|-)?(d+(.d*)?|.d+)` after collapsing whitespace.
    ///
    /// # Errors
    /// When the text is not a decimal literal.
    pub fn parse(s: &str) -> Result<Decimal, LexicalError> {
        Self::parse_as(s, "xs:decimal", true)
    }

    /// Parses `(+|-)?d+` (no decimal point) after collapsing whitespace.
    ///
    /// # Errors
    /// When the text is not an integer literal.
    pub fn parse_integer(s: &str) -> Result<Decimal, LexicalError> {
        Self::parse_as(s, "xs:integer", false)
    }

    fn parse_as(s: &str, type_name: &'static str, point: bool) -> Result<Decimal, LexicalError> {
        let text = collapse_whitespace(s);
        let (negative, body) = match text.as_bytes().first() {
            Some(b'-') => (true, text.get(1..).unwrap_or_default()),
            Some(b'+') => (false, text.get(1..).unwrap_or_default()),
            _ => (false, text.as_ref()),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) if point => (i, Some(f)),
            _ => (body, None),
        };
        let all_digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        let shape = all_digits(int)
            && frac.is_none_or(all_digits)
            && !(int.is_empty() && frac.is_none_or(str::is_empty));
        if !shape {
            let expected = if point {
                "expected an optional sign and digits with at most one `.`, such as `-1.5`"
            } else {
                "expected an optional `+` or `-` followed by ASCII digits"
            };
            return Err(LexicalError::new(type_name, s, expected));
        }
        let int = int.trim_start_matches('0');
        let frac = frac.unwrap_or_default().trim_end_matches('0');
        Ok(Decimal {
            negative: negative && !(int.is_empty() && frac.is_empty()),
            int: int.into(),
            frac: frac.into(),
        })
    }

    /// Whether the value has no fraction.
    pub fn is_integer(&self) -> bool {
        self.frac.is_empty()
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The digits `totalDigits` limits: XSD part 2, 4.3.11 admits `i × 10^-n` with
    /// `|i| < 10^totalDigits` and `n <= totalDigits`, so the digits of the integer part and
    /// of the fraction, leading zeros of the fraction included (`0.05` has two).
    pub fn total_digits(&self) -> usize {
        self.int.len() + self.frac.len()
    }

    /// The digits after the point, trailing zeros excluded: what `fractionDigits` limits.
    pub fn fraction_digits(&self) -> usize {
        self.frac.len()
    }

    /// Magnitudes compared: longer integer parts are larger, then digit by digit.
    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(&other.int))
            // Fraction digits compare as strings: with trailing zeros gone, the string
            // order is the numeric order.
            .then_with(|| self.frac.cmp(&other.frac))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn lexical_forms() {
        for ok in [
            "0",
            "-0",
            "+1",
            ".5",
            "5.",
            "-.5",
            "007.100",
            " 1 ",
            "12345678901234567890123456789",
        ] {
            assert!(Decimal::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", ".", "+", "-", "1e", "1e5", "1.2.3", "INF", "1 2", "+-1", "١",
        ] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
        assert!(Decimal::parse_integer("5.").is_err());
        assert!(Decimal::parse_integer("-0").is_ok());
        assert!(Decimal::parse_integer("+1").is_ok());
    }

    #[test]
    fn values_compare_exactly() {
        assert_eq!(d("1.0"), d("1"));
        assert_eq!(d("-0"), d("0.000"));
        assert_eq!(d("+01.50"), d("1.5"));
        assert!(d("-1") < d("0"));
        assert!(d("-2") < d("-1.5"));
        assert!(d("0.05") < d("0.5"));
        assert!(d("99999999999999999999") < d("100000000000000000000"));
        assert!(d("1.15") > d("1.1"));
    }

    #[test]
    fn digit_counts() {
        assert_eq!(
            (d("123.450").total_digits(), d("123.450").fraction_digits()),
            (5, 2)
        );
        assert_eq!(d("0.05").total_digits(), 2);
        assert_eq!(d("0.001").total_digits(), 3);
        assert_eq!(d("0").total_digits(), 0);
        assert_eq!(d("100").total_digits(), 3);
    }
}
