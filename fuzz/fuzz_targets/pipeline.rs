//! Any bytes through everything a payload meets: decoding, validation in memory and as a
//! stream, the rules, the typed reader, the canonical writer and the renderer.
//!
//! Beyond "never panics", it asserts what must hold for every input: a document the
//! reader accepts is written out and read back to the same model.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use osc_schema::check::Checker;
use osc_schema::lint::LintOptions;
use osc_schema::model::Root;
use osc_schema::xml::{self, WriteOptions};
use osc_schema::{Validator, render};

static CHECKER: OnceLock<Checker> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let checker =
        CHECKER.get_or_init(|| Checker::new(Validator::auto(), Some(LintOptions::default())));
    let _ = checker.check_bytes("fuzz.xml", bytes);
    let _ = Validator::auto().validate_reader(bytes);
    let Ok(parsed) = xml::read_bytes(bytes) else {
        return;
    };
    let document = parsed.document;
    for pretty in [true, false] {
        let options = WriteOptions {
            pretty,
            ..WriteOptions::default()
        };
        let written = xml::write_bytes(&document, options).expect("a read document writes");
        let again = xml::read_bytes(&written).expect("what was written reads back");
        assert_eq!(again.document, document, "written and read back, the model changed");
    }
    if let Root::ActivityFeed(feed) = &document.root {
        let _ = render::text(feed);
        let _ = render::html(feed);
    }
});
