//! `oscx validate`: expand the paths, check the files in parallel, write the reports in
//! input order in the chosen format as the files are done, and exit with the code the
//! results call for.
//!
//! No output of a run is one of its inputs: an output file that is also a file given to
//! check is refused before anything is written, and one met in a directory walk is not
//! checked.

use crate::Report;
use crate::check::baseline::Baseline;
use crate::check::suppress::Suppression;
use crate::check::{Checker, DEFAULT_MAX_DIAGNOSTICS};
use crate::lint::{Level, LintOptions, Method, Skipped};
use crate::model::Root;
use crate::print::{github, human, summary::Summary};
use crate::xsd::Validator;

use super::args::{ColorChoice, ReportFormat, ValidateArgs};
use super::config::Config;
use super::configs::Configs;
use super::input::read_input;
use super::output::Output;
use super::parallel::ordered_map;
use super::paths::{Input, expand};
use super::progress::Progress;
use std::io::Write as _;
use std::sync::Arc;

use super::replace::Staged;
use super::report_stream::ReportStream;
use super::same_file::FileId;
use super::say::say;
use super::spool::Spool;
use super::{Fatal, Outcome};

/// What a worker hands back for one file: the report, the human text when the console
/// shows it, and how many findings the baseline hid.
struct Done {
    report: Report,
    human: String,
    hidden: usize,
    /// The inline suppressions of the file.
    allowed: Vec<Suppression>,
    /// Where rules did not run, because what they read could not be read.
    skipped: Vec<Skipped>,
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, Fatal> {
    let configs = Configs::new(args.config.as_deref())?;
    // The run's own settings (`fail-on`) are the working directory's.
    let config = configs.here()?;
    let custom = custom_schema(args)?;
    let method_flag = method_flag(args)?;
    let flag_levels = flag_levels(args)?;
    let base_options = if args.no_lint {
        None
    } else {
        Some(lint_options(args, &flag_levels)?)
    };
    // A baseline hides and records findings by what they are, after the cap: capped, the
    // findings past it would be neither recorded nor hidden.
    let max_diagnostics = args.max_diagnostics.unwrap_or(
        if args.baseline.is_some() || args.write_baseline.is_some() {
            0
        } else {
            DEFAULT_MAX_DIAGNOSTICS
        },
    );
    // Each file gets the settings its configuration has for it; flags win.
    let checker_for = |config: &Config, file: &std::path::Path| -> Checker {
        let settings = config.for_file(file);
        let target = args.target.or(settings.target);
        let validator = match &custom {
            Some(v) => v.clone(),
            None => target.map_or_else(Validator::auto, Validator::new),
        };
        let validator = validator.with_limits(args.limits.limits());
        // 0 asks for every finding.
        let validator = match max_diagnostics {
            0 => validator,
            n => validator.with_max_diagnostics(n),
        };
        let options = base_options.as_ref().map(|base| {
            let mut options = base.clone();
            options.target = target;
            options.method = method_flag.or(settings.method);
            let from_flags = std::mem::take(&mut options.config.levels);
            options
                .config
                .levels
                .extend(settings.levels.iter().cloned());
            options.config.levels.extend(from_flags);
            options
        });
        // Advice codes are levelled with or without the rules: flags win over the file.
        let advice = super::levels::advice(settings.levels.iter().chain(&flag_levels.levels));
        Checker::new(validator, options)
            .with_advice_levels(advice)
            // Only a baseline needs to know who each finding is about.
            .with_identities(args.baseline.is_some() || args.write_baseline.is_some())
            // The command line has cores to spare: a stream's rules and tokenizer run on
            // threads of their own.
            .with_threads(true)
    };
    // Baselines name files relative to the run's configuration's directory, else the
    // working directory, so that a file given as `./x`, by its absolute path or from
    // elsewhere in the project is the same file.
    let baseline_base = config
        .path
        .as_deref()
        .and_then(std::path::Path::parent)
        .map(std::path::Path::to_owned)
        .unwrap_or_default();
    let baseline = match &args.baseline {
        Some(path) => Some(read_baseline(path)?.relative_to(&baseline_base)),
        None => None,
    };
    let inputs = apart_from_outputs(expand(&args.paths, &args.walk, &configs)?, args)?;
    if inputs.is_empty() {
        return Err(Fatal("no files to check".into()));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let Configured { inputs, in_use } = configured(inputs, &configs, stdin_name)?;
    // Under a configuration without per-file settings every file gets the same checker:
    // built once, not for each of a thousand small files.
    let shared: Vec<Option<Checker>> = in_use
        .iter()
        .map(|c| (!c.varies_by_file()).then(|| checker_for(c, std::path::Path::new(""))))
        .collect();
    let format = args.format.unwrap_or(ReportFormat::Human);
    // In a GitHub workflow, without a format asked for: the human output for the log, and
    // annotations, which GitHub shows on the files (only a few per step, hence both).
    let annotate =
        args.format.is_none() && std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let threshold = match (args.fail_on, config.settings.fail_on.as_deref()) {
        (Some(t), _) => t.severity(),
        (None, Some("warning")) => crate::Severity::Warning,
        (None, Some("info")) => crate::Severity::Info,
        (None, _) => crate::Severity::Error,
    };
    // Report files are created now, so that a bad path fails before any work is done.
    let mut report_files = Vec::new();
    for r in &args.reports {
        let mut file = Output::open(Some(&r.path))?;
        if let Some(stream) = ReportStream::start(r.format, threshold, &mut file)? {
            report_files.push((stream, file));
        }
    }
    let mut output = Output::open(args.output.as_deref())?;
    let mut stream = ReportStream::start(format, threshold, &mut output)?;
    // Annotations come after the human output: kept aside until then.
    let mut annotations = if annotate { Some(Spool::new()?) } else { None };
    let color = format == ReportFormat::Human
        && match args.color {
            ColorChoice::Auto => output.wants_color(),
            ColorChoice::Always => true,
            ColorChoice::Never => false,
        };
    let workers = args
        .jobs
        .map(std::num::NonZeroUsize::get)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    // A baseline holds every finding: the reports are kept for it, and only for it.
    let keep_all = args.write_baseline.is_some();

    let mut summary = Summary::default();
    let mut failed = false;
    let mut hidden = 0;
    let mut kept = Vec::new();
    let mut progress = Progress::new(inputs.len(), args.quiet);
    let check = |(input, config): &(Input, usize)| -> Done {
        let (shared, config) = (&shared[*config], &in_use[*config]);
        // The checker has applied the file's inline suppressions already.
        let mut built = None;
        let checked = match input {
            Input::Stdin => {
                let file = std::path::Path::new(stdin_name);
                // Bounded however much arrives: a large document is checked as a stream.
                pick(shared, &mut built, || checker_for(config, file))
                    .check_reader(stdin_name, std::io::stdin())
                    .map_err(|e| {
                        Report::unreadable(stdin_name, format!("cannot read standard input: {e}"))
                    })
            }
            Input::File { path, name } => pick(shared, &mut built, || checker_for(config, path))
                .check_path(name, path)
                .map_err(|e| {
                    Report::unreadable(name.as_str(), format!("cannot read `{name}`: {e}"))
                }),
            Input::Unreadable { name, reason } => {
                Err(Report::unreadable(name.as_str(), reason.as_str()))
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
                    done.report.file(),
                    s.line,
                    s.column,
                    s.rules.join(", "),
                    s.allowed,
                    if s.allowed == 1 { "" } else { "s" },
                    s.reason.as_deref().unwrap_or_default()
                );
                say(&line);
            }
            for skip in &done.skipped {
                progress.clear();
                output.flush()?;
                say(&format!("{}: {skip}", done.report.file()));
            }
        }
        if let Some(reason) = done.report.unreadable_reason() {
            progress.clear();
            output.flush()?;
            say(reason);
        }
        failed |= done.report.fails(threshold);
        match &mut stream {
            None => {
                if !done.human.is_empty() || done.report.truncated() > 0 {
                    progress.clear();
                }
                print_human(&mut output, &done)?;
            }
            Some(stream) => {
                progress.clear();
                stream.file(&done.report, &mut output)?;
            }
        }
        for (stream, file) in &mut report_files {
            stream.file(&done.report, file)?;
        }
        if let Some(spool) = &mut annotations {
            spool.write(github::lines(&done.report).as_bytes())?;
        }
        if keep_all {
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
    match stream {
        None => {
            output.write(format!("{summary}\n").as_bytes())?;
            if let Some(line) = &hidden_line {
                output.write(format!("{line}\n").as_bytes())?;
            }
        }
        Some(stream) => {
            stream.end(&mut output)?;
            output.flush()?;
            say(&summary.to_string());
            if let Some(line) = &hidden_line {
                say(line);
            }
        }
    }
    if let Some(spool) = annotations {
        spool.pass_on(&mut output)?;
    }
    output.finish()?;
    for (stream, mut file) in report_files {
        stream.end(&mut file)?;
        file.finish()?;
    }
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::of_relative_to(&kept, &baseline_base);
        Staged::output(path)
            .and_then(|mut staged| {
                staged.write_all(recorded.to_json().as_bytes())?;
                staged.commit()
            })
            .map_err(|e| {
                Fatal(format!(
                    "cannot write `{}` (left as it was): {e}",
                    path.display()
                ))
            })?;
        if !args.quiet {
            say(&format!(
                "recorded {} finding{} in `{}`",
                recorded.len(),
                if recorded.len() == 1 { "" } else { "s" },
                path.display()
            ));
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

/// The inputs of a run, each with the configuration of its file.
struct Configured {
    /// Each input, with the index of its configuration in `in_use`.
    inputs: Vec<(Input, usize)>,
    /// The configurations, each once.
    in_use: Vec<Arc<Config>>,
}

/// Each input with its configuration (standard input's is that of the name it goes by).
fn configured(
    inputs: Vec<Input>,
    configs: &Configs,
    stdin_name: &str,
) -> Result<Configured, Fatal> {
    let mut in_use: Vec<Arc<Config>> = Vec::new();
    let mut placed = Vec::with_capacity(inputs.len());
    for input in inputs {
        let config = match &input {
            Input::File { path, .. } => configs.of_file(path)?,
            Input::Stdin => configs.of_file(std::path::Path::new(stdin_name))?,
            Input::Unreadable { .. } => configs.here()?,
        };
        let index = match in_use.iter().position(|c| Arc::ptr_eq(c, &config)) {
            Some(index) => index,
            None => {
                in_use.push(config);
                in_use.len() - 1
            }
        };
        placed.push((input, index));
    }
    Ok(Configured {
        inputs: placed,
        in_use,
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

/// The inputs without the run's own outputs, which are not checked when a directory walk
/// meets them.
///
/// # Errors
/// When an output (`--output`, `--report`, `--write-baseline`) is a file given to check:
/// nothing has been written yet, and nothing is.
fn apart_from_outputs(inputs: Vec<Input>, args: &ValidateArgs) -> Result<Vec<Input>, Fatal> {
    let mut outputs = Vec::new();
    let flagged = [("--output", args.output.as_ref())]
        .into_iter()
        .chain(args.reports.iter().map(|r| ("--report", Some(&r.path))))
        .chain([("--write-baseline", args.write_baseline.as_ref())]);
    let mut named: Vec<(&str, &std::path::PathBuf)> = Vec::new();
    for (flag, path) in flagged {
        // `-` is standard output; a file that does not exist yet is no input.
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            continue;
        };
        // Two outputs in one file: the second would replace the first.
        if let Some((other, _)) = named.iter().find(|(_, p)| same_output(p, path)) {
            return Err(Fatal(format!(
                "`{other}` and `{flag}` both write `{}`; give each its own file",
                path.display()
            )));
        }
        named.push((flag, path));
        if let Some(id) = FileId::of(path) {
            outputs.push((flag, path, id));
        }
    }
    if outputs.is_empty() {
        return Ok(inputs);
    }
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs {
        let written = match &input {
            Input::File { path, .. } => {
                FileId::of(path).and_then(|id| outputs.iter().find(|(_, _, output)| *output == id))
            }
            Input::Stdin | Input::Unreadable { .. } => None,
        };
        match (written, &input) {
            (Some((flag, output, _)), Input::File { path, name }) => {
                if args.paths.contains(path) {
                    return Err(Fatal(format!(
                        "`{name}` is to be checked and written by `{flag} {}`: it would be \
                         overwritten before it is read; write the report elsewhere",
                        output.display()
                    )));
                }
                // A report of an earlier run, in the tree walked: not a document to check.
            }
            _ => kept.push(input),
        }
    }
    Ok(kept)
}

/// Whether two outputs name one file: the same existing file, or the same path once made
/// absolute (a file not written yet).
fn same_output(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (FileId::of(a), FileId::of(b)) {
        (Some(a), Some(b)) => a == b,
        _ => {
            let absolute = |p: &std::path::Path| std::path::absolute(p).ok();
            absolute(a).is_some_and(|a| Some(a) == absolute(b))
        }
    }
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, Fatal> {
    let bytes = read_input(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Fatal(format!("baseline `{}`: {e}", path.display())))?;
    Baseline::from_json(&text).map_err(|e| Fatal(format!("baseline `{}`: {e}", path.display())))
}

fn print_human(output: &mut Output, done: &Done) -> Result<(), Fatal> {
    output.write(done.human.as_bytes())?;
    output.write(human::truncated_line(&done.report).as_bytes())?;
    Ok(())
}

/// The validator for `--schema`, loaded once; `None` for the embedded schemas.
fn custom_schema(args: &ValidateArgs) -> Result<Option<Validator>, Fatal> {
    let Some(path) = &args.schema else {
        return Ok(None);
    };
    let bytes = read_input(path)?;
    Validator::from_xsd(bytes)
        .map(Some)
        .map_err(|e| Fatal(format!("schema `{}`: {e}", path.display())))
}

/// The method the flags name: `--method`, or `GetPeopleDetails` for `--request`, the only
/// call that answers a request; a `--request` beside another method is a usage error.
fn method_flag(args: &ValidateArgs) -> Result<Option<Method>, Fatal> {
    match (args.method, &args.request) {
        (Some(method), Some(_)) if method != Method::GetPeopleDetails => Err(Fatal(format!(
            "`--request` is the request of a `GetPeopleDetails` call, not of `{}`",
            method.name()
        ))),
        (None, Some(_)) => Ok(Some(Method::GetPeopleDetails)),
        (method, _) => Ok(method),
    }
}

/// The levels `--allow`, `--warn` and `--deny` set.
struct FlagLevels {
    /// By rule ID or advice code, in the order given (later ones win).
    levels: Vec<(String, Level)>,
    /// `--deny warnings`.
    deny_warnings: bool,
}

fn flag_levels(args: &ValidateArgs) -> Result<FlagLevels, Fatal> {
    let mut out = FlagLevels {
        levels: Vec::new(),
        deny_warnings: false,
    };
    for (ids, level) in [
        (&args.allow, Level::Allow),
        (&args.warn, Level::Warn),
        (&args.deny, Level::Deny),
    ] {
        for id in ids {
            if level == Level::Deny && id == "warnings" {
                out.deny_warnings = true;
                continue;
            }
            let meant = super::levels::allowable(id).map_err(Fatal)?;
            out.levels.push((meant.code().to_owned(), level));
        }
    }
    Ok(out)
}

fn lint_options(args: &ValidateArgs, flags: &FlagLevels) -> Result<LintOptions, Fatal> {
    let mut options = LintOptions {
        target: args.target,
        method: method_flag(args)?,
        start_time: args.start_time.clone(),
        ..LintOptions::default()
    };
    options.config.deny_warnings = flags.deny_warnings;
    options.config.levels.extend(flags.levels.iter().cloned());
    if let Some(path) = &args.request {
        let bytes = read_input(path)?;
        let parsed = crate::xml::read_bytes(&bytes)
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
