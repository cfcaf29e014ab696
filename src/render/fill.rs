//! Filling one template field with one activity's variables.
//!
//! Variables are found by name as the lint rules find them ([`super::lookup`]); whatever
//! cannot be filled becomes a [`Piece::Unresolved`] and a problem, never an error, so every
//! feed renders.

use super::lookup::{
    MAX_LIST_ITEMS, activity_path, closest_name, did_you_mean, item_path, items_named,
    variable_named, variable_path,
};
use super::piece::{Picture, Piece};
use super::problem::{self, EMPTY_VARIABLE, MALFORMED_TOKEN, UNKNOWN_VARIABLE, URL_NOT_USED};
use super::template::{Part, Template, Token, TokenKind};
use super::url;
use crate::model::{ActivityDetails, SimpleTemplateVariable, SimpleVariableType, TemplateVariable};
use crate::{Code, Diagnostic};

/// Fills the fields of one activity, collecting its problems.
pub(crate) struct Filler<'a> {
    /// The activity.
    pub activity: &'a ActivityDetails,
    /// Its index in the document (0-based), for element paths.
    pub index: usize,
    /// Where problems go.
    pub problems: &'a mut Vec<Diagnostic>,
}

/// Where a variable or list item is, for problems, and how placeholders name its token.
struct Origin {
    /// The element path of the variable or item.
    path: String,
    /// The token as shown in placeholders, e.g. `picture:Photo in list:Photos`.
    label: String,
}

impl Filler<'_> {
    /// Fills `template`, the template's `field` (`title` or `data`).
    pub fn field(&mut self, field: &str, template: &Template) -> Vec<Piece> {
        template
            .parts
            .iter()
            .map(|part| match part {
                Part::Literal { text, .. } => Piece::Text(text.clone()),
                Part::Token(token) => self.token(field, token),
                Part::Malformed { text, reason, .. } => {
                    self.report(
                        MALFORMED_TOKEN,
                        activity_path(self.index).into(),
                        format!("`{text}` in the template's {field} is not a token: {reason}"),
                    );
                    Piece::Unresolved(format!("malformed {text}"))
                }
            })
            .collect()
    }

    fn report(&mut self, code: Code, path: String, message: String) {
        self.problems.push(problem::at(code, path, message));
    }

    /// A token that names nothing, with the name it most likely meant when there is one.
    fn unknown(&mut self, path: String, message: String, token: &Token) {
        let mut found = problem::at(UNKNOWN_VARIABLE, path, message);
        found.help = closest_name(self.activity, token).map(did_you_mean);
        self.problems.push(found);
    }

    fn token(&mut self, field: &str, token: &Token) -> Piece {
        let label = label(token);
        let Some((k, variable)) = variable_named(self.activity, &token.name) else {
            self.unknown(
                activity_path(self.index).into(),
                format!(
                    "`{token}` in the template's {field} names no variable of activity `{}`",
                    &self.activity.object_id
                ),
                token,
            );
            return Piece::Unresolved(format!("missing {label}"));
        };
        let path: String = variable_path(self.index, k).into();
        let expected = token.kind.variable_type();
        if variable.variable_type != expected {
            self.wrong_type(
                path,
                token,
                field,
                expected.as_str(),
                variable.variable_type.as_str(),
            );
            return Piece::Unresolved(format!("wrong type {label}"));
        }
        match &token.kind {
            TokenKind::Publisher | TokenKind::Entity => self.person(path, &label, variable),
            TokenKind::Link => self.link(
                Origin { path, label },
                variable.text.as_deref(),
                variable.value.as_deref(),
            ),
            // The documentation puts a text variable's text in `value`; `text` is a fallback
            // for feeds that use the link's element instead.
            TokenKind::Text => Piece::Text(
                variable
                    .value
                    .as_deref()
                    .or(variable.text.as_deref())
                    .unwrap_or_default()
                    .to_owned(),
            ),
            TokenKind::Picture => self.picture(
                Origin { path, label },
                variable.value.as_deref(),
                variable.alt_text.as_deref(),
                variable.href.as_ref().map(|h| h.as_str()),
            ),
            TokenKind::List { item } => self.list(field, k, variable, token, item),
        }
    }

    fn wrong_type(&mut self, path: String, token: &Token, field: &str, want: &str, has: &str) {
        self.report(
            problem::WRONG_TYPE,
            path,
            format!(
                "`{token}` in the template's {field} needs a {want}, but `{}` is a {has}",
                token.name
            ),
        );
    }

    fn person(&mut self, path: String, label: &str, variable: &TemplateVariable) -> Piece {
        let Some(name) = present(variable.name_hint.as_deref()).or(present(variable.id.as_deref()))
        else {
            self.report(
                EMPTY_VARIABLE,
                path,
                format!(
                    "variable `{}` has neither a `nameHint` nor an `id` to show",
                    variable.name
                ),
            );
            return Piece::Unresolved(format!("empty {label}"));
        };
        let href = self.usable(
            &path,
            "profileUrl",
            variable.profile_url.as_deref(),
            Purpose::Link,
            "the name is shown without a link",
        );
        Piece::Person {
            name: name.to_owned(),
            href,
        }
    }

    fn link(&mut self, origin: Origin, text: Option<&str>, value: Option<&str>) -> Piece {
        let Some(caption) = present(text).or(present(value)) else {
            self.report(
                EMPTY_VARIABLE,
                origin.path,
                "a link with neither `text` nor `value` has nothing to show".to_owned(),
            );
            return Piece::Unresolved(format!("empty {}", origin.label));
        };
        let href = self.usable(
            &origin.path,
            "value",
            value,
            Purpose::Link,
            "the link is shown as plain text",
        );
        Piece::Link {
            text: caption.to_owned(),
            href,
        }
    }

    fn picture(
        &mut self,
        origin: Origin,
        value: Option<&str>,
        alt: Option<&str>,
        href: Option<&str>,
    ) -> Piece {
        if present(value).is_none() {
            self.report(
                EMPTY_VARIABLE,
                origin.path,
                "a picture without a `value` has nothing to show".to_owned(),
            );
            return Piece::Unresolved(format!("empty {}", origin.label));
        }
        let src = self.usable(
            &origin.path,
            "value",
            value,
            Purpose::Image,
            "the picture is not loaded",
        );
        // Without `href` a click opens the picture itself, as the documentation describes.
        let href = match present(href) {
            Some(_) => self.usable(
                &origin.path,
                "href",
                href,
                Purpose::Link,
                "the picture is shown without a link",
            ),
            None => src.clone(),
        };
        Piece::Picture(Picture {
            src,
            alt: present(alt).map(str::to_owned),
            href,
        })
    }

    fn list(
        &mut self,
        field: &str,
        k: usize,
        variable: &TemplateVariable,
        token: &Token,
        item: &Token,
    ) -> Piece {
        let path: String = variable_path(self.index, k).into();
        let items = variable.list_items.as_deref().unwrap_or_default();
        let in_list = format!("{} in {}", label(item), label(token));
        if items.is_empty() {
            self.report(
                EMPTY_VARIABLE,
                path,
                format!("list `{}` has no items to show", variable.name),
            );
            return Piece::Unresolved(format!("empty {}", label(token)));
        }
        let mut named = items_named(items, &item.name).peekable();
        if named.peek().is_none() {
            self.unknown(
                path,
                format!(
                    "`{item}` in the template's {field} names no item of list `{}`",
                    variable.name
                ),
                token,
            );
            return Piece::Unresolved(format!("missing {in_list}"));
        }
        // The parser only gives list items of the three item kinds.
        let want = item.kind.item_type().unwrap_or(SimpleVariableType::Text);
        // Items past the fifth are not shown, and so not examined either.
        let shown = named
            .take(MAX_LIST_ITEMS)
            .map(|(m, simple)| {
                let origin = Origin {
                    path: item_path(self.index, k, m).into(),
                    label: in_list.clone(),
                };
                if simple.variable_type != want {
                    self.wrong_type(
                        origin.path,
                        item,
                        field,
                        want.as_str(),
                        simple.variable_type.as_str(),
                    );
                    return Piece::Unresolved(format!("wrong type {in_list}"));
                }
                self.item(origin, simple)
            })
            .collect();
        Piece::List(shown)
    }

    fn item(&mut self, origin: Origin, item: &SimpleTemplateVariable) -> Piece {
        let value = item.value.as_ref().map(|v| v.as_str());
        match item.variable_type {
            SimpleVariableType::Link => self.link(origin, item.text.as_deref(), value),
            // A list's text item has no element of its own for the text; `text` is read
            // first because an item's `value` is typed as a URI.
            SimpleVariableType::Text => Piece::Text(
                item.text
                    .as_deref()
                    .or(value)
                    .unwrap_or_default()
                    .to_owned(),
            ),
            SimpleVariableType::Picture => self.picture(
                origin,
                value,
                item.alt_text.as_deref(),
                item.href.as_ref().map(|h| h.as_str()),
            ),
        }
    }

    /// `url` trimmed, when present and fit for `purpose`; a present address that is not
    /// is reported, with what the reader sees instead.
    fn usable(
        &mut self,
        path: &str,
        element: &str,
        url: Option<&str>,
        purpose: Purpose,
        instead: &str,
    ) -> Option<String> {
        let url = present(url)?;
        let (fits, schemes) = match purpose {
            Purpose::Link => (url::linkable(url), "http, https or mailto"),
            Purpose::Image => (url::loadable(url), "http or https"),
        };
        if fits {
            return Some(url.to_owned());
        }
        self.report(
            URL_NOT_USED,
            path.to_owned(),
            format!("`{element}` `{url}` is not an {schemes} address; {instead}"),
        );
        None
    }
}

/// What an address is for: schemes that may be followed are not all fit to load.
#[derive(Clone, Copy)]
enum Purpose {
    /// A link target.
    Link,
    /// An image source.
    Image,
}

/// `kind:name` of a token, as placeholders show it.
fn label(token: &Token) -> String {
    format!("{}:{}", token.kind.prefix(), token.name)
}

/// The text without surrounding white space, when any is left. Browsers drop that white
/// space from addresses too, so trimming does not change what a link opens.
fn present(value: Option<&str>) -> Option<&str> {
    value
        .map(|v| v.trim_matches(|c: char| c.is_ascii_whitespace()))
        .filter(|v| !v.is_empty())
}
