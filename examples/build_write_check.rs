//! Builds a two-person friends list from plain strings, writes it as XML and checks it as
//! `oscx validate` does (schema and rules), then prints the XML.
//!
//! ```text
//! cargo run --example build_write_check
//! ```
//!
//! Each person is built with `Person::builder`: the setters take plain strings and cannot
//! fail; `build()` checks every value once and, if any is refused, names each such field in
//! one error.

use std::error::Error;

use osc_schema::model::{Document, FriendStatus, Friends, Gender, Person};

pub fn main() -> Result<(), Box<dyn Error>> {
    let ana = Person::builder("ana.lima")
        .first_name("Ana")
        .last_name("Lima")
        .full_name("Ana Lima")
        .email_address("ana.lima@example.com")
        .web_profile_page("https://social.example.com/ana.lima")
        .city("Lisboa")
        .gender(Gender::Female)
        .friend_status(FriendStatus::Friend)
        .build()?;
    let ben = Person::builder("ben.okafor")
        .full_name("Ben Okafor")
        .company("Fabrikam")
        .title("Engineer")
        .email_address("ben@fabrikam.example")
        .last_modification_time("2024-01-31T09:30:00Z")
        .friend_status(FriendStatus::PendingOut)
        .build()?;

    let xml = osc_schema::xml::to_string(&Document::from(Friends::new([ana, ben])))?;

    // The same check as `oscx validate`: the schema, the rules, the suppressions.
    let report = osc_schema::check(&xml);
    for finding in report.diagnostics() {
        eprintln!("{finding}");
    }
    assert!(
        report.diagnostics().is_empty(),
        "the built list has findings"
    );

    print!("{xml}");
    Ok(())
}
