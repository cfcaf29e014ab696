//! Reading the W3C XML Schema Test Suite's metadata: `suite.xml`, the test sets it lists,
//! and in them the test groups that apply to an XSD 1.0 processor, with the suite's XSD 1.0
//! expectations.
//!
//! The metadata vocabulary is described by `common/xsts.xsd` in the suite. Two of its rules
//! decide what we run and against what:
//! - a `version` attribute on `testSet`, `testGroup`, `schemaTest` or `instanceTest` lists
//!   tokens joined by *or*: the tests apply to a processor supporting any one of them;
//! - on `expected`, the tokens are joined by *and*: the outcome is prescribed for a
//!   processor supporting all of them.
//!
//! Our processor's configuration is [`CONFIGURATION`].

use std::fs;
use std::path::{Component, Path, PathBuf};

use roxmltree::{Document, Node, ParsingOptions};

/// The suite metadata's namespace.
const TS: &str = "http://www.w3.org/XML/2004/xml-schema-test-suite/";
/// XLink's namespace, which holds the `href` of every reference.
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// The version tokens our processor supports, one from each family of mutually exclusive
/// tokens the suite defines (`ts:known-token` in `common/xsts.xsd`): XSD 1.0, its second
/// edition, XML 1.0 fifth edition, and Unicode 6.0.0, the newest Unicode version the suite
/// names and the closest to the tables Rust's `char` and regular-expression crates carry.
/// XSD 1.1-only features (`full-xpath-in-CTA`, `CTR-all-*`...) are left out.
pub const CONFIGURATION: &[&str] = &["1.0", "1.0-2e", "XML-1.0", "XML-1.0-5e", "Unicode_6.0.0"];

/// What the suite prescribes for a test, for our configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// `valid`: a conforming schema, or a valid instance.
    Valid,
    /// `invalid`: a non-conforming schema, or an invalid instance.
    Invalid,
    /// Another outcome, such as `indeterminate` or `implementation-dependent`: nothing to
    /// judge a verdict against.
    Other(String),
    /// No `expected` element applies to our configuration.
    Missing,
}

impl Expected {
    /// The word used in reports.
    pub fn word(&self) -> &str {
        match self {
            Expected::Valid => "valid",
            Expected::Invalid => "invalid",
            Expected::Other(word) => word,
            Expected::Missing => "none",
        }
    }
}

/// One instance test of a group.
#[derive(Debug, Clone)]
pub struct InstanceTest {
    /// The instance document, relative to the suite's directory.
    pub path: PathBuf,
    /// The suite's expectation for XSD 1.0.
    pub expected: Expected,
}

/// Why a test group is not run, or that it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The group, its test set or its schema test applies to other versions of XSD only.
    NotXsd10,
    /// The group has no schema test: its instances use the built-in types alone.
    NoSchemaTest,
    /// The schema is made of several documents: not attempted yet.
    MultiDocument,
    /// The schema is one document: run.
    SingleDocument,
}

/// One test group, as the runner needs it.
#[derive(Debug, Clone)]
pub struct Group {
    /// The `name` of the test set the group belongs to.
    pub set: String,
    /// The group's `name`.
    pub name: String,
    /// Whether the group is run, and if not why.
    pub scope: Scope,
    /// The schema documents, relative to the suite's directory.
    pub schema_documents: Vec<PathBuf>,
    /// The suite's expectation for the schema, for XSD 1.0.
    pub schema_expected: Expected,
    /// The instance tests that apply to XSD 1.0.
    pub instances: Vec<InstanceTest>,
}

/// The suite as read: its groups, and the test sets `suite.xml` lists that could not be read.
#[derive(Debug, Default)]
pub struct Suite {
    /// Every test group of every test set that was read, in suite order.
    pub groups: Vec<Group>,
    /// The test sets listed and read.
    pub sets_read: usize,
    /// The test sets listed but not read: their path and why.
    pub sets_unread: Vec<(PathBuf, String)>,
}

/// Reads `suite.xml` in `dir` and every test set it lists. A test set that cannot be read is
/// noted in [`Suite::sets_unread`] and the others are read.
///
/// # Errors
/// A message when `suite.xml` itself cannot be read.
pub fn read(dir: &Path) -> Result<Suite, String> {
    let index = dir.join("suite.xml");
    let text = fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let doc = parse(&text).map_err(|e| format!("{}: {e}", index.display()))?;
    let mut suite = Suite::default();
    for set_ref in ts_children(doc.root_element(), "testSetRef") {
        let Some(href) = set_ref.attribute((XLINK, "href")) else {
            continue;
        };
        let path = normalise(Path::new(href));
        match read_set(dir, &path) {
            Ok(groups) => {
                suite.sets_read += 1;
                suite.groups.extend(groups);
            }
            Err(why) => suite.sets_unread.push((path, why)),
        }
    }
    Ok(suite)
}

/// The groups of one test set, `path` being relative to the suite's directory.
fn read_set(dir: &Path, path: &Path) -> Result<Vec<Group>, String> {
    let text = fs::read_to_string(dir.join(path)).map_err(|e| e.to_string())?;
    let doc = parse(&text)?;
    let set = doc.root_element();
    if set.tag_name().namespace() != Some(TS) || set.tag_name().name() != "testSet" {
        return Err("the root element is not `testSet`".into());
    }
    let set_name = set.attribute("name").unwrap_or_default().to_string();
    let base = path.parent().unwrap_or(Path::new(""));
    let set_applies = applies(set);
    let mut groups = Vec::new();
    for group in ts_children(set, "testGroup") {
        let schema_test = ts_children(group, "schemaTest").next();
        let schema_documents: Vec<PathBuf> = schema_test
            .into_iter()
            .flat_map(|test| ts_children(test, "schemaDocument"))
            .filter_map(|d| d.attribute((XLINK, "href")))
            .map(|href| normalise(&base.join(href)))
            .collect();
        let scope = if !set_applies || !applies(group) || schema_test.is_some_and(|t| !applies(t)) {
            Scope::NotXsd10
        } else if schema_test.is_none() {
            Scope::NoSchemaTest
        } else if schema_documents.len() == 1 {
            Scope::SingleDocument
        } else {
            Scope::MultiDocument
        };
        let instances = ts_children(group, "instanceTest")
            .filter(|test| applies(*test))
            .filter_map(|test| {
                let document = ts_children(test, "instanceDocument").next()?;
                let href = document.attribute((XLINK, "href"))?;
                Some(InstanceTest {
                    path: normalise(&base.join(href)),
                    expected: expected(test),
                })
            })
            .collect();
        groups.push(Group {
            set: set_name.clone(),
            name: group.attribute("name").unwrap_or_default().to_string(),
            scope,
            schema_documents,
            schema_expected: schema_test.map_or(Expected::Missing, expected),
            instances,
        });
    }
    Ok(groups)
}

fn parse(text: &str) -> Result<Document<'_>, String> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| e.to_string())
}

/// The children of `node` named `name` in the suite's namespace.
fn ts_children<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.tag_name().namespace() == Some(TS) && c.tag_name().name() == name)
}

/// Whether a test set, group or test applies to our configuration: no `version`, an empty
/// one, or one naming any token we support.
fn applies(node: Node<'_, '_>) -> bool {
    match node.attribute("version") {
        None => true,
        Some(tokens) => {
            let mut tokens = tokens.split_whitespace().peekable();
            tokens.peek().is_none() || tokens.any(|t| CONFIGURATION.contains(&t))
        }
    }
}

/// The expectation of a schema or instance test for our configuration: the `expected`
/// element all of whose version tokens we support, one with tokens before one without.
fn expected(test: Node<'_, '_>) -> Expected {
    let mut found: Option<(bool, &str)> = None;
    for e in ts_children(test, "expected") {
        let version = e.attribute("version").unwrap_or_default();
        let specific = !version.trim().is_empty();
        if !version
            .split_whitespace()
            .all(|t| CONFIGURATION.contains(&t))
        {
            continue;
        }
        if found.is_none_or(|(was_specific, _)| specific && !was_specific) {
            found = Some((specific, e.attribute("validity").unwrap_or_default()));
        }
    }
    match found {
        None => Expected::Missing,
        Some((_, "valid")) => Expected::Valid,
        Some((_, "invalid")) => Expected::Invalid,
        Some((_, other)) => Expected::Other(other.to_string()),
    }
}

/// `path` with `.` and `dir/..` removed, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
