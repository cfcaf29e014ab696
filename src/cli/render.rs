//! `oscx render`: an activity feed as the People Pane would show it, as text or HTML.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::Validator;
use crate::check::Checker;
use crate::diagnostic::Diagnostic;
use crate::lint::LintOptions;
use crate::model::Root;
use crate::{render, xml};
use clap::ValueEnum;

use super::convert::report;
use super::input::{display_name, read_input};
use super::output::Output;
use super::say::say;
use super::{Fatal, Outcome};

/// Flags of `oscx render`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    oscx render fixtures/docs/activity-feed.xml\n  \
    oscx render feed.xml --format html --output feed.html\n  \
    curl -s https://provider.example/activities | oscx render - --format html > feed.html")]
pub struct RenderArgs {
    /// The activity feed (`activityFeed` XML); `-` reads standard input.
    pub file: PathBuf,
    /// What to write: `text`, one block per activity; or `html`, one self-contained page
    /// styled like the People Pane.
    #[arg(long, value_enum, ignore_case = true, default_value_t = RenderFormat::Text)]
    pub format: RenderFormat,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Plain text: the title, the data, the type and date of each activity.
    Text,
    /// One HTML page, inline style, no script.
    Html,
}

pub fn run(args: &RenderArgs) -> Result<Outcome, Fatal> {
    let name = display_name(&args.file);
    let bytes = read_input(&args.file)?;
    let parsed = match xml::read_bytes(&bytes) {
        Ok(parsed) => parsed,
        Err(e) => {
            report(&name, &e);
            return Ok(Outcome::Findings);
        }
    };
    for note in &parsed.notes {
        say(&format!("{name}: {}: {}", note.severity, note.message));
    }
    let Root::ActivityFeed(feed) = &parsed.document.root else {
        let root = parsed.document.root.kind().name();
        say(&format!(
            "{name}{}: the root is `{root}`, not `activityFeed`: only activity feeds \
             can be rendered",
            root_position(&bytes, root)
        ));
        return Ok(Outcome::Findings);
    };
    let mut rendered = match args.format {
        RenderFormat::Text => render::text(feed),
        RenderFormat::Html => render::html(feed),
    };
    if let Ok(decoded) = xml::decode::decode(&bytes) {
        render::problem::place(&mut rendered.problems, &decoded.text);
    }
    // A template problem a rule finds too is said as `oscx validate` says it, where it
    // says it: the rule's finding takes the place of the preview's own.
    let said_by_rules = |code: &str| {
        render::problem::SAID_BY_RULES
            .iter()
            .any(|(_, rule)| *rule == code)
    };
    rendered.problems.retain(|p| {
        !render::problem::SAID_BY_RULES
            .iter()
            .any(|(code, _)| *code == p.code)
    });
    let checker = Checker::new(Validator::auto(), Some(LintOptions::default()));
    let mut problems: Vec<Diagnostic> = checker
        .check_bytes(&name, &bytes)
        .report
        .into_diagnostics()
        .into_iter()
        .filter(|d| said_by_rules(d.code.as_str()))
        .collect();
    problems.append(&mut rendered.problems);
    problems.sort_by_key(|d| (d.location.line, d.location.column));
    let mut output = Output::open(args.output.as_deref())?;
    output.write(rendered.output.as_bytes())?;
    output.finish()?;
    for problem in &problems {
        let at = &problem.location;
        let position = if at.line > 0 {
            format!(":{}:{}", at.line, at.column)
        } else {
            String::new()
        };
        say(&format!(
            "{name}{position}: {}[{}]: {} (at {})",
            problem.severity, problem.code, problem.message, at.path
        ));
        if let Some(help) = &problem.help {
            say(&format!("  help: {help}"));
        }
    }
    Ok(if problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// `:LINE:COLUMN` of the root element, or nothing when it cannot be found again.
fn root_position(bytes: &[u8], root: &str) -> String {
    let Ok(decoded) = xml::decode::decode(bytes) else {
        return String::new();
    };
    // Roots that may also be repeated children (`person`) are written with an index.
    let paths: BTreeSet<String> = [format!("/{root}"), format!("/{root}[1]")].into();
    crate::xml::locate::locate(decoded.text.as_bytes(), &paths)
        .ok()
        .and_then(|found| found.into_values().next())
        .map(|at| format!(":{}:{}", at.element.line, at.element.column))
        .unwrap_or_default()
}
