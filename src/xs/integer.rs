//! `xs:int`, `xs:unsignedInt` and `xs:unsignedLong`.
//!
//! All three share one lexical space (an optional sign and ASCII digits), so
//! the text is first reduced to a sign and a magnitude and each type then
//! checks its own range.

use super::{LexicalError, collapse_whitespace};

/// The sign and size of a syntactically valid integer literal.
struct Literal {
    negative: bool,
    /// `None` when the magnitude does not even fit a `u64`; every supported
    /// type is out of range then, but the sign still matters for the message.
    magnitude: Option<u64>,
}

/// Splits `s` into sign and magnitude, or explains why it is not an integer
/// literal at all.
fn parse_literal(s: &str, type_name: &'static str) -> Result<Literal, LexicalError> {
    let collapsed = collapse_whitespace(s);
    let text = collapsed.as_ref();
    let (negative, digits) = if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    };
    // `is_ascii_digit` rather than `is_numeric`: XSD digits are #x30-#x39
    // only, so full-width or other scripts' digits must be refused.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LexicalError::new(
            type_name,
            s,
            "expected an optional `+` or `-` followed by ASCII digits",
        ));
    }
    // Any number of leading zeros is allowed; dropping them first means a
    // long run of zeros costs nothing and cannot look like an overflow.
    let significant = digits.trim_start_matches('0');
    let mut magnitude = Some(0u64);
    for b in significant.bytes() {
        magnitude = magnitude
            .and_then(|m| m.checked_mul(10))
            .and_then(|m| m.checked_add(u64::from(b - b'0')));
        if magnitude.is_none() {
            // Already too big for every type; the remaining digits only make
            // it bigger.
            break;
        }
    }
    Ok(Literal {
        negative,
        magnitude,
    })
}

fn out_of_range(type_name: &'static str, s: &str, min: &str, max: &str) -> LexicalError {
    LexicalError::new(
        type_name,
        s,
        format!("value is out of range for `{type_name}` ({min} to {max})"),
    )
}

/// Checks the sign for unsigned types. `-0` is still zero, which XSD's
/// unsigned types contain, so only a non-zero negative value is refused.
fn unsigned_magnitude(s: &str, type_name: &'static str) -> Result<Option<u64>, LexicalError> {
    let literal = parse_literal(s, type_name)?;
    if literal.negative && literal.magnitude != Some(0) {
        return Err(LexicalError::new(
            type_name,
            s,
            "negative values are not allowed",
        ));
    }
    Ok(literal.magnitude)
}

/// Parses an `xs:int` (a signed 32-bit integer) after whitespace collapsing.
pub fn parse_int(s: &str) -> Result<i32, LexicalError> {
    const TYPE_NAME: &str = "xs:int";
    let literal = parse_literal(s, TYPE_NAME)?;
    // i128 holds both -u64::MAX and u64::MAX, so the sign can be applied
    // before the range check without any overflow.
    literal
        .magnitude
        .map(|m| {
            let m = i128::from(m);
            if literal.negative { -m } else { m }
        })
        .and_then(|v| i32::try_from(v).ok())
        .ok_or_else(|| out_of_range(TYPE_NAME, s, "-2147483648", "2147483647"))
}

/// Parses an `xs:unsignedInt` (0 to 4294967295) after whitespace collapsing.
/// `-0` is accepted as zero.
pub fn parse_unsigned_int(s: &str) -> Result<u32, LexicalError> {
    const TYPE_NAME: &str = "xs:unsignedInt";
    unsigned_magnitude(s, TYPE_NAME)?
        .and_then(|m| u32::try_from(m).ok())
        .ok_or_else(|| out_of_range(TYPE_NAME, s, "0", "4294967295"))
}

/// Parses an `xs:unsignedLong` (0 to 18446744073709551615) after whitespace
/// collapsing. `-0` is accepted as zero.
pub fn parse_unsigned_long(s: &str) -> Result<u64, LexicalError> {
    const TYPE_NAME: &str = "xs:unsignedLong";
    unsigned_magnitude(s, TYPE_NAME)?
        .ok_or_else(|| out_of_range(TYPE_NAME, s, "0", "18446744073709551615"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs that are not integer literals for any of the types.
    const MALFORMED: &[&str] = &[
        "", " ", "+", "-", "+-5", "--5", "++5", "5-", "5.0", "5.", ".5", "1e3", "0x10", " 5 5",
        "5 5", "- 5", "+ 5", "５", "٥", "five", "5a", "\u{a0}5",
    ];

    #[test]
    fn int_accepts_plain_and_signed() {
        assert_eq!(parse_int("0"), Ok(0));
        assert_eq!(parse_int("5"), Ok(5));
        assert_eq!(parse_int("+5"), Ok(5));
        assert_eq!(parse_int("-5"), Ok(-5));
        assert_eq!(parse_int("-0"), Ok(0));
        assert_eq!(parse_int("+0"), Ok(0));
        assert_eq!(parse_int("007"), Ok(7));
        assert_eq!(parse_int("-007"), Ok(-7));
    }

    #[test]
    fn int_collapses_whitespace() {
        assert_eq!(parse_int(" 5 "), Ok(5));
        assert_eq!(parse_int("\n5\t"), Ok(5));
        assert_eq!(parse_int("\r\n -12 \r\n"), Ok(-12));
    }

    #[test]
    fn int_bounds() {
        assert_eq!(parse_int("2147483647"), Ok(i32::MAX));
        assert_eq!(parse_int("-2147483648"), Ok(i32::MIN));
        assert!(parse_int("2147483648").is_err());
        assert!(parse_int("-2147483649").is_err());
        assert!(parse_int("18446744073709551616").is_err());
        assert!(parse_int("-18446744073709551616").is_err());
    }

    #[test]
    fn int_out_of_range_message() {
        assert_eq!(
            parse_int("2147483648").unwrap_err().to_string(),
            "`2147483648` is not a valid `xs:int`: value is out of range for `xs:int` \
             (-2147483648 to 2147483647)"
        );
    }

    #[test]
    fn malformed_is_rejected_by_every_type() {
        for bad in MALFORMED {
            let e = parse_int(bad).unwrap_err();
            assert_eq!(e.type_name, "xs:int", "{bad:?}");
            assert_eq!(e.value, *bad);
            assert_eq!(
                parse_unsigned_int(bad).unwrap_err().type_name,
                "xs:unsignedInt"
            );
            assert_eq!(
                parse_unsigned_long(bad).unwrap_err().type_name,
                "xs:unsignedLong"
            );
        }
    }

    #[test]
    fn malformed_message() {
        assert_eq!(
            parse_int("5.0").unwrap_err().to_string(),
            "`5.0` is not a valid `xs:int`: expected an optional `+` or `-` followed by ASCII digits"
        );
    }

    #[test]
    fn unsigned_int_values() {
        assert_eq!(parse_unsigned_int("+5"), Ok(5));
        assert_eq!(parse_unsigned_int("-0"), Ok(0));
        assert_eq!(parse_unsigned_int("-000"), Ok(0));
        assert_eq!(parse_unsigned_int("0"), Ok(0));
        assert_eq!(parse_unsigned_int(" 42\n"), Ok(42));
        assert_eq!(parse_unsigned_int("4294967295"), Ok(u32::MAX));
        assert!(parse_unsigned_int("4294967296").is_err());
    }

    #[test]
    fn unsigned_rejects_negative_non_zero() {
        for bad in ["-1", "-0001", "-4294967296", "-99999999999999999999999"] {
            let e = parse_unsigned_int(bad).unwrap_err();
            assert_eq!(e.reason, "negative values are not allowed", "{bad}");
            let e = parse_unsigned_long(bad).unwrap_err();
            assert_eq!(e.reason, "negative values are not allowed", "{bad}");
        }
    }

    #[test]
    fn unsigned_long_values() {
        assert_eq!(parse_unsigned_long("-0"), Ok(0));
        assert_eq!(parse_unsigned_long("-000"), Ok(0));
        assert_eq!(parse_unsigned_long("+5"), Ok(5));
        assert_eq!(parse_unsigned_long("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_unsigned_long("+018446744073709551615"), Ok(u64::MAX));
        let e = parse_unsigned_long("18446744073709551616").unwrap_err();
        assert!(e.reason.contains("out of range"), "{e}");
        assert!(parse_unsigned_long("99999999999999999999").is_err());
    }

    #[test]
    fn very_long_inputs_do_not_overflow() {
        let zeros = "0".repeat(10_000);
        assert_eq!(parse_int(&format!("{zeros}5")), Ok(5));
        assert_eq!(parse_int(&format!("-{zeros}5")), Ok(-5));
        assert_eq!(parse_unsigned_int(&format!("{zeros}5")), Ok(5));
        assert_eq!(parse_unsigned_long(&format!("{zeros}5")), Ok(5));
        assert_eq!(parse_unsigned_long(&format!("-{zeros}")), Ok(0));
        assert_eq!(parse_unsigned_long(&zeros), Ok(0));

        let nines = "9".repeat(10_000);
        assert!(parse_int(&nines).is_err());
        assert!(parse_int(&format!("-{nines}")).is_err());
        assert!(parse_unsigned_int(&nines).is_err());
        let e = parse_unsigned_long(&format!("{zeros}{nines}")).unwrap_err();
        // The error keeps only a short excerpt of the huge input.
        assert!(e.value.chars().count() <= 41);
    }
}
