//! Where a report goes: standard output, or the file named by `--output`.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{Fatal, write_stdout};

pub enum Output {
    Stdout,
    File {
        path: PathBuf,
        writer: BufWriter<File>,
    },
}

impl Output {
    /// Standard output, or `path` created (or truncated) now, before any work is done.
    pub fn open(path: Option<&Path>) -> Result<Output, Fatal> {
        match path {
            None => Ok(Output::Stdout),
            Some(path) if path.as_os_str() == "-" => Ok(Output::Stdout),
            Some(path) => {
                let file = File::create(path)
                    .map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display())))?;
                Ok(Output::File {
                    path: path.to_owned(),
                    writer: BufWriter::new(file),
                })
            }
        }
    }

    /// Whether colour may be used: a terminal, and `NO_COLOR` not set to anything.
    pub fn wants_color(&self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        matches!(self, Output::Stdout) && std::io::stdout().is_terminal() && !no_color
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Fatal> {
        match self {
            Output::Stdout => write_stdout(bytes),
            Output::File { path, writer } => writer
                .write_all(bytes)
                .map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display()))),
        }
    }

    /// Flushes a file; errors such as a full disk surface here.
    pub fn finish(self) -> Result<(), Fatal> {
        match self {
            Output::Stdout => Ok(()),
            Output::File { path, mut writer } => writer
                .flush()
                .map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display()))),
        }
    }
}
