//! Command-line flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Check, format and inspect the XML of Outlook Social Connector providers.
#[derive(Debug, Parser)]
#[command(name = "oscx", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a document in canonical form (schema order, canonical values, 2-space indent).
    Fmt(FmtArgs),
}

/// Flags of `oscx fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// The document to format; `-` reads standard input.
    pub file: PathBuf,
    /// Print nothing; exit 1 if the file is not already canonical.
    #[arg(long, conflicts_with = "write")]
    pub check: bool,
    /// Rewrite the file in place instead of printing it.
    #[arg(long)]
    pub write: bool,
    /// No indentation or line breaks between elements.
    #[arg(long)]
    pub compact: bool,
    /// The XML declaration to write; by default the input's encoding (UTF-16 stays UTF-16).
    #[arg(long, value_enum)]
    pub declaration: Option<DeclarationArg>,
}

/// `--declaration` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DeclarationArg {
    /// `encoding="utf-8"`, UTF-8 bytes.
    #[value(name = "utf-8")]
    Utf8,
    /// `encoding="utf-16"`, UTF-16LE bytes with a byte order mark.
    #[value(name = "utf-16")]
    Utf16,
    /// No declaration, UTF-8 bytes.
    None,
}
