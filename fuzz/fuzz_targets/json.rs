//! Fuzz target (differential): the engine's JSON parser (`engine::json::parse`) against
//! `serde_json::Value` on arbitrary bytes. Both must accept or both refuse; when both accept,
//! the trees must be equal and re-serialise to the same bytes. Never a panic either way.
#![no_main]
use engine::json::Json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(serde_json::from_slice::<serde_json::Value>(data).is_err(), "serde_json read invalid UTF-8");
        return;
    };
    match (engine::json::parse(text), serde_json::from_str::<serde_json::Value>(text)) {
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(serde_json::to_string(&ours).unwrap(), theirs.to_string(), "{text:?}");
            assert_eq!(ours, Json::from(theirs), "{text:?}");
        }
        (Err(_), Err(_)) => {}
        (ours, theirs) => panic!("disagree on {text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
});
