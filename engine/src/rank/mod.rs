//! Ranking: from findings, answers and fix feedback to cause probabilities, the next question
//! worth asking and the fixes in the order that reaches the working one cheapest.

use crate::schema::{Report, Request, REPORT_SCHEMA};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    pub id: String,
    pub probability: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RankedFix {
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
}

/// `diagnose(request) -> report`: pure and deterministic.
pub fn diagnose(req: &Request) -> Report {
    let mut report = Report { schema: REPORT_SCHEMA.to_string(), ..Report::default() };
    for (i, t) in req.texts.iter().enumerate() {
        let a = crate::text::analyze_text(t, i);
        report.decoded.extend(a.decoded);
        report.findings.extend(a.findings);
        report.diagnostics.extend(a.diagnostics);
    }
    report
}

/// JSON in, JSON out; a request that is not valid JSON yields a report with a diagnostic.
pub fn diagnose_json(request_json: &str) -> String {
    let report = match serde_json::from_str::<Request>(request_json) {
        Ok(req) => diagnose(&req),
        Err(e) => {
            let mut r = Report { schema: REPORT_SCHEMA.to_string(), ..Report::default() };
            r.diagnostics.push(crate::finding::Diagnostic::new(
                crate::finding::Severity::Error,
                "request-invalid-json",
                format!("The request is not valid JSON for schema rdp-triage.request/1 ({e}). Send an object such as {{\"texts\": [\"Error code: 0x904\"]}}."),
            ));
            r
        }
    };
    serde_json::to_string(&report).unwrap_or_default()
}
