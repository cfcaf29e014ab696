//! What a filled-in template is made of, before it is written as text or HTML.

/// One piece of a filled-in `title` or `data`.
///
/// Addresses in pieces have passed the preview's scheme check (`http`, `https`, and for
/// links `mailto`); an address that failed it is left out, and a problem says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text shown as it is: the template's own text, or a text variable's value.
    Text(String),
    /// A publisher or entity: the name to show and the profile it links to.
    Person {
        /// `nameHint`, or the `id` when there is no name hint.
        name: String,
        /// `profileUrl`, when it is a usable address.
        href: Option<String>,
    },
    /// A link variable or list item.
    Link {
        /// `text`, or the address itself when there is no text.
        text: String,
        /// `value`, when it is a usable address.
        href: Option<String>,
    },
    /// A picture.
    Picture(Picture),
    /// The items of a list variable that its token names, at most five, in document order.
    List(Vec<Piece>),
    /// A token that could not be filled, described for the reader, e.g.
    /// `missing text:statusText`; writers mark it so that it stands out.
    Unresolved(String),
}

/// A picture of a picture variable or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// `value`, when it is an `http` or `https` address.
    pub src: Option<String>,
    /// `altText`.
    pub alt: Option<String>,
    /// Where a click leads: `href`, or else the picture itself, when usable.
    pub href: Option<String>,
}
