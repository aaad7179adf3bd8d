//! `use_signature_pack`: fetches `signatures-intl.json`, the engine's signatures in languages
//! other than English, which the page's wasm leaves out (engine feature `intl-pack`) so they
//! are not among the bytes before the first report. The returned callback starts the fetch
//! (once; the app calls it after the first report, and warms its own engine once `on_loaded`
//! has the pack's text, or why it could not be loaded).
use super::fetch::get_text;
use yew::prelude::*;

/// The pack's address, next to the page (scripts/build-web writes it; sw.js caches it).
pub const PACK_URL: &str = "signatures-intl.json";
/// A pack is about 60 KB; anything far larger is not one.
const PACK_LIMIT: usize = 1024 * 1024;

#[hook]
pub fn use_signature_pack(on_loaded: Callback<Result<String, String>>) -> Callback<()> {
    let started = use_mut_ref(|| false);
    Callback::from(move |_| {
        if std::mem::replace(&mut *started.borrow_mut(), true) {
            return;
        }
        let on_loaded = on_loaded.clone();
        wasm_bindgen_futures::spawn_local(async move {
            on_loaded.emit(get_text(PACK_URL, PACK_LIMIT).await);
        });
    })
}
