//! osc-schema: the XML that Outlook Social Connector (OSC) providers exchange with Office,
//! as typed Rust values, read and written without loss.
//!
//! ```
//! use osc_schema::model::{Document, Friends, Gender, Person};
//!
//! // Built from plain strings: `build()` checks every value once and names each one refused.
//! let ana = Person::builder("ana.lima")
//!     .full_name("Ana Lima")
//!     .email_address("ana.lima@example.com")
//!     .gender(Gender::Female)
//!     .build()?;
//! let ben = Person::builder("ben.okafor").full_name("Ben Okafor").build()?;
//!
//! // Written in schema order, in the canonical form.
//! let xml = osc_schema::xml::to_string(&Document::from(Friends::new([ana, ben])))?;
//!
//! // Checked as `oscx validate` checks it: the schema, the rules, the inline suppressions.
//! let report = osc_schema::check(&xml);
//! assert!(report.is_valid() && report.diagnostics().is_empty());
//!
//! // And read back, unchanged.
//! assert_eq!(osc_schema::xml::to_string(&osc_schema::xml::read_str(&xml)?)?, xml);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What is where
//! Every public module, in the order a document goes through them:
//! - [`xml`]: reading (strict, with positions; tolerant; a streaming reader for big friend
//!   lists) and canonical writing;
//! - [`json`]: the lossless JSON form of documents, in an envelope that keeps the namespace,
//!   generation and encoding;
//! - [`model`]: the five documents (`capabilities`, `friends`, `person`, `activityFeed`,
//!   `hashedAddresses`) and the XSD → Rust mapping;
//! - [`xs`]: the XSD datatypes, exact to XSD 1.0's lexical rules;
//! - [`version`]: the schema generations 1.0, 1.1 and 2013 and which element is in which;
//! - [`limits`]: the bounds on what one document may hold;
//! - [`xsd`]: validation against the embedded schemas ([`Validator`], [`validate`]);
//! - [`lint`]: the conformance rules' options (levels, the calling method);
//! - [`check`](mod@check): the whole check of a file (schema, rules, inline suppressions), as
//!   `oscx validate` runs it;
//! - [`diagnostic`] and [`error`]: findings and the errors of reading;
//! - [`catalog`]: every code a finding can carry, with its explanation;
//! - [`print`](mod@print): reports as JSON Lines, JUnit and SARIF;
//! - [`render`]: an activity feed as the People Pane shows it, as text or an HTML page;
//! - [`hash`]: e-mail address hashing and the `hashedAddresses` request;
//! - [`provider`]: the OSC's provider interfaces as safe traits, and a host that drives a
//!   provider through them;
//! - `com` (feature `com`): those traits as COM objects Outlook can load, and COM objects
//!   driven through the traits.
//!
//! # Features
//! - `cli` (default): the `oscx` command line and what only it uses (argument parsing,
//!   `oscx.toml`, the terminal's code frames). Without it (`default-features = false`) the
//!   crate is the library alone.
//! - `com`: the `com` module above.
//!
//! # Errors and findings
//! An [`Error`] means the input could not be read as a document at all (not well-formed,
//! undecodable, or not fitting the model). Findings about content that still reads are
//! [`Diagnostic`]s.
//!
//! # Limitations
//! - The layout of the input is not part of the model: writing gives the canonical form,
//!   not the original bytes. Comments and processing instructions are kept, each with its
//!   place ([`model::Document::comments`]).
//! - The reader stops at the first problem; collecting every problem of a document is
//!   [`check()`]'s job.
//! - Documents are decoded from UTF-8, UTF-16 with a byte order mark, and the 8-bit
//!   encodings a declaration names (`windows-1252`, `ISO-8859-1`, …).

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Input never reaches an `unwrap` or `expect`: every failure becomes an `Error` or a
// finding. Exceptions, each with an `allow` and its reason where it stands:
// - `provider::host::options::default_start_time` parses a fixed literal.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Raw pointers are the `com` module's business alone: without the feature the crate has no
// unsafe code at all, and with it every other module still refuses it.
#![cfg_attr(not(feature = "com"), forbid(unsafe_code))]
#![cfg_attr(feature = "com", deny(unsafe_code))]

pub mod catalog;
pub mod check;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
#[cfg(feature = "com")]
#[cfg_attr(docsrs, doc(cfg(feature = "com")))]
pub mod com;
pub mod diagnostic;
pub mod error;
pub mod hash;
pub mod json;
pub mod limits;
pub mod lint;
mod markup;
pub mod model;
pub mod print;
pub mod provider;
pub mod render;
mod text;
pub mod version;
pub mod xml;
pub mod xs;
pub mod xsd;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub use check::check;
pub use diagnostic::{Code, Diagnostic, Location, Report, Severity};
pub use error::{Error, TextPos};
pub use limits::Limits;
pub use text::inert::inert;
pub use version::{Namespace, RootKind, Target};
pub use xsd::{Validator, validate};
