//! The root element: which schema it selects, and its namespace.

use quick_xml::events::BytesStart;

use super::elements::Declared;
use super::findings::Said;
use super::{Flow, Machine, Tag};
use crate::diagnostic::Code;
use crate::diagnostic::Severity;
use crate::markup::{attribute_value, mistake};
use crate::xsd::observe::{Level, Observer};
use crate::xsd::position::Locate;
use crate::xsd::roots;
use crate::xsd::roots::{Misspelt, RootChoice};

impl<'s, L: Locate, O: Observer> Machine<'s, L, O> {
    pub(super) fn start_root(
        &mut self,
        tag: Tag<'_, '_, L::Mark>,
        ns: Option<&str>,
        local: &str,
    ) -> Flow {
        let Tag {
            e,
            at,
            after,
            empty,
            ..
        } = tag;
        self.root_seen = true;
        self.root = Some(local.to_string());
        match roots::choose(self.mode, ns, local) {
            RootChoice::Validate {
                schema,
                namespace,
                target,
                no_namespace,
                misspelt,
            } => {
                self.schema = Some(schema);
                self.expected_ns = namespace;
                if target.is_some() {
                    self.target = target;
                }
                if no_namespace && self.room(Severity::Info) {
                    let message = format!(
                        "`{local}` has no namespace; it was validated as if in `{}`",
                        crate::version::NS_1_1
                    );
                    let help = "Outlook sends this request without a namespace, so providers must accept both forms";
                    self.element_diag(
                        Said {
                            code: Code::NoNamespace,
                            message,
                            help: Some(help.into()),
                            fixable: false,
                        },
                        at,
                        after,
                        local,
                        0,
                    );
                }
                if let Some(Misspelt { message, help }) = misspelt {
                    if self.room(Severity::Error) {
                        self.element_diag(
                            Said {
                                code: Code::WrongNamespace,
                                message,
                                help: Some(help),
                                fixable: true,
                            },
                            at,
                            after,
                            local,
                            0,
                        );
                    }
                }
                let Some(root) = schema.root(local) else {
                    return self.skip_root(empty);
                };
                let declared = Declared {
                    content: root.content,
                    name: root.name,
                    value: root.value,
                    qualified: true,
                };
                self.enter_declared(schema, tag, declared, 0, Level::Root { namespace: ns })
            }
            RootChoice::Reject {
                code,
                message,
                help,
                target,
            } => {
                if target.is_some() {
                    self.target = target;
                }
                if self.room(Severity::Error) {
                    self.element_diag(
                        Said {
                            code,
                            message,
                            help,
                            fixable: false,
                        },
                        at,
                        after,
                        local,
                        0,
                    );
                }
                if self.attributes_well_formed(e, at) == Flow::Stop {
                    return Flow::Stop;
                }
                self.skip_root(empty)
            }
        }
    }

    /// Checks only the well-formedness of an unvalidated element's attributes.
    pub(super) fn attributes_well_formed(&mut self, e: &BytesStart<'_>, at: L::Mark) -> Flow {
        let mut attrs = e.attributes();
        for attr in &mut attrs {
            let attr = match attr {
                Ok(a) => a,
                Err(err) => {
                    let markup = format!("<{}", &**e);
                    let error = quick_xml::Error::InvalidAttr(err);
                    return self.fatal_mistake(
                        at,
                        mistake::of_reader_error(&error, &markup),
                        &markup,
                    );
                }
            };
            if let Err(refusal) = attribute_value(&attr) {
                return self.refused_value(refusal, at, e, &attr.value);
            }
        }
        Flow::Go
    }

    pub(super) fn skip_root(&mut self, empty: bool) -> Flow {
        self.obs.incomplete();
        if empty {
            self.root_closed = true;
        } else {
            self.skip = 1;
        }
        Flow::Go
    }
}
