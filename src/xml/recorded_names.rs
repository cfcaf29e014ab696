//! The element names a [`super::record::Recorder`] meets, by their index in the schema:
//! each looked up in the name table once, and kept from one document to the next while the
//! schema's numbering of names stays the same (see [`crate::xsd::StartTag::numbering`]), so
//! that the many small documents of a directory look each name up once rather than once
//! each.

use std::borrow::Cow;

use super::names::{known_index, known_name};

/// One name: shared when the schemas declare it, with its place in the name table.
type Entry = (Cow<'static, str>, Option<u16>);

/// Numberings kept besides the current one: the OSC generations a directory mixes.
const NUMBERINGS_KEPT: usize = 4;

/// The names of the current document's numbering, and of a few others met lately.
#[derive(Default)]
pub(crate) struct RecordedNames {
    /// By index in the schema; `None` where not met yet.
    current: Vec<Option<Entry>>,
    /// The numbering of `current`; 0 for one that is not kept for another document.
    numbering: u64,
    /// Other numberings' names, the one met last at the end.
    kept: Vec<(u64, Vec<Option<Entry>>)>,
}

impl RecordedNames {
    /// A document whose names follow `numbering` starts: its names are those kept for it,
    /// if any.
    pub(crate) fn document(&mut self, numbering: u64) {
        if numbering == self.numbering && numbering != 0 {
            return;
        }
        let left = std::mem::take(&mut self.current);
        if self.numbering != 0 {
            if self.kept.len() == NUMBERINGS_KEPT {
                self.kept.remove(0);
            }
            self.kept.push((self.numbering, left));
        }
        self.numbering = numbering;
        if numbering != 0 {
            if let Some(at) = self.kept.iter().position(|(n, _)| *n == numbering) {
                self.current = self.kept.remove(at).1;
            }
        }
    }

    /// The name table's index for the element name `local`, whose index in the schema is
    /// `id`; `None` for a name the schemas do not declare.
    pub(crate) fn known(&mut self, id: u32, local: &str) -> Option<u16> {
        let i = id as usize;
        if i >= self.current.len() {
            self.current.resize(i + 1, None);
        }
        self.current[i]
            .get_or_insert_with(|| {
                // One lookup for both: the name is the table's entry when it has one.
                let index = known_index(local);
                let name = match index {
                    Some(index) => Cow::Borrowed(known_name(index)),
                    None => Cow::Owned(local.to_owned()),
                };
                (name, index)
            })
            .1
    }

    /// The name whose index in the schema is `id`, once met; empty otherwise.
    pub(crate) fn name(&self, id: u32) -> &str {
        self.current
            .get(id as usize)
            .and_then(Option::as_ref)
            .map_or("", |(name, _)| name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_loaded_numbers_its_names_its_own_way() {
        let xsd = r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                       <xs:element name="gadget" type="xs:string"/>
                     </xs:schema>"#;
        let (Ok(one), Ok(other)) = (crate::xsd::load_str(xsd), crate::xsd::load_str(xsd)) else {
            panic!("the schema loads");
        };
        assert_ne!(one.numbering, 0);
        assert_ne!(one.numbering, other.numbering);
        assert_eq!(one.clone().numbering, one.numbering);
        assert_eq!(crate::xsd::Schema::default().numbering, 0);
    }

    #[test]
    fn names_are_kept_for_their_numbering_only() {
        let mut names = RecordedNames::default();
        names.document(5);
        assert_eq!(names.known(0, "person"), known_index("person"));
        assert_eq!(names.name(0), "person");
        // Another numbering names other names by the same indexes.
        names.document(6);
        assert_eq!(names.name(0), "");
        assert_eq!(names.known(0, "userID"), known_index("userID"));
        assert_eq!(names.name(0), "userID");
        // Back to the first: its names are still known.
        names.document(5);
        assert_eq!(names.name(0), "person");
        // A schema that was not loaded keeps nothing, not even for itself.
        names.document(0);
        assert_eq!(names.known(1, "gadget"), None);
        assert_eq!(names.name(1), "gadget");
        names.document(0);
        assert_eq!(names.name(1), "");
        // Numberings beyond the few kept are forgotten, the one met first first.
        for numbering in 7..7 + NUMBERINGS_KEPT as u64 + 1 {
            names.document(numbering);
        }
        names.document(5);
        assert_eq!(names.name(0), "");
    }
}
