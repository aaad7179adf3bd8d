//! "The probe never follows redirects or connects anywhere the user did not name" (SECURITY.md),
//! checked on the real `rdp-probe scan` binary: a fake server on 127.0.0.1 answers every probe
//! request with an HTTP redirect to a second loopback listener (a sentinel). The sentinel must
//! never see a connection; when `strace` is installed, every TCP/UDP `connect()` the probe makes
//! must go to the named address (or to a DNS resolver, port 53, for the reverse lookup).
//! (The bridge's refusal to scan a host other than the pinned one is in tests/serve.rs.)

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A loopback listener that counts connections and answers each with `reply` (if any), on a
/// thread that stops when the returned flag is set.
fn listener(reply: Option<String>) -> (u16, Arc<AtomicUsize>, Arc<AtomicBool>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let port = l.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (c, s) = (count.clone(), stop.clone());
    std::thread::spawn(move || {
        let t0 = Instant::now();
        while !s.load(Ordering::Relaxed) && t0.elapsed() < Duration::from_secs(60) {
            match l.accept() {
                Ok((mut sock, _)) => {
                    c.fetch_add(1, Ordering::Relaxed);
                    if let Some(r) = &reply {
                        let _ = sock.set_nonblocking(false);
                        let _ = sock.set_read_timeout(Some(Duration::from_millis(500)));
                        let mut buf = [0u8; 1024];
                        let _ = sock.read(&mut buf);
                        let _ = sock.write_all(r.as_bytes());
                    }
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    (port, count, stop)
}

/// `(address, port)` of every AF_INET/AF_INET6 `connect()` in an strace log.
fn connects(log: &str) -> Vec<(String, u16)> {
    let mut out = Vec::new();
    for line in log.lines().filter(|l| l.contains("connect(")) {
        if !line.contains("AF_INET") {
            continue;
        }
        let port = line
            .split("htons(")
            .nth(1)
            .and_then(|r| r.split(')').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let addr = line.split(['"']).nth(1).unwrap_or("").to_string();
        out.push((addr, port));
    }
    out
}

#[test]
fn a_redirecting_server_gets_no_one_sent_elsewhere() {
    let (sentinel, sentinel_hits, stop_sentinel) = listener(None);
    let redirect = format!(
        "HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:{sentinel}/\r\nContent-Length: 0\r\n\r\n"
    );
    let (port, hits, stop_fake) = listener(Some(redirect));
    let target = format!("127.0.0.1:{port}");
    let bin = env!("CARGO_BIN_EXE_rdp-probe");
    let args = [
        "scan",
        target.as_str(),
        "--json",
        "--ntlm",
        "--timeout",
        "3s",
    ];
    let trace = std::env::temp_dir().join(format!("rdp-probe-connects-{}.log", std::process::id()));
    // strace must exist and be allowed to trace (ptrace may be forbidden in a container).
    let strace = Command::new("/usr/bin/strace")
        .args(["-qq", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let t0 = Instant::now();
    let out = if strace {
        Command::new("/usr/bin/strace")
            .args(["-f", "-qq", "-e", "trace=connect", "-o"])
            .arg(&trace)
            .arg(bin)
            .args(args)
            .output()
            .unwrap()
    } else {
        Command::new(bin).args(args).output().unwrap()
    };
    assert!(
        t0.elapsed() < Duration::from_secs(20),
        "scan took {:?}",
        t0.elapsed()
    );
    std::thread::sleep(Duration::from_millis(200));
    stop_fake.store(true, Ordering::Relaxed);
    stop_sentinel.store(true, Ordering::Relaxed);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(report["target"], "127.0.0.1");
    let text = report.to_string();
    assert!(
        text.contains("HTTP"),
        "the redirect is reported as an HTTP answer: {text:.600}"
    );
    assert!(
        hits.load(Ordering::Relaxed) >= 1,
        "the named server was probed"
    );
    assert_eq!(
        sentinel_hits.load(Ordering::Relaxed),
        0,
        "the probe followed the redirect to 127.0.0.1:{sentinel}"
    );
    if strace {
        let log = std::fs::read_to_string(&trace).unwrap_or_default();
        let _ = std::fs::remove_file(&trace);
        let all = connects(&log);
        assert!(
            all.iter().any(|(a, p)| a == "127.0.0.1" && *p == port),
            "strace saw the probe's connects: {log:.2000}"
        );
        for (a, p) in &all {
            assert!(
                (a == "127.0.0.1" && *p == port) || *p == 53,
                "connect() to {a}:{p}, which the user did not name"
            );
        }
    } else {
        eprintln!("strace unavailable: checked with the sentinel listener only");
    }
}
