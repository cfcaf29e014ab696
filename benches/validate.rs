//! Per-byte cost of our readers next to quick-xml's, on one generated friends list.
//!
//! ```text
//! cargo bench --bench validate            # measure
//! cargo bench --bench validate -- --test  # run each benchmark once (CI smoke test)
//! ```
//!
//! All benchmarks read the same in-memory document (about 4 MiB, 2013 content model, made by
//! the generator of `examples/gen_osc.rs`) and report bytes per second, so the lines compare
//! directly: `quick_xml_raw_scan` is the tokeniser alone, `quick_xml_ns_scan` the least a
//! namespace-aware consumer does (the code of `examples/xml_scan.rs`, included below), and
//! `xsd_validate` / `typed_parse` / `canonical_write` are ours. Every benchmark checks its
//! result (an event count, a verdict, a person count, a non-empty output), so a change that
//! makes one of them do nothing fails instead of looking fast.

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use osc_schema::Target;
use osc_schema::model::Root;

// The benchmark uses only the friends generator and the two string scans; the rest of
// these files serves the examples.
#[allow(dead_code)]
#[path = "../examples/gen_osc/generate.rs"]
mod generate;
#[allow(dead_code)]
#[path = "../examples/xml_scan.rs"]
mod xml_scan;

fn main() {
    divan::main();
}

/// The document under test and what it holds.
struct Input {
    text: String,
    persons: u64,
}

/// Big enough that per-call setup is noise, small enough for `--test` to stay quick.
const INPUT_BYTES: u64 = 4 * 1024 * 1024;

static INPUT: LazyLock<Input> = LazyLock::new(|| {
    let (text, persons) = generate::friends_string(1, generate::Size::Bytes(INPUT_BYTES));
    Input { text, persons }
});

fn input_bytes() -> BytesCount {
    BytesCount::new(INPUT.text.len())
}

#[divan::bench]
fn quick_xml_raw_scan(bencher: Bencher) {
    bencher.counter(input_bytes()).bench(|| {
        let mut counts = xml_scan::Counts::default();
        xml_scan::raw_str(black_box(&INPUT.text), &mut counts).expect("the input is well-formed");
        assert!(counts.events > 0);
        counts.events
    });
}

#[divan::bench]
fn quick_xml_ns_scan(bencher: Bencher) {
    bencher.counter(input_bytes()).bench(|| {
        let mut counts = xml_scan::Counts::default();
        xml_scan::ns_str(black_box(&INPUT.text), &mut counts).expect("the input is well-formed");
        assert!(counts.events > 0 && counts.elements > 0);
        counts.events
    });
}

#[divan::bench]
fn xsd_validate(bencher: Bencher) {
    // Compiling the schema is a one-time cost a long-running user pays once; it is not
    // part of the per-byte figure.
    let validator = osc_schema::xsd::Validator::new(Target::Osc2013);
    bencher.counter(input_bytes()).bench(|| {
        let report = validator.validate_str(black_box(&INPUT.text));
        assert!(report.is_valid(), "{:?}", report.diagnostics());
        assert!(report.event_count() > 0);
        report
    });
}

#[divan::bench]
fn typed_parse(bencher: Bencher) {
    bencher.counter(input_bytes()).bench(|| {
        let doc = osc_schema::xml::read_str(black_box(&INPUT.text)).expect("the input is valid");
        let Root::Friends(friends) = &doc.root else {
            panic!("expected a friends document")
        };
        assert_eq!(friends.persons.len() as u64, INPUT.persons);
        doc
    });
}

#[divan::bench]
fn canonical_write(bencher: Bencher) {
    let doc = osc_schema::xml::read_str(&INPUT.text).expect("the input is valid");
    // Counted in bytes written, which is what this benchmark produces.
    let written = osc_schema::xml::to_string(&doc).expect("the model is writable");
    bencher.counter(BytesCount::new(written.len())).bench(|| {
        let out = osc_schema::xml::to_string(black_box(&doc)).expect("the model is writable");
        assert!(!out.is_empty());
        out
    });
}
