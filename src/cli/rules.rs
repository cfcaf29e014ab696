//! `oscx rules` and `oscx explain`.

use crate::catalog::{self, CodeInfo};
use crate::lint::rules::{all, find};
use clap::ValueEnum;

use super::{Fatal, Outcome, write_stdout};

/// `oscx rules --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule: ID, severity, generations, name, summary.
    Text,
    /// One JSON array with an object per rule.
    Json,
}

/// Lines of `oscx explain` are cut to the terminal's width, as the shell reports it in
/// `COLUMNS`, or to this many characters.
const DEFAULT_WIDTH: usize = 80;
/// Narrower than this, lines are not cut any further.
const NARROWEST: usize = 40;

pub fn list(format: RulesFormat) -> Result<Outcome, Fatal> {
    let out = match format {
        RulesFormat::Text => text_list(),
        RulesFormat::Json => json_list(),
    };
    write_stdout(out.as_bytes())?;
    Ok(Outcome::Clean)
}

fn text_list() -> String {
    let mut out = String::new();
    for rule in all() {
        let info = rule.info();
        let targets: Vec<&str> = info.targets.iter().map(|t| t.label()).collect();
        out.push_str(&format!(
            "{:<7} {:<8} {:<14} {:<40} {}\n",
            info.id,
            info.severity.to_string(),
            targets.join(","),
            info.name,
            info.summary
        ));
    }
    out.push_str(&format!("{} rules\n", all().len()));
    out
}

/// Every rule as JSON: what `oscx explain` says of it, as fields.
fn json_list() -> String {
    let rules: Vec<serde_json::Value> = all()
        .iter()
        .map(|rule| {
            let info = rule.info();
            let targets: Vec<&str> = info.targets.iter().map(|t| t.label()).collect();
            let docs_url = catalog::find(info.id).map(|c| c.docs_url);
            serde_json::json!({
                "id": info.id,
                "name": info.name,
                "severity": info.severity,
                "generations": targets,
                "summary": info.summary,
                "explanation": info.explanation,
                "docs": docs_url,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&rules).unwrap_or_default();
    text.push('\n');
    text
}

pub fn explain(what: &str) -> Result<Outcome, Fatal> {
    let info = catalog::lookup(what).ok_or_else(|| {
        Fatal(format!(
            "no code or rule `{what}`; `oscx rules` lists the rules, the README every code"
        ))
    })?;
    let width = terminal_width();
    let text = match find(info.code) {
        Some(rule) => explain_rule(rule.info(), &info, width),
        None => explain_code(&info, width),
    };
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Clean)
}

fn explain_rule(rule: &crate::lint::RuleInfo, info: &CodeInfo, width: usize) -> String {
    let targets: Vec<&str> = rule.targets.iter().map(|t| t.label()).collect();
    let heading = format!(
        "{} {} ({}; generations {})",
        rule.id,
        rule.name,
        rule.severity,
        targets.join(", ")
    );
    format!(
        "{}\n\n{}\n\n{}\n\nSource: {}\n\nBreaks the rule:\n\n{}\n\nFixed:\n\n{}\n",
        wrap(&heading, width),
        wrap(rule.summary, width),
        wrap(rule.explanation, width),
        info.docs_url,
        indent(rule.bad),
        indent(rule.good),
    )
}

fn explain_code(info: &CodeInfo, width: usize) -> String {
    let heading = format!("{} ({})", info.code, info.severity);
    let mut text = format!(
        "{}\n\n{}\n",
        wrap(&heading, width),
        wrap(info.summary, width)
    );
    if info.help != info.summary {
        text.push_str(&format!("\n{}\n", wrap(info.help, width)));
    }
    text.push_str(&format!("\nSee: {}\n", info.docs_url));
    text
}

/// The width to wrap to: `COLUMNS` when the shell sets it to a usable number.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .unwrap_or(DEFAULT_WIDTH)
        .max(NARROWEST)
}

/// `text` as one paragraph of lines at most `width` characters long, broken between
/// words (a word longer than a line stands on a line of its own).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_chars = 0;
    for word in text.split_whitespace() {
        let chars = word.chars().count();
        if line_chars > 0 && line_chars + 1 + chars > width {
            out.push('\n');
            line_chars = 0;
        } else if line_chars > 0 {
            out.push(' ');
            line_chars += 1;
        }
        out.push_str(word);
        line_chars += chars;
    }
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
        .trim_end()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_between_words_within_the_width() {
        let text = "one two three four five six seven eight nine ten";
        let wrapped = wrap(text, 14);
        assert_eq!(
            wrapped,
            "one two three\nfour five six\nseven eight\nnine ten"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 14));
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
    }
}
