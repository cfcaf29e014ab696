//! Glob patterns for picking files out of directories: `*` and `?` within one path segment,
//! `**` across segments, `[abc]`, `[a-z]` and `[!…]` classes. A pattern without `/` is
//! matched against the file name only, as in `.gitignore`. A pattern matches case as written,
//! unless made with [`Glob::any_case`].

use std::collections::HashSet;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Glob {
    pattern: Vec<char>,
    whole_path: bool,
    /// Whether paths are matched in any case: the pattern is held lowercased, and each path
    /// lowercased before it is matched.
    any_case: bool,
}

impl Glob {
    /// Parses `pattern`; an unclosed `[` is an error.
    pub fn new(pattern: &str) -> Result<Glob, String> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '[' {
                class_end(&chars, i)
                    .ok_or_else(|| format!("glob `{pattern}`: `[` is not closed"))?;
            }
            i += 1;
        }
        Ok(Glob {
            whole_path: pattern.contains('/'),
            pattern: chars,
            any_case: false,
        })
    }

    /// Parses `pattern` to match paths in any case: `*.xml` matches `CAPS.XML`.
    pub fn any_case(pattern: &str) -> Result<Glob, String> {
        let mut glob = Glob::new(&pattern.to_lowercase())?;
        glob.any_case = true;
        Ok(glob)
    }

    /// Whether `relative` (a path below the walked directory, `/`-separated) matches.
    pub fn matches(&self, relative: &str) -> bool {
        let subject = if self.whole_path {
            relative
        } else {
            relative.rsplit('/').next().unwrap_or(relative)
        };
        // The common pattern, a name ending (`*.xml`), needs no search: walking a directory
        // of thousands of files matches each of them.
        if let Some(ending) = self.name_ending() {
            let mut tail = subject.chars().rev();
            return ending.iter().rev().all(|&wanted| {
                tail.next().is_some_and(|c| {
                    c == wanted || (self.any_case && c.to_lowercase().eq([wanted]))
                })
            });
        }
        let text: Vec<char> = if self.any_case {
            subject.to_lowercase().chars().collect()
        } else {
            subject.chars().collect()
        };
        let mut failed = HashSet::new();
        matches_at(&self.pattern, 0, &text, 0, &mut failed)
    }
}

impl Glob {
    /// The literal text after a leading `*`, for a pattern on names that is only that.
    fn name_ending(&self) -> Option<&[char]> {
        let rest = self.pattern.strip_prefix(&['*'])?;
        let literal = !rest.iter().any(|c| matches!(c, '*' | '?' | '[' | '/'));
        (literal && !self.whole_path).then_some(rest)
    }
}

/// Index of the `]` closing the class that opens at `open`.
fn class_end(p: &[char], open: usize) -> Option<usize> {
    let mut i = open + 1;
    if matches!(p.get(i), Some('!' | '^')) {
        i += 1;
    }
    // A `]` right after the opening (or the negation) is a member, not the end.
    if p.get(i) == Some(&']') {
        i += 1;
    }
    while i < p.len() {
        if p[i] == ']' {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn class_matches(class: &[char], c: char) -> bool {
    let (negated, members) = match class.first() {
        Some('!' | '^') => (true, &class[1..]),
        _ => (false, class),
    };
    let mut found = false;
    let mut i = 0;
    while i < members.len() {
        if i + 2 < members.len() && members[i + 1] == '-' {
            found |= members[i] <= c && c <= members[i + 2];
            i += 3;
        } else {
            found |= members[i] == c;
            i += 1;
        }
    }
    found != negated
}

/// Backtracking match; `failed` remembers dead ends so that many stars stay polynomial.
fn matches_at(
    p: &[char],
    pi: usize,
    t: &[char],
    ti: usize,
    failed: &mut HashSet<(usize, usize)>,
) -> bool {
    if failed.contains(&(pi, ti)) {
        return false;
    }
    let result = match p.get(pi) {
        None => ti == t.len(),
        Some('*') if p.get(pi + 1) == Some(&'*') => {
            // `**/` may also match no directory at all.
            let after = if p.get(pi + 2) == Some(&'/') {
                pi + 3
            } else {
                pi + 2
            };
            (ti..=t.len()).any(|k| matches_at(p, after, t, k, failed))
        }
        Some('*') => {
            let stop = t[ti..]
                .iter()
                .position(|&c| c == '/')
                .map_or(t.len(), |n| ti + n);
            (ti..=stop).any(|k| matches_at(p, pi + 1, t, k, failed))
        }
        Some('?') => {
            t.get(ti).is_some_and(|&c| c != '/') && matches_at(p, pi + 1, t, ti + 1, failed)
        }
        Some('[') => match (class_end(p, pi), t.get(ti)) {
            (Some(end), Some(&c)) => {
                c != '/'
                    && class_matches(&p[pi + 1..end], c)
                    && matches_at(p, end + 1, t, ti + 1, failed)
            }
            _ => false,
        },
        Some(&c) => t.get(ti) == Some(&c) && matches_at(p, pi + 1, t, ti + 1, failed),
    };
    if !result {
        failed.insert((pi, ti));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).expect("valid pattern").matches(path)
    }

    #[test]
    fn names_paths_and_classes() {
        assert!(m("*.xml", "a/b/c.xml"));
        assert!(!m("*.xml", "a/b/c.xml.bak"));
        assert!(m("friends-?.xml", "x/friends-1.xml"));
        assert!(m("captures/*.xml", "captures/p.xml"));
        assert!(!m("captures/*.xml", "captures/deep/p.xml"));
        assert!(m("captures/**/*.xml", "captures/p.xml"));
        assert!(m("captures/**/*.xml", "captures/deep/er/p.xml"));
        assert!(m("**", "any/thing"));
        assert!(m("[a-c]*.xml", "b1.xml"));
        assert!(!m("[!a-c]*.xml", "b1.xml"));
        assert!(m("[]]x", "]x"));
        assert!(Glob::new("[abc").is_err());
        assert!(!m("*a*a*a*a*a*a*a*a*b", &"a".repeat(60)));
        assert!(m("*.xml", ".xml"));
        assert!(!m("*.xml", "xml"));
        assert!(m("*é.xml", "a/café.xml"));
        assert!(m("*", "a/b"));
        assert!(!m("*.xml", "CAPS.XML"));
    }

    #[test]
    fn any_case_matches_every_case() {
        let glob = Glob::any_case("*.xml").expect("valid pattern");
        for path in ["a.xml", "CAPS.XML", "d/Mixed.Xml", "É.XML"] {
            assert!(glob.matches(path), "{path}");
        }
        assert!(!glob.matches("a.xml.bak"));
        assert!(Glob::any_case("B/*.XML").expect("valid").matches("b/c.xml"));
    }
}
