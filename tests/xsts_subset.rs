//! A subset of the W3C XML Schema Test Suite (`tests/data/xsts/`, see its README) run
//! through the same classification as the full-suite harness (`examples/xsts/`), with each
//! verdict held: schemas we load and judge as the suite does, invalid schemas we refuse, and
//! unsupported constructs refused by name. A change in any verdict fails this test; when the
//! engine learns a construct, the row changes with it (and `scripts/xsts.sh` measures the
//! whole suite).

// The harness's modules, included as they are so that this test classifies exactly as the
// measured run does. The harness uses parts this test does not (xmllint, the TSV), hence the
// `allow`.
#[allow(dead_code)]
#[path = "../examples/xsts/classify.rs"]
mod classify;
#[allow(dead_code)]
#[path = "../examples/xsts/disputed.rs"]
mod disputed;
#[allow(dead_code)]
#[path = "../examples/xsts/report.rs"]
mod report;
#[allow(dead_code)]
#[path = "../examples/xsts/suite.rs"]
mod suite;
#[allow(dead_code)]
#[path = "../examples/xsts/xmllint.rs"]
mod xmllint;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use classify::Engine;
use report::{Outcome, Tally};
use suite::Scope;

/// Each group of the subset: its name, our verdict on its schema, the construct named by a
/// refusal, and our verdict on each of its instances in suite order (`not-run` when the
/// schema was refused).
const VERDICTS: &[(&str, &str, &str, &[&str])] = &[
    // Loaded, and judged as the suite does.
    ("addB182", "loaded", "", &["valid"]),
    ("xv001", "loaded", "", &["valid"]),
    ("elemH001", "loaded", "", &[]),
    ("mgZ004", "loaded", "", &["valid"]),
    // `xs:anyType`, through elements declared without a type.
    (
        "xsd006",
        "loaded",
        "",
        &[
            "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid",
            "invalid", "invalid", "invalid", "invalid", "valid",
        ],
    ),
    // Wildcards: `xs:any` (skip; `##local`), `xs:anyAttribute` (strict).
    ("nsconstraint00101m2", "loaded", "", &["valid", "invalid"]),
    ("pscontents00102m2", "loaded", "", &["invalid"]),
    ("wildG020", "loaded", "", &["invalid"]),
    // Schemas the suite calls invalid, refused as invalid.
    ("xsd015.e", "invalid", "", &[]),
    ("annotation00101m2", "invalid", "", &[]),
    // Two wildcards that admit one namespace in one choice (Unique Particle Attribution).
    ("wildI009", "invalid", "", &[]),
    // Schemas the suite calls invalid, refused (as unsupported: no verdict on why).
    ("addB089", "invalid", "", &[]),
    // `xs:complexContent` extending a base's sequence with a group.
    ("addB098", "loaded", "", &["invalid"]),
    // Valid schemas with a construct we do not support, refused by its name.
    (
        "identitytestsuitetest001",
        "loaded",
        "",
        &["valid", "invalid"],
    ),
    ("reZ001", "loaded", "", &["invalid"]),
    ("string_pattern002_1031", "loaded", "", &["invalid"]),
    ("memberType021", "loaded", "", &["valid"]),
    ("addB047", "loaded", "", &["valid"]),
    ("addB104", "loaded", "", &["valid"]),
    // Identity constraints, each kind kept and broken.
    ("idF001", "loaded", "", &["valid"]),
    ("idF005", "loaded", "", &["invalid"]),
    ("idL006", "loaded", "", &["invalid"]),
    ("idG001", "loaded", "", &["valid"]),
    ("idG003", "loaded", "", &["invalid"]),
    ("idH001", "loaded", "", &["valid"]),
    ("idH006", "loaded", "", &["invalid"]),
    ("idH010", "loaded", "", &["invalid"]),
    ("typedef00901m1", "loaded", "", &["valid", "invalid"]),
    ("addC001", "unsupported", "xs:import", &["not-run"]),
    // Lists, unions, and default and fixed values: schemas refused as invalid, and
    // instances judged both ways.
    ("st_variety00201m1", "invalid", "", &[]),
    ("valueconstraint00101m2", "invalid", "", &[]),
    ("valueconstraint00501m3", "loaded", "", &["invalid"]),
    (
        "ad_valconstr00101m",
        "loaded",
        "",
        &["valid", "invalid", "valid", "invalid"],
    ),
];

#[test]
fn subset_verdicts_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/xsts");
    let suite = suite::read(&dir).expect("the subset's suite.xml reads");
    assert!(
        suite.sets_unread.is_empty(),
        "test sets not read: {:?}",
        suite.sets_unread
    );
    let mut names: Vec<&str> = suite.groups.iter().map(|g| g.name.as_str()).collect();
    let mut listed: Vec<&str> = VERDICTS.iter().map(|v| v.0).collect();
    names.sort_unstable();
    listed.sort_unstable();
    assert_eq!(names, listed, "the subset's groups and this table differ");

    let mut engine = Engine::new(Duration::from_secs(10));
    let mut tally = Tally::default();
    // Every changed verdict, so that one run shows them all.
    let mut changed = Vec::new();
    for group in &suite.groups {
        assert_eq!(group.scope, Scope::SingleDocument, "{}", group.name);
        let read = |path: &Path| -> Result<Arc<[u8]>, String> {
            std::fs::read(dir.join(path))
                .map(Arc::from)
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let schema = read(&group.schema_documents[0]).expect("the schema document is here");
        let instances: Vec<_> = group.instances.iter().map(|t| read(&t.path)).collect();
        let verdicts = engine.run_group(schema, &instances);
        tally.group(group, &verdicts, None);

        let &(_, schema_word, construct, instance_words) =
            VERDICTS.iter().find(|v| v.0 == group.name).expect("listed");
        let schema_now = (verdicts.schema.word(), verdicts.schema.construct());
        if schema_now != (schema_word, construct) {
            changed.push(format!(
                "{}: schema {schema_now:?}, was ({schema_word:?}, {construct:?}): {}",
                group.name,
                verdicts.schema.detail()
            ));
        }
        let words: Vec<&str> = verdicts
            .instances
            .iter()
            .map(|v| {
                v.as_ref()
                    .map_or("not-run", classify::InstanceVerdict::word)
            })
            .collect();
        if words != instance_words {
            changed.push(format!(
                "{}: instances {words:?}, were {instance_words:?}",
                group.name
            ));
        }
    }

    assert!(
        changed.is_empty(),
        "verdicts changed:\n{}",
        changed.join("\n")
    );

    // Every verdict in the subset is right today: none is a disagreement with the suite.
    for row in &tally.rows {
        assert!(
            matches!(
                row.outcome,
                Outcome::Agree | Outcome::Unsupported | Outcome::NotRun
            ),
            "{}/{} {}: {} (expected {}, ours {}: {})",
            row.set,
            row.group,
            row.path.display(),
            row.outcome.word(),
            row.expected,
            row.ours,
            row.detail
        );
    }
    let summary = tally.summary(&dir, &[], suite.sets_read);
    assert!(summary.contains("| **false-valid** | 0 |"), "{summary}");
    assert!(summary.contains("| **false-invalid** | 0 |"), "{summary}");
}

/// Refusals are counted by the construct's bare name, whatever decoration a message adds.
#[test]
fn construct_names_are_normalised() {
    assert_eq!(classify::construct_name("xs:choice"), "xs:choice");
    assert_eq!(classify::construct_name(" `xs:pattern` "), "xs:pattern");
    assert_eq!(
        classify::construct_name("xs:element/@nillable (true)"),
        "xs:element/@nillable"
    );
    assert_eq!(classify::construct_name(""), "(unnamed)");
}

/// A case that panics is a crash and one that does not answer in time a hang, and neither
/// ends the run: the next instances of the same group, and the next group, still get their
/// verdicts. The cases here stand in for the engine: an instance starting with `panic`
/// panics, one starting with `hang` never ends, and a schema starting with `panic` panics.
#[test]
fn crashes_and_hangs_are_verdicts_and_the_run_goes_on() {
    use classify::{Cases, InstanceVerdict, SchemaVerdict};

    fn load(bytes: &[u8]) -> Result<osc_schema::Validator, SchemaVerdict> {
        assert!(!bytes.starts_with(b"panic"), "the schema panics");
        osc_schema::Validator::from_xsd(bytes).map_err(|e| classify::refusal(&e))
    }
    fn validate(validator: &osc_schema::Validator, bytes: &[u8]) -> InstanceVerdict {
        assert!(!bytes.starts_with(b"panic"), "the instance panics");
        if bytes.starts_with(b"hang") {
            // Longer than the deadline by far; the worker is left behind, asleep.
            std::thread::sleep(Duration::from_secs(3600));
        }
        classify::instance_verdict(&validator.validate_bytes(bytes))
    }

    let schema: Arc<[u8]> = Arc::from(
        &br#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <xs:element name="a" type="xs:string"/>
</xs:schema>"#[..],
    );
    let doc = |text: &str| -> Result<Arc<[u8]>, String> { Ok(Arc::from(text.as_bytes())) };
    let mut engine = Engine::with_cases(Duration::from_millis(300), Cases { load, validate });

    let verdicts = engine.run_group(
        schema.clone(),
        &[
            doc("<a>1</a>"),
            doc("panic"),
            doc("<b/>"),
            doc("hang"),
            doc("<a>2</a>"),
            Err("gone.xml: not found".into()),
        ],
    );
    assert_eq!(verdicts.schema, SchemaVerdict::Loaded);
    let words: Vec<&str> = verdicts
        .instances
        .iter()
        .map(|v| v.as_ref().map_or("not-run", InstanceVerdict::word))
        .collect();
    assert_eq!(
        words,
        ["valid", "crash", "invalid", "hang", "valid", "unreadable"]
    );
    let crash = verdicts.instances[1].as_ref().unwrap().detail();
    assert!(
        crash.contains("the instance panics") && crash.contains("xsts_subset.rs"),
        "{crash}"
    );

    let crashed = engine.run_group(Arc::from(&b"panic"[..]), &[doc("<a/>")]);
    assert!(
        matches!(crashed.schema, SchemaVerdict::Crash { ref message } if message.contains("the schema panics")),
        "{:?}",
        crashed.schema
    );
    assert_eq!(crashed.instances, [None]);

    // The engine still works after all that.
    let after = engine.run_group(schema, &[doc("<a>3</a>")]);
    assert_eq!(after.instances, [Some(InstanceVerdict::Valid)]);
}
