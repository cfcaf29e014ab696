//! [`Guid`]: a COM GUID, as `SocialNetworkGuid` returns it.

use std::fmt;

/// A GUID in its COM layout: one 32-bit, two 16-bit and eight 8-bit fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Guid {
    /// The first 8 hex digits.
    pub data1: u32,
    /// The next 4.
    pub data2: u16,
    /// The next 4.
    pub data3: u16,
    /// The last 16, as bytes.
    pub data4: [u8; 8],
}

impl Guid {
    /// The GUID whose hex digits, read left to right, are `value`'s.
    pub const fn from_u128(value: u128) -> Guid {
        Guid {
            data1: (value >> 96) as u32,
            data2: (value >> 80) as u16,
            data3: (value >> 64) as u16,
            data4: (value as u64).to_be_bytes(),
        }
    }

    /// The digits as one number, the inverse of [`Guid::from_u128`].
    pub const fn to_u128(self) -> u128 {
        ((self.data1 as u128) << 96)
            | ((self.data2 as u128) << 80)
            | ((self.data3 as u128) << 64)
            | u64::from_be_bytes(self.data4) as u128
    }

    /// Parses `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, with or without braces, any case.
    pub fn parse(text: &str) -> Option<Guid> {
        let inner = text
            .strip_prefix('{')
            .and_then(|t| t.strip_suffix('}'))
            .unwrap_or(text);
        let groups: Vec<&str> = inner.split('-').collect();
        let lengths = [8, 4, 4, 4, 12];
        if groups.len() != 5 || groups.iter().zip(lengths).any(|(g, n)| g.len() != n) {
            return None;
        }
        let digits: String = groups.concat();
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(&digits, 16).ok().map(Guid::from_u128)
    }

    /// Whether this is the all-zero GUID, which identifies nothing.
    pub const fn is_nil(self) -> bool {
        self.to_u128() == 0
    }
}

impl fmt::Display for Guid {
    /// The registry form: `{90D17471-0E8E-415B-ADE0-8B414CB3B96E}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d4 = self.data4;
        write!(
            f,
            "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
            self.data1,
            self.data2,
            self.data3,
            d4[0],
            d4[1],
            d4[2],
            d4[3],
            d4[4],
            d4[5],
            d4[6],
            d4[7]
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Guid;

    #[test]
    fn parses_prints_and_round_trips() {
        let g = Guid::parse("90D17471-0E8E-415b-ADE0-8B414CB3B96E").expect("valid");
        assert_eq!(g.data1, 0x90D1_7471);
        assert_eq!(g.data4, [0xAD, 0xE0, 0x8B, 0x41, 0x4C, 0xB3, 0xB9, 0x6E]);
        assert_eq!(g.to_string(), "{90D17471-0E8E-415B-ADE0-8B414CB3B96E}");
        assert_eq!(Guid::parse(&g.to_string()), Some(g));
        assert_eq!(Guid::from_u128(g.to_u128()), g);
        assert_eq!(Guid::parse("90D17471-0E8E-415b-ADE0"), None);
        assert_eq!(Guid::parse("g0D17471-0E8E-415b-ADE0-8B414CB3B96E"), None);
        assert!(Guid::default().is_nil());
    }
}
