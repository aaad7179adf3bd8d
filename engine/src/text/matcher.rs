//! The multi-pattern matcher behind the one-pass parser. Patterns (lower case) are bucketed
//! by a hash of their first three bytes (two-byte patterns such as `0x` and `id` sit in a tiny
//! side list). The scanner skips through words with a tight loop and looks a bucket up only
//! where a pattern may start: an ASCII word start, `<`, or a UTF-8 lead byte. The index is
//! built once (OnceLock); no regex, no lower-case copy of the text.

use super::patterns::{Pat, PATTERNS};
use super::scan::{is_word, CLASS, LOWER, WORD};
use std::sync::OnceLock;

const BUCKETS: usize = 8192;

pub(crate) struct Matcher {
    /// Per bucket: (start, len) into `order`.
    buckets: Vec<(u16, u16)>,
    /// Pattern indices grouped by bucket.
    order: Vec<u16>,
    /// Patterns of exactly two bytes.
    short: Vec<u16>,
    /// First bytes (lower case) of the two-byte patterns.
    short_first: [bool; 256],
}

#[inline(always)]
fn bucket(a: u8, b: u8, c: u8) -> usize {
    let h = (LOWER[a as usize] as u32).wrapping_mul(0x9E37_79B1)
        ^ (LOWER[b as usize] as u32).wrapping_mul(0x85EB_CA77)
        ^ (LOWER[c as usize] as u32).wrapping_mul(0xC2B2_AE3D);
    (h >> 19) as usize & (BUCKETS - 1)
}

pub(crate) fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut lists: Vec<Vec<u16>> = vec![Vec::new(); BUCKETS];
        let mut short = Vec::new();
        let mut short_first = [false; 256];
        for (i, p) in PATTERNS.iter().enumerate() {
            let t = p.text.as_bytes();
            match t.len() {
                0 | 1 => {}
                2 => {
                    short.push(i as u16);
                    short_first[t[0] as usize] = true;
                    short_first[t[0].to_ascii_uppercase() as usize] = true;
                }
                _ => lists[bucket(t[0], t[1], t[2])].push(i as u16),
            }
        }
        let mut buckets = Vec::with_capacity(BUCKETS);
        let mut order = Vec::with_capacity(PATTERNS.len());
        for l in lists {
            buckets.push((order.len() as u16, l.len() as u16));
            order.extend(l);
        }
        Matcher {
            buckets,
            order,
            short,
            short_first,
        }
    })
}

/// Receives what the scanner finds, in text order.
pub(crate) trait Sink {
    /// A pattern occurrence `[start, end)` (ASCII patterns only at word starts).
    fn hit(&mut self, pat: &'static Pat, start: usize, end: usize);
    /// The start of every line after the first.
    fn line(&mut self, start: usize);
}

#[inline(always)]
fn try_at(m: &Matcher, text: &[u8], i: usize, sink: &mut impl Sink) {
    let n = text.len();
    if i + 2 < n {
        let (s, l) = m.buckets[bucket(text[i], text[i + 1], text[i + 2])];
        for &pi in &m.order[s as usize..s as usize + l as usize] {
            check(&PATTERNS[pi as usize], text, i, sink);
        }
    }
    if m.short_first[text[i] as usize] {
        for &pi in &m.short {
            check(&PATTERNS[pi as usize], text, i, sink);
        }
    }
}

#[inline(always)]
fn check(p: &'static Pat, text: &[u8], i: usize, sink: &mut impl Sink) {
    let t = p.text.as_bytes();
    let end = i + t.len();
    if end <= text.len()
        && text[i..end]
            .iter()
            .zip(t)
            .all(|(x, y)| LOWER[*x as usize] == *y)
        && (!p.word_end || !text.get(end).is_some_and(|b| is_word(*b)))
    {
        sink.hit(p, i, end);
    }
}

/// Walks the text once, reporting pattern occurrences and line starts to `sink`.
pub(crate) fn scan(text: &[u8], sink: &mut impl Sink) {
    let m = matcher();
    let n = text.len();
    let mut i = 0;
    loop {
        // A run of non-word bytes: line starts, `<` and UTF-8 lead bytes may start patterns.
        while i < n && CLASS[text[i] as usize] & WORD == 0 {
            let c = text[i];
            if c == b'\n' {
                if i + 1 < n {
                    sink.line(i + 1);
                }
            } else if c >= 0xC0 || c == b'<' {
                try_at(m, text, i, sink);
            }
            i += 1;
        }
        if i >= n {
            break;
        }
        // A word start.
        try_at(m, text, i, sink);
        i += 1;
        while i < n && CLASS[text[i] as usize] & WORD != 0 {
            i += 1;
        }
    }
}
