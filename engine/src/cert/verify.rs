//! Checks a certificate's signature against its *own* RSA key, to confirm that a certificate
//! naming itself as issuer really is self-signed. RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2.2)
//! with SHA-1, SHA-256, SHA-384 or SHA-512: what Windows' self-signed Remote Desktop
//! certificates and most internal CA roots use; anything else (ECDSA, RSA-PSS, MD5) is
//! reported as "not checked". The modular exponentiation is a small Montgomery implementation on 64-bit limbs
//! (no big-number crate: keeps the wasm small); public data only, so no constant-time needs.

use super::digest::{sha1, sha256, sha384, sha512};
use super::x509::{rsa_public_key, Certificate};

/// DER DigestInfo prefixes (RFC 8017 section 9.2, note 1).
const SHA1_PREFIX: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];
const SHA256_PREFIX: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
const SHA384_PREFIX: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
const SHA512_PREFIX: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// Modulus sizes checked (bits): others are legal but not worth the time here.
const MIN_BITS: usize = 512;
const MAX_BITS: usize = 8192;

/// Some(true) when the signature verifies with the certificate's own key, Some(false) when it
/// does not, None when this signature type is not checked.
pub fn self_signature(cert: &Certificate<'_>) -> Option<bool> {
    let sig_oid = super::x509::oid_string(&cert.signature_algorithm.algorithm);
    let tbs: &[u8] = cert.tbs;
    let (prefix, digest): (&[u8], Vec<u8>) = match sig_oid.as_str() {
        "1.2.840.113549.1.1.11" => (SHA256_PREFIX, sha256(tbs).to_vec()),
        "1.2.840.113549.1.1.12" => (SHA384_PREFIX, sha384(tbs).to_vec()),
        "1.2.840.113549.1.1.13" => (SHA512_PREFIX, sha512(tbs).to_vec()),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => (SHA1_PREFIX, sha1(tbs).to_vec()),
        _ => return None,
    };
    let rsa = rsa_public_key(&cert.public_key)?;
    let n = strip_zeros(rsa.modulus);
    let e = strip_zeros(rsa.exponent);
    let bits = bit_len(n);
    if !(MIN_BITS..=MAX_BITS).contains(&bits)
        || e.is_empty()
        || e.len() > 8
        || n.last().is_some_and(|b| b & 1 == 0)
    {
        return None;
    }
    let exp = e.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64);
    let k = n.len();
    let sig = cert.signature_value.data.as_ref();
    if sig.len() != k {
        return Some(false);
    }
    let Some(em) = pow_mod(sig, exp, n) else {
        return Some(false);
    };
    // EM = 0x00 0x01 FF..FF 0x00 DigestInfo.
    let t_len = prefix.len() + digest.len();
    if k < t_len + 11 {
        return Some(false);
    }
    let ps_len = k - 3 - t_len;
    let ok = em.first() == Some(&0x00)
        && em.get(1) == Some(&0x01)
        && em
            .get(2..2 + ps_len)
            .is_some_and(|ps| ps.iter().all(|&b| b == 0xff))
        && em.get(2 + ps_len) == Some(&0x00)
        && em.get(3 + ps_len..3 + ps_len + prefix.len()) == Some(prefix)
        && em.get(3 + ps_len + prefix.len()..) == Some(&digest[..]);
    Some(ok)
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b.get(start..).unwrap_or(&[])
}

fn bit_len(be: &[u8]) -> usize {
    match be.first() {
        Some(&f) => (be.len() - 1) * 8 + (8 - f.leading_zeros() as usize),
        None => 0,
    }
}

/// Big-endian bytes to little-endian 64-bit limbs, `len` limbs; None if it does not fit.
fn to_limbs(be: &[u8], len: usize) -> Option<Vec<u64>> {
    let be = strip_zeros(be);
    if be.len() > len * 8 {
        return None;
    }
    let mut out = vec![0u64; len];
    for (i, &b) in be.iter().rev().enumerate() {
        out[i / 8] |= (b as u64) << (8 * (i % 8));
    }
    Some(out)
}

/// a >= b for equal-length little-endian limbs.
fn ge(a: &[u64], b: &[u64]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x > y;
        }
    }
    true
}

/// a -= b (equal lengths, wrapping).
fn sub_assign(a: &mut [u64], b: &[u64]) {
    let mut borrow = 0u64;
    for (x, &y) in a.iter_mut().zip(b) {
        let (d1, b1) = x.overflowing_sub(y);
        let (d2, b2) = d1.overflowing_sub(borrow);
        *x = d2;
        borrow = (b1 || b2) as u64;
    }
}

/// `base^exp mod n` for an odd modulus `n` (big-endian bytes, no leading zeros), result as
/// big-endian bytes of n's length. None when `base >= n`. Montgomery multiplication (CIOS) and
/// left-to-right square-and-multiply: 17 products for the usual exponent 65537.
fn pow_mod(base: &[u8], exp: u64, n_be: &[u8]) -> Option<Vec<u8>> {
    let bits = bit_len(n_be);
    let len = bits.div_ceil(64);
    if len == 0 || n_be.last().is_some_and(|b| b & 1 == 0) {
        return None;
    }
    let n = to_limbs(n_be, len)?;
    let b = to_limbs(base, len)?;
    if ge(&b, &n) {
        return None;
    }
    let n0inv = {
        // Newton iteration for n[0]^-1 mod 2^64 (each step doubles the correct low bits).
        let mut inv: u64 = 1;
        for _ in 0..6 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(n[0].wrapping_mul(inv)));
        }
        inv.wrapping_neg()
    };
    let mont = Mont { n: &n, n0inv };
    // R^2 mod n without division (R = 2^(64 len)): a power of two below n doubled (mod n) up to
    // 2^(64 len + len), then six Montgomery squarings, each taking 2^a to 2^(2a - 64 len).
    // When n fills its top limb (every usual key size), R mod n = R - n: start there.
    let (mut x, doublings) = if bits == 64 * len {
        let mut x = vec![0u64; len];
        sub_assign(&mut x, &n);
        (x, len)
    } else {
        let mut x = vec![0u64; len];
        x[(bits - 1) / 64] = 1u64 << ((bits - 1) % 64);
        (x, 64 * len - bits + 1 + len)
    };
    for _ in 0..doublings {
        let mut carry = 0u64;
        for l in x.iter_mut() {
            let next = *l >> 63;
            *l = (*l << 1) | carry;
            carry = next;
        }
        if carry == 1 || ge(&x, &n) {
            sub_assign(&mut x, &n);
        }
    }
    for _ in 0..6 {
        x = mont.mul(&x, &x);
    }
    let r2 = x;
    let bm = mont.mul(&b, &r2);
    let mut acc = bm.clone();
    if exp == 0 {
        acc = mont.mul(&r2, &{
            let mut one = vec![0u64; len];
            one[0] = 1;
            one
        });
    } else {
        for i in (0..63 - exp.leading_zeros()).rev() {
            acc = mont.mul(&acc, &acc);
            if exp >> i & 1 == 1 {
                acc = mont.mul(&acc, &bm);
            }
        }
    }
    let mut one = vec![0u64; len];
    one[0] = 1;
    let out = mont.mul(&acc, &one);
    let k = n_be.len();
    let mut bytes = vec![0u8; k];
    for (i, byte) in bytes.iter_mut().rev().enumerate() {
        *byte = (out.get(i / 8).copied().unwrap_or(0) >> (8 * (i % 8))) as u8;
    }
    Some(bytes)
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
        let ge = t[len] != 0 || ge(&t[..len], n);
        if ge {
            sub_assign(&mut t[..len], n);
        }
        t.truncate(len);
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    #[test]
    fn pow_mod_matches_num_bigint() {
        // Odd moduli of several sizes built from hash output (bit lengths not multiples of
        // 64 included), bases below them.
        for seed in 0u8..8 {
            let mut mb = Vec::new();
            let mut bb = Vec::new();
            for i in 0..8u8 {
                mb.extend(sha256(&[seed, i]));
                bb.extend(sha256(&[seed, i, 1]));
            }
            mb.truncate(64 + seed as usize * 23);
            mb[0] = (mb[0] | 0x01) >> (seed % 8);
            let last = mb.len() - 1;
            mb[last] |= 1;
            let m = BigUint::from_bytes_be(&mb);
            let b = BigUint::from_bytes_be(&bb) % &m;
            let n_be = m.to_bytes_be();
            for e in [65537u64, 3, 1, 2, 0, 0xffff_ffff, u64::MAX] {
                let want = b.modpow(&BigUint::from(e), &m);
                let got = pow_mod(&b.to_bytes_be(), e, &n_be).unwrap();
                assert_eq!(got.len(), n_be.len());
                assert_eq!(BigUint::from_bytes_be(&got), want, "seed {seed} e {e}");
            }
            // base >= n is refused
            assert!(pow_mod(&n_be, 3, &n_be).is_none());
        }
    }
}
