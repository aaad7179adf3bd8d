//! RDP security negotiation on the wire: encode an X.224 Connection Request carrying an
//! RDP_NEG_REQ, read and decode the Connection Confirm (RDP_NEG_RSP / RDP_NEG_FAILURE).
//!
//! Layout facts (own encoder, from the specs): TPKT header RFC 1006 §6 (version 3, reserved 0,
//! big-endian total length); X.224 Class 0 CR/CC TPDU ITU-T X.224 §13.3/13.4 (length indicator,
//! code 0xE0 = CR / 0xD0 = CC, DST-REF, SRC-REF, class); RDP_NEG_REQ/RSP/FAILURE MS-RDPBCGR
//! 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2 (type 1/2/3, flags, length 8 little-endian, 32-bit
//! little-endian protocols / failure code). ironrdp-pdu was not used: its current releases
//! declare a newer MSRV cadence and pull ~85 crates for what is ~100 lines here.

use engine::probe::NegOutcome;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Largest Connection Confirm we accept; anything larger is malformed.
pub const MAX_REPLY: usize = 1024;

const NEG_REQ: u8 = 0x01;
const NEG_RSP: u8 = 0x02;
const NEG_FAILURE: u8 = 0x03;

/// Encodes a Connection Request offering `protocols`, with an optional `mstshash` cookie.
pub fn connection_request(protocols: u32, cookie: Option<&str>) -> Vec<u8> {
    let cookie_bytes: Vec<u8> = match cookie {
        // The cookie is "Cookie: mstshash=NAME\r\n"; keep the name short and printable.
        Some(c) => format!(
            "Cookie: mstshash={}\r\n",
            c.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(32)
                .collect::<String>()
        )
        .into_bytes(),
        None => Vec::new(),
    };
    let li = 6 + cookie_bytes.len() + 8;
    let total = 4 + 1 + li;
    let mut b = Vec::with_capacity(total);
    b.extend_from_slice(&[0x03, 0x00]);
    b.extend_from_slice(&(total as u16).to_be_bytes());
    b.push(li as u8);
    b.extend_from_slice(&[0xE0, 0x00, 0x00, 0x00, 0x00, 0x00]);
    b.extend_from_slice(&cookie_bytes);
    b.extend_from_slice(&[NEG_REQ, 0x00, 0x08, 0x00]);
    b.extend_from_slice(&protocols.to_le_bytes());
    b
}

/// What a Connection Confirm said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Selected {
        protocol: u32,
        flags: u8,
    },
    Failure {
        code: u32,
        flags: u8,
    },
    /// A valid CC without negotiation data.
    NoNegotiation,
}

/// Decodes a complete TPKT-framed Connection Confirm. `Err` says what is wrong.
pub fn decode_confirm(b: &[u8]) -> Result<Confirm, String> {
    if b.len() < 4 {
        return Err(format!(
            "reply too short for a TPKT header ({} bytes)",
            b.len()
        ));
    }
    if b[0] != 0x03 {
        return Err(format!(
            "not a TPKT header (first byte 0x{:02x}{})",
            b[0],
            guess(b)
        ));
    }
    let total = u16::from_be_bytes([b[2], b[3]]) as usize;
    if total < 11 || total > b.len() {
        return Err(format!(
            "TPKT length {total} does not fit the {} bytes received",
            b.len()
        ));
    }
    let li = b[4] as usize;
    if li < 6 || 5 + li > total {
        return Err(format!("X.224 length indicator {li} is invalid"));
    }
    if b[5] & 0xF0 != 0xD0 {
        return Err(format!(
            "X.224 TPDU code 0x{:02x} is not a Connection Confirm (0xD0)",
            b[5]
        ));
    }
    // Variable part after the 7-byte fixed header (LI, code, dst-ref, src-ref, class).
    let var = b.get(11..5 + li).unwrap_or(&[]);
    if var.is_empty() {
        return Ok(Confirm::NoNegotiation);
    }
    if var.len() < 8 {
        return Err(format!(
            "negotiation data is {} bytes, expected 8",
            var.len()
        ));
    }
    let len = u16::from_le_bytes([var[2], var[3]]);
    if len != 8 {
        return Err(format!(
            "negotiation data length field is {len}, expected 8"
        ));
    }
    let value = u32::from_le_bytes([var[4], var[5], var[6], var[7]]);
    match var[0] {
        NEG_RSP => Ok(Confirm::Selected {
            protocol: value,
            flags: var[1],
        }),
        NEG_FAILURE => Ok(Confirm::Failure {
            code: value,
            flags: var[1],
        }),
        t => Err(format!("unknown negotiation message type 0x{t:02x}")),
    }
}

fn guess(b: &[u8]) -> &'static str {
    match b.first() {
        Some(0x15) | Some(0x16) => ": looks like TLS — the port speaks raw TLS, not RDP",
        Some(b'H') if b.starts_with(b"HTTP") => ": an HTTP server answers on this port",
        Some(b'S') if b.starts_with(b"SSH-") => ": an SSH server answers on this port",
        _ => "",
    }
}

/// Result of one exchange on an open socket.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub outcome: NegOutcome,
    pub confirm: Option<Confirm>,
    pub raw: Vec<u8>,
    pub ms: f64,
    pub error: Option<String>,
}

/// Sends the Connection Request and reads one Connection Confirm, never more than
/// [`MAX_REPLY`] bytes, within `timeout` (the whole read, however slowly bytes drip).
pub async fn exchange(stream: &mut TcpStream, protocols: u32, timeout: Duration) -> Exchange {
    let t0 = Instant::now();
    let req = connection_request(protocols, Some("rdpprobe"));
    let mut ex = Exchange {
        outcome: NegOutcome::NoReply,
        confirm: None,
        raw: Vec::new(),
        ms: 0.0,
        error: None,
    };
    match tokio::time::timeout(timeout, stream.write_all(&req)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            ex.outcome = NegOutcome::Closed;
            ex.error = Some(format!("sending the Connection Request failed: {e}"));
            ex.ms = ms(t0);
            return ex;
        }
        Err(_) => {
            ex.error = Some("sending the Connection Request timed out".into());
            ex.ms = ms(t0);
            return ex;
        }
    }
    let res = tokio::time::timeout(timeout, read_tpkt(stream, &mut ex.raw)).await;
    ex.ms = ms(t0);
    match res {
        Err(_) => {
            ex.outcome = if ex.raw.is_empty() {
                NegOutcome::NoReply
            } else {
                NegOutcome::Malformed
            };
            ex.error = Some(if ex.raw.is_empty() {
                format!("no reply within {} ms", timeout.as_millis())
            } else {
                format!(
                    "incomplete reply ({} bytes) within {} ms",
                    ex.raw.len(),
                    timeout.as_millis()
                )
            });
        }
        Ok(Err(ReadEnd::Closed(e))) => {
            ex.outcome = if ex.raw.is_empty() {
                NegOutcome::Closed
            } else {
                NegOutcome::Malformed
            };
            ex.error = Some(e);
        }
        Ok(Err(ReadEnd::Bad(e))) => {
            ex.outcome = NegOutcome::Malformed;
            ex.error = Some(e);
        }
        Ok(Ok(())) => match decode_confirm(&ex.raw) {
            Ok(c) => {
                ex.outcome = match c {
                    Confirm::Selected { .. } => NegOutcome::Selected,
                    Confirm::Failure { .. } => NegOutcome::Failure,
                    Confirm::NoNegotiation => NegOutcome::ConfirmWithoutNegotiation,
                };
                ex.confirm = Some(c);
            }
            Err(e) => {
                ex.outcome = NegOutcome::Malformed;
                ex.error = Some(e);
            }
        },
    }
    ex
}

pub(crate) enum ReadEnd {
    Closed(String),
    Bad(String),
}

/// Reads one TPKT packet into `buf` (header first, then the announced length, capped).
async fn read_tpkt(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<(), ReadEnd> {
    fill(stream, buf, 4).await?;
    if buf[0] != 0x03 {
        // Keep a little more for the hex dump and the guess, then stop reading.
        let _ = tokio::time::timeout(Duration::from_millis(50), fill(stream, buf, 16)).await;
        return Err(ReadEnd::Bad(decode_confirm(buf).err().unwrap_or_default()));
    }
    let total = u16::from_be_bytes([buf[2], buf[3]]) as usize;
    if !(11..=MAX_REPLY).contains(&total) {
        return Err(ReadEnd::Bad(format!(
            "TPKT announces {total} bytes; a Connection Confirm is 11–{MAX_REPLY}"
        )));
    }
    fill(stream, buf, total).await
}

/// Reads one TPKT packet of `min..=max` announced bytes into `buf` (header first, then the
/// announced length); never reads more than `max` bytes. The caller bounds it in time.
pub(crate) async fn read_tpkt_capped(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    min: usize,
    max: usize,
) -> Result<(), ReadEnd> {
    fill(stream, buf, 4).await?;
    if buf[0] != 0x03 {
        return Err(ReadEnd::Bad(format!(
            "not a TPKT header (first byte 0x{:02x})",
            buf[0]
        )));
    }
    let total = u16::from_be_bytes([buf[2], buf[3]]) as usize;
    if !(min..=max).contains(&total) {
        return Err(ReadEnd::Bad(format!(
            "TPKT announces {total} bytes; expected {min}–{max}"
        )));
    }
    fill(stream, buf, total).await
}

async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>, want: usize) -> Result<(), ReadEnd> {
    let mut chunk = [0u8; 256];
    while buf.len() < want {
        let room = (want - buf.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]).await {
            Ok(0) => {
                return Err(ReadEnd::Closed(format!(
                    "server closed the connection after {} bytes",
                    buf.len()
                )))
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) => {
                return Err(ReadEnd::Closed(format!(
                    "connection error after {} bytes: {e}",
                    buf.len()
                )))
            }
        }
    }
    Ok(())
}

fn ms(t0: Instant) -> f64 {
    t0.elapsed().as_secs_f64() * 1000.0
}

/// Lower-case hex of at most `cap` bytes.
pub fn hex(b: &[u8], cap: usize) -> String {
    b.iter().take(cap).map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_layout_matches_the_spec() {
        let b = connection_request(0x0000_000B, None);
        // TPKT(4) + LI(1) + fixed CR(6) + RDP_NEG_REQ(8) = 19 bytes.
        assert_eq!(b.len(), 19);
        assert_eq!(&b[..4], &[0x03, 0x00, 0x00, 0x13]);
        assert_eq!(b[4], 14, "LI counts the bytes after itself");
        assert_eq!(b[5], 0xE0);
        assert_eq!(&b[11..], &[0x01, 0x00, 0x08, 0x00, 0x0B, 0x00, 0x00, 0x00]);
        let c = connection_request(1, Some("rdp probe!"));
        let s = String::from_utf8_lossy(&c);
        assert!(s.contains("Cookie: mstshash=rdpprobe\r\n"));
        assert_eq!(u16::from_be_bytes([c[2], c[3]]) as usize, c.len());
        assert_eq!(c[4] as usize, c.len() - 5);
    }

    #[test]
    fn decodes_response_failure_and_plain_confirm() {
        // CC with RDP_NEG_RSP selecting HYBRID, flags 0x1f.
        let rsp = [
            3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 2, 0x1f, 8, 0, 2, 0, 0, 0,
        ];
        assert_eq!(
            decode_confirm(&rsp),
            Ok(Confirm::Selected {
                protocol: 2,
                flags: 0x1f
            })
        );
        let fail = [3, 0, 0, 19, 14, 0xD0, 0, 0, 0, 0, 0, 3, 0, 8, 0, 5, 0, 0, 0];
        assert_eq!(
            decode_confirm(&fail),
            Ok(Confirm::Failure { code: 5, flags: 0 })
        );
        let plain = [3, 0, 0, 11, 6, 0xD0, 0, 0, 0, 0, 0];
        assert_eq!(decode_confirm(&plain), Ok(Confirm::NoNegotiation));
    }

    #[test]
    fn rejects_garbage_with_a_reason() {
        assert!(decode_confirm(&[0x15, 3, 1, 0, 2, 2, 40])
            .unwrap_err()
            .contains("TLS"));
        assert!(decode_confirm(b"HTTP/1.1 400 Bad")
            .unwrap_err()
            .contains("HTTP"));
        assert!(
            decode_confirm(&[3, 0, 0, 19, 14, 0xE0, 0, 0, 0, 0, 0]).is_err(),
            "length beyond data"
        );
        let wrong_code = [3, 0, 0, 11, 6, 0xF0, 0, 0, 0, 0, 0];
        assert!(decode_confirm(&wrong_code)
            .unwrap_err()
            .contains("Connection Confirm"));
        let bad_len = [3, 0, 0, 19, 14, 0xD0, 0, 0, 0, 0, 0, 2, 0, 9, 0, 1, 0, 0, 0];
        assert!(decode_confirm(&bad_len).is_err());
        let bad_li = [3, 0, 0, 11, 200, 0xD0, 0, 0, 0, 0, 0];
        assert!(decode_confirm(&bad_li).is_err());
        assert!(decode_confirm(&[]).is_err());
    }
}
