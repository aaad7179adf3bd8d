//! The code catalog: every RDP error number a user can meet, with its official name, a
//! plain-language meaning, the side it points to and a source. The data lives in
//! `engine/data/codes/*.json` (one file per code space), compiled in by `engine/build.rs`.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The code spaces. Each has its own evidence-key prefix.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
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
    /// FreeRDP ERRCONNECT_* name. Key `freerdp:NAME`. (FreeRDP's ERRINFO_* names are the
    /// `Extended` space: `ERRINFO_SERVER_DENIED_CONNECTION` feeds `ext:0x7`.)
    Freerdp,
    /// requestedProtocols / selectedProtocol flag value. Key `proto:0x…`. (Added.)
    Protocol,
    /// NTSTATUS from a CredSSP TSRequest (FreeRDP logs). Key `ntstatus:0x…` (8 hex digits). (Added.)
    Ntstatus,
    /// xfreerdp process exit code. Key `xfexit:N` (decimal). (Added.)
    FreerdpExit,
}

impl CodeSpace {
    pub const ALL: [CodeSpace; 10] = [
        CodeSpace::Disconnect,
        CodeSpace::Extended,
        CodeSpace::NegFailure,
        CodeSpace::Hresult,
        CodeSpace::TlsAlert,
        CodeSpace::Event,
        CodeSpace::Freerdp,
        CodeSpace::Protocol,
        CodeSpace::Ntstatus,
        CodeSpace::FreerdpExit,
    ];

    pub fn prefix(self) -> &'static str {
        match self {
            CodeSpace::Disconnect => "disc",
            CodeSpace::Extended => "ext",
            CodeSpace::NegFailure => "neg",
            CodeSpace::Hresult => "hresult",
            CodeSpace::TlsAlert => "alert",
            CodeSpace::Event => "event",
            CodeSpace::Freerdp => "freerdp",
            CodeSpace::Protocol => "proto",
            CodeSpace::Ntstatus => "ntstatus",
            CodeSpace::FreerdpExit => "xfexit",
        }
    }

    /// True for spaces whose numbers are written in decimal (`alert:48`, `event:1058`).
    pub fn is_decimal(self) -> bool {
        matches!(
            self,
            CodeSpace::TlsAlert | CodeSpace::Event | CodeSpace::FreerdpExit
        )
    }

    /// How a code of this space is written for people (`0x904`, `0x80090327`, `36888`).
    pub fn display(self, code: u32) -> String {
        match self {
            s if s.is_decimal() => code.to_string(),
            CodeSpace::Hresult | CodeSpace::Ntstatus | CodeSpace::Freerdp => {
                format!("0x{code:08X}")
            }
            _ => format!("0x{code:X}"),
        }
    }

    /// A short label for titles ("Error code", "Extended error code", …).
    pub fn label(self) -> &'static str {
        match self {
            CodeSpace::Disconnect => "Error code",
            CodeSpace::Extended => "Extended error code",
            CodeSpace::NegFailure => "Negotiation failure",
            CodeSpace::Hresult => "Status code",
            CodeSpace::TlsAlert => "TLS alert",
            CodeSpace::Event => "Event",
            CodeSpace::Freerdp => "FreeRDP error",
            CodeSpace::Protocol => "Security protocol",
            CodeSpace::Ntstatus => "NTSTATUS",
            CodeSpace::FreerdpExit => "xfreerdp exit code",
        }
    }
}

/// Which side of the connection a code points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
    Network,
    Either,
}

/// How well a meaning is established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    /// Other official names (e.g. the ActiveX `exDiscReason…` name of an ERRINFO code). (Added.)
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<String>,
    /// Event provider (events only). (Added.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub provider: Option<String>,
    /// Message template with `{placeholders}` (events only, where known). (Added.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub template: Option<String>,
    /// xfreerdp exit code for a FreeRDP ERRCONNECT error. (Added.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub exit_code: Option<u32>,
    /// The evidence key of the message this code stands for (`msg:gateway`): a code whose
    /// documented meaning is a dialog the parser already reads is weighed as that dialog, so
    /// the knowledge base needs no likelihoods of its own for it and a paste holding both the
    /// dialog and its code counts once. (Added.)
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reads_as: Option<String>,
}

impl CodeEntry {
    /// The evidence key this entry feeds to the knowledge base: its `reads_as` key when it has
    /// one, else its own.
    pub fn evidence_key(&self) -> String {
        match &self.reads_as {
            Some(key) => key.clone(),
            None => evidence_key(self.space, self.code, &self.name),
        }
    }
}

/// Builds the evidence key for a code.
pub fn evidence_key(space: CodeSpace, code: u32, name: &str) -> String {
    match space {
        s if s.is_decimal() => format!("{}:{}", space.prefix(), code),
        CodeSpace::Hresult | CodeSpace::Ntstatus => format!("{}:0x{code:08x}", space.prefix()),
        CodeSpace::Freerdp if !name.is_empty() => format!("freerdp:{name}"),
        CodeSpace::Freerdp => format!("freerdp:0x{code:08x}"),
        _ => format!("{}:0x{code:x}", space.prefix()),
    }
}

/// The catalog as `engine/build.rs` compiles it: records separated by U+001E, fields by U+001F,
/// aliases by U+001D (see `catalog()` in build.rs for the field order).
static DATA: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.txt"));

/// One record of [`DATA`] as an entry (None for a malformed record, which build.rs prevents).
fn entry(record: &str) -> Option<CodeEntry> {
    let mut f = record.split('\u{1f}');
    let mut next = || f.next();
    let index = |s: Option<&str>| s.and_then(|s| s.parse::<usize>().ok());
    let opt = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    Some(CodeEntry {
        space: *CodeSpace::ALL.get(index(next())?)?,
        code: next()?.parse().ok()?,
        name: next()?.to_string(),
        meaning: next()?.to_string(),
        side: *[Side::Client, Side::Server, Side::Network, Side::Either].get(index(next())?)?,
        status: *[Status::Documented, Status::Observed].get(index(next())?)?,
        source: next()?.to_string(),
        aliases: next()?
            .split('\u{1d}')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        provider: opt(next()),
        template: opt(next()),
        exit_code: next()?.parse().ok(),
        reads_as: opt(next()),
    })
}

/// The data files, one per code space (read by the tests; `build.rs` compiles them in).
#[cfg(test)]
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "disconnect.json",
        include_str!("../../data/codes/disconnect.json"),
    ),
    (
        "extended.json",
        include_str!("../../data/codes/extended.json"),
    ),
    (
        "negotiation.json",
        include_str!("../../data/codes/negotiation.json"),
    ),
    (
        "protocols.json",
        include_str!("../../data/codes/protocols.json"),
    ),
    (
        "hresult.json",
        include_str!("../../data/codes/hresult.json"),
    ),
    (
        "ntstatus.json",
        include_str!("../../data/codes/ntstatus.json"),
    ),
    ("alerts.json", include_str!("../../data/codes/alerts.json")),
    ("events.json", include_str!("../../data/codes/events.json")),
    (
        "freerdp.json",
        include_str!("../../data/codes/freerdp.json"),
    ),
    (
        "xfreerdp-exit.json",
        include_str!("../../data/codes/xfreerdp-exit.json"),
    ),
];

/// The source keys (`[AX-DISC]`, …) with what they point to.
pub const SOURCES_JSON: &str = include_str!("../../data/codes/sources.json");

/// Parses a number written as `0x…` hex or decimal.
pub fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim();
    if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u32::from_str_radix(h, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// The parsed catalog plus its lookup indexes, built once.
struct Catalog {
    entries: Vec<CodeEntry>,
    /// (space, code) -> entry index, sorted for binary search.
    by_code: Vec<((CodeSpace, u32), usize)>,
    /// Official names and aliases (upper case) -> entry index, sorted.
    by_name: Vec<(String, usize)>,
    /// Every evidence key the catalog produces, sorted.
    keys: Vec<String>,
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let entries: Vec<CodeEntry> = DATA
            .split('\u{1e}')
            .filter(|r| !r.is_empty())
            .filter_map(entry)
            .collect();
        let mut by_code: Vec<_> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| ((e.space, e.code), i))
            .collect();
        by_code.sort_by_key(|&(k, _)| k);
        let mut by_name = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            // Only real identifiers are names (placeholders such as "(internal error)" are not).
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                if n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    by_name.push((n.to_ascii_uppercase(), i));
                }
            }
        }
        by_name.sort_unstable();
        let mut keys: Vec<String> = entries.iter().map(|e| e.evidence_key()).collect();
        keys.sort_unstable();
        keys.dedup();
        Catalog {
            entries,
            by_code,
            by_name,
            keys,
        }
    })
}

/// The whole catalog, parsed once.
pub fn all() -> &'static [CodeEntry] {
    &catalog().entries
}

/// Looks a code up in one space.
pub fn lookup(space: CodeSpace, code: u32) -> Option<&'static CodeEntry> {
    let c = catalog();
    c.by_code
        .binary_search_by(|(k, _)| k.cmp(&(space, code)))
        .ok()
        .map(|i| &c.entries[c.by_code[i].1])
}

/// Looks an official name up (`ERRINFO_SERVER_DENIED_CONNECTION`, `SEC_E_CERT_UNKNOWN`,
/// `HYBRID_REQUIRED_BY_SERVER`, `exDiscReasonServerDeniedConnection`; case-insensitive).
/// Returns the first entry with that name in catalog order.
pub fn lookup_name(name: &str) -> Option<&'static CodeEntry> {
    let c = catalog();
    let upper = name.to_ascii_uppercase();
    let i = c
        .by_name
        .partition_point(|(n, _)| n.as_str() < upper.as_str());
    match c.by_name.get(i) {
        Some((n, idx)) if *n == upper => Some(&c.entries[*idx]),
        _ => None,
    }
}

/// Looks a name up within one space.
pub fn lookup_name_in(space: CodeSpace, name: &str) -> Option<&'static CodeEntry> {
    let c = catalog();
    let upper = name.to_ascii_uppercase();
    let i = c
        .by_name
        .partition_point(|(n, _)| n.as_str() < upper.as_str());
    c.by_name[i..]
        .iter()
        .take_while(|(n, _)| *n == upper)
        .map(|(_, idx)| &c.entries[*idx])
        .find(|e| e.space == space)
}

/// True when the catalog can produce this evidence key.
pub fn evidence_key_exists(key: &str) -> bool {
    catalog()
        .keys
        .binary_search_by(|k| k.as_str().cmp(key))
        .is_ok()
}

/// A decoded code as shown in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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
    let display = match lookup(space, code) {
        Some(e) if space == CodeSpace::Freerdp => e.name.clone(),
        _ => space.display(code),
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
            meaning: format!(
                "Unrecognised code {display}: not in the catalog of documented or observed values."
            ),
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
mod tests;
