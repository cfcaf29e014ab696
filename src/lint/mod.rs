//! Conformance rules beyond the XSD: what makes a schema-valid document work, or fail, in
//! the OSC.
//!
//! Each rule is one file under `src/lint/rules/`, with an ID (`OSC001`…), a default
//! severity, the generations it applies to, the documentation page it comes from, and an
//! explanation with a bad and a good example. Rules look at the typed [model](crate::model)
//! and report findings by element path, which are turned into line and column afterwards,
//! and only when there is something to place: from the outline the validation kept, or, for
//! a `friends` list, by reading the document again. Friend lists are linted one person at a
//! time; rules that compare persons keep only 64-bit fingerprints of the keys they compare.
//!
//! A program configures the rules through [`LintOptions`] ([`LintConfig`], [`Level`],
//! [`Method`]) and lists them through [`crate::catalog`]. The rule machinery itself (the
//! `Rule` trait, the `Linter`, the linting calls the checker makes) is hidden from the
//! documentation and not part of the API: it is public only so that the crate's integration
//! tests (`tests/one_pass.rs`, `tests/rules_despite_errors.rs`) can hold the single pass
//! to it.

pub(crate) mod apply;
mod config;
#[doc(hidden)]
pub mod rules;
mod run;
pub(crate) mod spelling;

pub use apply::LintOptions;
#[doc(hidden)]
pub use apply::{lint_friends_stream, lint_text};
#[doc(hidden)]
pub use run::Linter;
#[doc(hidden)]
pub use spelling::{Spelled, Written};

use std::fmt;

pub use config::{Level, LintConfig, Method};

use crate::diagnostic::Severity;
use crate::model::{ActivityDetails, ActivityFeed, Capabilities, HashedAddresses, Person};
use crate::version::{Namespace, RootKind, Target};
use crate::xml::ElementPath;
use crate::xml::read::Unreadable;
use crate::xs::XsDateTime;

#[doc(hidden)]
/// What a rule is, for listings, explanations and reports.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable ID, `OSC001`….
    pub id: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// Severity unless the configuration says otherwise.
    pub severity: Severity,
    /// The generations the rule holds for.
    pub targets: &'static [Target],
    /// The documentation page the rule comes from.
    pub source: &'static str,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// Why it matters, in a few sentences.
    pub explanation: &'static str,
    /// A document the rule fires on: `fixtures/invalid/<id>/example.xml`, which ends with
    /// a newline.
    pub bad: &'static str,
    /// The same document, fixed: `fixtures/valid/<id>/example.xml`.
    pub good: &'static str,
    /// The elements the rule reads from the model, by local name, or as `parent/name` where
    /// the name means different things in different places (`person/emailAddress`). Where
    /// one of them could not be read ([`Unreadable`]), the rule does not run on that part of
    /// the document (a person of a list, an activity of a feed, otherwise the whole
    /// document), since what it would see there is not what was written. Empty for rules
    /// that read only values as written ([`Rule::spelled`]), the root or the call.
    pub reads: &'static [&'static str],
    /// The calls of [`Rule`] the rule implements, in the order of the trait; the others
    /// find nothing. A linter calls each rule only where it looks, instead of every rule
    /// for every person and activity. A test holds each rule file to it.
    pub hooks: &'static [Hook],
}

#[doc(hidden)]
/// One of the calls of [`Rule`] that look at a document (see [`RuleInfo::hooks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// [`Rule::document`].
    Document,
    /// [`Rule::written`].
    Written,
    /// [`Rule::capabilities`].
    Capabilities,
    /// [`Rule::person`].
    Person,
    /// [`Rule::end_of_persons`].
    EndOfPersons,
    /// [`Rule::activity`].
    Activity,
    /// [`Rule::feed`].
    Feed,
    /// [`Rule::hashed`].
    Hashed,
}

impl RuleInfo {
    /// Whether the rule reads what `unreadable` left out (see [`RuleInfo::reads`]).
    pub fn reads_any_of(&self, unreadable: &Unreadable) -> bool {
        let Some(name) = unreadable.counts_as.as_deref() else {
            return false;
        };
        self.reads.iter().any(|read| match read.split_once('/') {
            Some((parent, child)) => child == name && parent == unreadable.parent(),
            None => *read == name,
        })
    }
}

/// A rule that did not run on part of a document, because an element it reads there could
/// not be read: its findings there would be about the reading, not the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The rule's ID.
    pub rule: &'static str,
    /// The part of the document the rule did not run on: a person
    /// (`/friends/person[2]`), an activity, or the whole document (`/capabilities`).
    pub unit: String,
    /// What could not be read there.
    pub unreadable: Unreadable,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rule {} skipped for {}: {} could not be read ({})",
            self.rule, self.unit, self.unreadable.path, self.unreadable.reason
        )
    }
}

/// Every generation.
pub(crate) const ALL_TARGETS: &[Target] = &[
    Target::BeforeOutlook2010,
    Target::Outlook2010,
    Target::Outlook2013,
];
/// 1.1 and 2013.
pub(crate) const FROM_1_1: &[Target] = &[Target::Outlook2010, Target::Outlook2013];
/// 2013 only.
pub(crate) const ONLY_2013: &[Target] = &[Target::Outlook2013];
/// 1.0 only.
pub(crate) const ONLY_1_0: &[Target] = &[Target::BeforeOutlook2010];

#[doc(hidden)]
/// One finding of one rule, placed by element path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's ID.
    pub rule: &'static str,
    /// What is wrong.
    pub message: String,
    /// Element path (`/friends/person[3]/index`), as the XSD layer writes it.
    pub path: String,
    /// A character offset into the element's text, for findings inside a value (a template
    /// token in a `title`, say).
    pub text_offset: Option<usize>,
    /// How many characters from `text_offset` the finding covers (a whole token, say); at
    /// least one is shown.
    pub text_chars: usize,
    /// The finding is about the element's value as a whole (an implausible address, a date
    /// in the wrong order), not about the element being there: it underlines the value, or
    /// the start tag when the element has none.
    pub on_value: bool,
    /// The finding is about the value of this attribute of the element: it underlines the
    /// value between its quotes, or the start tag when the attribute is empty or absent.
    pub attribute: Option<&'static str>,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether `oscx fmt --fix` repairs it.
    pub fixable: bool,
}

impl Finding {
    /// A finding at the element `path`.
    pub fn new(rule: &'static str, path: ElementPath, message: impl Into<String>) -> Self {
        Finding {
            rule,
            message: message.into(),
            path: path.into(),
            text_offset: None,
            text_chars: 1,
            on_value: false,
            attribute: None,
            help: None,
            fixable: false,
        }
    }

    /// Adds a hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks it as one `oscx fmt --fix` repairs.
    #[must_use]
    pub fn fixable(mut self) -> Self {
        self.fixable = true;
        self
    }

    /// Underlines the element's whole value: the finding is about what the value says.
    pub fn on_value(mut self) -> Self {
        self.on_value = true;
        self
    }

    /// Underlines the value of the element's attribute `name`: the finding is about what
    /// that value says.
    pub fn on_attribute(mut self, name: &'static str) -> Self {
        self.attribute = Some(name);
        self
    }

    /// Points at a character offset inside the element's text.
    pub fn at_text_offset(mut self, offset: usize) -> Self {
        self.text_offset = Some(offset);
        self
    }

    /// Covers the `chars` characters of the element's text from `offset`: the whole of what
    /// the finding is about.
    pub fn at_text(mut self, offset: usize, chars: usize) -> Self {
        self.text_offset = Some(offset);
        self.text_chars = chars.max(1);
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.rule, self.path, self.message)
    }
}

#[doc(hidden)]
/// What a rule may know about the document and the call it answers.
#[derive(Debug, Clone)]
pub struct Context {
    /// The generation the document is held to.
    pub target: Target,
    /// The document's namespace.
    pub namespace: Namespace,
    /// The document's root.
    pub root: RootKind,
    /// The provider method that returned the document, when known.
    pub method: Option<Method>,
    /// The `hashedAddresses` request a `GetPeopleDetails` answer replies to.
    pub request: Option<HashedAddresses>,
    /// The `startTime` a `GetActivitiesEx` call was given.
    pub start_time: Option<XsDateTime>,
    /// "Now", as seconds since 1970 in UTC, for checks against the future.
    pub now: i64,
}

#[doc(hidden)]
/// Where a person sits: the `person` root, or the `n`th person of a `friends` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonAt {
    /// The `person` root (`GetDetails`).
    Root,
    /// The `n`th `person` (1-based) of a `friends` list.
    InFriends(usize),
}

impl PersonAt {
    /// The element path of the person.
    pub fn path(self) -> ElementPath {
        match self {
            PersonAt::Root => ElementPath::root("person"),
            PersonAt::InFriends(n) => ElementPath::root("friends").nth("person", n),
        }
    }
}

#[doc(hidden)]
/// The parts of an `activityFeed` a rule looks at: each activity on its own
/// ([`Rule::activity`]), the whole feed ([`Rule::feed`]), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    /// One activity at a time.
    Activities,
    /// The whole feed.
    Feed,
    /// Both.
    Both,
}

impl FeedScope {
    /// Whether the rule looks at activities one at a time.
    pub fn activities(self) -> bool {
        matches!(self, FeedScope::Activities | FeedScope::Both)
    }

    /// Whether the rule looks at the whole feed.
    pub fn feed(self) -> bool {
        matches!(self, FeedScope::Feed | FeedScope::Both)
    }
}

#[doc(hidden)]
/// A rule. Every method has a default that finds nothing, so a rule implements only the
/// documents it is about.
pub trait Rule: Sync {
    /// What the rule is.
    fn info(&self) -> &'static RuleInfo;

    /// Which of [`Rule::activity`] and [`Rule::feed`] the rule implements, so that a rule
    /// skipped where what it reads cannot be read is said to be skipped for the part it
    /// looks at (an activity, or the feed). A test holds each rule file to it.
    fn feed_scope(&self) -> FeedScope {
        FeedScope::Feed
    }

    /// The schema finding a finding of this rule explains, when the rule names the cause of
    /// one the schema reports about the same element: the report keeps the rule's finding
    /// only, so that one mistake is said once.
    fn explains(&self) -> Option<crate::diagnostic::Code> {
        None
    }

    /// Checks facts about the whole document: root, namespace, method.
    fn document(&self, _cx: &Context, _out: &mut Vec<Finding>) {}

    /// The elements whose values the rule reads as written, where the model keeps only
    /// what they mean (how a boolean was spelled) or nothing (a value that does not parse).
    /// The reading that builds the model keeps those values beside it, whatever the
    /// document's size and whether the schema accepts it, and hands them to
    /// [`Rule::written`].
    fn spelled(&self) -> &'static [Spelled] {
        &[]
    }

    /// Checks values as written: those of the elements named in [`Rule::spelled`] that are
    /// not among the usual spellings, for one person of a `friends` list at a time (before
    /// [`Rule::person`] sees that person), or for the whole document. Not called when
    /// there are none. Never skipped for what could not be read, since what was written is
    /// what it reads.
    fn written(&self, _cx: &Context, _written: &[Written], _out: &mut Vec<Finding>) {}

    /// Checks a `capabilities` document.
    fn capabilities(&self, _cx: &Context, _caps: &Capabilities, _out: &mut Vec<Finding>) {}

    /// Checks one person. `state` is this rule's memory across the persons of one list,
    /// created by [`Rule::new_state`].
    fn person(
        &self,
        _cx: &Context,
        _person: &Person,
        _at: PersonAt,
        _state: &mut RuleState,
        _out: &mut Vec<Finding>,
    ) {
    }

    /// Called after the last person of a list (also for an empty list).
    fn end_of_persons(
        &self,
        _cx: &Context,
        _count: usize,
        _state: &mut RuleState,
        _out: &mut Vec<Finding>,
    ) {
    }

    /// Checks one activity of a feed; `at` is its index (0-based) and `state` this rule's
    /// memory across the activities of the feed. Called for every activity, in order,
    /// before [`Rule::feed`], and while the feed is still being read when it is read in
    /// the validator's pass: a rule that needs only one activity at a time looks at it
    /// while it is fresh, instead of walking the whole feed again at the end.
    fn activity(
        &self,
        _cx: &Context,
        _activity: &ActivityDetails,
        _at: usize,
        _state: &mut RuleState,
        _out: &mut Vec<Finding>,
    ) {
    }

    /// Checks an `activityFeed` document, after every activity went through
    /// [`Rule::activity`]: what needs the whole feed, such as the templates.
    fn feed(&self, _cx: &Context, _feed: &ActivityFeed, _out: &mut Vec<Finding>) {}

    /// Checks a `hashedAddresses` document.
    fn hashed(&self, _cx: &Context, _hashed: &HashedAddresses, _out: &mut Vec<Finding>) {}

    /// Fresh per-list memory for [`Rule::person`].
    fn new_state(&self) -> RuleState {
        RuleState::default()
    }
}

#[doc(hidden)]
/// Memory a rule keeps across the persons of one list or the activities of one feed:
/// 64-bit fingerprints of keys seen, and counters. Fingerprints keep memory at 8 bytes a person whatever the key's length.
#[derive(Debug, Default)]
pub struct RuleState {
    /// Fingerprints of keys seen so far.
    pub seen: std::collections::HashSet<u64>,
    /// Integer keys seen so far, for keys small enough to keep exactly.
    pub numbers: std::collections::HashMap<i64, usize>,
    /// Fingerprints of keys seen so far, with the index of the first item that had each.
    pub first_at: std::collections::HashMap<u64, usize>,
    /// Integer keys seen so far, with the first item that had each as a message names it
    /// (a person's `userID`, quoted and so cut to a bounded length).
    pub first_named: std::collections::HashMap<i64, String>,
}

/// A stable 64-bit fingerprint of a key (FNV-1a), so that memory per person stays fixed.
///
/// With n keys, the chance that two different keys share a fingerprint is about
/// n² / 2⁶⁵: for a list of one million persons, about 3 × 10⁻⁸.
pub(crate) fn fingerprint(key: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::rules::all;
    use crate::xsd::oracle::generations;

    #[test]
    fn every_element_a_rule_reads_is_declared() {
        let names: BTreeSet<&str> = generations()
            .iter()
            .flat_map(|g| g.element_names())
            .collect();
        let mut wrong = Vec::new();
        for rule in all() {
            for read in rule.info().reads {
                let declared = match read.split_once('/') {
                    Some((parent, child)) => generations()
                        .iter()
                        .any(|g| g.child(parent, child).is_some()),
                    None => names.contains(read),
                };
                if !declared {
                    wrong.push(format!("{}: `{read}`", rule.info().id));
                }
            }
        }
        assert!(wrong.is_empty(), "not declared: {wrong:?}");
    }

    #[test]
    fn each_rule_names_the_calls_it_implements() {
        use super::Hook;
        let calls = [
            ("document", Hook::Document),
            ("written", Hook::Written),
            ("capabilities", Hook::Capabilities),
            ("person", Hook::Person),
            ("end_of_persons", Hook::EndOfPersons),
            ("activity", Hook::Activity),
            ("feed", Hook::Feed),
            ("hashed", Hook::Hashed),
        ];
        let mut checked = 0;
        for (id, code) in super::rules::sources() {
            let implemented: Vec<Hook> = calls
                .iter()
                .filter(|(call, _)| code.contains(&format!("fn {call}(")))
                .map(|(_, hook)| *hook)
                .collect();
            let rule = super::rules::find(&id).expect("the file's rule");
            assert_eq!(rule.info().hooks, implemented, "{id}");
            checked += 1;
        }
        assert_eq!(checked, all().len());
    }

    #[test]
    fn a_qualified_read_matches_only_in_its_parent() {
        use crate::xml::read::{Unreadable, UnreadableKind};
        let unreadable = |path: &str| Unreadable {
            kind: UnreadableKind::InvalidValue,
            path: crate::xml::ElementPath::assembled(path.to_owned()),
            counts_as: Some("emailAddress".to_owned()),
            reason: String::new(),
        };
        let osc036 = super::rules::find("OSC036").expect("a rule").info();
        assert!(osc036.reads_any_of(&unreadable("/person/emailAddress")));
        assert!(osc036.reads_any_of(&unreadable("/friends/person[2]/emailAddress")));
        let in_feed = "/activityFeed/activities/activityDetails[1]/templateVariables/\
                       templateVariable[1]/emailAddress";
        assert!(!osc036.reads_any_of(&unreadable(in_feed)));
        let osc063 = super::rules::find("OSC063").expect("a rule").info();
        assert!(osc063.reads_any_of(&unreadable(in_feed)));
        assert!(!osc063.reads_any_of(&unreadable("/person/emailAddress")));
    }
}
