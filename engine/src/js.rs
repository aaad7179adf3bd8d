//! The JS/wasm module API (feature `js`): `diagnose(requestJson) -> reportJson` and
//! `analyzeText(text) -> json`, for Node, edge functions and portal back ends. Packaged by
//! `scripts/build-js` into `engine/js/pkg/`; `engine/js/edge-handler.mjs` wraps it in a
//! `fetch(request)` handler. Strings in, strings out: no exception crosses the boundary.

use wasm_bindgen::prelude::*;

/// Runs the engine on a request JSON string and returns the report JSON string.
/// Invalid JSON gives a report with a diagnostic, never an exception.
#[wasm_bindgen]
pub fn diagnose(request_json: &str) -> String {
    crate::rank::diagnose_json(request_json)
}

/// Parses one pasted text and returns `{decoded, findings, diagnostics}` as JSON.
#[wasm_bindgen(js_name = analyzeText)]
pub fn analyze_text(text: &str) -> String {
    serde_json::to_string(&crate::text::analyze_text(text, 0)).unwrap_or_default()
}

/// The Markdown ticket summary for a report JSON (default redaction options).
#[wasm_bindgen(js_name = reportToMarkdown)]
pub fn report_to_markdown(report_json: &str) -> String {
    match crate::schema::from_json::<crate::schema::Report>(report_json) {
        Ok(r) => crate::render::to_markdown(&r, &crate::render::RenderOptions::default()),
        Err(e) => {
            format!("The report could not be read ({e}); pass the JSON returned by diagnose().")
        }
    }
}

/// Schema versions this module reads and writes.
#[wasm_bindgen(js_name = schemaVersions)]
pub fn schema_versions() -> String {
    format!(
        "{{\"request\":\"{}\",\"report\":\"{}\",\"probe\":\"{}\",\"overlay\":\"{}\"}}",
        crate::schema::REQUEST_SCHEMA,
        crate::schema::REPORT_SCHEMA,
        crate::probe::PROBE_SCHEMA,
        crate::kb::OVERLAY_SCHEMA
    )
}

/// Reads and indexes the embedded knowledge afresh, as every engine start does, and returns how
/// many entries it holds: timed by `scripts/bench-engine` as the knowledge load in wasm
/// (validation is [`knowledge_check`]'s, not the start's).
#[wasm_bindgen(js_name = knowledgeLoad)]
pub fn knowledge_load() -> usize {
    let (kb, _) = crate::kb::load_uncached();
    kb.causes.len() + kb.questions.len() + kb.fixes.len()
}

/// Reads and validates the embedded knowledge afresh and returns
/// `{"causes": n, "questions": n, "fixes": n, "errors": [...]}`: a deployment health check.
#[wasm_bindgen(js_name = knowledgeCheck)]
pub fn knowledge_check() -> String {
    let (kb, mut errors) = crate::kb::load_uncached();
    errors.extend(crate::kb::validate(&kb));
    serde_json::json!({
        "causes": kb.causes.len(),
        "questions": kb.questions.len(),
        "fixes": kb.fixes.len(),
        "errors": errors,
    })
    .to_string()
}
