//! `oscx convert`: the JSON bridge (placeholder until the bridge lands).

use super::{Fatal, Outcome};

/// Flags of `oscx convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The document to convert; `-` reads standard input.
    pub file: std::path::PathBuf,
}

pub fn run(_args: &ConvertArgs) -> Result<Outcome, Fatal> {
    Err(Fatal("convert is not implemented yet".into()))
}
