//! The fixture corpus under `fixtures/`: every document in it, and the extra `oscx validate`
//! arguments some of them are checked with.

use std::path::{Path, PathBuf};

/// The package root, where `fixtures/` is.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The extra `oscx validate` arguments of the fixture `xml`: its sidecar `<name>.args`, one
/// argument per line, blank lines left out; none when it has no sidecar.
pub fn args_of(xml: &Path) -> Vec<String> {
    std::fs::read_to_string(xml.with_extension("args"))
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Every `.xml` file under `dir` (relative to the package root), at any depth, sorted.
pub fn xml_under(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture directory reads") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `path` relative to the package root, with `/` between the parts.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .expect("under the package root")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every fixture, with its path relative to the package root; each kind (`docs`, `valid`,
/// `invalid`, `fix`, `render`) checked to be there, so that an empty walk cannot pass for
/// agreement between two ways of checking.
pub fn every_fixture() -> Vec<(String, PathBuf)> {
    let all: Vec<(String, PathBuf)> = xml_under("fixtures")
        .into_iter()
        .map(|p| (relative(&p), p))
        .collect();
    for dir in ["docs", "valid", "invalid", "fix", "render"] {
        let prefix = format!("fixtures/{dir}/");
        assert!(
            all.iter().any(|(name, _)| name.starts_with(&prefix)),
            "no fixture under {prefix}"
        );
    }
    all
}
