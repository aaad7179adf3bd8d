//! The JS/wasm module API (feature `js`): `diagnose(requestJson) -> reportJson` and
//! `analyzeText(text) -> json`, for Node, edge functions and portal back ends.

use wasm_bindgen::prelude::*;

/// Runs the engine on a request JSON string and returns the report JSON string.
/// Invalid JSON gives a report with a diagnostic, never an exception.
#[wasm_bindgen]
pub fn diagnose(request_json: &str) -> String {
    crate::rank::diagnose_json(request_json)
}
