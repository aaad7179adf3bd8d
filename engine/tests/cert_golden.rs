//! Golden dump of certificate analysis: the report JSON of `cert::analyze` / `analyze_bytes`
//! for every fixture under `tests/fixtures/certs` (but the 1 MB `huge-bundle.pem`) must equal `tests/golden/cert-fixtures.json`
//! (taken before the certificate code moved onto x509-parser and RustCrypto, so any change in
//! what the reports say shows up here). `RDP_GOLDEN_UPDATE=1` rewrites the file instead.
//!
//! A second test writes a one-line summary of the analysis of every truncation and of single
//! byte flips of every DER certificate in the fixtures to `target/cert-golden/damaged.txt`
//! (too big to commit); comparing that file between two builds shows how damaged input is
//! judged before and after a change of parser.
// Reads fixture files from disk: native only.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use engine::cert::{analyze, analyze_bytes, CertAnalysis};
use std::fmt::Write as _;
use std::path::PathBuf;

const NOW: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z
const HOST: &str = "rdp.corp.example";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    common::cert_fixtures()
}

fn json(a: &CertAnalysis) -> serde_json::Value {
    serde_json::to_value(a).expect("report serialises")
}

/// Every PEM certificate in the fixtures, as DER, named `file#n`.
fn der_certificates() -> Vec<(String, Vec<u8>)> {
    common::pem_certificates(|_| true)
}

#[test]
fn fixture_reports_equal_the_golden_dump() {
    let mut all = serde_json::Map::new();
    for (name, data) in fixtures() {
        let mut entry = serde_json::Map::new();
        if let Ok(text) = std::str::from_utf8(&data) {
            entry.insert("text".into(), json(&analyze(text, Some(HOST), NOW)));
        }
        entry.insert("bytes".into(), json(&analyze_bytes(&data, Some(HOST), NOW)));
        all.insert(name, entry.into());
    }
    let got = serde_json::to_string_pretty(&serde_json::Value::Object(all)).unwrap() + "\n";
    let path = manifest().join("tests/golden/cert-fixtures.json");
    if std::env::var_os("RDP_GOLDEN_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    if got != want {
        let out = manifest().join("../target/cert-golden/cert-fixtures.got.json");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &got).unwrap();
        panic!("certificate reports differ from {path:?}; this run's dump is in {out:?}");
    }
}

/// One line per damaged input: the certificates' decoded fields and verdict IDs, and the
/// diagnostic codes.
fn summary(a: &CertAnalysis) -> String {
    let mut s = String::new();
    for c in &a.certificates {
        let ids: Vec<&str> = c.verdicts.iter().map(|v| v.id.as_str()).collect();
        let _ = write!(
            s,
            "[{}|{}|{}|{}|{}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{}|{}|{:?}|{}] ",
            c.index,
            c.leaf,
            c.subject,
            c.issuer,
            c.serial,
            c.not_before,
            c.not_after,
            c.key,
            c.signature_algorithm,
            c.sans,
            c.ekus,
            c.key_usage,
            c.is_ca,
            c.self_signed,
            c.extensions,
            ids.join(",")
        );
    }
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    s + &codes.join(",")
}

/// Slow in a debug build (about 100 000 analyses): `cargo test -p engine --test cert_golden
/// -- --ignored`.
#[test]
#[ignore]
fn damaged_certificates_summary() {
    let mut out = String::new();
    let mut n = 0;
    for (name, der) in der_certificates() {
        for len in 0..der.len() {
            let a = analyze_bytes(&der[..len], Some(HOST), NOW);
            let _ = writeln!(out, "{name} cut {len}: {}", summary(&a));
            n += 1;
        }
        for at in 0..der.len() {
            for x in [0x01u8, 0x80] {
                let mut v = der.clone();
                v[at] ^= x;
                let a = analyze_bytes(&v, Some(HOST), NOW);
                let _ = writeln!(out, "{name} flip {at}^{x:02x}: {}", summary(&a));
                n += 1;
            }
        }
    }
    assert!(n > 10_000, "only {n} damaged inputs");
    let path = manifest().join("../target/cert-golden/damaged.txt");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, out).unwrap();
}
