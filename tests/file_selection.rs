//! File selection in a provider's repository, which also holds build output, docs and other
//! XML: `.gitignore` and `.ignore` honoured (`--no-ignore` takes everything), `--exclude` and
//! `exclude` in `oscx.toml`, the default glob in any case, each file configured by the
//! nearest `oscx.toml` above it, one file reached twice checked once; and the small ones:
//! `oscx hash -`, `oscx config` without an `oscx.toml`.

mod support;

use std::path::Path;

use support::cli::{TempDir, fixture, oscx_in, stderr, stdout};

const VALID: &str = "fixtures/docs/friends.xml";
/// A warning (OSC012) at its default level.
const LOOKUP: &str = "fixtures/invalid/OSC012/lookup-without-get.xml";

/// The files a `--format json` run reported, in order, and its exit code.
fn checked(dir: &Path, args: &[&str]) -> (Vec<String>, Option<i32>) {
    let o = oscx_in(
        dir,
        &[&["validate", "--format", "json"], args].concat(),
        None,
    );
    let files = stdout(&o)
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            record["file"].as_str().expect("a file name").to_owned()
        })
        .collect();
    (files, o.status.code())
}

/// The codes each file got, as `file: code code` lines, from a `--format json` run.
fn codes(dir: &Path, args: &[&str]) -> Vec<String> {
    let o = oscx_in(
        dir,
        &[&["validate", "--format", "json"], args].concat(),
        None,
    );
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&o)
    );
    stdout(&o)
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let codes: Vec<&str> = record["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(|d| d["code"].as_str().expect("a code"))
                .collect();
            format!(
                "{}: {}",
                record["file"].as_str().expect("file"),
                codes.join(" ")
            )
        })
        .collect()
}

/// A provider's tree: payloads in `src/`, build output in `bin/` that `.gitignore` lists.
fn repository_tree(with_git: bool) -> TempDir {
    let dir = TempDir::new("selection");
    if with_git {
        std::fs::create_dir_all(dir.0.join(".git/info")).expect("a .git directory");
    }
    dir.file(".gitignore", b"# build output\nbin/\n");
    dir.file("src/friends.xml", &fixture(VALID));
    dir.file("bin/friends.xml", &fixture(VALID));
    dir.file("bin/Release/deep/friends.xml", &fixture(VALID));
    dir
}

#[test]
fn gitignore_leaves_build_output_out_with_and_without_a_git_directory() {
    for with_git in [false, true] {
        let dir = repository_tree(with_git);
        let (files, code) = checked(&dir.0, &["."]);
        assert_eq!(code, Some(0), "with .git: {with_git}");
        assert_eq!(files, ["src/friends.xml"], "with .git: {with_git}");
        let (files, _) = checked(&dir.0, &["--no-ignore", "."]);
        assert_eq!(
            files,
            [
                "bin/Release/deep/friends.xml",
                "bin/friends.xml",
                "src/friends.xml"
            ],
            "with .git: {with_git}"
        );
        // Named on the command line, an ignored file is checked.
        let (files, _) = checked(&dir.0, &["bin/friends.xml"]);
        assert_eq!(files, ["bin/friends.xml"], "with .git: {with_git}");
    }
}

#[test]
fn ignore_files_and_git_excludes_count_as_git_and_ripgrep_count_them() {
    let dir = repository_tree(true);
    dir.file("src/.ignore", b"generated-*.xml\n");
    dir.file("src/generated-1.xml", &fixture(VALID));
    dir.file(".git/info/exclude", b"scratch/\n");
    dir.file("scratch/try.xml", &fixture(VALID));
    // In a repository, the root's `.gitignore` applies to a walk of a directory below it.
    dir.file("src/bin/friends.xml", &fixture(VALID));
    let (files, _) = checked(&dir.0, &["."]);
    assert_eq!(files, ["src/friends.xml"]);
    let (files, _) = checked(&dir.0.join("src"), &["."]);
    assert_eq!(files, ["friends.xml"]);
    let (files, _) = checked(&dir.0, &["--no-ignore", "src", "scratch"]);
    let files: Vec<String> = files.iter().map(|f| dir.normalise(f)).collect();
    assert_eq!(
        files,
        [
            "src/bin/friends.xml",
            "src/friends.xml",
            "src/generated-1.xml",
            "scratch/try.xml"
        ]
    );
}

#[test]
fn outside_a_repository_no_ignore_file_above_the_walked_directory_counts() {
    let dir = repository_tree(false);
    dir.file("src/bin/friends.xml", &fixture(VALID));
    // No repository says the tree's root is the project's: `src` is walked on its own.
    let (files, _) = checked(&dir.0.join("src"), &["."]);
    assert_eq!(files, ["bin/friends.xml", "friends.xml"]);
}

#[test]
fn exclude_patterns_from_the_flag_and_from_oscx_toml() {
    let dir = TempDir::new("selection-exclude");
    dir.file("oscx.toml", b"exclude = [\"docs/\", \"*.sample.xml\"]\n");
    dir.file("docs/friends.xml", &fixture(VALID));
    dir.file("a.sample.xml", &fixture(VALID));
    dir.file("captures/a.xml", &fixture(VALID));
    dir.file("captures/old/a.xml", &fixture(VALID));
    // A nested configuration's patterns are relative to its own directory.
    dir.file("vendor/oscx.toml", b"exclude = [\"/third-party\"]\n");
    dir.file("vendor/third-party/a.xml", &fixture(VALID));
    dir.file("vendor/ours/third-party/a.xml", &fixture(VALID));
    let (files, _) = checked(&dir.0, &["."]);
    assert_eq!(
        files,
        [
            "captures/a.xml",
            "captures/old/a.xml",
            "vendor/ours/third-party/a.xml"
        ]
    );
    let (files, _) = checked(
        &dir.0,
        &["--exclude", "captures/old", "--exclude", "ours", "."],
    );
    assert_eq!(files, ["captures/a.xml"]);
    // `--no-ignore` is about ignore files; excludes still apply.
    let (files, _) = checked(&dir.0, &["--no-ignore", "--exclude", "vendor/", "."]);
    assert_eq!(files, ["captures/a.xml", "captures/old/a.xml"]);
    // Named on the command line, an excluded file is checked.
    let (files, _) = checked(&dir.0, &["--exclude", "*.xml", "docs/friends.xml"]);
    assert_eq!(files, ["docs/friends.xml"]);
}

#[test]
fn a_bad_exclude_pattern_is_a_usage_error() {
    let dir = TempDir::new("selection-bad-exclude");
    dir.file("a.xml", &fixture(VALID));
    let o = oscx_in(&dir.0, &["validate", "--exclude", "a{b", "."], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--exclude `a{b`"), "{}", stderr(&o));
    dir.file("oscx.toml", b"exclude = [\"b{\"]\n");
    let o = oscx_in(&dir.0, &["validate", "."], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("exclude `b{`"), "{}", stderr(&o));
}

#[test]
fn the_default_glob_takes_xml_in_any_case_and_a_given_glob_keeps_its_case() {
    let dir = TempDir::new("selection-case");
    dir.file("CAPS.XML", &fixture(VALID));
    dir.file("Mixed.Xml", &fixture(VALID));
    dir.file("lower.xml", &fixture(VALID));
    dir.file("notes.txt", b"not a payload");
    let (files, _) = checked(&dir.0, &["."]);
    assert_eq!(files, ["CAPS.XML", "Mixed.Xml", "lower.xml"]);
    let (files, _) = checked(&dir.0, &["--glob", "*.xml", "."]);
    assert_eq!(files, ["lower.xml"]);
    let (files, _) = checked(&dir.0, &["--glob", "*.XML", "."]);
    assert_eq!(files, ["CAPS.XML"]);
}

#[test]
fn each_file_is_configured_by_the_nearest_oscx_toml_above_it() {
    let dir = TempDir::new("selection-nearest");
    dir.file("quiet/oscx.toml", b"[rules]\nOSC012 = \"allow\"\n");
    dir.file("quiet/caps.xml", &fixture(LOOKUP));
    dir.file("quiet/deeper/caps.xml", &fixture(LOOKUP));
    dir.file("loud/oscx.toml", b"fail-on = \"info\"\n");
    dir.file("loud/caps.xml", &fixture(LOOKUP));
    dir.file("plain/caps.xml", &fixture(LOOKUP));
    let found = codes(&dir.0, &["."]);
    assert_eq!(
        found,
        [
            "loud/caps.xml: OSC012",
            "plain/caps.xml: OSC012",
            "quiet/caps.xml: ",
            "quiet/deeper/caps.xml: "
        ]
    );
    // From elsewhere, by name: the same configurations.
    let found = codes(&dir.0.join("loud"), &["../quiet/caps.xml", "caps.xml"]);
    assert_eq!(found, ["../quiet/caps.xml: ", "caps.xml: OSC012"]);
    // `--config` configures every file.
    let found = codes(&dir.0, &["--config", "quiet/oscx.toml", "loud", "plain"]);
    assert_eq!(found, ["loud/caps.xml: ", "plain/caps.xml: "]);
}

#[test]
fn the_search_for_oscx_toml_stops_at_the_repository_root() {
    let dir = TempDir::new("selection-repository");
    dir.file("oscx.toml", b"[rules]\nOSC012 = \"allow\"\n");
    dir.file("checkout/.git/HEAD", b"ref: refs/heads/main\n");
    dir.file("checkout/caps.xml", &fixture(LOOKUP));
    dir.file("elsewhere/caps.xml", &fixture(LOOKUP));
    let found = codes(&dir.0, &["checkout", "elsewhere"]);
    assert_eq!(found, ["checkout/caps.xml: OSC012", "elsewhere/caps.xml: "]);
}

#[cfg(unix)]
#[test]
fn one_file_given_twice_is_checked_once() {
    let dir = TempDir::new("selection-twice");
    dir.file("a.xml", &fixture(VALID));
    dir.file("sub/b.xml", &fixture(VALID));
    std::os::unix::fs::symlink("sub/b.xml", dir.0.join("link.xml")).expect("a link");
    for (args, expected) in [
        (&["a.xml", "./a.xml"][..], &["a.xml"][..]),
        (
            &["a.xml", "sub/../a.xml", "sub", "."],
            &["a.xml", "sub/b.xml"],
        ),
        // Through a link: under the name it was reached by first.
        (&["link.xml", "sub"], &["link.xml"]),
        (&["sub", "link.xml"], &["sub/b.xml"]),
    ] {
        let (files, code) = checked(&dir.0, args);
        assert_eq!(code, Some(0), "{args:?}");
        assert_eq!(files, expected, "{args:?}");
    }
    let o = oscx_in(&dir.0, &["validate", "a.xml", "./a.xml"], None);
    assert!(stdout(&o).contains("checked 1 file:"), "{}", stdout(&o));
}

#[test]
fn hash_reads_addresses_from_stdin_one_a_line() {
    let dir = TempDir::new("selection-hash");
    let args = |extra: &[&'static str]| [&["hash", "--function", "md5"][..], extra].concat();
    let given = oscx_in(
        &dir.0,
        &args(&["a@x.example", " B@Y.example ", "c@z.example"]),
        None,
    );
    assert_eq!(given.status.code(), Some(0), "{}", stderr(&given));
    let piped = oscx_in(
        &dir.0,
        &args(&["-"]),
        Some(b"a@x.example\r\n\n   \n B@Y.example \nc@z.example"),
    );
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert_eq!(stdout(&piped), stdout(&given));
    assert_eq!(stdout(&piped).lines().count(), 3);
    // Among addresses, in its place.
    let mixed = oscx_in(
        &dir.0,
        &args(&["a@x.example", "-", "c@z.example"]),
        Some(b" B@Y.example \n"),
    );
    assert_eq!(stdout(&mixed), stdout(&given));
    // Not the string "-".
    let dash = oscx_in(&dir.0, &args(&["-"]), Some(b""));
    assert_eq!(stdout(&dash), "");
    let twice = oscx_in(&dir.0, &args(&["-", "-"]), Some(b"a@x.example\n"));
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains("more than once"),
        "{}",
        stderr(&twice)
    );
    let binary = oscx_in(&dir.0, &args(&["-"]), Some(b"a@x\xff\n"));
    assert_eq!(binary.status.code(), Some(2));
    assert!(stderr(&binary).contains("not UTF-8"), "{}", stderr(&binary));
}

#[test]
fn config_alone_shows_the_defaults_without_an_oscx_toml() {
    let dir = TempDir::new("selection-config");
    dir.file(".git/HEAD", b"ref: refs/heads/main\n");
    let alone = oscx_in(&dir.0, &["config"], None);
    let show = oscx_in(&dir.0, &["config", "--show"], None);
    assert_eq!(alone.status.code(), Some(0), "{}", stderr(&alone));
    assert_eq!(stdout(&alone), stdout(&show));
    insta::assert_snapshot!("config_defaults", stdout(&alone));
    // The defaults, as printed, are a configuration that changes nothing.
    dir.file("oscx.toml", &alone.stdout);
    let o = oscx_in(&dir.0, &["config"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("fail-on = \"error\""), "{}", stdout(&o));
}

#[test]
fn a_bad_line_in_an_ignore_file_is_a_warning_and_the_others_still_count() {
    let dir = TempDir::new("selection-bad-ignore");
    dir.file("project/.gitignore", b"# build output\nbin/{\nbin/\n");
    dir.file("project/bin/friends.xml", &fixture(VALID));
    dir.file("project/src/friends.xml", &fixture(VALID));
    // Hidden files are taken like others.
    dir.file("project/.github/friends.xml", &fixture(VALID));
    // Outside a repository, an ignore file above the walked directory neither counts nor
    // is warned about.
    dir.file(".gitignore", b"src/\n[\n{\n");
    let o = oscx_in(
        &dir.0.join("project"),
        &["validate", "--format", "json", "."],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            record["file"].as_str().expect("a file name").to_owned()
        })
        .collect();
    assert_eq!(files, [".github/friends.xml", "src/friends.xml"]);
    assert_eq!(
        stderr(&o),
        "oscx: warning: `./.gitignore`, line 2: not a pattern that can be read; left out\n\
         oscx: checked 2 files: 0 invalid, 0 errors, 0 warnings\n"
    );
}

#[test]
fn a_walk_takes_each_directory_in_name_order_whatever_the_listing_order() {
    let dir = TempDir::new("selection-order");
    let valid = fixture(VALID);
    // Names that order differently by name than by the whole path's bytes (`a` before
    // `a-c.xml`, though `/` comes after `-`), or by case, or beyond ASCII.
    for name in [
        "é.xml",
        "a.xml",
        "a-c.xml",
        "a/z/y.xml",
        "a/b.xml",
        "B.xml",
        "a/a0.xml",
        "a0.xml",
    ] {
        dir.file(name, &valid);
    }
    let (files, code) = checked(Path::new(dir.path()), &["."]);
    assert_eq!(code, Some(0));
    let files: Vec<String> = files.iter().map(|f| f.replace('\\', "/")).collect();
    assert_eq!(
        files,
        [
            "B.xml",
            "a/a0.xml",
            "a/b.xml",
            "a/z/y.xml",
            "a-c.xml",
            "a.xml",
            "a0.xml",
            "é.xml",
        ]
    );
}
