//! Every code a user can meet, with what it means and where it is documented: the XML and
//! XSD codes of validation, the codes of the preview and of the run itself, and the
//! conformance rules. Machine-readable reports (SARIF) list these as their rules, and
//! `oscx explain` explains each.

use crate::diagnostic::{Code, ENGINE, Severity};
use crate::render::problem;

/// Where the OSC documentation pages are published; a rule's source page is this plus the
/// page's file name without `.md`.
pub(crate) const DOCS_BASE: &str =
    "https://learn.microsoft.com/en-us/office/client-developer/outlook/social-connector/";

/// One reportable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code as diagnostics carry it: `xsd::too-many`, `OSC012`.
    pub code: &'static str,
    /// A short kebab-case name.
    pub name: &'static str,
    /// The severity it is reported with by default.
    pub severity: Severity,
    /// One line: what it reports.
    pub summary: &'static str,
    /// Why it matters and what to do, in a few sentences (the summary for validation codes).
    pub help: &'static str,
    /// The documentation page the code is grounded in.
    pub docs_url: String,
}

/// The page describing the schemas, where the XSD codes point.
const SCHEMA_PAGE: &str = "outlook-social-connector-provider-xml-schema";

/// The page describing activity templates and their tokens, where the preview's codes point.
const TEMPLATE_PAGE: &str = "overview-of-xml-for-an-activity-feed-item";

/// What a report names as the tool's information page: the OSC documentation the checks
/// rest on (the crate publishes no page of its own). The codes about a run (`oscx::…`)
/// point there too.
pub(crate) const INFORMATION_URI: &str = DOCS_BASE;

/// The code of a GitLab issue that stands for the findings of a file the per-file cap
/// dropped.
pub const MORE_FINDINGS: &str = "oscx::more-findings";

/// The code of an inline suppression that gives no reason (see `check::suppress`).
pub const WITHOUT_REASON: Code = Code::Suppression("oscx::suppression-without-reason");

/// The code of a name in an inline suppression that is no rule or advice code, or is a
/// schema error's.
pub const UNKNOWN_RULE: Code = Code::Suppression("oscx::unknown-rule");

/// The code of an inline suppression, or a name in one, that allowed no finding.
pub const UNUSED_SUPPRESSION: Code = Code::Suppression("oscx::unused-suppression");

/// The codes of the preview (`oscx render`) and of the run itself (`oscx::…`): the code,
/// its severity, what it reports, what to do.
const OTHER: &[(&str, Severity, &str, &str)] = &[
    (
        problem::NO_TEMPLATE.as_str(),
        Severity::Warning,
        "an activity selects an `applicationID` and `templateID` that no template has",
        "The OSC shows nothing for the activity. Add an `activityTemplateContainer` with that \
         pair, or give the activity the pair of an existing template (rule OSC050 is the same \
         problem found by `oscx validate`).",
    ),
    (
        problem::UNKNOWN_VARIABLE.as_str(),
        Severity::Warning,
        "a template token names no variable of the activity, or no item of the list",
        "The token comes out empty. Give the activity a `templateVariable` with the name the \
         token uses, or correct the token's name (rule OSC053 in `oscx validate`).",
    ),
    (
        problem::WRONG_TYPE.as_str(),
        Severity::Warning,
        "a template token names a variable of another type than its kind needs",
        "A `{link:…}` token needs a `linkVariable`, `{picture:…}` a `pictureVariable`, and so \
         on. Change the token's kind or the variable's type (rule OSC054 in `oscx validate`).",
    ),
    (
        problem::MALFORMED_TOKEN.as_str(),
        Severity::Warning,
        "a `{` in a template does not start a valid token",
        "Tokens are written `{kind:name}` with a kind of `publisher`, `entity`, `link`, `text`, \
         `picture` or `list` (rule OSC055 in `oscx validate`).",
    ),
    (
        problem::EMPTY_VARIABLE.as_str(),
        Severity::Warning,
        "a variable has nothing to show: a person without a name or ID, a link without text or address, a picture without address, a list without items",
        "Fill in the variable's values, or leave the token out of the template.",
    ),
    (
        problem::URL_NOT_USED.as_str(),
        Severity::Warning,
        "an address with another scheme than `http`, `https` (or `mailto` for links) was left out",
        "The preview shows such a value as plain text, as the People Pane does not follow it. \
         Use an absolute `http` or `https` address.",
    ),
    (
        WITHOUT_REASON.as_str(),
        Severity::Warning,
        "an `oscx-allow` comment without a reason, which allows nothing",
        "Write the reason after the rule's ID and a colon: \
         `<!-- oscx-allow OSC012: people are looked up in the address book -->`.",
    ),
    (
        UNKNOWN_RULE.as_str(),
        Severity::Warning,
        "an `oscx-allow` comment names no rule or allowable code, or a schema error, which cannot be allowed",
        "A name that is not a rule's ID or name, nor an advice code, suppresses nothing; a name \
         in another case (`osc012`) is not the rule (`OSC012`). Schema errors cannot be \
         allowed: the document is not what Outlook reads. Correct the name, or remove it.",
    ),
    (
        UNUSED_SUPPRESSION.as_str(),
        Severity::Warning,
        "an `oscx-allow` comment, or one name in it, that allowed no finding",
        "Nothing it names was found on the element it stands before, so it hides nothing \
         today and would hide a new finding tomorrow. Remove the name (or the comment), or \
         move the comment before the element the finding is on.",
    ),
    (
        MORE_FINDINGS,
        Severity::Info,
        "a file had more findings than `--max-diagnostics` lets a report show",
        "Fix the findings shown and run again, or raise `--max-diagnostics` (0 shows every \
         finding).",
    ),
];

/// The codes that are advice rather than schema errors: the reader's and validator's
/// warnings and infos. Like the rules, they can be allowed or re-levelled (`--allow`,
/// `[rules]` in `oscx.toml`, `oscx-allow`); a schema error cannot, as the document is not
/// what Outlook reads.
pub const ADVICE: &[Code] = &[Code::EncodingMismatch, Code::NoNamespace];

/// What a name given to allow or re-level findings (a flag, a key of `[rules]`, a name in an
/// `oscx-allow` comment) stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Allowable {
    /// A conformance rule, by its ID.
    Rule(&'static str),
    /// An advice code (see [`ADVICE`]).
    Advice(Code),
}

impl Allowable {
    /// The code its findings carry: `OSC012`, `xml::encoding-mismatch`.
    pub fn code(self) -> &'static str {
        match self {
            Allowable::Rule(id) => id,
            Allowable::Advice(code) => code.as_str(),
        }
    }
}

/// Why a name cannot be allowed or re-levelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAllowable {
    /// A schema error's code, which no setting can hide.
    SchemaError(&'static str),
    /// Nothing of that name; `suggestion` is the name it differs from only in case.
    Unknown {
        /// The rule or code meant, when the name is one in another case.
        suggestion: Option<&'static str>,
    },
}

impl std::fmt::Display for NotAllowable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAllowable::SchemaError(code) => write!(
                f,
                "`{code}` is a schema error, which cannot be allowed or re-levelled: Outlook \
                 does not read what the schema refuses"
            ),
            NotAllowable::Unknown {
                suggestion: Some(meant),
            } => write!(f, "not a rule or advice code; did you mean `{meant}`?"),
            NotAllowable::Unknown { suggestion: None } => {
                write!(f, "not a rule or advice code; `oscx rules` lists them")
            }
        }
    }
}

impl std::error::Error for NotAllowable {}

/// What `name` stands for, as written: a rule's ID (`OSC012`) or name
/// (`dynamic-contacts-lookup-needs-…`), or an advice code (`xml::encoding-mismatch`). A
/// name in another case is not one (an `oscx-allow` comment must name what it allows
/// exactly), but it is suggested.
///
/// # Errors
/// When `name` is a schema error's code, or nothing that can be allowed.
pub(crate) fn allowable(name: &str) -> Result<Allowable, NotAllowable> {
    let rules = crate::lint::rules::all().iter().map(|r| r.info());
    for info in rules.clone() {
        if info.id == name || info.name == name {
            return Ok(Allowable::Rule(info.id));
        }
    }
    if let Some(&code) = ADVICE.iter().find(|c| c.as_str() == name) {
        return Ok(Allowable::Advice(code));
    }
    let engine = ENGINE.iter().map(|&(code, _, _)| code.as_str());
    if let Some(code) = engine.clone().find(|c| c.eq_ignore_ascii_case(name)) {
        return Err(match Code::parse(code) {
            Some(advice) if ADVICE.contains(&advice) => NotAllowable::Unknown {
                suggestion: Some(code),
            },
            _ => NotAllowable::SchemaError(code),
        });
    }
    let suggestion = rules
        .flat_map(|info| [info.id, info.name])
        .find(|known| known.eq_ignore_ascii_case(name));
    Err(NotAllowable::Unknown { suggestion })
}

/// What `name` stands for in a flag or a key of `oscx.toml`, where case does not matter
/// (`--allow osc012`), as [`allowable`] says otherwise.
///
/// # Errors
/// As [`allowable`].
pub(crate) fn allowable_in_any_case(name: &str) -> Result<Allowable, NotAllowable> {
    match allowable(name) {
        Err(NotAllowable::Unknown {
            suggestion: Some(meant),
        }) => allowable(meant),
        other => other,
    }
}

/// Every code: validation codes first, then the preview's and the run's, then the
/// conformance rules by ID.
pub fn all() -> Vec<CodeInfo> {
    let validation = ENGINE.iter().map(|&(code, severity, summary)| {
        let code = code.as_str();
        CodeInfo {
            code,
            name: code.split_once("::").map_or(code, |(_, name)| name),
            severity,
            summary,
            help: summary,
            docs_url: format!("{DOCS_BASE}{SCHEMA_PAGE}"),
        }
    });
    let rules = crate::lint::rules::all().iter().map(|rule| {
        let info = rule.info();
        CodeInfo {
            code: info.id,
            name: info.name,
            severity: info.severity,
            summary: info.summary,
            help: info.explanation,
            docs_url: format!("{DOCS_BASE}{}", info.source.trim_end_matches(".md")),
        }
    });
    let other = OTHER.iter().map(|&(code, severity, summary, help)| {
        let docs_url = if code.starts_with("oscx::") {
            INFORMATION_URI.to_owned()
        } else {
            format!("{DOCS_BASE}{TEMPLATE_PAGE}")
        };
        CodeInfo {
            code,
            name: code.split_once("::").map_or(code, |(_, name)| name),
            severity,
            summary,
            help,
            docs_url,
        }
    });
    validation.chain(other).chain(rules).collect()
}

/// The entry for `code`, if it is one.
pub fn find(code: &str) -> Option<CodeInfo> {
    all().into_iter().find(|c| c.code == code)
}

/// The entry a user means by `what`: a code (`xsd::too-many`, `OSC010`), a rule's name
/// (`hash-function-required`), or the name of another code (`too-many`) that no rule
/// has; in any case.
pub fn lookup(what: &str) -> Option<CodeInfo> {
    let what = what.trim();
    let codes = all();
    let is_rule = |c: &CodeInfo| crate::lint::rules::find(c.code).is_some();
    let found = codes
        .iter()
        .position(|c| c.code.eq_ignore_ascii_case(what))
        .or_else(|| {
            codes
                .iter()
                .position(|c| is_rule(c) && c.name.eq_ignore_ascii_case(what))
        })
        .or_else(|| codes.iter().position(|c| c.name.eq_ignore_ascii_case(what)))?;
    codes.into_iter().nth(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_allowable_as_written_and_suggested_in_another_case() {
        assert_eq!(allowable("OSC012"), Ok(Allowable::Rule("OSC012")));
        assert_eq!(
            allowable("xsd::no-namespace"),
            Ok(Allowable::Advice(Code::NoNamespace))
        );
        assert_eq!(
            allowable("osc012"),
            Err(NotAllowable::Unknown {
                suggestion: Some("OSC012")
            })
        );
        assert_eq!(
            allowable("xsd::too-many"),
            Err(NotAllowable::SchemaError("xsd::too-many"))
        );
    }

    #[test]
    fn every_code_the_engine_emits_is_listed_once() {
        let codes = all();
        let mut seen = std::collections::HashSet::new();
        for c in &codes {
            assert!(seen.insert(c.code), "{} listed twice", c.code);
            assert!(c.docs_url.starts_with(DOCS_BASE), "{}", c.code);
            assert!(!c.docs_url.ends_with(".md"), "{}", c.code);
        }
        // The source tree is the ground truth for which validation codes exist.
        let root = env!("CARGO_MANIFEST_DIR");
        let mut emitted = std::collections::BTreeSet::new();
        collect_codes(
            std::path::Path::new(&format!("{root}/src/xsd")),
            &mut emitted,
        );
        collect_codes(
            std::path::Path::new(&format!("{root}/src/xml")),
            &mut emitted,
        );
        for code in emitted {
            assert!(
                seen.contains(code.as_str()),
                "{code} is emitted but not catalogued"
            );
        }
        assert!(find("OSC012").is_some());
        assert!(find("xsd::too-many").is_some());
        assert!(find("nope").is_none());
    }

    #[test]
    fn names_and_codes_are_found_in_any_case() {
        assert_eq!(lookup("osc010").map(|c| c.code), Some("OSC010"));
        assert_eq!(
            lookup("Hash-Function-Required").map(|c| c.code),
            Some("OSC010")
        );
        assert_eq!(lookup("too-many").map(|c| c.code), Some("xsd::too-many"));
        assert_eq!(
            lookup("render::no-template").map(|c| c.code),
            Some("render::no-template")
        );
        assert_eq!(
            lookup("oscx::suppression-without-reason").map(|c| c.severity),
            Some(Severity::Warning)
        );
        assert!(lookup("OSC999").is_none());
    }

    #[test]
    fn a_rule_goes_before_another_code_of_the_same_name() {
        assert_eq!(lookup("malformed-token").map(|c| c.code), Some("OSC055"));
    }

    fn collect_codes(dir: &std::path::Path, out: &mut std::collections::BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_codes(&path, out);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            // Every quoted `xsd::…` or `xml::…`, found by its opening quote rather than by
            // counting quotes, which a character literal such as '"' would throw off.
            for (start, _) in text
                .match_indices("\"xsd::")
                .chain(text.match_indices("\"xml::"))
            {
                let rest = &text[start + 1..];
                let Some(end) = rest.find('"') else { continue };
                let piece = &rest[..end];
                let is_code = piece[5..]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
                    && piece.len() > 5;
                if is_code {
                    out.insert(piece.to_owned());
                }
            }
        }
    }
}
