//! The `oscx` binary: every subcommand and format, exit codes, standard input, directories
//! and pipes. Snapshots normalise temporary paths to `[TMP]`.

#[path = "support/mod.rs"]
mod support;

#[path = "cli/basics.rs"]
mod basics;
#[path = "cli/ci.rs"]
mod ci;
#[path = "cli/config.rs"]
mod config;
#[path = "cli/formats.rs"]
mod formats;
#[path = "cli/help.rs"]
mod help;
#[path = "cli/host.rs"]
mod host;
#[path = "cli/many_files.rs"]
mod many_files;
#[path = "cli/subcommands.rs"]
mod subcommands;

pub use support::cli::{TempDir, fixture, oscx, oscx_in, stderr, stdout};
