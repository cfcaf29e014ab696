//! The token grammar of an activity template's `title` and `data`.
//!
//! A template is text with tokens in braces. A token names a kind and a variable of the
//! activity the template displays; the OSC replaces it with that variable's value:
//!
//! ```text
//! template  = *( literal / token )
//! token     = "{" kind ":" name "}"
//!           / "{list:" name "(" item ")}"
//! kind      = "publisher" / "entity" / "link" / "text" / "picture"
//! item      = "{" item-kind ":" name "}"
//! item-kind = "link" / "text" / "picture"
//! name      = 1*( any character but "{" "}" "(" ")" ":" and white space )
//! literal   = 1*( any character but "{" )
//! ```
//!
//! # Where the grammar comes from
//! The documentation defines the grammar only by example. Its activity feed example uses
//! `{publisher:Name}`, `{text:Name}`, `{link:Name}` and `{list:Name({picture:Item})}`. The
//! rest is inferred from the variable types the schema defines, one token kind per type
//! with the type's name minus `Variable`: `{entity:Name}` for `entityVariable`, a bare
//! `{picture:Name}` for a top-level `pictureVariable` (which the OSC does not display
//! outside a list, see rule OSC059), and lists of link or text items
//! (`{list:Name({link:Item})}`, `{list:Name({text:Item})}`), because a list item
//! (`simpleTemplateVariable`) may be a `linkVariable`, `textVariable` or `pictureVariable`.
//! Kinds are lowercase, as in every example, and are matched exactly.
//!
//! # Decisions
//! - The documentation shows no escape for a literal `{`, so every `{` starts a token. A `{`
//!   that does not begin a token of the grammar above gives a [`Part::Malformed`] (the lint
//!   rule OSC055 reports it), never a panic: `{}`, `{Status}`, `{Text:x}`, `{text: x}`,
//!   `{list:Photos}` (no item), `{list:A({list:B({text:C})})}` (lists do not nest) and a
//!   `{` never closed are all malformed.
//! - Tokens hold no white space: the examples' names are identifiers, and a name with a
//!   space around it would not match its variable anyway.
//! - A malformed part runs from its `{` to the `}` that balances it; when no `}` balances it,
//!   it runs up to the next `{` (or the end), so that the tokens after a broken one are
//!   still read.
//! - A `}` outside a token is literal text.
//!
//! Offsets (`start`, `len`) count characters (Unicode scalar values), not bytes, as columns
//! in diagnostics do.
//!
//! ```
//! use osc_schema::render::template::{parse, Part, TokenKind};
//!
//! let t = parse("{publisher:Publisher}: {text:statusText}");
//! let tokens: Vec<_> = t.tokens().collect();
//! assert_eq!(tokens[1].kind, TokenKind::Text);
//! assert_eq!((tokens[1].name.as_str(), tokens[1].start, tokens[1].len), ("statusText", 23, 17));
//! assert!(matches!(&t.parts[1], Part::Literal { text, .. } if text == ": "));
//! ```

use std::fmt;

use crate::model::{SimpleVariableType, TemplateVariableType};

/// A parsed `title` or `data`: literal text, tokens and malformed tokens, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// The parts, in the order of the text; adjacent literal text is one part.
    pub parts: Vec<Part>,
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text shown as written.
    Literal {
        /// The text.
        text: String,
        /// Character offset of its first character.
        start: usize,
    },
    /// A token the OSC fills from a variable.
    Token(Token),
    /// A `{` that does not begin a valid token, with the text that belongs to it.
    Malformed {
        /// The text, from the `{` on.
        text: String,
        /// Character offset of the `{`.
        start: usize,
        /// What is wrong, as a message fragment (lowercase, names in backticks).
        reason: String,
    },
}

/// A token: `{kind:name}`, or a list with its item token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// What it displays.
    pub kind: TokenKind,
    /// The variable it names (for a list item: the items' name).
    pub name: String,
    /// Character offset of its `{` in the whole text.
    pub start: usize,
    /// Its length in characters, braces included.
    pub len: usize,
}

/// The kind of a token, and the variable type it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind {
    /// `{publisher:N}`: a `publisherVariable`.
    Publisher,
    /// `{entity:N}`: an `entityVariable`.
    Entity,
    /// `{link:N}`: a `linkVariable`.
    Link,
    /// `{text:N}`: a `textVariable`.
    Text,
    /// `{picture:N}`: a `pictureVariable` (normally as a list item).
    Picture,
    /// `{list:N({kind:M})}`: a `listVariable` whose items named `M` have the item's kind.
    List {
        /// The item token; its kind is `Link`, `Text` or `Picture`.
        item: Box<Token>,
    },
}

impl TokenKind {
    /// The kind as written in a token: `publisher`, `entity`, `link`, `text`, `picture`,
    /// `list`.
    pub const fn prefix(&self) -> &'static str {
        match self {
            TokenKind::Publisher => "publisher",
            TokenKind::Entity => "entity",
            TokenKind::Link => "link",
            TokenKind::Text => "text",
            TokenKind::Picture => "picture",
            TokenKind::List { .. } => "list",
        }
    }

    /// The type a top-level variable needs for this token.
    pub const fn variable_type(&self) -> TemplateVariableType {
        match self {
            TokenKind::Publisher => TemplateVariableType::Publisher,
            TokenKind::Entity => TemplateVariableType::Entity,
            TokenKind::Link => TemplateVariableType::Link,
            TokenKind::Text => TemplateVariableType::Text,
            TokenKind::Picture => TemplateVariableType::Picture,
            TokenKind::List { .. } => TemplateVariableType::List,
        }
    }

    /// The type list items need for this token as a list's item, when it can be one.
    pub const fn item_type(&self) -> Option<SimpleVariableType> {
        match self {
            TokenKind::Link => Some(SimpleVariableType::Link),
            TokenKind::Text => Some(SimpleVariableType::Text),
            TokenKind::Picture => Some(SimpleVariableType::Picture),
            _ => None,
        }
    }
}

impl fmt::Display for Token {
    /// Writes the token as it appears in the template (the grammar allows one spelling).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            TokenKind::List { item } => write!(f, "{{list:{}({item})}}", self.name),
            kind => write!(f, "{{{}:{}}}", kind.prefix(), self.name),
        }
    }
}

impl Template {
    /// The valid tokens, in order (list items stay inside their list token).
    pub fn tokens(&self) -> impl Iterator<Item = &Token> {
        self.parts.iter().filter_map(|p| match p {
            Part::Token(t) => Some(t),
            _ => None,
        })
    }
}

/// Reads a template's text into parts. Never fails: what is not a token of the grammar is
/// [`Part::Malformed`].
pub fn parse(text: &str) -> Template {
    let chars: Vec<char> = text.chars().collect();
    let closing = closing_braces(&chars);
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut literal_start = 0;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '{' {
            if literal.is_empty() {
                literal_start = i;
            }
            literal.push(c);
            i += 1;
            continue;
        }
        if !literal.is_empty() {
            parts.push(Part::Literal {
                text: std::mem::take(&mut literal),
                start: literal_start,
            });
        }
        match token_at(&chars, i, false) {
            Ok(token) => {
                i += token.len;
                parts.push(Part::Token(token));
            }
            Err(reason) => {
                let end = malformed_end(&chars, &closing, i);
                parts.push(Part::Malformed {
                    text: chars.get(i..end).unwrap_or_default().iter().collect(),
                    start: i,
                    reason,
                });
                i = end;
            }
        }
    }
    if !literal.is_empty() {
        parts.push(Part::Literal {
            text: literal,
            start: literal_start,
        });
    }
    Template { parts }
}

const KINDS: &str = "`publisher`, `entity`, `link`, `text`, `picture` or `list`";
const NEVER_CLOSED: &str = "the token is never closed with `}`";
const WHITESPACE: &str = "white space is not allowed inside a token";

fn is_stop(c: char) -> bool {
    matches!(c, '{' | '}' | '(' | ')' | ':') || c.is_whitespace()
}

/// The run of name characters from `pos`, and where it ends.
fn word(chars: &[char], pos: usize) -> (String, usize) {
    let mut end = pos;
    while chars.get(end).is_some_and(|&c| !is_stop(c)) {
        end += 1;
    }
    (
        chars.get(pos..end).unwrap_or_default().iter().collect(),
        end,
    )
}

fn seen(chars: &[char], start: usize, pos: usize) -> String {
    chars.get(start..pos).unwrap_or_default().iter().collect()
}

/// Checks that `want` is at `pos`, or says what is there instead.
fn expect(chars: &[char], start: usize, pos: usize, want: char) -> Result<(), String> {
    match chars.get(pos) {
        Some(&c) if c == want => Ok(()),
        None => Err(NEVER_CLOSED.to_owned()),
        Some(c) if c.is_whitespace() => Err(WHITESPACE.to_owned()),
        Some(c) => Err(format!(
            "expected `{want}` after `{}`, found `{c}`",
            seen(chars, start, pos)
        )),
    }
}

/// Reads the token whose `{` is at `start`. `in_list` is set for a list's item, which may
/// not be a list itself (so the recursion is at most two deep, whatever the input).
fn token_at(chars: &[char], start: usize, in_list: bool) -> Result<Token, String> {
    let (kind_word, pos) = word(chars, start + 1);
    if kind_word.is_empty() {
        return Err(match chars.get(pos) {
            None => NEVER_CLOSED.to_owned(),
            Some('}') => format!("empty token `{{}}`; expected `{{kind:name}}` with kind {KINDS}"),
            Some(c) if c.is_whitespace() => WHITESPACE.to_owned(),
            Some(_) => format!("expected a token kind after `{{`: {KINDS}"),
        });
    }
    let is_list = match kind_word.as_str() {
        "publisher" | "entity" | "link" | "text" | "picture" => false,
        "list" => true,
        other => {
            let lower = other.to_lowercase();
            let hint = if matches!(
                lower.as_str(),
                "publisher" | "entity" | "link" | "text" | "picture" | "list"
            ) {
                format!(" (kinds are lowercase: `{lower}`)")
            } else {
                String::new()
            };
            return Err(match chars.get(pos) {
                Some(':') => format!("unknown token kind `{other}`; expected {KINDS}{hint}"),
                _ => format!(
                    "`{{{other}` is not `{{kind:name}}`; expected `:` after a kind ({KINDS})"
                ),
            });
        }
    };
    if in_list {
        if is_list {
            return Err(
                "lists do not nest: a list's item must be a `link`, `text` or \
                        `picture` token"
                    .to_owned(),
            );
        }
        if matches!(kind_word.as_str(), "publisher" | "entity") {
            return Err(format!(
                "a list's item must be a `link`, `text` or `picture` token, found `{kind_word}`"
            ));
        }
    }
    expect(chars, start, pos, ':')?;
    let (name, pos) = word(chars, pos + 1);
    if name.is_empty() {
        return Err(match chars.get(pos) {
            None => NEVER_CLOSED.to_owned(),
            Some(c) if c.is_whitespace() => WHITESPACE.to_owned(),
            Some(_) => format!("expected a variable name after `{kind_word}:`"),
        });
    }
    let kind = if is_list {
        match chars.get(pos) {
            Some('(') => {}
            Some('}') => {
                return Err(format!(
                    "a `list` token needs an item token: `{{list:{name}({{picture:Item}})}}`"
                ));
            }
            _ => expect(chars, start, pos, '(')?,
        }
        expect(chars, start, pos + 1, '{')?;
        let item = token_at(chars, pos + 1, true)?;
        let after = pos + 1 + item.len;
        expect(chars, start, after, ')')?;
        expect(chars, start, after + 1, '}')?;
        TokenKind::List {
            item: Box::new(item),
        }
    } else {
        if chars.get(pos) == Some(&'(') {
            return Err(format!(
                "only `list` tokens take an item in parentheses, not `{kind_word}`"
            ));
        }
        expect(chars, start, pos, '}')?;
        match kind_word.as_str() {
            "publisher" => TokenKind::Publisher,
            "entity" => TokenKind::Entity,
            "link" => TokenKind::Link,
            "text" => TokenKind::Text,
            _ => TokenKind::Picture,
        }
    };
    let end = match &kind {
        TokenKind::List { item } => item.start + item.len + 2,
        _ => pos + 1,
    };
    Ok(Token {
        kind,
        name,
        start,
        len: end - start,
    })
}

/// For each `{`, the position of the `}` that balances it, if any (one pass, so that
/// recovering from many malformed tokens stays linear).
fn closing_braces(chars: &[char]) -> Vec<Option<usize>> {
    let mut closing = vec![None; chars.len()];
    let mut open = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '{' => open.push(i),
            '}' => {
                if let Some(o) = open.pop() {
                    if let Some(slot) = closing.get_mut(o) {
                        *slot = Some(i);
                    }
                }
            }
            _ => {}
        }
    }
    closing
}

/// Where a malformed token starting at `start` ends (exclusive): after the `}` that balances
/// its `{`, or else at the next `{`, or at the end of the text.
fn malformed_end(chars: &[char], closing: &[Option<usize>], start: usize) -> usize {
    if let Some(Some(close)) = closing.get(start) {
        return close + 1;
    }
    chars
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|&(_, &c)| c == '{')
        .map_or(chars.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(kind: TokenKind, name: &str, start: usize, len: usize) -> Part {
        Part::Token(Token {
            kind,
            name: name.to_owned(),
            start,
            len,
        })
    }

    fn lit(text: &str, start: usize) -> Part {
        Part::Literal {
            text: text.to_owned(),
            start,
        }
    }

    fn malformed(t: &Template) -> Vec<(&str, usize, &str)> {
        t.parts
            .iter()
            .filter_map(|p| match p {
                Part::Malformed {
                    text,
                    start,
                    reason,
                } => Some((text.as_str(), *start, reason.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_docs_titles() {
        assert_eq!(
            parse("{publisher:Publisher} has a new profile photo: ").parts,
            vec![
                tok(TokenKind::Publisher, "Publisher", 0, 21),
                lit(" has a new profile photo: ", 21),
            ]
        );
        assert_eq!(
            parse("{publisher:Publisher} wrote a new blog post {link:blogPost}").parts,
            vec![
                tok(TokenKind::Publisher, "Publisher", 0, 21),
                lit(" wrote a new blog post ", 21),
                tok(TokenKind::Link, "blogPost", 44, 15),
            ]
        );
    }

    #[test]
    fn the_docs_list() {
        let t = parse("{list:ProfilePhoto({picture:Photo})}");
        let item = Token {
            kind: TokenKind::Picture,
            name: "Photo".to_owned(),
            start: 19,
            len: 15,
        };
        assert_eq!(
            t.parts,
            vec![Part::Token(Token {
                kind: TokenKind::List {
                    item: Box::new(item)
                },
                name: "ProfilePhoto".to_owned(),
                start: 0,
                len: 36,
            })]
        );
        assert_eq!(
            t.tokens().next().map(ToString::to_string).as_deref(),
            Some("{list:ProfilePhoto({picture:Photo})}")
        );
    }

    #[test]
    fn every_kind_and_list_item_kind() {
        for (text, kind) in [
            ("{entity:Friend}", TokenKind::Entity),
            ("{text:t}", TokenKind::Text),
            ("{picture:p}", TokenKind::Picture),
        ] {
            let t = parse(text);
            assert_eq!(t.tokens().next().map(|t| &t.kind), Some(&kind), "{text}");
            assert_eq!(
                t.tokens().next().map(ToString::to_string).as_deref(),
                Some(text)
            );
        }
        for item in ["link", "text", "picture"] {
            let text = format!("a {{list:L({{{item}:I}})}} b");
            let t = parse(&text);
            let Some(Token {
                kind: TokenKind::List { item: got },
                start: 2,
                ..
            }) = t.tokens().next()
            else {
                panic!("{text}: {t:?}");
            };
            assert_eq!(got.kind.prefix(), item);
            assert_eq!(got.start, 10);
            assert_eq!(
                t.tokens().next().map(ToString::to_string).as_deref(),
                Some(&text[2..text.len() - 2])
            );
        }
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let t = parse("Zoë · {text:s}");
        assert_eq!(t.tokens().next().map(|t| t.start), Some(6));
        let t = parse("😀{text:ñame}");
        assert_eq!(t.parts[1], tok(TokenKind::Text, "ñame", 1, 11));
    }

    #[test]
    fn empty_and_plain_text() {
        assert!(parse("").parts.is_empty());
        assert_eq!(
            parse("no tokens } here").parts,
            vec![lit("no tokens } here", 0)]
        );
    }

    #[test]
    fn malformed_tokens_are_reported_not_panicked_on() {
        let cases = [
            ("{}", "empty token"),
            ("{Status}", "expected `:`"),
            ("{Text:x}", "kinds are lowercase: `text`"),
            ("{photo:x}", "unknown token kind `photo`"),
            ("{text: x}", "white space"),
            ("{text:x }", "white space"),
            ("{text:}", "expected a variable name"),
            ("{text:x", "never closed"),
            ("{", "never closed"),
            ("{text:a:b}", "expected `}` after `{text:a`, found `:`"),
            ("{text:a(b)}", "only `list` tokens"),
            ("{list:Photos}", "needs an item token"),
            (
                "{list:P{picture:x}}",
                "expected `(` after `{list:P`, found `{`",
            ),
            ("{list:P(picture:x)}", "expected `{` after `{list:P(`"),
            ("{list:P({publisher:x})}", "found `publisher`"),
            ("{list:A({list:B({text:C})})}", "lists do not nest"),
            ("{list:P({picture:x}}", "expected `)`"),
            ("{list:P({picture:x})", "never closed"),
            ("{{text:x}}", "expected a token kind"),
        ];
        for (text, reason) in cases {
            let t = parse(text);
            let bad = malformed(&t);
            assert!(
                bad.first()
                    .is_some_and(|(_, start, r)| *start == 0 && r.contains(reason)),
                "{text}: {t:?}"
            );
        }
    }

    #[test]
    fn a_malformed_token_ends_at_its_balancing_brace() {
        let t = parse("a {b} {text:c}");
        assert_eq!(malformed(&t), vec![("{b}", 2, malformed(&t)[0].2)]);
        assert_eq!(t.tokens().next().map(|t| t.start), Some(6));
        let t = parse("{list:A({pic:B})} x");
        assert_eq!(malformed(&t).len(), 1);
        assert_eq!(malformed(&t)[0].0, "{list:A({pic:B})}");
        assert_eq!(t.parts.last(), Some(&lit(" x", 17)));
    }

    #[test]
    fn an_unclosed_token_stops_before_the_next_one() {
        let t = parse("{text:a and {publisher:P}");
        assert_eq!(malformed(&t)[0].0, "{text:a and ");
        assert_eq!(t.parts[1], tok(TokenKind::Publisher, "P", 12, 13));
    }

    #[test]
    fn hostile_input_does_not_recurse_deeply() {
        let deep = "{list:a(".repeat(100_000);
        let t = parse(&deep);
        assert!(!malformed(&t).is_empty());
        let braces = "{".repeat(100_000) + &"}".repeat(100_000);
        assert_eq!(malformed(&parse(&braces)).len(), 1);
    }

    #[test]
    fn variable_types_follow_token_kinds() {
        assert_eq!(TokenKind::Text.variable_type(), TemplateVariableType::Text);
        assert_eq!(
            TokenKind::Picture.item_type(),
            Some(SimpleVariableType::Picture)
        );
        assert_eq!(TokenKind::Publisher.item_type(), None);
    }
}
