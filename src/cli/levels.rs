//! What a name given a level stands for, in the flags (`--allow`, `--warn`, `--deny`) and in
//! `[rules]` of `oscx.toml`: a rule or an advice code, in any case; a schema error is
//! refused, as no setting may hide one.

use crate::Code;
use crate::catalog::{self, Allowable, NotAllowable};
use crate::lint::Level;

/// The rule or advice code `name` stands for.
///
/// # Errors
/// The message for a usage error: `name` is a schema error's code, or nothing known.
pub fn allowable(name: &str) -> Result<Allowable, String> {
    catalog::allowable_in_any_case(name).map_err(|why| match why {
        why @ NotAllowable::SchemaError(_) => format!(
            "{why}; only rules and advice codes ({}) can be",
            advice_list()
        ),
        NotAllowable::Unknown { .. } => format!(
            "no rule `{name}`; `oscx rules` lists them (advice codes can be given too: {})",
            advice_list()
        ),
    })
}

/// The levels among `levels` that are for advice codes.
pub fn advice<'a>(levels: impl IntoIterator<Item = &'a (String, Level)>) -> Vec<(Code, Level)> {
    levels
        .into_iter()
        .filter_map(|(code, level)| Some((Code::parse(code)?, *level)))
        .filter(|(code, _)| catalog::ADVICE.contains(code))
        .collect()
}

fn advice_list() -> String {
    let codes: Vec<String> = catalog::ADVICE
        .iter()
        .map(|c| format!("`{}`", c.as_str()))
        .collect();
    codes.join(", ")
}
