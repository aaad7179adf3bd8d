//! The root component: wires the reducer (`state.rs`) to the hooks (storage, address, embedding,
//! overlay, probe bridge) and lays out the screens: evidence in, meaning, question, fixes,
//! causes, export, probe.
use crate::components::{
    cause_list::cause_list_view,
    decoded_list::decoded_list_view,
    evidence_list::evidence_list,
    export_panel::{export_panel, use_export},
    fix_list::fix_list,
    host_field::{host_field, use_host_draft},
    notice_bar::notice_bar,
    parts::static_html,
    paste_box::paste_box,
    probe_panel::probe_panel,
    question_panel::question_panel,
    start_over::start_over,
};
use crate::hooks::{
    use_bridge::use_bridge, use_embed::use_embed, use_file_drop::use_file_drop,
    use_hash_change::use_hash_change, use_local_storage::use_local_storage,
    use_overlay::use_overlay, use_shell::use_shell, use_url::use_url,
};
use crate::state::{Action, AppState, Saved};
use std::rc::Rc;
use yew::prelude::*;

/// Local-storage key of the saved session.
pub const STORAGE_KEY: &str = "rdp-triage.session/1";
/// Pasted data kept in local storage at most (bytes); bigger items stay in memory only.
pub const MAX_SAVED_BYTES: usize = 2 * 1024 * 1024;

#[function_component(App)]
pub fn app() -> Html {
    let url = use_url();
    let storage = use_local_storage(STORAGE_KEY);
    let state = {
        let (url, storage) = (url.clone(), storage.clone());
        use_reducer(move || {
            let mut s = Rc::new(AppState::new(crate::hooks::use_now::now()));
            if let Some(saved) = storage
                .load()
                .and_then(|j| engine::schema::from_json::<Saved>(&j).ok())
            {
                s = yew::Reducible::reduce(s, Action::Restore(saved));
            }
            if let Some(p) = url.share.clone() {
                s = yew::Reducible::reduce(s, Action::OpenShared(p));
            }
            if url.has_prefill() {
                let a = Action::Prefill {
                    text: url.text.clone(),
                    host: url.host.clone(),
                    code: url.code.clone(),
                    ext: url.ext.clone(),
                };
                s = yew::Reducible::reduce(s, a);
            }
            (*s).clone()
        })
    };
    // Why the session is not (fully) kept in this browser; empty when it is.
    let storage_msg = use_state(String::new);

    let dispatcher = state.dispatcher();
    // Without the inline engine, the engine worker analyses each new revision.
    #[cfg(not(feature = "inline-engine"))]
    let analyse = {
        let d = dispatcher.clone();
        crate::hooks::use_engine_worker::use_engine_worker(Callback::from(
            move |(rev, result): (u64, Result<String, String>)| match result.and_then(|j| {
                engine::schema::from_json::<engine::Report>(&j)
                    .map_err(|e| format!("The engine's report could not be read ({e})."))
            }) {
                Ok(report) => d.dispatch(Action::Analysed { rev, report }),
                Err(e) => d.dispatch(Action::Notify {
                    error: true,
                    text: e,
                }),
            },
        ))
    };
    let export = use_export();
    // Keyboard focus asked for by the last action (`AppState::focus`), applied once the report
    // it waits for is on screen: the next question's heading, the moved fix card, the paste box.
    {
        let state = state.clone();
        let applied = use_mut_ref(u64::default);
        use_effect_with((state.focus_seq, state.analysed), move |_| {
            if !state.pending() && *applied.borrow() != state.focus_seq {
                *applied.borrow_mut() = state.focus_seq;
                if let Some(id) = state.focus.as_deref() {
                    let doc = gloo::utils::document();
                    // No next question: the question panel's heading says why.
                    let el = doc.get_element_by_id(id).or_else(|| {
                        (id == "q-text")
                            .then(|| doc.get_element_by_id("question-h"))
                            .flatten()
                    });
                    if let Some(el) = el.and_then(|e| {
                        wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                    }) {
                        let _ = el.focus();
                    }
                }
            }
            || ()
        });
    }
    // On every change: drop the share link, save, then (with the worker) send the new request
    // to the engine.
    {
        let (state, storage, msg) = (state.clone(), storage.clone(), storage_msg.clone());
        let export = export.clone();
        use_effect_with(state.revision, move |rev| {
            export.forget_link();
            if *rev > 0 {
                // The message is only set when it changes: setting it re-renders the whole page.
                if state.is_empty() {
                    storage.remove();
                    if !msg.is_empty() {
                        msg.set(String::new());
                    }
                } else {
                    let (saved, dropped) = state.to_saved(MAX_SAVED_BYTES);
                    let json = serde_json::to_string(&saved).unwrap_or_default();
                    let result = storage.save(&json);
                    let text = match (result, dropped.is_empty()) {
                        (Ok(()), true) => String::new(),
                        (Ok(()), false) => format!(
                            "Too large to keep in this browser: {}. It stays in this tab but will not survive a reload; everything else is saved.",
                            dropped.join(", ")
                        ),
                        (Err(e), _) => format!("{e}: this session is kept in this tab only and will not survive a reload."),
                    };
                    if *msg != text {
                        msg.set(text);
                    }
                }
            }
            #[cfg(not(feature = "inline-engine"))]
            if state.pending() {
                // Posted from its own task: copying a 10 MB paste to the worker should not
                // lengthen the task that rendered the change.
                let rev = *rev;
                gloo::timers::callback::Timeout::new(0, move || {
                    let (json, texts, certs) = state.request_parts();
                    analyse.emit((rev, json, texts, certs));
                })
                .forget();
            }
            || ()
        });
    }

    let embedded = {
        let d = dispatcher.clone();
        let d2 = dispatcher.clone();
        use_embed(
            (!state.pending()).then(|| state.report.clone()),
            Callback::from(move |p: crate::hooks::use_embed::Prefill| {
                d.dispatch(Action::Prefill {
                    text: p.text,
                    host: p.host,
                    code: p.code,
                    ext: p.ext,
                })
            }),
            Callback::from(move |e: String| {
                d2.dispatch(Action::Notify {
                    error: true,
                    text: e,
                })
            }),
        )
    };
    {
        let d = dispatcher.clone();
        use_overlay(
            url.overlay.clone(),
            Callback::from(move |r: Result<serde_json::Value, String>| match r {
                Ok(v) => d.dispatch(Action::Overlay(v)),
                Err(e) => d.dispatch(Action::Notify {
                    error: true,
                    text: e,
                }),
            }),
        );
    }
    {
        let d = dispatcher.clone();
        use_hash_change(Callback::from(move |p: String| {
            d.dispatch(Action::OpenShared(p))
        }));
    }
    let bridge = {
        let d = dispatcher.clone();
        use_bridge(
            url.bridge.clone(),
            Callback::from(move |json: String| d.dispatch(Action::Probe(json))),
        )
    };

    let compact = url.embed || embedded;
    let d = dispatcher.clone();
    let on_paste =
        Callback::from(move |text: String| d.dispatch(Action::Paste { text, label: None }));
    let d = dispatcher.clone();
    let drop = use_file_drop(Callback::from(move |(name, bytes): (String, Vec<u8>)| {
        d.dispatch(Action::File { name, bytes })
    }));
    // The page shell of index.html: taken over on the first render (what was typed, pasted,
    // added or dropped before the app was ready is carried over and analysed).
    {
        let (d1, d2, d3) = (dispatcher.clone(), dispatcher.clone(), dispatcher.clone());
        use_shell(
            Callback::from(move |h: String| d1.dispatch(Action::SetHost(h))),
            Callback::from(move |text: String| d2.dispatch(Action::Paste { text, label: None })),
            Callback::from(move |(name, bytes): (String, Vec<u8>)| {
                d3.dispatch(Action::File { name, bytes })
            }),
        );
    }
    let host_draft = use_host_draft();
    // `bool::default`, not `|| false`: each closure type is its own copy of the hook in the wasm.
    let asking_reset = use_state(bool::default);
    let confirming_probe = use_state(bool::default);
    let d = dispatcher.clone();
    let on_host = Callback::from(move |h: String| d.dispatch(Action::SetHost(h)));
    let d = dispatcher.clone();
    let on_reset = Callback::from(move |_| d.dispatch(Action::Reset));
    let d = dispatcher.clone();
    let on_dismiss = Callback::from(move |_| d.dispatch(Action::DismissNotice));

    // Every `static_html` string below is a static literal of this file (no user data).
    let body = html! {
        <>
            { static_html(r##"<a class="skip-link" href="#paste">Skip to the paste area</a>"##) }
            <header class="top">
                if compact {
                    { static_html(r#"<div><h1>RDP Triage</h1></div>"#) }
                } else {
                    { static_html(r#"<div><h1>RDP Triage</h1><p class="tagline">Why Remote Desktop won't connect, and what to do first. Everything stays in this browser.</p></div>"#) }
                }
                { start_over(&asking_reset, on_reset, state.is_empty()) }
            </header>
            { notice_bar(state.notice.as_ref(), &storage_msg, on_dismiss) }
            <main class="layout">
                <div class="col">
                    <section id="input" class="panel" aria-labelledby="input-h">
                        { static_html(r#"<h2 id="input-h">What you see</h2>"#) }
                        // The host first: it is known before anything is pasted, and it sits
                        // above Add so the agent fills it in before pressing it.
                        { host_field(&host_draft, &state.host, on_host) }
                        { paste_box(drop, on_paste, compact) }
                        { evidence_list(&state) }
                    </section>
                    { decoded_list_view(&state.report, state.pending()) }
                </div>
                <div class="col">
                    { question_panel(&state) }
                    // No advice without evidence (`AppState::has_evidence`).
                    { cause_list_view(if state.has_evidence() { &state.report.causes } else { &[] }) }
                    { fix_list(&state) }
                    { export_panel(&state, &export) }
                    { probe_panel(&state.host, &bridge, &confirming_probe) }
                </div>
            </main>
            // The print view with "Hide user names…" on: only the redacted summary is printed
            // (styles.css hides everything else), so printing leaks nothing the summary hides.
            if export.redacting() {
                <pre class="print-summary">{ state.markdown(true) }</pre>
            }
            if !compact {
                { static_html(r#"<footer class="foot"><p>RDP Triage runs entirely in your browser: nothing you paste is uploaded. Codes are decoded from Microsoft and FreeRDP documentation; sources are shown next to each meaning.</p></footer>"#) }
            }
        </>
    };
    // A literal class list (a computed one goes through Yew's run-time `Classes`).
    if compact {
        html! { <div class="app embed">{ body }</div> }
    } else {
        html! { <div class="app">{ body }</div> }
    }
}
