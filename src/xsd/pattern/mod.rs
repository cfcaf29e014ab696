//! `xs:pattern`: XML Schema 1.0 regular expressions (part 2, appendix F), read as their
//! grammar says and translated to the `regex` crate's syntax, which matches in time linear in
//! the value, so that a hostile pattern cannot make matching blow up.
//!
//! What the translation keeps: a pattern matches the whole value (no anchors are written);
//! `^` and `$` are plain characters; `.` is any character but a line feed or a carriage
//! return; `\s`, `\i`, `\c`, `\d`, `\w` and their complements are the sets XML Schema
//! defines; `\p{…}` takes the general categories and the blocks XML Schema names
//! (`\p{IsBasicLatin}`); a class may subtract another (`[a-z-[aeiou]]`).

mod blocks;
#[cfg(test)]
mod tests;

use regex::{Regex, RegexBuilder};

use crate::markup::{NAME_MORE_RANGES, NAME_START_RANGES};

/// The patterns of one restriction step, compiled: a value must match one of them, whole.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// The patterns as the schema writes them, joined by `|`, for messages.
    written: Box<str>,
    regex: Regex,
}

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PatternError {
    /// Not a regular expression XML Schema 1.0 allows: the schema is incorrect.
    Invalid(String),
    /// Correct, but larger than the engine compiles (deep nesting, huge repetitions).
    TooLarge(String),
}

/// How deeply groups and classes may nest: far beyond any real pattern, and well within the
/// stack.
const MAX_DEPTH: usize = 100;

/// The most memory one compiled pattern may take.
const MAX_COMPILED_BYTES: usize = 16 << 20;

impl Pattern {
    /// Compiles the patterns of one step (alternatives of each other).
    pub(crate) fn compile(alternatives: &[&str]) -> Result<Pattern, PatternError> {
        let mut translated = Vec::with_capacity(alternatives.len());
        for pattern in alternatives {
            translated.push(format!("(?:{})", translate(pattern)?));
        }
        let whole = format!(r"\A(?:{})\z", translated.join("|"));
        let regex = RegexBuilder::new(&whole)
            .size_limit(MAX_COMPILED_BYTES)
            .dfa_size_limit(MAX_COMPILED_BYTES)
            .nest_limit(u32::try_from(4 * MAX_DEPTH).unwrap_or(u32::MAX))
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(_) => PatternError::TooLarge(
                    "the pattern compiles to more than the engine allows".to_owned(),
                ),
                other => PatternError::TooLarge(other.to_string()),
            })?;
        Ok(Pattern {
            written: alternatives.join("|").into(),
            regex,
        })
    }

    /// Whether `value` matches one of the patterns, whole.
    pub(crate) fn is_match(&self, value: &str) -> bool {
        self.regex.is_match(value)
    }

    /// The patterns as written, joined by `|`.
    pub(crate) fn written(&self) -> &str {
        &self.written
    }
}

/// One XML Schema regular expression in the `regex` crate's syntax.
pub(crate) fn translate(pattern: &str) -> Result<String, PatternError> {
    let mut reader = Reader {
        chars: pattern.chars().collect(),
        at: 0,
        depth: 0,
    };
    let out = reader.reg_exp()?;
    match reader.peek() {
        None => Ok(out),
        Some(')') => Err(reader.invalid("`)` closes no group")),
        Some(c) => Err(reader.invalid(&format!("unexpected `{c}`"))),
    }
}

/// A character class escape: one character, or a set written as a class.
enum Escaped {
    Char(char),
    Set(String),
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn invalid(&self, why: &str) -> PatternError {
        PatternError::Invalid(format!("{why} (at character {})", self.at + 1))
    }

    fn deeper(&mut self) -> Result<(), PatternError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(PatternError::TooLarge(format!(
                "groups and classes nest more than {MAX_DEPTH} deep"
            )));
        }
        Ok(())
    }

    /// `regExp ::= branch ( '|' branch )*`
    fn reg_exp(&mut self) -> Result<String, PatternError> {
        let mut out = self.branch()?;
        while self.peek() == Some('|') {
            self.at += 1;
            out.push('|');
            out.push_str(&self.branch()?);
        }
        Ok(out)
    }

    /// `branch ::= piece*`
    fn branch(&mut self) -> Result<String, PatternError> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            out.push_str(&self.piece()?);
        }
        Ok(out)
    }

    /// `piece ::= atom quantifier?`
    fn piece(&mut self) -> Result<String, PatternError> {
        let mut out = self.atom()?;
        match self.peek() {
            Some(q @ ('?' | '*' | '+')) => {
                self.at += 1;
                out.push(q);
            }
            Some('{') => {
                self.at += 1;
                out.push_str(&self.quantity()?);
            }
            _ => return Ok(out),
        }
        match self.peek() {
            Some('?' | '*' | '+' | '{') => Err(self.invalid("a quantifier follows a quantifier")),
            _ => Ok(out),
        }
    }

    /// `{n}`, `{n,}` or `{n,m}`, after its `{`.
    fn quantity(&mut self) -> Result<String, PatternError> {
        let min = self
            .number()?
            .ok_or_else(|| self.invalid("a quantity needs a number after `{`"))?;
        let max = if self.peek() == Some(',') {
            self.at += 1;
            Some(self.number()?)
        } else {
            None
        };
        if self.next() != Some('}') {
            return Err(self.invalid("a quantity ends with `}`"));
        }
        match max {
            None => Ok(format!("{{{min}}}")),
            Some(None) => Ok(format!("{{{min},}}")),
            Some(Some(max)) if max < min => Err(self.invalid(&format!(
                "the quantity {{{min},{max}}} ends below its start"
            ))),
            Some(Some(max)) => Ok(format!("{{{min},{max}}}")),
        }
    }

    fn number(&mut self) -> Result<Option<u32>, PatternError> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start {
            return Ok(None);
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits
            .parse::<u32>()
            .map(Some)
            .map_err(|_| PatternError::TooLarge(format!("the quantity {digits} is too large")))
    }

    /// `atom ::= Char | charClass | '(' regExp ')'`
    fn atom(&mut self) -> Result<String, PatternError> {
        let Some(c) = self.next() else {
            return Err(self.invalid("the pattern ends where an atom should be"));
        };
        match c {
            '(' => {
                self.deeper()?;
                let inner = self.reg_exp()?;
                if self.next() != Some(')') {
                    return Err(self.invalid("a group opened with `(` is not closed"));
                }
                self.depth -= 1;
                Ok(format!("(?:{inner})"))
            }
            '[' => self.class(),
            '.' => Ok(r"[^\n\r]".to_owned()),
            '\\' => Ok(match self.escape()? {
                Escaped::Char(c) => literal(c),
                Escaped::Set(set) => set,
            }),
            '?' | '*' | '+' | '{' => Err(self.invalid(&format!("`{c}` quantifies nothing"))),
            '}' | ']' => Err(self.invalid(&format!("`{c}` must be escaped as `\\{c}`"))),
            c => Ok(literal(c)),
        }
    }

    /// A character class after its `[`: `[^…]`, ranges and escapes, and a subtraction
    /// `-[…]` last.
    fn class(&mut self) -> Result<String, PatternError> {
        self.deeper()?;
        let negated = self.peek() == Some('^');
        if negated {
            self.at += 1;
        }
        let mut items = String::new();
        let mut first = true;
        loop {
            let Some(c) = self.next() else {
                return Err(self.invalid("a class opened with `[` is not closed"));
            };
            match c {
                ']' if first => return Err(self.invalid("a class holds at least one character")),
                ']' => break,
                '[' => return Err(self.invalid("`[` must be escaped as `\\[` in a class")),
                '-' if self.peek() == Some('[') && !first => {
                    self.at += 1;
                    let subtracted = self.class()?;
                    if self.next() != Some(']') {
                        return Err(self.invalid("a subtraction `-[…]` must end its class"));
                    }
                    self.depth -= 1;
                    let base = class_of(negated, &items);
                    return Ok(format!("[{base}--{subtracted}]"));
                }
                // A `-` stands for itself first or last in a group, the last being also just
                // before a subtraction (`[a-z--[aeiou]]`).
                '-' if first
                    || self.peek() == Some(']')
                    || (self.peek() == Some('-') && self.peek_at(1) == Some('[')) =>
                {
                    items.push_str(&literal_in_class('-'));
                }
                '-' => {
                    return Err(self.invalid(
                        "`-` stands for itself only first or last in a class; write `\\-`",
                    ));
                }
                '\\' => match self.escape()? {
                    Escaped::Char(start) => self.range_from(start, &mut items)?,
                    Escaped::Set(set) => items.push_str(&set),
                },
                c => self.range_from(c, &mut items)?,
            }
            first = false;
        }
        self.depth -= 1;
        Ok(class_of(negated, &items))
    }

    /// A single character of a class, or a range starting with it (`a-z`).
    fn range_from(&mut self, start: char, items: &mut String) -> Result<(), PatternError> {
        let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), Some('[' | ']'));
        if !is_range {
            items.push_str(&literal_in_class(start));
            return Ok(());
        }
        self.at += 1;
        let end = match self.next() {
            None => return Err(self.invalid("a range has no end")),
            Some('\\') => match self.escape()? {
                Escaped::Char(c) => c,
                Escaped::Set(_) => {
                    return Err(self.invalid("a range cannot end with a set such as `\\d`"));
                }
            },
            Some('[') => return Err(self.invalid("a range cannot end with `[`")),
            Some(c) => c,
        };
        if end < start {
            return Err(self.invalid(&format!("the range `{start}-{end}` ends below its start")));
        }
        items.push_str(&format!("{}-{}", hex(start), hex(end)));
        Ok(())
    }

    /// An escape after its `\`.
    fn escape(&mut self) -> Result<Escaped, PatternError> {
        let Some(c) = self.next() else {
            return Err(self.invalid("the pattern ends with `\\`"));
        };
        let set = |s: &str| Ok(Escaped::Set(s.to_owned()));
        match c {
            'n' => Ok(Escaped::Char('\n')),
            'r' => Ok(Escaped::Char('\r')),
            't' => Ok(Escaped::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                Ok(Escaped::Char(c))
            }
            's' => set(r"[\t\n\r ]"),
            'S' => set(r"[^\t\n\r ]"),
            'd' => set(r"\p{Nd}"),
            'D' => set(r"\P{Nd}"),
            'w' => set(r"[^\p{P}\p{Z}\p{C}]"),
            'W' => set(r"[\p{P}\p{Z}\p{C}]"),
            'i' => Ok(Escaped::Set(ranges_class(false, name_start()))),
            'I' => Ok(Escaped::Set(ranges_class(true, name_start()))),
            'c' => Ok(Escaped::Set(ranges_class(false, name_chars()))),
            'C' => Ok(Escaped::Set(ranges_class(true, name_chars()))),
            'p' | 'P' => self.property(c == 'P'),
            other => Err(self.invalid(&format!("`\\{other}` is not an escape XML Schema knows"))),
        }
    }

    /// `\p{…}` or `\P{…}` after its letter: a general category or a block.
    fn property(&mut self, complement: bool) -> Result<Escaped, PatternError> {
        if self.next() != Some('{') {
            return Err(self.invalid("`\\p` and `\\P` take a name in braces"));
        }
        let start = self.at;
        while self.peek().is_some_and(|c| c != '}') {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if self.next() != Some('}') {
            return Err(self.invalid("`\\p{` is not closed"));
        }
        if let Some(block) = name.strip_prefix("Is") {
            let Some((_, ranges)) = blocks::BLOCKS.iter().find(|(b, _)| *b == block) else {
                return Err(self.invalid(&format!("`{block}` is not a block XML Schema names")));
            };
            let ranges = ranges.iter().map(|&(lo, hi)| (lo, hi));
            return Ok(Escaped::Set(ranges_class(complement, ranges)));
        }
        if !CATEGORIES.contains(&name.as_str()) {
            return Err(self.invalid(&format!("`{name}` is not a category XML Schema names")));
        }
        let letter = if complement { 'P' } else { 'p' };
        Ok(Escaped::Set(format!("\\{letter}{{{name}}}")))
    }
}

/// The general categories `\p{…}` may name (XML Schema 1.0 part 2, F.1.1).
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C",
    "Cc", "Cf", "Co", "Cn",
];

fn name_start() -> impl Iterator<Item = (u32, u32)> {
    NAME_START_RANGES
        .iter()
        .map(|&(lo, hi)| (u32::from(lo), u32::from(hi)))
}

fn name_chars() -> impl Iterator<Item = (u32, u32)> {
    name_start().chain(
        NAME_MORE_RANGES
            .iter()
            .map(|&(lo, hi)| (u32::from(lo), u32::from(hi))),
    )
}

/// A class of code point ranges; with no range, a class that matches nothing (or, as a
/// complement, everything).
fn ranges_class(complement: bool, ranges: impl Iterator<Item = (u32, u32)>) -> String {
    let mut items = String::new();
    for (lo, hi) in ranges {
        items.push_str(&format!("\\x{{{lo:X}}}-\\x{{{hi:X}}}"));
    }
    match (items.is_empty(), complement) {
        (true, false) => "[a&&b]".to_owned(),
        (true, true) => r"[\x{0}-\x{10FFFF}]".to_owned(),
        (false, _) => class_of(complement, &items),
    }
}

fn class_of(negated: bool, items: &str) -> String {
    if negated {
        format!("[^{items}]")
    } else {
        format!("[{items}]")
    }
}

fn hex(c: char) -> String {
    format!("\\x{{{:X}}}", u32::from(c))
}

fn literal(c: char) -> String {
    regex::escape(c.encode_utf8(&mut [0; 4]))
}

fn literal_in_class(c: char) -> String {
    hex(c)
}
