//! Telling PNG, JPEG and BMP bytes apart from anything else, by their signatures: the
//! three formats the OSC accepts for the network icon and for pictures of people.

use std::fmt;

use super::codes;
use super::step::Record;

/// A picture format the OSC accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG: the 8-byte signature `89 50 4E 47 0D 0A 1A 0A`.
    Png,
    /// JPEG: a start-of-image marker followed by another marker, `FF D8 FF`.
    Jpeg,
    /// BMP: `BM`, then the file size and header the signature alone does not vouch for.
    Bmp,
}

impl ImageFormat {
    /// The format whose signature `bytes` start with.
    ///
    /// A BMP must also hold its 14-byte file header and the size of an info header, so two
    /// bytes of text starting with `BM` are not taken for a picture.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        const PNG: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if bytes.starts_with(&PNG) {
            return Some(ImageFormat::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(ImageFormat::Jpeg);
        }
        if bytes.len() >= 18 && bytes.starts_with(b"BM") {
            // The info header's size (bytes 14..18) is one of the known header versions.
            let header = u32::from_le_bytes([bytes[14], bytes[15], bytes[16], bytes[17]]);
            if matches!(header, 12 | 40 | 52 | 56 | 64 | 108 | 124) {
                return Some(ImageFormat::Bmp);
            }
        }
        None
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Bmp => "BMP",
        })
    }
}

impl Record {
    /// Records an error unless `bytes` are a PNG, JPEG or BMP picture.
    pub(super) fn expect_image(&mut self, what: &str, bytes: &[u8]) {
        if ImageFormat::sniff(bytes).is_some() {
            return;
        }
        let start: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
        let found = if bytes.is_empty() {
            "no bytes".to_owned()
        } else {
            format!("{} bytes starting {}", bytes.len(), start.join(" "))
        };
        self.error(
            codes::NOT_AN_IMAGE,
            format!("{what} is not a PNG, JPEG or BMP picture: {found}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::ImageFormat;

    #[test]
    fn signatures() {
        let png = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];
        assert_eq!(ImageFormat::sniff(&png), Some(ImageFormat::Png));
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        let mut bmp = vec![0_u8; 54];
        bmp[..2].copy_from_slice(b"BM");
        bmp[14] = 40;
        assert_eq!(ImageFormat::sniff(&bmp), Some(ImageFormat::Bmp));
        assert_eq!(ImageFormat::sniff(b"BMW is a car, not a bitmap"), None);
        assert_eq!(ImageFormat::sniff(b"GIF89a"), None);
        assert_eq!(ImageFormat::sniff(&[]), None);
        assert_eq!(ImageFormat::sniff(&png[..7]), None);
    }
}
