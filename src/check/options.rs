//! The checker's settings, each one of `oscx validate`'s: the generation, the provider
//! method, the levels of rules and advice codes, the document limits, the cap on findings
//! and whether threads may be started. A checker is built once and checks any number of
//! documents.

use crate::catalog::{Allowable, NotAllowable};
use crate::diagnostic::Code;
use crate::limits::Limits;
use crate::lint::{Level, LintOptions, Method};
use crate::version::Target;
use crate::xsd::Validator;

use super::{Checker, DEFAULT_MAX_DIAGNOSTICS};

impl Default for Checker {
    /// What `oscx validate` runs without flags or a configuration file: the embedded schema
    /// the root's namespace names, every rule at its own level, [`Limits::default`], at
    /// most [`DEFAULT_MAX_DIAGNOSTICS`] findings per document, no thread of its own.
    fn default() -> Self {
        Checker::new(
            Validator::auto().with_max_diagnostics(DEFAULT_MAX_DIAGNOSTICS),
            Some(LintOptions::default()),
        )
    }
}

impl Checker {
    /// Holds documents to `target` (`--target`), or, with `None`, to the generation their
    /// namespace names. A checker with a schema of its own ([`Validator::from_xsd`]) keeps
    /// it; the rules are held to `target` all the same.
    ///
    /// ```
    /// use osc_schema::{Target, check::Checker};
    ///
    /// let checker = Checker::default().with_target(Some(Target::BeforeOutlook2010));
    /// let report = checker.check(r#"<friends xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd"/>"#);
    /// assert_eq!(report.diagnostics()[0].code, "xsd::namespace-mismatch");
    /// ```
    #[must_use]
    pub fn with_target(mut self, target: Option<Target>) -> Self {
        if self.validator.is_embedded() {
            let chosen = target.map_or_else(Validator::auto, Validator::new);
            self.validator = chosen.with_settings_of(&self.validator);
        }
        if let Some(options) = &mut self.lint {
            options.target = target;
        }
        self
    }

    /// The provider method that returned the documents (`--method`), for the rules about
    /// each method's answer.
    ///
    /// ```
    /// use osc_schema::{check::Checker, lint::Method};
    ///
    /// let checker = Checker::default().with_method(Some(Method::GetFriendsAndColleagues));
    /// # let _ = checker;
    /// ```
    #[must_use]
    pub fn with_method(mut self, method: Option<Method>) -> Self {
        if let Some(options) = &mut self.lint {
            options.method = method;
        }
        self
    }

    /// Sets levels of rules (by ID or name) and of advice codes, as `--allow`, `--warn`,
    /// `--deny` and `[rules]` in `oscx.toml` do; a later level for the same name wins.
    ///
    /// ```
    /// use osc_schema::{check::Checker, lint::Level};
    ///
    /// let checker = Checker::default().with_levels([("OSC012", Level::Allow), ("xsd::no-namespace", Level::Deny)])?;
    /// # let _ = checker;
    /// # Ok::<(), osc_schema::catalog::NotAllowable>(())
    /// ```
    ///
    /// # Errors
    /// When a name is no rule nor advice code, or is a schema error's code, which no level
    /// may hide.
    pub fn with_levels<'a>(
        mut self,
        levels: impl IntoIterator<Item = (&'a str, Level)>,
    ) -> Result<Self, NotAllowable> {
        for (name, level) in levels {
            match crate::catalog::allowable_in_any_case(name)? {
                Allowable::Rule(id) => {
                    if let Some(options) = &mut self.lint {
                        options.config.levels.insert(id.to_owned(), level);
                    }
                }
                Allowable::Advice(code) => {
                    self.advice.insert(code, level);
                }
            }
        }
        Ok(self)
    }

    /// Reports every rule's warning as an error (`--deny warnings`).
    #[must_use]
    pub fn with_deny_warnings(mut self, on: bool) -> Self {
        if let Some(options) = &mut self.lint {
            options.config.deny_warnings = on;
        }
        self
    }

    /// Runs the conformance rules (the default) or, with `false`, XSD validation alone
    /// (`--no-lint`).
    #[must_use]
    pub fn with_rules(mut self, on: bool) -> Self {
        match (on, self.lint.is_some()) {
            (true, false) => self.lint = Some(LintOptions::default()),
            (false, true) => self.lint = None,
            _ => {}
        }
        self
    }

    /// Refuses documents past these bounds ([`Validator::with_limits`]).
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.validator = self.validator.with_limits(limits);
        self
    }

    /// Keeps at most `n` findings per document, the schema's and the rules' together (the
    /// first by position; the rest are counted, [`crate::Report::truncated`]); `None` keeps
    /// every finding (`--max-diagnostics 0`).
    #[must_use]
    pub fn with_max_diagnostics(mut self, n: Option<usize>) -> Self {
        self.validator = self.validator.without_max_diagnostics();
        if let Some(n) = n {
            self.validator = self.validator.with_max_diagnostics(n);
        }
        self
    }

    /// Lets the check start threads of its own for a document checked as a stream: one that
    /// runs the rules while the validator reads on, one that frees a large model, and the
    /// validator's tokenizer ([`Validator::with_threads`]). Off by default: the library starts
    /// no thread unless asked; `oscx validate` asks. The findings are the same either way.
    #[must_use]
    pub fn with_threads(mut self, on: bool) -> Self {
        self.validator = self.validator.with_threads(on);
        self
    }

    /// Levels for advice codes ([`crate::catalog::ADVICE`]), applied after the inline
    /// suppressions: `Allow` drops their findings, `Warn` and `Deny` make them warnings and
    /// errors. Levels for other codes are ignored: a rule's level is the linter's
    /// ([`crate::lint::LintConfig`], [`Checker::with_levels`]), and a schema error has none.
    ///
    /// ```
    /// use osc_schema::check::Checker;
    /// use osc_schema::lint::Level;
    /// use osc_schema::Code;
    ///
    /// let request = br#"<hashedAddresses><personAddresses index="0"/></hashedAddresses>"#;
    /// let checker = Checker::default().with_rules(false);
    /// assert!(checker.check_bytes("r.xml", request).report.diagnostics().iter().any(|d| d.code == Code::NoNamespace));
    /// let checker = checker.with_advice_levels([(Code::NoNamespace, Level::Allow)]);
    /// assert!(checker.check_bytes("r.xml", request).report.diagnostics().is_empty());
    /// ```
    #[must_use]
    pub fn with_advice_levels(mut self, levels: impl IntoIterator<Item = (Code, Level)>) -> Self {
        self.advice = levels
            .into_iter()
            .filter(|(code, _)| crate::catalog::ADVICE.contains(code))
            .collect();
        self
    }
}
