//! xmllint's verdicts on the same cases, for comparison: one `xmllint` process per group.
//!
//! `xmllint --noout --nonet --schema S S I1 I2…` compiles the schema once and validates each
//! file, printing `FILE validates` or `FILE fails to validate` on standard error; a schema
//! that does not compile ends the run with exit status 5 before any file is read. The schema
//! itself is passed as the first file so that a group without instances still tells whether
//! its schema compiled. An instance that is not well-formed gets neither line and counts as
//! invalid. `--nonet` keeps xmllint off the network, as the suite is read from disk only.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// xmllint's verdict on a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// It compiled.
    Compiled,
    /// It did not compile (exit status 5).
    Refused,
    /// The process did not end within the deadline and was killed.
    Hang,
    /// xmllint could not be started, or ended in a way not described above.
    Error,
}

impl Schema {
    /// The word used in reports and in the TSV.
    pub fn word(self) -> &'static str {
        match self {
            Schema::Compiled => "loaded",
            Schema::Refused => "invalid",
            Schema::Hang => "hang",
            Schema::Error => "error",
        }
    }
}

/// xmllint's verdicts on one group.
#[derive(Debug, Clone)]
pub struct Verdicts {
    /// On the schema.
    pub schema: Schema,
    /// On each instance, when the schema compiled: `Some(true)` valid, `Some(false)` invalid.
    pub instances: Vec<Option<bool>>,
}

/// Runs xmllint from `dir` (the suite's directory) on a schema and its instances, all
/// relative to `dir`, killing it after `deadline`.
pub fn run(dir: &Path, schema: &Path, instances: &[PathBuf], deadline: Duration) -> Verdicts {
    let not_run = Verdicts {
        schema: Schema::Error,
        instances: vec![None; instances.len()],
    };
    let mut child = match Command::new("xmllint")
        .current_dir(dir)
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(schema)
        .args(instances)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return not_run,
    };
    // Standard error is drained on a thread of its own, so a chatty run cannot fill the pipe
    // and stall while we wait for it to end.
    let mut stderr = child.stderr.take().expect("standard error is piped");
    let reader = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stderr.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() < deadline => thread::sleep(Duration::from_millis(2)),
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let text = reader.join().unwrap_or_default();
    let Some(status) = status else {
        return Verdicts {
            schema: Schema::Hang,
            instances: vec![None; instances.len()],
        };
    };
    match status.code() {
        Some(5) => {
            return Verdicts {
                schema: Schema::Refused,
                instances: vec![None; instances.len()],
            };
        }
        Some(0..=4) => {}
        _ => return not_run,
    }
    // One verdict line per file, in the order given; the schema's own comes first.
    let mut lines = text.lines().filter_map(|line| {
        if let Some(file) = line.strip_suffix(" validates") {
            Some((file, true))
        } else {
            line.strip_suffix(" fails to validate")
                .map(|file| (file, false))
        }
    });
    let mut next = lines.next();
    let mut take = |path: &Path| -> Option<bool> {
        let name = path.to_string_lossy();
        match next {
            Some((file, valid)) if file == name => {
                next = lines.next();
                Some(valid)
            }
            // No line for this file: it was not well-formed, so it is not valid.
            _ => Some(false),
        }
    };
    take(schema);
    Verdicts {
        schema: Schema::Compiled,
        instances: instances.iter().map(|p| take(p)).collect(),
    }
}
