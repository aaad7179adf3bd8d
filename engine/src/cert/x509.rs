//! A certificate's structure, read into x509-parser's types but without its certificate
//! parser: `X509Certificate::from_der` links x509-parser's parsers for some twenty extension
//! types (policies, CRL distribution points, SCTs, …) that the lint never reads, tens of KB of
//! wasm. The reads below follow x509-parser 0.18's `X509CertificateParser` and
//! `TbsCertificateParser` step by step, so the same inputs are accepted and rejected. The
//! algorithm identifiers, the public key info, the version and the unique IDs are read the same
//! way here, and every element through [`super::ber`] (asn1-rs' element rules), so none of
//! x509-parser's, der-parser's, asn1-rs' or nom's parsers is linked; their types stay as the
//! data holders.
//!
//! The names, the validity dates and the extensions the lint reads (the `critical` flag,
//! basicConstraints, keyUsage, extKeyUsage, subjectAltName, the authority key identifier) and
//! an RSA key's modulus and exponent are read here too, each following der-parser 10 /
//! asn1-rs 0.7 / x509-parser 0.18 step by step, instead of through der-parser's generic
//! `BerObject` parser, nom combinators, a hash set of OIDs and the `time` crate's date types
//! (about 20 KB of wasm for a few values; kept this way for size). The same inputs give the
//! same values and the same failures: the tests compare each read with x509-parser's on the
//! fixtures and on damaged and random copies.

use super::ber;
use x509_parser::asn1_rs::{Any, BitString, Class, Length, Tag};
use x509_parser::extensions::GeneralName;
use x509_parser::oid_registry::Oid;
use x509_parser::x509::{
    AlgorithmIdentifier, AttributeTypeAndValue, RelativeDistinguishedName, SubjectPublicKeyInfo,
    X509Name,
};

/// One extension, not parsed further.
pub struct Extension<'a> {
    pub oid: Oid<'a>,
    pub critical: bool,
    /// The extnValue OCTET STRING's contents.
    pub value: &'a [u8],
}

/// The parts of a certificate the checks read.
pub struct Certificate<'a> {
    /// The DER of the TBSCertificate (what the signature covers).
    pub tbs: &'a [u8],
    /// The serial number's content bytes.
    pub serial: &'a [u8],
    pub issuer: X509Name<'a>,
    pub validity: Validity,
    pub subject: X509Name<'a>,
    pub public_key: SubjectPublicKeyInfo<'a>,
    pub extensions: Vec<Extension<'a>>,
    pub signature_algorithm: AlgorithmIdentifier<'a>,
    pub signature_value: BitString<'a>,
}

/// notBefore and notAfter as Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub not_before: i64,
    pub not_after: i64,
}

/// Parses one DER certificate (data after it is returned, as x509-parser does).
pub fn parse(input: &[u8]) -> Option<(&[u8], Certificate<'_>)> {
    let (i, after) = der_element(input, Tag::Sequence)?;
    let (i, t) = tbs_certificate(i)?;
    let (i, signature_algorithm) = algorithm_identifier(i)?;
    let (signature_value, _) = ber::bit_string(i)?;
    let cert = Certificate {
        tbs: t.raw,
        serial: t.serial,
        issuer: t.issuer,
        validity: t.validity,
        subject: t.subject,
        public_key: t.public_key,
        extensions: t.extensions,
        signature_algorithm,
        signature_value,
    };
    Some((after, cert))
}

/// The TBSCertificate fields [`Certificate`] keeps.
struct Tbs<'a> {
    raw: &'a [u8],
    serial: &'a [u8],
    issuer: X509Name<'a>,
    validity: Validity,
    subject: X509Name<'a>,
    public_key: SubjectPublicKeyInfo<'a>,
    extensions: Vec<Extension<'a>>,
}

fn tbs_certificate(input: &[u8]) -> Option<(&[u8], Tbs<'_>)> {
    let (i, after) = der_element(input, Tag::Sequence)?;
    let i = version(i)?;
    let (i, serial) = serial(i)?;
    let (i, _signature) = algorithm_identifier(i)?;
    let (i, issuer) = name(i)?;
    let (i, validity) = validity(i)?;
    let (i, subject) = name(i)?;
    let (i, public_key) = subject_public_key_info(i)?;
    let i = unique_id(i, 1)?;
    let i = unique_id(i, 2)?;
    let (i, extensions) = extensions(i)?;
    let raw = input
        .get(..input.len() - after.len() - i.len())
        .unwrap_or(input);
    Some((
        after,
        Tbs {
            raw,
            serial,
            issuer,
            validity,
            subject,
            public_key,
            extensions,
        },
    ))
}

/// `[0] EXPLICIT Version DEFAULT v1`, checked and skipped as x509-parser's
/// `OptTaggedParser::from(0).parse_der(.., X509Version::from_der)` does: absent unless the
/// next element has tag number 0; then it must be context-specific and hold an INTEGER.
fn version(i: &[u8]) -> Option<&[u8]> {
    if i.is_empty() {
        return Some(i);
    }
    let (any, rest) = ber::any(i, true)?;
    if any.tag() != Tag(0) {
        return Some(i);
    }
    if any.class() != Class::ContextSpecific || !ber::u32_ok(any.data) {
        return None;
    }
    Some(rest)
}

/// `Validity ::= SEQUENCE { notBefore Time, notAfter Time }` (x509-parser's
/// `Validity::from_der`).
fn validity(i: &[u8]) -> Option<(&[u8], Validity)> {
    let (i, after) = der_element(i, Tag::Sequence)?;
    let (i, not_before) = time(i)?;
    let (_, not_after) = time(i)?;
    Some((
        after,
        Validity {
            not_before,
            not_after,
        },
    ))
}

/// `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }` as Unix seconds, as
/// x509-parser's `ASN1Time::from_der(..).timestamp()`: a DER element (tag number checked),
/// printable bytes, read by asn1-rs' `UtcTime`/`GeneralizedTime::from_bytes` rules, a real
/// calendar date, a UTC offset of at most 25 h 59 min (minutes take the sign of the hours;
/// with 00 hours they count forward), and milliseconds dropped. A GeneralizedTime must end in
/// `Z` and have no `,` (DER); a UTCTime's two-digit year is 1950-2049.
fn time(i: &[u8]) -> Option<(&[u8], i64)> {
    let (any, rest) = ber::any(i, true)?;
    let d = any.data;
    let t = if !d.iter().all(|&b| (0x20..=0x7f).contains(&b)) {
        None
    } else if any.tag() == Tag::UtcTime {
        time_fields(d, false)
    } else if any.tag() == Tag::GeneralizedTime && d.last() == Some(&b'Z') && !d.contains(&b',') {
        time_fields(d, true)
    } else {
        None
    };
    t.map(|t| (rest, t))
}

/// The Unix seconds of a UTCTime (`long_year` false) or GeneralizedTime string.
fn time_fields(d: &[u8], long_year: bool) -> Option<i64> {
    let two = |hi: u8, lo: u8| {
        (hi.is_ascii_digit() && lo.is_ascii_digit())
            .then(|| i64::from((hi - b'0') * 10 + (lo - b'0')))
    };
    let (year, rest) = if long_year {
        (
            two(*d.first()?, *d.get(1)?)? * 100 + two(*d.get(2)?, *d.get(3)?)?,
            d.get(4..)?,
        )
    } else {
        let yy = two(*d.first()?, *d.get(1)?)?;
        (if yy >= 50 { 1900 + yy } else { 2000 + yy }, d.get(2..)?)
    };
    let [m1, m2, d1, d2, h1, h2, n1, n2, rem @ ..] = rest else {
        return None;
    };
    let (month, day, hour, minute) = (
        two(*m1, *m2)?,
        two(*d1, *d2)?,
        two(*h1, *h2)?,
        two(*n1, *n2)?,
    );
    if rem.is_empty() {
        return None;
    }
    let (second, mut rem) = match rem {
        [s1, s2, rem @ ..] => (two(*s1, *s2)?, rem),
        _ => (0, rem),
    };
    if month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if long_year {
        // Fraction of a second: 0 to 3 digits after `.`, up to the zone or the end.
        if let [b'.' | b',', frac @ ..] = rem {
            let digits = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            let after = &frac[digits.min(frac.len())..];
            if (digits == 0 && frac.is_empty())
                || digits > 3
                || !matches!(after.first(), None | Some(b'Z' | b'+' | b'-'))
            {
                return None;
            }
            rem = after;
        }
    } else if rem.is_empty() {
        return None;
    }
    let offset = match rem {
        [] => 0,
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let (h, m) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if h > 25 || m > 59 {
                return None;
            }
            if *sign == b'-' && h > 0 {
                -(h * 3600 + m * 60)
            } else {
                h * 3600 + m * 60
            }
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if month == 0 || day == 0 || day > days_in_month {
        return None;
    }
    let days = crate::time::days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// A distinguished name, as x509-parser's `X509Name::from_der` reads it: a DER SEQUENCE (tag
/// number checked, definite length) of as many RDNs as read from its start (what follows the
/// last one is ignored, and left out of the raw bytes); an RDN is a DER SET of one or more
/// SEQUENCEs { OID, any DER element } (again read from the start, the rest ignored).
pub fn name(input: &[u8]) -> Option<(&[u8], X509Name<'_>)> {
    let (content, after) = der_element(input, Tag::Sequence)?;
    let mut i = content;
    let mut rdns = Vec::new();
    while let Some((rdn, rest)) = der_element(i, Tag::Set).and_then(|(set, rest)| {
        let mut atvs = Vec::new();
        let mut j = set;
        while let Some((atv, rest)) = der_element(j, Tag::Sequence).and_then(|(seq, rest)| {
            let (oid, k) = ber::oid(seq)?;
            let (value, _) = ber::any(k, true)?;
            Some((AttributeTypeAndValue::new(oid, value), rest))
        }) {
            atvs.push(atv);
            j = rest;
        }
        (!atvs.is_empty()).then(|| (RelativeDistinguishedName::new(atvs), rest))
    }) {
        rdns.push(rdn);
        i = rest;
    }
    let raw = input
        .get(..input.len() - after.len() - i.len())
        .unwrap_or(input);
    Some((after, X509Name::new(rdns, raw)))
}

/// A DER element with this tag number at the start of `i` (definite length, complete):
/// (content, rest), as der-parser's `parse_der_container` with a tag check takes it.
fn der_element(i: &[u8], tag: Tag) -> Option<(&[u8], &[u8])> {
    let (hdr, rest) = ber::header(i, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    let content = rest.get(..len)?;
    (hdr.tag() == tag).then(|| (content, rest.get(len..).unwrap_or_default()))
}

/// The names of a subjectAltName extension value; None when x509-parser's
/// `SubjectAlternativeName::from_der` fails on it. That parse reads a DER SEQUENCE (tag number
/// checked, definite length) of DER elements that must all be context-specific; each becomes a
/// `GeneralName` by its tag number, and one whose content does not read as that form (text
/// that is not UTF-8, a name or OID that does not parse, an unknown tag) is `Invalid`.
pub fn subject_alt_names(value: &[u8]) -> Option<Vec<GeneralName<'_>>> {
    let (mut data, _) = der_element(value, Tag::Sequence)?;
    let mut names = Vec::new();
    while !data.is_empty() {
        let (any, rest) = ber::any(data, true)?;
        if any.class() != Class::ContextSpecific {
            return None;
        }
        names.push(general_name(any));
        data = rest;
    }
    Some(names)
}

/// One GeneralName from its element, as x509-parser's `GeneralName::try_from` makes it.
fn general_name(any: Any<'_>) -> GeneralName<'_> {
    let (tag, d) = (any.tag(), any.data);
    let text = |d| std::str::from_utf8(d).ok();
    let name = match tag.0 {
        0 => ber::oid(d).map(|(oid, rest)| GeneralName::OtherName(oid, rest)),
        1 => text(d).map(GeneralName::RFC822Name),
        2 => text(d).map(GeneralName::DNSName),
        3 => Some(GeneralName::X400Address(any)),
        4 => match name(d) {
            Some((&[], n)) => Some(GeneralName::DirectoryName(n)),
            _ => None,
        },
        5 => Some(GeneralName::EDIPartyName(any)),
        6 => text(d).map(GeneralName::URI),
        7 => Some(GeneralName::IPAddress(d)),
        8 => Some(GeneralName::RegisteredID(Oid::new(d.into()))),
        _ => None,
    };
    match name {
        Some(n) => n,
        None => GeneralName::Invalid(tag, d),
    }
}

/// The purposes of an extKeyUsage extension value in dotted form, in the order x509-parser's
/// `ExtendedKeyUsage::from_der` gives them: the purposes it has flags for (serverAuth,
/// clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage),
/// then every other OID once, in input order. None when that parse fails (a DER SEQUENCE of
/// primitive elements).
pub fn extended_key_usage(value: &[u8]) -> Option<Vec<String>> {
    const KNOWN: [(&[u8], &str); 7] = [
        (&[0x2b, 6, 1, 5, 5, 7, 3, 1], "1.3.6.1.5.5.7.3.1"),
        (&[0x2b, 6, 1, 5, 5, 7, 3, 2], "1.3.6.1.5.5.7.3.2"),
        (&[0x2b, 6, 1, 5, 5, 7, 3, 3], "1.3.6.1.5.5.7.3.3"),
        (&[0x2b, 6, 1, 5, 5, 7, 3, 4], "1.3.6.1.5.5.7.3.4"),
        (&[0x2b, 6, 1, 5, 5, 7, 3, 8], "1.3.6.1.5.5.7.3.8"),
        (&[0x2b, 6, 1, 5, 5, 7, 3, 9], "1.3.6.1.5.5.7.3.9"),
        (&[0x55, 0x1d, 0x25, 0x00], "2.5.29.37.0"),
    ];
    let (oids, _) = ber::oid_sequence(value)?;
    let keys: Vec<String> = oids
        .iter()
        .map(|o| super::digest::hex_upper(o.as_bytes()))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut known = [false; KNOWN.len()];
    let mut other = Vec::new();
    for (oid, key) in oids.iter().zip(&keys) {
        // Only the first of equal OIDs counts.
        if !seen.insert(key.as_str()) {
            continue;
        }
        match KNOWN.iter().position(|(b, _)| *b == oid.as_bytes()) {
            Some(k) => known[k] = true,
            None => other.push(oid_string(oid)),
        }
    }
    let mut out: Vec<String> = KNOWN
        .iter()
        .zip(known)
        .filter(|(_, on)| *on)
        .map(|((_, s), _)| s.to_string())
        .collect();
    out.extend(other);
    Some(out)
}

/// An OID in dotted form, as asn1-rs' `Oid::to_id_string` writes it: the first byte gives the
/// first two arcs (only "0" for the one-byte OID 0), base-128 arcs follow (an unfinished last
/// arc counts with what it has); when a finished arc needs more than 64 bits, the bytes in
/// lower-case hex separated by spaces instead.
pub fn oid_string(oid: &Oid<'_>) -> String {
    let b = oid.as_bytes();
    let Some((&first, rest)) = b.split_first() else {
        return String::new();
    };
    let mut bits = 0;
    for &c in rest {
        bits += 7;
        if c & 0x80 == 0 {
            if bits > 64 {
                let mut out = String::with_capacity(b.len() * 3);
                for (i, &c) in b.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push(char::from(b"0123456789abcdef"[usize::from(c >> 4)]));
                    out.push(char::from(b"0123456789abcdef"[usize::from(c & 15)]));
                }
                return out;
            }
            bits = 0;
        }
    }
    let mut out = (first / 40).to_string();
    if b.len() == 1 && first == 0 {
        return out;
    }
    out.push('.');
    out.push_str(&(first % 40).to_string());
    let mut arc: u64 = 0;
    for (i, &c) in rest.iter().enumerate() {
        arc = arc << 7 | u64::from(c & 0x7f);
        if c & 0x80 == 0 || i + 1 == rest.len() {
            out.push('.');
            out.push_str(&arc.to_string());
            arc = 0;
        }
    }
    out
}

/// The serial number: any INTEGER, read as BER (CAs send negative and over-long ones).
fn serial(i: &[u8]) -> Option<(&[u8], &[u8])> {
    match ber::any(i, false) {
        Some((any, rem)) if any.tag() == Tag::Integer => Some((rem, any.data)),
        _ => None,
    }
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`
/// as x509-parser's derived `AlgorithmIdentifier::from_der` reads it: a DER element with tag
/// number 16 (class and form not checked), an OID as [`ber::oid`] reads it, then, when
/// anything follows, one DER element as the parameters (what follows that is ignored).
fn algorithm_identifier(i: &[u8]) -> Option<(&[u8], AlgorithmIdentifier<'_>)> {
    let (seq, rest) = ber::any(i, true)?;
    if seq.tag() != Tag::Sequence {
        return None;
    }
    let (algorithm, params) = ber::oid(seq.data)?;
    let parameters = if params.is_empty() {
        None
    } else {
        Some(ber::any(params, true)?.0)
    };
    Some((rest, AlgorithmIdentifier::new(algorithm, parameters)))
}

/// `SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT
/// STRING }` as x509-parser's `SubjectPublicKeyInfo::from_der` reads it: a DER SEQUENCE (tag
/// number checked), the algorithm, a BIT STRING as [`ber::bit_string`] reads it; `raw` runs
/// from the SEQUENCE's first byte to the end of the BIT STRING (what follows it inside the
/// SEQUENCE is ignored and left out).
fn subject_public_key_info(input: &[u8]) -> Option<(&[u8], SubjectPublicKeyInfo<'_>)> {
    let (content, after) = der_element(input, Tag::Sequence)?;
    let (i, algorithm) = algorithm_identifier(content)?;
    let (subject_public_key, i) = ber::bit_string(i)?;
    let raw = input
        .get(..input.len() - after.len() - i.len())
        .unwrap_or(input);
    Some((
        after,
        SubjectPublicKeyInfo {
            algorithm,
            subject_public_key,
            raw,
        },
    ))
}

/// `[1] IMPLICIT UniqueIdentifier OPTIONAL` (`tag` 1) or `[2]` (`tag` 2), skipped as
/// asn1-rs' `OptTaggedImplicit::<BitString, _, TAG>::from_der` reads it: absent at the end or
/// when the next element's tag number is another; else a DER element that must be
/// context-specific and hold at least the unused-bit count. None when that read fails.
fn unique_id(i: &[u8], tag: u32) -> Option<&[u8]> {
    if i.is_empty() {
        return Some(i);
    }
    if let Some((hdr, _)) = ber::header(i, true) {
        if hdr.tag() != Tag(tag) {
            return Some(i);
        }
    }
    let (any, rest) = ber::any(i, true)?;
    (any.class() == Class::ContextSpecific && !any.data.is_empty()).then_some(rest)
}

/// A subjectKeyIdentifier extension value's key identifier; None when x509-parser's
/// `KeyIdentifier::from_der` fails on it (it reads an OCTET STRING as [`ber::octet_string`]).
pub fn key_identifier(value: &[u8]) -> Option<&[u8]> {
    ber::octet_string(value).map(|(id, _)| id)
}

/// The content bytes of the rsaEncryption OID (1.2.840.113549.1.1.1).
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// `[3] EXPLICIT Extensions OPTIONAL`: nothing may follow it. As in x509-parser, the `[3]`
/// header's own length is not used: the SEQUENCE after it must end the TBSCertificate, and
/// every byte of it must be an extension.
fn extensions(i: &[u8]) -> Option<(&[u8], Vec<Extension<'_>>)> {
    if i.is_empty() {
        return Some((i, Vec::new()));
    }
    let (hdr, rest) = ber::header(i, true)?;
    if hdr.tag() != Tag(3) {
        return None;
    }
    let (mut list, after) = der_element(rest, Tag::Sequence)?;
    if !after.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    while !list.is_empty() {
        let (rest, e) = extension(list)?;
        out.push(e);
        list = rest;
    }
    Some((after, out))
}

/// `Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`;
/// `critical` is read as BER (some certificates encode TRUE as a byte other than 0xFF).
fn extension(input: &[u8]) -> Option<(&[u8], Extension<'_>)> {
    let (i, after) = der_element(input, Tag::Sequence)?;
    let (oid, i) = ber::oid(i)?;
    let (i, critical) = ber_bool(i).unwrap_or((i, false));
    let (value, _) = ber::octet_string(i)?;
    Some((
        after,
        Extension {
            oid,
            critical,
            value,
        },
    ))
}

/// A BER BOOLEAN at the start of `i`, as der-parser's `parse_ber_bool` reads it: the tag
/// number is checked (not the class), the length must be definite 1, any non-zero byte is
/// TRUE. Where `opt(parse_ber_bool)` gives up (None here), what follows must be the extnValue
/// OCTET STRING, which a BOOLEAN-tagged or unreadable element never is: so the cases where
/// der-parser's error would end the extension at once end it here one step later.
fn ber_bool(i: &[u8]) -> Option<(&[u8], bool)> {
    let (hdr, rest) = ber::header(i, false)?;
    if hdr.tag() != Tag::Boolean || hdr.length() != Length::Definite(1) {
        return None;
    }
    let (&b, rest) = rest.split_first()?;
    Some((rest, b != 0))
}

/// The `cA` flag of a basicConstraints extension value; None when x509-parser's
/// `BasicConstraints::from_der` fails on it. That parse reads a DER SEQUENCE (tag number 16,
/// constructed, definite length) whose elements are read as BER and turned into typed objects
/// (only universal ones); then 0 elements mean FALSE, one element must be a BOOLEAN or an
/// unsigned number that fits 32 bits, two must be a BOOLEAN and such a number, more fail.
/// Elements of other types make the shape fail whatever they hold.
pub fn basic_constraints_ca(value: &[u8]) -> Option<bool> {
    let (hdr, rest) = ber::header(value, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    if hdr.tag() != Tag::Sequence || !hdr.is_constructed() {
        return None;
    }
    let mut data = rest.get(..len)?;
    let mut elements = Vec::new();
    while !data.is_empty() {
        let (any, rest) = ber::any(data, false)?;
        elements.push(any);
        data = rest;
    }
    match elements.as_slice() {
        [] => Some(false),
        [a] => match element_bool(a) {
            Some(b) => Some(b),
            None => element_u32_ok(a).then_some(false),
        },
        [a, b] => element_bool(a).filter(|_| element_u32_ok(b)),
        _ => None,
    }
}

/// A universal BOOLEAN element's value (der-parser: definite length 1, any value).
fn element_bool(a: &Any<'_>) -> Option<bool> {
    (a.header.class() == Class::Universal
        && a.tag() == Tag::Boolean
        && a.header.length() == Length::Definite(1))
    .then(|| a.data.first().is_some_and(|&b| b != 0))
}

/// True when der-parser turns the element into an INTEGER, BIT STRING or ENUMERATED whose
/// `as_u32` succeeds.
fn element_u32_ok(a: &Any<'_>) -> bool {
    if a.header.class() != Class::Universal {
        return false;
    }
    let d = a.data;
    match a.tag() {
        // Non-negative; at most 4 bytes once leading zero bytes are dropped.
        Tag::Integer => {
            d.first().is_none_or(|&b| b & 0x80 == 0)
                && d.iter().skip_while(|&&b| b == 0).count() <= 4
        }
        // First byte = unused bits; the value is the bits that are left, at most 32 of them set.
        Tag::BitString => {
            let Some((&unused, bits)) = d.split_first() else {
                return false;
            };
            if a.header.is_constructed() {
                return false;
            }
            let Some(size) = (bits.len() * 8).checked_sub(unused as usize) else {
                return false;
            };
            if size > 64 {
                return false;
            }
            let used = size.div_ceil(8);
            let v = bits[..used]
                .iter()
                .fold(0u64, |v, &b| v << 8 | u64::from(b));
            v >> (unused % 8) <= u64::from(u32::MAX)
        }
        // asn1-rs reads at most 8 bytes' worth (and checks it is primitive).
        Tag::Enumerated => {
            let mut v: u64 = 0;
            for &b in d {
                if v >> 56 != 0 {
                    return false;
                }
                v = v << 8 | u64::from(b);
            }
            !a.header.is_constructed() && v <= u64::from(u32::MAX)
        }
        _ => false,
    }
}

/// The flags of a keyUsage extension value (bit 0 = digitalSignature … bit 8 = decipherOnly);
/// None when x509-parser's `KeyUsage::from_der` fails on it. That parse reads a DER BIT STRING
/// (tag number checked, primitive, definite length, at most 7 unused bits, which must be zero)
/// and folds its bytes, last first, bit-reversed, into 16 bits.
pub fn key_usage_flags(value: &[u8]) -> Option<u16> {
    let (hdr, rest) = ber::header(value, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    if hdr.tag() != Tag::BitString || hdr.is_constructed() {
        return None;
    }
    let (&unused, data) = rest.get(..len)?.split_first()?;
    if unused > 7 || data.last().is_some_and(|&b| b & ((1u8 << unused) - 1) != 0) {
        return None;
    }
    Some(
        data.iter()
            .rev()
            .fold(0u16, |acc, &b| acc << 8 | u16::from(b.reverse_bits())),
    )
}

/// An authorityKeyIdentifier extension value's keyIdentifier: None when x509-parser's
/// `AuthorityKeyIdentifier::from_der` fails on it, Some(None) when it has none. That parse
/// reads a DER SEQUENCE (tag number checked, definite length) whose optional parts never make
/// it fail; the keyIdentifier is the content of a first element with tag number 0 (any class,
/// definite length, complete).
pub fn authority_key_id(value: &[u8]) -> Option<Option<&[u8]>> {
    let (hdr, rest) = ber::header(value, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    let content = rest.get(..len)?;
    if hdr.tag() != Tag::Sequence {
        return None;
    }
    let key_id = match ber::header(content, true) {
        Some((hdr, rest)) if hdr.tag() == Tag(0) => match hdr.length() {
            Length::Definite(len) => rest.get(..len),
            Length::Indefinite => None,
        },
        _ => None,
    };
    Some(key_id)
}

/// An RSA public key's modulus and exponent (content bytes of the two INTEGERs).
pub struct RsaKey<'a> {
    pub modulus: &'a [u8],
    pub exponent: &'a [u8],
}

/// The RSA key of a SubjectPublicKeyInfo whose algorithm is rsaEncryption, when x509-parser's
/// `SubjectPublicKeyInfo::parsed` gives `PublicKey::RSA` for it (other algorithms, RSA-PSS
/// included, give None): a DER SEQUENCE (tag number checked) holding two DER INTEGERs
/// (definite length, no redundant leading zero byte); anything after them is ignored.
pub fn rsa_public_key<'a>(spki: &'a SubjectPublicKeyInfo<'_>) -> Option<RsaKey<'a>> {
    if spki.algorithm.algorithm.as_bytes() != RSA_ENCRYPTION {
        return None;
    }
    let b: &'a [u8] = &spki.subject_public_key.data;
    let (hdr, rest) = ber::header(b, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    let data = rest.get(..len)?;
    if hdr.tag() != Tag::Sequence {
        return None;
    }
    let (data, modulus) = der_integer(data)?;
    let (_, exponent) = der_integer(data)?;
    Some(RsaKey { modulus, exponent })
}

/// der-parser's `parse_der_integer`: (rest, content bytes).
fn der_integer(i: &[u8]) -> Option<(&[u8], &[u8])> {
    let (hdr, rest) = ber::header(i, true)?;
    let Length::Definite(len) = hdr.length() else {
        return None;
    };
    if hdr.tag() != Tag::Integer {
        return None;
    }
    let content = rest.get(..len)?;
    match content {
        [] | [0, 0, ..] => None,
        [0, b, ..] if *b < 0x80 => None,
        _ => Some((rest.get(len..)?, content)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::certificate::X509Certificate;
    use x509_parser::prelude::FromDer;

    /// Every certificate in the fixtures and the fuzz corpus (PEM blocks, and DER found by
    /// carving raw bytes).
    fn fixture_ders() -> Vec<Vec<u8>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ders = Vec::new();
        for dir in [
            root.join("tests/fixtures/certs"),
            root.join("../fuzz/corpus/cert"),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries {
                let bytes = std::fs::read(e.expect("entry").path()).unwrap_or_default();
                let text = String::from_utf8_lossy(&bytes);
                for block in text.split("-----BEGIN CERTIFICATE-----").skip(1) {
                    let b64: String = block
                        .split("-----END")
                        .next()
                        .unwrap_or_default()
                        .split_whitespace()
                        .collect();
                    if let Some(der) = crate::cert::input::decode_base64(&b64) {
                        ders.push(der);
                    }
                }
                ders.extend(
                    crate::cert::der::carve_candidates(&bytes)
                        .into_iter()
                        .map(<[u8]>::to_vec),
                );
            }
        }
        ders
    }

    /// Our reader and the library's agree on every damaged copy of `values`, and more than
    /// `min` copies parse (so the comparison is not vacuous). For readers whose results own
    /// their data; the borrowing ones keep their own loop.
    fn agree_on_damaged<T: PartialEq + std::fmt::Debug>(
        values: &[Vec<u8>],
        min: usize,
        ours: impl Fn(&[u8]) -> Option<T>,
        theirs: impl Fn(&[u8]) -> Option<T>,
    ) {
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let t = theirs(&v);
            assert_eq!(ours(&v), t, "{v:02x?}");
            checked += usize::from(t.is_some());
        }
        assert!(checked > min, "only {checked} parsed");
    }

    /// `v`, every prefix of it, and copies with each byte changed in a few ways, plus data
    /// appended.
    fn damaged(v: &[u8]) -> Vec<Vec<u8>> {
        let mut out = vec![v.to_vec()];
        for n in 0..v.len() {
            out.push(v[..n].to_vec());
            for x in [0x01u8, 0x02, 0x20, 0x40, 0x7f, 0x80, 0xc0, 0xff] {
                let mut c = v.to_vec();
                c[n] ^= x;
                out.push(c);
            }
        }
        let mut longer = v.to_vec();
        longer.extend_from_slice(&[1, 1, 0]);
        out.push(longer);
        // And a few hundred copies with two or three random bytes set to random values.
        let mut rng = crate::test_rng::Lcg(v.len() as u64 + 1);
        let mut next = move || (rng.next() >> 33) as usize;
        for _ in 0..if v.is_empty() { 0 } else { 300 } {
            let mut c = v.to_vec();
            for _ in 0..2 + next() % 2 {
                let at = next() % c.len();
                c[at] = next() as u8;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn basic_constraints_read_as_x509_parser_reads_them() {
        use x509_parser::extensions::BasicConstraints;
        let mut values: Vec<Vec<u8>> = [
            &[0x30, 0x00][..],
            &[0x30, 0x03, 0x01, 0x01, 0xff],
            &[0x30, 0x03, 0x01, 0x01, 0x01],
            &[0x30, 0x03, 0x02, 0x01, 0x05],
            &[0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00],
            &[0x30, 0x07, 0x01, 0x01, 0xff, 0x02, 0x02, 0x00, 0x80],
            &[
                0x30, 0x09, 0x01, 0x01, 0xff, 0x02, 0x04, 0x7f, 0xff, 0xff, 0xff,
            ],
            &[
                0x30, 0x0a, 0x01, 0x01, 0xff, 0x02, 0x05, 0x00, 0xff, 0xff, 0xff, 0xff,
            ],
            &[0x30, 0x07, 0x01, 0x01, 0xff, 0x03, 0x02, 0x01, 0xfe],
            &[0x30, 0x08, 0x01, 0x01, 0xff, 0x03, 0x03, 0x09, 0xff, 0x80],
            &[0x30, 0x06, 0x01, 0x01, 0xff, 0x0a, 0x01, 0x03],
            &[
                0x30, 0x09, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00, 0x05, 0x00, 0x00,
            ],
            &[0x30, 0x80, 0x01, 0x01, 0xff, 0x00, 0x00],
            &[0x30, 0x81, 0x03, 0x01, 0x01, 0xff],
            &[0x30, 0x05, 0x01, 0x80, 0xff, 0x00, 0x00],
            &[0x30, 0x04, 0x22, 0x02, 0x02, 0x00],
            &[0x30, 0x03, 0x0c, 0x01, 0x41],
            &[0x30, 0x03, 0x81, 0x01, 0xff],
        ]
        .iter()
        .map(|v| v.to_vec())
        .collect();
        values.extend(fixture_extensions("2.5.29.19"));
        agree_on_damaged(&values, 100, basic_constraints_ca, |v| {
            BasicConstraints::from_der(v).ok().map(|(_, b)| b.ca)
        });
    }

    /// The values of the extensions with this OID in the fixture certificates.
    fn fixture_extensions(oid: &str) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for der in fixture_ders() {
            if let Ok((_, x)) = X509Certificate::from_der(&der) {
                for e in x.extensions() {
                    if e.oid.to_id_string() == oid {
                        out.push(e.value.to_vec());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn key_usage_read_as_x509_parser_reads_it() {
        use x509_parser::extensions::KeyUsage;
        let mut values = fixture_extensions("2.5.29.15");
        assert!(!values.is_empty());
        for v in [
            &[0x03, 0x01, 0x00][..],
            &[0x03, 0x02, 0x07, 0x80],
            &[0x03, 0x02, 0x05, 0xa0],
            &[0x03, 0x03, 0x07, 0x80, 0x80],
            &[0x03, 0x04, 0x00, 0xff, 0xff, 0xff],
            &[0x23, 0x02, 0x00, 0x80],
            &[0x83, 0x02, 0x00, 0x80],
            &[0x03, 0x81, 0x02, 0x00, 0x80],
            &[0x03, 0x00],
        ] {
            values.push(v.to_vec());
        }
        agree_on_damaged(&values, 50, key_usage_flags, |v| {
            KeyUsage::from_der(v).ok().map(|(_, k)| k.flags)
        });
    }

    #[test]
    fn authority_key_id_read_as_x509_parser_reads_it() {
        use x509_parser::extensions::AuthorityKeyIdentifier;
        let mut values = fixture_extensions("2.5.29.35");
        assert!(!values.is_empty());
        for v in [
            &[0x30, 0x00][..],
            &[0x30, 0x04, 0x80, 0x02, 0x01, 0x02],
            &[0x30, 0x04, 0xa0, 0x02, 0x01, 0x02],
            &[0x30, 0x04, 0x00, 0x02, 0x01, 0x02],
            &[0x30, 0x05, 0x80, 0x81, 0x02, 0x01, 0x02],
            &[0x30, 0x06, 0x80, 0x80, 0x01, 0x02, 0x00, 0x00],
            &[0x30, 0x08, 0x82, 0x02, 0x01, 0x02, 0x80, 0x02, 0x03, 0x04],
            &[
                0x30, 0x09, 0x80, 0x01, 0x01, 0xa1, 0x00, 0x82, 0x02, 0x00, 0x01,
            ],
            &[0x30, 0x08, 0x80, 0x01, 0x01, 0x82, 0x03, 0x00, 0x00, 0x01],
        ] {
            values.push(v.to_vec());
        }
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = AuthorityKeyIdentifier::from_der(&v)
                .ok()
                .map(|(_, a)| a.key_identifier.map(|k| k.0));
            assert_eq!(authority_key_id(&v), theirs, "{v:02x?}");
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 50, "only {checked} parsed");
    }

    /// UTCTime and GeneralizedTime elements: every digit, separator and zone form, damaged.
    #[test]
    fn times_read_as_x509_parser_reads_them() {
        use x509_parser::time::ASN1Time;
        let strings = [
            "991231235959Z",
            "000229000000Z",
            "010229000000Z",
            "491231235959Z",
            "500101000000Z",
            "2412312359Z",
            "241231235959+0100",
            "241231235959-0130",
            "241231235959-0030",
            "241231235959+2559",
            "241231235959+2600",
            "241231235959+0160",
            "2412312359+0100",
            "241231235959",
            "241331235959Z",
            "240431235959Z",
            "240430245959Z",
            "240430236059Z",
            "240430235960Z",
            "24043023595Z",
            "24043023595",
            "2404302359.5Z",
            "20241231235959Z",
            "20240229120000Z",
            "21000229120000Z",
            "20000229120000Z",
            "00000101000000Z",
            "99991231235959Z",
            "20241231235959.1Z",
            "20241231235959.12Z",
            "20241231235959.123Z",
            "20241231235959.1234Z",
            "20241231235959.Z",
            "20241231235959.",
            "20241231235959,5Z",
            "20241231235959+0100Z",
            "202412312359Z",
            "2024123123Z",
            "20241231235959.5+0100",
            "20241231235959z",
            "2024123123595 Z",
            "20241301000000Z",
        ];
        let mut elements = Vec::new();
        for s in strings {
            for tag in [0x17u8, 0x18, 0x97, 0x37, 0x0c] {
                let mut e = vec![tag, s.len() as u8];
                e.extend_from_slice(s.as_bytes());
                elements.push(e);
            }
        }
        // And random strings of digits and separators.
        let mut rng = crate::test_rng::Lcg(7);
        for n in 0..60_000 {
            let len = 10 + (rng.next() % 12) as usize;
            let mut x = rng.clone();
            let mut e = vec![if n % 2 == 0 { 0x17 } else { 0x18 }, len as u8];
            for _ in 0..len {
                let r = (x.next() >> 40) as usize % 40;
                e.push(if r < 30 {
                    b'0' + (r % 10) as u8
                } else {
                    b"Z+-.,Z+-ZZ"[r - 30]
                });
            }
            elements.push(e);
        }
        let mut checked = 0;
        for v in elements
            .iter()
            .take(210)
            .flat_map(|v| damaged(v))
            .chain(elements[210..].iter().cloned())
        {
            let theirs = ASN1Time::from_der(&v).ok().map(|(r, t)| (r, t.timestamp()));
            let ours = time(&v);
            assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(&v));
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 500, "only {checked} parsed");
    }

    #[test]
    fn extended_key_usage_read_as_x509_parser_reads_it() {
        use x509_parser::extensions::ExtendedKeyUsage;
        let mut values = fixture_extensions("2.5.29.37");
        assert!(!values.is_empty());
        let server = [0x06, 0x08, 0x2b, 6, 1, 5, 5, 7, 3, 1];
        let client = [0x06, 0x08, 0x2b, 6, 1, 5, 5, 7, 3, 2];
        let rdp = [0x06, 0x0a, 0x2b, 6, 1, 4, 1, 0x82, 0x37, 0x36, 1, 2];
        let any = [0x06, 0x04, 0x55, 0x1d, 0x25, 0x00];
        for parts in [
            vec![&server[..]],
            vec![&client[..], &server, &rdp, &any],
            vec![&rdp[..], &client, &rdp, &server, &rdp, &client],
            vec![&any[..], &any],
            vec![],
        ] {
            let body: Vec<u8> = parts.concat();
            let mut v = vec![0x30, body.len() as u8];
            v.extend(body);
            values.push(v);
        }
        agree_on_damaged(&values, 50, extended_key_usage, |v| {
            ExtendedKeyUsage::from_der(v).ok().map(|(_, e)| {
                let known = [
                    (e.server_auth, "1.3.6.1.5.5.7.3.1"),
                    (e.client_auth, "1.3.6.1.5.5.7.3.2"),
                    (e.code_signing, "1.3.6.1.5.5.7.3.3"),
                    (e.email_protection, "1.3.6.1.5.5.7.3.4"),
                    (e.time_stamping, "1.3.6.1.5.5.7.3.8"),
                    (e.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
                    (e.any, "2.5.29.37.0"),
                ];
                let mut out: Vec<String> = known
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, o)| o.to_string())
                    .collect();
                out.extend(e.other.iter().map(|o| o.to_id_string()));
                out
            })
        });
    }

    #[test]
    fn subject_alt_names_read_as_x509_parser_reads_them() {
        use x509_parser::extensions::SubjectAlternativeName;
        let mut values = fixture_extensions("2.5.29.17");
        assert!(!values.is_empty());
        let name = [
            0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x02, 0x61,
            0x62,
        ];
        let mut dirname = vec![0xa4, name.len() as u8];
        dirname.extend_from_slice(&name);
        for parts in [
            vec![
                &[0x82, 0x03, b'a', b'.', b'b'][..],
                &[0x87, 0x04, 10, 0, 0, 1],
            ],
            vec![
                &[0x81, 0x03, b'a', b'@', b'b'][..],
                &[0x86, 0x02, b'h', b':'],
                &[0x88, 0x03, 0x2a, 0x03, 0x04],
            ],
            vec![
                &[0xa0, 0x08, 0x06, 0x03, 0x2a, 0x03, 0x04, 0xa0, 0x01, 0x00][..],
                &[0xa3, 0x00],
                &[0xa5, 0x00],
            ],
            vec![
                &[0x82, 0x02, 0xff, 0xfe][..],
                &[0x89, 0x01, 0x00],
                &[0xa0, 0x02, 0x05, 0x00],
            ],
            vec![
                &dirname[..],
                &[0xa4, 0x02, 0x30, 0x00],
                &[0xa4, 0x03, 0x30, 0x00, 0x00],
            ],
            vec![&[0x02, 0x01, 0x00][..]],
            vec![&[0x47, 0x01, 0x00][..]],
            vec![],
        ] {
            let body: Vec<u8> = parts.concat();
            let mut v = vec![0x30, body.len() as u8];
            v.extend(body);
            values.push(v);
        }
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = SubjectAlternativeName::from_der(&v)
                .ok()
                .map(|(_, s)| s.general_names);
            assert_eq!(subject_alt_names(&v), theirs, "{v:02x?}");
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 100, "only {checked} parsed");
    }

    #[test]
    fn names_read_as_x509_parser_reads_them() {
        let mut values = Vec::new();
        for der in fixture_ders() {
            if let Ok((_, x)) = X509Certificate::from_der(&der) {
                values.push(x.subject().as_raw().to_vec());
                values.push(x.issuer().as_raw().to_vec());
            }
        }
        values.sort();
        values.dedup();
        assert!(values.len() > 5);
        let cn = [
            0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x02, 0x61, 0x62,
        ];
        for parts in [
            vec![&[0x31, cn.len() as u8][..], &cn],
            vec![&[0x31, cn.len() as u8 * 2][..], &cn, &cn],
            vec![&[0x31, cn.len() as u8 + 2][..], &cn, &[0x05, 0x00]],
            vec![&[0x31, 0x00][..]],
            vec![&[0x31, cn.len() as u8][..], &cn, &[0x04, 0x00]],
            vec![&[0x30, cn.len() as u8][..], &cn],
        ] {
            let body: Vec<u8> = parts.concat();
            let mut v = vec![0x30, body.len() as u8];
            v.extend(body);
            values.push(v);
        }
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = X509Name::from_der(&v).ok();
            let ours = name(&v);
            assert_eq!(ours, theirs, "{v:02x?}");
            if let (Some((_, a)), Some((_, b))) = (&ours, &theirs) {
                // asn1-rs' header `==` skips lengths and raw tags: compare them too.
                let heads = |n: &X509Name<'_>| -> Vec<_> {
                    n.iter_attributes()
                        .map(|a| {
                            let h = &a.attr_value().header;
                            (h.raw_tag().map(<[u8]>::to_vec), h.length())
                        })
                        .collect()
                };
                assert_eq!(heads(a), heads(b), "{v:02x?}");
            }
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 100, "only {checked} parsed");
    }

    #[test]
    fn oid_strings_are_asn1_rs_ones() {
        let mut rng = crate::test_rng::Lcg(3);
        let mut next = move || (rng.next() >> 33) as u8;
        let mut cases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0],
            vec![0x2a],
            vec![0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b],
            vec![0x55, 0x1d, 0x13],
            vec![0x88, 0x37],
            vec![0x2a, 0x86],
            vec![
                0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01,
            ],
            vec![0x2a, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80],
            vec![0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
        ];
        for _ in 0..20_000 {
            let len = usize::from(next() % 14);
            // Mostly small bytes, some with the continuation bit.
            cases.push(
                (0..len)
                    .map(|_| {
                        if next() % 3 == 0 {
                            next() | 0x80
                        } else {
                            next() & 0x7f
                        }
                    })
                    .collect(),
            );
        }
        for c in &cases {
            let oid = Oid::new(std::borrow::Cow::Borrowed(c));
            assert_eq!(oid_string(&oid), oid.to_id_string(), "{c:02x?}");
        }
    }

    #[test]
    fn rsa_keys_read_as_x509_parser_reads_them() {
        use x509_parser::public_key::PublicKey;
        let mut keys = Vec::new();
        let ders = fixture_ders();
        for der in &ders {
            if let Ok((_, x)) = X509Certificate::from_der(der) {
                let spki = x.tbs_certificate.subject_pki;
                keys.push((spki.algorithm, spki.subject_public_key.data.to_vec()));
            }
        }
        assert!(
            keys.iter().any(|(_, k)| k.len() > 200),
            "no RSA key in the fixtures"
        );
        let mut checked = 0;
        for (algorithm, key) in &keys {
            // Damaged copies of a key's first bytes and of the whole key.
            let mut variants = damaged(&key[..key.len().min(12)]);
            variants
                .iter_mut()
                .for_each(|v| v.extend_from_slice(key.get(12..).unwrap_or(&[])));
            variants.extend((0..key.len()).step_by(7).map(|n| key[..n].to_vec()));
            for v in &variants {
                let spki = SubjectPublicKeyInfo {
                    algorithm: algorithm.clone(),
                    subject_public_key: BitString::new(0, v),
                    raw: &[],
                };
                let theirs = match spki.parsed() {
                    Ok(PublicKey::RSA(k)) => Some((k.modulus, k.exponent)),
                    _ => None,
                };
                let ours = rsa_public_key(&spki).map(|k| (k.modulus, k.exponent));
                assert_eq!(ours, theirs, "{v:02x?}");
                checked += usize::from(theirs.is_some());
            }
        }
        assert!(checked > 20, "only {checked} parsed");
    }

    /// The SubjectPublicKeyInfo, signature AlgorithmIdentifier and inner AlgorithmIdentifier
    /// DER of every fixture certificate x509-parser reads.
    fn fixture_spki_and_algorithms() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let (mut spkis, mut algs) = (Vec::new(), Vec::new());
        for der in fixture_ders() {
            let Ok((_, x)) = X509Certificate::from_der(&der) else {
                continue;
            };
            let raw = x.tbs_certificate.subject_pki.raw;
            spkis.push(raw.to_vec());
            if let Ok(seq) = crate::cert::der::read(raw) {
                if let Ok(alg) = crate::cert::der::read(seq.content) {
                    algs.push(seq.content[..alg.total].to_vec());
                }
            }
            let kids: Vec<_> = crate::cert::der::read(&der)
                .map(|c| crate::cert::der::children(c.content).collect())
                .unwrap_or_default();
            if let Some(sig) = kids.get(1) {
                let at = sig.content.as_ptr() as usize - der.as_ptr() as usize;
                let start = at - (sig.total - sig.content.len());
                algs.push(der[start..start + sig.total].to_vec());
            }
        }
        spkis.sort();
        spkis.dedup();
        algs.sort();
        algs.dedup();
        (spkis, algs)
    }

    #[test]
    fn algorithm_identifiers_read_as_x509_parser_reads_them() {
        let (_, mut values) = fixture_spki_and_algorithms();
        assert!(
            values.len() >= 3,
            "only {} fixture algorithms",
            values.len()
        );
        let sha256 = [
            0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
        ];
        for parts in [
            vec![&[0x30, 0x0d][..], &sha256, &[0x05, 0x00]],
            vec![&[0x30, 0x0b][..], &sha256],
            vec![&[0x30, 0x0f][..], &sha256, &[0x05, 0x00, 0x05, 0x00]],
            vec![&[0x30, 0x0f][..], &sha256, &[0x30, 0x80, 0x00, 0x00]],
            vec![&[0x30, 0x0e][..], &sha256, &[0x06, 0x81, 0x00]],
            vec![&[0x10, 0x0d][..], &sha256, &[0x05, 0x00]],
            vec![&[0x70, 0x0d][..], &sha256, &[0x05, 0x00]],
            vec![&[0x30, 0x0d][..], &[0x26], &sha256[1..], &[0x05, 0x00]],
            vec![&[0x30, 0x0d][..], &[0x02], &sha256[1..], &[0x05, 0x00]],
            vec![&[0x30, 0x02][..], &[0x05, 0x00]],
            vec![&[0x30, 0x00][..]],
        ] {
            values.push(parts.concat());
        }
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = AlgorithmIdentifier::from_der(&v).ok();
            let ours = algorithm_identifier(&v);
            assert_eq!(ours, theirs, "{v:02x?}");
            if let (Some((_, a)), Some((_, b))) = (&ours, &theirs) {
                let (p, q) = (a.parameters.as_ref(), b.parameters.as_ref());
                assert_eq!(p.map(|p| p.header.raw_tag()), q.map(|q| q.header.raw_tag()));
                assert_eq!(p.map(|p| p.header.length()), q.map(|q| q.header.length()));
            }
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 100, "only {checked} parsed");
    }

    #[test]
    fn public_key_infos_read_as_x509_parser_reads_them() {
        let (mut values, _) = fixture_spki_and_algorithms();
        assert!(values.len() >= 3, "only {} fixture keys", values.len());
        let ec = [
            0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
            0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
        ];
        for parts in [
            vec![&[0x30, 0x1a][..], &ec, &[0x03, 0x03, 0x00, 0x04, 0x01]],
            vec![
                &[0x30, 0x1c][..],
                &ec,
                &[0x03, 0x03, 0x00, 0x04, 0x01, 0x05, 0x00],
            ],
            vec![&[0x30, 0x18][..], &ec, &[0x03, 0x01, 0x00]],
            vec![&[0x30, 0x18][..], &ec, &[0x03, 0x01, 0x01]],
            vec![&[0x30, 0x19][..], &ec, &[0x03, 0x02, 0x01, 0x01]],
            vec![&[0x30, 0x19][..], &ec, &[0x23, 0x02, 0x00, 0x01]],
            vec![&[0x30, 0x19][..], &ec, &[0x83, 0x02, 0x00, 0x01]],
            vec![&[0x30, 0x15][..], &ec],
            vec![&[0x31, 0x1a][..], &ec, &[0x03, 0x03, 0x00, 0x04, 0x01]],
        ] {
            values.push(parts.concat());
        }
        let mut checked = 0;
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = SubjectPublicKeyInfo::from_der(&v).ok();
            let ours = subject_public_key_info(&v);
            assert_eq!(ours, theirs, "{v:02x?}");
            if let (Some((_, a)), Some((_, b))) = (&ours, &theirs) {
                assert_eq!(a.raw, b.raw);
            }
            checked += usize::from(theirs.is_some());
        }
        assert!(checked > 100, "only {checked} parsed");
    }

    /// The optional version and unique IDs, and the subjectKeyIdentifier's OCTET STRING.
    #[test]
    fn version_unique_ids_and_key_ids_read_as_x509_parser_reads_them() {
        use x509_parser::asn1_rs::{OptTaggedImplicit, OptTaggedParser};
        use x509_parser::extensions::KeyIdentifier;
        use x509_parser::x509::X509Version;
        let mut values: Vec<Vec<u8>> = [
            &[0xa0, 0x03, 0x02, 0x01, 0x02][..],
            &[0xa0, 0x03, 0x02, 0x01, 0x00],
            &[0xa0, 0x04, 0x02, 0x02, 0x00, 0x80],
            &[0xa0, 0x07, 0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00],
            &[0xa0, 0x03, 0x02, 0x01, 0xff],
            &[0x80, 0x03, 0x02, 0x01, 0x02],
            &[0x60, 0x03, 0x02, 0x01, 0x02],
            &[0xa0, 0x03, 0x0a, 0x01, 0x02],
            &[0xa0, 0x00],
            &[0x81, 0x02, 0x00, 0xff, 0x82, 0x02, 0x04, 0xf0, 0xa3, 0x00],
            &[0x81, 0x01, 0x00, 0xa3, 0x00],
            &[0x81, 0x00, 0xa3, 0x00],
            &[0x41, 0x02, 0x00, 0xff],
            &[0xa1, 0x02, 0x00, 0xff],
            &[0x82, 0x02, 0x00, 0xff],
            &[0xc2, 0x02, 0x00, 0xff],
            &[0x9f, 0x81, 0x01, 0x01, 0x00],
            &[0x02, 0x01, 0x05],
            &[
                0x04, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            ],
            &[0x04, 0x00],
            &[0x24, 0x02, 0x04, 0x00],
            &[0x84, 0x01, 0x00],
        ]
        .iter()
        .map(|v| v.to_vec())
        .collect();
        values.extend(fixture_extensions("2.5.29.14"));
        let mut checked = [0; 4];
        for v in values.iter().flat_map(|v| damaged(v)) {
            let theirs = OptTaggedParser::from(0)
                .parse_der(&v, |_, data| X509Version::from_der(data))
                .ok()
                .map(|(r, _)| r);
            assert_eq!(version(&v), theirs, "version {v:02x?}");
            checked[0] += usize::from(theirs.is_some_and(|r| r.len() < v.len()));

            let theirs =
                OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 1>::from_der(&v)
                    .ok()
                    .map(|(r, _)| r);
            assert_eq!(unique_id(&v, 1), theirs, "issuer ID {v:02x?}");
            checked[1] += usize::from(theirs.is_some_and(|r| r.len() < v.len()));

            let theirs =
                OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 2>::from_der(&v)
                    .ok()
                    .map(|(r, _)| r);
            assert_eq!(unique_id(&v, 2), theirs, "subject ID {v:02x?}");
            checked[2] += usize::from(theirs.is_some_and(|r| r.len() < v.len()));

            let theirs = KeyIdentifier::from_der(&v).ok().map(|(_, k)| k.0);
            assert_eq!(key_identifier(&v), theirs, "key ID {v:02x?}");
            checked[3] += usize::from(theirs.is_some());
        }
        assert!(checked.iter().all(|&n| n > 20), "too few read: {checked:?}");
    }

    /// Every certificate in the fixtures and the fuzz corpus (PEM blocks, and DER found by
    /// carving raw bytes), and damaged copies of each (truncated, bytes flipped, data appended),
    /// parse (or fail) exactly as with `X509Certificate::from_der`, with the same fields.
    #[test]
    fn same_result_as_x509_parser_on_fixtures_and_damaged_copies() {
        let ders = fixture_ders();
        assert!(ders.len() >= 10, "only {} fixture certificates", ders.len());
        let mut checked = 0;
        for der in &ders {
            let mut variants = vec![der.clone()];
            for cut in [1, 2, 7, der.len() / 2, der.len().saturating_sub(3)] {
                variants.push(der[..der.len().saturating_sub(cut)].to_vec());
            }
            for at in (0..der.len()).step_by(13) {
                for x in [0x01u8, 0x80, 0xff] {
                    let mut v = der.clone();
                    v[at] ^= x;
                    variants.push(v);
                }
            }
            let mut trailing = der.clone();
            trailing.extend_from_slice(&[0, 0, 5]);
            variants.push(trailing);
            // And copies with two or three random bytes set to random values.
            let mut rng = crate::test_rng::Lcg(der.len() as u64);
            for _ in 0..200 {
                let mut v = der.clone();
                for _ in 0..3 {
                    let seed = rng.next();
                    let at = (seed >> 33) as usize % v.len().max(1);
                    if let Some(b) = v.get_mut(at) {
                        *b = (seed >> 20) as u8;
                    }
                }
                variants.push(v);
            }
            for v in &variants {
                let ours = parse(v);
                let theirs = X509Certificate::from_der(v);
                match (ours, theirs) {
                    (Some((r1, c)), Ok((r2, x))) => {
                        assert_eq!(r1, r2);
                        assert_eq!(c.tbs, x.tbs_certificate.as_ref());
                        assert_eq!(c.serial, x.raw_serial());
                        assert_eq!(c.issuer, *x.issuer());
                        assert_eq!(c.subject, *x.subject());
                        assert_eq!(c.validity.not_before, x.validity().not_before.timestamp());
                        assert_eq!(c.validity.not_after, x.validity().not_after.timestamp());
                        assert_eq!(c.public_key, *x.public_key());
                        assert_eq!(c.signature_algorithm, x.signature_algorithm);
                        assert_eq!(c.signature_value, x.signature_value);
                        let ext: Vec<_> = x
                            .extensions()
                            .iter()
                            .map(|e| (e.oid.clone(), e.critical, e.value))
                            .collect();
                        let ours: Vec<_> = c
                            .extensions
                            .iter()
                            .map(|e| (e.oid.clone(), e.critical, e.value))
                            .collect();
                        assert_eq!(ours, ext);
                        checked += 1;
                    }
                    (None, Err(_)) => {}
                    (a, b) => panic!(
                        "differs: ours ok={} x509-parser ok={}",
                        a.is_some(),
                        b.is_ok()
                    ),
                }
            }
        }
        assert!(checked >= 10, "only {checked} parsed");
    }
}
