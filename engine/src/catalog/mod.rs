//! The code catalog: every RDP error number a user can meet, with its official name, a
//! plain-language meaning, the side it points to and a source. The data lives in
//! `engine/data/codes/*.json` (one file per code space), embedded at build time.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The code spaces. Each has its own evidence-key prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeSpace {
    /// mstsc "Error code" (IMsTscAxEvents::OnDisconnected discReason). Key `disc:0x…`.
    Disconnect,
    /// mstsc "Extended error code" = ERRINFO. Key `ext:0x…`.
    Extended,
    /// RDP_NEG_FAILURE failureCode. Key `neg:0x…`.
    NegFailure,
    /// HRESULT / SSPI status. Key `hresult:0x…` (8 hex digits).
    Hresult,
    /// TLS alert description number. Key `alert:N` (decimal).
    TlsAlert,
    /// Windows event ID. Key `event:N` (decimal).
    Event,
    /// FreeRDP ERRCONNECT_*/ERRINFO_* name. Key `freerdp:NAME`.
    Freerdp,
}

impl CodeSpace {
    pub fn prefix(self) -> &'static str {
        match self {
            CodeSpace::Disconnect => "disc",
            CodeSpace::Extended => "ext",
            CodeSpace::NegFailure => "neg",
            CodeSpace::Hresult => "hresult",
            CodeSpace::TlsAlert => "alert",
            CodeSpace::Event => "event",
            CodeSpace::Freerdp => "freerdp",
        }
    }
}

/// Which side of the connection a code points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
    Network,
    Either,
}

/// How well a meaning is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Defined by Microsoft documentation, MS-RDPBCGR or FreeRDP source.
    Documented,
    /// Seen in the wild with a consistent meaning, not officially defined.
    Observed,
}

/// One catalog entry as stored in the data files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEntry {
    pub space: CodeSpace,
    /// Numeric value (for `freerdp`, the composed class<<16|code number).
    pub code: u32,
    pub name: String,
    pub meaning: String,
    pub side: Side,
    pub status: Status,
    pub source: String,
}

impl CodeEntry {
    /// The evidence key this entry feeds to the knowledge base.
    pub fn evidence_key(&self) -> String {
        evidence_key(self.space, self.code, &self.name)
    }
}

/// Builds the evidence key for a code.
pub fn evidence_key(space: CodeSpace, code: u32, name: &str) -> String {
    match space {
        CodeSpace::TlsAlert | CodeSpace::Event => format!("{}:{}", space.prefix(), code),
        CodeSpace::Hresult => format!("hresult:0x{code:08x}"),
        CodeSpace::Freerdp => format!("freerdp:{name}"),
        _ => format!("{}:0x{code:x}", space.prefix()),
    }
}

#[derive(Deserialize)]
struct CodeFile {
    space: CodeSpace,
    entries: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    code: String,
    name: String,
    meaning: String,
    side: Side,
    status: Status,
    source: String,
}

/// The embedded data files, one per code space.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("disconnect.json", include_str!("../../data/codes/disconnect.json")),
    ("extended.json", include_str!("../../data/codes/extended.json")),
];

/// Parses a number written as `0x…` hex or decimal.
pub fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u32::from_str_radix(h, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// The whole catalog, parsed once.
pub fn all() -> &'static [CodeEntry] {
    static CATALOG: OnceLock<Vec<CodeEntry>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut out = Vec::new();
        for (_, text) in FILES {
            // The data is checked by tests; a broken file would fail them, never the user.
            if let Ok(file) = serde_json::from_str::<CodeFile>(text) {
                for e in file.entries {
                    if let Some(code) = parse_number(&e.code) {
                        out.push(CodeEntry {
                            space: file.space,
                            code,
                            name: e.name,
                            meaning: e.meaning,
                            side: e.side,
                            status: e.status,
                            source: e.source,
                        });
                    }
                }
            }
        }
        out
    })
}

/// Looks a code up in one space.
pub fn lookup(space: CodeSpace, code: u32) -> Option<&'static CodeEntry> {
    all().iter().find(|e| e.space == space && e.code == code)
}

/// True when the catalog can produce this evidence key.
pub fn evidence_key_exists(key: &str) -> bool {
    all().iter().any(|e| e.evidence_key() == key)
}

/// A decoded code as shown in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecodedCode {
    pub space: CodeSpace,
    pub code: u32,
    /// The code as people write it (`0x904`, `36888`, `ERRCONNECT_…`).
    pub display: String,
    /// `None` when the code is not in the catalog ("unrecognised code").
    pub name: Option<String>,
    pub meaning: String,
    pub side: Option<Side>,
    pub status: Option<Status>,
    pub source: Option<String>,
    pub evidence: String,
}

/// Decodes a number in a space; unknown codes are kept as explicit "unrecognised" entries.
pub fn decode(space: CodeSpace, code: u32) -> DecodedCode {
    let display = match space {
        CodeSpace::TlsAlert | CodeSpace::Event => code.to_string(),
        CodeSpace::Hresult => format!("0x{code:08X}"),
        _ => format!("0x{code:X}"),
    };
    match lookup(space, code) {
        Some(e) => DecodedCode {
            space,
            code,
            display,
            name: Some(e.name.clone()),
            meaning: e.meaning.clone(),
            side: Some(e.side),
            status: Some(e.status),
            source: Some(e.source.clone()),
            evidence: e.evidence_key(),
        },
        None => DecodedCode {
            space,
            code,
            meaning: format!("Unrecognised code {display}: not in the catalog of documented or observed values."),
            display,
            name: None,
            side: None,
            status: None,
            source: None,
            evidence: evidence_key(space, code, ""),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_0x904_and_ext_0x7() {
        let d = decode(CodeSpace::Disconnect, 0x904);
        assert_eq!(d.name.as_deref(), Some("disconnectReasonAtClientWinsockFDCLOSE"));
        let e = decode(CodeSpace::Extended, 7);
        assert_eq!(e.name.as_deref(), Some("ERRINFO_SERVER_DENIED_CONNECTION"));
        assert_eq!(e.evidence, "ext:0x7");
    }

    #[test]
    fn unknown_code_is_kept_and_marked() {
        let d = decode(CodeSpace::Disconnect, 0x3208);
        assert!(d.name.is_none());
        assert!(d.meaning.contains("Unrecognised code 0x3208"));
    }

    #[test]
    fn every_data_file_parses_completely() {
        for (name, text) in FILES {
            let v: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let n = v["entries"].as_array().map(|a| a.len()).unwrap_or(0);
            let parsed = all().iter().filter(|e| e.space == serde_json::from_value::<CodeSpace>(v["space"].clone()).unwrap()).count();
            assert_eq!(n, parsed, "{name}: every entry must parse");
        }
    }
}
