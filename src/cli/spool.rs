//! Text kept aside on disk until the end of a run: the parts of a report that come after
//! something known only then (a JUnit suite's counts, GitHub annotations after the human
//! output), so that memory does not grow with the files checked.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Fatal;
use super::output::Output;

/// Spools made by this process so far, for a name of each its own.
static MADE: AtomicUsize = AtomicUsize::new(0);
/// Names tried before a spool that cannot be created is an error.
const ATTEMPTS: usize = 100;

/// A temporary file, written to, then passed on to an [`Output`] and removed.
pub struct Spool {
    // Fields are dropped in this order: the file is closed before it is removed, as some
    // systems remove no open file.
    writer: BufWriter<File>,
    path: Removed,
}

/// A file removed when this is dropped.
struct Removed(PathBuf);

impl Drop for Removed {
    fn drop(&mut self) {
        // Nothing is left to do about a file that cannot be removed from the temporary
        // directory; the run's outcome does not depend on it.
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Spool {
    /// A new, empty spool in the system's temporary directory. Created only if no file has
    /// its name, so that nothing there (a link planted by another user) is written through.
    pub fn new() -> Result<Spool, Fatal> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let n = MADE.fetch_add(1, Ordering::Relaxed);
            let path =
                std::env::temp_dir().join(format!("oscx-spool-{}-{n}.tmp", std::process::id()));
            let opened = OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path);
            match opened {
                Ok(file) => {
                    return Ok(Spool {
                        writer: BufWriter::new(file),
                        path: Removed(path),
                    });
                }
                // Left by an earlier process of the same id, or put there: another name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempts < ATTEMPTS => {}
                Err(e) => {
                    return Err(Fatal(format!("cannot create `{}`: {e}", path.display())));
                }
            }
        }
    }

    /// Keeps `bytes` for later.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Fatal> {
        let written = self.writer.write_all(bytes);
        written.map_err(|e| self.failed(&e))
    }

    /// Writes everything kept to `output`, a piece at a time; the file is removed when the
    /// spool is dropped.
    pub fn pass_on(mut self, output: &mut Output) -> Result<(), Fatal> {
        self.writer.flush().map_err(|e| self.failed(&e))?;
        if let Err(e) = self.writer.get_mut().seek(SeekFrom::Start(0)) {
            return Err(self.failed(&e));
        }
        let mut piece = vec![0; 64 * 1024];
        loop {
            let read = self.writer.get_mut().read(&mut piece);
            let n = match read {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.failed(&e)),
            };
            output.write(piece.get(..n).unwrap_or_default())?;
        }
    }

    fn failed(&self, e: &std::io::Error) -> Fatal {
        Fatal(format!("cannot use `{}`: {e}", self.path.0.display()))
    }
}
