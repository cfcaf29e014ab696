//! A document of unknown length — standard input, a pipe, a device, a `/proc` file — kept
//! in an anonymous temporary file as far as it has been read, so that the several readings
//! of a large document (validation, the rules, the suppression scan, code frames) each get
//! the same bytes without the document being held in memory.
//!
//! Copying is lazy: a reading that needs bytes nobody has pulled yet copies them from the
//! source, and one that stops early (a document refused at its first byte) leaves the rest
//! of the source unread. Copying also stops for good at a cap, set past the point where the
//! validator has refused a document too long for its limits, so that a source that never
//! ends takes no more disk than the limits allow a document.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// A source read once, into an anonymous temporary file, as far as its readings pull it.
pub struct Spool {
    state: Mutex<State>,
    cap: u64,
}

struct State {
    /// The temporary file; nothing names it (see [`anonymous_file`]).
    file: File,
    /// What is left of the source; `None` once it ended or reached the cap, or the check
    /// is done with it.
    source: Option<Box<dyn Read + Send>>,
    /// How many bytes of the source the file holds.
    copied: u64,
    /// Whether the source came to its end (not only to the cap).
    ended: bool,
}

impl fmt::Debug for Spool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spool")
            .field("copied", &self.copied())
            .field("cap", &self.cap)
            .finish_non_exhaustive()
    }
}

impl Spool {
    /// A spool holding `head`, the bytes already taken from `rest`; reading goes on from
    /// `rest` when a reading gets past them, and never past `cap` bytes in all.
    ///
    /// # Errors
    /// When no temporary file can be made or written.
    pub(crate) fn new(head: &[u8], rest: impl Read + Send + 'static, cap: u64) -> io::Result<Self> {
        let mut file = anonymous_file()?;
        let kept = &head[..head.len().min(usize::try_from(cap).unwrap_or(usize::MAX))];
        file.write_all(kept)?;
        let copied = kept.len() as u64;
        let source: Option<Box<dyn Read + Send>> = (copied < cap).then(|| Box::new(rest) as _);
        Ok(Spool {
            state: Mutex::new(State {
                file,
                source,
                copied,
                ended: false,
            }),
            cap,
        })
    }

    /// A reading from the first byte, with its own position.
    pub(crate) fn reader(&self) -> SpoolReader<'_> {
        SpoolReader {
            spool: self,
            position: 0,
        }
    }

    /// How many bytes of the source have been read so far.
    pub fn copied(&self) -> u64 {
        self.lock().copied
    }

    /// Copies from the source until the spool holds `len` bytes: `Some` with the whole
    /// length when the source ended before, `None` when it did not (or the cap came first).
    ///
    /// # Errors
    /// When the source or the temporary file fails.
    pub(crate) fn fill_to(&self, len: u64) -> io::Result<Option<u64>> {
        let mut piece = vec![0; 1 << 16];
        loop {
            let (copied, ended, open) = {
                let state = self.lock();
                (state.copied, state.ended, state.source.is_some())
            };
            if copied >= len {
                return Ok(None);
            }
            if ended {
                return Ok(Some(copied));
            }
            if !open {
                return Ok(None);
            }
            self.read_at(copied, &mut piece)?;
        }
    }

    /// Stops reading the source: later readings see only what was copied. Called when the
    /// check is done, so that reading lines back for display never waits on the source.
    pub(crate) fn close_source(&self) {
        self.lock().source = None;
    }

    /// Up to `len` bytes of what was copied, from `offset`; fewer at the end of it.
    ///
    /// # Errors
    /// When the temporary file cannot be read.
    pub fn read_copied(&self, offset: u64, len: usize) -> io::Result<Vec<u8>> {
        let mut state = self.lock();
        let len = state.copied.saturating_sub(offset).min(len as u64);
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        state.file.seek(SeekFrom::Start(offset))?;
        (&mut state.file).take(len).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A reading that panicked left the state whole: every change is a single store.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads at `position` into `out`: from the file when the bytes were copied, else
    /// from the source, copying what it gives.
    fn read_at(&self, position: u64, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            // Nothing asked: a read of nothing from the source would look like its end.
            return Ok(0);
        }
        let mut state = self.lock();
        let state = &mut *state;
        if position < state.copied {
            let len = (state.copied - position).min(out.len() as u64) as usize;
            state.file.seek(SeekFrom::Start(position))?;
            return state.file.read(&mut out[..len]);
        }
        let Some(source) = state.source.as_mut() else {
            return Ok(0);
        };
        let room = (self.cap - state.copied).min(out.len() as u64) as usize;
        let n = loop {
            match source.read(&mut out[..room]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        state.file.seek(SeekFrom::Start(state.copied))?;
        state.file.write_all(&out[..n])?;
        state.copied += n as u64;
        if n == 0 || state.copied >= self.cap {
            state.source = None;
            state.ended = n == 0;
        }
        Ok(n)
    }
}

/// One reading of a [`Spool`], from its first byte on.
#[derive(Debug)]
pub(crate) struct SpoolReader<'a> {
    spool: &'a Spool,
    position: u64,
}

impl Read for SpoolReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.spool.read_at(self.position, out)?;
        self.position += n as u64;
        Ok(n)
    }
}

/// A new temporary file, open for reading and writing, that no name leads to once this
/// returns: on Unix the name is removed at once (the open file lives on), elsewhere the
/// system deletes it on close. Either way nothing is left behind, however the process ends.
/// It is made in the system's temporary directory (`TMPDIR`), readable by its owner only,
/// and only under a name nothing had, so that nothing planted there is written through.
///
/// # Errors
/// When no file can be made there; the error names the directory.
pub fn anonymous_file() -> io::Result<File> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir();
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path: PathBuf = dir.join(format!(".oscx-spool-{}-{n}", std::process::id()));
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        #[cfg(windows)]
        {
            /// `FILE_FLAG_DELETE_ON_CLOSE`.
            const DELETE_ON_CLOSE: u32 = 0x0400_0000;
            std::os::windows::fs::OpenOptionsExt::custom_flags(&mut options, DELETE_ON_CLOSE);
        }
        match options.open(&path) {
            Ok(file) => {
                #[cfg(unix)]
                std::fs::remove_file(&path)?;
                return Ok(file);
            }
            // Left by another process with the same id, or a name taken meanwhile.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                let why = format!(
                    "cannot make a temporary file in `{}` (TMPDIR chooses the directory): {e}",
                    dir.display()
                );
                return Err(io::Error::new(e.kind(), why));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A source that counts how many bytes were taken from it.
    struct Counted<R>(R, std::sync::Arc<std::sync::atomic::AtomicU64>);

    impl<R: Read> Read for Counted<R> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.0.read(out)?;
            self.1
                .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
            Ok(n)
        }
    }

    fn counted(
        bytes: Vec<u8>,
    ) -> (
        Counted<io::Cursor<Vec<u8>>>,
        std::sync::Arc<std::sync::atomic::AtomicU64>,
    ) {
        let taken = std::sync::Arc::default();
        (
            Counted(io::Cursor::new(bytes), std::sync::Arc::clone(&taken)),
            taken,
        )
    }

    #[test]
    fn readings_share_the_bytes_and_copy_only_what_is_pulled() {
        let text: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (source, taken) = counted(text[10..].to_vec());
        let spool = Spool::new(&text[..10], source, u64::MAX).expect("spool");
        let mut first = [0u8; 100];
        spool.reader().read_exact(&mut first).expect("reads");
        assert_eq!(first[..], text[..100]);
        // Only what the reading needed came from the source.
        assert!(taken.load(std::sync::atomic::Ordering::Relaxed) <= 100);
        let mut whole = Vec::new();
        spool.reader().read_to_end(&mut whole).expect("reads");
        assert_eq!(whole, text);
        let mut again = Vec::new();
        spool.reader().read_to_end(&mut again).expect("reads");
        assert_eq!(again, text);
        assert_eq!(
            spool.read_copied(150_000, 5).expect("reads"),
            text[150_000..150_005]
        );
    }

    #[test]
    fn copying_stops_at_the_cap() {
        let spool = Spool::new(b"abc", io::repeat(b'x'), 1000).expect("spool");
        let mut whole = Vec::new();
        spool.reader().read_to_end(&mut whole).expect("reads");
        assert_eq!(whole.len(), 1000);
        assert_eq!(spool.copied(), 1000);
        let short = Spool::new(b"abcdef", io::repeat(b'x'), 4).expect("spool");
        let mut whole = Vec::new();
        short.reader().read_to_end(&mut whole).expect("reads");
        assert_eq!(whole, b"abcd");
    }

    #[test]
    fn filling_says_whether_the_source_ended() {
        let spool = Spool::new(b"abc", io::Cursor::new(vec![b'x'; 100]), u64::MAX).expect("spool");
        assert_eq!(spool.fill_to(50).expect("fills"), None);
        assert!(spool.copied() >= 50);
        assert_eq!(spool.fill_to(1000).expect("fills"), Some(103));
        // Stopped by the cap, the source has not ended: the document is longer.
        let capped = Spool::new(b"abc", io::repeat(b'x'), 10).expect("spool");
        assert_eq!(capped.fill_to(1000).expect("fills"), None);
        assert_eq!(capped.copied(), 10);
    }

    #[test]
    fn a_closed_source_is_not_read_again() {
        let spool = Spool::new(b"abc", io::repeat(b'x'), u64::MAX).expect("spool");
        spool.close_source();
        let mut whole = Vec::new();
        spool.reader().read_to_end(&mut whole).expect("reads");
        assert_eq!(whole, b"abc");
    }
}
