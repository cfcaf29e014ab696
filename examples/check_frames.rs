//! Checks a broken payload with the one call `oscx validate` makes, and prints what it found
//! the way the command line prints it: code frames, then the same report as JSON.
//!
//! ```text
//! cargo run --example check_frames
//! ```

const PAYLOAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
  <userID>4667647</userID>
  <fullName>Ana Lima</fullName>
  <emailAddress>ana.lima@contoso.example</emailAddress>
  <gender>robot</gender>
</person>
"#;

fn main() {
    let report = osc_schema::check(PAYLOAD);
    // The frames quote the payload: they are made of the checked text.
    print!("{}", report.render(PAYLOAD));
    println!(
        "{} error(s), {} warning(s)",
        report.count(osc_schema::Severity::Error),
        report.count(osc_schema::Severity::Warning)
    );
    println!("{}", report.to_json());
    if !report.is_valid() {
        std::process::exit(1);
    }
}
