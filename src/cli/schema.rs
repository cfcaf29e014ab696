//! `oscx schema`: print the XSD of a schema generation, as embedded in the tool.

use crate::Target;

use super::{Fatal, Outcome, write_stdout};

pub fn run(target: Option<Target>) -> Result<Outcome, Fatal> {
    let text = crate::xsd::schema_text(target.unwrap_or(Target::Outlook2013));
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Clean)
}
