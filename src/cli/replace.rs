//! Replacing a file's content so that a reader, or a run that dies halfway, sees either
//! the old content or the new, never a mix or a truncated file: the new content goes to a
//! temporary file beside the original, which is renamed over it only once it is whole.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces the content of `path` with what `write` puts into a temporary file. When
/// `write` or anything before the rename fails, the original is left as it was and the
/// temporary file removed.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let temporary = temporary_beside(path)?;
    let result = (|| {
        let mut file = File::create_new(&temporary)?;
        // Keep the original's permissions: the rename replaces the file, not its content.
        if let Ok(metadata) = fs::metadata(path) {
            file.set_permissions(metadata.permissions())?;
        }
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// A name for the temporary file in the same directory (a rename does not cross file
/// systems), hidden, and not taken by another run.
fn temporary_beside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    hidden.push(format!(".oscx-{}.tmp", std::process::id()));
    Ok(path.with_file_name(hidden))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("oscx-replace-{}-{name}", std::process::id()));
        fs::create_dir_all(&dir).expect("scratch directory");
        dir.join("payload.xml")
    }

    #[test]
    fn a_write_that_fails_halfway_leaves_the_original_and_no_temporary_file() {
        let path = scratch("fails");
        fs::write(&path, b"<original/>").expect("write the original");
        let result = replace_with(&path, |file| {
            file.write_all(b"<half")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(
            result.expect_err("the failure comes back").to_string(),
            "disk full"
        );
        assert_eq!(fs::read(&path).expect("original"), b"<original/>");
        let dir = path.parent().expect("a directory");
        let left: Vec<_> = fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from("payload.xml")]);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_write_that_succeeds_replaces_the_content() {
        let path = scratch("succeeds");
        fs::write(&path, b"<original/>").expect("write the original");
        replace_with(&path, |file| file.write_all(b"<new/>")).expect("replaced");
        assert_eq!(fs::read(&path).expect("new"), b"<new/>");
        let _ = fs::remove_dir_all(path.parent().expect("a directory"));
    }

    #[test]
    fn a_missing_directory_is_an_error_that_writes_nothing() {
        let path = std::env::temp_dir().join("oscx-no-such-directory/payload.xml");
        assert!(replace_with(&path, |file| file.write_all(b"x")).is_err());
        assert!(!path.exists());
    }
}
