//! A certificate's structure, read with x509-parser's own building blocks (names, validity,
//! algorithm identifiers, public key info, the same DER readers) but without deep-parsing
//! every extension: `X509Certificate::from_der` links x509-parser's parsers for some twenty
//! extension types (policies, CRL distribution points, SCTs, …) that the lint never reads,
//! tens of KB of wasm. The glue below follows x509-parser 0.18's `X509CertificateParser` and
//! `TbsCertificateParser` step by step, so the same inputs are accepted and rejected;
//! [`super::decode`] parses the extensions it reads with x509-parser's parsers for them.

use x509_parser::asn1_rs::{Any, BitString, FromBer, OptTaggedImplicit, OptTaggedParser, Tag};
use x509_parser::certificate::Validity;
use x509_parser::der_parser::ber::parse_ber_bool;
use x509_parser::der_parser::der::{der_read_element_header, parse_der_sequence_defined_g};
use x509_parser::error::{X509Error, X509Result};
use x509_parser::nom::combinator::{all_consuming, complete, opt};
use x509_parser::nom::multi::many0;
use x509_parser::nom::{Err, Offset};
use x509_parser::oid_registry::Oid;
use x509_parser::prelude::FromDer;
use x509_parser::x509::{AlgorithmIdentifier, SubjectPublicKeyInfo, X509Name, X509Version};

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

/// Parses one DER certificate (data after it is returned, as x509-parser does).
pub fn parse(input: &[u8]) -> X509Result<'_, Certificate<'_>> {
    parse_der_sequence_defined_g(|i, _| {
        let (i, t) = tbs_certificate(i)?;
        let (i, signature_algorithm) = AlgorithmIdentifier::from_der(i)?;
        let (i, signature_value) =
            BitString::from_der(i).or(Err(Err::Error(X509Error::InvalidSignatureValue)))?;
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
        Ok((i, cert))
    })(input)
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

fn tbs_certificate(input: &[u8]) -> X509Result<'_, Tbs<'_>> {
    let start = input;
    parse_der_sequence_defined_g(move |i, _| {
        let (i, _version) = OptTaggedParser::from(0)
            .parse_der(i, |_, data| X509Version::from_der(data))
            .map_err(Err::convert)?;
        let (i, serial) = serial(i)?;
        let (i, _signature) = AlgorithmIdentifier::from_der(i)?;
        let (i, issuer) = X509Name::from_der(i)?;
        let (i, validity) = Validity::from_der(i)?;
        let (i, subject) = X509Name::from_der(i)?;
        let (i, public_key) = SubjectPublicKeyInfo::from_der(i)?;
        let (i, _) = OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 1>::from_der(i)
            .map_err(|_| Err::Error(X509Error::InvalidIssuerUID))?;
        let (i, _) = OptTaggedImplicit::<BitString, x509_parser::asn1_rs::Error, 2>::from_der(i)
            .map_err(|_| Err::Error(X509Error::InvalidSubjectUID))?;
        let (i, extensions) = extensions(i)?;
        let raw = start.get(..start.offset(i)).unwrap_or(start);
        Ok((
            i,
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
    })(input)
}

/// The serial number: any INTEGER, read as BER (CAs send negative and over-long ones).
fn serial(i: &[u8]) -> X509Result<'_, &[u8]> {
    let (rem, any) = Any::from_ber(i).map_err(|_| X509Error::InvalidSerial)?;
    any.tag()
        .assert_eq(Tag::Integer)
        .map_err(|_| X509Error::InvalidSerial)?;
    Ok((rem, any.data))
}

/// `[3] EXPLICIT Extensions OPTIONAL`: nothing may follow it.
fn extensions(i: &[u8]) -> X509Result<'_, Vec<Extension<'_>>> {
    if i.is_empty() {
        return Ok((i, Vec::new()));
    }
    match der_read_element_header(i) {
        Ok((rem, hdr)) => {
            if hdr.tag() != Tag(3) {
                return Err(Err::Error(X509Error::InvalidExtensions));
            }
            all_consuming(parse_der_sequence_defined_g(|a, _| {
                all_consuming(many0(complete(extension)))(a)
            }))(rem)
        }
        Err(_) => Err(X509Error::InvalidExtensions.into()),
    }
}

/// `Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`;
/// `critical` is read as BER (some certificates encode TRUE as a byte other than 0xFF).
fn extension(input: &[u8]) -> X509Result<'_, Extension<'_>> {
    parse_der_sequence_defined_g(|i, _| {
        let (i, oid) = Oid::from_der(i)?;
        let (i, critical) = opt(parse_ber_bool)(i)?;
        let critical = critical
            .map(|o| o.as_bool().unwrap_or_default())
            .unwrap_or(false);
        let (i, value) = <&[u8]>::from_der(i)?;
        Ok((
            i,
            Extension {
                oid,
                critical,
                value,
            },
        ))
    })(input)
    .map_err(|_| X509Error::InvalidExtensions.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::certificate::X509Certificate;

    /// Every certificate in the fixtures and the fuzz corpus (PEM blocks, and DER found by
    /// carving raw bytes), and damaged copies of each (truncated, bytes flipped, data appended),
    /// parse (or fail) exactly as with `X509Certificate::from_der`, with the same fields.
    #[test]
    fn same_result_as_x509_parser_on_fixtures_and_damaged_copies() {
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
            for v in &variants {
                let ours = parse(v);
                let theirs = X509Certificate::from_der(v);
                match (ours, theirs) {
                    (Ok((r1, c)), Ok((r2, x))) => {
                        assert_eq!(r1, r2);
                        assert_eq!(c.tbs, x.tbs_certificate.as_ref());
                        assert_eq!(c.serial, x.raw_serial());
                        assert_eq!(c.issuer, *x.issuer());
                        assert_eq!(c.subject, *x.subject());
                        assert_eq!(c.validity.not_before, x.validity().not_before);
                        assert_eq!(c.validity.not_after, x.validity().not_after);
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
                    (Err(_), Err(_)) => {}
                    (a, b) => panic!(
                        "differs: ours ok={} x509-parser ok={}",
                        a.is_ok(),
                        b.is_ok()
                    ),
                }
            }
        }
        assert!(checked >= 10, "only {checked} parsed");
    }
}
