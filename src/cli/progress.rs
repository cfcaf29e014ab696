//! A progress line on standard error, for long runs watched in a terminal only: it never
//! appears in pipes, files or CI logs, and not before the run has taken a moment.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How long a run goes on before the line appears.
const DELAY: Duration = Duration::from_millis(400);
/// The least time between two redraws.
const REFRESH: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;

pub struct Progress {
    total: usize,
    done: usize,
    enabled: bool,
    started: Instant,
    /// When the line was last drawn; redraws are at most every [`REFRESH`].
    last_draw: Option<Instant>,
    /// Whether the line is on the screen now.
    visible: bool,
}

impl Progress {
    /// A progress line for `total` files, drawn only for several files on a terminal,
    /// and never when `quiet`.
    pub fn new(total: usize, quiet: bool) -> Progress {
        Progress {
            total,
            done: 0,
            enabled: !quiet && total > 1 && std::io::stderr().is_terminal(),
            started: Instant::now(),
            last_draw: None,
            visible: false,
        }
    }

    /// Counts one file and redraws when it is time to.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.enabled || self.started.elapsed() < DELAY {
            return;
        }
        if self.last_draw.is_some_and(|at| at.elapsed() < REFRESH) {
            return;
        }
        let filled = WIDTH * self.done / self.total.max(1);
        let bar = format!("{}{}", "=".repeat(filled), " ".repeat(WIDTH - filled));
        let _ = write!(
            std::io::stderr(),
            "\r\x1b[2K[{bar}] {}/{} files",
            self.done,
            self.total
        );
        self.last_draw = Some(Instant::now());
        self.visible = true;
    }

    /// Removes the line, so that output written next starts on a clean line.
    pub fn clear(&mut self) {
        if std::mem::take(&mut self.visible) {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
