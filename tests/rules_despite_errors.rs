//! The conformance rules still run on a document the schema refuses: one schema error must
//! not switch them off for the whole file. Every rule's bad example gives the same findings
//! of that rule when an unrelated schema error is put elsewhere in it; and where what a rule
//! reads could not be read, the rule is skipped there, with no finding, and says so.

mod support;

use std::path::Path;
use std::str::FromStr;

use osc_schema::Validator;
use osc_schema::check::Checker;
use osc_schema::lint::{LintOptions, Linter, Method, Rule, Skipped, lint_friends_stream, rules};
use osc_schema::model::Root;
use osc_schema::version::Target;
use osc_schema::xml::read::read_str_tolerant;
use osc_schema::xs::XsDateTime;
use osc_schema::{Limits, xml};
use support::fixtures::{args_of, root};

const NS: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

/// The schema errors put into each bad example, each where the rule does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Injection {
    /// A value its type refuses: `True` for a boolean, or a date or number.
    BadValue,
    /// An element no parent has, close to no declared name, as the root's last child.
    UnknownElement,
    /// An enumeration value in the wrong case.
    WrongCaseEnumeration,
}

const INJECTIONS: [Injection; 3] = [
    Injection::BadValue,
    Injection::UnknownElement,
    Injection::WrongCaseEnumeration,
];

/// The pairs for which the document kind has no element of that kind the rule does not
/// read: `capabilities` has one enumeration, `hashFunction`; `hashedAddresses` has only
/// `personAddresses` (with its `index`) and string-typed `hashedAddress`.
const NOTHING_TO_INJECT: &[(&str, Injection)] = &[
    ("OSC010", Injection::WrongCaseEnumeration),
    ("OSC022", Injection::WrongCaseEnumeration),
    ("OSC043", Injection::BadValue),
    ("OSC043", Injection::WrongCaseEnumeration),
];

/// Every `xs:boolean` of `capabilities`.
const BOOLEANS: &[&str] = &[
    "displayUrl",
    "doNotFollowPerson",
    "hideRememberMyPassword",
    "getFriends",
    "cacheFriends",
    "followPerson",
    "getActivities",
    "cacheActivities",
    "useLogonWebAuth",
];

/// The validator and lint options `oscx validate` would use with the fixture's `.args`.
fn setup(xml_path: &Path) -> (Validator, LintOptions) {
    let args = args_of(xml_path);
    let mut options = LintOptions::default();
    let mut pairs = args.chunks(2);
    for pair in pairs.by_ref() {
        let [flag, value] = pair else {
            panic!("{}: flag without value in {args:?}", xml_path.display());
        };
        match flag.as_str() {
            "--method" => options.method = Some(Method::from_str(value).expect("a method")),
            "--target" => options.target = Some(Target::from_str(value).expect("a target")),
            "--start-time" => {
                options.start_time = Some(XsDateTime::parse(value).expect("a start time"));
            }
            "--request" => {
                let bytes = std::fs::read(root().join(value)).expect("the request reads");
                let parsed = xml::read_bytes(&bytes).expect("the request parses");
                let Root::HashedAddresses(request) = parsed.document.root else {
                    panic!("{value} is not a request");
                };
                options.request = Some(request);
            }
            other => panic!("{}: flag {other} not known here", xml_path.display()),
        }
    }
    let validator = options.target.map_or_else(Validator::auto, Validator::new);
    (validator, options)
}

/// A finding as compared: code, element path, message.
type Seen = (String, String, String);

/// Checks `text` as `oscx validate` does, and gives whether it is schema-valid and the
/// findings of rule `id`.
fn check(id: &str, validator: &Validator, options: &LintOptions, text: &str) -> (bool, Vec<Seen>) {
    let checker = Checker::new(validator.clone(), Some(options.clone()));
    let checked = checker.check_bytes("example.xml", text.as_bytes());
    let xsd_valid = !checked
        .report
        .diagnostics()
        .iter()
        .any(|d| d.code.as_str().starts_with("xsd::"));
    let found = checked
        .report
        .diagnostics()
        .iter()
        .filter(|d| d.code == id)
        .map(|d| {
            (
                d.code.to_string(),
                d.location.path.clone(),
                d.message.clone(),
            )
        })
        .collect();
    (xsd_valid, found)
}

/// `xml` with the text of its first `<name>` element set to `value`.
fn set_first(xml: &str, name: &str, value: &str) -> Option<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    Some(format!("{}{value}{}", &xml[..start], &xml[end..]))
}

/// `xml` with `insert` right after the first occurrence of `after`.
fn insert_after(xml: &str, after: &str, insert: &str) -> Option<String> {
    let at = xml.find(after)? + after.len();
    Some(format!("{}{insert}{}", &xml[..at], &xml[at..]))
}

/// `xml` with `insert` as the last child of the root.
fn append_to_root(xml: &str, insert: &str) -> Option<String> {
    let at = xml.rfind("</")?;
    Some(format!("{}{insert}\n{}", &xml[..at], &xml[at..]))
}

/// Whether `rule` reads the element `name` (in `parent`).
fn reads(rule: &dyn Rule, parent: &str, name: &str) -> bool {
    rule.info()
        .reads
        .iter()
        .any(|r| *r == name || *r == format!("{parent}/{name}"))
}

/// `xml` with a schema error of kind `injection` in an element `rule` does not read; `None`
/// when the document kind has no such element.
fn inject(rule: &dyn Rule, xml: &str, injection: Injection) -> Option<String> {
    // The root's name as written: the first start tag's (a `bad` example the schema rejects
    // may not read into the model).
    let root = xml
        .split('<')
        .skip(1)
        .find(|tag| tag.starts_with(|c: char| c.is_ascii_alphabetic()))?
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()?;
    if injection == Injection::UnknownElement {
        return append_to_root(xml, "<injectedExtra>1</injectedExtra>");
    }
    match (root, injection) {
        ("capabilities", Injection::BadValue) => {
            let name = BOOLEANS
                .iter()
                .find(|b| !reads(rule, "capabilities", b) && xml.contains(&format!("<{b}>")))?;
            set_first(xml, name, "True")
        }
        ("capabilities", _) if reads(rule, "capabilities", "hashFunction") => None,
        ("capabilities", _) => set_first(xml, "hashFunction", "sha1")
            .or_else(|| append_to_root(xml, "<hashFunction>sha1</hashFunction>")),
        // Inside the first person: the rule still runs on it, since it does not read these.
        ("friends" | "person", Injection::BadValue) if !reads(rule, "person", "birthday") => {
            insert_after(xml, "</userID>", "<birthday>True</birthday>")
        }
        ("friends" | "person", _) if !reads(rule, "person", "gender") => {
            insert_after(xml, "</userID>", "<gender>Male</gender>")
        }
        ("activityFeed", Injection::BadValue) => {
            if !reads(rule, "activityDetails", "publishDate") && xml.contains("<publishDate>") {
                set_first(xml, "publishDate", "True")
            } else if !reads(rule, "activityDetails", "applicationID")
                && xml.contains("<applicationID>")
            {
                set_first(xml, "applicationID", "True")
            } else {
                extra_template(rule, xml, "<applicationID>True</applicationID>", "")
            }
        }
        ("activityFeed", _) => {
            if xml.contains("</objectID>") && !reads(rule, "activityDetails", "type") {
                insert_after(xml, "</objectID>", "<type>photo</type>")
            } else {
                extra_template(
                    rule,
                    xml,
                    "<applicationID>9</applicationID>",
                    "<type>photo</type>",
                )
            }
        }
        _ => None,
    }
}

/// `xml` with one more template, for a feed without activities to put an error in.
fn extra_template(rule: &dyn Rule, xml: &str, application: &str, kind: &str) -> Option<String> {
    let touched = ["templates", "activityTemplateContainer", "applicationID"];
    if touched.iter().any(|t| reads(rule, "templates", t)) {
        return None;
    }
    let container = format!(
        "<activityTemplateContainer>{application}<templateID>9</templateID><activityTemplate>\
         {kind}<title>t</title><icon>https://fabrikam.example/i.png</icon></activityTemplate>\
         </activityTemplateContainer>"
    );
    insert_after(xml, "<templates>", &container)
}

#[test]
fn every_rule_keeps_its_findings_beside_an_unrelated_schema_error() {
    let mut wrong = Vec::new();
    let mut nothing_to_inject = Vec::new();
    let mut compared = 0;
    for rule in rules::all() {
        let id = rule.info().id;
        let path = root().join(format!("fixtures/invalid/{id}/example.xml"));
        let clean = std::fs::read_to_string(&path).expect("the bad example reads");
        let (validator, options) = setup(&path);
        let (_, expected) = check(id, &validator, &options, &clean);
        if expected.is_empty() {
            wrong.push(format!("{id}: the bad example gives no finding"));
            continue;
        }
        for injection in INJECTIONS {
            let Some(broken) = inject(*rule, &clean, injection) else {
                nothing_to_inject.push((id, injection));
                continue;
            };
            let (xsd_valid, found) = check(id, &validator, &options, &broken);
            if xsd_valid {
                wrong.push(format!("{id} {injection:?}: the schema accepts\n{broken}"));
            }
            if found != expected {
                wrong.push(format!(
                    "{id} {injection:?}: expected {expected:#?}\nfound {found:#?}\nin\n{broken}"
                ));
            }
            compared += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    assert_eq!(nothing_to_inject, NOTHING_TO_INJECT);
    assert_eq!(compared, 3 * rules::all().len() - NOTHING_TO_INJECT.len());
}

/// The findings of rule `id` in `text`, checked with `options`.
fn findings_of(id: &str, text: &str, options: &LintOptions) -> Vec<Seen> {
    check(id, &Validator::auto(), options, text).1
}

/// What the linter skipped in `text` read tolerantly, one line each.
fn skipped_in(text: &str, options: &LintOptions) -> Vec<String> {
    let read = read_str_tolerant(text, Limits::default()).expect("well-formed");
    let doc = read.document;
    let cx_options = options.clone();
    let mut linter = Linter::new(
        &osc_schema::lint::Context {
            target: cx_options.target.unwrap_or(doc.namespace.default_target()),
            namespace: doc.namespace,
            root: doc.root.kind(),
            method: cx_options.method,
            request: cx_options.request.clone(),
            start_time: cx_options.start_time.clone(),
            now: 0,
        },
        &cx_options.config,
    );
    linter.document_partly(&doc, &read.unreadable);
    linter.skipped.iter().map(Skipped::to_string).collect()
}

#[test]
fn a_wrong_case_boolean_does_not_hide_a_missing_hash_function() {
    let xml = format!(
        "<capabilities xmlns=\"{NS}\">\n  <getFriends>True</getFriends>\n  \
         <cacheFriends>false</cacheFriends>\n  <followPerson>false</followPerson>\n  \
         <doNotFollowPerson>false</doNotFollowPerson>\n  <getActivities>false</getActivities>\n  \
         <cacheActivities>false</cacheActivities>\n  <displayUrl>false</displayUrl>\n  \
         <useLogonWebAuth>false</useLogonWebAuth>\n  \
         <dynamicContactsLookup>true</dynamicContactsLookup>\n</capabilities>\n"
    );
    let options = LintOptions::default();
    let found = findings_of("OSC010", &xml, &options);
    assert_eq!(
        found,
        [(
            "OSC010".to_owned(),
            "/capabilities/dynamicContactsLookup".to_owned(),
            "`dynamicContactsLookup` is true but `hashFunction` is missing".to_owned()
        )]
    );
    // OSC012 reads `getFriends`, which could not be read: no guess that it is false.
    assert_eq!(findings_of("OSC012", &xml, &options), []);
    let skipped = skipped_in(&xml, &options);
    assert!(
        skipped.contains(
            &"rule OSC012 skipped for /capabilities: /capabilities/getFriends could not be read \
              (`True` is not a valid `xs:boolean`: expected `true`, `false`, `1` or `0`)"
                .to_owned()
        ),
        "{skipped:#?}"
    );
    assert!(
        !skipped.iter().any(|s| s.contains("OSC010")),
        "{skipped:#?}"
    );
}

/// A `friends` list of the given persons' inner XML.
fn friends(persons: &[&str]) -> String {
    let mut xml = format!("<friends xmlns=\"{NS}\">\n");
    for p in persons {
        xml.push_str(&format!("  <person>{p}</person>\n"));
    }
    xml.push_str("</friends>\n");
    xml
}

#[test]
fn a_wrong_case_friend_status_does_not_hide_the_rules_on_persons() -> Result<(), osc_schema::Error>
{
    let xml = friends(&[
        "<userID>fab-1</userID><emailAddress>ines at fabrikam</emailAddress>\
         <creationTime>2024-03-09T08:00:00Z</creationTime>\
         <expirationTime>2024-03-01T08:00:00Z</expirationTime><friendStatus>Friend</friendStatus>",
        "<userID>fab-1</userID>",
    ]);
    let options = LintOptions::default();
    let paths = |id: &str| -> Vec<String> {
        findings_of(id, &xml, &options)
            .into_iter()
            .map(|(_, path, _)| path)
            .collect()
    };
    assert_eq!(paths("OSC031"), ["/friends/person[2]/userID"]);
    assert_eq!(paths("OSC037"), ["/friends/person[1]/emailAddress"]);
    assert_eq!(paths("OSC038"), ["/friends/person[1]/expirationTime"]);
    // The same through a stream, person by person.
    let open = || Ok(std::io::Cursor::new(xml.clone().into_bytes()));
    let streamed = lint_friends_stream(open()?, open, &options)?;
    let codes: Vec<&str> = streamed.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["OSC037", "OSC038", "OSC031"]);
    Ok(())
}

#[test]
fn a_person_without_user_id_does_not_hide_duplicates_between_two_others() {
    let xml = friends(&[
        "<userID>fab-1</userID>",
        "<fullName>Nobody</fullName>",
        "<userID>fab-1</userID>",
    ]);
    let options = LintOptions::default();
    let found = findings_of("OSC031", &xml, &options);
    let paths: Vec<&str> = found.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(paths, ["/friends/person[3]/userID"]);
    let skipped = skipped_in(&xml, &options);
    assert!(
        skipped.contains(
            &"rule OSC031 skipped for /friends/person[2]: /friends/person[2]/userID could not be \
              read (required element `userID` is missing in `person`)"
                .to_owned()
        ),
        "{skipped:#?}"
    );
    // Two persons without `userID` are not duplicates of each other either.
    let two_missing = friends(&["<fullName>A</fullName>", "<fullName>B</fullName>"]);
    assert_eq!(findings_of("OSC031", &two_missing, &options), []);
}

#[test]
fn a_misspelt_element_is_not_taken_for_a_missing_one() {
    let xml = format!(
        "<person xmlns=\"{NS}\">\n  <userID>fab-1</userID>\n  <fullName>Ines Okafor</fullName>\n  \
         <emailAdress>ines@fabrikam.example</emailAdress>\n</person>\n"
    );
    let options = LintOptions {
        method: Some(Method::GetDetails),
        ..LintOptions::default()
    };
    // OSC036 would say the answer has no `emailAddress`; it has one, misspelt.
    assert_eq!(findings_of("OSC036", &xml, &options), []);
    let skipped = skipped_in(&xml, &options);
    assert!(
        skipped.iter().any(|s| s
            == "rule OSC036 skipped for /person: /person/emailAdress could not be read (unknown \
                element `emailAdress` in `person`, likely a misspelling of `emailAddress`)"),
        "{skipped:#?}"
    );
    // Without the misspelling, OSC036 fires: the skip is what kept it quiet.
    let missing = xml.replace("  <emailAdress>ines@fabrikam.example</emailAdress>\n", "");
    assert_eq!(findings_of("OSC036", &missing, &options).len(), 1);
    // An unknown element close to no declared name changes nothing.
    let unrelated = xml.replace("emailAdress", "favouriteColour");
    assert_eq!(findings_of("OSC036", &unrelated, &options).len(), 1);
    assert!(
        !skipped_in(&unrelated, &options)
            .iter()
            .any(|s| s.contains("OSC036"))
    );
}

#[test]
fn elements_out_of_order_change_nothing() {
    // The model reader takes elements in any order; only the schema minds.
    let xml = friends(&[
        "<fullName>A</fullName><userID>fab-1</userID>",
        "<fullName>B</fullName><userID>fab-1</userID>",
    ]);
    let options = LintOptions::default();
    assert_eq!(findings_of("OSC031", &xml, &options).len(), 1);
    assert_eq!(skipped_in(&xml, &options), Vec::<String>::new());
}
