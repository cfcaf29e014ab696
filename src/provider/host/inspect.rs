//! Checking an XML answer the way `oscx validate` checks a file: XSD validation for the
//! answer's generation, then the rules, told which method answered and with which request
//! or start time.

use super::codes;
use super::step::{CheckedAnswer, Record};
use crate::check::Checker;
use crate::lint::{LintOptions, Method};
use crate::model::{Document, HashedAddresses};
use crate::provider::Answer;
use crate::xs::XsDateTime;
use crate::xsd::Validator;

/// The rules' context for an answer of `method`.
pub(super) fn lint_for(method: Method) -> LintOptions {
    LintOptions {
        method: Some(method),
        ..LintOptions::default()
    }
}

/// The rules' context for a `GetPeopleDetails` answer to `request`.
pub(super) fn lint_people_details(request: &HashedAddresses) -> LintOptions {
    LintOptions {
        request: Some(request.clone()),
        ..lint_for(Method::GetPeopleDetails)
    }
}

/// The rules' context for a `GetActivitiesEx` answer to a call with `start_time`.
pub(super) fn lint_activities(start_time: &XsDateTime) -> LintOptions {
    LintOptions {
        start_time: Some(start_time.clone()),
        ..lint_for(Method::GetActivitiesEx)
    }
}

impl Record {
    /// Writes `answer` as the OSC would receive it, validates it and runs the rules;
    /// every finding joins the step. Gives the document when the text reads into the model
    /// (whatever the findings), for the calls that depend on it.
    pub(super) fn check_answer<T: Clone + Into<Document>>(
        &mut self,
        answer: &Answer<T>,
        lint: LintOptions,
    ) -> Option<Document> {
        let xml = match answer.to_xml() {
            Ok(xml) => xml,
            Err(e) => {
                self.error(
                    codes::UNWRITABLE_ANSWER,
                    format!("the typed answer cannot be written as XML: {e}"),
                );
                return None;
            }
        };
        let checked = Checker::new(Validator::auto(), Some(lint)).check_bytes("", xml.as_bytes());
        self.extend(checked.report.diagnostics);
        let document = crate::xml::read_str(&xml).ok();
        self.set_answer(CheckedAnswer {
            xml,
            root: checked.report.root,
            target: checked.report.target,
        });
        document
    }
}
