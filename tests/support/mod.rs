//! Helpers shared by the integration tests.
//!
//! Each test crate that declares `mod support;` compiles this module on its own and uses only a
//! part of it, so unused items are expected here rather than a sign of dead code.
#![allow(dead_code)]

pub mod cli;
pub mod corpus;
pub mod sarif;
pub mod strategies;
pub mod tools;
