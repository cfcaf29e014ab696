//! Command-line flags (clap derive).

use std::path::PathBuf;

use crate::{Limits, Target};
use clap::{Parser, Subcommand, ValueEnum};

/// Check, format and inspect the XML of Outlook Social Connector providers.
#[derive(Debug, Parser)]
#[command(name = "oscx", version, about, after_help = TOP_EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a document in canonical form (schema order, canonical values, 2-space indent).
    #[command(after_help = FMT_EXAMPLES)]
    Fmt(FmtArgs),
    /// Check documents: XSD validation for their schema generation, then the conformance rules.
    Validate(Box<ValidateArgs>),
    /// List every conformance rule: ID, severity, generations, summary.
    #[command(
        after_help = "Examples:\n  oscx rules\n  oscx rules | grep warning\n  oscx rules --format json"
    )]
    Rules {
        /// `text`: one line per rule; `json`: an array with every rule's fields.
        #[arg(long, value_enum, ignore_case = true, default_value_t = super::rules::RulesFormat::Text)]
        format: super::rules::RulesFormat,
    },
    /// Explain a code or rule, with an example that breaks a rule and the fix.
    #[command(
        after_help = "Examples:\n  oscx explain OSC010\n  oscx explain hash-function-required\n  oscx explain xsd::too-many\n  oscx explain render::no-template"
    )]
    Explain {
        /// A code (`xsd::too-many`, `render::no-template`, `oscx::…`), a rule's ID (`OSC010`)
        /// or a rule's name (`hash-function-required`), in any case.
        #[arg(value_name = "CODE")]
        rule: String,
    },
    /// Convert between XML and the JSON form of the typed model.
    Convert(super::convert::ConvertArgs),
    /// Show an activity feed the way the People Pane would, as text or HTML.
    Render(super::render::RenderArgs),
    /// Hash e-mail addresses as the OSC does, or build the hashedAddresses request it sends.
    Hash(super::hash::HashArgs),
    /// Drive a provider DLL through COM as the OSC would, checking every answer (on Windows).
    Host(Box<super::host::HostArgs>),
    /// Show the configuration (oscx.toml) that applies here, or the defaults without one.
    #[command(after_help = "Examples:\n  oscx config\n  oscx config --show --config ci/oscx.toml")]
    Config {
        /// Print the resolved configuration (what `oscx config` alone does too).
        #[arg(long)]
        show: bool,
        /// The configuration file [default: the nearest oscx.toml here or above, up to the
        /// repository's root].
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the XSD of a schema generation, or check a schema for `validate --schema`.
    #[command(
        after_help = "Examples:\n  oscx schema > osc-2013.xsd\n  oscx schema --target 1.0 | xmllint --noout -\n  oscx schema --check my-schema.xsd\n\nWith --check: exit 0 when the schema is correct and supported, 1 when it is not a correct\nXSD 1.0 schema, 2 when it uses a construct oscx does not support (named, with its place)."
    )]
    Schema {
        /// The generation (default: 2013).
        #[arg(long, value_parser = parse_target, conflicts_with = "check")]
        target: Option<Target>,
        /// Check this XSD file instead: is it a correct XSD 1.0 schema, within what
        /// `oscx validate --schema` supports?
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
    },
}

/// Flags of `oscx validate`.
#[derive(Debug, clap::Args)]
#[command(after_help = VALIDATE_EXAMPLES)]
pub struct ValidateArgs {
    /// Files and directories to check (directories recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub walk: super::paths::WalkArgs,
    /// Output format [default: human; with `GITHUB_ACTIONS=true`, human followed by GitHub
    /// annotations].
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<ReportFormat>,
    /// Also write a report in another format to a file, e.g. `sarif=oscx.sarif`; repeatable.
    /// Formats: json, sarif, junit, github, gitlab.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub reports: Vec<ReportFile>,
    /// Hide the findings recorded in this baseline file; only new ones are reported.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Print only the findings and the summary: no progress line, no notes.
    #[arg(long, short)]
    pub quiet: bool,
    /// The name standard input goes by in reports (instead of `<stdin>`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// When to colour the human output.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The least severity that makes the run fail (exit 1) [default: `fail-on` in
    /// oscx.toml, else error].
    #[arg(long, value_enum, ignore_case = true, value_name = "SEVERITY")]
    pub fail_on: Option<Threshold>,
    /// The configuration file of every file [default: for each file, the nearest oscx.toml
    /// in its directory or above it, up to the repository's root].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also say which findings inline suppressions allowed, and why.
    #[arg(long, short)]
    pub verbose: bool,
    /// How many files to check at once (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Hold documents to this generation: `1.0`, `1.1` (Outlook 2010) or `2013`.
    /// Without it, the document's namespace decides (1.0, or 2013 for the 1.1 namespace).
    #[arg(long, value_parser = parse_target, conflicts_with = "schema")]
    pub target: Option<Target>,
    /// Validate against this XSD file instead (the supported subset of XML Schema).
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// Report at most this many findings per file, the schema's and the rules' together
    /// (the first by position); the others are counted and shown as "N more". 0: no cap.
    /// Default: 1000, and no cap with --baseline or --write-baseline, which must see every
    /// finding.
    #[arg(long, value_name = "N")]
    pub max_diagnostics: Option<usize>,
    /// XSD validation only: skip the conformance rules.
    #[arg(long)]
    pub no_lint: bool,
    /// Do not run this rule (repeatable), e.g. `--allow OSC012`, or do not report this
    /// advice code (`xml::encoding-mismatch`, `xsd::no-namespace`); schema errors cannot be
    /// allowed.
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report this rule's or advice code's findings as warnings (repeatable).
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report this rule's or advice code's findings as errors (repeatable); `--deny
    /// warnings` makes every rule's warning an error.
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,
    /// The provider method that returned the documents, for the rules about each method's
    /// answer: GetCapabilities, GetFriendsAndColleagues, FindPerson, GetPeopleDetails,
    /// GetDetails, GetActivitiesEx.
    #[arg(long, value_parser = parse_method)]
    pub method: Option<crate::lint::Method>,
    /// The `hashedAddresses` request a GetPeopleDetails answer replies to.
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,
    /// The `startTime` a GetActivitiesEx call was given (an xs:dateTime, e.g. 2010-01-01T00:00:00Z).
    #[arg(long, value_name = "DATETIME", value_parser = parse_date_time)]
    pub start_time: Option<crate::xs::XsDateTime>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Bounds on each document; a document past one is refused where it went past.
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Most elements open at once.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,
    /// Most elements in one document.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_ELEMENTS)]
    pub max_elements: u64,
    /// Most bytes in one value (text, attribute value) or piece of markup.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::DEFAULT_MAX_VALUE_BYTES)]
    pub max_value_bytes: usize,
    /// Most attributes on one element.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT_MAX_ATTRIBUTES)]
    pub max_attributes: usize,
    /// Most bytes in one document.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_bytes: u64,
}

impl LimitArgs {
    /// The bounds these flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            max_depth: self.max_depth,
            max_elements: self.max_elements,
            max_value_bytes: self.max_value_bytes,
            max_attributes: self.max_attributes,
            max_input_bytes: self.max_input_bytes,
        }
    }
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// rustc-style messages with the source line; colour on a terminal unless `NO_COLOR`.
    Human,
    /// One JSON object per file per line.
    Json,
    /// One SARIF 2.1.0 log (GitHub code scanning and other SARIF readers).
    Sarif,
    /// JUnit XML: one test case per file.
    Junit,
    /// GitHub Actions annotations: one `::error`/`::warning`/`::notice` line per finding.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// A `--report FORMAT=PATH` value.
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub format: ReportFormat,
    pub path: PathBuf,
}

fn parse_report(s: &str) -> Result<ReportFile, String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| format!("expected FORMAT=PATH, such as `sarif=oscx.sarif`, not `{s}`"))?;
    let format = ReportFormat::from_str(format, true).map_err(|_| {
        format!("unknown report format `{format}`: expected json, sarif, junit, github or gitlab")
    })?;
    if format == ReportFormat::Human {
        return Err("the human report goes to the console; --report takes json, sarif, junit, github or gitlab".into());
    }
    if path.is_empty() {
        return Err(format!("`{s}` names no file"));
    }
    Ok(ReportFile {
        format,
        path: PathBuf::from(path),
    })
}

/// `--fail-on` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

impl Threshold {
    pub fn severity(self) -> crate::Severity {
        match self {
            Threshold::Error => crate::Severity::Error,
            Threshold::Warning => crate::Severity::Warning,
            Threshold::Info => crate::Severity::Info,
        }
    }
}

const TOP_EXAMPLES: &str = "\
Examples:
  oscx validate fixtures/docs/friends.xml
  oscx validate captures/ --format sarif --output oscx.sarif
  oscx fmt --write payload.xml
  oscx convert payload.xml --to json
  oscx explain OSC010

Exit codes: 0 success; 1 findings (invalid or non-canonical documents); 2 usage error,
unreadable file or unsupported schema. `oscx help COMMAND` shows each command's flags.";

const FMT_EXAMPLES: &str = "\
Examples:
  oscx fmt payload.xml
  oscx fmt --check payload.xml       # exit 1 if not canonical
  oscx fmt --check --diff captures/  # and show what would change
  oscx fmt --write --fix payload.xml
  oscx fmt --declaration utf-8 --compact - < payload.xml";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  oscx validate fixtures/docs/friends.xml
  oscx validate captures/ --glob '**/people/*.xml' --target 2013
  oscx validate captures/ --format sarif --output oscx.sarif
  oscx validate answer.xml --method GetPeopleDetails --request request.xml
  curl -s http://localhost/feed | oscx validate - --format json

Exit codes: 0 every file passed; 1 a finding at or above --fail-on (a file that is not
well-formed XML counts); 2 usage error, unreadable file or unsupported schema.";

fn parse_method(s: &str) -> Result<crate::lint::Method, String> {
    s.parse()
}

fn parse_date_time(s: &str) -> Result<crate::xs::XsDateTime, String> {
    crate::xs::XsDateTime::parse(s).map_err(|e| e.to_string())
}

fn parse_target(s: &str) -> Result<Target, String> {
    s.parse()
}

/// Flags of `oscx fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// The documents to format: files, directories (recursively), `-` for standard input.
    /// Several files, or a directory, need `--check` or `--write`.
    #[arg(required = true, value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Which files directories give, as for `validate`.
    #[command(flatten)]
    pub walk: super::paths::WalkArgs,
    /// Print nothing; exit 1 if a file is not already canonical.
    #[arg(long, conflicts_with = "write")]
    pub check: bool,
    /// With `--check`: print a unified diff of what formatting would change.
    #[arg(long, requires = "check")]
    pub diff: bool,
    /// Rewrite the file in place instead of printing it.
    #[arg(long)]
    pub write: bool,
    /// No indentation or line breaks between elements.
    #[arg(long)]
    pub compact: bool,
    /// Also repair every mistake that has exactly one reading (`True`, `Male`, a misspelt
    /// element name, an `https` OSC namespace, `nonfriend`, elements out of order) and
    /// report each repair: `fixed: …`, or `would fix: …` with `--check`.
    #[arg(long)]
    pub fix: bool,
    /// The XML declaration to write; by default the input's encoding (UTF-16 stays UTF-16).
    #[arg(long, value_enum, ignore_case = true)]
    pub declaration: Option<DeclarationArg>,
    #[command(flatten)]
    pub limits: LimitArgs,
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
