//! Standard RDP Security probe: after an X.224 exchange that selected legacy RDP, send an MCS
//! Connect Initial offering ONE client encryption method and read the server's MCS Connect
//! Response, to learn the server's RDP version and which method/level it picks (what nmap's
//! rdp-enum-encryption reports). Own encoder and decoder.
//!
//! Layout facts:
//! - TPKT RFC 1006 §6; X.224 Data TPDU (LI 2, code 0xF0, EOT 0x80) ITU-T X.224 §13.7.
//! - MCS Connect-Initial / Connect-Response: T.125 §7 (application tags 101 / 102, BER),
//!   as used by MS-RDPBCGR 2.2.1.3 (Client MCS Connect Initial PDU with GCC Conference Create
//!   Request) and 2.2.1.4 (Server MCS Connect Response PDU with GCC Conference Create Response).
//! - GCC Conference Create Request/Response: T.124 (PER); the fixed header bytes and the
//!   H.221 keys "Duca" (client to server) / "McDn" (server to client) as annotated in
//!   MS-RDPBCGR 4.1.3 and 4.1.4.
//! - Client data: TS_UD_CS_CORE 2.2.1.3.2, TS_UD_CS_SEC 2.2.1.3.3, TS_UD_CS_NET 2.2.1.3.4;
//!   server data: TS_UD_SC_CORE 2.2.1.4.2, TS_UD_SC_SEC1 2.2.1.4.3 (header type/length
//!   little-endian, TS_UD_HEADER 2.2.1.3.1).

use crate::x224::{self, ReadEnd};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Largest MCS Connect Response read (the server security data may carry a certificate).
pub const MAX_RESPONSE: usize = 16 * 1024;
/// Smallest meaningful response: TPKT(4) + X.224 DT(3) + a BER tag and length.
const MIN_RESPONSE: usize = 9;

const CS_CORE: u16 = 0xC001;
const CS_SECURITY: u16 = 0xC002;
const CS_NET: u16 = 0xC003;
const SC_CORE: u16 = 0x0C01;
const SC_SECURITY: u16 = 0x0C02;

/// RDP 5.0+ client (TS_UD_CS_CORE.version, 2.2.1.3.2).
const CLIENT_VERSION: u32 = 0x0008_0004;

/// What the server's MCS Connect Response said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerData {
    /// T.125 Connect-Response result (0 = rt-successful).
    pub result: u8,
    /// TS_UD_SC_CORE.version.
    pub version: Option<u32>,
    /// TS_UD_SC_SEC1.encryptionMethod.
    pub encryption_method: Option<u32>,
    /// TS_UD_SC_SEC1.encryptionLevel.
    pub encryption_level: Option<u32>,
}

// ---------------------------------------------------------------- encoder

/// BER definite length (X.690 §8.1.3): short form below 128, else 0x81 / 0x82 long form.
fn ber_len(out: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
}

fn ber_tlv(out: &mut Vec<u8>, tag: &[u8], value: &[u8]) {
    out.extend_from_slice(tag);
    ber_len(out, value.len());
    out.extend_from_slice(value);
}

/// BER INTEGER, minimal two's-complement big-endian (X.690 §8.3).
fn ber_uint(out: &mut Vec<u8>, v: u32) {
    let bytes = v.to_be_bytes();
    let mut i = 0;
    while i < 3 && bytes[i] == 0 && bytes[i + 1] & 0x80 == 0 {
        i += 1;
    }
    let mut val = Vec::with_capacity(5);
    if bytes[i] & 0x80 != 0 {
        val.push(0);
    }
    val.extend_from_slice(&bytes[i..]);
    ber_tlv(out, &[0x02], &val);
}

/// T.125 DomainParameters: maxChannelIds, maxUserIds, maxTokenIds, numPriorities,
/// minThroughput, maxHeight, maxMCSPDUsize, protocolVersion (values as in MS-RDPBCGR 4.1.3).
fn domain_params(out: &mut Vec<u8>, p: [u32; 8]) {
    let mut v = Vec::new();
    for x in p {
        ber_uint(&mut v, x);
    }
    ber_tlv(out, &[0x30], &v);
}

/// PER length determinant, always the two-byte form (T.123/X.691 §10.9: 0x80 | high bits).
fn per_len2(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&[0x80 | ((n >> 8) as u8 & 0x3F), n as u8]);
}

fn block(out: &mut Vec<u8>, ty: u16, body: &[u8]) {
    out.extend_from_slice(&ty.to_le_bytes());
    out.extend_from_slice(&((body.len() + 4) as u16).to_le_bytes());
    out.extend_from_slice(body);
}

/// The client data blocks: CS_CORE, CS_SECURITY offering `method`, CS_NET with no channels.
pub fn client_data(method: u32) -> Vec<u8> {
    let mut core = Vec::with_capacity(212);
    core.extend_from_slice(&CLIENT_VERSION.to_le_bytes());
    core.extend_from_slice(&1024u16.to_le_bytes()); // desktopWidth
    core.extend_from_slice(&768u16.to_le_bytes()); // desktopHeight
    core.extend_from_slice(&0xCA01u16.to_le_bytes()); // colorDepth RNS_UD_COLOR_8BPP
    core.extend_from_slice(&0xAA03u16.to_le_bytes()); // SASSequence RNS_UD_SAS_DEL
    core.extend_from_slice(&0x0409u32.to_le_bytes()); // keyboardLayout en-US
    core.extend_from_slice(&2600u32.to_le_bytes()); // clientBuild
    let mut name = [0u8; 32]; // clientName: UTF-16LE, NUL-terminated, 32 bytes
    for (i, c) in "RDPPROBE".bytes().enumerate() {
        name[2 * i] = c;
    }
    core.extend_from_slice(&name);
    core.extend_from_slice(&4u32.to_le_bytes()); // keyboardType IBM enhanced
    core.extend_from_slice(&0u32.to_le_bytes()); // keyboardSubType
    core.extend_from_slice(&12u32.to_le_bytes()); // keyboardFunctionKey
    core.extend_from_slice(&[0u8; 64]); // imeFileName
    core.extend_from_slice(&0xCA01u16.to_le_bytes()); // postBeta2ColorDepth
    core.extend_from_slice(&1u16.to_le_bytes()); // clientProductId
    core.extend_from_slice(&0u32.to_le_bytes()); // serialNumber
    core.extend_from_slice(&16u16.to_le_bytes()); // highColorDepth
    core.extend_from_slice(&0x0007u16.to_le_bytes()); // supportedColorDepths 24/16/15
    core.extend_from_slice(&0x0001u16.to_le_bytes()); // earlyCapabilityFlags SUPPORT_ERRINFO_PDU
    core.extend_from_slice(&[0u8; 64]); // clientDigProductId
    core.push(0); // connectionType
    core.push(0); // pad1octet
    core.extend_from_slice(&0u32.to_le_bytes()); // serverSelectedProtocol = PROTOCOL_RDP
    let mut out = Vec::with_capacity(256);
    block(&mut out, CS_CORE, &core);
    let mut sec = Vec::with_capacity(8);
    sec.extend_from_slice(&method.to_le_bytes()); // encryptionMethods
    sec.extend_from_slice(&0u32.to_le_bytes()); // extEncryptionMethods (French locale only)
    block(&mut out, CS_SECURITY, &sec);
    block(&mut out, CS_NET, &0u32.to_le_bytes()); // channelCount 0
    out
}

/// The complete TPKT-framed Client MCS Connect Initial PDU offering one encryption method.
pub fn connect_initial(method: u32) -> Vec<u8> {
    let ud = client_data(method);
    // GCC Conference Create Request inside T.124 ConnectData.
    let mut ccr = Vec::with_capacity(14 + ud.len());
    ccr.extend_from_slice(&[0x00, 0x08, 0x00, 0x10, 0x00, 0x01, 0xC0, 0x00]);
    ccr.extend_from_slice(b"Duca");
    per_len2(&mut ccr, ud.len());
    ccr.extend_from_slice(&ud);
    let mut gcc = Vec::with_capacity(9 + ccr.len());
    gcc.extend_from_slice(&[0x00, 0x05, 0x00, 0x14, 0x7C, 0x00, 0x01]); // key: OID 0.0.20.124.0.1
    per_len2(&mut gcc, ccr.len());
    gcc.extend_from_slice(&ccr);

    let mut body = Vec::with_capacity(gcc.len() + 128);
    ber_tlv(&mut body, &[0x04], &[0x01]); // callingDomainSelector
    ber_tlv(&mut body, &[0x04], &[0x01]); // calledDomainSelector
    ber_tlv(&mut body, &[0x01], &[0xFF]); // upwardFlag TRUE
    domain_params(&mut body, [34, 2, 0, 1, 0, 1, 0xFFFF, 2]); // target
    domain_params(&mut body, [1, 1, 1, 1, 0, 1, 0x420, 2]); // minimum
    domain_params(&mut body, [0xFFFF, 0xFC17, 0xFFFF, 1, 0, 1, 0xFFFF, 2]); // maximum
    ber_tlv(&mut body, &[0x04], &gcc); // userData
    let mut mcs = Vec::with_capacity(body.len() + 5);
    ber_tlv(&mut mcs, &[0x7F, 0x65], &body); // Connect-Initial [APPLICATION 101]

    let total = 4 + 3 + mcs.len();
    let mut pdu = Vec::with_capacity(total);
    pdu.extend_from_slice(&[0x03, 0x00]);
    pdu.extend_from_slice(&(total as u16).to_be_bytes());
    pdu.extend_from_slice(&[0x02, 0xF0, 0x80]); // X.224 Data TPDU, EOT
    pdu.extend_from_slice(&mcs);
    pdu
}

// ---------------------------------------------------------------- decoder

/// A bounds-checked reader over a byte slice.
struct Rd<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Rd<'a> {
    fn u8(&mut self, what: &str) -> Result<u8, String> {
        let v = *self
            .b
            .get(self.at)
            .ok_or_else(|| format!("reply ends before the {what}"))?;
        self.at += 1;
        Ok(v)
    }
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or_else(|| {
                format!(
                    "the {what} announces {n} bytes but only {} remain",
                    self.b.len().saturating_sub(self.at)
                )
            })?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    /// BER length (short form or 0x81..0x84 long form).
    fn ber_len(&mut self, what: &str) -> Result<usize, String> {
        let first = self.u8(what)?;
        if first < 0x80 {
            return Ok(first as usize);
        }
        let n = (first & 0x7F) as usize;
        if n == 0 || n > 4 {
            return Err(format!(
                "unsupported BER length form 0x{first:02x} in the {what}"
            ));
        }
        let mut v = 0usize;
        for _ in 0..n {
            v = (v << 8) | self.u8(what)? as usize;
        }
        Ok(v)
    }
    /// A BER element with a one-byte tag: returns its value bytes.
    fn tlv(&mut self, tag: u8, what: &str) -> Result<&'a [u8], String> {
        let t = self.u8(what)?;
        if t != tag {
            return Err(format!(
                "expected tag 0x{tag:02x} for the {what}, found 0x{t:02x}"
            ));
        }
        let n = self.ber_len(what)?;
        self.take(n, what)
    }
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// Decodes a complete TPKT-framed Server MCS Connect Response. `Err` says what is wrong.
pub fn decode_connect_response(b: &[u8]) -> Result<ServerData, String> {
    if b.len() < MIN_RESPONSE {
        return Err(format!(
            "reply too short for an MCS PDU ({} bytes)",
            b.len()
        ));
    }
    if b[0] != 0x03 {
        return Err(format!("not a TPKT header (first byte 0x{:02x})", b[0]));
    }
    let total = u16::from_be_bytes([b[2], b[3]]) as usize;
    if total < MIN_RESPONSE || total > b.len() {
        return Err(format!(
            "TPKT length {total} does not fit the {} bytes received",
            b.len()
        ));
    }
    if b[4] != 0x02 || b[5] != 0xF0 {
        return Err(format!(
            "not an X.224 Data TPDU (LI 0x{:02x}, code 0x{:02x})",
            b[4], b[5]
        ));
    }
    let mut r = Rd {
        b: &b[7..total],
        at: 0,
    };
    let (t1, t2) = (r.u8("MCS tag")?, r.u8("MCS tag")?);
    if (t1, t2) == (0x7F, 0x65) {
        return Err("the server echoed a Connect-Initial, not a Connect-Response".into());
    }
    if (t1, t2) != (0x7F, 0x66) {
        return Err(format!(
            "MCS PDU tag 0x{t1:02x}{t2:02x} is not a Connect-Response (0x7f66)"
        ));
    }
    let n = r.ber_len("Connect-Response")?;
    let mut r = Rd {
        b: r.take(n, "Connect-Response")?,
        at: 0,
    };
    let result = match r.tlv(0x0A, "result")? {
        [v] => *v,
        other => {
            return Err(format!(
                "the Connect-Response result is {} bytes long, expected 1 (T.125 Result enum)",
                other.len()
            ))
        }
    };
    let mut out = ServerData {
        result,
        ..Default::default()
    };
    if out.result != 0 {
        return Ok(out);
    }
    r.tlv(0x02, "calledConnectId")?;
    r.tlv(0x30, "domainParameters")?;
    let gcc = r.tlv(0x04, "userData")?;
    let blocks = gcc_user_data(gcc)?;
    let mut at = 0usize;
    while at + 4 <= blocks.len() {
        let ty = le16(blocks, at).unwrap_or(0);
        let len = le16(blocks, at + 2).unwrap_or(0) as usize;
        if len < 4 || at + len > blocks.len() {
            return Err(format!(
                "server data block 0x{ty:04x} has length {len}, {} bytes remain",
                blocks.len() - at
            ));
        }
        let body = &blocks[at + 4..at + len];
        match ty {
            SC_CORE => out.version = le32(body, 0),
            SC_SECURITY => {
                out.encryption_method = le32(body, 0);
                out.encryption_level = le32(body, 4);
            }
            _ => {}
        }
        at += len;
    }
    if out.version.is_none() && out.encryption_method.is_none() {
        return Err("the Connect-Response carries neither server core nor security data".into());
    }
    Ok(out)
}

/// The server data blocks inside the GCC Conference Create Response: they follow the H.221
/// key "McDn" and its PER length (one byte, or two when the first has its high bit set).
fn gcc_user_data(gcc: &[u8]) -> Result<&[u8], String> {
    if !gcc.starts_with(&[0x00, 0x05, 0x00, 0x14, 0x7C, 0x00, 0x01]) {
        return Err("userData is not T.124 ConnectData (missing the 0.0.20.124.0.1 key)".into());
    }
    let head = gcc.get(..gcc.len().min(64)).unwrap_or(gcc);
    let key = head
        .windows(4)
        .position(|w| w == b"McDn")
        .ok_or("no \"McDn\" server data in the GCC Conference Create Response")?;
    let mut r = Rd {
        b: gcc,
        at: key + 4,
    };
    let first = r.u8("GCC user data length")?;
    let len = if first & 0x80 != 0 {
        (((first & 0x3F) as usize) << 8) | r.u8("GCC user data length")? as usize
    } else {
        first as usize
    };
    r.take(len, "GCC user data")
}

// ---------------------------------------------------------------- exchange

/// The outcome of one MCS exchange.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub data: Result<ServerData, String>,
    pub raw: Vec<u8>,
}

/// Sends the Connect Initial offering `method` on a socket where X.224 selected legacy RDP and
/// reads one Connect Response (at most [`MAX_RESPONSE`] bytes), all within `timeout`.
pub async fn exchange(stream: &mut TcpStream, method: u32, timeout: Duration) -> Outcome {
    let mut raw = Vec::new();
    let pdu = connect_initial(method);
    let data = match tokio::time::timeout(timeout, async {
        stream
            .write_all(&pdu)
            .await
            .map_err(|e| format!("sending the MCS Connect Initial failed: {e}"))?;
        match x224::read_tpkt_capped(stream, &mut raw, MIN_RESPONSE, MAX_RESPONSE).await {
            Ok(()) => decode_connect_response(&raw),
            Err(ReadEnd::Closed(e)) => Err(format!(
                "{e} (no MCS Connect Response: the server refused this method or the request)"
            )),
            Err(ReadEnd::Bad(e)) => Err(e),
        }
    })
    .await
    {
        Ok(d) => d,
        Err(_) => Err(format!(
            "no complete MCS Connect Response within {} ms ({} bytes received)",
            timeout.as_millis(),
            raw.len()
        )),
    };
    Outcome { data, raw }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a server Connect Response around the given server data blocks (own layout,
    /// following MS-RDPBCGR 2.2.1.4 / 4.1.4).
    fn server_response(blocks: &[u8]) -> Vec<u8> {
        let mut gcc = vec![0x00, 0x05, 0x00, 0x14, 0x7C, 0x00, 0x01];
        let mut ccr = vec![0x14, 0x76, 0x0A, 0x01, 0x01, 0x00, 0x01, 0xC0, 0x00];
        ccr.extend_from_slice(b"McDn");
        per_len2(&mut ccr, blocks.len());
        ccr.extend_from_slice(blocks);
        per_len2(&mut gcc, ccr.len());
        gcc.extend_from_slice(&ccr);
        let mut body = Vec::new();
        ber_tlv(&mut body, &[0x0A], &[0]);
        ber_uint(&mut body, 0);
        domain_params(&mut body, [34, 3, 0, 1, 0, 1, 0xFFF8, 2]);
        ber_tlv(&mut body, &[0x04], &gcc);
        let mut mcs = Vec::new();
        ber_tlv(&mut mcs, &[0x7F, 0x66], &body);
        let total = 7 + mcs.len();
        let mut p = vec![3, 0, (total >> 8) as u8, total as u8, 2, 0xF0, 0x80];
        p.extend_from_slice(&mcs);
        p
    }

    fn sc_blocks(version: u32, method: u32, level: u32) -> Vec<u8> {
        let mut b = Vec::new();
        let mut core = version.to_le_bytes().to_vec();
        core.extend_from_slice(&0u32.to_le_bytes()); // clientRequestedProtocols
        block(&mut b, SC_CORE, &core);
        let mut sec = method.to_le_bytes().to_vec();
        sec.extend_from_slice(&level.to_le_bytes());
        sec.extend_from_slice(&0u32.to_le_bytes()); // serverRandomLen
        sec.extend_from_slice(&0u32.to_le_bytes()); // serverCertLen
        block(&mut b, SC_SECURITY, &sec);
        block(&mut b, 0x0C03, &[0xEB, 0x03, 0, 0]); // SC_NET: MCS channel 1003, 0 channels
        b
    }

    #[test]
    fn connect_initial_layout() {
        let p = connect_initial(0x02);
        assert_eq!(u16::from_be_bytes([p[2], p[3]]) as usize, p.len());
        assert_eq!(&p[..2], &[3, 0]);
        assert_eq!(&p[4..7], &[2, 0xF0, 0x80]);
        assert_eq!(&p[7..9], &[0x7F, 0x65]);
        // Outer BER length covers exactly the rest.
        assert_eq!(p[9], 0x82);
        assert_eq!(u16::from_be_bytes([p[10], p[11]]) as usize, p.len() - 12);
        let ud = client_data(0x02);
        assert!(p.ends_with(&ud));
        // CS_CORE 216 bytes, CS_SECURITY 12, CS_NET 8.
        assert_eq!(ud.len(), 216 + 12 + 8);
        assert_eq!(le16(&ud, 0), Some(CS_CORE));
        assert_eq!(le16(&ud, 2), Some(216));
        assert_eq!(le32(&ud, 4), Some(0x0008_0004));
        assert_eq!(le16(&ud, 216), Some(CS_SECURITY));
        assert_eq!(
            le32(&ud, 220),
            Some(0x02),
            "encryptionMethods = the one offered"
        );
        assert_eq!(le16(&ud, 228), Some(CS_NET));
        assert_eq!(le32(&ud, 232), Some(0), "no channels");
        // The GCC header (T.124 key + "Duca") sits 23 bytes before the client data, with
        // two-byte PER lengths, as servers that skip the fixed header expect.
        let gcc_at = p.len() - ud.len() - 23;
        assert_eq!(&p[gcc_at..gcc_at + 7], &[0, 5, 0, 0x14, 0x7C, 0, 1]);
        assert_eq!(&p[gcc_at + 17..gcc_at + 21], b"Duca");
        assert_eq!(
            u16::from_be_bytes([p[gcc_at + 21] & 0x3F, p[gcc_at + 22]]) as usize,
            ud.len()
        );
        // Encoding differs only in the method field.
        let q = connect_initial(0x10);
        assert_eq!(p.len(), q.len());
        assert_eq!(p.iter().zip(&q).filter(|(a, b)| a != b).count(), 1);
    }

    #[test]
    fn ber_integers_are_minimal() {
        let mut v = Vec::new();
        ber_uint(&mut v, 0);
        ber_uint(&mut v, 0x7F);
        ber_uint(&mut v, 0x80);
        ber_uint(&mut v, 0xFFFF);
        assert_eq!(v, [2, 1, 0, 2, 1, 0x7F, 2, 2, 0, 0x80, 2, 3, 0, 0xFF, 0xFF]);
    }

    #[test]
    fn decodes_a_hand_built_server_response() {
        let p = server_response(&sc_blocks(0x0008_000C, 0x02, 3));
        let d = decode_connect_response(&p).unwrap();
        assert_eq!(
            d,
            ServerData {
                result: 0,
                version: Some(0x0008_000C),
                encryption_method: Some(2),
                encryption_level: Some(3)
            }
        );
        // Encryption none: method 0, level 0, SC_SEC1 of 8 bytes body.
        let mut b = Vec::new();
        block(&mut b, SC_CORE, &0x0008_0004u32.to_le_bytes());
        block(&mut b, SC_SECURITY, &[0, 0, 0, 0, 0, 0, 0, 0]);
        let d = decode_connect_response(&server_response(&b)).unwrap();
        assert_eq!(
            (d.version, d.encryption_method, d.encryption_level),
            (Some(0x0008_0004), Some(0), Some(0))
        );
    }

    #[test]
    fn refused_result_is_reported() {
        let mut body = Vec::new();
        ber_tlv(&mut body, &[0x0A], &[8]); // rt-parameters-unacceptable
        let mut mcs = Vec::new();
        ber_tlv(&mut mcs, &[0x7F, 0x66], &body);
        let total = 7 + mcs.len();
        let mut p = vec![3, 0, 0, total as u8, 2, 0xF0, 0x80];
        p.extend_from_slice(&mcs);
        let d = decode_connect_response(&p).unwrap();
        assert_eq!(d.result, 8);
        assert_eq!(d.encryption_method, None);
    }

    #[test]
    fn malformed_and_truncated_never_panic() {
        let good = server_response(&sc_blocks(0x0008_0004, 0x01, 2));
        // Every truncation, with the TPKT length left as announced and fixed up.
        for n in 0..good.len() {
            let cut = &good[..n];
            assert!(decode_connect_response(cut).is_err(), "cut at {n}");
            let mut fixed = cut.to_vec();
            if fixed.len() >= 4 {
                fixed[2] = (n >> 8) as u8;
                fixed[3] = n as u8;
            }
            let _ = decode_connect_response(&fixed);
        }
        // Every single-byte corruption.
        for i in 0..good.len() {
            for v in [0x00, 0x7F, 0x80, 0x84, 0xFF] {
                let mut bad = good.clone();
                bad[i] = v;
                let _ = decode_connect_response(&bad);
            }
        }
        // Specific malformations give reasons.
        let mut echo = good.clone();
        echo[8] = 0x65;
        assert!(decode_connect_response(&echo)
            .unwrap_err()
            .contains("Connect-Initial"));
        let mut bad_block = sc_blocks(0x0008_0004, 0x01, 2);
        bad_block[2] = 0xFF; // SC_CORE length beyond the data
        assert!(decode_connect_response(&server_response(&bad_block))
            .unwrap_err()
            .contains("length"));
        assert!(decode_connect_response(&server_response(&[])).is_err());
        let garbage = [3, 0, 0, 12, 2, 0xF0, 0x80, 0x7F, 0x66, 0x84, 0xFF, 0xFF];
        assert!(decode_connect_response(&garbage).is_err());
        // A multi-byte result ending in 0 is not "rt-successful" (found by the mcs_reply fuzzer).
        let long_result = [3, 0, 0, 14, 2, 0xF0, 0x80, 0x7F, 0x66, 4, 0x0A, 2, 5, 0];
        assert!(decode_connect_response(&long_result)
            .unwrap_err()
            .contains("result"));
    }

    /// Test-side decoder of our own Connect Initial: walks the BER/PER structure and returns
    /// the encryptionMethods of CS_SECURITY and the CS_CORE version.
    fn decode_connect_initial(p: &[u8]) -> Result<(u32, u32), String> {
        let mut r = Rd {
            b: p.get(7..).ok_or("short")?,
            at: 0,
        };
        assert_eq!((r.u8("t")?, r.u8("t")?), (0x7F, 0x65));
        let n = r.ber_len("ci")?;
        let mut r = Rd {
            b: r.take(n, "ci")?,
            at: 0,
        };
        r.tlv(0x04, "calling")?;
        r.tlv(0x04, "called")?;
        r.tlv(0x01, "upward")?;
        for _ in 0..3 {
            let params = r.tlv(0x30, "params")?;
            let mut pr = Rd { b: params, at: 0 };
            for _ in 0..8 {
                pr.tlv(0x02, "int")?;
            }
            assert_eq!(pr.at, params.len());
        }
        let gcc = r.tlv(0x04, "userData")?;
        assert_eq!(r.at, n, "nothing after userData");
        let key = gcc.windows(4).position(|w| w == b"Duca").ok_or("no Duca")?;
        let mut g = Rd {
            b: gcc,
            at: key + 4,
        };
        let hi = g.u8("len")?;
        let len = (((hi & 0x3F) as usize) << 8) | g.u8("len")? as usize;
        let blocks = g.take(len, "blocks")?;
        assert_eq!(g.at, gcc.len());
        let (mut method, mut version) = (None, None);
        let mut at = 0;
        while at + 4 <= blocks.len() {
            let ty = le16(blocks, at).unwrap();
            let l = le16(blocks, at + 2).unwrap() as usize;
            match ty {
                CS_CORE => version = le32(blocks, at + 4),
                CS_SECURITY => method = le32(blocks, at + 4),
                _ => {}
            }
            at += l;
        }
        assert_eq!(at, blocks.len());
        Ok((
            method.ok_or("no CS_SECURITY")?,
            version.ok_or("no CS_CORE")?,
        ))
    }

    #[test]
    fn connect_initial_round_trips() {
        for m in [0x01, 0x02, 0x08, 0x10] {
            assert_eq!(
                decode_connect_initial(&connect_initial(m)),
                Ok((m, CLIENT_VERSION))
            );
        }
    }

    #[test]
    fn own_request_is_not_mistaken_for_a_response() {
        // Round trip of our own encoder through the decoder: the structure parses up to the
        // application tag and is named as a Connect-Initial.
        let p = connect_initial(0x01);
        assert!(decode_connect_response(&p)
            .unwrap_err()
            .contains("Connect-Initial"));
    }
}
