//! The staged write's guarantees, file by file; the command line's are in
//! `tests/hostile_writes.rs`.

use super::*;
use crate::cli::same_file::same_file;

/// The names in `dir`.
fn names(dir: &Path) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    names
}

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

#[test]
fn a_staged_output_dropped_before_its_commit_leaves_the_old_output_and_no_temporary_file() {
    let path = scratch("dropped");
    fs::write(&path, b"old report").expect("write the old output");
    let mut staged = Staged::output(&path).expect("staged");
    staged.write_all(b"half of a new rep").expect("written");
    assert_eq!(
        names(path.parent().expect("a directory")).len(),
        2,
        "staged beside"
    );
    drop(staged);
    assert_eq!(fs::read(&path).expect("old"), b"old report");
    assert_eq!(names(path.parent().expect("a directory")), ["payload.xml"]);
    let _ = fs::remove_dir_all(path.parent().expect("a directory"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_a_hard_link_stays_shared() {
    let path = scratch("links");
    let dir = path.parent().expect("a directory").to_owned();
    fs::write(&path, b"<old/>").expect("write the original");
    let link = dir.join("link.xml");
    std::os::unix::fs::symlink("payload.xml", &link).expect("symlink");
    let hard = dir.join("hard.xml");
    fs::hard_link(&path, &hard).expect("hard link");
    replace_with(&link, |file| file.write_all(b"<new/>")).expect("replaced");
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&path).expect("target"), b"<new/>");
    assert_eq!(fs::read(&hard).expect("other name"), b"<new/>");
    assert!(same_file(&path, &hard));
    assert_eq!(names(&dir), ["hard.xml", "link.xml", "payload.xml"]);
    let _ = fs::remove_dir_all(dir);
}
