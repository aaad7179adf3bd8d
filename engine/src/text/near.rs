//! Near matches: a product message that a reporter retyped, paraphrased or quoted from another
//! version of the product ("did not meet the resource authorization policy requirements" for
//! the event text "did not meet resource authorization policy requirements", "has terminated
//! unexpectedly" for "has unexpectedly terminated"). The one-pass matcher only finds messages
//! word for word. This second, word-level pass reads a paste of up to [`NEAR_MAX`] bytes (a
//! ticket's text, not a log file) in which the first pass read no message at all. It finds the
//! sentence signatures (`Fact` and `Code` kinds with at least [`SENTENCE_WORDS`] content words)
//! of which four fifths of the content words, and four fifths of their weight (rare words weigh
//! more), stand close together in the message's own order; and the short phrases (three or four
//! content words, "because of a protocol error") whose words all stand together, with function
//! words changed ("Because of protocol error") and at most one other word inside a four-word
//! phrase, saying "not" exactly when the phrase does ("is fully supported" is not "is not
//! supported"). Words joined into an identifier (`ERRCONNECT_TLS_CONNECT_FAILED`) are not read here.
//! Each is reported through the same handler as a word-for-word hit, as soft evidence whose
//! title says it was near.
//!
//! Words are compared after light folding: ASCII lower case, function words dropped (the, to,
//! can't…), and one common ending cut (`-ing`, `-ed`, `-es`, `-s`, `-e`), so "terminated" and
//! "terminate" are one word. Chinese and Japanese, written without spaces, are compared as
//! overlapping pairs of characters, so a dialog retyped with a character or two changed or left
//! out ("サポートされません" for "サポートされていません") still shares four fifths of its pairs
//! with the product's text. A paste's word that no signature has but that is one typing slip
//! (a letter left out, one too many or one changed) from exactly one signature word of seven
//! letters or more counts as that word ("Destop", "authorizaton"). Only a signature's rarest
//! words index it, enough of them that any near match contains one; the rest are checked
//! around those anchors.

use super::matcher::Sink;
use super::patterns::{self, Kind, Pat};
use super::scan::LOWER;
use super::Ctx;
use crate::finding::Strength;
use std::hash::{DefaultHasher, Hasher};
use std::sync::OnceLock;

/// Pastes longer than this are logs: read word for word only (the matcher's speed is for them).
pub(crate) const NEAR_MAX: usize = 16 * 1024;
/// A signature needs at least this many distinct content words to be matched nearly.
const MIN_WORDS: usize = 3;
/// The key given to a word inside an identifier: the largest key, which no signature word
/// holds (as unlikely as any two words sharing a key).
const IDENT: u64 = u64::MAX >> INDEX_BITS;
/// Signatures with fewer content words than this are phrases: matched only when their words
/// stand together (see [`best_window`]).
const SENTENCE_WORDS: usize = 5;

/// Function words that paraphrases add, drop or change freely (English: the signatures in
/// other languages are matched on all their words).
const STOP: &[&str] = &[
    "a", "about", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can",
    "cannot", "could", "couldn", "did", "didn", "do", "does", "doesn", "don", "for", "from", "had",
    "has", "have", "if", "in", "into", "is", "isn", "it", "its", "may", "might", "no", "not", "of",
    "on", "or", "our", "please", "so", "some", "than", "that", "the", "their", "then", "there",
    "these", "this", "those", "to", "unable", "was", "wasn", "we", "were", "which", "will", "with",
    "won", "would", "you", "your",
];

/// How many of a signature's `n` distinct content words a near match needs: four fifths,
/// rounded up (four of five, five of six, eight of ten).
fn need(n: usize) -> usize {
    (n * 4).div_ceil(5)
}

/// The longest stretch of content words (first to last) a near match may span.
fn span_limit(n: usize) -> usize {
    n + (n / 2).max(3)
}

struct Sig {
    pat: &'static Pat,
    /// Its distinct content words (their [`key`]s), in the order they first appear.
    words: Box<[u64]>,
    /// Each word's weight: how rare it is among the signatures (`ln(1 + N / df)`).
    weights: Box<[f64]>,
    /// The sum of `weights`.
    total: f64,
}

struct Index {
    sigs: Vec<Sig>,
    /// (content word << [`INDEX_BITS`] | a signature it anchors), sorted: the words a paste's
    /// words are looked up in (sorted vectors and binary search: a few thousand entries, no
    /// hash tables; every list sorted here is a `Vec<u64>`, so the wasm holds one sort).
    anchors: Vec<u64>,
    /// (signature word, its weight as in [`Sig::weights`]), sorted by word.
    weight: Vec<(u64, f64)>,
    /// The signature words of at least [`TYPO_MIN`] ASCII letters (their keys).
    long_words: Vec<u64>,
    /// (key of such a word with one letter left out << [`INDEX_BITS`] | its number in
    /// `long_words`), sorted: what [`slip_of`] looks a paste's word up in.
    slips: Vec<u64>,
}

/// Bits below a word key in a packed (word, number) entry ([`pack`]).
const INDEX_BITS: u32 = 20;

/// A word's key: the top 44 bits of its hash ([`word_hash`]), so that a key and a number
/// below 2^20 (a signature, a word position in a paste of at most [`NEAR_MAX`] bytes) pack
/// into one `u64`.
const fn key(hash: u64) -> u64 {
    hash >> INDEX_BITS
}

/// (word key, number) as one sortable `u64`.
const fn pack(key: u64, n: u32) -> u64 {
    key << INDEX_BITS | n as u64
}

/// The number of a packed entry.
const fn number(e: u64) -> u32 {
    (e & ((1 << INDEX_BITS) - 1)) as u32
}

/// An occurrence of a signature's word in a paste: (word position << 8 | word number), so a
/// sort orders occurrences by position, then word.
const fn occurrence(pos: u32, word: usize) -> u64 {
    (pos as u64) << 8 | word as u64
}

/// (word position, word number) of an [`occurrence`].
const fn occurrence_parts(o: u64) -> (u32, usize) {
    ((o >> 8) as u32, (o & 0xFF) as usize)
}

/// The packed entries of `sorted` whose word key is `k`.
fn with_key(sorted: &[u64], k: u64) -> impl Iterator<Item = u32> + '_ {
    let from = sorted.partition_point(|&e| e >> INDEX_BITS < k);
    sorted[from..]
        .iter()
        .take_while(move |&&e| e >> INDEX_BITS == k)
        .map(|&e| number(e))
}

/// The hash of a folded word: std's hasher (fixed keys, so the index, built on first use, and the
/// words of every paste agree within one build; nothing stores it).
fn word_hash(w: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(w);
    h.finish()
}

/// The bytes words are made of: ASCII letters and digits, and every byte of a non-ASCII
/// character (accented and Cyrillic letters).
static IN_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = c.is_ascii_alphanumeric() || c >= 0x80;
        i += 1;
    }
    t
};

/// The endings cut from a word of at least `min` bytes (longest first).
const ENDINGS: [(&[u8], usize); 5] = [(b"ing", 7), (b"ed", 6), (b"es", 6), (b"s", 5), (b"e", 5)];

/// The content words of `text`: (key of the folded word, start, end) in text order. A word is
/// lower-cased into a small buffer, dropped when it is a function word, cut by one ending and
/// hashed. Words longer than 48 bytes (hashes, paths, tokens) are never message words.
/// Chinese and Japanese write without spaces: a stretch of their characters (see [`cjk`])
/// gives its overlapping two-character pairs as words ("数据加密" is "数据", "据加", "加密"),
/// so a sentence retyped with a character changed or left out still shares most of them; their
/// full-width punctuation ends a stretch like a space.
fn words(text: &[u8], out: &mut Vec<(u64, usize, usize)>) {
    let n = text.len();
    let mut i = 0;
    while i < n {
        if !IN_WORD[text[i] as usize] {
            i += 1;
            continue;
        }
        let s = i;
        while i < n && IN_WORD[text[i] as usize] {
            i += 1;
        }
        // A run without a CJK lead byte (ASCII, accented Latin, Cyrillic) is one word.
        if has_cjk_lead(&text[s..i]) {
            mixed_run(text, s, i, out);
        } else {
            word(text, s, i, out);
        }
    }
}

/// True when `b` holds a lead byte of a three-byte UTF-8 character from U+3000 up (E3..=EF):
/// every Chinese and Japanese character and CJK punctuation starts so (Hangul does too; such a
/// run is split by [`mixed_run`], which reads Hangul as letters).
fn has_cjk_lead(b: &[u8]) -> bool {
    b.iter().any(|c| (0xE3..=0xEF).contains(c))
}

/// One run of word bytes `s..e` that holds CJK characters: its other letters are read as
/// words, its CJK stretches as character pairs, its CJK punctuation splits it.
fn mixed_run(text: &[u8], s: usize, e: usize, out: &mut Vec<(u64, usize, usize)>) {
    let Ok(run) = std::str::from_utf8(&text[s..e]) else {
        return word(text, s, e, out);
    };
    // (start, end) of the previous CJK character in the current stretch, and where the
    // current stretch of other letters began.
    let mut prev: Option<(usize, usize)> = None;
    let mut letters: Option<usize> = None;
    for (off, c) in run.char_indices() {
        let (a, b) = (s + off, s + off + c.len_utf8());
        match cjk(c) {
            Some(true) => {
                if let Some(l) = letters.take() {
                    word(text, l, a, out);
                }
                if let Some((p, _)) = prev {
                    out.push((key(word_hash(&text[p..b])), p, b));
                }
                prev = Some((a, b));
            }
            Some(false) => {
                if let Some(l) = letters.take() {
                    word(text, l, a, out);
                }
                prev = None;
            }
            None => {
                prev = None;
                letters.get_or_insert(a);
            }
        }
    }
    if let Some(l) = letters {
        word(text, l, e, out);
    }
}

/// `Some(true)` for a Chinese or Japanese character (ideographs, kana), `Some(false)` for CJK
/// and full-width punctuation and symbols (a word break), `None` for anything else. Hangul is
/// not here: Korean puts spaces between its words.
fn cjk(c: char) -> Option<bool> {
    match c as u32 {
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Some(true),
        0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => {
            Some(false)
        }
        _ => None,
    }
}

/// One word `text[s..e]` (no CJK in it) as described at [`words`].
fn word(text: &[u8], s: usize, e: usize, out: &mut Vec<(u64, usize, usize)>) {
    let mut buf = [0u8; 48];
    if let Some(w) = fold_word(&text[s..e], &mut buf) {
        out.push((key(word_hash(w)), s, e));
    }
}

/// A word lower-cased into `buf` and cut by one ending; `None` for a function word, a single
/// letter or anything longer than `buf`.
fn fold_word<'b>(raw: &[u8], buf: &'b mut [u8; 48]) -> Option<&'b [u8]> {
    let len = raw.len();
    if !(2..=buf.len()).contains(&len) {
        return None;
    }
    for (d, &c) in buf.iter_mut().zip(raw) {
        *d = LOWER[c as usize];
    }
    let w = &buf[..len];
    if len <= 6 && STOP.binary_search_by(|x| x.as_bytes().cmp(w)).is_ok() {
        return None;
    }
    let cut = ENDINGS
        .iter()
        .find(|(end, min)| len >= *min && w.ends_with(end))
        .map_or(0, |(end, _)| end.len());
    Some(&buf[..len - cut])
}

/// Signature words this long or longer (folded, ASCII) are recognised with one typing slip.
const TYPO_MIN: usize = 7;

/// The keys of `w` with one byte left out, one for each position (a word of `n` bytes gives
/// `n` keys; "desktop" gives the key of "destop" among them).
fn deletions(w: &[u8], out: &mut Vec<u64>) {
    let mut b = [0u8; 48];
    for i in 0..w.len() {
        b[..i].copy_from_slice(&w[..i]);
        b[i..w.len() - 1].copy_from_slice(&w[i + 1..]);
        out.push(key(word_hash(&b[..w.len() - 1])));
    }
}

/// The one signature word that the paste's word `w` (folded, ASCII, not itself a signature
/// word) is one typing slip away from: a letter left out ("destop"), one too many
/// ("ressources") or one changed ("sertificate"). `None` when there is none or more than one.
fn slip_of(idx: &Index, w: &[u8]) -> Option<u64> {
    if w.len() + 1 < TYPO_MIN || !w.is_ascii() {
        return None;
    }
    let mut found: Option<u64> = None;
    let mut more = false;
    let mut note = |k: u64| match found {
        None => found = Some(k),
        Some(f) if f != k => more = true,
        _ => {}
    };
    // Left out: the paste's word is one of a signature word's deletions.
    for v in with_key(&idx.slips, key(word_hash(w))) {
        note(idx.long_words[v as usize]);
    }
    let mut dels = Vec::with_capacity(w.len());
    deletions(w, &mut dels);
    for d in dels {
        // One too many: a deletion of the paste's word is a signature word.
        if w.len() > TYPO_MIN && idx.weight.binary_search_by_key(&d, |e| e.0).is_ok() {
            note(d);
        }
        // Changed: both lose the same letter.
        for v in with_key(&idx.slips, d) {
            note(idx.long_words[v as usize]);
        }
    }
    if more {
        None
    } else {
        found
    }
}

fn eligible(p: &Pat) -> bool {
    matches!(p.kind, Kind::Fact(_) | Kind::Code(..))
}

fn build() -> Index {
    let mut found: Vec<(&'static Pat, Vec<u64>)> = Vec::new();
    let mut long: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut tmp = Vec::new();
    for p in patterns::all().filter(|p| eligible(p)) {
        tmp.clear();
        words(p.text.as_bytes(), &mut tmp);
        let mut ws: Vec<u64> = Vec::with_capacity(tmp.len());
        for t in &tmp {
            if !ws.contains(&t.0) {
                ws.push(t.0);
            }
        }
        // Character pairs are not words: a Chinese or Japanese text needs a sentence's worth.
        let least = if has_cjk_lead(p.text.as_bytes()) {
            SENTENCE_WORDS
        } else {
            MIN_WORDS
        };
        if ws.len() >= least && ws.len() <= u8::MAX as usize {
            let mut buf = [0u8; 48];
            for &(k, s, e) in &tmp {
                if let Some(w) = fold_word(&p.text.as_bytes()[s..e], &mut buf) {
                    if w.len() >= TYPO_MIN && w.is_ascii() {
                        long.push((k, w.to_vec()));
                    }
                }
            }
            found.push((p, ws));
        }
    }
    long.sort_unstable();
    long.dedup_by_key(|e| e.0);
    let long_words: Vec<u64> = long.iter().map(|e| e.0).collect();
    let mut slips: Vec<u64> = Vec::new();
    let mut dels = Vec::new();
    for (i, (_, w)) in long.iter().enumerate() {
        dels.clear();
        deletions(w, &mut dels);
        slips.extend(dels.iter().map(|&d| pack(d, i as u32)));
    }
    slips.sort_unstable();
    // How many sentence signatures hold each word: one sorted list, counted in runs. A short
    // phrase's words do not count, so adding phrases leaves the sentences' weights alone; a
    // phrase needs all its words anyway, so its own words weigh one each.
    let sentence = |ws: &Vec<u64>| ws.len() >= SENTENCE_WORDS;
    let mut all: Vec<u64> = found
        .iter()
        .filter(|(_, ws)| sentence(ws))
        .flat_map(|(_, ws)| ws.iter().copied())
        .collect();
    all.sort_unstable();
    let mut df: Vec<(u64, u32)> = Vec::new();
    for w in all {
        match df.last_mut() {
            Some((last, d)) if *last == w => *d += 1,
            _ => df.push((w, 1)),
        }
    }
    let df_of = |w: &u64| {
        df.binary_search_by_key(w, |e| e.0)
            .map_or(u32::MAX, |i| df[i].1)
    };
    let n = found.iter().filter(|(_, ws)| sentence(ws)).count() as f64;
    let rarity = |d: u32| (1.0 + n / f64::from(d)).ln();
    // Every signature word, for the typo reading; a word only phrases hold weighs nothing here,
    // so it counts as a common word between a sentence's words, as a word of no sentence did.
    let mut weight: Vec<(u64, f64)> = df.iter().map(|(w, d)| (*w, rarity(*d))).collect();
    for (_, ws) in found.iter().filter(|(_, ws)| !sentence(ws)) {
        for w in ws {
            if df_of(w) == u32::MAX {
                weight.push((*w, 0.0));
            }
        }
    }
    weight.sort_unstable_by_key(|e| e.0);
    weight.dedup_by_key(|e| e.0);
    let mut sigs = Vec::with_capacity(found.len());
    let mut anchors: Vec<u64> = Vec::new();
    for (k, (pat, ws)) in found.into_iter().enumerate() {
        let weights: Box<[f64]> = if sentence(&ws) {
            ws.iter().map(|w| rarity(df_of(w))).collect()
        } else {
            ws.iter().map(|_| 1.0).collect()
        };
        // Any near match misses at most n - need words, so one of its n - need + 1 rarest
        // words is in it: those anchor it (picked one by one; a sentence has a few dozen
        // words at most).
        let take = ws.len() - need(ws.len()) + 1;
        let mut left: Vec<u64> = ws.clone();
        for _ in 0..take {
            let (i, _) = left
                .iter()
                .enumerate()
                .min_by_key(|&(_, w)| (df_of(w), *w))
                .expect("take <= words");
            anchors.push(pack(left.swap_remove(i), k as u32));
        }
        sigs.push(Sig {
            pat,
            words: ws.into_boxed_slice(),
            total: weights.iter().sum(),
            weights,
        });
    }
    anchors.sort_unstable();
    Index {
        sigs,
        anchors,
        weight,
        long_words,
        slips,
    }
}

/// The index over [`patterns::all`]: built once without the signature pack and once more when
/// the pack has been loaded (like the matcher).
fn index() -> &'static Index {
    static CELLS: [OnceLock<Index>; 2] = [OnceLock::new(), OnceLock::new()];
    patterns::built_over_all(&CELLS, build)
}

/// The best near match of `sig` among `occ` (its [`occurrence`]s in the paste, sorted): the heaviest run of its words in the signature's own order (word numbers rising)
/// that spans at most [`span_limit`] positions. It counts when it holds at least [`need`]
/// words and four fifths of the signature's weight, and every word it lacks is a common one
/// (weighs at most the signature's mean): "because of a licensing error" is not "because of a
/// security error". When it lacks a word, the words it holds in its place must be common ones
/// too (or no signature's): "licensing" standing where "security" was makes another message.
/// `toks` are the text's words. Returns (share of the weight, first position, last position).
fn best_window(
    idx: &Index,
    sig: &Sig,
    occ: &[u64],
    toks: &[(u64, usize, usize)],
) -> Option<(f64, u32, u32)> {
    let n = sig.words.len();
    let limit = span_limit(n) as u32;
    let mean = sig.total / n as f64;
    // chain[i]: (weight, words, first position, back link) of the heaviest rising run ending
    // at occ[i].
    let mut chain: Vec<(f64, usize, u32, usize)> = Vec::with_capacity(occ.len());
    let mut best: Option<(f64, u32, u32)> = None;
    for (i, &o) in occ.iter().enumerate() {
        let (p, w) = occurrence_parts(o);
        let own = sig.weights[w];
        let mut c = (own, 1, p, usize::MAX);
        // Only runs that start within the limit can be extended: walk back until then.
        for (j, &o) in occ[..i].iter().enumerate().rev() {
            let (q, v) = occurrence_parts(o);
            if p - q >= limit {
                break;
            }
            let (cw, cn, first, _) = chain[j];
            if v < w && q < p && p - first < limit && cw + own > c.0 {
                c = (cw + own, cn + 1, first, j);
            }
        }
        chain.push(c);
        let (_, cn, first, _) = c;
        if cn < need(n) {
            continue;
        }
        let mut have = vec![false; n];
        let mut at = Vec::with_capacity(n);
        let mut k = i;
        while k != usize::MAX {
            let (pos, word) = occurrence_parts(occ[k]);
            have[word] = true;
            at.push(pos);
            k = chain[k].3;
        }
        // A word of the message out of its order, inside the run or right next to it ("has
        // terminated unexpectedly" for "has unexpectedly terminated"), is there all the same.
        for &o in occ {
            let (q, v) = occurrence_parts(o);
            if !have[v] && q + 1 >= first && q <= p + 1 {
                have[v] = true;
                at.push(q);
            }
        }
        let cw: f64 = (0..n).filter(|&x| have[x]).map(|x| sig.weights[x]).sum();
        if cw < 0.8 * sig.total || best.is_some_and(|b| cw <= b.0 * sig.total) {
            continue;
        }
        let lacks = (0..n).any(|x| !have[x]);
        let common = |h: &u64| match idx.weight.binary_search_by_key(h, |e| e.0) {
            Ok(i) => idx.weight[i].1 <= mean,
            Err(_) => true,
        };
        if (0..n).all(|x| have[x] || sig.weights[x] <= mean)
            && (!lacks
                || (first..=p)
                    .filter(|q| !at.contains(q))
                    .all(|q| common(&toks[q as usize].0)))
        {
            let (lo, hi) = (
                at.iter().min().copied().unwrap_or(first),
                at.iter().max().copied().unwrap_or(p),
            );
            // A short phrase (three or four words) must stand together: another content word
            // inside it makes it another phrase ("self-signed RDP certificate").
            if n < SENTENCE_WORDS && (hi - lo + 1) as usize > n + (n - MIN_WORDS) {
                continue;
            }
            best = Some((cw / sig.total, lo, hi));
        }
    }
    best
}

/// True when `b` holds a negation: "not", "no", "never", "cannot", "unable" or a word ending in
/// "n't" (also with a typographic apostrophe), in any case.
fn negated(b: &[u8]) -> bool {
    let lower: Vec<u8> = b.iter().map(u8::to_ascii_lowercase).collect();
    let mut words = lower.split(|c| !(c.is_ascii_alphabetic() || *c == b'\'' || *c >= 0x80));
    words.any(|w| {
        matches!(w, b"not" | b"no" | b"never" | b"cannot" | b"unable")
            || w.ends_with(b"n't")
            || w.ends_with("n\u{2019}t".as_bytes())
    })
}

/// Reports the near matches in `text` (the whole paste, folded like the matcher's) to `ctx`,
/// as soft findings, after the word-for-word pass.
pub(crate) fn scan(text: &[u8], ctx: &mut Ctx) {
    // A paste in which the word-for-word pass read a message, or a log: nothing to add.
    if text.len() > NEAR_MAX || !ctx.sentences.is_empty() {
        return;
    }
    let idx = index();
    let mut toks = Vec::new();
    words(text, &mut toks);
    if toks.len() < MIN_WORDS {
        return;
    }
    // A word no signature has, one typing slip from one that a signature has, is read as that.
    // A word joined to another by `_` is part of an identifier (`ERRCONNECT_TLS_CONNECT_FAILED`),
    // which the word-for-word pass reads as a code if it knows it: it matches no message here.
    let mut buf = [0u8; 48];
    for t in &mut toks {
        if (t.1 > 0 && text[t.1 - 1] == b'_') || text.get(t.2) == Some(&b'_') {
            t.0 = IDENT;
            continue;
        }
        if idx.weight.binary_search_by_key(&t.0, |e| e.0).is_err() {
            if let Some(k) = fold_word(&text[t.1..t.2], &mut buf).and_then(|w| slip_of(idx, w)) {
                t.0 = k;
            }
        }
    }
    // Signature numbers as u64, like every list sorted here (one sort in the wasm for them).
    let mut cands: Vec<u64> = Vec::new();
    for t in &toks {
        cands.extend(with_key(&idx.anchors, t.0).map(u64::from));
    }
    if cands.is_empty() {
        return;
    }
    cands.sort_unstable();
    cands.dedup();
    let mut by_word: Vec<u64> = toks
        .iter()
        .enumerate()
        .map(|(k, t)| pack(t.0, k as u32))
        .collect();
    by_word.sort_unstable();
    let mut found: Vec<(f64, usize, usize, &'static Pat)> = Vec::new();
    let mut occ: Vec<u64> = Vec::new();
    for c in cands {
        let sig = &idx.sigs[c as usize];
        // Its key already read (word for word, usually): a near match would add nothing.
        let known = match sig.pat.kind {
            Kind::Fact(key) => ctx.seen_static(key),
            Kind::Code(space, value) => ctx.seen_code(space, value),
            _ => false,
        };
        if known {
            continue;
        }
        // Too few of its words anywhere in the paste: no window can hold enough.
        let in_paste = sig
            .words
            .iter()
            .filter(|w| with_key(&by_word, **w).next().is_some())
            .count();
        if in_paste < need(sig.words.len()) {
            continue;
        }
        occ.clear();
        for (wi, w) in sig.words.iter().enumerate() {
            occ.extend(with_key(&by_word, *w).map(|k| occurrence(k, wi)));
        }
        occ.sort_unstable();
        if let Some((share, a, b)) = best_window(idx, sig, &occ, &toks) {
            let (s, e) = (toks[a as usize].1, toks[b as usize].2);
            // A short phrase turns on its "not": "is fully supported" is not "is not supported".
            // The paste's words from the end of the word before the phrase to its last word
            // must say "not" exactly when the phrase does.
            let from = if a > 0 { toks[a as usize - 1].2 } else { 0 };
            if sig.words.len() < SENTENCE_WORDS
                && negated(sig.pat.text.as_bytes())
                    != negated(&text[from.max(s.saturating_sub(24))..e])
            {
                continue;
            }
            found.push((share, s, e, sig.pat));
        }
    }
    // The closest first: where two signatures read the same words ("did not meet connection
    // authorization policy…" and "…resource authorization policy…"), the one with all of its
    // words wins; then the longer message, then text order, then the text (picked one by one:
    // a paste has a few near matches at most).
    while let Some((i, _)) = found.iter().enumerate().min_by(|(_, a), (_, b)| {
        b.0.total_cmp(&a.0)
            .then(b.3.text.len().cmp(&a.3.text.len()))
            .then((a.1, a.2).cmp(&(b.1, b.2)))
            .then(a.3.text.cmp(b.3.text))
    }) {
        let (_, s, e, pat) = found.swap_remove(i);
        // Mostly a message already read (word for word, or nearly just before): not another.
        if ctx.inside_sentence(s, e) {
            continue;
        }
        let before = ctx.out.findings.len();
        ctx.hit(pat, s, e);
        for f in &mut ctx.out.findings[before..] {
            f.strength = Strength::Soft;
            f.detail = format!(
                "Close to the product message \"{}\" (most of its words, near each other) but not word for word: {}",
                pat.text, f.detail
            );
            f.title = format!("Close to: {}", f.title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stop_words_are_short() {
        assert!(
            STOP.iter().all(|w| w.len() <= 6),
            "fold_word looks up words of up to 6 bytes"
        );
    }

    #[test]
    fn need_is_four_fifths_rounded_up() {
        assert_eq!(
            [5, 6, 10].map(need),
            [4, 5, 8],
            "near matches need most of a signature's words"
        );
    }

    fn hashes(text: &str) -> Vec<u64> {
        let mut v = Vec::new();
        words(text.as_bytes(), &mut v);
        v.into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn endings_fold_to_one_word() {
        assert_eq!(hashes("terminated"), hashes("Terminate"));
        assert_eq!(hashes("connections"), vec![key(word_hash(b"connection"))]);
        assert_eq!(hashes("RESTRICTED"), vec![key(word_hash(b"restrict"))]);
        assert!(
            hashes("the a to x").is_empty(),
            "function words and letters are dropped"
        );
    }

    #[test]
    fn one_typing_slip_from_a_long_signature_word_is_that_word() {
        let idx = index();
        let folded = |w: &str| {
            let mut buf = [0u8; 48];
            fold_word(w.as_bytes(), &mut buf)
                .expect("a content word")
                .to_vec()
        };
        let slip = |w: &str| slip_of(idx, &folded(w));
        let k = |w: &str| Some(key(word_hash(&folded(w))));
        // A letter left out, one too many, one changed.
        assert_eq!(slip("Destop"), k("desktop"));
        assert_eq!(slip("ressources"), k("resources"));
        assert_eq!(slip("authorizaton"), k("authorization"));
        assert_eq!(slip("Authentocation"), k("authentication"));
        // Two slips, or a short word: not read as a signature word.
        assert_eq!(slip("authentcaton"), None);
        assert_eq!(slip("remove"), None);
    }

    #[test]
    fn chinese_and_japanese_are_read_as_character_pairs() {
        assert_eq!(
            hashes("数据加密"),
            ["数据", "据加", "加密"].map(|w| key(word_hash(w.as_bytes())))
        );
        // Full-width punctuation ends a stretch; Latin letters inside it are words of their own.
        assert_eq!(
            hashes("RDP连接，失败"),
            ["rdp", "连接", "失败"].map(|w| key(word_hash(w.as_bytes())))
        );
        // Korean keeps its spaces: a Hangul word is one word.
        assert_eq!(
            hashes("연결 수가"),
            [
                key(word_hash("연결".as_bytes())),
                key(word_hash("수가".as_bytes()))
            ]
        );
    }
}
