//! Every XSD 1.0 built-in type and the value facets, end to end through a user's schema:
//! lexical spaces, facets that may only narrow their base, values compared in the value
//! space, and the built-ins refused by name.

use crate::Validator;
use crate::error::{Error, TextPos};
use crate::xsd::load_str;

const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

/// A schema declaring `r` of `ty`, with `types` before it.
fn schema(types: &str, ty: &str) -> String {
    format!(r#"<xs:schema {XS}>{types}<xs:element name="r" type="{ty}"/></xs:schema>"#)
}

/// A named type `t` restricting `base` with `facets`.
fn restricted(base: &str, facets: &str) -> String {
    format!(
        r#"<xs:simpleType name="t"><xs:restriction base="{base}">{facets}</xs:restriction></xs:simpleType>"#
    )
}

/// Whether `<r>value</r>` is valid against `xsd`.
fn valid(xsd: &str, value: &str) -> bool {
    let validator = Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{e}\n{xsd}"));
    validator
        .validate_str(&format!("<r>{value}</r>"))
        .is_valid()
}

/// The message of the first finding on `<r>value</r>`.
fn finding(xsd: &str, value: &str) -> String {
    let validator = Validator::from_xsd(xsd).unwrap_or_else(|e| panic!("{e}\n{xsd}"));
    let report = validator.validate_str(&format!("<r>{value}</r>"));
    report
        .diagnostics()
        .first()
        .map(|d| d.message.clone())
        .unwrap_or_default()
}

fn invalid_schema(xsd: &str) -> (String, TextPos) {
    match load_str(xsd) {
        Err(Error::InvalidValue { message, pos, .. }) => (message, pos),
        other => panic!("expected an incorrect schema, got {other:?}\n{xsd}"),
    }
}

fn refused(xsd: &str) -> String {
    match load_str(xsd) {
        Err(Error::UnsupportedSchema { construct, .. }) => construct,
        other => panic!("expected a refusal, got {other:?}\n{xsd}"),
    }
}

#[test]
fn every_supported_builtin_reads_its_lexical_space() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("anySimpleType", &["", " any\ttext "], &[]),
        ("string", &["", " a  b "], &[]),
        ("normalizedString", &["a\tb"], &[]),
        ("token", &["  a   b  "], &[]),
        (
            "language",
            &["en", "en-GB", " i-klingon "],
            &["e1", "abcdefghi", "en_GB", ""],
        ),
        ("Name", &["a", ":a", "a:b", "_1"], &["1a", "a b", ""]),
        ("NCName", &["a", "_1", "a.b-c"], &["a:b", ":a", "1a"]),
        ("NMTOKEN", &["1a", ":", " x "], &["", "a b"]),
        ("NMTOKENS", &["a", " a  b\tc "], &["", "  ", "a ,"]),
        ("boolean", &["true", "0", " false "], &["TRUE", "yes"]),
        (
            "decimal",
            &[
                "0",
                "-0",
                "+1",
                ".5",
                "5.",
                "-.5",
                "123456789012345678901234567890.5",
            ],
            &["", ".", "1e", "1e5", "INF", "1 2"],
        ),
        (
            "integer",
            &["-0", "+1", "99999999999999999999999999"],
            &["5.", "1.0", ""],
        ),
        ("nonPositiveInteger", &["0", "-0", "-5"], &["1"]),
        ("negativeInteger", &["-1"], &["0", "-0"]),
        (
            "long",
            &["9223372036854775807", "-9223372036854775808"],
            &["9223372036854775808"],
        ),
        ("int", &["2147483647", "+0"], &["2147483648"]),
        ("short", &["-32768"], &["32768"]),
        ("byte", &["127", "-128", "0127"], &["128", "-129"]),
        ("nonNegativeInteger", &["0", "-0"], &["-1"]),
        (
            "unsignedLong",
            &["18446744073709551615"],
            &["18446744073709551616"],
        ),
        ("unsignedInt", &["4294967295"], &["4294967296"]),
        ("unsignedShort", &["65535"], &["65536", "-1"]),
        ("unsignedByte", &["255", "-0"], &["256"]),
        ("positiveInteger", &["1", "+00001"], &["0", "-0"]),
        (
            "float",
            &[
                "0", "-0", "+1", ".5", "5.", "1e5", "1E-5", "INF", "-INF", "NaN", "1e400", "1.e5",
            ],
            &["1e", "e5", "+INF", "inf", "nan", "1.e", ""],
        ),
        ("double", &["-1.5e+3", "12.78e-2"], &["0x1", "1_0", "1.5E"]),
        (
            "duration",
            &["P1Y2M3DT4H5M6.7S", "-P1D", "PT1.5S", "P0D"],
            &["P", "PT", "-P", "P1YT", "P1.5Y", "PT1S.5", "P1M1Y", "P-1D"],
        ),
        (
            "dateTime",
            &[
                "2000-02-29T24:00:00Z",
                "-0001-01-01T00:00:00",
                "12345-01-01T00:00:00+14:00",
            ],
            &[
                "0000-01-01T00:00:00",
                "2000-01-01T24:00:01",
                "1900-02-29T12:00:00",
                "012345-01-01T00:00:00",
                "2000-01-01T12:00:00+14:01",
            ],
        ),
        (
            "time",
            &["00:00:00", "24:00:00", "24:00:00.0", "12:00:00-05:00"],
            &["24:00:00.1", "23:59:60", "1:00:00"],
        ),
        (
            "date",
            &["2000-01-01Z", "-0004-02-29"],
            &["0000-01-01", "2000-02-30", "2000-1-01"],
        ),
        (
            "gYearMonth",
            &["2000-01", "-0001-12Z"],
            &["2000-13", "0000-01", "2000"],
        ),
        (
            "gYear",
            &["2000", "-0001", "20000"],
            &["0000", "200", "020000"],
        ),
        (
            "gMonthDay",
            &["--01-31", "--02-29"],
            &["--02-30", "--04-31", "--13-01", "01-01"],
        ),
        ("gDay", &["---01", "---31"], &["---32", "---00", "--01"]),
        (
            "gMonth",
            &["--01", "--12Z"],
            &["--13", "--00", "--01--", "--1"],
        ),
        (
            "hexBinary",
            &["", "0a", " 0A1B "],
            &["0", "0A1", "zz", "0a 1b"],
        ),
        (
            "base64Binary",
            &["", "QQ==", "QUI=", "QUJD", "Q U J D", "QQ= ="],
            &["QR==", "QUJ=", "QUJ", "====", "QUJD=", "QU=D"],
        ),
        ("anyURI", &["http://example.com/", " a "], &[]),
    ];
    for (ty, good, bad) in cases {
        let xsd = schema("", &format!("xs:{ty}"));
        for v in *good {
            assert!(valid(&xsd, v), "xs:{ty} {v:?} should be valid");
        }
        for v in *bad {
            assert!(!valid(&xsd, v), "xs:{ty} {v:?} should be invalid");
        }
    }
}

#[test]
fn builtins_whose_meaning_reaches_beyond_a_value_are_refused_by_name() {
    for ty in ["ENTITY", "ENTITIES", "QName", "NOTATION"] {
        assert_eq!(
            refused(&schema("", &format!("xs:{ty}"))),
            format!("xs:{ty}")
        );
        assert_eq!(
            refused(&schema(&restricted(&format!("xs:{ty}"), ""), "t")),
            format!("xs:{ty}")
        );
    }
    assert_eq!(
        refused(&schema(&restricted("xs:anySimpleType", ""), "t")),
        "xs:anySimpleType"
    );
    assert_eq!(
        refused(&schema(
            &restricted("xs:duration", r#"<xs:maxInclusive value="P1D"/>"#),
            "t"
        )),
        "xs:maxInclusive"
    );
    // Not a type at all: the schema is wrong, not unsupported.
    assert!(invalid_schema(&schema("", "xs:nope")).0.contains("xs:nope"));
}

#[test]
fn range_and_digit_facets_compare_in_the_value_space() {
    let xsd = schema(
        &restricted(
            "xs:decimal",
            r#"<xs:minInclusive value="1.5"/><xs:maxExclusive value="10"/><xs:totalDigits value="3"/><xs:fractionDigits value="1"/>"#,
        ),
        "t",
    );
    for ok in ["1.5", "1.50", "9.9", "+05.0", "9.90"] {
        assert!(valid(&xsd, ok), "{ok}");
    }
    for bad in ["1.4", "10", "10.0", "9.99", "0"] {
        assert!(!valid(&xsd, bad), "{bad}");
    }
    assert_eq!(finding(&xsd, "1.4"), "`1.4` is below the minimum `1.5`");
    assert_eq!(
        finding(&xsd, "10"),
        "`10` is not less than `10`; values must be less"
    );
    assert_eq!(
        finding(&xsd, "2.25"),
        "`2.25` has 2 digits after the decimal point; at most 1 are allowed"
    );
    // XSD part 2, 4.3.11: `i × 10^-n` with `|i| < 10^totalDigits` and `n <= totalDigits`.
    let digits = schema(
        &restricted("xs:decimal", r#"<xs:totalDigits value="2"/>"#),
        "t",
    );
    for ok in ["0.01", "10", "-1.10", "0099"] {
        assert!(valid(&digits, ok), "{ok}");
    }
    for bad in ["0.001", "100", "1.11"] {
        assert!(!valid(&digits, bad), "{bad}");
    }
    assert_eq!(
        finding(&digits, "0.001"),
        "`0.001` has 3 digits; at most 2 are allowed"
    );
    // Dates: with and without a timezone, values closer than 14 hours do not compare.
    let dates = schema(
        &restricted(
            "xs:dateTime",
            r#"<xs:minInclusive value="2000-01-01T00:00:00Z"/>"#,
        ),
        "t",
    );
    assert!(valid(&dates, "2000-01-01T01:00:00+01:00"));
    assert!(!valid(&dates, "1999-12-31T23:59:59Z"));
    assert!(!valid(&dates, "2000-01-01T13:59:59"));
    assert!(valid(&dates, "2000-01-01T14:00:01"));
    // NaN lies outside every range; -0 and 0 are one value.
    let floats = schema(
        &restricted("xs:float", r#"<xs:minInclusive value="0"/>"#),
        "t",
    );
    assert!(valid(&floats, "-0"));
    assert!(valid(&floats, "INF"));
    assert!(!valid(&floats, "NaN"));
    assert_eq!(
        finding(&floats, "NaN"),
        "`NaN` cannot be compared with `0`, the type's `minInclusive`, so it is outside the allowed range"
    );
    assert!(!valid(&floats, "-INF"));
    let gyears = schema(
        &restricted(
            "xs:gYear",
            r#"<xs:minExclusive value="2000"/><xs:maxInclusive value="2010"/>"#,
        ),
        "t",
    );
    assert!(!valid(&gyears, "2000"));
    assert!(valid(&gyears, "2010"));
}

#[test]
fn enumerations_compare_values_not_text() {
    let en = |base: &str, values: &[&str]| {
        let facets: String = values
            .iter()
            .map(|v| format!(r#"<xs:enumeration value="{v}"/>"#))
            .collect();
        schema(&restricted(base, &facets), "t")
    };
    let decimals = en("xs:decimal", &["1.0", "2"]);
    assert!(valid(&decimals, "1"));
    assert!(valid(&decimals, "+01.00"));
    assert!(!valid(&decimals, "3"));
    assert_eq!(
        finding(&decimals, "3"),
        "`3` is not an allowed value: expected one of `1.0`, `2`"
    );
    // XSD 1.0 part 2, 3.2.4: NaN equals itself.
    let floats = en("xs:float", &["NaN", "1"]);
    assert!(valid(&floats, "NaN"));
    assert!(valid(&floats, "1e0"));
    assert!(!valid(&floats, "2"));
    assert!(valid(&en("xs:hexBinary", &["0a"]), "0A"));
    assert!(valid(&en("xs:base64Binary", &["QUJD"]), "Q U J D"));
    assert!(valid(&en("xs:duration", &["P1Y"]), "P12M"));
    assert!(!valid(&en("xs:duration", &["P1Y"]), "P365D"));
    assert!(valid(&en("xs:time", &["24:00:00"]), "00:00:00"));
    assert!(valid(&en("xs:time", &["12:00:00Z"]), "13:00:00+01:00"));
    assert!(!valid(&en("xs:time", &["12:00:00Z"]), "12:00:00"));
    assert!(valid(&en("xs:NMTOKENS", &["a  b"]), " a b "));
    // `xs:boolean` takes no enumeration (XSD part 2, 3.2.2).
    assert!(
        invalid_schema(&en("xs:boolean", &["true"]))
            .0
            .contains("does not apply")
    );
}

#[test]
fn length_facets_count_characters_octets_or_items() {
    let with = |base: &str, facets: &str| schema(&restricted(base, facets), "t");
    let strings = with(
        "xs:string",
        r#"<xs:minLength value="2"/><xs:maxLength value="3"/>"#,
    );
    assert!(!valid(&strings, "a"));
    assert!(valid(&strings, "ééé"));
    assert!(!valid(&strings, "abcd"));
    assert_eq!(
        finding(&strings, "a"),
        "the value has 1 characters; at least 2 are required"
    );
    let hex = with("xs:hexBinary", r#"<xs:length value="2"/>"#);
    assert!(valid(&hex, "0a0b"));
    assert!(!valid(&hex, "0a"));
    let b64 = with("xs:base64Binary", r#"<xs:maxLength value="2"/>"#);
    assert!(valid(&b64, "QUI="));
    assert!(!valid(&b64, "QUJD"));
    assert_eq!(
        finding(&b64, "QUJD"),
        "the value has 3 octets; at most 2 are allowed"
    );
    let list = with(
        "xs:NMTOKENS",
        r#"<xs:minLength value="2"/><xs:maxLength value="2"/>"#,
    );
    assert!(!valid(&list, "abc"));
    assert!(valid(&list, " ab  cd "));
    assert!(!valid(&list, "a b c"));
    // The whitespace rule applies before counting.
    let replaced = with(
        "xs:string",
        r#"<xs:whiteSpace value="replace"/><xs:length value="3"/>"#,
    );
    assert!(valid(&replaced, "a\tb"));
    let collapsed = with(
        "xs:string",
        r#"<xs:whiteSpace value="collapse"/><xs:enumeration value="a b"/>"#,
    );
    assert!(valid(&collapsed, "  a \n b "));
}

#[test]
fn facets_that_widen_their_base_or_do_not_apply_make_the_schema_incorrect() {
    let step = |base: &str, f1: &str, f2: &str| {
        format!(
            r#"<xs:schema {XS}><xs:simpleType name="b"><xs:restriction base="{base}">{f1}</xs:restriction></xs:simpleType>
<xs:simpleType name="d"><xs:restriction base="b">
{f2}</xs:restriction></xs:simpleType><xs:element name="r" type="d"/></xs:schema>"#
        )
    };
    let f = |kind: &str, v: &str| format!(r#"<xs:{kind} value="{v}"/>"#);
    let fixed = |kind: &str, v: &str| format!(r#"<xs:{kind} value="{v}" fixed="true"/>"#);
    let incorrect = [
        step(
            "xs:decimal",
            &f("maxInclusive", "10"),
            &f("maxInclusive", "11"),
        ),
        step(
            "xs:decimal",
            &f("maxInclusive", "10"),
            &f("maxExclusive", "11"),
        ),
        step(
            "xs:decimal",
            &f("maxExclusive", "10"),
            &f("maxInclusive", "10"),
        ),
        step(
            "xs:decimal",
            &f("minExclusive", "10"),
            &f("minInclusive", "10"),
        ),
        step(
            "xs:decimal",
            &f("minInclusive", "10"),
            &f("minExclusive", "9"),
        ),
        step(
            "xs:decimal",
            &f("minInclusive", "10"),
            &f("maxExclusive", "10"),
        ),
        step(
            "xs:decimal",
            &fixed("maxInclusive", "10"),
            &f("maxInclusive", "9"),
        ),
        step("xs:decimal", &f("totalDigits", "3"), &f("totalDigits", "4")),
        step(
            "xs:decimal",
            &fixed("totalDigits", "3"),
            &f("totalDigits", "2"),
        ),
        step(
            "xs:decimal",
            &f("fractionDigits", "2"),
            &f("fractionDigits", "3"),
        ),
        step(
            "xs:decimal",
            &f("fractionDigits", "2"),
            &f("totalDigits", "1"),
        ),
        step("xs:decimal", &f("enumeration", "1"), &f("enumeration", "3")),
        step("xs:int", &f("maxInclusive", "5"), &f("enumeration", "6")),
        step("xs:string", &f("minLength", "2"), &f("minLength", "1")),
        step("xs:string", &fixed("minLength", "2"), &f("minLength", "3")),
        step("xs:string", &f("maxLength", "2"), &f("maxLength", "3")),
        step("xs:string", &fixed("maxLength", "3"), &f("maxLength", "2")),
        step("xs:string", &f("length", "2"), &f("length", "3")),
        step("xs:string", &f("length", "2"), &f("minLength", "3")),
        step("xs:string", &f("length", "2"), &f("maxLength", "1")),
        step("xs:string", &f("minLength", "3"), &f("maxLength", "2")),
        step(
            "xs:string",
            &f("whiteSpace", "collapse"),
            &f("whiteSpace", "replace"),
        ),
        step(
            "xs:string",
            &fixed("whiteSpace", "replace"),
            &f("whiteSpace", "collapse"),
        ),
        step("xs:string", "", &f("totalDigits", "3")),
        step("xs:string", "", &f("minInclusive", "a")),
        step("xs:boolean", "", &f("length", "1")),
        step("xs:integer", "", &f("fractionDigits", "1")),
        step("xs:byte", "", &f("maxInclusive", "200")),
        step("xs:byte", "", &f("maxExclusive", "128")),
        step("xs:positiveInteger", "", &f("maxExclusive", "1")),
        step("xs:int", "", &f("whiteSpace", "preserve")),
        step("xs:NMTOKENS", "", &f("maxLength", "0")),
        step("xs:decimal", "", &f("totalDigits", "0")),
        step("xs:decimal", "", &f("minInclusive", "abc")),
        step(
            "xs:decimal",
            "",
            &(f("minInclusive", "5") + &f("minExclusive", "4")),
        ),
        step(
            "xs:decimal",
            "",
            &(f("minInclusive", "5") + &f("maxInclusive", "4")),
        ),
        step(
            "xs:decimal",
            "",
            &(f("minExclusive", "5") + &f("maxInclusive", "5")),
        ),
        step("xs:string", "", &(f("length", "2") + &f("maxLength", "3"))),
        step(
            "xs:string",
            "",
            r#"<xs:maxLength value="3" fixed="maybe"/>"#,
        ),
        step(
            "xs:string",
            "",
            r#"<xs:enumeration value="a" fixed="true"/>"#,
        ),
    ];
    for xsd in &incorrect {
        let (message, pos) = invalid_schema(xsd);
        // Every finding points into the derived type's restriction, on line 2 or 3.
        assert!(pos.line >= 2, "{message} at {pos:?}\n{xsd}");
        assert!(!message.contains("OSC"), "{message}");
    }
    let (message, pos) = invalid_schema(&incorrect[0]);
    assert_eq!(
        (message.as_str(), pos),
        (
            "`maxInclusive` `11` would widen the base type `b`, whose `maxInclusive` is `10`",
            TextPos::new(3, 1)
        )
    );
    let narrowing = [
        step(
            "xs:decimal",
            &f("maxInclusive", "10"),
            &f("maxInclusive", "10"),
        ),
        step(
            "xs:decimal",
            &f("maxInclusive", "10"),
            &f("maxExclusive", "10"),
        ),
        step(
            "xs:decimal",
            &f("maxExclusive", "10"),
            &f("maxExclusive", "10"),
        ),
        step(
            "xs:decimal",
            &f("minInclusive", "10"),
            &f("minExclusive", "10"),
        ),
        step(
            "xs:decimal",
            &fixed("maxInclusive", "10"),
            &f("maxInclusive", "10.0"),
        ),
        step(
            "xs:decimal",
            &(f("enumeration", "1") + &f("enumeration", "2")),
            &f("enumeration", "1.0"),
        ),
        step("xs:string", &f("length", "2"), &f("length", "2")),
        step("xs:string", &f("minLength", "1"), &f("length", "2")),
        // Under a length, a later minLength at most it, a later maxLength at least it.
        step("xs:string", &f("length", "2"), &f("minLength", "1")),
        step("xs:string", &f("length", "2"), &f("maxLength", "4")),
        step("xs:token", "", &f("whiteSpace", "collapse")),
        step("xs:integer", "", &f("fractionDigits", "0")),
        step("xs:byte", "", &f("maxExclusive", "127")),
        step(
            "xs:decimal",
            "",
            &(f("minExclusive", "5") + &f("maxExclusive", "5")),
        ),
    ];
    for xsd in &narrowing {
        assert!(load_str(xsd).is_ok(), "{:?}\n{xsd}", load_str(xsd).err());
    }
}

#[test]
fn xsi_type_may_name_a_derived_builtin_the_schema_does_not_use() {
    let xsd = schema("", "xs:decimal");
    let doc = |ty: &str, v: &str| {
        format!(
            r#"<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="{ty}">{v}</r>"#
        )
    };
    let validator = Validator::from_xsd(&xsd).unwrap();
    let ok = |ty: &str, v: &str| validator.validate_str(&doc(ty, v)).is_valid();
    assert!(ok("xs:integer", "5"));
    assert!(ok("xs:unsignedByte", "255"));
    assert!(!ok("xs:integer", "5.5"));
    assert!(!ok("xs:unsignedByte", "256"));
    // Not derived from `xs:decimal`.
    assert!(!ok("xs:string", "5"));
    assert!(!ok("xs:double", "5"));
}
