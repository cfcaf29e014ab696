//! Turning the command line's paths into the list of documents to check: files as given,
//! directories walked recursively for files matching the glob, `-` for standard input.

use std::path::{Path, PathBuf};

use super::Fatal;
use super::glob::Glob;

/// One document to check, in the order the run reports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file, and how to name it in reports.
    File { path: PathBuf, name: String },
    /// A path that cannot be checked, and why; reported in its place, then the run exits 2.
    Unreadable { name: String, reason: String },
}

/// Expands `paths`. Directories contribute their matching files sorted by path, so output
/// does not depend on the file system's listing order; symbolic links to directories are
/// not followed inside a walk, which rules out cycles.
pub fn expand(paths: &[PathBuf], glob: &Glob) -> Result<Vec<Input>, Fatal> {
    let mut inputs = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_seen {
                return Err(Fatal("`-` (standard input) is given more than once".into()));
            }
            stdin_seen = true;
            inputs.push(Input::Stdin);
            continue;
        }
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                let below_cwd = path.as_os_str() == "." || path.as_os_str() == "./";
                walk(path, "", glob, &mut inputs, below_cwd);
                if inputs.len() == before {
                    eprintln!("oscx: warning: no files in `{name}` match the glob");
                }
            }
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                name,
            }),
            Err(e) => inputs.push(Input::Unreadable {
                reason: format!("cannot read `{name}`: {e}"),
                name,
            }),
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, relative: &str, glob: &Glob, out: &mut Vec<Input>, below_cwd: bool) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let name = dir.display().to_string();
            out.push(Input::Unreadable {
                reason: format!("cannot read directory `{name}`: {e}"),
                name,
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let rel = if relative.is_empty() {
            file_name
        } else {
            format!("{relative}/{file_name}")
        };
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, &rel, glob, out, below_cwd);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && glob.matches(&rel) {
            // Below `.`, the relative path alone names the file, as other tools print it.
            let name = if below_cwd {
                rel.clone()
            } else {
                path.display().to_string()
            };
            out.push(Input::File { name, path });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_filters() {
        let root = std::env::temp_dir().join(format!("oscx-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in ["b/2.xml", "b/1.xml", "a.xml", "c/deep/x.xml", "c/skip.txt"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
            std::fs::write(&p, "<x/>").expect("write");
        }
        let glob = Glob::new("*.xml").expect("glob");
        let inputs = expand(&[root.clone(), root.join("missing.xml")], &glob).expect("expands");
        let names: Vec<String> = inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => path
                    .strip_prefix(&root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                Input::Unreadable { .. } => "unreadable".into(),
                Input::Stdin => "-".into(),
            })
            .collect();
        assert_eq!(
            names,
            ["a.xml", "b/1.xml", "b/2.xml", "c/deep/x.xml", "unreadable"]
        );
        assert!(expand(&["-".into(), "-".into()], &glob).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }
}
