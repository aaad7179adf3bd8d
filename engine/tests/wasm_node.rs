//! The engine compiled to wasm32 and run under Node (wasm-bindgen-test): the same decoding
//! the browser uses must give the same answers as natively.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn decodes_0x904_0x7_in_wasm() {
    let a = engine::analyze_text("Error code: 0x904\nExtended error code: 0x7", 0);
    let names: Vec<_> = a.decoded.iter().filter_map(|d| d.name.clone()).collect();
    assert!(names.contains(&"disconnectReasonAtClientWinsockFDCLOSE".to_string()), "{names:?}");
    assert!(names.contains(&"ERRINFO_SERVER_DENIED_CONNECTION".to_string()), "{names:?}");
}

#[wasm_bindgen_test]
fn diagnose_json_round_trip_in_wasm() {
    let out = engine::rank::diagnose_json(r#"{"texts":["Error code: 2308"]}"#);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "rdp-triage.report/1");
    assert_eq!(v["decoded"][0]["display"], "0x904");
}
