//! The one way the crate reads XML markup: quick-xml configured alike for every reader, and
//! one keeper of namespace scopes and open elements ([`Scopes`]).
//!
//! The validator (`xsd`), the model reader (`xml`), the outline of a document and the
//! suppression scanner all read through quick-xml set up by [`configure`], so that they
//! accept and refuse the same markup with the same messages; the validator and the model
//! reader resolve names through [`Scopes`].

pub(crate) mod mistake;
mod name_key;
mod plain;
mod scopes;
mod wellformed;

pub(crate) use name_key::NameKey;
pub(crate) use plain::Plain;
pub(crate) use scopes::Scopes;
pub(crate) use wellformed::{
    NAME_MORE_RANGES, NAME_START_RANGES, Refusal, attribute_value, chars, first_illegal_char,
    is_name, is_ncname, is_xml_char, text,
};

use quick_xml::events::Event;

/// A quick-xml reader of `input`, set up by [`configure`]; the one way the crate opens one.
pub(crate) fn reader<R>(input: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(input);
    configure(reader.config_mut());
    reader
}

/// Sets up a quick-xml reader as every reader of the crate is set up.
///
/// Well-formedness is part of the verdict, so every check quick-xml offers is kept, except
/// that end tags are matched by [`Scopes`], the same way for text and for streams (quick-xml
/// matches them only within one reader, and a stream is read by one reader per chunk).
pub(crate) fn configure(config: &mut quick_xml::reader::Config) {
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = true;
    config.expand_empty_elements = false;
    config.trim_text(false);
}

/// The text of an event from its first byte, for placing a mistake found in it (on the
/// error path only: it is built anew).
pub(crate) fn text_of(event: &Event<'_>) -> String {
    match event {
        Event::Start(e) | Event::Empty(e) => format!("<{}", &**e),
        Event::End(e) => format!("</{}", &**e),
        Event::Text(t) => t.to_string(),
        Event::GeneralRef(r) => format!("&{}", &**r),
        _ => String::new(),
    }
}
