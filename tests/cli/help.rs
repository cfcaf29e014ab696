//! Help text: complete for every subcommand, with examples.

use super::{oscx, stdout};

const SUBCOMMANDS: [&str; 9] = [
    "fmt", "validate", "rules", "explain", "convert", "render", "hash", "schema", "host",
];

#[test]
fn top_level_help_lists_every_subcommand_with_examples() {
    let o = oscx(&["--help"], None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for sub in SUBCOMMANDS {
        assert!(
            text.contains(&format!("  {sub} ")),
            "{sub} missing from:\n{text}"
        );
    }
    assert!(
        text.contains("Examples:") && text.contains("Exit codes:"),
        "{text}"
    );
    insta::assert_snapshot!("help_top", text);
}

#[test]
fn each_subcommand_has_help_with_examples() {
    for sub in SUBCOMMANDS {
        let o = oscx(&[sub, "--help"], None);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        let text = stdout(&o);
        assert!(
            text.contains("Examples:"),
            "`oscx {sub} --help` has no examples:\n{text}"
        );
        insta::assert_snapshot!(format!("help_{sub}"), text);
    }
}

#[test]
fn version_prints_the_package_version() {
    let o = oscx(&["--version"], None);
    assert_eq!(stdout(&o), format!("oscx {}\n", env!("CARGO_PKG_VERSION")));
}
