//! The HTML preview: one self-contained page styled after the People Pane's activity list.
//!
//! The page has its style inline and no script; a Content Security Policy forbids scripts,
//! frames and everything else but the feed's `http`/`https` images, so even a value that
//! escaped escaping could not run. Every value from the feed is escaped, in text and
//! attributes alike, and only addresses that passed the scheme check become `href` or
//! `src`. Nothing in the page depends on the current time, so it can be compared byte for
//! byte.

use super::escape::html as esc;
use super::piece::{Picture, Piece};
use super::resolve::{ActivityView, Preview};

/// The page's style sheet.
const STYLE: &str = include_str!("people-pane.css");

/// Forbids everything the page does not need: it loads only images, and its only style is
/// the inline sheet above.
const POLICY: &str = "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'; \
                      form-action 'none'; base-uri 'none'";

/// Link attributes: no referrer for the network, no endorsement for search engines.
const REL: &str = r#" rel="nofollow noopener noreferrer""#;

/// Writes `preview` as an HTML page.
pub(crate) fn write(preview: &Preview) -> String {
    let network = esc(&preview.network);
    let badge = esc(&badge_letter(&preview.network));
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">\n"
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{network} activities: People Pane preview</title>\n"
    ));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str("<section class=\"pane\">\n<header class=\"pane-head\">");
    out.push_str(&format!(
        "<span class=\"badge\" aria-hidden=\"true\">{badge}</span><h1>{network}</h1>"
    ));
    out.push_str(&format!(
        "<span class=\"count\">{}</span></header>\n",
        count(preview.activities.len())
    ));
    if preview.activities.is_empty() {
        out.push_str("<p class=\"empty\">No activities</p>\n");
    } else {
        out.push_str("<ol class=\"feed\">\n");
        for activity in &preview.activities {
            item(&mut out, activity, &badge);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n</body>\n</html>\n");
    out
}

fn count(n: usize) -> String {
    match n {
        1 => "1 activity".to_owned(),
        n => format!("{n} activities"),
    }
}

/// The letter that stands in for the network's icon: the OSC shows the provider's own icon,
/// which the feed does not carry (a template's `icon` is not what it shows).
fn badge_letter(network: &str) -> String {
    network
        .chars()
        .find(|c| c.is_alphanumeric())
        .and_then(|c| c.to_uppercase().next())
        .map_or_else(|| "•".to_owned(), String::from)
}

fn item(out: &mut String, activity: &ActivityView, badge: &str) {
    out.push_str(&format!(
        "<li class=\"activity\" data-object-id=\"{}\">\n",
        esc(&activity.object_id)
    ));
    out.push_str(&format!(
        "<span class=\"badge\" aria-hidden=\"true\">{badge}</span>\n<div class=\"body\">\n"
    ));
    out.push_str("<p class=\"title\">");
    pieces(out, &activity.title);
    out.push_str("</p>\n");
    if activity.data.iter().any(shows_something) {
        out.push_str("<div class=\"data\">");
        pieces(out, &activity.data);
        out.push_str("</div>\n");
    }
    out.push_str("<p class=\"meta\">");
    if let Some(t) = activity.activity_type {
        out.push_str(&format!(
            "<span class=\"type\">{}</span> · ",
            esc(t.as_str())
        ));
    }
    // The machine-readable value as written; the reader sees a date and a time of day.
    let written = esc(activity.publish_date.as_str());
    let shown = esc(&super::date::shown(&activity.publish_date));
    out.push_str(&format!(
        "<time datetime=\"{written}\">{shown}</time></p>\n</div>\n</li>\n"
    ));
}

/// Whether a piece is more than white space, so that an empty `data` adds no empty box.
fn shows_something(piece: &Piece) -> bool {
    match piece {
        Piece::Text(text) => !text.trim().is_empty(),
        _ => true,
    }
}

fn pieces(out: &mut String, pieces: &[Piece]) {
    for piece in pieces {
        one(out, piece);
    }
}

fn one(out: &mut String, piece: &Piece) {
    match piece {
        Piece::Text(text) => out.push_str(&esc(text)),
        Piece::Person { name, href } => link(out, "person", name, href.as_deref()),
        Piece::Link { text, href } => link(out, "link", text, href.as_deref()),
        Piece::Picture(picture) => self::picture(out, picture),
        Piece::List(items) => list(out, items),
        Piece::Unresolved(what) => out.push_str(&format!(
            "<span class=\"unresolved\">⟨{}⟩</span>",
            esc(what)
        )),
    }
}

fn link(out: &mut String, class: &str, text: &str, href: Option<&str>) {
    let text = esc(text);
    match href {
        Some(href) => out.push_str(&format!(
            "<a class=\"{class}\" href=\"{}\"{REL}>{text}</a>",
            esc(href)
        )),
        None => out.push_str(&format!("<span class=\"{class}\">{text}</span>")),
    }
}

fn list(out: &mut String, items: &[Piece]) {
    let pictures = items.iter().all(|i| matches!(i, Piece::Picture(_)));
    out.push_str(if pictures {
        "<span class=\"list pictures\">"
    } else {
        "<span class=\"list\">"
    });
    let mut previous: Option<&Piece> = None;
    for item in items {
        // Commas between words, as the OSC lists links and texts; pictures need none.
        if previous.is_some_and(|p| !matches!(p, Piece::Picture(_)))
            && !matches!(item, Piece::Picture(_))
        {
            out.push_str(", ");
        }
        one(out, item);
        previous = Some(item);
    }
    out.push_str("</span>");
}

fn picture(out: &mut String, picture: &Picture) {
    let alt = esc(picture.alt.as_deref().unwrap_or_default());
    let Some(src) = &picture.src else {
        // A picture that cannot be loaded keeps its place, labelled with its text.
        let label = if alt.is_empty() { "picture" } else { &alt };
        out.push_str(&format!(
            "<span class=\"thumb unloaded\" role=\"img\" aria-label=\"{label}\">{label}</span>"
        ));
        return;
    };
    let img = format!(
        "<img src=\"{}\" alt=\"{alt}\" title=\"{alt}\" height=\"52\" referrerpolicy=\"no-referrer\">",
        esc(src)
    );
    match &picture.href {
        Some(href) => out.push_str(&format!(
            "<a class=\"thumb\" href=\"{}\"{REL}>{img}</a>",
            esc(href)
        )),
        None => out.push_str(&format!("<span class=\"thumb\">{img}</span>")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_badge_is_the_network_initial() {
        assert_eq!(badge_letter("contoso"), "C");
        assert_eq!(badge_letter("  "), "•");
        assert_eq!(badge_letter("ßocial"), "S");
    }

    #[test]
    fn a_picture_that_cannot_load_keeps_its_label() {
        let mut out = String::new();
        picture(
            &mut out,
            &Picture {
                src: None,
                alt: Some("<b>".into()),
                href: None,
            },
        );
        assert_eq!(
            out,
            "<span class=\"thumb unloaded\" role=\"img\" aria-label=\"&lt;b&gt;\">&lt;b&gt;</span>"
        );
    }
}
