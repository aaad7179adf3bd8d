//! The multi-pattern matcher behind the one-pass parser. The scanner sorts the text into word
//! bytes and the rest sixty-four bytes at a time (eight at once, no branch per byte) and visits
//! only where a pattern may start: an ASCII word start, `<`, or a UTF-8 lead byte; line
//! breaks go to the sink in the same, text order. At each such place a bit for its first two
//! bytes says whether any pattern starts so (numbers, timestamps and most ordinary words stop
//! there). Patterns (lower case) sit in tables by length: three to five bytes by a hash of
//! their first three, six or seven by their first six, eight or more by their first eight
//! (a word that only begins like many signatures, "remoteEP" or "Connect(", finds an empty
//! bucket). A bit per bucket says whether it holds anything, so most words are turned away by
//! a few kilobytes that stay in the first-level cache. Two-byte patterns such as `0x` and `id`
//! sit in a tiny side list. Inside a bucket each pattern is first compared on its first eight
//! bytes as one `u64` (both sides with bit 0x20 set: never rejects a real match) and on bytes
//! 8..16 likewise, so the signatures that begin alike ("windows …", "connection …") cost one
//! compare each. The index is built once (OnceLock); no regex, no lower-case copy of the text.

use super::patterns::{self, Pat};
use super::scan::{is_word, LOWER};
use std::sync::OnceLock;

const BUCKETS: usize = 8192;
/// Buckets of the six-byte table (patterns of six or seven bytes).
const BUCKETS6: usize = 4096;
/// Buckets of the eight-byte table (patterns of eight bytes or more: most signatures).
const BUCKETS8: usize = 16384;
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
    /// One bit per bucket of each table (three-, six-, eight-byte), set when the bucket holds
    /// a pattern: a few kilobytes that stay in the first-level cache, so a word that starts
    /// no pattern never touches the larger bucket tables.
    full3: Vec<u64>,
    full6: Vec<u64>,
    full8: Vec<u64>,
    /// Per six-byte bucket: (start, len) into `order` of the six- and seven-byte patterns.
    buckets6: Vec<(u16, u16)>,
    /// Per eight-byte bucket: (start, len) into `order` of the patterns of eight bytes or
    /// more. Keyed on all eight bytes, a word that only begins like many signatures
    /// ("remoteEP", "Connect(") finds an empty bucket.
    buckets8: Vec<(u16, u16)>,
    /// Patterns grouped by bucket (three-byte buckets first, then six-, then eight-byte ones).
    order: Vec<Entry>,
    /// Patterns of exactly two bytes, each with its two bytes as a little-endian `u16` with
    /// 0x20 set in each byte (compared against the text folded the same way before `check`).
    short: Vec<(u16, &'static Pat)>,
    /// First bytes (lower case) of the two-byte patterns.
    short_first: [bool; 256],
    /// One bit per pair of first two bytes (each with 0x20 set, see [`pair`]) that some
    /// pattern starts with: most words (numbers, timestamps, ordinary words) stop here.
    pairs: Vec<u64>,
}

/// The first two bytes at `i` (there must be two), little-endian, 0x20 set in each: the index
/// into [`Matcher::pairs`].
#[inline(always)]
fn pair(text: &[u8], i: usize) -> usize {
    (u16::from_le_bytes([text[i], text[i + 1]]) | 0x2020) as usize
}

/// The three-byte bucket of a folded eight-byte word (see [`word8`]).
#[inline(always)]
fn bucket3(w: u64) -> usize {
    (((w as u32) & 0x00FF_FFFF).wrapping_mul(0x9E37_79B1) >> 19) as usize & (BUCKETS - 1)
}

/// Whether bit `k` of `bits` is set.
#[inline(always)]
fn bit(bits: &[u64], k: usize) -> bool {
    bits[k >> 6] >> (k & 63) & 1 != 0
}

/// Sets bit `k` of `bits`.
fn set_bit(bits: &mut [u64], k: usize) {
    bits[k >> 6] |= 1 << (k & 63);
}

/// The six-byte bucket of a folded eight-byte word (see [`word8`]): both sides fold the
/// same way, so a pattern and the text that matches it land in the same bucket.
#[inline(always)]
fn bucket6(w: u64) -> usize {
    ((w & 0xFFFF_FFFF_FFFF).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize & (BUCKETS6 - 1)
}

/// The eight-byte bucket of a folded eight-byte word.
#[inline(always)]
fn bucket8(w: u64) -> usize {
    (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 50) as usize & (BUCKETS8 - 1)
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
    let mut lists8: Vec<Vec<&'static Pat>> = vec![Vec::new(); BUCKETS8];
    let mut short = Vec::new();
    let mut short_first = [false; 256];
    let mut pairs = vec![0u64; 1 << 10];
    for p in patterns::all() {
        let t = p.text.as_bytes();
        if t.len() >= 2 {
            set_bit(&mut pairs, pair(t, 0));
        }
        match t.len() {
            0 | 1 => {}
            2 => {
                short.push((u16::from_le_bytes([t[0], t[1]]) | 0x2020, p));
                short_first[t[0] as usize] = true;
                short_first[t[0].to_ascii_uppercase() as usize] = true;
            }
            n if n < LONG => lists[bucket3(word8(t, 0))].push(p),
            n if n < 8 => lists6[bucket6(word8(t, 0))].push(p),
            _ => lists8[bucket8(word8(t, 0))].push(p),
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
    let buckets8 = fill(lists8);
    let full = |b: &[(u16, u16)]| {
        let mut bits = vec![0u64; b.len().div_ceil(64)];
        for (k, (_, l)) in b.iter().enumerate() {
            if *l > 0 {
                set_bit(&mut bits, k);
            }
        }
        bits
    };
    Matcher {
        full3: full(&buckets),
        full6: full(&buckets6),
        full8: full(&buckets8),
        buckets,
        buckets6,
        buckets8,
        order,
        short,
        short_first,
        pairs,
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
    if i + 1 >= n {
        return;
    }
    let k = pair(text, i);
    if !bit(&m.pairs, k) {
        return;
    }
    if i + 2 < n {
        let w = word8(text, i);
        let mut w2 = None;
        let b3 = bucket3(w);
        if bit(&m.full3, b3) {
            scan_bucket(m, m.buckets[b3], text, i, w, &mut w2, sink);
        }
        if i + LONG <= n {
            let b6 = bucket6(w);
            if bit(&m.full6, b6) {
                scan_bucket(m, m.buckets6[b6], text, i, w, &mut w2, sink);
            }
            let b8 = bucket8(w);
            if bit(&m.full8, b8) {
                scan_bucket(m, m.buckets8[b8], text, i, w, &mut w2, sink);
            }
        }
    }
    if m.short_first[text[i] as usize] {
        for (folded, p) in &m.short {
            if *folded as usize == k {
                check(p, text, i, sink);
            }
        }
    }
}

/// Tries the patterns of one bucket at `i`, where the text's folded first eight bytes are
/// `w` (bytes 8..16 are read once, when a pattern needs them).
#[inline(always)]
fn scan_bucket(
    m: &Matcher,
    (s, l): (u16, u16),
    text: &[u8],
    i: usize,
    w: u64,
    w2: &mut Option<u64>,
    sink: &mut impl Sink,
) {
    for e in &m.order[s as usize..s as usize + l as usize] {
        if w & e.mask == e.prefix
            && (e.mask2 == 0
                || *w2.get_or_insert_with(|| word8(text, i + 8)) & e.mask2 == e.prefix2)
        {
            check(e.pat, text, i, sink);
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

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `y` (bytes below 0x80) set where the byte is in `lo..=hi`:
/// two additions that cannot carry into the next byte.
#[inline(always)]
fn in_range(y: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = y.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = y.wrapping_add(ONES * u64::from(0x7F - hi));
    at_least_lo & !above_hi & HIGH
}

/// One bit per byte (bit `k` for byte `k`) from the high bits of `v`.
#[inline(always)]
fn bits(v: u64) -> u32 {
    (((v >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// For eight bytes (little-endian in `x`): which are word bytes (ASCII letters, digits, `_`:
/// `scan::WORD`) and which are the non-word bytes a pattern or a line may start at (`\n`, `<`,
/// a UTF-8 lead byte), one bit per byte each, without a branch per byte.
#[inline(always)]
fn classify8(x: u64) -> (u32, u32) {
    let ascii = !x & HIGH;
    let y = x & !HIGH;
    let word = (in_range(y, b'0', b'9')
        | in_range(y | (ONES * 0x20), b'a', b'z')
        | in_range(y, b'_', b'_'))
        & ascii;
    let special =
        ((in_range(y, b'\n', b'\n') | in_range(y, b'<', b'<')) & ascii) | (x & (x << 1) & HIGH);
    (bits(word), bits(special))
}

/// Walks the text once, reporting pattern occurrences and line starts to `sink`. Sixty-four
/// bytes at a time are sorted (eight at once) into word bytes and the few others that matter;
/// only word starts, line breaks, `<` and UTF-8 lead bytes are visited, in text order.
pub(crate) fn scan(text: &[u8], sink: &mut impl Sink) {
    scan_range(text, 0, text.len(), sink);
}

/// [`scan`] restricted to the places `from..to`: what it reports is exactly what `scan` reports
/// for those places (a pattern that starts there may run on past `to`), so consecutive ranges
/// together report what one `scan` does, in the same order.
fn scan_range(text: &[u8], from: usize, to: usize, sink: &mut impl Sink) {
    let m = matcher();
    let n = text.len();
    // Whether the byte before the current block was a word byte.
    let mut prev_word = match from.checked_sub(1) {
        Some(k) => u64::from(classify8(u64::from(text[k])).0 & 1),
        None => 0,
    };
    let mut base = from;
    while base < to {
        // The last, short block is padded with zero bytes (neither word bytes nor special).
        let mut padded = [0u8; 64];
        let block: &[u8] = match text.get(base..base + 64) {
            Some(full) => full,
            None => {
                padded[..n - base].copy_from_slice(&text[base..]);
                &padded
            }
        };
        let (mut word, mut special) = (0u64, 0u64);
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let (w, s) = classify8(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
            word |= u64::from(w) << (8 * k);
            special |= u64::from(s) << (8 * k);
        }
        let mut events = (word & !((word << 1) | prev_word)) | special;
        if to - base < 64 {
            events &= (1u64 << (to - base)) - 1;
        }
        prev_word = word >> 63;
        while events != 0 {
            let i = base + events.trailing_zeros() as usize;
            events &= events - 1;
            if text[i] == b'\n' {
                if i + 1 < n {
                    sink.line(i + 1);
                }
            } else {
                try_at(m, text, i, sink);
            }
        }
        base += 64;
    }
}

/// [`scan`], with the matching of a long text shared with a second thread (natively; in the
/// wasm, and for texts under [`shared::MIN`] bytes, it is `scan`). See [`shared::scan`].
pub(crate) fn scan_shared(text: &[u8], sink: &mut impl Sink) {
    #[cfg(not(target_arch = "wasm32"))]
    if text.len() >= shared::MIN {
        return shared::scan(text, sink);
    }
    scan(text, sink);
}

/// The two-thread scan behind [`scan_shared`] (natively only: the wasm has one thread).
#[cfg(not(target_arch = "wasm32"))]
mod shared {
    use super::{scan_range, Pat, Sink};
    use std::sync::Mutex;

    /// Texts shorter than this are scanned on the caller's thread alone.
    pub(super) const MIN: usize = 1 << 20;
    /// The pieces a long text is cut into.
    pub(super) const PIECE: usize = 1 << 18;

    /// What [`super::scan`] reports, kept for later.
    pub(super) enum Event {
        Hit(&'static Pat, usize, usize),
        Line(usize),
    }

    /// A [`Sink`] that keeps what it is told, to tell it to the real sink later, in order.
    pub(super) struct Recorder(pub(super) Vec<Event>);

    impl Sink for Recorder {
        fn hit(&mut self, pat: &'static Pat, start: usize, end: usize) {
            self.0.push(Event::Hit(pat, start, end));
        }
        fn line(&mut self, start: usize) {
            self.0.push(Event::Line(start));
        }
    }

    /// The text is cut into pieces: the caller's thread scans them from the front straight into
    /// `sink`, a second one from the back into a record; when they meet, the caller tells `sink`
    /// the record, piece by piece in text order. The sink is told exactly what
    /// [`super::scan`] tells it, in the same order (the matcher keeps no state between places
    /// but whether the byte before was a word byte), so the result does not depend on how the
    /// pieces fell to the two threads.
    pub(super) fn scan(text: &[u8], sink: &mut impl Sink) {
        let pieces = text.len().div_ceil(PIECE);
        let range = |k: usize| (k * PIECE, ((k + 1) * PIECE).min(text.len()));
        // Pieces not yet taken: the caller takes the first, the helper the last.
        let left = Mutex::new(0..pieces);
        let take = |front: bool| {
            let mut r = left.lock().unwrap_or_else(|e| e.into_inner());
            if front {
                r.next()
            } else {
                r.next_back()
            }
        };
        let mut recorded: Vec<(usize, Recorder)> = std::thread::scope(|s| {
            let helper = s.spawn(|| {
                let mut out = Vec::new();
                while let Some(k) = take(false) {
                    let (a, b) = range(k);
                    let mut r = Recorder(Vec::new());
                    scan_range(text, a, b, &mut r);
                    out.push((k, r));
                }
                out
            });
            while let Some(k) = take(true) {
                let (a, b) = range(k);
                scan_range(text, a, b, sink);
            }
            helper
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        });
        // The helper's pieces follow the caller's: tell them front to back.
        recorded.sort_unstable_by_key(|(k, _)| *k);
        for (_, r) in recorded {
            for e in r.0 {
                match e {
                    Event::Hit(p, a, b) => sink.hit(p, a, b),
                    Event::Line(a) => sink.line(a),
                }
            }
        }
    }
}

// Natively only: the shared scan starts a thread.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::shared::{Event, Recorder, MIN as SHARED_MIN, PIECE};
    use super::*;

    /// What a scan reports, comparable: (pattern address, start, end) for hits, (0, start, 0)
    /// for line starts.
    fn record(f: impl FnOnce(&mut Recorder)) -> Vec<(usize, usize, usize)> {
        let mut r = Recorder(Vec::new());
        f(&mut r);
        r.0.into_iter()
            .map(|e| match e {
                Event::Hit(p, a, b) => (std::ptr::from_ref(p) as usize, a, b),
                Event::Line(a) => (0, a, 0),
            })
            .collect()
    }

    /// Dialogs and logs in several languages and scripts (ASCII and UTF-8, words and patterns
    /// that run over any cut), from the text fixtures.
    const SAMPLE: &str = concat!(
        include_str!("../../tests/fixtures/text/01-mstsc-0x904-en.txt"),
        include_str!("../../tests/fixtures/text/02-mstsc-zh-cn.txt"),
        include_str!("../../tests/fixtures/text/05-mstsc-fr-es-mixed.txt"),
        include_str!("../../tests/fixtures/text/14-freerdp-tls.txt"),
        include_str!("../../tests/fixtures/text/12-events-csv.txt"),
        include_str!("../../tests/fixtures/text/17-xrdp-log.txt"),
        include_str!("../../tests/fixtures/text/31-gateway-xml-korean.txt"),
        include_str!("../../tests/fixtures/text/35-get-winevent-table-de.txt"),
    );

    #[test]
    fn two_ranges_cut_anywhere_report_what_one_scan_does() {
        // Cut at every byte of some kilobytes of mixed text (inside words, patterns, UTF-8
        // characters and line breaks): the two halves together report the same, in order.
        let text = SAMPLE.as_bytes();
        let whole = record(|r| scan(text, r));
        assert!(
            whole.iter().filter(|e| e.0 != 0).count() > 20,
            "the sample has hits"
        );
        for cut in 0..=text.len() {
            let halves = record(|r| {
                scan_range(text, 0, cut, r);
                scan_range(text, cut, text.len(), r);
            });
            assert_eq!(halves, whole, "cut at byte {cut}");
        }
    }

    #[test]
    fn a_long_text_shared_with_a_second_thread_reports_what_one_scan_does() {
        // Megabytes of the sample, each copy shifted by a few bytes so the pieces' edges fall at
        // different places in it.
        let mut text = String::new();
        let mut shift = 0;
        while text.len() < 5 * SHARED_MIN / 2 {
            text.push_str(&"x".repeat(shift % 7));
            text.push_str(SAMPLE);
            text.push('\n');
            shift += 1;
        }
        let one = record(|r| scan(text.as_bytes(), r));
        let two = record(|r| scan_shared(text.as_bytes(), r));
        assert!(text.len().div_ceil(PIECE) >= 4, "several pieces");
        assert!(one.len() > 1000);
        assert_eq!(two.len(), one.len());
        assert!(two == one, "same reports in the same order");
    }
}
