//! How values were written, where the model keeps only what they mean.
//!
//! The model holds a capabilities boolean as `true` or `false` whether the document wrote
//! `true`, `1` or ` true `, and holds nothing where a value did not parse (a
//! `friendStatus` of `nonfriend`). The rules about such spellings name the elements they
//! look at ([`Rule::spelled`](super::Rule::spelled)), and the reading that builds the model
//! keeps the values of those elements as written beside it: [`Watch`] sits between the
//! source of items and the model reader, whichever the source is (the validator's record of
//! a valid document, or the text of one the schema refuses, whole or streamed), so the rules
//! see the same values at any size, without a second reading of the document.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use super::rules::all;
use crate::error::{Error, TextPos};
use crate::xml::ElementPath;
use crate::xml::cursor::{Element, Item, Items, Mark};

/// Elements whose values a rule reads as written (see
/// [`Rule::spelled`](super::Rule::spelled)).
#[derive(Debug)]
pub struct Spelled {
    /// The local name of the elements' parent. Values are kept for the children of the
    /// root, and of each `person` of a `friends` list: where the units the rules look at
    /// (a document, a person) keep their values.
    pub parent: &'static str,
    /// The local names of the elements.
    pub names: &'static [&'static str],
    /// Spellings the rule has no use for, such as `true` and `false` for a rule about
    /// booleans written otherwise: they are not kept, so that a document written as usual
    /// costs nothing per person.
    pub usual: &'static [&'static str],
}

/// One value as written: the element's text with references resolved and line ends
/// normalised, as the reader reads it, but neither trimmed nor parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The element's local name, as the rule named it in [`Spelled::names`].
    pub element: &'static str,
    /// The element path as the XSD layer writes it: `/friends/person[3]/friendStatus`.
    pub path: ElementPath,
    /// The text.
    pub text: String,
}

/// The elements some rule reads as written, by parent, with the spellings each rule has no
/// use for.
struct Wanted {
    parent: &'static str,
    names: Vec<(&'static str, &'static [&'static str])>,
}

/// What every rule reads as written, gathered once. Rules turned off by the configuration
/// are included: the few values they keep cost nothing, and the table stays one for all
/// documents.
fn wanted() -> &'static [Wanted] {
    static WANTED: OnceLock<Vec<Wanted>> = OnceLock::new();
    WANTED.get_or_init(|| {
        let mut out: Vec<Wanted> = Vec::new();
        for spelled in all().iter().flat_map(|rule| rule.spelled()) {
            let at = match out.iter().position(|w| w.parent == spelled.parent) {
                Some(at) => at,
                None => {
                    out.push(Wanted {
                        parent: spelled.parent,
                        names: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            out[at]
                .names
                .extend(spelled.names.iter().map(|&name| (name, spelled.usual)));
        }
        out
    })
}

/// The values kept so far, shared between the [`Watch`] inside the model reader's cursor
/// and the code that hands them to the rules as each person, or the document, is read.
pub(crate) type Kept = Rc<RefCell<Vec<Written>>>;

/// Takes the values kept so far.
pub(crate) fn take(kept: &Kept) -> Vec<Written> {
    std::mem::take(&mut *kept.borrow_mut())
}

/// A source of items that passes every item on unchanged, and keeps the values of the
/// elements some rule reads as written ([`Spelled`]) in [`Kept`].
///
/// It follows only the depth and the units: the root, or each `person` of a `friends`
/// list, and their children. A kept value is complete when its element's end tag has been
/// passed on, so it is there to be taken when the reader has read the person or the
/// document it belongs to. Namespaces are not looked at, so that a value is kept even in a
/// document whose root's namespace the reader refuses (the `https` spelling of an OSC
/// namespace).
pub(crate) struct Watch<S> {
    source: S,
    kept: Kept,
    /// Elements open.
    depth: usize,
    /// The root is a `friends` list: the units are its persons.
    list: bool,
    /// The root's local name, for paths.
    root: Cow<'static, str>,
    /// `person` elements of the list so far.
    persons: usize,
    /// What is wanted of the children of the unit open now, if anything.
    unit: Option<&'static Wanted>,
    /// The child of the unit being read, when its value is wanted, with the spellings that
    /// are not kept.
    child: Option<(&'static str, &'static [&'static str])>,
    /// Its text so far; kept across values, so that the buffer is allocated once.
    text: String,
    /// The root is read and is not a list, and no rule wants its children's values:
    /// nothing more is kept, and the items pass without being followed. Most items of a
    /// feed, the longest of the small documents, then cost nothing here.
    idle: bool,
}

impl<S: Items> Watch<S> {
    /// Watches `source`, keeping values in `kept`.
    pub(crate) fn new(source: S, kept: Kept) -> Self {
        Watch {
            source,
            kept,
            depth: 0,
            list: false,
            root: Cow::Borrowed(""),
            persons: 0,
            unit: None,
            child: None,
            text: String::new(),
            idle: false,
        }
    }

    /// The depth of the units' children: 2 for the root's, 3 for a listed person's.
    fn child_depth(&self) -> usize {
        if self.list { 3 } else { 2 }
    }

    /// Follows one item. Kept out of line, so that the reader's step to the next item,
    /// taken millions of times in a long list, grows by one call and no more: inlined, it
    /// made that step too large to be inlined itself, which cost more than the call.
    #[inline(never)]
    fn follow(&mut self, item: &Item) {
        match item {
            Item::Start(e) => self.start(e),
            Item::End => self.end(),
            // A value may come in pieces (text, a reference, a CDATA section).
            Item::Text(t) if self.child.is_some() && self.depth == self.child_depth() => {
                self.text.push_str(t);
            }
            _ => {}
        }
    }

    fn start(&mut self, element: &Element) {
        let (name, empty) = (&element.name, element.empty);
        let depth = self.depth + 1;
        if depth == 1 {
            self.list = name == "friends";
            self.root = name.clone();
            self.persons = 0;
            self.unit = if self.list { None } else { wanted_of(name) };
            // The reader reads one root: what follows it is never asked for.
            self.idle = !self.list && self.unit.is_none();
        } else if self.list && depth == 2 {
            self.unit = if name == "person" {
                self.persons += 1;
                wanted_of(name)
            } else {
                None
            };
        } else if depth == self.child_depth() {
            self.child = self.unit.and_then(|unit| {
                unit.names
                    .iter()
                    .find(|(wanted, _)| *wanted == name)
                    .copied()
            });
            self.text.clear();
            if empty {
                // No end tag follows: the value is empty.
                self.value_done();
            }
        }
        if !empty {
            self.depth = depth;
        }
    }

    fn end(&mut self) {
        if self.child.is_some() && self.depth == self.child_depth() {
            self.value_done();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    /// The wanted child being read ends: its value is kept unless it is usual.
    fn value_done(&mut self) {
        let Some((name, usual)) = self.child.take() else {
            return;
        };
        if usual.contains(&self.text.as_str()) {
            return;
        }
        let path = if self.list {
            ElementPath::root("friends")
                .nth("person", self.persons)
                .child(name)
        } else {
            ElementPath::root(&self.root).child(name)
        };
        self.kept.borrow_mut().push(Written {
            element: name,
            path,
            text: self.text.clone(),
        });
    }
}

/// What is wanted of the children of an element named `parent`.
fn wanted_of(parent: &str) -> Option<&'static Wanted> {
    wanted().iter().find(|w| w.parent == parent)
}

impl<S: Items> Items for Watch<S> {
    #[inline(always)]
    fn next_item(&mut self, expected: Option<&str>, keep_text: bool) -> Result<Item, Error> {
        // The result goes back as it came, not unwrapped and wrapped again: the item is
        // looked at where it lies, never moved on the way.
        let next = self.source.next_item(expected, keep_text);
        if let Ok(item) = &next {
            if !self.idle {
                self.follow(item);
            }
        }
        next
    }

    fn mark(&mut self) -> Mark {
        self.source.mark()
    }

    fn locate(&mut self, mark: Mark) -> TextPos {
        self.source.locate(mark)
    }

    fn value(&mut self) -> Option<String> {
        self.value_with(&mut str::to_owned)
    }

    fn value_with<T>(&mut self, read: &mut impl FnMut(&str) -> T) -> Option<T> {
        // What following the text item and the end tag one by one would do.
        let watched = self.child.is_some() && self.depth == self.child_depth();
        let kept = &mut self.text;
        let value = self.source.value_with(&mut |text: &str| {
            if watched {
                kept.push_str(text);
            }
            read(text)
        })?;
        if !self.idle {
            self.end();
        }
        Some(value)
    }
}

/// Every value `text` holds that some rule reads as written, read tolerantly: for the rules'
/// unit tests, which read their examples with the strict reader.
#[cfg(test)]
pub(crate) fn written_in(text: &str) -> Vec<Written> {
    use crate::xml::cursor::{Cursor, XmlItems};
    let kept = Kept::default();
    let source = Watch::new(
        XmlItems::in_text(text, crate::limits::Limits::default()),
        kept.clone(),
    );
    let mut c = Cursor::over(source, false).tolerant(crate::xml::read::children);
    if let Ok(root) = c.root() {
        // Reading past the root passes every item through the watch; what does not read
        // ends the reading, as it ends the reader's.
        let _ = c.skip(&root);
    }
    take(&kept)
}

#[cfg(test)]
mod tests {
    use super::written_in;

    const NS: &str = crate::version::NS_1_1;

    #[test]
    fn values_are_kept_in_pieces_and_in_units_with_their_paths() {
        let xml = format!(
            "<friends xmlns=\"{NS}\">\
             <person><userID>a</userID><friendStatus>friend</friendStatus></person>\
             <person/>\
             <other><friendStatus>nonfriend</friendStatus></other>\
             <person><userID>nonfriend</userID><friendStatus>non<!-- x -->&#102;riend<![CDATA[!]]></friendStatus></person>\
             </friends>"
        );
        let found: Vec<(String, String)> = written_in(&xml)
            .into_iter()
            .map(|w| (w.path.into(), w.text))
            .collect();
        // The usual spelling is not kept; neither is a value outside the units, nor an
        // element no rule reads as written.
        assert_eq!(
            found,
            [(
                "/friends/person[3]/friendStatus".to_owned(),
                "nonfriend!".to_owned()
            )]
        );
    }

    #[test]
    fn the_children_of_the_root_are_its_unit() {
        let xml = format!(
            "<capabilities xmlns=\"{NS}\"><getFriends> 1 </getFriends><cacheFriends/>\
             <followPerson>true</followPerson><hashFunction>1</hashFunction></capabilities>"
        );
        let found: Vec<(&str, String, String)> = written_in(&xml)
            .into_iter()
            .map(|w| (w.element, w.path.into(), w.text))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "getFriends",
                    "/capabilities/getFriends".to_owned(),
                    " 1 ".to_owned()
                ),
                (
                    "cacheFriends",
                    "/capabilities/cacheFriends".to_owned(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn values_read_back_from_the_record_are_those_of_the_text() {
        use super::{Kept, Watch, take};
        use crate::xml::record::{Recorder, read_back};
        // Read back from the validator's record, a value is taken in one step
        // (`Items::value`) instead of item by item: the same values are kept.
        let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
        let mut compared = 0;
        while let Some(dir) = dirs.pop() {
            for file in std::fs::read_dir(dir).expect("fixtures").flatten() {
                if file.path().is_dir() {
                    dirs.push(file.path());
                    continue;
                }
                let Ok(xml) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let mut recorder = Recorder::new(());
                let report = crate::xsd::Validator::auto().validate_text_observed(
                    &xml,
                    Vec::new(),
                    &mut recorder,
                );
                if !report.is_valid() || recorder.broken().is_some() {
                    continue;
                }
                let kept = Kept::default();
                let read = read_back(Watch::new(recorder.replay(), kept.clone()), |_| {});
                if read.is_err() {
                    continue;
                }
                let recorded = take(&kept);
                compared += usize::from(!recorded.is_empty());
                assert_eq!(recorded, written_in(&xml), "{}", file.path().display());
            }
        }
        // The rules about spellings have valid examples of their own.
        assert!(
            compared >= 2,
            "only {compared} documents with values compared"
        );
    }

    #[test]
    fn a_root_the_reader_refuses_still_has_its_values_read() {
        let xml = "<friends xmlns=\"https://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\
                   <person><friendStatus>nonfriend</friendStatus></person></friends>";
        let found: Vec<String> = written_in(xml).into_iter().map(|w| w.path.into()).collect();
        assert_eq!(found, ["/friends/person[1]/friendStatus"]);
    }
}
