//! Builds the engine `Request` from the CLI's inputs (pasted texts, certificate files, a probe
//! report, answers, feedback, host, time) and runs `engine::diagnose`. File reading and the
//! clock live here, in the CLI; the engine stays pure.

use base64::Engine as _;
use engine::probe::ProbeReport;
use engine::schema::{FixOutcome, Request, REQUEST_SCHEMA};

/// Reads a certificate file: PEM/base64/hex text is passed as is, binary DER is base64-encoded.
pub fn certificate_text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s)
            if !s.trim().is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()) =>
        {
            s.to_string()
        }
        _ => base64::engine::general_purpose::STANDARD.encode(bytes),
    }
}

/// Parses `Q=A`.
pub fn parse_pair(s: &str, what: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
            Ok((k.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(format!("{what} \"{s}\" must look like NAME=VALUE")),
    }
}

/// clap value parser of `--answer QUESTION=OPTION`.
pub fn parse_answer(s: &str) -> Result<(String, String), String> {
    parse_pair(s, "--answer")
}

/// clap value parser of `--feedback FIX=failed|worked|skipped`.
pub fn parse_feedback(s: &str) -> Result<(String, FixOutcome), String> {
    parse_pair(s, "--feedback").and_then(|(f, o)| parse_outcome(&o).map(|o| (f, o)))
}

pub fn parse_outcome(s: &str) -> Result<FixOutcome, String> {
    match s.to_ascii_lowercase().as_str() {
        "failed" => Ok(FixOutcome::Failed),
        "worked" => Ok(FixOutcome::Worked),
        "skipped" => Ok(FixOutcome::Skipped),
        _ => Err(format!(
            "feedback outcome \"{s}\" must be failed, worked or skipped"
        )),
    }
}

/// The request for a fresh scan: the report as `probe`, its leaf certificate, the target as host.
pub fn request_for_scan(report: &ProbeReport, now: &str) -> Request {
    let mut req = Request {
        schema: REQUEST_SCHEMA.to_string(),
        probe: serde_json::to_value(report).ok(),
        host: Some(report.target.clone()),
        now: Some(now.to_string()),
        ..Default::default()
    };
    if let Some(leaf) = report.leaf_certificate_base64() {
        req.certificates.push(leaf.to_string());
    }
    req
}

/// Adds the leaf certificate of a probe report given as JSON (if any and not already present).
pub fn add_probe_certificate(req: &mut Request) {
    let leaf = req
        .probe
        .as_ref()
        .and_then(|p| p.get("tls"))
        .and_then(|t| t.get("chain_der_base64"))
        .and_then(|c| c.as_array())
        .and_then(|c| c.first())
        .and_then(|c| c.as_str())
        .map(str::to_string);
    if let Some(l) = leaf {
        if !req.certificates.contains(&l) {
            req.certificates.push(l);
        }
    }
}
