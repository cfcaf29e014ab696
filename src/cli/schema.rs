//! `oscx schema`: print the XSD of a schema generation, as embedded in the tool.

use osc_schema::Target;

use super::{Fatal, Outcome, write_stdout};

pub fn run(target: Option<Target>) -> Result<Outcome, Fatal> {
    let text = osc_schema::xsd::schema_text(target.unwrap_or(Target::Outlook2013));
    write_stdout(text.as_bytes())?;
    Ok(Outcome::Clean)
}
