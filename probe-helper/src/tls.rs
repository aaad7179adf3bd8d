//! TLS after the X.224 upgrade. Two jobs:
//! 1. a real handshake with rustls (driven by tokio-rustls) whose certificate verifier accepts anything and records the
//!    chain (we diagnose certificates, we do not trust them; no data is ever sent);
//! 2. version enumeration TLS 1.0–1.3 with hand-built ClientHellos (rustls cannot speak 1.0/1.1),
//!    reading only the ServerHello or alert. For TLS ≤ 1.2 the Certificate message follows in
//!    clear, so the chain can also be captured from servers rustls cannot talk to.
//!
//! Wire facts: RFC 5246 §6.2/§7.4 (records, ClientHello/ServerHello), RFC 8446 §4.1–4.2
//! (supported_versions, key_share, HelloRetryRequest), RFC 6066 §3 (SNI). All reads are capped.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// Most bytes read from a server during one TLS handshake attempt.
pub const MAX_TLS_READ: usize = 256 * 1024;

pub const VERSIONS: [(u16, &str); 4] = [
    (0x0301, "TLS 1.0"),
    (0x0302, "TLS 1.1"),
    (0x0303, "TLS 1.2"),
    (0x0304, "TLS 1.3"),
];

pub fn version_name(v: u16) -> String {
    VERSIONS
        .iter()
        .find(|(n, _)| *n == v)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| match v {
            0x0300 => "SSL 3.0".into(),
            0x0002 => "SSL 2.0".into(),
            _ => format!("0x{v:04x}"),
        })
}

/// Verifier that accepts any server and keeps the chain it was shown.
#[derive(Debug)]
struct Capture {
    chain: Arc<Mutex<Vec<Vec<u8>>>>,
    schemes: Vec<SignatureScheme>,
}

impl ServerCertVerifier for Capture {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut c) = self.chain.lock() {
            c.clear();
            c.push(end_entity.as_ref().to_vec());
            c.extend(intermediates.iter().map(|i| i.as_ref().to_vec()));
        }
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }
    fn verify_tls13_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

/// Outcome of the rustls handshake.
#[derive(Debug, Default, Clone)]
pub struct Handshake {
    pub ok: bool,
    pub version: Option<String>,
    pub cipher_suite: Option<String>,
    pub alert: Option<u8>,
    pub error: Option<String>,
    pub chain: Vec<Vec<u8>>,
    pub ms: f64,
}

/// The TLS connection a successful [`handshake_conn`] leaves open for application data.
pub type Tls<'a> = tokio_rustls::client::TlsStream<Capped<&'a mut TcpStream>>;

/// Runs a full client handshake on `stream` (already upgraded by X.224) within `timeout`.
pub async fn handshake(stream: &mut TcpStream, host: &str, timeout: Duration) -> Handshake {
    let (hs, conn) = handshake_conn(stream, host, timeout).await;
    if let Some(mut tls) = conn {
        // close_notify, then the TCP write side; never waits longer than a moment.
        let _ = tokio::time::timeout(Duration::from_millis(200), tls.shutdown()).await;
    }
    hs
}

/// Like [`handshake`], but keeps the connection open and returns it for application data.
pub async fn handshake_conn<'a>(
    stream: &'a mut TcpStream,
    host: &str,
    timeout: Duration,
) -> (Handshake, Option<Tls<'a>>) {
    let t0 = Instant::now();
    let mut out = Handshake::default();
    let chain = Arc::new(Mutex::new(Vec::new()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let schemes = provider
        .signature_verification_algorithms
        .supported_schemes();
    let config = match rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
    {
        Ok(b) => b
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Capture {
                chain: chain.clone(),
                schemes,
            }))
            .with_no_client_auth(),
        Err(e) => {
            out.error = Some(format!("TLS configuration: {e}"));
            return (out, None);
        }
    };
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let res = tokio::time::timeout(
        timeout,
        connector.connect(server_name(host), Capped::new(stream, MAX_TLS_READ)),
    )
    .await;
    out.ms = t0.elapsed().as_secs_f64() * 1000.0;
    let conn = match res {
        Err(_) => {
            out.error = Some(format!(
                "handshake did not finish within {} ms",
                timeout.as_millis()
            ));
            None
        }
        Ok(Err(e)) => {
            let (alert, msg) = describe_handshake_error(&e);
            out.alert = alert;
            out.error = Some(msg);
            None
        }
        Ok(Ok(tls)) => {
            let (_, conn) = tls.get_ref();
            out.ok = true;
            out.version = conn.protocol_version().map(|v| version_name(u16::from(v)));
            out.cipher_suite = conn
                .negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite()));
            Some(tls)
        }
    };
    out.chain = chain.lock().map(|c| c.clone()).unwrap_or_default();
    (out, conn)
}

/// The alert (if the server sent one) and the wording of a failed handshake: rustls's own
/// message for TLS errors, ours for the connection ending or the read cap.
fn describe_handshake_error(e: &std::io::Error) -> (Option<u8>, String) {
    if let Some(t) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        let alert = match t {
            rustls::Error::AlertReceived(a) => Some(u8::from(*a)),
            _ => None,
        };
        return (alert, t.to_string());
    }
    if e.get_ref().is_some_and(|i| i.is::<OverCap>()) {
        return (
            None,
            format!("server sent more than {MAX_TLS_READ} bytes without finishing the handshake"),
        );
    }
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => (
            None,
            "server closed the connection during the TLS handshake".into(),
        ),
        _ => (None, format!("connection error: {e}")),
    }
}

/// Sends `data` over an established TLS connection and returns the first plaintext the server
/// sends back (at most `cap` bytes), within `timeout`.
pub async fn round_trip(
    tls: &mut Tls<'_>,
    data: &[u8],
    cap: usize,
    timeout: Duration,
) -> Result<Vec<u8>, String> {
    tokio::time::timeout(timeout, async {
        tls.write_all(data)
            .await
            .map_err(|e| format!("send failed: {e}"))?;
        tls.flush().await.map_err(|e| format!("send failed: {e}"))?;
        let mut buf = vec![0u8; cap.max(1)];
        let n = tls.read(&mut buf).await.map_err(|e| {
            if e.get_ref().is_some_and(|i| i.is::<OverCap>()) {
                "server sent too much".to_string()
            } else if let Some(t) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
                t.to_string()
            } else {
                format!("connection error: {e}")
            }
        })?;
        if n == 0 {
            return Err("server closed the connection".to_string());
        }
        buf.truncate(n);
        Ok(buf)
    })
    .await
    .map_err(|_| format!("no answer within {} ms", timeout.as_millis()))?
}

fn server_name(host: &str) -> ServerName<'static> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return ServerName::IpAddress(ip.into());
    }
    ServerName::try_from(bare.to_string())
        .unwrap_or_else(|_| ServerName::IpAddress(std::net::IpAddr::from([0u8, 0, 0, 0]).into()))
}

/// The error a [`Capped`] stream gives once the server has sent more than its cap.
#[derive(Debug)]
pub struct OverCap;

impl std::fmt::Display for OverCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "read cap reached")
    }
}

impl std::error::Error for OverCap {}

/// A stream that refuses to read more than `left` bytes in total (a hostile server cannot
/// make the TLS layer buffer without end); writes pass through.
pub struct Capped<S> {
    inner: S,
    left: usize,
}

impl<S> Capped<S> {
    pub fn new(inner: S, cap: usize) -> Self {
        Capped { inner, left: cap }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Capped<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.left == 0 {
            return Poll::Ready(Err(std::io::Error::other(OverCap)));
        }
        let before = buf.filled().len();
        let res = Pin::new(&mut self.inner).poll_read(cx, buf);
        let got = buf.filled().len() - before;
        self.left = self.left.saturating_sub(got);
        res
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Capped<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, data)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

// ---------------------------------------------------------------------------------------
// Version enumeration with hand-built ClientHellos.

/// What the server answered to a ClientHello for one version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionAnswer {
    pub accepted: bool,
    /// Version the server chose, if it sent a ServerHello.
    pub server_version: Option<u16>,
    pub cipher_suite: Option<u16>,
    pub alert: Option<u8>,
    /// True when the server closed without a ServerHello or alert.
    pub closed: bool,
    pub error: Option<String>,
    /// Certificate chain from a TLS ≤ 1.2 Certificate message, if read.
    pub chain: Vec<Vec<u8>>,
    pub raw_head: Vec<u8>,
}

// ECDHE/AEAD first, then CBC, static RSA and 3DES suites old RDP servers still use.
const LEGACY_SUITES: &[u16] = &[
    0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0xc027, 0xc028, 0xc023, 0xc024, 0xc013, 0xc014,
    0xc009, 0xc00a, 0x009e, 0x009f, 0x0067, 0x006b, 0x0033, 0x0039, 0x009c, 0x009d, 0x003c, 0x003d,
    0x002f, 0x0035, 0x000a, 0x0005, 0x0004, 0x00ff,
];
const TLS13_SUITES: &[u16] = &[0x1301, 0x1302, 0x1303];

/// Builds a ClientHello record offering exactly `version` (0x0301..=0x0304).
pub fn client_hello(
    version: u16,
    host: Option<&str>,
    random: &[u8; 32],
    key_share: &[u8; 32],
) -> Vec<u8> {
    let tls13 = version >= 0x0304;
    let mut body = Vec::with_capacity(512);
    body.extend_from_slice(&(if tls13 { 0x0303u16 } else { version }).to_be_bytes());
    body.extend_from_slice(random);
    if tls13 {
        // Middlebox-compatibility session ID (RFC 8446 D.4).
        body.push(32);
        body.extend_from_slice(key_share);
    } else {
        body.push(0);
    }
    let suites: &[u16] = if tls13 { TLS13_SUITES } else { LEGACY_SUITES };
    body.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for s in suites {
        body.extend_from_slice(&s.to_be_bytes());
    }
    body.extend_from_slice(&[1, 0]); // compression: null
    let mut ext = Vec::new();
    if let Some(h) =
        host.filter(|h| h.parse::<std::net::IpAddr>().is_err() && !h.is_empty() && h.len() < 254)
    {
        let name = h.as_bytes();
        let mut sni = Vec::new();
        sni.extend_from_slice(&((name.len() + 3) as u16).to_be_bytes());
        sni.push(0);
        sni.extend_from_slice(&(name.len() as u16).to_be_bytes());
        sni.extend_from_slice(name);
        push_ext(&mut ext, 0x0000, &sni);
    }
    push_ext(&mut ext, 0x000a, &[0, 6, 0, 0x1d, 0, 0x17, 0, 0x18]); // groups: x25519, P-256, P-384
    push_ext(&mut ext, 0x000b, &[1, 0]); // ec_point_formats: uncompressed
    if version >= 0x0303 {
        let algs: &[u16] = &[
            0x0403, 0x0503, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203,
        ];
        let mut v = ((algs.len() * 2) as u16).to_be_bytes().to_vec();
        for a in algs {
            v.extend_from_slice(&a.to_be_bytes());
        }
        push_ext(&mut ext, 0x000d, &v);
    }
    push_ext(&mut ext, 0xff01, &[0]); // renegotiation_info (empty)
    if tls13 {
        push_ext(&mut ext, 0x002b, &[2, 0x03, 0x04]); // supported_versions: 1.3 only
        let mut ks = Vec::new();
        ks.extend_from_slice(&36u16.to_be_bytes());
        ks.extend_from_slice(&[0x00, 0x1d, 0x00, 0x20]);
        ks.extend_from_slice(key_share);
        push_ext(&mut ext, 0x0033, &ks);
        push_ext(&mut ext, 0x002d, &[1, 1]); // psk_key_exchange_modes: psk_dhe_ke
    }
    body.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    body.extend_from_slice(&ext);
    let mut hs = vec![1u8];
    hs.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    hs.extend_from_slice(&body);
    let mut rec = vec![0x16, 0x03, 0x01];
    rec.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    rec.extend_from_slice(&hs);
    rec
}

fn push_ext(ext: &mut Vec<u8>, ty: u16, data: &[u8]) {
    ext.extend_from_slice(&ty.to_be_bytes());
    ext.extend_from_slice(&(data.len() as u16).to_be_bytes());
    ext.extend_from_slice(data);
}

/// Parses a ServerHello body: (legacy version, cipher suite, supported_versions value).
pub fn parse_server_hello(b: &[u8]) -> Option<(u16, u16, Option<u16>)> {
    let ver = u16::from_be_bytes([*b.first()?, *b.get(1)?]);
    let sid_len = *b.get(34)? as usize;
    let mut p = 35 + sid_len;
    let suite = u16::from_be_bytes([*b.get(p)?, *b.get(p + 1)?]);
    p += 3; // suite + compression
    let mut selected = None;
    if let (Some(h), Some(l)) = (b.get(p), b.get(p + 1)) {
        let ext_len = u16::from_be_bytes([*h, *l]) as usize;
        let exts = b.get(p + 2..(p + 2 + ext_len).min(b.len()))?;
        let mut q = 0;
        while q + 4 <= exts.len() {
            let ty = u16::from_be_bytes([exts[q], exts[q + 1]]);
            let len = u16::from_be_bytes([exts[q + 2], exts[q + 3]]) as usize;
            let data = exts.get(q + 4..q + 4 + len)?;
            if ty == 0x002b && data.len() == 2 {
                selected = Some(u16::from_be_bytes([data[0], data[1]]));
            }
            q += 4 + len;
        }
    }
    Some((ver, suite, selected))
}

/// Parses a TLS ≤ 1.2 Certificate message body into DER certificates.
pub fn parse_certificate_list(b: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let Some(total) = b
        .get(..3)
        .map(|l| u32::from_be_bytes([0, l[0], l[1], l[2]]) as usize)
    else {
        return out;
    };
    let list = b.get(3..(3 + total).min(b.len())).unwrap_or(&[]);
    let mut p = 0;
    while p + 3 <= list.len() && out.len() < 10 {
        let len = u32::from_be_bytes([0, list[p], list[p + 1], list[p + 2]]) as usize;
        match list.get(p + 3..p + 3 + len) {
            Some(c) => out.push(c.to_vec()),
            None => break,
        }
        p += 3 + len;
    }
    out
}

/// Sends a ClientHello for `version` on an upgraded stream and reads the answer: a ServerHello
/// (then, for TLS ≤ 1.2, the Certificate message), an alert, or a close. Bounded by `timeout`
/// and [`MAX_TLS_READ`].
pub async fn check_version(
    stream: &mut TcpStream,
    version: u16,
    host: &str,
    timeout: Duration,
) -> VersionAnswer {
    let mut random = [0u8; 32];
    let mut share = [0u8; 32];
    let _ = getrandom::getrandom(&mut random);
    let _ = getrandom::getrandom(&mut share);
    let hello = client_hello(
        version,
        Some(host.trim_start_matches('[').trim_end_matches(']')),
        &random,
        &share,
    );
    let mut r = ReplyReader::new(version);
    let res = tokio::time::timeout(timeout, async {
        stream
            .write_all(&hello)
            .await
            .map_err(|e| format!("send failed: {e}"))?;
        read_answer(stream, &mut r).await
    })
    .await;
    r.finish(match res {
        Err(_) => Err(format!(
            "no complete answer within {} ms",
            timeout.as_millis()
        )),
        Ok(res) => res,
    })
}

/// Largest TLS record body accepted (2^14 plus the expansion RFC 5246 §6.2.3 allows).
pub const MAX_RECORD: usize = 18432;

/// Whether the answer needs more records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    More,
    Done,
}

/// The I/O-free half of reading a server's answer to one of our ClientHellos: fed one record at
/// a time (by [`check_version`] from the socket, by [`parse_reply`] from bytes), it collects the
/// handshake messages and fills a [`VersionAnswer`].
#[derive(Debug)]
pub struct ReplyReader {
    version: u16,
    hs: Vec<u8>,
    total: usize,
    pub ans: VersionAnswer,
}

impl ReplyReader {
    /// A reader for the answer to a ClientHello offering exactly `version`.
    pub fn new(version: u16) -> Self {
        ReplyReader {
            version,
            hs: Vec::new(),
            total: 0,
            ans: VersionAnswer::default(),
        }
    }

    /// Counts `b` (just received) against [`MAX_TLS_READ`] and keeps the first 64 bytes.
    pub fn received(&mut self, b: &[u8]) -> Result<(), String> {
        self.total += b.len();
        if self.total > MAX_TLS_READ {
            return Err(format!("server sent more than {MAX_TLS_READ} bytes"));
        }
        if self.ans.raw_head.len() < 64 {
            let take = (64 - self.ans.raw_head.len()).min(b.len());
            self.ans.raw_head.extend_from_slice(&b[..take]);
        }
        Ok(())
    }

    /// The body length a 5-byte record header announces, if acceptable.
    pub fn record_len(hdr: &[u8; 5]) -> Result<usize, String> {
        let len = u16::from_be_bytes([hdr[3], hdr[4]]) as usize;
        if len > MAX_RECORD {
            return Err(format!("record length {len} exceeds the TLS maximum"));
        }
        Ok(len)
    }

    /// The server stopped sending before a record header (`why`): fine once a ServerHello
    /// was seen, otherwise the answer was a close.
    pub fn ended(&mut self, why: String) -> Result<(), String> {
        if self.ans.server_version.is_none() && self.ans.alert.is_none() {
            self.ans.closed = true;
        }
        if self.ans.server_version.is_some() {
            Ok(())
        } else {
            Err(why)
        }
    }

    /// Takes one complete record of type `ty`.
    pub fn record(&mut self, ty: u8, body: &[u8]) -> Result<Step, String> {
        match ty {
            0x15 => {
                self.ans.alert = body.get(1).copied();
                return Ok(Step::Done);
            }
            0x16 => self.hs.extend_from_slice(body),
            // ChangeCipherSpec (TLS 1.3 middlebox mode).
            0x14 if self.ans.server_version.is_some() => return Ok(Step::Done),
            t => {
                return Err(format!(
                    "unexpected TLS record type {t} (not a TLS server?)"
                ))
            }
        }
        // Walk complete handshake messages.
        while self.hs.len() >= 4 {
            let mlen = u32::from_be_bytes([0, self.hs[1], self.hs[2], self.hs[3]]) as usize;
            if self.hs.len() < 4 + mlen {
                break;
            }
            let msg: Vec<u8> = self.hs.drain(..4 + mlen).collect();
            match msg[0] {
                2 => {
                    let (legacy, suite, sel) =
                        parse_server_hello(&msg[4..]).ok_or("malformed ServerHello")?;
                    let chosen = sel.unwrap_or(legacy);
                    self.ans.server_version = Some(chosen);
                    self.ans.cipher_suite = Some(suite);
                    self.ans.accepted = chosen == self.version;
                    if chosen >= 0x0304 || !self.ans.accepted {
                        return Ok(Step::Done); // the rest is encrypted, or we learned enough
                    }
                }
                11 => {
                    self.ans.chain = parse_certificate_list(&msg[4..]);
                    return Ok(Step::Done);
                }
                14 => return Ok(Step::Done), // ServerHelloDone without a certificate
                _ => {}
            }
        }
        Ok(Step::More)
    }

    /// The answer, with `res` (how reading ended) recorded as its error.
    pub fn finish(mut self, res: Result<(), String>) -> VersionAnswer {
        if let Err(e) = res {
            self.ans.error = Some(e);
        }
        self.ans
    }
}

/// Parses `bytes`, everything a server sent after a ClientHello offering `version`, the way
/// [`check_version`] reads them from a socket (same limits; the end of `bytes` counts as the
/// server closing the connection).
pub fn parse_reply(bytes: &[u8], version: u16) -> VersionAnswer {
    let mut r = ReplyReader::new(version);
    let mut rest = bytes;
    let res = loop {
        let Some((hdr, tail)) = rest.split_first_chunk::<5>() else {
            break r.ended("server closed the connection".into());
        };
        if let Err(e) = r.received(hdr) {
            break r.ended(e);
        }
        let len = match ReplyReader::record_len(hdr) {
            Ok(l) => l,
            Err(e) => break Err(e),
        };
        let Some(body) = tail.get(..len) else {
            break Err("server closed the connection".into());
        };
        if let Err(e) = r.received(body) {
            break Err(e);
        }
        rest = &tail[len..];
        match r.record(hdr[0], body) {
            Ok(Step::More) => {}
            Ok(Step::Done) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    r.finish(res)
}

async fn read_answer(stream: &mut TcpStream, r: &mut ReplyReader) -> Result<(), String> {
    loop {
        let mut hdr = [0u8; 5];
        if let Err(e) = read_exact_counted(stream, &mut hdr, r).await {
            return r.ended(e);
        }
        let len = ReplyReader::record_len(&hdr)?;
        let mut body = vec![0u8; len];
        read_exact_counted(stream, &mut body, r).await?;
        if r.record(hdr[0], &body)? == Step::Done {
            return Ok(());
        }
    }
}

async fn read_exact_counted(
    stream: &mut TcpStream,
    buf: &mut [u8],
    r: &mut ReplyReader,
) -> Result<(), String> {
    if r.total + buf.len() > MAX_TLS_READ {
        return Err(format!("server sent more than {MAX_TLS_READ} bytes"));
    }
    match stream.read_exact(buf).await {
        Ok(_) => r.received(buf),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err("server closed the connection".into())
        }
        Err(e) => Err(format!("connection error: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_is_well_formed() {
        for (v, _) in VERSIONS {
            let h = client_hello(v, Some("rdp.example"), &[7; 32], &[9; 32]);
            assert_eq!(h[0], 0x16);
            assert_eq!(u16::from_be_bytes([h[3], h[4]]) as usize, h.len() - 5);
            assert_eq!(h[5], 1, "ClientHello");
            let body_len = u32::from_be_bytes([0, h[6], h[7], h[8]]) as usize;
            assert_eq!(body_len, h.len() - 9);
            let legacy = u16::from_be_bytes([h[9], h[10]]);
            assert_eq!(legacy, v.min(0x0303));
            assert!(h.windows(11).any(|w| w == b"rdp.example"), "SNI present");
        }
        let h = client_hello(0x0302, Some("10.0.0.1"), &[0; 32], &[0; 32]);
        assert!(!h.windows(8).any(|w| w == b"10.0.0.1"), "no SNI for an IP");
    }

    #[test]
    fn server_hello_and_certificate_parse() {
        // legacy 0x0303, random, sid len 0, suite 0x1301, compression 0, ext supported_versions 0x0304
        let mut sh = vec![0x03, 0x03];
        sh.extend_from_slice(&[1; 32]);
        sh.push(0);
        sh.extend_from_slice(&[0x13, 0x01, 0x00]);
        sh.extend_from_slice(&[0x00, 0x06, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04]);
        assert_eq!(
            parse_server_hello(&sh),
            Some((0x0303, 0x1301, Some(0x0304)))
        );
        assert_eq!(parse_server_hello(&sh[..20]), None);
        let certs = [0, 0, 10, 0, 0, 2, 0xAA, 0xBB, 0, 0, 2, 0xCC, 0xDD];
        assert_eq!(
            parse_certificate_list(&certs),
            vec![vec![0xAA, 0xBB], vec![0xCC, 0xDD]]
        );
        assert!(parse_certificate_list(&[0, 0, 9, 0, 0, 99, 1]).is_empty());
    }
}
