//! Flags in, library calls, output and exit code out. No OSC logic lives here.
//!
//! The `oscx` binary is [`run`] and nothing else; the command line lives in the library so
//! that what only it uses need not be public. Not part of the API.

// The command line needs no unsafe code of its own, with or without `com`.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

mod args;
mod config;
mod configs;
mod convert;
mod diff;
mod fmt;
mod glob;
mod hash;
mod host;
mod input;
mod levels;
mod output;
mod parallel;
mod paths;
mod progress;
mod render;
mod replace;
mod report_stream;
mod repository;
mod rules;
mod same_file;
mod say;
mod schema;
mod spool;
mod validate;

use args::{Cli, Command};

/// Outcome of a command, mapped to the exit codes scripts rely on.
pub(crate) enum Outcome {
    /// 0: everything is fine.
    Clean,
    /// 1: findings (a document not canonical, not readable as a document, invalid).
    Findings,
    /// 2, said on standard output: a schema checked with `oscx schema --check` uses a
    /// construct the engine does not support.
    Unsupported,
}

/// `oscx config`, with or without `--show`: the configuration of the working directory.
fn show_config(path: Option<&std::path::Path>) -> Result<Outcome, Fatal> {
    let config = configs::Configs::new(path)?.here()?;
    write_stdout(config.show().as_bytes())?;
    Ok(Outcome::Clean)
}

/// A failure that ends the run with exit code 2.
#[derive(Debug)]
pub(crate) struct Fatal(pub(crate) String);

/// Runs `oscx` with the process's arguments: parses them, does the command, prints what it
/// has to say, and gives the exit code (0 clean, 1 findings, 2 a failure of the run).
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap prints help and version to stdout with success.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // Usage errors start `oscx: ` as every other message does, and exit 2.
        Err(e) => {
            eprint!("{}", usage_error(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Fmt(args) => fmt::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Hash(args) => hash::run(&args),
        Command::Host(args) => host::run(&args),
        Command::Schema {
            check: Some(path), ..
        } => schema::check(&path),
        Command::Schema {
            target,
            check: None,
        } => schema::run(target),
        Command::Config { show: _, config } => show_config(config.as_deref()),
        Command::Rules { format } => rules::list(format),
        Command::Explain { rule } => rules::explain(&rule),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Ok(Outcome::Unsupported) => ExitCode::from(2),
        Err(Fatal(message)) => {
            say::say(&message);
            ExitCode::from(2)
        }
    }
}

/// clap's account of a usage error, starting `oscx: ` instead of `error: `.
fn usage_error(rendered: &str) -> String {
    let text = rendered.strip_prefix("error: ").unwrap_or(rendered);
    format!("oscx: {text}")
}

/// Whether standard output was found closed: nothing more is written to it.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes to stdout. A closed pipe (`oscx … | head`) is no error: what follows is not
/// written, and the run goes on to the exit code its results call for, which a script
/// with `set -o pipefail` relies on whatever became of the output.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Fatal> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(Fatal(format!("cannot write to stdout: {e}"))),
    }
}
