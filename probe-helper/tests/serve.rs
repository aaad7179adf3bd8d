//! Bridge security tests: the real `rdp-probe serve` process on 127.0.0.1, spoken to with raw
//! HTTP. Shows that another origin, a missing/wrong/replayed token, a wrong Host header, a
//! second host and a non-loopback bind are refused, and that the paired flow works.
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

fn host(b: &Bridge) -> String {
    format!("127.0.0.1:{}", b.port)
}

fn pair(b: &Bridge) -> String {
    let h = host(b);
    let auth = format!("Bearer {}", b.token);
    let (st, out) = http(
        b.port,
        "POST",
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
    let (st, out) = http(
        b.port,
        "POST",
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
    let (st, _) = http(
        b.port,
        "POST",
        "/v1/pair",
        &[("Host", &h), ("Authorization", &auth)],
        "",
    );
    assert_eq!(st, 403);
    // DNS rebinding: right origin, wrong Host.
    let (st, _) = http(
        b.port,
        "POST",
        "/v1/pair",
        &[
            ("Host", &format!("rebind.example:{}", b.port)),
            ("Origin", ORIGIN),
            ("Authorization", &auth),
        ],
        "",
    );
    assert_eq!(st, 421);
    // Missing and wrong tokens.
    let (st, _) = http(
        b.port,
        "POST",
        "/v1/pair",
        &[("Host", &h), ("Origin", ORIGIN)],
        "",
    );
    assert_eq!(st, 401);
    let (st, _) = http(
        b.port,
        "POST",
        "/v1/pair",
        &[
            ("Host", &h),
            ("Origin", ORIGIN),
            ("Authorization", "Bearer not-the-token"),
        ],
        "",
    );
    assert_eq!(st, 401);
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
    let (st, _) = http(
        b.port,
        "POST",
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
    let (st, _) = http(
        b.port,
        "POST",
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
    let (st, out) = http(
        b.port,
        "POST",
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
    let (st, out) = http(
        b.port,
        "POST",
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
