//! What an address is turned into before it is hashed.

use std::borrow::Cow;

/// How an address is prepared before hashing.
///
/// The OSC documentation spells the preparation out only for `CRC32MD5`: strip the white
/// space around the address and lowercase it. [`Normalization::TrimLowercase`], the default,
/// applies it to every function, because providers matched `MD5` hashes against
/// lowercase-address MD5s computed elsewhere (Gravatar's, for one), which only works if the
/// OSC prepares addresses the same way for all three.
///
/// "White space" and "lowercase" are Unicode's, exactly as the standard library defines them:
/// [`str::trim`] removes leading and trailing characters with the `White_Space` property
/// (`' '`, tab, CR, LF, but also no-break space U+00A0, ideographic space U+3000, …), and
/// [`str::to_lowercase`] applies the full, locale-independent Unicode lowercase mapping
/// (`'É'` → `'é'`; `'İ'` → `"i\u{307}"`). For ASCII addresses this is the same as ASCII
/// trimming and lowercasing. White space inside the address is left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Normalization {
    /// Trim surrounding white space, then lowercase.
    #[default]
    TrimLowercase,
    /// Hash the address's bytes exactly as given.
    None,
}

/// The text that gets hashed for `address`.
///
/// Borrows when nothing changes, so the common already-normalised address is not copied.
///
/// ```
/// use osc_schema::hash::{Normalization, normalize};
///
/// assert_eq!(normalize(" Melissa@Contoso.COM\n", Normalization::TrimLowercase), "melissa@contoso.com");
/// assert_eq!(normalize(" Melissa@Contoso.COM\n", Normalization::None), " Melissa@Contoso.COM\n");
/// ```
pub fn normalize(address: &str, normalization: Normalization) -> Cow<'_, str> {
    match normalization {
        Normalization::None => Cow::Borrowed(address),
        Normalization::TrimLowercase => {
            let trimmed = address.trim();
            // `to_lowercase` always allocates, and most addresses arrive lowercase already.
            // Only ASCII can be judged cheaply: beyond it, titlecase letters change too.
            if !trimmed.is_ascii() || trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(trimmed.to_lowercase())
            } else {
                Cow::Borrowed(trimmed)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_unicode_white_space_and_lowercases() {
        let n = |s| normalize(s, Normalization::TrimLowercase).into_owned();
        assert_eq!(n("\u{a0}\tA@B.example\u{3000}\r\n"), "a@b.example");
        assert_eq!(n("ÉLODIE@exemple.FR"), "élodie@exemple.fr");
        assert_eq!(n("a b@c"), "a b@c");
        assert_eq!(n("   "), "");
    }

    #[test]
    fn leaves_an_already_normal_address_borrowed() {
        assert!(matches!(
            normalize("a@b.example", Normalization::TrimLowercase),
            Cow::Borrowed("a@b.example")
        ));
    }
}
