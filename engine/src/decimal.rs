//! Decimal text and `f64`, both ways, without core's float tables:
//! - [`parse_decimal`]: JSON numbers to `f64`, correctly rounded (ties to even), without the
//!   power-of-five table that `str::parse::<f64>` brings along (that table and its Eisel–Lemire
//!   code were about 15 KB of the gzipped web app). Up to 19 significant digits and a small
//!   power of ten (every number our own tools write, every knowledge ratio) take exact `u128`
//!   arithmetic rounded once by the integer-to-float conversion; anything else goes through a
//!   decimal digit buffer scaled by powers of two until the exponent and the 53 mantissa bits
//!   can be read off it (slow, but only odd inputs go there; the buffer keeps [`MAX_DIGITS`]
//!   digits plus a "something non-zero was cut" flag, which is enough to round every double).
//! - [`fixed`]: `format!("{v:.N}")` byte for byte (exact value, ties to even) by integer
//!   arithmetic, so core's Grisu/Dragon float printing stays out of the wasm too.
//!
//! Both are checked against the standard library by the tests below, and the parser against
//! serde_json by the `json` fuzz target.

/// Digits kept by the slow path. A decimal that decides the rounding of a double never needs
/// more than 767 significant digits; the rest only matter as "non-zero or not".
const MAX_DIGITS: usize = 800;

/// Converts a number that already matched JSON's grammar (`-?digits[.digits][e[+-]digits]`).
/// `None` when it is too large for a double.
pub(crate) fn parse_decimal(lexeme: &str) -> Option<f64> {
    let b = lexeme.as_bytes();
    let neg = b.first() == Some(&b'-');
    let mut i = usize::from(neg);
    // Significant digits (leading zeros dropped) and the decimal point's place: the value is
    // 0.DIGITS × 10^point. Up to 19 digits (every number our own tools write) stay on the
    // stack; only longer ones are copied into a vector for the slow path.
    let mut small = [0u8; 19];
    let mut len = 0;
    let mut long: Vec<u8> = Vec::new();
    let mut point: i64 = 0;
    let mut in_fraction = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                if len == 0 && c == b'0' {
                    if in_fraction {
                        point -= 1;
                    }
                } else {
                    if len == small.len() {
                        long.extend_from_slice(&small);
                    }
                    match small.get_mut(len) {
                        Some(d) => *d = c - b'0',
                        None => long.push(c - b'0'),
                    }
                    len += 1;
                    if !in_fraction {
                        point += 1;
                    }
                }
            }
            b'.' => in_fraction = true,
            _ => break,
        }
        i += 1;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let exp_neg = b.get(i) == Some(&b'-');
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let mut e: i64 = 0;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            // Saturates far beyond any double's range, so a huge exponent cannot overflow.
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000);
            i += 1;
        }
        point += if exp_neg { -e } else { e };
    }
    let mut digits: &[u8] = if long.is_empty() {
        &small[..len]
    } else {
        &long
    };
    while let [rest @ .., 0] = digits {
        digits = rest;
    }
    let magnitude = if digits.is_empty() || point < -400 {
        Some(0.0)
    } else if point > 310 {
        None
    } else {
        Some(
            exact_small(digits, point)
                .unwrap_or_else(|| Decimal::new(digits.to_vec(), point).into_f64()),
        )
    }?;
    if magnitude.is_infinite() {
        return None;
    }
    Some(if neg { -magnitude } else { magnitude })
}

/// The exact path: `w × 10^k` with `w` below 10^19 and `-21 ≤ k ≤ 19`.
fn exact_small(digits: &[u8], point: i64) -> Option<f64> {
    if digits.len() > 19 {
        return None;
    }
    let w = digits.iter().fold(0u128, |w, &d| w * 10 + u128::from(d));
    let k = point - digits.len() as i64;
    if (0..=19).contains(&k) {
        // Below 10^38 < 2^128; the conversion rounds to nearest, ties to even.
        return Some((w * 10u128.pow(k as u32)) as f64);
    }
    if (-21..0).contains(&k) {
        // Shift w up to 128 bits, divide: the quotient has at least 57 bits, so or-ing a
        // "remainder was non-zero" bit into its lowest place rounds exactly like the true value.
        let shift = w.leading_zeros();
        let den = 10u128.pow((-k) as u32);
        let num = w << shift;
        let q = (num / den) | u128::from(num % den != 0);
        // Scaling by 2^-shift is exact: the result (≥ 10^-21) is a normal double.
        return Some(q as f64 * f64::from_bits((1023 - u64::from(shift)) << 52));
    }
    None
}

/// `format!("{v:.decimals$}")` (up to 20 decimals), byte for byte: the exact binary value rounded half to even,
/// a `-` for any negative value (also when it rounds to zero), `NaN`/`inf` as core writes them.
pub fn fixed(v: f64, decimals: u32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v.is_infinite() {
        return format!("{sign}inf");
    }
    let bits = v.abs().to_bits();
    let field = (bits >> 52) as i64;
    let frac = bits & ((1 << 52) - 1);
    // |v| = mant × 2^e exactly.
    let (mant, e) = if field == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, field - 1075)
    };
    let decimals = decimals.min(20);
    let mut digits = if e >= 0 {
        // An integer: mant × 10^decimals × 2^e, exactly, through the digit buffer.
        let scaled = u128::from(mant) * 10u128.pow(decimals);
        let digits: Vec<u8> = scaled.to_string().bytes().map(|c| c - b'0').collect();
        let point = digits.len() as i64;
        let mut d = Decimal::new(digits, point);
        let mut left = e;
        while left > 0 {
            let k = left.min(60) as u32;
            d.shl(k);
            left -= i64::from(k);
        }
        let mut s: String = d.digits.iter().map(|&c| char::from(b'0' + c)).collect();
        for _ in d.digits.len() as i64..d.point {
            s.push('0');
        }
        s
    } else {
        let shift = (-e) as u32;
        let num = u128::from(mant) * 10u128.pow(decimals);
        let n = if shift >= 127 {
            0
        } else {
            let q = num >> shift;
            let r = num & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            q + u128::from(r > half || (r == half && q % 2 == 1))
        };
        n.to_string()
    };
    let d = decimals as usize;
    if d > 0 {
        while digits.len() <= d {
            digits.insert(0, '0');
        }
        digits.insert(digits.len() - d, '.');
    }
    format!("{sign}{digits}")
}

/// A decimal 0.DIGITS × 10^point, scaled by powers of two in place.
struct Decimal {
    digits: Vec<u8>,
    point: i64,
    /// A non-zero digit was dropped beyond [`MAX_DIGITS`].
    cut: bool,
}

impl Decimal {
    fn new(mut digits: Vec<u8>, point: i64) -> Decimal {
        let cut = digits.len() > MAX_DIGITS;
        digits.truncate(MAX_DIGITS);
        Decimal { digits, point, cut }
    }

    /// Multiplies by 2^k (k ≤ 60).
    fn shl(&mut self, k: u32) {
        let mut out = Vec::with_capacity(self.digits.len() + 20);
        let mut carry: u64 = 0;
        for &d in self.digits.iter().rev() {
            let v = (u64::from(d) << k) + carry;
            out.push((v % 10) as u8);
            carry = v / 10;
        }
        while carry > 0 {
            out.push((carry % 10) as u8);
            carry /= 10;
        }
        out.reverse();
        self.point += out.len() as i64 - self.digits.len() as i64;
        self.set(out);
    }

    /// Divides by 2^k (k ≤ 60).
    fn shr(&mut self, k: u32) {
        let mask = (1u64 << k) - 1;
        let mut out = Vec::with_capacity(self.digits.len() + 20);
        let mut acc: u64 = 0;
        for &d in &self.digits {
            acc = acc * 10 + u64::from(d);
            out.push((acc >> k) as u8);
            acc &= mask;
        }
        while acc != 0 && out.len() <= MAX_DIGITS {
            acc *= 10;
            out.push((acc >> k) as u8);
            acc &= mask;
        }
        self.cut |= acc != 0;
        let lead = out.iter().take_while(|&&d| d == 0).count();
        out.drain(..lead);
        self.point -= lead as i64;
        self.set(out);
    }

    /// Keeps at most MAX_DIGITS digits (remembering a dropped non-zero one), no trailing zeros.
    fn set(&mut self, mut out: Vec<u8>) {
        if out.len() > MAX_DIGITS {
            self.cut |= out[MAX_DIGITS..].iter().any(|&d| d != 0);
            out.truncate(MAX_DIGITS);
        }
        while out.last() == Some(&0) {
            out.pop();
        }
        self.digits = out;
    }

    fn lead(&self) -> u8 {
        self.digits.first().copied().unwrap_or(0)
    }

    /// The integer part rounded half to even (the value is below 2^54 here).
    fn round_to_integer(&self) -> u64 {
        if self.point < 0 {
            return 0; // below 0.1
        }
        let whole = self.point.clamp(0, 19) as usize;
        let mut n: u64 = 0;
        for p in 0..whole {
            n = n * 10 + u64::from(self.digits.get(p).copied().unwrap_or(0));
        }
        let next = self.digits.get(whole).copied().unwrap_or(0);
        let rest = self.cut || self.digits.len() > whole + 1;
        if next > 5 || (next == 5 && (rest || n % 2 == 1)) {
            n += 1;
        }
        n
    }

    fn into_f64(mut self) -> f64 {
        // Scale into [0.5, 1), counting the binary exponent: value = this × 2^e2.
        let mut e2: i64 = 0;
        while self.point > 0 {
            let k = if self.point >= 19 {
                60
            } else {
                log2_10_floor(self.point).max(1)
            };
            self.shr(k);
            e2 += i64::from(k);
        }
        while self.point < 0 || (self.point == 0 && self.lead() < 5) {
            // 2^k stays below 10^-point, so the value stays below 1.
            let k = if self.point <= -19 {
                60
            } else {
                log2_10_floor(-self.point).max(1)
            };
            self.shl(k);
            e2 -= i64::from(k);
        }
        // Now value = (2·this) × 2^(e2-1) with 2·this in [1, 2).
        let mut exp = e2 - 1;
        if exp > 1023 {
            return f64::INFINITY;
        }
        if exp < -1022 {
            // Subnormal: fewer mantissa bits.
            let mut extra = -1022 - exp;
            while extra > 0 {
                let k = extra.min(60) as u32;
                self.shr(k);
                extra -= i64::from(k);
            }
            self.shl(53);
            // Below 2^52: the exponent field stays 0; rounding up to 2^52 gives the smallest
            // normal, whose bits are the same number.
            return f64::from_bits(self.round_to_integer());
        }
        self.shl(53);
        let mut m = self.round_to_integer();
        if m >= 1 << 53 {
            m >>= 1;
            exp += 1;
            if exp > 1023 {
                return f64::INFINITY;
            }
        }
        f64::from_bits(((exp + 1023) as u64) << 52 | (m & ((1 << 52) - 1)))
    }
}

/// ⌊n · log2(10)⌋ from below (never above the true value), for 0 ≤ n ≤ 18.
fn log2_10_floor(n: i64) -> u32 {
    (n * 3_321_928 / 1_000_000) as u32
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    fn check(s: &str) {
        let want = s.parse::<f64>().ok().filter(|f| f.is_finite());
        let got = parse_decimal(s);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{s}: {got:?} vs {want:?}"
        );
    }

    use crate::test_rng::Lcg as Gen;

    #[test]
    fn edge_cases_match_the_standard_parser() {
        for s in [
            "0",
            "-0",
            "0.0",
            "1",
            "-1",
            "0.1",
            "0.5",
            "2.5",
            "1.3",
            "1e0",
            "1E+2",
            "1e-2",
            "123456789012345678",
            "1234567890123456789",
            "12345678901234567890",
            "9007199254740993",
            "9007199254740992.5",
            "0.12345678901234568",
            "1e22",
            "1e23",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2e308",
            "1e309",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1e-400",
            "0.000001e-330",
            "1e-21",
            "1e-22",
            "123e-21",
            "9999999999999999999e-21",
            "0.1e-999999999",
            "1e999999999",
            "100000000000000000000000000000000000000000000e-44",
            // serde_json without float_roundtrip reads this one a bit off (…458e45); found by
            // the json fuzz target.
            "1234573709552345678901033490103456781034567890",
            // The exact path's quotient ends exactly on a halfway pattern while the true value
            // is a little above it: only the "remainder was non-zero" bit rounds these up.
            "642713322190e-17",
            "69017440e-18",
            "7541356280340356e-19",
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628",
            "2.225073858507201136057409796709131975934819546351645648023426109724822222021e-308",
        ] {
            check(s);
        }
    }

    #[test]
    fn random_decimals_match_the_standard_parser() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for _ in 0..60_000 {
            let longest = if g.below(4) == 0 { 40 } else { 20 };
            let n = 1 + g.below(longest) as usize;
            let mut s = String::new();
            if g.below(2) == 0 {
                s.push('-');
            }
            for j in 0..n {
                let d = if j == 0 { 1 + g.below(9) } else { g.below(10) };
                s.push(char::from(b'0' + d as u8));
            }
            if g.below(2) == 0 && n > 1 {
                let at = 1 + g.below(n as u64 - 1) as usize;
                s.insert(at + usize::from(s.starts_with('-')), '.');
            }
            let e = g.below(700) as i64 - 350;
            s.push_str(&format!("e{e}"));
            check(&s);
        }
    }

    #[test]
    fn doubles_and_their_neighbours_round_trip() {
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let bits = g.bits() & 0x7fef_ffff_ffff_ffff;
            let f = f64::from_bits(bits);
            check(&format!("{f:e}"));
            check(&format!("{f:?}"));
            // Long exact expansions, then the same with the last digits nudged: these sit
            // next to halfway points between two doubles.
            let long = format!("{f:.40e}");
            check(&long);
            if let Some((mant, exp)) = long.split_once('e') {
                for tail in ["5", "49999999999999999999", "50000000000000000001"] {
                    check(&format!("{}{}e{}", &mant[..mant.len().min(18)], tail, exp));
                }
            }
        }
    }

    #[test]
    fn exact_halfway_points_round_to_even() {
        // (2m+1)·2^(e-1) written out exactly: the midpoint between two neighbouring doubles.
        for bits in [
            1u64,
            2,
            0x000f_ffff_ffff_ffff,
            0x0010_0000_0000_0000,
            0x3ff0_0000_0000_0000,
            0x3ff0_0000_0000_0001,
            0x4340_0000_0000_0000,
            0x7fef_ffff_ffff_fffe,
        ] {
            let lo = f64::from_bits(bits);
            let hi = f64::from_bits(bits + 1);
            // The midpoint has at most 1075 significant decimals: print both doubles exactly
            // and average them digit by digit through the standard parser's view of a 1100-digit
            // expansion of the low one plus half an ulp.
            let exact_lo = format!("{lo:.1100e}");
            let exact_hi = format!("{hi:.1100e}");
            check(&exact_lo);
            check(&exact_hi);
            let mid = midpoint(&exact_lo, &exact_hi);
            check(&mid);
        }
    }

    /// The decimal midpoint of two numbers printed with the same `{:.Ne}` exponent or with
    /// exponents one apart (enough for neighbouring doubles).
    fn midpoint(a: &str, b: &str) -> String {
        let (am, ae) = a.split_once('e').unwrap();
        let (bm, be) = b.split_once('e').unwrap();
        let (ae, be): (i64, i64) = (ae.parse().unwrap(), be.parse().unwrap());
        let digits = |m: &str| {
            m.bytes()
                .filter(u8::is_ascii_digit)
                .map(|d| d - b'0')
                .collect::<Vec<u8>>()
        };
        let mut x = digits(am);
        let mut y = digits(bm);
        // Align to the larger exponent.
        let e = ae.max(be);
        for _ in ae..e {
            x.insert(0, 0);
        }
        for _ in be..e {
            y.insert(0, 0);
        }
        let n = x.len().max(y.len()) + 1;
        x.resize(n, 0);
        y.resize(n, 0);
        // sum, then halve
        let mut sum = vec![0u8; n + 1];
        let mut carry = 0;
        for i in (0..n).rev() {
            let v = x[i] + y[i] + carry;
            sum[i + 1] = v % 10;
            carry = v / 10;
        }
        sum[0] = carry;
        let mut half = Vec::with_capacity(n + 2);
        let mut rem = 0u8;
        for &d in &sum {
            let v = rem * 10 + d;
            half.push(v / 2);
            rem = v % 2;
        }
        if rem == 1 {
            half.push(5);
        }
        let s: String = half.iter().map(|&d| char::from(b'0' + d)).collect();
        // sum has one extra leading digit: value = 0.s × 10^(e+2) when read as "0.s".
        format!("0.{s}e{}", e + 2)
    }

    #[test]
    fn fixed_matches_core_formatting() {
        use super::fixed;
        let mut g = Gen(0x1234_5678_9abc_def1);
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.25,
            0.125,
            0.375,
            2.675,
            -0.04,
            -0.4,
            1e21,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            99.95,
            0.05,
            0.15,
            123456789.125,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for _ in 0..40_000 {
            values.push(match g.below(4) {
                0 => f64::from_bits(g.bits()),
                1 => (g.below(1_000_000) as f64) / 1000.0,
                2 => (g.below(1 << 20) as f64) / f64::from(1u32 << (g.below(12) as u32)),
                _ => (g.bits() >> 11) as f64 * 1e-16 * 100.0,
            });
        }
        for v in values {
            for d in 0..=3u32 {
                assert_eq!(
                    fixed(v, d),
                    format!("{v:.prec$}", prec = d as usize),
                    "{v:e} .{d}"
                );
            }
        }
    }
}
