//! The value facets beyond `enumeration` on strings, `pattern` and `maxLength`: `length`,
//! `minLength`, the four range facets, `totalDigits`, `fractionDigits`, `whiteSpace`, and
//! `enumeration` compared in the value space of the types that are not strings.
//!
//! At load, [`Restriction`] applies one `xs:restriction` step's facets to its base and
//! refuses any that would widen it (XSD part 2, section 4.3); at validation,
//! [`Facets::check`] holds a value to them.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::builtin::Rejection;
use super::schema::{Builtin, Family, SimpleType, WhiteSpace};
use crate::text::quoted_value;
use crate::xs::{self, Decimal, Moment, TemporalKind};

/// A value in its type's value space, for the facets that compare values.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    /// Strings, URIs, lists (their collapsed text) and binary values (their canonical
    /// text): equal when the text is.
    Text(Box<str>),
    /// `xs:decimal` and the integers.
    Decimal(Decimal),
    /// `xs:float` (widened exactly) and `xs:double`.
    Float(f64),
    /// `xs:duration`; `None` when too large to add up, which equals nothing.
    Duration(Option<xs::Duration>),
    /// The date and time types.
    Moment(Moment),
}

impl Value {
    /// The value of `text` (already normalized by the type's whitespace rule) in the value
    /// space of `base`; `None` when it is not in the lexical space.
    pub(crate) fn parse(base: Builtin, text: &str) -> Option<Value> {
        Some(match base.family() {
            Family::Decimal => Value::Decimal(Decimal::parse(text).ok()?),
            Family::Float => Value::Float(xs::parse_float(text, base == Builtin::Float).ok()?),
            Family::Duration => Value::Duration(xs::parse_duration(text).ok()?),
            Family::Temporal => Value::Moment(Moment::parse(temporal_kind(base)?, text).ok()?),
            Family::Binary => Value::Text(octets(base, text)?.canonical),
            // `1` and `true` are one value, as are `0` and `false`.
            Family::Boolean => Value::Text(
                if xs::parse_boolean(text).ok()? {
                    "true"
                } else {
                    "false"
                }
                .into(),
            ),
            Family::Any | Family::Text | Family::List => Value::Text(text.into()),
        })
    }

    /// The order of the value space; `None` when the two are incomparable: `NaN` against
    /// a number, date-times too close to tell across timezones, any two durations.
    pub(crate) fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Decimal(a), Value::Decimal(b)) => Some(a.cmp(b)),
            // XSD 1.0 part 2, 3.2.4 and 3.2.5: NaN equals itself and is incomparable
            // with every other value; zero and negative zero are one value.
            (Value::Float(a), Value::Float(b)) if a.is_nan() && b.is_nan() => Some(Ordering::Equal),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            (Value::Moment(a), Value::Moment(b)) => a.compare(b),
            _ => None,
        }
    }

    /// Equality in the value space, what `enumeration` compares.
    pub(crate) fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => a == b,
            (Value::Duration(Some(a)), Value::Duration(Some(b))) => a == b,
            (Value::Duration(_), Value::Duration(_)) => false,
            _ => self.compare(other) == Some(Ordering::Equal),
        }
    }
}

/// The date or time type `base` is, if it is one.
pub(crate) fn temporal_kind(base: Builtin) -> Option<TemporalKind> {
    Some(match base {
        Builtin::DateTime => TemporalKind::DateTime,
        Builtin::Time => TemporalKind::Time,
        Builtin::Date => TemporalKind::Date,
        Builtin::GYearMonth => TemporalKind::GYearMonth,
        Builtin::GYear => TemporalKind::GYear,
        Builtin::GMonthDay => TemporalKind::GMonthDay,
        Builtin::GDay => TemporalKind::GDay,
        Builtin::GMonth => TemporalKind::GMonth,
        _ => return None,
    })
}

fn octets(base: Builtin, text: &str) -> Option<xs::Octets> {
    if base == Builtin::HexBinary {
        xs::parse_hex_binary(text).ok()
    } else {
        xs::parse_base64_binary(text).ok()
    }
}

/// What the length facets count in a value of `base`: characters for strings, octets for
/// the binary types, items for lists.
pub(crate) fn length_of(base: Builtin, text: &str) -> usize {
    match base.family() {
        Family::Binary => octets(base, text).map_or(0, |o| o.len),
        Family::List => text.split(' ').filter(|item| !item.is_empty()).count(),
        _ => super::builtin::char_count(text),
    }
}

/// The unit the length facets count in, for messages.
pub(crate) fn length_unit(base: Builtin) -> &'static str {
    match base.family() {
        Family::Binary => "octets",
        Family::List => "items",
        _ => "characters",
    }
}

/// `value` under the whitespace rule `ws`.
#[inline(always)]
pub(crate) fn normalize(ws: WhiteSpace, value: &str) -> Cow<'_, str> {
    match ws {
        WhiteSpace::Preserve => Cow::Borrowed(value),
        WhiteSpace::Replace if !value.contains(['\t', '\n', '\r']) => Cow::Borrowed(value),
        WhiteSpace::Replace => Cow::Owned(value.replace(['\t', '\n', '\r'], " ")),
        WhiteSpace::Collapse => xs::collapse_whitespace(value),
    }
}

/// A length or digit count, with whether a derived type may change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit {
    pub value: u32,
    pub fixed: bool,
}

/// A range facet's value, as written (for messages) and parsed.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub text: Box<str>,
    pub value: Value,
    pub fixed: bool,
}

/// The four range facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Range {
    MinInclusive,
    MinExclusive,
    MaxInclusive,
    MaxExclusive,
}

impl Range {
    const ALL: [Range; 4] = [
        Range::MinInclusive,
        Range::MinExclusive,
        Range::MaxInclusive,
        Range::MaxExclusive,
    ];

    fn from_name(name: &str) -> Option<Range> {
        Range::ALL.into_iter().find(|r| r.name() == name)
    }

    const fn name(self) -> &'static str {
        match self {
            Range::MinInclusive => "minInclusive",
            Range::MinExclusive => "minExclusive",
            Range::MaxInclusive => "maxInclusive",
            Range::MaxExclusive => "maxExclusive",
        }
    }

    const fn index(self) -> usize {
        self as usize
    }

    /// Whether `order` (the value against the bound) satisfies the bound.
    fn admits(self, order: Option<Ordering>) -> bool {
        matches!(
            (self, order),
            (
                Range::MinInclusive,
                Some(Ordering::Greater | Ordering::Equal)
            ) | (Range::MinExclusive, Some(Ordering::Greater))
                | (Range::MaxInclusive, Some(Ordering::Less | Ordering::Equal))
                | (Range::MaxExclusive, Some(Ordering::Less))
        )
    }

    /// The orders of a new bound of this kind against the base's bound of kind `parent`
    /// that would widen the base (XSD part 2, 4.3.7.4 to 4.3.10.4).
    fn widens(self, parent: Range) -> &'static [Ordering] {
        use Ordering::{Equal, Greater, Less};
        match (self, parent) {
            (Range::MinInclusive | Range::MinExclusive, Range::MinInclusive)
            | (Range::MinExclusive, Range::MinExclusive)
            | (Range::MaxInclusive, Range::MinInclusive) => &[Less],
            (Range::MinInclusive | Range::MaxInclusive, Range::MinExclusive)
            | (Range::MaxExclusive, Range::MinInclusive | Range::MinExclusive) => &[Less, Equal],
            (Range::MaxInclusive | Range::MaxExclusive, Range::MaxInclusive)
            | (Range::MaxExclusive, Range::MaxExclusive)
            | (Range::MinInclusive, Range::MaxInclusive)
            | (Range::MinExclusive, Range::MaxInclusive) => &[Greater],
            (_, Range::MaxExclusive) => &[Greater, Equal],
        }
    }
}

/// The facets of a simple type beyond those [`SimpleType`] holds itself, accumulated over
/// its restriction steps. Only types that use one of them carry this, so the OSC schemas'
/// types stay as small and quick to check as before.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facets {
    /// The `whiteSpace` facet, when a step set it.
    pub whitespace: Option<Limit3>,
    pub length: Option<Limit>,
    pub min_length: Option<Limit>,
    /// Whether `maxLength` (kept in [`SimpleType::max_length`]) is fixed.
    pub max_length_fixed: bool,
    /// Indexed by [`Range::index`].
    pub ranges: [Option<Bound>; 4],
    pub total_digits: Option<Limit>,
    pub fraction_digits: Option<Limit>,
    /// One list per step with `enumeration`, for types whose values are not compared as
    /// text: the values as written and parsed.
    pub enumerations: Vec<Box<[Allowed]>>,
}

/// One enumeration value: as written (for messages) and parsed.
pub(crate) type Allowed = (Box<str>, Value);

/// The `whiteSpace` facet: its value and whether it is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limit3 {
    pub value: WhiteSpace,
    pub fixed: bool,
}

impl Facets {
    /// Holds `text` (normalized by the type's whitespace rule, and in the type's lexical
    /// space) to the facets.
    pub(crate) fn check(&self, base: Builtin, text: &str) -> Result<(), Rejection> {
        let length = |limit: &Option<Limit>| limit.map(|l| l.value as usize);
        if self.length.is_some() || self.min_length.is_some() {
            let n = length_of(base, text);
            let unit = length_unit(base);
            if let Some(exact) = length(&self.length).filter(|&l| l != n) {
                return Err(reject(
                    format!("the value has {n} {unit}; exactly {exact} are required"),
                    None,
                ));
            }
            if let Some(min) = length(&self.min_length).filter(|&m| n < m) {
                return Err(reject(
                    format!("the value has {n} {unit}; at least {min} are required"),
                    None,
                ));
            }
        }
        let needs_value = self.ranges.iter().any(Option::is_some)
            || self.total_digits.is_some()
            || self.fraction_digits.is_some()
            || !self.enumerations.is_empty();
        if !needs_value {
            return Ok(());
        }
        let Some(value) = Value::parse(base, text) else {
            return Ok(());
        };
        for (range, bound) in Range::ALL.into_iter().zip(&self.ranges) {
            if let Some(bound) = bound {
                let order = value.compare(&bound.value);
                if !range.admits(order) {
                    return Err(out_of_range(range, text, &bound.text, order.is_none()));
                }
            }
        }
        if let Value::Decimal(d) = &value {
            if let Some(limit) = self
                .total_digits
                .filter(|l| d.total_digits() > l.value as usize)
            {
                return Err(reject(
                    format!(
                        "{} has {} digits; at most {} are allowed",
                        quoted_value(text),
                        d.total_digits(),
                        limit.value
                    ),
                    None,
                ));
            }
            if let Some(limit) = self
                .fraction_digits
                .filter(|l| d.fraction_digits() > l.value as usize)
            {
                return Err(reject(
                    format!(
                        "{} has {} digits after the decimal point; at most {} are allowed",
                        quoted_value(text),
                        d.fraction_digits(),
                        limit.value
                    ),
                    Some(format!("round the value to {} decimal places", limit.value)),
                ));
            }
        }
        for allowed in &self.enumerations {
            if !allowed.iter().any(|(_, v)| v.equals(&value)) {
                let texts: Vec<Box<str>> = allowed.iter().map(|(t, _)| t.clone()).collect();
                return Err(super::builtin::not_one_of(text, &texts));
            }
        }
        Ok(())
    }

    /// Whether nothing is set, so the type needs no [`Facets`] at all.
    fn is_empty(&self) -> bool {
        self.whitespace.is_none()
            && self.length.is_none()
            && self.min_length.is_none()
            && !self.max_length_fixed
            && self.ranges.iter().all(Option::is_none)
            && self.total_digits.is_none()
            && self.fraction_digits.is_none()
            && self.enumerations.is_empty()
    }
}

fn reject(message: String, help: Option<String>) -> Rejection {
    Rejection {
        message,
        help,
        fixable: false,
    }
}

fn out_of_range(range: Range, text: &str, bound: &str, indeterminate: bool) -> Rejection {
    let v = quoted_value(text);
    let b = quoted_value(bound);
    let message = match range {
        _ if indeterminate => format!(
            "{v} cannot be compared with {b}, the type's `{}`, so it is outside the allowed range",
            range.name()
        ),
        Range::MinInclusive => format!("{v} is below the minimum {b}"),
        Range::MinExclusive => format!("{v} is not greater than {b}; values must be greater"),
        Range::MaxInclusive => format!("{v} is above the maximum {b}"),
        Range::MaxExclusive => format!("{v} is not less than {b}; values must be less"),
    };
    let help = if indeterminate {
        Some(if text.contains("NaN") {
            "`NaN` cannot be compared with a number, so it is outside any range".to_string()
        } else {
            format!(
                "a time with a timezone and one without cannot be ordered when they are within 14 hours of each other; give both a timezone ({b} for the bound)"
            )
        })
    } else {
        None
    };
    reject(message, help)
}

/// Why a facet cannot be applied: the schema is wrong, or uses what is not supported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// An incorrect schema: the message.
    Invalid(String),
    /// A construct outside the supported subset: the message.
    Unsupported(String),
}

/// One `xs:restriction` step being applied to a copy of its base: facets one by one
/// ([`Restriction::facet`]), then [`Restriction::finish`] for the rules between facets.
pub(crate) struct Restriction<'b> {
    /// The base type as it was before this step.
    base: &'b SimpleType,
    /// The base as the schema names it, for messages.
    base_name: &'b str,
    /// The facets as they stand after the step's facets so far.
    facets: Facets,
    /// The facets this step gave, by name, so each is given at most once.
    given: Vec<&'static str>,
    /// This step's enumeration values.
    enumeration: Vec<Allowed>,
    /// `maxLength` as given by this step, with its `fixed`.
    max_length: Option<Limit>,
}

/// The facet names this module applies, as `given` records them.
const NAMES: [&str; 10] = [
    "length",
    "minLength",
    "maxLength",
    "minInclusive",
    "minExclusive",
    "maxInclusive",
    "maxExclusive",
    "totalDigits",
    "fractionDigits",
    "whiteSpace",
];

impl<'b> Restriction<'b> {
    /// Starts a step from `base`, which the schema calls `base_name`.
    pub(crate) fn new(base: &'b SimpleType, base_name: &'b str) -> Self {
        Restriction {
            base,
            base_name,
            facets: base.facets.as_deref().cloned().unwrap_or_default(),
            given: Vec::new(),
            enumeration: Vec::new(),
            max_length: None,
        }
    }

    /// Whether `kind` applies to the base's built-in at all (XSD part 2, 4.1.5 and the
    /// facet tables of section 3).
    fn applies(&self, kind: &str) -> bool {
        let family = self.base.base.family();
        match kind {
            "length" | "minLength" | "maxLength" => self.base.base.has_length(),
            "totalDigits" | "fractionDigits" => family == Family::Decimal,
            "enumeration" => !matches!(family, Family::Boolean | Family::Any),
            "whiteSpace" => family != Family::Any,
            _ => matches!(
                family,
                Family::Decimal | Family::Float | Family::Temporal | Family::Duration
            ),
        }
    }

    /// Applies one facet: `kind` is its local name, `value` its `value` attribute and
    /// `fixed` its `fixed` attribute; `count` reads a non-negative integer facet value.
    ///
    /// # Errors
    /// When the facet does not apply, its value is not one the facet takes, or it would
    /// widen the base.
    pub(crate) fn facet(
        &mut self,
        kind: &str,
        value: &str,
        fixed: bool,
        count: impl Fn(&str) -> Option<u32>,
    ) -> Result<(), Problem> {
        let base = self.base.base;
        if !self.applies(kind) {
            return Err(Problem::Invalid(format!(
                "the `{kind}` facet does not apply to `{base}`"
            )));
        }
        if kind == "enumeration" {
            let text = normalize(self.base.whitespace(), value);
            let parsed = Value::parse(base, &text).ok_or_else(|| {
                Problem::Invalid(format!(
                    "enumeration value {} is not a `{base}`",
                    quoted_value(value)
                ))
            })?;
            if let Value::Duration(None) = parsed {
                return Err(Problem::Unsupported(format!(
                    "the duration {} is too large to compare",
                    quoted_value(value)
                )));
            }
            self.enumeration.push((text.into(), parsed));
            return Ok(());
        }
        let Some(&name) = NAMES.iter().find(|n| **n == kind) else {
            return Err(Problem::Unsupported(format!(
                "the `{kind}` facet is not supported"
            )));
        };
        if self.given.contains(&name) {
            return Err(Problem::Invalid(format!(
                "a restriction gives `{kind}` at most once"
            )));
        }
        self.given.push(name);
        if let Some(range) = Range::from_name(kind) {
            return self.range(range, value, fixed);
        }
        if kind == "whiteSpace" {
            return self.whitespace(value, fixed);
        }
        let n = count(value).ok_or_else(|| {
            Problem::Invalid(format!(
                "`{kind}` must be a non-negative integer, not {}",
                quoted_value(value)
            ))
        })?;
        let limit = Limit { value: n, fixed };
        let f = &mut self.facets;
        // XSD part 2 (second edition), 4.3.1.4: under a base's `length`, a later step may
        // give `minLength` at most that length, and `maxLength` at least it.
        if let Some(length) = f
            .length
            .filter(|_| matches!(kind, "minLength" | "maxLength"))
        {
            let fits = if kind == "minLength" {
                n <= length.value
            } else {
                n >= length.value
            };
            if !fits {
                return Err(Problem::Invalid(format!(
                    "`{kind}` {n} does not fit the base's `length` {}",
                    length.value
                )));
            }
        }
        match kind {
            "length" => {
                if let Some(old) = f.length.filter(|old| old.value != n) {
                    return Err(widened(kind, n, old.value, old.fixed, self.base_name));
                }
                f.length = Some(limit);
            }
            "minLength" => {
                if let Some(old) = f.min_length.filter(|old| old.fixed && old.value != n) {
                    return Err(widened(kind, n, old.value, true, self.base_name));
                }
                // A list built-in holds at least one item (XSD part 2, 3.3.5).
                let inherent = (self.base.base == Builtin::NmTokens).then_some(Limit {
                    value: 1,
                    fixed: false,
                });
                if let Some(old) = f.min_length.or(inherent).filter(|old| n < old.value) {
                    return Err(widened(kind, n, old.value, false, self.base_name));
                }
                f.min_length = Some(limit);
            }
            "maxLength" => {
                let old = self.base.max_length.map(|value| Limit {
                    value,
                    fixed: f.max_length_fixed,
                });
                no_wider(kind, n, old, self.base_name)?;
                self.max_length = Some(limit);
                f.max_length_fixed = fixed;
            }
            "totalDigits" => {
                if n == 0 {
                    return Err(Problem::Invalid(
                        "`totalDigits` must be a positive integer, not 0".into(),
                    ));
                }
                no_wider(kind, n, f.total_digits, self.base_name)?;
                f.total_digits = Some(limit);
            }
            _ => {
                // The integers fix `fractionDigits` at 0 (XSD part 2, 3.3.13).
                let inherent = (base != Builtin::Decimal).then_some(Limit {
                    value: 0,
                    fixed: true,
                });
                no_wider(kind, n, f.fraction_digits.or(inherent), self.base_name)?;
                f.fraction_digits = Some(limit);
            }
        }
        Ok(())
    }

    fn whitespace(&mut self, value: &str, fixed: bool) -> Result<(), Problem> {
        let ws = match value.trim_matches([' ', '\t', '\r', '\n']) {
            "preserve" => WhiteSpace::Preserve,
            "replace" => WhiteSpace::Replace,
            "collapse" => WhiteSpace::Collapse,
            _ => {
                return Err(Problem::Invalid(format!(
                    "`whiteSpace` is `preserve`, `replace` or `collapse`, not {}",
                    quoted_value(value)
                )));
            }
        };
        let old = self.base.whitespace();
        // Every built-in but the strings fixes `collapse`; so do earlier `fixed` facets.
        let old_fixed = self.facets.whitespace.map_or(
            self.base.base.family() != Family::Text || self.base.base == Builtin::AnyUri,
            |w| w.fixed,
        );
        if ws < old || (old_fixed && ws != old) {
            return Err(Problem::Invalid(format!(
                "`whiteSpace` `{}` would loosen the base's `{}`{}",
                ws_name(ws),
                ws_name(old),
                if old_fixed && ws > old {
                    ", which is fixed"
                } else {
                    ""
                }
            )));
        }
        self.facets.whitespace = Some(Limit3 { value: ws, fixed });
        Ok(())
    }

    fn range(&mut self, range: Range, value: &str, fixed: bool) -> Result<(), Problem> {
        let base = self.base.base;
        if base.family() == Family::Duration {
            return Err(Problem::Unsupported(format!(
                "`{}` on `xs:duration` is not supported: durations are only partially ordered",
                range.name()
            )));
        }
        // The value must be a value of the built-in; the base's own bounds are checked
        // below, by the rules that allow an exclusive bound to equal the base's.
        let text = xs::collapse_whitespace(value);
        let parsed = super::builtin::lexical(base, &text)
            .ok()
            .and_then(|()| Value::parse(base, &text))
            .ok_or_else(|| {
                Problem::Invalid(format!(
                    "`{}` {} is not a `{base}`",
                    range.name(),
                    quoted_value(value)
                ))
            })?;
        // Against the base's bounds only: this step's other bounds are held to each other
        // by `finish`.
        let base_ranges = self.base.facets.as_ref().map(|f| f.ranges.clone());
        let parents = Range::ALL
            .into_iter()
            .zip(base_ranges.unwrap_or_default())
            .filter_map(|(r, b)| b.map(|b| (r, b.value, b.text, b.fixed)))
            .chain(inherent_bounds(base));
        for (parent, parent_value, parent_text, parent_fixed) in parents {
            let order = parsed.compare(&parent_value);
            if parent == range && parent_fixed && order != Some(Ordering::Equal) {
                return Err(Problem::Invalid(format!(
                    "`{}` {} may not change the fixed `{}` {} of the base type `{}`",
                    range.name(),
                    quoted_value(value),
                    parent.name(),
                    quoted_value(&parent_text),
                    self.base_name
                )));
            }
            if order.is_some_and(|o| range.widens(parent).contains(&o)) {
                return Err(Problem::Invalid(format!(
                    "`{}` {} would widen the base type `{}`, whose `{}` is {}",
                    range.name(),
                    quoted_value(value),
                    self.base_name,
                    parent.name(),
                    quoted_value(&parent_text)
                )));
            }
        }
        if let Some(slot) = self.facets.ranges.get_mut(range.index()) {
            *slot = Some(Bound {
                text: text.into(),
                value: parsed,
                fixed,
            });
        }
        Ok(())
    }

    /// Checks the facets against each other and returns the restricted type.
    ///
    /// # Errors
    /// With the name of the facet at fault and the problem.
    pub(crate) fn finish(mut self, into: &mut SimpleType) -> Result<(), (&'static str, Problem)> {
        let given = |n: &str| self.given.contains(&n);
        let invalid = |kind, m: String| Err((kind, Problem::Invalid(m)));
        for (a, b) in [
            ("minInclusive", "minExclusive"),
            ("maxInclusive", "maxExclusive"),
            ("length", "minLength"),
            ("length", "maxLength"),
        ] {
            if given(a) && given(b) {
                return invalid(
                    b,
                    format!("a restriction may not give both `{a}` and `{b}`"),
                );
            }
        }
        let f = &self.facets;
        let max_length = self.max_length.map(|l| l.value).or(self.base.max_length);
        // The built-in lists hold at least one item.
        let min_length = f
            .min_length
            .map(|l| l.value)
            .or((self.base.base.family() == Family::List).then_some(1));
        if let (Some(min), Some(max)) = (min_length, max_length) {
            if min > max {
                return invalid(
                    "minLength",
                    format!("`minLength` {min} is greater than `maxLength` {max}"),
                );
            }
        }
        if let Some(len) = f.length.map(|l| l.value) {
            if min_length.is_some_and(|m| m > len) || max_length.is_some_and(|m| m < len) {
                return invalid(
                    "length",
                    format!("`length` {len} lies outside `minLength` and `maxLength`"),
                );
            }
        }
        if let (Some(total), Some(fraction)) = (f.total_digits, f.fraction_digits) {
            if fraction.value > total.value {
                let at = if given("fractionDigits") {
                    "fractionDigits"
                } else {
                    "totalDigits"
                };
                return invalid(
                    at,
                    format!(
                        "`fractionDigits` {} is greater than `totalDigits` {}",
                        fraction.value, total.value
                    ),
                );
            }
        }
        let bound = |r: Range| f.ranges.get(r.index()).and_then(Option::as_ref);
        for (low, high, empty) in [
            (
                Range::MinInclusive,
                Range::MaxInclusive,
                &[Ordering::Greater][..],
            ),
            (
                Range::MinInclusive,
                Range::MaxExclusive,
                &[Ordering::Greater, Ordering::Equal],
            ),
            (
                Range::MinExclusive,
                Range::MaxExclusive,
                &[Ordering::Greater],
            ),
            (
                Range::MinExclusive,
                Range::MaxInclusive,
                &[Ordering::Greater, Ordering::Equal],
            ),
        ] {
            if let (Some(l), Some(h)) = (bound(low), bound(high)) {
                if l.value
                    .compare(&h.value)
                    .is_some_and(|o| empty.contains(&o))
                {
                    let at = if given(low.name()) {
                        low.name()
                    } else {
                        high.name()
                    };
                    return invalid(
                        at,
                        format!(
                            "`{}` {} and `{}` {} leave no value",
                            low.name(),
                            quoted_value(&l.text),
                            high.name(),
                            quoted_value(&h.text)
                        ),
                    );
                }
            }
        }
        if let Some(limit) = self.max_length {
            into.max_length = Some(limit.value);
        }
        if !self.enumeration.is_empty() {
            let values = std::mem::take(&mut self.enumeration);
            // Strings, URIs and lists are equal when their normalized text is: they keep
            // the plain list the validator compares quickly.
            if matches!(self.base.base.family(), Family::Text | Family::List) {
                into.enumerations
                    .push(values.into_iter().map(|(text, _)| text).collect());
            } else {
                self.facets.enumerations.push(values.into());
            }
        }
        into.facets = (!self.facets.is_empty()).then(|| Box::new(self.facets));
        Ok(())
    }
}

/// The bounds a built-in integer type has of its own, as a base's `minInclusive` and
/// `maxInclusive` would be.
fn inherent_bounds(base: Builtin) -> impl Iterator<Item = (Range, Value, Box<str>, bool)> {
    let (min, max): (Option<&str>, Option<&str>) = integer_bounds(base);
    let bound = |r: Range, t: Option<&str>| {
        let t = t?;
        Some((
            r,
            Value::Decimal(Decimal::parse(t).ok()?),
            Box::<str>::from(t),
            false,
        ))
    };
    bound(Range::MinInclusive, min)
        .into_iter()
        .chain(bound(Range::MaxInclusive, max))
}

/// The range of a built-in integer type, as decimal text; `None` for an open end.
pub(crate) const fn integer_bounds(base: Builtin) -> (Option<&'static str>, Option<&'static str>) {
    match base {
        Builtin::NonPositiveInteger => (None, Some("0")),
        Builtin::NegativeInteger => (None, Some("-1")),
        Builtin::Long => (Some("-9223372036854775808"), Some("9223372036854775807")),
        Builtin::Int => (Some("-2147483648"), Some("2147483647")),
        Builtin::Short => (Some("-32768"), Some("32767")),
        Builtin::Byte => (Some("-128"), Some("127")),
        Builtin::NonNegativeInteger => (Some("0"), None),
        Builtin::UnsignedLong => (Some("0"), Some("18446744073709551615")),
        Builtin::UnsignedInt => (Some("0"), Some("4294967295")),
        Builtin::UnsignedShort => (Some("0"), Some("65535")),
        Builtin::UnsignedByte => (Some("0"), Some("255")),
        Builtin::PositiveInteger => (Some("1"), None),
        _ => (None, None),
    }
}

/// An upper bound `kind` of `n` where the base type `base` has `old`: it may not be wider,
/// nor other than a fixed one.
fn no_wider(kind: &str, n: u32, old: Option<Limit>, base: &str) -> Result<(), Problem> {
    match old {
        Some(old) if old.fixed && old.value != n => Err(widened(kind, n, old.value, true, base)),
        Some(old) if n > old.value => Err(widened(kind, n, old.value, false, base)),
        _ => Ok(()),
    }
}

fn widened(kind: &str, n: u32, old: u32, fixed: bool, base: &str) -> Problem {
    Problem::Invalid(if fixed {
        format!("`{kind}` {n} may not change the fixed `{kind}` {old} of the base type `{base}`")
    } else {
        format!("`{kind}` {n} would widen the base type `{base}`, whose `{kind}` is {old}")
    })
}

const fn ws_name(ws: WhiteSpace) -> &'static str {
    match ws {
        WhiteSpace::Preserve => "preserve",
        WhiteSpace::Replace => "replace",
        WhiteSpace::Collapse => "collapse",
    }
}
