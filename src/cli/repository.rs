//! Where a repository starts: the directory that holds `.git` (a directory, or the file a
//! worktree or submodule has in its place). The walk reads git's ignore files the way git
//! does inside one, and the search for `oscx.toml` stops at its root, so that a checkout is
//! configured by its own files only, never by one above it on a developer's machine.

use std::path::Path;

/// Whether `dir` is the root of a repository.
pub fn is_root(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// Whether `dir` (absolute) is inside a repository, or is the root of one.
pub fn contains(dir: &Path) -> bool {
    dir.ancestors().any(is_root)
}
