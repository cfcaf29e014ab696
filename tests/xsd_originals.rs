//! Our schema files against Microsoft's originals: the originals load unchanged in our
//! engine, and ours give the same verdicts as the originals, in our engine and in xmllint.
//!
//! The originals live in `../shared/reference/xsd` beside the repository, or in the directory
//! `OSC_REFERENCE_XSD` names. Where they are missing these tests skip, saying so, outside CI
//! and fail in CI (`support::external`).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use osc_schema::{Target, Validator};
use support::{corpus, external};

/// The originals these tests read.
const ORIGINALS: [&str; 3] = [
    "OutlookSocialProvider_1.0.original-utf16.xsd",
    "OutlookSocialProvider_1.1-2010.original-utf16.xsd",
    "OutlookSocialProvider_1.1-2013.utf8.xsd",
];

/// The reference directory, if it holds every original these tests read.
fn reference_dir() -> Option<PathBuf> {
    external::reference_xsds(ORIGINALS).map(|_| external::reference_xsd_dir())
}

/// Our schema file and the original it restates, per generation.
fn pairs(reference: &Path) -> [(Target, PathBuf, PathBuf); 3] {
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    [
        (
            Target::BeforeOutlook2010,
            ours.join("osc-1.0.xsd"),
            reference.join("OutlookSocialProvider_1.0.original-utf16.xsd"),
        ),
        (
            Target::Outlook2010,
            ours.join("osc-1.1.xsd"),
            reference.join("OutlookSocialProvider_1.1-2010.original-utf16.xsd"),
        ),
        (
            Target::Outlook2013,
            ours.join("osc-2013.xsd"),
            reference.join("OutlookSocialProvider_1.1-2013.utf8.xsd"),
        ),
    ]
}

fn load(path: &Path) -> Validator {
    let bytes = std::fs::read(path).expect("schema file reads");
    Validator::from_xsd(bytes).unwrap_or_else(|e| panic!("{} loads: {e}", path.display()))
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("fixture reads")
}

/// Every fixture (valid and invalid) as text; undecodable ones are left out.
fn fixture_documents() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("fixture dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "xml") {
                let bytes = std::fs::read(&path).expect("fixture reads");
                if let Ok(d) = osc_schema::xml::decode::decode(&bytes) {
                    out.push((path.display().to_string(), d.text.into_owned()));
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out.sort();
    out
}

fn documents() -> Vec<(String, String)> {
    let mut docs = fixture_documents();
    docs.extend(
        corpus::generate(0x05C_2013, 1500)
            .into_iter()
            .map(|d| (d.file_name(), d.xml)),
    );
    docs
}

#[test]
fn the_microsoft_originals_load_unchanged() {
    let Some(reference) = reference_dir() else {
        return;
    };
    for name in [
        "OutlookSocialProvider_1.0.original-utf16.xsd",
        "OutlookSocialProvider_1.1-2010.original-utf16.xsd",
    ] {
        let bytes = std::fs::read(reference.join(name)).expect("original reads");
        assert_eq!(
            &bytes[..2],
            &[0xFF, 0xFE],
            "{name} is UTF-16LE with a byte order mark"
        );
        let schema = osc_schema::xsd::load(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut roots: Vec<_> = schema.root_names().collect();
        roots.sort_unstable();
        let expected: &[&str] = if name.contains("1.0") {
            &["activityFeed", "capabilities", "friends"]
        } else {
            &[
                "activityFeed",
                "capabilities",
                "friends",
                "hashedAddresses",
                "person",
            ]
        };
        assert_eq!(roots, expected, "{name}");
    }
}

#[test]
fn the_originals_judge_the_docs_examples_as_the_issue_says() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let v11 = load(&reference.join("OutlookSocialProvider_1.1-2010.original-utf16.xsd"));
    let v10 = load(&reference.join("OutlookSocialProvider_1.0.original-utf16.xsd"));
    for name in [
        "docs/capabilities.xml",
        "docs/friends.xml",
        "docs/activity-feed.xml",
    ] {
        let doc = fixture(name);
        let report = v11.validate_str(&doc);
        assert!(report.is_valid(), "{name}: {:?}", report.diagnostics());
        let report = v10.validate_str(&doc);
        let codes: Vec<_> = report
            .diagnostics()
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["xsd::unknown-root"], "{name}");
    }
    let report = v10.validate_str(&fixture("docs/friends-1.0.xml"));
    assert!(report.is_valid(), "{:?}", report.diagnostics());
}

#[test]
fn our_schemas_and_the_originals_agree_in_our_engine() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let docs = documents();
    let mut compared = 0;
    for (target, ours, original) in pairs(&reference) {
        let (ours, original) = (load(&ours), load(&original));
        let mut valid = 0;
        for (name, xml) in &docs {
            let a = ours.validate_str(xml);
            let b = original.validate_str(xml);
            let findings = |r: &osc_schema::Report| {
                r.diagnostics()
                    .iter()
                    .map(|d| (d.code.to_string(), d.location.line, d.location.column))
                    .collect::<Vec<_>>()
            };
            assert_eq!(a.is_valid(), b.is_valid(), "{target}: {name}\n{xml}");
            assert_eq!(findings(&a), findings(&b), "{target}: {name}\n{xml}");
            valid += usize::from(a.is_valid());
            compared += 1;
        }
        // Both verdicts occur, so agreement is not vacuous.
        assert!(
            valid > 50 && valid < docs.len() - 50,
            "{target}: {valid} valid of {}",
            docs.len()
        );
    }
    eprintln!("compared {compared} verdicts");
}

#[test]
fn our_schemas_and_the_originals_agree_in_xmllint() {
    let Some(reference) = reference_dir() else {
        return;
    };
    if external::xmllint().is_none() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("osc-originals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let docs = documents();
    let mut files = Vec::new();
    for (i, (_, xml)) in docs.iter().enumerate() {
        let path = dir.join(format!("doc{i:05}.xml"));
        std::fs::write(&path, xml).expect("write document");
        files.push(path);
    }
    for (target, ours, original) in pairs(&reference) {
        let a = xmllint_verdicts(&ours, &files);
        let b = xmllint_verdicts(&original, &files);
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert_eq!(x, y, "{target}: {}\n{}", docs[i].0, docs[i].1);
        }
        assert!(
            a.iter().any(|v| *v) && a.iter().any(|v| !*v),
            "{target}: one-sided verdicts"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// xmllint's verdict per file, in order; files are passed in batches.
fn xmllint_verdicts(schema: &Path, files: &[PathBuf]) -> Vec<bool> {
    let mut verdicts = Vec::with_capacity(files.len());
    for chunk in files.chunks(400) {
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schema)
            .args(chunk)
            .output()
            .expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        for file in chunk {
            let name = file.display().to_string();
            let ok = stderr.contains(&format!("{name} validates"));
            let bad = stderr.contains(&format!("{name} fails to validate"))
                || stderr.lines().any(|l| l.starts_with(&format!("{name}:")));
            assert!(ok || bad, "no verdict for {name}: {stderr}");
            verdicts.push(ok && !bad);
        }
    }
    verdicts
}
