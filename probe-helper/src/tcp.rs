//! TCP reachability: timed connects with the failure kind and the raw OS error number, plus
//! latency/jitter over several attempts. Every connect is bounded by its own timeout, so a
//! black-hole address costs the step timeout, never the OS's ~20 s SYN retry default.

use engine::probe::{TcpAttempt, TcpErrorKind, TcpProbe};
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;

/// Opens a connection within `timeout`; on failure returns the attempt record.
pub async fn connect(addr: SocketAddr, timeout: Duration) -> (Option<TcpStream>, TcpAttempt) {
    let t0 = Instant::now();
    let res = tokio::time::timeout(timeout, TcpStream::connect(addr)).await;
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    match res {
        Ok(Ok(s)) => {
            let _ = s.set_nodelay(true);
            (
                Some(s),
                TcpAttempt {
                    ok: true,
                    ms,
                    ..Default::default()
                },
            )
        }
        Ok(Err(e)) => (
            None,
            TcpAttempt {
                ok: false,
                ms,
                error_kind: Some(classify(&e)),
                os_error: e.raw_os_error(),
                error: Some(e.to_string()),
            },
        ),
        Err(_) => (
            None,
            TcpAttempt {
                ok: false,
                ms,
                error_kind: Some(TcpErrorKind::Timeout),
                os_error: None,
                error: Some(format!("no answer within {} ms", timeout.as_millis())),
            },
        ),
    }
}

/// Maps an I/O error to the failure kinds of the report (portable across Unix and Windows).
pub fn classify(e: &std::io::Error) -> TcpErrorKind {
    match e.kind() {
        ErrorKind::ConnectionRefused => TcpErrorKind::Refused,
        ErrorKind::TimedOut => TcpErrorKind::Timeout,
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => TcpErrorKind::Unreachable,
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => TcpErrorKind::Reset,
        _ => match e.raw_os_error() {
            // ENETUNREACH/EHOSTUNREACH (Linux), WSAENETUNREACH/WSAEHOSTUNREACH (Windows).
            Some(101) | Some(113) | Some(10051) | Some(10065) => TcpErrorKind::Unreachable,
            _ => TcpErrorKind::Other,
        },
    }
}

/// `attempts` sequential connects to one address; stops after the first timeout (more
/// attempts would only wait again). Up to `keep` open connections are returned for reuse by
/// the RDP steps (fewer connections: small servers have tiny accept backlogs); the rest close.
pub async fn probe_address(
    addr: SocketAddr,
    attempts: u32,
    timeout_for: impl Fn() -> Duration,
    keep: usize,
) -> (TcpProbe, Vec<TcpStream>) {
    let mut p = TcpProbe {
        address: addr.ip().to_string(),
        ..Default::default()
    };
    let mut kept = Vec::new();
    for _ in 0..attempts.max(1) {
        let t = timeout_for();
        if t.is_zero() {
            break;
        }
        let (s, a) = connect(addr, t).await;
        if let Some(s) = s {
            if kept.len() < keep {
                kept.push(s);
            }
        }
        let stop = a.error_kind == Some(TcpErrorKind::Timeout);
        p.attempts.push(a);
        if stop {
            break;
        }
    }
    let mut oks: Vec<f64> = p.attempts.iter().filter(|a| a.ok).map(|a| a.ms).collect();
    oks.sort_by(|a, b| a.total_cmp(b));
    if !oks.is_empty() {
        p.latency_ms = Some(oks[oks.len() / 2]);
        p.jitter_ms = Some(oks[oks.len() - 1] - oks[0]);
    }
    (p, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refused_port_is_classified_refused() {
        // Bind then drop to get a port that is very likely closed.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        let (p, _) = probe_address(addr, 2, || Duration::from_secs(2), 0).await;
        assert_eq!(p.attempts.len(), 2);
        assert_eq!(p.attempts[0].error_kind, Some(TcpErrorKind::Refused));
        assert!(p.attempts[0].os_error.is_some());
        assert!(p.latency_ms.is_none());
    }

    #[tokio::test]
    async fn open_port_gives_latency() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move { while let Ok((_s, _)) = l.accept().await {} });
        let (p, kept) = probe_address(addr, 3, || Duration::from_secs(2), 2).await;
        assert_eq!(kept.len(), 2);
        assert_eq!(p.attempts.iter().filter(|a| a.ok).count(), 3);
        assert!(p.latency_ms.unwrap() >= 0.0 && p.jitter_ms.unwrap() >= 0.0);
    }
}
