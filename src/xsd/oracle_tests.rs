//! What [`load`](super::load) compiles from `schemas/osc-*.xsd`, held to xsd-parser's reading
//! of the same files ([`super::oracle`]): the same global elements, and for every type
//! reached from them the same particles (names, order, bounds), attributes and facets.

use std::collections::BTreeSet;

use super::oracle::{Content, Generation, generations};
use super::schema::{ContentRef, Schema, UNBOUNDED};
use crate::version::Target;

/// Walks our compiled schema and xsd-parser's reading side by side from the roots.
struct Walk<'a> {
    ours: &'a Schema,
    theirs: &'a Generation,
    complex_seen: BTreeSet<u32>,
    simple_seen: BTreeSet<u32>,
    labels_seen: BTreeSet<String>,
}

impl Walk<'_> {
    fn content(&mut self, ours: ContentRef, theirs: &Content, at: &str) {
        let file = self.theirs.file;
        match (ours, theirs) {
            (ContentRef::Complex(id), Content::Complex(label)) => self.complex(id, label, at),
            (ContentRef::Simple(id), Content::Simple(label)) => self.simple(id, label, at),
            _ => panic!("{file} {at}: we compile {ours:?}, xsd-parser reads {theirs:?}"),
        }
    }

    fn complex(&mut self, id: u32, label: &str, at: &str) {
        let file = self.theirs.file;
        self.labels_seen.insert(format!("complex {label}"));
        if !self.complex_seen.insert(id) {
            return;
        }
        let ours = self.ours.complex_type(id).expect("a compiled type");
        let theirs = &self.theirs.complex[label];
        assert_eq!(
            ours.name.as_deref(),
            theirs.named.then_some(label),
            "{file} {at}: the type's name"
        );
        let bound = |max: u32| (max != UNBOUNDED).then_some(max);
        let our_particles: Vec<(&str, u32, Option<u32>)> = ours
            .particles
            .iter()
            .map(|p| (&*p.name, p.min, bound(p.max)))
            .collect();
        let their_children: Vec<(&str, u32, Option<u32>)> = theirs
            .children
            .iter()
            .map(|c| {
                let n = |v: usize| u32::try_from(v).expect("a small bound");
                (c.name.as_str(), n(c.min), c.max.map(n))
            })
            .collect();
        assert_eq!(
            our_particles, their_children,
            "{file} {at}: the particles of `{label}`"
        );
        for (p, c) in ours.particles.iter().zip(&theirs.children) {
            self.content(p.content, &c.content, &format!("{at}/{}", p.name));
        }
        let our_attributes: Vec<(&str, bool)> = ours
            .attributes
            .iter()
            .map(|a| (&*a.name, a.required))
            .collect();
        let their_attributes: Vec<(&str, bool)> = theirs
            .attributes
            .iter()
            .map(|a| (a.name.as_str(), a.required))
            .collect();
        assert_eq!(
            our_attributes, their_attributes,
            "{file} {at}: the attributes of `{label}`"
        );
        for (a, b) in ours.attributes.iter().zip(&theirs.attributes) {
            self.simple(a.simple, &b.simple, &format!("{at}/@{}", a.name));
        }
    }

    fn simple(&mut self, id: u32, label: &str, at: &str) {
        let file = self.theirs.file;
        self.labels_seen.insert(format!("simple {label}"));
        if !self.simple_seen.insert(id) {
            return;
        }
        let ours = self.ours.simple_type(id).expect("a compiled type");
        let theirs = &self.theirs.simple[label];
        assert_eq!(&*ours.label, label, "{file} {at}: the type's label");
        assert_eq!(ours.named, theirs.named, "{file} {at}: `{label}` named");
        assert_eq!(
            ours.base.name(),
            format!("xs:{}", theirs.builtin),
            "{file} {at}: the base of `{label}`"
        );
        // One restriction step each in these schemas: one list per step on our side.
        let enumerations: Vec<&str> = ours.enumerations.iter().flatten().map(|v| &**v).collect();
        assert_eq!(
            enumerations, theirs.enumerations,
            "{file} {at}: the enumeration of `{label}`"
        );
        let patterns: Vec<String> = ours.patterns.iter().map(|alts| alts.join("|")).collect();
        assert_eq!(
            patterns, theirs.patterns,
            "{file} {at}: the patterns of `{label}`"
        );
        assert_eq!(
            ours.max_length.map(|m| m as usize),
            theirs.max_length,
            "{file} {at}: the maxLength of `{label}`"
        );
    }
}

#[test]
fn our_loader_reads_each_schema_as_xsd_parser_does() {
    for (target, theirs) in Target::ALL.into_iter().zip(generations()) {
        let file = theirs.file;
        let ours = super::embedded(target).expect("the embedded schema compiles");
        assert_eq!(
            ours.target_namespace(),
            Some(theirs.target_namespace.as_str())
        );
        let our_roots: Vec<&str> = ours.root_names().collect();
        let their_roots: Vec<&str> = theirs.roots.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(our_roots, their_roots, "{file}: the global elements");
        let mut walk = Walk {
            ours,
            theirs,
            complex_seen: BTreeSet::new(),
            simple_seen: BTreeSet::new(),
            labels_seen: BTreeSet::new(),
        };
        for (root, declared) in ours.roots.iter().zip(&theirs.roots) {
            walk.content(
                root.content,
                &declared.content,
                &format!("/{}", declared.name),
            );
        }
        // Every type on either side was compared: nothing compiled is out of reach of the
        // roots, and nothing xsd-parser read was left out.
        assert_eq!(walk.complex_seen.len(), ours.complex.len(), "{file}");
        let their_labels: BTreeSet<String> = theirs
            .complex
            .keys()
            .map(|l| format!("complex {l}"))
            .chain(theirs.simple.keys().map(|l| format!("simple {l}")))
            .collect();
        assert_eq!(walk.labels_seen, their_labels, "{file}");
        for (id, simple) in (0u32..).zip(&ours.simple) {
            // A built-in only a restriction starts from is compiled but never reached.
            assert!(
                walk.simple_seen.contains(&id) || simple.label.starts_with("xs:"),
                "{file}: `{}` is out of reach",
                simple.label
            );
        }
        assert!(walk.complex_seen.len() >= 5, "{file}");
        assert!(walk.simple_seen.len() >= 5, "{file}");
    }
}
