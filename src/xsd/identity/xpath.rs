//! The XPath subset of identity constraints (XSD 1.0 part 1, 3.11.6): a selector is
//! `Path ('|' Path)*` with `Path ::= ('.//')? Step ('/' Step)*` and `Step ::= '.' |
//! NameTest`; a field is the same, but its last step may be `@NameTest`. `child::` and
//! `attribute::` may be written out, and whitespace may stand between tokens as in XPath.
//! Prefixes resolve through a lookup given by the caller (the schema's namespace
//! declarations); an unprefixed name is in no namespace, as XPath 1.0 reads it.

use crate::markup::is_ncname;

/// A name test of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NameTest {
    /// `*`: any name.
    Any,
    /// `p:*`: any name in the namespace (`None`: no namespace).
    Namespace(Option<Box<str>>),
    /// A name: its namespace and local name.
    Name(Option<Box<str>>, Box<str>),
}

impl NameTest {
    /// Whether a node named `local` in namespace `ns` passes the test.
    pub(crate) fn matches(&self, ns: Option<&str>, local: &str) -> bool {
        match self {
            NameTest::Any => true,
            NameTest::Namespace(n) => n.as_deref() == ns,
            NameTest::Name(n, l) => n.as_deref() == ns && **l == *local,
        }
    }
}

/// One alternative of a selector or field: the element steps below the context node
/// (`.` steps dropped, as they stay where they are) and, for a field, an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Path {
    /// `.//`: the steps start at the context node or any descendant.
    pub descendant: bool,
    /// The child steps, in order.
    pub steps: Box<[NameTest]>,
    /// The attribute the path ends on, for a field.
    pub attribute: Option<NameTest>,
}

impl Path {
    /// Whether the element reached by `chain` (the names of the elements below the context
    /// node, outermost first, each tested by `matches`) is a node this path selects,
    /// before any attribute step.
    pub(crate) fn reaches<T>(&self, chain: &[T], matches: impl Fn(&NameTest, &T) -> bool) -> bool {
        let n = self.steps.len();
        let tail = match chain.len().checked_sub(n) {
            Some(0) => chain,
            Some(extra) if self.descendant => chain.get(extra..).unwrap_or(&[]),
            _ => return false,
        };
        self.steps
            .iter()
            .zip(tail)
            .all(|(t, name)| matches(t, name))
    }
}

/// Why an expression is not of the subset, in words.
pub(crate) type XPathError = String;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'x> {
    Dot,
    DoubleSlash,
    Slash,
    Pipe,
    At,
    Star,
    Colon,
    DoubleColon,
    Name(&'x str),
}

/// A token and whether whitespace came before it (a QName takes none inside).
type Spaced<'x> = (Token<'x>, bool);

fn tokens(text: &str) -> Result<Vec<Spaced<'_>>, XPathError> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let spaced = trimmed.len() != rest.len();
        rest = trimmed;
        let Some(c) = rest.chars().next() else {
            return Ok(out);
        };
        let (token, len) = match c {
            '.' if rest.starts_with("..") => {
                return Err("`..` (the parent) is not allowed".into());
            }
            '.' => (Token::Dot, 1),
            '/' if rest.starts_with("//") => (Token::DoubleSlash, 2),
            '/' => (Token::Slash, 1),
            '|' => (Token::Pipe, 1),
            '@' => (Token::At, 1),
            '*' => (Token::Star, 1),
            ':' if rest.starts_with("::") => (Token::DoubleColon, 2),
            ':' => (Token::Colon, 1),
            c if c.is_alphabetic() || c == '_' => {
                let len = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        !(c.is_alphanumeric()
                            || matches!(c, '_' | '-' | '.' | '\u{B7}')
                            || name_char_extra(c))
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let name = rest.get(..len).unwrap_or("");
                if !is_ncname(name) {
                    return Err(format!("`{name}` is not a name"));
                }
                (Token::Name(name), len)
            }
            other => return Err(format!("`{other}` is not allowed here")),
        };
        out.push((token, spaced));
        rest = rest.get(len..).unwrap_or("");
    }
}

/// Name characters beyond letters, digits, `_`, `-`, `.` and `·`: the combining marks and
/// extenders that XML names allow; [`is_ncname`] has the last word.
fn name_char_extra(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Parses a selector (`attributes` false) or a field (`attributes` true); `lookup`
/// resolves a prefix to its namespace, `None` when it is not declared.
pub(crate) fn parse<'n>(
    text: &str,
    attributes: bool,
    lookup: impl Fn(&str) -> Option<&'n str>,
) -> Result<Box<[Path]>, XPathError> {
    let tokens = tokens(text)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        lookup: &lookup,
    };
    let mut paths = vec![parser.path(attributes)?];
    while parser.eat(&Token::Pipe) {
        paths.push(parser.path(attributes)?);
    }
    match parser.peek() {
        None => Ok(paths.into()),
        Some(t) => Err(format!("unexpected {}", describe(t))),
    }
}

struct Parser<'t, 'x, 'l, F> {
    tokens: &'t [Spaced<'x>],
    at: usize,
    lookup: &'l F,
}

impl<'n, 'x, F: Fn(&str) -> Option<&'n str>> Parser<'_, 'x, '_, F> {
    fn peek(&self) -> Option<&Token<'x>> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn peek_at(&self, k: usize) -> Option<&Spaced<'x>> {
        self.tokens.get(self.at + k)
    }

    fn eat(&mut self, token: &Token<'_>) -> bool {
        if self.peek() == Some(token) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn path(&mut self, attributes: bool) -> Result<Path, XPathError> {
        let mut descendant = false;
        if self.peek() == Some(&Token::Dot)
            && self.peek_at(1).map(|(t, _)| t) == Some(&Token::DoubleSlash)
        {
            self.at += 2;
            descendant = true;
        }
        let mut steps = Vec::new();
        loop {
            let axis = match (self.peek(), self.peek_at(1).map(|(t, _)| t)) {
                (Some(Token::Name(a)), Some(Token::DoubleColon)) => {
                    let a = *a;
                    self.at += 2;
                    Some(a)
                }
                _ => None,
            };
            let attribute = match axis {
                Some("attribute") => true,
                Some("child") => false,
                Some(other) => return Err(format!("the axis `{other}::` is not allowed")),
                None => self.eat(&Token::At),
            };
            if attribute {
                if !attributes {
                    return Err("a selector may not select attributes".into());
                }
                let test = self.name_test()?;
                return match self.peek() {
                    None | Some(Token::Pipe) => Ok(Path {
                        descendant,
                        steps: steps.into(),
                        attribute: Some(test),
                    }),
                    Some(t) => Err(format!(
                        "an attribute step must end the path, not be followed by {}",
                        describe(t)
                    )),
                };
            }
            if axis.is_none() && self.eat(&Token::Dot) {
                // `.` stays on the node it is at.
            } else {
                steps.push(self.name_test()?);
            }
            match self.peek() {
                Some(Token::Slash) => self.at += 1,
                None | Some(Token::Pipe) => {
                    return Ok(Path {
                        descendant,
                        steps: steps.into(),
                        attribute: None,
                    });
                }
                Some(Token::DoubleSlash) => {
                    return Err("`//` may only begin a path, as `.//`".into());
                }
                Some(t) => return Err(format!("unexpected {}", describe(t))),
            }
        }
    }

    fn name_test(&mut self) -> Result<NameTest, XPathError> {
        let Some((token, _)) = self.tokens.get(self.at) else {
            return Err("a name test is missing at the end".into());
        };
        self.at += 1;
        let first = match token {
            Token::Star => return Ok(NameTest::Any),
            Token::Name(n) => *n,
            other => return Err(format!("expected a name test, found {}", describe(other))),
        };
        let tight = |k: usize| {
            self.peek_at(k)
                .filter(|(_, spaced)| !spaced)
                .map(|(t, _)| t)
        };
        if tight(0) != Some(&Token::Colon) {
            return Ok(NameTest::Name(None, first.into()));
        }
        let ns =
            (self.lookup)(first).ok_or_else(|| format!("the prefix `{first}` is not declared"))?;
        let test = match tight(1) {
            Some(Token::Star) => NameTest::Namespace(Some(ns.into())),
            Some(Token::Name(local)) => NameTest::Name(Some(ns.into()), (*local).into()),
            _ => return Err(format!("`{first}:` must be followed by a name or `*`")),
        };
        self.at += 2;
        Ok(test)
    }
}

fn describe(token: &Token<'_>) -> String {
    match token {
        Token::Dot => "`.`".into(),
        Token::DoubleSlash => "`//`".into(),
        Token::Slash => "`/`".into(),
        Token::Pipe => "`|`".into(),
        Token::At => "`@`".into(),
        Token::Star => "`*`".into(),
        Token::Colon => "`:`".into(),
        Token::DoubleColon => "`::`".into(),
        Token::Name(n) => format!("`{n}`"),
    }
}

#[cfg(test)]
#[path = "xpath_tests.rs"]
mod tests;
