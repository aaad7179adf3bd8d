//! What a blob of DER bytes is — certificate, PKCS#7 bundle, private key, PKCS#12, CSR — and
//! the certificates inside a PKCS#7 SignedData. Element headers are read by asn1-rs
//! (`Header::from_ber`, the crate under x509-parser); this module only adds the RDP-paste view
//! on top: how long an element says it is versus what arrived (for "the paste was cut short"
//! messages), and which shapes of element sequence mean which kind of file.

use x509_parser::asn1_rs::{FromBer, Header, Length, Needed};
use x509_parser::nom;

/// One tag-length-value element.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    /// The identifier octet (class, constructed bit and tag number).
    pub tag: u8,
    pub content: &'a [u8],
    /// Header plus content length.
    pub total: usize,
}

/// Why an element could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerError {
    Empty,
    /// The length says `needed` bytes but only `have` are present.
    Truncated {
        needed: usize,
        have: usize,
    },
    /// BER indefinite length (allowed in some PKCS#7 files, not in DER).
    Indefinite,
    Invalid,
}

/// Reads the element at the start of `data`. Only single-octet identifiers are accepted (all
/// that certificates, PKCS#7, PKCS#8 and PKCS#12 use at the levels looked at here).
pub fn read(data: &[u8]) -> Result<Tlv<'_>, DerError> {
    if data.is_empty() {
        return Err(DerError::Empty);
    }
    let have = data.len();
    let (rest, hdr) = match Header::from_ber(data) {
        Ok(x) => x,
        Err(nom::Err::Incomplete(Needed::Size(n))) => {
            return Err(DerError::Truncated {
                needed: have.saturating_add(n.get()),
                have,
            })
        }
        Err(nom::Err::Incomplete(Needed::Unknown)) => {
            return Err(DerError::Truncated {
                needed: have + 1,
                have,
            })
        }
        Err(_) => return Err(DerError::Invalid),
    };
    let tag = match hdr.raw_tag() {
        Some(&[t]) => t,
        _ => return Err(DerError::Invalid),
    };
    let header = have - rest.len();
    // More than four length octets (4 GiB and up) is damage, not a certificate cut short.
    if header > 6 {
        return Err(DerError::Invalid);
    }
    let len = match hdr.length() {
        Length::Definite(len) => len,
        Length::Indefinite => return Err(DerError::Indefinite),
    };
    let total = header.checked_add(len).ok_or(DerError::Invalid)?;
    let content = data.get(header..total).ok_or(DerError::Truncated {
        needed: total,
        have,
    })?;
    Ok(Tlv {
        tag,
        content,
        total,
    })
}

/// The elements inside a constructed value, stopping at the first unreadable one.
pub fn children(content: &[u8]) -> impl Iterator<Item = Tlv<'_>> {
    let mut rest = content;
    std::iter::from_fn(move || {
        let t = read(rest).ok()?;
        rest = rest.get(t.total..).unwrap_or(&[]);
        Some(t)
    })
}

pub const TAG_INTEGER: u8 = 0x02;
pub const TAG_BIT_STRING: u8 = 0x03;
pub const TAG_OCTET_STRING: u8 = 0x04;
pub const TAG_OID: u8 = 0x06;
pub const TAG_SEQUENCE: u8 = 0x30;
pub const TAG_CONTEXT_0: u8 = 0xa0;

/// 1.2.840.113549.1.7.2 (PKCS#7 signedData), content octets (RFC 5652 section 5.1).
pub const OID_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
/// 1.2.840.113549.1.7.1 (PKCS#7 data), which opens a PKCS#12 AuthenticatedSafe (RFC 7292).
pub const OID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

/// What the outer structure of a DER blob looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }: a certificate or a CSR (or a CRL).
    Signed,
    /// ContentInfo { OID signedData, `[0]` ... }.
    Pkcs7,
    /// ContentInfo of another PKCS#7 type.
    OtherPkcs7,
    /// PFX { INTEGER 3, ContentInfo data, ... } (.pfx / .p12, usually with the private key).
    Pkcs12,
    /// PrivateKeyInfo / RSAPrivateKey / ECPrivateKey / EncryptedPrivateKeyInfo.
    PrivateKey,
    Unknown,
}

/// Classifies an element by the first few elements inside it.
pub fn shape(outer: &Tlv<'_>) -> Shape {
    if outer.tag != TAG_SEQUENCE {
        return Shape::Unknown;
    }
    let kids: Vec<Tlv<'_>> = children(outer.content).take(4).collect();
    match kids.as_slice() {
        [oid, ctx, ..] if oid.tag == TAG_OID && ctx.tag == TAG_CONTEXT_0 => {
            if oid.content == OID_SIGNED_DATA {
                Shape::Pkcs7
            } else {
                Shape::OtherPkcs7
            }
        }
        [ver, ci, ..] if ver.tag == TAG_INTEGER && ver.content == [3] && ci.tag == TAG_SEQUENCE => {
            match read(ci.content) {
                Ok(oid) if oid.tag == TAG_OID && oid.content == OID_DATA => Shape::Pkcs12,
                _ => Shape::Unknown,
            }
        }
        // PKCS#8: INTEGER 0|1, SEQUENCE AlgorithmIdentifier, OCTET STRING key.
        [ver, alg, key, ..]
            if ver.tag == TAG_INTEGER && alg.tag == TAG_SEQUENCE && key.tag == TAG_OCTET_STRING =>
        {
            Shape::PrivateKey
        }
        // PKCS#1 RSAPrivateKey: INTEGER 0, then at least three INTEGERs (n, e, d, ...).
        [ver, a, b, c]
            if [ver, a, b, c].iter().all(|t| t.tag == TAG_INTEGER) && ver.content == [0] =>
        {
            Shape::PrivateKey
        }
        // SEC 1 ECPrivateKey: INTEGER 1, OCTET STRING, ...
        [ver, key, ..]
            if ver.tag == TAG_INTEGER && ver.content == [1] && key.tag == TAG_OCTET_STRING =>
        {
            Shape::PrivateKey
        }
        // EncryptedPrivateKeyInfo: exactly SEQUENCE AlgorithmIdentifier, OCTET STRING.
        [alg, data] if alg.tag == TAG_SEQUENCE && data.tag == TAG_OCTET_STRING => Shape::PrivateKey,
        [tbs, alg, sig, ..]
            if tbs.tag == TAG_SEQUENCE && alg.tag == TAG_SEQUENCE && sig.tag == TAG_BIT_STRING =>
        {
            Shape::Signed
        }
        _ => Shape::Unknown,
    }
}

/// The DER of each certificate in a PKCS#7 SignedData's `certificates [0] IMPLICIT` field
/// (RFC 5652 section 5.1).
pub fn pkcs7_certificates<'a>(outer: &Tlv<'a>) -> Result<Vec<&'a [u8]>, DerError> {
    let mut kids = children(outer.content);
    let _oid = kids.next().ok_or(DerError::Invalid)?;
    let explicit = kids.next().ok_or(DerError::Invalid)?;
    let signed_data = read(explicit.content)?;
    if signed_data.tag != TAG_SEQUENCE {
        return Err(DerError::Invalid);
    }
    let mut out = Vec::new();
    for field in children(signed_data.content) {
        if field.tag == TAG_CONTEXT_0 {
            let mut rest = field.content;
            while !rest.is_empty() {
                let cert = read(rest)?;
                if let Some(der) = rest.get(..cert.total) {
                    out.push(der);
                }
                rest = rest.get(cert.total..).unwrap_or(&[]);
            }
        }
    }
    Ok(out)
}

/// Fallback for BER-encoded bundles (indefinite lengths): every non-overlapping `SEQUENCE`
/// that starts with a two-byte long length and is followed by another SEQUENCE (the usual
/// opening of a certificate), as candidate slices. The caller parses each one.
pub fn carve_candidates(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 8 < data.len() {
        if data[i] == TAG_SEQUENCE && data[i + 1] == 0x82 && data[i + 4] == TAG_SEQUENCE {
            if let Some(rest) = data.get(i..) {
                if let Ok(t) = read(rest) {
                    if let Some(der) = rest.get(..t.total) {
                        out.push(der);
                        i += t.total;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_short_and_long_lengths() {
        let t = read(&[0x30, 0x03, 1, 2, 3, 9]).unwrap();
        assert_eq!((t.tag, t.content, t.total), (0x30, &[1u8, 2, 3][..], 5));
        let mut long = vec![0x04, 0x81, 0x80];
        long.extend(std::iter::repeat_n(7, 0x80));
        assert_eq!(read(&long).unwrap().content.len(), 0x80);
    }

    #[test]
    fn reports_truncation_and_indefinite() {
        assert_eq!(
            read(&[0x30, 0x82, 0x01, 0x00, 0]).unwrap_err(),
            DerError::Truncated {
                needed: 260,
                have: 5
            }
        );
        assert_eq!(read(&[0x30, 0x80, 0, 0]).unwrap_err(), DerError::Indefinite);
        assert_eq!(read(&[]).unwrap_err(), DerError::Empty);
        assert_eq!(
            read(&[0x30]).unwrap_err(),
            DerError::Truncated { needed: 2, have: 1 }
        );
        // Five or more length octets: invalid, not a huge truncation.
        let mut huge = vec![0x30, 0x88];
        huge.extend([0xff; 8]);
        assert_eq!(read(&huge).unwrap_err(), DerError::Invalid);
        assert_eq!(
            read(&[0x30, 0x85, 1, 2, 3, 4, 5, 6]).unwrap_err(),
            DerError::Invalid
        );
        assert_eq!(
            read(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9]).unwrap_err(),
            DerError::Invalid
        );
        // Multi-octet identifiers are not certificate material.
        assert_eq!(
            read(&[0x1f, 0x81, 0x00, 0x00]).unwrap_err(),
            DerError::Invalid
        );
    }
}
