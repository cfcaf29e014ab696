//! Per-byte cost of our readers next to quick-xml's, on a generated friends list and a
//! generated activity feed.
//!
//! ```text
//! cargo bench --bench validate            # measure
//! cargo bench --bench validate -- --test  # run each benchmark once (CI smoke test)
//! ```
//!
//! Each group reads one in-memory document (about 4 MiB, 2013 content model, made by the
//! generator of `examples/gen_osc.rs`) and reports bytes per second, so the lines of a group
//! compare directly: `quick_xml_raw_scan` is the tokeniser alone on the same text,
//! `quick_xml_ns_scan` the least a namespace-aware consumer does (the code of
//! `examples/xml_scan.rs`, included below), and the rest are ours: `xsd_validate`,
//! `validate_and_lint` (what `oscx validate` runs on a file held in memory: XSD, the model
//! built in the same pass, every rule), `typed_parse`, `canonical_write`, and for the feed
//! the People Pane preview (`render_text`, `render_html`). The `many_small` group checks 200
//! small documents of every kind one after the other, where the cost per document counts
//! as much as the cost per byte. Every benchmark checks its result (an event count, a
//! verdict, a person count, a non-empty output), so a change that makes one of them do
//! nothing fails instead of looking fast.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use osc_schema::check::Checker;
use osc_schema::lint::LintOptions;
use osc_schema::model::{ActivityFeed, Root};
use osc_schema::{Target, Validator};

// The benchmark uses the generators and the two string scans; the rest of these files
// serves the examples.
#[allow(dead_code)]
#[path = "../examples/gen_osc/generate.rs"]
mod generate;
#[allow(dead_code)]
#[path = "../examples/xml_scan.rs"]
mod xml_scan;

fn main() {
    divan::main();
}

/// Big enough that per-call setup is noise, small enough for `--test` to stay quick.
const INPUT_BYTES: u64 = 4 * 1024 * 1024;

fn bytes_of(text: &str) -> BytesCount {
    BytesCount::new(text.len())
}

fn raw_scan(bencher: Bencher, text: &'static str) {
    bencher.counter(bytes_of(text)).bench(|| {
        let mut counts = xml_scan::Counts::default();
        xml_scan::raw_str(black_box(text), &mut counts).expect("the input is well-formed");
        assert!(counts.events > 0);
        counts.events
    });
}

fn validate_and_lint(bencher: Bencher, text: &'static str) {
    let checker = Checker::new(Validator::auto(), Some(LintOptions::default()));
    bencher.counter(bytes_of(text)).bench(|| {
        let checked = checker.check_bytes("input", black_box(text.as_bytes()));
        assert!(
            checked.report.is_valid(),
            "{:?}",
            checked.report.diagnostics()
        );
        assert!(checked.report.root().is_some());
        checked.report
    });
}

#[divan::bench_group]
mod friends {
    use super::*;

    /// The list under test and how many persons it holds.
    struct Input {
        text: String,
        persons: u64,
    }

    static INPUT: LazyLock<Input> = LazyLock::new(|| {
        let (text, persons) = generate::friends_string(1, generate::Size::Bytes(INPUT_BYTES));
        Input { text, persons }
    });

    fn text() -> &'static str {
        &INPUT.text
    }

    #[divan::bench]
    fn quick_xml_raw_scan(bencher: Bencher) {
        raw_scan(bencher, text());
    }

    #[divan::bench]
    fn quick_xml_ns_scan(bencher: Bencher) {
        bencher.counter(bytes_of(text())).bench(|| {
            let mut counts = xml_scan::Counts::default();
            xml_scan::ns_str(black_box(text()), &mut counts).expect("the input is well-formed");
            assert!(counts.events > 0 && counts.elements > 0);
            counts.events
        });
    }

    #[divan::bench]
    fn xsd_validate(bencher: Bencher) {
        // Compiling the schema is a one-time cost a long-running user pays once; it is not
        // part of the per-byte figure.
        let validator = Validator::new(Target::Outlook2013);
        bencher.counter(bytes_of(text())).bench(|| {
            let report = validator.validate_str(black_box(text()));
            assert!(report.is_valid(), "{:?}", report.diagnostics());
            assert!(report.event_count() > 0);
            report
        });
    }

    #[divan::bench]
    fn validate_and_lint(bencher: Bencher) {
        super::validate_and_lint(bencher, text());
    }

    #[divan::bench]
    fn typed_parse(bencher: Bencher) {
        bencher.counter(bytes_of(text())).bench(|| {
            let doc = osc_schema::xml::read_str(black_box(text())).expect("the input is valid");
            let Root::Friends(friends) = &doc.root else {
                panic!("expected a friends document")
            };
            assert_eq!(friends.persons.len() as u64, INPUT.persons);
            doc
        });
    }

    #[divan::bench]
    fn canonical_write(bencher: Bencher) {
        let doc = osc_schema::xml::read_str(text()).expect("the input is valid");
        // Counted in bytes written, which is what this benchmark produces.
        let written = osc_schema::xml::to_string(&doc).expect("the model is writable");
        bencher.counter(BytesCount::new(written.len())).bench(|| {
            let out = osc_schema::xml::to_string(black_box(&doc)).expect("the model is writable");
            assert!(!out.is_empty());
            out
        });
    }
}

#[divan::bench_group]
mod feed {
    use super::*;

    /// About [`INPUT_BYTES`] of activities (1.3 KiB each, with their templates).
    const ACTIVITIES: u64 = INPUT_BYTES / 1300;

    static TEXT: LazyLock<String> = LazyLock::new(|| {
        let mut out = Vec::new();
        generate::write_feed(&mut out, 1, ACTIVITIES).expect("writing to memory");
        String::from_utf8(out).expect("the generator writes UTF-8")
    });

    static FEED: LazyLock<ActivityFeed> = LazyLock::new(|| {
        match osc_schema::xml::read_str(&TEXT)
            .expect("the input is valid")
            .root
        {
            Root::ActivityFeed(feed) => feed,
            _ => panic!("expected an activity feed"),
        }
    });

    #[divan::bench]
    fn quick_xml_raw_scan(bencher: Bencher) {
        raw_scan(bencher, &TEXT);
    }

    #[divan::bench]
    fn validate_and_lint(bencher: Bencher) {
        super::validate_and_lint(bencher, &TEXT);
    }

    /// Counted in bytes of the feed's text, like the other lines of the group.
    #[divan::bench]
    fn render_text(bencher: Bencher) {
        let feed = &*FEED;
        bencher.counter(bytes_of(&TEXT)).bench(|| {
            let rendered = osc_schema::render::text(black_box(feed));
            assert!(rendered.output.lines().count() as u64 >= ACTIVITIES);
            rendered
        });
    }

    #[divan::bench]
    fn render_html(bencher: Bencher) {
        let feed = &*FEED;
        bencher.counter(bytes_of(&TEXT)).bench(|| {
            let rendered = osc_schema::render::html(black_box(feed));
            assert!(rendered.output.len() as u64 > ACTIVITIES * 100);
            rendered
        });
    }
}

/// Many small documents of every kind, as a CI job checks a directory of captured payloads:
/// the cost per document (setting up the validator's and the rules' state, placing the
/// findings) weighs as much as the cost per byte here.
#[divan::bench_group]
mod many_small {
    use super::*;

    /// As many documents as `gen_osc many` writes for a benchmark run (a few KiB each).
    const DOCUMENTS: u64 = 200;

    /// The documents `gen_osc many --seed 1` writes first, in the same mix.
    static DOCS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut rng = generate::Rng::new(1);
        (0..DOCUMENTS)
            .map(|_| {
                let kind = generate::SmallKind::choose(&mut rng);
                generate::small_document(kind, rng.next_u64())
            })
            .collect()
    });

    fn total_bytes() -> BytesCount {
        BytesCount::new(DOCS.iter().map(String::len).sum::<usize>())
    }

    /// XSD validation alone, one validator for all documents.
    #[divan::bench]
    fn xsd_validate(bencher: Bencher) {
        let validator = Validator::auto();
        bencher.counter(total_bytes()).bench(|| {
            let valid = DOCS
                .iter()
                .filter(|doc| validator.validate_str(black_box(doc)).is_valid())
                .count();
            assert_eq!(valid as u64, DOCUMENTS);
            valid
        });
    }

    /// The whole check of each document, as `oscx validate` runs it on a small file: one
    /// checker for all documents, findings placed and suppressions applied.
    #[divan::bench]
    fn validate_and_lint(bencher: Bencher) {
        let checker = Checker::new(Validator::auto(), Some(LintOptions::default()));
        bencher.counter(total_bytes()).bench(|| {
            let mut findings = 0;
            for doc in DOCS.iter() {
                let checked = checker.check_bytes("input", black_box(doc.as_bytes()));
                assert!(
                    checked.report.is_valid(),
                    "{:?}",
                    checked.report.diagnostics()
                );
                assert!(checked.report.root().is_some());
                findings += checked.report.diagnostics().len();
            }
            // The generator plants warnings in some documents: their placing is measured too.
            assert!(findings > 0);
            findings
        });
    }
}
