//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed: RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512, which is what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use. The arithmetic and the padding check are
//! RustCrypto's `rsa` 0.10 (public-key verification only; crypto-bigint underneath, which
//! applies the public exponent with a variable-time Montgomery power over the exponent's own
//! bits: about 50 µs for RSA-2048 natively, where `rsa` 0.9 took about 135 µs); anything else
//! (ECDSA, RSA-PSS, MD5) is reported as "not checked".

use rsa::{BoxedUint, Pkcs1v15Sign, PublicKey};
use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey as SubjectKey;

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

/// A DER INTEGER's content bytes (unsigned, big-endian) as a `BoxedUint`: leading zero bytes
/// dropped, at least one 64-bit word of precision (so zero and empty input are a real zero).
fn uint(bytes: &[u8]) -> BoxedUint {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = &bytes[start..];
    let bits = u32::try_from(digits.len().saturating_mul(8))
        .unwrap_or(u32::MAX)
        .max(64);
    // Cannot fail: the precision holds every byte given.
    BoxedUint::from_be_slice(digits, bits).unwrap_or_else(|_| BoxedUint::zero())
}

/// Some(true) when the signature verifies with the certificate's own key, Some(false) when it
/// does not, None when this signature type or key is not checked.
pub fn self_signature(cert: &X509Certificate<'_>) -> Option<bool> {
    let tbs = cert.tbs_certificate.as_ref();
    let (scheme, hashed) = match cert.signature_algorithm.algorithm.to_id_string().as_str() {
        "1.2.840.113549.1.1.11" => (Pkcs1v15Sign::new::<Sha256>(), Sha256::digest(tbs).to_vec()),
        "1.2.840.113549.1.1.12" => (Pkcs1v15Sign::new::<Sha384>(), Sha384::digest(tbs).to_vec()),
        "1.2.840.113549.1.1.13" => (Pkcs1v15Sign::new::<Sha512>(), Sha512::digest(tbs).to_vec()),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => {
            (Pkcs1v15Sign::new::<Sha1>(), Sha1::digest(tbs).to_vec())
        }
        _ => return None,
    };
    let Ok(SubjectKey::RSA(key)) = cert.public_key().parsed() else {
        return None;
    };
    // An even modulus is no RSA key; tiny ones are not worth checking, huge ones not either
    // (checked before any arithmetic is set up for them).
    if key.modulus.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    let n = uint(key.modulus);
    let bits = n.bit_width_vartime() as usize;
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return None;
    }
    let e = uint(key.exponent);
    // `rsa` refuses exponents that are even, below 2, above 2^33 - 1 or not below the modulus:
    // no RSA key has the first three (RFC 8017 section 3.1 requires an odd e >= 3 coprime to
    // the totient; rsa's cap is the usual implementation limit) and a damaged certificate has
    // them all; a key that is not a key cannot have made a valid signature.
    let Ok(public) = PublicKey::new_with_size_limits(n, e, MIN_BITS..=MAX_BITS) else {
        return Some(false);
    };
    Some(
        public
            .verify(scheme, &hashed, &cert.signature_value.data)
            .is_ok(),
    )
}
