//! OSC065: a template `icon` that is neither an absolute http(s) URL nor a link token.

use super::template_child_path;
use crate::diagnostic::Severity;
use crate::lint::{ALL_TARGETS, Context, Finding, Hook, Rule, RuleInfo};
use crate::model::ActivityFeed;
use crate::render::template::{self, Part, TokenKind};

/// See [`INFO`].
pub struct IconNotUrlOrToken;

/// What the rule is.
pub static INFO: RuleInfo = RuleInfo {
    id: "OSC065",
    name: "icon-not-url-or-token",
    severity: Severity::Warning,
    targets: ALL_TARGETS,
    source: "activitytemplatecontainer-element.md",
    summary: "an `activityTemplate`'s `icon` is neither an absolute http(s) URL nor a `{link:…}` token",
    explanation: "The overview describes `icon` as the URL of the activity's icon, while the \
        template reference calls it a link token, so both an absolute `http` or `https` URL \
        and a single `{link:Name}` token are accepted here. The schema types it `xs:anyURI`, \
        which takes nearly any text, so a relative path, a file name or a broken token \
        validates but cannot be loaded.",
    bad: include_str!("../../../../fixtures/invalid/OSC065/example.xml"),
    good: include_str!("../../../../fixtures/invalid/OSC066/example.xml"),
    reads: &[
        "templates",
        "activityTemplateContainer",
        "activityTemplate",
        "icon",
    ],
    hooks: &[Hook::Feed],
};

/// Whether `s` is an absolute `http` or `https` URL with a host part and no white space.
fn is_http_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        s.get(8..)
    } else if lower.starts_with("http://") {
        s.get(7..)
    } else {
        None
    };
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Whether `s` is exactly one `{link:Name}` token.
fn is_link_token(s: &str) -> bool {
    matches!(
        template::parse(s).parts.as_slice(),
        [Part::Token(t)] if t.kind == TokenKind::Link
    )
}

impl Rule for IconNotUrlOrToken {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn feed(&self, _cx: &Context, feed: &ActivityFeed, out: &mut Vec<Finding>) {
        for (j, container) in feed.templates.iter().enumerate() {
            let icon = container.activity_template.icon.as_str();
            if is_http_url(icon) || is_link_token(icon) {
                continue;
            }
            out.push(
                Finding::new(
                    INFO.id,
                    template_child_path(j, "icon"),
                    format!(
                        "`icon` is `{icon}`; expected an absolute `http` or `https` URL or a \
                         `{{link:Name}}` token"
                    ),
                )
                .on_value()
                .help("write the icon's full URL, such as `https://example.com/icon-16.png`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{INFO, IconNotUrlOrToken, is_http_url, is_link_token};
    use crate::lint::rules::testing::findings_of;

    #[test]
    fn urls_and_tokens() {
        for ok in [
            "https://a.example/i.png",
            "HTTP://a.example",
            "http://localhost:8080/x",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "https://",
            "https:///x",
            "ftp://a.example/i.png",
            "a.example/i.png",
            "https://a b",
            "é",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
        assert!(is_link_token("{link:Icon}"));
        for bad in ["{text:Icon}", "{link:Icon} ", "x{link:Icon}", "{link:Icon"] {
            assert!(!is_link_token(bad), "{bad}");
        }
    }

    #[test]
    fn a_link_token_is_accepted() {
        let xml = INFO.bad.replace("static/icons/join-16.png", "{link:Icon}");
        assert!(findings_of(&IconNotUrlOrToken, &xml).is_empty());
    }
}
