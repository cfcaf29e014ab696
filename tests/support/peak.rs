//! The peak memory of an `oscx` run, as GNU `time` reports it (`/usr/bin/time -f %M`): the
//! hostile-input tests bound memory through it, never through timings.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::cli::TempDir;
use super::external::need;

/// GNU `time`; `None` when it is missing, which skips the test outside CI and fails it in
/// CI (`.ci/run` installs the package `time`).
pub fn gnu_time() -> Option<PathBuf> {
    let time = Path::new("/usr/bin/time");
    let works = Command::new(time)
        .args(["-f", "%M", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    need(works.then(|| time.to_owned()), || {
        "GNU time is not installed at /usr/bin/time (apt-get install time)".to_owned()
    })
}

/// What writes a run's standard input, on a thread of its own.
pub type Feed = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send>;

/// What one run of `oscx` under GNU `time` gave.
pub struct Measured {
    /// The run's exit status and output.
    pub output: Output,
    /// Its peak resident size in KiB.
    pub peak_kib: u64,
}

/// Runs `oscx args` in `dir` under GNU `time` (`time`, from [`gnu_time`]); `feed`, when
/// given, writes its standard input from a thread and may be cut off by `oscx` stopping
/// early; without it standard input is empty.
pub fn measured(time: &Path, dir: &Path, args: &[&str], feed: Option<Feed>) -> Measured {
    let report_dir = TempDir::new("peak");
    let report = report_dir.0.join("peak");
    let mut child = Command::new(time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("oscx"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdin(if feed.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("GNU time runs oscx");
    let writer = feed.map(|feed| {
        let mut stdin = child.stdin.take().expect("piped");
        std::thread::spawn(move || match feed(&mut stdin) {
            // `oscx` stopped reading once it had its finding: that is the point.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            other => other.expect("feeding standard input"),
        })
    });
    let output = child.wait_with_output().expect("oscx ends");
    if let Some(writer) = writer {
        writer.join().expect("the feeding thread ends");
    }
    let text = std::fs::read_to_string(&report).expect("GNU time wrote its report");
    // The last line: GNU time puts "Command exited with non-zero status" before it.
    let peak_kib = text
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("a peak resident size in {text:?}"));
    Measured { output, peak_kib }
}
