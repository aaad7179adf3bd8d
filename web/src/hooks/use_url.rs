//! `use_url`: what the page address asks for, read once at mount: embedding (`?embed=1`),
//! prefill parameters (`code`, `ext`, `host`, `text`), an overlay file (`overlay`), a share-link
//! payload (`#r=`) and a probe-bridge pairing (`#bridge=PORT.TOKEN`). Also removes the share
//! payload from the address bar once it has been read, and builds share links.
use yew::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UrlParams {
    pub embed: bool,
    pub code: Option<String>,
    pub ext: Option<String>,
    pub host: Option<String>,
    pub text: Option<String>,
    pub overlay: Option<String>,
    /// Payload after `#r=`.
    pub share: Option<String>,
    /// `(port, token)` from `#bridge=PORT.TOKEN`.
    pub bridge: Option<(u16, String)>,
}

impl UrlParams {
    pub fn has_prefill(&self) -> bool {
        self.code.is_some() || self.ext.is_some() || self.host.is_some() || self.text.is_some()
    }
}

/// Parses a query string and a fragment (both without their leading `?` / `#`).
pub fn parse(query: &str, fragment: &str) -> UrlParams {
    let mut p = UrlParams::default();
    let q = web_sys::UrlSearchParams::new_with_str(query).ok();
    let get = |k: &str| q.as_ref().and_then(|q| q.get(k)).filter(|v| !v.is_empty());
    p.embed = matches!(get("embed").as_deref(), Some("1" | "true" | "yes"));
    p.code = get("code");
    p.ext = get("ext");
    p.host = get("host");
    p.text = get("text");
    p.overlay = get("overlay");
    for part in fragment.split('&') {
        if let Some(v) = part.strip_prefix("r=") {
            p.share = Some(v.to_string()).filter(|v| !v.is_empty());
        } else if let Some(v) = part.strip_prefix("bridge=") {
            if let Some((port, token)) = v.split_once('.') {
                if let Ok(port) = port.parse::<u16>() {
                    if port > 0
                        && !token.is_empty()
                        && token.len() <= 256
                        && token
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                    {
                        p.bridge = Some((port, token.to_string()));
                    }
                }
            }
        }
    }
    p
}

#[hook]
pub fn use_url() -> UrlParams {
    // Read once: a cell, not state (it never changes, so it never re-renders).
    let params = use_mut_ref(|| {
        let Some(win) = web_sys::window() else {
            return UrlParams::default();
        };
        let loc = win.location();
        let query = loc.search().unwrap_or_default();
        let hash = loc.hash().unwrap_or_default();
        let p = parse(query.trim_start_matches('?'), hash.trim_start_matches('#'));
        if p.share.is_some() || p.bridge.is_some() {
            // The payload holds what was pasted and the token is single-use: keep neither in
            // the address bar or history.
            let clean = format!("{}{}", loc.pathname().unwrap_or_default(), query);
            gloo::history::History::replace(&gloo::history::BrowserHistory::new(), clean);
        }
        p
    });
    let p = params.borrow().clone();
    p
}

/// The app's own address without fragment (the base of share links).
pub fn app_base_url() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!(
                "{}{}{}",
                l.origin().ok()?,
                l.pathname().ok()?,
                l.search().ok()?
            ))
        })
        .unwrap_or_default()
}
