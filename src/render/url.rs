//! Which addresses the preview turns into links and images.
//!
//! Feeds come from a network, so their URLs are untrusted: only a fixed set of schemes
//! becomes an `href` or `src`. Anything else (`javascript:`, `data:`, relative paths) stays
//! plain text, which is also how a reader can tell that the address was not used.

/// Whether `url` may be a link target: `http:`, `https:` or `mailto:`.
pub(crate) fn linkable(url: &str) -> bool {
    has_scheme(url, &["http://", "https://", "mailto:"])
}

/// Whether `url` may be an image source: `http:` or `https:` (a `mailto:` shows nothing).
pub(crate) fn loadable(url: &str) -> bool {
    has_scheme(url, &["http://", "https://"])
}

/// The scheme must start the text: browsers skip leading spaces and control characters
/// before a scheme, so ` javascript:` must not slip past a check that trims first. Schemes
/// are case-insensitive.
fn has_scheme(url: &str, schemes: &[&str]) -> bool {
    schemes.iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
            && url.len() > scheme.len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_linked() {
        for url in [
            "https://a.example/",
            "HTTP://A.EXAMPLE",
            "mailto:a@b.example",
        ] {
            assert!(linkable(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            " https://a.example/",
            "\u{1}https://a.example/",
            "data:text/html,x",
            "/people/1",
            "https://",
            "",
            "httpś://a",
        ] {
            assert!(!linkable(url), "{url:?}");
        }
        assert!(!loadable("mailto:a@b.example"));
        assert!(loadable("https://a.example/p.jpg"));
    }
}
