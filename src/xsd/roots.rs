//! Choosing the schema a document is held to, from its root element's name and namespace.
//!
//! The OSC itself picks its schema by the root's namespace: 1.0 documents get the 1.0 model,
//! documents in the 1.1 namespace the newest model. Two quirks are handled here: roots in the
//! `https` spelling of an OSC namespace (a common slip that the OSC rejects), and
//! `hashedAddresses`, which Outlook itself sends without any namespace.

use super::schema::Schema;
use super::validate::Mode;
use crate::diagnostic::Code;
use crate::version::{NS_1_0, NS_1_1, RootKind, Target};

/// What to do with a root element.
#[derive(Debug)]
pub(crate) enum RootChoice<'s> {
    /// Validate it against `schema`, expecting its children in `namespace`.
    Validate {
        schema: &'s Schema,
        namespace: Option<&'s str>,
        target: Option<Target>,
        /// The root had no namespace and is read as a 1.1 `hashedAddresses`.
        no_namespace: bool,
        /// The root is in the `https` spelling of an OSC namespace: said once, at the root,
        /// and the document is validated as if it were spelt right.
        misspelt: Option<Misspelt>,
    },
    /// Refuse it with one diagnostic and validate nothing further.
    Reject {
        code: Code,
        message: String,
        help: Option<String>,
        target: Option<Target>,
    },
}

/// The finding for a root in the `https` spelling of an OSC namespace.
#[derive(Debug)]
pub(crate) struct Misspelt {
    /// What is wrong.
    pub message: String,
    /// The namespace to write instead.
    pub help: String,
}

/// The `https` spellings of the OSC namespaces, each with the namespace it stands for.
const HTTPS_SPELLINGS: [(&str, &str); 2] = [
    (
        "https://schemas.microsoft.com/office/outlook/socialprovider.xsd",
        NS_1_0,
    ),
    (
        "https://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd",
        NS_1_1,
    ),
];

/// Picks the schema for a root named `local` in namespace `ns`.
pub(crate) fn choose<'s>(mode: Mode<'s>, ns: Option<&str>, local: &str) -> RootChoice<'s> {
    if let Some((https, http)) = ns.and_then(http_spelling) {
        let message =
            format!("root `{local}` is in namespace `{https}`, which is not an OSC namespace");
        let help = format!("OSC namespaces use `http`, not `https`: write `xmlns=\"{http}\"`");
        // The rest of the document is held to the schema the right spelling selects, its
        // children expected in the spelling they inherit from the root.
        return match choose(mode, Some(http), local) {
            RootChoice::Validate {
                schema,
                namespace: Some(_),
                target,
                no_namespace,
                misspelt: None,
            } => RootChoice::Validate {
                schema,
                namespace: Some(https),
                target,
                no_namespace,
                misspelt: Some(Misspelt { message, help }),
            },
            _ => RootChoice::Reject {
                code: Code::WrongNamespace,
                message,
                help: Some(help),
                target: None,
            },
        };
    }
    match mode {
        Mode::Custom(schema) => custom(schema, ns, local),
        Mode::Target(target) => embedded(target, ns, local),
        Mode::Auto => match ns {
            Some(NS_1_0) => embedded(Target::BeforeOutlook2010, ns, local),
            Some(NS_1_1) => embedded(Target::Outlook2013, ns, local),
            None if local == RootKind::HashedAddresses.name() => {
                embedded(Target::Outlook2013, ns, local)
            }
            _ => RootChoice::Reject {
                code: Code::UnknownRoot,
                message: format!(
                    "root `{local}` {}; OSC documents are in `{NS_1_1}` (or `{NS_1_0}` for 1.0)",
                    describe(ns)
                ),
                help: Some(format!(
                    "the OSC roots are {}; declare `xmlns=\"{NS_1_1}\"` on the root",
                    all_roots()
                )),
                target: None,
            },
        },
    }
}

fn embedded<'s>(target: Target, ns: Option<&str>, local: &str) -> RootChoice<'s> {
    let schema = match super::embedded(target) {
        Ok(s) => s,
        Err(e) => {
            return RootChoice::Reject {
                code: Code::SchemaError,
                message: format!("the embedded {target} schema failed to compile: {e}"),
                help: None,
                target: Some(target),
            };
        }
    };
    let expected = target.namespace();
    if ns == Some(expected) {
        if schema.has_root(local) {
            return RootChoice::Validate {
                schema,
                namespace: schema.target_namespace(),
                target: Some(target),
                no_namespace: false,
                misspelt: None,
            };
        }
        return RootChoice::Reject {
            code: Code::UnknownRoot,
            message: format!(
                "`{local}` is not a root element of the {target} schema; expected one of {}",
                roots_of(schema)
            ),
            help: later_root_help(local, target),
            target: Some(target),
        };
    }
    if let Some(found) = ns.filter(|n| *n == NS_1_0 || *n == NS_1_1) {
        let generation = if found == NS_1_0 { "1.0" } else { "1.1" };
        let help = if found == NS_1_0 {
            "validate against the 1.0 schema, or move the document to the 1.1 namespace"
        } else {
            "validate against the 1.1 or 2013 schema, or use the 1.0 namespace"
        };
        return RootChoice::Reject {
            code: Code::NamespaceMismatch,
            message: format!(
                "the document is in the {generation} namespace `{found}`, but the {target} schema expects `{expected}`"
            ),
            help: Some(help.into()),
            target: Some(target),
        };
    }
    if let Some(choice) = no_namespace_hashed(schema, ns, local, Some(target)) {
        return choice;
    }
    RootChoice::Reject {
        code: Code::UnknownRoot,
        message: format!(
            "root `{local}` {}; the {target} schema expects one of {} in `{expected}`",
            describe(ns),
            roots_of(schema)
        ),
        help: later_root_help(local, target)
            .or_else(|| Some(format!("declare `xmlns=\"{expected}\"` on the root"))),
        target: Some(target),
    }
}

fn custom<'s>(schema: &'s Schema, ns: Option<&str>, local: &str) -> RootChoice<'s> {
    let tns = schema.target_namespace();
    if ns == tns && schema.has_root(local) {
        return RootChoice::Validate {
            schema,
            namespace: tns,
            target: None,
            no_namespace: false,
            misspelt: None,
        };
    }
    if let Some(choice) = no_namespace_hashed(schema, ns, local, None) {
        return choice;
    }
    let place = match tns {
        Some(t) => format!("in namespace `{t}`"),
        None => "without a namespace".to_string(),
    };
    let message = if schema.root_names().next().is_none() {
        format!(
            "`{local}` is not a root element of the schema: it declares no global element, so no document is valid against it"
        )
    } else if ns == tns {
        format!(
            "`{local}` is not a root element of the schema; expected one of {}",
            roots_of(schema)
        )
    } else {
        format!(
            "root `{local}` {}; the schema expects one of {} {place}",
            describe(ns),
            roots_of(schema)
        )
    };
    RootChoice::Reject {
        code: Code::UnknownRoot,
        message,
        help: None,
        target: None,
    }
}

/// The Outlook quirk: a `hashedAddresses` root without namespace, read as the 1.1 one when
/// the schema declares that root in the 1.1 namespace.
fn no_namespace_hashed<'s>(
    schema: &'s Schema,
    ns: Option<&str>,
    local: &str,
    target: Option<Target>,
) -> Option<RootChoice<'s>> {
    let applies = ns.is_none()
        && local == RootKind::HashedAddresses.name()
        && schema.target_namespace() == Some(NS_1_1)
        && schema.has_root(local);
    applies.then_some(RootChoice::Validate {
        schema,
        namespace: None,
        target,
        no_namespace: true,
        misspelt: None,
    })
}

/// The mistaken `https` spelling `ns` is, with the `http` namespace it stands for.
pub(super) fn http_spelling(ns: &str) -> Option<(&'static str, &'static str)> {
    HTTPS_SPELLINGS.into_iter().find(|(https, _)| *https == ns)
}

fn later_root_help(local: &str, target: Target) -> Option<String> {
    let kind = RootKind::from_name(local)?;
    (kind.since() > target).then(|| format!("`{local}` exists only from the 1.1 schema on"))
}

fn describe(ns: Option<&str>) -> String {
    match ns {
        Some(ns) => format!("is in namespace `{ns}`"),
        None => "has no namespace".to_string(),
    }
}

fn roots_of(schema: &Schema) -> String {
    quote_list(schema.root_names())
}

fn all_roots() -> String {
    quote_list(RootKind::ALL.iter().map(|k| k.name()))
}

fn quote_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, n) in names.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_https_spelling_is_its_namespace_with_an_s() {
        for (https, http) in HTTPS_SPELLINGS {
            assert_eq!(https.strip_prefix("https://"), http.strip_prefix("http://"));
        }
    }
}
