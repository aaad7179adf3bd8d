//! The probe report schema shared by `rdp-probe` (which fills it from the network), the
//! engine (which turns it into findings) and the web app (which displays it). Defined once here.
//!
//! Every field has a serde default so that a partial report (a scan cut short by its timeout,
//! an older helper, a hand-edited file) still parses; missing steps simply yield no findings.
//! Times are passed in by the probe (RFC 3339 strings); the engine never reads a clock.

pub mod findings;
pub mod keys;
pub mod nego;

use serde::{Deserialize, Serialize};

pub use findings::{analyze_value, findings, ProbeAnalysis};

/// Schema identifier of the probe report JSON. Bump on incompatible changes.
pub const PROBE_SCHEMA: &str = "rdp-triage.probe/1";

/// What `rdp-probe scan` found about one target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct ProbeReport {
    #[schemars(extend("const" = PROBE_SCHEMA))]
    pub schema: String,
    /// The host name or address as the user gave it.
    pub target: String,
    pub port: u16,
    /// RFC 3339 start and end of the scan (from the probe's clock).
    pub started: String,
    pub finished: String,
    pub duration_ms: u64,
    /// The overall time budget the scan ran with.
    pub timeout_ms: u64,
    /// True when the overall budget ran out before every step finished.
    pub timed_out: bool,
    /// Version of the tool that wrote the report, e.g. `rdp-probe 0.1.0`.
    pub tool: String,
    pub dns: Option<DnsStep>,
    /// One entry per resolved address.
    pub tcp: Vec<TcpProbe>,
    /// X.224 negotiation attempts (each on its own TCP connection).
    pub negotiation: Vec<NegAttempt>,
    pub tls: Option<TlsStep>,
    pub ntlm: Option<NtlmInfo>,
    /// Standard RDP Security: server version and the encryption methods it accepts (one MCS
    /// Connect Initial per method). Absent when the server does not accept legacy RDP Security.
    pub rdp_security: Option<RdpSecurity>,
    /// Wall-clock time of each step.
    pub steps: Vec<StepTiming>,
    /// Problems of the probe itself (not of the server), in words.
    pub errors: Vec<String>,
}

/// Name resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct DnsStep {
    /// Every A/AAAA address, in resolver order.
    pub addresses: Vec<String>,
    pub duration_ms: f64,
    /// True when the target was already an IP address (no lookup done).
    pub literal: bool,
    /// True when an address is loopback or one of this machine's own addresses.
    pub resolves_to_self: bool,
    /// PTR names of the addresses (deduplicated).
    pub reverse_names: Vec<String>,
    pub error: Option<String>,
}

/// How a TCP connect failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TcpErrorKind {
    /// RST in answer to SYN: host up, nothing listening (or a firewall rejecting).
    Refused,
    /// No answer within the step timeout: filtered, or host down.
    Timeout,
    /// ICMP unreachable / no route.
    Unreachable,
    /// Connection reset after it was established.
    Reset,
    Other,
}

/// One TCP connect attempt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct TcpAttempt {
    pub ok: bool,
    pub ms: f64,
    pub error_kind: Option<TcpErrorKind>,
    /// The raw OS error number (errno on Unix, WSA error on Windows).
    pub os_error: Option<i32>,
    pub error: Option<String>,
}

/// TCP reachability of one address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct TcpProbe {
    pub address: String,
    pub attempts: Vec<TcpAttempt>,
    /// Median connect time of the successful attempts.
    pub latency_ms: Option<f64>,
    /// Max minus min connect time of the successful attempts.
    pub jitter_ms: Option<f64>,
}

impl TcpProbe {
    pub fn any_ok(&self) -> bool {
        self.attempts.iter().any(|a| a.ok)
    }
}

/// What came back for one X.224 Connection Request.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum NegOutcome {
    /// Connection Confirm with RDP_NEG_RSP: a protocol was selected.
    Selected,
    /// Connection Confirm with RDP_NEG_FAILURE.
    Failure,
    /// The server closed (FIN or RST) without a reply.
    Closed,
    /// Nothing came back within the step timeout.
    #[default]
    NoReply,
    /// Bytes came back but they are not a valid TPKT/X.224 Connection Confirm.
    Malformed,
    /// A Connection Confirm without negotiation data: the server only knows Standard RDP
    /// Security (pre-negotiation servers such as Windows XP/2003).
    ConfirmWithoutNegotiation,
    /// The TCP connection for this attempt could not be opened.
    ConnectFailed,
}

/// One X.224 negotiation attempt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct NegAttempt {
    /// Short label of the offer: `ssl-hybrid-hybridex`, `ssl-only`, `rdp-only`.
    pub label: String,
    pub address: String,
    /// requestedProtocols bit mask sent.
    pub offered: u32,
    /// selectedProtocol from RDP_NEG_RSP.
    pub selected: Option<u32>,
    /// Flags byte of RDP_NEG_RSP or RDP_NEG_FAILURE.
    pub flags: Option<u8>,
    /// failureCode from RDP_NEG_FAILURE.
    pub failure_code: Option<u32>,
    pub outcome: NegOutcome,
    /// The reply bytes exactly as received (capped), lower-case hex.
    pub raw_reply_hex: String,
    /// Time from sending the request to the reply (or to the close/timeout).
    pub ms: f64,
    pub error: Option<String>,
}

/// Whether the server accepted one TLS version.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum VersionState {
    /// The server answered with a ServerHello for exactly this version.
    Accepted,
    /// The server answered with an alert, another version, or closed after the ClientHello.
    Refused,
    /// The check could not run (connect failed, X.224 refused TLS, timeout).
    Error,
    #[default]
    NotTested,
}

/// Per-version acceptance, TLS 1.0 to 1.3.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(default)]
pub struct TlsVersions {
    pub tls1_0: VersionState,
    pub tls1_1: VersionState,
    pub tls1_2: VersionState,
    pub tls1_3: VersionState,
}

impl TlsVersions {
    /// (label, state) in ascending version order.
    pub fn list(&self) -> [(&'static str, VersionState); 4] {
        [
            ("TLS 1.0", self.tls1_0),
            ("TLS 1.1", self.tls1_1),
            ("TLS 1.2", self.tls1_2),
            ("TLS 1.3", self.tls1_3),
        ]
    }
}

/// Detail of one version check (the raw evidence behind [`TlsVersions`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct VersionCheck {
    /// `TLS 1.0` … `TLS 1.3`.
    pub version: String,
    pub state: VersionState,
    /// TLS alert description number, if the server sent one.
    pub alert: Option<u8>,
    /// The version in the ServerHello, if one came back (e.g. `TLS 1.2`).
    pub server_version: Option<String>,
    /// The cipher suite the server chose, hex (e.g. `0xc030`).
    pub cipher_suite: Option<String>,
    pub ms: f64,
    pub error: Option<String>,
    /// First bytes of the server's answer, hex (capped).
    pub raw_reply_hex: String,
}

/// The TLS handshake after the X.224 upgrade.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct TlsStep {
    /// True when a handshake was tried at all.
    pub attempted: bool,
    /// `x224-upgrade` (the RDP way) or `raw-tls` (labelled fallback, nmap style).
    pub method: String,
    /// The protocol the X.224 exchange selected before TLS started.
    pub selected_protocol: Option<u32>,
    pub ok: bool,
    /// Negotiated version, e.g. `TLS 1.2`.
    pub version: Option<String>,
    pub cipher_suite: Option<String>,
    /// TLS alert description number received on failure.
    pub alert: Option<u8>,
    pub error: Option<String>,
    pub ms: f64,
    /// The certificate chain as sent by the server (leaf first), base64 DER.
    pub chain_der_base64: Vec<String>,
    pub versions: TlsVersions,
    pub version_checks: Vec<VersionCheck>,
}

impl TlsStep {
    /// The server's own (leaf) certificate, if one was captured.
    pub fn leaf_certificate_base64(&self) -> Option<&str> {
        self.chain_der_base64.first().map(String::as_str)
    }
}

/// What the NTLM challenge inside CredSSP revealed (optional step).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct NtlmInfo {
    pub ok: bool,
    pub target_name: Option<String>,
    pub netbios_computer: Option<String>,
    pub netbios_domain: Option<String>,
    pub dns_computer: Option<String>,
    pub dns_domain: Option<String>,
    pub dns_tree: Option<String>,
    /// e.g. `10.0.17763`.
    pub product_version: Option<String>,
    /// Server clock from the challenge, RFC 3339.
    pub server_time: Option<String>,
    /// Server clock minus probe clock, seconds.
    pub clock_skew_s: Option<i64>,
    pub error: Option<String>,
    pub raw_reply_hex: String,
}

/// What the server said about Standard RDP Security (MS-RDPBCGR 2.2.1.4: MCS Connect Response
/// carrying TS_UD_SC_CORE and TS_UD_SC_SEC1), one attempt per client encryption method.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct RdpSecurity {
    /// TS_UD_SC_CORE.version, e.g. 0x00080004 (RDP 5.0 to 8.1).
    pub server_version: Option<u32>,
    /// Readable name of `server_version`, e.g. `RDP 5.0-8.1`.
    pub version_name: Option<String>,
    /// One entry per method offered: 40-bit, 56-bit, 128-bit, FIPS.
    pub methods: Vec<RdpMethodCheck>,
    /// First bytes of one server reply (capped), lower-case hex.
    pub raw_reply_hex: String,
    pub error: Option<String>,
}

impl RdpSecurity {
    /// The methods the server accepted, by label.
    pub fn accepted(&self) -> Vec<&str> {
        self.methods
            .iter()
            .filter(|m| m.accepted)
            .map(|m| m.method.as_str())
            .collect()
    }
}

/// One MCS Connect Initial offering a single encryption method.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct RdpMethodCheck {
    /// `40-bit`, `56-bit`, `128-bit` or `fips`.
    pub method: String,
    /// True when the server's TS_UD_SC_SEC1.encryptionMethod is the method offered.
    pub accepted: bool,
    /// TS_UD_SC_SEC1.encryptionMethod the server chose (0 = none).
    pub selected_method: Option<u32>,
    /// TS_UD_SC_SEC1.encryptionLevel (0 none, 1 low, 2 client-compatible, 3 high, 4 FIPS).
    pub encryption_level: Option<u32>,
    pub ms: f64,
    pub error: Option<String>,
}

/// Wall-clock time of one step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct StepTiming {
    pub step: String,
    pub ms: f64,
    /// `ok`, `failed`, `timeout`, `skipped`.
    pub status: String,
}

impl ProbeReport {
    /// An empty report for `target:port` with the schema set.
    pub fn new(target: &str, port: u16) -> Self {
        ProbeReport {
            schema: PROBE_SCHEMA.to_string(),
            target: target.to_string(),
            port,
            ..Default::default()
        }
    }

    /// The captured leaf certificate (base64 DER), if any.
    pub fn leaf_certificate_base64(&self) -> Option<&str> {
        self.tls.as_ref().and_then(TlsStep::leaf_certificate_base64)
    }

    /// True when at least one TCP connect to the port succeeded.
    pub fn tcp_reachable(&self) -> bool {
        self.tcp.iter().any(TcpProbe::any_ok)
    }
}
