//! Running the `oscx` binary from integration tests, and temporary directories for them.

use std::path::{Path, PathBuf};
use std::process::Output;

/// Runs `oscx` in the package root with `stdin` on standard input.
pub fn oscx(args: &[&str], stdin: Option<&[u8]>) -> Output {
    oscx_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, stdin)
}

/// Runs `oscx` in `dir`.
pub fn oscx_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    assert_cmd::Command::cargo_bin("oscx")
        .expect("oscx is built")
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // Tests choose their format; a CI that sets this must not change the output.
        .env_remove("GITHUB_ACTIONS")
        .write_stdin(stdin.unwrap_or_default().to_vec())
        .output()
        .expect("oscx runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory under the system's temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("oscx-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    /// Writes `text` at `relative`, creating directories.
    pub fn file(&self, relative: &str, text: &[u8]) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().expect("below the temp dir")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    /// `text` with this directory's path replaced by `[TMP]`.
    pub fn normalise(&self, text: &str) -> String {
        text.replace(&self.0.display().to_string(), "[TMP]")
    }

    pub fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 temp path")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies a fixture's bytes.
pub fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).expect("fixture exists")
}
