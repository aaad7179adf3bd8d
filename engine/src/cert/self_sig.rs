//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed: RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512, which is what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use. The arithmetic and the padding check are
//! RustCrypto's `rsa` (public-key verification only); anything else (ECDSA, RSA-PSS, MD5) is
//! reported as "not checked".

use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha384, Sha512};
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey;

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

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
    let Ok(PublicKey::RSA(key)) = cert.public_key().parsed() else {
        return None;
    };
    let n = BigUint::from_bytes_be(key.modulus);
    let e = BigUint::from_bytes_be(key.exponent);
    // An even modulus is no RSA key; tiny ones are not worth checking.
    if n.bits() < MIN_BITS || key.modulus.last().is_none_or(|b| b & 1 == 0) {
        return None;
    }
    if n.bits() > MAX_BITS {
        return None;
    }
    // `rsa` refuses exponents that are even, below 3, above 2^33 - 1 or not below the modulus:
    // no RSA key has the first three (RFC 8017 section 3.1 requires an odd e >= 3 coprime to
    // the totient; rsa's cap is the usual implementation limit) and a damaged certificate has
    // them all; a key that is not a key cannot have made a valid signature.
    let Ok(public) = RsaPublicKey::new_with_max_size(n, e, MAX_BITS) else {
        return Some(false);
    };
    Some(
        public
            .verify(scheme, &hashed, &cert.signature_value.data)
            .is_ok(),
    )
}
