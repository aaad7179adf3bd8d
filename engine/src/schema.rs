//! The request and report JSON schemas of `diagnose`: the one contract shared by the CLI, the
//! web app and the JS module. Each carries a `schema` version string; bump it on any
//! incompatible change.

use crate::catalog::DecodedCode;
use crate::cert::CertReport;
use crate::finding::{Diagnostic, Finding};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const REQUEST_SCHEMA: &str = "rdp-triage.request/1";
pub const REPORT_SCHEMA: &str = "rdp-triage.report/1";

/// Outcome the user reported for a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FixOutcome {
    Failed,
    Worked,
    Skipped,
}

/// Everything known about one failing connection. Every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Request {
    /// `rdp-triage.request/1`; may be left out.
    pub schema: String,
    /// Pasted texts (dialogs, logs, tool output, the user's own words).
    pub texts: Vec<String>,
    /// Certificates as text: PEM, base64 DER or hex (the web app base64-encodes dropped files).
    pub certificates: Vec<String>,
    /// A probe report (`rdp-triage.probe/1`); kept as raw JSON so another version yields a
    /// diagnostic instead of rejecting the whole request. (Its JSON Schema says "an object";
    /// `schemas/probe.schema.json` describes the shape.)
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub probe: Option<serde_json::Value>,
    /// Answers: question ID → option ID.
    pub answers: BTreeMap<String, String>,
    /// Fix feedback: fix ID → outcome.
    pub feedback: BTreeMap<String, FixOutcome>,
    /// Questions the user chose to skip: never offered as `next_question` (no evidence either way).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub skipped: BTreeSet<String>,
    /// The host name or address the user typed in the RDP client.
    pub host: Option<String>,
    /// The current time, RFC 3339 (the engine has no clock).
    pub now: Option<String>,
    /// An organisation's overlay knowledge (same format as the built-in files; its JSON Schema
    /// says "an object", `schemas/overlay.schema.json` describes the shape).
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub overlay: Option<serde_json::Value>,
}

/// The answer: what the evidence means, the likely causes and the fixes in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    #[schemars(extend("const" = REPORT_SCHEMA))]
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
    /// Host names found in the pasted texts, each once, with where it was found (the web app
    /// offers them for the host field). Left out when there is none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<crate::hosts::HostCandidate>,
}

/// Text a report shares with the knowledge base or repeats (a cause's title and description, a
/// fix's steps, an evidence label in the reasons of every cause it moved). Natively an immutable
/// string behind a reference count, so `diagnose` copies it without allocating; it reads like
/// `&str` (`Deref`, `as_str`, comparisons with `str`/`String`, `Display`) and is a plain JSON
/// string. In the wasm it is `String`: there the reference-counted type made the page's module
/// 2.9 KB larger gzipped (measured), and the page has a size ceiling while the wasm `diagnose`
/// is within its time budget either way. Code that uses only the `&str`-like surface above
/// builds for both.
#[cfg(target_arch = "wasm32")]
pub type Shared = String;

/// See the wasm definition above: the native one.
#[cfg(not(target_arch = "wasm32"))]
pub use shared::Shared;

#[cfg(not(target_arch = "wasm32"))]
mod shared {
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(transparent)]
    pub struct Shared(std::sync::Arc<str>);

    /// In the JSON Schemas a `Shared` is what it is on the wire: a plain string, inline.
    impl schemars::JsonSchema for Shared {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            String::schema_name()
        }
        fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
            String::json_schema(generator)
        }
    }

    impl Shared {
        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    impl std::ops::Deref for Shared {
        type Target = str;
        fn deref(&self) -> &str {
            &self.0
        }
    }

    impl AsRef<str> for Shared {
        fn as_ref(&self) -> &str {
            &self.0
        }
    }

    impl std::borrow::Borrow<str> for Shared {
        fn borrow(&self) -> &str {
            &self.0
        }
    }

    impl std::fmt::Debug for Shared {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            std::fmt::Debug::fmt(&*self.0, f)
        }
    }

    impl std::fmt::Display for Shared {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl From<String> for Shared {
        fn from(s: String) -> Self {
            Shared(s.into())
        }
    }

    impl From<&str> for Shared {
        fn from(s: &str) -> Self {
            Shared(s.into())
        }
    }

    impl From<Shared> for String {
        fn from(s: Shared) -> Self {
            s.0.to_string()
        }
    }

    impl PartialEq<str> for Shared {
        fn eq(&self, other: &str) -> bool {
            *self.0 == *other
        }
    }

    impl PartialEq<&str> for Shared {
        fn eq(&self, other: &&str) -> bool {
            *self.0 == **other
        }
    }

    impl PartialEq<String> for Shared {
        fn eq(&self, other: &String) -> bool {
            *self.0 == **other
        }
    }

    impl PartialEq<Shared> for str {
        fn eq(&self, other: &Shared) -> bool {
            *self == *other.0
        }
    }

    impl PartialEq<Shared> for &str {
        fn eq(&self, other: &Shared) -> bool {
            **self == *other.0
        }
    }

    impl PartialEq<Shared> for String {
        fn eq(&self, other: &Shared) -> bool {
            **self == *other.0
        }
    }
}

// The parts of a report: ranked causes and fixes, questions and the reasons behind a rank.
/// One evidence item that moved a cause, with its likelihood ratio (>1 raises, <1 lowers).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Why {
    pub evidence: Shared,
    /// What the evidence is, in words ("Extended error code 0x7", "Answer: works by IP").
    pub label: Shared,
    pub ratio: f64,
}

/// A cause with its posterior probability and the evidence that moved it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RankedCause {
    /// Stable cause ID (public contract), e.g. `cert-expired`.
    pub id: Shared,
    pub title: Shared,
    /// P(this cause | evidence, answers, feedback), temperature-scaled (`rank::TEMPERATURE`).
    pub probability: f64,
    pub description: Shared,
    /// How to confirm this is the cause.
    pub confirm: Shared,
    pub why: Vec<Why>,
}

/// A copyable command inside a fix step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Command {
    /// `powershell`, `cmd`, `reg`, `bash`, …
    pub shell: Shared,
    pub text: Shared,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    pub text: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub command: Option<Command>,
}

/// A fix in recommended order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RankedFix {
    pub id: Shared,
    pub title: Shared,
    /// Cause IDs this fix addresses.
    pub causes: Vec<Shared>,
    /// Who can do it: `end-user`, `admin`, `console` (Azure/Hyper-V console), `network-team`.
    #[schemars(extend("enum" = ["end-user", "admin", "console", "network-team"]))]
    pub who: Shared,
    pub minutes: u32,
    /// `low`, `medium`, `high`.
    #[schemars(extend("enum" = ["low", "medium", "high"]))]
    pub risk: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub risk_note: Option<Shared>,
    pub privileges: Shared,
    pub steps: Vec<Step>,
    pub verify: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rollback: Option<Shared>,
    /// P(this fix resolves the problem | evidence).
    pub probability: f64,
    /// Why it is ranked here, in words.
    pub why: String,
    /// What the user said about it, if anything.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub feedback: Option<FixOutcome>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OptionView {
    pub id: Shared,
    pub label: Shared,
}

/// The question worth asking next (or an answered one, with `answer` set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuestionView {
    pub id: Shared,
    pub text: Shared,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<Shared>,
    pub options: Vec<OptionView>,
    /// Set on answered questions: the chosen option ID.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub answer: Option<String>,
}

/// Reads a JSON document (an object) as a `T`: every JSON input of the engine, the web app and
/// `rdp-probe` is read here or by [`from_value`]. The text is parsed into a `serde_json::Value`
/// first and then read by [`from_value`], so each type has one path-tracking reader however it
/// arrives (a second one per type, over text, would cost about as much wasm again). A syntax
/// error says where it is (`expected `,` or `}` at line 1 column 20`); a wrong field names the
/// field (`texts[2]: invalid type: integer `3`, expected a string`). A document that is not an
/// object is refused (serde's derive would otherwise read a list as the struct's fields in
/// order, and `[]` as an empty request).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string())?;
    from_value(&value)
}

/// Reads an already parsed JSON object as a `T`; the error names the field (`tcp: invalid
/// type: …`).
pub fn from_value<T: DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
    if !value.is_object() {
        return Err(not_an_object(value));
    }
    // Natively a plain read first: it gives the same value, and tracking the path costs about
    // as much again (10 µs of `diagnose` on the bench request's probe report); the path is
    // only needed for the message when the read fails. The wasm keeps the one path-tracking
    // reader per type: a second one would add its code to the page.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(v) = T::deserialize(value) {
        return Ok(v);
    }
    serde_path_to_error::deserialize(value).map_err(path_error)
}

fn not_an_object(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    };
    format!("invalid type: {kind}, expected an object {{…}}")
}

/// `path: what was wrong`; a path deeper than a reader can use (a document nested a hundred
/// levels) is cut after its first 80 characters.
fn path_error(e: serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = e.path().to_string();
    let inner = e.inner();
    match path.as_str() {
        // No field to name: the root, or only map keys the reader had not read yet (`?`).
        p if p == "." || p.split('.').all(|s| s == "?") => inner.to_string(),
        p if p.len() > 80 => {
            let cut = (0..=80).rev().find(|&i| p.is_char_boundary(i)).unwrap_or(0);
            format!("{}…: {inner}", &p[..cut])
        }
        p => format!("{p}: {inner}"),
    }
}
