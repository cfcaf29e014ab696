//! Reading a command's input: a file, or `-` for standard input.
//!
//! The commands that hold a whole document in memory (`fmt`, `convert`, `render`, `hash`)
//! read at most [`WHOLE_DOCUMENT_BYTES`], and refuse a longer input instead of reading on:
//! a pipe, `/dev/zero` or a `/proc` file has no size to check beforehand, and would
//! otherwise be read until memory runs out. `oscx validate` reads any length (see
//! [`crate::check::Checker::check_reader`]).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::Fatal;

/// The most bytes a command that holds the whole document reads: room for the largest real
/// `friends` lists (hundreds of megabytes), short of what would exhaust a machine's memory
/// once the document is parsed.
pub const WHOLE_DOCUMENT_BYTES: u64 = 1024 * 1024 * 1024;

/// The bytes of `path`, or of standard input when it is `-`. An input longer than
/// [`WHOLE_DOCUMENT_BYTES`] is refused with an error that says so; what is past the bound
/// is not read.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Fatal> {
    let limit = WHOLE_DOCUMENT_BYTES;
    let name = display_name(path);
    let cannot = |e: std::io::Error| {
        if path.as_os_str() == "-" {
            Fatal(format!("cannot read standard input: {e}"))
        } else {
            Fatal(format!("cannot read `{name}`: {e}"))
        }
    };
    let (read, hint) = if path.as_os_str() == "-" {
        (bounded(std::io::stdin().lock(), limit, 0), 0)
    } else {
        let file = File::open(path).map_err(cannot)?;
        // A hint only: a `/proc` file says 0, and a file may grow.
        let hint = file.metadata().map(|m| m.len()).unwrap_or(0);
        (bounded(file, limit, hint), hint)
    };
    let bytes = read.map_err(cannot)?;
    if bytes.len() as u64 > limit {
        let size = if hint > limit {
            format!(" ({hint} bytes)")
        } else {
            String::new()
        };
        return Err(Fatal(format!(
            "`{name}` is longer than the limit of {limit} bytes{size}: refused, as this \
             command holds the whole document in memory (`oscx validate` checks documents of \
             any length)"
        )));
    }
    Ok(bytes)
}

/// Up to one byte past `limit` from `reader`, with room made for `hint` bytes at once.
fn bounded(reader: impl Read, limit: u64, hint: u64) -> std::io::Result<Vec<u8>> {
    let bound = limit.saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(bound)).unwrap_or(0));
    reader.take(bound).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// How to name the input in messages.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}
