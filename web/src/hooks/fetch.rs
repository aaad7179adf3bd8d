//! Same-origin `fetch` helpers for the hooks (through gloo-net): refuse any URL outside the
//! app's own origin (the app never talks to another server), and read bounded text responses.
use gloo::net::http::Request;
use web_sys::{RequestCache, RequestCredentials};

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

/// Sends a request (gloo-net) and reads the whole body as text. `Err(None)`: nothing answered
/// (network error, refused); `Err(Some(reason))`: an answer that could not be read.
async fn fetch_text(req: Request) -> Result<(u16, String), Option<&'static str>> {
    let resp = req.send().await.map_err(|_| None)?;
    let text = resp.text().await.map_err(|_| "unreadable body")?;
    Ok((resp.status(), text))
}

/// GET a same-origin URL as text (max `limit` bytes).
pub async fn get_text(url: &str, limit: usize) -> Result<String, String> {
    let url = same_origin_url(url)?;
    let req = Request::get(&url)
        .credentials(RequestCredentials::SameOrigin)
        .cache(RequestCache::NoCache)
        .build()
        .map_err(|_| format!("{url} could not be requested"))?;
    let (status, text) = fetch_text(req)
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
    let url = format!("http://127.0.0.1:{port}{path}");
    let req = Request::post(&url)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .credentials(RequestCredentials::Omit)
        .body(body)
        .map_err(|_| "The request to the probe helper could not be built.".to_string())?;
    let (status, text) = fetch_text(req).await.map_err(|e| {
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
