//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed. RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1 or SHA-256 only: what Windows' self-signed Remote Desktop certificates and most
//! internal CA roots use. Uses `num-bigint` (already in the tree through x509-parser's
//! der-parser); anything else (ECDSA, RSA-PSS, SHA-384/512) is reported as "not checked".

use super::digest::{sha1, sha256};
use num_bigint::BigUint;
use x509_parser::certificate::X509Certificate;
use x509_parser::public_key::PublicKey;

/// DER DigestInfo prefixes (RFC 8017 section 9.2, note 1).
const SHA1_PREFIX: &[u8] = &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];
const SHA256_PREFIX: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
];

/// Largest modulus checked (bits): bigger keys are legal but not worth the time here.
const MAX_BITS: usize = 8192;

/// Some(true) when the signature verifies with the certificate's own key, Some(false) when it
/// does not, None when this signature type is not checked.
pub fn self_signature(cert: &X509Certificate<'_>) -> Option<bool> {
    let sig_oid = cert.signature_algorithm.algorithm.to_id_string();
    let tbs: &[u8] = cert.tbs_certificate.as_ref();
    let (prefix, digest): (&[u8], Vec<u8>) = match sig_oid.as_str() {
        "1.2.840.113549.1.1.11" => (SHA256_PREFIX, sha256(tbs).to_vec()),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => (SHA1_PREFIX, sha1(tbs).to_vec()),
        _ => return None,
    };
    let Ok(PublicKey::RSA(rsa)) = cert.public_key().parsed() else { return None };
    let n = BigUint::from_bytes_be(rsa.modulus);
    let e = BigUint::from_bytes_be(rsa.exponent);
    let bits = n.bits() as usize;
    if !(512..=MAX_BITS).contains(&bits) || e.bits() > 64 || e.bits() == 0 {
        return None;
    }
    let k = bits.div_ceil(8);
    let sig = cert.signature_value.data.as_ref();
    if sig.len() != k {
        return Some(false);
    }
    let s = BigUint::from_bytes_be(sig);
    if s >= n {
        return Some(false);
    }
    let m = pow_mod(&s, &e, &n).to_bytes_be();
    // EM = 0x00 0x01 FF..FF 0x00 DigestInfo; to_bytes_be drops the leading 0x00.
    let t_len = prefix.len() + digest.len();
    if m.len() != k - 1 || k < t_len + 11 {
        return Some(false);
    }
    let ps_len = k - 3 - t_len;
    let ok = m.first() == Some(&0x01)
        && m.get(1..1 + ps_len).is_some_and(|ps| ps.iter().all(|&b| b == 0xff))
        && m.get(1 + ps_len) == Some(&0x00)
        && m.get(2 + ps_len..2 + ps_len + prefix.len()) == Some(prefix)
        && m.get(2 + ps_len + prefix.len()..) == Some(&digest[..]);
    Some(ok)
}

/// `base^exp mod m` for an odd modulus, by Montgomery multiplication on 64-bit limbs
/// (CIOS form), left-to-right square-and-multiply. For the usual exponent 65537 that is 17
/// products with no long division (num-bigint's `modpow` spends most of its time on set-up
/// that only pays off for long private exponents). Even moduli fall back to `modpow`.
fn pow_mod(base: &BigUint, exp: &BigUint, m: &BigUint) -> BigUint {
    if !m.bit(0) || m.bits() < 2 {
        return base.modpow(exp, m);
    }
    let n = m.to_u64_digits();
    let len = n.len();
    let limbs = |x: &BigUint| {
        let mut v = x.to_u64_digits();
        v.resize(len, 0);
        v
    };
    let n0inv = {
        // Newton iteration for n[0]^-1 mod 2^64 (doubles the correct bits each step).
        let mut inv: u64 = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        inv.wrapping_neg()
    };
    let r2 = (BigUint::from(1u8) << (128 * len)) % m;
    let mont = Mont { n: &n, n0inv };
    let b = mont.mul(&limbs(&(base % m)), &limbs(&r2));
    let mut x = b.clone();
    for i in (0..exp.bits().saturating_sub(1)).rev() {
        x = mont.mul(&x, &x);
        if exp.bit(i) {
            x = mont.mul(&x, &b);
        }
    }
    let mut one = vec![0u64; len];
    one[0] = 1;
    let out = if exp.bits() == 0 { mont.mul(&limbs(&r2), &one) } else { x };
    let out = mont.mul(&out, &one);
    let mut bytes = Vec::with_capacity(len * 8);
    for l in &out {
        bytes.extend_from_slice(&l.to_le_bytes());
    }
    BigUint::from_bytes_le(&bytes)
}

struct Mont<'a> {
    n: &'a [u64],
    n0inv: u64,
}

impl Mont<'_> {
    /// a * b * R^-1 mod n, with a, b < n (R = 2^(64 * limbs)).
    fn mul(&self, a: &[u64], b: &[u64]) -> Vec<u64> {
        let len = self.n.len();
        let n = &self.n[..len];
        let a = &a[..len];
        let mut t = vec![0u64; len + 2];
        for &bi in b.iter().take(len) {
            // t += a * bi
            let mut c: u128 = 0;
            for (tj, &aj) in t[..len].iter_mut().zip(a) {
                let x = *tj as u128 + aj as u128 * bi as u128 + c;
                *tj = x as u64;
                c = x >> 64;
            }
            let x = t[len] as u128 + c;
            t[len] = x as u64;
            t[len + 1] = (x >> 64) as u64;
            // t = (t + m * n) / 2^64, with m chosen so the low limb becomes zero.
            let m = t[0].wrapping_mul(self.n0inv);
            let mut c = (t[0] as u128 + m as u128 * n[0] as u128) >> 64;
            for j in 1..len {
                let x = t[j] as u128 + m as u128 * n[j] as u128 + c;
                t[j - 1] = x as u64;
                c = x >> 64;
            }
            let x = t[len] as u128 + c;
            t[len - 1] = x as u64;
            t[len] = t[len + 1] + (x >> 64) as u64;
            t[len + 1] = 0;
        }
        // t < 2n: subtract n once if needed.
        let ge = t[len] != 0 || {
            let mut ge = true;
            for j in (0..len).rev() {
                if t[j] != self.n[j] {
                    ge = t[j] > self.n[j];
                    break;
                }
            }
            ge
        };
        if ge {
            let mut borrow = 0u64;
            for (tj, &nj) in t[..len].iter_mut().zip(self.n) {
                let (d1, b1) = tj.overflowing_sub(nj);
                let (d2, b2) = d1.overflowing_sub(borrow);
                *tj = d2;
                borrow = (b1 || b2) as u64;
            }
        }
        t.truncate(len);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pow_mod_matches_modpow() {
        // Odd multi-limb moduli built from hash output, bases below them.
        for seed in 0u8..6 {
            let mut mb = Vec::new();
            let mut bb = Vec::new();
            for i in 0..8u8 {
                mb.extend(sha256(&[seed, i]));
                bb.extend(sha256(&[seed, i, 1]));
            }
            mb.truncate(200 + seed as usize * 11);
            mb[0] |= 0x80;
            let last = mb.len() - 1;
            mb[last] |= 1;
            let m = BigUint::from_bytes_be(&mb);
            let b = BigUint::from_bytes_be(&bb) % &m;
            for e in [65537u64, 3, 1, 2, 0, 0xffff_ffff] {
                let e = BigUint::from(e);
                assert_eq!(pow_mod(&b, &e, &m), b.modpow(&e, &m), "seed {seed} e {e}");
            }
        }
        let small = BigUint::from(1_000_000_007u64) * BigUint::from(998_244_353u64);
        let b = BigUint::from(123_456_789u64);
        assert_eq!(pow_mod(&b, &BigUint::from(65537u32), &small), b.modpow(&BigUint::from(65537u32), &small));
    }
}
