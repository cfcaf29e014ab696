//! Turning the command line's paths into the list of documents to check: files as given,
//! directories walked recursively, `-` for standard input. Every command that takes
//! directories walks them through [`expand`], with the flags of [`WalkArgs`], so that they
//! all take the same files.
//!
//! A walk takes the files the glob matches, and leaves out:
//! - what `.gitignore` and `.ignore` files list, and inside a repository git's own excludes
//!   (`.git/info/exclude`, the global excludes file), as git and ripgrep do, unless
//!   `--no-ignore`. Inside a repository the ignore files above the walked directory count
//!   too, up to the repository's root; outside one (a tarball, a CI checkout without `.git`)
//!   those in the walked directory and below it do, and none above it, since nothing says
//!   where the project starts;
//! - what `--exclude` (relative to the working directory) and `exclude` in `oscx.toml`
//!   (relative to the file's directory) list, in the configuration of each directory met;
//! - anything but files and links to files: a FIFO, a device or a socket met in a tree
//!   could block the run or never end.
//!
//! Hidden files are taken like others. A path named on the command line is always taken,
//! whatever ignore files and excludes say: it is the user's own choice.
//!
//! A walk stays inside its directory: a symbolic link found in it that leads to a file
//! outside is skipped with a warning unless [`Links::Anywhere`] is asked for, so that a tree
//! under review cannot have `oscx` read (and quote in a CI log) whatever file the link
//! names, such as `/proc/self/environ`. A path given on the command line is the user's own
//! choice, and is followed wherever it leads. Links to directories are not followed inside
//! a walk, which rules out cycles.
//!
//! One file reached twice (named twice as `a.xml ./a.xml`, through a directory and by name,
//! through a link) is taken once, under the name it was first reached by.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::WalkBuilder;
use ignore::gitignore::Gitignore;

use super::Fatal;
use super::config::compile_excludes;
use super::configs::Configs;
use super::glob::Glob;
use super::repository;
use super::same_file::FileId;
use super::say::say;

/// The glob a walk takes files by when none is given, matched in any case.
pub const DEFAULT_GLOB: &str = "*.xml";

/// Which files directory walks take: flags every command that walks directories shares.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WalkArgs {
    /// Which files in directories to take: `*` and `?` within a name, `**` across
    /// directories; a pattern without `/` matches the file name. A pattern given here
    /// matches case as written [default: *.xml, in any case, so `CAPS.XML` too].
    #[arg(long, value_name = "PATTERN")]
    pub glob: Option<String>,
    /// In directories, leave out files and directories this gitignore-style pattern matches,
    /// relative to the working directory (repeatable); `exclude` in oscx.toml adds more. A
    /// file named on the command line is taken all the same.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// In directories, also take the files that `.gitignore` and `.ignore` files (and, in a
    /// repository, git's own excludes) leave out.
    #[arg(long)]
    pub no_ignore: bool,
    /// In directories, also take files that symbolic links lead to outside the directory
    /// given. Without it such a link is skipped with a warning, so that a tree under review
    /// cannot have any other file on the machine read and quoted in the log.
    #[arg(long)]
    pub follow_links: bool,
}

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

/// Expands `paths` as `walk` says, leaving out what the configuration of each directory
/// met excludes. Directories contribute their files sorted by path, so output does not
/// depend on the file system's listing order.
///
/// # Errors
/// A glob or `--exclude` pattern that does not parse, `-` given twice, or an `oscx.toml`
/// met in a walk that cannot be read.
pub fn expand(paths: &[PathBuf], walk: &WalkArgs, configs: &Configs) -> Result<Vec<Input>, Fatal> {
    let selection = Selection::new(walk)?;
    let mut found = Found::default();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_seen {
                return Err(Fatal("`-` (standard input) is given more than once".into()));
            }
            stdin_seen = true;
            found.inputs.push(Input::Stdin);
            continue;
        }
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                if selection.walk(path, configs, &mut found)? == 0 {
                    say(&format!(
                        "warning: no files in `{name}` match the glob and are neither ignored \
                         nor excluded"
                    ));
                }
            }
            Ok(meta) => found.known_file(path.clone(), name, &meta),
            Err(e) => found.inputs.push(Input::Unreadable {
                reason: format!("cannot read `{name}`: {e}"),
                name,
            }),
        }
    }
    Ok(found.inputs)
}

/// `path` made absolute against the working directory, with `.` and `..` taken out by
/// their names alone: `legacy/../caps.xml` is `caps.xml` in the working directory, as the
/// user reads it. Directories looked up from it, and patterns relative to them, then agree
/// however a path was spelt.
pub fn absolute(path: &Path) -> PathBuf {
    crate::check::fingerprint::without_dots(
        &std::path::absolute(path).unwrap_or_else(|_| path.to_owned()),
    )
}

/// `path` made absolute against the absolute directory `dir` as [`absolute`] makes it against
/// the working directory, without asking the system for it once more: a walk asks for every
/// file.
pub fn absolute_in(dir: &Path, path: &Path) -> PathBuf {
    crate::check::fingerprint::without_dots(&dir.join(path))
}

/// The inputs found so far, and the files among them, each known once.
#[derive(Default)]
struct Found {
    inputs: Vec<Input>,
    files: HashSet<FileId>,
}

impl Found {
    /// Takes the file at `path` unless it was taken already (by another name).
    fn file(&mut self, path: PathBuf, name: String) {
        // A file with no identity cannot be read either: it is taken, to be reported.
        if FileId::of(&path).is_none_or(|id| self.files.insert(id)) {
            self.inputs.push(Input::File { path, name });
        }
    }

    /// [`Found::file`] for a file whose metadata is at hand.
    fn known_file(&mut self, path: PathBuf, name: String, meta: &std::fs::Metadata) {
        if self.files.insert(FileId::known(&path, meta)) {
            self.inputs.push(Input::File { path, name });
        }
    }
}

/// The flags of a walk, checked.
struct Selection {
    glob: Glob,
    links: Links,
    ignore_files: bool,
    /// `--exclude`, relative to the working directory.
    exclude: Option<Gitignore>,
}

impl Selection {
    fn new(walk: &WalkArgs) -> Result<Selection, Fatal> {
        let glob = match &walk.glob {
            Some(pattern) => Glob::new(pattern),
            None => Glob::any_case(DEFAULT_GLOB),
        }
        .map_err(Fatal)?;
        let cwd = absolute(Path::new("."));
        let exclude = compile_excludes(&cwd, &walk.exclude).map_err(|e| Fatal(format!("--{e}")))?;
        Ok(Selection {
            glob,
            links: if walk.follow_links {
                Links::Anywhere
            } else {
                Links::InsideTree
            },
            ignore_files: !walk.no_ignore,
            exclude,
        })
    }

    /// Walks the directory `root` given on the command line into `found`; how many files
    /// it took (before those taken already are left out).
    fn walk(&self, root: &Path, configs: &Configs, found: &mut Found) -> Result<usize, Fatal> {
        let absolute_root = absolute(root);
        let in_repository = repository::contains(&absolute_root);
        let ignore_files = self.ignore_files;
        let parents = ignore_files && in_repository;
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(false)
            .follow_links(false)
            // Siblings' paths differ only in their names, so comparing the paths whole
            // orders them by name, without taking each name out of its path for every
            // comparison (which made sorting a directory of a thousand files cost as
            // much as checking a tenth of them).
            .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
            .ignore(ignore_files)
            .git_ignore(ignore_files)
            .git_exclude(ignore_files && in_repository)
            .git_global(ignore_files && in_repository)
            .parents(parents)
            .require_git(in_repository);
        let failed = Arc::new(Mutex::new(None));
        builder.filter_entry({
            let exclude = self.exclude.clone();
            let configs = configs.clone();
            let failed = failed.clone();
            let root = root.to_owned();
            move |entry| {
                // The absolute path is worked out only when a pattern may match it.
                let absolute_path = || match entry.path().strip_prefix(&root) {
                    Ok(below) => absolute_in(&absolute_root, below),
                    Err(_) => absolute(entry.path()),
                };
                let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
                let mut path = None;
                if let Some(exclude) = &exclude {
                    let path = path.insert(absolute_path());
                    if exclude.matched(&*path, is_dir).is_ignore() {
                        return false;
                    }
                }
                // The configuration of the entry's directory, known by the directory's text
                // as walked once it was asked for.
                match configs.of_file(entry.path()) {
                    Ok(config) if config.excludes_any() => {
                        let path = path.unwrap_or_else(absolute_path);
                        !config.excludes(&path, is_dir)
                    }
                    Ok(_) => true,
                    Err(e) => {
                        let mut failed = failed.lock().unwrap_or_else(PoisonError::into_inner);
                        failed.get_or_insert(e);
                        true
                    }
                }
            }
        });
        let tree = Tree {
            root,
            below_cwd: root.as_os_str() == "." || root.as_os_str() == "./",
            // `None` when the directory has no canonical path: then no link is known to
            // stay inside, and only `Links::Anywhere` follows any.
            canonical: std::fs::canonicalize(root).ok(),
            links: self.links,
        };
        let mut taken = 0;
        for item in builder.build() {
            if let Some(e) = failed.lock().unwrap_or_else(PoisonError::into_inner).take() {
                return Err(e);
            }
            let entry = match item {
                Ok(entry) => entry,
                Err(e) => {
                    not_walked(&e, parents, found);
                    continue;
                }
            };
            if let Some(e) = entry.error() {
                warn_not_read(e);
            }
            let Some(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                continue;
            }
            let path = entry.path();
            let is_file = kind.is_file() || (kind.is_symlink() && path.is_file());
            if !is_file {
                continue;
            }
            let relative = tree.relative(path);
            if !self.glob.matches(&relative) {
                continue;
            }
            // Below `.`, the relative path alone names the file, as other tools print it.
            let name = if tree.below_cwd {
                relative
            } else {
                path.to_string_lossy().into_owned()
            };
            if kind.is_symlink() && !tree.may_follow(path) {
                // The name comes from the tree under review: shown inert.
                say(&format!(
                    "warning: skipped `{name}`: a symbolic link to a file outside the \
                     directory walked (--follow-links follows it)"
                ));
                continue;
            }
            taken += 1;
            found.file(path.to_owned(), name);
        }
        match failed.lock().unwrap_or_else(PoisonError::into_inner).take() {
            Some(e) => Err(e),
            None => Ok(taken),
        }
    }
}

/// A directory given on the command line, being walked.
struct Tree<'a> {
    root: &'a Path,
    /// Whether the walk is of the working directory, whose files are named relative to it.
    below_cwd: bool,
    /// The walked directory's canonical path.
    canonical: Option<PathBuf>,
    links: Links,
}

impl Tree<'_> {
    /// `path` below the walked directory, `/`-separated, as globs match it.
    fn relative(&self, path: &Path) -> String {
        let below = path.strip_prefix(self.root).unwrap_or(path);
        let names: Vec<_> = below
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        names.join("/")
    }

    /// Whether the symbolic link at `link` may be followed: to a file inside the walked
    /// tree, or anywhere when asked.
    fn may_follow(&self, link: &Path) -> bool {
        if self.links == Links::Anywhere {
            return true;
        }
        let target = std::fs::canonicalize(link);
        match (&self.canonical, target) {
            (Some(tree), Ok(target)) => target.starts_with(tree),
            _ => false,
        }
    }
}

/// What a walk could not read: a directory is reported in its place as an input that
/// cannot be checked; anything else is warned about, and the walk goes on. The ignore files
/// above the walked directory are read even where they do not count: what is wrong with
/// them is said only when `parents` (they count).
fn not_walked(error: &ignore::Error, parents: bool, found: &mut Found) {
    if !in_the_tree(error) {
        if parents {
            warn_not_read(error);
        }
        return;
    }
    match (error_path(error), error.io_error()) {
        (Some(path), Some(io)) if path.is_dir() => {
            let name = path.display().to_string();
            // The walker's own account repeats the path; the system's cause is enough.
            let cause = io
                .get_ref()
                .and_then(std::error::Error::source)
                .map_or_else(|| io.to_string(), ToString::to_string);
            found.inputs.push(Input::Unreadable {
                reason: format!("cannot read directory `{name}`: {cause}"),
                name,
            });
        }
        _ => warn_not_read(error),
    }
}

/// Whether an error of the walk is about the walked tree (it has a depth in it), not about
/// an ignore file above it.
fn in_the_tree(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::WithDepth { .. } => true,
        ignore::Error::WithPath { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            in_the_tree(err)
        }
        _ => false,
    }
}

/// The path an error of the walk is about, if it names one.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// Warns about what a walk could not read (an ignore file, or a line of one); the walk goes
/// on without it, as git's does. A pattern is not quoted: the file's line says it.
fn warn_not_read(error: &ignore::Error) {
    fn visit(error: &ignore::Error, path: Option<&Path>, line: Option<u64>) {
        let shown = path.map_or_else(
            || "an ignore file".to_owned(),
            |p| format!("`{}`", p.display()),
        );
        match error {
            ignore::Error::Partial(errors) => {
                for error in errors {
                    visit(error, path, line);
                }
            }
            ignore::Error::WithPath { path, err } => visit(err, Some(path), line),
            ignore::Error::WithLineNumber { line, err } => visit(err, path, Some(*line)),
            ignore::Error::WithDepth { err, .. } => visit(err, path, line),
            ignore::Error::Io(io) => say(&format!("warning: cannot read {shown}: {io}")),
            _ => {
                let at = line.map_or_else(String::new, |n| format!(", line {n}"));
                say(&format!(
                    "warning: {shown}{at}: not a pattern that can be read; left out"
                ));
            }
        }
    }
    visit(error, None, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_filters() {
        let root = std::env::temp_dir().join(format!("oscx-paths-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in ["b/2.xml", "b/1.xml", "a.xml", "c/deep/X.XML", "c/skip.txt"] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
            std::fs::write(&p, "<x/>").expect("write");
        }
        let walk = WalkArgs::default();
        let configs = Configs::new(None).expect("no file to read");
        let inputs = expand(
            &[root.clone(), root.join("missing.xml"), root.join("a.xml")],
            &walk,
            &configs,
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
        // `a.xml` again is the file the walk took already.
        assert_eq!(
            names,
            ["a.xml", "b/1.xml", "b/2.xml", "c/deep/X.XML", "unreadable"]
        );
        assert!(expand(&["-".into(), "-".into()], &walk, &configs).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn dots_are_taken_out_by_name() {
        let cwd = std::env::current_dir().expect("a working directory");
        assert_eq!(absolute(Path::new("a/../b/./c.xml")), cwd.join("b/c.xml"));
        assert_eq!(absolute(Path::new("/x/y/../../z")), Path::new("/z"));
        assert_eq!(absolute(Path::new("/..")), Path::new("/"));
        assert_eq!(
            absolute_in(Path::new("/d"), Path::new("./e/../f")),
            Path::new("/d/f")
        );
        assert_eq!(
            absolute_in(Path::new("/d"), Path::new("/g")),
            Path::new("/g")
        );
    }
}
