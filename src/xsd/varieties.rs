//! The values of list and union types (XSD part 2, 2.5.1), and equality in a type's value
//! space, which `enumeration` on these types and every `fixed` value compare.
//!
//! A list's text is collapsed, split at spaces, and each item checked against the item
//! type; its length facets count items, its patterns apply to the collapsed text, and its
//! enumeration values compare item by item. A union's text is the value of the first
//! member that takes it; its patterns apply to the text as that member normalizes it.

use std::borrow::Cow;

use super::builtin::{self, Rejection};
use super::facets::{Limit, Value, normalize};
use super::schema::{Builtin, ListType, Member, SimpleType, Variety};
use crate::text::{quoted_value, value_excerpt};
use crate::xs;

/// Checks `value` against the list or union type `ty`; an atomic type is
/// [`builtin::check`]'s.
pub(crate) fn check(ty: &SimpleType, value: &str) -> Result<(), Rejection> {
    match &ty.variety {
        Variety::Atomic => builtin::check(ty, value),
        Variety::List(list) => check_list(ty, list, value),
        Variety::Union(members) => check_union(ty, members, value),
    }
}

fn check_list(ty: &SimpleType, list: &ListType, value: &str) -> Result<(), Rejection> {
    let text = xs::collapse_whitespace(value);
    let mut n = 0usize;
    for item in items(&text) {
        n += 1;
        builtin::check(&list.item, item).map_err(|r| Rejection {
            message: format!("list item {}: {}", quoted_value(item), r.message),
            ..r
        })?;
    }
    let limit = |l: &Option<Limit>| l.map(|l| l.value as usize);
    if let Some(exact) = limit(&list.length).filter(|&l| l != n) {
        return Err(reject(format!(
            "the list has {n} items; exactly {exact} are required"
        )));
    }
    if let Some(min) = limit(&list.min_length).filter(|&m| n < m) {
        return Err(reject(format!(
            "the list has {n} items; at least {min} are required"
        )));
    }
    if let Some(max) = limit(&list.max_length).filter(|&m| n > m) {
        return Err(reject(format!(
            "the list has {n} items; at most {max} are allowed"
        )));
    }
    lexical_facets(ty, &text, value)
}

fn check_union(ty: &SimpleType, members: &[Member], value: &str) -> Result<(), Rejection> {
    let Some(member) = active(members, value) else {
        let names: Vec<&str> = members.iter().map(|m| &*m.ty.label).collect();
        return Err(Rejection {
            message: format!(
                "{} is not a value of any member type of `{}`",
                quoted_value(value),
                ty.label
            ),
            help: Some(format!(
                "give a value of one of {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            fixable: false,
        });
    };
    let text = normalize(member.ty.whitespace(), value);
    lexical_facets(ty, &text, value)
}

/// The union's or list's own `pattern` and `enumeration` facets, on `text` (the value
/// normalized); `value` is the value as written, which enumeration values compare with.
fn lexical_facets(ty: &SimpleType, text: &str, value: &str) -> Result<(), Rejection> {
    for alternatives in &ty.patterns {
        if !alternatives.iter().any(|a| **a == *text) {
            return Err(builtin::not_one_of(text, alternatives));
        }
    }
    for pattern in &ty.regexes {
        if !pattern.is_match(text) {
            return Err(reject(format!(
                "{} does not match the pattern `{}`",
                quoted_value(text),
                value_excerpt(pattern.written())
            )));
        }
    }
    for allowed in &ty.enumerations {
        if !allowed.iter().any(|a| same_value(ty, a, value)) {
            return Err(builtin::not_one_of(text, allowed));
        }
    }
    Ok(())
}

/// The member of a union that takes `value`: the first in order.
fn active<'m>(members: &'m [Member], value: &str) -> Option<&'m Member> {
    members
        .iter()
        .find(|m| builtin::check(&m.ty, value).is_ok())
}

/// The items of a collapsed list.
fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(' ').filter(|item| !item.is_empty())
}

/// Whether `a` and `b`, both values of `ty`, are one value of its value space: `1.0` and
/// `01` as decimals, `1` and `true` as booleans, two lists item by item, two values of a
/// union in the members that take them. Text that is not a value of the type equals only
/// the same text.
pub(crate) fn same_value(ty: &SimpleType, a: &str, b: &str) -> bool {
    match &ty.variety {
        Variety::Atomic => {
            let ws = ty.whitespace();
            let (a, b) = (normalize(ws, a), normalize(ws, b));
            match (Value::parse(ty.base, &a), Value::parse(ty.base, &b)) {
                (Some(x), Some(y)) => x.equals(&y),
                _ => a == b,
            }
        }
        Variety::List(list) => {
            let (a, b) = (xs::collapse_whitespace(a), xs::collapse_whitespace(b));
            let (mut xs, mut ys) = (items(&a), items(&b));
            loop {
                match (xs.next(), ys.next()) {
                    (None, None) => return true,
                    (Some(x), Some(y)) if same_value(&list.item, x, y) => {}
                    _ => return false,
                }
            }
        }
        Variety::Union(members) => match (active(members, a), active(members, b)) {
            (Some(x), Some(y)) if std::ptr::eq(x, y) => same_value(&x.ty, a, b),
            (Some(x), Some(y)) => across(&x.ty, a, &y.ty, b),
            _ => a == b,
        },
    }
}

/// Values of two different members of a union: equal only when both are atomic with one
/// primitive type (say `xs:int` and `xs:decimal`) and their values are.
fn across(x: &SimpleType, a: &str, y: &SimpleType, b: &str) -> bool {
    let atomic = |t: &SimpleType| matches!(t.variety, Variety::Atomic);
    if !atomic(x) || !atomic(y) || primitive(x.base) != primitive(y.base) {
        return false;
    }
    let (a, b): (Cow<'_, str>, Cow<'_, str>) =
        (normalize(x.whitespace(), a), normalize(y.whitespace(), b));
    match (Value::parse(x.base, &a), Value::parse(y.base, &b)) {
        (Some(v), Some(w)) => v.equals(&w),
        _ => false,
    }
}

/// The primitive type `b` is derived from (itself for a primitive): where its values are
/// compared.
pub(crate) fn primitive(mut b: Builtin) -> Builtin {
    while let Some(up) = b.restricts().filter(|up| *up != Builtin::AnySimpleType) {
        b = up;
    }
    b
}

fn reject(message: String) -> Rejection {
    Rejection {
        message,
        help: None,
        fixable: false,
    }
}
