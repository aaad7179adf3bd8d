//! `use_engine_worker`: runs the engine in a Web Worker (`engine-worker.js`), so a 10 MB paste
//! is analysed off the main thread. The worker runs the page's own wasm module (page and engine
//! are one module): the compiled module kept by `boot.js` travels with each job, so the worker
//! neither downloads nor compiles anything. `boot.js` starts the worker as soon as the module is
//! compiled, so it is warm by the first analysis; without it, the worker is started then.
//! Requests carry the state revision; replies come back with it so the reducer can drop stale
//! ones.
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
pub type Job = (u64, String, Vec<Rc<str>>, Vec<Rc<str>>);

/// Returns a callback taking a [`Job`]; `on_report` gets `(revision, Ok(report JSON))` or
/// `(revision, Err(message))`.
#[hook]
pub fn use_engine_worker(on_report: Callback<(u64, Result<String, String>)>) -> Callback<Job> {
    let running = use_mut_ref(|| None::<Running>);
    let on_report = Rc::new(RefCell::new(on_report));
    Callback::from(move |(rev, request, texts, certs): Job| {
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
                    on_report.borrow().emit((rev, Err("The analysis engine could not be started in this browser (Web Workers are blocked).".into())));
                    return;
                }
            };
            let cb = on_report.clone();
            let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |e: web_sys::MessageEvent| {
                    let data = e.data();
                    let id = js_sys::Reflect::get(&data, &"id".into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or(-1.0) as u64;
                    let result = match js_sys::Reflect::get(&data, &"report".into())
                        .ok()
                        .and_then(|v| v.as_string())
                    {
                        Some(r) => Ok(r),
                        None => Err(js_sys::Reflect::get(&data, &"error".into())
                            .ok()
                            .and_then(|v| v.as_string())
                            .unwrap_or_else(|| "no report".into())),
                    };
                    cb.borrow().emit((id, result));
                },
            );
            let cb = on_report.clone();
            let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let msg = e
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_default();
                cb.borrow().emit((rev, Err(format!("The analysis engine failed to load ({msg}). Reload the page; if it persists, the server may be missing engine-worker.js."))));
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
            let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(rev as f64));
            if let Ok(module) = js_sys::Reflect::get(&js_sys::global(), &"__rdpTriageModule".into())
            {
                let _ = js_sys::Reflect::set(&msg, &"module".into(), &module);
            }
            let _ = js_sys::Reflect::set(&msg, &"request".into(), &JsValue::from_str(&request));
            let list = |v: &[Rc<str>]| {
                v.iter()
                    .map(|t| JsValue::from_str(t))
                    .collect::<js_sys::Array>()
            };
            let _ = js_sys::Reflect::set(&msg, &"texts".into(), &list(&texts));
            let _ = js_sys::Reflect::set(&msg, &"certificates".into(), &list(&certs));
            let _ = r.worker.post_message(&msg);
        }
    })
}
