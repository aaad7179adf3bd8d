//! The request and report JSON schemas of `diagnose`: the one contract shared by the CLI, the
//! web app and the JS module. Each carries a `schema` version string; bump it on any
//! incompatible change.

use crate::catalog::DecodedCode;
use crate::cert::CertReport;
use crate::finding::{Diagnostic, Finding};
use crate::rank::{QuestionView, RankedCause, RankedFix};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const REQUEST_SCHEMA: &str = "rdp-triage.request/1";
pub const REPORT_SCHEMA: &str = "rdp-triage.report/1";

/// Outcome the user reported for a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixOutcome {
    Failed,
    Worked,
    Skipped,
}

crate::serde_enum::unit_enum!(FixOutcome { Failed = "failed", Worked = "worked", Skipped = "skipped" });

/// Everything known about one failing connection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    #[serde(default)]
    pub schema: String,
    /// Pasted texts (dialogs, logs, tool output, the user's own words).
    #[serde(default)]
    pub texts: Vec<String>,
    /// Certificates as text: PEM, base64 DER or hex (the web app base64-encodes dropped files).
    #[serde(default)]
    pub certificates: Vec<String>,
    /// A probe report (`rdp-triage.probe/1`); kept as raw JSON so another version yields a
    /// diagnostic instead of rejecting the whole request.
    #[serde(default)]
    pub probe: Option<serde_json::Value>,
    /// Answers: question ID → option ID.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Fix feedback: fix ID → outcome.
    #[serde(default)]
    pub feedback: BTreeMap<String, FixOutcome>,
    /// Questions the user chose to skip: never offered as `next_question` (no evidence either way).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub skipped: BTreeSet<String>,
    /// The host name or address the user typed in the RDP client.
    #[serde(default)]
    pub host: Option<String>,
    /// The current time, RFC 3339 (the engine has no clock).
    #[serde(default)]
    pub now: Option<String>,
    /// An organisation's overlay knowledge (same format as the built-in files).
    #[serde(default)]
    pub overlay: Option<serde_json::Value>,
}

/// The answer: what the evidence means, the likely causes and the fixes in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub decoded: Vec<DecodedCode>,
    pub findings: Vec<Finding>,
    pub certificates: Vec<CertReport>,
    pub causes: Vec<RankedCause>,
    pub fixes: Vec<RankedFix>,
    pub next_question: Option<QuestionView>,
    /// Questions already answered (can be changed by the user).
    pub answered: Vec<QuestionView>,
    /// Questions the user skipped (not asked again until removed from `Request.skipped`).
    #[serde(default)]
    pub skipped: Vec<QuestionView>,
    pub diagnostics: Vec<Diagnostic>,
}
