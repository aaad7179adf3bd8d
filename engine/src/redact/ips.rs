//! IP-address detector: dotted-quad IPv4 and IPv6 (compressed, with an embedded IPv4 tail or a
//! `%zone`); loopback, unspecified and mask-like addresses and the diagnosed host are kept.

use super::{Hit, Kind};

/// IPv4 end if a dotted quad (each part 0–255) starts at `i`.
pub(super) fn ipv4_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for part in 0..4 {
        let s = j;
        while j < b.len() && b[j].is_ascii_digit() && j - s < 3 {
            j += 1;
        }
        if j == s {
            return None;
        }
        let n: u32 = b[s..j].iter().fold(0, |a, d| a * 10 + u32::from(d - b'0'));
        if n > 255 {
            return None;
        }
        if part < 3 {
            if j < b.len() && b[j] == b'.' {
                j += 1;
            } else {
                return None;
            }
        }
    }
    if j < b.len()
        && (b[j].is_ascii_alphanumeric()
            || (b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
    {
        return None;
    }
    Some(j)
}

/// IPv6 end if an address (8 groups, or fewer with one `::`, optionally ending in a dotted
/// quad, optionally with a `%zone`) starts at `i`.
fn ipv6_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_hexdigit() || b[j] == b':' || b[j] == b'.') {
        j += 1;
        if j - i > 48 {
            return None; // longer than any address
        }
    }
    let mut tok = &b[i..j];
    while tok.ends_with(b".") {
        tok = &tok[..tok.len() - 1];
    }
    // A trailing single ':' (as in "address:") is punctuation.
    while tok.len() > 2 && tok.ends_with(b":") && !tok.ends_with(b"::") {
        tok = &tok[..tok.len() - 1];
    }
    let s = std::str::from_utf8(tok).ok()?;
    if s.matches("::").count() > 1 || s.contains(":::") || !s.contains(':') {
        return None;
    }
    let (groups, tail4) = match s.rfind(':') {
        Some(p) if s[p + 1..].contains('.') => (&s[..p + 1], Some(&s[p + 1..])),
        _ => (s, None),
    };
    if s.contains('.') && tail4.is_none() {
        return None;
    }
    if let Some(t) = tail4 {
        if ipv4_at(t.as_bytes(), 0) != Some(t.len()) {
            return None;
        }
    }
    let compressed = s.contains("::");
    let parts: Vec<&str> = groups.split(':').filter(|g| !g.is_empty()).collect();
    if parts.iter().any(|g| g.len() > 4) {
        return None;
    }
    let n = parts.len() + if tail4.is_some() { 2 } else { 0 };
    let valid = if compressed {
        n <= 7
    } else {
        n == 8 && (tail4.is_some() || !groups.ends_with(':'))
    };
    if !valid || (groups.starts_with(':') && !groups.starts_with("::")) {
        return None;
    }
    if !compressed && (groups.starts_with(':') || (tail4.is_none() && groups.ends_with(':'))) {
        return None;
    }
    if !s.bytes().any(|c| c.is_ascii_digit()) {
        return None; // "ad::be", "cafe::" words are not worth the false positives
    }
    let mut end = i + tok.len();
    if end < b.len() && b[end] == b'%' {
        let mut k = end + 1;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
            k += 1;
        }
        if k > end + 1 {
            end = k;
        }
    }
    if end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
        return None;
    }
    Some(end)
}

/// Loopback, unspecified and mask-like addresses, and the diagnosed host (`keep`), stay.
fn kept_ip(v: &str, keep: Option<&str>) -> bool {
    let v = v.split('%').next().unwrap_or(v);
    keep.is_some_and(|k| {
        k.eq_ignore_ascii_case(v) || k.trim_matches(['[', ']']).eq_ignore_ascii_case(v)
    }) || v.starts_with("127.")
        || v.starts_with("0.")
        || v.starts_with("255.")
        || v == "::1"
        || v == "::"
}

/// Every IP address in `text` except kept ones (see [`kept_ip`]), pushed onto `hits`.
pub(super) fn ips(text: &str, keep: Option<&str>, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    // A byte that may not come right before an address (it would be inside a longer token).
    let joins = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'_' || c == b'-';
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !joins(b[i - 1]);
        // IPv6 also may not follow a single `:` (a `::` before it is part of the address).
        let boundary6 = boundary && !(i >= 1 && b[i - 1] == b':' && !(i >= 2 && b[i - 2] == b':'));
        let v6 = boundary6
            && (b[i].is_ascii_hexdigit() || (b[i] == b':' && b.get(i + 1) == Some(&b':')));
        let end = v6.then(|| ipv6_at(b, i)).flatten().or_else(|| {
            (boundary && b[i].is_ascii_digit())
                .then(|| ipv4_at(b, i))
                .flatten()
        });
        match end {
            Some(e) => {
                if !kept_ip(&text[i..e], keep) {
                    hits.push(Hit {
                        start: i,
                        end: e,
                        kind: Kind::Ip,
                    });
                }
                i = e;
            }
            None => i += 1,
        }
    }
}
