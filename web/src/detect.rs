//! Recognises what a pasted or dropped item is (certificate, probe report, share link or plain
//! text) and turns binary files into text the engine accepts (base64 DER). Pure functions; the
//! reducer in `state.rs` decides what to do with the result.

use serde::{Deserialize, Serialize};

/// What an evidence item is, which decides where it goes in the engine request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Error dialogs, logs, tool output, the user's own words → `Request.texts`.
    Text,
    /// PEM, base64 DER, PKCS#7 → `Request.certificates`.
    Certificate,
    /// `rdp-probe scan --json` output → `Request.probe`.
    Probe,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "Text",
            Kind::Certificate => "Certificate",
            Kind::Probe => "Probe report",
        }
    }
}

/// Result of looking at one pasted string.
#[derive(Debug, Clone, PartialEq)]
pub enum Detected {
    Item(Kind),
    /// A share link / `rdp-probe --open` link: the payload after `#r=`.
    ShareLink(String),
    /// A file that cannot be used as it is (a binary `.evtx` event log): what it is and what
    /// to give instead. Nothing is added.
    Unreadable(&'static str),
}

/// A binary Windows event log starts with this file signature ("ElfFile" and a NUL).
const EVTX_MAGIC: &[u8] = b"ElfFile\0";

/// What to say about a binary `.evtx` file.
pub const EVTX_MESSAGE: &str = "this is a binary Windows event log (.evtx), which the browser cannot read. Export the events as text and add that instead: in Event Viewer, select the log, choose Save All Events As… and pick Text (Tab delimited) or CSV; or run `wevtutil qe Microsoft-Windows-TerminalServices-RDPClient/Operational /c:50 /rd:true /f:text > rdp-events.txt` (use the log you need) and add rdp-events.txt.";

const PROBE_SCHEMA_TAG: &str = "rdp-triage.probe/1";

/// Decides what a pasted string is. Cheap: looks at the first few kilobytes only, so a 10 MB
/// log is classified in microseconds.
pub fn detect(text: &str) -> Detected {
    let t = text.trim_start();
    let head = prefix(t, 4096);
    if let Some(link) = share_payload(t) {
        return Detected::ShareLink(link);
    }
    if t.starts_with('{') && head.contains("\"schema\"") && head.contains(PROBE_SCHEMA_TAG) {
        return Detected::Item(Kind::Probe);
    }
    if head.contains("-----BEGIN CERTIFICATE-----")
        || head.contains("-----BEGIN PKCS7-----")
        || head.contains("-----BEGIN X509 CERTIFICATE-----")
        || looks_like_base64_der(t)
    {
        return Detected::Item(Kind::Certificate);
    }
    Detected::Item(Kind::Text)
}

/// A single-line paste that is a link (or bare fragment) carrying `#r=…`.
fn share_payload(t: &str) -> Option<String> {
    let t = t.trim_end();
    // The engine's limit (as `state::MAX_SHARE_LINK`): detect does not depend on state.
    if t.len() > engine::share::MAX_ENCODED_LEN || t.contains(char::is_whitespace) {
        return None;
    }
    let frag = &t[t.find('#')? + 1..];
    frag.split('&')
        .find_map(|p| p.strip_prefix("r="))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

/// Base64 DER of a certificate starts with `MII` (SEQUENCE with a two-byte length) and holds
/// only base64 characters.
fn looks_like_base64_der(t: &str) -> bool {
    let t = t.trim_end();
    t.starts_with("MII")
        && t.len() >= 300
        && t.len() <= 1 << 20
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'\r' | b'\n' | b' ')
        })
}

/// Turns the bytes of a dropped or picked file into an item: UTF-8 text is classified like a
/// paste; binary (DER `.cer`, `.p7b`) becomes base64 text for `Request.certificates`.
pub fn from_file_bytes(bytes: &[u8]) -> (String, Detected) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(EVTX_MAGIC) {
        return (String::new(), Detected::Unreadable(EVTX_MESSAGE));
    }
    if let Some(text) = utf16le_text(bytes) {
        let d = detect(&text);
        return (text, d);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.contains('\0') => (s.to_string(), detect(s)),
        _ => (base64(bytes), Detected::Item(Kind::Certificate)),
    }
}

/// Event Viewer "Save as text" on Windows writes UTF-16LE with a BOM.
fn utf16le_text(bytes: &[u8]) -> Option<String> {
    let body = bytes.strip_prefix(b"\xFF\xFE")?;
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// Standard base64 with padding (what the certificate parser accepts as "base64 DER").
pub fn base64(data: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A short human label for an item, from its first meaningful line.
pub fn default_label(kind: Kind, text: &str) -> String {
    match kind {
        Kind::Probe => {
            let target = serde_json::from_str::<serde_json::Value>(prefix(text, 1 << 20))
                .ok()
                .and_then(|v| v.get("target").and_then(|t| t.as_str()).map(str::to_string));
            match target {
                Some(t) if !t.is_empty() => format!("Probe report for {}", prefix(&t, 80)),
                _ => "Probe report".into(),
            }
        }
        // Not "Certificate": the kind badge already says it (a "Certificate Certificate" title).
        Kind::Certificate => {
            let head = prefix(text.trim_start(), 4096);
            if head.contains("-----BEGIN PKCS7-----") {
                "pasted PKCS#7 bundle".into()
            } else if head.contains("-----BEGIN") {
                "pasted PEM text".into()
            } else {
                "pasted base64 text".into()
            }
        }
        Kind::Text => {
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("(empty)");
            let short = prefix(line, 60);
            if short.len() < line.len() {
                format!("{short}…")
            } else {
                short.to_string()
            }
        }
    }
}
