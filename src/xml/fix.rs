//! The repairs of a lenient reading (`oscx fmt --fix`, [`super::ReadOptions::lenient`]):
//! a mistake with exactly one reading is read as what it stands for, and noted with a
//! `fix::…` code. What has one reading is decided by [`crate::xsd::repair`], which the
//! validator asks too, so that `oscx validate` marks as fixable what is repaired here.

use std::borrow::Cow;

use super::cursor::{Cursor, Element, Items, Mark};
use super::read::{identify_root, read_persons, read_root};
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::error::{Error, TextPos};
use crate::limits::Limits;
use crate::model::{Enumeration, FriendStatus};
use crate::text::{quoted, quoted_value};
use crate::version::{Namespace, RootKind};
use crate::xsd::repair;

/// The note of a repair made at `at`.
pub(crate) fn note(code: &'static str, message: String, at: TextPos) -> Diagnostic {
    Diagnostic::new(
        Code::Fix(code),
        Severity::Info,
        message,
        Location {
            end: None,
            path: String::new(),
            span: 0..0,
            line: at.line,
            column: at.column,
        },
    )
}

impl<S: Items> Cursor<S> {
    /// Notes a repair made at `at`.
    fn repaired(&mut self, code: &'static str, message: String, at: Mark) {
        let at = self.locate(at);
        self.notes.push(note(code, message, at));
    }
}

/// The namespace the `https` spelling `uri` stands for.
pub(crate) fn namespace(uri: &str) -> Option<Namespace> {
    repair::namespace(uri).and_then(Namespace::from_uri)
}

/// The value of `field` (an element or an attribute) written `text` at `at`, in a lenient
/// reading: the one value of the enumeration it differs from in case alone.
pub(crate) fn enumeration<R: Items, T: Enumeration>(
    c: &mut Cursor<R>,
    field: &str,
    text: &str,
    at: Mark,
) -> Option<T> {
    if !c.lenient {
        return None;
    }
    let spelling = repair::value(text, T::ALL.iter().map(|v| v.spelling()))?;
    let value = T::from_spelling(spelling)?;
    let message = format!(
        "{} changed to `{spelling}` in {}",
        quoted_value(text),
        quoted(field)
    );
    c.repaired("fix::enumeration", message, at);
    Some(value)
}

/// The boolean `text` at `at` stands for, in a lenient reading: `True`, `FALSE` and the like.
pub(crate) fn boolean<R: Items>(
    c: &mut Cursor<R>,
    field: &str,
    text: &str,
    at: Mark,
) -> Option<bool> {
    if !c.lenient {
        return None;
    }
    let word = repair::boolean(text)?;
    let message = format!(
        "{} changed to `{word}` in {}",
        quoted_value(text),
        quoted(field)
    );
    c.repaired("fix::boolean", message, at);
    Some(word == "true")
}

/// `notfriend`, for a `friendStatus` the docs' prose spells `nonfriend`, in a lenient
/// reading.
pub(crate) fn friend_status<R: Items>(
    c: &mut Cursor<R>,
    text: &str,
    at: Mark,
) -> Option<FriendStatus> {
    if !c.lenient {
        return None;
    }
    let spelling = repair::friend_status(text)?;
    let message = format!(
        "{} changed to `{spelling}`, the schema's spelling",
        quoted_value(text)
    );
    c.repaired("fix::nonfriend", message, at);
    FriendStatus::from_spelling(spelling)
}

/// `child` under the name it misspells among the children `declared` for its parent, in a
/// lenient reading; as it is when it is declared, or misspells no one name.
pub(crate) fn element_name<R: Items>(
    c: &mut Cursor<R>,
    mut child: Element,
    declared: &'static [&'static str],
) -> Element {
    if declared.contains(&&*child.name) {
        return child;
    }
    if let Some(name) = repair::element_name(&child.name, declared.iter().copied()) {
        let message = format!("element {} renamed `{name}`", quoted(&child.name));
        c.repaired("fix::element-name", message, child.pos);
        child.name = Cow::Borrowed(name);
    }
    child
}

/// Whether a lenient reading reads `text` whole: then `oscx fmt --fix` makes every repair
/// the document needs and writes it, and each finding the validator marked as fixable in
/// it is repaired; otherwise `oscx fmt --fix` refuses the document and repairs nothing.
/// The persons of a `friends` list are dropped as they are read.
pub(crate) fn repairable(text: &str, limits: Limits) -> bool {
    let mut c = Cursor::in_text(text, true, limits);
    let mut read = || -> Result<(), Error> {
        let root = c.root()?;
        let (_, kind) = identify_root(&mut c, &root)?;
        if kind == RootKind::Friends {
            c.no_attributes(&root)?;
            read_persons(&mut c, &root, &mut drop)?;
        } else {
            read_root(&mut c, &root, kind)?;
        }
        c.finish()
    };
    read().is_ok()
}
