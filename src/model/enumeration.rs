//! The string enumerations of the schemas (`gender`, `friendStatus`, `hashFunction`,
//! `activityType`, the variable types): each lists its values once, with their spelling, and
//! parsing and the reader's "expected one of" list come from that list.

/// A string enumeration of the schemas.
///
/// ```
/// use osc_schema::model::{Enumeration, Gender};
/// assert_eq!(Gender::ALL.len(), 3);
/// assert_eq!(Gender::from_spelling("female"), Some(Gender::Female));
/// assert_eq!(Gender::from_spelling("Female"), None);
/// ```
pub trait Enumeration: Copy + 'static {
    /// Every value, in the schema's order.
    const ALL: &'static [Self];

    /// The schema's spelling of the value.
    fn spelling(self) -> &'static str;

    /// The value spelled exactly `s` (case-sensitive, no surrounding whitespace).
    fn from_spelling(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.spelling() == s)
    }
}

/// Implements [`Enumeration`] for an enum with an inherent `const fn as_str`, and gives it the
/// inherent `parse` its users call.
macro_rules! enumeration {
    ($ty:ident: $($variant:ident),+ $(,)?) => {
        impl $crate::model::Enumeration for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];

            fn spelling(self) -> &'static str {
                self.as_str()
            }
        }

        impl $ty {
            /// Parses the schema's spelling (case-sensitive, no surrounding whitespace).
            pub fn parse(s: &str) -> Option<Self> {
                <Self as $crate::model::Enumeration>::from_spelling(s)
            }
        }
    };
}

pub(crate) use enumeration;
