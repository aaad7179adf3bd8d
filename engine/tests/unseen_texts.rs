//! Recognition on error texts from public threads outside the real-report corpus
//! (`tests/unseen-texts/texts.jsonl`): what share of what people paste when Remote Desktop fails
//! the parser reads anything from (a finding other than a `hint:`/`ctx:` key from the reporter's
//! own words). No cause is attached to these texts; they measure reading, not ranking. Prints the
//! share per collection set and per product, and fails when a set's share falls more than 3
//! points below `tests/unseen-texts/baseline.json` or a line is not a well-formed entry
//! (`texts.jsonl:LINE: what is wrong`: a thread listed twice, or one the real-report corpus
//! cites, is refused).
//!
//! Run: `cargo test -p engine --test unseen_texts -- --nocapture`.
#![cfg(not(target_arch = "wasm32"))]

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A set's share may fall this many percentage points below the baseline.
const TOLERANCE_POINTS: f64 = 3.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    url: String,
    set: u32,
    product: String,
    lang: String,
    text: String,
}

#[derive(Deserialize)]
struct Baseline {
    sets: BTreeMap<String, f64>,
}

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/unseen-texts")
}

/// Whether the parser read something from the text itself: a finding that is not the
/// reporter's own words (`hint:`) or a named product or setting (`ctx:`).
fn recognised(text: &str) -> bool {
    engine::analyze_text(text, 0)
        .findings
        .iter()
        .any(|f| !f.evidence.starts_with("hint:") && !f.evidence.starts_with("ctx:"))
}

/// Every web address the real-report corpus cites, without a trailing `/`, `)`, `.`, `,` or
/// `>` and without a `#fragment`: a thread there is not an unseen one.
fn corpus_urls() -> std::collections::BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/real-reports");
    let mut out = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir)
        .expect("tests/real-reports")
        .flatten()
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (i, _) in text.match_indices("http") {
            let rest = &text[i..];
            if !(rest.starts_with("https://") || rest.starts_with("http://")) {
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '`' | '<' | '>' | ']'))
                .unwrap_or(rest.len());
            out.insert(normal_url(&rest[..end]));
        }
    }
    out
}

fn normal_url(u: &str) -> String {
    let u = u.split('#').next().unwrap_or(u);
    u.trim_end_matches(['/', ')', '.', ',', '>', ';'])
        .to_ascii_lowercase()
}

fn entries() -> Vec<Entry> {
    let path = dir().join("texts.jsonl");
    let text = std::fs::read_to_string(&path).expect("tests/unseen-texts/texts.jsonl");
    let mut out = Vec::new();
    let mut urls = std::collections::BTreeSet::new();
    let corpus = corpus_urls();
    for (i, line) in text.lines().enumerate() {
        let at = format!("texts.jsonl:{}", i + 1);
        let e: Entry = serde_json::from_str(line).unwrap_or_else(|err| panic!("{at}: {err}"));
        assert!(
            e.url.starts_with("https://") || e.url.starts_with("http://"),
            "{at}: the url must be the public thread's address"
        );
        assert!(
            urls.insert(e.url.clone()),
            "{at}: {} is listed twice",
            e.url
        );
        assert!(
            !corpus.contains(&normal_url(&e.url)),
            "{at}: {} is a real-report case's source, not an unseen thread",
            e.url
        );
        assert!(!e.text.trim().is_empty(), "{at}: the text is empty");
        assert!(e.set >= 1, "{at}: set counts from 1");
        assert!(
            !e.product.is_empty() && !e.lang.is_empty(),
            "{at}: product and lang are required"
        );
        out.push(e);
    }
    out
}

#[test]
fn recognition_on_unseen_texts() {
    let all = entries();
    let mut sets: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut products: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in &all {
        let r = usize::from(recognised(&e.text));
        for (map, key) in [
            (&mut sets, format!("set {}", e.set)),
            (&mut products, e.product.clone()),
        ] {
            let t = map.entry(key).or_default();
            t.0 += r;
            t.1 += 1;
        }
    }
    let pct = |(r, n): (usize, usize)| 100.0 * r as f64 / n.max(1) as f64;
    let total: usize = sets.values().map(|v| v.0).sum();
    println!(
        "unseen error texts: {} texts, something read in {total} ({:.1} %)",
        all.len(),
        pct((total, all.len()))
    );
    for (k, v) in &sets {
        println!("  {k:<24} {:>4} of {:>4}  {:>5.1} %", v.0, v.1, pct(*v));
    }
    println!("  per product:");
    for (k, v) in &products {
        println!("  {k:<24} {:>4} of {:>4}  {:>5.1} %", v.0, v.1, pct(*v));
    }
    let base: Baseline = serde_json::from_str(
        &std::fs::read_to_string(dir().join("baseline.json")).expect("baseline.json"),
    )
    .expect("baseline.json is {\"sets\": {\"set 1\": percent, ...}}");
    let mut low = Vec::new();
    for (k, floor) in &base.sets {
        let now = sets.get(k).map(|v| pct(*v)).unwrap_or(0.0);
        if now + TOLERANCE_POINTS < *floor {
            low.push(format!("{k}: {now:.1} % against {floor:.1} % recorded"));
        }
    }
    assert!(
        low.is_empty(),
        "recognition fell more than {TOLERANCE_POINTS} points: {low:?}"
    );
}
