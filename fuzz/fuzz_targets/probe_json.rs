//! Fuzz target: a probe report from arbitrary bytes (typed parse, then findings; and the raw
//! JSON path the engine uses for `Request.probe`) must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(report) = engine::schema::from_json::<engine::probe::ProbeReport>(&text) {
        for f in engine::probe::findings(&report) {
            assert!(f.evidence.starts_with("probe:") || f.evidence.contains(':'), "bad key {}", f.evidence);
        }
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let _ = engine::probe::analyze_value(&value);
    }
});
