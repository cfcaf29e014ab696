//! One mistake, one finding: a root in the `https` spelling of an OSC namespace is said once
//! and the rest of the document is still validated and linted; a misspelt attribute is one
//! finding with the name it stands for, not also a missing attribute; `xsi:nil` from .NET's
//! XmlSerializer is one finding per element, not also a value the type refuses; an element
//! out of place is one finding that says where it belongs. Each holds for the file read
//! whole and read as a stream (padded past the in-memory limit).

mod support;

use osc_schema::check::IN_MEMORY_LIMIT;
use osc_schema::print::json::FileRecord;

use support::cli::{TempDir, oscx, stdout};
use support::fixtures::root;

/// One expected finding: code, line, column, span, and words its message or help holds.
struct Expected {
    code: &'static str,
    line: u32,
    column: u32,
    span: (usize, usize),
    says: &'static str,
}

const fn finding(
    code: &'static str,
    (line, column): (u32, u32),
    span: (usize, usize),
    says: &'static str,
) -> Expected {
    Expected {
        code,
        line,
        column,
        span,
        says,
    }
}

/// A fixture, the arguments it is checked with, and every finding it must give.
struct Case {
    fixture: &'static str,
    args: &'static [&'static str],
    findings: &'static [Expected],
}

const HTTPS_NAMESPACE: Case = Case {
    fixture: "fixtures/invalid/xsd-wrong-namespace/https-namespace-rest-validated.xml",
    args: &[],
    findings: &[
        finding(
            "xsd::wrong-namespace",
            (2, 1),
            (39, 128),
            "OSC namespaces use `http`, not `https`",
        ),
        // A rule, on the value, as for the same document in the right namespace.
        finding("OSC037", (6, 19), (215, 235), "has no `@`"),
        // A value, which the schema of the right namespace refuses.
        finding("xsd::invalid-value", (7, 13), (263, 268), "`robot`"),
    ],
};

const MISSPELT_ATTRIBUTE: Case = Case {
    fixture: "fixtures/invalid/xsd-unexpected-attribute/misspelt-type.xml",
    args: &["--no-lint"],
    findings: &[finding(
        "xsd::unexpected-attribute",
        (12, 27),
        (451, 454),
        "did you mean `type`?",
    )],
};

const XSI_NIL: Case = Case {
    fixture: "fixtures/invalid/xsd-unexpected-attribute/xsi-nil-from-xmlserializer.xml",
    args: &[],
    findings: &[
        finding(
            "xsd::unexpected-attribute",
            (6, 15),
            (309, 316),
            "`ShouldSerializeNickname()` method or a `NicknameSpecified` property",
        ),
        finding(
            "xsd::unexpected-attribute",
            (7, 15),
            (341, 348),
            "`birthday` is not nillable",
        ),
    ],
};

const PICTURE_URL_TOO_EARLY: Case = Case {
    fixture: "fixtures/invalid/xsd-unexpected-element/picture-url-before-names.xml",
    args: &[],
    findings: &[finding(
        "xsd::unexpected-element",
        (5, 5),
        (169, 181),
        "`pictureUrl` belongs after `index`",
    )],
};

/// Every required element is there, one of them too early: nothing is said missing.
const HASH_FUNCTION_TOO_EARLY: Case = Case {
    fixture: "fixtures/invalid/xsd-unexpected-element/capabilities-hash-function-too-early.xml",
    args: &["--no-lint"],
    findings: &[finding(
        "xsd::unexpected-element",
        (4, 3),
        (167, 181),
        "`hashFunction` belongs after `showOnDemandContactsWhenMinimized`",
    )],
};

/// The last child before one that belongs before it: the later one came too late.
const NICKNAME_TOO_LATE: Case = Case {
    fixture: "fixtures/invalid/xsd-unexpected-element/person-out-of-order.xml",
    args: &["--no-lint"],
    findings: &[finding(
        "xsd::unexpected-element",
        (5, 3),
        (179, 189),
        "`nickname` belongs before `gender`",
    )],
};

const NONFRIEND: Case = Case {
    fixture: "fixtures/invalid/OSC030/friends-nonfriend.xml",
    args: &[],
    // The rule names the cause of the schema's finding about the same value: one finding,
    // on the value.
    findings: &[finding(
        "OSC030",
        (16, 19),
        (616, 625),
        "expected `notfriend`",
    )],
};

fn record(path: &str, args: &[&str]) -> FileRecord {
    let mut argv = vec!["validate", "--format", "json"];
    argv.extend_from_slice(args);
    argv.push(path);
    let out = oscx(&argv, None);
    assert_eq!(out.status.code(), Some(1), "{path}: {}", stdout(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks the findings of `path`, whose lines are `lines` and bytes `shift` further down
/// than the fixture's.
fn check(label: &str, case: &Case, path: &str, lines: u32, shift: usize) {
    let found = record(path, case.args).diagnostics;
    let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
    let wanted: Vec<&str> = case.findings.iter().map(|e| e.code).collect();
    assert_eq!(codes, wanted, "{label}: {found:#?}");
    for (d, e) in found.iter().zip(case.findings) {
        assert_eq!(
            (d.line, d.column),
            (e.line + lines, e.column),
            "{label}: {}",
            d.message
        );
        assert_eq!(
            (d.span.start, d.span.end),
            (e.span.0 + shift, e.span.1 + shift),
            "{label}: {}",
            d.message
        );
        let said = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
        assert!(said.contains(e.says), "{label}: {said}");
    }
}

/// Checks `case` on its fixture read whole and read as a stream.
fn check_both_ways(case: &Case) {
    check(case.fixture, case, case.fixture, 0, 0);
    let text = std::fs::read_to_string(root().join(case.fixture)).expect("fixture");
    // A comment past the in-memory limit on a line of its own after the declaration: the
    // file is read as a stream, and every finding moves down a line.
    let (declaration, rest) = text.split_at(text.find('\n').expect("a declaration line") + 1);
    let past_the_limit = usize::try_from(IN_MEMORY_LIMIT).expect("fits") + 1024;
    let padding = format!("<!--{}-->\n", "x".repeat(past_the_limit));
    let padded = format!("{declaration}{padding}{rest}");
    let dir = TempDir::new("one-cause");
    let name = case.fixture.rsplit('/').next().expect("a file name");
    let path = dir.file(name, padded.as_bytes());
    let label = format!("{name} as a stream");
    check(
        &label,
        case,
        path.to_str().expect("utf-8 path"),
        1,
        padding.len(),
    );
}

#[test]
fn a_root_in_the_https_namespace_is_said_once_and_the_rest_still_checked() {
    check_both_ways(&HTTPS_NAMESPACE);
}

#[test]
fn a_misspelt_attribute_is_one_finding_with_the_name_it_stands_for() {
    check_both_ways(&MISSPELT_ATTRIBUTE);
}

#[test]
fn xsi_nil_is_one_finding_per_element_saying_how_to_leave_it_out() {
    check_both_ways(&XSI_NIL);
}

#[test]
fn an_element_too_early_is_one_finding_saying_where_it_belongs() {
    check_both_ways(&PICTURE_URL_TOO_EARLY);
    check_both_ways(&HASH_FUNCTION_TOO_EARLY);
}

#[test]
fn an_element_too_late_is_one_finding_saying_where_it_belongs() {
    check_both_ways(&NICKNAME_TOO_LATE);
}

#[test]
fn fmt_fix_moves_an_element_out_of_place_to_where_it_belongs() {
    for case in [&PICTURE_URL_TOO_EARLY, &HASH_FUNCTION_TOO_EARLY] {
        let fixed = oscx(&["fmt", "--fix", case.fixture], None);
        assert_eq!(fixed.status.code(), Some(0), "{}", case.fixture);
        let said = support::cli::stderr(&fixed);
        assert!(said.contains("elements put in schema order"), "{said}");
        let out = oscx(
            &["validate", "--format", "json", "-"],
            Some(fixed.stdout.as_slice()),
        );
        let record: FileRecord = serde_json::from_str(&stdout(&out)).expect("json");
        let codes: Vec<&str> = record.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(
            !codes.iter().any(|c| c.starts_with("xsd::")),
            "{}: {codes:?}",
            case.fixture
        );
    }
}

#[test]
fn a_rule_that_names_the_cause_of_a_schema_finding_is_the_one_finding() {
    check_both_ways(&NONFRIEND);
}
