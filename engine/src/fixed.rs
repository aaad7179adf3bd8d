//! Fixed-point decimal text of an `f64`, exactly as `format!("{:.N}", x)` writes it (the exact
//! binary value rounded to N decimals, ties to even; `-` whenever the sign bit is set, also for
//! -0.0; `NaN`, `inf`, `-inf`). Own integer code because core's float formatting (Grisu and
//! Dragon4 with their tables, about 12 KB of wasm) would otherwise be linked only for the few
//! percentages, ratios and sizes the engine and the page print; kept this way for size.

/// `x` with `decimals` digits after the point (at most 9), as `format!("{x:.decimals$}")`.
pub fn fixed(x: f64, decimals: usize) -> String {
    let decimals = decimals.min(9);
    if x.is_nan() {
        return "NaN".to_string();
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // |x| = m × 2^e exactly.
    let bits = x.to_bits();
    let exp_bits = (bits >> 52 & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp_bits - 1075)
    };
    let scale = 10u64.pow(decimals as u32);
    let digits = if e >= 0 {
        // An integer: m × 2^e in base 10^9 limbs (least significant first), then the zeros.
        let mut limbs = vec![(m % 1_000_000_000) as u32, (m / 1_000_000_000) as u32];
        for _ in 0..e {
            let mut carry = 0;
            for l in &mut limbs {
                let v = *l * 2 + carry;
                *l = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(carry);
            }
        }
        let mut s = limbs_text(&limbs);
        s.extend(std::iter::repeat_n('0', decimals));
        s
    } else {
        // m × 10^decimals < 2^83 fits in u128; shifted right by -e with exact rounding.
        let k = (-e) as u32;
        let num = u128::from(m) * u128::from(scale);
        let q = if k >= 100 {
            0
        } else {
            let q = num >> k;
            let rest = num & ((1u128 << k) - 1);
            let half = 1u128 << (k - 1);
            if rest > half || (rest == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        limbs_text(&[
            (q % 1_000_000_000) as u32,
            (q / 1_000_000_000 % 1_000_000_000) as u32,
            (q / 1_000_000_000_000_000_000) as u32,
        ])
    };
    // `digits` is the value times 10^decimals; put the point in.
    let padded = if digits.len() <= decimals {
        "0".repeat(decimals + 1 - digits.len()) + &digits
    } else {
        digits
    };
    let (int, dec) = padded.split_at(padded.len() - decimals);
    out.push_str(int);
    if decimals > 0 {
        out.push('.');
        out.push_str(dec);
    }
    out
}

/// Decimal digits of base-10^9 limbs (least significant first), without leading zeros.
fn limbs_text(limbs: &[u32]) -> String {
    let mut s = String::new();
    for &l in limbs.iter().rev() {
        let mut chunk = [b'0'; 9];
        let mut v = l;
        for c in chunk.iter_mut().rev() {
            *c = b'0' + (v % 10) as u8;
            v /= 10;
        }
        s.extend(chunk.iter().map(|&b| char::from(b)));
    }
    let zeros = s.len() - s.trim_start_matches('0').len();
    if zeros == s.len() {
        "0".to_string()
    } else {
        s.split_off(zeros)
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    fn check(x: f64) {
        assert_eq!(fixed(x, 0), format!("{x:.0}"), "{x:e}");
        assert_eq!(fixed(x, 1), format!("{x:.1}"), "{x:e}");
        assert_eq!(fixed(x, 2), format!("{x:.2}"), "{x:e}");
        assert_eq!(fixed(x, 3), format!("{x:.3}"), "{x:e}");
    }

    #[test]
    fn same_text_as_core_formatting() {
        for x in [
            0.0,
            -0.0,
            0.25,
            0.125,
            2.5,
            1.5,
            0.5,
            -0.01,
            0.05,
            0.15,
            0.35,
            99.95,
            99.995,
            1e-9,
            5e-324,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            9007199254740993.0,
            123456.785,
            0.045,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1.0 / 3.0,
            2.0 / 3.0,
            1048576.0 / 3.0,
        ] {
            check(x);
            check(-x);
        }
        // Random bit patterns (every exponent), values near ties, and typical magnitudes.
        let mut seed = 5u64;
        for i in 0..200_000u64 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = match i % 4 {
                0 => f64::from_bits(seed),
                1 => (seed >> 11) as f64 / (1u64 << 53) as f64 * 1000.0,
                2 => ((seed >> 40) as f64 + 0.5) / 100.0,
                _ => ((seed >> 44) as f64) / 1000.0 + 0.0005,
            };
            check(x);
        }
    }
}
