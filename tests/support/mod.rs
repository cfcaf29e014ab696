//! Helpers shared by the integration tests.
//!
//! Each test crate that declares `mod support;` compiles this module on its own and uses only a
//! part of it, so unused items are expected here rather than a sign of dead code.
#![allow(dead_code)]

pub mod cli;
pub mod code_quality;
pub mod corpus;
pub mod external;
pub mod fixtures;
pub mod heap;
pub mod peak;
pub mod sarif;
pub mod strategies;

/// Cases for a property test: `PROPTEST_CASES` when set (for long runs, such as
/// `PROPTEST_CASES=10000`), otherwise `default`. `ProptestConfig::with_cases` alone would
/// ignore the variable.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The codes of a report's findings, in order.
pub fn codes(report: &osc_schema::Report) -> Vec<&str> {
    report
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}
