//! Captures real server replies as fuzz seeds: speaks the probe's own requests (built by the
//! library's encoders) to one RDP server and writes the raw bytes it answers into
//! `OUTDIR/{x224_reply,tls_reply,mcs_reply}/TAG-*.bin`, the corpus layout of `fuzz/`.
//!
//!   cargo run -p probe-helper --example capture_replies -- 127.0.0.1:PORT OUTDIR TAG
//!
//! `scripts/capture-reply-seeds` runs it against loopback xrdp servers in several
//! configurations. Blocking std sockets, every read bounded by a short timeout and a size cap.

use probe_helper::{mcs, tls, x224};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_millis(800);

fn connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(Duration::from_millis(100)))?;
    Ok(s)
}

/// Reads until `done(buf)`, the server closes, `cap` bytes, or [`WAIT`] passes.
fn read_some(s: &mut TcpStream, cap: usize, done: impl Fn(&[u8]) -> bool) -> Vec<u8> {
    let t0 = Instant::now();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while t0.elapsed() < WAIT && buf.len() < cap && !done(&buf) {
        match s.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break,
        }
    }
    buf.truncate(cap);
    buf
}

fn tpkt_complete(b: &[u8]) -> bool {
    b.len() >= 4 && b.len() >= u16::from_be_bytes([b[2], b[3]]) as usize
}

/// One X.224 exchange offering `protocols`; returns the raw reply and the decoded confirm.
fn x224_exchange(addr: SocketAddr, protocols: u32) -> Option<(TcpStream, Vec<u8>)> {
    let mut s = connect(addr).ok()?;
    s.write_all(&x224::connection_request(protocols, Some("rdpprobe")))
        .ok()?;
    let raw = read_some(&mut s, x224::MAX_REPLY, tpkt_complete);
    Some((s, raw))
}

fn save(out: &Path, target: &str, name: &str, data: &[u8]) {
    if data.is_empty() {
        return;
    }
    let dir = out.join(target);
    let _ = std::fs::create_dir_all(&dir);
    let p = dir.join(format!("{name}.bin"));
    match std::fs::write(&p, data) {
        Ok(()) => eprintln!("wrote {} ({} bytes)", p.display(), data.len()),
        Err(e) => eprintln!("cannot write {}: {e}", p.display()),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [addr, out, tag] = args.as_slice() else {
        eprintln!("usage: capture_replies HOST:PORT OUTDIR TAG");
        std::process::exit(2);
    };
    let Ok(addr) = addr.parse::<SocketAddr>() else {
        eprintln!("{addr} is not an IP:PORT");
        std::process::exit(2);
    };
    let out = Path::new(out);
    let offers = [
        (0x0Bu32, "nla-tls"),
        (0x01, "tls"),
        (0x00, "rdp"),
        (0x02, "nla"),
    ];
    let mut tls_ok = false;
    let mut rdp_ok = false;
    for (p, label) in offers {
        let Some((_s, raw)) = x224_exchange(addr, p) else {
            continue;
        };
        save(out, "x224_reply", &format!("{tag}-offer-{label}"), &raw);
        if let Ok(x224::Confirm::Selected { protocol, .. }) = x224::decode_confirm(&raw) {
            tls_ok |= protocol & 0x0B != 0;
            rdp_ok |= protocol == 0;
        }
    }
    if tls_ok {
        for (i, (v, name)) in tls::VERSIONS.iter().enumerate() {
            let Some((mut s, raw)) = x224_exchange(addr, 0x01) else {
                continue;
            };
            if !matches!(
                x224::decode_confirm(&raw),
                Ok(x224::Confirm::Selected { .. })
            ) {
                continue;
            }
            let _ = s.write_all(&tls::client_hello(
                *v,
                Some("rdp.example"),
                &[0x5A; 32],
                &[0x42; 32],
            ));
            let mut reply = vec![i as u8]; // the fuzz target's version selector
            reply.extend(read_some(&mut s, tls::MAX_TLS_READ, |_| false));
            save(
                out,
                "tls_reply",
                &format!("{tag}-{}", name.replace([' ', '.'], "")),
                &reply,
            );
        }
    }
    if rdp_ok {
        for m in [0x01u32, 0x02, 0x08, 0x10] {
            let Some((mut s, raw)) = x224_exchange(addr, 0x00) else {
                continue;
            };
            if !matches!(
                x224::decode_confirm(&raw),
                Ok(x224::Confirm::Selected { protocol: 0, .. })
            ) {
                continue;
            }
            let _ = s.write_all(&mcs::connect_initial(m));
            let reply = read_some(&mut s, mcs::MAX_RESPONSE, tpkt_complete);
            save(out, "mcs_reply", &format!("{tag}-method-{m:02x}"), &reply);
        }
    }
}
