//! `use_download`: offer text as a file download (Blob + object URL + a temporary link).
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Call with `(file name, content, MIME type)`.
#[hook]
pub fn use_download() -> Callback<(String, String, String)> {
    Callback::from(|(name, content, mime): (String, String, String)| {
        let parts = js_sys::Array::of1(&content.into());
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(&mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Ok(a) = doc
                .create_element("a")
                .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
            {
                a.set_href(&url);
                a.set_download(&name);
                a.click();
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    })
}
