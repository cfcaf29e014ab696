//! `oscx`: the command-line front of osc-schema.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run()
}
