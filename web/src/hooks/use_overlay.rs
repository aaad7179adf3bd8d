//! `use_overlay`: loads an organisation's overlay knowledge file from a same-origin URL (the
//! `overlay=` parameter) once, and hands the parsed JSON (or an error message) to the caller.
use super::fetch;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[hook]
pub fn use_overlay(url: Option<String>, on_load: Callback<Result<serde_json::Value, String>>) {
    use_effect_with(url, move |url| {
        if let Some(url) = url.clone() {
            spawn_local(async move {
                let r = match fetch::get_text(&url, 4 * 1024 * 1024).await {
                    Ok(text) => serde_json::from_str::<serde_json::Value>(&text)
                        .map_err(|e| format!("The overlay file {url} is not valid JSON ({e}).")),
                    Err(e) => Err(format!("The overlay knowledge file was not loaded: {e}.")),
                };
                on_load.emit(r);
            });
        }
        || ()
    });
}
