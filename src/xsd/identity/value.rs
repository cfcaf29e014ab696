//! Key-sequences: the typed values that identity constraints compare, and the tables of
//! them that one constraint's scope keeps.
//!
//! Values are equal in the value space of their types' primitive (XSD part 1, 3.11.4, and
//! part 2's equality): `1.0` and `01` as decimals are one value, while the string `1` and
//! the decimal `1` are not, as they belong to different primitives.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::xsd::facets::Value;
use crate::xsd::schema::{Builtin, SimpleType};

/// One field's value: its primitive type, its value, and its text for messages.
#[derive(Debug, Clone)]
pub(crate) struct KeyValue {
    primitive: Builtin,
    value: Value,
    text: Box<str>,
}

impl KeyValue {
    /// The value of `text` as written for an element or attribute of type `st`; `None`
    /// when the text is not a value of the type (which the type's own check reports).
    pub(crate) fn of(st: &SimpleType, text: &str) -> Option<KeyValue> {
        crate::xsd::builtin::check(st, text).ok()?;
        let normalized = crate::xsd::facets::normalize(st.whitespace(), text);
        let primitive = crate::xsd::varieties::primitive(st.base);
        let value = match Value::parse(st.base, &normalized)? {
            // `xs:boolean` keeps its text; `1` and `true` are one value.
            Value::Text(t) if primitive == Builtin::Boolean => Value::Text(
                if matches!(&*t, "1" | "true") {
                    "true"
                } else {
                    "false"
                }
                .into(),
            ),
            other => other,
        };
        Some(KeyValue {
            primitive,
            value,
            text: normalized.into(),
        })
    }

    fn equals(&self, other: &KeyValue) -> bool {
        self.primitive == other.primitive && self.value.equals(&other.value)
    }

    /// A hash that equal values share: the value's own where equality is structural, the
    /// primitive alone where it is not (date-times across timezones).
    fn hash_into(&self, h: &mut DefaultHasher) {
        self.primitive.hash(h);
        match &self.value {
            Value::Text(t) => t.hash(h),
            Value::Decimal(d) => d.hash(h),
            // Zero and negative zero are one value, and so are all NaNs.
            Value::Float(f) if *f == 0.0 => 0u64.hash(h),
            Value::Float(f) if f.is_nan() => 1u64.hash(h),
            Value::Float(f) => f.to_bits().hash(h),
            Value::Duration(d) => d.hash(h),
            Value::Moment(_) => {}
        }
    }
}

/// The values of a key-sequence, one per field, in the fields' order.
#[derive(Debug, Clone)]
pub(crate) struct KeySeq(pub(crate) Vec<KeyValue>);

impl KeySeq {
    fn equals(&self, other: &KeySeq) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| a.equals(b))
    }

    fn hash(&self) -> u64 {
        let mut h = DefaultHasher::new();
        for v in &self.0 {
            v.hash_into(&mut h);
        }
        h.finish()
    }

    /// `(`a`, `b`)` for messages.
    pub(crate) fn describe(&self) -> String {
        let values: Vec<String> = self
            .0
            .iter()
            .map(|v| format!("`{}`", crate::text::value_excerpt(&v.text)))
            .collect();
        match values.as_slice() {
            [one] => one.clone(),
            _ => format!("({})", values.join(", ")),
        }
    }
}

/// The key-sequences a scope has met, bucketed by hash.
#[derive(Debug, Default)]
pub(crate) struct Table {
    buckets: HashMap<u64, Vec<KeySeq>>,
}

impl Table {
    /// Adds `seq`; `false` when an equal sequence was there already.
    pub(crate) fn insert(&mut self, seq: KeySeq) -> bool {
        let bucket = self.buckets.entry(seq.hash()).or_default();
        if bucket.iter().any(|s| s.equals(&seq)) {
            return false;
        }
        bucket.push(seq);
        true
    }

    /// Whether an equal sequence is in the table.
    pub(crate) fn contains(&self, seq: &KeySeq) -> bool {
        self.buckets
            .get(&seq.hash())
            .is_some_and(|b| b.iter().any(|s| s.equals(seq)))
    }
}
