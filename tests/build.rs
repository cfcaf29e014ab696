//! Building a person from plain strings: one check of every value, at `build()`, and one
//! error naming each field refused, with lengths as the compiled schema bounds them.

use osc_schema::Validator;
use osc_schema::model::{Document, Friends, Person, PersonBuilder};
use osc_schema::version::Target;
use osc_schema::xs::BoundedString;

/// Every setter of a `stringType` field, with the value given to it.
fn every_bounded_field(builder: PersonBuilder, value: &str) -> PersonBuilder {
    builder
        .first_name(value)
        .last_name(value)
        .full_name(value)
        .nickname(value)
        .file_as(value)
        .company(value)
        .title(value)
        .phone(value)
        .cell(value)
        .home_phone(value)
        .work_phone(value)
        .address(value)
        .city(value)
        .state(value)
        .country_or_region(value)
        .zip(value)
        .relationship(value)
        .business_address(value)
        .business_city(value)
        .business_state(value)
        .business_country_or_region(value)
        .business_zip(value)
        .other_address(value)
        .other_city(value)
        .other_state(value)
        .other_country_or_region(value)
        .other_zip(value)
        .website(value)
        .askmeabout(value)
        .industries(value)
        .skills(value)
        .interests(value)
        .schools(value)
        .location(value)
}

const BOUNDED_FIELDS: usize = 34;

fn errors_of(xml: &str) -> Vec<String> {
    Validator::new(Target::Outlook2013)
        .validate_str(xml)
        .errors()
        .map(|d| d.message.clone())
        .collect()
}

fn written(person: Person) -> String {
    osc_schema::xml::to_string(&Document::from(Friends::new([person]))).expect("writes")
}

#[test]
fn the_error_names_every_field_that_is_too_long() {
    let too_long = "é".repeat(BoundedString::MAX_CHARS + 1);
    let error = every_bounded_field(Person::builder("u1"), &too_long)
        .email_address("ana@example.com")
        .build()
        .expect_err("every bounded field is too long");
    let problems = error.problems();
    assert_eq!(problems.len(), BOUNDED_FIELDS, "{error}");
    let shown = error.to_string();
    // Each field once, each named in the message by the element it is written as, and the
    // element is that of the person read back with the same values cut to length.
    let short = every_bounded_field(Person::builder("u1"), "v")
        .build()
        .expect("short values build");
    let xml = written(short);
    for problem in problems {
        let element = problem.element();
        assert!(
            xml.contains(&format!("<{element}>v</{element}>")),
            "`{element}` ({}) is not what the writer writes",
            problem.field()
        );
        assert!(
            shown.contains(&format!("`{element}`: ")),
            "{element} in {shown}"
        );
        assert!(problem.message().contains("1025 characters"), "{problem}");
        assert!(problem.message().len() < 200, "the value is cut: {problem}");
    }
    let mut fields: Vec<&str> = problems.iter().map(|p| p.field()).collect();
    fields.sort_unstable();
    fields.dedup();
    assert_eq!(fields.len(), BOUNDED_FIELDS);
}

#[test]
fn only_the_fields_too_long_are_named() {
    let error = Person::builder("u1")
        .first_name("Ana")
        .last_name("x".repeat(2000))
        .city("Lisboa")
        .skills("y".repeat(1025))
        .build()
        .expect_err("two fields are too long");
    let elements: Vec<String> = error.problems().iter().map(|p| p.element()).collect();
    assert_eq!(elements, ["lastName", "skills"]);
    assert!(
        error
            .to_string()
            .starts_with("person `u1` has 2 invalid fields: ")
    );
}

#[test]
fn the_limit_is_the_schemas() {
    let longest = "é".repeat(BoundedString::MAX_CHARS);
    let person = Person::builder("u1")
        .first_name(&longest)
        .build()
        .expect("the longest value builds");
    assert_eq!(errors_of(&written(person)), Vec::<String>::new());

    let one_more = format!("{longest}e");
    assert!(Person::builder("u1").first_name(&one_more).build().is_err());
    let mut person = Person::new("u1");
    person.first_name = None;
    let xml = written(person).replace(
        "<userID>u1</userID>",
        &format!("<userID>u1</userID><firstName>{one_more}</firstName>"),
    );
    assert_eq!(errors_of(&xml).len(), 1, "the schema refuses it too");
}

#[test]
fn addresses_urls_and_dates_are_checked_with_the_lengths() {
    let error = Person::builder("u1")
        .email_address("Ana <ana@example.com>")
        .email_address2("ana@example.com")
        .web_profile_page("/people/ana")
        .picture_url("https://example.com/ana.png")
        .birthday("1990-02-30")
        .creation_time("yesterday")
        .nickname("n".repeat(1025))
        .build()
        .expect_err("four values are wrong");
    let elements: Vec<String> = error.problems().iter().map(|p| p.element()).collect();
    assert_eq!(
        elements,
        [
            "emailAddress",
            "webProfilePage",
            "birthday",
            "creationTime",
            "nickname"
        ]
    );
    let messages: Vec<&str> = error.problems().iter().map(|p| p.message()).collect();
    assert!(messages[0].contains("`Ana <ana@example.com>` contains whitespace before the `@`"));
    assert!(messages[1].contains("is not an absolute URL"));
    assert!(messages[2].contains("xs:date"));
    assert!(messages[3].contains("xs:dateTime"));
}

#[test]
fn a_value_set_again_replaces_the_first() {
    let person = Person::builder("u1")
        .first_name("x".repeat(1025))
        .first_name("Ana")
        .build()
        .expect("the second value is short");
    assert_eq!(
        person.first_name.map(BoundedString::into_string).as_deref(),
        Some("Ana")
    );
}

#[test]
fn a_built_person_is_written_and_read_back_unchanged() {
    let person = Person::builder("u1")
        .first_name("Ana")
        .last_name("Lima")
        .email_address("ana@example.com")
        .web_profile_page("https://example.com/ana")
        .picture_url("https://example.com/ana.png")
        .birthday("1990-02-28")
        .last_modification_time("2024-01-31T09:30:00Z")
        .gender(osc_schema::model::Gender::Female)
        .index(0)
        .friend_status(osc_schema::model::FriendStatus::Friend)
        .location("Lisboa")
        .build()
        .expect("every value is valid");
    assert_eq!(
        person.birthday.as_ref().map(|d| d.as_str()),
        Some("1990-02-28")
    );
    let doc = Document::from(Friends::new([person]));
    let xml = osc_schema::xml::to_string(&doc).expect("writes");
    assert_eq!(osc_schema::xml::read_str(&xml).expect("reads"), doc);
    assert_eq!(errors_of(&xml), Vec::<String>::new());
}

#[path = "../examples/build_write_check.rs"]
mod build_write_check;

#[test]
fn the_example_builds_writes_and_checks_a_clean_list() {
    build_write_check::main().expect("the example runs");
}

fn findings_of(document: impl Into<Document>, target: Target) -> Vec<String> {
    use osc_schema::check::Checker;
    let xml = osc_schema::xml::to_string(&document.into()).expect("writes");
    let report = Checker::default().with_target(Some(target)).check(&xml);
    report
        .diagnostics()
        .iter()
        .map(|d| format!("{:?} {}", d.code, d.message))
        .collect()
}

#[test]
fn the_common_capabilities_are_clean_for_the_connectors_that_read_them() {
    use osc_schema::model::{Capabilities, HashFunction};
    for target in [Target::Outlook2010, Target::Outlook2013] {
        for capabilities in [
            Capabilities::cached_friends(),
            Capabilities::cached_friends_with_activities(HashFunction::Sha1),
        ] {
            assert_eq!(
                findings_of(capabilities.clone(), target),
                Vec::<String>::new(),
                "{capabilities:?} for {target:?}"
            );
        }
    }
}

#[test]
fn a_feed_is_built_from_its_activities_and_templates() {
    use osc_schema::model::{
        ActivityDetails, ActivityFeed, ActivityTemplate, ActivityTemplateContainer,
        TemplateVariable, TemplateVariableType,
    };
    use osc_schema::xs::XsDateTime;
    let mut post = ActivityDetails::new(
        "42",
        "post-42-1",
        1,
        1,
        XsDateTime::parse("2024-03-09T08:15:00Z").expect("a dateTime"),
    );
    let mut publisher = TemplateVariable::new(TemplateVariableType::Publisher, "Publisher");
    publisher.id = Some("42".into());
    publisher.name_hint = Some("Ines Okafor".into());
    publisher.email_address = Some("ines@fabrikam.example".into());
    let mut link = TemplateVariable::new(TemplateVariableType::Link, "Post");
    link.text = Some("New icons".into());
    link.value = Some("https://fabrikam.example/posts/1".into());
    post.template_variables = vec![publisher, link];
    let template = ActivityTemplate::new(
        "{publisher:Publisher} wrote {link:Post}",
        "https://fabrikam.example/icon.png",
    );
    let feed = ActivityFeed::new(
        "Fabrikam",
        [post],
        [ActivityTemplateContainer::new(1, 1, template)],
    );
    // What every feed is told: the connector shows the provider's icon, not the template's.
    let findings = findings_of(feed, Target::Outlook2013);
    assert!(
        findings.iter().all(|f| f.starts_with("Rule(\"OSC066\")")),
        "{findings:?}"
    );
}
