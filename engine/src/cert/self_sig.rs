//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed: RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512, which is what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use. The arithmetic and the padding check are a
//! library's (public-key verification only): RustCrypto's `rsa`, or natively graviola where it
//! applies (below); anything else (ECDSA, RSA-PSS, MD5) is reported as "not checked".
//!
//! Builds of the same check per target (`engine/Cargo.toml` says why):
//! - on x86_64 processors with the features its assembly needs, graviola first for SHA-2
//!   signatures under 2048- to 8192-bit keys: about 27 µs for RSA-2048 on the bench machine;
//! - natively otherwise `rsa` 0.10 (crypto-bigint), which applies the public exponent with a
//!   windowed power over its own 17 bits: about 84 µs there;
//! - in the wasm `rsa` 0.9 (num-bigint-dig), about 135 µs natively, but some 14 KB smaller
//!   gzipped.
//!
//! The algorithm choice, the digest and the key are taken by one macro for both
//! (`scheme_digest_key!`); only the arithmetic set-up follows each version's API.
//!
//! All give the same answers: the ignored `cert_golden` test's summary of 98 664 cut and
//! bit-flipped certificates is byte-identical with each, and a unit test below compares
//! graviola's verdicts with `rsa`'s on bit-flipped self-signed certificates.

use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey as SubjectKey;

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

/// The signature algorithms checked (RFC 8017 appendix C; the second SHA-1 one is the old OIW
/// identifier): the `rsa` checks take all of them, graviola the SHA-2 ones.
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const SHA384_WITH_RSA: &str = "1.2.840.113549.1.1.12";
const SHA512_WITH_RSA: &str = "1.2.840.113549.1.1.13";
const SHA1_WITH_RSA: &str = "1.2.840.113549.1.1.5";
const SHA1_WITH_RSA_OIW: &str = "1.3.14.3.2.29";

/// The padding scheme for the certificate's signature algorithm, the digest of the signed part
/// and the RSA key, or `return None` from the calling function when the algorithm or the key is
/// not one checked here. A macro because the two `rsa` versions below have different types for
/// the same steps.
macro_rules! scheme_digest_key {
    ($cert:expr, $Pkcs1v15Sign:ident) => {{
        let tbs = $cert.tbs_certificate.as_ref();
        let (scheme, hashed) = match $cert.signature_algorithm.algorithm.to_id_string().as_str() {
            SHA256_WITH_RSA => ($Pkcs1v15Sign::new::<Sha256>(), Sha256::digest(tbs).to_vec()),
            SHA384_WITH_RSA => ($Pkcs1v15Sign::new::<Sha384>(), Sha384::digest(tbs).to_vec()),
            SHA512_WITH_RSA => ($Pkcs1v15Sign::new::<Sha512>(), Sha512::digest(tbs).to_vec()),
            SHA1_WITH_RSA | SHA1_WITH_RSA_OIW => {
                ($Pkcs1v15Sign::new::<Sha1>(), Sha1::digest(tbs).to_vec())
            }
            _ => return None,
        };
        let Ok(SubjectKey::RSA(key)) = $cert.public_key().parsed() else {
            return None;
        };
        (scheme, hashed, key)
    }};
}

/// Some(true) when the signature verifies with the certificate's own key, Some(false) when it
/// does not, None when this signature type or key is not checked.
#[cfg(not(target_arch = "wasm32"))]
pub fn self_signature(cert: &X509Certificate<'_>) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    if let Some(verdict) = graviola_check(cert) {
        return Some(verdict);
    }
    rsa_check(cert)
}

/// The check with `rsa` 0.10 (natively, where graviola does not take the certificate).
#[cfg(not(target_arch = "wasm32"))]
fn rsa_check(cert: &X509Certificate<'_>) -> Option<bool> {
    use rsa::{BoxedUint, Pkcs1v15Sign, PublicKey};
    let (scheme, hashed, key) = scheme_digest_key!(cert, Pkcs1v15Sign);
    // A DER INTEGER's contents as an unsigned number: leading zero bytes dropped, at least one
    // 64-bit word of precision (so an empty INTEGER is a real zero). The precision always holds
    // the bytes, so `from_be_slice` cannot fail.
    let uint = |bytes: &[u8]| {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let digits = &bytes[start..];
        let bits = u32::try_from(digits.len().saturating_mul(8))
            .unwrap_or(u32::MAX)
            .max(64);
        BoxedUint::from_be_slice(digits, bits).unwrap_or_else(|_| BoxedUint::zero())
    };
    // An even modulus is no RSA key; tiny ones are not worth checking, nor huge ones (the
    // parity and size are judged before any arithmetic is set up).
    if key.modulus.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    let n = uint(key.modulus);
    if !(MIN_BITS..=MAX_BITS).contains(&(n.bit_width_vartime() as usize)) {
        return None;
    }
    // `rsa` refuses exponents that are even, below 2, above 2^33 - 1 or not below the modulus:
    // no RSA key has the first three (RFC 8017 section 3.1 requires an odd e >= 3 coprime to
    // the totient; rsa's cap is the usual implementation limit) and a damaged certificate has
    // them all; a key that is not a key cannot have made a valid signature.
    let Ok(public) = PublicKey::new_with_size_limits(n, uint(key.exponent), MIN_BITS..=MAX_BITS)
    else {
        return Some(false);
    };
    Some(
        public
            .verify(scheme, &hashed, &cert.signature_value.data)
            .is_ok(),
    )
}

/// The same check with graviola (see the module comment), when this processor has what
/// graviola's assembly needs and the key is one graviola takes (a 2048- to 8192-bit modulus,
/// an odd exponent from 3 to 2^32 - 1) under a SHA-2 signature. None otherwise: `rsa` decides.
/// Only certificates that `rsa_check` would check too: the algorithm is one of its SHA-2 ones
/// and x509-parser reads the key as RSA.
#[cfg(target_arch = "x86_64")]
fn graviola_check(cert: &X509Certificate<'_>) -> Option<bool> {
    use graviola::signing::rsa::VerifyingKey;
    type Verify = fn(&VerifyingKey, &[u8], &[u8]) -> Result<(), graviola::Error>;
    // The algorithm first: a SHA-1 signature goes to `rsa` before any key is set up here.
    let verify: Verify = match cert.signature_algorithm.algorithm.to_id_string().as_str() {
        SHA256_WITH_RSA => VerifyingKey::verify_pkcs1_sha256,
        SHA384_WITH_RSA => VerifyingKey::verify_pkcs1_sha384,
        SHA512_WITH_RSA => VerifyingKey::verify_pkcs1_sha512,
        _ => return None,
    };
    // The key as x509-parser reads it first, as `rsa_check` requires: a key graviola would
    // read from a certificate whose algorithm field says something else is not checked.
    if !graviola_runs_here() || !matches!(cert.public_key().parsed(), Ok(SubjectKey::RSA(_))) {
        return None;
    }
    let key = VerifyingKey::from_pkcs1_der(&cert.public_key().subject_public_key.data).ok()?;
    let tbs = cert.tbs_certificate.as_ref();
    Some(verify(&key, &cert.signature_value.data, tbs).is_ok())
}

/// Whether this processor has what graviola's assembly needs on x86_64 (its README; graviola
/// asserts the same set at every entry, so without them it must not be called).
#[cfg(target_arch = "x86_64")]
fn graviola_runs_here() -> bool {
    std::arch::is_x86_feature_detected!("aes")
        && std::arch::is_x86_feature_detected!("pclmulqdq")
        && std::arch::is_x86_feature_detected!("ssse3")
        && std::arch::is_x86_feature_detected!("avx")
        && std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("bmi2")
        && std::arch::is_x86_feature_detected!("adx")
}

/// The same check with `rsa` 0.9, for the wasm build (see the module comment).
#[cfg(target_arch = "wasm32")]
pub fn self_signature(cert: &X509Certificate<'_>) -> Option<bool> {
    use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
    let (scheme, hashed, key) = scheme_digest_key!(cert, Pkcs1v15Sign);
    let n = BigUint::from_bytes_be(key.modulus);
    let e = BigUint::from_bytes_be(key.exponent);
    // An even modulus is no RSA key; tiny ones are not worth checking.
    if n.bits() < MIN_BITS || key.modulus.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    if n.bits() > MAX_BITS {
        return None;
    }
    // Exponents `rsa` refuses: as above.
    let Ok(public) = RsaPublicKey::new_with_max_size(n, e, MAX_BITS) else {
        return Some(false);
    };
    Some(
        public
            .verify(scheme, &hashed, &cert.signature_value.data)
            .is_ok(),
    )
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    /// Self-signed RSA fixtures (PEM): SHA-256 and SHA-512 signatures, one expired.
    const FIXTURES: &[&str] = &[
        include_str!("../../tests/fixtures/certs/selfsigned-valid.pem"),
        include_str!("../../tests/fixtures/certs/selfsigned-sha512.pem"),
        include_str!("../../tests/fixtures/certs/expired-selfsigned.pem"),
        include_str!("../../tests/fixtures/certs/selfsigned-rdp-eku.pem"),
    ];

    fn der(pem: &str) -> Vec<u8> {
        let (_, p) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).expect("fixture is PEM");
        p.contents
    }

    /// graviola, where it takes a certificate, gives `rsa`'s verdict: on the fixtures and on
    /// every single-bit flip of their last 300 bytes (the signature, and the key just before
    /// it in the signed part). And it does take the intact fixtures on a processor it supports,
    /// so the fast path is what this test exercises there.
    #[test]
    fn graviola_agrees_with_rsa() {
        let mut compared = 0;
        for pem in FIXTURES {
            let good = der(pem);
            let (_, cert) = X509Certificate::from_der(&good).expect("fixture parses");
            assert_eq!(rsa_check(&cert), Some(true));
            if graviola_runs_here() {
                assert_eq!(graviola_check(&cert), Some(true));
            }
            for at in good.len().saturating_sub(300)..good.len() {
                for bit in [0x01u8, 0x80] {
                    let mut bad = good.clone();
                    bad[at] ^= bit;
                    let Ok((_, cert)) = X509Certificate::from_der(&bad) else {
                        continue;
                    };
                    if let Some(fast) = graviola_check(&cert) {
                        assert_eq!(Some(fast), rsa_check(&cert), "byte {at} ^ {bit:#04x}");
                        compared += 1;
                    }
                }
            }
        }
        if graviola_runs_here() {
            assert!(
                compared > 1000,
                "only {compared} damaged certificates compared"
            );
        }
    }
}
