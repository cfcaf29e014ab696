//! Any bytes as a schema file: loading must refuse what it cannot use with an error, and
//! a schema it accepts must validate documents without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use osc_schema::Validator;

/// A document of each kind, for the loaded schema to judge.
const DOCUMENTS: &[&str] = &[
    include_str!("../../fixtures/docs/friends.xml"),
    include_str!("../../fixtures/docs/activity-feed.xml"),
    include_str!("../../fixtures/docs/capabilities.xml"),
];

fuzz_target!(|bytes: &[u8]| {
    let Ok(validator) = Validator::from_xsd(bytes) else {
        return;
    };
    for document in DOCUMENTS {
        let _ = validator.validate_str(document);
    }
});
