//! `use_embed`: the postMessage API for helpdesk portals that frame the app.
//! - Reads `embed-config.json` next to the app: `{"allowedOrigins": ["https://portal.example"]}`.
//! - Posts `{type: "rdp-triage:report", report}` to the parent on every report change, addressed
//!   to each allowed origin (the browser delivers it only if the parent really has that origin,
//!   so pasted evidence never leaks to an unlisted page).
//! - Accepts `{type: "rdp-triage:prefill", text?, host?, code?, ext?}` only from the parent
//!   window and only from an allowed origin; everything else is ignored.
//! - Posts `{type: "rdp-triage:resize", height}` (CSS pixels of the app's content) whenever the
//!   content's height changes, so the portal can size the frame (`use_resize_observer`).
use super::fetch;
use engine::Report;
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// A prefill request from the portal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefill {
    pub text: Option<String>,
    pub host: Option<String>,
    pub code: Option<String>,
    pub ext: Option<String>,
}

/// Parses `embed-config.json`; origins must be exact `scheme://host[:port]` strings.
pub fn parse_config(json: &str) -> Result<Vec<String>, String> {
    let v = serde_json::from_str::<serde_json::Value>(json)
        .map_err(|e| format!("embed-config.json is not valid JSON ({e})"))?;
    let list = v
        .get("allowedOrigins")
        .and_then(|l| l.as_array())
        .ok_or("embed-config.json needs an \"allowedOrigins\" array")?;
    Ok(list
        .iter()
        .filter_map(|o| o.as_str())
        .filter(|o| {
            let rest = o
                .split_once("://")
                .map(|x| x.1)
                .unwrap_or("")
                .trim_end_matches('/');
            (o.starts_with("https://") || o.starts_with("http://"))
                && !rest.is_empty()
                && !rest.contains('/')
        })
        .map(|o| o.trim_end_matches('/').to_string())
        .collect())
}

/// True when the page runs inside a frame (a portal).
pub fn framed() -> bool {
    let Some(win) = web_sys::window() else {
        return false;
    };
    match win.parent() {
        Ok(Some(p)) => !js_sys::Object::is(&p, &win),
        _ => false,
    }
}

fn string_field(data: &wasm_bindgen::JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(data, &key.into())
        .ok()?
        .as_string()
        .filter(|s| !s.is_empty() && s.len() <= 10 * 1024 * 1024)
}

/// `report` is `None` while the engine is still analysing (nothing is posted then).
/// Returns whether the app is framed by a portal.
#[hook]
pub fn use_embed(
    report: Option<Rc<Report>>,
    on_prefill: Callback<Prefill>,
    on_error: Callback<String>,
) -> bool {
    // Asked on every render (a cheap check that cannot change during the page's life) rather
    // than kept in a state: a state initialised by its own function is its own hook code.
    let is_framed = framed();
    let allowed = use_state(|| None::<Rc<Vec<String>>>);
    {
        let allowed = allowed.clone();
        let framed = is_framed;
        use_effect_with((), move |_| {
            if framed {
                spawn_local(async move {
                    match fetch::get_text("embed-config.json", 64 * 1024)
                        .await
                        .and_then(|t| parse_config(&t))
                    {
                        Ok(list) => allowed.set(Some(Rc::new(list))),
                        Err(e) => {
                            on_error.emit(format!("Embedding is not configured ({e}); the portal will not receive reports."));
                            allowed.set(Some(Rc::new(Vec::new())));
                        }
                    }
                });
            }
            || ()
        });
    }
    {
        let allowed2 = (*allowed).clone();
        use_effect_with(allowed2, move |allowed| {
            let listener = allowed.clone().map(|allowed| {
                let win = gloo::utils::window();
                EventListener::new(&win, "message", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                        return;
                    };
                    if !allowed.iter().any(|o| *o == e.origin()) {
                        return;
                    }
                    let parent = gloo::utils::window().parent().ok().flatten();
                    let from_parent = match (e.source(), parent) {
                        (Some(src), Some(p)) => js_sys::Object::is(&src, &p),
                        _ => false,
                    };
                    if !from_parent {
                        return;
                    }
                    let data = e.data();
                    if string_field(&data, "type").as_deref() != Some("rdp-triage:prefill") {
                        return;
                    }
                    on_prefill.emit(Prefill {
                        text: string_field(&data, "text"),
                        host: string_field(&data, "host"),
                        code: string_field(&data, "code"),
                        ext: string_field(&data, "ext"),
                    });
                })
            });
            move || drop(listener)
        });
    }
    {
        let allowed2 = (*allowed).clone();
        use_effect_with((report, allowed2), |(report, allowed)| {
            if let (Some(allowed), Some(report)) = (allowed, report) {
                if let Some(parent) = gloo::utils::window().parent().ok().flatten() {
                    let json = serde_json::to_string(&**report).unwrap_or_default();
                    let msg = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"rdp-triage:report".into());
                    let _ = js_sys::Reflect::set(
                        &msg,
                        &"report".into(),
                        &js_sys::JSON::parse(&json).unwrap_or_default(),
                    );
                    for origin in allowed.iter() {
                        let _ = parent.post_message(&msg, origin);
                    }
                }
            }
            || ()
        });
    }
    {
        // The content's height, for the portal to size the frame (allowed origins only).
        let on_height = (*allowed).clone().filter(|_| is_framed).map(|allowed| {
            Callback::from(move |height: i32| {
                if let Some(parent) = gloo::utils::window().parent().ok().flatten() {
                    let msg = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"rdp-triage:resize".into());
                    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
                    for origin in allowed.iter() {
                        let _ = parent.post_message(&msg, origin);
                    }
                }
            })
        });
        super::use_resize_observer::use_resize_observer(".app", (*allowed).clone(), on_height);
    }
    is_framed
}
