//! One checked entry point per parser family of server replies, shared by the cargo-fuzz
//! targets (`fuzz/fuzz_targets/{x224_reply,tls_reply,ntlm_challenge,mcs_reply}.rs`, each a
//! one-line call) and by the replay test (`tests/fuzz_replay.rs`), so both run exactly the same
//! code on every input. Each function feeds arbitrary bytes to the parser the probe uses on the
//! wire and panics only if the parser broke one of its promises (it must never panic itself,
//! and what it returns must be consistent with the bytes it was given).

use crate::{diag, mcs, ntlm, tls, x224};

/// The fuzz targets of this module, in the order of `fuzz/Cargo.toml`.
pub const TARGETS: [&str; 4] = ["x224_reply", "tls_reply", "ntlm_challenge", "mcs_reply"];

/// Runs the check of `target` (one of [`TARGETS`]) on `data`; false for an unknown target.
pub fn check(target: &str, data: &[u8]) -> bool {
    match target {
        "x224_reply" => x224_reply(data),
        "tls_reply" => tls_reply(data),
        "ntlm_challenge" => ntlm_challenge(data),
        "mcs_reply" => mcs_reply(data),
        _ => return false,
    }
    true
}

/// X.224 Connection Confirm / negotiation failure ([`x224::decode_confirm`]).
pub fn x224_reply(data: &[u8]) {
    match x224::decode_confirm(data) {
        Ok(x224::Confirm::Selected { .. } | x224::Confirm::Failure { .. }) => {
            // TPKT(4) + LI(1) + fixed CC(6) + 8 bytes of negotiation data.
            assert!(
                data.len() >= 19,
                "negotiation result from {} bytes",
                data.len()
            );
        }
        Ok(x224::Confirm::NoNegotiation) => assert!(data.len() >= 11),
        Err(e) => assert!(!e.is_empty(), "an error must say what is wrong"),
    }
}

/// The answer to a hand-built ClientHello: ServerHello, alert, and the TLS ≤ 1.2 Certificate
/// message ([`tls::parse_reply`]); the first byte picks the version offered. A captured chain
/// then goes through the engine's certificate analysis, as `diagnose --probe` does with it.
pub fn tls_reply(data: &[u8]) {
    let Some((first, reply)) = data.split_first() else {
        return;
    };
    let version = tls::VERSIONS[usize::from(*first) % tls::VERSIONS.len()].0;
    let ans = tls::parse_reply(reply, version);
    assert!(ans.raw_head.len() <= 64 && reply.starts_with(&ans.raw_head));
    assert!(
        ans.chain.len() <= 10,
        "{} certificates kept",
        ans.chain.len()
    );
    if ans.accepted {
        assert_eq!(ans.server_version, Some(version));
    }
    if ans.closed {
        assert!(ans.server_version.is_none() && ans.alert.is_none());
    }
    let handshake = handshake_stream(reply);
    for der in &ans.chain {
        assert!(
            der.is_empty() || handshake.windows(der.len()).any(|w| w == der.as_slice()),
            "a captured certificate must be bytes the server sent in handshake records"
        );
        let _ = engine::cert::analyze(&diag::certificate_text(der), Some("host"), 0);
    }
}

/// The bodies of the handshake records of `reply`, joined in order: the stream a captured
/// certificate must come from (a Certificate message may span several records).
fn handshake_stream(reply: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = reply;
    while let Some((hdr, tail)) = rest.split_first_chunk::<5>() {
        let len = u16::from_be_bytes([hdr[3], hdr[4]]) as usize;
        let Some(body) = tail.get(..len) else { break };
        if hdr[0] == 0x16 {
            out.extend_from_slice(body);
        }
        rest = &tail[len..];
    }
    out
}

/// The NTLM CHALLENGE inside a CredSSP TSRequest ([`ntlm::parse_challenge`]).
pub fn ntlm_challenge(data: &[u8]) {
    let now = 1_800_000_000;
    match ntlm::parse_challenge(data, now) {
        Ok(info) => {
            assert!(data.windows(8).any(|w| w == b"NTLMSSP\0"));
            if let Some(skew) = info.clock_skew_s {
                let t = info.server_time.as_deref().unwrap_or_default();
                assert_eq!(engine::time::parse_rfc3339(t), Some(now + skew), "{t}");
            }
        }
        Err(e) => assert!(!e.is_empty()),
    }
}

/// The MCS Connect Response of Standard RDP Security ([`mcs::decode_connect_response`]).
pub fn mcs_reply(data: &[u8]) {
    match mcs::decode_connect_response(data) {
        Ok(d) if d.result == 0 => {
            assert!(d.version.is_some() || d.encryption_method.is_some());
        }
        Ok(_) => {}
        Err(e) => assert!(!e.is_empty()),
    }
}
