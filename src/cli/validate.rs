//! `oscx validate`: expand the paths, check the files in parallel, print the reports in
//! input order in the chosen format, and exit with the code the results call for.

use osc_schema::check::baseline::Baseline;
use osc_schema::check::suppress::Suppression;
use osc_schema::check::{Checker, FileReport};
use osc_schema::lint::{Level, LintOptions, Skipped};
use osc_schema::model::Root;
use osc_schema::print::{github, gitlab, human, json, junit, sarif, summary::Summary};
use osc_schema::xsd::Validator;

use super::args::{ColorChoice, ReportFormat, ValidateArgs};
use super::config::Config;
use super::glob::Glob;
use super::output::Output;
use super::parallel::ordered_map;
use super::paths::{Input, Links, expand};
use super::progress::Progress;
use super::{Fatal, Outcome};

/// What a worker hands back for one file: the report, the human text when the console
/// shows it, and how many findings the baseline hid.
struct Done {
    report: FileReport,
    human: String,
    hidden: usize,
    /// The inline suppressions of the file.
    allowed: Vec<Suppression>,
    /// Where rules did not run, because what they read could not be read.
    skipped: Vec<Skipped>,
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, Fatal> {
    let glob = Glob::new(&args.glob).map_err(Fatal)?;
    let config = Config::find(args.config.as_deref())?;
    let custom = custom_schema(args)?;
    let base_options = if args.no_lint {
        None
    } else {
        Some(lint_options(args)?)
    };
    // Each file gets the settings the configuration has for it; flags win.
    let checker_for = |file: &std::path::Path| -> Checker {
        let settings = config.for_file(file);
        let target = args.target.or(settings.target);
        let validator = match &custom {
            Some(v) => v.clone(),
            None => target.map_or_else(Validator::auto, Validator::new),
        };
        let validator = validator.with_limits(args.limits.limits());
        let validator = match args.max_diagnostics {
            Some(n) => validator.with_max_diagnostics(n),
            None => validator,
        };
        let options = base_options.as_ref().map(|base| {
            let mut options = base.clone();
            options.target = target;
            options.method = args.method.or(settings.method);
            let from_flags = std::mem::take(&mut options.config.levels);
            options
                .config
                .levels
                .extend(settings.levels.iter().cloned());
            options.config.levels.extend(from_flags);
            options
        });
        Checker::new(validator, options)
    };
    // Without per-file settings every file gets the same checker: built once, not for
    // each of a thousand small files.
    let shared = (!config.varies_by_file()).then(|| checker_for(std::path::Path::new("")));
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path)?),
        None => None,
    };
    let links = if args.follow_links {
        Links::Anywhere
    } else {
        Links::InsideTree
    };
    let inputs = expand(&args.paths, &glob, links)?;
    if inputs.is_empty() {
        return Err(Fatal("no files to check".into()));
    }
    let format = args.format.unwrap_or(ReportFormat::Human);
    // In a GitHub workflow, without a format asked for: the human output for the log, and
    // annotations, which GitHub shows on the files (only a few per step, hence both).
    let annotate =
        args.format.is_none() && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    // Report files are created now, so that a bad path fails before any work is done.
    let mut report_files = args
        .reports
        .iter()
        .map(|r| Ok((r.format, Output::open(Some(&r.path))?)))
        .collect::<Result<Vec<_>, Fatal>>()?;
    let mut output = Output::open(args.output.as_deref())?;
    let color = format == ReportFormat::Human
        && match args.color {
            ColorChoice::Auto => output.wants_color(),
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        };
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let threshold = match (args.fail_on, config.settings.fail_on.as_deref()) {
        (Some(t), _) => t.severity(),
        (None, Some("warning")) => osc_schema::Severity::Warning,
        (None, Some("info")) => osc_schema::Severity::Info,
        (None, _) => osc_schema::Severity::Error,
    };
    let workers = args
        .jobs
        .map(std::num::NonZeroUsize::get)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    let keep_all = matches!(
        format,
        ReportFormat::Sarif | ReportFormat::Junit | ReportFormat::Gitlab
    ) || !report_files.is_empty()
        || args.write_baseline.is_some();

    let mut summary = Summary::default();
    let mut failed = false;
    let mut hidden = 0;
    let mut kept = Vec::new();
    let mut progress = Progress::new(inputs.len(), args.quiet);
    let check = |input: &Input| -> Done {
        // The checker has applied the file's inline suppressions already.
        let mut built = None;
        let checked = match input {
            Input::Stdin => {
                let file = std::path::Path::new(stdin_name);
                // Bounded however much arrives: a large document is checked as a stream.
                pick(&shared, &mut built, || checker_for(file))
                    .check_reader(stdin_name, std::io::stdin())
                    .map_err(|e| {
                        FileReport::unreadable(
                            stdin_name,
                            format!("cannot read standard input: {e}"),
                        )
                    })
            }
            Input::File { path, name } => pick(&shared, &mut built, || checker_for(path))
                .check_path(name, path)
                .map_err(|e| {
                    FileReport::unreadable(name.as_str(), format!("cannot read `{name}`: {e}"))
                }),
            Input::Unreadable { name, reason } => {
                Err(FileReport::unreadable(name.as_str(), reason.as_str()))
            }
        };
        let (mut report, source, allowed, skipped) = match checked {
            Ok(c) => (c.report, Some(c.source), c.suppressions, c.skipped),
            Err(report) => (report, None, Vec::new(), Vec::new()),
        };
        let hidden = baseline.as_ref().map_or(0, |b| b.hide_known(&mut report));
        let human = match (&source, format) {
            (Some(source), ReportFormat::Human) => human::render_report(source, &report, color),
            _ => String::new(),
        };
        Done {
            report,
            human,
            hidden,
            allowed,
            skipped,
        }
    };
    ordered_map(&inputs, workers, check, |done: Done| {
        progress.tick();
        summary.add(&done.report);
        hidden += done.hidden;
        if args.verbose {
            for s in done.allowed.iter().filter(|s| s.reason.is_some()) {
                progress.clear();
                output.flush()?;
                // The rules and the reason are the comment's text: shown inert.
                let line = format!(
                    "{}:{}:{}: `{}` allowed ({} finding{}): {}",
                    done.report.file,
                    s.line,
                    s.column,
                    s.rules.join(", "),
                    s.allowed,
                    if s.allowed == 1 { "" } else { "s" },
                    s.reason.as_deref().unwrap_or_default()
                );
                eprintln!("oscx: {}", inert(&line));
            }
            for skip in &done.skipped {
                progress.clear();
                output.flush()?;
                eprintln!("oscx: {}", inert(&format!("{}: {skip}", done.report.file)));
            }
        }
        if let Some(reason) = &done.report.unreadable {
            progress.clear();
            output.flush()?;
            eprintln!("oscx: {reason}");
        }
        failed |= done.report.fails(threshold);
        match format {
            ReportFormat::Human => {
                if !done.human.is_empty() || done.report.truncated > 0 {
                    progress.clear();
                }
                print_human(&mut output, &done)?;
            }
            ReportFormat::Json => {
                progress.clear();
                output.write(json::line(&done.report).as_bytes())?;
            }
            ReportFormat::Github => {
                progress.clear();
                output.write(github::lines(&done.report).as_bytes())?;
            }
            // These are one document over all files, written at the end.
            ReportFormat::Sarif | ReportFormat::Junit | ReportFormat::Gitlab => {}
        }
        if keep_all || annotate {
            kept.push(done.report);
        }
        Ok::<(), Fatal>(())
    })?;
    progress.clear();
    let hidden_line = (hidden > 0 && !args.quiet).then(|| {
        format!(
            "{hidden} known finding{} hidden by the baseline",
            if hidden == 1 { "" } else { "s" }
        )
    });
    match format {
        ReportFormat::Human => {
            output.write(format!("{summary}\n").as_bytes())?;
            if let Some(line) = &hidden_line {
                output.write(format!("{line}\n").as_bytes())?;
            }
        }
        other => {
            if let Some(text) = whole_document(other, &kept, threshold) {
                output.write(text.as_bytes())?;
            }
            output.flush()?;
            eprintln!("oscx: {summary}");
            if let Some(line) = &hidden_line {
                eprintln!("oscx: {line}");
            }
        }
    }
    if annotate {
        for report in &kept {
            output.write(github::lines(report).as_bytes())?;
        }
    }
    output.finish()?;
    for (format, mut file) in report_files.drain(..) {
        let text = match whole_document(format, &kept, threshold) {
            Some(text) => text,
            None => kept.iter().map(|r| per_file(format, r)).collect(),
        };
        file.write(text.as_bytes())?;
        file.finish()?;
    }
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::of(&kept);
        std::fs::write(path, recorded.to_json())
            .map_err(|e| Fatal(format!("cannot write `{}`: {e}", path.display())))?;
        if !args.quiet {
            eprintln!(
                "oscx: recorded {} finding{} in `{}`",
                recorded.len(),
                if recorded.len() == 1 { "" } else { "s" },
                path.display()
            );
        }
    }
    if summary.unreadable > 0 {
        // Everything readable was reported; an unreadable input still fails the run as a
        // usage error, which scripts must not mistake for findings.
        return Err(Fatal(format!(
            "{} could not be read",
            if summary.unreadable == 1 {
                "1 file".to_owned()
            } else {
                format!("{} files", summary.unreadable)
            }
        )));
    }
    // Writing a baseline accepts today's findings: the run that records them passes.
    Ok(if failed && args.write_baseline.is_none() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The checker shared by all files when there is one, else the file's own, built by `make`
/// into `built`.
fn pick<'a>(
    shared: &'a Option<Checker>,
    built: &'a mut Option<Checker>,
    make: impl FnOnce() -> Checker,
) -> &'a Checker {
    match shared {
        Some(checker) => checker,
        None => built.insert(make()),
    }
}

/// The report of all files as one document, for the formats that are one.
fn whole_document(
    format: ReportFormat,
    reports: &[FileReport],
    threshold: osc_schema::Severity,
) -> Option<String> {
    match format {
        ReportFormat::Sarif => Some(sarif::log(reports)),
        ReportFormat::Junit => Some(junit::document(reports, threshold)),
        ReportFormat::Gitlab => Some(gitlab::document(reports)),
        ReportFormat::Human | ReportFormat::Json | ReportFormat::Github => None,
    }
}

/// The report of one file, for the formats written file by file.
fn per_file(format: ReportFormat, report: &FileReport) -> String {
    match format {
        ReportFormat::Json => json::line(report),
        ReportFormat::Github => github::lines(report),
        _ => String::new(),
    }
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, Fatal> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fatal(format!("cannot read baseline `{}`: {e}", path.display())))?;
    Baseline::from_json(&text).map_err(|e| Fatal(format!("baseline `{}`: {e}", path.display())))
}

fn print_human(output: &mut Output, done: &Done) -> Result<(), Fatal> {
    let report = &done.report;
    output.write(done.human.as_bytes())?;
    if report.truncated > 0 {
        output.write(
            format!(
                "{}: {} more findings not shown\n",
                report.file, report.truncated
            )
            .as_bytes(),
        )?;
    }
    Ok(())
}

/// The validator for `--schema`, loaded once; `None` for the embedded schemas.
fn custom_schema(args: &ValidateArgs) -> Result<Option<Validator>, Fatal> {
    let Some(path) = &args.schema else {
        return Ok(None);
    };
    let bytes = std::fs::read(path)
        .map_err(|e| Fatal(format!("cannot read schema `{}`: {e}", path.display())))?;
    Validator::from_xsd(bytes)
        .map(Some)
        .map_err(|e| Fatal(format!("schema `{}`: {e}", path.display())))
}

fn lint_options(args: &ValidateArgs) -> Result<LintOptions, Fatal> {
    let mut options = LintOptions {
        target: args.target,
        method: args.method,
        start_time: args.start_time.clone(),
        ..LintOptions::default()
    };
    for (ids, level) in [
        (&args.allow, Level::Allow),
        (&args.warn, Level::Warn),
        (&args.deny, Level::Deny),
    ] {
        for id in ids {
            if level == Level::Deny && id == "warnings" {
                options.config.deny_warnings = true;
                continue;
            }
            let rule = osc_schema::lint::rules::find(id)
                .ok_or_else(|| Fatal(format!("no rule `{id}`; `oscx rules` lists them")))?;
            options
                .config
                .levels
                .insert(rule.info().id.to_owned(), level);
        }
    }
    if let Some(path) = &args.request {
        let bytes = std::fs::read(path)
            .map_err(|e| Fatal(format!("cannot read request `{}`: {e}", path.display())))?;
        let parsed = osc_schema::xml::read_bytes(&bytes)
            .map_err(|e| Fatal(format!("request `{}`: {e}", path.display())))?;
        match parsed.document.root {
            Root::HashedAddresses(h) => options.request = Some(h),
            other => {
                return Err(Fatal(format!(
                    "request `{}` is a `{}` document; expected `hashedAddresses`",
                    path.display(),
                    other.kind()
                )));
            }
        }
    }
    Ok(options)
}

/// `text` with control characters shown escaped, so that a value quoted from a document
/// stays on one line and cannot be read as a command by a CI runner.
pub(super) fn inert(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}
