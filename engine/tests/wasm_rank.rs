//! The knowledge base and ranking compiled to wasm32 and run under Node (wasm-bindgen-test):
//! the embedded knowledge loads without errors and ranks as it does natively.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn knowledge_loads_in_wasm() {
    assert!(
        engine::kb::builtin_errors().is_empty(),
        "{:?}",
        engine::kb::builtin_errors()
    );
    assert!(engine::kb::builtin().causes.len() >= 21);
}

#[wasm_bindgen_test]
fn diagnose_ranks_in_wasm_as_natively() {
    let r = engine::diagnose(&engine::Request {
        texts: vec!["Error code: 0x904\nExtended error code: 0x7".into()],
        ..Default::default()
    });
    let sum: f64 = r.causes.iter().map(|c| c.probability).sum();
    assert!((sum - 1.0).abs() < 1e-9);
    let fw = r
        .causes
        .iter()
        .position(|c| c.id == "firewall-blocked")
        .unwrap();
    assert!(fw >= 5, "firewall-blocked ranked {}", fw + 1);
    assert!(!r.fixes.is_empty());
    assert!(r.next_question.is_some());
}
