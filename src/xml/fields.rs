//! Typed values read from simple-typed elements: each parser turns an element's text into
//! its model type or an [`Error::InvalidValue`] at the text's position.

use super::cursor::{Cursor, Element, Items, Mark};
use super::read::UnreadableKind;
use crate::error::{Error, TextPos};
use crate::model::Enumeration;
use crate::xs::{self, AnyUri, BoundedString, XsDate, XsDateTime};

fn invalid(field: &str, message: impl Into<String>, pos: TextPos) -> Error {
    Error::InvalidValue {
        field: field.to_owned(),
        message: message.into(),
        pos,
    }
}

/// Fills an optional slot, refusing a second occurrence of the same element. A tolerant
/// cursor keeps the first occurrence instead, and leaves the slot empty when the value
/// cannot be read; it notes both.
pub(crate) fn fill<R: Items, T>(
    c: &mut Cursor<R>,
    slot: &mut Option<T>,
    element: &Element,
    parent: &str,
    parse: impl FnOnce(&mut Cursor<R>, &Element) -> Result<T, Error>,
) -> Result<(), Error> {
    if slot.is_some() {
        if c.is_tolerant() {
            c.note(
                UnreadableKind::RepeatedElement,
                element.path().to_owned(),
                Some(&element.name),
                format!(
                    "`{}` occurs more than once in `{parent}`; the first is kept",
                    element.name
                ),
            );
            return c.skip(element);
        }
        return Err(Error::DuplicateElement {
            name: element.name.to_string(),
            parent: parent.to_owned(),
            pos: c.locate(element.pos),
        });
    }
    match parse(c, element) {
        Ok(value) => *slot = Some(value),
        // A value parser refuses only once it has read the element to its end tag (see
        // `Cursor::text_allowing_attributes`), so the reading goes on after it.
        Err(e) if c.is_tolerant() && about_content(&e) => {
            c.note(
                UnreadableKind::InvalidValue,
                element.path().to_owned(),
                Some(&element.name),
                reason(&e),
            );
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Whether an error is about what the document holds, which a tolerant reading notes and
/// reads past, rather than about whether it can be read at all.
pub(crate) fn about_content(e: &Error) -> bool {
    matches!(
        e,
        Error::InvalidValue { .. }
            | Error::Attribute { .. }
            | Error::UnexpectedElement { .. }
            | Error::UnexpectedText { .. }
            | Error::DuplicateElement { .. }
            | Error::MissingElement { .. }
    )
}

/// What is wrong, without the position (a note names the element path instead).
pub(crate) fn reason(e: &Error) -> String {
    match e {
        Error::InvalidValue { message, .. } => message.clone(),
        Error::Attribute {
            element, message, ..
        } => format!("{message} on `{element}`"),
        Error::UnexpectedElement { name, parent, .. } => {
            format!("element `{name}` inside `{parent}`, which holds only a value")
        }
        Error::UnexpectedText { parent, .. } => {
            format!("text is not allowed directly in `{parent}`")
        }
        other => other.to_string(),
    }
}

/// A required slot that was never filled, reported where the parent's content ends (the
/// event read last). A tolerant cursor notes it and gives `fallback()` instead, unless the
/// element was there and its value could not be read, which was noted already.
pub(crate) fn required<R: Items, T>(
    c: &mut Cursor<R>,
    slot: Option<T>,
    name: &str,
    parent: &Element,
    fallback: impl FnOnce() -> T,
) -> Result<T, Error> {
    if let Some(value) = slot {
        return Ok(value);
    }
    if c.is_tolerant() {
        let mut path = parent.path().to_owned();
        super::path::push_segment(&mut path, name, 1);
        if !c.noted(parent, &path) {
            c.note(
                UnreadableKind::MissingElement,
                path,
                Some(name),
                format!("required element `{name}` is missing in `{}`", parent.name),
            );
        }
        return Ok(fallback());
    }
    Err(Error::MissingElement {
        name: name.to_owned(),
        parent: parent.name.to_string(),
        pos: c.here(),
    })
}

pub(crate) fn string<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<String, Error> {
    Ok(c.text(e)?.0)
}

pub(crate) fn bounded<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<BoundedString, Error> {
    let (text, at) = c.text(e)?;
    BoundedString::new(text).map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn boolean<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<bool, Error> {
    // The text is kept only when it is refused, for a lenient reading to repair.
    let (parsed, at) = c.text_with(e, |text| {
        xs::parse_boolean(text).map_err(|err| (err, text.to_owned()))
    })?;
    parsed.or_else(
        |(err, text)| match super::fix::boolean(c, &e.name, &text, at) {
            Some(value) => Ok(value),
            None => Err(invalid(&e.name, err.to_string(), c.locate(at))),
        },
    )
}

pub(crate) fn int<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<i32, Error> {
    let (parsed, at) = c.text_with(e, xs::parse_int)?;
    parsed.map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn unsigned_int<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<u32, Error> {
    let (parsed, at) = c.text_with(e, xs::parse_unsigned_int)?;
    parsed.map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn unsigned_long<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<u64, Error> {
    let (parsed, at) = c.text_with(e, xs::parse_unsigned_long)?;
    parsed.map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn date<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<XsDate, Error> {
    let (parsed, at) = c.text_with(e, XsDate::parse)?;
    parsed.map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn date_time<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<XsDateTime, Error> {
    let (parsed, at) = c.text_with(e, XsDateTime::parse)?;
    parsed.map_err(|err| invalid(&e.name, err.to_string(), c.locate(at)))
}

pub(crate) fn any_uri<R: Items>(c: &mut Cursor<R>, e: &Element) -> Result<AnyUri, Error> {
    // Collapsed from the text lent, which makes the one string the model keeps.
    Ok(c.text_with(e, |text: &str| AnyUri::new(text))?.0)
}

/// Parses a value of a string enumeration; the schema compares it exactly, whitespace included.
pub(crate) fn enumerated<R: Items, T: Enumeration>(
    c: &mut Cursor<R>,
    e: &Element,
) -> Result<T, Error> {
    let (known, at) = c.text_with(e, |text| {
        T::from_spelling(text).ok_or_else(|| text.to_owned())
    })?;
    // Only a value the enumeration does not have is made into a string, for the error.
    known.or_else(|text| enum_in(c, &e.name, &text, at))
}

/// Parses an enumeration value already in hand (element text or attribute value) found at
/// `at`: a lenient reading repairs a value written in another case (see
/// [`super::fix::enumeration`]), and refuses it as [`enum_value`] does otherwise.
pub(crate) fn enum_in<R: Items, T: Enumeration>(
    c: &mut Cursor<R>,
    field: &str,
    text: &str,
    at: Mark,
) -> Result<T, Error> {
    if let Some(value) = T::from_spelling(text) {
        return Ok(value);
    }
    match super::fix::enumeration(c, field, text, at) {
        Some(value) => Ok(value),
        None => enum_value(field, text, || c.locate(at)),
    }
}

/// Parses an enumeration value already in hand (element text or attribute value); `pos`
/// is asked for where it is, if it is refused, with the values the enumeration has.
pub(crate) fn enum_value<T: Enumeration>(
    field: &str,
    text: &str,
    pos: impl FnOnce() -> TextPos,
) -> Result<T, Error> {
    T::from_spelling(text).ok_or_else(|| {
        let list = T::ALL
            .iter()
            .map(|v| format!("`{}`", v.spelling()))
            .collect::<Vec<_>>()
            .join(", ");
        invalid(
            field,
            format!("expected one of {list}, found `{text}`"),
            pos(),
        )
    })
}
