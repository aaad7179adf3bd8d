//! Fuzz target: the reader of a server's answer to a ClientHello (ServerHello, alert, Certificate capture) must never panic and must stay consistent with
//! the bytes it read. A thin call into `probe_helper::replies::tls_reply`, which the replay test
//! `probe-helper/tests/fuzz_replay.rs` runs on every committed corpus and crash file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probe_helper::replies::tls_reply(data));
