//! `oscx fmt`: print, check or rewrite the canonical form.

use osc_schema::Code;
use osc_schema::xml::decode::SourceEncoding;
use osc_schema::xml::{self, Declaration, WriteOptions};

use std::io::Write;
use std::path::Path;

use super::args::{DeclarationArg, FmtArgs};
use super::input::{display_name, read_input};
use super::replace::{check_replaceable, replace_with};
use super::say::say;
use super::{Fatal, Outcome, write_stdout};

pub fn run(args: &FmtArgs) -> Result<Outcome, Fatal> {
    if args.files.len() > 1 && !args.check && !args.write {
        return Err(Fatal(
            "several files need `--check` or `--write` (printing is for one file)".into(),
        ));
    }
    let mut outcome = Outcome::Clean;
    for file in &args.files {
        if let Outcome::Findings = one(args, file)? {
            outcome = Outcome::Findings;
        }
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
    for note in &parsed.notes {
        if matches!(note.code, Code::Fix(_)) {
            say(&format!("{name}: fixed: {}", note.message));
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
            if before != after {
                say(&format!("{name}: fixed: elements put in schema order"));
            }
        }
    }
    if args.check {
        if canonical == bytes {
            return Ok(Outcome::Clean);
        }
        say(&format!("{name} is not in canonical form"));
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

/// Any layout will do for comparing element order.
fn options_for_order() -> WriteOptions {
    WriteOptions {
        declaration: Declaration::None,
        pretty: false,
    }
}
