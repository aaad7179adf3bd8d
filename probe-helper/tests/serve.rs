//! Bridge security tests: the real `rdp-probe serve` process on 127.0.0.1, spoken to with raw
//! HTTP. Shows that another origin, a missing/wrong/replayed token, a wrong Host header, a
//! second host and a non-loopback bind are refused, and that the paired flow works; a session
//! token replayed from another (or a "null") origin, a Host with the wrong port, an oversize
//! body, too many requests and too many connections are refused too.
//! (These live in probe-helper so `CARGO_BIN_EXE_rdp-probe` is available.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const APP: &str = "http://app.test:8080/index.html";
const ORIGIN: &str = "http://app.test:8080";

struct Bridge {
    child: Child,
    port: u16,
    token: String,
}

impl Drop for Bridge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Bridge {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rdp-probe"))
        .args(["serve", "--app", APP, "--timeout", "1s"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let frag = line
        .trim()
        .split_once("#bridge=")
        .expect("link with #bridge=")
        .1
        .to_string();
    let (port, token) = frag.split_once('.').unwrap();
    assert!(
        line.starts_with("http://app.test:8080/index.html#bridge="),
        "{line}"
    );
    assert!(token.len() >= 40, "token has >= 240 bits: {token}");
    Bridge {
        child,
        port: port.parse().unwrap(),
        token: token.to_string(),
    }
}

/// Sends one request; returns (status, headers+body text).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, out)
}

/// One POST; returns (status, headers+body text).
fn post(port: u16, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    http(port, "POST", path, headers, body)
}

/// The status of one POST.
fn post_status(port: u16, path: &str, headers: &[(&str, &str)], body: &str) -> u16 {
    post(port, path, headers, body).0
}

fn host(b: &Bridge) -> String {
    format!("127.0.0.1:{}", b.port)
}

fn pair(b: &Bridge) -> String {
    let h = host(b);
    let auth = format!("Bearer {}", b.token);
    let (st, out) = post(
        b.port,
        "/v1/pair",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &auth)],
        "",
    );
    assert_eq!(st, 200, "{out}");
    assert!(
        out.contains(&format!("Access-Control-Allow-Origin: {ORIGIN}")),
        "{out}"
    );
    let body = out.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["session"].as_str().unwrap().to_string()
}

#[test]
fn refuses_other_origin_wrong_host_and_bad_tokens() {
    let b = start(&[]);
    let h = host(&b);
    let auth = format!("Bearer {}", b.token);
    // Another origin, even with the right token.
    let (st, out) = post(
        b.port,
        "/v1/pair",
        &[
            ("Host", &h),
            ("Origin", "http://evil.example"),
            ("Authorization", &auth),
        ],
        "",
    );
    assert_eq!(st, 403, "{out}");
    assert!(
        !out.contains("Access-Control-Allow-Origin"),
        "no CORS grant for a foreign origin"
    );
    // No Origin at all (e.g. curl from another local program pretending).
    assert_eq!(
        post_status(
            b.port,
            "/v1/pair",
            &[("Host", &h), ("Authorization", &auth)],
            ""
        ),
        403
    );
    // DNS rebinding: right origin, wrong Host.
    assert_eq!(
        post_status(
            b.port,
            "/v1/pair",
            &[
                ("Host", &format!("rebind.example:{}", b.port)),
                ("Origin", ORIGIN),
                ("Authorization", &auth),
            ],
            ""
        ),
        421
    );
    // Missing and wrong tokens.
    assert_eq!(
        post_status(b.port, "/v1/pair", &[("Host", &h), ("Origin", ORIGIN)], ""),
        401
    );
    assert_eq!(
        post_status(
            b.port,
            "/v1/pair",
            &[
                ("Host", &h),
                ("Origin", ORIGIN),
                ("Authorization", "Bearer not-the-token"),
            ],
            ""
        ),
        401
    );
    // Preflight: granted to the app origin only.
    let (st, out) = http(
        b.port,
        "OPTIONS",
        "/v1/scan",
        &[
            ("Host", &h),
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(st, 204, "{out}");
    assert!(
        out.contains("Access-Control-Allow-Headers: Authorization"),
        "{out}"
    );
    let (st, _) = http(
        b.port,
        "OPTIONS",
        "/v1/scan",
        &[
            ("Host", &h),
            ("Origin", "http://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    assert_eq!(st, 403);
    // Scanning without a session.
    let (st, _) = post(
        b.port,
        "/v1/scan",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &auth)],
        "{\"host\":\"127.0.0.1\",\"port\":1}",
    );
    assert_eq!(st, 401, "the pairing token is not a session token");
}

#[test]
fn pairs_once_scans_the_pinned_host_only() {
    let b = start(&[]);
    let h = host(&b);
    let session = pair(&b);
    // The pairing token is spent: a replay fails.
    let auth = format!("Bearer {}", b.token);
    let (st, _) = post(
        b.port,
        "/v1/pair",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &auth)],
        "",
    );
    assert_eq!(st, 401, "replayed pairing token must be refused");
    // A scan of a closed loopback port returns a probe report.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sauth = format!("Bearer {session}");
    let body = format!("{{\"host\":\"127.0.0.1\",\"port\":{closed}}}");
    let (st, out) = post(
        b.port,
        "/v1/scan",
        &[
            ("Host", &format!("localhost:{}", b.port)),
            ("Origin", ORIGIN),
            ("Authorization", &sauth),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    assert_eq!(st, 200, "{out}");
    let report: serde_json::Value =
        serde_json::from_str(out.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(report["schema"], "rdp-triage.probe/1");
    assert_eq!(report["tcp"][0]["attempts"][0]["error_kind"], "refused");
    // Another host (or port) in the same session is refused.
    let (st, out) = post(
        b.port,
        "/v1/scan",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &sauth)],
        "{\"host\":\"127.0.0.2\",\"port\":3389}",
    );
    assert_eq!(st, 403, "{out}");
    assert!(out.contains("pinned"));
}

#[test]
fn refuses_non_loopback_bind() {
    for bind in ["0.0.0.0:0", "[::]:0", "192.0.2.1:0"] {
        let out = Command::new(env!("CARGO_BIN_EXE_rdp-probe"))
            .args(["serve", "--bind", bind])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bind}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("127.0.0.1"),
            "{bind}"
        );
        assert!(out.stdout.is_empty(), "no pairing link printed for {bind}");
    }
}

#[test]
fn exits_when_idle() {
    let mut b = start(&["--idle", "1s"]);
    let t0 = Instant::now();
    loop {
        if let Ok(Some(st)) = b.child.try_wait() {
            assert!(st.success());
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "bridge did not exit when idle"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(t0.elapsed() >= Duration::from_millis(900));
}

/// The body of an HTTP answer.
fn body_of(out: &str) -> &str {
    out.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("")
}

#[test]
fn session_replayed_from_another_origin_is_refused() {
    let b = start(&[]);
    let h = host(&b);
    let session = pair(&b);
    let sauth = format!("Bearer {session}");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let body = format!("{{\"host\":\"127.0.0.1\",\"port\":{closed}}}");
    // A page on another origin that learned the session token, and a sandboxed or file://
    // page (whose Origin is the string "null"), and one that sends no Origin at all.
    for origin in [
        Some("http://evil.example"),
        Some("http://app.test:8081"),
        Some("null"),
        None,
    ] {
        let mut headers = vec![("Host", h.as_str()), ("Authorization", sauth.as_str())];
        if let Some(o) = origin {
            headers.push(("Origin", o));
        }
        let (st, out) = post(b.port, "/v1/scan", &headers, &body);
        assert_eq!(st, 403, "Origin {origin:?}: {out}");
        assert!(!out.contains("Access-Control-Allow-Origin"), "{out}");
        assert!(
            !body_of(&out).contains("rdp-triage.probe"),
            "no report for {origin:?}"
        );
    }
    // The pairing endpoint refuses an Origin of "null" too, even with the right token.
    let b2 = start(&[]);
    let auth2 = format!("Bearer {}", b2.token);
    assert_eq!(
        post_status(
            b2.port,
            "/v1/pair",
            &[
                ("Host", &host(&b2)),
                ("Origin", "null"),
                ("Authorization", &auth2),
            ],
            ""
        ),
        403
    );
    // The session itself still works from the app origin: the refusals were about the origin.
    let (st, out) = post(
        b.port,
        "/v1/scan",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &sauth)],
        &body,
    );
    assert_eq!(st, 200, "{out}");
    assert!(body_of(&out).contains("rdp-triage.probe/1"));
}

#[test]
fn host_header_must_name_the_bridge_port() {
    let b = start(&[]);
    let auth = format!("Bearer {}", b.token);
    let p = b.port;
    // DNS rebinding and port confusion: right host name, wrong or missing port; other names.
    for bad in [
        "127.0.0.1:1".to_string(),
        "localhost:1".to_string(),
        format!("127.0.0.1:{}", p.wrapping_add(1)),
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        format!("127.0.0.2:{p}"),
        format!("[::1]:{p}"),
        format!("127.0.0.1:{p}.evil.example"),
        format!("evil.example:{p}"),
    ] {
        let (st, out) = post(
            p,
            "/v1/pair",
            &[("Host", &bad), ("Origin", ORIGIN), ("Authorization", &auth)],
            "",
        );
        assert_eq!(st, 421, "Host {bad}: {out}");
    }
    // None of them spent the pairing token.
    assert!(!pair(&b).is_empty());
}

#[test]
fn oversize_requests_are_refused() {
    let b = start(&[]);
    let h = host(&b);
    let session = pair(&b);
    let sauth = format!("Bearer {session}");
    // A body over the 4 KB cap, sent in full.
    let big = format!(
        "{{\"host\":\"127.0.0.1\",\"port\":1,\"pad\":\"{}\"}}",
        "x".repeat(5000)
    );
    let (st, out) = post(
        b.port,
        "/v1/scan",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &sauth)],
        &big,
    );
    assert_eq!(st, 413, "{out}");
    // A Content-Length announcing 1 GB is refused at once, before any body is read.
    let t0 = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", b.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "POST /v1/scan HTTP/1.1\r\nHost: {h}\r\nOrigin: {ORIGIN}\r\nAuthorization: {sauth}\r\nContent-Length: 1000000000\r\n\r\n{{"
    )
    .unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    assert!(out.starts_with("HTTP/1.1 413 "), "{out}");
    assert!(t0.elapsed() < Duration::from_secs(3));
    // A request head over 8 KB.
    let long = "a".repeat(9000);
    assert_eq!(
        post_status(
            b.port,
            "/v1/scan",
            &[("Host", &h), ("Origin", ORIGIN), ("X-Pad", &long)],
            ""
        ),
        431
    );
}

#[test]
fn too_many_requests_are_rate_limited() {
    let b = start(&[]);
    let h = host(&b);
    // 60 requests a minute are served (here: refused for a wrong token, which still counts).
    for i in 0..60 {
        let (st, out) = post(
            b.port,
            "/v1/pair",
            &[
                ("Host", &h),
                ("Origin", ORIGIN),
                ("Authorization", "Bearer wrong"),
            ],
            "",
        );
        assert_eq!(st, 401, "request {i}: {out}");
    }
    // The 61st, even with the right token, waits for the next minute.
    let auth = format!("Bearer {}", b.token);
    let (st, out) = post(
        b.port,
        "/v1/pair",
        &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &auth)],
        "",
    );
    assert_eq!(st, 429, "{out}");
    assert!(body_of(&out).contains("too many requests"));
}

/// Threads of a running process (Linux), to show extra connections spawn nothing.
fn threads(pid: u32) -> Option<usize> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

/// What a connection got within `limit`: Some(status) when an HTTP answer came (0 = closed
/// without one), None when nothing happened at all in time.
fn answer_within(s: &mut TcpStream, limit: Duration) -> Option<u16> {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut out = Vec::new();
    match s.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e)
            if e.kind() == std::io::ErrorKind::WouldBlock
                || e.kind() == std::io::ErrorKind::TimedOut =>
        {
            if out.is_empty() {
                return None;
            }
        }
        Err(_) => {}
    }
    let text = String::from_utf8_lossy(&out);
    Some(
        text.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
    )
}

#[test]
fn connections_over_the_cap_are_turned_away_quickly() {
    const CAP: usize = 8; // probe_helper::serve::MAX_CONNECTIONS
    assert_eq!(probe_helper::serve::MAX_CONNECTIONS, CAP);
    let b = start(&[]);
    let pid = b.child.id();
    let threads_before = threads(pid);
    // Fill every slot with a silent client (the server waits up to 5 s for its request).
    let mut held: Vec<TcpStream> = (0..CAP)
        .map(|_| TcpStream::connect(("127.0.0.1", b.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    // Twenty more are answered 503 (or closed) at once, not queued behind the silent ones.
    let t0 = Instant::now();
    let mut turned_away = 0;
    for _ in 0..20 {
        let mut s = TcpStream::connect(("127.0.0.1", b.port)).unwrap();
        match answer_within(&mut s, Duration::from_secs(2)) {
            Some(503) | Some(0) => turned_away += 1,
            other => panic!("a connection over the cap got {other:?}"),
        }
    }
    assert_eq!(turned_away, 20);
    assert!(
        t0.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t0.elapsed()
    );
    // The silent ones are still being served: none of them was dropped to make room.
    for s in &mut held {
        s.set_nonblocking(true).unwrap();
        let mut byte = [0u8; 1];
        assert!(
            matches!(s.read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "a held connection was answered or closed early"
        );
        s.set_nonblocking(false).unwrap();
    }
    if let (Some(before), Some(now)) = (threads_before, threads(pid)) {
        assert!(now <= before + 1, "threads grew from {before} to {now}");
    }
    // Once the silent clients go away, the bridge answers a legitimate request again.
    held.clear();
    let h = host(&b);
    let auth = format!("Bearer {}", b.token);
    let t1 = Instant::now();
    loop {
        let (st, out) = post(
            b.port,
            "/v1/pair",
            &[("Host", &h), ("Origin", ORIGIN), ("Authorization", &auth)],
            "",
        );
        if st == 200 {
            assert!(body_of(&out).contains("session"));
            break;
        }
        assert!(matches!(st, 503 | 0), "unexpected {st}: {out}");
        assert!(
            t1.elapsed() < Duration::from_secs(5),
            "bridge did not recover"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Sends raw request bytes, then closes the sending side (the bridge sees EOF after them);
/// returns the status of the answer (0 when the connection closed without one).
fn raw_then_eof(port: u16, request: &str) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn unreadable_content_length_is_refused_not_taken_as_zero() {
    let b = start(&[]);
    let h = host(&b);
    // The right pairing token, but a Content-Length nobody can read: the request must be
    // refused as malformed, not served as if it had no body.
    for bad in ["abc", "-1", "1 2", "0x10"] {
        let st = raw_then_eof(
            b.port,
            &format!(
                "POST /v1/pair HTTP/1.1\r\nHost: {h}\r\nOrigin: {ORIGIN}\r\nAuthorization: Bearer {}\r\nContent-Length: {bad}\r\n\r\n",
                b.token
            ),
        );
        assert!(
            st == 400 || st == 0,
            "Content-Length: {bad} was answered {st}, not refused"
        );
    }
    // None of them spent the pairing token.
    assert!(!pair(&b).is_empty());
}

#[test]
fn body_cut_short_by_eof_is_refused_not_truncated() {
    let b = start(&[]);
    let h = host(&b);
    // Announces 100 bytes, sends 2, then ends the stream: the request is incomplete and must
    // not be acted on (here: it would spend the pairing token).
    let st = raw_then_eof(
        b.port,
        &format!(
            "POST /v1/pair HTTP/1.1\r\nHost: {h}\r\nOrigin: {ORIGIN}\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\n{{}}",
            b.token
        ),
    );
    assert_ne!(st, 200, "a truncated request was served");
    // Same for a scan: a cut-short body that happens to be JSON is not scanned.
    let session = pair(&b);
    let body = "{\"host\":\"127.0.0.1\",\"port\":1}";
    let st = raw_then_eof(
        b.port,
        &format!(
            "POST /v1/scan HTTP/1.1\r\nHost: {h}\r\nOrigin: {ORIGIN}\r\nAuthorization: Bearer {session}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len() + 40
        ),
    );
    assert_ne!(st, 200, "a truncated scan request was served");
}
