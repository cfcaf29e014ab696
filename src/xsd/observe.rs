//! What the validator tells an [`Observer`] about the elements it validates, so that the
//! same pass over a document can also build its model (see `xml::record`).
//!
//! Only elements matched to a declaration are reported, with the text of simple-typed
//! ones; whitespace between elements, comments and processing instructions are not. When
//! part of the document goes unvalidated (after an error), the observer is told that its
//! picture is incomplete.

use std::ops::Range;

use quick_xml::events::BytesStart;
use quick_xml::name::NamespaceResolver;

/// Where an element stands: the root, with its namespace (`None` when it has none), or
/// inside the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level<'a> {
    /// The document's root element.
    Root {
        /// The root's namespace URI.
        namespace: Option<&'a str>,
    },
    /// Any element inside the root.
    Inner,
}

/// An element the validator matched to its declaration, as an [`Observer`] is told of it.
pub(crate) struct StartTag<'a, 'e> {
    /// The start tag as read.
    pub tag: &'a BytesStart<'e>,
    /// The declared name's index in the schema: the same for every element of that name in
    /// one document.
    pub name_id: u32,
    /// The numbering `name_id` follows ([`super::Schema`]'s): two documents whose elements
    /// have the same numbering, other than 0, name the same names by the same indexes.
    pub numbering: u64,
    /// The declared (local) name.
    pub local: &'a str,
    /// The root or an inner element.
    pub level: Level<'a>,
    /// The namespace scopes in force at the tag, for its attributes.
    pub resolver: &'a NamespaceResolver,
    /// `<a/>`: its [`Observer::end`] follows at once.
    pub empty: bool,
    /// The tag's byte range in the (decoded) text, up to where its content starts.
    pub span: Range<usize>,
}

/// Receives the validated elements of one document, in document order.
pub(crate) trait Observer {
    /// An element opens.
    fn start(&mut self, start: &StartTag<'_, '_>);

    /// A piece of a simple-typed element's text, with references resolved and line ends
    /// normalised; `at` is the byte offset where the piece's value starts in the text.
    fn text(&mut self, piece: &str, at: usize);

    /// A piece as for [`Observer::text`] that the validator found plain: no `]`, no
    /// control character, nothing to normalise. Most values are plain, and what an observer
    /// looks for in text may then be known to be absent without a look.
    #[inline]
    fn plain_text(&mut self, piece: &str, at: usize) {
        self.text(piece, at);
    }

    /// The innermost open element closes; `at` is the byte offset where its end tag starts
    /// (where its tag starts, for an empty element), so that an observer knows where the
    /// element's content ends.
    fn end(&mut self, at: usize);

    /// Part of the document was read without being validated, and was not reported.
    fn incomplete(&mut self);
}

/// No observer: validation alone.
impl Observer for () {
    #[inline(always)]
    fn start(&mut self, _: &StartTag<'_, '_>) {}
    #[inline(always)]
    fn text(&mut self, _: &str, _: usize) {}
    #[inline(always)]
    fn plain_text(&mut self, _: &str, _: usize) {}
    #[inline(always)]
    fn end(&mut self, _: usize) {}
    #[inline(always)]
    fn incomplete(&mut self) {}
}

impl<O: Observer + ?Sized> Observer for &mut O {
    #[inline]
    fn start(&mut self, start: &StartTag<'_, '_>) {
        (**self).start(start);
    }
    #[inline]
    fn text(&mut self, piece: &str, at: usize) {
        (**self).text(piece, at);
    }
    #[inline]
    fn plain_text(&mut self, piece: &str, at: usize) {
        (**self).plain_text(piece, at);
    }
    #[inline]
    fn end(&mut self, at: usize) {
        (**self).end(at);
    }
    #[inline]
    fn incomplete(&mut self) {
        (**self).incomplete();
    }
}
