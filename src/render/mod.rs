//! Rendering activities the way the People Pane shows them.
//!
//! [`template`] reads the tokens of an activity template's `title` and `data`; the lint
//! rules use it to check tokens against an activity's variables, and the preview builds on
//! it.
//!
//! # The preview
//! [`text`] and [`html`] show a feed's activities newest first, each with its template
//! filled in from its variables ([`resolve`] gives the same as data):
//!
//! - `{publisher:N}` and `{entity:N}`: the variable's `nameHint`, or its `id` when it has
//!   none, linked to its `profileUrl`;
//! - `{link:N}`: the link's `text`, or the address itself, linked to `value`;
//! - `{text:N}`: the text variable's `value`;
//! - `{picture:N}`: the picture at `value`, with `altText`;
//! - `{list:N({kind:M})}`: the list's items named `M`, at most five: texts and links
//!   separated by commas, pictures 52 pixels high side by side, each linked to its `href`
//!   (or to itself) and described by its `altText`.
//!
//! A token that cannot be filled (no variable of its name, a variable of another type, a
//! malformed token, an activity without a template) is shown marked, as `⟨missing
//! text:statusText⟩`, and reported as a warning [`Diagnostic`] whose code starts with
//! `render::` (see [`problem`]) and whose path names the activity, or the variable or list
//! item concerned. Addresses become links or images only with the `http` or `https` scheme
//! (and `mailto` for links); any other address is reported and left out.
//!
//! Dates are compared as instants; a `publishDate` without a timezone is taken as UTC, and
//! activities published at the same instant keep their document order.
//!
//! ```
//! use osc_schema::model::Root;
//!
//! let xml = r#"<activityFeed xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
//!   <network>Fabrikam</network>
//!   <activities>
//!     <activityDetails>
//!       <ownerID>42</ownerID><objectID>s-1</objectID>
//!       <applicationID>1</applicationID><templateID>1</templateID>
//!       <publishDate>2024-03-09T08:15:00Z</publishDate>
//!       <templateVariables>
//!         <templateVariable type="publisherVariable">
//!           <name>Publisher</name><id>42</id><nameHint>Ines Okafor</nameHint>
//!           <profileUrl>https://fabrikam.example/ines</profileUrl>
//!         </templateVariable>
//!       </templateVariables>
//!     </activityDetails>
//!   </activities>
//!   <templates>
//!     <activityTemplateContainer>
//!       <applicationID>1</applicationID><templateID>1</templateID>
//!       <activityTemplate>
//!         <type>Status Update</type>
//!         <title>{publisher:Publisher}: {text:statusText}</title>
//!         <icon>https://fabrikam.example/icon.png</icon>
//!       </activityTemplate>
//!     </activityTemplateContainer>
//!   </templates>
//! </activityFeed>"#;
//! let Root::ActivityFeed(feed) = osc_schema::xml::read_str(xml)?.root else {
//!     unreachable!("the document is a feed");
//! };
//!
//! let text = osc_schema::render::text(&feed);
//! assert_eq!(
//!     text.output,
//!     "Ines Okafor: ⟨missing text:statusText⟩\nStatus Update · 2024-03-09T08:15:00Z\n"
//! );
//! assert_eq!(text.problems[0].code, "render::unknown-variable");
//! assert_eq!(text.problems[0].location.path, "/activityFeed/activities/activityDetails[1]");
//!
//! let html = osc_schema::render::html(&feed);
//! assert!(html.output.contains(r#"<a class="person" href="https://fabrikam.example/ines""#));
//! assert_eq!(html.problems, text.problems);
//! # Ok::<(), osc_schema::Error>(())
//! ```

mod date;
mod escape;
mod fill;
pub(crate) mod lookup;
mod piece;
pub mod problem;
mod resolve;
pub mod template;
mod url;
mod write_html;
mod write_text;

pub use piece::{Picture, Piece};
pub use resolve::{ActivityView, Preview, resolve};

use crate::Diagnostic;
use crate::model::ActivityFeed;

/// A written preview and what it could not show as the feed meant it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The text or HTML.
    pub output: String,
    /// Warnings with a `render::` code, in document order of their activities (the same
    /// for both formats).
    pub problems: Vec<Diagnostic>,
}

impl Rendered {
    /// Whether every token was filled and every address used.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The feed as plain text: one block per activity, newest first.
///
/// Each block is the filled-in title on its first line, the filled-in data on the next
/// when it shows anything (pictures as `[picture: altText]`), then the template's `type`
/// and the `publishDate` as written, separated by ` · `. Blocks are separated by a blank
/// line. Runs of white space and control characters become one space, so values cannot
/// break the layout or drive a terminal.
pub fn text(feed: &ActivityFeed) -> Rendered {
    let preview = resolve(feed);
    Rendered {
        output: write_text::write(&preview),
        problems: preview.problems,
    }
}

/// The feed as one self-contained HTML page (inline style, no script) that looks like the
/// People Pane's activity list. Every feed value is escaped; only `http`, `https` and
/// `mailto` addresses become links, only `http` and `https` ones images. The page does not
/// depend on the current time.
pub fn html(feed: &ActivityFeed) -> Rendered {
    let preview = resolve(feed);
    Rendered {
        output: write_html::write(&preview),
        problems: preview.problems,
    }
}
