//! Fuzz target: the X.224 Connection Confirm / negotiation failure decoder must never panic and must stay consistent with
//! the bytes it read. A thin call into `probe_helper::replies::x224_reply`, which the replay test
//! `probe-helper/tests/fuzz_replay.rs` runs on every committed corpus and crash file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probe_helper::replies::x224_reply(data));
