//! Published test vectors: the OSC documentation's for melissa@contoso.com, and the RFCs'.

use super::*;

const MELISSA: &str = "melissa@contoso.com";
const SHA1: &str = "bb81577b567262a21a4df5f6e335c1250acd7b50";
const MD5: &str = "c8c39e61ca1662477b39b83d7b0a0615";
const CRC32MD5: &str = "2149665315_c8c39e61ca1662477b39b83d7b0a0615";

const ALL: [(HashFunction, &str); 3] = [
    (HashFunction::Sha1, SHA1),
    (HashFunction::Md5, MD5),
    (HashFunction::Crc32Md5, CRC32MD5),
];

#[test]
fn the_documentation_vectors_for_melissa() {
    for (function, expected) in ALL {
        assert_eq!(hash_email(MELISSA, function), expected, "{function:?}");
    }
}

#[test]
fn the_crc32_of_melissa_needs_the_unsigned_range() {
    let crc: u64 = CRC32MD5
        .split_once('_')
        .and_then(|(crc, _)| crc.parse().ok())
        .unwrap_or_default();
    assert!(crc > 1 << 31, "{crc}");
}

#[test]
fn case_and_surrounding_white_space_do_not_change_the_hash() {
    for (function, expected) in ALL {
        assert_eq!(
            hash_email(" Melissa@Contoso.COM ", function),
            expected,
            "{function:?}"
        );
        assert_eq!(
            hash_email("\tMELISSA@CONTOSO.COM\r\n", function),
            expected,
            "{function:?}"
        );
    }
}

#[test]
fn without_normalisation_the_bytes_are_hashed_as_given() {
    for (function, expected) in ALL {
        // Already normal: the same hash.
        assert_eq!(
            hash_email_with(MELISSA, function, Normalization::None),
            expected
        );
        for variant in [
            " Melissa@Contoso.COM ",
            "Melissa@contoso.com",
            " melissa@contoso.com",
        ] {
            assert_ne!(
                hash_email_with(variant, function, Normalization::None),
                expected,
                "{function:?} {variant:?}"
            );
        }
    }
}

#[test]
fn rfc_3174_sha1_of_abc() {
    assert_eq!(
        hash_email_with("abc", HashFunction::Sha1, Normalization::None),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
}

#[test]
fn rfc_1321_md5_vectors() {
    let md5 = |s| hash_email_with(s, HashFunction::Md5, Normalization::None);
    assert_eq!(md5(""), "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(md5("abc"), "900150983cd24fb0d6963f7d28e17f72");
}

#[test]
fn crc32_check_value_is_printed_unsigned() {
    // The CRC-32/IEEE check value, 0xCBF43926, above `i32::MAX`.
    assert_eq!(
        hash_email_with("123456789", HashFunction::Crc32Md5, Normalization::None),
        "3421780262_25f9e794323b453885f5181f1b624d0b"
    );
    assert_eq!(0xCBF4_3926_u32, 3_421_780_262);
}

#[test]
fn non_ascii_addresses_hash_their_utf8_bytes_after_unicode_lowercasing() {
    assert_eq!(
        hash_email(" ÉLODIE@exemple.fr", HashFunction::Md5),
        hash_email_with("élodie@exemple.fr", HashFunction::Md5, Normalization::None)
    );
}
