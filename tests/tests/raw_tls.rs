//! The labelled raw-TLS fallback: a loopback server that speaks TLS immediately (no X.224, like
//! a TLS-wrapped gateway port). It answers the X.224 request with a TLS alert; the probe must
//! classify that reply as "not RDP", then fetch the certificate with a raw TLS handshake and
//! label the TLS step `raw-tls`.

use rdp_triage_tests::*;
use std::net::TcpListener;
use std::time::Duration;

#[test]
fn tls_first_port_gets_the_labelled_fallback() {
    let dir = TempDir::new("rawtls");
    let cfg = tls_server_config(&dir.0);
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in l.incoming().flatten() {
            let cfg = cfg.clone();
            std::thread::spawn(move || {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let mut conn = rustls::ServerConnection::new(cfg).unwrap();
                while conn.is_handshaking() {
                    if conn.complete_io(&mut s).is_err() {
                        let _ = conn.write_tls(&mut s); // flush the alert
                        return;
                    }
                }
                let _ = conn.complete_io(&mut s);
            });
        }
    });
    let (out, _) = run_probe(
        &[
            "scan",
            &format!("127.0.0.1:{port}"),
            "--json",
            "--timeout",
            "3s",
        ],
        Duration::from_secs(20),
    );
    let r = parse_report(&out);
    let full = &r.negotiation[0];
    assert_eq!(
        full.outcome,
        engine::probe::NegOutcome::Malformed,
        "{full:?}"
    );
    assert!(
        full.raw_reply_hex.starts_with("15"),
        "a TLS alert record: {full:?}"
    );
    assert!(
        full.error.as_deref().unwrap_or("").contains("TLS"),
        "{full:?}"
    );
    let tls = r.tls.as_ref().expect("fallback TLS step");
    assert_eq!(tls.method, "raw-tls");
    assert!(tls.ok, "{tls:?}");
    assert_eq!(tls.chain_der_base64.len(), 1);
    assert!(keys(&r).contains(&"probe:x224-malformed".to_string()));
}
