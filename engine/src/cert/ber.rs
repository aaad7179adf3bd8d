//! BER/DER elements for [`super::x509`]: one tag-length-value at a time, read by asn1-rs 0.7's
//! rules (`Header::from_ber`/`from_der`, `Any::from_ber`/`from_der`, and the checks its
//! `Oid`, `BitString`, OCTET STRING and `u32` readers make) into asn1-rs' own data types, so
//! the certificate reader gives the same values and failures as x509-parser without linking
//! asn1-rs' nom-based parsers (kept this way for wasm size). The tests compare every read with
//! asn1-rs' on handmade, damaged and random bytes.
//!
//! Unlike [`super::der`] (which sorts pasted blobs and keeps to what certificates use), these
//! reads accept all that asn1-rs accepts: multi-byte tag numbers, long lengths, and for BER
//! indefinite lengths ended by an end-of-contents element, nested up to 50 deep.

use std::borrow::Cow;
use x509_parser::asn1_rs::{Any, BitString, Class, Header, Length, Oid, Tag};

/// How deep asn1-rs follows nested indefinite lengths (its `MAX_RECURSION`).
const MAX_DEPTH: usize = 50;

/// The header at the start of `i` and what follows it. As asn1-rs reads it: a tag number in
/// the low five bits, or (when they are all set) in up to five further bytes of seven bits
/// each (shifted into 32 bits, higher bits lost); a short length, a long one of up to 126
/// bytes that fits 64 bits, or (BER only, constructed only) the indefinite length.
pub fn header(i: &[u8], der: bool) -> Option<(Header<'_>, &[u8])> {
    let &first = i.first()?;
    let mut n = 1;
    let mut tag = u32::from(first & 0x1f);
    if tag == 0x1f {
        tag = 0;
        loop {
            if n > 5 {
                return None;
            }
            let &b = i.get(n)?;
            tag = tag << 7 | u32::from(b & 0x7f);
            n += 1;
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let raw_tag = i.get(..n)?;
    let rest = i.get(n..)?;
    let constructed = first & 0x20 != 0;
    let (&l, rest) = rest.split_first()?;
    let (length, rest) = match l {
        0..=0x7f => (Length::Definite(usize::from(l)), rest),
        0x80 if der || !constructed => return None,
        0x80 => (Length::Indefinite, rest),
        0xff => return None,
        _ => {
            let k = usize::from(l & 0x7f);
            let bytes = rest.get(..k)?;
            let mut v: u64 = 0;
            for &b in bytes {
                if v >> 56 != 0 {
                    return None;
                }
                v = v << 8 | u64::from(b);
            }
            (Length::Definite(usize::try_from(v).ok()?), rest.get(k..)?)
        }
    };
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    };
    let hdr = Header::new(class, constructed, Tag(tag), length)
        .with_raw_tag(Some(Cow::Borrowed(raw_tag)));
    Some((hdr, rest))
}

/// The element at the start of `i` (`Any::from_der` when `der`, else `Any::from_ber`) and
/// what follows it. A BER indefinite length's content ends before its end-of-contents element.
pub fn any(i: &[u8], der: bool) -> Option<(Any<'_>, &[u8])> {
    let (header, rest) = header(i, der)?;
    let (data, rest) = match header.length() {
        Length::Definite(len) => (rest.get(..len)?, rest.get(len..)?),
        Length::Indefinite => {
            let after = skip_indefinite(rest, MAX_DEPTH - 1)?;
            let used = rest.len() - after.len();
            (rest.get(..used.checked_sub(2)?)?, after)
        }
    };
    Some((Any::new(header, data), rest))
}

/// The content of an indefinite-length element and its end-of-contents, skipped: elements up
/// to the first with tag number 0 and definite length 0 (any class), each inner indefinite one
/// skipped the same way with one level less (asn1-rs' `ber_skip_object_content`).
fn skip_indefinite(mut i: &[u8], depth: usize) -> Option<&[u8]> {
    if depth == 0 {
        return None;
    }
    loop {
        let (hdr, rest) = header(i, false)?;
        i = match hdr.length() {
            Length::Definite(0) if hdr.tag() == Tag::EndOfContent => return Some(rest),
            Length::Definite(len) => rest.get(len..)?,
            Length::Indefinite => skip_indefinite(rest, depth - 1)?,
        };
    }
}

/// A DER element that asn1-rs' `Oid::from_der` accepts (any primitive element: the tag is
/// not checked) as an OID of its content bytes.
pub fn oid(i: &[u8]) -> Option<(Oid<'_>, &[u8])> {
    let (any, rest) = any(i, true)?;
    (!any.header.is_constructed()).then(|| (Oid::new(Cow::Borrowed(any.data)), rest))
}

/// `BitString::from_der`: a primitive DER element with tag number 3 (any class) whose content
/// is the unused-bit count and the bits; one byte must be 0, and unused bits must be zero
/// (a zero last byte passes with up to 8 unused bits).
pub fn bit_string(i: &[u8]) -> Option<(BitString<'_>, &[u8])> {
    let (any, rest) = any(i, true)?;
    let (&unused, bits) = any.data.split_first()?;
    let ok = match bits.last() {
        None => unused == 0,
        Some(&last) => last.trailing_zeros() >= u32::from(unused),
    };
    (ok && !any.header.is_constructed() && any.tag() == Tag::BitString)
        .then(|| (BitString::new(unused, bits), rest))
}

/// `<&[u8]>::from_der`: the content of a primitive DER element with tag number 4 (any class).
pub fn octet_string(i: &[u8]) -> Option<(&[u8], &[u8])> {
    let (any, rest) = any(i, true)?;
    (!any.header.is_constructed() && any.tag() == Tag::OctetString).then_some((any.data, rest))
}

/// True when `u32::from_der` reads `i`: a primitive DER element with tag number 2 (any
/// class), content in minimal form (not empty, no redundant leading 0x00 or 0xFF), not
/// negative, at most four bytes once a leading zero byte is dropped.
pub fn u32_ok(i: &[u8]) -> bool {
    let Some((any, _)) = any(i, true) else {
        return false;
    };
    let d = any.data;
    let minimal = match d {
        [] => false,
        [0, b, ..] => *b >= 0x80,
        [0xff, b, ..] => *b < 0x80,
        _ => true,
    };
    let significant = match d {
        [0, rest @ ..] if !rest.is_empty() => rest.len(),
        _ => d.len(),
    };
    minimal
        && !any.header.is_constructed()
        && any.tag() == Tag::Integer
        && d.first().is_some_and(|&b| b & 0x80 == 0)
        && significant <= 4
}

/// `Vec<Oid>::from_der`: a DER element with tag number 16 (any class, any form) whose
/// content is nothing but elements [`oid`] reads.
pub fn oid_sequence(i: &[u8]) -> Option<(Vec<Oid<'_>>, &[u8])> {
    let (any, rest) = any(i, true)?;
    if any.tag() != Tag::Sequence {
        return None;
    }
    let mut data = any.data;
    let mut oids = Vec::new();
    while !data.is_empty() {
        let (o, r) = oid(data)?;
        oids.push(o);
        data = r;
    }
    Some((oids, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::asn1_rs::{FromBer, FromDer};

    /// Headers compared field by field (asn1-rs' own `==` skips the length and raw tag).
    fn same_header(a: &Header<'_>, b: &Header<'_>) -> bool {
        a.class() == b.class()
            && a.is_constructed() == b.is_constructed()
            && a.tag() == b.tag()
            && a.length() == b.length()
            && a.raw_tag() == b.raw_tag()
    }

    /// Elements of many shapes: short and long tags and lengths, indefinite lengths nested
    /// and not, end-of-contents forms; each also cut short and with bytes flipped, and
    /// random bytes.
    pub(crate) fn samples() -> Vec<Vec<u8>> {
        let mut base: Vec<Vec<u8>> = vec![
            vec![],
            vec![0x02, 0x01, 0x05],
            vec![0x02, 0x00],
            vec![0x02, 0x02, 0x00, 0x7f],
            vec![0x02, 0x02, 0x00, 0x80],
            vec![0x02, 0x02, 0xff, 0x80],
            vec![0x02, 0x02, 0xff, 0x7f],
            vec![0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff],
            vec![0x02, 0x05, 0x01, 0xff, 0xff, 0xff, 0xff],
            vec![0x02, 0x04, 0x7f, 0xff, 0xff, 0xff],
            vec![0x02, 0x01, 0x00],
            vec![0x02, 0x01, 0x80],
            vec![0x82, 0x01, 0x01],
            vec![0x22, 0x03, 0x02, 0x01, 0x01],
            vec![0x06, 0x03, 0x55, 0x04, 0x03],
            vec![0x26, 0x03, 0x55, 0x04, 0x03],
            vec![0x03, 0x01, 0x00],
            vec![0x03, 0x01, 0x01],
            vec![0x03, 0x02, 0x07, 0x80],
            vec![0x03, 0x02, 0x08, 0x00],
            vec![0x03, 0x02, 0x09, 0x00],
            vec![0x03, 0x03, 0x04, 0xff, 0xf0],
            vec![0x03, 0x03, 0x05, 0xff, 0xf0],
            vec![0x23, 0x02, 0x00, 0x01],
            vec![0x04, 0x02, 0xab, 0xcd],
            vec![0x24, 0x02, 0x04, 0x00],
            vec![0x84, 0x01, 0x00],
            vec![0x04, 0x81, 0x02, 0xab, 0xcd],
            vec![0x04, 0x82, 0x00, 0x02, 0xab, 0xcd],
            vec![0x04, 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0xab],
            vec![0x04, 0x88, 0, 0, 0, 0, 0, 0, 0, 2, 0xab, 0xcd],
            vec![0x04, 0xff, 0x01],
            vec![0x04, 0x80, 0x00, 0x00],
            vec![0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x01],
            vec![
                0x30, 0x80, 0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00,
            ],
            vec![0x30, 0x80, 0x80, 0x00, 0x02, 0x01, 0x05],
            vec![0x30, 0x80, 0x1f, 0x00, 0x00],
            vec![0x30, 0x80, 0x00, 0x81, 0x00],
            vec![0x30, 0x80, 0x20, 0x80, 0x00, 0x00],
            vec![0x30, 0x80, 0x00, 0x80],
            vec![0x30, 0x80],
            vec![0x00, 0x00],
            vec![0x1f, 0x81, 0x00, 0x01, 0xaa],
            vec![0x1f, 0x1f, 0x00],
            vec![0x3f, 0x81, 0x82, 0x83, 0x84, 0x05, 0x00],
            vec![0x3f, 0x81, 0x82, 0x83, 0x84, 0x85, 0x06, 0x00],
            vec![0xdf, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00],
            vec![0x1f],
            vec![0x1f, 0x80],
            vec![0x30, 0x08, 0x06, 0x03, 0x55, 0x1d, 0x25, 0x06, 0x01, 0x00],
            vec![0x30, 0x05, 0x06, 0x03, 0x55, 0x1d, 0x25, 0x00],
            vec![0x30, 0x05, 0x02, 0x03, 0x55, 0x1d, 0x25],
            vec![0x70, 0x05, 0x06, 0x03, 0x55, 0x1d, 0x25],
            vec![0x10, 0x05, 0x06, 0x03, 0x55, 0x1d, 0x25],
            vec![0x30, 0x05, 0x26, 0x03, 0x55, 0x1d, 0x25],
            vec![0x30, 0x00],
        ];
        // Indefinite lengths nested deeper than asn1-rs follows, and just within.
        for depth in [48, 49, 50, 51] {
            let mut v = Vec::new();
            for _ in 0..depth {
                v.extend_from_slice(&[0x30, 0x80]);
            }
            for _ in 0..depth {
                v.extend_from_slice(&[0x00, 0x00]);
            }
            base.push(v);
        }
        let mut out = Vec::new();
        for v in &base {
            out.push(v.clone());
            for n in 0..v.len() {
                out.push(v[..n].to_vec());
                for x in [0x01u8, 0x20, 0x80, 0xff] {
                    let mut c = v.clone();
                    c[n] ^= x;
                    out.push(c);
                }
            }
        }
        let mut rng = crate::test_rng::Lcg(11);
        for _ in 0..50_000 {
            let len = (rng.next() % 9) as usize;
            let mut x = rng.clone();
            let mut v = Vec::new();
            for _ in 0..len {
                // Mostly small bytes (short lengths), some of each special value.
                let r = (x.next() >> 40) as u8;
                v.push(match r % 4 {
                    0 => r,
                    1 => r & 0x07,
                    2 => [0x00, 0x80, 0x1f, 0x30, 0x81, 0xff, 0x02, 0x03][usize::from(r >> 5)],
                    _ => r & 0x3f,
                });
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn headers_read_as_asn1_rs_reads_them() {
        let mut checked = 0;
        for v in samples() {
            for der in [true, false] {
                let theirs = if der {
                    Header::from_der(&v)
                } else {
                    Header::from_ber(&v)
                };
                match (header(&v, der), theirs) {
                    (Some((a, r1)), Ok((r2, b))) => {
                        assert!(same_header(&a, &b), "{v:02x?} {a:?} {b:?}");
                        assert_eq!(r1, r2, "{v:02x?}");
                        checked += 1;
                    }
                    (None, Err(_)) => {}
                    (a, b) => panic!("{v:02x?} der={der}: ours {a:?}, asn1-rs {b:?}"),
                }
            }
        }
        assert!(checked > 20_000, "only {checked} read");
    }

    #[test]
    fn elements_read_as_asn1_rs_reads_them() {
        let mut checked = 0;
        for v in samples() {
            for der in [true, false] {
                let theirs = if der {
                    Any::from_der(&v)
                } else {
                    Any::from_ber(&v)
                };
                match (any(&v, der), theirs) {
                    (Some((a, r1)), Ok((r2, b))) => {
                        assert!(same_header(&a.header, &b.header), "{v:02x?}");
                        assert_eq!((a.data, r1), (b.data, r2), "{v:02x?}");
                        checked += 1;
                    }
                    (None, Err(_)) => {}
                    (a, b) => panic!("{v:02x?} der={der}: ours {a:?}, asn1-rs {b:?}"),
                }
            }
        }
        assert!(checked > 10_000, "only {checked} read");
    }

    #[test]
    fn typed_reads_match_asn1_rs() {
        let mut checked = [0; 5];
        for v in samples() {
            let theirs = Oid::from_der(&v).ok().map(|(r, o)| (o, r));
            assert_eq!(oid(&v), theirs, "oid {v:02x?}");
            checked[0] += usize::from(theirs.is_some());

            let theirs = BitString::from_der(&v).ok().map(|(r, b)| (b, r));
            assert_eq!(bit_string(&v), theirs, "bit string {v:02x?}");
            checked[1] += usize::from(theirs.is_some());

            let theirs = <&[u8]>::from_der(&v).ok().map(|(r, b)| (b, r));
            assert_eq!(octet_string(&v), theirs, "octet string {v:02x?}");
            checked[2] += usize::from(theirs.is_some());

            let theirs = u32::from_der(&v).is_ok();
            assert_eq!(u32_ok(&v), theirs, "u32 {v:02x?}");
            checked[3] += usize::from(theirs);

            let theirs = <Vec<Oid>>::from_der(&v).ok().map(|(r, o)| (o, r));
            assert_eq!(oid_sequence(&v), theirs, "oid sequence {v:02x?}");
            checked[4] += usize::from(theirs.is_some());
        }
        assert!(checked.iter().all(|&n| n > 20), "too few read: {checked:?}");
    }
}
