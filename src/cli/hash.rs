//! `oscx hash` (placeholder until the command lands).

use super::{Fatal, Outcome};

/// Flags of `oscx hash`.
#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// Arguments.
    pub rest: Vec<String>,
}

pub fn run(_args: &HashArgs) -> Result<Outcome, Fatal> {
    Err(Fatal("`oscx hash` is not implemented yet".into()))
}
