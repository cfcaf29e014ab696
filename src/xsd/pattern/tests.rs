use super::{Pattern, PatternError, translate};

fn matches(pattern: &str, value: &str) -> bool {
    Pattern::compile(&[pattern])
        .unwrap_or_else(|e| panic!("{pattern}: {e:?}"))
        .is_match(value)
}

fn invalid(pattern: &str) -> bool {
    matches!(translate(pattern), Err(PatternError::Invalid(_)))
}

#[test]
fn a_pattern_matches_the_whole_value() {
    assert!(matches("[a-z]+", "abc"));
    assert!(!matches("[a-z]+", "abc1"));
    assert!(!matches("b", "abc"));
    assert!(matches("", ""));
    assert!(!matches("", "a"));
    // `^` and `$` are characters.
    assert!(matches("^a$", "^a$"));
    assert!(!matches("^a$", "a"));
    assert!(matches("a|bc", "bc"));
    assert!(!matches("a|bc", "abc"));
}

#[test]
fn escapes_and_sets_are_xml_schemas() {
    assert!(matches(r"\d{3}-\d{4}", "555-1234"));
    assert!(matches(r"\d", "\u{0663}"), "Arabic-Indic digit three");
    assert!(matches(r"\s\S", " x"));
    assert!(!matches(r"\s", "\u{A0}"));
    assert!(matches(r"\i\c*", "_a-b.c:d"));
    assert!(!matches(r"\i", "1"));
    assert!(matches(r"\I", "1"));
    assert!(matches(r"\w+", "héllo"));
    assert!(!matches(r"\w", "!"));
    assert!(matches(r"\W", " "));
    assert!(matches(".", "x"));
    assert!(!matches(".", "\n"));
    assert!(matches(r"\.\\\[\]\{\}\^\-", r".\[]{}^-"));
    assert!(matches(r"\n\r\t", "\n\r\t"));
}

#[test]
fn classes_ranges_negation_and_subtraction() {
    assert!(matches("[a-z-[aeiou]]+", "bcd"));
    assert!(!matches("[a-z-[aeiou]]", "e"));
    assert!(matches("[^a-z-[0-4]]", "7"));
    assert!(
        !matches("[^a-z-[0-4]]", "3"),
        "subtracted from the complement"
    );
    assert!(!matches("[^a-z-[0-4]]", "q"));
    assert!(matches("[-a]", "-"));
    assert!(matches("[a-]", "-"));
    assert!(matches(r"[\d\s]", " "));
    assert!(matches("[^abc]", "d"));
    assert!(matches("[a^]", "^"));
    // The last `-` of a group, just before the subtraction, is itself.
    assert!(matches("[a-z--[b-z]]", "-"));
    assert!(matches("[a-z--[b-z]]", "a"));
    assert!(!matches("[a-z--[b-z]]", "c"));
}

#[test]
fn categories_and_blocks() {
    assert!(matches(r"\p{Lu}\p{Ll}+", "Hello"));
    assert!(!matches(r"\p{Lu}", "h"));
    assert!(matches(r"\P{Lu}", "h"));
    assert!(matches(r"\p{IsBasicLatin}+", "abc"));
    assert!(!matches(r"\p{IsBasicLatin}", "é"));
    assert!(matches(r"\p{IsLatin-1Supplement}", "é"));
    assert!(matches(r"\P{IsGreek}", "a"));
    assert!(!matches(r"\p{IsHighSurrogates}", "a"));
    assert!(matches(r"\P{IsHighSurrogates}", "a"));
}

#[test]
fn quantities() {
    assert!(matches("a{2}", "aa"));
    assert!(!matches("a{2}", "aaa"));
    assert!(matches("a{2,}", "aaaa"));
    assert!(matches("(ab){1,2}", "abab"));
    assert!(!matches("(ab){1,2}", "ababab"));
    assert!(matches("a{0,0}b", "b"));
}

#[test]
fn what_xml_schema_does_not_allow_is_invalid() {
    for pattern in [
        "(",
        ")",
        "a)",
        "[",
        "[]",
        "[a",
        "a**",
        "a{2",
        "a{3,2}",
        "*a",
        "+",
        "?",
        "{1}",
        r"\",
        r"\q",
        r"\p{Foo}",
        r"\p{IsNowhere}",
        r"\p{Lu",
        "[a-[b]",
        "[b-a]",
        "[a-b-c]",
        "[[a]]",
        "a{,2}",
        "]",
        "}",
    ] {
        assert!(invalid(pattern), "{pattern} should be invalid");
    }
}

#[test]
fn hostile_patterns_are_refused_not_compiled_forever() {
    let deep = "(".repeat(500) + &")".repeat(500);
    assert!(matches!(translate(&deep), Err(PatternError::TooLarge(_))));
    assert!(matches!(
        Pattern::compile(&[r"\w{1000}\w{1000}\w{1000}"]),
        Err(PatternError::TooLarge(_))
    ));
    assert!(matches!(
        translate("a{99999999999}"),
        Err(PatternError::TooLarge(_))
    ));
}
