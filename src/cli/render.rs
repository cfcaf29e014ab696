//! `oscx render` (placeholder until the command lands).

use super::{Fatal, Outcome};

/// Flags of `oscx render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Arguments.
    pub rest: Vec<String>,
}

pub fn run(_args: &RenderArgs) -> Result<Outcome, Fatal> {
    Err(Fatal("`oscx render` is not implemented yet".into()))
}
