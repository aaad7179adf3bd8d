//! Certificate analysis: decode pasted or dropped certificates and lint them for an RDP
//! listener. Entry points: [`analyze`] for text (PEM anywhere in a paste, bare base64 or hex
//! DER) and [`analyze_bytes`] for raw bytes (DER/.cer, .p7b, or a PEM file's bytes; the probe
//! helper passes the live server chain through it). Certificates are parsed by x509-parser
//! (default features: no ring/OpenSSL/aws-lc), thumbprints are RustCrypto's `sha1`/`sha2`, and
//! the self-signature check is RustCrypto's `rsa` ([`self_sig`]); the code here is the RDP part.
//!
//! Pipeline: [`input`] finds certificate DER blobs (and recognises private keys, CSRs,
//! PKCS#12, field dumps; [`blob`] tells them apart and opens PKCS#7 bundles), [`decode`] turns
//! each into display fields (names as x509-parser writes them), [`chain`] finds the leaf and
//! orders the chain, [`names`] matches the typed host, [`lint`] produces the verdicts.
//! Every verdict also becomes a [`Finding`] with a `cert:*` key ([`keys`]) for the knowledge
//! base: all verdicts of the leaf, and warnings/errors of the other certificates.
//!
//! ## RDP lint profile
//! The checks are the ones that decide whether an RDP client accepts the listener's
//! certificate: validity against the caller's `now` (expired, not yet valid, expiring within
//! 30 days), self-signed vs CA-issued (with Windows' default self-signed RDP certificate
//! pattern), chain order and gaps, the typed host name against SAN/CN, Extended Key Usage
//! (Server Authentication 1.3.6.1.5.5.7.3.1 or Remote Desktop Authentication
//! 1.3.6.1.4.1.311.54.1.2; no EKU means any purpose and is fine), key usage, CA:TRUE on the
//! leaf, RSA key size (< 2048 weak) and broken signature hashes (MD2/MD5/SHA-1). Web-PKI rules
//! that do not apply to an internal RDP listener are deliberately **not** checked:
//! Certificate Transparency / SCTs, CA/Browser Forum validity caps (398 days etc.),
//! certificate policy OIDs and OV/EV subject rules, OCSP must-staple, AIA/CRL presence.
//! Windows' own self-signed RDP certificate is typically valid about six months (observed, not
//! documented) and carries no SAN; neither is a fault here.
//!
//! "Self-signed" means subject == issuer and the signature verifies with the certificate's own
//! key (RSA PKCS#1 v1.5 with SHA-1/SHA-256/SHA-384/SHA-512, see [`self_sig`]); for other signature types, where
//! the signature is not checked, subject == issuer and (when both are present) authority key
//! ID == subject key ID. Chain links are made by name and key identifier (see [`chain`]).
//!
//! Display choices: serial and thumbprints are upper-case hex without separators (as
//! PowerShell and certlm show them; the serial keeps its DER bytes, including a leading 00),
//! dates are RFC 3339 UTC, SANs are prefixed `DNS:`, `IP:`, `email:`, `URI:`, `DirName:`.
//! `certificates` lists the chain leaf first, then its issuers, then any other certificates;
//! `index` keeps each one's position in the input. Each certificate's verdicts come errors
//! first, then warnings, then information.
//!
//! Diagnostic codes (all `cert-*`): `cert-private-key` (key or .pfx pasted; never echoed, the
//! span covers it), `cert-csr`, `cert-public-key`, `cert-crl`, `cert-thumbprint-only`,
//! `cert-field-dump` (certutil -dump), `cert-truncated`, `cert-pem-truncated`,
//! `cert-invalid`, `cert-invalid-der`, `cert-pem-invalid`, `cert-pem-unknown`,
//! `cert-unknown-der`, `cert-not-der`, `cert-pkcs7-empty`, `cert-pkcs7-other`,
//! `cert-nothing-found`, `cert-empty`, `cert-too-many` (over 64 certificates),
//! `cert-too-many-blocks`, `cert-duplicates`, `cert-unrelated`.

pub mod blob;
pub mod chain;
pub mod decode;
pub mod input;
pub mod keys;
pub mod lint;
pub mod names;
pub mod self_sig;

use crate::finding::{Diagnostic, Finding, Origin, Severity, Span, Strength};
use serde::{Deserialize, Serialize};

/// One RDP-specific verdict on a certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CertVerdict {
    /// Stable verdict ID, e.g. `expired`, `self-signed`, `name-mismatch`.
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub explanation: String,
}

/// The decoded fields and RDP verdicts for one certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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

/// Analyses one certificate input in text form (PEM, base64 or hex; surrounding text is
/// ignored). `host` is the name or address the user typed in the RDP client; `now` is Unix
/// seconds supplied by the caller. Spans are byte offsets into `input` with `item` 0 (the
/// caller sets the item index).
pub fn analyze(input: &str, host: Option<&str>, now: i64) -> CertAnalysis {
    let mut c = input::Collected::default();
    input::collect_text(input, Some(0), 0, &mut c);
    finish(c, host, now)
}

/// SHA-1 thumbprint (upper-case hex, as in [`CertReport::thumbprint_sha1`]) of a certificate
/// given as plain base64 of its DER (what a probe report carries), without parsing it; `None`
/// when the text is not plain base64. Lets a caller skip analysing a certificate it already has.
pub fn base64_thumbprint_sha1(b64: &str) -> Option<String> {
    use base64::Engine as _;
    use sha1::{Digest, Sha1};
    let der = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    Some(decode::hex_upper(&Sha1::digest(der)))
}

/// Analyses raw bytes: DER certificates (one or concatenated), a PKCS#7 .p7b bundle, or a
/// PEM/base64 file's bytes. Spans are byte offsets into `data`.
pub fn analyze_bytes(data: &[u8], host: Option<&str>, now: i64) -> CertAnalysis {
    let mut c = input::Collected::default();
    input::collect_bytes(
        data,
        Some(Span {
            item: 0,
            start: 0,
            end: data.len(),
        }),
        0,
        &mut c,
    );
    finish(c, host, now)
}

fn finish(mut c: input::Collected, host: Option<&str>, now: i64) -> CertAnalysis {
    c.finish();
    let mut spans = Vec::new();
    let mut decoded = Vec::new();
    for (pos, f) in std::mem::take(&mut c.certs).into_iter().enumerate() {
        let mut d = f.decoded;
        d.report.index = pos;
        decoded.push(d);
        spans.push(f.span);
    }
    let mut out = CertAnalysis {
        certificates: Vec::new(),
        findings: c.findings,
        diagnostics: c.diagnostics,
    };
    if decoded.is_empty() {
        return out;
    }
    // Years 0000..9999: keeps every date difference far from overflow.
    let now = now.clamp(-62_167_219_200, 253_402_300_799);
    let host = host.and_then(names::Host::parse);
    let chain = chain::build(&decoded);
    if !chain.others.is_empty() && chain.end != chain::ChainEnd::Incomplete {
        out.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "cert-unrelated",
            format!(
                "{} certificate(s) in the input are not part of the server certificate's chain; they are listed \
                 but not used for the verdicts about the server.",
                chain.others.len()
            ),
        ));
    }
    let order: Vec<usize> = chain
        .path
        .iter()
        .chain(chain.others.iter())
        .copied()
        .collect();
    for &i in &order {
        let verdicts = lint::verdicts(&decoded, i, &chain, host.as_ref(), now);
        let d = &decoded[i];
        let leaf = i == chain.leaf;
        let prefix = if leaf {
            String::new()
        } else {
            format!("{}: ", short_subject(d))
        };
        for vd in &verdicts {
            if leaf || vd.severity >= Severity::Warning {
                out.findings.push(Finding {
                    evidence: lint::evidence_key(&vd.id).to_string(),
                    strength: Strength::Hard,
                    origin: Origin::Certificate,
                    title: format!("{prefix}{}", vd.title),
                    detail: vd.explanation.clone(),
                    source: lint::source(&vd.id).map(str::to_string),
                    span: spans[i],
                });
            }
        }
        let self_signed = chain::self_signed(d);
        let days_left = d.not_after.saturating_sub(now).div_euclid(86_400);
        // Each report is moved out once, after its own verdicts (later ones read only their own).
        let mut r = std::mem::take(&mut decoded[i].report);
        r.leaf = leaf;
        r.self_signed = self_signed;
        r.days_left = days_left;
        r.verdicts = verdicts;
        out.certificates.push(r);
    }
    out
}

/// "CA certificate <CN>" (or the whole subject), to prefix the titles of findings about
/// certificates other than the server's.
fn short_subject(d: &decode::Decoded) -> String {
    let kind = if d.ca {
        "CA certificate"
    } else {
        "Certificate"
    };
    match d.common_names.first() {
        Some(cn) => format!("{kind} {cn}"),
        None => format!("{kind} {}", d.report.subject),
    }
}
