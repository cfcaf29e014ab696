//! Reports as output for machines: JSON Lines, JUnit and SARIF, for a file's report
//! ([`crate::Report`]) and for a conformance run's steps
//! ([`crate::provider::host::ConformanceReport::to_file_reports`]).
//!
//! The command line's own outputs (the terminal's code frames, GitHub and GitLab
//! annotations, the summary line) are part of it, behind the `cli` feature.

#[cfg(feature = "cli")]
pub(crate) mod file_lines;
#[cfg(feature = "cli")]
mod frames;
#[cfg(feature = "cli")]
pub(crate) mod github;
#[cfg(feature = "cli")]
pub(crate) mod gitlab;
#[cfg(feature = "cli")]
pub(crate) mod human;
pub mod json;
pub mod junit;
pub mod sarif;
#[cfg(feature = "cli")]
pub(crate) mod summary;
