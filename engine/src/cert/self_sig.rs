//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed: RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512, which is what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use. The arithmetic and the padding check are
//! RustCrypto's `rsa` (public-key verification only); anything else (ECDSA, RSA-PSS, MD5) is
//! reported as "not checked".
//!
//! Natively that is `rsa` 0.10 (crypto-bigint: the public exponent applied variable-time over
//! its own bits, about 50 µs for RSA-2048), in the wasm `rsa` 0.9 (num-bigint-dig: a smaller
//! module, where the page's size ceiling matters more than the 135 µs). Only building the key
//! differs between the two ([`key`]); the outcomes are the same (the ignored `cert_golden`
//! damaged-input summary is byte-identical with either).

use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey as SubjectKey;

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

/// The RSA public key from a DER modulus and exponent (unsigned big-endian INTEGER contents):
/// None when the modulus is not checked here (outside `MIN_BITS..=MAX_BITS`), Some(None) when
/// `rsa` refuses the pair as a key.
#[cfg(not(target_arch = "wasm32"))]
fn key(modulus: &[u8], exponent: &[u8]) -> Option<Option<rsa::PublicKey>> {
    use rsa::BoxedUint;
    // Leading zero bytes dropped, at least one 64-bit word of precision (so that an empty
    // INTEGER is a real zero); the precision always holds the bytes, so this cannot fail.
    let uint = |bytes: &[u8]| {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let digits = &bytes[start..];
        let bits = u32::try_from(digits.len().saturating_mul(8))
            .unwrap_or(u32::MAX)
            .max(64);
        BoxedUint::from_be_slice(digits, bits).unwrap_or_else(|_| BoxedUint::zero())
    };
    let n = uint(modulus);
    if !(MIN_BITS..=MAX_BITS).contains(&(n.bit_width_vartime() as usize)) {
        return None;
    }
    Some(rsa::PublicKey::new_with_size_limits(n, uint(exponent), MIN_BITS..=MAX_BITS).ok())
}

/// As above, with `rsa` 0.9 (the wasm build).
#[cfg(target_arch = "wasm32")]
fn key(modulus: &[u8], exponent: &[u8]) -> Option<Option<rsa::RsaPublicKey>> {
    use rsa::BigUint;
    let n = BigUint::from_bytes_be(modulus);
    if !(MIN_BITS..=MAX_BITS).contains(&n.bits()) {
        return None;
    }
    let e = BigUint::from_bytes_be(exponent);
    Some(rsa::RsaPublicKey::new_with_max_size(n, e, MAX_BITS).ok())
}

/// Some(true) when the signature verifies with the certificate's own key, Some(false) when it
/// does not, None when this signature type or key is not checked.
pub fn self_signature(cert: &X509Certificate<'_>) -> Option<bool> {
    use rsa::Pkcs1v15Sign;
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
    let Ok(SubjectKey::RSA(k)) = cert.public_key().parsed() else {
        return None;
    };
    // An even modulus is no RSA key; tiny ones are not worth checking, nor huge ones.
    if k.modulus.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    // `rsa` refuses exponents that are even, below 2, above 2^33 - 1 or not below the modulus:
    // no RSA key has the first three (RFC 8017 section 3.1 requires an odd e >= 3 coprime to
    // the totient; rsa's cap is the usual implementation limit) and a damaged certificate has
    // them all; a key that is not a key cannot have made a valid signature.
    let Some(public) = key(k.modulus, k.exponent)? else {
        return Some(false);
    };
    Some(
        public
            .verify(scheme, &hashed, &cert.signature_value.data)
            .is_ok(),
    )
}
