//! Entry point of the RDP Triage web app: mounts the root component. The production build
//! (`--no-default-features`) is one wasm module for the page and for its engine worker: in the
//! worker there is no `window`, so nothing is mounted and the worker calls `engineJob`.
fn main() {
    if web_sys::window().is_none() {
        return;
    }
    // Its own root, after index.html's page shell: Yew empties the element it mounts in, and the
    // app takes the shell over itself (`hooks::use_shell`) once its first render is in the page.
    let doc = gloo::utils::document();
    match doc.create_element("div") {
        Ok(root) if gloo::utils::body().append_child(&root).is_ok() => {
            web::hooks::use_shell::prepare(&root);
            yew::Renderer::<web::App>::with_root(root).render();
        }
        _ => {
            yew::Renderer::<web::App>::new().render();
        }
    }
}

/// The engine worker's entry point (`static/engine-worker.js`): the request JSON without its
/// texts and certificates, and those lists; returns the report JSON.
#[cfg(not(feature = "inline-engine"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = engineJob)]
pub fn engine_job(request_json: &str, texts: Vec<String>, certificates: Vec<String>) -> String {
    web::state::AppState::analyse_parts(request_json, texts, certificates)
}

/// The engine worker's warm-up (`static/engine-worker.js`): runs the page's own handling of a
/// first paste once on `sample` ([`web::state::AppState::warm`]), so that code is compiled on
/// the worker's core before the page needs it. True when the report was read and taken in.
#[cfg(not(feature = "inline-engine"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = warmPage)]
pub fn warm_page(sample: &str, now: &str) -> bool {
    web::state::AppState::warm(sample, now)
}

/// The engine worker's copy of the engine takes the signature pack the page fetched
/// (`hooks/use_signature_pack.rs`); returns how many signatures it holds (0: compiled in).
#[cfg(all(not(feature = "inline-engine"), feature = "intl-pack"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadSignaturePack)]
pub fn load_signature_pack(pack: &str) -> Result<usize, String> {
    web::state::AppState::load_signatures(pack)
}

/// The engine worker's secret scan of a big paste (`static/engine-worker.js`): true when the
/// text holds a secret (`AppState::has_secrets`).
#[cfg(not(feature = "inline-engine"))]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = hasSecrets)]
pub fn has_secrets(text: &str) -> bool {
    web::state::AppState::has_secrets(text)
}
