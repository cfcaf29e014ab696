//! Fingerprints of findings that survive edits elsewhere in a file: they hash what the
//! finding is (rule, file, element path, message), not where its line happens to be, so a
//! baseline or a CI dashboard keeps recognising a finding when lines move above it.
//!
//! A baseline's fingerprints ([`keyed_fingerprints`]) go further: the file is named relative
//! to a base directory however it was given, and a finding inside a person, an activity or a
//! template is known by that unit's identity rather than its position
//! ([`Identities::keyed`](super::Identities::keyed)), so that inserting a person before it
//! changes nothing.

use std::path::{Component, Path, PathBuf};

use md5::{Digest, Md5};

use crate::Report;
use crate::diagnostic::Diagnostic;

/// The fingerprint of a finding in `file`: 32 hexadecimal digits. Findings that are the
/// same in all four parts share a fingerprint; [`fingerprints`] tells them apart by order.
pub fn fingerprint(file: &str, d: &Diagnostic) -> String {
    hashed(normalized(file), d, &d.location.path)
}

/// The hash of a finding's four parts, the file and path as given.
fn hashed(file: &str, d: &Diagnostic, path: &str) -> String {
    let mut hash = Md5::new();
    // Each part ends with a NUL, which none of them can contain, so no two different
    // splits hash the same bytes.
    for part in [d.code.as_str(), file, path, d.message.as_str()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The fingerprints of a report's findings, in order. The second and later of identical
/// findings get `-2`, `-3`… so that every finding of a file has its own.
pub fn fingerprints(report: &Report) -> Vec<String> {
    numbered(
        report
            .diagnostics
            .iter()
            .map(|d| fingerprint(&report.file, d)),
    )
}

/// The fingerprints a baseline keeps of a report's findings, in order: the file named as
/// [`file_key`] names it relative to `base`, and the path keyed by the identity of the
/// person, activity or template it runs through (by position when that has none, or shares
/// it). Numbered as [`fingerprints`] numbers them.
pub fn keyed_fingerprints(report: &Report, base: &Path) -> Vec<String> {
    let file = file_key(&report.file, base);
    numbered(report.diagnostics.iter().map(|d| {
        let path = report.identities.keyed(&d.location.path);
        hashed(&file, d, &path)
    }))
}

/// `-2`, `-3`… after the second and later of equal fingerprints.
fn numbered(prints: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    prints
        .map(|base| {
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            match *n {
                1 => base,
                n => format!("{base}-{n}"),
            }
        })
        .collect()
}

/// A file as a baseline names it: relative to `base` (itself relative to the working
/// directory, or absolute; empty for the working directory), with `/` between its parts and no `.` or `..` left, so that
/// `x`, `./x`, `dir/../x` and its absolute path give one key, from any working directory.
/// A file outside `base` is named with as many `..` as it takes.
///
/// ```
/// use std::path::Path;
/// use osc_schema::check::fingerprint::file_key;
/// let here = std::env::current_dir().unwrap();
/// assert_eq!(file_key("./a/b.xml", &here), "a/b.xml");
/// assert_eq!(file_key(&here.join("a/b.xml").to_string_lossy(), &here), "a/b.xml");
/// assert_eq!(file_key("a/b.xml", &here.join("a")), "b.xml");
/// assert_eq!(file_key("c.xml", &here.join("a")), "../c.xml");
/// ```
pub fn file_key(file: &str, base: &Path) -> String {
    let (Some(file), Some(base)) = (lexical(Path::new(file)), lexical(base)) else {
        return normalized(file).replace('\\', "/");
    };
    let (file, base): (Vec<Component<'_>>, Vec<Component<'_>>) =
        (file.components().collect(), base.components().collect());
    let common = file.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
    parts.extend(
        file[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `path` made absolute against the working directory, with `.` and `..` resolved by name
/// (links are not followed: the key is about the name given, not the disk).
fn lexical(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    Some(without_dots(&std::path::absolute(path).ok()?))
}

/// `path` without `.` and `..`, taken out by their names: `..` drops the part before it,
/// whatever a link there would make of it on disk.
pub(crate) fn without_dots(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A file name as reports for CI systems write it: without leading `./`.
pub fn normalized(file: &str) -> &str {
    let mut rest = file;
    while let Some(stripped) = rest.strip_prefix("./") {
        rest = stripped;
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Location, Severity};

    fn finding(code: &'static str, path: &str, line: u32) -> Diagnostic {
        Diagnostic::new(
            crate::Code::Rule(code),
            Severity::Error,
            "a message",
            Location {
                end: None,
                path: path.into(),
                span: 0..0,
                line,
                column: 1,
            },
        )
    }

    #[test]
    fn dots_are_taken_out_by_name() {
        assert_eq!(
            without_dots(Path::new("/work/./legacy/../caps.xml")),
            Path::new("/work/caps.xml")
        );
        assert_eq!(without_dots(Path::new("/a/b/../..")), Path::new("/"));
        assert_eq!(without_dots(Path::new("a/./b")), Path::new("a/b"));
    }

    #[test]
    fn lines_do_not_count_and_everything_else_does() {
        let a = fingerprint("a.xml", &finding("OSC012", "/capabilities", 3));
        assert_eq!(
            a,
            fingerprint("a.xml", &finding("OSC012", "/capabilities", 30))
        );
        assert_eq!(
            a,
            fingerprint("./a.xml", &finding("OSC012", "/capabilities", 3))
        );
        assert_ne!(
            a,
            fingerprint("b.xml", &finding("OSC012", "/capabilities", 3))
        );
        assert_ne!(
            a,
            fingerprint("a.xml", &finding("OSC013", "/capabilities", 3))
        );
        assert_ne!(a, fingerprint("a.xml", &finding("OSC012", "/person", 3)));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn a_file_has_one_key_however_it_is_named() {
        let here = std::env::current_dir().unwrap_or_default();
        let absolute = here.join("dir/a.xml");
        for name in [
            "dir/a.xml",
            "./dir/a.xml",
            "././dir/./a.xml",
            "dir/../dir/a.xml",
            &absolute.to_string_lossy(),
        ] {
            assert_eq!(file_key(name, &here), "dir/a.xml", "{name}");
            assert_eq!(file_key(name, &here.join("dir")), "a.xml", "{name}");
            assert_eq!(
                file_key(name, &here.join("other")),
                "../dir/a.xml",
                "{name}"
            );
        }
        assert_ne!(file_key("dir/b.xml", &here), file_key("dir/a.xml", &here));
    }

    #[test]
    fn identical_findings_are_numbered() {
        let report = Report {
            diagnostics: vec![finding("OSC012", "/c", 1), finding("OSC012", "/c", 2)],
            ..Report::unreadable("a.xml", "")
        };
        let prints = fingerprints(&report);
        assert_eq!(prints[1], format!("{}-2", prints[0]));
    }
}
