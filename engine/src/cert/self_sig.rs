//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed: RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512, which is what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use. The arithmetic and the padding check are
//! RustCrypto's `rsa` (public-key verification only); anything else (ECDSA, RSA-PSS, MD5) is
//! reported as "not checked".
//!
//! Two builds of the same check, one per target (`engine/Cargo.toml` says why):
//! - natively `rsa` 0.10 (crypto-bigint), which applies the public exponent variable-time over
//!   its own bits: RSA-2048 in about 50 µs;
//! - in the wasm `rsa` 0.9 (num-bigint-dig), about 135 µs natively, but some 14 KB smaller
//!   gzipped.
//!
//! The algorithm choice, the digest and the key are taken by one macro for both
//! (`scheme_digest_key!`); only the arithmetic set-up follows each version's API.
//!
//! Both take the same steps and give the same answers: the ignored `cert_golden` test's summary
//! of 98 664 cut and bit-flipped certificates is byte-identical with either.

use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey as SubjectKey;

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

/// The padding scheme for the certificate's signature algorithm, the digest of the signed part
/// and the RSA key, or `return None` from the calling function when the algorithm or the key is
/// not one checked here. A macro because the two `rsa` versions below have different types for
/// the same steps.
macro_rules! scheme_digest_key {
    ($cert:expr, $Pkcs1v15Sign:ident) => {{
        let tbs = $cert.tbs_certificate.as_ref();
        let (scheme, hashed) = match $cert.signature_algorithm.algorithm.to_id_string().as_str() {
            "1.2.840.113549.1.1.11" => {
                ($Pkcs1v15Sign::new::<Sha256>(), Sha256::digest(tbs).to_vec())
            }
            "1.2.840.113549.1.1.12" => {
                ($Pkcs1v15Sign::new::<Sha384>(), Sha384::digest(tbs).to_vec())
            }
            "1.2.840.113549.1.1.13" => {
                ($Pkcs1v15Sign::new::<Sha512>(), Sha512::digest(tbs).to_vec())
            }
            "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => {
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
