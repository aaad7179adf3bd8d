//! Fuzz target: the MCS Connect Response decoder of the Standard RDP Security probe must never panic and must stay consistent with
//! the bytes it read. A thin call into `probe_helper::replies::mcs_reply`, which the replay test
//! `probe-helper/tests/fuzz_replay.rs` runs on every committed corpus and crash file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probe_helper::replies::mcs_reply(data));
