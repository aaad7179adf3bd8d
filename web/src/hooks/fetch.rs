//! Same-origin `fetch` helpers for the hooks: refuse any URL outside the app's own origin (the
//! app never talks to another server), and read bounded text responses.
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Resolves `url` against the page and returns it only when it has the page's origin.
pub fn same_origin_url(url: &str) -> Result<String, String> {
    let win = web_sys::window().ok_or("no window")?;
    let href = win.location().href().map_err(|_| "no location")?;
    let u = web_sys::Url::new_with_base(url, &href)
        .map_err(|_| format!("\"{url}\" is not a valid address"))?;
    let origin = win.location().origin().map_err(|_| "no origin")?;
    if u.origin() != origin {
        return Err(format!(
            "\"{url}\" is on another site ({}); only files from {origin} are loaded",
            u.origin()
        ));
    }
    Ok(u.href())
}

/// Fetches `url` and reads the whole body as text. `Err(None)`: nothing answered (network
/// error, refused); `Err(Some(reason))`: an answer that could not be read.
async fn fetch_text(
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<(u16, String), Option<&'static str>> {
    let win = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(win.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| None)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "bad response")?;
    let text = JsFuture::from(resp.text().map_err(|_| "unreadable body")?)
        .await
        .map_err(|_| "unreadable body")?;
    Ok((resp.status(), text.as_string().unwrap_or_default()))
}

/// GET a same-origin URL as text (max `limit` bytes).
pub async fn get_text(url: &str, limit: usize) -> Result<String, String> {
    let url = same_origin_url(url)?;
    let init = web_sys::RequestInit::new();
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_cache(web_sys::RequestCache::NoCache);
    let (status, text) = fetch_text(&url, &init)
        .await
        .map_err(|e| e.map_or_else(|| format!("{url} could not be loaded"), String::from))?;
    if !(200..300).contains(&status) {
        return Err(format!("{url} answered HTTP {status}"));
    }
    if text.len() > limit {
        return Err(format!("{url} is larger than {limit} bytes"));
    }
    Ok(text)
}

/// POST JSON to the local probe bridge (`http://127.0.0.1:PORT`), with a bearer token.
pub async fn post_bridge(port: u16, path: &str, token: &str, body: &str) -> Result<String, String> {
    let headers = web_sys::Headers::new().map_err(|_| "headers")?;
    let _ = headers.set("Authorization", &format!("Bearer {token}"));
    let _ = headers.set("Content-Type", "application/json");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&body.into());
    init.set_credentials(web_sys::RequestCredentials::Omit);
    let url = format!("http://127.0.0.1:{port}{path}");
    let (status, text) = fetch_text(&url, &init).await.map_err(|e| {
        e.map_or("The probe helper did not answer. Is `rdp-probe serve` still running? It stops after 15 idle minutes.", |r| r)
            .to_string()
    })?;
    match status {
        200 => Ok(text),
        401 => Err("The probe helper refused the pairing (the one-time token was already used). Start `rdp-probe serve` again and open the new link.".into()),
        403 => Err("The probe helper refused: it only scans the first host of a session. Start it again to scan another host.".into()),
        429 => Err("The probe helper is rate-limiting; wait a few seconds and try again.".into()),
        s => Err(format!("The probe helper answered HTTP {s}: {}", crate::detect::prefix(&text, 200))),
    }
}
