//! Every report says the same things the same way: SARIF lists every code its results carry,
//! the summary counts every severity, messages read correctly and name persons by `userID`,
//! flags behave as the README says (`--request` implies `GetPeopleDetails`, values in any
//! case, usage errors starting `oscx: `), `oscx explain` explains every code a user can meet,
//! and the HTML preview shows dates as the People Pane does.

mod support;

use std::collections::BTreeSet;

use osc_schema::Severity;
use osc_schema::print::json::FileRecord;
use serde_json::Value;

use support::cli::{oscx, stderr, stdout};
use support::fixtures::{args_of, relative, xml_under};
use support::sarif::schema_errors;

/// `oscx validate --format json` of one file: its one record, and the exit code.
fn record(args: &[&str]) -> (FileRecord, Option<i32>) {
    let mut argv = vec!["validate", "--format", "json"];
    argv.extend_from_slice(args);
    let out = oscx(&argv, None);
    let record = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&out)));
    (record, out.status.code())
}

/// The SARIF log of `args`, which the run must print.
fn sarif(args: &[&str]) -> Value {
    let mut argv = vec!["validate", "--format", "sarif"];
    argv.extend_from_slice(args);
    let out = oscx(&argv, None);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stdout(&out)))
}

/// Asserts that `log` is valid SARIF 2.1.0 whose every result names a rule of the driver,
/// by ID and by index, and, when no flag changed a level (`default_levels`), has the level
/// the rule declares; returns the rule IDs the results carry.
fn check_sarif(label: &str, log: &Value, default_levels: bool) -> BTreeSet<String> {
    let errors = schema_errors(log);
    assert!(errors.is_empty(), "{label}: {errors:#?}");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"), "{label}");
    assert!(
        driver["informationUri"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://")),
        "{label}: {driver:#}"
    );
    let declared = driver["rules"].as_array().expect("rules");
    let rules: Vec<&str> = declared
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    let mut carried = BTreeSet::new();
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = rules.iter().position(|r| *r == id);
        assert!(index.is_some(), "{label}: {id} is not in tool.driver.rules");
        assert_eq!(
            result["ruleIndex"],
            serde_json::json!(index),
            "{label}: {id}"
        );
        if let (true, Some(i)) = (default_levels, index) {
            assert_eq!(
                result["level"], declared[i]["defaultConfiguration"]["level"],
                "{label}: {id}"
            );
        }
        carried.insert(id.to_owned());
    }
    carried
}

#[test]
fn the_sarif_of_every_fixture_is_valid_and_lists_every_rule_its_results_carry() {
    let mut carried = BTreeSet::new();
    let fixtures = xml_under("fixtures");
    assert!(fixtures.len() > 100, "only {} fixtures", fixtures.len());
    for file in fixtures {
        let path = relative(&file);
        let mut args = args_of(&file);
        let default_levels = args.is_empty();
        args.push(path.clone());
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        carried.extend(check_sarif(&path, &sarif(&argv), default_levels));
    }
    // The codes that were missing from the driver once are among those checked.
    for code in [
        "oscx::suppression-without-reason",
        "xml::limit",
        "xml::encoding-mismatch",
        "OSC066",
    ] {
        assert!(carried.contains(code), "no fixture gave {code}");
    }
}

#[test]
fn a_truncated_run_is_valid_sarif_too() {
    let log = sarif(&["--max-diagnostics", "1", "fixtures/invalid/three-errors"]);
    check_sarif("truncated", &log, true);
    let notes = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes.as_array().map(Vec::len), Some(1), "{notes:#}");
}

#[test]
fn a_suppression_without_reason_is_one_finding_at_the_comment() {
    let file = "fixtures/reports/suppression-without-reason.xml";
    let (record, code) = record(&[file]);
    assert_eq!(code, Some(0));
    let found: Vec<(&str, u32, u32, usize, usize)> = record
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.column, d.span.start, d.span.end))
        .collect();
    // The comment's text, and the `userID` value of the person it stands before.
    let text = std::fs::read_to_string(file).expect("fixture reads");
    let comment = text.find("<!--").expect("a comment");
    let comment_end = text.find("-->").expect("its end") + "-->".len();
    let value = text.rfind("<userID>").expect("a userID") + "<userID>".len();
    assert_eq!(
        found,
        [
            (
                "oscx::suppression-without-reason",
                8,
                5,
                comment,
                comment_end
            ),
            ("OSC031", 9, 13, value, value + "fab-1001".len())
        ]
    );
    let out = oscx(&["validate", file], None);
    insta::assert_snapshot!("suppression_without_reason", stdout(&out));
}

#[test]
fn the_summary_line_counts_infos() {
    let file = "fixtures/invalid/OSC066/example.xml";
    let (record, code) = record(&[file]);
    assert_eq!(code, Some(0));
    let found: Vec<(&str, Severity, u32, u32)> = record
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.severity, d.line, d.column))
        .collect();
    assert_eq!(found, [("OSC066", Severity::Info, 26, 9)]);
    // The first template's `<icon>` start tag.
    let text = std::fs::read_to_string(file).expect("fixture reads");
    let icon = text.find("<icon>").expect("an icon");
    let span = &record.diagnostics[0].span;
    assert_eq!((span.start, span.end), (icon, icon + "<icon>".len()));
    let out = oscx(&["validate", file], None);
    assert!(
        stdout(&out).ends_with("checked 1 file: 0 invalid, 0 errors, 0 warnings, 1 info\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn osc010_names_both_lookups_in_one_sentence_that_reads() {
    let (record, code) = record(&["fixtures/invalid/OSC010/example.xml"]);
    assert_eq!(code, Some(1));
    assert_eq!(record.diagnostics.len(), 1, "{:#?}", record.diagnostics);
    let d = &record.diagnostics[0];
    assert_eq!((d.code.as_str(), d.line, d.column), ("OSC010", 11, 3));
    assert_eq!(d.span.end - d.span.start, "<dynamicContactsLookup>".len());
    assert_eq!(
        d.message,
        "`dynamicContactsLookup` and `dynamicActivitiesLookupEx` are true but `hashFunction` is missing"
    );
}

#[test]
fn persons_are_named_by_user_id() {
    let (record, code) = record(&["fixtures/invalid/OSC032/example.xml"]);
    assert_eq!(code, Some(1));
    let found: Vec<(&str, u32, u32, usize, &str)> = record
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.line,
                d.column,
                d.span.end - d.span.start,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "OSC032",
            8,
            12,
            "0".len(),
            "`index` 0 is already used by person `fab-1001`; expected one person per request index"
        )]
    );
}

#[test]
fn a_request_implies_get_people_details() {
    let file = "fixtures/invalid/OSC040/request-without-method.xml";
    let request = "fixtures/invalid/OSC041/three-recipients.request.xml";
    let (record, code) = record(&[file, "--request", request]);
    assert_eq!(code, Some(1));
    let found: Vec<(&str, u32, u32, usize)> = record
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line, d.column, d.span.end - d.span.start))
        .collect();
    // The person without `index` is found by a rule of GetPeopleDetails answers only,
    // at its start tag.
    assert_eq!(found, [("OSC040", 12, 3, "<person>".len())]);
    // Another method beside a request is a contradiction, said as a usage error.
    let out = oscx(
        &[
            "validate",
            file,
            "--request",
            request,
            "--method",
            "FindPerson",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("oscx: `--request`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_start_with_oscx() {
    let cases: &[&[&str]] = &[
        &["validate", "--fromat", "json", "x.xml"],
        &["validate"],
        &["validate", "--format", "yaml", "x.xml"],
        &["nonsense"],
        &["explain"],
        &["validate", "--target", "2099", "x.xml"],
    ];
    for args in cases {
        let out = oscx(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("oscx: "), "{args:?}: {err}");
        assert!(!err.contains("error: "), "{args:?}: {err}");
    }
}

#[test]
fn flag_values_are_taken_in_any_case() {
    let friends = "fixtures/docs/friends.xml";
    let upper = oscx(&["fmt", "--declaration", "UTF-8", friends], None);
    let lower = oscx(&["fmt", "--declaration", "utf-8", friends], None);
    assert_eq!(upper.status.code(), Some(0), "{}", stderr(&upper));
    assert_eq!(upper.stdout, lower.stdout);
    for args in [
        &[
            "validate",
            "--format",
            "JSON",
            "--fail-on",
            "Warning",
            friends,
        ][..],
        &["validate", "--color", "NEVER", friends],
        &[
            "render",
            "--format",
            "HTML",
            "fixtures/docs/activity-feed.xml",
        ],
        &["convert", "--to", "Json", friends],
        &["rules", "--format", "JSON"],
    ] {
        let out = oscx(args, None);
        assert_ne!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn explain_explains_every_code_by_code_and_every_rule_by_name() {
    let codes = osc_schema::catalog::all();
    for family in ["xml::", "xsd::", "render::", "oscx::", "OSC"] {
        assert!(
            codes.iter().any(|c| c.code.starts_with(family)),
            "no {family} code in the catalogue"
        );
    }
    for info in &codes {
        let out = oscx(&["explain", info.code], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            info.code,
            stderr(&out)
        );
        let text = stdout(&out);
        assert!(text.starts_with(info.code), "{}: {text}", info.code);
        assert!(text.contains(&info.docs_url), "{}: {text}", info.code);
        let lower = info.code.to_ascii_lowercase();
        let again = oscx(&["explain", &lower], None);
        assert_eq!(stdout(&again), text, "{lower}");
    }
    for rule in osc_schema::lint::rules::all() {
        let info = rule.info();
        let by_name = oscx(&["explain", info.name], None);
        let by_id = oscx(&["explain", info.id], None);
        assert_eq!(by_name.status.code(), Some(0), "{}", info.name);
        assert_eq!(stdout(&by_name), stdout(&by_id), "{}", info.name);
    }
    let out = oscx(&["explain", "render::nothing"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("oscx: "), "{}", stderr(&out));
}

#[test]
fn explain_wraps_its_prose_to_the_terminal() {
    let run = |columns: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_oscx"))
            .args(["explain", "OSC010"])
            .env("COLUMNS", columns)
            .output()
            .expect("oscx runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    for width in [50, 72, 120] {
        let text = run(&width.to_string());
        // The prose before the examples; the examples and the address keep their lines.
        let prose = text.split("\nSource: ").next().unwrap_or_default();
        for line in prose.lines() {
            assert!(line.chars().count() <= width, "{width}: `{line}`");
        }
        assert!(
            prose.lines().any(|l| l.chars().count() > width - 20),
            "{width}: lines fill the width:\n{prose}"
        );
    }
    insta::assert_snapshot!("explain_osc010_at_60_columns", run("60"));
}

#[test]
fn rules_as_json_lists_every_rule_with_its_fields() {
    let out = oscx(&["rules", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0));
    let listed: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    let rules = osc_schema::lint::rules::all();
    assert_eq!(listed.len(), rules.len());
    for (entry, rule) in listed.iter().zip(rules) {
        let info = rule.info();
        assert_eq!(entry["id"], info.id);
        assert_eq!(entry["name"], info.name);
        assert_eq!(entry["severity"], info.severity.to_string());
        assert_eq!(entry["summary"], info.summary);
        assert_eq!(entry["explanation"], info.explanation);
        assert!(
            entry["generations"]
                .as_array()
                .is_some_and(|g| !g.is_empty())
        );
        assert!(
            entry["docs"]
                .as_str()
                .is_some_and(|d| d.starts_with("https://"))
        );
    }
}

#[test]
fn the_html_preview_shows_a_date_and_a_time_of_day() {
    let out = oscx(
        &[
            "render",
            "--format",
            "html",
            "fixtures/docs/activity-feed.xml",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.contains("<time datetime=\"2010-03-08T18:30:00\">8 March 2010, 18:30</time>"),
        "{page}"
    );
    assert!(!page.contains(">2010-03-08T18:30:00<"), "{page}");
}

#[test]
fn the_readme_names_every_code() {
    let readme =
        std::fs::read_to_string(support::fixtures::root().join("README.md")).expect("README reads");
    for info in osc_schema::catalog::all() {
        if info.code.starts_with("OSC") {
            continue;
        }
        assert!(
            readme.contains(&format!("| `{}` |", info.code)),
            "README has no table row for {}",
            info.code
        );
    }
}

#[test]
fn render_and_validate_say_a_template_problem_in_the_same_words_at_the_same_place() {
    for feed in [
        "fixtures/render/missing.xml",
        "fixtures/invalid/OSC053/token-name-typo.xml",
        "fixtures/invalid/OSC050/example.xml",
        "fixtures/invalid/OSC054/example.xml",
        "fixtures/invalid/OSC055/example.xml",
    ] {
        let rendered = oscx(&["render", feed], None);
        let said: Vec<String> = stderr(&rendered)
            .lines()
            .filter(|l| l.contains("[OSC05"))
            .map(str::to_owned)
            .collect();
        assert!(!said.is_empty(), "{feed}: {}", stderr(&rendered));
        // No template problem is said twice, once by the rule and once by the preview.
        for code in [
            "no-template",
            "unknown-variable",
            "wrong-type",
            "malformed-token",
        ] {
            assert!(
                !stderr(&rendered).contains(&format!("[render::{code}]")),
                "{feed}: {}",
                stderr(&rendered)
            );
        }
        let (validated, _) = record(&[feed]);
        for line in &said {
            let found = validated.diagnostics.iter().any(|d| {
                line.starts_with(&format!(
                    "oscx: {feed}:{}:{}: {}[{}]: {} (at {})",
                    d.line, d.column, d.severity, d.code, d.message, d.path
                ))
            });
            assert!(
                found,
                "{feed}: `oscx render` said `{line}`, which `oscx validate` does not"
            );
        }
    }
}
