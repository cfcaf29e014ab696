//! The streaming evaluation of identity constraints: which scopes are open, which
//! elements their selectors picked, what each picked element's fields found, and the
//! tables of key-sequences, all dropped when their element closes.

pub(crate) use super::value::KeyValue;
use super::value::{KeySeq, Table};
use super::xpath::NameTest;
use super::{Category, Constraint};
use crate::xsd::schema::{ContentRef, Schema};

/// An attribute of an element, as a field may select it.
#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// Its namespace.
    pub ns: Option<String>,
    /// Its local name.
    pub local: String,
    /// Its typed value; `None` when it is not a value of its type (reported as such).
    pub value: Option<KeyValue>,
}

/// What an element that a field selected turned out to hold, told when it closes.
#[derive(Debug, Clone)]
pub(crate) enum Closing {
    /// A simple value; `None` when the text is not a value of the type.
    Simple(Option<KeyValue>),
    /// Element content: no value to compare.
    Complex,
    /// `xsi:nil="true"`.
    Nil,
}

/// A constraint broken, to be reported at the start tag `at..after` of the element it is
/// about; `path` is that element's path when it has closed already, `None` when it is the
/// element closing now.
#[derive(Debug)]
pub(crate) struct Found<M> {
    pub at: M,
    pub after: M,
    pub path: Option<String>,
    pub message: String,
}

/// What one field of a selected element found so far.
#[derive(Debug, Clone)]
enum Field {
    Absent,
    /// An element, whose value comes when it closes.
    Pending,
    Value(KeyValue),
    /// A value that is not one of its type: that is reported, and the element is left out.
    Unusable,
    Many,
    NotSimple,
    Nilled,
}

#[derive(Debug)]
struct Scope<M> {
    constraint: u32,
    depth: usize,
    table: Table,
    /// A keyref's sequences not yet found in the referenced table, with where they are.
    refs: Vec<(KeySeq, M, M, String)>,
}

#[derive(Debug)]
struct Target<M> {
    scope: usize,
    depth: usize,
    at: M,
    after: M,
    fields: Vec<Field>,
}

/// The open scopes, selected elements and tables of one document.
#[derive(Debug)]
pub(crate) struct Tracker<M> {
    /// The names of the open elements, outermost first, each with whether it is in the
    /// target namespace (or in none).
    names: Vec<(u32, bool)>,
    scopes: Vec<Scope<M>>,
    targets: Vec<Target<M>>,
    /// Element fields waiting for their element to close: its depth, the target, the field.
    wanted: Vec<(usize, usize, usize)>,
}

impl<M> Default for Tracker<M> {
    fn default() -> Self {
        Tracker {
            names: Vec::new(),
            scopes: Vec::new(),
            targets: Vec::new(),
            wanted: Vec::new(),
        }
    }
}

fn constraint(schema: &Schema, id: u32) -> Option<&Constraint> {
    schema.identity.constraints.get(id as usize)
}

impl<M: Copy> Tracker<M> {
    /// An element named `name` (in the target namespace if `qualified`, else in none) with
    /// declared content `content` starts, its start tag at
    /// `at..after`; `attrs` lists its attributes when a field needs them. Returns whether
    /// the element's value is wanted when it closes.
    pub(crate) fn enter(
        &mut self,
        schema: &Schema,
        (name, content, qualified): (u32, ContentRef, bool),
        (at, after): (M, M),
        mut attrs: impl FnMut() -> Vec<Attr>,
    ) -> bool {
        self.names.push((name, qualified));
        let depth = self.names.len();
        for &c in schema.identity.of(name, content) {
            self.scopes.push(Scope {
                constraint: c,
                depth,
                table: Table::default(),
                refs: Vec::new(),
            });
        }
        if self.scopes.is_empty() {
            return false;
        }
        let tns = schema.target_namespace();
        let element = |t: &NameTest, &(id, qualified): &(u32, bool)| {
            t.matches(tns.filter(|_| qualified), schema.name(id))
        };
        for (s, scope) in self.scopes.iter().enumerate() {
            let Some(c) = constraint(schema, scope.constraint) else {
                continue;
            };
            let chain = self.names.get(scope.depth..).unwrap_or(&[]);
            if c.selector.iter().any(|p| p.reaches(chain, element)) {
                self.targets.push(Target {
                    scope: s,
                    depth,
                    at,
                    after,
                    fields: vec![Field::Absent; c.fields.len()],
                });
            }
        }
        let mut listed: Option<Vec<Attr>> = None;
        let mut wants = false;
        for (t, target) in self.targets.iter_mut().enumerate() {
            let Some(c) = self
                .scopes
                .get(target.scope)
                .and_then(|s| constraint(schema, s.constraint))
            else {
                continue;
            };
            let chain = self.names.get(target.depth..).unwrap_or(&[]);
            for (f, (_, paths)) in c.fields.iter().enumerate() {
                let mut nodes = 0usize;
                let mut found = Field::Absent;
                let reached = |with_attribute: bool| {
                    paths.iter().filter(move |p| {
                        p.attribute.is_some() == with_attribute && p.reaches(chain, element)
                    })
                };
                if reached(false).next().is_some() {
                    nodes += 1;
                    found = Field::Pending;
                }
                let tests: Vec<&NameTest> =
                    reached(true).filter_map(|p| p.attribute.as_ref()).collect();
                if !tests.is_empty() {
                    for a in listed.get_or_insert_with(&mut attrs).iter() {
                        if tests.iter().any(|t| t.matches(a.ns.as_deref(), &a.local)) {
                            nodes += 1;
                            found = a.value.clone().map_or(Field::Unusable, Field::Value);
                        }
                    }
                }
                let Some(slot) = target.fields.get_mut(f) else {
                    continue;
                };
                match (nodes, &*slot) {
                    (0, _) => {}
                    (1, Field::Absent) => {
                        if matches!(found, Field::Pending) {
                            wants = true;
                            self.wanted.push((depth, t, f));
                        }
                        *slot = found;
                    }
                    _ => *slot = Field::Many,
                }
            }
        }
        wants
    }

    /// The innermost open element closes, holding `closing`; `path` gives its element path.
    /// Returns what it broke, in the order found.
    pub(crate) fn close(
        &mut self,
        schema: &Schema,
        closing: impl FnOnce() -> Closing,
        path: impl Fn() -> String,
    ) -> Vec<Found<M>> {
        let depth = self.names.len();
        let mut found = Vec::new();
        if self.scopes.is_empty() {
            self.names.pop();
            return found;
        }
        let mut closing = Some(closing);
        let mut held = None;
        while let Some(&(_, t, f)) = self.wanted.last().filter(|w| w.0 == depth) {
            self.wanted.pop();
            if held.is_none() {
                held = closing.take().map(|c| c());
            }
            let slot = self.targets.get_mut(t).and_then(|t| t.fields.get_mut(f));
            if let (Some(slot @ Field::Pending), Some(held)) = (slot, &held) {
                *slot = match held {
                    Closing::Simple(Some(v)) => Field::Value(v.clone()),
                    Closing::Simple(None) => Field::Unusable,
                    Closing::Complex => Field::NotSimple,
                    Closing::Nil => Field::Nilled,
                };
            }
        }
        while self.targets.last().is_some_and(|t| t.depth == depth) {
            if let Some(target) = self.targets.pop() {
                self.judge(schema, target, &path, &mut found);
            }
        }
        // Every scope of this element is checked while all of them are open: a keyref's
        // key may be declared before or after it.
        let first = self
            .scopes
            .iter()
            .rposition(|s| s.depth != depth)
            .map_or(0, |k| k + 1);
        for k in first..self.scopes.len() {
            self.check_refs(schema, k, &mut found);
        }
        self.scopes.truncate(first);
        self.names.pop();
        found
    }

    /// A selected element has closed: its key-sequence goes into its scope's table.
    fn judge(
        &mut self,
        schema: &Schema,
        target: Target<M>,
        path: &impl Fn() -> String,
        found: &mut Vec<Found<M>>,
    ) {
        let Some(scope) = self.scopes.get_mut(target.scope) else {
            return;
        };
        let Some(c) = constraint(schema, scope.constraint) else {
            return;
        };
        let word = c.category.word();
        let name = &c.name;
        let mut report = |message: String| {
            found.push(Found {
                at: target.at,
                after: target.after,
                path: None,
                message,
            });
        };
        let mut values = Vec::with_capacity(target.fields.len());
        for (field, (xpath, _)) in target.fields.iter().zip(c.fields.iter()) {
            let said = match field {
                Field::Value(v) => {
                    values.push(v.clone());
                    continue;
                }
                Field::Many => format!("field `{xpath}` selects more than one node"),
                Field::NotSimple => format!(
                    "field `{xpath}` selects an element whose type is not simple, which has no value"
                ),
                Field::Absent | Field::Pending if c.category == Category::Key => format!(
                    "field `{xpath}` selects nothing here, and every field of a key must have a value"
                ),
                Field::Nilled if c.category == Category::Key => {
                    format!("field `{xpath}` selects an element that is nil")
                }
                Field::Absent | Field::Pending | Field::Nilled | Field::Unusable => return,
            };
            report(format!("{word} `{name}`: {said}"));
            return;
        }
        let seq = KeySeq(values);
        let scope_name = self
            .names
            .get(scope.depth.saturating_sub(1))
            .map_or("", |&(n, _)| schema.name(n));
        match c.category {
            Category::Key | Category::Unique => {
                if scope.table.contains(&seq) {
                    report(format!(
                        "{word} `{name}`: the value {} occurs more than once in `{scope_name}`",
                        seq.describe()
                    ));
                } else {
                    scope.table.insert(seq);
                }
            }
            Category::KeyRef(_) => scope.refs.push((seq, target.at, target.after, path())),
        }
    }

    /// A scope closes: a keyref's sequences must be in the referenced constraint's table,
    /// the scope of the same element, which is still open.
    fn check_refs(&mut self, schema: &Schema, k: usize, found: &mut Vec<Found<M>>) {
        let Some(scope) = self.scopes.get_mut(k) else {
            return;
        };
        let refs = std::mem::take(&mut scope.refs);
        let (depth, id) = (scope.depth, scope.constraint);
        let Some(c) = constraint(schema, id) else {
            return;
        };
        let Category::KeyRef(refer) = c.category else {
            return;
        };
        let referred = self
            .scopes
            .iter()
            .rev()
            .find(|s| s.depth == depth && s.constraint == refer);
        let refer_name = constraint(schema, refer).map_or("", |r| &r.name);
        let scope_name = self
            .names
            .get(depth.saturating_sub(1))
            .map_or("", |&(n, _)| schema.name(n));
        for (seq, at, after, path) in refs {
            if referred.is_some_and(|r| r.table.contains(&seq)) {
                continue;
            }
            found.push(Found {
                at,
                after,
                path: Some(path),
                message: format!(
                    "keyref `{}`: no `{refer_name}` in `{scope_name}` has the value {}",
                    c.name,
                    seq.describe()
                ),
            });
        }
    }
}
