//! `oscx`: the command-line front of osc-schema.

// The command line needs no unsafe code of its own.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run()
}
