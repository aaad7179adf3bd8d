//! Byte-scanning helpers the redaction detectors share: ASCII matching at a position, line and
//! value bounds (each capped so every scan stays linear), `Label: value` reading and the
//! account names that identify no one.

pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Case-insensitive ASCII match of `pat` at `i`.
pub(super) fn at(b: &[u8], i: usize, pat: &str) -> bool {
    b.len() >= i + pat.len() && b[i..i + pat.len()].eq_ignore_ascii_case(pat.as_bytes())
}

pub(super) fn line_end(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |p| i + p)
}

/// Longest value a detector reads after a label (keeps every scan linear in the text).
pub(super) const MAX_VALUE: usize = 256;

/// [`line_end`], looking at most `max` bytes ahead.
pub(super) fn line_end_within(b: &[u8], i: usize, max: usize) -> usize {
    let stop = i.saturating_add(max).min(b.len());
    b[i.min(stop)..stop]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(stop, |p| i + p)
}

pub(super) fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// The value after `i` up to whitespace (or a closing quote when it starts with one).
pub(super) fn value_token(b: &[u8], i: usize) -> (usize, usize) {
    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
        let q = b[i];
        let s = i + 1;
        let stop = s.saturating_add(MAX_VALUE).min(b.len());
        let e = b[s..stop]
            .iter()
            .position(|&c| c == q || c == b'\n')
            .map_or(stop, |p| s + p);
        return (s, floor_ascii(b, s, e));
    }
    let i = i.min(b.len());
    let stop = i.saturating_add(MAX_VALUE).min(b.len());
    let e = b[i..stop]
        .iter()
        .position(|&c| {
            c.is_ascii_whitespace()
                || c == b'"'
                || c == b'\''
                || c == b';'
                || c == b'<'
                || c == b','
        })
        .map_or(stop, |p| i + p);
    (i, floor_ascii(b, i, e))
}

/// Moves `e` back (not below `s`) to a UTF-8 char boundary (a cap may land inside a char).
pub(super) fn floor_ascii(b: &[u8], s: usize, mut e: usize) -> usize {
    while e > s && e < b.len() && (b[e] & 0xC0) == 0x80 {
        e -= 1;
    }
    e
}

/// Values that name no one.
pub(super) fn well_known_account(v: &str) -> bool {
    let v = v.trim().to_ascii_uppercase();
    let v = v.rsplit('\\').next().unwrap_or("");
    matches!(
        v,
        "" | "-"
            | "N/A"
            | "SYSTEM"
            | "LOCAL SERVICE"
            | "NETWORK SERVICE"
            | "ANONYMOUS LOGON"
            | "LOCALSYSTEM"
            | "PUBLIC"
            | "DEFAULT"
            | "DEFAULT USER"
            | "ALL USERS"
            | "ADMINISTRATORS"
            | "USERS"
            | "EVERYONE"
    )
}

/// `Label: value` (or `Label = value`) at a word start: the value to the end of the line, a
/// tab, or two spaces. Returns (value start, value end).
pub(super) fn labelled_value(
    b: &[u8],
    i: usize,
    labels: &[&str],
    single_token: bool,
) -> Option<(usize, usize)> {
    if i > 0 && (is_word(b[i - 1]) || b[i - 1] == b'-') {
        return None;
    }
    for label in labels {
        let label = label.trim_end_matches([' ', ':']);
        if !at(b, i, label) {
            continue;
        }
        let j = i + label.len();
        if j < b.len() && is_word(b[j]) {
            continue;
        }
        let j = skip_blanks(b, j);
        if !(j < b.len() && (b[j] == b':' || b[j] == b'=')) {
            continue;
        }
        let s = skip_blanks(b, j + 1);
        let le = floor_ascii(b, s, line_end_within(b, s, MAX_VALUE));
        let mut e = s;
        while e < le {
            if b[e] == b'\t' || (b[e] == b' ' && (single_token || (e + 1 < le && b[e + 1] == b' ')))
            {
                break;
            }
            e += 1;
        }
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if e > s {
            return Some((s, e));
        }
        return None;
    }
    None
}
