//! Turning the command line's paths into the list of documents to check: files as given,
//! directories walked recursively for files matching the glob, `-` for standard input.
//!
//! A walk stays inside its directory: a symbolic link found in it that leads to a file
//! outside is skipped with a warning unless [`Links::Anywhere`] is asked for, so that a tree
//! under review cannot have `oscx` read (and quote in a CI log) whatever file the link
//! names, such as `/proc/self/environ`. A path given on the command line is the user's own
//! choice, and is followed wherever it leads.

use std::path::{Path, PathBuf};

use super::Fatal;
use super::glob::Glob;
use super::say::say;

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

/// Where a walk may follow a symbolic link to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Only to a file inside the walked directory; others are skipped with a warning.
    InsideTree,
    /// To a file anywhere (`--follow-links`).
    Anywhere,
}

/// Expands `paths`. Directories contribute their matching files sorted by path, so output
/// does not depend on the file system's listing order; symbolic links to directories are
/// not followed inside a walk, which rules out cycles, and links to files are followed as
/// `links` allows.
pub fn expand(paths: &[PathBuf], glob: &Glob, links: Links) -> Result<Vec<Input>, Fatal> {
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
                let walk_in = Walk {
                    glob,
                    below_cwd,
                    // `None` when the directory has no canonical path: then no link is
                    // known to stay inside, and only `Links::Anywhere` follows any.
                    tree: std::fs::canonicalize(path).ok(),
                    links,
                };
                walk_in.walk(path, "", &mut inputs);
                if inputs.len() == before {
                    say(&format!("warning: no files in `{name}` match the glob"));
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

/// What one walk of a directory given on the command line looks for, and where.
struct Walk<'a> {
    glob: &'a Glob,
    /// Whether the walk is of the working directory, whose files are named relative to it.
    below_cwd: bool,
    /// The walked directory's canonical path.
    tree: Option<PathBuf>,
    links: Links,
}

impl Walk<'_> {
    fn walk(&self, dir: &Path, relative: &str, out: &mut Vec<Input>) {
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
        // Each name taken once: a key made for every comparison of the sort cost more than
        // the rest of the walk.
        let mut entries: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|entry| (entry.file_name(), entry))
            .collect();
        entries.sort_by(|(a, _), (b, _)| a.cmp(b));
        for (file_name, entry) in entries {
            let file_name = file_name.to_string_lossy().into_owned();
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
                self.walk(&path, &rel, out);
                continue;
            }
            let is_file = kind.is_file() || (kind.is_symlink() && path.is_file());
            if !is_file || !self.glob.matches(&rel) {
                continue;
            }
            // Below `.`, the relative path alone names the file, as other tools print it.
            // What `display` shows, without the formatting machinery.
            let name = if self.below_cwd {
                rel.clone()
            } else {
                path.to_string_lossy().into_owned()
            };
            if kind.is_symlink() && !self.may_follow(&path) {
                // The name comes from the tree under review: shown inert.
                say(&format!(
                    "warning: skipped `{name}`: a symbolic link to a file outside the \
                     directory walked (--follow-links follows it)"
                ));
                continue;
            }
            out.push(Input::File { name, path });
        }
    }

    /// Whether the symbolic link at `link` may be followed: to a file inside the walked
    /// tree, or anywhere when asked.
    fn may_follow(&self, link: &Path) -> bool {
        if self.links == Links::Anywhere {
            return true;
        }
        let target = std::fs::canonicalize(link);
        match (&self.tree, target) {
            (Some(tree), Ok(target)) => target.starts_with(tree),
            _ => false,
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
        let inputs = expand(
            &[root.clone(), root.join("missing.xml")],
            &glob,
            Links::InsideTree,
        )
        .expect("expands");
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
        assert!(expand(&["-".into(), "-".into()], &glob, Links::InsideTree).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }
}
