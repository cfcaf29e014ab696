//! The rules tying an envelope's root, namespace, generation and content together.
//!
//! Each returns the message to report; the caller decides where (a position in the JSON
//! being read, or the field of a document being written).

use super::generation::Newest;
use crate::version::{NS_1_0, NS_1_1, Namespace, RootKind, Target};

/// Only `hashedAddresses` goes without a namespace: Outlook sends its request that way.
pub(crate) fn namespace_fits_root(kind: RootKind, namespace: Namespace) -> Result<(), String> {
    if namespace == Namespace::Absent && kind != RootKind::HashedAddresses {
        return Err(format!(
            "`namespace` is null, which only `hashedAddresses` may be; \
             `{kind}` needs `{NS_1_1}` (or `{NS_1_0}` for 1.0)"
        ));
    }
    Ok(())
}

/// 1.0 has a namespace of its own; 1.1 and 2013 share the other one, and documents without
/// a namespace only exist from 1.1 on.
pub(crate) fn generation_fits_namespace(
    generation: Target,
    namespace: Namespace,
) -> Result<(), String> {
    match (namespace, generation) {
        (Namespace::Osc10, Target::BeforeOutlook2010)
        | (Namespace::Osc11 | Namespace::Absent, Target::Outlook2010 | Target::Outlook2013) => {
            Ok(())
        }
        (Namespace::Osc10, _) => Err(format!(
            "generation `{generation}` contradicts the namespace `{NS_1_0}`, \
             which is the namespace of generation 1.0"
        )),
        (Namespace::Osc11, _) => Err(format!(
            "generation `{generation}` contradicts the namespace `{NS_1_1}`, \
             which is the namespace of generations 1.1 and 2013"
        )),
        (Namespace::Absent, _) => Err(format!(
            "generation `{generation}` contradicts the null namespace: \
             documents without a namespace exist only from generation 1.1 on"
        )),
    }
}

/// A generation must have every element the document uses.
pub(crate) fn generation_fits_content(generation: Target, newest: &Newest) -> Result<(), String> {
    if newest.since > generation {
        return Err(format!(
            "generation `{generation}` contradicts the content: `{}` was introduced in {}",
            newest.path, newest.since
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_namespace_has_its_generations() {
        for (namespace, allowed) in [
            (Namespace::Osc10, [true, false, false]),
            (Namespace::Osc11, [false, true, true]),
            (Namespace::Absent, [false, true, true]),
        ] {
            for (generation, ok) in Target::ALL.into_iter().zip(allowed) {
                assert_eq!(
                    generation_fits_namespace(generation, namespace).is_ok(),
                    ok,
                    "{namespace:?} {generation}"
                );
            }
        }
        assert!(namespace_fits_root(RootKind::HashedAddresses, Namespace::Absent).is_ok());
        assert!(namespace_fits_root(RootKind::Person, Namespace::Absent).is_err());
        assert!(namespace_fits_root(RootKind::Person, Namespace::Osc10).is_ok());
    }

    #[test]
    fn content_needs_a_generation_at_least_as_new() {
        let newest = Newest {
            path: "/person/skills".into(),
            since: Target::Outlook2013,
        };
        assert!(generation_fits_content(Target::Outlook2013, &newest).is_ok());
        assert_eq!(
            generation_fits_content(Target::Outlook2010, &newest),
            Err(
                "generation `1.1` contradicts the content: `/person/skills` was introduced in 2013"
                    .into()
            )
        );
    }
}
