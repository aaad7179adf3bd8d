//! The typed evidence every parser produces: a [`Finding`] says what was recognised, where
//! (a byte span in the pasted text), how firm it is, and which evidence key it feeds to the
//! knowledge base. [`Diagnostic`]s say what could not be used and what to paste instead.

use serde::{Deserialize, Serialize};

/// Byte range `[start, end)` in one input item (for text, the pasted string; `item` is the
/// index of the pasted item in the request, so the web app can highlight the right one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Span {
    #[serde(default)]
    pub item: usize,
    pub start: usize,
    pub end: usize,
}

/// Hard facts (a code, an event ID, a probe measurement) versus soft hints (the user's own
/// words such as "after a Windows update").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Hard,
    Soft,
}

/// Where a finding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Text,
    Certificate,
    Probe,
    Answer,
}

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Info,
    Warning,
    Error,
}

/// One recognised piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    /// Evidence key in the shared vocabulary (see [`crate::evidence`]), e.g. `disc:0x904`,
    /// `ext:0x7`, `msg:nla-required`, `hint:vpn`, `cert:expired`, `probe:tcp-refused`.
    pub evidence: String,
    pub strength: Strength,
    pub origin: Origin,
    /// Short label for display ("Error code 0x904").
    pub title: String,
    /// Plain-language meaning for a helpdesk reader.
    pub detail: String,
    /// Where the fact is documented (for codes), if anywhere.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
    /// The exact text the finding came from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
}

/// Something the engine could not use, with what to do instead. Never fatal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `text-nothing-recognised`, `unknown-question`.
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.to_string(),
            message: message.into(),
            span: None,
        }
    }
}

/// One static evidence key a parser can emit, with its meaning: each parser owns a table of
/// these (`text::keys`, `cert::keys`, `probe::keys`); [`crate::evidence`] gathers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInfo {
    pub key: &'static str,
    pub description: &'static str,
}
