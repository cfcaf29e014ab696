//! XSD validation of OSC documents: a small schema compiler and a streaming validator.
//!
//! [`load`] compiles the subset of XML Schema the OSC schemas use into flat tables and
//! refuses everything else; a [`Validator`] then checks documents against one of the
//! embedded schema generations, the one the root's namespace implies, or a schema loaded
//! from a file. Validation streams over quick-xml events with memory bounded by nesting
//! depth, and collects every violation as a [`Diagnostic`] in a [`Report`]
//! instead of stopping at the first.
//!
//! ```
//! use osc_schema::xsd::Validator;
//! use osc_schema::version::Target;
//!
//! let xml = r#"<capabilities xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <getFriends>yes</getFriends>
//! </capabilities>"#;
//! let report = Validator::new(Target::Outlook2013).validate_str(xml);
//! assert!(!report.is_valid());
//! assert_eq!(report.errors().next().unwrap().message, "`yes` is not a boolean (`true` or `false`)");
//! ```
//!
//! Diagnostic codes: `xsd::unexpected-element`, `xsd::missing-element`, `xsd::too-many`,
//! `xsd::invalid-value`, `xsd::missing-attribute`, `xsd::unexpected-attribute`,
//! `xsd::unknown-root`, `xsd::text-not-allowed`, `xsd::namespace-mismatch`,
//! `xsd::wrong-namespace`, `xsd::no-namespace` (info), and for input that is not XML at all
//! `xml::not-well-formed`, `xml::undefined-entity`, `xml::doctype`, `xml::encoding` (after
//! these, validation stops).

use std::io::BufRead;
use std::sync::{Arc, OnceLock};

mod builtin;
mod facets;
mod identity;
mod load;
mod model;
pub(crate) mod observe;
mod pattern;
mod schema_rules;

pub(crate) use observe::{Level, Observer, StartTag};
pub(crate) mod position;
pub(crate) mod repair;
mod roots;
mod schema;
mod source;
pub(crate) mod suggest;
mod validate;
mod varieties;
mod wildcard;
pub(crate) use validate::Tokenizing;

pub(crate) use crate::diagnostic::Report;
pub use load::{load, load_str};
pub(crate) use schema::ContentRef;
pub use schema::{Builtin, Schema, WhiteSpace};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::limits::Limits;
use crate::text::decode::decode_located;
use crate::version::Target;
use validate::Mode;

/// The text of our schema file for `target` (`schemas/osc-*.xsd`), as embedded in the library.
pub fn schema_text(target: Target) -> &'static str {
    match target {
        Target::BeforeOutlook2010 => include_str!("../../schemas/osc-1.0.xsd"),
        Target::Outlook2010 => include_str!("../../schemas/osc-1.1.xsd"),
        Target::Outlook2013 => include_str!("../../schemas/osc-2013.xsd"),
    }
}

/// The compiled embedded schema of `target`, compiled once per process.
pub(crate) fn embedded(target: Target) -> Result<&'static Schema, &'static Error> {
    static CELLS: [OnceLock<Result<Schema, Error>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let cell = match target {
        Target::BeforeOutlook2010 => &CELLS[0],
        Target::Outlook2010 => &CELLS[1],
        Target::Outlook2013 => &CELLS[2],
    };
    cell.get_or_init(|| load_str(schema_text(target))).as_ref()
}

#[derive(Debug, Clone)]
enum Kind {
    Target(Target),
    Auto,
    Custom(Arc<Schema>),
}

/// Validates documents against one schema choice; cheap to clone and to share across threads.
#[derive(Debug, Clone)]
pub struct Validator {
    kind: Kind,
    max_diagnostics: Option<usize>,
    limits: Limits,
    threads: bool,
}

impl Validator {
    /// Validates against the embedded schema of `target`. A document in the other
    /// generation's namespace gets `xsd::namespace-mismatch`.
    pub fn new(target: Target) -> Self {
        Validator {
            kind: Kind::Target(target),
            max_diagnostics: None,
            limits: Limits::default(),
            threads: false,
        }
    }

    /// Chooses the embedded schema by the root's namespace, as the OSC does: the 1.0
    /// namespace gets the 1.0 model, the 1.1 namespace the 2013 model.
    pub fn auto() -> Self {
        Validator {
            kind: Kind::Auto,
            max_diagnostics: None,
            limits: Limits::default(),
            threads: false,
        }
    }

    /// Validates against a schema file's content (UTF-8, or UTF-16 with a byte order mark).
    ///
    /// # Errors
    /// What [`load`] returns for a schema it cannot read or does not support.
    pub fn from_xsd(xsd: impl AsRef<[u8]>) -> Result<Self, Error> {
        Ok(Self::from_schema(load(xsd.as_ref())?))
    }

    /// Validates against an already compiled schema.
    pub fn from_schema(schema: Schema) -> Self {
        Validator {
            kind: Kind::Custom(Arc::new(schema)),
            max_diagnostics: None,
            limits: Limits::default(),
            threads: false,
        }
    }

    /// Keeps at most `n` findings per document; the rest are only counted
    /// ([`Report::truncated`]). Not-well-formed findings are always kept.
    pub fn with_max_diagnostics(mut self, n: usize) -> Self {
        self.max_diagnostics = Some(n);
        self
    }

    /// The cap set by [`Validator::with_max_diagnostics`], if any. The conformance rules'
    /// findings are held to the same cap when a file is checked ([`crate::check()`], [`crate::check::Checker`]).
    pub fn max_diagnostics(&self) -> Option<usize> {
        self.max_diagnostics
    }

    /// Refuses documents past these bounds (by default [`Limits::default`]) with an
    /// `xml::limit` finding where they went past, and stops there.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The bounds documents are held to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Lets the validator start a thread of its own for a stream longer than one chunk, to
    /// tokenize the markup a chunk ahead of validation (see [`Validator::validate_reader`]):
    /// faster on a machine with a core to spare. Off by default: the library starts no
    /// thread unless asked. The findings are the same either way.
    ///
    /// ```
    /// use osc_schema::Validator;
    ///
    /// let validator = Validator::auto().with_threads(true);
    /// assert!(validator.threads());
    /// ```
    #[must_use]
    pub fn with_threads(mut self, on: bool) -> Self {
        self.threads = on;
        self
    }

    /// Whether the validator, and a check that uses it, may start threads of their own
    /// ([`Validator::with_threads`]).
    pub fn threads(&self) -> bool {
        self.threads
    }

    /// Whether the schema is one of the embedded ones (by generation or namespace), not a
    /// schema of the caller's own.
    pub(crate) fn is_embedded(&self) -> bool {
        !matches!(self.kind, Kind::Custom(_))
    }

    /// This validator's schema choice with `other`'s cap, limits and threads.
    pub(crate) fn with_settings_of(self, other: &Validator) -> Self {
        Validator {
            kind: self.kind,
            max_diagnostics: other.max_diagnostics,
            limits: other.limits,
            threads: other.threads,
        }
    }

    /// The validator without a cap on findings.
    pub(crate) fn without_max_diagnostics(mut self) -> Self {
        self.max_diagnostics = None;
        self
    }

    /// How a stream's markup is tokenized: a chunk ahead on a thread of its own only when
    /// threads are allowed.
    fn tokenizing(&self) -> Tokenizing {
        if self.threads {
            Tokenizing::Ahead
        } else {
            Tokenizing::Inline
        }
    }

    /// The fixed generation, `None` for [`Validator::auto`] and custom schemas.
    pub fn target(&self) -> Option<Target> {
        match self.kind {
            Kind::Target(t) => Some(t),
            Kind::Auto | Kind::Custom(_) => None,
        }
    }

    fn mode(&self) -> Mode<'_> {
        match &self.kind {
            Kind::Target(t) => Mode::Target(*t),
            Kind::Auto => Mode::Auto,
            Kind::Custom(s) => Mode::Custom(s),
        }
    }

    /// Validates a document held as text.
    pub fn validate_str(&self, xml: &str) -> Report {
        let xml = xml.strip_prefix('\u{FEFF}').unwrap_or(xml);
        validate::run_str(
            self.mode(),
            xml,
            self.max_diagnostics,
            self.limits,
            Vec::new(),
            (),
        )
    }

    /// Validates a document held as bytes: UTF-8, or UTF-16 with a byte order mark. Bytes
    /// that cannot be decoded give an `xml::encoding` finding.
    pub fn validate_bytes(&self, bytes: &[u8]) -> Report {
        match decode_located(bytes) {
            Ok(decoded) => validate::run_str(
                self.mode(),
                &decoded.text,
                self.max_diagnostics,
                self.limits,
                decoded.warnings,
                (),
            ),
            Err(undecoded) => Report {
                diagnostics: vec![undecoded.diagnostic()],
                ..Report::default()
            },
        }
    }

    /// Validates a stream without holding it in memory: it is read in chunks of 256 KiB
    /// (larger only while a single event, such as one long text, does not fit), a few of
    /// which are held at once, and beyond that memory follows the nesting depth. A stream
    /// longer than one chunk is tokenized on a second thread, a chunk ahead of validation,
    /// when threads are allowed ([`Validator::with_threads`]).
    /// UTF-8 and UTF-16 with a byte order mark are read; for text that decodes, the
    /// findings are those of [`Validator::validate_bytes`]. Reads are large, so a
    /// caller's `BufReader` of up to 256 KiB is mostly bypassed and a bigger one gains
    /// nothing.
    ///
    /// # Errors
    /// [`Error::Io`] when reading fails; every problem with the content is a finding.
    pub fn validate_reader<R: BufRead>(&self, reader: R) -> Result<Report, Error> {
        validate::run_reader(
            self.mode(),
            reader,
            self.max_diagnostics,
            self.limits,
            (),
            self.tokenizing(),
        )
    }

    /// Validates decoded text (what follows the byte order mark, which decoding drops),
    /// telling `obs` about every validated element.
    pub(crate) fn validate_text_observed<O: Observer>(
        &self,
        text: &str,
        warnings: Vec<Diagnostic>,
        obs: O,
    ) -> Report {
        validate::run_str(
            self.mode(),
            text,
            self.max_diagnostics,
            self.limits,
            warnings,
            obs,
        )
    }

    /// [`Validator::validate_reader`], telling `obs` about every validated element. An
    /// observer that costs little (the check's watch for identities) leaves the markup read
    /// a chunk ahead on a thread of its own when threads are allowed; the one-pass check,
    /// whose rules run on a thread of their own already, reads it inline
    /// (`Tokenizing::Inline`): with both cores busy, a third thread would only cost memory.
    pub(crate) fn validate_reader_observed<R: BufRead, O: Observer>(
        &self,
        reader: R,
        obs: O,
        tokenizing: Tokenizing,
    ) -> Result<Report, Error> {
        let tokenizing = if self.threads {
            tokenizing
        } else {
            Tokenizing::Inline
        };
        validate::run_reader(
            self.mode(),
            reader,
            self.max_diagnostics,
            self.limits,
            obs,
            tokenizing,
        )
    }
}

/// Validates `xml` against the embedded schema its root's namespace implies.
///
/// ```
/// let report = osc_schema::validate(
///     r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"/>"#,
/// );
/// assert!(report.is_valid());
/// ```
pub fn validate(xml: &str) -> Report {
    Validator::auto().validate_str(xml)
}

#[cfg(test)]
mod tests;

/// xsd-parser's reading of `schemas/`, which the library's tables and [`load`] are held to.
#[cfg(test)]
#[path = "../../tests/support/xsd_oracle.rs"]
pub(crate) mod oracle;

#[cfg(test)]
mod oracle_tests;

#[cfg(test)]
mod builtin_tests;
#[cfg(test)]
mod derivation_tests;
