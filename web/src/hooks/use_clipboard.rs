//! `use_clipboard`: copy text to the clipboard (async Clipboard API, with the older
//! select-and-copy fallback) and report whether it worked.
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// `copy` writes the text; `status` says how the last copy went (empty before the first).
pub struct Clipboard {
    pub copy: Callback<String>,
    pub status: String,
}

fn fallback_copy(text: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(ta) = doc.create_element("textarea") else {
        return false;
    };
    let Ok(ta) = ta.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    ta.set_value(text);
    let _ = ta.set_attribute("readonly", "");
    let _ = ta.set_attribute("class", "offscreen");
    let Some(body) = doc.body() else { return false };
    if body.append_child(&ta).is_err() {
        return false;
    }
    ta.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .map(|d| d.exec_command("copy").unwrap_or(false))
        .unwrap_or(false);
    ta.remove();
    ok
}

#[hook]
pub fn use_clipboard() -> Clipboard {
    let status = use_state(String::new);
    let copy = {
        let status = status.clone();
        Callback::from(move |text: String| {
            let status = status.clone();
            let clip = web_sys::window().map(|w| w.navigator().clipboard());
            spawn_local(async move {
                let ok = match clip {
                    Some(c) => {
                        JsFuture::from(c.write_text(&text)).await.is_ok() || fallback_copy(&text)
                    }
                    None => fallback_copy(&text),
                };
                status.set(if ok {
                    "Copied".into()
                } else {
                    "Copy failed: select the text and press Ctrl+C".into()
                });
            });
        })
    };
    Clipboard {
        copy,
        status: (*status).clone(),
    }
}
