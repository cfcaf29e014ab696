//! Every XSD finding code has an invalid fixture whose human output is a snapshot, and every
//! valid fixture passes.
//!
//! Layout: `fixtures/invalid/<code with :: as ->/<name>[.target-<generation>].xml`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn oscx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oscx"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("oscx runs")
}

fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixture dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(xml_files(&path));
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The XSD layer's fixtures; `fixtures/invalid/OSCnnn/` belong to the lint rules.
fn is_xsd_fixture(path: &Path) -> bool {
    let dir = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|d| d.to_str())
        .unwrap_or("");
    !dir.starts_with("OSC") && !path.to_string_lossy().ends_with(".request.xml")
}

/// The `--target` a fixture asks for in its name, if any.
fn target_of(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    stem.split_once(".target-").map(|(_, t)| t.to_owned())
}

#[test]
fn each_invalid_fixture_reports_its_code_and_matches_its_snapshot() {
    let files: Vec<PathBuf> = xml_files(&root().join("fixtures/invalid"))
        .into_iter()
        .filter(|f| is_xsd_fixture(f))
        .collect();
    assert!(files.len() >= 15, "only {} invalid fixtures", files.len());
    for file in files {
        let rel = file.strip_prefix(root()).expect("under the root");
        let rel_str = rel.to_str().expect("utf-8 path");
        let dir = rel
            .parent()
            .and_then(Path::file_name)
            .and_then(|d| d.to_str())
            .expect("dir");
        let mut args = vec!["validate".to_owned(), "--no-lint".to_owned()];
        if let Some(t) = target_of(&file) {
            args.extend(["--target".to_owned(), t]);
        }
        args.push(rel_str.to_owned());
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = oscx(&argv);
        let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
        assert_eq!(out.status.code(), Some(1), "{rel_str}: {stdout}");
        if dir != "three-errors" {
            let code = dir.replacen('-', "::", 1);
            assert!(
                stdout.contains(&format!("error[{code}]")),
                "{rel_str}: {stdout}"
            );
        }
        let name = rel_str
            .trim_start_matches("fixtures/invalid/")
            .replace('/', "__");
        insta::assert_snapshot!(name, stdout);
    }
}

#[test]
fn three_independent_errors_are_all_reported() {
    let out = oscx(&[
        "validate",
        "fixtures/invalid/three-errors/person-with-three-independent-errors.xml",
    ]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    assert_eq!(
        stdout.matches("\nerror[").count() + usize::from(stdout.starts_with("error[")),
        3,
        "{stdout}"
    );
    assert!(stdout.contains("1 invalid, 3 errors"), "{stdout}");
}

/// Reader and validator codes without an invalid fixture of their own, and why.
const WITHOUT_FIXTURE: &[(&str, &str)] = &[
    (
        "xsd::no-namespace",
        "an info, never makes a file invalid: src/xsd/tests.rs covers the namespace-less request",
    ),
    (
        "xsd::identity-constraint",
        "only a `--schema` with identity constraints gives it, and the OSC schemas have none: tests/identity_constraints.rs covers it",
    ),
    (
        "xsd::schema-error",
        "only if an embedded schema failed to compile, which the schema tests rule out",
    ),
    (
        "xml::encoding-mismatch",
        "a warning, never makes a file invalid: src/text/decode.rs covers it",
    ),
];

#[test]
fn every_reader_and_validator_code_has_an_invalid_fixture() {
    let dirs: Vec<String> = std::fs::read_dir(root().join("fixtures/invalid"))
        .expect("invalid fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let codes: Vec<&str> = osc_schema::catalog::all()
        .into_iter()
        .map(|c| c.code)
        .filter(|c| c.starts_with("xml::") || c.starts_with("xsd::"))
        .collect();
    assert!(codes.len() >= 18, "only {} codes catalogued", codes.len());
    for code in codes {
        if WITHOUT_FIXTURE.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let dir = code.replace("::", "-");
        assert!(dirs.contains(&dir), "no fixtures/invalid/{dir}/ for {code}");
    }
}

#[test]
fn the_valid_fixtures_pass() {
    let files = xml_files(&root().join("fixtures/docs"));
    let paths: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(root())
                .expect("under root")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["validate", "--no-lint"];
    args.extend(paths.iter().map(String::as_str));
    let out = oscx(&args);
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "checked {} files: 0 invalid, 0 errors",
            files.len()
        )),
        "{stdout}"
    );
}
