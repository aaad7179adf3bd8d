//! The multi-pattern matcher behind the one-pass parser. Patterns (lower case) are bucketed
//! by a hash of their first three bytes (two-byte patterns such as `0x` and `id` sit in a tiny
//! side list). The scanner skips through words with a tight loop and looks a bucket up only
//! where a pattern may start: an ASCII word start, `<`, or a UTF-8 lead byte. Inside a bucket
//! each pattern is first compared on its first eight bytes as one `u64` (both sides with bit
//! 0x20 set: never rejects a real match), so the hundreds of signatures that begin alike
//! ("the …", "failed to …") cost one compare each. The index is built once (OnceLock); no
//! regex, no lower-case copy of the text.

use super::patterns::{self, Pat};
use super::scan::{is_word, CLASS, LOWER, WORD};
use std::sync::OnceLock;

const BUCKETS: usize = 8192;
/// Buckets of the six-byte table.
const BUCKETS6: usize = 16384;
/// Patterns at least this long go to the six-byte table.
const LONG: usize = 6;

/// A pattern with its eight-byte prefilter.
struct Entry {
    /// The pattern's first (up to) eight bytes, little-endian, with 0x20 set in each byte.
    prefix: u64,
    /// Ones over the bytes `prefix` covers.
    mask: u64,
    /// The same for the pattern's bytes 8..16 (mask 0 when it is not longer than eight):
    /// patterns that begin alike ("Windows Server 2022", "Windows App") differ there.
    prefix2: u64,
    mask2: u64,
    pat: &'static Pat,
}

impl Entry {
    fn new(pat: &'static Pat) -> Self {
        let t = pat.text.as_bytes();
        let n = t.len().min(8);
        let mut b = [0u8; 8];
        b[..n].copy_from_slice(&t[..n]);
        let mask = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        let n2 = t.len().saturating_sub(8).min(8);
        let mask2 = match n2 {
            0 => 0,
            8 => u64::MAX,
            _ => (1u64 << (8 * n2)) - 1,
        };
        Entry {
            prefix: (u64::from_le_bytes(b) | FOLD) & mask,
            mask,
            prefix2: word8(t, 8) & mask2,
            mask2,
            pat,
        }
    }
}

const FOLD: u64 = 0x2020_2020_2020_2020;

/// The (up to) eight bytes at `i`, little-endian, zero-padded, with 0x20 set in each byte.
#[inline(always)]
fn word8(text: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    match text.get(i..i + 8) {
        Some(s) => b.copy_from_slice(s),
        None => {
            let s = &text[i.min(text.len())..];
            b[..s.len()].copy_from_slice(s);
        }
    }
    u64::from_le_bytes(b) | FOLD
}

pub(crate) struct Matcher {
    /// Per three-byte bucket: (start, len) into `order` of the 3–5 byte patterns.
    buckets: Vec<(u16, u16)>,
    /// Per three-byte bucket: some pattern of [`LONG`] bytes or more starts with such bytes.
    has_long: Vec<bool>,
    /// Per six-byte bucket: (start, len) into `order` of the long patterns.
    buckets6: Vec<(u16, u16)>,
    /// Patterns grouped by bucket (three-byte buckets first, then six-byte ones).
    order: Vec<Entry>,
    /// Patterns of exactly two bytes.
    short: Vec<&'static Pat>,
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

/// The six-byte bucket of a folded eight-byte word (see [`word8`]): both sides fold the
/// same way, so a pattern and the text that matches it land in the same bucket.
#[inline(always)]
fn bucket6(w: u64) -> usize {
    ((w & 0xFFFF_FFFF_FFFF).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 50) as usize & (BUCKETS6 - 1)
}

/// The matcher over [`patterns::all`]: built once without the signature pack and once more
/// when the pack has been loaded (`patterns::load_pack`).
pub(crate) fn matcher() -> &'static Matcher {
    static CELLS: [OnceLock<Matcher>; 2] = [OnceLock::new(), OnceLock::new()];
    patterns::built_over_all(&CELLS, build)
}

fn build() -> Matcher {
    let mut lists: Vec<Vec<&'static Pat>> = vec![Vec::new(); BUCKETS];
    let mut lists6: Vec<Vec<&'static Pat>> = vec![Vec::new(); BUCKETS6];
    let mut has_long = vec![false; BUCKETS];
    let mut short = Vec::new();
    let mut short_first = [false; 256];
    for p in patterns::all() {
        let t = p.text.as_bytes();
        match t.len() {
            0 | 1 => {}
            2 => {
                short.push(p);
                short_first[t[0] as usize] = true;
                short_first[t[0].to_ascii_uppercase() as usize] = true;
            }
            n if n < LONG => lists[bucket(t[0], t[1], t[2])].push(p),
            _ => {
                has_long[bucket(t[0], t[1], t[2])] = true;
                lists6[bucket6(word8(t, 0))].push(p);
            }
        }
    }
    let mut order = Vec::new();
    let mut fill = |lists: Vec<Vec<&'static Pat>>| {
        let mut b = Vec::with_capacity(lists.len());
        for l in lists {
            b.push((order.len() as u16, l.len() as u16));
            order.extend(l.into_iter().map(Entry::new));
        }
        b
    };
    let buckets = fill(lists);
    let buckets6 = fill(lists6);
    Matcher {
        buckets,
        has_long,
        buckets6,
        order,
        short,
        short_first,
    }
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
        let b3 = bucket(text[i], text[i + 1], text[i + 2]);
        let (s, l) = m.buckets[b3];
        let long = m.has_long[b3] && i + LONG <= n;
        if l > 0 || long {
            let w = word8(text, i);
            let mut w2 = None;
            let mut scan_bucket = |(s, l): (u16, u16)| {
                for e in &m.order[s as usize..s as usize + l as usize] {
                    if w & e.mask == e.prefix
                        && (e.mask2 == 0
                            || *w2.get_or_insert_with(|| word8(text, i + 8)) & e.mask2 == e.prefix2)
                    {
                        check(e.pat, text, i, sink);
                    }
                }
            };
            scan_bucket((s, l));
            if long {
                scan_bucket(m.buckets6[bucket6(w)]);
            }
        }
    }
    if m.short_first[text[i] as usize] {
        for p in &m.short {
            check(p, text, i, sink);
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
