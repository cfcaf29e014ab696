//! `oscx validate`: XSD validation, then the conformance rules, for each file.

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::Path;

use osc_schema::Diagnostic;
use osc_schema::diagnostic::Severity;
use osc_schema::lint::{Level, LintOptions, lint_friends_stream, lint_text};
use osc_schema::model::Root;
use osc_schema::print::human;
use osc_schema::xsd::{Report, Validator};

use super::args::ValidateArgs;
use super::excerpt::FileLines;
use super::input::{display_name, read_input};
use super::{Fatal, Outcome, write_stdout};

/// Files up to this size are read once and checked from memory, so the rules that read the
/// raw text run; larger ones are validated as streams, and `friends` lists linted as streams.
const IN_MEMORY_LIMIT: u64 = 8 * 1024 * 1024;

pub fn run(args: &ValidateArgs) -> Result<Outcome, Fatal> {
    let validator = validator(args)?;
    let lint = if args.no_lint {
        None
    } else {
        Some(lint_options(args)?)
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (mut files, mut invalid, mut errors, mut warnings) = (0usize, 0usize, 0usize, 0usize);
    let mut unreadable = Vec::new();
    for path in &args.files {
        let name = display_name(path);
        let checked = if path.as_os_str() == "-" {
            read_input(path)
                .map(|bytes| check_bytes(&validator, lint.as_ref(), &name, &bytes, color))
        } else {
            check_file(&validator, lint.as_ref(), &name, path, color)
        };
        let (diagnostics, truncated, rendered) = match checked {
            Ok(found) => found,
            Err(Fatal(message)) => {
                unreadable.push(message);
                continue;
            }
        };
        files += 1;
        let count = |s| {
            diagnostics
                .iter()
                .filter(|d: &&Diagnostic| d.severity == s)
                .count()
        };
        let file_errors = count(Severity::Error) + truncated;
        errors += file_errors;
        warnings += count(Severity::Warning);
        if file_errors > 0 {
            invalid += 1;
        }
        write_stdout(rendered.as_bytes())?;
        if truncated > 0 {
            write_stdout(format!("{name}: {truncated} more findings not shown\n").as_bytes())?;
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    write_stdout(
        format!(
            "checked {}: {} invalid, {}, {}\n",
            plural(files, "file"),
            invalid,
            plural(errors, "error"),
            plural(warnings, "warning"),
        )
        .as_bytes(),
    )?;
    if !unreadable.is_empty() {
        // Everything readable was reported; now say what was not, and fail as a usage error.
        return Err(Fatal(unreadable.join("\noscx: ")));
    }
    Ok(if invalid > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn validator(args: &ValidateArgs) -> Result<Validator, Fatal> {
    let validator = match (&args.schema, args.target) {
        (Some(path), _) => {
            let bytes = std::fs::read(path)
                .map_err(|e| Fatal(format!("cannot read schema `{}`: {e}", path.display())))?;
            Validator::from_xsd(bytes)
                .map_err(|e| Fatal(format!("schema `{}`: {e}", path.display())))?
        }
        (None, Some(target)) => Validator::new(target),
        (None, None) => Validator::auto(),
    };
    Ok(match args.max_diagnostics {
        Some(n) => validator.with_max_diagnostics(n),
        None => validator,
    })
}

fn lint_options(args: &ValidateArgs) -> Result<LintOptions, Fatal> {
    let mut options = LintOptions {
        target: args.target,
        method: args.method,
        start_time: args.start_time.clone(),
        ..LintOptions::default()
    };
    for (ids, level) in [
        (&args.allow, Level::Allow),
        (&args.warn, Level::Warn),
        (&args.deny, Level::Deny),
    ] {
        for id in ids {
            if level == Level::Deny && id == "warnings" {
                options.config.deny_warnings = true;
                continue;
            }
            let rule = osc_schema::lint::rules::find(id)
                .ok_or_else(|| Fatal(format!("no rule `{id}`; `oscx rules` lists them")))?;
            options
                .config
                .levels
                .insert(rule.info().id.to_owned(), level);
        }
    }
    if let Some(path) = &args.request {
        let bytes = std::fs::read(path)
            .map_err(|e| Fatal(format!("cannot read request `{}`: {e}", path.display())))?;
        let parsed = osc_schema::xml::read_bytes(&bytes)
            .map_err(|e| Fatal(format!("request `{}`: {e}", path.display())))?;
        match parsed.document.root {
            Root::HashedAddresses(h) => options.request = Some(h),
            other => {
                return Err(Fatal(format!(
                    "request `{}` is a `{}` document; expected `hashedAddresses`",
                    path.display(),
                    other.kind()
                )));
            }
        }
    }
    Ok(options)
}

type Checked = (Vec<Diagnostic>, usize, String);

/// A document held in memory (standard input).
fn check_bytes(
    validator: &Validator,
    lint: Option<&LintOptions>,
    name: &str,
    bytes: &[u8],
    color: bool,
) -> Checked {
    let report = validator.validate_bytes(bytes);
    let source = osc_schema::xml::decode::decode(bytes)
        .map(|d| d.text.into_owned())
        .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned());
    let mut diagnostics = report.diagnostics().to_vec();
    if let Some(options) = lint.filter(|_| is_xml(&report)) {
        diagnostics.extend(lint_text(&source, options));
    }
    sort(&mut diagnostics);
    let rendered = human::render(name, &source, &diagnostics, color);
    (diagnostics, report.truncated(), rendered)
}

/// A file. Small files are read once and checked in memory, like standard input; larger
/// ones are validated as a stream, and linted as a stream when they are `friends` lists.
fn check_file(
    validator: &Validator,
    lint: Option<&LintOptions>,
    name: &str,
    path: &Path,
    color: bool,
) -> Result<Checked, Fatal> {
    let unreadable = |e: &dyn std::fmt::Display| Fatal(format!("cannot read `{name}`: {e}"));
    let size = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    if size <= IN_MEMORY_LIMIT {
        let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
        return Ok(check_bytes(validator, lint, name, &bytes, color));
    }
    let open = || File::open(path).map(|f| BufReader::with_capacity(1 << 16, f));
    let mut report = open()
        .map_err(osc_schema::Error::Io)
        .and_then(|f| validator.validate_reader(f))
        .map_err(|e| unreadable(&e))?;
    let undecodable = report
        .diagnostics()
        .iter()
        .any(|d| d.code == "xml::encoding");
    if undecodable && size <= 8 * IN_MEMORY_LIMIT {
        // A stream can place undecodable bytes only at the start of the event holding them;
        // the whole text pins down the very byte.
        report = validator.validate_bytes(&std::fs::read(path).map_err(|e| unreadable(&e))?);
    }
    let mut diagnostics = report.diagnostics().to_vec();
    if let Some(options) = lint.filter(|_| is_xml(&report)) {
        if report.root() == Some("friends") {
            let input = open().map_err(|e| unreadable(&e))?;
            if let Ok(found) = lint_friends_stream(input, open, options) {
                diagnostics.extend(found);
            }
        } else {
            let bytes = std::fs::read(path).map_err(|e| unreadable(&e))?;
            if let Ok(decoded) = osc_schema::xml::decode::decode(&bytes) {
                diagnostics.extend(lint_text(&decoded.text, options));
            }
        }
    }
    sort(&mut diagnostics);
    let rendered = if diagnostics.is_empty() {
        String::new()
    } else {
        human::render_from(name, &FileLines::open(path), &diagnostics, color)
    };
    Ok((diagnostics, report.truncated(), rendered))
}

/// Whether the document was XML at all; the rules have nothing to say about the rest.
fn is_xml(report: &Report) -> bool {
    !report
        .diagnostics()
        .iter()
        .any(|d| d.code.starts_with("xml::") && d.severity == Severity::Error)
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.location.line, d.location.column));
}
