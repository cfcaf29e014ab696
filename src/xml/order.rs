//! The order elements appear in, for telling whether formatting moved any.

/// The local names of a document's elements in document order; empty if it is not XML.
pub fn element_sequence(text: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
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
