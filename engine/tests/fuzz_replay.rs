//! Replays the committed fuzz corpora and any crash artifacts of the JSON fuzz targets
//! (`fuzz/corpus/{request_json,probe_json,json}/`, `fuzz/artifacts/{request_json,probe_json,json}/`)
//! through the same calls as the targets, so a normal `cargo test -p engine` re-checks every
//! input the fuzzer ever kept. (The text and cert corpora are replayed by text_robustness.rs
//! and cert_robustness.rs.)

use std::path::{Path, PathBuf};

fn files(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for sub in ["corpus", "artifacts"] {
        let Ok(rd) = std::fs::read_dir(root.join(sub).join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(data) = std::fs::read(&p) {
                out.push((p, data));
            }
        }
    }
    out
}

/// What fuzz_targets/request_json.rs does.
fn request_json(data: &[u8]) {
    let json = String::from_utf8_lossy(data);
    let out = engine::rank::diagnose_json(&json);
    assert!(
        out.starts_with("{\"schema\":\"rdp-triage.report/1\""),
        "not a report: {out:.200}"
    );
}

/// What fuzz_targets/probe_json.rs does.
fn probe_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = engine::schema::from_json::<engine::probe::ProbeReport>(&text) {
        for f in engine::probe::findings(&report) {
            assert!(f.evidence.contains(':'), "bad key {}", f.evidence);
        }
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let _ = engine::probe::analyze_value(&value);
    }
}

/// What fuzz_targets/json.rs does: the text as a request, and (when it is JSON) as a probe
/// report, an overlay and a typed request; none of them may panic.
fn json(data: &[u8]) {
    request_json(data);
    let text = String::from_utf8_lossy(data);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let _ = engine::probe::analyze_value(&value);
        let _ = engine::kb::with_overlay(&value);
        if let Ok(req) = engine::schema::from_value::<engine::Request>(&value) {
            let _ = engine::diagnose(&req);
        }
    }
}

#[test]
fn json_corpus_replays() {
    let all = files("json");
    assert!(
        all.len() >= 20,
        "expected the committed corpus fuzz/corpus/json, found {}",
        all.len()
    );
    for (_, data) in &all {
        json(data);
    }
}

#[test]
fn request_json_corpus_replays() {
    let all = files("request_json");
    assert!(
        all.len() >= 20,
        "expected the committed corpus fuzz/corpus/request_json, found {}",
        all.len()
    );
    let mut with_findings = 0;
    for (p, data) in &all {
        request_json(data);
        let r: engine::Report =
            engine::schema::from_json(&engine::rank::diagnose_json(&String::from_utf8_lossy(data)))
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        with_findings += usize::from(!r.findings.is_empty());
    }
    assert!(
        with_findings >= 10,
        "the seeds should include real requests with evidence ({with_findings})"
    );
}

#[test]
fn probe_json_corpus_replays() {
    let all = files("probe_json");
    assert!(
        all.len() >= 10,
        "expected the committed corpus fuzz/corpus/probe_json, found {}",
        all.len()
    );
    let mut typed = 0;
    for (_, data) in &all {
        probe_json(data);
        typed += usize::from(
            engine::schema::from_json::<engine::probe::ProbeReport>(&String::from_utf8_lossy(data))
                .is_ok(),
        );
    }
    assert!(
        typed >= 5,
        "the seeds should include real probe reports ({typed})"
    );
}

/// Every input that ever crashed a fuzz target (see fuzz/crashes/README.md) stays a regression test.
#[test]
fn crashes_found_by_fuzzing_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/crashes");
    let mut n = 0;
    for target in ["cert", "request_json", "probe_json", "json", "text"] {
        let Ok(rd) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for e in rd.filter_map(|e| e.ok()) {
            let Ok(data) = std::fs::read(e.path()) else {
                continue;
            };
            match target {
                "cert" => {
                    let _ = engine::cert::analyze(&String::from_utf8_lossy(&data), Some("host"), 0);
                }
                "request_json" => request_json(&data),
                "probe_json" => probe_json(&data),
                "json" => json(&data),
                _ => {
                    let _ = engine::analyze_text(&String::from_utf8_lossy(&data), 0);
                }
            }
            n += 1;
        }
    }
    assert!(n > 0);
}
