//! Finding the certificates in what the user gave: PEM blocks anywhere in a paste (with mail
//! text or `certutil -encode` noise around them), bare base64 or hex DER, raw DER/.cer bytes
//! and PKCS#7 bundles. Private keys, CSRs, PKCS#12 files and field dumps are recognised and
//! explained instead of being decoded. The output is a list of certificate DER blobs plus
//! diagnostics; nothing here interprets a certificate.

use super::blob::{self as der, DerError, Shape};
use crate::finding::{Diagnostic, Finding, Origin, Severity, Span, Strength};
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

/// At most this many certificates are analysed from one input.
pub const MAX_CERTS: usize = 64;
/// At most this many PEM blocks are read from one input (keys, requests and repeats included).
pub const MAX_BLOCKS: usize = 4 * MAX_CERTS;

/// One certificate found in the input, decoded once when found.
#[derive(Debug, Clone)]
pub struct Found {
    pub der: Vec<u8>,
    pub span: Option<Span>,
    pub decoded: super::decode::Decoded,
}

/// Everything gathered from one input.
#[derive(Debug, Default)]
pub struct Collected {
    pub certs: Vec<Found>,
    pub diagnostics: Vec<Diagnostic>,
    pub findings: Vec<Finding>,
    dropped: usize,
    duplicates: usize,
    key_reported: bool,
}

impl Collected {
    fn add_cert(&mut self, der: &[u8], cert: &X509Certificate<'_>, span: Option<Span>) {
        if self.certs.iter().any(|c| c.der == der) {
            self.duplicates += 1;
        } else if self.certs.len() >= MAX_CERTS {
            self.dropped += 1;
        } else {
            let decoded = super::decode::decode(cert, der);
            self.certs.push(Found {
                der: der.to_vec(),
                span,
                decoded,
            });
        }
    }

    fn diag(
        &mut self,
        severity: Severity,
        code: &str,
        message: impl Into<String>,
        span: Option<Span>,
    ) {
        let mut d = Diagnostic::new(severity, code, message);
        d.span = span;
        self.diagnostics.push(d);
    }

    fn private_key(&mut self, what: &str, span: Option<Span>) {
        self.diag(
            Severity::Error,
            "cert-private-key",
            format!(
                "This is {what}, not a certificate. A private key is a secret: it was not stored or shown, but \
                 treat it as exposed if it was sent to anyone, and do not paste or share it again. Paste the \
                 certificate instead (certlm.msc > Remote Desktop > the certificate > Details > Copy to File... > \
                 Base-64 encoded X.509 (.CER)), which contains no key."
            ),
            span,
        );
        if !self.key_reported {
            self.key_reported = true;
            self.findings.push(Finding {
                evidence: "cert:private-key-pasted".into(),
                strength: Strength::Hard,
                origin: Origin::Certificate,
                title: "A private key was pasted".into(),
                detail: "The input contains a private key, which must stay secret. It was not used or shown.".into(),
                source: None,
                span,
            });
        }
    }

    /// Final diagnostics about what was skipped.
    pub fn finish(&mut self) {
        if self.dropped > 0 {
            let (n, max) = (self.dropped, MAX_CERTS);
            self.diag(
                Severity::Warning,
                "cert-too-many",
                format!(
                    "The input holds more than {max} certificates; the first {max} were analysed and {n} more were \
                     skipped. Paste only the server certificate and its chain (usually 1 to 3 certificates)."
                ),
                None,
            );
        }
        if self.duplicates > 0 {
            let n = self.duplicates;
            self.diag(
                Severity::Info,
                "cert-duplicates",
                format!("{n} repeated certificate(s) were ignored."),
                None,
            );
        }
    }
}

fn span(base: Option<usize>, start: usize, end: usize) -> Option<Span> {
    base.map(|b| Span {
        item: 0,
        start: b + start,
        end: b + end,
    })
}

/// Collects from text. `base` is the byte offset of `text` in the user's item (None when the
/// text was itself decoded from base64, so offsets would not point into what the user sees).
pub fn collect_text(text: &str, base: Option<usize>, depth: u8, out: &mut Collected) {
    let blocks = pem_blocks(text);
    if !blocks.is_empty() {
        if blocks.len() >= MAX_BLOCKS {
            out.diag(
                Severity::Warning,
                "cert-too-many-blocks",
                format!("Only the first {MAX_BLOCKS} -----BEGIN ...----- blocks were read; the rest of the input was ignored."),
                None,
            );
        }
        for b in blocks {
            handle_pem(text, &b, base, depth, out);
        }
        return;
    }
    let trimmed_start = text.len() - text.trim_start().len();
    let body = text.trim();
    let sp = span(base, trimmed_start, trimmed_start + body.len());
    if body.is_empty() {
        out.diag(
            Severity::Info,
            "cert-empty",
            "No certificate was given. Paste a certificate (PEM text starting with -----BEGIN CERTIFICATE-----) or drop a .cer, .crt, .der or .p7b file.",
            None,
        );
        return;
    }
    // A .reg export of a binary value: `"Name"=hex:0a,5a,...`.
    let hex_body = body
        .find("hex:")
        .and_then(|i| body.get(i + 4..))
        .unwrap_or(body);
    // Digits-only input reads as both hex and decimal: take whichever gives DER.
    let (hex, decimal) = (decode_hex(hex_body), decode_decimal(body));
    for bytes in [&hex, &decimal].into_iter().flatten() {
        if bytes.first() == Some(&der::TAG_SEQUENCE) {
            collect_bytes(bytes, sp, depth + 1, out);
            return;
        }
    }
    if let Some(bytes) = hex {
        if bytes.len() == 20 || bytes.len() == 32 {
            let (kind, tp) = (
                if bytes.len() == 20 {
                    "SHA-1"
                } else {
                    "SHA-256"
                },
                super::decode::hex_upper(&bytes),
            );
            out.diag(
                Severity::Warning,
                "cert-thumbprint-only",
                format!(
                    "This is a {kind} thumbprint ({tp}), not a certificate: it identifies a certificate but says \
                     nothing about its names, dates or issuer. Paste the certificate itself (certlm.msc > the \
                     certificate > Details > Copy to File... > Base-64 encoded X.509 (.CER)); its thumbprint is then \
                     shown for comparison with SSLCertificateSHA1Hash."
                ),
                sp,
            );
            return;
        }
    }
    if let Some(bytes) = decode_base64(body) {
        if bytes.first() == Some(&der::TAG_SEQUENCE) || (depth == 0 && looks_like_text(&bytes)) {
            collect_bytes(&bytes, sp, depth + 1, out);
            return;
        }
    }
    // A base64 run inside other text (e.g. a PowerShell ToBase64String result in a chat), or
    // several certificates one per line (each line then decodes on its own).
    let mut any = false;
    for (start, end) in base64_runs(text) {
        let run = text.get(start..end).unwrap_or("");
        match decode_base64(run) {
            Some(bytes)
                if bytes.first() == Some(&der::TAG_SEQUENCE) && der::read(&bytes).is_ok() =>
            {
                any = true;
                collect_bytes(&bytes, span(base, start, end), depth + 1, out);
            }
            _ => {
                let mut offset = start;
                for line in run.split_inclusive('\n') {
                    let t = line.trim();
                    let lead = line.len() - line.trim_start().len();
                    if let Some(bytes) =
                        decode_base64(t).filter(|b| b.first() == Some(&der::TAG_SEQUENCE))
                    {
                        any = true;
                        collect_bytes(
                            &bytes,
                            span(base, offset + lead, offset + lead + t.len()),
                            depth + 1,
                            out,
                        );
                    }
                    offset += line.len();
                }
            }
        }
    }
    if any {
        return;
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("cert hash(sha1)")
        || lower.contains("x509 certificate:")
        || lower.contains("certutil: -dump")
    {
        // The dump's own thumbprint line, if any, is still useful for comparison.
        let hash = lower
            .find("cert hash(sha1):")
            .and_then(|i| lower.get(i + 16..))
            .and_then(|rest| rest.lines().next())
            .and_then(decode_hex)
            .filter(|b| b.len() == 20)
            .map(|b| format!(" Its SHA-1 thumbprint is {}.", super::decode::hex_upper(&b)))
            .unwrap_or_default();
        out.diag(
            Severity::Warning,
            "cert-field-dump",
            format!(
                "This looks like certutil -dump output: a list of fields, not the certificate itself, so it cannot be \
                 checked.{hash} Export the certificate instead: run `certutil -encode cert.cer cert.txt` and paste \
                 cert.txt, or in certlm.msc use Copy to File... > Base-64 encoded X.509 (.CER)."
            ),
            sp,
        );
        return;
    }
    out.diag(
        Severity::Warning,
        "cert-nothing-found",
        "No certificate was found in this input. Paste the certificate as PEM text (from -----BEGIN CERTIFICATE----- \
         to -----END CERTIFICATE-----), as base64 or hex, or drop a .cer/.crt/.der/.p7b file. Error messages and logs \
         belong in the text box, not the certificate box.",
        sp,
    );
}

/// Collects from raw bytes (DER, .cer, .p7b; PEM files given as bytes are passed to
/// [`collect_text`]).
pub fn collect_bytes(data: &[u8], sp: Option<Span>, depth: u8, out: &mut Collected) {
    if depth > 3 {
        return;
    }
    if data.first() != Some(&der::TAG_SEQUENCE) {
        match std::str::from_utf8(data) {
            Ok(text) if looks_like_text(data) && depth == 0 => collect_text(text, Some(0), depth + 1, out),
            Ok(text) if looks_like_text(data) => {
                // Text decoded from base64 (a dropped PEM file): offsets inside it mean nothing
                // to the user, so whatever is found points at the whole encoded input instead.
                let (c, d, f) = (out.certs.len(), out.diagnostics.len(), out.findings.len());
                collect_text(text, None, depth + 1, out);
                out.certs.iter_mut().skip(c).for_each(|x| x.span = x.span.or(sp));
                out.diagnostics.iter_mut().skip(d).for_each(|x| x.span = x.span.or(sp));
                out.findings.iter_mut().skip(f).for_each(|x| x.span = x.span.or(sp));
            }
            _ => out.diag(
                Severity::Warning,
                "cert-not-der",
                "These bytes are not a certificate (DER data starts with a SEQUENCE, 0x30). Drop the .cer/.crt/.der or \
                 .p7b file exported from the server, or paste the certificate as PEM text.",
                sp,
            ),
        }
        return;
    }
    let mut rest = data;
    let mut first = true;
    let mut elements = 0;
    while !rest.is_empty() {
        elements += 1;
        if elements > MAX_BLOCKS {
            out.diag(
                Severity::Warning,
                "cert-too-many-blocks",
                format!("Only the first {MAX_BLOCKS} DER elements were read; the rest of the data was ignored."),
                sp,
            );
            return;
        }
        let outer = match der::read(rest) {
            Ok(t) => t,
            Err(DerError::Indefinite) => {
                // BER (indefinite lengths), as some PKCS#7 writers produce: pick the certificates out.
                carve(rest, sp, out);
                return;
            }
            Err(e) => {
                report_der_error(e, first, sp, out);
                return;
            }
        };
        let blob = rest.get(..outer.total).unwrap_or(rest);
        match der::shape(&outer) {
            Shape::Signed => signed(blob, sp, out),
            Shape::Pkcs7 => pkcs7(&outer, blob, sp, out),
            Shape::OtherPkcs7 => out.diag(
                Severity::Warning,
                "cert-pkcs7-other",
                "This is a PKCS#7/CMS message that is not a certificate bundle. Export the certificate as a .cer or .p7b file instead.",
                sp,
            ),
            Shape::Pkcs12 => out.private_key("a PKCS#12 (.pfx/.p12) file, which normally contains the private key", sp),
            Shape::PrivateKey => out.private_key("a private key", sp),
            Shape::Unknown => out.diag(
                Severity::Warning,
                "cert-unknown-der",
                "This is DER data but not a certificate, a PKCS#7 bundle or a key. Export the server certificate as a .cer file (DER or Base-64) and use that.",
                sp,
            ),
        }
        rest = rest.get(outer.total..).unwrap_or(&[]);
        first = false;
        // Trailing zero padding or junk after the last element is ignored.
        if rest.first() != Some(&der::TAG_SEQUENCE) {
            break;
        }
    }
}

/// Certificates found by scanning BER data; a diagnostic when there are none.
fn carve(data: &[u8], sp: Option<Span>, out: &mut Collected) {
    let mut found = false;
    for c in der::carve_candidates(data) {
        if let Ok((_, cert)) = X509Certificate::from_der(c) {
            out.add_cert(c, &cert, sp);
            found = true;
        }
    }
    if !found {
        report_der_error(DerError::Indefinite, true, sp, out);
    }
}

fn report_der_error(e: DerError, first: bool, sp: Option<Span>, out: &mut Collected) {
    let msg = match e {
        DerError::Truncated { needed, have } => format!(
            "The certificate data is cut short: it announces {needed} bytes but only {have} are present. The paste or \
             file was probably truncated; copy the whole certificate again (all lines between BEGIN and END)."
        ),
        DerError::Indefinite => "The data uses BER indefinite lengths, which this checker does not read. Export the \
             certificate as a .cer file (DER or Base-64 X.509) instead."
            .to_string(),
        DerError::Empty | DerError::Invalid => "The certificate data is damaged (invalid DER). Copy or export the \
             certificate again."
            .to_string(),
    };
    let code = if matches!(e, DerError::Truncated { .. }) {
        "cert-truncated"
    } else {
        "cert-invalid-der"
    };
    let _ = first;
    out.diag(Severity::Warning, code, msg, sp);
}

/// A SEQUENCE { SEQUENCE, SEQUENCE, BIT STRING }: a certificate, or else a CSR.
fn signed(blob: &[u8], sp: Option<Span>, out: &mut Collected) {
    if let Some(subject) = csr_subject(blob) {
        csr_diag(subject, sp, out);
        return;
    }
    match X509Certificate::from_der(blob) {
        Ok((_, cert)) => out.add_cert(blob, &cert, sp),
        Err(_) => out.diag(
            Severity::Warning,
            "cert-invalid",
            "This looks like a certificate but its contents could not be decoded (damaged or cut short). Copy or \
             export the certificate again; if it came from a file, use the original .cer/.crt file.",
            sp,
        ),
    }
}

/// A PKCS#10 request: CertificationRequestInfo is { INTEGER 0, Name, SubjectPublicKeyInfo,
/// [0] attributes } (a certificate's TBS has a serial and several SEQUENCEs instead). Returns
/// the requested subject when it can be read.
fn csr_subject(blob: &[u8]) -> Option<Option<String>> {
    let outer = der::read(blob).ok()?;
    let info = der::read(outer.content).ok()?;
    let kids: Vec<der::Tlv<'_>> = der::children(info.content).take(5).collect();
    match kids.as_slice() {
        [ver, name, spki, attrs]
            if ver.tag == der::TAG_INTEGER
                && ver.content == [0]
                && name.tag == der::TAG_SEQUENCE
                && spki.tag == der::TAG_SEQUENCE
                && attrs.tag == der::TAG_CONTEXT_0 =>
        {
            let name_der = info.content.get(ver.total..ver.total + name.total)?;
            Some(
                X509Name::from_der(name_der)
                    .ok()
                    .map(|(_, n)| super::decode::name_text(&n)),
            )
        }
        _ => None,
    }
}

fn csr_diag(subject: Option<String>, sp: Option<Span>, out: &mut Collected) {
    let who = subject
        .filter(|s| !s.is_empty())
        .map(|s| format!(" for {s}"))
        .unwrap_or_default();
    out.diag(
        Severity::Warning,
        "cert-csr",
        format!(
            "This is a certificate signing request (CSR){who}: what is sent to a CA to ask for a certificate, not the \
             certificate the RDP server presents. Paste the issued certificate instead: on the server open certlm.msc \
             > Remote Desktop > Certificates (or Personal > Certificates), open it, Details > Copy to File... > \
             Base-64 encoded X.509 (.CER)."
        ),
        sp,
    );
}

fn pkcs7(outer: &der::Tlv<'_>, blob: &[u8], sp: Option<Span>, out: &mut Collected) {
    let certs = match der::pkcs7_certificates(outer) {
        Ok(c) => c,
        Err(_) => {
            carve(blob, sp, out);
            return;
        }
    };
    if certs.is_empty() {
        out.diag(
            Severity::Warning,
            "cert-pkcs7-empty",
            "This PKCS#7 (.p7b) bundle contains no certificates. Export it again with the certificate selected.",
            sp,
        );
    }
    for c in certs {
        signed(c, sp, out);
    }
}

/// A PEM block found in text: label and byte offsets.
struct PemBlock<'a> {
    label: &'a str,
    start: usize,
    body_start: usize,
    body_end: usize,
    end: usize,
    complete: bool,
}

fn pem_blocks(text: &str) -> Vec<PemBlock<'_>> {
    const BEGIN: &str = "-----BEGIN ";
    const DASHES: &str = "-----";
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text.get(pos..).and_then(|t| t.find(BEGIN)) {
        let start = pos + rel;
        let label_start = start + BEGIN.len();
        let Some(label_len) = text.get(label_start..).and_then(|t| t.find(DASHES)) else {
            break;
        };
        let label = text.get(label_start..label_start + label_len).unwrap_or("");
        if label.len() > 60 || label.contains('\n') {
            pos = label_start;
            continue;
        }
        let body_start = label_start + label_len + DASHES.len();
        let end_marker = format!("-----END {label}-----");
        let rest = text.get(body_start..).unwrap_or("");
        // The block ends at its END marker, or (truncated paste) at the next BEGIN or the end.
        // END is only looked for before the next BEGIN, so many unterminated blocks stay linear.
        let next = rest.find(BEGIN);
        let scope = rest.get(..next.unwrap_or(rest.len())).unwrap_or(rest);
        let (body_end, end, complete) = match (scope.find(&end_marker), next) {
            (Some(e), _) => (body_start + e, body_start + e + end_marker.len(), true),
            (None, Some(n)) => (body_start + n, body_start + n, false),
            (None, None) => (text.len(), text.len(), false),
        };
        out.push(PemBlock {
            label,
            start,
            body_start,
            body_end,
            end,
            complete,
        });
        pos = end.max(body_start);
        if out.len() >= MAX_BLOCKS {
            break;
        }
    }
    out
}

fn handle_pem(text: &str, b: &PemBlock<'_>, base: Option<usize>, depth: u8, out: &mut Collected) {
    let sp = span(base, b.start, b.end);
    let label = b.label.trim();
    if label.contains("PRIVATE KEY") {
        out.private_key(&format!("a private key (-----BEGIN {label}-----)"), sp);
        return;
    }
    let body = text.get(b.body_start..b.body_end).unwrap_or("");
    // RFC 1421 style headers ("Proc-Type: ...") inside a block are skipped.
    let mut b64: String = body
        .lines()
        .filter(|l| !l.contains(':'))
        .flat_map(|l| l.split_whitespace())
        .collect();
    if !b.complete {
        // Keep whole base64 quanta so the bytes that did arrive can still be examined.
        // The body may hold non-ASCII noise: cut on a character boundary (found by fuzzing).
        let mut cut = b64.len() - b64.len() % 4;
        while !b64.is_char_boundary(cut) {
            cut -= 1;
        }
        b64.truncate(cut);
    }
    let bytes = decode_base64(&b64);
    if label.contains("CERTIFICATE REQUEST") {
        csr_diag(bytes.as_deref().and_then(csr_subject).flatten(), sp, out);
        return;
    }
    if !b.complete {
        out.diag(
            Severity::Warning,
            "cert-pem-truncated",
            format!(
                "The block -----BEGIN {label}----- has no matching -----END {label}----- line: the paste was cut \
                 short. Copy the whole certificate, including the END line."
            ),
            sp,
        );
    }
    let Some(bytes) = bytes else {
        if !b.complete {
            return;
        }
        out.diag(
            Severity::Warning,
            "cert-pem-invalid",
            format!("The text inside -----BEGIN {label}----- is not valid base64. Copy the certificate again without editing it."),
            sp,
        );
        return;
    };
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" | "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => {
            let before = out.diagnostics.len();
            collect_bytes(&bytes, sp, depth + 1, out);
            if !b.complete {
                // The truncation message above already says what is wrong; keep just that one.
                out.diagnostics.truncate(before);
            }
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" => out.diag(
            Severity::Warning,
            "cert-public-key",
            "This is a bare public key, not a certificate: it has no name, dates or issuer to check. Export the certificate instead (Copy to File... > Base-64 encoded X.509 (.CER)).",
            sp,
        ),
        "X509 CRL" => out.diag(
            Severity::Warning,
            "cert-crl",
            "This is a certificate revocation list (CRL), not a certificate. Paste the server certificate instead.",
            sp,
        ),
        _ => out.diag(
            Severity::Warning,
            "cert-pem-unknown",
            format!("A -----BEGIN {label}----- block is not a certificate and was skipped."),
            sp,
        ),
    }
}

/// True when the bytes are mostly printable text (a PEM file given as bytes).
fn looks_like_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes.iter().take(4096).all(|&b| {
            b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b) || b >= 0x80
        })
        && std::str::from_utf8(bytes).is_ok()
}

/// A character of standard or URL-safe base64 (not padding).
fn is_base64_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'-' | b'_')
}

/// Standard alphabet, padding stripped before decoding, unused trailing bits tolerated (as
/// hand-edited and re-wrapped pastes have them).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Decodes standard or URL-safe base64 (even mixed), ignoring whitespace; up to two `=` of
/// padding at the end, not checked against the length. None when any other character appears
/// or the length is impossible.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let mut clean: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            b'-' => b'+',
            b'_' => b'/',
            c => c,
        })
        .collect();
    let body = clean.iter().rposition(|&c| c != b'=').map_or(0, |i| i + 1);
    if clean.len() - body > 2 || body == 0 {
        return None;
    }
    clean.truncate(body);
    BASE64.decode(&clean).ok()
}

/// Decodes hex with optional spaces, colons, commas, dashes, line breaks and `0x` prefixes
/// (also per byte, as in `0x30, 0x82, ...`).
pub fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut hi: Option<u8> = None;
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_whitespace() || c == b':' || c == b'-' || c == b',' || c == b'\\' {
            continue;
        }
        // The 'x' of a "0x" prefix: drop it together with the '0' already taken as a nibble.
        if (c == b'x' || c == b'X') && hi == Some(0) && i > 0 && b[i - 1] == b'0' {
            hi = None;
            continue;
        }
        let v = (c as char).to_digit(16)? as u8;
        match hi.take() {
            None => hi = Some(v),
            Some(h) => out.push(h << 4 | v),
        }
    }
    if hi.is_some() || out.len() < 16 {
        return None;
    }
    Some(out)
}

/// Decodes a list of decimal byte values, one per line or separated by spaces/commas (what
/// PowerShell prints for a certificate's `RawData`). At least 64 values, all 0..=255.
fn decode_decimal(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for tok in s
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        if tok.len() > 3 || !tok.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push(tok.parse::<u8>().ok()?);
    }
    (out.len() >= 64).then_some(out)
}

/// Byte ranges of consecutive lines that are pure base64 (at least 40 characters together,
/// starting with `MI`, the base64 of a DER SEQUENCE with a long length).
fn base64_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let is_b64 = t.len() >= 16 && t.bytes().all(|c| is_base64_char(c) || c == b'=');
        let lead = line.len() - line.trim_start().len();
        if is_b64 {
            let (s, e) = (offset + lead, offset + lead + t.len());
            cur = Some(match cur {
                Some((cs, _)) => (cs, e),
                None => (s, e),
            });
        } else if let Some(r) = cur.take() {
            runs.push(r);
        }
        offset += line.len();
    }
    if let Some(r) = cur {
        runs.push(r);
    }
    runs.retain(|&(s, e)| e - s >= 40 && text.get(s..s + 2) == Some("MI"));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_variants() {
        assert_eq!(decode_base64("TWFu").unwrap(), b"Man");
        assert_eq!(decode_base64("TWE=").unwrap(), b"Ma");
        assert_eq!(decode_base64("TW\r\nE").unwrap(), b"Ma");
        assert_eq!(decode_base64("TQ==").unwrap(), b"M");
        assert!(decode_base64("T").is_none());
        assert!(decode_base64("TW=E").is_none());
        assert!(decode_base64("not base64!").is_none());
        // URL-safe and standard characters, mixed; surplus padding; trailing bits.
        assert_eq!(decode_base64("-_8+/w").unwrap(), [0xfb, 0xff, 0x3e, 0xff]);
        assert_eq!(decode_base64("TWFu=").unwrap(), b"Man");
        assert!(decode_base64("TQ===").is_none());
        assert!(decode_base64("====").is_none());
        assert!(decode_base64("").is_none());
        assert_eq!(decode_base64("TR==").unwrap(), b"M");
    }

    #[test]
    fn hex_variants() {
        let want: Vec<u8> = (0u8..16).collect();
        assert_eq!(
            decode_hex("000102030405060708090a0b0c0d0e0f").unwrap(),
            want
        );
        assert_eq!(
            decode_hex("00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F").unwrap(),
            want
        );
        assert_eq!(
            decode_hex("00 01 02 03 04 05 06 07\n08 09 0a 0b 0c 0d 0e 0f").unwrap(),
            want
        );
        assert_eq!(decode_hex("0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f").unwrap(), want);
        assert_eq!(
            decode_hex("0x000102030405060708090a0b0c0d0e0f").unwrap(),
            want
        );
        assert_eq!(
            decode_hex("00,01,02,03,04,05,06,07,\\\n  08,09,0a,0b,0c,0d,0e,0f").unwrap(),
            want
        );
        assert!(decode_hex("0g").is_none());
        assert!(decode_hex("000").is_none());
    }

    #[test]
    fn finds_pem_blocks_and_truncation() {
        let t = "x\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBBB";
        let b = pem_blocks(t);
        assert_eq!(b.len(), 2);
        assert!(b[0].complete && !b[1].complete);
        assert_eq!(&t[b[0].body_start..b[0].body_end], "\nAAAA\n");
    }
}
