//! `use_engine_worker`: runs the engine in a Web Worker (`engine-worker.js`), so a 10 MB paste
//! is analysed off the main thread. The worker runs the page's own wasm module (page and engine
//! are one module): the compiled module kept by `boot.js` travels with each job, so the worker
//! neither downloads nor compiles anything. `boot.js` starts the worker as soon as the module is
//! compiled, so it is warm by the first analysis; without it, the worker is started then.
//! Requests carry the state revision; replies come back with it so the reducer can drop stale
//! ones. A big paste is sent here as the JS string the page got, to be scanned for secrets
//! before it becomes an item (`scan`): the page's wasm never scans it, and the texts of later
//! jobs go as those JS strings too (`AppState::request_parts`).
use crate::state::{JobText, JsText};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

struct Running {
    worker: web_sys::Worker,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

/// One analysis job: the state revision, the request JSON without texts and certificates, and
/// those lists (see `AppState::request_parts`).
pub type Job = (u64, String, Vec<JobText>, Vec<Rc<str>>);

/// What the worker is asked: an analysis, the secret scan of a big paste (a JS string), or
/// to load the engine's signature pack (`use_signature_pack`; no answer).
pub enum Task {
    Analyse(Job),
    Scan(JsText),
    Pack(String),
}

/// A scan's reply: the pasted JS string, and its UTF-8 bytes when it holds no secret.
pub type Scanned = (JsText, Option<Vec<u8>>);

/// Scan replies carry ids from here up (revisions stay far below).
const SCAN_IDS: u64 = 1 << 50;

/// Returns a callback taking a [`Task`]; `on_report` gets `(revision, Ok(report JSON))` or
/// `(revision, Err(message))`; `on_scanned` gets the pasted JS string and, when the worker
/// found no secret in it, the text's UTF-8 bytes (`None`: a secret, or no answer).
#[hook]
pub fn use_engine_worker(
    on_report: Callback<(u64, Result<String, String>)>,
    on_scanned: Callback<Scanned>,
) -> Callback<Task> {
    let running = use_mut_ref(|| None::<Running>);
    // The big pastes out for scanning, by id (a few at most).
    let scans = use_mut_ref(|| (SCAN_IDS, Vec::<(u64, JsText)>::new()));
    let on_report = Rc::new(RefCell::new(on_report));
    let on_scanned = Rc::new(RefCell::new(on_scanned));
    Callback::from(move |task: Task| {
        let mut slot = running.borrow_mut();
        if slot.is_none() {
            // The worker boot.js started and warmed up while the page mounted, if there is one.
            let global = js_sys::global();
            let booted = js_sys::Reflect::get(&global, &"__rdpTriageWorker".into())
                .ok()
                .and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
            let _ = js_sys::Reflect::delete_property(&global, &"__rdpTriageWorker".into());
            let opts = web_sys::WorkerOptions::new();
            opts.set_type(web_sys::WorkerType::Module);
            let worker = match booted
                .map(Ok)
                .unwrap_or_else(|| web_sys::Worker::new_with_options("engine-worker.js", &opts))
            {
                Ok(w) => w,
                Err(_) => {
                    let msg = "The analysis engine could not be started in this browser (Web Workers are blocked).".to_string();
                    match task {
                        Task::Analyse((rev, ..)) => on_report.borrow().emit((rev, Err(msg))),
                        Task::Scan(text) => on_scanned.borrow().emit((text, None)),
                        Task::Pack(_) => {}
                    }
                    return;
                }
            };
            let (cb, scanned, pending) = (on_report.clone(), on_scanned.clone(), scans.clone());
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let data = e.data();
                    let field = |k: &str| {
                        js_sys::Reflect::get(&data, &k.into())
                            .ok()
                            .and_then(|v| v.as_string())
                    };
                    let id = js_sys::Reflect::get(&data, &"id".into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(-1.0) as u64;
                    let error = || field("error").unwrap_or_else(|| "no report".into());
                    if id >= SCAN_IDS {
                        let text = {
                            let mut p = pending.borrow_mut();
                            let at = p.1.iter().position(|(i, _)| *i == id);
                            at.map(|at| p.1.remove(at).1)
                        };
                        if let Some(text) = text {
                            let bytes = js_sys::Reflect::get(&data, &"bytes".into())
                                .ok()
                                .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
                                .map(|b| b.to_vec());
                            scanned.borrow().emit((text, bytes));
                        }
                        return;
                    }
                    let result = field("report").ok_or_else(error);
                    cb.borrow().emit((id, result));
                },
            );
            let (cb, scanned, pending) = (on_report.clone(), on_scanned.clone(), scans.clone());
            let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let msg = e
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_default();
                let text = format!("The analysis engine failed to load ({msg}). Reload the page; if it persists, the server may be missing engine-worker.js.");
                // Big pastes waiting for their scan go back to the page (which scans them itself).
                let waiting: Vec<JsText> =
                    pending.borrow_mut().1.drain(..).map(|(_, t)| t).collect();
                for t in waiting {
                    scanned.borrow().emit((t, None));
                }
                cb.borrow().emit((u64::MAX, Err(text)));
            });
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            *slot = Some(Running {
                worker,
                _onmessage: onmessage,
                _onerror: onerror,
            });
        }
        if let Some(r) = slot.as_ref() {
            let msg = js_sys::Object::new();
            let set = |k: &str, v: &JsValue| {
                let _ = js_sys::Reflect::set(&msg, &k.into(), v);
            };
            if let Ok(module) = js_sys::Reflect::get(&js_sys::global(), &"__rdpTriageModule".into())
            {
                set("module", &module);
            }
            match task {
                Task::Analyse((rev, request, texts, certs)) => {
                    set("id", &JsValue::from_f64(rev as f64));
                    set("request", &JsValue::from_str(&request));
                    // A big paste's own JS string when there is one: no copy out of the wasm.
                    let texts = texts
                        .iter()
                        .map(|(t, js)| {
                            js.as_ref()
                                .map_or_else(|| JsValue::from_str(t), |j| j.0.clone())
                        })
                        .collect::<js_sys::Array>();
                    let certs = certs
                        .iter()
                        .map(|c| JsValue::from_str(c))
                        .collect::<js_sys::Array>();
                    set("texts", &texts);
                    set("certificates", &certs);
                }
                Task::Pack(text) => set("pack", &JsValue::from_str(&text)),
                Task::Scan(text) => {
                    let mut p = scans.borrow_mut();
                    p.0 += 1;
                    let id = p.0;
                    set("id", &JsValue::from_f64(id as f64));
                    set("scan", &text.0);
                    p.1.push((id, text));
                }
            }
            let _ = r.worker.post_message(&msg);
        }
    })
}
