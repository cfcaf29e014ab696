//! Writing a file so that a reader, or a run that dies halfway, sees either the old content
//! or the new, never a mix or a truncated file: the new content goes to a temporary file
//! beside the original ([`Staged`]), which is renamed over it only once it is whole. Every
//! file oscx writes for the user goes through here: `fmt --write`, `convert -o`, and
//! `validate`'s and `render`'s `-o` and `--report`.
//!
//! A replaced file stays the file it was, as `rustfmt` and `ruff` leave it:
//! - a symbolic link is followed, and the file it leads to gets the new content (the link
//!   stays a link);
//! - the owner, group and mode (set-user-ID and set-group-ID bits included) are kept;
//! - a file with other hard links, or whose owner and group this user cannot give to a new
//!   file, is written in place once the new content is whole beside it, so that every name
//!   keeps seeing the same file (`rustfmt` and `ruff` always write in place);
//! - what is not a regular file (a FIFO, a device, a directory) is never replaced: `fmt
//!   --write` refuses it, and an output such as `-o /dev/stdout` is written straight into it;
//! - SIGINT, SIGTERM and SIGHUP remove the temporary file before the process ends
//!   ([`interrupt`]).

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod interrupt;

use interrupt::Tracked;

/// Replaces the content of `path` with what `write` puts into it (see [`Staged::replacing`]).
/// When `write` or anything before the new content is in place fails, the original is left
/// as it was and the temporary file removed.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut Staged) -> io::Result<()>,
) -> io::Result<()> {
    let mut staged = Staged::replacing(path)?;
    write(&mut staged)?;
    staged.commit()
}

/// Fails unless `path` (its symbolic links followed) is a regular file, or nothing yet: what
/// `fmt --write` may replace. Checked before the file is read, since reading a FIFO would
/// wait for a writer.
pub fn check_replaceable(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(metadata) => regular(&metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// New content for a file, written to a temporary file beside it until [`Staged::commit`]
/// puts it in place. Dropped without a commit, it removes the temporary file and leaves the
/// file as it was.
pub struct Staged {
    file: File,
    /// Where the content goes: the path given, or the file its symbolic links lead to.
    target: PathBuf,
    /// The temporary file, while there is one: `None` when writing straight into a file
    /// that is not regular, and once committed.
    temporary: Option<Tracked>,
    /// The original, when there is one, and whether it is overwritten in place (boxed:
    /// file metadata is large, and most outputs are new files).
    original: Option<Box<Original>>,
}

/// What is kept of the file being replaced.
struct Original {
    metadata: Metadata,
    /// Other hard links, or an owner this user cannot give: the content is copied into the
    /// original instead of renaming a new file over it.
    in_place: bool,
}

impl Staged {
    /// Stages new content for `path`, a regular file or one to be created; anything else is
    /// refused with an error that names what it is.
    pub fn replacing(path: &Path) -> io::Result<Staged> {
        check_replaceable(path)?;
        let target = resolve_links(path)?;
        match fs::metadata(&target) {
            Ok(metadata) => Staged::beside(target, Some(metadata)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Staged::beside(target, None),
            Err(e) => Err(e),
        }
    }

    /// Stages an output file: like [`Staged::replacing`], except that a file which is not
    /// regular (`/dev/stdout`, a pipe) is written straight into, since it cannot be replaced.
    pub fn output(path: &Path) -> io::Result<Staged> {
        // Opened by the path given: `/dev/stdout` leads through a link that names no file.
        match fs::metadata(path) {
            Ok(metadata) if !metadata.is_file() && !metadata.is_dir() => Ok(Staged {
                file: OpenOptions::new().write(true).open(path)?,
                target: path.to_owned(),
                temporary: None,
                original: None,
            }),
            _ => Staged::replacing(path),
        }
    }

    fn beside(target: PathBuf, metadata: Option<Metadata>) -> io::Result<Staged> {
        let (temporary, file) = Tracked::create_beside(&target)?;
        let original = metadata.map(|metadata| {
            Box::new(Original {
                in_place: other_links(&metadata) || !owner_kept(&file, &metadata),
                metadata,
            })
        });
        Ok(Staged {
            file,
            target,
            temporary: Some(temporary),
            original,
        })
    }

    /// Puts the new content in place: renamed over the original (its owner, group and mode
    /// given to it first), or copied into the original in place. On failure the original is
    /// as it was, except for a copy in place that failed halfway.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        let Some(temporary) = self.temporary.take() else {
            return Ok(());
        };
        // On an early return `temporary` is dropped, which removes the file.
        match &self.original {
            Some(original) if original.in_place => {
                self.file.sync_all()?;
                temporary.settle(|path| copy_in_place(path, &self.target))
            }
            original => {
                if let Some(original) = original {
                    keep_owner_and_mode(&self.file, &original.metadata)?;
                }
                self.file.sync_all()?;
                temporary.settle(|path| fs::rename(path, &self.target))
            }
        }
    }
}

impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.file.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// `path` with its symbolic links followed to the file they lead to, which need not exist
/// (a link may lead to a file still to be created).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    /// Linux's limit, past which a chain of links is taken for a loop.
    const MAX_LINKS: usize = 40;
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let to = fs::read_link(&path)?;
                // A relative link is relative to the link's directory; `join` keeps an
                // absolute one as it is.
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row (a loop?)"
    )))
}

/// Fails unless `metadata` is a regular file's, naming what it is instead.
fn regular(metadata: &Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{}, not a regular file; left as it is", kind_of(metadata)),
    ))
}

fn kind_of(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Whether the file has other names, which a rename would leave with the old content.
fn other_links(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// Gives `file` the owner and group of the original, and tells whether that worked: a user
/// other than root can give a file only its own user and one of its groups.
fn owner_kept(file: &File, metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid())).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (file, metadata);
        true
    }
}

/// The original's owner and group, then its mode: in that order, because changing the owner
/// clears the set-user-ID and set-group-ID bits (and so does writing, as another user).
fn keep_owner_and_mode(file: &File, metadata: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()))?;
        file.set_permissions(fs::Permissions::from_mode(metadata.mode() & 0o7777))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(metadata.permissions())
    }
}

/// Copies the whole new content from `temporary` into `target`, which keeps its identity,
/// links, owner and mode.
fn copy_in_place(temporary: &Path, target: &Path) -> io::Result<()> {
    let mut from = File::open(temporary)?;
    let mut to = OpenOptions::new().write(true).open(target)?;
    let length = io::copy(&mut from, &mut to)?;
    to.set_len(length)?;
    to.sync_all()?;
    fs::remove_file(temporary)
}

#[cfg(test)]
mod tests;
