//! The strict reader: every refusal names what and where.

use osc_schema::model::{FriendStatus, Root};
use osc_schema::xml::{ReadOptions, read_bytes, read_bytes_with, read_str};
use osc_schema::{Error, Namespace, TextPos};

const NS11: &str = "http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd";

fn person_doc(body: &str) -> String {
    format!("<person xmlns=\"{NS11}\">{body}</person>")
}

#[test]
fn unknown_element_is_refused_at_its_position() {
    let err = read_str(&format!("<friends xmlns=\"{NS11}\">\n  <person>\n    <userID>1</userID>\n    <shoeSize>9</shoeSize>\n  </person>\n</friends>")).unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedElement { name, parent, .. } if name == "shoeSize" && parent == "person")
    );
    assert_eq!(err.pos(), Some(TextPos::new(4, 5)));
}

#[test]
fn invalid_values_name_the_field_and_the_reason() {
    let err = read_str(&person_doc(
        "<userID>1</userID><birthday>2010-02-29</birthday>",
    ))
    .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidValue { field, .. } if field == "birthday"),
        "{err}"
    );
    assert!(err.to_string().contains("2010-02-29"), "{err}");
    let err = read_str(&person_doc("<userID>1</userID><gender> male</gender>")).unwrap_err();
    assert!(err.to_string().contains("expected one of `male`"), "{err}");
}

#[test]
fn text_where_none_belongs_duplicates_and_missing_elements_are_refused() {
    let err = read_str(&person_doc("<userID>1</userID>stray")).unwrap_err();
    assert!(matches!(err, Error::UnexpectedText { .. }), "{err}");
    let err = read_str(&person_doc("<userID>1</userID><userID>2</userID>")).unwrap_err();
    assert!(matches!(err, Error::DuplicateElement { .. }), "{err}");
    let err = read_str(&person_doc("<firstName>Ann</firstName>")).unwrap_err();
    assert!(
        matches!(&err, Error::MissingElement { name, .. } if name == "userID"),
        "{err}"
    );
}

#[test]
fn foreign_and_missing_namespaces_name_what_was_found_and_expected() {
    let err = read_str("<friends xmlns=\"urn:other\"/>").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("urn:other") && text.contains(NS11), "{text}");
    let err = read_str("<friends/>").unwrap_err();
    assert!(err.to_string().contains("has no namespace"), "{err}");
    let https = NS11.replace("http://", "https://");
    assert!(read_str(&format!("<friends xmlns=\"{https}\"/>")).is_err());
}

#[test]
fn hashed_addresses_may_come_without_a_namespace() {
    let doc = read_str("<hashedAddresses><personAddresses index=\"0\"><hashedAddress>ab</hashedAddress></personAddresses></hashedAddresses>").unwrap();
    assert_eq!(doc.namespace, Namespace::Absent);
    let Root::HashedAddresses(h) = doc.root else {
        panic!("hashedAddresses root")
    };
    assert_eq!(h.person_addresses[0].hashed_addresses, ["ab"]);
    let err = read_str("<hashedAddresses><personAddresses/></hashedAddresses>").unwrap_err();
    assert!(err.to_string().contains("`index`"), "{err}");
}

#[test]
fn dotnet_namespace_declarations_and_prefixed_names_are_accepted() {
    let doc = format!(
        "<o:person xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:o=\"{NS11}\"><o:userID>7</o:userID></o:person>"
    );
    let Root::Person(p) = read_str(&doc).unwrap().root else {
        panic!("person root")
    };
    assert_eq!(p.user_id, "7");
}

#[test]
fn doctype_and_undefined_entities_are_refused() {
    let err = read_str(&format!(
        "<!DOCTYPE person [<!ENTITY x \"y\">]><person xmlns=\"{NS11}\"/>"
    ))
    .unwrap_err();
    assert!(matches!(err, Error::Doctype { .. }), "{err}");
    let err = read_str(&person_doc("<userID>&x;</userID>")).unwrap_err();
    assert!(matches!(err, Error::NotWellFormed { .. }), "{err}");
}

#[test]
fn references_cdata_and_comments_make_up_values() {
    let Root::Person(p) = read_str(&person_doc(
        "<userID>a&amp;b&#233;<!-- note --><![CDATA[<c>]]></userID>",
    ))
    .unwrap()
    .root
    else {
        panic!("person root")
    };
    assert_eq!(p.user_id, "a&bé<c>");
}

#[test]
fn line_ends_are_normalised_and_char_references_keep_cr() {
    let Root::Person(p) = read_str(&person_doc("<userID>a\r\nb\rc&#13;</userID>"))
        .unwrap()
        .root
    else {
        panic!("person root")
    };
    assert_eq!(p.user_id, "a\nb\nc\r");
}

#[test]
fn eight_bit_bytes_declared_utf16_read_as_utf8_with_a_warning() {
    let bytes = format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>{}",
        person_doc("<userID>é</userID>")
    );
    let parsed = read_bytes(bytes.as_bytes()).unwrap();
    assert_eq!(parsed.notes.len(), 1);
    assert_eq!(parsed.notes[0].code, "xml::encoding-mismatch");
}

#[test]
fn lenient_mode_fixes_the_https_namespace_and_nonfriend() {
    let https = NS11.replace("http://", "https://");
    let doc = format!(
        "<friends xmlns=\"{https}\"><person><userID>1</userID><friendStatus>nonfriend</friendStatus></person></friends>"
    );
    assert!(read_bytes(doc.as_bytes()).is_err());
    let parsed = read_bytes_with(
        doc.as_bytes(),
        ReadOptions {
            lenient: true,
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(parsed.document.namespace, Namespace::Osc11);
    let Root::Friends(f) = parsed.document.root else {
        panic!("friends root")
    };
    assert_eq!(f.persons[0].friend_status, Some(FriendStatus::NotFriend));
    let codes: Vec<_> = parsed.notes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["fix::https-namespace", "fix::nonfriend"]);
}

#[test]
fn content_after_the_root_and_a_late_declaration_are_not_well_formed() {
    assert!(matches!(
        read_str(&format!("{}<x/>", person_doc("<userID>1</userID>"))),
        Err(Error::NotWellFormed { .. })
    ));
    let late = format!(
        "  <?xml version=\"1.0\"?>{}",
        person_doc("<userID>1</userID>")
    );
    assert!(matches!(read_str(&late), Err(Error::NotWellFormed { .. })));
}

#[test]
fn a_literal_cdata_end_in_text_is_not_well_formed() {
    let doc = r#"<hashedAddresses><personAddresses index="0"><hashedAddress>a]]>b</hashedAddress></personAddresses></hashedAddresses>"#;
    assert!(matches!(read_str(doc), Err(Error::NotWellFormed { .. })));
    let escaped = doc.replace("]]>b", "]]&gt;b");
    assert!(read_str(&escaped).is_ok());
}
