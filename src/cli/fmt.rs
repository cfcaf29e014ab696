//! `oscx fmt`: print, check or rewrite the canonical form.

use crate::xml::decode::SourceEncoding;
use crate::xml::{self, Declaration, WriteOptions};
use crate::{Code, Limits, Validator};

use std::io::Write;
use std::path::Path;

use super::args::{DeclarationArg, FmtArgs};
use super::configs::Configs;
use super::diff;
use super::input::{display_name, read_input};
use super::paths::{Input, expand};
use super::replace::{check_replaceable, replace_with};
use super::say::say;
use super::{Fatal, Outcome, write_stdout};

pub fn run(args: &FmtArgs) -> Result<Outcome, Fatal> {
    // The same walk as `validate`'s, with the excludes of the nearest oscx.toml.
    let inputs = expand(&args.files, &args.walk, &Configs::new(None)?)?;
    let a_directory = args.files.iter().any(|path| path.is_dir());
    if (inputs.len() > 1 || a_directory) && !args.check && !args.write {
        return Err(Fatal(
            "several files, or a directory, need `--check` or `--write` (printing is for one \
             file)"
                .into(),
        ));
    }
    if inputs.is_empty() {
        return Err(Fatal("no files to format".into()));
    }
    let mut outcome = Outcome::Clean;
    let mut unreadable = 0usize;
    for input in &inputs {
        let file = match input {
            Input::Stdin => Path::new("-"),
            Input::File { path, .. } => path.as_path(),
            Input::Unreadable { reason, .. } => {
                // The other files are still formatted; the run then exits 2.
                say(reason);
                unreadable += 1;
                continue;
            }
        };
        if let Outcome::Findings = one(args, file)? {
            outcome = Outcome::Findings;
        }
    }
    if unreadable > 0 {
        return Err(Fatal(format!(
            "{unreadable} of {} paths could not be read",
            inputs.len()
        )));
    }
    Ok(outcome)
}

/// Formats one file as the flags say.
fn one(args: &FmtArgs, file: &Path) -> Result<Outcome, Fatal> {
    let name = display_name(file);
    if args.write && file.as_os_str() != "-" {
        // Before reading: reading a FIFO would wait for a writer.
        check_replaceable(file).map_err(|e| Fatal(format!("cannot write `{name}`: {e}")))?;
    }
    if let Some(refusal) = refused_as_a_stream(file, args.limits.limits()) {
        say(&format!("{name}:{refusal}"));
        return Ok(Outcome::Findings);
    }
    let bytes = read_input(file)?;
    let options = xml::ReadOptions {
        lenient: args.fix,
        limits: args.limits.limits(),
    };
    let parsed = match xml::read_bytes_with(&bytes, options) {
        Ok(parsed) => parsed,
        Err(e) => {
            say(&format!("{name}: {e}"));
            return Ok(Outcome::Findings);
        }
    };
    // `--check` changes nothing: it says what the repair would be.
    let fixed = if args.check { "would fix" } else { "fixed" };
    for note in &parsed.notes {
        if matches!(note.code, Code::Fix(_)) {
            say(&format!("{name}: {fixed}: {}", note.message));
        } else {
            say(&format!("{name}: {}: {}", note.severity, note.message));
        }
    }
    let declaration = match args.declaration {
        Some(DeclarationArg::Utf8) => Declaration::Utf8,
        Some(DeclarationArg::Utf16) => Declaration::Utf16,
        Some(DeclarationArg::None) => Declaration::None,
        None => match xml::decode::decode(&bytes).map(|d| d.encoding) {
            Ok(SourceEncoding::Utf16Le | SourceEncoding::Utf16Be) => Declaration::Utf16,
            _ => Declaration::Utf8,
        },
    };
    let options = WriteOptions {
        declaration,
        pretty: !args.compact,
    };
    let canonical =
        xml::write_bytes(&parsed.document, options).map_err(|e| Fatal(format!("{name}: {e}")))?;
    if args.fix {
        let before = xml::decode::decode(&bytes).map(|d| xml::element_sequence(&d.text));
        let after = xml::write_string(&parsed.document, options_for_order())
            .map(|t| xml::element_sequence(&t));
        if let (Ok(before), Ok(after)) = (before, after) {
            if xml::reordered(&before, &after) {
                say(&format!("{name}: {fixed}: elements put in schema order"));
            }
        }
    }
    if args.check {
        if canonical == bytes {
            return Ok(Outcome::Clean);
        }
        say(&format!("{name} is not in canonical form"));
        if args.diff {
            show_diff(&name, &bytes, &parsed.document, options)?;
        }
        return Ok(Outcome::Findings);
    }
    if args.write {
        if file.as_os_str() == "-" {
            return Err(Fatal("--write needs a file, not standard input".into()));
        }
        if canonical != bytes {
            // Never a truncated payload: the new form is written beside the file and
            // renamed over it once whole.
            replace_with(file, |out| out.write_all(&canonical))
                .map_err(|e| Fatal(format!("cannot write `{name}` (left as it was): {e}")))?;
        }
        return Ok(Outcome::Clean);
    }
    write_stdout(&canonical)?;
    Ok(Outcome::Clean)
}

/// Prints what formatting would change, as a unified diff of the text; a file whose text is
/// canonical but whose bytes are not (a byte order mark, another encoding) is said to be so.
fn show_diff(
    name: &str,
    bytes: &[u8],
    document: &crate::model::Document,
    options: WriteOptions,
) -> Result<(), Fatal> {
    let before = xml::decode::decode(bytes).map_err(|e| Fatal(format!("{name}: {e}")))?;
    let after = xml::write_string(document, options).map_err(|e| Fatal(format!("{name}: {e}")))?;
    if before.text == after {
        say(&format!(
            "{name}: the text is canonical, its bytes are not (a byte order mark or the \
             encoding: the canonical form is UTF-8 without one, or UTF-16LE with one)"
        ));
        return Ok(());
    }
    write_stdout(diff::unified(name, &before.text, &after).as_bytes())
}

/// Any layout will do for comparing element order.
fn options_for_order() -> WriteOptions {
    WriteOptions {
        declaration: Declaration::None,
        pretty: false,
    }
}

/// Why a file past the bounds is refused, found by reading it as a stream, in flat memory,
/// before it is read whole: `fmt` holds the whole document, and a file of hundreds of
/// megabytes whose one value goes past `--max-value-bytes` is refused for it without being
/// held. Only a file longer than one value may hold one too long, so smaller files (and
/// standard input, which cannot be read twice) go straight to the whole reading, which
/// refuses them just the same.
fn refused_as_a_stream(file: &Path, limits: Limits) -> Option<String> {
    let value_bytes = u64::try_from(limits.max_value_bytes).unwrap_or(u64::MAX);
    if file.as_os_str() == "-" || std::fs::metadata(file).ok()?.len() <= value_bytes {
        return None;
    }
    let input = std::io::BufReader::new(std::fs::File::open(file).ok()?);
    let report = Validator::auto()
        .with_limits(limits)
        .with_threads(true)
        .validate_reader(input)
        .ok()?;
    let refusal = report
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::Limit)?;
    Some(format!(
        "{}:{}: {}",
        refusal.location.line, refusal.location.column, refusal.message
    ))
}
