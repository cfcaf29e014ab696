//! The run's numbers and how they are written: the Markdown summary, the TSV of every case
//! and the list of disagreements for triage.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::classify::{InstanceVerdict, SchemaVerdict};
use crate::suite::{Expected, Group, Scope};
use crate::xmllint;

/// How a verdict compares with the suite's expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The verdict is the expected one (for a schema: loaded and valid, or refused as
    /// invalid and invalid).
    Agree,
    /// An invalid instance called valid.
    FalseValid,
    /// A valid instance called invalid.
    FalseInvalid,
    /// A schema the suite calls invalid, loaded without a word.
    InvalidSchemaLoaded,
    /// A schema the suite calls valid, refused as invalid.
    ValidSchemaCalledInvalid,
    /// Refused as unsupported: no verdict on correctness.
    Unsupported,
    /// The schema was refused, so the instance was not run.
    NotRun,
    /// No definite expectation to compare with (the suite's is `indeterminate` or similar,
    /// or the schema it belongs to is one the suite calls invalid).
    NotJudged,
    /// The case panicked.
    Crash,
    /// The case did not finish in time.
    Hang,
    /// The case's file could not be read (or xmllint could not be run).
    Unreadable,
    /// A disagreement with an expectation osc-schema rules otherwise (see `disputed.rs`).
    Disputed,
}

impl Outcome {
    /// The word used in the TSV.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Agree => "agree",
            Outcome::FalseValid => "false-valid",
            Outcome::FalseInvalid => "false-invalid",
            Outcome::InvalidSchemaLoaded => "invalid-schema-loaded",
            Outcome::ValidSchemaCalledInvalid => "valid-schema-called-invalid",
            Outcome::Unsupported => "unsupported",
            Outcome::NotRun => "not-run",
            Outcome::NotJudged => "not-judged",
            Outcome::Crash => "crash",
            Outcome::Hang => "hang",
            Outcome::Unreadable => "unreadable",
            Outcome::Disputed => "disputed",
        }
    }

    /// Whether the outcome is one to triage.
    fn is_disagreement(self) -> bool {
        matches!(
            self,
            Outcome::FalseValid
                | Outcome::FalseInvalid
                | Outcome::InvalidSchemaLoaded
                | Outcome::ValidSchemaCalledInvalid
                | Outcome::Crash
                | Outcome::Hang
                | Outcome::Disputed
        )
    }

    /// The heading of the outcome's section in the triage list.
    fn heading(self) -> &'static str {
        match self {
            Outcome::FalseValid => "False-valid instances (the suite: invalid; ours: valid)",
            Outcome::FalseInvalid => "False-invalid instances (the suite: valid; ours: invalid)",
            Outcome::InvalidSchemaLoaded => "Invalid schemas loaded silently",
            Outcome::ValidSchemaCalledInvalid => "Valid schemas called invalid",
            Outcome::Crash => "Crashes",
            Outcome::Hang => "Hangs",
            Outcome::Disputed => "Disputed expectations, with osc-schema's ruling",
            _ => "Other",
        }
    }
}

/// `outcome`, or [`Outcome::Disputed`] for a disagreement on a case osc-schema rules on
/// otherwise.
fn disputed(outcome: Outcome, group: &str, path: &Path) -> Outcome {
    let disagrees = matches!(
        outcome,
        Outcome::FalseValid
            | Outcome::FalseInvalid
            | Outcome::InvalidSchemaLoaded
            | Outcome::ValidSchemaCalledInvalid
    );
    if disagrees && crate::disputed::ruling(group, path).is_some() {
        Outcome::Disputed
    } else {
        outcome
    }
}

/// The outcome of our verdict on a schema.
pub fn schema_outcome(expected: &Expected, verdict: &SchemaVerdict) -> Outcome {
    match (verdict, expected) {
        (SchemaVerdict::Crash { .. }, _) => Outcome::Crash,
        (SchemaVerdict::Hang, _) => Outcome::Hang,
        (SchemaVerdict::Unreadable { .. }, _) => Outcome::Unreadable,
        (SchemaVerdict::Unsupported { .. }, _) => Outcome::Unsupported,
        (SchemaVerdict::Loaded, Expected::Invalid) => Outcome::InvalidSchemaLoaded,
        (SchemaVerdict::Invalid { .. }, Expected::Valid) => Outcome::ValidSchemaCalledInvalid,
        (SchemaVerdict::Loaded, Expected::Valid)
        | (SchemaVerdict::Invalid { .. }, Expected::Invalid) => Outcome::Agree,
        (SchemaVerdict::Loaded | SchemaVerdict::Invalid { .. }, _) => Outcome::NotJudged,
    }
}

/// The outcome of an instance verdict (`None`: not run), given the suite's expectations for
/// the instance and for its schema. `valid` is the verdict reduced to valid or invalid.
fn judged(schema_expected: &Expected, expected: &Expected, valid: Option<bool>) -> Outcome {
    let Some(valid) = valid else {
        return Outcome::NotRun;
    };
    match (schema_expected, expected, valid) {
        (Expected::Valid, Expected::Valid, true) | (Expected::Valid, Expected::Invalid, false) => {
            Outcome::Agree
        }
        (Expected::Valid, Expected::Invalid, true) => Outcome::FalseValid,
        (Expected::Valid, Expected::Valid, false) => Outcome::FalseInvalid,
        _ => Outcome::NotJudged,
    }
}

/// The outcome of our verdict on an instance.
pub fn instance_outcome(
    schema_expected: &Expected,
    expected: &Expected,
    verdict: Option<&InstanceVerdict>,
) -> Outcome {
    match verdict {
        Some(InstanceVerdict::Crash { .. }) => Outcome::Crash,
        Some(InstanceVerdict::Hang) => Outcome::Hang,
        Some(InstanceVerdict::Unreadable { .. }) => Outcome::Unreadable,
        Some(InstanceVerdict::Valid) => judged(schema_expected, expected, Some(true)),
        Some(InstanceVerdict::Invalid { .. }) => judged(schema_expected, expected, Some(false)),
        None => Outcome::NotRun,
    }
}

/// One line of the TSV: a schema or an instance case.
#[derive(Debug, Clone)]
pub struct Row {
    /// The test set's name.
    pub set: String,
    /// The group's name.
    pub group: String,
    /// `schema` or `instance`.
    pub kind: &'static str,
    /// The document, relative to the suite's directory.
    pub path: PathBuf,
    /// The suite's expectation.
    pub expected: String,
    /// Our verdict's word.
    pub ours: &'static str,
    /// How ours compares with the expectation.
    pub outcome: Outcome,
    /// The construct of a refusal as unsupported.
    pub construct: String,
    /// xmllint's verdict's word, when xmllint ran.
    pub xmllint: Option<&'static str>,
    /// How xmllint's verdict compares with the expectation.
    pub xmllint_outcome: Option<Outcome>,
    /// Our message: the loader's refusal, the first validation error, the panic.
    pub detail: String,
}

/// Counts for one verdict source (ours or xmllint's).
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Schemas by verdict word, then by expectation word.
    pub schemas: BTreeMap<&'static str, BTreeMap<String, usize>>,
    /// Schema cases by outcome.
    pub schema_outcomes: BTreeMap<Outcome, usize>,
    /// Instance cases by outcome.
    pub instances: BTreeMap<Outcome, usize>,
}

impl Counts {
    fn schema(&self, word: &str) -> usize {
        self.schemas.get(word).map_or(0, |m| m.values().sum())
    }

    fn schema_outcome(&self, outcome: Outcome) -> usize {
        self.schema_outcomes.get(&outcome).copied().unwrap_or(0)
    }

    fn instance(&self, outcome: Outcome) -> usize {
        self.instances.get(&outcome).copied().unwrap_or(0)
    }
}

/// Everything the summary reports.
#[derive(Debug, Default)]
pub struct Tally {
    /// Groups, and their instance tests, by scope.
    pub scopes: BTreeMap<&'static str, (usize, usize)>,
    /// Our counts.
    pub ours: Counts,
    /// xmllint's counts, when it ran.
    pub xmllint: Option<Counts>,
    /// Refusals as unsupported, by construct.
    pub refusals: BTreeMap<String, usize>,
    /// Every case.
    pub rows: Vec<Row>,
}

impl Tally {
    /// Notes a group's scope (every group read, run or not).
    pub fn scope(&mut self, group: &Group) {
        let key = match group.scope {
            Scope::NotXsd10 => "not for XSD 1.0 (`version`)",
            Scope::NoSchemaTest => "no schema test (built-in types only)",
            Scope::MultiDocument => "schema of several documents (not attempted yet)",
            Scope::SingleDocument => "single-document schema (run)",
        };
        let entry = self.scopes.entry(key).or_default();
        entry.0 += 1;
        entry.1 += group.instances.len();
    }

    /// Notes the verdicts on a single-document group: ours, and xmllint's when it ran.
    pub fn group(
        &mut self,
        group: &Group,
        ours: &crate::classify::GroupVerdicts,
        theirs: Option<&xmllint::Verdicts>,
    ) {
        let schema_path = group.schema_documents[0].clone();
        let expected = &group.schema_expected;
        let outcome = disputed(
            schema_outcome(expected, &ours.schema),
            &group.name,
            &schema_path,
        );
        count_schema(&mut self.ours, ours.schema.word(), expected, outcome);
        if let SchemaVerdict::Unsupported { construct, .. } = &ours.schema {
            *self.refusals.entry(construct.clone()).or_default() += 1;
        }
        let their_schema = theirs.map(|t| {
            let outcome = match (t.schema, expected) {
                (xmllint::Schema::Hang, _) => Outcome::Hang,
                (xmllint::Schema::Error, _) => Outcome::Unreadable,
                (xmllint::Schema::Compiled, Expected::Invalid) => Outcome::InvalidSchemaLoaded,
                (xmllint::Schema::Refused, Expected::Valid) => Outcome::ValidSchemaCalledInvalid,
                (xmllint::Schema::Compiled, Expected::Valid)
                | (xmllint::Schema::Refused, Expected::Invalid) => Outcome::Agree,
                _ => Outcome::NotJudged,
            };
            let counts = self.xmllint.get_or_insert_with(Counts::default);
            count_schema(counts, t.schema.word(), expected, outcome);
            (t.schema.word(), outcome)
        });
        self.rows.push(Row {
            set: group.set.clone(),
            group: group.name.clone(),
            kind: "schema",
            path: schema_path,
            expected: expected.word().to_string(),
            ours: ours.schema.word(),
            outcome,
            construct: ours.schema.construct().to_string(),
            xmllint: their_schema.map(|s| s.0),
            xmllint_outcome: their_schema.map(|s| s.1),
            detail: ours.schema.detail().to_string(),
        });
        for (i, test) in group.instances.iter().enumerate() {
            let verdict = ours.instances[i].as_ref();
            let outcome = disputed(
                instance_outcome(expected, &test.expected, verdict),
                &group.name,
                &test.path,
            );
            *self.ours.instances.entry(outcome).or_default() += 1;
            let their = theirs.map(|t| {
                let valid = t.instances[i];
                let outcome = match (t.schema, verdict) {
                    // A file we could not read is no case for xmllint either.
                    (_, Some(InstanceVerdict::Unreadable { .. })) => Outcome::Unreadable,
                    (xmllint::Schema::Hang, _) => Outcome::NotRun,
                    _ => judged(expected, &test.expected, valid),
                };
                let counts = self.xmllint.get_or_insert_with(Counts::default);
                *counts.instances.entry(outcome).or_default() += 1;
                let word = match valid {
                    Some(true) => "valid",
                    Some(false) => "invalid",
                    None => "not-run",
                };
                (word, outcome)
            });
            self.rows.push(Row {
                set: group.set.clone(),
                group: group.name.clone(),
                kind: "instance",
                path: test.path.clone(),
                expected: test.expected.word().to_string(),
                ours: verdict.map_or("not-run", InstanceVerdict::word),
                outcome,
                construct: String::new(),
                xmllint: their.map(|t| t.0),
                xmllint_outcome: their.map(|t| t.1),
                detail: verdict.map_or("", InstanceVerdict::detail).to_string(),
            });
        }
    }

    /// The Markdown summary.
    pub fn summary(&self, suite_dir: &Path, unread: &[(PathBuf, String)], sets: usize) -> String {
        let mut s = String::new();
        let xl = self.xmllint.as_ref();
        let _ = writeln!(
            s,
            "# osc-schema on the W3C XML Schema Test Suite (XSD 1.0 expectations)\n"
        );
        let _ = writeln!(
            s,
            "Suite: `{}`; {sets} test sets read{}.\n",
            suite_dir.display(),
            if unread.is_empty() {
                String::new()
            } else {
                format!(", {} listed but not read", unread.len())
            }
        );
        let _ = writeln!(
            s,
            "Configuration (the suite's version tokens we support): {}.\n",
            crate::suite::CONFIGURATION.join(" ")
        );
        for (path, why) in unread {
            let _ = writeln!(s, "- not read: `{}`: {why}", path.display());
        }
        if !unread.is_empty() {
            s.push('\n');
        }

        let _ = writeln!(s, "## Test groups\n");
        let _ = writeln!(s, "| groups | count | their instance tests |");
        let _ = writeln!(s, "|---|---:|---:|");
        let (mut groups, mut instances) = (0, 0);
        for (key, (g, i)) in &self.scopes {
            let _ = writeln!(s, "| {key} | {g} | {i} |");
            groups += g;
            instances += i;
        }
        let _ = writeln!(s, "| **all** | {groups} | {instances} |\n");

        let attempted: usize = self
            .scopes
            .get("single-document schema (run)")
            .map_or(0, |e| e.0);
        let _ = writeln!(s, "## Schemas (single-document groups)\n");
        let _ = write!(
            s,
            "| verdict | suite: valid | suite: invalid | suite: other | ours |"
        );
        s.push_str(if xl.is_some() { " xmllint |\n" } else { "\n" });
        s.push_str("|---|---:|---:|---:|---:|");
        s.push_str(if xl.is_some() { "---:|\n" } else { "\n" });
        for (word, label) in [
            ("loaded", "loaded"),
            ("unsupported", "refused: unsupported construct"),
            ("invalid", "refused: invalid schema"),
            ("crash", "crash"),
            ("hang", "hang"),
            ("unreadable", "file unreadable"),
        ] {
            let by = self.ours.schemas.get(word);
            let n = |e: &str| by.and_then(|m| m.get(e)).copied().unwrap_or(0);
            let other: usize = by.map_or(0, |m| {
                m.iter()
                    .filter(|(e, _)| *e != "valid" && *e != "invalid")
                    .map(|(_, n)| n)
                    .sum()
            });
            let _ = write!(
                s,
                "| {label} | {} | {} | {other} | {} |",
                n("valid"),
                n("invalid"),
                self.ours.schema(word)
            );
            match xl {
                Some(_) if word == "unsupported" => s.push_str(" – |\n"),
                Some(x) => {
                    let _ = writeln!(s, " {} |", x.schema(word));
                }
                None => s.push('\n'),
            }
        }
        s.push_str("\n(ours: by the suite's expectation, then in all");
        if xl.is_some() {
            s.push_str("; xmllint: in all, \"refused: invalid schema\" being a compile failure");
        }
        s.push_str(")\n\n");
        let loaded = self.ours.schema("loaded");
        let _ = writeln!(
            s,
            "Loaded: {loaded} of {attempted} ({}).\n",
            percent(loaded, attempted)
        );
        let _ = write!(s, "| schema verdict against the suite | ours |");
        s.push_str(if xl.is_some() { " xmllint |\n" } else { "\n" });
        s.push_str("|---|---:|");
        s.push_str(if xl.is_some() { "---:|\n" } else { "\n" });
        for (outcome, label) in [
            (
                Outcome::Agree,
                "agree (loaded and valid, or invalid and refused as invalid)",
            ),
            (
                Outcome::InvalidSchemaLoaded,
                "**invalid schema loaded silently**",
            ),
            (
                Outcome::ValidSchemaCalledInvalid,
                "**valid schema called invalid**",
            ),
            (Outcome::Unsupported, "refused as unsupported (no verdict)"),
            (Outcome::NotJudged, "no definite expectation"),
            (Outcome::Disputed, "disputed expectation, ruled otherwise"),
        ] {
            let _ = write!(s, "| {label} | {} |", self.ours.schema_outcome(outcome));
            match xl {
                Some(x) => {
                    let _ = writeln!(s, " {} |", x.schema_outcome(outcome));
                }
                None => s.push('\n'),
            }
        }
        s.push('\n');

        let refused: usize = self.refusals.values().sum();
        let _ = writeln!(s, "## Refusals as unsupported, by construct\n");
        let _ = writeln!(
            s,
            "| construct | schemas | % of refusals | % of single-document schemas |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|");
        let mut by_count: Vec<_> = self.refusals.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (construct, n) in by_count {
            let _ = writeln!(
                s,
                "| `{construct}` | {n} | {} | {} |",
                percent(*n, refused),
                percent(*n, attempted)
            );
        }
        let _ = writeln!(
            s,
            "| **all** | {refused} | 100 % | {} |\n",
            percent(refused, attempted)
        );

        let _ = writeln!(s, "## Instances (of single-document groups)\n");
        let _ = write!(s, "| instance verdict against the suite | ours |");
        s.push_str(if xl.is_some() { " xmllint |\n" } else { "\n" });
        s.push_str("|---|---:|");
        s.push_str(if xl.is_some() { "---:|\n" } else { "\n" });
        for (outcome, label) in [
            (Outcome::Agree, "agree"),
            (Outcome::FalseValid, "**false-valid**"),
            (Outcome::FalseInvalid, "**false-invalid**"),
            (Outcome::Disputed, "disputed expectation, ruled otherwise"),
            (
                Outcome::NotJudged,
                "not judged (no definite expectation, or a schema the suite calls invalid)",
            ),
            (Outcome::NotRun, "not run (schema not loaded)"),
            (Outcome::Crash, "crash"),
            (Outcome::Hang, "hang"),
            (Outcome::Unreadable, "file unreadable"),
        ] {
            let _ = write!(s, "| {label} | {} |", self.ours.instance(outcome));
            match xl {
                Some(x) => {
                    let _ = writeln!(s, " {} |", x.instance(outcome));
                }
                None => s.push('\n'),
            }
        }
        s.push('\n');

        let _ = writeln!(s, "## Crashes and hangs\n");
        let trouble: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Crash | Outcome::Hang))
            .collect();
        if trouble.is_empty() {
            let _ = writeln!(s, "Ours: none.");
        }
        for r in trouble {
            let _ = writeln!(
                s,
                "- {} `{}/{}` `{}`: {}",
                r.outcome.word(),
                r.set,
                r.group,
                r.path.display(),
                r.detail
            );
        }
        if xl.is_some() {
            let theirs: Vec<&Row> = self
                .rows
                .iter()
                .filter(|r| r.xmllint == Some("hang"))
                .collect();
            if theirs.is_empty() {
                let _ = writeln!(s, "\nxmllint: none.");
            } else {
                let _ = writeln!(s, "\nxmllint, killed after the deadline:\n");
            }
            for r in theirs {
                let _ = writeln!(s, "- `{}/{}` `{}`", r.set, r.group, r.path.display());
            }
        }
        s
    }

    /// The TSV of every case, with a header line.
    pub fn tsv(&self) -> String {
        let mut s = String::from(
            "set\tgroup\tkind\tpath\texpected\tours\toutcome\tconstruct\txmllint\txmllint_outcome\tdetail\n",
        );
        for r in &self.rows {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.set,
                r.group,
                r.kind,
                r.path.display(),
                r.expected,
                r.ours,
                r.outcome.word(),
                r.construct,
                r.xmllint.unwrap_or(""),
                r.xmllint_outcome.map_or("", Outcome::word),
                r.detail
            );
        }
        s
    }

    /// Every disagreement with the suite, by kind, with xmllint's verdict beside ours.
    pub fn disagreements(&self) -> String {
        let mut s = String::from("# Disagreements with the suite's XSD 1.0 expectations\n");
        let mut by: BTreeMap<Outcome, Vec<&Row>> = BTreeMap::new();
        for r in self.rows.iter().filter(|r| r.outcome.is_disagreement()) {
            by.entry(r.outcome).or_default().push(r);
        }
        if by.is_empty() {
            s.push_str("\nNone.\n");
        }
        for (outcome, rows) in by {
            let _ = writeln!(s, "\n## {} ({})\n", outcome.heading(), rows.len());
            for r in rows {
                let xmllint = r
                    .xmllint
                    .map(|x| format!(" (xmllint: {x})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "- `{}/{}` `{}`: expected {}, ours {}{xmllint}: {}",
                    r.set,
                    r.group,
                    r.path.display(),
                    r.expected,
                    r.ours,
                    if r.detail.is_empty() {
                        "–"
                    } else {
                        &r.detail
                    }
                );
                if let Some(ruling) = crate::disputed::ruling(&r.group, &r.path) {
                    let _ = writeln!(s, "  - ruling: {ruling}");
                }
            }
        }
        s
    }
}

fn count_schema(counts: &mut Counts, word: &'static str, expected: &Expected, outcome: Outcome) {
    *counts
        .schemas
        .entry(word)
        .or_default()
        .entry(expected.word().to_string())
        .or_default() += 1;
    *counts.schema_outcomes.entry(outcome).or_default() += 1;
}

/// `n` as a percentage of `of`, one decimal.
fn percent(n: usize, of: usize) -> String {
    if of == 0 {
        return "–".to_string();
    }
    // Counts stay far below 2^52, so the conversion is exact.
    #[allow(clippy::cast_precision_loss)]
    let p = n as f64 * 100.0 / of as f64;
    format!("{p:.1} %")
}
