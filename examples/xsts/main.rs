//! Runs the W3C XML Schema Test Suite through the XSD engine behind `oscx validate --schema`
//! and measures it against the suite's XSD 1.0 expectations.
//!
//! ```sh
//! cargo run --release --example xsts -- SUITE_DIR [--out DIR] [--xmllint] [--deadline SECS]
//! ```
//!
//! `SUITE_DIR` is a checkout of <https://github.com/w3c/xsdtests> (the directory holding
//! `suite.xml`). Every test group whose schema is a single document is run in this process
//! through the library: the schema is loaded with `osc_schema::xsd::load`, and when it loads
//! each instance is validated with a `Validator`. A Markdown summary goes to standard output;
//! `--out DIR` also writes `summary.md`, `cases.tsv` (every case) and `disagreements.md`
//! (every case to triage). `--xmllint` puts xmllint's verdicts on the same cases beside ours.
//! Each case has `--deadline` seconds (default 10) before it counts as a hang.
//!
//! Exit status: 0 when the run completed (whatever the verdicts), 2 for a usage error or a
//! directory without `suite.xml`. `docs/xsts.md` explains every number.

mod classify;
mod disputed;
mod report;
mod suite;
mod xmllint;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use classify::Engine;
use report::Tally;
use suite::Scope;

/// The command line.
struct Options {
    suite: PathBuf,
    out: Option<PathBuf>,
    xmllint: bool,
    deadline: Duration,
}

const USAGE: &str = "usage: xsts SUITE_DIR [--out DIR] [--xmllint] [--deadline SECS]\n\
    SUITE_DIR is a checkout of the W3C XML Schema Test Suite:\n  \
    git clone https://github.com/w3c/xsdtests";

fn options() -> Result<Options, String> {
    let mut args = std::env::args_os().skip(1);
    let mut suite = None;
    let mut out = None;
    let mut xmllint = false;
    let mut deadline = Duration::from_secs(10);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--out") => {
                out = Some(PathBuf::from(args.next().ok_or("--out needs a directory")?))
            }
            Some("--xmllint") => xmllint = true,
            Some("--deadline") => {
                let secs = args
                    .next()
                    .and_then(|s| s.to_str().and_then(|s| s.parse::<f64>().ok()))
                    .filter(|s| *s > 0.0)
                    .ok_or("--deadline needs a number of seconds")?;
                deadline = Duration::from_secs_f64(secs);
            }
            Some("-h" | "--help") => return Err(String::new()),
            Some(flag) if flag.starts_with("--") => return Err(format!("unknown flag `{flag}`")),
            _ if suite.is_none() => suite = Some(PathBuf::from(arg)),
            _ => return Err("only one SUITE_DIR".into()),
        }
    }
    Ok(Options {
        suite: suite.ok_or("SUITE_DIR is missing")?,
        out,
        xmllint,
        deadline,
    })
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(why) => {
            if !why.is_empty() {
                eprintln!("xsts: {why}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if !options.suite.join("suite.xml").is_file() {
        eprintln!(
            "xsts: {} holds no suite.xml\n{USAGE}",
            options.suite.display()
        );
        return ExitCode::from(2);
    }
    let suite = match suite::read(&options.suite) {
        Ok(suite) => suite,
        Err(why) => {
            eprintln!("xsts: {why}");
            return ExitCode::from(2);
        }
    };
    let tally = run(&options, &suite);
    let summary = tally.summary(&options.suite, &suite.sets_unread, suite.sets_read);
    print!("{summary}");
    if let Some(out) = &options.out {
        let written = fs::create_dir_all(out)
            .and_then(|()| fs::write(out.join("summary.md"), &summary))
            .and_then(|()| fs::write(out.join("cases.tsv"), tally.tsv()))
            .and_then(|()| fs::write(out.join("disagreements.md"), tally.disagreements()));
        if let Err(e) = written {
            eprintln!("xsts: writing to {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        eprintln!(
            "xsts: wrote summary.md, cases.tsv and disagreements.md to {}",
            out.display()
        );
    }
    ExitCode::SUCCESS
}

/// Runs every single-document group, with xmllint beside when asked.
fn run(options: &Options, suite: &suite::Suite) -> Tally {
    let mut engine = Engine::new(options.deadline);
    let mut tally = Tally::default();
    let started = Instant::now();
    let total = suite
        .groups
        .iter()
        .filter(|g| g.scope == Scope::SingleDocument)
        .count();
    let mut done = 0;
    for group in &suite.groups {
        tally.scope(group);
        if group.scope != Scope::SingleDocument {
            continue;
        }
        let schema_path = &group.schema_documents[0];
        let instances: Vec<Result<Arc<[u8]>, String>> = group
            .instances
            .iter()
            .map(|t| read(&options.suite, &t.path))
            .collect();
        let ours = match read(&options.suite, schema_path) {
            Ok(schema) => engine.run_group(schema, &instances),
            Err(message) => classify::GroupVerdicts {
                schema: classify::SchemaVerdict::Unreadable { message },
                instances: vec![None; instances.len()],
            },
        };
        let theirs = options.xmllint.then(|| {
            let paths: Vec<PathBuf> = group.instances.iter().map(|t| t.path.clone()).collect();
            xmllint::run(&options.suite, schema_path, &paths, options.deadline)
        });
        tally.group(group, &ours, theirs.as_ref());
        done += 1;
        if done % 1000 == 0 {
            eprintln!(
                "xsts: {done} of {total} groups, {:.0} s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    eprintln!(
        "xsts: {done} groups run in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    tally
}

/// A suite file's bytes, or the I/O error as text.
fn read(dir: &Path, path: &Path) -> Result<Arc<[u8]>, String> {
    fs::read(dir.join(path))
        .map(Arc::from)
        .map_err(|e| format!("{}: {e}", path.display()))
}
