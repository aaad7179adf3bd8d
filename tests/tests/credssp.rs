//! `--ntlm` end to end against a fake CredSSP server on 127.0.0.1 (xrdp has no CredSSP): the
//! server selects HYBRID, completes TLS (rustls, certificate from openssl) and answers the
//! TSRequest with an NTLM CHALLENGE whose clock is one hour ahead. The real `rdp-probe scan
//! --ntlm` must report the names, the OS version and the skew, and flag `probe:clock-skew`.

use rdp_triage_tests::*;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn challenge(server_unix: i64) -> Vec<u8> {
    let mut av = Vec::new();
    for (id, v) in [
        (2u16, "LAB"),
        (1, "FAKE01"),
        (4, "lab.example"),
        (3, "fake01.lab.example"),
    ] {
        let v = utf16le(v);
        av.extend_from_slice(&id.to_le_bytes());
        av.extend_from_slice(&(v.len() as u16).to_le_bytes());
        av.extend_from_slice(&v);
    }
    let ticks = ((server_unix + 11_644_473_600) as u64) * 10_000_000;
    av.extend_from_slice(&[7, 0, 8, 0]);
    av.extend_from_slice(&ticks.to_le_bytes());
    av.extend_from_slice(&[0, 0, 0, 0]);
    let mut m = b"NTLMSSP\0".to_vec();
    m.extend_from_slice(&2u32.to_le_bytes());
    m.extend_from_slice(&[0, 0, 0, 0, 56, 0, 0, 0]); // empty target name at 56
    m.extend_from_slice(&0xE289_8215u32.to_le_bytes());
    m.extend_from_slice(&[0x22; 8]);
    m.extend_from_slice(&[0; 8]);
    m.extend_from_slice(&(av.len() as u16).to_le_bytes());
    m.extend_from_slice(&(av.len() as u16).to_le_bytes());
    m.extend_from_slice(&56u32.to_le_bytes());
    m.extend_from_slice(&[10, 0, 0x7C, 0x4F, 0, 0, 0, 0x0F]); // 10.0.20348
    m.extend_from_slice(&av);
    // TSRequest { version [0] 6, negoTokens [1] { { [0] OCTET STRING } } } (short lengths suffice).
    let tok = [&[0x04, m.len() as u8][..], &m].concat();
    let a0 = [&[0xA0, tok.len() as u8][..], &tok].concat();
    let s1 = [&[0x30, a0.len() as u8][..], &a0].concat();
    let s0 = [&[0x30, s1.len() as u8][..], &s1].concat();
    let a1 = [&[0xA1, s0.len() as u8][..], &s0].concat();
    let body = [&[0xA0, 3, 2, 1, 6][..], &a1].concat();
    [&[0x30, 0x81, body.len() as u8][..], &body].concat()
}

fn serve_one(mut s: TcpStream, cfg: Arc<rustls::ServerConfig>, skew: i64) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut req = [0u8; 64];
    let mut hdr = [0u8; 4];
    if s.read_exact(&mut hdr).is_err() {
        return;
    }
    let n = u16::from_be_bytes([hdr[2], hdr[3]]) as usize;
    if s.read_exact(&mut req[..n.saturating_sub(4).min(60)])
        .is_err()
    {
        return;
    }
    // Selected HYBRID (2).
    if s.write_all(&[
        3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 2, 0, 0, 0,
    ])
    .is_err()
    {
        return;
    }
    let mut conn = rustls::ServerConnection::new(cfg).unwrap();
    let mut tls = rustls::Stream::new(&mut conn, &mut s);
    let mut buf = [0u8; 512];
    if tls.read(&mut buf).is_err() {
        return;
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let _ = tls.write_all(&challenge(now + skew));
    let _ = tls.flush();
    std::thread::sleep(Duration::from_millis(200));
}

#[test]
fn ntlm_challenge_gives_names_version_and_clock_skew() {
    let dir = TempDir::new("credssp");
    let cfg = tls_server_config(&dir.0);
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            let cfg = cfg.clone();
            std::thread::spawn(move || serve_one(s, cfg, 3600));
        }
    });
    let (out, _) = run_probe(
        &[
            "scan",
            &format!("127.0.0.1:{port}"),
            "--json",
            "--ntlm",
            "--no-versions",
        ],
        Duration::from_secs(20),
    );
    let r = parse_report(&out);
    let n = r.ntlm.as_ref().expect("ntlm step ran");
    assert!(n.ok, "{n:?}");
    assert_eq!(n.netbios_computer.as_deref(), Some("FAKE01"));
    assert_eq!(n.dns_computer.as_deref(), Some("fake01.lab.example"));
    assert_eq!(n.netbios_domain.as_deref(), Some("LAB"));
    assert_eq!(n.product_version.as_deref(), Some("10.0.20348"));
    let skew = n.clock_skew_s.expect("clock read");
    assert!((3590..=3610).contains(&skew), "skew {skew}");
    let k = keys(&r);
    assert!(k.contains(&"probe:clock-skew".to_string()), "{k:?}");
    assert!(k.contains(&"probe:nla-supported".to_string()), "{k:?}");
}
