//! The three hash functions a provider may ask for in `capabilities/hashFunction`.

use md5::Md5;
use sha1::{Digest, Sha1};

use super::normalize::{Normalization, normalize};
use crate::model::HashFunction;

/// The hash of an e-mail address as the OSC sends it, after
/// [`Normalization::TrimLowercase`].
///
/// - `SHA1`: the SHA-1 digest (RFC 3174) as 40 lowercase hex digits;
/// - `MD5`: the MD5 digest (RFC 1321) as 32 lowercase hex digits;
/// - `CRC32MD5`: the CRC-32 (the IEEE/zlib polynomial) as an unsigned decimal number,
///   an underscore, then the MD5 as above.
///
/// All three hash the UTF-8 bytes of the normalised address.
///
/// ```
/// use osc_schema::hash::hash_email;
/// use osc_schema::model::HashFunction;
///
/// assert_eq!(
///     hash_email(" Melissa@Contoso.com ", HashFunction::Crc32Md5),
///     "2149665315_c8c39e61ca1662477b39b83d7b0a0615"
/// );
/// ```
pub fn hash_email(address: &str, function: HashFunction) -> String {
    hash_email_with(address, function, Normalization::TrimLowercase)
}

/// [`hash_email`] with the normalisation chosen: [`Normalization::None`] hashes the bytes
/// of `address` exactly as given.
///
/// ```
/// use osc_schema::hash::{Normalization, hash_email_with};
/// use osc_schema::model::HashFunction;
///
/// let raw = hash_email_with("Melissa@contoso.com", HashFunction::Md5, Normalization::None);
/// assert_ne!(raw, "c8c39e61ca1662477b39b83d7b0a0615");
/// ```
pub fn hash_email_with(
    address: &str,
    function: HashFunction,
    normalization: Normalization,
) -> String {
    let bytes = normalize(address, normalization);
    let bytes = bytes.as_bytes();
    match function {
        HashFunction::Sha1 => hex(&Sha1::digest(bytes)),
        HashFunction::Md5 => hex(&Md5::digest(bytes)),
        // `crc32fast` returns a `u32`, so the decimal is unsigned as the docs require; a
        // signed formatting would print negative numbers for half of all addresses.
        HashFunction::Crc32Md5 => {
            format!("{}_{}", crc32fast::hash(bytes), hex(&Md5::digest(bytes)))
        }
    }
}

/// Lowercase hex, two digits per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_is_lowercase_and_zero_padded() {
        assert_eq!(hex(&[0x00, 0x0a, 0xff, 0x10]), "000aff10");
        assert_eq!(hex(&[]), "");
    }
}
