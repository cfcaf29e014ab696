//! What the validator tells an [`Observer`] about the elements it validates, so that the
//! same pass over a document can also build its model (see `xml::record`).
//!
//! Only elements matched to a declaration are reported, with the text of simple-typed
//! ones; whitespace between elements, comments and processing instructions are not. When
//! part of the document goes unvalidated (after an error), the observer is told that its
//! picture is incomplete.

use quick_xml::events::BytesStart;
use quick_xml::name::NamespaceResolver;

/// Receives the validated elements of one document, in document order.
pub(crate) trait Observer {
    /// An element opens. `local` is its declared name, and `name_id` that name's index in
    /// the schema (the same for every element of that name in one document);
    /// `root_namespace` is `Some` for the root only, with the root's namespace. `tag` spans
    /// the byte offsets `tag_at..content_at` of the (decoded) text. An empty element
    /// (`<a/>`) is followed by its [`Observer::end`] at once.
    #[allow(clippy::too_many_arguments)]
    fn start(
        &mut self,
        tag: &BytesStart<'_>,
        name_id: u32,
        local: &str,
        root_namespace: Option<Option<&str>>,
        resolver: &NamespaceResolver,
        empty: bool,
        tag_at: usize,
        content_at: usize,
    );

    /// A piece of a simple-typed element's text, with references resolved and line ends
    /// normalised; `at` is the byte offset where the piece's value starts in the text.
    fn text(&mut self, piece: &str, at: usize);

    /// The innermost open element closes.
    fn end(&mut self);

    /// Part of the document was read without being validated, and was not reported.
    fn incomplete(&mut self);
}

/// No observer: validation alone.
impl Observer for () {
    #[inline(always)]
    fn start(
        &mut self,
        _: &BytesStart<'_>,
        _: u32,
        _: &str,
        _: Option<Option<&str>>,
        _: &NamespaceResolver,
        _: bool,
        _: usize,
        _: usize,
    ) {
    }
    #[inline(always)]
    fn text(&mut self, _: &str, _: usize) {}
    #[inline(always)]
    fn end(&mut self) {}
    #[inline(always)]
    fn incomplete(&mut self) {}
}

impl<O: Observer + ?Sized> Observer for &mut O {
    #[inline]
    fn start(
        &mut self,
        tag: &BytesStart<'_>,
        name_id: u32,
        local: &str,
        root_namespace: Option<Option<&str>>,
        resolver: &NamespaceResolver,
        empty: bool,
        tag_at: usize,
        content_at: usize,
    ) {
        (**self).start(
            tag,
            name_id,
            local,
            root_namespace,
            resolver,
            empty,
            tag_at,
            content_at,
        );
    }
    #[inline]
    fn text(&mut self, piece: &str, at: usize) {
        (**self).text(piece, at);
    }
    #[inline]
    fn end(&mut self) {
        (**self).end();
    }
    #[inline]
    fn incomplete(&mut self) {
        (**self).incomplete();
    }
}
