//! Printers that turn reports into output for people and for machines. The CLI only picks
//! one and writes what it returns.

pub mod file_lines;
mod frames;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod summary;
