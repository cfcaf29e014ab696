//! Hardening item 9, writes that keep what they do not own: `fmt --write` writes through
//! symbolic links, keeps hard links, owner, group and mode, refuses what is not a regular
//! file, and leaves no temporary file when SIGTERM ends it; `convert -o`, `validate -o` and
//! `--report` put their file in place whole or not at all (a full disk leaves the previous
//! file and no temporary file); `convert` never writes over its own input.
//!
//! The signal, the FIFO and the full disk need `sh` and `mkfifo` (see `support::external`).

#![cfg(unix)]

mod support;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use support::cli::{TempDir, oscx_in, stderr};
use support::external::need;

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// A friend list of `people` people, valid but not in canonical form (no declaration, no
/// indentation), so that `fmt --write` rewrites it.
fn friends(people: usize) -> String {
    let mut text = format!("<friends xmlns=\"{NS}\">");
    for n in 0..people {
        text.push_str(&format!(
            "<person><userID>{n}</userID><firstName>Name{n}</firstName></person>"
        ));
    }
    text.push_str("</friends>");
    text
}

/// The canonical form of `text`, as `oscx fmt` prints it.
fn canonical(dir: &TempDir, text: &str) -> Vec<u8> {
    let out = oscx_in(&dir.0, &["fmt", "-"], Some(text.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

/// The temporary files oscx left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".oscx-"))
        .collect()
}

/// Whether `program` runs (`sh`, `mkfifo`), or a skip outside CI when it does not.
fn have(program: &str, probe: &[&str]) -> bool {
    let runs = Command::new(program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    need(runs.then_some(()), || format!("`{program}` cannot be run")).is_some()
}

fn oscx_path() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("oscx")
}

#[test]
fn a_symbolic_link_stays_a_link_and_its_target_gets_the_new_form() {
    let dir = TempDir::new("writes-symlink");
    let text = friends(2);
    let target = dir.file("real/friends.xml", text.as_bytes());
    std::os::unix::fs::symlink("real/friends.xml", dir.0.join("link.xml")).expect("symlink");
    let out = oscx_in(&dir.0, &["fmt", "--write", "link.xml"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let link = fs::symlink_metadata(dir.0.join("link.xml")).expect("link");
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(fs::read(&target).expect("target"), canonical(&dir, &text));
    assert!(temporaries(&dir.0).is_empty() && temporaries(&dir.0.join("real")).is_empty());
}

#[test]
fn a_hard_link_stays_shared() {
    // Written in place, as rustfmt and ruff do: both names keep one file, with the new form.
    let dir = TempDir::new("writes-hardlink");
    let text = friends(2);
    let first = dir.file("a.xml", text.as_bytes());
    let second = dir.0.join("b.xml");
    fs::hard_link(&first, &second).expect("hard link");
    let out = oscx_in(&dir.0, &["fmt", "--write", "a.xml"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (
        fs::metadata(&first).expect("a"),
        fs::metadata(&second).expect("b"),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "the link was broken");
    assert_eq!(fs::read(&second).expect("b"), canonical(&dir, &text));
    assert!(temporaries(&dir.0).is_empty());
}

#[test]
fn a_fifo_is_refused_and_stays_a_fifo() {
    if !have("mkfifo", &["--version"]) {
        return;
    }
    let dir = TempDir::new("writes-fifo");
    let fifo = dir.0.join("pipe.xml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // A writer waits for a reader; oscx must refuse without reading, since reading a FIFO
    // waits for its writer and would let whoever writes to it choose what replaces it.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::write(&fifo, friends(2)))
    };
    let out = oscx_in(&dir.0, &["fmt", "--write", "pipe.xml"], None);
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
    // Reading it here lets the writer finish, whatever oscx did.
    let _ = fs::read(&fifo);
    let _ = writer.join();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a FIFO, not a regular file"),
        "{}",
        stderr(&out)
    );
    assert!(temporaries(&dir.0).is_empty());
}

#[test]
fn mode_owner_and_group_are_kept() {
    let dir = TempDir::new("writes-mode");
    let text = friends(2);
    let path = dir.file("friends.xml", text.as_bytes());
    // A file this test created belongs to root when the test runs as root.
    let root = fs::metadata(&path).expect("created").uid() == 0;
    // Owned by another user and group: only root can give a file to someone else.
    if root {
        std::os::unix::fs::chown(&path, Some(12345), Some(23456)).expect("chown");
    } else {
        eprintln!("mode_owner_and_group_are_kept: not root, the owner is not changed");
    }
    // Set-user-ID and an unusual mode, set after the owner (chown clears set-user-ID).
    fs::set_permissions(&path, fs::Permissions::from_mode(0o4751)).expect("chmod");
    let before = fs::metadata(&path).expect("before");
    let out = oscx_in(&dir.0, &["fmt", "--write", "friends.xml"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = fs::metadata(&path).expect("after");
    assert_eq!(fs::read(&path).expect("new"), canonical(&dir, &text));
    assert_eq!(after.mode() & 0o7777, 0o4751, "mode {:o}", after.mode());
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if root {
        assert_eq!((after.uid(), after.gid()), (12345, 23456));
    }
    assert!(temporaries(&dir.0).is_empty());
}

#[test]
fn sigterm_during_fmt_write_leaves_no_temporary_file() {
    if !have("sh", &["-c", "true"]) {
        return;
    }
    let dir = TempDir::new("writes-sigterm");
    // Large enough that writing and syncing the new form takes a while; doubled until the
    // signal lands while the temporary file exists.
    let mut people = 100_000;
    for _ in 0..4 {
        let text = friends(people);
        let path = dir.file("friends.xml", text.as_bytes());
        let mut child = Command::new(oscx_path())
            .args(["fmt", "--write", "friends.xml"])
            .current_dir(&dir.0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("oscx starts");
        // Until the temporary file exists, or the run ends first.
        let mut seen = false;
        while !seen && child.try_wait().expect("status").is_none() {
            seen = !temporaries(&dir.0).is_empty();
            // Leaves the processor to oscx between looks; the count of looks is not bounded
            // by time but by the run, which ends either way.
            std::thread::yield_now();
        }
        if !seen {
            let _ = child.wait();
            eprintln!("{people} people: the run ended before its temporary file was seen");
            people *= 2;
            continue;
        }
        let killed = Command::new("sh")
            .args(["-c", "kill -TERM \"$1\"", "sh", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let status = child.wait().expect("oscx ends");
        // Ended by the signal, unless it had finished just before.
        assert!(
            status.signal() == Some(15) || status.success(),
            "{status:?}"
        );
        assert_eq!(temporaries(&dir.0), Vec::<String>::new(), "left behind");
        let now = fs::read(&path).expect("the file");
        assert!(
            now == text.as_bytes() || now == canonical(&dir, &text),
            "neither the old form nor the new, {} bytes",
            now.len()
        );
        return;
    }
    panic!("the temporary file was never seen, even for {people} people");
}

/// Runs oscx with `args` in `dir` where no file may grow past `blocks` blocks (`ulimit -f`),
/// as on a disk that fills up: writing past it fails with `EFBIG`.
fn oscx_with_file_limit(dir: &Path, blocks: u32, args: &[&str]) -> Output {
    let script = format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\"");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(oscx_path())
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::null())
        .output()
        .expect("sh runs")
}

#[test]
fn outputs_that_do_not_fit_leave_the_old_file_and_no_temporary_file() {
    if !have("sh", &["-c", "true"]) {
        return;
    }
    let dir = TempDir::new("writes-full");
    // Thousands of people, each with a finding (an unknown element) for `validate`, and as
    // many valid ones for `convert`: well over 64 KiB of report and of JSON.
    let mut text = format!("<friends xmlns=\"{NS}\">");
    for n in 0..3000 {
        // One person a line: the human output of `--report` runs shows each line.
        text.push_str(&format!("<person><userID>{n}</userID><bogus/></person>\n"));
    }
    text.push_str("</friends>");
    dir.file("findings.xml", text.as_bytes());
    dir.file("friends.xml", friends(3000).as_bytes());
    let runs: [&[&str]; 4] = [
        &["convert", "friends.xml", "--to", "json", "-o", "old.out"],
        &[
            "validate",
            "findings.xml",
            "--format",
            "json",
            "-o",
            "old.out",
        ],
        &[
            "validate",
            "findings.xml",
            "--format",
            "sarif",
            "-o",
            "old.out",
        ],
        &["validate", "findings.xml", "--report", "json=old.out"],
    ];
    for args in runs {
        let old = dir.file("old.out", b"the previous report\n");
        let out = oscx_with_file_limit(&dir.0, 64, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot write `old.out`"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            fs::read_to_string(&old).expect("old"),
            "the previous report\n",
            "{args:?}"
        );
        assert_eq!(temporaries(&dir.0), Vec::<String>::new(), "{args:?}");
        // Without the limit the same run writes the whole output.
        let out = oscx_in(&dir.0, args, None);
        assert_ne!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            fs::metadata(&old).expect("new").len() > 64 * 1024,
            "{args:?}"
        );
    }
}

#[test]
fn a_device_output_is_written_straight_and_its_errors_reported() {
    let dir = TempDir::new("writes-device");
    dir.file("friends.xml", friends(2).as_bytes());
    // A full device fails the write; it is not replaced by a file.
    if Path::new("/dev/full").exists() {
        let out = oscx_in(
            &dir.0,
            &["convert", "friends.xml", "--to", "json", "-o", "/dev/full"],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot write `/dev/full`"),
            "{}",
            stderr(&out)
        );
        assert!(
            fs::metadata("/dev/full")
                .expect("device")
                .file_type()
                .is_char_device()
        );
    }
    // Standard output named as a file goes to standard output.
    let out = oscx_in(
        &dir.0,
        &[
            "convert",
            "friends.xml",
            "--to",
            "json",
            "-o",
            "/dev/stdout",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"friends\""));
    assert!(temporaries(Path::new("/dev")).is_empty());
}

#[test]
fn convert_does_not_write_over_its_own_input() {
    let dir = TempDir::new("writes-own-input");
    let text = friends(2);
    let path = dir.file("friends.xml", text.as_bytes());
    std::os::unix::fs::symlink("friends.xml", dir.0.join("link.xml")).expect("symlink");
    for output in ["friends.xml", "./friends.xml", "link.xml"] {
        let out = oscx_in(
            &dir.0,
            &["convert", "friends.xml", "--to", "json", "-o", output],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{output}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("both the input and the output"),
            "{}",
            stderr(&out)
        );
        assert_eq!(fs::read(&path).expect("input"), text.as_bytes(), "{output}");
    }
}
