//! Resource caps on what one request may carry, applied before any parsing so that a hostile
//! or accidental giant input costs bounded time and memory. Whatever is over a cap is cut or
//! dropped with a warning diagnostic naming exactly what was dropped; nothing under the caps is
//! touched. Every number here is documented in SECURITY.md.
//!
//! Entry points: [`apply_limits`] (in place), [`limited`] (a limited copy, made only when
//! something is over a cap), [`limit_report`] (caps on the report's lists) and
//! [`within_limits`], which wraps a whole `diagnose` run and is what [`crate::rank::diagnose`]
//! calls. Cuts in text are always on a UTF-8 char boundary (at a line end when one is near), so
//! every kept byte keeps its offset and spans stay valid.

use crate::finding::{Diagnostic, Severity};
use crate::schema::{Report, Request};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

const MIB: usize = 1024 * 1024;

/// Largest single pasted text (bytes of UTF-8). Enough for a whole exported event log.
pub const MAX_TEXT_BYTES: usize = 16 * MIB;
/// Largest sum of all pasted texts (bytes).
pub const MAX_TOTAL_TEXT_BYTES: usize = 16 * MIB;
/// Most pasted texts (evidence items) in one request.
pub const MAX_TEXTS: usize = 64;
/// Largest request JSON `diagnose_json` parses (bytes). Above every content cap combined, so it
/// only stops what could never be read whole anyway (JSON escaping can double a text's size).
pub const MAX_REQUEST_JSON_BYTES: usize = 64 * MIB;
/// Largest single certificate input (PEM/base64/hex text, bytes).
pub const MAX_CERT_INPUT_BYTES: usize = 2 * MIB;
/// Most certificate inputs (pasted or dropped files) in one request.
pub const MAX_CERT_INPUTS: usize = 16;
/// Most certificates analysed from one input (enforced by the certificate reader).
pub const MAX_CERTS_PER_INPUT: usize = crate::cert::input::MAX_CERTS;
/// Most certificates reported for one request.
pub const MAX_CERTS_PER_REQUEST: usize = 128;
/// Largest probe report (bytes of compact JSON).
pub const MAX_PROBE_JSON_BYTES: usize = MIB;
/// Largest overlay knowledge (bytes of compact JSON).
pub const MAX_OVERLAY_JSON_BYTES: usize = 4 * MIB;
/// Deepest nesting of arrays/objects accepted in the probe report and the overlay. (The request
/// JSON as a whole is parsed by serde_json, which refuses [`SERDE_JSON_DEPTH`] levels of
/// nesting with an error; `diagnose_json` turns that into a diagnostic.)
pub const MAX_JSON_DEPTH: usize = 32;
/// The nesting serde_json refuses (its recursion limit).
pub const SERDE_JSON_DEPTH: usize = 128;
/// Most answers (question → option) in one request.
pub const MAX_ANSWERS: usize = 256;
/// Most fix feedback entries (fix → outcome) in one request.
pub const MAX_FEEDBACK: usize = 256;
/// Longest question, option or fix ID (bytes); longer ones are never valid IDs.
pub const MAX_ID_BYTES: usize = 128;
/// Longest host name (bytes; DNS names are at most 253).
pub const MAX_HOST_BYTES: usize = 255;
/// Longest `now` string (bytes; RFC 3339 times are about 30).
pub const MAX_NOW_BYTES: usize = 64;
/// Most findings listed in one report (ranking uses all of them first).
pub const MAX_FINDINGS: usize = 2_000;
/// Most decoded codes listed in one report.
pub const MAX_DECODED: usize = 2_000;
/// Most diagnostics listed in one report (the rest are summarised in one more).
pub const MAX_DIAGNOSTICS: usize = 500;

/// How far back from a byte cap a text cut looks for a line end.
const LINE_SEARCH: usize = 4096;

fn warn(code: &str, message: String) -> Diagnostic {
    Diagnostic::new(Severity::Warning, code, message)
}

/// A byte count as people read it: `3.2 MB`, `14.0 KB`, `512 bytes` (also the web app's item sizes).
pub fn human_size(bytes: usize) -> String {
    if bytes >= MIB {
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary, preferring to
/// end just after a line break within the last few KB. Never panics.
pub fn cut_prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    let from = end.saturating_sub(LINE_SEARCH);
    if let Some(nl) = s.as_bytes()[from..end].iter().rposition(|&b| b == b'\n') {
        let at = from + nl + 1;
        if at > 0 {
            end = at;
        }
    }
    s.get(..end).unwrap_or("")
}

/// Compact JSON size of `v`, counting only up to `cap + 1` bytes (stops writing early).
/// Written by serde_json into a counting writer that fails once past the cap.
fn json_size_capped(v: &Value, cap: usize) -> usize {
    struct Counter {
        n: usize,
        cap: usize,
    }
    impl std::io::Write for Counter {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.n += b.len();
            if self.n > self.cap {
                return Err(std::io::ErrorKind::Other.into());
            }
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut c = Counter { n: 0, cap };
    let _ = serde_json::to_writer(&mut c, v);
    c.n
}

/// Nesting depth of `v` (a scalar is 0, `[]` is 1), counted without recursion and stopping
/// once it passes `cap`.
pub fn json_depth_capped(v: &Value, cap: usize) -> usize {
    let mut stack: Vec<(&Value, usize)> = vec![(v, 0)];
    let mut max = 0;
    while let Some((v, d)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Array(a) => Box::new(a.iter()),
            Value::Object(o) => Box::new(o.values()),
            _ => continue,
        };
        let d = d + 1;
        max = max.max(d);
        if max > cap {
            return max;
        }
        stack.extend(children.map(|c| (c, d)));
    }
    max
}

/// Drops a JSON value without recursion (a value nested a million levels deep would overflow
/// the stack in the ordinary recursive drop).
fn drop_json(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(o) => stack.extend(o.into_values()),
            _ => {}
        }
    }
}

/// Why a raw JSON input (probe report, overlay) is refused, if it is.
fn json_problem(v: &Value, max_bytes: usize) -> Option<(&'static str, String)> {
    let depth = json_depth_capped(v, MAX_JSON_DEPTH);
    if depth > MAX_JSON_DEPTH {
        return Some((
            "depth",
            format!("it is nested more than {MAX_JSON_DEPTH} levels deep"),
        ));
    }
    let size = json_size_capped(v, max_bytes);
    if size > max_bytes {
        return Some((
            "size",
            format!("it is larger than {} of JSON", human_size(max_bytes)),
        ));
    }
    None
}

/// For `diagnose_json`: the report JSON to return instead of parsing when the request JSON is
/// larger than [`MAX_REQUEST_JSON_BYTES`]; `None` when it may be parsed.
pub fn oversize_request_json(json: &str) -> Option<String> {
    if json.len() <= MAX_REQUEST_JSON_BYTES {
        return None;
    }
    let mut r = Report {
        schema: crate::schema::REPORT_SCHEMA.to_string(),
        ..Report::default()
    };
    r.diagnostics.push(Diagnostic::new(
        Severity::Error,
        "limit-request-size",
        format!("The request was not read: it is {} of JSON and the limit is {}. Send the lines around the failure instead of whole logs.", human_size(json.len()), human_size(MAX_REQUEST_JSON_BYTES)),
    ));
    Some(serde_json::to_string(&r).unwrap_or_default())
}

/// True when some part of `req` is over a cap (cheap: nothing is copied).
pub fn exceeds_limits(req: &Request) -> bool {
    let total: usize = req.texts.iter().map(String::len).sum();
    req.texts.len() > MAX_TEXTS
        || total > MAX_TOTAL_TEXT_BYTES
        || req.texts.iter().any(|t| t.len() > MAX_TEXT_BYTES)
        || req.certificates.len() > MAX_CERT_INPUTS
        || req
            .certificates
            .iter()
            .any(|c| c.len() > MAX_CERT_INPUT_BYTES)
        || req
            .probe
            .as_ref()
            .is_some_and(|v| json_problem(v, MAX_PROBE_JSON_BYTES).is_some())
        || req
            .overlay
            .as_ref()
            .is_some_and(|v| json_problem(v, MAX_OVERLAY_JSON_BYTES).is_some())
        || req.answers.len() > MAX_ANSWERS
        || req
            .answers
            .iter()
            .any(|(q, o)| q.len() > MAX_ID_BYTES || o.len() > MAX_ID_BYTES)
        || req.feedback.len() > MAX_FEEDBACK
        || req.feedback.keys().any(|f| f.len() > MAX_ID_BYTES)
        || req.skipped.len() > MAX_ANSWERS
        || req.skipped.iter().any(|q| q.len() > MAX_ID_BYTES)
        || req.host.as_ref().is_some_and(|h| h.len() > MAX_HOST_BYTES)
        || req.now.as_ref().is_some_and(|n| n.len() > MAX_NOW_BYTES)
}

/// Texts within the per-item, count and total caps.
fn limit_texts(texts: &[String], diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut out = Vec::with_capacity(texts.len().min(MAX_TEXTS));
    let mut left = MAX_TOTAL_TEXT_BYTES;
    for (i, t) in texts.iter().enumerate() {
        if i >= MAX_TEXTS {
            diags.push(warn(
                "limit-texts",
                format!("Only the first {MAX_TEXTS} pasted texts were read; {} more (items {} to {}) were dropped. Paste only the texts about this connection failure.", texts.len() - MAX_TEXTS, MAX_TEXTS + 1, texts.len()),
            ));
            break;
        }
        if left == 0 && !t.is_empty() {
            diags.push(warn(
                "limit-total-text",
                format!("The pasted texts together are larger than {}; items {} to {} were dropped. Paste the part of each log around the failure instead of whole logs.", human_size(MAX_TOTAL_TEXT_BYTES), i + 1, texts.len()),
            ));
            break;
        }
        let cap = MAX_TEXT_BYTES.min(left);
        let kept = cut_prefix(t, cap);
        if kept.len() < t.len() {
            let (code, why) = if cap < MAX_TEXT_BYTES && t.len() <= MAX_TEXT_BYTES {
                (
                    "limit-total-text",
                    format!(
                        "together with the texts before it, it is over the {} total",
                        human_size(MAX_TOTAL_TEXT_BYTES)
                    ),
                )
            } else {
                (
                    "limit-text-size",
                    format!("it is larger than {} per text", human_size(MAX_TEXT_BYTES)),
                )
            };
            diags.push(warn(
                code,
                format!("Pasted text {} was cut: {why}. The first {} were read and the last {} were dropped. Paste the lines around the failure (the dialog text, the error events) instead of the whole log.", i + 1, human_size(kept.len()), human_size(t.len() - kept.len())),
            ));
        }
        left -= kept.len();
        out.push(kept.to_string());
    }
    out
}

/// Certificate inputs within the count and size caps. An over-size input made of PEM blocks
/// keeps its whole blocks that fit; any other over-size input is dropped (cutting base64 or hex
/// in the middle would only produce noise).
fn limit_certificates(certs: &[String], diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut out = Vec::with_capacity(certs.len().min(MAX_CERT_INPUTS));
    for (i, c) in certs.iter().enumerate() {
        if i >= MAX_CERT_INPUTS {
            diags.push(warn(
                "limit-cert-inputs",
                format!("Only the first {MAX_CERT_INPUTS} certificate inputs were read; {} more were dropped. Give the server's certificate and its chain only.", certs.len() - MAX_CERT_INPUTS),
            ));
            break;
        }
        if c.len() <= MAX_CERT_INPUT_BYTES {
            out.push(c.clone());
            continue;
        }
        let head = cut_prefix(c, MAX_CERT_INPUT_BYTES);
        const END: &str = "-----END CERTIFICATE-----";
        match head.rfind(END) {
            Some(at) => {
                let kept = &head[..at + END.len()];
                diags.push(warn(
                    "limit-cert-size",
                    format!("Certificate input {} is larger than {}; only the PEM certificates in its first {} were read and the last {} were dropped. Give the server's certificate and its chain only.", i + 1, human_size(MAX_CERT_INPUT_BYTES), human_size(kept.len()), human_size(c.len() - kept.len())),
                ));
                out.push(kept.to_string());
            }
            None => {
                diags.push(warn(
                    "limit-cert-size",
                    format!("Certificate input {} ({}) was dropped: it is larger than {}. A certificate is a few KB; export only the server's certificate (.cer or PEM).", i + 1, human_size(c.len()), human_size(MAX_CERT_INPUT_BYTES)),
                ));
            }
        }
    }
    out
}

fn limit_json(
    v: &Option<Value>,
    what: &str,
    code: &str,
    max_bytes: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Value> {
    let v = v.as_ref()?;
    match json_problem(v, max_bytes) {
        None => Some(v.clone()),
        Some((kind, why)) => {
            diags.push(warn(
                &format!("{code}-{kind}"),
                format!("The {what} was not used: {why}. Send it unchanged as its tool wrote it."),
            ));
            None
        }
    }
}

fn limit_map<V: Clone>(
    map: &BTreeMap<String, V>,
    max: usize,
    what: &str,
    code: &str,
    id_ok: impl Fn(&String, &V) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, V> {
    let mut out = BTreeMap::new();
    let mut long = 0usize;
    let mut over = 0usize;
    for (k, v) in map {
        if !id_ok(k, v) {
            long += 1;
        } else if out.len() >= max {
            over += 1;
        } else {
            out.insert(k.clone(), v.clone());
        }
    }
    if long > 0 {
        diags.push(warn("limit-id-length", format!("{long} {what} were dropped: their IDs are longer than {MAX_ID_BYTES} bytes, which no question, option or fix ID is. Use the IDs from the report.")));
    }
    if over > 0 {
        diags.push(warn(
            code,
            format!("Only {max} {what} were read (in ID order); {over} more were dropped."),
        ));
    }
    out
}

/// A copy of `req` within every cap plus a diagnostic per thing dropped, or the request itself
/// (borrowed, nothing copied) when it is already within the caps.
pub fn limited(req: &Request) -> (Cow<'_, Request>, Vec<Diagnostic>) {
    if !exceeds_limits(req) {
        return (Cow::Borrowed(req), Vec::new());
    }
    let mut d = Vec::new();
    let texts = limit_texts(&req.texts, &mut d);
    let certificates = limit_certificates(&req.certificates, &mut d);
    let probe = limit_json(
        &req.probe,
        "probe report",
        "limit-probe",
        MAX_PROBE_JSON_BYTES,
        &mut d,
    );
    let overlay = limit_json(
        &req.overlay,
        "overlay knowledge",
        "limit-overlay",
        MAX_OVERLAY_JSON_BYTES,
        &mut d,
    );
    let answers = limit_map(
        &req.answers,
        MAX_ANSWERS,
        "answers",
        "limit-answers",
        |q, o| q.len() <= MAX_ID_BYTES && o.len() <= MAX_ID_BYTES,
        &mut d,
    );
    let feedback = limit_map(
        &req.feedback,
        MAX_FEEDBACK,
        "fix feedback entries",
        "limit-feedback",
        |f, _| f.len() <= MAX_ID_BYTES,
        &mut d,
    );
    let skipped: BTreeSet<String> = req
        .skipped
        .iter()
        .filter(|q| q.len() <= MAX_ID_BYTES)
        .take(MAX_ANSWERS)
        .cloned()
        .collect();
    if skipped.len() < req.skipped.len() {
        d.push(warn("limit-skipped", format!("{} skipped question IDs were ignored (at most {MAX_ANSWERS}, each at most {MAX_ID_BYTES} bytes).", req.skipped.len() - skipped.len())));
    }
    let host = match &req.host {
        Some(h) if h.len() > MAX_HOST_BYTES => {
            d.push(warn("limit-host-length", format!("The host name was ignored: it is {} long and host names are at most {MAX_HOST_BYTES} bytes. Type the name exactly as in the Remote Desktop client.", human_size(h.len()))));
            None
        }
        h => h.clone(),
    };
    let now = match &req.now {
        Some(n) if n.len() > MAX_NOW_BYTES => {
            d.push(warn("limit-now-length", format!("`now` was ignored: it is {} long; send an RFC 3339 time such as \"2026-11-21T09:00:00Z\".", human_size(n.len()))));
            None
        }
        n => n.clone(),
    };
    let out = Request {
        schema: req.schema.clone(),
        texts,
        certificates,
        probe,
        answers,
        feedback,
        skipped,
        host,
        now,
        overlay,
    };
    (Cow::Owned(out), d)
}

/// Cuts or drops whatever in `req` is over a cap, in place, and says what was dropped (one
/// warning diagnostic per kind of cut). A request within the caps is left untouched and gets
/// no diagnostic.
pub fn apply_limits(req: &mut Request) -> Vec<Diagnostic> {
    let (new, diags) = match limited(req) {
        (Cow::Borrowed(_), d) => return d,
        (Cow::Owned(r), d) => (r, d),
    };
    let old = std::mem::replace(req, new);
    if let Some(v) = old.probe {
        drop_json(v);
    }
    if let Some(v) = old.overlay {
        drop_json(v);
    }
    diags
}

/// Caps the lists of a finished report (certificates, findings, decoded codes, diagnostics).
/// The ranking has already used everything; only the listing is shortened.
pub fn limit_report(r: &mut Report) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    if r.certificates.len() > MAX_CERTS_PER_REQUEST {
        let n = r.certificates.len() - MAX_CERTS_PER_REQUEST;
        r.certificates.truncate(MAX_CERTS_PER_REQUEST);
        d.push(warn("limit-certs", format!("Only the first {MAX_CERTS_PER_REQUEST} certificates are listed; {n} more were dropped from the report. Give the server's certificate and its chain only.")));
    }
    if r.findings.len() > MAX_FINDINGS {
        let n = r.findings.len() - MAX_FINDINGS;
        r.findings.truncate(MAX_FINDINGS);
        d.push(warn("limit-findings", format!("Only the first {MAX_FINDINGS} findings are listed; {n} more were counted in the ranking but dropped from the list.")));
    }
    if r.decoded.len() > MAX_DECODED {
        let n = r.decoded.len() - MAX_DECODED;
        r.decoded.truncate(MAX_DECODED);
        d.push(warn("limit-decoded", format!("Only the first {MAX_DECODED} decoded codes are listed; {n} more were dropped from the list.")));
    }
    if r.diagnostics.len() + d.len() > MAX_DIAGNOSTICS {
        let keep = MAX_DIAGNOSTICS.saturating_sub(d.len() + 1);
        let n = r.diagnostics.len().saturating_sub(keep);
        r.diagnostics.truncate(keep);
        d.push(warn("limit-diagnostics", format!("{n} more notes about the input were dropped from the list (at most {MAX_DIAGNOSTICS} are listed).")));
    }
    d
}

/// Runs `run` (a whole diagnose) on `req` within the caps: the request is limited first (copied
/// only when something is over a cap), the report's lists are capped after, and every limit
/// diagnostic comes first in the report's diagnostics.
pub fn within_limits(req: &Request, run: impl FnOnce(&Request) -> Report) -> Report {
    let (req, mut diags) = limited(req);
    let mut report = run(&req);
    drop(req);
    diags.extend(limit_report(&mut report));
    if !diags.is_empty() {
        report.diagnostics.splice(0..0, diags);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_prefix_keeps_char_boundaries() {
        let s = "aé€😀".repeat(10);
        for max in 0..=s.len() + 2 {
            let c = cut_prefix(&s, max);
            assert!(c.len() <= max || c.len() == s.len());
            assert!(s.starts_with(c));
        }
    }

    #[test]
    fn cut_prefix_prefers_line_end() {
        let s = format!("{}\n{}", "a".repeat(100), "b".repeat(100));
        assert_eq!(cut_prefix(&s, 150), format!("{}\n", "a".repeat(100)));
    }

    #[test]
    fn json_size_is_exact_up_to_the_cap() {
        let text =
            serde_json::json!({"schema": "x\u{1}\"y", "n": [1, 2.5, -3e300, null, true], "é": {}})
                .to_string();
        let v = serde_json::from_str::<Value>(&text).unwrap();
        let len = text.len();
        assert_eq!(json_size_capped(&v, len), len);
        assert_eq!(json_size_capped(&v, 10 * len), len);
        assert!(json_size_capped(&v, len - 1) > len - 1);
        assert!(json_size_capped(&v, 3) > 3);
    }

    #[test]
    fn depth_counts_without_recursion() {
        let j = |t: &str| serde_json::from_str::<Value>(t).unwrap();
        assert_eq!(json_depth_capped(&j("1"), 10), 0);
        assert_eq!(json_depth_capped(&j(r#"[[{"a": [1]}]]"#), 10), 4);
        assert_eq!(json_depth_capped(&j("[[[[[[1]]]]]]"), 3), 4);
    }
}
