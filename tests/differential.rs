//! Differential test of the XSD validator against two external XSD 1.0 validators.
//!
//! A seeded corpus (`support::corpus`: 5,000 documents over the five roots, valid ones and
//! mutants) is validated three ways: by our [`Validator`] with the embedded schemas, by
//! `xmllint --schema` and by Python `xmlschema`, both of them against Microsoft's original XSD
//! files in `../shared/reference/xsd` beside the repository (or the directory in `OSC_REFERENCE_XSD`). Documents
//! in the 1.0 namespace are checked under `BeforeOutlook2010`; those in the 1.1 namespace under both
//! `Outlook2010` and `Outlook2013`.
//!
//! The XSD 1.0 verdict is xmlschema's when it is installed, else xmllint's. Each oracle departs
//! from XSD 1.0 on a few lexical forms, written down with their reasons in
//! `tests/ORACLE_DEVIATIONS.md`. The generator tags every document that contains such a form;
//! only on a tagged document may xmllint reject what the spec accepts, or xmlschema accept
//! what it rejects (the other oracle's verdict then stands). Nothing is excused because of a
//! disagreement itself, and our verdict must always equal the XSD 1.0 one.
//!
//! xmlschema runs on every check, not on a subset: one Python process takes about 10–17 s for
//! the ~9,200 checks here, while xmllint (about 1 s) and our validator (about 2 s, debug
//! build) run alongside it, so the whole test stays well under a minute on two cores.
//!
//! Environment: in CI a missing xmllint, xmlschema or set of original schemas fails the test;
//! elsewhere the test says so on stderr and skips that part (`support::external`). `OSC_DIFF_SEED` replaces the seed to explore
//! other corpora (decimal or `0x` hex).

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use osc_schema::xsd::Validator;
use osc_schema::{RootKind, Target};
use support::corpus::{
    self, CorpusDoc, DeviationClass, MutationKind, Oracle, RootNamespace, ValueType,
};
use support::external;

/// The default seed; any other reproduces a different, equally deterministic corpus.
const SEED: u64 = 0x05C0_2013_D1FF_0001;
/// Corpus size the acceptance asks for.
const DOCS: usize = 5_000;
/// Files per xmllint invocation: keeps the command line far below any argv limit.
const CHUNK: usize = 400;
/// How many failures are printed in full.
const SHOWN_FAILURES: usize = 10;

/// The original schema file of `target`'s generation, in the reference directory.
fn reference_xsd(target: Target) -> PathBuf {
    external::reference_xsd_dir().join(reference_name(target))
}

fn reference_name(target: Target) -> &'static str {
    match target {
        Target::BeforeOutlook2010 => "OutlookSocialProvider_1.0.utf8.xsd",
        Target::Outlook2010 => "OutlookSocialProvider_1.1-2010.utf8.xsd",
        Target::Outlook2013 => "OutlookSocialProvider_1.1-2013.utf8.xsd",
    }
}

/// A directory under the system temp dir, removed when dropped (also when the test panics).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir =
            std::env::temp_dir().join(format!("osc-differential-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir can be created");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// The written list of oracle deviations
// ---------------------------------------------------------------------------------------------

/// The class ids that `tests/ORACLE_DEVIATIONS.md` lists, from its "## `id`" headings.
fn listed_deviations() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ORACLE_DEVIATIONS.md");
    let text = fs::read_to_string(&path).expect("tests/ORACLE_DEVIATIONS.md is readable");
    text.lines()
        .filter_map(|l| l.strip_prefix("## `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, _)| id.to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// xmllint
// ---------------------------------------------------------------------------------------------

/// Validates `files` against `xsd`, many per invocation; one verdict per file, `true` = valid.
///
/// xmllint prints `<file> validates` or `<file> fails to validate` on stderr for each file;
/// lines are matched against the exact paths passed, so error messages cannot be mistaken for
/// verdicts.
fn xmllint_verdicts(xsd: &Path, files: &[PathBuf]) -> HashMap<PathBuf, bool> {
    let mut verdicts = HashMap::new();
    for chunk in files.chunks(CHUNK) {
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd)
            .args(chunk)
            .stdin(Stdio::null())
            .output()
            .expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let wanted: BTreeSet<&Path> = chunk.iter().map(PathBuf::as_path).collect();
        for line in stderr.lines() {
            let (file, valid) = if let Some(f) = line.strip_suffix(" validates") {
                (f, true)
            } else if let Some(f) = line.strip_suffix(" fails to validate") {
                (f, false)
            } else {
                continue;
            };
            if wanted.contains(Path::new(file)) {
                verdicts.insert(PathBuf::from(file), valid);
            }
        }
        let missing: Vec<_> = chunk
            .iter()
            .filter(|f| !verdicts.contains_key(*f))
            .collect();
        assert!(
            missing.is_empty(),
            "xmllint gave no verdict for {} file(s) against {} (first: {:?}); its stderr ends with:\n{}",
            missing.len(),
            xsd.display(),
            missing.first(),
            tail(&stderr, 2000)
        );
    }
    verdicts
}

/// Small documents, one or two per deviation class, to learn which classes the installed
/// oracles still get wrong. The probes of xmllint's classes are valid XSD 1.0, those of
/// xmlschema's classes invalid; the control (`None`) is valid.
fn probes() -> Vec<(Option<DeviationClass>, String)> {
    const NS: &str = corpus::NS_11;
    let caps = |extra: &str| {
        format!(
            "<capabilities xmlns=\"{NS}\"><getFriends>true</getFriends><cacheFriends>true</cacheFriends>\
             <followPerson>true</followPerson><doNotFollowPerson>true</doNotFollowPerson>\
             <getActivities>true</getActivities><cacheActivities>true</cacheActivities>\
             <displayUrl>true</displayUrl><useLogonWebAuth>true</useLogonWebAuth>{extra}</capabilities>"
        )
    };
    let interval = |v: &str| {
        caps(&format!(
            "<contactSyncRestartInterval>{v}</contactSyncRestartInterval>"
        ))
    };
    let feed = |id: &str| {
        format!(
            "<activityFeed xmlns=\"{NS}\"><network>n</network><activities/><templates>\
             <activityTemplateContainer><applicationID>{id}</applicationID><templateID>1</templateID>\
             <activityTemplate><title>t</title><icon>http://x.example/</icon></activityTemplate>\
             </activityTemplateContainer></templates></activityFeed>"
        )
    };
    let person = |body: &str| format!("<person xmlns=\"{NS}\"><userID>u</userID>{body}</person>");
    let hashed = |index: &str| {
        format!(
            "<hashedAddresses xmlns=\"{NS}\"><personAddresses index=\"{index}\"/></hashedAddresses>"
        )
    };
    use DeviationClass as D;
    vec![
        (None, interval("5")),
        (Some(D::UnsignedSign), interval("+5")),
        (Some(D::UnsignedSign), feed("-0")),
        (Some(D::UnsignedWhitespace), interval(" 5 ")),
        (Some(D::UnsignedWhitespace), feed(" 5 ")),
        (Some(D::IntWhitespace), person("<index> -3 </index>")),
        (Some(D::IntWhitespace), hashed(" 5")),
        (
            Some(D::DateWhitespace),
            person("<birthday> 2012-02-28 </birthday>"),
        ),
        (
            Some(D::DateWhitespace),
            person("<creationTime> 2010-01-01T10:00:00 </creationTime>"),
        ),
        (Some(D::UnicodeWhitespace), person("<index>\u{a0}5</index>")),
        (
            Some(D::UnicodeWhitespace),
            caps("").replacen("true", "\u{3000}true", 1),
        ),
        (Some(D::UnicodeDigits), person("<index>\u{665}</index>")),
        (Some(D::UnicodeDigits), interval("\u{ff15}")),
    ]
}

/// Runs the probes through the oracles; returns the deviation classes active here. Each
/// oracle must also get the other one's probes right, or its verdict could not stand in for
/// the spec on them.
fn active_deviations(dir: &Path, use_xmlschema: bool) -> BTreeSet<DeviationClass> {
    let probes = probes();
    let files: Vec<PathBuf> = probes
        .iter()
        .enumerate()
        .map(|(i, (_, xml))| {
            let f = dir.join(format!("probe{i}.xml"));
            fs::write(&f, xml).expect("probe file is written");
            f
        })
        .collect();
    let target = Target::Outlook2013;
    let lint = xmllint_verdicts(&reference_xsd(target), &files);
    let py = use_xmlschema.then(|| {
        let jobs: Vec<(Target, PathBuf)> = files.iter().map(|f| (target, f.clone())).collect();
        xmlschema_verdicts(dir, "probes", &jobs)
    });
    let mut active = BTreeSet::new();
    for ((class, xml), f) in probes.iter().zip(&files) {
        let spec_valid = class.is_none_or(|c| c.oracle() == Oracle::Xmllint);
        let verdicts = [
            (Oracle::Xmllint, Some(lint[f])),
            (
                Oracle::Xmlschema,
                py.as_ref().map(|p| p[&(target, f.clone())]),
            ),
        ];
        for (oracle, v) in verdicts {
            let Some(v) = v else { continue };
            match class {
                Some(c) if c.oracle() == oracle => {
                    if v != spec_valid {
                        active.insert(*c);
                    }
                }
                _ => assert_eq!(
                    v, spec_valid,
                    "{oracle:?} judges a probe it should get right wrongly; the oracle setup is \
                     broken:\n{xml}"
                ),
            }
        }
    }
    active
}

// ---------------------------------------------------------------------------------------------
// Python xmlschema
// ---------------------------------------------------------------------------------------------

/// One Python process validates every `(target, file)` line of a manifest and prints
/// `target<TAB>file<TAB>valid|invalid|error …`; each schema is compiled once, as XSD 1.0.
const XMLSCHEMA_SCRIPT: &str = r#"
import sys, xmlschema
manifest, specs = sys.argv[1], sys.argv[2:]
schemas = {}
for spec in specs:
    target, path = spec.split('=', 1)
    schemas[target] = xmlschema.XMLSchema10(path)
out = sys.stdout
with open(manifest, encoding='utf-8') as m:
    for line in m:
        target, path = line.rstrip('\n').split('\t', 1)
        try:
            verdict = 'valid' if schemas[target].is_valid(path) else 'invalid'
        except Exception as e:
            verdict = 'error ' + ' '.join(str(e).split())[:300]
        out.write(target + '\t' + path + '\t' + verdict + '\n')
"#;

fn xmlschema_verdicts(
    dir: &Path,
    name: &str,
    jobs: &[(Target, PathBuf)],
) -> HashMap<(Target, PathBuf), bool> {
    let manifest = dir.join(format!("xmlschema-{name}.tsv"));
    let mut text = String::new();
    for (t, f) in jobs {
        let _ = writeln!(text, "{}\t{}", t.label(), f.display());
    }
    fs::write(&manifest, text).expect("manifest is written");
    let out = Command::new("python3")
        .arg("-c")
        .arg(XMLSCHEMA_SCRIPT)
        .arg(&manifest)
        .args(Target::ALL.map(|t| format!("{}={}", t.label(), reference_xsd(t).display())))
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the xmlschema driver failed:\n{}",
        tail(&String::from_utf8_lossy(&out.stderr), 3000)
    );
    let stdout = String::from_utf8(out.stdout).expect("the driver prints UTF-8");
    let mut verdicts = HashMap::new();
    for line in stdout.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(t), Some(f), Some(v)) = (parts.next(), parts.next(), parts.next()) else {
            panic!("unexpected line from the xmlschema driver: {line:?}");
        };
        let target: Target = t.parse().expect("the driver echoes our target labels");
        let valid = match v {
            "valid" => true,
            "invalid" => false,
            other => panic!("xmlschema could not judge {f} under {target}: {other}"),
        };
        verdicts.insert((target, PathBuf::from(f)), valid);
    }
    assert_eq!(
        verdicts.len(),
        jobs.len(),
        "xmlschema gave a verdict for every job"
    );
    verdicts
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

fn tail(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

fn head(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes more)", &s[..end], s.len() - end)
}

fn verdict(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

struct Failure<'a> {
    doc: &'a CorpusDoc,
    target: Target,
    what: &'static str,
    xmllint: bool,
    xmlschema: Option<bool>,
    ours: bool,
    diagnostics: Vec<String>,
}

impl Failure<'_> {
    fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "--- document {} ({}, built for {:?}, root namespace {:?}) under target {}: {}",
            self.doc.id,
            self.doc.root,
            self.doc.generation,
            self.doc.root_namespace,
            self.target,
            self.what
        );
        let _ = writeln!(
            s,
            "    xmllint: {}; xmlschema: {}; ours: {}",
            verdict(self.xmllint),
            self.xmlschema.map_or("not run", verdict),
            verdict(self.ours)
        );
        for m in &self.doc.mutations {
            let _ = writeln!(s, "    mutation: {}", m.detail);
        }
        if !self.doc.deviations.is_empty() {
            let ids: Vec<_> = self.doc.deviations.iter().map(|d| d.id()).collect();
            let _ = writeln!(s, "    tagged: {}", ids.join(", "));
        }
        if self.diagnostics.is_empty() {
            let _ = writeln!(s, "    our diagnostics: none");
        }
        for d in &self.diagnostics {
            let _ = writeln!(s, "    our diagnostic: {d}");
        }
        let _ = writeln!(s, "{}", head(&self.doc.xml, 3000));
        s
    }
}

#[derive(Default)]
struct Mix {
    valid: usize,
    invalid: usize,
}

impl Mix {
    fn add(&mut self, valid: bool) {
        if valid {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
    }

    fn total(&self) -> usize {
        self.valid + self.invalid
    }

    fn share_valid(&self) -> f64 {
        self.valid as f64 / self.total().max(1) as f64
    }
}

/// A namespace-less `hashedAddresses` is what Outlook itself sends; our validator deliberately
/// reads it as 1.1 (with an info), which no XSD can express, so the oracles cannot judge it.
fn excluded(doc: &CorpusDoc) -> bool {
    doc.root == RootKind::HashedAddresses && doc.root_namespace == RootNamespace::Absent
}

fn seed() -> u64 {
    match std::env::var("OSC_DIFF_SEED") {
        Ok(s) => {
            let s = s.trim();
            let parsed = match s.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => s.parse(),
            };
            parsed.expect("OSC_DIFF_SEED is a decimal or 0x-hex u64")
        }
        Err(_) => SEED,
    }
}

#[test]
fn validator_agrees_with_xsd_1_0_oracles_on_a_generated_corpus() {
    let started = Instant::now();

    // The written list and the generator's classes must be the same set, so neither can drift.
    let listed = listed_deviations();
    let known: BTreeSet<String> = DeviationClass::ALL
        .iter()
        .map(|c| c.id().to_owned())
        .collect();
    assert_eq!(
        listed, known,
        "tests/ORACLE_DEVIATIONS.md and corpus::DeviationClass list different classes"
    );

    // The corpus is checked even where no oracle is installed.
    let seed = seed();
    let docs = corpus::generate(seed, DOCS);
    check_generator_coverage(seed, &docs);

    let Some(lint_version) = external::xmllint() else {
        return;
    };
    if external::reference_xsds(Target::ALL.map(reference_name)).is_none() {
        return;
    }

    let dir = TempDir::new();
    // Without xmlschema (outside CI only) xmllint's verdict stands alone.
    let use_xmlschema = external::xmlschema();
    let active = active_deviations(&dir.0, use_xmlschema);
    println!("oracle: {lint_version}");
    println!(
        "oracle deviations active on this machine: {}",
        if active.is_empty() {
            "none".to_owned()
        } else {
            active.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
        }
    );

    let mut jobs: Vec<(usize, Target, PathBuf)> = Vec::new();
    let mut excluded_docs = 0;
    for (i, doc) in docs.iter().enumerate() {
        if excluded(doc) {
            excluded_docs += 1;
            continue;
        }
        let path = dir.0.join(doc.file_name());
        fs::write(&path, &doc.xml).expect("corpus file is written");
        for &t in &doc.targets {
            jobs.push((i, t, path.clone()));
        }
    }
    let generated = started.elapsed();

    // The oracles run as child processes while this thread runs our validator; on two cores
    // that overlaps the slow Python process with everything else.
    let (lint, py, ours) = std::thread::scope(|s| {
        let lint = s.spawn(|| {
            let t0 = Instant::now();
            let verdicts = Target::ALL.map(|t| {
                let files: Vec<PathBuf> = jobs
                    .iter()
                    .filter(|(_, jt, _)| *jt == t)
                    .map(|(_, _, p)| p.clone())
                    .collect();
                xmllint_verdicts(&reference_xsd(t), &files)
            });
            (verdicts, t0.elapsed())
        });
        let py = use_xmlschema.then(|| {
            s.spawn(|| {
                let py_jobs: Vec<(Target, PathBuf)> =
                    jobs.iter().map(|(_, t, p)| (*t, p.clone())).collect();
                let t0 = Instant::now();
                (xmlschema_verdicts(&dir.0, "corpus", &py_jobs), t0.elapsed())
            })
        });
        let t0 = Instant::now();
        let validators = Target::ALL.map(Validator::new);
        let ours: Vec<(bool, Vec<String>)> = jobs
            .iter()
            .map(|(i, t, _)| {
                let v = &validators[target_index(*t)];
                let report = v.validate_str(&docs[*i].xml);
                let diags = report.diagnostics().iter().map(|d| d.to_string()).collect();
                (report.is_valid(), diags)
            })
            .collect();
        let ours_time = t0.elapsed();
        (
            lint.join().expect("xmllint thread"),
            py.map(|h| h.join().expect("xmlschema thread")),
            (ours, ours_time),
        )
    });
    let ((lint, lint_time), (ours, ours_time)) = (lint, ours);
    let (py, py_time) = match py {
        Some((v, t)) => (Some(v), Some(t)),
        None => (None, None),
    };

    let mut failures: Vec<Failure> = Vec::new();
    let mut tolerated: BTreeMap<DeviationClass, usize> = BTreeMap::new();
    let mut tolerated_checks: BTreeMap<Oracle, usize> = BTreeMap::new();
    let mut mix: HashMap<RootKind, Mix> = HashMap::new();
    let mut by_kind: BTreeMap<String, Mix> = BTreeMap::new();
    let mut reference: HashMap<(usize, Target), bool> = HashMap::new();

    for ((i, target, path), (ours, diagnostics)) in jobs.iter().zip(ours) {
        let doc = &docs[*i];
        let lint_valid = lint[target_index(*target)][path];
        let py_valid = py.as_ref().map(|p| p[&(*target, path.clone())]);
        // The active classes this document is tagged with, per oracle. xmllint may be excused
        // only for rejecting such a document, xmlschema only for accepting one.
        let tagged = |oracle| {
            doc.deviations
                .iter()
                .filter(|c| c.oracle() == oracle && active.contains(*c))
                .copied()
                .collect::<Vec<_>>()
        };
        let (lint_tags, py_tags) = (tagged(Oracle::Xmllint), tagged(Oracle::Xmlschema));
        let mut fail = |what| {
            failures.push(Failure {
                doc,
                target: *target,
                what,
                xmllint: lint_valid,
                xmlschema: py_valid,
                ours,
                diagnostics: diagnostics.clone(),
            })
        };
        if !lint_tags.is_empty() && !py_tags.is_empty() {
            // The generator keeps xmlschema's classes to documents with a single value.
            fail("document exercises deviations of both oracles, so neither can stand for XSD");
        }
        let spec = match py_valid {
            // xmlschema is the XSD 1.0 verdict, except on its own deviations, where xmllint is.
            Some(py_valid) => {
                let spec = if py_tags.is_empty() {
                    py_valid
                } else {
                    lint_valid
                };
                let lint_excused = !lint_tags.is_empty() && !lint_valid && spec;
                let py_excused = !py_tags.is_empty() && py_valid && !spec;
                if lint_valid != py_valid && !lint_excused && !py_excused {
                    fail("xmllint and xmlschema disagree on an untagged document");
                }
                if ours != spec {
                    fail(if py_tags.is_empty() {
                        "our verdict differs from the XSD 1.0 verdict (xmlschema)"
                    } else {
                        "our verdict differs from the XSD 1.0 verdict (xmllint; xmlschema deviates)"
                    });
                }
                spec
            }
            None => {
                let lint_excused = !lint_tags.is_empty() && !lint_valid && ours;
                if ours != lint_valid && !lint_excused {
                    fail("our verdict differs from xmllint on an untagged document");
                }
                lint_valid || lint_excused
            }
        };
        // Counted where an oracle's wrong verdict was excused, not where it failed the test.
        for (oracle, verdict, tags) in [
            (Oracle::Xmllint, Some(lint_valid), &lint_tags),
            (Oracle::Xmlschema, py_valid, &py_tags),
        ] {
            // xmllint's classes excuse a false rejection, xmlschema's a false acceptance.
            let excused_direction = match oracle {
                Oracle::Xmllint => spec,
                Oracle::Xmlschema => !spec,
            };
            if verdict.is_some_and(|v| v != spec) && excused_direction && !tags.is_empty() {
                *tolerated_checks.entry(oracle).or_default() += 1;
                for c in tags {
                    *tolerated.entry(*c).or_default() += 1;
                }
            }
        }
        reference.insert((*i, *target), spec);
        mix.entry(doc.root).or_default().add(spec);
        let kinds: BTreeSet<String> = doc.mutations.iter().map(|m| kind_name(m.kind)).collect();
        if kinds.is_empty() {
            by_kind
                .entry("(unmutated)".to_owned())
                .or_default()
                .add(spec);
        }
        for k in kinds {
            by_kind.entry(k).or_default().add(spec);
        }
    }

    // Report.
    println!(
        "seed {seed:#x}: {} documents ({excluded_docs} namespace-less hashedAddresses excluded), \
         {} checks; xmlschema {}",
        docs.len(),
        jobs.len(),
        if py.is_some() {
            "on every check"
        } else {
            "not run"
        }
    );
    println!("per root (XSD 1.0 verdicts over all checks):");
    for root in RootKind::ALL {
        let m = mix.get(&root).expect("every root is in the corpus");
        let n_docs = docs
            .iter()
            .filter(|d| d.root == root && !excluded(d))
            .count();
        println!(
            "  {:<16} {n_docs:>5} docs {:>5} checks  {:>5} valid  {:>5} invalid  ({:.0}% valid)",
            root.name(),
            m.total(),
            m.valid,
            m.invalid,
            100.0 * m.share_valid()
        );
    }
    println!("per mutation kind (checks: valid / invalid):");
    for (k, m) in &by_kind {
        println!("  {k:<28} {:>5} / {:>5}", m.valid, m.invalid);
    }
    println!(
        "tolerated oracle deviations: {} xmllint false rejections, {} xmlschema false \
         acceptances (by class: {})",
        tolerated_checks.get(&Oracle::Xmllint).copied().unwrap_or(0),
        tolerated_checks
            .get(&Oracle::Xmlschema)
            .copied()
            .unwrap_or(0),
        tolerated
            .iter()
            .map(|(c, n)| format!("{} {n}", c.id()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "time: corpus {:.1}s; in parallel: xmllint {:.1}s, xmlschema {}, ours {:.1}s; \
         total {:.1}s",
        generated.as_secs_f64(),
        lint_time.as_secs_f64(),
        py_time.map_or("not run".to_owned(), |t| format!("{:.1}s", t.as_secs_f64())),
        ours_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );

    if !failures.is_empty() {
        let mut by_what: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &failures {
            *by_what.entry(f.what).or_default() += 1;
        }
        let shown: Vec<String> = failures
            .iter()
            .take(SHOWN_FAILURES)
            .map(Failure::render)
            .collect();
        panic!(
            "{} disagreement(s): {by_what:?}\nfirst {}:\n{}",
            failures.len(),
            shown.len(),
            shown.join("\n")
        );
    }

    // The corpus must not pass vacuously: every root needs both verdicts in good measure.
    for root in RootKind::ALL {
        let m = mix.get(&root).expect("every root is in the corpus");
        let share = m.share_valid();
        assert!(
            (0.2..=0.8).contains(&share),
            "{root}: {} valid / {} invalid is not a healthy mix",
            m.valid,
            m.invalid
        );
    }
    // Documents left as built are valid, except where the generator knows why not: 2013
    // elements under the 2010 model, and the 1.1-only roots in the 1.0 namespace.
    let mut unmutated = 0;
    for (i, d) in docs.iter().enumerate().filter(|(_, d)| d.is_unmutated()) {
        for &t in &d.targets {
            let Some(&spec) = reference.get(&(i, t)) else {
                continue;
            };
            let known_invalid = (t == Target::Outlook2010 && d.has_2013_elements)
                || (d.generation == corpus::Generation::V10
                    && matches!(d.root, RootKind::Person | RootKind::HashedAddresses));
            let expected = !known_invalid;
            assert_eq!(
                spec,
                expected,
                "unmutated document {} under {t} is {} by XSD 1.0:\n{}",
                d.id,
                verdict(spec),
                d.xml
            );
            unmutated += 1;
        }
    }
    assert!(unmutated >= 1_000, "only {unmutated} unmutated checks");
    // The 2013 additions must be exercised: some documents valid for 2013 only.
    let split = docs
        .iter()
        .enumerate()
        .filter(|(i, d)| {
            d.has_2013_elements
                && reference.get(&(*i, Target::Outlook2010)) == Some(&false)
                && reference.get(&(*i, Target::Outlook2013)) == Some(&true)
        })
        .count();
    assert!(
        split >= 50,
        "only {split} documents are valid under 2013 and invalid under 1.1"
    );
    // And every deviation class must actually occur in the corpus, or its tag tests nothing.
    for c in DeviationClass::ALL {
        let n = docs.iter().filter(|d| d.deviations.contains(&c)).count();
        assert!(n >= 5, "only {n} documents exercise {}", c.id());
    }
}

fn target_index(t: Target) -> usize {
    Target::ALL
        .iter()
        .position(|&x| x == t)
        .expect("Target::ALL lists every target")
}

fn kind_name(k: MutationKind) -> String {
    match k {
        MutationKind::Value(ty) => format!("value {ty:?}"),
        other => format!("{other:?}"),
    }
}

/// The generator must produce what the acceptance lists, whatever the seed: every root, both
/// namespaces, every boundary value, every kind of mutation.
fn check_generator_coverage(seed: u64, docs: &[CorpusDoc]) {
    assert!(
        docs.len() >= 5_000,
        "the corpus has at least 5,000 documents"
    );
    for root in RootKind::ALL {
        for generation in [corpus::Generation::V10, corpus::Generation::V11] {
            let n = docs
                .iter()
                .filter(|d| d.root == root && d.generation == generation)
                .count();
            assert!(
                n >= 20,
                "{root} built for {generation:?}: only {n} documents"
            );
        }
    }
    // Deterministic, and one document can be rebuilt alone from its id.
    for id in [0, 17, 4_999] {
        assert_eq!(corpus::generate_one(seed, id).xml, docs[id].xml);
    }

    let used: BTreeSet<(ValueType, String)> = docs
        .iter()
        .flat_map(|d| d.value_cases.iter().cloned())
        .collect();
    for ty in ValueType::ALL {
        for case in corpus::boundary_cases(ty) {
            // Sweep documents walk through every boundary value their root can hold, so a
            // missing one means a type lost its slot in the generated documents.
            assert!(
                used.contains(&(ty, case.label.clone())),
                "boundary value {} of {ty:?} never used",
                case.label
            );
        }
    }
    let kinds: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| d.mutations.iter().map(|m| kind_name(m.kind)))
        .collect();
    for k in [
        MutationKind::Drop,
        MutationKind::Duplicate,
        MutationKind::Swap,
        MutationKind::Rename,
        MutationKind::Move,
        MutationKind::RootNamespace,
        MutationKind::ChildNamespace,
        MutationKind::UnknownAttribute,
        MutationKind::MissingAttribute,
        MutationKind::StrayText,
        MutationKind::LaterGeneration,
    ] {
        assert!(kinds.contains(&kind_name(k)), "no mutation of kind {k:?}");
    }
    assert!(
        docs.iter().any(|d| d.xml.contains("<osc:")),
        "some documents bind the namespace to a prefix"
    );
    let namespaces: BTreeSet<RootNamespace> = docs.iter().map(|d| d.root_namespace).collect();
    assert_eq!(namespaces.len(), 5, "every kind of root namespace occurs");
    let required_attr_dropped = |name: &str| {
        docs.iter().any(|d| {
            d.mutations.iter().any(|m| {
                m.kind == MutationKind::MissingAttribute
                    && m.detail.starts_with(&format!("removed `{name}`"))
            })
        })
    };
    assert!(required_attr_dropped("type") && required_attr_dropped("index"));
}

// ---------------------------------------------------------------------------------------------
// Well-formedness corpus
// ---------------------------------------------------------------------------------------------

/// Documents that differ from a valid `friends` list by one point of well-formedness (or by
/// none: the controls), each with a name. Written by hand, because the generated corpus keeps
/// to well-formed documents: these are the gaps quick-xml leaves to its caller (characters in
/// comments and processing instructions, targets, the XML declaration, `]]>` in text, byte
/// order marks, namespace declarations and their references).
fn well_formedness_cases() -> Vec<(&'static str, Vec<u8>)> {
    const NS: &str = corpus::NS_11;
    let doc = |prolog: &str, inside: &str| {
        format!(
            "{prolog}<friends xmlns=\"{NS}\">{inside}<person><userID>a</userID></person></friends>"
        )
        .into_bytes()
    };
    let value = |v: &str| doc("", &format!("<person><userID>{v}</userID></person>"));
    let declared = |d: &str| doc(&format!("<?xml {d}?>"), "");
    let root_ns = |ns: &str| {
        format!("<friends xmlns=\"{ns}\"><person><userID>a</userID></person></friends>")
            .into_bytes()
    };
    let on_root = |attr: &str| {
        format!("<friends xmlns=\"{NS}\" {attr}><person><userID>a</userID></person></friends>")
            .into_bytes()
    };
    let bom = |n: usize| {
        let mut bytes = b"\xEF\xBB\xBF".repeat(n);
        bytes.extend(doc("", ""));
        bytes
    };
    vec![
        ("control", doc("", "")),
        ("comment with NUL", doc("", "<!-- a\u{0}b -->")),
        ("comment with U+0001", doc("", "<!-- a\u{1}b -->")),
        ("comment with U+001F", doc("", "<!-- a\u{1F}b -->")),
        ("comment with U+FFFE", doc("", "<!-- a\u{FFFE}b -->")),
        ("comment with U+FFFD", doc("", "<!-- a\u{FFFD}b -->")),
        ("PI with U+0001", doc("", "<?pi a\u{1}b?>")),
        ("PI with NUL in the prolog", doc("<?pi a\u{0}b?>", "")),
        ("PI with U+FFFE in a value", value("a<?pi \u{FFFE}?>")),
        ("PI without a target", doc("", "<? foo?>")),
        ("empty PI", doc("", "<??>")),
        ("PI target not a name", doc("", "<?1pi?>")),
        ("PI target XML", doc("", "<?XML version=\"1.0\"?>")),
        ("PI target Xml first", doc("<?Xml foo?>", "")),
        (
            "PI xml-stylesheet",
            doc("<?xml-stylesheet href=\"a\"?>", ""),
        ),
        ("PI with a target only", doc("", "<?pi?>")),
        ("]]> in text", value("a]]>b")),
        ("]]> escaped in text", value("a]]&gt;b")),
        ("] and > apart in text", value("a] ]>b")),
        (
            "declaration, full",
            declared("version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\""),
        ),
        (
            "declaration, single quotes",
            declared("version='1.0' encoding='utf-8'"),
        ),
        ("declaration, empty", declared("")),
        (
            "declaration without version",
            declared("encoding=\"UTF-8\""),
        ),
        ("declaration, version 2.0", declared("version=\"2.0\"")),
        (
            "declaration, unknown pseudo-attribute",
            declared("version=\"1.0\" foo=\"x\""),
        ),
        (
            "declaration, standalone maybe",
            declared("version=\"1.0\" standalone=\"maybe\""),
        ),
        (
            "declaration, order",
            declared("version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\""),
        ),
        ("declaration, mixed quotes", declared("version='1.0\"")),
        (
            "declaration, no space",
            declared("version=\"1.0\"encoding=\"UTF-8\""),
        ),
        ("one byte order mark", bom(1)),
        ("two byte order marks", bom(2)),
        ("xmlns with <", root_ns(&format!("{NS}<"))),
        ("xmlns with U+0001", root_ns(&format!("{NS}\u{1}"))),
        (
            "xmlns with an undefined entity",
            root_ns(&format!("{NS}&foo;")),
        ),
        (
            "xmlns with a character reference",
            root_ns(&NS.replacen('h', "&#x68;", 1)),
        ),
        ("xmlns with &#47;", root_ns(&NS.replacen('/', "&#47;", 1))),
        ("xmlns:p with <", on_root("xmlns:p=\"a<b\"")),
        ("xmlns:p with &amp;", on_root("xmlns:p=\"a&amp;b\"")),
        ("xmlns:p with &#1;", on_root("xmlns:p=\"a&#1;b\"")),
    ]
}

#[test]
fn well_formedness_agrees_with_xmllint_in_every_reader() {
    let cases = well_formedness_cases();
    let validator = Validator::new(Target::Outlook2013);
    // Our verdicts first: the validator and the reader, in memory and as a stream, agree.
    let mut ours = Vec::new();
    for (name, bytes) in &cases {
        let in_memory = validator.validate_bytes(bytes).is_valid();
        let streamed = validator
            .validate_reader(&bytes[..])
            .expect("reading from memory does not fail")
            .is_valid();
        let read = osc_schema::xml::read_bytes(bytes).is_ok();
        let read_streamed = match osc_schema::xml::persons(&bytes[..]) {
            Ok(mut persons) => persons.all(|p| p.is_ok()),
            Err(_) => false,
        };
        assert_eq!(
            [in_memory, streamed, read, read_streamed],
            [in_memory; 4],
            "{name}: validator in memory, as a stream; reader in memory, as a stream"
        );
        ours.push(in_memory);
    }
    let Some(_) = external::need(external::xmllint(), || {
        "xmllint is not installed (Debian package libxml2-utils)".into()
    }) else {
        return;
    };
    let Some([xsd]) = external::reference_xsds([reference_name(Target::Outlook2013)]) else {
        return;
    };
    let dir = TempDir::new();
    let mut disagree = Vec::new();
    for ((name, bytes), ours) in cases.iter().zip(ours) {
        let path = dir.0.join("case.xml");
        fs::write(&path, bytes).expect("case is written");
        let theirs = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&xsd)
            .arg(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("xmllint runs")
            .success();
        if theirs != ours {
            disagree.push(format!(
                "{name}: xmllint {}, ours {}",
                verdict(theirs),
                verdict(ours)
            ));
        }
    }
    assert!(
        disagree.is_empty(),
        "verdicts differ:\n{}",
        disagree.join("\n")
    );
}
