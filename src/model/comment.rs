//! [`Comment`]: a comment or processing instruction of a document, and where it stands.
//!
//! A comment is kept by the element it stands before, so that it travels with that element
//! when the writer puts elements in schema order: a licence header stands before the root,
//! an `oscx-allow` suppression before the element it allows findings on. What stands after
//! an element's last child is kept at the end of that element, and what follows the root at
//! the end of the document.
//!
//! Elements are named by their element path as findings name them
//! (`/friends/person[3]/userID`: the index among same-named siblings for the elements that
//! may repeat), so that a comment's place reads the way a report does.

use serde::{Deserialize, Serialize};

/// A comment (`<!-- … -->`) or processing instruction (`<?target …?>`) and where it stands.
///
/// ```
/// use osc_schema::model::{Comment, CommentKind, Place, Root};
///
/// let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Licensed under MIT -->\n\
///     <friends xmlns=\"http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd\">\
///     <person><!-- oscx-allow OSC020: imported --><userID>1</userID></person></friends>";
/// let doc = osc_schema::xml::read_str(xml)?;
/// assert_eq!(doc.comments, [
///     Comment::new(" Licensed under MIT ", Place::before("/friends")),
///     Comment::new(" oscx-allow OSC020: imported ", Place::before("/friends/person[1]/userID")),
/// ]);
/// assert_eq!(doc.comments[0].kind, CommentKind::Comment);
/// let canonical = osc_schema::xml::to_string(&doc)?;
/// assert!(canonical.contains("  <person>\n    <!-- oscx-allow OSC020: imported -->\n    <userID>1</userID>"));
/// assert_eq!(osc_schema::xml::read_str(&canonical)?, doc);
/// # Ok::<(), osc_schema::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// A comment or a processing instruction.
    #[serde(default, skip_serializing_if = "CommentKind::is_comment")]
    pub kind: CommentKind,
    /// What is written between `<!--` and `-->`, or between `<?` and `?>` (the target and
    /// what follows it), exactly as read.
    pub text: String,
    /// Where it stands.
    pub place: Place,
}

impl Comment {
    /// A comment (not a processing instruction) with this text, at this place.
    pub fn new(text: impl Into<String>, place: Place) -> Self {
        Comment {
            kind: CommentKind::Comment,
            text: text.into(),
            place,
        }
    }

    /// A processing instruction: `content` is its target and what follows
    /// (`xml-stylesheet href="a.xsl"`).
    pub fn instruction(content: impl Into<String>, place: Place) -> Self {
        Comment {
            kind: CommentKind::Instruction,
            text: content.into(),
            place,
        }
    }
}

/// Whether a [`Comment`] is a comment or a processing instruction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CommentKind {
    /// `<!-- … -->`.
    #[default]
    Comment,
    /// `<?target …?>`.
    Instruction,
}

impl CommentKind {
    /// Whether this is [`CommentKind::Comment`] (which the serde form leaves unsaid).
    pub fn is_comment(&self) -> bool {
        *self == CommentKind::Comment
    }
}

/// Where a [`Comment`] stands, by the element path of an element of the document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Place {
    /// Just before the element (before the root: the document's header).
    Before(String),
    /// Inside the element, after its last child. For an element that holds a value, inside
    /// it after the value: a comment written within a value (`<userID>1<!--x-->2</userID>`)
    /// is kept there, after the text, where it stands before no element, so that it never
    /// starts to stand before one (which would change what an `oscx-allow` comment allows).
    End(String),
    /// After the root element.
    AfterRoot,
}

impl Place {
    /// Just before the element at `path`.
    pub fn before(path: impl Into<String>) -> Self {
        Place::Before(path.into())
    }

    /// At the end of the element at `path`.
    pub fn end(path: impl Into<String>) -> Self {
        Place::End(path.into())
    }
}
