//! Fuzz target: the NTLM CHALLENGE parser of the `--ntlm` step must never panic and must stay consistent with
//! the bytes it read. A thin call into `probe_helper::replies::ntlm_challenge`, which the replay test
//! `probe-helper/tests/fuzz_replay.rs` runs on every committed corpus and crash file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| probe_helper::replies::ntlm_challenge(data));
