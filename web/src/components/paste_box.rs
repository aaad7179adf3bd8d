//! The "paste anything" area: a text box with an Add button (Ctrl+Enter), a file picker and a
//! drop zone. Analysis runs when an item is added, not on every keystroke, so huge pastes stay
//! responsive. A plain view function.
use crate::components::parts::static_html;
use crate::hooks::use_file_drop::FileDrop;
use crate::state::JsText;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

/// Pastes larger than this (UTF-16 units, as the browser counts a string) skip the text box and
/// go to `on_big_paste` as the JS string the browser gave.
pub const LARGE_PASTE: usize = 64 * 1024;
use yew::prelude::*;

/// The paste box; `drop` (drag state and file handlers) is a hook
/// kept by the caller. A big paste goes to `on_big_paste` as a JS string, never copied into
/// the wasm here (the app has the engine worker scan it first).
pub fn paste_box(
    drop: FileDrop,
    on_paste: Callback<String>,
    on_big_paste: Callback<JsText>,
    compact: bool,
) -> Html {
    let add = {
        let on_paste = on_paste.clone();
        Callback::from(move |_: ()| {
            // Found by its id (unique on the page): a node ref would be a state of its own type
            // in the app, with its own code in the wasm.
            if let Some(ta) = gloo::utils::document()
                .get_element_by_id("paste")
                .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
            {
                on_paste.emit(ta.value());
                ta.set_value("");
                let _ = ta.focus();
            }
        })
    };
    let onclick = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add.emit(()))
    };
    // A huge paste (a whole log) goes straight into the evidence list: putting megabytes into
    // the text box would make the browser lay it out for seconds.
    let onpaste = {
        Callback::from(move |e: Event| {
            let Some(dt) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|ce| ce.clipboard_data())
            else {
                return;
            };
            // `getData` called through JS, so the text stays a JS string: `get_data` would copy
            // megabytes into the wasm just to measure them.
            let text = js_sys::Reflect::get(&dt, &"getData".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| f.call1(&dt, &"text".into()).ok())
                .filter(|t| t.is_string());
            let Some(text) = text else {
                return;
            };
            if js_sys::JsString::from(text.clone()).length() as usize > LARGE_PASTE {
                e.prevent_default();
                on_big_paste.emit(JsText(text));
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            add.emit(());
        }
    });
    let body = html! {
        <>
            // A static literal (no user data).
            { static_html(r#"<label for="paste">Paste anything: the error dialog, an event log entry, a client log, Test-NetConnection output, a certificate or a probe report</label>"#) }
            <textarea id="paste" rows={if compact { "4" } else { "7" }} spellcheck="false"
                aria-describedby="paste-help" {onkeydown} {onpaste}
                placeholder="Remote Desktop Connection\nThis computer can't connect to the remote computer…\nError code: 0x904\nExtended error code: 0x7" />
            // A static literal (no user data).
            { static_html(r#"<p id="paste-help" class="help">Press Add (or Ctrl+Enter) for each piece; you can also drop files here (.txt, .log, .evtx exported as text, .cer, .pem, .p7b, probe .json). Nothing leaves this browser.</p>"#) }
            <div class="row">
                <button type="button" id="add" class="btn primary" {onclick}>{"Add"}</button>
                <label class="btn file-btn">
                    {"Choose files…"}
                    <input id="file" type="file" multiple=true class="visually-hidden-input" onchange={drop.onpick.clone()}
                        accept=".txt,.log,.csv,.json,.cer,.crt,.pem,.der,.p7b,.p7c,text/plain,application/json" />
                </label>
            </div>
        </>
    };
    // Literal class lists (a computed one goes through Yew's run-time `Classes`).
    if drop.dragging {
        html! {
            <div class="paste-box dragging" ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>{ body }</div>
        }
    } else {
        html! {
            <div class="paste-box" ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>{ body }</div>
        }
    }
}
