//! `oscx schema`: print the XSD of a schema generation, as embedded in the tool, or check a
//! schema file (`--check`) for use with `oscx validate --schema`.

use std::path::Path;

use crate::{Error, Target};

use super::input::{display_name, read_input};
use super::{Fatal, Outcome, write_stdout};

/// Prints the embedded XSD of `target` (2013 by default).
pub fn run(target: Option<Target>) -> Result<Outcome, Fatal> {
    let text = crate::xsd::schema_text(target.unwrap_or(Target::Outlook2013));
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Clean)
}

/// Loads the schema at `path` as `oscx validate --schema` would, and says on one line
/// whether it is a correct schema within what the engine supports: exit 0 when it is, 1
/// when it is not a correct schema (with where), 2 when it uses a construct the engine does
/// not support (named, with where).
pub fn check(path: &Path) -> Result<Outcome, Fatal> {
    let bytes = read_input(path)?;
    let name = display_name(path);
    let (line, outcome) = match crate::xsd::load(&bytes) {
        Ok(schema) => {
            let roots: Vec<String> = schema.root_names().map(|r| format!("`{r}`")).collect();
            let roots = if roots.is_empty() {
                "no global element, so no document is valid against it".to_owned()
            } else {
                format!("global elements {}", roots.join(", "))
            };
            (
                format!("{name}: a correct XSD 1.0 schema that oscx supports; {roots}"),
                Outcome::Clean,
            )
        }
        Err(Error::UnsupportedSchema {
            construct,
            message,
            pos,
        }) => (
            format!("{name}:{pos}: not supported: `{construct}`: {message}"),
            Outcome::Unsupported,
        ),
        Err(Error::InvalidValue {
            field,
            message,
            pos,
        }) => (
            format!("{name}:{pos}: invalid schema: `{field}`: {message}"),
            Outcome::Findings,
        ),
        Err(Error::NotWellFormed { message, pos }) => (
            format!("{name}:{pos}: invalid schema: not well-formed XML: {message}"),
            Outcome::Findings,
        ),
        Err(e) => {
            let place = e.pos().map(|pos| format!(":{pos}")).unwrap_or_default();
            (
                format!("{name}{place}: invalid schema: {e}"),
                Outcome::Findings,
            )
        }
    };
    // The schema is untrusted text, and this line may land in a CI log.
    let line = format!("{}\n", crate::inert(&line));
    write_stdout(line.as_bytes())?;
    Ok(outcome)
}
