//! The fleet line schema (`rdp-triage.fleet-line/1`): one JSON line per host that
//! `rdp-probe scan --targets FILE` prints. Defined here with the other output types so its JSON
//! Schema (`schemas/fleet-line.schema.json`) is generated from the same source; `rdp-probe`
//! fills it (`probe_helper::fleet::summarize`).

use crate::probe::ProbeReport;
use serde::Serialize;

pub const FLEET_LINE_SCHEMA: &str = "rdp-triage.fleet-line/1";

/// Urgency classes, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    CertExpired,
    CertExpiring,
    Unreachable,
    NotRdp,
    NlaOff,
    LegacyTls,
    Ok,
}

/// One host of a fleet scan, summarised; `probe` is the full probe report when kept.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FleetLine {
    #[schemars(extend("const" = FLEET_LINE_SCHEMA))]
    pub schema: &'static str,
    pub target: String,
    pub port: u16,
    pub urgency: Urgency,
    pub status: String,
    pub cert_not_after: Option<String>,
    pub cert_days_left: Option<i64>,
    pub selected_protocol: Option<String>,
    pub nla_required: Option<bool>,
    pub tls_versions: Vec<String>,
    pub issues: Vec<String>,
    pub duration_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe: Option<ProbeReport>,
}
