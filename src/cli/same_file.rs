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
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileId)
        }
    }
}

/// Whether `a` and `b` name the same existing file (through links, or as different
/// spellings of one path). Files that do not exist are no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((FileId::of(a), FileId::of(b)), (Some(a), Some(b)) if a == b)
}
