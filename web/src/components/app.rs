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
    host_offer::host_offer,
    kept_banner::kept_banner,
    notice_bar::notice_bar,
    parts::static_html,
    paste_box::paste_box,
    probe_panel::probe_panel,
    question_panel::question_panel,
    start_over::start_over,
    undo_bar::undo_bar,
    verdict::verdict_panel,
};
#[cfg(not(feature = "inline-engine"))]
use crate::hooks::use_engine_worker::{Scanned, Task};
use crate::hooks::{
    use_bridge::use_bridge, use_embed::use_embed, use_file_drop::use_file_drop,
    use_hash_change::use_hash_change, use_local_storage::use_local_storage,
    use_overlay::use_overlay, use_probe_manifest::use_probe_manifest, use_shell::use_shell,
    use_url::use_url,
};
use crate::state::{Action, AppState, JsText, KeptCase, Saved};
use std::rc::Rc;
use yew::prelude::*;

/// Local-storage key of the saved session.
pub const STORAGE_KEY: &str = "rdp-triage.session/1";
/// Local-storage key of the cases kept aside (a share link opened over the agent's own case).
pub const KEPT_KEY: &str = "rdp-triage.kept/1";
/// The same two in embedded mode (`?embed=1` or framed): a portal's cases never mix with the
/// full app's saved case.
pub const EMBED_STORAGE_KEY: &str = "rdp-triage.embed.session/1";
pub const EMBED_KEPT_KEY: &str = "rdp-triage.embed.kept/1";
/// How long *Undo* stays offered (it also ends with the next action).
pub const UNDO_MS: u32 = 10_000;
/// Pasted data kept in local storage at most (bytes); bigger items stay in memory only.
pub const MAX_SAVED_BYTES: usize = 2 * 1024 * 1024;
/// How long after mounting the page's own engine is warmed (milliseconds).
#[cfg(not(feature = "inline-engine"))]
const WARM_AFTER_MS: u32 = 1_500;
/// The notice when the signature pack could not be loaded (followed by why).
#[cfg(feature = "intl-pack")]
const PACK_MISSING: &str = "Texts in languages other than English are read with fewer signatures";

#[function_component(App)]
pub fn app() -> Html {
    let url = use_url();
    // Embedded (asked for by the address, or framed by a portal): its own storage slot.
    let embed_mode = url.embed || crate::hooks::use_embed::framed();
    let (key, kept_key) = if embed_mode {
        (EMBED_STORAGE_KEY, EMBED_KEPT_KEY)
    } else {
        (STORAGE_KEY, KEPT_KEY)
    };
    let storage = use_local_storage(key);
    let kept_storage = use_local_storage(kept_key);
    let state = {
        let (url, storage, kept_storage) = (url.clone(), storage.clone(), kept_storage.clone());
        use_reducer(move || {
            let mut s = Rc::new(AppState::new(crate::hooks::use_now::now()));
            if let Some(saved) = storage
                .load()
                .and_then(|j| engine::schema::from_json::<Saved>(&j).ok())
            {
                s = yew::Reducible::reduce(s, Action::Restore(saved));
            }
            if let Some(kept) = kept_storage
                .load()
                .and_then(|j| serde_json::from_str::<Vec<KeptCase>>(&j).ok())
            {
                s = yew::Reducible::reduce(s, Action::RestoreKept(kept));
            }
            if let Some(p) = url.share.clone() {
                s = yew::Reducible::reduce(s, Action::OpenShared(p));
            }
            if url.has_prefill() {
                let a = Action::Prefill {
                    fresh: true,
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
        let on_report = Callback::from(move |(rev, result): (u64, Result<String, String>)| {
            match result.and_then(|j| AppState::read_report(&j)) {
                Ok(report) => d.dispatch(Action::Analysed {
                    rev,
                    report: Box::new(report),
                }),
                Err(e) => d.dispatch(Action::Notify {
                    error: true,
                    text: e,
                }),
            }
        });
        // A big paste scanned by the worker: without secrets, its UTF-8 bytes come back and
        // enter the wasm with a memcpy in this task; the item is made and rendered in the next
        // (so the two never add up to one long task). With a secret, or without an answer,
        // the page converts the JS string and cuts the secret itself (`Action::Paste`).
        let d = dispatcher.clone();
        let on_scanned = Callback::from(move |(js, bytes): Scanned| {
            let clean = bytes.and_then(|b| String::from_utf8(b).ok());
            let d = d.clone();
            gloo::timers::callback::Timeout::new(0, move || match clean {
                Some(text) => d.dispatch(Action::BigPaste { text, js }),
                None => {
                    if let Some(text) = js.0.as_string() {
                        d.dispatch(Action::Paste { text, label: None });
                    }
                }
            })
            .forget();
        });
        crate::hooks::use_engine_worker::use_engine_worker(on_report, on_scanned)
    };
    // The page's own engine is warmed (`AppState::warm_engine`) once the first report from the
    // engine worker is on screen, or a while after mounting if nothing was added by then; until
    // then every analysis goes to the worker, which is warm from the start.
    // With the `intl-pack` feature the engine's non-English signatures are fetched then
    // (`use_signature_pack`), and the page's engine is warmed once they are in (or failed to
    // come), so its pattern index is built once, with them; the worker gets them too and the
    // case is analysed again.
    #[cfg(not(feature = "inline-engine"))]
    {
        #[cfg(feature = "intl-pack")]
        let warm_up = {
            use crate::hooks::use_engine_worker::Task;
            let (d, worker) = (dispatcher.clone(), analyse.clone());
            crate::hooks::use_signature_pack::use_signature_pack(Callback::from(
                move |r: Result<String, String>| {
                    let loaded = r.and_then(|t| AppState::load_signatures(&t).map(|_| t));
                    AppState::warm_engine();
                    match loaded {
                        Ok(text) => {
                            worker.emit(Task::Pack(text));
                            d.dispatch(Action::SignaturesLoaded);
                        }
                        Err(e) => d.dispatch(Action::Notify {
                            error: false,
                            text: format!("{PACK_MISSING}: {e}."),
                        }),
                    }
                },
            ))
        };
        #[cfg(not(feature = "intl-pack"))]
        let warm_up = Callback::from(|_| AppState::warm_engine());
        use_effect_with(state.analysed > 0, move |reported| {
            let after = if *reported { 50 } else { WARM_AFTER_MS };
            let warm = gloo::timers::callback::Timeout::new(after, move || warm_up.emit(()));
            move || drop(warm)
        });
    }
    let export = use_export({
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::AllFixes { focus: None }))
    });
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
        #[cfg(not(feature = "inline-engine"))]
        let analyse = analyse.clone();
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
                        (Err(e), _) => format!("{}. This session is kept in this tab only and will not survive a reload.", e.trim_end_matches('.')),
                    };
                    if *msg != text {
                        msg.set(text);
                    }
                }
            }
            #[cfg(not(feature = "inline-engine"))]
            if state.pending() {
                let rev = *rev;
                let small = state.is_small();
                let post = move || {
                    let (json, texts, certs) = state.request_parts();
                    analyse.emit(Task::Analyse((rev, json, texts, certs)));
                };
                if small {
                    // A small request goes at once: a task of its own would only add a turn
                    // of the event loop before the worker starts (the first report waits on
                    // it).
                    post();
                } else {
                    // Posted from its own task: copying a 10 MB paste to the worker should not
                    // lengthen the task that rendered the change.
                    gloo::timers::callback::Timeout::new(0, post).forget();
                }
            }
            || ()
        });
    }

    // The cases kept aside are saved whenever they change.
    {
        let (kept, kept_storage) = (state.kept.clone(), kept_storage.clone());
        use_effect_with(state.kept_seq, move |seq| {
            if *seq > 0 {
                if kept.is_empty() {
                    kept_storage.remove();
                } else {
                    let list: Vec<&KeptCase> = kept.iter().map(|k| &**k).collect();
                    let _ = kept_storage.save(&serde_json::to_string(&list).unwrap_or_default());
                }
            }
            || ()
        });
    }
    // *Undo* is offered for a few seconds: a timer per offer, cancelled by the next one.
    {
        let d = dispatcher.clone();
        let offered = state.undo.is_some();
        use_effect_with(state.undo_seq, move |seq| {
            let seq = *seq;
            let timer = offered.then(|| {
                gloo::timers::callback::Timeout::new(UNDO_MS, move || {
                    let had_focus = gloo::utils::document()
                        .active_element()
                        .is_some_and(|e| e.id() == "undo");
                    d.dispatch(Action::ExpireUndo { seq, had_focus });
                })
            });
            move || drop(timer)
        });
    }
    let embedded = {
        let d = dispatcher.clone();
        let d2 = dispatcher.clone();
        use_embed(
            (!state.pending()).then(|| state.report.clone()),
            Callback::from(move |p: crate::hooks::use_embed::Prefill| {
                d.dispatch(Action::Prefill {
                    fresh: false,
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

    let compact = embed_mode || embedded;
    let probe_files = use_probe_manifest();
    let d = dispatcher.clone();
    let on_paste =
        Callback::from(move |text: String| d.dispatch(Action::Paste { text, label: None }));
    // A big paste: the engine worker scans it for secrets first (`use_engine_worker`); with the
    // inline engine (component tests) it is an ordinary paste.
    #[cfg(not(feature = "inline-engine"))]
    let on_big_paste = {
        let analyse = analyse.clone();
        Callback::from(move |js: JsText| analyse.emit(Task::Scan(js)))
    };
    #[cfg(feature = "inline-engine")]
    let on_big_paste = {
        let d = dispatcher.clone();
        Callback::from(move |js: JsText| {
            if let Some(text) = js.0.as_string() {
                d.dispatch(Action::Paste { text, label: None });
            }
        })
    };
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
    let d = dispatcher.clone();
    let on_undo = Callback::from(move |_| d.dispatch(Action::Undo));
    // Ctrl+Z / Cmd+Z undoes too, except in a text field (where it undoes typing).
    let on_key = {
        let (d, offered) = (dispatcher.clone(), state.undo.is_some());
        Callback::from(move |e: KeyboardEvent| {
            let typing = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            if offered
                && !typing
                && (e.ctrl_key() || e.meta_key())
                && !e.shift_key()
                && e.key().eq_ignore_ascii_case("z")
            {
                e.prevent_default();
                d.dispatch(Action::Undo);
            }
        })
    };
    // In a portal's frame, storage that is not there is no alarm: the case lives in memory and
    // a quiet line says so (the full app keeps its alert).
    let (storage_alert, storage_quiet) = if compact {
        let quiet = if storage_msg.is_empty() {
            String::new()
        } else {
            "Kept in this tab only: this frame cannot save to the browser's storage.".to_string()
        };
        (String::new(), quiet)
    } else {
        ((*storage_msg).clone(), String::new())
    };

    // The plan behind the verdict and the question; in a portal's frame it folds away.
    let plan = html! { <>
        { fix_list(&state) }
        // No advice without evidence (`AppState::has_evidence`).
        { cause_list_view(if state.has_evidence() { &state.report.causes } else { &[] }) }
        { export_panel(&state, &export) }
        { probe_panel(&state.host, &bridge, &confirming_probe, probe_files.as_ref()) }
    </> };
    let columns = html! { <>
                <div class="col col-input">
                    <section id="input" class="panel" aria-labelledby="input-h">
                        { static_html(r#"<h2 id="input-h">What you see</h2>"#) }
                        // The host first: it is known before anything is pasted, and it sits
                        // above Add so the agent fills it in before pressing it.
                        { host_field(&host_draft, &state.host, on_host) }
                        { host_offer(&state.report.hosts, &state.host, &dispatcher) }
                        { paste_box(drop, on_paste, on_big_paste, compact) }
                        { evidence_list(&state) }
                    </section>
                    { decoded_list_view(&state.report, state.pending()) }
                </div>
                <div class="col col-advice">
                    // The verdict first, then the question, the plan and the causes behind it.
                    // In a portal's frame the verdict stays outside the folded plan, so the
                    // embedded view is verdict-first.
                    { verdict_panel(&state) }
                    { question_panel(&state) }
                    if compact {
                        // A portal's frame stays short: the long parts open on request.
                        <details class="full-plan" id="full-plan">
                            <summary>{ full_plan_label(&state) }</summary>
                            { plan }
                        </details>
                    } else {
                        { plan }
                    }
                </div>
    </> };
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
            // Printed at the top of the page's print view: which host, when.
            <p class="print-meta">{"RDP Triage — host: "}{ if state.host.trim().is_empty() { "(not given)" } else { state.host.trim() } }{" — "}{ crate::state::date_words(&state.now) }</p>
            { notice_bar(state.notice.as_ref(), &storage_alert, on_dismiss) }
            { kept_banner(state.kept.last().map(|k| &**k), &dispatcher) }
            { undo_bar(state.undo.as_deref(), on_undo) }
            // Answer-first on a phone once there is a verdict (styles.css orders verdict,
            // question and fixes before the input); the DOM keeps the input first.
            <main class="layout" data-answer-first={if state.has_evidence() { "yes" } else { "no" }}>{ columns }</main>
            // The print view with "Hide user names…" on: only the redacted summary is printed
            // (styles.css hides everything else), so printing leaks nothing the summary hides.
            if export.redacting() {
                <pre class="print-summary">{ state.markdown(true) }</pre>
            }
            if !storage_quiet.is_empty() {
                <p class="muted storage-quiet" id="storage-quiet">{ storage_quiet }</p>
            }
            if !compact {
                { static_html(r#"<footer class="foot"><p>RDP Triage runs entirely in your browser: nothing you paste is uploaded. Codes are decoded from Microsoft and FreeRDP documentation; sources are shown next to each meaning.</p></footer>"#) }
            }
        </>
    };
    // A literal class list (a computed one goes through Yew's run-time `Classes`).
    if compact {
        html! { <div class="app embed" onkeydown={on_key}>{ body }</div> }
    } else {
        html! { <div class="app" onkeydown={on_key}>{ body }</div> }
    }
}

/// "Show the full plan" with what it holds (embedded mode).
fn full_plan_label(state: &AppState) -> String {
    if !state.has_evidence() {
        return "Show the full plan".to_string();
    }
    let n = state.report.fixes.len();
    format!(
        "Show the full plan ({n} fix{}, likely causes, export, probe)",
        if n == 1 { "" } else { "es" }
    )
}
