//! Running the rules over a document, or over a friends list one person at a time.
//!
//! A document read tolerantly comes with what could not be read in it; each rule then runs
//! on the parts whose elements it reads are sound, and is skipped, with a note, on the
//! others: a person of a list, an activity of a feed, or else the whole document.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::config::LintConfig;
use super::rules::all;
use super::{Context, Finding, Hook, PersonAt, Rule, RuleState, Skipped, Written};
use crate::diagnostic::Severity;
use crate::model::{ActivityDetails, Document, Person, Root};
use crate::render::lookup::activity_path;
use crate::version::Target;
use crate::xml::ElementPath;
use crate::xml::read::Unreadable;

/// The rules that hold for one generation under one configuration, with their severities,
/// and for each call of [`Rule`] the rules that implement it.
struct Active {
    rules: Vec<(&'static dyn Rule, Severity)>,
    /// For each [`Hook`], the positions in `rules` of the rules that implement it, in order.
    by_hook: [Vec<usize>; HOOKS],
}

/// How many kinds of [`Hook`] there are.
const HOOKS: usize = 8;

impl Active {
    fn new(rules: Vec<(&'static dyn Rule, Severity)>) -> Self {
        let by_hook = std::array::from_fn(|hook| {
            rules
                .iter()
                .enumerate()
                .filter(|(_, (rule, _))| rule.info().hooks.iter().any(|h| *h as usize == hook))
                .map(|(i, _)| i)
                .collect()
        });
        Active { rules, by_hook }
    }

    /// The rules that hold for `target` and are not allowed away by `config`.
    fn of(target: Target, config: &LintConfig) -> Self {
        Active::new(
            all()
                .iter()
                .filter(|r| r.info().targets.contains(&target))
                .filter_map(|&r| config.severity(r.info()).map(|s| (r, s)))
                .collect(),
        )
    }

    /// The same, made once per generation and configuration on each thread: sorting out
    /// the rules for every document cost more than the rules' look at a small one.
    fn shared(target: Target, config: &LintConfig) -> Arc<Active> {
        /// Configurations remembered per thread, at most; a program uses one or two.
        const REMEMBERED: usize = 4;
        thread_local! {
            static MADE: RefCell<Vec<(Target, LintConfig, Arc<Active>)>> =
                const { RefCell::new(Vec::new()) };
        }
        MADE.with(|made| {
            let mut made = made.borrow_mut();
            if let Some((_, _, active)) = made.iter().find(|(t, c, _)| *t == target && c == config)
            {
                return Arc::clone(active);
            }
            let active = Arc::new(Active::of(target, config));
            if made.len() == REMEMBERED {
                made.remove(0);
            }
            made.push((target, config.clone(), Arc::clone(&active)));
            active
        })
    }
}

/// The rules that apply to one document, with their severities and per-list memory.
pub struct Linter {
    cx: Context,
    active: Arc<Active>,
    /// The per-list memory of each rule of `active`, in the same order: made when the
    /// first person, activity or end of a list is checked, as most documents are neither.
    /// Making it for every rule of every document, and moving it about with the rules,
    /// cost more than the rules' whole look at a small document. `None` for a rule that
    /// looks at no person, activity or end of a list, and so keeps nothing.
    states: Vec<Option<RuleState>>,
    /// Handed to the calls that keep no memory, which leave it alone: made once, not for
    /// every pass over the rules (a person's, say).
    unused: RuleState,
    persons: usize,
    /// Activities checked so far, of the feed being read.
    activities: usize,
    /// Findings so far, with the severity each gets.
    pub findings: Vec<(Finding, Severity)>,
    /// Where a rule did not run because what it reads could not be read, in the order met.
    pub skipped: Vec<Skipped>,
}

impl Linter {
    /// The rules that hold for the context's target and are not allowed away.
    pub fn new(cx: &Context, config: &LintConfig) -> Self {
        Linter::with(cx, Active::shared(cx.target, config))
    }

    /// A linter running `rule` alone, at its default severity (for tests and explanations).
    pub fn only(cx: &Context, rule: &'static dyn Rule) -> Self {
        Linter::with(
            cx,
            Arc::new(Active::new(vec![(rule, rule.info().severity)])),
        )
    }

    fn with(cx: &Context, active: Arc<Active>) -> Self {
        let mut linter = Linter {
            cx: cx.clone(),
            active,
            states: Vec::new(),
            unused: RuleState::default(),
            persons: 0,
            activities: 0,
            findings: Vec::new(),
            skipped: Vec::new(),
        };
        linter.each(Hook::Document, Memory::Unused, |r, cx, _, out| {
            r.document(cx, out);
        });
        linter
    }

    fn each(
        &mut self,
        hook: Hook,
        memory: Memory,
        f: impl FnMut(&dyn Rule, &Context, &mut RuleState, &mut Vec<Finding>),
    ) {
        self.each_sound(hook, "", &[], |_| true, memory, f);
    }

    /// Runs `f` for every rule that reads none of what could not be read in the part of
    /// the document at `unit`, and notes the others as skipped, if they `look_here` (a rule
    /// about the whole feed is not said to skip an activity it never looks at alone). Where
    /// nothing is unreadable, only the rules that implement `hook` are called: the others
    /// find nothing.
    fn each_sound(
        &mut self,
        hook: Hook,
        unit: &str,
        unreadable: &[Unreadable],
        look_here: impl Fn(&dyn Rule) -> bool,
        memory: Memory,
        mut f: impl FnMut(&dyn Rule, &Context, &mut RuleState, &mut Vec<Finding>),
    ) {
        let mut out = Vec::new();
        if memory == Memory::Kept && self.states.is_empty() {
            self.states = self
                .active
                .rules
                .iter()
                .map(|(rule, _)| {
                    let keeps = rule.info().hooks.iter().any(|hook| {
                        matches!(hook, Hook::Person | Hook::Activity | Hook::EndOfPersons)
                    });
                    keeps.then(|| rule.new_state())
                })
                .collect();
        }
        let Linter {
            cx,
            active,
            states,
            unused,
            findings,
            skipped,
            ..
        } = self;
        // Most parts have nothing unreadable: then no rule is skipped, and only the rules
        // that implement the call need it.
        let every: Vec<usize>;
        let which: &[usize] = if unreadable.is_empty() {
            &active.by_hook[hook as usize]
        } else {
            every = (0..active.rules.len()).collect();
            &every
        };
        for &i in which {
            let (rule, severity) = &active.rules[i];
            if !unreadable.is_empty() {
                let info = rule.info();
                if let Some(u) = unreadable.iter().find(|u| info.reads_any_of(u)) {
                    if look_here(*rule) {
                        skipped.push(Skipped {
                            rule: info.id,
                            unit: unit.to_owned(),
                            unreadable: u.clone(),
                        });
                    }
                    continue;
                }
            }
            let state = match memory {
                Memory::Kept => states.get_mut(i).and_then(Option::as_mut).unwrap_or(unused),
                Memory::Unused => unused,
            };
            f(*rule, cx, state, &mut out);
            // Most rules find nothing in most persons: skip the draining then.
            if !out.is_empty() {
                findings.extend(out.drain(..).map(|finding| (finding, *severity)));
            }
        }
    }

    /// Checks a whole document (for `friends`, every person, then the end of the list).
    pub fn document(&mut self, doc: &Document) {
        self.document_partly(doc, &[]);
    }

    /// Checks a document read tolerantly ([`crate::xml::read::read_str_tolerant`]), whose
    /// `unreadable` parts the rules that read them do not look at: each rule is skipped for
    /// the persons, activities or document where something it reads could not be read, and
    /// runs on the rest. Skips are listed in [`Linter::skipped`].
    pub fn document_partly(&mut self, doc: &Document, unreadable: &[Unreadable]) {
        match &doc.root {
            Root::Capabilities(c) => self.each_sound(
                Hook::Capabilities,
                "/capabilities",
                unreadable,
                |_| true,
                Memory::Unused,
                |r, cx, _, out| r.capabilities(cx, c, out),
            ),
            Root::Friends(f) => {
                // What lies outside every person (an unknown child of `friends`) changes no
                // person: a person that could not be read is simply not in the list.
                let mut by_person = by_unit(unreadable, &ElementPath::root("friends"), "person");
                for (n, p) in f.persons.iter().enumerate() {
                    let inside = by_person.remove(&(n + 1)).unwrap_or_default();
                    self.person_partly(p, &inside);
                }
                self.end_of_persons();
            }
            Root::Person(p) => self.each_sound(
                Hook::Person,
                "/person",
                unreadable,
                |_| true,
                Memory::Kept,
                |r, cx, state, out| r.person(cx, p, PersonAt::Root, state, out),
            ),
            Root::ActivityFeed(a) => {
                let activities = ElementPath::root("activityFeed").child("activities");
                let mut by_activity = by_unit(unreadable, &activities, "activityDetails");
                // Activities handed over one by one while the feed was read are not
                // checked again.
                for (i, activity) in a.activities.iter().enumerate().skip(self.activities) {
                    let inside = by_activity.remove(&(i + 1)).unwrap_or_default();
                    self.activity_partly(activity, &inside);
                }
                // The rules over the whole feed read across activities and templates.
                self.each_sound(
                    Hook::Feed,
                    "/activityFeed",
                    unreadable,
                    |r| r.feed_scope().feed(),
                    Memory::Unused,
                    |r, cx, _, out| r.feed(cx, a, out),
                );
            }
            Root::HashedAddresses(h) => self.each_sound(
                Hook::Hashed,
                "/hashedAddresses",
                unreadable,
                |_| true,
                Memory::Unused,
                |r, cx, _, out| r.hashed(cx, h, out),
            ),
        }
    }

    /// Checks values as written (see [`Rule::written`]): those of the next person of a
    /// `friends` list, before [`Linter::person`], or those of the whole document.
    pub fn written(&mut self, written: &[Written]) {
        // Most persons and documents keep none: no pass over the rules then.
        if !written.is_empty() {
            self.each(Hook::Written, Memory::Unused, |r, cx, _, out| {
                r.written(cx, written, out);
            });
        }
    }

    /// Checks the next person of a `friends` list.
    pub fn person(&mut self, person: &Person) {
        self.person_partly(person, &[]);
    }

    /// Checks the next person of a `friends` list read tolerantly, with what could not be
    /// read in it: the rules that read any of that skip this person (and remember nothing of
    /// it for the comparisons across the list).
    pub fn person_partly(&mut self, person: &Person, unreadable: &[Unreadable]) {
        self.persons += 1;
        let at = PersonAt::InFriends(self.persons);
        let unit = if unreadable.is_empty() {
            String::new()
        } else {
            at.path().into()
        };
        self.each_sound(
            Hook::Person,
            &unit,
            unreadable,
            |_| true,
            Memory::Kept,
            |r, cx, state, out| r.person(cx, person, at, state, out),
        );
    }

    /// Checks the next activity of a feed, as it is read; [`Linter::document`] then checks
    /// only the activities that did not come this way.
    pub fn activity(&mut self, activity: &ActivityDetails) {
        self.activity_partly(activity, &[]);
    }

    /// Checks the next activity of a feed read tolerantly, with what could not be read in it.
    fn activity_partly(&mut self, activity: &ActivityDetails, unreadable: &[Unreadable]) {
        let at = self.activities;
        self.activities += 1;
        let unit = if unreadable.is_empty() {
            String::new()
        } else {
            activity_path(at).into()
        };
        self.each_sound(
            Hook::Activity,
            &unit,
            unreadable,
            |r| r.feed_scope().activities(),
            Memory::Kept,
            |r, cx, state, out| r.activity(cx, activity, at, state, out),
        );
    }

    /// Ends a `friends` list.
    pub fn end_of_persons(&mut self) {
        let count = self.persons;
        self.each(Hook::EndOfPersons, Memory::Kept, |r, cx, state, out| {
            r.end_of_persons(cx, count, state, out);
        });
    }
}

/// Whether the rules' calls in one pass over them are handed their per-list memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Memory {
    /// Calls about a person, an activity or the end of a list, which may keep something.
    Kept,
    /// Any other call, which has no memory to keep.
    Unused,
}

/// What could not be read, by the 1-based index of the repeated element it lies in, for
/// the paths that start with `prefix` (`/friends/person[`).
fn by_unit(
    unreadable: &[Unreadable],
    parent: &ElementPath,
    name: &str,
) -> BTreeMap<usize, Vec<Unreadable>> {
    let mut out: BTreeMap<usize, Vec<Unreadable>> = BTreeMap::new();
    for u in unreadable {
        if let Some(n) = u.path.index_below(parent, name) {
            out.entry(n).or_default().push(u.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::find;
    use crate::version::{Namespace, RootKind, Target};
    use crate::xml::read::read_str_tolerant;

    const NS: &str = crate::version::NS_1_1;

    fn activity(object_id: &str, date: &str) -> String {
        format!(
            "<activityDetails><ownerID>42</ownerID><objectID>{object_id}</objectID>\
             <applicationID>1</applicationID><templateID>1</templateID>\
             <publishDate>{date}</publishDate><templateVariables/></activityDetails>"
        )
    }

    /// Runs `ids` over `xml` read tolerantly: the findings' paths and the skips.
    fn run(ids: &[&str], xml: &str) -> (Vec<String>, Vec<String>) {
        let read = read_str_tolerant(xml, crate::limits::Limits::default()).expect("reads");
        let cx = Context {
            target: Target::Outlook2013,
            namespace: Namespace::Osc11,
            root: read.document.root.kind(),
            method: Some(crate::lint::Method::GetActivitiesEx),
            request: None,
            start_time: None,
            now: 0,
        };
        let rules = ids
            .iter()
            .map(|id| {
                let rule = find(id).expect("a rule");
                (rule, rule.info().severity)
            })
            .collect();
        let mut linter = Linter::with(&cx, Arc::new(Active::new(rules)));
        linter.document_partly(&read.document, &read.unreadable);
        assert_eq!(cx.root, RootKind::ActivityFeed);
        let found = linter
            .findings
            .iter()
            .map(|(f, _)| f.path.clone())
            .collect();
        let skipped = linter.skipped.iter().map(ToString::to_string).collect();
        (found, skipped)
    }

    #[test]
    fn an_activity_rule_skips_only_the_activity_it_cannot_read() {
        // Two dates without a timezone (OSC070), the second of them unreadable.
        let xml = format!(
            "<activityFeed xmlns=\"{NS}\"><network>n</network><activities>{}{}{}</activities>\
             <templates/></activityFeed>",
            activity("a", "2024-01-01T00:00:00"),
            activity("b", "2024-13-01T00:00:00"),
            activity("c", "2024-01-03T00:00:00"),
        );
        let (found, skipped) = run(&["OSC070", "OSC068", "OSC062"], &xml);
        assert_eq!(
            found,
            [
                "/activityFeed/activities/activityDetails[1]/publishDate",
                "/activityFeed/activities/activityDetails[3]/publishDate",
            ]
        );
        let prefix = "/activityFeed/activities/activityDetails[2]/publishDate could not be read";
        assert_eq!(skipped.len(), 2, "{skipped:#?}");
        assert!(
            skipped[0].starts_with(&format!(
                "rule OSC070 skipped for /activityFeed/activities/activityDetails[2]: {prefix}"
            )),
            "{skipped:#?}"
        );
        // OSC068 looks at every activity at once: the whole feed is skipped.
        assert!(
            skipped[1].starts_with(&format!("rule OSC068 skipped for /activityFeed: {prefix}")),
            "{skipped:#?}"
        );
    }

    #[test]
    fn a_skipped_item_is_not_remembered_for_comparisons_across_the_list() {
        // OSC062 reads `objectID`: a repeated one in the second activity keeps it out.
        let xml = format!(
            "<activityFeed xmlns=\"{NS}\"><network>n</network><activities>{}{}{}</activities>\
             <templates/></activityFeed>",
            activity("a", "2024-01-01T00:00:00Z"),
            activity("a", "2024-01-01T00:00:00Z").replace(
                "<objectID>a</objectID>",
                "<objectID>a</objectID><objectID>z</objectID>"
            ),
            activity("a", "2024-01-01T00:00:00Z"),
        );
        let (found, skipped) = run(&["OSC062"], &xml);
        assert_eq!(
            found,
            ["/activityFeed/activities/activityDetails[3]/objectID"]
        );
        assert_eq!(skipped.len(), 1, "{skipped:#?}");
    }
}
