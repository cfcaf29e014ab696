//! The temporary files of writes in progress, removed when SIGINT, SIGTERM or SIGHUP ends
//! the run: a hidden `.NAME.oscx-PID-N.tmp` as large as the output must not be left behind
//! by a CI job that is cancelled or a user's Ctrl-C.
//!
//! A thread waits for those signals (installed with the first temporary file); on one it
//! removes every temporary file still listed and ends the process as the signal would have.
//! Creating a temporary file, and putting one in place, hold the list, so that a signal
//! never falls between a file's creation and its listing, nor into a rename or a copy in
//! place: it waits for them, and the file is then whole.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files that exist now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked while holding the list left it whole: each change is one push
    // or one removal.
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file, listed for removal on a signal, and removed when dropped unless
/// [`Tracked::settle`] moved it away.
pub struct Tracked {
    path: Option<PathBuf>,
}

impl Tracked {
    /// Creates a new temporary file beside `target`: in its directory (a rename does not
    /// cross file systems), hidden, and named after it and this process.
    pub fn create_beside(target: &Path) -> io::Result<(Tracked, File)> {
        remove_on_signal();
        let mut live = live();
        let path = temporary_beside(target)?;
        let file = File::create_new(&path)?;
        live.push(path.clone());
        Ok((Tracked { path: Some(path) }, file))
    }

    /// Runs `change`, which moves the temporary file into place or removes it, with signals
    /// held off; once it succeeds the file is no longer this one's to remove.
    pub fn settle(mut self, change: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let Some(path) = self.path.take() else {
            return Ok(());
        };
        let mut live = live();
        let result = change(&path);
        if result.is_ok() {
            live.retain(|p| p != &path);
        } else {
            // Still there: removed on drop.
            self.path = Some(path);
        }
        result
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let mut live = live();
            let _ = fs::remove_file(&path);
            live.retain(|p| p != &path);
        }
    }
}

/// `.NAME.oscx-PID-N.tmp` beside `target`, `N` counting the temporary files of this process
/// (a run may write several outputs into one directory).
fn temporary_beside(target: &Path) -> io::Result<PathBuf> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(format!(
        ".oscx-{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(target.with_file_name(hidden))
}

/// Starts, once, the thread that removes the listed files on SIGINT, SIGTERM or SIGHUP.
/// Where signals cannot be caught the run goes on without it.
fn remove_on_signal() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static STARTED: std::sync::Once = std::sync::Once::new();
        STARTED.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("oscx-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Held until the process ends: nothing creates or settles a file
                        // after this.
                        let live = live();
                        for path in live.iter() {
                            let _ = fs::remove_file(path);
                        }
                        // Ended by the signal, as the caller expects (`$?` 130 or 143).
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
        });
    }
}
