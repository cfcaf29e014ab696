//! Seeded generator of big, schema-valid OSC inputs for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_osc -- friends --size-mb 64 --seed 1 > friends.xml
//! cargo run --release --example gen_osc -- friends --persons 1000 --seed 1 > small.xml
//! cargo run --release --example gen_osc -- feed --activities 50000 --seed 1 > feed.xml
//! cargo run --release --example gen_osc -- many --count 1000 --dir DIR --seed 1
//! ```
//!
//! `friends` and `feed` stream to standard output through a `BufWriter`, so a 600 MB file
//! takes no more memory than a small one. `many` writes `count` small documents of mixed
//! roots (friends, person, capabilities, activityFeed, hashedAddresses) into `DIR`.
//! The same seed gives the same bytes every time; a summary goes to standard error.
//! Every output is valid against `schemas/osc-2013.xsd`; check with
//! `xmllint --noout --stream --schema schemas/osc-2013.xsd FILE`.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[path = "gen_osc/generate.rs"]
mod generate;

use generate::{Rng, Size, SmallKind, Written};

const USAGE: &str = "usage:
  gen_osc friends [--size-mb N | --persons N] [--seed S]   (default: --size-mb 64)
  gen_osc feed [--activities N] [--seed S]                 (default: --activities 50000)
  gen_osc many --dir DIR [--count N] [--seed S]            (default: --count 1000)";

/// The parsed command line.
struct Args {
    mode: String,
    seed: u64,
    size_mb: Option<u64>,
    persons: Option<u64>,
    activities: u64,
    count: u64,
    dir: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mode = it.next().ok_or("missing mode")?;
    let mut args = Args {
        mode,
        seed: 1,
        size_mb: None,
        persons: None,
        activities: 50_000,
        count: 1000,
        dir: None,
    };
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("`{flag}` needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|e| format!("`{flag}`: `{v}` is not a number: {e}"))
        };
        match flag.as_str() {
            "--seed" => args.seed = number(value()?)?,
            "--size-mb" => args.size_mb = Some(number(value()?)?),
            "--persons" => args.persons = Some(number(value()?)?),
            "--activities" => args.activities = number(value()?)?,
            "--count" => args.count = number(value()?)?,
            "--dir" => args.dir = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown flag `{other}`")),
        }
    }
    Ok(args)
}

/// Runs `write` against a buffered stdout and reports what was written.
fn to_stdout(
    what: &str,
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<Written>,
) -> io::Result<()> {
    let stdout = io::stdout();
    // 1 MiB: large enough that the generator, not the pipe, sets the pace.
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = write(&mut out)?;
    out.flush()?;
    eprintln!(
        "gen_osc: {what}: {} items, {} bytes ({:.1} MiB)",
        written.items,
        written.bytes,
        written.bytes as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}

fn many(dir: &PathBuf, count: u64, seed: u64) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    let mut total = 0u64;
    let mut per_kind = [0u64; 5];
    for i in 0..count {
        let kind = SmallKind::choose(&mut rng);
        let text = generate::small_document(kind, rng.next_u64());
        let path = dir.join(format!("{i:05}-{}.xml", kind.root()));
        std::fs::write(&path, &text)?;
        total += text.len() as u64;
        per_kind[kind as usize] += 1;
    }
    eprintln!(
        "gen_osc: many: {count} files in {} ({total} bytes; friends {}, person {}, \
         capabilities {}, activityFeed {}, hashedAddresses {})",
        dir.display(),
        per_kind[0],
        per_kind[1],
        per_kind[2],
        per_kind[3],
        per_kind[4]
    );
    Ok(())
}

fn run(args: &Args) -> io::Result<()> {
    match args.mode.as_str() {
        "friends" => {
            let size = match (args.persons, args.size_mb) {
                (Some(n), _) => Size::Persons(n),
                (None, mb) => Size::Bytes(mb.unwrap_or(64) * 1024 * 1024),
            };
            to_stdout("friends", |out| {
                generate::write_friends(out, args.seed, size)
            })
        }
        "feed" => to_stdout("activityFeed", |out| {
            generate::write_feed(out, args.seed, args.activities)
        }),
        "many" => {
            let dir = args.dir.as_ref().ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "`many` needs --dir DIR")
            })?;
            many(dir, args.count, args.seed)
        }
        other => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("unknown mode `{other}`"),
        )),
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("gen_osc: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        // `gen_osc … | head` is a normal way to peek at the output.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_osc: {e}");
            ExitCode::from(if e.kind() == io::ErrorKind::InvalidInput {
                2
            } else {
                1
            })
        }
    }
}
