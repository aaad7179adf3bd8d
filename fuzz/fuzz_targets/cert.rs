//! Fuzz target: the certificate analyser must never panic on any input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = engine::cert::analyze(&String::from_utf8_lossy(data), Some("host"), 0);
});
