//! The multi-pattern matcher behind the one-pass parser. Patterns (lower case) are bucketed
//! by a hash of their first two bytes; the scanner looks a bucket up only at positions where
//! a pattern may start (an ASCII word start, `<`, or a UTF-8 lead byte), so most bytes cost
//! one table lookup. The index is built once (OnceLock); no regex, no per-call allocation of
//! a lower-case copy of the text.

use super::patterns::{Pat, PATTERNS};
use super::scan::{is_word, CLASS, LOWER, START};
use std::sync::OnceLock;

const BUCKETS: usize = 4096;

pub(crate) struct Matcher {
    /// Per bucket: (start, len) into `order`.
    buckets: Vec<(u16, u16)>,
    /// Pattern indices grouped by bucket, longest first within a bucket.
    order: Vec<u16>,
}

#[inline]
fn bucket(a: u8, b: u8) -> usize {
    ((LOWER[a as usize] as usize) << 4 ^ LOWER[b as usize] as usize ^ (LOWER[a as usize] as usize >> 3)) & (BUCKETS - 1)
}

pub(crate) fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut lists: Vec<Vec<u16>> = vec![Vec::new(); BUCKETS];
        for (i, p) in PATTERNS.iter().enumerate() {
            let t = p.text.as_bytes();
            if t.len() >= 2 {
                lists[bucket(t[0], t[1])].push(i as u16);
            }
        }
        let mut buckets = Vec::with_capacity(BUCKETS);
        let mut order = Vec::with_capacity(PATTERNS.len());
        for mut l in lists {
            l.sort_by_key(|i| std::cmp::Reverse(PATTERNS[*i as usize].text.len()));
            buckets.push((order.len() as u16, l.len() as u16));
            order.extend(l);
        }
        Matcher { buckets, order }
    })
}

/// Receives what the scanner finds, in text order.
pub(crate) trait Sink {
    /// A pattern occurrence `[start, end)` (ASCII patterns only at word starts).
    fn hit(&mut self, pat: &'static Pat, start: usize, end: usize);
    /// The start of every line after the first.
    fn line(&mut self, start: usize);
}

/// Walks the text once, reporting pattern occurrences and line starts to `sink`.
pub(crate) fn scan(text: &[u8], sink: &mut impl Sink) {
    let m = matcher();
    let n = text.len();
    let mut prev_word = false;
    let mut i = 0;
    while i < n {
        let c = text[i];
        let cl = CLASS[c as usize];
        if cl & START != 0 && (!prev_word || c >= 0x80) && i + 1 < n {
            let (s, l) = m.buckets[bucket(c, text[i + 1])];
            if l != 0 {
                for &pi in &m.order[s as usize..s as usize + l as usize] {
                    let p = &PATTERNS[pi as usize];
                    let t = p.text.as_bytes();
                    let end = i + t.len();
                    if end <= n
                        && text[i..end].iter().zip(t).all(|(x, y)| LOWER[*x as usize] == *y)
                        && (!p.word_end || !text.get(end).is_some_and(|b| is_word(*b)))
                    {
                        sink.hit(p, i, end);
                    }
                }
            }
        } else if c == b'\n' && i + 1 < n {
            sink.line(i + 1);
        }
        prev_word = cl & super::scan::WORD != 0;
        i += 1;
    }
}
