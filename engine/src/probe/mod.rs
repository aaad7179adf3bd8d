//! The probe report schema shared by `rdp-probe` (which fills it from the network), the
//! engine (which turns it into findings) and the web app (which displays it). Defined once here.

pub mod keys;

use crate::finding::Finding;
use serde::{Deserialize, Serialize};

/// Schema identifier of the probe report JSON. Bump on incompatible changes.
pub const PROBE_SCHEMA: &str = "rdp-triage.probe/1";

/// What `rdp-probe scan` found about one target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProbeReport {
    pub schema: String,
    pub target: String,
    #[serde(default)]
    pub port: u16,
}

/// Turns a probe report into findings with `probe:*` evidence keys.
pub fn findings(_report: &ProbeReport) -> Vec<Finding> {
    Vec::new()
}
