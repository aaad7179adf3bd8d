//! Optional `--ntlm` step: after the X.224 upgrade to CredSSP and the TLS handshake, send a
//! CredSSP TSRequest carrying an NTLM NEGOTIATE message and read the server's CHALLENGE, which
//! names the server (NetBIOS/DNS computer and domain) and carries its clock. No credentials are
//! sent; the connection is dropped after the challenge.
//! Wire facts: MS-CSSP 2.2.1 (TSRequest, NegoData, DER), MS-NLMP 2.2.1.1 (NEGOTIATE_MESSAGE),
//! 2.2.1.2 (CHALLENGE_MESSAGE), 2.2.2.1 (AV_PAIR ids), 2.2.2.10 (VERSION); FILETIME = 100 ns
//! ticks since 1601-01-01.

use crate::{tls, x224};
use engine::probe::nego::{PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX, PROTOCOL_SSL};
use engine::probe::NtlmInfo;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SIGNATURE: &[u8; 8] = b"NTLMSSP\0";
/// Seconds between 1601-01-01 and 1970-01-01.
const FILETIME_UNIX_OFFSET: i64 = 11_644_473_600;

/// NTLM NEGOTIATE_MESSAGE asking for target info, Unicode, extended session security.
pub fn negotiate_message() -> Vec<u8> {
    let mut m = Vec::with_capacity(40);
    m.extend_from_slice(SIGNATURE);
    m.extend_from_slice(&1u32.to_le_bytes());
    m.extend_from_slice(&0xE288_8205u32.to_le_bytes());
    m.extend_from_slice(&[0u8; 16]); // DomainNameFields, WorkstationFields: empty
    m.extend_from_slice(&[6, 1, 0xB1, 0x1D, 0, 0, 0, 0x0F]); // VERSION 6.1.7601, NTLM revision 15
    m
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut v = vec![tag];
    let n = content.len();
    if n < 0x80 {
        v.push(n as u8);
    } else if n < 0x100 {
        v.extend_from_slice(&[0x81, n as u8]);
    } else {
        v.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
    v.extend_from_slice(content);
    v
}

/// `TSRequest { version [0] 2, negoTokens [1] { { negoToken [0] OCTET STRING } } }` (ASN.1).
pub fn ts_request(token: &[u8]) -> Vec<u8> {
    let version = der(0xA0, &der(0x02, &[2]));
    let nego = der(0xA1, &der(0x30, &der(0x30, &der(0xA0, &der(0x04, token)))));
    der(0x30, &[version, nego].concat())
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Finds and parses an NTLM CHALLENGE_MESSAGE inside `data` (a TSRequest). `now_unix` is the
/// probe's clock at receipt, for the skew.
pub fn parse_challenge(data: &[u8], now_unix: i64) -> Result<NtlmInfo, String> {
    let start = data
        .windows(8)
        .position(|w| w == SIGNATURE)
        .ok_or("no NTLM message in the server's answer (CredSSP not offered?)")?;
    let m = &data[start..];
    let u16_at = |o: usize| {
        m.get(o..o + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    let u32_at = |o: usize| {
        m.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    if u32_at(8) != Some(2) {
        return Err("the NTLM message is not a CHALLENGE".into());
    }
    let mut info = NtlmInfo {
        ok: true,
        ..Default::default()
    };
    if let (Some(len), Some(off)) = (u16_at(12), u32_at(16)) {
        if let Some(b) = m.get(off..off.saturating_add(len)) {
            info.target_name = Some(utf16(b)).filter(|s| !s.is_empty());
        }
    }
    if let (Some(len), Some(off)) = (u16_at(40), u32_at(44)) {
        let av = m
            .get(off..off.saturating_add(len))
            .ok_or("target info outside the message")?;
        let mut p = 0;
        while p + 4 <= av.len() {
            let id = u16::from_le_bytes([av[p], av[p + 1]]);
            let n = u16::from_le_bytes([av[p + 2], av[p + 3]]) as usize;
            let Some(v) = av.get(p + 4..p + 4 + n) else {
                break;
            };
            match id {
                0 => break,
                1 => info.netbios_computer = Some(utf16(v)),
                2 => info.netbios_domain = Some(utf16(v)),
                3 => info.dns_computer = Some(utf16(v)),
                4 => info.dns_domain = Some(utf16(v)),
                5 => info.dns_tree = Some(utf16(v)),
                7 if v.len() == 8 => {
                    let ticks =
                        u64::from_le_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]]);
                    let unix = (ticks / 10_000_000) as i64 - FILETIME_UNIX_OFFSET;
                    let text = engine::time::format_rfc3339(unix);
                    // Only a time RFC 3339 can carry (years 0000-9999) is reported; a clock
                    // thousands of years off is garbage, not a skew (found by ntlm_challenge).
                    if engine::time::parse_rfc3339(&text) == Some(unix) {
                        info.server_time = Some(text);
                        info.clock_skew_s = Some(unix - now_unix);
                    }
                }
                _ => {}
            }
            p += 4 + n;
        }
    }
    if let Some(v) = m.get(48..56) {
        let build = u16::from_le_bytes([v[2], v[3]]);
        if v[0] != 0 {
            info.product_version = Some(format!("{}.{}.{}", v[0], v[1], build));
        }
    }
    Ok(info)
}

/// Runs the whole step on a fresh connection to `addr`.
pub async fn probe(
    addr: std::net::SocketAddr,
    host: &str,
    connect: Duration,
    timeout: Duration,
) -> NtlmInfo {
    let fail = |e: String| NtlmInfo {
        error: Some(e),
        ..Default::default()
    };
    let (s, t) = crate::tcp::connect(addr, connect).await;
    let Some(mut s) = s else {
        return fail(t.error.unwrap_or_default());
    };
    let ex = x224::exchange(
        &mut s,
        PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX,
        timeout,
    )
    .await;
    match ex.confirm {
        Some(x224::Confirm::Selected { protocol, .. })
            if protocol & (PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX) != 0 => {}
        Some(x224::Confirm::Selected { protocol, .. }) => {
            return fail(format!(
                "the server selected {} instead of CredSSP, so there is no NTLM challenge to read",
                engine::probe::nego::protocols_name(protocol)
            ))
        }
        _ => {
            return fail(format!(
                "the X.224 exchange gave no CredSSP upgrade ({:?})",
                ex.outcome
            ))
        }
    }
    let (hs, conn) = tls::handshake_conn(&mut s, host, timeout).await;
    let Some(mut tls) = conn else {
        return fail(format!(
            "TLS failed before CredSSP: {}",
            hs.error.unwrap_or_default()
        ));
    };
    match tls::round_trip(
        &mut tls,
        &ts_request(&negotiate_message()),
        16 * 1024,
        timeout,
    )
    .await
    {
        Ok(reply) => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            match parse_challenge(&reply, now) {
                Ok(mut i) => {
                    i.raw_reply_hex = x224::hex(&reply, 512);
                    i
                }
                Err(e) => NtlmInfo {
                    error: Some(e),
                    raw_reply_hex: x224::hex(&reply, 512),
                    ..Default::default()
                },
            }
        }
        Err(e) => fail(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    #[test]
    fn negotiate_and_tsrequest_layout() {
        let n = negotiate_message();
        assert_eq!(n.len(), 40);
        assert_eq!(&n[..8], b"NTLMSSP\0");
        let t = ts_request(&n);
        assert_eq!(t[0], 0x30);
        assert_eq!(t[1] as usize, t.len() - 2);
        assert_eq!(&t[2..7], &[0xA0, 0x03, 0x02, 0x01, 0x02]);
        assert!(t.ends_with(&n));
    }

    #[test]
    fn challenge_fields_and_clock() {
        // Build a CHALLENGE: header 56 bytes, target name, then AV pairs.
        let name = utf16le("CORP");
        let mut av = Vec::new();
        for (id, v) in [
            (2u16, utf16le("CORP")),
            (1, utf16le("RDP01")),
            (4, utf16le("corp.example")),
            (3, utf16le("rdp01.corp.example")),
        ] {
            av.extend_from_slice(&id.to_le_bytes());
            av.extend_from_slice(&(v.len() as u16).to_le_bytes());
            av.extend_from_slice(&v);
        }
        let unix: i64 = 1_800_000_000;
        let ticks = ((unix + FILETIME_UNIX_OFFSET) as u64) * 10_000_000;
        av.extend_from_slice(&7u16.to_le_bytes());
        av.extend_from_slice(&8u16.to_le_bytes());
        av.extend_from_slice(&ticks.to_le_bytes());
        av.extend_from_slice(&[0, 0, 0, 0]);
        let mut m = Vec::new();
        m.extend_from_slice(b"NTLMSSP\0");
        m.extend_from_slice(&2u32.to_le_bytes());
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&56u32.to_le_bytes());
        m.extend_from_slice(&0xE289_8215u32.to_le_bytes());
        m.extend_from_slice(&[0x11; 8]); // server challenge
        m.extend_from_slice(&[0; 8]);
        m.extend_from_slice(&(av.len() as u16).to_le_bytes());
        m.extend_from_slice(&(av.len() as u16).to_le_bytes());
        m.extend_from_slice(&((56 + name.len()) as u32).to_le_bytes());
        m.extend_from_slice(&[10, 0, 0x63, 0x45, 0, 0, 0, 0x0F]); // 10.0.17763
        m.extend_from_slice(&name);
        m.extend_from_slice(&av);
        let wrapped = ts_request(&m);
        let i = parse_challenge(&wrapped, unix - 600).unwrap();
        assert_eq!(i.target_name.as_deref(), Some("CORP"));
        assert_eq!(i.netbios_computer.as_deref(), Some("RDP01"));
        assert_eq!(i.dns_computer.as_deref(), Some("rdp01.corp.example"));
        assert_eq!(i.dns_domain.as_deref(), Some("corp.example"));
        assert_eq!(i.product_version.as_deref(), Some("10.0.17763"));
        assert_eq!(i.clock_skew_s, Some(600));
        assert_eq!(
            i.server_time.as_deref(),
            Some(engine::time::format_rfc3339(unix).as_str())
        );
        // Truncated input never panics.
        for cut in 0..wrapped.len() {
            let _ = parse_challenge(&wrapped[..cut], 0);
        }
        assert!(parse_challenge(b"no ntlm here", 0).is_err());
        // A FILETIME in the year 26554 is not reported as a time or a skew.
        let far = ((800_000_000_000i64 + FILETIME_UNIX_OFFSET) as u64) * 10_000_000;
        let at = wrapped.len() - 12;
        let mut odd = wrapped.clone();
        odd[at..at + 8].copy_from_slice(&far.to_le_bytes());
        let i = parse_challenge(&odd, unix).unwrap();
        assert_eq!((i.server_time, i.clock_skew_s), (None, None));
        assert_eq!(i.dns_computer.as_deref(), Some("rdp01.corp.example"));
    }
}
