//! The engine compiled to wasm32 and run under Node (wasm-bindgen-test): the same decoding
//! the browser uses must give the same answers as natively.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn decodes_0x904_0x7_in_wasm() {
    let a = engine::analyze_text("Error code: 0x904\nExtended error code: 0x7", 0);
    let names: Vec<_> = a.decoded.iter().filter_map(|d| d.name.clone()).collect();
    assert!(
        names.contains(&"disconnectReasonAtClientWinsockFDCLOSE".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"ERRINFO_SERVER_DENIED_CONNECTION".to_string()),
        "{names:?}"
    );
}

#[wasm_bindgen_test]
fn diagnose_json_round_trip_in_wasm() {
    let out = engine::rank::diagnose_json(r#"{"texts":["Error code: 2308"]}"#);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "rdp-triage.report/1");
    assert_eq!(v["decoded"][0]["display"], "0x904");
}

#[wasm_bindgen_test]
fn localized_paste_decodes_in_wasm() {
    let a = engine::analyze_text("错误代码：0x904\n扩展错误代码：0x7\nFehlercode: 0xb09", 0);
    let keys: Vec<_> = a.findings.iter().map(|f| f.evidence.as_str()).collect();
    assert_eq!(keys, ["disc:0x904", "ext:0x7", "disc:0xb09"]);
    let span = a.findings[0].span.unwrap();
    assert_eq!(
        &"错误代码：0x904\n扩展错误代码：0x7\nFehlercode: 0xb09"[span.start..span.end],
        "错误代码：0x904"
    );
}

#[wasm_bindgen_test]
fn ten_megabyte_paste_is_analysed_in_wasm() {
    let block = "[ERROR][com.freerdp.core] - transport_connect_tls:freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]\nReply from 10.1.2.30: bytes=32 time=3ms TTL=127\n";
    let text = block.repeat(10 * 1024 * 1024 / block.len());
    let t0 = js_sys::Date::now();
    let a = engine::analyze_text(&text, 0);
    let ms = js_sys::Date::now() - t0;
    console_log!(
        "wasm: analyze_text on a {:.1} MB paste took {ms:.0} ms",
        text.len() as f64 / 1048576.0
    );
    assert!(a
        .findings
        .iter()
        .any(|f| f.evidence == "freerdp:ERRCONNECT_TLS_CONNECT_FAILED"));
}
