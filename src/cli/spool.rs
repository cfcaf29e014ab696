//! Text kept aside on disk until the end of a run: the parts of a report that come after
//! something known only then (a JUnit suite's counts, GitHub annotations after the human
//! output), so that memory does not grow with the files checked.

use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

use crate::check::anonymous_file;

use super::Fatal;
use super::output::Output;

/// A temporary file that nothing names (see [`anonymous_file`]), written to, then passed on
/// to an [`Output`]; it is gone once the spool is dropped, however the run ends.
pub struct Spool {
    writer: BufWriter<std::fs::File>,
}

impl Spool {
    /// A new, empty spool in the system's temporary directory.
    pub fn new() -> Result<Spool, Fatal> {
        let file = anonymous_file().map_err(|e| Fatal(e.to_string()))?;
        Ok(Spool {
            writer: BufWriter::new(file),
        })
    }

    /// Keeps `bytes` for later.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Fatal> {
        self.writer.write_all(bytes).map_err(failed)
    }

    /// Writes everything kept to `output`, a piece at a time.
    pub fn pass_on(mut self, output: &mut Output) -> Result<(), Fatal> {
        self.writer.flush().map_err(failed)?;
        let file = self.writer.get_mut();
        file.seek(SeekFrom::Start(0)).map_err(failed)?;
        let mut piece = vec![0; 64 * 1024];
        loop {
            let n = match file.read(&mut piece) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(failed(e)),
            };
            output.write(piece.get(..n).unwrap_or_default())?;
        }
    }
}

fn failed(e: std::io::Error) -> Fatal {
    Fatal(format!(
        "cannot use the temporary file that holds part of the report: {e}"
    ))
}
