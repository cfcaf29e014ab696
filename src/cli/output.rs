//! Where a report goes: standard output, or the file named by `--output`. Both are
//! buffered; standard output only when it is not a terminal. A file is staged beside its
//! place and put there whole by [`Output::finish`]: a run that fails or is cut short leaves
//! the previous report as it was.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::replace::Staged;
use super::{Fatal, write_stdout};

/// Bytes of standard output held before they are written: a run over many small files
/// writes a few lines per file, and one write each would cost a system call apiece.
const STDOUT_BUFFER: usize = 64 * 1024;

pub enum Output {
    Stdout {
        /// Written, not yet passed on.
        held: Vec<u8>,
        /// Standard output is a terminal: each write goes out at once, for whoever
        /// watches it.
        through: bool,
    },
    File {
        path: PathBuf,
        writer: BufWriter<Staged>,
    },
}

impl Output {
    /// Standard output, or `path` staged now, before any work is done, so that a path that
    /// cannot be written fails at once.
    pub fn open(path: Option<&Path>) -> Result<Output, Fatal> {
        match path {
            None => Ok(Output::stdout()),
            Some(path) if path.as_os_str() == "-" => Ok(Output::stdout()),
            Some(path) => {
                let file = Staged::output(path)
                    .map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display())))?;
                Ok(Output::File {
                    path: path.to_owned(),
                    writer: BufWriter::new(file),
                })
            }
        }
    }

    fn stdout() -> Output {
        Output::Stdout {
            held: Vec::new(),
            through: std::io::stdout().is_terminal(),
        }
    }

    /// Whether colour may be used: a terminal, and `NO_COLOR` not set to anything.
    pub fn wants_color(&self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        matches!(self, Output::Stdout { .. }) && std::io::stdout().is_terminal() && !no_color
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Fatal> {
        match self {
            Output::Stdout { held, through } => {
                held.extend_from_slice(bytes);
                if *through || held.len() >= STDOUT_BUFFER {
                    self.flush()?;
                }
                Ok(())
            }
            Output::File { path, writer } => writer.write_all(bytes).map_err(|e| {
                Fatal(format!(
                    "cannot write `{}` (left as it was): {e}",
                    path.display()
                ))
            }),
        }
    }

    /// Passes on what standard output holds, so that a line written to standard error next
    /// comes after it where both go to the same place (`2>&1`). A file is flushed only by
    /// [`Output::finish`]: nothing else writes to it.
    pub fn flush(&mut self) -> Result<(), Fatal> {
        match self {
            Output::Stdout { held, .. } if !held.is_empty() => {
                let result = write_stdout(held);
                held.clear();
                result
            }
            Output::Stdout { .. } | Output::File { .. } => Ok(()),
        }
    }

    /// Writes what is held and puts a file in place; errors such as a full disk surface
    /// here, and leave the file as it was.
    pub fn finish(mut self) -> Result<(), Fatal> {
        self.flush()?;
        match self {
            Output::Stdout { .. } => Ok(()),
            Output::File { path, writer } => writer
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(Staged::commit)
                .map_err(|e| {
                    Fatal(format!(
                        "cannot write `{}` (left as it was): {e}",
                        path.display()
                    ))
                }),
        }
    }
}
