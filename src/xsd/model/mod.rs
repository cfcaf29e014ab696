//! Content models beyond one flat sequence: `xs:choice`, nested model groups with their
//! occurrence bounds, `xs:all`, named groups, element references and wildcards (`xs:any`),
//! compiled into a deterministic automaton the validator runs one child at a time.
//!
//! The loader reads a content model into a [`Term`] tree, every `xs:group ref` already
//! replaced by its group's particles. [`compile`] turns the tree into a [`Model`]:
//! for `xs:all` a set of elements matched by bits; for everything else the position
//! (Glushkov) automaton of the tree, numeric `maxOccurs` unrolled, made deterministic by
//! the subset construction. The automaton's alphabet is the declared names, then one
//! column per wildcard, which takes a child no name takes. The construction also shows
//! Unique Particle Attribution: two positions of different particles that admit one name
//! (the same name, a name and a wildcard admitting its namespace, two wildcards sharing a
//! namespace) reachable from one state make the schema incorrect. Sizes are capped so that an untrusted schema costs bounded work.

mod glushkov;

use super::schema::{Particle, UNBOUNDED};
use super::wildcard::Wildcard;

/// The most positions (element particles after unrolling `maxOccurs`) one content model may
/// have, and the most nodes of its unrolled tree.
pub(crate) const MAX_POSITIONS: usize = 4096;
/// The most states one automaton may have.
pub(crate) const MAX_STATES: usize = 4096;
/// The most cells (states times names) one automaton's transition table may have.
pub(crate) const MAX_CELLS: usize = 1 << 20;
/// The most elements one `xs:all` may hold: the bits of a `u64`.
pub(crate) const MAX_ALL: usize = 64;

/// A particle of a content model as loaded: a term and how often it may occur.
#[derive(Debug, Clone)]
pub(crate) struct Occurs {
    /// What occurs.
    pub term: Term,
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`, [`UNBOUNDED`] for `unbounded`.
    pub max: u32,
}

/// What a particle holds.
#[derive(Debug, Clone)]
pub(crate) enum Term {
    /// An element: `decl` indexes the model's declarations (one per name), `particle`
    /// identifies the `xs:element` in the schema (a group used twice gives its elements
    /// the same identity, as they are one particle of the schema).
    Element { decl: u32, particle: u32 },
    /// `xs:any`: `wildcard` indexes the model's wildcards (one per `xs:any` of the
    /// schema), `particle` is its identity as for elements.
    Wildcard { wildcard: u32, particle: u32 },
    /// `xs:sequence`.
    Sequence(Vec<Occurs>),
    /// `xs:choice`.
    Choice(Vec<Occurs>),
    /// `xs:all`; only ever the whole content model.
    All(Vec<Occurs>),
}

/// Why a content model does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ModelError {
    /// Unique Particle Attribution: one child could match either particle.
    Ambiguous {
        /// The identities ([`Term::Element`]'s `particle`) of the two particles.
        first: u32,
        second: u32,
    },
    /// The automaton would pass one of the size caps.
    TooLarge,
}

/// A compiled content model.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    /// The element declarations, one per name, in the order they first appear; `max` is how
    /// often the name may occur at most among the children, so that element paths index
    /// the names that may repeat.
    pub decls: Box<[Particle]>,
    /// The wildcards (`xs:any`); in the automaton, wildcard `w` is the column
    /// `decls.len() + w`, taken by a child no declaration takes there.
    pub wildcards: Box<[Wildcard]>,
    /// How children are matched.
    pub matcher: Matcher,
}

/// How a [`Model`] matches children.
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    /// A deterministic automaton over the declarations.
    Dfa(Dfa),
    /// `xs:all`: each declaration at most once, in any order; bit `i` stands for
    /// `decls[i]`.
    All {
        /// The declarations that must occur (unless the whole group is absent).
        required: u64,
        /// `minOccurs="0"` on the group: no child at all is fine too.
        emptiable: bool,
    },
}

/// A deterministic automaton: state 0 is the start; `next[state * names + decl]` is the
/// state after a child of `decl` (a declaration, or a wildcard past the declarations),
/// [`Dfa::DEAD`] when none may come there.
#[derive(Debug, Clone)]
pub(crate) struct Dfa {
    /// How many names (declarations) a row has.
    pub names: usize,
    /// The transition table, one row per state.
    pub next: Box<[u32]>,
    /// Whether the children so far may end the element, per state.
    pub accepting: Box<[bool]>,
}

impl Dfa {
    /// The entry for no transition.
    pub const DEAD: u32 = u32::MAX;

    /// The state after a child of `decl` in `state`, if it may come there.
    #[inline]
    pub fn step(&self, state: u32, decl: usize) -> Option<u32> {
        let cell = (state as usize)
            .checked_mul(self.names)?
            .checked_add(decl)?;
        self.next
            .get(cell)
            .copied()
            .filter(|&s| s != Self::DEAD && decl < self.names)
    }

    /// Whether the element may end in `state`.
    pub fn accepts(&self, state: u32) -> bool {
        self.accepting.get(state as usize).copied().unwrap_or(false)
    }

    /// The declarations that may come next in `state`, in declaration order.
    pub fn allowed(&self, state: u32) -> impl Iterator<Item = usize> + '_ {
        (0..self.names).filter(move |&d| self.step(state, d).is_some())
    }

    /// The declarations every way from `state` to an end of the element goes through:
    /// what is still required. Empty when the element may end here, or when no single
    /// name is needed (a choice between several).
    pub fn required(&self, state: u32) -> Vec<usize> {
        if self.accepts(state) {
            return Vec::new();
        }
        (0..self.names)
            .filter(|&d| !self.reaches_end_without(state, d))
            .collect()
    }

    /// Whether an accepting state is reachable from `state` without a child of `avoid`.
    fn reaches_end_without(&self, state: u32, avoid: usize) -> bool {
        let states = self.accepting.len();
        let mut seen = vec![false; states];
        let mut stack = vec![state];
        while let Some(s) = stack.pop() {
            let Some(slot) = seen.get_mut(s as usize) else {
                continue;
            };
            if *slot {
                continue;
            }
            *slot = true;
            if self.accepts(s) {
                return true;
            }
            stack.extend(
                (0..self.names)
                    .filter(|&d| d != avoid)
                    .filter_map(|d| self.step(s, d)),
            );
        }
        false
    }
}

/// Compiles the content model `top` over `decls` (as [`Model::decls`], `max` still to be
/// filled in) and `wildcards`; the declared elements are in namespace `element_ns`.
///
/// # Errors
/// [`ModelError::Ambiguous`] for a model that breaks Unique Particle Attribution (XSD 1.0:
/// an element and a wildcard that admits its name, or two wildcards that admit one name,
/// where one child could match either), [`ModelError::TooLarge`] past the size caps.
pub(crate) fn compile(
    top: &Occurs,
    mut decls: Vec<Particle>,
    wildcards: Vec<Wildcard>,
    element_ns: Option<&str>,
) -> Result<Model, ModelError> {
    let elements = decls.len();
    // Whether a child could match both columns `a` and `b` (`a` < `b`): two names never
    // can; a name and a wildcard when it admits the namespace the name is in; two wildcards when
    // they share a namespace.
    // An element's namespace: the target namespace for a qualified one, none otherwise.
    let namespace_of = |c: usize| decls.get(c).filter(|d| d.qualified).and(element_ns);
    let overlap = |a: usize, b: usize| -> bool {
        let wild = |c: usize| c.checked_sub(elements).and_then(|w| wildcards.get(w));
        match (wild(a), wild(b)) {
            (None, None) => false,
            (None, Some(w)) => w.namespaces.admits(namespace_of(a)),
            (Some(w), None) => w.namespaces.admits(namespace_of(b)),
            (Some(v), Some(w)) => v.namespaces.overlaps(&w.namespaces),
        }
    };
    let matcher = match &top.term {
        Term::All(items) => all(top, items, &decls)?,
        _ => Matcher::Dfa(glushkov::automaton(
            top,
            elements + wildcards.len(),
            elements,
            &overlap,
        )?),
    };
    // After the automaton, whose caps bound the model's size: this walk takes time in the
    // particles times the names.
    for d in &mut decls {
        d.max = 0;
    }
    most_occurrences(top, 1, &mut decls);
    Ok(Model {
        decls: decls.into(),
        wildcards: wildcards.into(),
        matcher,
    })
}

/// The [`Matcher::All`] of an `xs:all` whose items are elements at most once each.
fn all(top: &Occurs, items: &[Occurs], decls: &[Particle]) -> Result<Matcher, ModelError> {
    if decls.len() > MAX_ALL {
        return Err(ModelError::TooLarge);
    }
    let mut required = 0u64;
    let mut seen: Vec<(u32, u32)> = Vec::new();
    for item in items {
        let Term::Element { decl, particle } = item.term else {
            continue;
        };
        // One name twice in an `xs:all`: either particle could take it.
        if let Some(&(_, first)) = seen.iter().find(|(d, _)| *d == decl) {
            return Err(ModelError::Ambiguous {
                first,
                second: particle,
            });
        }
        seen.push((decl, particle));
        if item.min > 0 {
            required |= 1u64.checked_shl(decl).unwrap_or(0);
        }
    }
    Ok(Matcher::All {
        required,
        emptiable: top.min == 0,
    })
}

/// Adds to each declaration's `max` how often its name may occur in `o`, itself occurring
/// at most `times` times; saturating at [`UNBOUNDED`].
fn most_occurrences(o: &Occurs, times: u32, decls: &mut [Particle]) {
    let times = mul(times, o.max);
    match &o.term {
        Term::Element { decl, .. } => {
            if let Some(d) = decls.get_mut(*decl as usize) {
                d.max = add(d.max, times);
            }
        }
        Term::Wildcard { .. } => {}
        Term::Sequence(items) | Term::All(items) => {
            for item in items {
                most_occurrences(item, times, decls);
            }
        }
        Term::Choice(items) => {
            // Only one branch is taken each time: the most of any branch counts.
            let before: Vec<u32> = decls.iter().map(|d| d.max).collect();
            let mut most = before.clone();
            for item in items {
                for (d, b) in decls.iter_mut().zip(&before) {
                    d.max = *b;
                }
                most_occurrences(item, times, decls);
                for (m, d) in most.iter_mut().zip(decls.iter()) {
                    *m = (*m).max(d.max);
                }
            }
            for (d, m) in decls.iter_mut().zip(most) {
                d.max = m;
            }
        }
    }
}

fn mul(a: u32, b: u32) -> u32 {
    if a == UNBOUNDED || b == UNBOUNDED {
        if a == 0 || b == 0 { 0 } else { UNBOUNDED }
    } else {
        a.checked_mul(b).unwrap_or(UNBOUNDED)
    }
}

fn add(a: u32, b: u32) -> u32 {
    a.checked_add(b).unwrap_or(UNBOUNDED)
}

#[cfg(test)]
mod tests;
