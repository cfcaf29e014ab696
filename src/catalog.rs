//! Every code a check can report, with what it means and where it is documented: the XML
//! and XSD codes of validation, and the conformance rules. Machine-readable reports (SARIF)
//! list these as their rules.

use crate::diagnostic::{ENGINE, Severity};

/// Where the OSC documentation pages are published; a rule's source page is this plus the
/// page's file name without `.md`.
pub const DOCS_BASE: &str =
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

/// Every code: validation codes first, then the conformance rules by ID.
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
    validation.chain(rules).collect()
}

/// The entry for `code`, if it is one.
pub fn find(code: &str) -> Option<CodeInfo> {
    all().into_iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

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
