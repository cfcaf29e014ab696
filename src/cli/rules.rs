//! `oscx rules` and `oscx explain`.

use osc_schema::lint::rules::{all, find};

use super::{Fatal, Outcome, write_stdout};

pub fn list() -> Result<Outcome, Fatal> {
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
    write_stdout(out.as_bytes())?;
    Ok(Outcome::Clean)
}

pub fn explain(id: &str) -> Result<Outcome, Fatal> {
    let rule = find(id).ok_or_else(|| Fatal(format!("no rule `{id}`; `oscx rules` lists them")))?;
    let info = rule.info();
    let targets: Vec<&str> = info.targets.iter().map(|t| t.label()).collect();
    let text = format!(
        "{} {} ({}; generations {})\n\n{}\n\n{}\n\nSource: {}\n\nBreaks the rule:\n\n{}\n\nFixed:\n\n{}\n",
        info.id,
        info.name,
        info.severity,
        targets.join(", "),
        info.summary,
        info.explanation,
        info.source,
        indent(info.bad),
        indent(info.good),
    );
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Clean)
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
        .trim_end()
        .to_owned()
}
