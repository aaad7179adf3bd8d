//! Our use of x509-parser and RustCrypto, on the fixtures and on damaged copies of them (cuts,
//! byte flips every 13 bytes, random three-byte damage): whenever x509-parser parses a copy,
//! the report `analyze_bytes` writes agrees with x509-parser's own accessors (names, serial,
//! dates, basicConstraints, key usage, EKU, SANs, key size) and the thumbprints are of exactly
//! the certificate's bytes; when it does not parse, the report says why instead of being
//! silent. The self-signature check accepts every genuine self-signed fixture and never a copy
//! whose signed part or signature was changed.
// Reads fixture files from disk: native only.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use engine::cert::analyze_bytes;
use engine::cert::self_sig::self_signature;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

const NOW: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

/// Every PEM certificate of the fixtures (but the 1 MB bundle), as DER.
fn fixture_ders() -> Vec<(String, Vec<u8>)> {
    common::pem_certificates(|name| name.ends_with(".pem"))
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0
    }
}

fn variants(der: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![der.to_vec()];
    for cut in [1, 2, 7, der.len() / 2, der.len().saturating_sub(3)] {
        out.push(der[..der.len().saturating_sub(cut)].to_vec());
    }
    for at in (0..der.len()).step_by(13) {
        for x in [0x01u8, 0x80, 0xff] {
            let mut v = der.to_vec();
            v[at] ^= x;
            out.push(v);
        }
    }
    let mut rng = Lcg(der.len() as u64);
    for _ in 0..200 {
        let mut v = der.to_vec();
        for _ in 0..3 {
            let seed = rng.next();
            let at = (seed >> 33) as usize % v.len().max(1);
            if let Some(b) = v.get_mut(at) {
                *b = (seed >> 20) as u8;
            }
        }
        out.push(v);
    }
    out
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

#[test]
fn reports_agree_with_x509_parser_on_fixtures_and_damaged_copies() {
    let ders = fixture_ders();
    assert!(ders.len() >= 30, "only {} fixture certificates", ders.len());
    let (mut parsed, mut refused, mut sniffed_otherwise) = (0, 0, 0);
    for (name, der) in &ders {
        for v in variants(der) {
            let a = analyze_bytes(&v, Some("rdp.corp.example"), NOW);
            let Ok((rest, x)) = X509Certificate::from_der(&v) else {
                refused += 1;
                assert!(
                    !a.certificates.is_empty() || !a.diagnostics.is_empty(),
                    "{name}: silent on {v:02x?}"
                );
                continue;
            };
            parsed += 1;
            if v[0] != 0x30 {
                // x509-parser does not check the outer tag; a paste is only taken for DER when
                // it starts with a SEQUENCE (and then says "not DER" instead).
                assert!(!a.diagnostics.is_empty(), "{name}: silent on {v:02x?}");
                continue;
            }
            let what = format!("{name} variant {:02x?}", &v[..v.len().min(8)]);
            let Some(c) = a.certificates.iter().find(|c| c.index == 0) else {
                // Our sniffing of what a blob is (blob::shape) is stricter than x509-parser
                // about the tags of the three top elements; such a copy gets a diagnostic.
                assert!(!a.diagnostics.is_empty(), "{what}: silent");
                let at = v.iter().zip(der).position(|(a, b)| a != b);
                eprintln!("not taken as a certificate: {what}, changed at {at:?}");
                sniffed_otherwise += 1;
                continue;
            };
            let bytes = &v[..v.len() - rest.len()];
            assert_eq!(c.thumbprint_sha1, hex(&Sha1::digest(bytes)), "{what}");
            assert_eq!(c.thumbprint_sha256, hex(&Sha256::digest(bytes)), "{what}");
            assert_eq!(c.subject, x.subject().to_string(), "{what}");
            assert_eq!(c.issuer, x.issuer().to_string(), "{what}");
            assert_eq!(c.serial, hex(x.raw_serial()), "{what}");
            assert_eq!(
                engine::time::parse_rfc3339(&c.not_after),
                Some(x.validity().not_after.timestamp()),
                "{what}"
            );
            if let Ok(Some(bc)) = x.basic_constraints() {
                assert_eq!(
                    c.is_ca,
                    bc.value.ca,
                    "{what} {:?} {:?}",
                    c.extensions,
                    x.extensions()
                        .iter()
                        .map(|e| (e.oid.to_id_string(), e.parsed_extension()))
                        .collect::<Vec<_>>()
                );
            }
            if let Ok(Some(ku)) = x.key_usage() {
                assert_eq!(
                    c.key_usage.iter().any(|u| u == "Digital Signature"),
                    ku.value.digital_signature(),
                    "{what}"
                );
                assert_eq!(
                    c.key_usage.iter().any(|u| u == "Certificate Signing"),
                    ku.value.key_cert_sign(),
                    "{what}"
                );
            }
            if let Ok(Some(eku)) = x.extended_key_usage() {
                assert_eq!(
                    c.ekus.iter().any(|e| e.contains("(1.3.6.1.5.5.7.3.1)")),
                    eku.value.server_auth,
                    "{what} {:?} {:?} {:?}",
                    c.ekus,
                    eku.value
                        .other
                        .iter()
                        .map(|o| o.as_bytes().to_vec())
                        .collect::<Vec<_>>(),
                    x.extensions()
                        .iter()
                        .map(|e| (e.oid.to_id_string(), e.parsed_extension()))
                        .collect::<Vec<_>>()
                );
            }
            if let Ok(Some(san)) = x.subject_alternative_name() {
                let dns: Vec<String> = san
                    .value
                    .general_names
                    .iter()
                    .filter_map(|g| match g {
                        GeneralName::DNSName(d) => Some(format!("DNS:{d}")),
                        _ => None,
                    })
                    .collect();
                let ours: Vec<&String> = c.sans.iter().filter(|s| s.starts_with("DNS:")).collect();
                assert_eq!(ours, dns.iter().collect::<Vec<_>>(), "{what}");
            }
            if let Ok(PublicKey::RSA(rsa)) = x.public_key().parsed() {
                // Bits of the modulus as an unsigned number (x509-parser's `key_size` counts
                // whole bytes, and a damaged modulus can have any first byte).
                let m = rsa.modulus;
                let start = m.iter().position(|&b| b != 0).unwrap_or(m.len());
                let bits = m[start..]
                    .first()
                    .map_or(0, |f| (m.len() - start) * 8 - f.leading_zeros() as usize);
                assert_eq!(c.key, format!("RSA {bits}"), "{what}");
                if m.first() == Some(&0) && m.get(1).is_some_and(|b| b & 0x80 != 0) {
                    assert_eq!(bits, rsa.key_size(), "{what}");
                }
            }
        }
    }
    assert!(
        parsed >= 1000 && refused >= 1000,
        "parsed {parsed}, refused {refused}"
    );
    assert!(
        sniffed_otherwise * 100 <= parsed,
        "{sniffed_otherwise} of {parsed} parsed copies not taken as certificates"
    );
}

#[test]
fn self_signatures_hold_only_for_the_bytes_that_were_signed() {
    let mut genuine = 0;
    let mut damaged = 0;
    for (name, der) in fixture_ders() {
        let Ok((_, x)) = X509Certificate::from_der(&der) else {
            continue; // truncated.pem
        };
        if x.subject().as_raw() != x.issuer().as_raw() {
            continue;
        }
        let rsa = matches!(x.public_key().parsed(), Ok(PublicKey::RSA(_)));
        let sha1_or_2 = !c_is_weak_md(&x);
        let got = self_signature(&x);
        if rsa && sha1_or_2 {
            assert_eq!(got, Some(true), "{name}");
            genuine += 1;
        } else {
            assert_eq!(got, None, "{name}: not an RSA/SHA-1/SHA-2 signature");
            continue;
        }
        // Flip each bit position 0 of every 5th byte: the signed part (TBS) or the signature
        // changes, so it must never verify again (None is fine where the key itself broke).
        let tbs_len = x.tbs_certificate.as_ref().len();
        for at in (0..der.len()).step_by(5) {
            let mut v = der.clone();
            v[at] ^= 0x01;
            let Ok((_, y)) = X509Certificate::from_der(&v) else {
                continue;
            };
            let tbs_same = y.tbs_certificate.as_ref() == x.tbs_certificate.as_ref();
            let sig_same = y.signature_value.data == x.signature_value.data;
            if tbs_same && sig_same {
                continue; // only the outer algorithm identifier changed
            }
            let r = self_signature(&y);
            assert_ne!(
                r,
                Some(true),
                "{name}: flip at {at} (TBS is {tbs_len} bytes) verifies"
            );
            damaged += 1;
        }
    }
    assert!(genuine >= 5, "only {genuine} self-signed RSA fixtures");
    assert!(damaged >= 500, "only {damaged} damaged copies checked");
}

/// MD2/MD5 signatures are not checked (the hash is broken anyway).
fn c_is_weak_md(x: &X509Certificate<'_>) -> bool {
    matches!(
        x.signature_algorithm.algorithm.to_id_string().as_str(),
        "1.2.840.113549.1.1.2" | "1.2.840.113549.1.1.4"
    )
}
