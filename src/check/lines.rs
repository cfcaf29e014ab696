//! Where the text of a checked document is read again after the check, for where each
//! finding's span ends and for the printers' frames: from memory, or from the file or spool
//! around each finding only, so that a finding in a 600 MB file costs a small read.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Source, Spool};
use crate::diagnostic::Diagnostic;
use crate::error::TextPos;
use crate::text::advance;

/// The lines of a file on disk, read on demand.
#[derive(Debug)]
pub(crate) enum FileLines {
    /// UTF-8 (after a byte order mark of `skip` bytes): read windows straight from the file.
    Utf8 {
        /// The file.
        path: PathBuf,
        /// Bytes of byte order mark to skip.
        skip: u64,
    },
    /// UTF-8 read from standard input or a pipe (after a byte order mark of `skip` bytes):
    /// read windows from what the check kept of it.
    Spooled {
        /// What the check kept.
        spool: Arc<Spool>,
        /// Bytes of byte order mark to skip.
        skip: u64,
    },
    /// Anything else (UTF-16, or a file that changed): the decoded text.
    Decoded(String),
}

impl FileLines {
    /// Prepares to read `path`; UTF-16 files are decoded whole once.
    pub(crate) fn open(path: &Path) -> FileLines {
        let mut head = [0u8; 3];
        let n = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        match &head[..n] {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
                let bytes = std::fs::read(path).unwrap_or_default();
                let text = crate::xml::decode::decode(&bytes)
                    .map(|d| d.text.into_owned())
                    .unwrap_or_default();
                FileLines::Decoded(text)
            }
            [0xEF, 0xBB, 0xBF] => FileLines::Utf8 {
                path: path.to_owned(),
                skip: 3,
            },
            _ => FileLines::Utf8 {
                path: path.to_owned(),
                skip: 0,
            },
        }
    }
}

impl FileLines {
    /// Prepares to read the lines of a document kept by a check ([`Spool`]); UTF-16 is
    /// decoded whole once.
    pub(crate) fn spooled(spool: &Arc<Spool>) -> FileLines {
        let head = spool.read_copied(0, 3).unwrap_or_default();
        match head[..] {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => {
                let bytes = spool.read_copied(0, usize::MAX).unwrap_or_default();
                let text = crate::xml::decode::decode(&bytes)
                    .map(|d| d.text.into_owned())
                    .unwrap_or_default();
                FileLines::Decoded(text)
            }
            [0xEF, 0xBB, 0xBF] => FileLines::Spooled {
                spool: Arc::clone(spool),
                skip: 3,
            },
            _ => FileLines::Spooled {
                spool: Arc::clone(spool),
                skip: 0,
            },
        }
    }
}

/// The longest span whose end is worked out, in bytes: beyond it (a value of megabytes) the
/// end is left unknown rather than read.
const SPAN_READ_MAX: usize = 16 << 20;

/// Fills in where each finding's span ends ([`Location::end`](crate::diagnostic::Location)),
/// counting lines and characters over the span's text from where it starts: from the text in
/// memory, or read again from the file around each finding, as the code frames are. The
/// machine-readable reports carry it (SARIF's `endLine`/`endColumn`, GitHub's `endColumn`,
/// GitLab's end line, JSON's `end_line`/`end_column`).
pub fn span_ends(source: &Source, diagnostics: &mut [Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    match source {
        Source::Text(text) => {
            for d in diagnostics {
                let span = d.location.span.clone();
                set_end(d, text.as_bytes().get(span).map(Cow::Borrowed));
            }
        }
        Source::File(path) => FileLines::open(path).span_ends(diagnostics),
        Source::Spooled(spool) => FileLines::spooled(spool).span_ends(diagnostics),
    }
}

/// Sets `d`'s end from the bytes of its span, when they could be read.
fn set_end(d: &mut Diagnostic, spanned: Option<Cow<'_, [u8]>>) {
    let at = &d.location;
    if at.line == 0 || at.span.len() > SPAN_READ_MAX {
        return;
    }
    if let Some(bytes) = spanned {
        let (line, column) = advance(at.line, at.column.max(1), &bytes);
        d.location.end = Some(TextPos::new(line, column));
    }
}

impl FileLines {
    fn span_ends(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            let span = d.location.span.clone();
            if span.len() > SPAN_READ_MAX {
                continue;
            }
            let spanned = match self {
                FileLines::Decoded(text) => text.as_bytes().get(span).map(Cow::Borrowed),
                FileLines::Utf8 { path, skip } => {
                    read_at(path, skip + span.start as u64, span.len())
                        .ok()
                        .map(Cow::Owned)
                }
                FileLines::Spooled { spool, skip } => spool
                    .read_copied(skip + span.start as u64, span.len())
                    .ok()
                    .map(Cow::Owned),
            };
            set_end(d, spanned);
        }
    }
}

/// `len` bytes of the file at `path` from `at` (fewer at its end).
pub(crate) fn read_at(path: &Path, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(at))?;
    let mut bytes = Vec::with_capacity(len);
    file.take(len as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}
