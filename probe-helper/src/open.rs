//! `--open`: hands a diagnosis request to the web app in the URL fragment
//! (`APP_URL#r=<base64url-no-pad(deflate-raw(JSON))>`, the share-link contract; the fragment is
//! never sent to a server) and launches a browser. The browser executable is launched directly
//! where one is found (a shell hop can drop the fragment); `xdg-open` / `cmd /c start` are
//! fallbacks. The URL is always printed so it can be copied by hand.

use engine::schema::Request;
use std::process::{Command, Stdio};

/// The share-link payload for `req` (the engine's codec, shared with the web app).
pub fn fragment_payload(req: &Request) -> String {
    engine::share::encode_request(req)
}

/// `APP_URL#r=…` (any fragment already in `app` is replaced).
pub fn app_url(app: &str, req: &Request) -> String {
    let base = app.split('#').next().unwrap_or(app);
    format!("{base}#r={}", fragment_payload(req))
}

/// Prints the URL and tries to open it; returns whether a launcher started.
pub fn open_app(app: &str, req: &Request) -> bool {
    let url = app_url(app, req);
    eprintln!("Open this link in a browser (the result travels in the part after #, which is never sent to a server):\n{url}");
    launch(&url)
}

/// Starts a browser on `url` (browser executable first, then the desktop's opener).
pub fn launch(url: &str) -> bool {
    for (exe, args) in launchers() {
        let mut cmd = Command::new(&exe);
        cmd.args(&args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if cmd.spawn().is_ok() {
            return true;
        }
    }
    eprintln!("rdp-probe: no browser could be started; copy the link above.");
    false
}

fn launchers() -> Vec<(String, Vec<String>)> {
    let mut v: Vec<(String, Vec<String>)> = Vec::new();
    if let Ok(b) = std::env::var("BROWSER") {
        if !b.trim().is_empty() {
            v.push((b, vec![]));
        }
    }
    if cfg!(windows) {
        for p in [
            r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
            r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
            r"C:\Program Files\Google\Chrome\Application\chrome.exe",
            r"C:\Program Files\Mozilla Firefox\firefox.exe",
        ] {
            if std::path::Path::new(p).exists() {
                v.push((p.to_string(), vec![]));
            }
        }
        v.push(("cmd".into(), vec!["/c".into(), "start".into(), "".into()]));
    } else if cfg!(target_os = "macos") {
        v.push(("open".into(), vec![]));
    } else {
        for b in ["chromium", "google-chrome", "firefox"] {
            if which(b) {
                v.push((b.into(), vec![]));
            }
        }
        v.push(("xdg-open".into(), vec![]));
    }
    v
}

fn which(name: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_carries_a_decodable_request() {
        let req = Request {
            host: Some("srv".into()),
            texts: vec!["0x904".into()],
            ..Default::default()
        };
        let url = app_url("http://127.0.0.1:8080/#old", &req);
        assert!(url.starts_with("http://127.0.0.1:8080/#r="));
        let back = engine::share::decode_request(&url).unwrap();
        assert_eq!(back.host.as_deref(), Some("srv"));
        assert_eq!(back.texts, vec!["0x904".to_string()]);
    }
}
