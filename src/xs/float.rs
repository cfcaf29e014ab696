//! `xs:float` and `xs:double`: IEEE binary floating point with `INF`, `-INF` and `NaN`.

use super::{LexicalError, collapse_whitespace};

/// Parses a `xs:double` (or, with `single`, a `xs:float`, rounded to 32 bits) after
/// collapsing whitespace: a decimal mantissa with an optional exponent, `INF`, `-INF` or
/// `NaN`. Literals beyond the type's range round to an infinity, as IEEE rounding does.
///
/// # Errors
/// When the text is not such a literal (`+INF`, `inf`, `1e`, `e5` are not).
pub fn parse_float(s: &str, single: bool) -> Result<f64, LexicalError> {
    let type_name = if single { "xs:float" } else { "xs:double" };
    let text = collapse_whitespace(s);
    let value = match text.as_ref() {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        "NaN" => Some(f64::NAN),
        t if is_numeral(t) => {
            // The shape was checked above: Rust's parser then reads exactly the XSD forms
            // (`5.`, `.5`, `1E+3`) with correct rounding.
            if single {
                t.parse::<f32>().ok().map(f64::from)
            } else {
                t.parse::<f64>().ok()
            }
        }
        _ => None,
    };
    value.ok_or_else(|| {
        LexicalError::new(
            type_name,
            s,
            "expected a number such as `1.5`, `-2E10`, `INF`, `-INF` or `NaN`",
        )
    })
}

/// `(+|-)?(d+(.d*)?|.d+)((e|E)(+|-)?d+)?`.
fn is_numeral(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_forms() {
        for ok in [
            "0", "-0", "+1", ".5", "5.", "1e5", "1E-5", "-1.5e+3", "INF", "-INF", "NaN", " 3 ",
            "1e400",
        ] {
            assert!(parse_float(ok, false).is_ok(), "{ok}");
            assert!(parse_float(ok, true).is_ok(), "{ok}");
        }
        for bad in [
            "", ".", "1e", "e5", "+INF", "inf", "nan", "Infinity", "1.e", "1 e5", "0x10", "1_0",
            "-NaN",
        ] {
            assert!(parse_float(bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(parse_float("1e400", false), Ok(f64::INFINITY));
        assert_eq!(parse_float("1e39", true), Ok(f64::INFINITY));
        assert_eq!(parse_float("0.1", true), Ok(f64::from(0.1f32)));
        assert!(parse_float("NaN", true).is_ok_and(f64::is_nan));
    }
}
