//! `use_shell`: takes over the page shell of `index.html` when the app mounts. The shell (the
//! host field, the paste box with Add, an explanation) works from the HTML alone while the wasm
//! loads; `static/boot.js` queues what is added there in `globalThis.__rdpTriageShell`.
//! Before the app renders, [`prepare`] renames the shell's ids (the app uses the same ones) and
//! hides the app's root; once the app's first render is in the page this hook removes the
//! shell, shows the app and hands over what the shell held — the host, each queued text and
//! file, and the text still in the box (kept in the app's box with its caret while it is being
//! typed, added as an item otherwise) — and puts the keyboard focus and the caret back where
//! they were. The user can go on typing in the shell until then (Yew may yield to the browser
//! between its first render and its effects). Without a shell (component tests, embedding
//! hosts that bring their own page) it does nothing.
use crate::hooks::use_file_drop::read_file;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The ids the shell shares with the app: renamed `shell-…` by [`prepare`].
const SHARED_IDS: [&str; 6] = ["input", "input-h", "host", "paste", "paste-help", "add"];
/// The id of the element the app is rendered into.
pub const ROOT_ID: &str = "app-root";

/// Called before the app renders into `root`: when the page has a shell, renames the ids it
/// shares with the app (and the references to them) and hides `root` until the take-over.
pub fn prepare(root: &web_sys::Element) {
    root.set_id(ROOT_ID);
    let Some(shell) = gloo::utils::document().get_element_by_id("shell") else {
        return;
    };
    let _ = root.set_attribute("hidden", "");
    for id in SHARED_IDS {
        if let Ok(Some(e)) = shell.query_selector(&format!("#{id}")) {
            e.set_id(&format!("shell-{id}"));
        }
    }
    for attr in ["for", "aria-labelledby", "aria-describedby"] {
        let Ok(list) = shell.query_selector_all(&format!("[{attr}]")) else {
            continue;
        };
        for i in 0..list.length() {
            let Some(e) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            if let Some(v) = e
                .get_attribute(attr)
                .filter(|v| SHARED_IDS.contains(&v.as_str()))
            {
                let _ = e.set_attribute(attr, &format!("shell-{v}"));
            }
        }
    }
}

/// Where the caret was in a shell field: the field's id and the selection.
struct Caret {
    id: String,
    start: u32,
    end: u32,
}

fn get(obj: &wasm_bindgen::JsValue, key: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(wasm_bindgen::JsValue::UNDEFINED)
}

/// Sets the selection of the app's field `id` (an input or a text area) and focuses it.
fn restore(doc: &web_sys::Document, caret: &Caret, text: Option<&str>) {
    let Some(el) = doc.get_element_by_id(&caret.id) else {
        return;
    };
    if let Some(ta) = el.dyn_ref::<HtmlTextAreaElement>() {
        if let Some(t) = text {
            ta.set_value(t);
        }
        let _ = ta.focus();
        let _ = ta.set_selection_range(caret.start, caret.end);
    } else if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        if let Some(t) = text {
            i.set_value(t);
        }
        let _ = i.focus();
        let _ = i.set_selection_range(caret.start, caret.end);
    }
}

/// Takes over the shell once, on the first render: `on_host` gets the host typed in the shell
/// (when not empty), `on_text` each text to analyse, `on_file` each dropped file.
#[hook]
pub fn use_shell(
    on_host: Callback<String>,
    on_text: Callback<String>,
    on_file: Callback<(String, Vec<u8>)>,
) {
    use_effect_with((), move |_| {
        take_over(on_host, on_text, on_file);
        || ()
    });
}

fn take_over(
    on_host: Callback<String>,
    on_text: Callback<String>,
    on_file: Callback<(String, Vec<u8>)>,
) {
    let doc = gloo::utils::document();
    let Some(shell) = doc.get_element_by_id("shell") else {
        return;
    };
    let field = |id: &str| doc.get_element_by_id(&format!("shell-{id}"));
    let host = field("host")
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default();
    let paste = field("paste").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    let text = paste.as_ref().map(|t| t.value()).unwrap_or_default();
    // The focused shell field and its selection.
    let caret = doc.active_element().and_then(|a| {
        if !shell.contains(Some(&a)) {
            return None;
        }
        let id = a.id().trim_start_matches("shell-").to_string();
        let (start, end) = if let Some(t) = a.dyn_ref::<HtmlTextAreaElement>() {
            (t.selection_start().ok()??, t.selection_end().ok()??)
        } else if let Some(i) = a.dyn_ref::<HtmlInputElement>() {
            (i.selection_start().ok()??, i.selection_end().ok()??)
        } else {
            (0, 0)
        };
        Some(Caret { id, start, end })
    });
    // What boot.js queued; `take()` also removes its document listeners.
    let state = get(&js_sys::global(), "__rdpTriageShell");
    let taken = get(&state, "take")
        .dyn_into::<js_sys::Function>()
        .ok()
        .and_then(|f| f.call0(&state).ok())
        .unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    let typing = get(&taken, "typing").as_bool().unwrap_or(false);
    shell.remove();
    if let Some(root) = doc.get_element_by_id(ROOT_ID) {
        let _ = root.remove_attribute("hidden");
    }

    let host_text = host.clone();
    if !host.trim().is_empty() {
        on_host.emit(host);
    }
    let queue: js_sys::Array = get(&taken, "queue").dyn_into().unwrap_or_default();
    for item in queue.iter() {
        if let Some(t) = item.as_string() {
            on_text.emit(t);
        } else if let Ok(f) = item.dyn_into::<web_sys::File>() {
            read_file(f, on_file.clone());
        }
    }
    // Text still in the box: being typed, it stays in the box; otherwise it is analysed now.
    let in_box = caret.as_ref().is_some_and(|c| c.id == "paste");
    let keep = typing && in_box && !text.is_empty();
    if !keep && !text.trim().is_empty() {
        on_text.emit(text.clone());
    }
    if let Some(c) = caret {
        // The field gets its text before its caret (the host's re-render then changes nothing).
        let carried = match c.id.as_str() {
            "paste" if keep => Some(text.as_str()),
            "host" => Some(host_text.as_str()),
            _ => None,
        };
        let c = if c.id == "paste" && !keep {
            Caret {
                id: c.id,
                start: 0,
                end: 0,
            }
        } else {
            c
        };
        restore(&doc, &c, carried);
    }
}
