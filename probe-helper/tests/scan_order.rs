//! The scan runs its steps concurrently but reports them in a fixed order: a fake RDP server on
//! 127.0.0.1 answers the three X.224 offers and the four Standard RDP Security methods with
//! delays chosen so they finish in the reverse of their report order, and the test checks the
//! order of the report and that the delayed steps overlapped (their delays add up to more than
//! the time the step took).

use engine::probe::{NegOutcome, ProbeReport};
use probe_helper::scan::{scan, ScanOptions};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// Delay before answering an X.224 offer of `requested` protocols.
fn offer_delay(requested: u32) -> u64 {
    match requested {
        0 => 0,   // RDP only: answered first
        1 => 150, // SSL only
        _ => 300, // SSL|HYBRID|HYBRID_EX: answered last
    }
}

/// Delay before closing on an MCS Connect Initial offering `method` (MS-RDPBCGR 2.2.1.3.3).
fn method_delay(method: u32) -> u64 {
    match method {
        0x01 => 300, // 40-bit: reported first, finishes last
        0x08 => 200, // 56-bit
        0x02 => 100, // 128-bit
        _ => 0,      // FIPS
    }
}

fn read_tpkt(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut hdr = [0u8; 4];
    s.read_exact(&mut hdr).ok()?;
    let len = u16::from_be_bytes([hdr[2], hdr[3]]) as usize;
    let mut rest = vec![0u8; len.checked_sub(4)?];
    s.read_exact(&mut rest).ok()?;
    Some(rest)
}

fn handle(mut s: TcpStream) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(req) = read_tpkt(&mut s) else { return };
    let n = req.len();
    let requested = if n >= 8 {
        u32::from_le_bytes([req[n - 4], req[n - 3], req[n - 2], req[n - 1]])
    } else {
        0
    };
    std::thread::sleep(Duration::from_millis(offer_delay(requested)));
    if requested != 0 {
        // RDP_NEG_FAILURE, SSL_NOT_ALLOWED_BY_SERVER (MS-RDPBCGR 2.2.1.2.2).
        let _ = s.write_all(&[
            3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 3, 0, 8, 0, 2, 0, 0, 0,
        ]);
        return;
    }
    // RDP_NEG_RSP selecting PROTOCOL_RDP.
    if s.write_all(&[
        3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 2, 0, 8, 0, 0, 0, 0, 0,
    ])
    .is_err()
    {
        return;
    }
    let Some(mcs) = read_tpkt(&mut s) else { return };
    // TS_UD_CS_SEC: header type 0xC002, length 12, then encryptionMethods.
    let method = mcs
        .windows(8)
        .find(|w| w[..4] == [0x02, 0xC0, 0x0C, 0x00])
        .map(|w| u32::from_le_bytes([w[4], w[5], w[6], w[7]]))
        .unwrap_or(0);
    std::thread::sleep(Duration::from_millis(method_delay(method)));
    // Close without a Connect Response: the method check reports the closed connection.
}

fn fake_server() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            std::thread::spawn(move || handle(s));
        }
    });
    port
}

fn run(port: u16) -> ProbeReport {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let opts = ScanOptions {
        timeout: Duration::from_secs(4),
        ..Default::default()
    };
    let r = rt.block_on(scan("127.0.0.1", port, &opts));
    rt.shutdown_background();
    r
}

#[test]
fn steps_finishing_in_reverse_are_reported_in_order_and_overlap() {
    let port = fake_server();
    let r = run(port);
    let labels: Vec<&str> = r.negotiation.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["ssl-hybrid-hybridex", "ssl-only", "rdp-only"]);
    assert_eq!(r.negotiation[0].outcome, NegOutcome::Failure);
    assert_eq!(r.negotiation[1].outcome, NegOutcome::Failure);
    assert_eq!(r.negotiation[2].outcome, NegOutcome::Selected);
    let sec = r
        .rdp_security
        .as_ref()
        .expect("legacy RDP selected, methods checked");
    let methods: Vec<&str> = sec.methods.iter().map(|m| m.method.as_str()).collect();
    assert_eq!(methods, ["40-bit", "56-bit", "128-bit", "fips"]);
    assert!(sec.methods.iter().all(|m| !m.accepted && m.error.is_some()));
    // The methods waited 300 + 200 + 100 + 0 ms on the server; one after another they would
    // take at least 600 ms.
    let step = |name: &str| r.steps.iter().find(|s| s.step == name).map(|s| s.ms);
    let sec_ms = step("rdp-security").expect("rdp-security step timed");
    assert!(
        (300.0..550.0).contains(&sec_ms),
        "rdp-security took {sec_ms} ms"
    );
    // The offers waited 300 + 150 + 0 ms: at once, about 300 ms.
    let neg_ms = step("negotiation").expect("negotiation step timed");
    assert!(
        (300.0..440.0).contains(&neg_ms),
        "negotiation took {neg_ms} ms"
    );
    assert!(r.tls.is_none(), "no offer upgraded to TLS");
}
