//! `rdp-probe serve`: the local bridge (protocol v1, see BRIEF "Local bridge protocol") that
//! lets the web app run a probe without copy-paste.
//!
//! Security rules, each enforced here and covered by `tests/serve.rs`:
//! - binds 127.0.0.1 only (any other `--bind` is refused), on a random port;
//! - a one-time pairing token from the OS random source, printed in `APP_URL#bridge=PORT.TOKEN`;
//!   `POST /v1/pair` with `Authorization: Bearer TOKEN` spends it and returns a session token;
//! - every request must carry `Origin` = the app's origin and `Host` = `127.0.0.1:PORT` or
//!   `localhost:PORT` (anti DNS-rebinding); CORS preflight is answered for that origin only;
//! - `POST /v1/scan` with `Authorization: Bearer SESSION` and `{"host","port"}`: the first host
//!   is pinned for the session, another host gets 403;
//! - rate-limited (requests and scans per minute); at most [`MAX_CONNECTIONS`] connections
//!   are served at once (one more is answered 503 and closed, never queued); exits after 15
//!   idle minutes.
//!
//! HTTP/1.1 is served by hyper (framing, Content-Length, head size and head timeout); request
//! heads and bodies are size- and time-capped, and a body that ends early is refused, not cut.

use crate::scan::{self, ScanOptions};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The web app URL; only its origin may call the bridge.
    #[arg(long, default_value = crate::DEFAULT_APP_URL)]
    pub app: String,
    /// Address to bind: only 127.0.0.1 is allowed (port 0 = random).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub bind: String,
    /// Exit after this long without a served request.
    #[arg(long, default_value = "15m", value_parser = crate::parse_long_duration)]
    pub idle: Duration,
    /// Time budget of each scan.
    #[arg(long, default_value = "5s", value_parser = crate::parse_duration)]
    pub timeout: Duration,
    /// Also open the pairing link in a browser.
    #[arg(long)]
    pub open: bool,
}

/// Requests accepted per minute (all endpoints) and scans per minute.
pub const MAX_REQUESTS_PER_MIN: usize = 60;
pub const MAX_SCANS_PER_MIN: usize = 10;
/// Connections served at once; one more is answered 503 and closed at once, without a task.
pub const MAX_CONNECTIONS: usize = 8;
/// Largest request head and body accepted (a bigger body gets 413, a bigger head 431).
pub const MAX_HEAD: usize = 8 * 1024;
pub const MAX_BODY: usize = 4 * 1024;
/// Longest a connection may take in total (a slow client cannot hold a slot longer).
pub const CONNECTION_TIME: Duration = Duration::from_secs(30);

struct State {
    origin: String,
    port: u16,
    pairing: Option<String>,
    session: Option<String>,
    pinned: Option<(String, u16)>,
    requests: Vec<Instant>,
    scans: Vec<Instant>,
    last_used: Instant,
    timeout: Duration,
}

/// `scheme://host[:port]` of a URL, lower-cased; `None` if it is not http(s).
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default = if scheme == "http" { ":80" } else { ":443" };
    let authority = authority
        .strip_suffix(default)
        .unwrap_or(&authority)
        .to_string();
    Some(format!("{scheme}://{authority}"))
}

fn random_token() -> Result<String, String> {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b).map_err(|e| format!("no OS randomness: {e}"))?;
    use base64::Engine as _;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b))
}

/// Constant-time comparison of two tokens.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks the `--bind` address: 127.0.0.1 only.
pub fn loopback_bind(s: &str) -> Result<SocketAddr, String> {
    let addr: SocketAddr = s
        .parse()
        .map_err(|_| format!("--bind \"{s}\" is not an address:port; use 127.0.0.1:0"))?;
    if addr.ip() != IpAddr::V4(Ipv4Addr::LOCALHOST) {
        return Err(format!("refusing to bind {addr}: the bridge only listens on 127.0.0.1 so no other machine can reach it"));
    }
    Ok(addr)
}

pub async fn run(a: ServeArgs) -> ExitCode {
    let bind = match loopback_bind(&a.bind) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("rdp-probe: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(origin) = origin_of(&a.app) else {
        eprintln!("rdp-probe: --app \"{}\" is not an http(s) URL", a.app);
        return ExitCode::from(2);
    };
    let listener = match TcpListener::bind(bind).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("rdp-probe: cannot listen on {bind}: {e}");
            return ExitCode::from(2);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let token = match random_token() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("rdp-probe: {e}");
            return ExitCode::from(2);
        }
    };
    let base = a.app.split('#').next().unwrap_or(&a.app).to_string();
    let link = format!("{base}#bridge={port}.{token}");
    crate::output::outln(&link);
    eprintln!("rdp-probe bridge on 127.0.0.1:{port} for {origin}; open the link above. Exits after {} s idle.", a.idle.as_secs());
    if a.open {
        crate::open::launch(&link);
    }
    let state = Arc::new(Mutex::new(State {
        origin,
        port,
        pairing: Some(token),
        session: None,
        pinned: None,
        requests: Vec::new(),
        scans: Vec::new(),
        last_used: Instant::now(),
        timeout: a.timeout,
    }));
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let idle_left = {
            let s = state
                .lock()
                .map(|s| s.last_used)
                .unwrap_or_else(|_| Instant::now());
            a.idle.saturating_sub(s.elapsed())
        };
        if idle_left.is_zero() {
            eprintln!("rdp-probe: idle for {} s, exiting", a.idle.as_secs());
            return ExitCode::SUCCESS;
        }
        match tokio::time::timeout(idle_left, listener.accept()).await {
            Err(_) => continue,
            Ok(Err(_)) => continue,
            Ok(Ok((sock, peer))) => {
                if !peer.ip().is_loopback() {
                    continue;
                }
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    // Full: a best-effort answer without waiting or spawning, then close.
                    let _ = sock.try_write(BUSY.as_bytes());
                    continue;
                };
                let st = state.clone();
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(CONNECTION_TIME, connection(sock, st)).await;
                    drop(slot);
                });
            }
        }
    }
}

/// The whole answer given to a connection over [`MAX_CONNECTIONS`].
const BUSY: &str = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: 45\r\n\r\n{\"error\":\"too many connections; retry later\"}";

struct Req {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Longest the body of one request may take to arrive after its head.
pub const BODY_TIME: Duration = Duration::from_secs(5);
/// Longest the head of one request may take to arrive.
pub const HEAD_TIME: Duration = Duration::from_secs(5);

type Body = http_body_util::Full<hyper::body::Bytes>;

/// Reads the body hyper framed for us (Content-Length or chunked): a declared length over
/// [`MAX_BODY`] is refused before any of it is read, a body that ends early or runs over the
/// cap is an error, never a shorter body.
async fn read_request(req: hyper::Request<hyper::body::Incoming>) -> Result<Req, (u16, String)> {
    use http_body_util::BodyExt as _;
    let (parts, body) = req.into_parts();
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err((413, "body too large".into()));
    }
    let limited = http_body_util::Limited::new(body, MAX_BODY);
    let bytes = match tokio::time::timeout(BODY_TIME, limited.collect()).await {
        Err(_) => return Err((408, "request timeout".into())),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return Err((413, "body too large".into()))
        }
        Ok(Err(e)) => return Err((400, format!("incomplete request body: {e}"))),
        Ok(Ok(c)) => c.to_bytes(),
    };
    Ok(Req {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: bytes.to_vec(),
    })
}

fn respond(
    status: u16,
    origin: Option<&str>,
    extra: &[(&str, &str)],
    body: String,
) -> hyper::Response<Body> {
    let mut b = hyper::Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .header("Cache-Control", "no-store")
        .header("Connection", "close")
        .header("Vary", "Origin");
    if let Some(o) = origin {
        b = b.header("Access-Control-Allow-Origin", o);
    }
    for (k, v) in extra {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body)).unwrap_or_else(|_| {
        let mut r = hyper::Response::new(Body::from(err_body("internal error")));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn err_body(msg: &str) -> String {
    serde_json::json!({ "error": msg }).to_string()
}

/// Decides what to do with one request (pure apart from the shared state).
enum Action {
    Reply(u16, String, bool),
    Preflight,
    Scan(String, u16),
}

fn decide(req: &Req, st: &mut State) -> Action {
    let now = Instant::now();
    st.requests
        .retain(|t| now.duration_since(*t) < Duration::from_secs(60));
    if st.requests.len() >= MAX_REQUESTS_PER_MIN {
        return Action::Reply(429, err_body("too many requests; wait a minute"), false);
    }
    st.requests.push(now);
    let host_ok = req.header("host").is_some_and(|h| {
        let h = h.trim().to_ascii_lowercase();
        h == format!("127.0.0.1:{}", st.port) || h == format!("localhost:{}", st.port)
    });
    if !host_ok {
        return Action::Reply(
            421,
            err_body(
                "wrong Host header: the bridge answers only to 127.0.0.1:PORT or localhost:PORT",
            ),
            false,
        );
    }
    let origin_ok = req
        .header("origin")
        .is_some_and(|o| o.trim().eq_ignore_ascii_case(&st.origin));
    if !origin_ok {
        return Action::Reply(403, err_body("this origin may not use the bridge"), false);
    }
    if req.method == "OPTIONS" {
        return Action::Preflight;
    }
    if req.method != "POST" {
        return Action::Reply(405, err_body("use POST"), true);
    }
    let bearer = req
        .header("authorization")
        .and_then(|v| v.trim().strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("");
    match req.path.as_str() {
        "/v1/pair" => {
            let ok = st
                .pairing
                .as_deref()
                .is_some_and(|t| !bearer.is_empty() && same(t, bearer));
            if !ok {
                return Action::Reply(401, err_body("missing, wrong or already used pairing token; restart rdp-probe serve for a new link"), true);
            }
            st.pairing = None;
            match random_token() {
                Ok(s) => {
                    st.session = Some(s.clone());
                    st.last_used = now;
                    Action::Reply(200, serde_json::json!({ "session": s }).to_string(), true)
                }
                Err(e) => Action::Reply(500, err_body(&e), true),
            }
        }
        "/v1/scan" => {
            let ok = st
                .session
                .as_deref()
                .is_some_and(|t| !bearer.is_empty() && same(t, bearer));
            if !ok {
                return Action::Reply(
                    401,
                    err_body("missing or wrong session token; pair first"),
                    true,
                );
            }
            let v = match std::str::from_utf8(&req.body)
                .map(serde_json::from_str::<serde_json::Value>)
            {
                Ok(Ok(v)) => v,
                _ => {
                    return Action::Reply(
                        400,
                        err_body("body must be JSON like {\"host\": \"rdp01\", \"port\": 3389}"),
                        true,
                    )
                }
            };
            let host = v
                .get("host")
                .and_then(|h| h.as_str())
                .unwrap_or("")
                .trim()
                .to_string();
            let port = v.get("port").and_then(|p| p.as_u64()).unwrap_or(3389);
            if host.is_empty()
                || host.len() > 253
                || host.contains(['/', ' ', '@'])
                || port == 0
                || port > 65535
            {
                return Action::Reply(
                    400,
                    err_body("give a host name or address and a port 1-65535"),
                    true,
                );
            }
            let port = port as u16;
            match &st.pinned {
                Some((h, p)) if !h.eq_ignore_ascii_case(&host) || *p != port => {
                    return Action::Reply(403, err_body(&format!("this session is pinned to {h}:{p}; start a new bridge to scan another host")), true)
                }
                None => st.pinned = Some((host.clone(), port)),
                _ => {}
            }
            st.scans
                .retain(|t| now.duration_since(*t) < Duration::from_secs(60));
            if st.scans.len() >= MAX_SCANS_PER_MIN {
                return Action::Reply(429, err_body("too many scans; wait a minute"), true);
            }
            st.scans.push(now);
            st.last_used = now;
            Action::Scan(host, port)
        }
        _ => Action::Reply(404, err_body("unknown endpoint"), true),
    }
}

/// Serves one connection with hyper's HTTP/1.1 server: one request, then close. hyper
/// enforces the framing (an unreadable Content-Length is a 400, a head over [`MAX_HEAD`] a 431,
/// a head slower than [`HEAD_TIME`] closes the connection).
async fn connection(sock: TcpStream, st: Arc<Mutex<State>>) {
    let svc = hyper::service::service_fn(move |req| {
        let st = st.clone();
        async move { Ok::<_, std::convert::Infallible>(handle(req, st).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(false)
        .title_case_headers(true)
        .max_buf_size(MAX_HEAD)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .serve_connection(hyper_util::rt::TokioIo::new(sock), svc)
        .await;
}

async fn handle(
    req: hyper::Request<hyper::body::Incoming>,
    st: Arc<Mutex<State>>,
) -> hyper::Response<Body> {
    let req = match read_request(req).await {
        Ok(r) => r,
        Err((code, msg)) => return respond(code, None, &[], err_body(&msg)),
    };
    let decided = match st.lock() {
        Ok(mut s) => Some((decide(&req, &mut s), s.origin.clone(), s.timeout)),
        Err(_) => None,
    };
    let Some((action, origin, timeout)) = decided else {
        return respond(500, None, &[], err_body("internal state"));
    };
    match action {
        Action::Reply(code, body, cors) => {
            respond(code, cors.then_some(origin.as_str()), &[], body)
        }
        Action::Preflight => {
            let mut extra = vec![
                ("Access-Control-Allow-Methods", "POST"),
                (
                    "Access-Control-Allow-Headers",
                    "Authorization, Content-Type",
                ),
                ("Access-Control-Max-Age", "600"),
            ];
            if req
                .header("access-control-request-private-network")
                .is_some()
            {
                extra.push(("Access-Control-Allow-Private-Network", "true"));
            }
            respond(204, Some(&origin), &extra, String::new())
        }
        Action::Scan(host, port) => {
            let opts = ScanOptions {
                timeout,
                ..Default::default()
            };
            let report = scan::scan(&host, port, &opts).await;
            let body = serde_json::to_string(&report).unwrap_or_default();
            respond(200, Some(&origin), &[], body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_binds() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/app/#x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://Triage.Corp.example:443/").as_deref(),
            Some("https://triage.corp.example")
        );
        assert_eq!(origin_of("file:///x"), None);
        assert!(loopback_bind("127.0.0.1:0").is_ok());
        assert!(loopback_bind("0.0.0.0:0").unwrap_err().contains("refusing"));
        assert!(loopback_bind("[::1]:0").is_err());
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }

    #[test]
    fn busy_answer_is_well_formed_http() {
        let (head, body) = BUSY.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503 "));
        assert!(head.contains(&format!("Content-Length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(v["error"]
            .as_str()
            .unwrap()
            .contains("too many connections"));
    }
}
