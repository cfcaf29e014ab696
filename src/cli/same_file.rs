//! Whether two paths name the same file, so that an output of a run is never one of its
//! inputs (written first, it would be truncated before it is read), and a file reached by
//! two paths is checked once.

use std::path::Path;

/// The identity of an existing file: its device and inode where the system has them (two
/// paths of one file through a link, `./a.xml` and `a.xml`, a hard link), else its
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(Id);

#[cfg(unix)]
type Id = (u64, u64);
#[cfg(not(unix))]
type Id = std::path::PathBuf;

impl FileId {
    /// The identity of the file at `path`; `None` when there is none (yet).
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            std::fs::metadata(path)
                .ok()
                .map(|meta| FileId::known(path, &meta))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId)
        }
    }

    /// The identity of the file at `path`, whose metadata (links followed) the caller has
    /// already asked for: where the system says the identity there, it is not asked again,
    /// which for many small files is one call into the system fewer each.
    pub fn known(path: &Path, meta: &std::fs::Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileId((meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
        }
    }
}

/// Whether `a` and `b` name the same existing file (through links, or as different
/// spellings of one path). Files that do not exist are no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((FileId::of(a), FileId::of(b)), (Some(a), Some(b)) if a == b)
}
