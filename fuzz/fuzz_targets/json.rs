//! Fuzz target: the engine's JSON readers on arbitrary bytes (as lossy UTF-8) never panic. The
//! text is read as a whole request (`diagnose_json`, which must always answer with a report),
//! and, when it is JSON at all, as a probe report (`probe::analyze_value`), as an organisation
//! overlay (`kb::with_overlay`) and as a typed request (`schema::from_value`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = engine::rank::diagnose_json(&text);
    assert!(out.starts_with("{\"schema\":\"rdp-triage.report/1\""), "not a report: {out:.200}");
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        let _ = engine::probe::analyze_value(&value);
        let _ = engine::kb::with_overlay(&value);
        if let Ok(req) = engine::schema::from_value::<engine::Request>(&value) {
            let _ = engine::diagnose(&req);
        }
    }
});
