//! Helpers for the rules' unit tests.

use crate::lint::spelling::written_in;
use crate::lint::{Context, Finding, Linter, Method, Rule};
use crate::model::HashedAddresses;
use crate::version::{Namespace, RootKind, Target};
use crate::xs::XsDateTime;

/// "Now" in tests: 2100-01-01, so nothing in the examples lies in the future.
pub const TEST_NOW: i64 = 4_102_444_800;

/// The findings `rule` alone reports on `xml`, with the target the namespace implies.
pub fn findings_of(rule: &'static dyn Rule, xml: &str) -> Vec<Finding> {
    findings_in(rule, xml, Setup::default())
}

/// What a test may set beyond the document.
#[derive(Default)]
pub struct Setup {
    /// The target (default: the one the namespace implies).
    pub target: Option<Target>,
    /// The method the document answers.
    pub method: Option<Method>,
    /// The request of a `GetPeopleDetails` answer.
    pub request: Option<HashedAddresses>,
    /// The start time of a `GetActivitiesEx` call.
    pub start_time: Option<XsDateTime>,
}

/// The findings `rule` reports on `xml` under `setup`.
pub fn findings_in(rule: &'static dyn Rule, xml: &str, setup: Setup) -> Vec<Finding> {
    let doc = crate::xml::read_str(xml).unwrap_or_else(|e| panic!("example reads: {e}\n{xml}"));
    let cx = Context {
        target: setup.target.unwrap_or(doc.namespace.default_target()),
        namespace: doc.namespace,
        root: doc.root.kind(),
        method: setup.method,
        request: setup.request,
        start_time: setup.start_time,
        now: TEST_NOW,
    };
    let mut linter = Linter::only(&cx, rule);
    linter.written(&written_in(xml));
    linter.document(&doc);
    linter.findings.into_iter().map(|(f, _)| f).collect()
}

/// The findings `rule` reports on the values of `xml` as written alone, taken as a
/// 1.1-namespace document with `root`: how `oscx validate` still runs the rules about
/// spellings on a document the reader refuses, for examples that do not read into the model.
pub fn text_findings(rule: &'static dyn Rule, xml: &str, root: RootKind) -> Vec<Finding> {
    let cx = Context {
        target: Namespace::Osc11.default_target(),
        namespace: Namespace::Osc11,
        root,
        method: None,
        request: None,
        start_time: None,
        now: TEST_NOW,
    };
    let mut linter = Linter::only(&cx, rule);
    linter.written(&written_in(xml));
    linter.findings.into_iter().map(|(f, _)| f).collect()
}
