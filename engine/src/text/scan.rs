//! Byte-level helpers for the text parser: ASCII case folding, character classes, separator
//! skipping and small number/identifier/address readers. All of them work on `&[u8]` with
//! explicit bounds checks and return positions that are always on UTF-8 char boundaries
//! (they only ever stop before an ASCII byte, after a whole multi-byte char, or at the end).

/// ASCII lower-casing table (non-ASCII bytes map to themselves).
pub(crate) static LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i >= b'A' as usize && i <= b'Z' as usize {
            i as u8 + 32
        } else {
            i as u8
        };
        i += 1;
    }
    t
};

/// Class bits: `WORD` = ASCII letter, digit or `_`; `START` = a byte where a pattern may start.
pub(crate) const WORD: u8 = 1;
pub(crate) const START: u8 = 2;

pub(crate) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let word = c.is_ascii_alphanumeric() || c == b'_';
        let mut v = 0;
        if word {
            v |= WORD;
        }
        if c.is_ascii_alphanumeric() || c == b'<' || c >= 0xC0 {
            // Letters, digits, '<' (XML tags) and UTF-8 lead bytes of multi-byte chars.
            v |= START;
        }
        t[i] = v;
        i += 1;
    }
    t
};

#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    CLASS[b as usize] & WORD != 0
}

/// Skips label separators: spaces, tabs, `:`, `=`, `#`, `(`, `[`, `>`, quotes, the full-width
/// colon `：`, the no-break space and the words "is"/"was" — at most 24 bytes.
pub(crate) fn skip_sep(b: &[u8], mut i: usize) -> usize {
    let limit = i.saturating_add(24).min(b.len());
    while i < limit {
        match b[i] {
            b' ' | b'\t' | b':' | b'=' | b'#' | b'(' | b'[' | b'"' | b'\'' | b'>' => i += 1,
            0xEF if b.get(i + 1) == Some(&0xBC) && b.get(i + 2) == Some(&0x9A) => i += 3, // ：
            0xC2 if b.get(i + 1) == Some(&0xA0) => i += 2,                                // NBSP
            b'i' | b'I' if starts_with_ci(b, i, b"is ") => i += 3,
            b'w' | b'W' if starts_with_ci(b, i, b"was ") => i += 4,
            _ => break,
        }
    }
    i.min(b.len())
}

/// Skips spaces and tabs only.
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Case-insensitive (ASCII) prefix test at `i`; `pat` must be lower case.
pub(crate) fn starts_with_ci(b: &[u8], i: usize, pat: &[u8]) -> bool {
    match b.get(i..i.saturating_add(pat.len())) {
        Some(s) if s.len() == pat.len() => s.iter().zip(pat).all(|(x, y)| LOWER[*x as usize] == *y),
        _ => false,
    }
}

/// A number read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num {
    pub value: u32,
    pub end: usize,
    pub hex: bool,
    /// Number of digits written (without `0x`).
    pub digits: usize,
}

/// Reads `0x…` (1–8 hex digits) or a decimal number (up to 10 digits, fitting u32) at `i`.
/// The number must not run into a following letter or digit.
pub(crate) fn read_number(b: &[u8], i: usize) -> Option<Num> {
    if i + 1 < b.len() && b[i] == b'0' && (b[i + 1] == b'x' || b[i + 1] == b'X') {
        return read_hex(b, i + 2);
    }
    read_decimal(b, i)
}

/// Reads 1–8 hex digits at `s` (no `0x`), not running into a following letter or digit.
pub(crate) fn read_hex(b: &[u8], s: usize) -> Option<Num> {
    let mut e = s;
    while e < b.len() && b[e].is_ascii_hexdigit() {
        e += 1;
    }
    let digits = e - s;
    if digits == 0 || digits > 8 || b.get(e).is_some_and(|c| is_word(*c)) {
        return None;
    }
    let mut v: u32 = 0;
    for &c in &b[s..e] {
        v = (v << 4) | (c as char).to_digit(16)?;
    }
    Some(Num {
        value: v,
        end: e,
        hex: true,
        digits,
    })
}

/// Reads a decimal number at `i` (up to 10 digits, fitting u32).
pub(crate) fn read_decimal(b: &[u8], i: usize) -> Option<Num> {
    let mut e = i;
    let mut v: u64 = 0;
    while e < b.len() && b[e].is_ascii_digit() {
        v = v * 10 + (b[e] - b'0') as u64;
        e += 1;
        if e - i > 10 {
            return None;
        }
    }
    let digits = e - i;
    if digits == 0
        || v > u32::MAX as u64
        || b.get(e)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    Some(Num {
        value: v as u32,
        end: e,
        hex: false,
        digits,
    })
}

/// Reads a decimal number that may have a fraction (`12.5`), returning the whole part and end.
pub(crate) fn read_float_int(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut e = i;
    let mut v: u64 = 0;
    while e < b.len() && b[e].is_ascii_digit() && e - i < 9 {
        v = v * 10 + (b[e] - b'0') as u64;
        e += 1;
    }
    if e == i {
        return None;
    }
    if e < b.len()
        && (b[e] == b'.' || b[e] == b',')
        && b.get(e + 1).is_some_and(|c| c.is_ascii_digit())
    {
        e += 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
    }
    Some((v as u32, e))
}

/// Reads an identifier `[A-Za-z0-9_]+` at `i`; returns its end.
pub(crate) fn ident_end(b: &[u8], i: usize) -> usize {
    let mut e = i;
    while e < b.len() && is_word(b[e]) && e - i < 96 {
        e += 1;
    }
    e
}

/// Longest stretch of a line any handler looks at (keeps the parse linear on huge lines).
pub(crate) const LINE_WINDOW: usize = 512;

/// End of the line containing `i` (position of `\n`/`\r` or end of text), looking at most
/// [`LINE_WINDOW`] bytes ahead.
pub(crate) fn line_end(b: &[u8], i: usize) -> usize {
    let lim = i.saturating_add(LINE_WINDOW).min(b.len());
    let mut e = i.min(lim);
    while e < lim && b[e] != b'\n' && b[e] != b'\r' {
        e += 1;
    }
    e
}

/// True when `hay` contains `needle` (lower-case ASCII), ignoring ASCII case.
pub(crate) fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    find_ci(hay, needle).is_some()
}

/// Where `needle` (lower-case ASCII) first occurs in `hay`, ignoring ASCII case.
pub(crate) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    if hay.len() < needle.len() {
        return None;
    }
    // Compare the rest only where the first byte matches (handlers call this on short
    // windows before every bare `0x…` and soft hint, so it is on the hot path).
    (0..=hay.len() - needle.len()).find(|&i| {
        LOWER[hay[i] as usize] == first
            && hay[i + 1..i + needle.len()]
                .iter()
                .zip(rest)
                .all(|(x, y)| LOWER[*x as usize] == *y)
    })
}

/// True when any of `needles` (lower case, non-empty) occurs in `hay`, ASCII letters matching
/// any case: one pass over `hay`, comparing a needle only where its first byte is (the bare
/// `0x…` reader asks this of ten context words before every code-like number, the negation
/// check of two spellings of "n't" before every hint: one pass instead of one per word).
pub(crate) fn contains_any_ci(hay: &[u8], needles: &[&[u8]]) -> bool {
    contains_any_ci_where(hay, needles, |_| true)
}

/// [`contains_any_ci`], counting only the occurrences whose start `accept` takes (an offset
/// into `hay`).
pub(crate) fn contains_any_ci_where(
    hay: &[u8],
    needles: &[&[u8]],
    mut accept: impl FnMut(usize) -> bool,
) -> bool {
    // Which first bytes occur, folded to 64 bits (a byte not in it starts no needle).
    let firsts = needles
        .iter()
        .filter_map(|n| n.first())
        .fold(0u64, |m, &c| m | 1 << (c & 63));
    (0..hay.len()).any(|i| {
        let c = LOWER[hay[i] as usize];
        firsts >> (c & 63) & 1 != 0
            && needles.iter().any(|n| {
                n.first() == Some(&c)
                    && hay.len() - i >= n.len()
                    && hay[i + 1..i + n.len()]
                        .iter()
                        .zip(&n[1..])
                        .all(|(x, y)| LOWER[*x as usize] == *y)
            })
            && accept(i)
    })
}

/// Reads an IPv4 or IPv6 address token at `i` (digits, hex, `.`, `:`, `%`); returns
/// `(address, end)` when it looks like an address.
pub(crate) fn read_ip(b: &[u8], i: usize) -> Option<(&str, usize)> {
    let mut e = i;
    while e < b.len() && (b[e].is_ascii_hexdigit() || b[e] == b'.' || b[e] == b':') && e - i < 46 {
        e += 1;
    }
    let tok = std::str::from_utf8(b.get(i..e)?)
        .ok()?
        .trim_end_matches('.');
    let e = i + tok.len();
    if b.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let dots = tok.bytes().filter(|c| *c == b'.').count();
    let colons = tok.bytes().filter(|c| *c == b':').count();
    let v4 = dots == 3
        && tok.split('.').all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        });
    let v6 = colons >= 2 && dots == 0;
    if v4 || v6 {
        Some((tok, e))
    } else {
        None
    }
}

/// True for loopback addresses (127.0.0.0/8, ::1).
pub(crate) fn is_loopback(ip: &str) -> bool {
    ip.starts_with("127.") || ip == "::1" || ip.eq_ignore_ascii_case("0:0:0:0:0:0:0:1")
}

/// Moves `i` back to the previous UTF-8 char boundary (never below 0).
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hex_decimal_and_limits() {
        assert_eq!(
            read_number(b"0x904 ", 0).map(|n| (n.value, n.end, n.hex)),
            Some((0x904, 5, true))
        );
        assert_eq!(
            read_number(b"0X8009030d", 0).map(|n| n.value),
            Some(0x8009030D)
        );
        assert_eq!(
            read_number(b"2308", 0).map(|n| (n.value, n.hex)),
            Some((2308, false))
        );
        assert_eq!(read_number(b"0x123456789", 0), None);
        assert_eq!(read_number(b"0xg", 0), None);
        assert_eq!(read_number(b"99999999999", 0), None);
        assert_eq!(read_number(b"12abc", 0), None);
    }

    #[test]
    fn separators_include_fullwidth_colon_and_words() {
        let s = "：0x7".as_bytes();
        assert_eq!(skip_sep(s, 0), 3);
        assert_eq!(skip_sep(b" is 0x7", 0), 4);
    }

    #[test]
    fn contains_any_ci_finds_any_needle_in_one_pass() {
        assert!(contains_any_ci(b"Fehler CODE: ", &[b"error", b"code"]));
        assert!(contains_any_ci("错误 ".as_bytes(), &["错误".as_bytes()]));
        assert!(!contains_any_ci(b"cod", &[b"code", b"error"]));
        assert!(!contains_any_ci(b"", &[b"x"]));
        assert!(contains_any_ci(b"don't", &[b"n't"]));
    }

    #[test]
    fn contains_ci_matches_case_insensitively_anywhere() {
        assert!(contains_ci(b"Error CODE here", b"code"));
        assert!(contains_ci(b"abc", b""));
        assert!(!contains_ci(b"ab", b"abc"));
        assert!(!contains_ci(b"cod e", b"code"));
        assert!(contains_ci(b"xcode", b"code"));
    }

    #[test]
    fn addresses() {
        assert_eq!(read_ip(b"10.0.0.5 ", 0).map(|x| x.0), Some("10.0.0.5"));
        assert_eq!(read_ip(b"10.0.0.5.", 0).map(|x| x.0), Some("10.0.0.5"));
        assert_eq!(read_ip(b"fe80::1", 0).map(|x| x.0), Some("fe80::1"));
        assert_eq!(read_ip(b"1.2.3", 0), None);
        assert!(is_loopback("127.0.1.1"));
    }
}
