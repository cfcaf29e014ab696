//! Printers that turn diagnostics into output for people and for machines.

pub mod human;
