//! Running the rules over a document, or over a friends list one person at a time.

use super::config::LintConfig;
use super::rules::all;
use super::{Context, Finding, PersonAt, Rule, RuleState};
use crate::diagnostic::Severity;
use crate::model::{ActivityDetails, Document, Person, Root};

/// The rules that apply to one document, with their severities and per-list memory.
pub struct Linter {
    cx: Context,
    active: Vec<(&'static dyn Rule, Severity, RuleState)>,
    persons: usize,
    /// Activities checked so far, of the feed being read.
    activities: usize,
    /// Findings so far, with the severity each gets.
    pub findings: Vec<(Finding, Severity)>,
}

impl Linter {
    /// The rules that hold for the context's target and are not allowed away.
    pub fn new(cx: &Context, config: &LintConfig) -> Self {
        let active = all()
            .iter()
            .filter(|r| r.info().targets.contains(&cx.target))
            .filter_map(|&r| config.severity(r.info()).map(|s| (r, s, r.new_state())))
            .collect();
        let mut linter = Linter {
            cx: cx.clone(),
            active,
            persons: 0,
            activities: 0,
            findings: Vec::new(),
        };
        linter.each(|r, cx, _, out| r.document(cx, out));
        linter
    }

    /// A linter running `rule` alone, at its default severity (for tests and explanations).
    pub fn only(cx: &Context, rule: &'static dyn Rule) -> Self {
        let mut linter = Linter {
            cx: cx.clone(),
            active: vec![(rule, rule.info().severity, rule.new_state())],
            persons: 0,
            activities: 0,
            findings: Vec::new(),
        };
        linter.each(|r, cx, _, out| r.document(cx, out));
        linter
    }

    fn each(&mut self, mut f: impl FnMut(&dyn Rule, &Context, &mut RuleState, &mut Vec<Finding>)) {
        let mut out = Vec::new();
        for (rule, severity, state) in &mut self.active {
            f(*rule, &self.cx, state, &mut out);
            // Most rules find nothing in most persons: skip the draining then.
            if !out.is_empty() {
                self.findings
                    .extend(out.drain(..).map(|finding| (finding, *severity)));
            }
        }
    }

    /// Checks a whole document (for `friends`, every person, then the end of the list).
    pub fn document(&mut self, doc: &Document) {
        match &doc.root {
            Root::Capabilities(c) => self.each(|r, cx, _, out| r.capabilities(cx, c, out)),
            Root::Friends(f) => {
                for p in &f.persons {
                    self.person(p);
                }
                self.end_of_persons();
            }
            Root::Person(p) => {
                self.each(|r, cx, state, out| r.person(cx, p, PersonAt::Root, state, out))
            }
            Root::ActivityFeed(a) => {
                // Activities handed over one by one while the feed was read are not
                // checked again.
                for activity in a.activities.iter().skip(self.activities) {
                    self.activity(activity);
                }
                self.each(|r, cx, _, out| r.feed(cx, a, out));
            }
            Root::HashedAddresses(h) => self.each(|r, cx, _, out| r.hashed(cx, h, out)),
        }
    }

    /// Checks the document's text as written (see [`Rule::text`]).
    pub fn text(&mut self, xml: &str) {
        self.each(|r, cx, _, out| r.text(cx, xml, out));
    }

    /// Checks the next person of a `friends` list.
    pub fn person(&mut self, person: &Person) {
        self.persons += 1;
        let at = PersonAt::InFriends(self.persons);
        self.each(|r, cx, state, out| r.person(cx, person, at, state, out));
    }

    /// Checks the next activity of a feed, as it is read; [`Linter::document`] then checks
    /// only the activities that did not come this way.
    pub fn activity(&mut self, activity: &ActivityDetails) {
        let at = self.activities;
        self.activities += 1;
        self.each(|r, cx, state, out| r.activity(cx, activity, at, state, out));
    }

    /// Ends a `friends` list.
    pub fn end_of_persons(&mut self) {
        let count = self.persons;
        self.each(|r, cx, state, out| r.end_of_persons(cx, count, state, out));
    }
}
