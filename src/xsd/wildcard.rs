//! Wildcards (`xs:any`, `xs:anyAttribute`): which namespaces they admit, how what they
//! admit is assessed, and the intersection and union XSD 1.0 makes of them when attribute
//! groups and extensions bring several to one type.

/// The namespaces a wildcard admits (XSD 1.0 {namespace constraint}); `None` stands for
/// no namespace (XSD's ·absent·).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Namespaces {
    /// `##any`.
    Any,
    /// Every namespace but this one, and never no namespace (`##other`, the target
    /// namespace or `None` when the schema has none).
    Not(Option<Box<str>>),
    /// Exactly these (a list of URIs, `##targetNamespace`, `##local`); may be empty.
    Only(Box<[Option<Box<str>>]>),
}

/// What is done with what a wildcard admits (`processContents`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Process {
    /// A global declaration must exist (or, for an element, `xsi:type` name a type), and
    /// the item is validated by it.
    Strict,
    /// Validated by a global declaration when one exists; an element without one has its
    /// attributes and children assessed laxly in turn.
    Lax,
    /// Only required to be well-formed.
    Skip,
}

/// A wildcard: the namespaces it admits and how it assesses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wildcard {
    /// The namespaces admitted.
    pub namespaces: Namespaces,
    /// How admitted items are assessed.
    pub process: Process,
}

/// Two wildcard namespace constraints whose combination XSD 1.0 says is not expressible
/// (the schema is then incorrect).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotExpressible;

impl Wildcard {
    /// `##any` with `processContents="lax"`: the wildcards of `xs:anyType`.
    pub fn any_lax() -> Self {
        Wildcard {
            namespaces: Namespaces::Any,
            process: Process::Lax,
        }
    }

    /// How messages describe what the wildcard admits: `an element of any namespace`, …
    pub fn describe(&self, what: &str) -> String {
        match &self.namespaces {
            Namespaces::Any => format!("{what} of any namespace"),
            Namespaces::Not(None) => format!("{what} of any namespace"),
            Namespaces::Not(Some(ns)) => format!("{what} of a namespace other than `{ns}`"),
            Namespaces::Only(list) => {
                let names: Vec<String> = list
                    .iter()
                    .map(|ns| match ns {
                        Some(ns) => format!("`{ns}`"),
                        None => "no namespace".to_owned(),
                    })
                    .collect();
                format!("{what} of {}", names.join(" or "))
            }
        }
    }
}

impl Namespaces {
    /// Whether a name in namespace `ns` (`None`: in none) is admitted.
    pub fn admits(&self, ns: Option<&str>) -> bool {
        match self {
            Namespaces::Any => true,
            // XSD 1.0: a negation never admits names without a namespace.
            Namespaces::Not(not) => ns.is_some() && ns != not.as_deref(),
            Namespaces::Only(list) => list.iter().any(|n| n.as_deref() == ns),
        }
    }

    /// Whether some namespace is admitted by both: two wildcards of one content model that
    /// could both take one child.
    pub fn overlaps(&self, other: &Namespaces) -> bool {
        match (self, other) {
            (Namespaces::Only(list), other) | (other, Namespaces::Only(list)) => {
                list.iter().any(|n| other.admits(n.as_deref()))
            }
            // A negation admits infinitely many namespaces; two of them, or one and `Any`,
            // share all but two.
            _ => true,
        }
    }

    /// The intersection XSD 1.0 defines (Attribute Wildcard Intersection, 3.10.6).
    ///
    /// # Errors
    /// [`NotExpressible`] for the negations of two different namespace names.
    pub fn intersect(&self, other: &Namespaces) -> Result<Namespaces, NotExpressible> {
        Ok(match (self, other) {
            (a, b) if a == b => a.clone(),
            (Namespaces::Any, o) | (o, Namespaces::Any) => o.clone(),
            (Namespaces::Not(not), Namespaces::Only(list))
            | (Namespaces::Only(list), Namespaces::Not(not)) => Namespaces::Only(
                list.iter()
                    .filter(|n| n.is_some() && *n != not)
                    .cloned()
                    .collect(),
            ),
            (Namespaces::Only(a), Namespaces::Only(b)) => {
                Namespaces::Only(a.iter().filter(|n| b.contains(n)).cloned().collect())
            }
            // One negation of a namespace name and one of no namespace: the former.
            (Namespaces::Not(Some(ns)), Namespaces::Not(None))
            | (Namespaces::Not(None), Namespaces::Not(Some(ns))) => {
                Namespaces::Not(Some(ns.clone()))
            }
            (Namespaces::Not(_), Namespaces::Not(_)) => return Err(NotExpressible),
        })
    }

    /// The union XSD 1.0 defines (Attribute Wildcard Union, 3.10.6).
    ///
    /// # Errors
    /// [`NotExpressible`] for a negation of a namespace name and a set that holds exactly
    /// one of that name and no namespace.
    pub fn union(&self, other: &Namespaces) -> Result<Namespaces, NotExpressible> {
        Ok(match (self, other) {
            (a, b) if a == b => a.clone(),
            (Namespaces::Any, _) | (_, Namespaces::Any) => Namespaces::Any,
            (Namespaces::Only(a), Namespaces::Only(b)) => {
                let mut all: Vec<Option<Box<str>>> = a.to_vec();
                all.extend(b.iter().filter(|n| !a.contains(n)).cloned());
                Namespaces::Only(all.into())
            }
            (Namespaces::Not(_), Namespaces::Not(_)) => Namespaces::Not(None),
            (Namespaces::Not(not), Namespaces::Only(list))
            | (Namespaces::Only(list), Namespaces::Not(not)) => {
                let has_local = list.contains(&None);
                match not {
                    None if has_local => Namespaces::Any,
                    None => Namespaces::Not(None),
                    Some(_) => match (list.contains(not), has_local) {
                        (true, true) => Namespaces::Any,
                        (true, false) => Namespaces::Not(None),
                        (false, true) => return Err(NotExpressible),
                        (false, false) => Namespaces::Not(not.clone()),
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(list: &[Option<&str>]) -> Namespaces {
        Namespaces::Only(list.iter().map(|n| n.map(Into::into)).collect())
    }

    fn not(ns: Option<&str>) -> Namespaces {
        Namespaces::Not(ns.map(Into::into))
    }

    #[test]
    fn negations_never_admit_names_without_a_namespace() {
        assert!(not(Some("urn:t")).admits(Some("urn:x")));
        assert!(!not(Some("urn:t")).admits(Some("urn:t")));
        assert!(!not(Some("urn:t")).admits(None));
        assert!(!not(None).admits(None));
        assert!(not(None).admits(Some("urn:t")));
        assert!(Namespaces::Any.admits(None));
        assert!(only(&[None, Some("urn:a")]).admits(None));
        assert!(!only(&[Some("urn:a")]).admits(Some("urn:b")));
        assert!(!only(&[]).admits(None));
    }

    #[test]
    fn overlaps_are_shared_namespaces() {
        assert!(Namespaces::Any.overlaps(&not(Some("urn:t"))));
        assert!(not(Some("urn:a")).overlaps(&not(Some("urn:b"))));
        assert!(!only(&[Some("urn:t"), None]).overlaps(&not(Some("urn:t"))));
        assert!(only(&[Some("urn:x")]).overlaps(&not(Some("urn:t"))));
        assert!(!only(&[Some("urn:a")]).overlaps(&only(&[Some("urn:b")])));
        assert!(!only(&[]).overlaps(&Namespaces::Any));
    }

    #[test]
    fn intersections_follow_xsd_1_0() {
        let t = not(Some("urn:t"));
        assert_eq!(Namespaces::Any.intersect(&t), Ok(t.clone()));
        assert_eq!(
            t.intersect(&only(&[Some("urn:t"), Some("urn:a"), None])),
            Ok(only(&[Some("urn:a")]))
        );
        assert_eq!(
            only(&[Some("urn:a"), None]).intersect(&only(&[None, Some("urn:b")])),
            Ok(only(&[None]))
        );
        assert_eq!(t.intersect(&not(None)), Ok(t.clone()));
        assert_eq!(t.intersect(&not(Some("urn:u"))), Err(NotExpressible));
    }

    #[test]
    fn unions_follow_xsd_1_0() {
        let t = not(Some("urn:t"));
        assert_eq!(t.union(&Namespaces::Any), Ok(Namespaces::Any));
        assert_eq!(
            only(&[Some("urn:a")]).union(&only(&[None])),
            Ok(only(&[Some("urn:a"), None]))
        );
        assert_eq!(t.union(&not(Some("urn:u"))), Ok(not(None)));
        assert_eq!(t.union(&only(&[Some("urn:t"), None])), Ok(Namespaces::Any));
        assert_eq!(t.union(&only(&[Some("urn:t")])), Ok(not(None)));
        assert_eq!(t.union(&only(&[None])), Err(NotExpressible));
        assert_eq!(t.union(&only(&[Some("urn:a")])), Ok(t.clone()));
        assert_eq!(not(None).union(&only(&[None])), Ok(Namespaces::Any));
        assert_eq!(not(None).union(&only(&[Some("urn:a")])), Ok(not(None)));
    }
}
