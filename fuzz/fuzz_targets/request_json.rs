//! Fuzz target: `diagnose_json` on arbitrary bytes (as lossy UTF-8) must never panic and must
//! always answer with a report JSON (`rdp-triage.report/1`), whatever the request holds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    let out = engine::rank::diagnose_json(&json);
    assert!(out.starts_with("{\"schema\":\"rdp-triage.report/1\""), "not a report: {out:.200}");
});
