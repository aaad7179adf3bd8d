//! The request and report JSON schemas of `diagnose`: the one contract shared by the CLI, the
//! web app and the JS module. Each carries a `schema` version string; bump it on any
//! incompatible change.

use crate::catalog::DecodedCode;
use crate::cert::CertReport;
use crate::finding::{Diagnostic, Finding};
use crate::rank::{QuestionView, RankedCause, RankedFix};
use crate::strmap::{StrMap, StrSet};
use serde::Serialize;

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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Request {
    pub schema: String,
    /// Pasted texts (dialogs, logs, tool output, the user's own words).
    pub texts: Vec<String>,
    /// Certificates as text: PEM, base64 DER or hex (the web app base64-encodes dropped files).
    pub certificates: Vec<String>,
    /// A probe report (`rdp-triage.probe/1`); kept as raw JSON so another version yields a
    /// diagnostic instead of rejecting the whole request.
    pub probe: Option<crate::json::Json>,
    /// Answers: question ID → option ID.
    pub answers: StrMap<String>,
    /// Fix feedback: fix ID → outcome.
    pub feedback: StrMap<FixOutcome>,
    /// Questions the user chose to skip: never offered as `next_question` (no evidence either way).
    #[serde(skip_serializing_if = "StrSet::is_empty")]
    pub skipped: StrSet,
    /// The host name or address the user typed in the RDP client.
    pub host: Option<String>,
    /// The current time, RFC 3339 (the engine has no clock).
    pub now: Option<String>,
    /// An organisation's overlay knowledge (same format as the built-in files).
    pub overlay: Option<crate::json::Json>,
}
crate::json_struct!(Request {
    schema: default,
    texts: default,
    certificates: default,
    probe: default,
    answers: default,
    feedback: default,
    skipped: default,
    host: default,
    now: default,
    overlay: default
});

/// The answer: what the evidence means, the likely causes and the fixes in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    pub skipped: Vec<QuestionView>,
    pub diagnostics: Vec<Diagnostic>,
}
crate::json_struct!(Report {
    schema,
    decoded,
    findings,
    certificates,
    causes,
    fixes,
    next_question,
    answered,
    skipped: default,
    diagnostics
});
