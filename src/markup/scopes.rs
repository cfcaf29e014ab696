//! Namespace scopes and the matching of end tags with start tags, for every reader of the
//! crate (the validator's two drivers and the model reader's two sources).

use quick_xml::errors::IllFormedError;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{Namespace, NamespaceError, NamespaceResolver};

use super::NameKey;
use super::mistake;
use super::wellformed::{Refusal, attribute_value, check_markup};

/// The open elements as the reader sees them: their names, to match end tags, and their
/// namespace scopes.
///
/// quick-xml matches end tags only within one reader, and the validator reads a stream with
/// a new reader for every chunk, so every reader of the crate matches them here instead,
/// with quick-xml's own error. Scopes are kept as quick-xml's `NsReader` keeps them (same
/// resolver, same errors, same limits) but cheaper: `NsReader` opens a scope on every
/// element and walks its attributes for declarations, while here an element without
/// attributes, which cannot declare anything, only moves a depth counter.
pub(crate) struct Scopes {
    resolver: NamespaceResolver,
    /// Changes whenever the bindings in scope may have changed.
    epoch: u64,
    /// Open elements, counted as the resolver would count them.
    depth: u16,
    /// The last event closed an element; its scope ends before the next event.
    pending_close: bool,
    /// The qualified names of the open elements, as keys; each with the length of `long`
    /// before it was opened.
    open: Vec<(NameKey, usize)>,
    /// The names too long for their keys to hold, one after the other.
    long: String,
}

impl Scopes {
    /// The bindings in scope for the last event.
    #[inline]
    pub(crate) fn resolver(&self) -> &NamespaceResolver {
        &self.resolver
    }

    /// Changes whenever the bindings in scope may have changed, so that what was worked
    /// out from them can be kept until it does.
    #[inline]
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Takes one event: opens or closes an element, matching an end tag with its start
    /// tag; other events leave the scopes as they are, and markup that holds no value
    /// (comments, processing instructions, the declaration) is checked here, where every
    /// reader passes.
    #[inline]
    pub(crate) fn take(&mut self, event: &Event<'_>) -> Result<(), Refusal> {
        match event {
            Event::Start(e) => self.open(e, false),
            Event::Empty(e) => self.open(e, true),
            Event::End(e) => self.close(e).map_err(Refusal::Xml),
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) | Event::Eof => Ok(()),
            other => check_markup(other),
        }
    }

    /// No element open, no binding but the predefined ones.
    pub(crate) fn new() -> Self {
        Scopes {
            resolver: NamespaceResolver::default(),
            epoch: 0,
            depth: 0,
            pending_close: false,
            open: Vec::new(),
            long: String::new(),
        }
    }

    /// Back to no element open and no binding but the predefined ones, as
    /// [`Scopes::new`] makes them, keeping the buffers.
    pub(crate) fn reset(&mut self) {
        // The predefined bindings are the only ones at level 0.
        self.resolver.set_level(0);
        // Whatever was worked out from the bindings of before is stale.
        self.epoch += 1;
        self.depth = 0;
        self.pending_close = false;
        self.open.clear();
        self.long.clear();
    }

    /// Ends the scope of an element closed by the previous event.
    #[inline]
    pub(crate) fn close_pending(&mut self) {
        if self.pending_close {
            self.pending_close = false;
            self.depth = self.depth.saturating_sub(1);
            if self.resolver.level() > self.depth {
                self.resolver.set_level(self.depth);
                self.epoch += 1;
            }
        }
    }

    /// Opens an element; an empty one closes again before the next event.
    #[inline]
    pub(crate) fn open(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), Refusal> {
        self.close_pending();
        let name = e.name().into_inner();
        if !is_element_name(name) {
            return Err(Refusal::NotWellFormed(mistake::element_name(name)));
        }
        let Some(depth) = self.depth.checked_add(1) else {
            return Err(Refusal::Xml(too_deep()));
        };
        if e.len() != name.len() {
            // Declarations belong to this element's level, whatever the levels of
            // ancestors without attributes left behind.
            self.resolver.set_level(self.depth);
            self.resolver.set_level(depth);
            self.epoch += 1;
            self.declare(e)?;
        }
        self.depth = depth;
        if empty {
            self.pending_close = true;
        } else {
            let key = NameKey::of(name);
            self.open.push((key, self.long.len()));
            if !key.is_whole() {
                self.long.push_str(name);
            }
        }
        Ok(())
    }

    /// Adds the namespaces `e` declares to the scope just opened. Each is the declared
    /// value as XML reads an attribute value (references resolved, `<` and characters XML
    /// forbids refused), so that every reader resolves names against the same namespace.
    fn declare(&mut self, e: &BytesStart<'_>) -> Result<(), Refusal> {
        for attr in e.attributes().with_checks(false) {
            // A malformed attribute is refused by the reader that checks attributes; the
            // declarations before it still count, as quick-xml counts them.
            let Ok(attr) = attr else { break };
            let Some(prefix) = attr.key.as_namespace_binding() else {
                continue;
            };
            let value = attribute_value(&attr)
                .map_err(|r| r.shifted(1 + crate::text::offset_in(e, &attr.value)))?;
            self.resolver
                .add(prefix, Namespace(&value))
                .map_err(|e| Refusal::Xml(quick_xml::Error::Namespace(e)))?;
        }
        Ok(())
    }

    /// Matches an end tag with the innermost open element, which closes.
    #[inline]
    pub(crate) fn close(&mut self, e: &BytesEnd<'_>) -> Result<(), quick_xml::Error> {
        self.close_pending();
        let found = e.name().into_inner();
        let key = NameKey::of(found);
        match self.open.last().copied() {
            Some((open, start))
                if open == key && (key.is_whole() || self.long.get(start..) == Some(found)) =>
            {
                self.open.pop();
                self.long.truncate(start);
                self.pending_close = true;
                Ok(())
            }
            Some((open, start)) => {
                let expected = match open.spelled() {
                    Some(name) => name,
                    None => self.long.get(start..).unwrap_or("").to_owned(),
                };
                Err(unmatched(Some(expected), found))
            }
            None => Err(unmatched(None, found)),
        }
    }
}

/// Which bytes an XML name may hold that are ASCII: letters, digits, `_`, `-`, `.`, `:`.
pub(super) const NAME_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0u8;
    while b < 128 {
        table[b as usize] = b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':');
        b += 1;
    }
    table
};

/// Whether `name` can name an element: an XML name. Names of ASCII name bytes that start
/// with a letter or `_` are decided by a table, a byte at a time without a branch: this
/// runs for every start tag.
#[inline]
fn is_element_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    let starts_well = bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
    let plain = bytes
        .iter()
        .fold(starts_well, |ok, &b| ok & NAME_BYTE[usize::from(b)]);
    plain || super::wellformed::is_name(name)
}

#[cold]
fn too_deep() -> quick_xml::Error {
    quick_xml::Error::Namespace(NamespaceError::TooDeeplyNested(usize::from(u16::MAX)))
}

#[cold]
fn unmatched(expected: Option<String>, found: &str) -> quick_xml::Error {
    quick_xml::Error::IllFormed(match expected {
        Some(expected) => IllFormedError::MismatchedEndTag {
            expected,
            found: found.to_owned(),
        },
        None => IllFormedError::UnmatchedEndTag(found.to_owned()),
    })
}
