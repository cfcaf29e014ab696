//! The position (Glushkov) automaton of a content model, made deterministic.
//!
//! Each element particle, once per copy that unrolling `minOccurs`/`maxOccurs` makes, is a
//! position. A regular expression over positions gives, for each position, the positions
//! that may follow it; a state of the deterministic automaton is the set of positions the
//! children so far may have ended on. Two positions of different particles with the same
//! name among those that may come next from one state break Unique Particle Attribution.

use std::collections::HashMap;

use super::{Dfa, MAX_CELLS, MAX_POSITIONS, MAX_STATES, ModelError, Occurs, Term};
use crate::xsd::schema::UNBOUNDED;

/// A regular expression over positions.
enum Re {
    /// The empty sequence.
    Empty,
    /// Nothing at all (an empty `xs:choice`).
    Never,
    /// One position.
    Pos(u32),
    Seq(Vec<Re>),
    Alt(Vec<Re>),
    /// Zero or one.
    Opt(Box<Re>),
    /// One or more.
    Plus(Box<Re>),
}

/// Positions as they are made: each one's column (declaration, or wildcard past the
/// declarations) and particle.
struct Positions {
    /// How many columns are declarations; wildcard `w` is column `elements + w`.
    elements: u32,
    decl: Vec<u32>,
    particle: Vec<u32>,
    /// Nodes of the unrolled expression, to bound the work an empty group repeated many
    /// times would cause.
    nodes: usize,
}

impl Positions {
    fn node(&mut self) -> Result<(), ModelError> {
        self.nodes += 1;
        if self.nodes > MAX_POSITIONS * 4 {
            return Err(ModelError::TooLarge);
        }
        Ok(())
    }

    /// The expression of `o`, `minOccurs` and `maxOccurs` unrolled into copies.
    fn unroll(&mut self, o: &Occurs) -> Result<Re, ModelError> {
        self.node()?;
        let mut parts = Vec::new();
        let required = if o.max == UNBOUNDED {
            o.min.saturating_sub(1)
        } else {
            o.min
        };
        for _ in 0..required {
            parts.push(self.term(&o.term)?);
        }
        if o.max == UNBOUNDED {
            let more = Re::Plus(Box::new(self.term(&o.term)?));
            parts.push(if o.min == 0 {
                Re::Opt(Box::new(more))
            } else {
                more
            });
        } else {
            // x{0,n} as (x (x (…)?)?)?: a later copy only after an earlier one, so that
            // the copies never compete for one child.
            let mut optional: Option<Re> = None;
            for _ in o.min..o.max {
                let copy = self.term(&o.term)?;
                let inner = match optional.take() {
                    Some(rest) => Re::Seq(vec![copy, rest]),
                    None => copy,
                };
                optional = Some(Re::Opt(Box::new(inner)));
                self.node()?;
            }
            parts.extend(optional);
        }
        Ok(Re::Seq(parts))
    }

    /// A fresh copy of `term`'s expression.
    fn term(&mut self, term: &Term) -> Result<Re, ModelError> {
        self.node()?;
        Ok(match term {
            Term::Element {
                decl: column,
                particle,
            }
            | Term::Wildcard {
                wildcard: column,
                particle,
            } => {
                let decl = match term {
                    Term::Wildcard { .. } => column.saturating_add(self.elements),
                    _ => *column,
                };
                if self.decl.len() >= MAX_POSITIONS {
                    return Err(ModelError::TooLarge);
                }
                self.decl.push(decl);
                self.particle.push(*particle);
                Re::Pos(u32::try_from(self.decl.len() - 1).map_err(|_| ModelError::TooLarge)?)
            }
            Term::Sequence(items) | Term::All(items) => Re::Seq(
                items
                    .iter()
                    .map(|i| self.unroll(i))
                    .collect::<Result<_, _>>()?,
            ),
            Term::Choice(items) if items.is_empty() => Re::Never,
            Term::Choice(items) => Re::Alt(
                items
                    .iter()
                    .map(|i| self.unroll(i))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }
}

/// What Glushkov's construction knows of an expression.
struct Sets {
    nullable: bool,
    first: Vec<u32>,
    last: Vec<u32>,
}

/// The positions that may follow each position, with a bound on how many pairs there are.
struct Follow {
    sets: Vec<Vec<u32>>,
    pairs: usize,
}

impl Follow {
    /// Every position of `from` may be followed by every position of `to`.
    fn link(&mut self, from: &[u32], to: &[u32]) -> Result<(), ModelError> {
        if to.is_empty() {
            return Ok(());
        }
        for &p in from {
            if let Some(f) = self.sets.get_mut(p as usize) {
                let before = f.len();
                f.extend_from_slice(to);
                f.sort_unstable();
                f.dedup();
                self.pairs += f.len() - before;
                if self.pairs > MAX_FOLLOW {
                    return Err(ModelError::TooLarge);
                }
            }
        }
        Ok(())
    }
}

/// The most (position, following position) pairs one content model may make.
const MAX_FOLLOW: usize = 1 << 20;

/// Computes the sets of `re` and adds to `follow` the pairs it makes.
fn sets(re: &Re, follow: &mut Follow) -> Result<Sets, ModelError> {
    Ok(match re {
        Re::Empty => Sets {
            nullable: true,
            first: Vec::new(),
            last: Vec::new(),
        },
        Re::Never => Sets {
            nullable: false,
            first: Vec::new(),
            last: Vec::new(),
        },
        Re::Pos(p) => Sets {
            nullable: false,
            first: vec![*p],
            last: vec![*p],
        },
        Re::Seq(parts) => {
            let mut acc = sets(&Re::Empty, follow)?;
            for part in parts {
                let s = sets(part, follow)?;
                follow.link(&acc.last, &s.first)?;
                if acc.nullable {
                    acc.first.extend_from_slice(&s.first);
                }
                acc.last = if s.nullable {
                    let mut last = acc.last;
                    last.extend_from_slice(&s.last);
                    last
                } else {
                    s.last
                };
                acc.nullable &= s.nullable;
                // A sequence that can match nothing (an empty choice in it) has no first.
                if !acc.nullable && acc.first.is_empty() && acc.last.is_empty() {
                    return sets(&Re::Never, follow);
                }
            }
            acc
        }
        Re::Alt(parts) => {
            let mut acc = sets(&Re::Never, follow)?;
            for part in parts {
                let s = sets(part, follow)?;
                acc.nullable |= s.nullable;
                acc.first.extend(s.first);
                acc.last.extend(s.last);
            }
            acc
        }
        Re::Opt(inner) => {
            let mut s = sets(inner, follow)?;
            s.nullable = true;
            s
        }
        Re::Plus(inner) => {
            let s = sets(inner, follow)?;
            follow.link(&s.last, &s.first)?;
            s
        }
    })
}

/// The deterministic automaton of `top` over `names` columns, the first `elements` of them
/// declarations and the rest wildcards; `overlap(a, b)` says whether one child could match
/// both columns.
///
/// # Errors
/// As [`super::compile`].
pub(super) fn automaton(
    top: &Occurs,
    names: usize,
    elements: usize,
    overlap: &dyn Fn(usize, usize) -> bool,
) -> Result<Dfa, ModelError> {
    let mut positions = Positions {
        elements: u32::try_from(elements).map_err(|_| ModelError::TooLarge)?,
        decl: Vec::new(),
        particle: Vec::new(),
        nodes: 0,
    };
    let re = positions.unroll(top)?;
    let count = positions.decl.len();
    let mut follow = Follow {
        sets: vec![Vec::new(); count],
        pairs: 0,
    };
    let whole = sets(&re, &mut follow)?;
    let follow = follow.sets;
    let mut first = whole.first;
    first.sort_unstable();
    first.dedup();
    let mut is_last = vec![false; count];
    for &p in &whole.last {
        if let Some(slot) = is_last.get_mut(p as usize) {
            *slot = true;
        }
    }
    // A state is the set of positions the children so far may have ended on; the start
    // is the empty set, whose successors are the first positions.
    let mut states: Vec<Vec<u32>> = vec![Vec::new()];
    let mut ids: HashMap<Vec<u32>, u32> = HashMap::new();
    ids.insert(Vec::new(), 0);
    let mut next: Vec<u32> = Vec::new();
    let mut accepting = Vec::new();
    let mut s = 0;
    while let Some(state) = states.get(s).cloned() {
        accepting.push(if state.is_empty() {
            whole.nullable
        } else {
            state
                .iter()
                .any(|&p| is_last.get(p as usize) == Some(&true))
        });
        let mut candidates: Vec<u32> = if state.is_empty() {
            first.clone()
        } else {
            state
                .iter()
                .filter_map(|&p| follow.get(p as usize))
                .flatten()
                .copied()
                .collect()
        };
        candidates.sort_unstable();
        candidates.dedup();
        let mut by_decl: Vec<Vec<u32>> = vec![Vec::new(); names];
        for &q in &candidates {
            let decl = positions.decl.get(q as usize).copied().unwrap_or(0) as usize;
            if let Some(group) = by_decl.get_mut(decl) {
                let particle = positions.particle.get(q as usize).copied();
                if let Some(&other) = group.first() {
                    let first_particle = positions.particle.get(other as usize).copied();
                    if first_particle != particle {
                        return Err(ModelError::Ambiguous {
                            first: first_particle.unwrap_or(0),
                            second: particle.unwrap_or(0),
                        });
                    }
                }
                group.push(q);
            }
        }
        if names > elements {
            wildcard_overlaps(&by_decl, elements, &positions.particle, overlap)?;
        }
        if next.len() + names > MAX_CELLS {
            return Err(ModelError::TooLarge);
        }
        for target in by_decl {
            if target.is_empty() {
                next.push(Dfa::DEAD);
                continue;
            }
            let id = match ids.get(&target) {
                Some(&id) => id,
                None => {
                    if states.len() >= MAX_STATES {
                        return Err(ModelError::TooLarge);
                    }
                    let id = u32::try_from(states.len()).map_err(|_| ModelError::TooLarge)?;
                    ids.insert(target.clone(), id);
                    states.push(target);
                    id
                }
            };
            next.push(id);
        }
        s += 1;
    }
    Ok(Dfa {
        names,
        next: next.into(),
        accepting: accepting.into(),
    })
}

/// Unique Particle Attribution across columns, for a model with wildcards: among the
/// columns a state may go on (`by_decl`, the positions of each), a wildcard column and
/// another one that a child could both match make the model ambiguous.
fn wildcard_overlaps(
    by_decl: &[Vec<u32>],
    elements: usize,
    particle: &[u32],
    overlap: &dyn Fn(usize, usize) -> bool,
) -> Result<(), ModelError> {
    let first_particle = |column: &Vec<u32>| {
        column
            .first()
            .and_then(|&p| particle.get(p as usize))
            .copied()
            .unwrap_or(0)
    };
    for (w, wild) in by_decl.iter().enumerate().skip(elements) {
        if wild.is_empty() {
            continue;
        }
        for (c, other) in by_decl.iter().enumerate().take(w) {
            if !other.is_empty() && overlap(c, w) {
                return Err(ModelError::Ambiguous {
                    first: first_particle(other),
                    second: first_particle(wild),
                });
            }
        }
    }
    Ok(())
}
