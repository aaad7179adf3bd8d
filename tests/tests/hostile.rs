//! Hostile fake servers on 127.0.0.1 (plain std threads): accept-and-never-answer, close right
//! after connect, malformed X.224, a 100 MB flood, a slow drip. The real `rdp-probe scan` must
//! finish within its timeout with a clear finding, bounded memory, and no hang or crash.

use rdp_triage_tests::*;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Starts a listener whose every connection is handled by `f` on its own thread. The
/// threads end when the test process ends (the port is loopback-only).
fn serve(f: fn(TcpStream)) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            std::thread::spawn(move || f(s));
        }
    });
    port
}

/// Scans with a 2 s budget under `/usr/bin/time`; returns report, wall time, max RSS in KB.
fn scan_hostile(port: u16) -> (engine::probe::ProbeReport, Duration, Option<u64>) {
    let exe = rdp_probe(); // built before the clock starts
    let t0 = Instant::now();
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "MAXRSS_KB=%M"])
        .arg(exe)
        .args([
            "scan",
            &format!("127.0.0.1:{port}"),
            "--json",
            "--timeout",
            "2s",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("/usr/bin/time (apt-get install time)");
    let out = wait_limited(&mut child, Duration::from_secs(15)).expect("scan finished within 15 s");
    let took = t0.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    let rss = err
        .lines()
        .find_map(|l| l.strip_prefix("MAXRSS_KB="))
        .and_then(|v| v.trim().parse().ok());
    let r = parse_report(&out);
    eprintln!("scan duration_ms {} steps {:?}", r.duration_ms, r.steps);
    (r, took, rss)
}

fn check_bounded(took: Duration, rss: Option<u64>) {
    eprintln!("took {took:?}, max RSS {rss:?} KB");
    // 2 s budget plus process start-up and /usr/bin/time on a loaded 2-core machine.
    assert!(
        took < Duration::from_millis(3000),
        "scan must end near its 2 s budget, took {took:?}"
    );
    let rss = rss.expect("max RSS reported");
    assert!(rss < 100 * 1024, "memory must stay bounded: {rss} KB");
}

#[test]
fn accepts_and_never_answers() {
    let port = serve(|mut s| {
        let mut b = [0u8; 1024];
        // Read forever, never write; hold the connection open.
        while let Ok(n) = s.read(&mut b) {
            if n == 0 {
                break;
            }
        }
    });
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let k = keys(&r);
    assert!(k.contains(&"probe:tcp-ok".to_string()), "{k:?}");
    assert!(k.contains(&"probe:x224-no-reply".to_string()), "{k:?}");
}

#[test]
fn closes_right_after_connect() {
    let port = serve(drop);
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    assert_eq!(keys(&r), vec!["probe:tcp-ok", "probe:x224-closed"]);
    assert!(
        took < Duration::from_millis(1000),
        "a closing server needs no waiting: {took:?}"
    );
}

#[test]
fn malformed_x224_reply() {
    let port = serve(|mut s| {
        let mut b = [0u8; 64];
        let _ = s.read(&mut b);
        // A TPKT header announcing 19 bytes, then a TPDU code that is not a Connection Confirm.
        let _ = s.write_all(&[3, 0, 0, 19, 14, 0x70, 0, 0, 0, 0, 0, 2, 0, 8, 0, 1, 0, 0, 0]);
        std::thread::sleep(Duration::from_secs(3));
    });
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let k = keys(&r);
    assert!(k.contains(&"probe:x224-malformed".to_string()), "{k:?}");
    assert!(
        r.negotiation[0].raw_reply_hex.starts_with("030000130e70"),
        "raw bytes kept: {:?}",
        r.negotiation[0]
    );
}

#[test]
fn floods_100_mb() {
    let port = serve(|mut s| {
        let chunk = vec![0x41u8; 64 * 1024];
        let mut sent = 0usize;
        while sent < 100 * 1024 * 1024 {
            match s.write(&chunk) {
                Ok(n) if n > 0 => sent += n,
                _ => break,
            }
        }
    });
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let k = keys(&r);
    assert!(k.contains(&"probe:x224-malformed".to_string()), "{k:?}");
    assert!(
        r.negotiation.iter().all(|n| n.raw_reply_hex.len() <= 512),
        "reply capture is capped"
    );
}

#[test]
fn slow_drip() {
    let port = serve(|mut s| {
        let mut b = [0u8; 64];
        let _ = s.read(&mut b);
        // A plausible Connection Confirm, one byte every 300 ms.
        for byte in [
            3u8, 0, 0, 19, 14, 0xD0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 1, 0, 0, 0,
        ] {
            if s.write_all(&[byte]).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    });
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let k = keys(&r);
    assert!(
        k.contains(&"probe:x224-malformed".to_string())
            || k.contains(&"probe:x224-no-reply".to_string()),
        "{k:?}"
    );
    assert!(
        r.negotiation[0]
            .error
            .as_deref()
            .unwrap_or("")
            .contains("incomplete"),
        "{:?}",
        r.negotiation[0]
    );
}

/// Answers every X.224 request with a valid Connection Confirm selecting legacy RDP, then
/// reads the MCS Connect Initial and runs `after` on the connection.
fn legacy_rdp_then(mut s: TcpStream, after: fn(&mut TcpStream)) {
    let mut b = [0u8; 64];
    if s.read(&mut b).unwrap_or(0) == 0 {
        return;
    }
    // RDP_NEG_RSP selecting PROTOCOL_RDP (0).
    let _ = s.write_all(&[
        3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 0, 0, 0, 0,
    ]);
    let mut ci = [0u8; 1024];
    let _ = s.read(&mut ci);
    after(&mut s);
}

#[test]
fn malformed_mcs_reply() {
    let port = serve(|s| {
        legacy_rdp_then(s, |s| {
            // TPKT + X.224 DT + Connect-Response tag whose BER length runs past the packet,
            // then a block length beyond the data; then hold the connection open.
            let _ = s.write_all(&[
                3, 0, 0, 20, 2, 0xF0, 0x80, 0x7F, 0x66, 0x82, 0x7F, 0xFF, 0x0A, 0x01, 0x00, 0x02,
                0x01, 0x00, 0x30, 0x00,
            ]);
            std::thread::sleep(Duration::from_secs(3));
        })
    });
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let sec = r.rdp_security.as_ref().expect("rdp_security step ran");
    assert_eq!(sec.methods.len(), 4, "{sec:?}");
    assert!(sec.methods.iter().all(|m| !m.accepted), "{sec:?}");
    assert!(sec.server_version.is_none());
    let e = sec.error.as_deref().unwrap_or("");
    assert!(e.contains("Connect-Response announces"), "{sec:?}");
    assert!(
        sec.raw_reply_hex.starts_with("0300001402f0807f66"),
        "{sec:?}"
    );
    assert!(keys(&r).contains(&"probe:legacy-rdp-allowed".to_string()));
}

#[test]
fn mcs_never_answered() {
    let port = serve(|s| legacy_rdp_then(s, |_| std::thread::sleep(Duration::from_secs(5))));
    let (r, took, rss) = scan_hostile(port);
    check_bounded(took, rss);
    let sec = r.rdp_security.as_ref().expect("rdp_security step ran");
    assert!(sec.methods.iter().all(|m| !m.accepted), "{sec:?}");
    assert!(
        sec.error
            .as_deref()
            .unwrap_or("")
            .contains("no complete MCS Connect Response"),
        "{sec:?}"
    );
}

/// A loopback black hole: a listener with a backlog of 0 that never accepts, its queue filled
/// by two idle connections. Linux then drops further SYNs silently, exactly like a filtered
/// port, so a connect can only end by its own timeout.
fn black_hole() -> (socket2::Socket, Vec<TcpStream>, u16) {
    use socket2::{Domain, Socket, Type};
    let sock = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    sock.bind(
        &"127.0.0.1:0"
            .parse::<std::net::SocketAddr>()
            .unwrap()
            .into(),
    )
    .unwrap();
    sock.listen(0).unwrap();
    let port = sock.local_addr().unwrap().as_socket().unwrap().port();
    let mut fillers = Vec::new();
    for _ in 0..4 {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(s) => fillers.push(s),
            Err(_) => break, // the queue is full: SYNs are being dropped
        }
    }
    (sock, fillers, port)
}

#[test]
fn black_hole_ends_at_the_timeout() {
    let (_hole, _fill, port) = black_hole();
    let (out, took) = run_probe(
        &[
            "scan",
            &format!("127.0.0.1:{port}"),
            "--json",
            "--timeout",
            "1500ms",
        ],
        Duration::from_secs(15),
    );
    let r = parse_report(&out);
    assert!(
        took < Duration::from_millis(2500),
        "must end at the 1.5 s budget, not the OS connect default: {took:?}"
    );
    assert_eq!(keys(&r), vec!["probe:tcp-timeout"], "{:?}", r.tcp);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 when the service is unreachable"
    );
}
