//! The public vocabulary tables, held to xsd-parser's reading of `schemas/osc-*.xsd`
//! (`support/xsd_oracle.rs`) rather than to themselves:
//!
//! - `version::introduced_in`, `PERSON_ELEMENTS`, `CAPABILITIES_ELEMENTS` and
//!   `RootKind::since` name the first generation whose schema declares each element;
//! - the writer puts every parent's children in declared order, shown on a document holding
//!   every element each schema allows (the repeatable ones twice), read into the model and
//!   written back;
//! - the values the model's enumerations accept, through `parse`, serde and the reader, are
//!   the ones each schema lists.
//!
//! The crate-internal tables (element names, repeatable elements, OSC018's booleans, the
//! capabilities order) and our schema loader are held to the same reading by unit tests
//! inside the library.

#[path = "support/xsd_oracle.rs"]
mod xsd_oracle;

use std::collections::BTreeSet;

use osc_schema::model::{
    ActivityType, FriendStatus, Gender, HashFunction, SimpleVariableType, TemplateVariableType,
};
use osc_schema::version::{CAPABILITIES_ELEMENTS, PERSON_ELEMENTS, introduced_in};
use osc_schema::xml::{self, WriteOptions};
use osc_schema::xsd::Validator;
use osc_schema::{Error, RootKind, Target};
use serde::de::DeserializeOwned;
use xsd_oracle::{Generation, first_declaring, first_declaring_root, generations};

/// The generation at `index` in the oracle's order (1.0, 1.1, 2013).
fn target(index: usize) -> Target {
    Target::ALL[index]
}

/// The generations with their targets.
fn each_generation() -> impl Iterator<Item = (Target, &'static Generation)> {
    assert_eq!(generations().len(), Target::ALL.len());
    Target::ALL.into_iter().zip(generations())
}

#[test]
fn the_oracle_reads_every_generation() {
    for (t, g) in each_generation() {
        let names = g.element_names();
        assert!(names.len() > 20, "{t}: only {} elements", names.len());
        assert!(g.pairs().len() > 20, "{t}: only {} pairs", g.pairs().len());
        assert!(g.roots.len() >= 3, "{t}: only {} roots", g.roots.len());
        assert_eq!(g.target_namespace, t.namespace(), "{t}");
        assert!(!g.repeatable().is_empty(), "{t}");
    }
    // What the schemas say of themselves in their own words, as a check on the reading.
    let g2013 = &generations()[2];
    let person = g2013.children_of("person").expect("person has children");
    assert_eq!(person.len(), 48);
    assert_eq!(person[0].name, "userID");
    assert_eq!((person[0].min, person[0].max), (1, Some(1)));
    let friends = g2013.children_of("friends").expect("friends has children");
    assert_eq!((friends[0].min, friends[0].max), (0, None));
    let gender = g2013.simple_child("person", "gender").expect("gender");
    assert_eq!(gender.patterns, ["male|female|unspecified"]);
}

#[test]
fn introduced_in_names_the_first_generation_that_declares_each_child() {
    let mut checked = 0;
    for (t, g) in each_generation() {
        for (parent, child) in g.pairs() {
            let first = first_declaring(parent, child).map(target);
            assert!(first.is_some_and(|f| f <= t));
            assert_eq!(
                introduced_in(parent, child),
                first,
                "`{child}` inside `{parent}`"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} pairs checked");
}

#[test]
fn introduced_in_is_none_for_what_no_schema_declares() {
    let parents: BTreeSet<&str> = generations()
        .iter()
        .flat_map(|g| g.element_types.keys().map(String::as_str))
        .collect();
    let names: BTreeSet<&str> = generations()
        .iter()
        .flat_map(Generation::element_names)
        .collect();
    let mut checked = 0;
    for parent in parents.iter().chain(["bogus", ""].iter()) {
        for name in names.iter().chain(["bogus", ""].iter()) {
            if first_declaring(parent, name).is_none() {
                assert_eq!(
                    introduced_in(parent, name),
                    None,
                    "`{name}` inside `{parent}`"
                );
                checked += 1;
            }
        }
    }
    // Simple-typed elements have no children in any generation.
    for name in &names {
        if !parents.contains(name) {
            assert_eq!(introduced_in(name, "userID"), None, "{name}");
        }
    }
    assert!(checked > 1000, "only {checked} non-pairs checked");
}

#[test]
fn person_and_capabilities_tables_are_the_declared_children_in_order() {
    let newest = generations().last().expect("three generations");
    for (parent, table) in [
        ("person", PERSON_ELEMENTS),
        ("capabilities", CAPABILITIES_ELEMENTS),
    ] {
        let declared: Vec<(&str, Target)> = newest
            .children_of(parent)
            .expect("declared")
            .iter()
            .map(|c| {
                let first = first_declaring(parent, &c.name).map(target);
                (c.name.as_str(), first.expect("declared in 2013"))
            })
            .collect();
        assert!(declared.len() > 20, "{parent}");
        assert_eq!(table, declared.as_slice(), "{parent}");
        // Every generation declares a prefix of the newest order: what the tables assume
        // when they give one order for all.
        for (t, g) in each_generation() {
            let names: Vec<&str> = g
                .children_of(parent)
                .expect("declared")
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            let expected: Vec<&str> = table
                .iter()
                .filter(|(_, since)| *since <= t)
                .map(|(n, _)| *n)
                .collect();
            assert_eq!(names, expected, "{parent} in {t}");
        }
    }
}

#[test]
fn root_kinds_are_the_global_elements_with_their_first_generation() {
    let declared: BTreeSet<&str> = generations()
        .iter()
        .flat_map(|g| g.roots.iter().map(|r| r.name.as_str()))
        .collect();
    let kinds: BTreeSet<&str> = RootKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(kinds, declared);
    for kind in RootKind::ALL {
        assert_eq!(
            first_declaring_root(kind.name()).map(target),
            Some(kind.since()),
            "{kind}"
        );
    }
}

/// The local names of `node`'s element children.
fn child_names<'a>(node: roxmltree::Node<'a, '_>) -> Vec<&'a str> {
    node.children()
        .filter(roxmltree::Node::is_element)
        .map(|c| c.tag_name().name())
        .collect()
}

#[test]
fn the_writer_emits_every_child_in_declared_order() {
    let mut parents_checked = 0;
    for (t, g) in each_generation() {
        for root in &g.roots {
            let text = g.maximal_document(&root.name, &|_, _| None);
            // The generated document must be valid, or it would prove nothing about order.
            let report = Validator::new(t).validate_str(&text);
            assert!(report.is_valid(), "{t} {}: {report:?}\n{text}", root.name);
            let doc =
                xml::read_str(&text).unwrap_or_else(|e| panic!("{t} {}: {e}\n{text}", root.name));
            let written = xml::write_string(&doc, WriteOptions::default())
                .unwrap_or_else(|e| panic!("{t} {}: {e}", root.name));
            let tree = roxmltree::Document::parse(&written).expect("the writer writes XML");
            for node in tree.descendants().filter(roxmltree::Node::is_element) {
                let name = node.tag_name().name();
                let Some(children) = g.children_of(name) else {
                    assert!(child_names(node).is_empty(), "{t}: `{name}` holds elements");
                    continue;
                };
                let expected: Vec<&str> = children
                    .iter()
                    .flat_map(|c| {
                        let times = if c.repeatable() { 2 } else { 1 };
                        std::iter::repeat_n(c.name.as_str(), times)
                    })
                    .collect();
                assert_eq!(
                    child_names(node),
                    expected,
                    "{t}: the children of `{name}` in {} as written:\n{written}",
                    root.name
                );
                parents_checked += 1;
            }
        }
    }
    assert!(
        parents_checked > 50,
        "only {parents_checked} parents checked"
    );
}

/// The backticked words of `message` between `after` and `before`.
fn backticked(message: &str, after: &str, before: &str) -> BTreeSet<String> {
    let start = message
        .find(after)
        .unwrap_or_else(|| panic!("`{after}` in {message}"));
    let rest = &message[start + after.len()..];
    let rest = &rest[..rest.find(before).unwrap_or(rest.len())];
    rest.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The spellings serde accepts for `T`, as its error for an unknown one lists them.
fn serde_spellings<T: DeserializeOwned + std::fmt::Debug>() -> BTreeSet<String> {
    let err = serde_json::from_value::<T>(serde_json::json!("-")).expect_err("`-` is no value");
    backticked(&err.to_string(), "expected", "\u{0}")
}

/// An enumerated type of the model: how it parses and prints a value, and what serde takes.
struct Enumerated {
    /// The label the oracle gives the schema type.
    label: &'static str,
    /// `parse` then `as_str`.
    round_trip: fn(&str) -> Option<&'static str>,
    /// What serde accepts.
    serde: fn() -> BTreeSet<String>,
}

const ENUMERATED: [Enumerated; 6] = [
    Enumerated {
        label: "gender",
        round_trip: |s| Gender::parse(s).map(Gender::as_str),
        serde: serde_spellings::<Gender>,
    },
    Enumerated {
        label: "friendStatus",
        round_trip: |s| FriendStatus::parse(s).map(FriendStatus::as_str),
        serde: serde_spellings::<FriendStatus>,
    },
    Enumerated {
        label: "hashFunction",
        round_trip: |s| HashFunction::parse(s).map(HashFunction::as_str),
        serde: serde_spellings::<HashFunction>,
    },
    Enumerated {
        label: "activityTemplateTypeRestrictionType",
        round_trip: |s| ActivityType::parse(s).map(ActivityType::as_str),
        serde: serde_spellings::<ActivityType>,
    },
    Enumerated {
        label: "templateTypeRestrictionType",
        round_trip: |s| TemplateVariableType::parse(s).map(TemplateVariableType::as_str),
        serde: serde_spellings::<TemplateVariableType>,
    },
    Enumerated {
        label: "templateSimpleTypeRestrictionType",
        round_trip: |s| SimpleVariableType::parse(s).map(SimpleVariableType::as_str),
        serde: serde_spellings::<SimpleVariableType>,
    },
];

/// The values the reader lists when it refuses a bogus value of the type labelled `label`,
/// wherever a generation uses it (as an element or as an attribute), with where that was.
fn reader_lists(g: &Generation, label: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut uses = Vec::new();
    for (parent, complex) in &g.element_types {
        let model = &g.complex[complex];
        for c in &model.children {
            if c.content == xsd_oracle::Content::Simple(label.to_owned()) {
                uses.push((parent.clone(), c.name.clone()));
            }
        }
        for a in model.attributes.iter().filter(|a| a.simple == label) {
            uses.push((parent.clone(), format!("@{}", a.name)));
        }
    }
    let mut lists = Vec::new();
    for (parent, name) in uses {
        let bogus = |p: &str, n: &str| (p == parent && n == name).then(|| "bogus".to_owned());
        let root = g
            .roots
            .iter()
            .find(|r| {
                g.maximal_document(&r.name, &bogus) != g.maximal_document(&r.name, &|_, _| None)
            })
            .unwrap_or_else(|| panic!("no root holds `{parent}`"));
        let text = g.maximal_document(&root.name, &bogus);
        let message = match xml::read_str(&text) {
            Err(Error::InvalidValue { message, .. } | Error::Attribute { message, .. }) => message,
            other => panic!("{parent}/{name}: `bogus` was not refused: {other:?}"),
        };
        lists.push((
            format!("{parent}/{name}"),
            backticked(&message, "expected one of", ", found"),
        ));
    }
    lists
}

#[test]
fn the_models_enumerations_are_the_schemas() {
    let mut checked = 0;
    for (t, g) in each_generation() {
        for (label, simple) in &g.simple {
            let Some(values) = simple.listed_values() else {
                continue;
            };
            let e = ENUMERATED
                .iter()
                .find(|e| e.label == label)
                .unwrap_or_else(|| panic!("{t}: the model has no enumeration for `{label}`"));
            let values: BTreeSet<String> = values.into_iter().collect();
            assert!(values.len() >= 3, "{t} {label}");
            for v in &values {
                assert_eq!((e.round_trip)(v), Some(v.as_str()), "{t} {label}");
                for near in [
                    v.to_uppercase(),
                    v.to_lowercase(),
                    format!(" {v}"),
                    format!("{v} "),
                ] {
                    if !values.contains(&near) {
                        assert_eq!((e.round_trip)(&near), None, "{t} {label}: `{near}`");
                    }
                }
            }
            assert_eq!((e.serde)(), values, "{t} {label}: serde");
            let lists = reader_lists(g, label);
            assert!(!lists.is_empty(), "{t} {label} is used nowhere");
            for (place, listed) in lists {
                assert_eq!(listed, values, "{t} {place}: the reader's list");
            }
            checked += 1;
        }
    }
    // 1.0 has four of the types, 1.1 and 2013 all six.
    assert_eq!(checked, 16);
}
