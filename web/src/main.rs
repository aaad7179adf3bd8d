//! Entry point of the RDP Triage web app: mounts the root component. The production build
//! (`--no-default-features`) is one wasm module for the page and for its engine worker: in the
//! worker there is no `window`, so nothing is mounted and the worker calls `engineJob`.
fn main() {
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<web::App>::new().render();
}

/// The engine worker's entry point (`static/engine-worker.js`): the request JSON without its
/// texts and certificates, and those lists; returns the report JSON.
#[cfg(not(feature = "inline-engine"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineJob)]
pub fn engine_job(request_json: &str, texts: Vec<String>, certificates: Vec<String>) -> String {
    web::state::AppState::analyse_parts(request_json, texts, certificates)
}
