//! Robustness of certificate analysis: random bytes, every truncation and random bit flips of
//! every fixture, and the fuzz corpus (`fuzz/corpus/cert/`, plus any saved crashes in
//! `fuzz/artifacts/cert/`) replayed through both entry points.
//! Nothing may panic, and every input yields a certificate or a diagnostic. A fixed-seed
//! xorshift generator keeps runs reproducible.
// Reads fixture files from disk: native only (the wasm build has its own test, wasm_cert.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use engine::cert::{analyze, analyze_bytes, CertAnalysis};
use std::path::{Path, PathBuf};

const NOW: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    common::files(dir)
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    files(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs"))
        .into_iter()
        .filter(|(n, _)| !n.ends_with(".fp") && !n.starts_with("huge"))
        .collect()
}

/// Every input must give at least one certificate or one diagnostic.
fn says_something(a: &CertAnalysis, what: &str) {
    assert!(
        !a.certificates.is_empty() || !a.diagnostics.is_empty(),
        "{what}: silent result"
    );
}

/// Every span lies inside the input (and, for text, on character boundaries).
fn spans_inside(a: &CertAnalysis, len: usize, text: Option<&str>, what: &str) {
    let spans = a
        .findings
        .iter()
        .filter_map(|f| f.span)
        .chain(a.diagnostics.iter().filter_map(|d| d.span));
    for s in spans {
        assert!(
            s.start <= s.end && s.end <= len,
            "{what}: span {s:?} outside 0..{len}"
        );
        if let Some(t) = text {
            assert!(
                t.is_char_boundary(s.start) && t.is_char_boundary(s.end),
                "{what}: span {s:?} cuts a character"
            );
        }
    }
}

/// Both entry points; text only when the bytes are UTF-8.
fn both(data: &[u8], what: &str) {
    let a = analyze_bytes(data, Some("rdp.corp.example"), NOW);
    says_something(&a, what);
    spans_inside(&a, data.len(), None, what);
    if let Ok(t) = std::str::from_utf8(data) {
        let a = analyze(t, Some("10.1.2.3"), NOW);
        says_something(&a, what);
        spans_inside(&a, t.len(), Some(t), what);
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let len = rng.below(3000);
        let mut v: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        // Half the time make it look like DER or PEM so the deeper parsers are reached.
        match round % 4 {
            0 => {
                if let Some(b) = v.first_mut() {
                    *b = 0x30;
                }
            }
            1 => {
                let mut p = b"-----BEGIN CERTIFICATE-----\n".to_vec();
                p.extend(v.iter().map(|b| {
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n"
                        [(*b as usize) % 66]
                }));
                v = p;
            }
            _ => {}
        }
        both(&v, &format!("random round {round}"));
    }
}

#[test]
fn every_truncation_of_every_fixture_never_panics() {
    for (name, data) in fixtures() {
        // Every length for binary DER (where each byte matters), a stride for text (where a cut
        // inside a base64 line behaves like its neighbours).
        let step = if std::str::from_utf8(&data).is_err() {
            1
        } else {
            13
        };
        for cut in (0..data.len()).step_by(step) {
            both(&data[..cut], &format!("{name} cut at {cut}"));
        }
    }
}

#[test]
fn bit_flips_of_every_fixture_never_panic() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for (name, data) in fixtures() {
        if data.is_empty() {
            continue;
        }
        for i in 0..40 {
            let mut v = data.clone();
            for _ in 0..=rng.below(3) {
                let pos = rng.below(v.len());
                v[pos] ^= 1 << rng.below(8);
            }
            both(&v, &format!("{name} flip round {i}"));
        }
    }
}

#[test]
fn structural_mutations_of_der_never_panic() {
    // Length bytes and tags are where DER parsers break: hit every position of the DER leaf
    // with the interesting values.
    let leaf = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs/leaf.cer"),
    )
    .unwrap();
    for pos in 0..leaf.len() {
        for val in [0x00, 0x30, 0x80, 0x82, 0xff] {
            let mut v = leaf.clone();
            v[pos] = val;
            let _ = analyze_bytes(&v, Some("rdp.corp.example"), NOW);
        }
    }
}

#[test]
fn fuzz_corpus_replays() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/cert");
    let corpus = files(&dir);
    assert!(corpus.len() >= 20, "corpus has {} files", corpus.len());
    for (name, data) in corpus {
        both(&data, &format!("corpus {name}"));
    }
    // Crashes found by `scripts/fuzz cert` (if any were saved) must not crash any more.
    let artifacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/artifacts/cert");
    if artifacts.is_dir() {
        for (name, data) in files(&artifacts) {
            both(&data, &format!("fuzz artifact {name}"));
        }
    }
}

#[test]
fn extreme_times_and_hosts_never_panic() {
    let pem = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs/chain-valid.pem"),
    )
    .unwrap();
    for now in [i64::MIN, -1, 0, i64::MAX, NOW] {
        for host in [
            "",
            " ",
            "[",
            "[]:",
            ":::",
            "*.corp.example",
            "é.example",
            "a..b",
            "...",
            "rdp.corp.example:99999",
        ] {
            let a = analyze(&pem, Some(host), now);
            assert_eq!(a.certificates.len(), 3);
        }
    }
}

#[test]
fn pathological_pastes_stay_fast_and_bounded() {
    // 20 000 unterminated BEGIN lines, a 2 MB base64-looking blob and a 2 MB line of hex:
    // all must finish quickly (linear scans) with a bounded number of diagnostics.
    let many = "-----BEGIN CERTIFICATE-----\nMIIB\n".repeat(20_000);
    let blob = "QUJD".repeat(500_000);
    let hex = "30".repeat(1_000_000);
    for input in [many.as_str(), blob.as_str(), hex.as_str()] {
        let t = std::time::Instant::now();
        let a = analyze(input, Some("x"), NOW);
        assert!(
            a.diagnostics.len() <= 2 * engine::cert::input::MAX_BLOCKS,
            "{} diagnostics",
            a.diagnostics.len()
        );
        assert!(!a.diagnostics.is_empty());
        // Generous bound for a debug build on a loaded machine; quadratic behaviour would take minutes.
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }
}
