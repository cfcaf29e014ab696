//! What the schema for schemas says of a schema document, beyond the constructs the loader
//! compiles: where annotations may stand and what they hold, ids that are unique names,
//! names that are names. The loader skips annotations and reads only the attributes it
//! compiles; this pass makes sure a schema it loads is a correct one there too.

use std::collections::HashSet;

use roxmltree::{Document, Node};

use crate::error::{Error, TextPos};
use crate::markup::is_ncname;

use super::load::XS;

/// The first place `doc`, whose root is `xs:schema`, breaks the rules of this module.
pub(super) fn check(doc: &Document<'_>) -> Result<(), Error> {
    let mut ids = HashSet::new();
    walk(doc, doc.root_element(), &mut ids)
}

/// Checks `node`, a schema element, and the schema elements below it; the content of
/// `xs:appinfo` and `xs:documentation` is free.
fn walk<'a>(
    doc: &Document<'_>,
    node: Node<'a, '_>,
    ids: &mut HashSet<&'a str>,
) -> Result<(), Error> {
    attributes(doc, node, ids)?;
    let local = node.tag_name().name();
    if local == "annotation" {
        return annotation(doc, node, ids);
    }
    let mut annotations = 0;
    let mut first = true;
    for child in node.children().filter(Node::is_element) {
        if child.tag_name().namespace() == Some(XS) && child.tag_name().name() == "annotation" {
            annotations += 1;
            // Only the schema (and a redefinition, which holds top-level definitions) holds
            // annotations anywhere among its children; any other element holds at most one,
            // before everything else.
            if !matches!(local, "schema" | "redefine") && (!first || annotations > 1) {
                return Err(invalid(
                    doc,
                    child,
                    "xs:annotation",
                    format!("`xs:{local}` may hold one `xs:annotation`, as its first child"),
                ));
            }
        }
        first = false;
        if child.tag_name().namespace() == Some(XS) {
            walk(doc, child, ids)?;
        }
    }
    Ok(())
}

/// An `xs:annotation`: only `xs:appinfo` and `xs:documentation` inside.
fn annotation<'a>(
    doc: &Document<'_>,
    node: Node<'a, '_>,
    ids: &mut HashSet<&'a str>,
) -> Result<(), Error> {
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name();
        if name.namespace() != Some(XS) || !matches!(name.name(), "appinfo" | "documentation") {
            return Err(invalid(
                doc,
                child,
                "xs:annotation",
                "an `xs:annotation` holds only `xs:appinfo` and `xs:documentation`".to_owned(),
            ));
        }
        attributes(doc, child, ids)?;
    }
    if let Some(text) = node.children().filter(Node::is_text).find(|t| {
        !t.text()
            .unwrap_or("")
            .trim_matches([' ', '\t', '\r', '\n'])
            .is_empty()
    }) {
        return Err(invalid(
            doc,
            text,
            "xs:annotation",
            "text is not allowed inside `xs:annotation`".to_owned(),
        ));
    }
    Ok(())
}

/// The attributes of a schema element that hold names: `id` a unique `NCName`, `name` an
/// `NCName`; and on the elements of annotations, only the attributes they take.
fn attributes<'a>(
    doc: &Document<'_>,
    node: Node<'a, '_>,
    ids: &mut HashSet<&'a str>,
) -> Result<(), Error> {
    let local = node.tag_name().name();
    let only: Option<&[&str]> = match local {
        "annotation" => Some(&["id"]),
        "appinfo" => Some(&["source"]),
        "documentation" => Some(&["source"]),
        _ => None,
    };
    for attr in node.attributes() {
        if attr.namespace() == Some(XML) && attr.name() == "lang" {
            let value = attr.value().trim_matches([' ', '\t', '\r', '\n']);
            if !is_language(value) {
                return Err(Error::InvalidValue {
                    field: "xml:lang".to_owned(),
                    message: format!("`{value}` is not a language tag such as `en` or `en-GB`"),
                    pos: pos(doc, attr.range().start),
                });
            }
            continue;
        }
        if attr.namespace().is_some() {
            // Any attribute in another namespace is allowed everywhere.
            continue;
        }
        // Worked out only for a finding: finding a line and column reads the text up to it.
        let at = || pos(doc, attr.range().start);
        let field = || format!("xs:{local}/@{}", attr.name());
        if only.is_some_and(|only| !only.contains(&attr.name())) {
            return Err(Error::InvalidValue {
                field: field(),
                message: format!("`xs:{local}` takes no attribute `{}`", attr.name()),
                pos: at(),
            });
        }
        let value = attr.value().trim_matches([' ', '\t', '\r', '\n']);
        match attr.name() {
            "id" | "name" if !is_ncname(value) => {
                return Err(Error::InvalidValue {
                    field: field(),
                    message: format!("`{value}` is not a name without a colon (an NCName)"),
                    pos: at(),
                });
            }
            "id" if !ids.insert(value) => {
                return Err(Error::InvalidValue {
                    field: field(),
                    message: format!("id `{value}` is given twice in the schema"),
                    pos: at(),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// The XML namespace, of `xml:lang`.
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Whether `s` is an `xs:language`: letters, up to 8, then `-` and up to 8 letters or
/// digits, any number of times.
fn is_language(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    let fits =
        |p: &str, ok: fn(&u8) -> bool| (1..=8).contains(&p.len()) && p.bytes().all(|b| ok(&b));
    fits(first, u8::is_ascii_alphabetic) && parts.all(|p| fits(p, u8::is_ascii_alphanumeric))
}

fn invalid(doc: &Document<'_>, node: Node<'_, '_>, field: &str, message: String) -> Error {
    Error::InvalidValue {
        field: field.to_owned(),
        message,
        pos: pos(doc, node.range().start),
    }
}

fn pos(doc: &Document<'_>, offset: usize) -> TextPos {
    let p = doc.text_pos_at(offset);
    TextPos::new(p.row, p.col)
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::xsd::load_str;

    fn schema(body: &str) -> String {
        format!(r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{body}</xs:schema>"#)
    }

    fn field_refused(body: &str) -> String {
        match load_str(&schema(body)) {
            Err(Error::InvalidValue { field, .. }) => field,
            other => panic!("expected an invalid schema for {body}, got {other:?}"),
        }
    }

    #[test]
    fn annotations_stand_first_once_and_hold_only_appinfo_and_documentation() {
        let fine = r#"<xs:annotation id="a1"><xs:documentation xml:lang="en" source="s">any <b>thing</b></xs:documentation><xs:appinfo/></xs:annotation>
            <xs:element name="e"><xs:annotation/><xs:simpleType><xs:annotation/><xs:restriction base="xs:string"/></xs:simpleType></xs:element>
            <xs:annotation/>"#;
        assert!(load_str(&schema(fine)).is_ok());
        for body in [
            r#"<xs:element name="e" type="xs:string"><xs:annotation/><xs:annotation/></xs:element>"#,
            r#"<xs:element name="e"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType><xs:annotation/></xs:element>"#,
            r#"<xs:annotation><xs:element name="e" type="xs:string"/></xs:annotation>"#,
            r#"<xs:annotation>text</xs:annotation>"#,
        ] {
            assert_eq!(field_refused(body), "xs:annotation", "{body}");
        }
        assert_eq!(
            field_refused(r#"<xs:annotation name="x"/>"#),
            "xs:annotation/@name"
        );
        assert_eq!(
            field_refused(r#"<xs:annotation><xs:appinfo lang="x"/></xs:annotation>"#),
            "xs:appinfo/@lang"
        );
        for lang in ["", " ", "englishlanguage", "en_GB"] {
            let body =
                format!(r#"<xs:annotation><xs:documentation xml:lang="{lang}"/></xs:annotation>"#);
            assert_eq!(field_refused(&body), "xml:lang", "{lang:?}");
        }
        let redefine = r#"<xs:redefine schemaLocation="x.xsd"><xs:annotation/><xs:simpleType name="s"><xs:restriction base="xs:string"/></xs:simpleType><xs:annotation/></xs:redefine>"#;
        assert!(
            !matches!(load_str(&schema(redefine)), Err(Error::InvalidValue { .. })),
            "annotations stand anywhere in a redefinition"
        );
    }

    #[test]
    fn ids_are_unique_names_and_names_are_names() {
        assert_eq!(
            field_refused(r#"<xs:element name="e" id="1x" type="xs:string"/>"#),
            "xs:element/@id"
        );
        assert_eq!(
            field_refused(
                r#"<xs:element name="e" id="x" type="xs:string"/><xs:element name="f" id="x" type="xs:string"/>"#
            ),
            "xs:element/@id"
        );
        assert_eq!(
            field_refused(r#"<xs:element name="a:e" type="xs:string"/>"#),
            "xs:element/@name"
        );
        assert_eq!(
            field_refused(
                r#"<xs:simpleType name="has space"><xs:restriction base="xs:string"/></xs:simpleType>"#
            ),
            "xs:simpleType/@name"
        );
    }
}
