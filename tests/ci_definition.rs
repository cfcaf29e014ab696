//! One definition of "in CI": the tests' (`support::external`) and the scripts'
//! (`scripts/lib/external.sh`) agree on every value of `CI`, and a missing thing skips
//! outside CI and fails in it, in both.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::external::ci_value_is_true;

/// Values of `CI` seen in the wild, and the edge cases of the definition.
const VALUES: [&str; 16] = [
    "",
    "0",
    "1",
    "true",
    "TRUE",
    "True",
    "false",
    "FALSE",
    "no",
    "off",
    "yes",
    "on",
    " true ",
    " 0 ",
    "woodpecker",
    "\t",
];

/// Runs `script` (bash) with the script library sourced and `CI` as given (`None`: unset).
fn bash(ci: Option<&str>, script: &str) -> Output {
    let library = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/lib/external.sh");
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!("source '{}'; {script}", library.display()));
    match ci {
        Some(value) => command.env("CI", value),
        None => command.env_remove("CI"),
    };
    command.output().expect("bash runs")
}

#[test]
fn the_scripts_and_the_tests_agree_on_every_value_of_ci() {
    let mut cases: Vec<Option<&str>> = VALUES.iter().copied().map(Some).collect();
    cases.push(None);
    let mut in_ci = 0;
    for ci in cases {
        let script = bash(ci, "in_ci").status.success();
        assert_eq!(
            script,
            ci_value_is_true(ci),
            "CI={ci:?}: the scripts say {script}"
        );
        in_ci += usize::from(script);
    }
    // Both answers occur, so neither side can agree by always saying the same.
    assert!(in_ci > 3 && in_ci < VALUES.len() - 3, "{in_ci} in CI");
}

#[test]
fn a_missing_thing_skips_outside_ci_and_fails_in_it() {
    let outside = bash(Some("false"), "missing demo 'no such thing'; echo after");
    assert!(outside.status.success());
    assert_eq!(String::from_utf8_lossy(&outside.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&outside.stderr),
        "skipped: demo: no such thing\n"
    );
    let inside = bash(Some("true"), "missing demo 'no such thing'; echo after");
    assert_eq!(inside.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&inside.stdout), "");
    assert!(String::from_utf8_lossy(&inside.stderr).contains("demo: no such thing; CI must"));
}

/// The Rust side of the rule, in a child process of this very test binary so that `CI` can be
/// set for it alone.
#[test]
fn a_test_whose_need_is_missing_skips_outside_ci_and_fails_in_it() {
    if std::env::var_os("OSC_NEED_CHILD").is_some() {
        let found: Option<()> = support::external::need(None, || "no such thing".to_owned());
        assert!(found.is_none());
        return;
    }
    let run = |ci: &str| {
        Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "a_test_whose_need_is_missing_skips_outside_ci_and_fails_in_it",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("OSC_NEED_CHILD", "1")
            .env("CI", ci)
            .output()
            .expect("the test binary runs")
    };
    let outside = run("0");
    assert!(outside.status.success(), "{outside:?}");
    assert!(
        String::from_utf8_lossy(&outside.stderr).contains(
            "skipped: a_test_whose_need_is_missing_skips_outside_ci_and_fails_in_it: no such thing"
        ),
        "{outside:?}"
    );
    let inside = run("true");
    assert!(!inside.status.success(), "{inside:?}");
    let said = String::from_utf8_lossy(&inside.stdout) + String::from_utf8_lossy(&inside.stderr);
    assert!(said.contains("no such thing; CI must provide it"), "{said}");
}
