//! The order elements appear in, for telling whether formatting moved any.

/// The local names of a document's elements in document order; empty if it is not XML.
pub fn element_sequence(text: &str) -> Vec<String> {
    let mut reader = crate::markup::reader(text.as_bytes());
    let mut scopes = crate::markup::Scopes::new();
    let mut names = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(crate::markup::Refusal::from)
            .and_then(|event| scopes.take(&event).map(|()| event));
        match event {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                names.push(e.local_name().into_inner().to_owned());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return names,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_local_names_in_order() {
        assert_eq!(
            super::element_sequence("<o:a xmlns:o='x'><b/><o:c>t</o:c></o:a>"),
            ["a", "b", "c"]
        );
    }
}
