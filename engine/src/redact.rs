//! Redaction for anything that leaves the user's machine (Markdown export, share links): user
//! names, IP addresses and host names are replaced by numbered placeholders (`[user-1]`,
//! `[ip-2]`, `[host-1]`; the same value always gets the same number within one
//! [`Redactor`], so "the name resolved to [ip-1], which is this PC's own [ip-1]" still reads),
//! except the host being diagnosed. Private keys and password-like values are ALWAYS removed,
//! whatever the options say. [`looks_like_secret`] finds what the page should warn about.
//!
//! Hand-written byte scanning (no regex): every cut is next to an ASCII delimiter, so the output
//! is always valid UTF-8 and nothing panics on any input.
//!
//! Wiring: Markdown export `render::to_markdown(&redact::redact_report(&report, &opts), &o)`;
//! share link `share::encode_request(&redact::redact_request(&request, &opts))`; a single text
//! `redact::redact(text, &opts)`; the paste warning `redact::looks_like_secret(text)`.

use crate::finding::Span;
use crate::schema::{Report, Request};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// What to redact. Private keys and secrets are always removed; these switch the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RedactOptions {
    /// User names: `DOMAIN\user`, `user@domain`, `User: x` / `Account Name: x` and friends,
    /// `C:\Users\x`, `/home/x`, qwinsta's USERNAME column, event XML `*UserName` data, SIDs.
    pub users: bool,
    /// IPv4 and IPv6 addresses (loopback, unspecified and masks are kept).
    pub ips: bool,
    /// Host names: FQDNs and values labelled as computer/host names.
    pub hosts: bool,
    /// The host being diagnosed (as typed in the RDP client): kept readable, as is any name with
    /// the same first label, and the same address when it is an IP.
    pub keep_host: Option<String>,
}

impl Default for RedactOptions {
    /// Everything on, no host kept.
    fn default() -> Self {
        RedactOptions {
            users: true,
            ips: true,
            hosts: true,
            keep_host: None,
        }
    }
}

impl RedactOptions {
    /// Everything on, keeping `host` (usually `Request.host`).
    pub fn all_except_host(host: Option<&str>) -> Self {
        RedactOptions {
            keep_host: host.map(str::to_string),
            ..RedactOptions::default()
        }
    }
    /// Nothing optional: only private keys and secrets are removed.
    pub fn secrets_only() -> Self {
        RedactOptions {
            users: false,
            ips: false,
            hosts: false,
            keep_host: None,
        }
    }
}

/// Something in a paste that looks like a secret, for the page to warn about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretHint {
    /// `private-key`, `password`, `cmdkey-password`, `freerdp-password`, `rdp-file-password`,
    /// `bearer-token`, `basic-auth`, `plaintext-securestring`.
    pub kind: String,
    /// Bytes of the secret itself (or the whole key block) in the text.
    pub start: usize,
    pub end: usize,
    /// What it is and what to do, in words.
    pub message: String,
}

/// Placeholder text for a removed private key.
pub const KEY_REMOVED: &str = "[private key removed]";
/// Placeholder text for a removed password or token.
pub const SECRET_REMOVED: &str = "[secret removed]";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Key,
    Secret,
    User,
    Ip,
    Host,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Redacts texts consistently: one value, one placeholder number, across every call.
#[derive(Debug, Clone)]
pub struct Redactor {
    opts: RedactOptions,
    /// `kind-name:lower-case value` -> placeholder number.
    seen: HashMap<String, usize>,
    /// Placeholders handed out so far, per kind (indexed by `Kind as usize`).
    counts: [usize; 5],
}

impl Redactor {
    pub fn new(opts: &RedactOptions) -> Self {
        Redactor {
            opts: opts.clone(),
            seen: HashMap::new(),
            counts: [0; 5],
        }
    }

    fn placeholder(&mut self, kind: Kind, value: &str) -> String {
        let name = match kind {
            Kind::Key => return KEY_REMOVED.to_string(),
            Kind::Secret => return SECRET_REMOVED.to_string(),
            Kind::User => "user",
            Kind::Ip => "ip",
            Kind::Host => "host",
        };
        // The name has no `:`, so `name:value` keys of different kinds never collide.
        let key = format!("{name}:{}", value.to_ascii_lowercase());
        let n = match self.seen.get(&key).copied() {
            Some(n) => n,
            None => {
                let c = &mut self.counts[kind as usize];
                *c += 1;
                self.seen.insert(key, *c);
                *c
            }
        };
        format!("[{name}-{n}]")
    }

    /// Redacts one text.
    pub fn redact(&mut self, text: &str) -> String {
        let hits = find_all(text, &self.opts);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for h in hits {
            out.push_str(text.get(at..h.start).unwrap_or(""));
            let value = text.get(h.start..h.end).unwrap_or("");
            let p = self.placeholder(h.kind, value);
            out.push_str(&p);
            at = h.end;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        out
    }

    /// Redacts every string inside a JSON value (object keys are left alone).
    pub fn redact_json(&mut self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.redact(s)),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.redact_json(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.redact_json(x)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

/// Redacts `text` (see [`RedactOptions`]); private keys and secrets are always removed.
pub fn redact(text: &str, opts: &RedactOptions) -> String {
    Redactor::new(opts).redact(text)
}

/// A copy of `req` safe to put in a share link: every text and the probe report redacted with
/// one [`Redactor`], certificate inputs stripped of private keys (an input that holds a key in
/// a form other than PEM, e.g. a PFX or base64 PKCS#8, is dropped whole), the overlay, answers,
/// feedback, host and time kept. With `hosts` on and no `keep_host` given, `req.host` is kept.
pub fn redact_request(req: &Request, opts: &RedactOptions) -> Request {
    let mut opts = opts.clone();
    if opts.keep_host.is_none() {
        opts.keep_host = req.host.clone();
    }
    let mut r = Redactor::new(&opts);
    let texts = req.texts.iter().map(|t| r.redact(t)).collect();
    let mut keys_only = Redactor::new(&RedactOptions::secrets_only());
    let certificates = req
        .certificates
        .iter()
        .filter_map(|c| {
            let stripped = keys_only.redact(c);
            let still_key = crate::cert::analyze(&stripped, None, 0)
                .diagnostics
                .iter()
                .any(|d| d.code == "cert-private-key");
            (!still_key).then_some(stripped)
        })
        .collect();
    let probe = req.probe.as_ref().map(|p| redact_probe(&mut r, p));
    Request {
        texts,
        certificates,
        probe,
        ..req.clone()
    }
}

/// Probe reports: strings redacted except the fields that are not personal data.
fn redact_probe(r: &mut Redactor, v: &Value) -> Value {
    let mut out = r.redact_json(v);
    if let (Some(o), Some(src)) = (out.as_object_mut(), v.as_object()) {
        for k in ["schema", "tool", "started", "finished"] {
            if let Some(x) = src.get(k) {
                o.insert(k.to_string(), x.clone());
            }
        }
    }
    out
}

/// A copy of `report` for export: text that came from the user's input (finding titles and
/// details, certificate names, diagnostics, explanation labels) redacted with one
/// [`Redactor`]; the knowledge base's own text (causes, fixes, commands) is left as written.
pub fn redact_report(report: &Report, opts: &RedactOptions) -> Report {
    let mut r = Redactor::new(opts);
    let mut out = report.clone();
    for f in &mut out.findings {
        f.title = r.redact(&f.title);
        f.detail = r.redact(&f.detail);
    }
    for d in &mut out.decoded {
        d.display = r.redact(&d.display);
    }
    for c in &mut out.certificates {
        c.subject = r.redact(&c.subject);
        c.issuer = r.redact(&c.issuer);
        for s in &mut c.sans {
            *s = r.redact(s);
        }
        for v in &mut c.verdicts {
            v.explanation = r.redact(&v.explanation);
        }
    }
    for c in &mut out.causes {
        for w in &mut c.why {
            w.label = r.redact(&w.label);
        }
    }
    for d in &mut out.diagnostics {
        d.message = r.redact(&d.message);
    }
    out
}

/// Everything in `text` that looks like a secret, in text order.
pub fn looks_like_secret(text: &str) -> Vec<SecretHint> {
    let mut out = Vec::new();
    for (s, e, what) in private_keys(text) {
        out.push(SecretHint {
            kind: "private-key".into(),
            start: s,
            end: e,
            message: format!("This looks like {what}. A private key is a secret: remove it before sharing, and treat it as exposed if it was already sent. For a certificate question, paste only the certificate (-----BEGIN CERTIFICATE-----)."),
        });
    }
    for (s, e, kind) in secrets(text) {
        let message = match kind {
            "cmdkey-password" => "This cmdkey command line contains a password (/pass:). Remove it before sharing and change the password if it was already sent.",
            "freerdp-password" => "This FreeRDP command line contains a password (/p:). Remove it before sharing and change the password if it was already sent.",
            "rdp-file-password" => "This .rdp file contains a saved (encrypted) password. Remove the \"password 51:b:\" line before sharing.",
            "bearer-token" => "This looks like a bearer token (an access token). Remove it before sharing; anyone holding it can act as you until it expires.",
            "basic-auth" => "This Authorization: Basic header contains a user name and password (only base64-encoded). Remove it before sharing.",
            "plaintext-securestring" => "This PowerShell line contains a password in plain text (ConvertTo-SecureString -AsPlainText). Remove it before sharing.",
            _ => "This looks like a password. Remove it before sharing and change it if it was already sent.",
        };
        out.push(SecretHint {
            kind: kind.to_string(),
            start: s,
            end: e,
            message: message.to_string(),
        });
    }
    out.sort_by_key(|h| (h.start, h.end));
    out
}

/// The hints as spans into pasted item `item` (for highlighting in the page).
pub fn secret_spans(text: &str, item: usize) -> Vec<(SecretHint, Span)> {
    looks_like_secret(text)
        .into_iter()
        .map(|h| {
            let sp = Span {
                item,
                start: h.start,
                end: h.end,
            };
            (h, sp)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Detection. Each detector returns byte ranges whose ends sit next to ASCII bytes (or the text
// ends), so they are char boundaries.

fn find_all(text: &str, o: &RedactOptions) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    hits.extend(private_keys(text).into_iter().map(|(s, e, _)| Hit {
        start: s,
        end: e,
        kind: Kind::Key,
    }));
    hits.extend(secrets(text).into_iter().map(|(s, e, _)| Hit {
        start: s,
        end: e,
        kind: Kind::Secret,
    }));
    let keep = o
        .keep_host
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty());
    if o.users {
        users(text, &mut hits);
    }
    if o.ips {
        ips(text, keep, &mut hits);
    }
    if o.hosts {
        hosts(text, keep, &mut hits);
    }
    // Earliest first; at the same start the stronger kind, then the longer range.
    hits.retain(|h| {
        h.start < h.end
            && h.end <= text.len()
            && text.is_char_boundary(h.start)
            && text.is_char_boundary(h.end)
    });
    hits.sort_by_key(|h| (h.start, h.kind, std::cmp::Reverse(h.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.last_mut() {
            Some(last) if h.start < last.end => {
                // Overlap: a key or secret swallows whatever it overlaps.
                if h.kind < last.kind && h.kind <= Kind::Secret {
                    last.end = last.end.max(h.end);
                    last.kind = h.kind;
                } else if last.kind <= Kind::Secret {
                    last.end = last.end.max(h.end);
                }
            }
            _ => out.push(h),
        }
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Case-insensitive ASCII match of `pat` at `i`.
fn at(b: &[u8], i: usize, pat: &str) -> bool {
    b.len() >= i + pat.len() && b[i..i + pat.len()].eq_ignore_ascii_case(pat.as_bytes())
}

fn line_end(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |p| i + p)
}

/// Longest value a detector reads after a label (keeps every scan linear in the text).
const MAX_VALUE: usize = 256;

/// [`line_end`], looking at most `max` bytes ahead.
fn line_end_within(b: &[u8], i: usize, max: usize) -> usize {
    let stop = i.saturating_add(max).min(b.len());
    b[i.min(stop)..stop]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(stop, |p| i + p)
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Private key blocks: PEM `-----BEGIN ... PRIVATE KEY-----` to its END line (or, when the END
/// line is missing, to the end of the base64 lines), and PuTTY key files.
fn private_keys(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Labels whose END line is known to be absent from some position on (keeps this linear).
    let mut no_end: Vec<String> = Vec::new();
    let mut next_mac: Option<Option<usize>> = None;
    let mut i = 0;
    while i < b.len() {
        // Both markers start with '-' or 'P': jump to the next such byte.
        match b[i..].iter().position(|&c| c == b'-' || c == b'P') {
            Some(p) => i += p,
            None => break,
        }
        if at(b, i, "-----BEGIN ") {
            let label_start = i + 11;
            let window = &b[label_start..(label_start + 80).min(b.len())];
            let Some(rel) = window.windows(5).position(|w| w == b"-----") else {
                i = label_start;
                continue;
            };
            let label = text.get(label_start..label_start + rel).unwrap_or("");
            let after_begin = label_start + rel + 5;
            if !label.contains('\n') && label.to_ascii_uppercase().contains("PRIVATE KEY") {
                let end_marker = format!("-----END {label}-----");
                let found = if no_end.iter().any(|l| l == label) {
                    None
                } else {
                    text[after_begin..].find(&end_marker)
                };
                let end = match found {
                    Some(p) => after_begin + p + end_marker.len(),
                    None => {
                        no_end.push(label.to_string());
                        base64_lines_end(b, after_begin)
                    }
                };
                out.push((i, end, "a private key"));
                i = end;
                continue;
            }
            i = after_begin;
            continue;
        }
        if at(b, i, "PuTTY-User-Key-File-") && (i == 0 || b[i - 1] == b'\n') {
            // Runs to the end of the Private-MAC line (or the base64 lines after Private-Lines).
            // The next "Private-MAC:" at or after i, searched once per position passed.
            if next_mac.is_some_and(|m| m.is_some_and(|p| p < i)) || next_mac.is_none() {
                next_mac = Some(text[i..].find("Private-MAC:").map(|p| i + p));
            }
            let end = match next_mac.flatten().filter(|p| p - i <= 64 * 1024) {
                Some(p) => line_end_within(b, p, MAX_VALUE),
                None => base64_lines_end(b, line_end(b, i)),
            };
            out.push((i, end, "a PuTTY private key file"));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// End of the run of base64 lines (after optional `Header: value` lines and one blank line)
/// starting at `i`: where a cut-off key block stops.
fn base64_lines_end(b: &[u8], mut i: usize) -> usize {
    let mut end = i;
    let mut body = false;
    while i < b.len() {
        let le = line_end(b, i);
        let t = b[i..le].trim_ascii();
        if t.is_empty() {
            if body {
                break;
            }
        } else if !body && t.contains(&b':') && t.len() < 200 {
            // RFC 1421 header such as Proc-Type: 4,ENCRYPTED
        } else if t
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=')
        {
            body = true;
        } else {
            break;
        }
        end = le;
        i = le;
        if i < b.len() && b[i] == b'\r' {
            i += 1;
        }
        if i < b.len() && b[i] == b'\n' {
            i += 1;
        }
    }
    end
}

/// The value after `i` up to whitespace (or a closing quote when it starts with one).
fn value_token(b: &[u8], i: usize) -> (usize, usize) {
    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
        let q = b[i];
        let s = i + 1;
        let stop = s.saturating_add(MAX_VALUE).min(b.len());
        let e = b[s..stop]
            .iter()
            .position(|&c| c == q || c == b'\n')
            .map_or(stop, |p| s + p);
        return (s, floor_ascii(b, s, e));
    }
    let i = i.min(b.len());
    let stop = i.saturating_add(MAX_VALUE).min(b.len());
    let e = b[i..stop]
        .iter()
        .position(|&c| {
            c.is_ascii_whitespace()
                || c == b'"'
                || c == b'\''
                || c == b';'
                || c == b'<'
                || c == b','
        })
        .map_or(stop, |p| i + p);
    (i, floor_ascii(b, i, e))
}

/// Moves `e` back (not below `s`) to a UTF-8 char boundary (a cap may land inside a char).
fn floor_ascii(b: &[u8], s: usize, mut e: usize) -> usize {
    while e > s && e < b.len() && (b[e] & 0xC0) == 0x80 {
        e -= 1;
    }
    e
}

/// Password-like values: `password=`, `pwd:`, `cmdkey /pass:`, FreeRDP `/p:`, `.rdp`
/// `password 51:b:`, `Bearer` tokens, `Authorization: Basic`, `ConvertTo-SecureString ...
/// -AsPlainText`.
fn secrets(text: &str) -> Vec<(usize, usize, &'static str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Every pattern below starts with p, /, b or c (any case): other bytes are passed
        // over at once, which keeps a 10 MB paste quick on the page's own thread.
        if !matches!(c | 0x20, b'p' | b'/' | b'b' | b'c') {
            i += 1;
            continue;
        }
        let word_start = i == 0 || !is_word(b[i - 1]);
        if word_start && matches!(c, b'p' | b'P') {
            // password / passwd / pwd followed by optional blanks and '=' or ':'.
            for label in ["password", "passwd", "pwd", "pass"] {
                if at(b, i, label) && !(i + label.len() < b.len() && is_word(b[i + label.len()])) {
                    let j = skip_blanks(b, i + label.len());
                    if j < b.len() && (b[j] == b'=' || b[j] == b':') {
                        if label == "pass" && !(i > 0 && b[i - 1] == b'/') {
                            break; // bare "pass:" only as the cmdkey switch /pass:
                        }
                        let (s, e) = value_token(b, skip_blanks(b, j + 1));
                        if plausible_secret(&b[s..e]) {
                            let kind = if label == "pass" {
                                "cmdkey-password"
                            } else {
                                "password"
                            };
                            out.push((s, e, kind));
                        }
                    } else if label == "password" && at(b, j, "51:b:") {
                        let (s, e) = value_token(b, j + 5);
                        if e > s {
                            out.push((s, e, "rdp-file-password"));
                        }
                    }
                    break;
                }
            }
        }
        if c == b'/'
            && (i == 0 || b[i - 1].is_ascii_whitespace())
            && (at(b, i, "/p:") || at(b, i, "/password:"))
        {
            let n = if at(b, i, "/p:") { 3 } else { 10 };
            let (s, e) = value_token(b, i + n);
            if plausible_secret(&b[s..e]) {
                out.push((s, e, "freerdp-password"));
            }
        }
        if word_start && at(b, i, "bearer ") {
            let (s, e) = value_token(b, skip_blanks(b, i + 7));
            if e - s >= 16
                && b[s..e]
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || b"-._~+/=".contains(&c))
            {
                out.push((s, e, "bearer-token"));
            }
        }
        if word_start
            && at(b, i, "basic ")
            && b[i.saturating_sub(40)..i]
                .to_ascii_lowercase()
                .trim_ascii_end()
                .ends_with(b"authorization:")
        {
            let (s, e) = value_token(b, skip_blanks(b, i + 6));
            if e - s >= 4 {
                out.push((s, e, "basic-auth"));
            }
        }
        if word_start && at(b, i, "convertto-securestring") {
            let le = floor_ascii(b, i, line_end_within(b, i, 4 * MAX_VALUE));
            let line = text.get(i..le).unwrap_or("");
            if line.to_ascii_lowercase().contains("-asplaintext") {
                let after = skip_blanks(b, i + 22);
                let (s, e) = if after < le && b[after] == b'-' {
                    // -String 'x'
                    let name_end = b[after..le]
                        .iter()
                        .position(|c| c.is_ascii_whitespace())
                        .map_or(le, |p| after + p);
                    value_token(b, skip_blanks(b, name_end))
                } else {
                    value_token(b, after)
                };
                if e > s && e <= le {
                    out.push((s, e, "plaintext-securestring"));
                }
            }
        }
        i += 1;
    }
    out
}

/// A password value worth flagging: not empty, not a mask (`****`), not a placeholder.
fn plausible_secret(v: &[u8]) -> bool {
    let mask = v
        .iter()
        .all(|&c| c == b'*' || c == b'x' || c == b'X' || c == b'.');
    let placeholder = v.first() == Some(&b'<') || (v.first() == Some(&b'$') && v.len() < 3);
    let none = v.eq_ignore_ascii_case(b"n/a") || v == b"-";
    !(v.is_empty() || mask || placeholder || none)
}

/// Values that name no one.
fn well_known_account(v: &str) -> bool {
    let v = v.trim().to_ascii_uppercase();
    let v = v.rsplit('\\').next().unwrap_or("");
    matches!(
        v,
        "" | "-"
            | "N/A"
            | "SYSTEM"
            | "LOCAL SERVICE"
            | "NETWORK SERVICE"
            | "ANONYMOUS LOGON"
            | "LOCALSYSTEM"
            | "PUBLIC"
            | "DEFAULT"
            | "DEFAULT USER"
            | "ALL USERS"
            | "ADMINISTRATORS"
            | "USERS"
            | "EVERYONE"
    )
}

const USER_LABELS: &[&str] = &[
    "target user name",
    "account name",
    "user account",
    "user name",
    "username",
    "user id",
    "logon account",
    // FreeRDP: "No user name set. - Using login name: jdoe".
    "login name",
    "benutzername",
    "kontoname",
    "nom du compte",
    "nom d'utilisateur",
    "nombre de cuenta",
    "nombre de usuario",
    "user",
    "benutzer",
    "utilisateur",
    "usuario",
];

const HOST_LABELS: &[&str] = &[
    "computer name",
    "computername",
    "computer",
    "workstation name",
    "workstation",
    "client name",
    "clientname",
    "host name",
    "hostname",
    "server name",
    "servername",
];

/// `Label: value` (or `Label = value`) at a word start: the value to the end of the line, a
/// tab, or two spaces. Returns (value start, value end).
fn labelled_value(
    b: &[u8],
    i: usize,
    labels: &[&str],
    single_token: bool,
) -> Option<(usize, usize)> {
    if i > 0 && (is_word(b[i - 1]) || b[i - 1] == b'-') {
        return None;
    }
    for label in labels {
        let label = label.trim_end_matches([' ', ':']);
        if !at(b, i, label) {
            continue;
        }
        let j = i + label.len();
        if j < b.len() && is_word(b[j]) {
            continue;
        }
        let j = skip_blanks(b, j);
        if !(j < b.len() && (b[j] == b':' || b[j] == b'=')) {
            continue;
        }
        let s = skip_blanks(b, j + 1);
        let le = floor_ascii(b, s, line_end_within(b, s, MAX_VALUE));
        let mut e = s;
        while e < le {
            if b[e] == b'\t' || (b[e] == b' ' && (single_token || (e + 1 < le && b[e + 1] == b' ')))
            {
                break;
            }
            e += 1;
        }
        while e > s && b[e - 1].is_ascii_whitespace() {
            e -= 1;
        }
        if e > s {
            return Some((s, e));
        }
        return None;
    }
    None
}

fn users(text: &str, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut qwinsta_col: Option<usize> = None;
    let mut line_start = 0;
    let mut i = 0;
    while i < b.len() {
        if i == line_start {
            let le = floor_ascii(b, i, line_end_within(b, i, 4 * MAX_VALUE));
            let line = text.get(i..le).unwrap_or("");
            let upper = line.to_ascii_uppercase();
            if upper.contains("SESSIONNAME") && upper.contains("USERNAME") {
                qwinsta_col = upper.find("USERNAME");
            } else if line.trim().is_empty() {
                qwinsta_col = None;
            } else if let Some(col) = qwinsta_col {
                if col < line.len()
                    && line.is_char_boundary(col)
                    && b[i + col] != b' '
                    && (col == 0 || b[i + col - 1] == b' ')
                {
                    let s = i + col;
                    let e = b[s..le]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace())
                        .map_or(le, |p| s + p);
                    let v = &text[s..e];
                    if !v.chars().all(|c| c.is_ascii_digit()) && !well_known_account(v) {
                        hits.push(Hit {
                            start: s,
                            end: e,
                            kind: Kind::User,
                        });
                    }
                }
            }
        }
        let c = b[i];
        if c == b'\n' {
            line_start = i + 1;
            i += 1;
            continue;
        }
        // Labelled values.
        if c.is_ascii_alphabetic() {
            if let Some((s, e)) = labelled_value(b, i, USER_LABELS, false) {
                if !well_known_account(&text[s..e]) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::User,
                    });
                }
            }
        }
        // FreeRDP's command line: `/u:value` (also `-u:`), the value one token, maybe quoted:
        // `/u:CONTOSO\jdoe`, `/u:jdoe@contoso.com`, `/u:"jdoe"`.
        if (c == b'/' || c == b'-')
            && (i == 0 || b[i - 1].is_ascii_whitespace() || b[i - 1] == b'"')
            && at(b, i + 1, "u:")
        {
            let mut s = i + 3;
            if matches!(b.get(s), Some(b'"' | b'\'')) {
                s += 1;
            }
            let mut e = s;
            // Stops only at ASCII delimiters, so `e` is always a char boundary.
            while e < b.len()
                && e - s < MAX_VALUE
                && !b[e].is_ascii_whitespace()
                && !b"\"'".contains(&b[e])
            {
                e += 1;
            }
            let e = floor_ascii(b, s, e);
            if e > s && !well_known_account(&text[s..e]) {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // Event XML: Name="...UserName">value<
        if c == b'N' && at(b, i, "Name=\"") {
            let ns = i + 6;
            if let Some(p) = b[ns..].iter().take(64).position(|&x| x == b'"') {
                let name = text[ns..ns + p].to_ascii_lowercase();
                let vs = ns + p + 1;
                if (name.ends_with("username")
                    || name.ends_with("user")
                    || name.ends_with("accountname"))
                    && vs < b.len()
                    && b[vs] == b'>'
                {
                    let s = vs + 1;
                    if let Some(q) = b[s..].iter().take(512).position(|&x| x == b'<') {
                        let v = &text[s..s + q];
                        if !well_known_account(v) {
                            hits.push(Hit {
                                start: s,
                                end: s + q,
                                kind: Kind::User,
                            });
                        }
                    }
                }
            }
        }
        // DOMAIN\user.
        if c == b'\\' && i > 0 {
            let mut s = i;
            while s > 0
                && (b[s - 1].is_ascii_alphanumeric()
                    || b[s - 1] == b'-'
                    || b[s - 1] == b'_'
                    || b[s - 1] == b'.')
            {
                s -= 1;
            }
            let before_ok = s == 0
                || !(b[s - 1] == b'\\'
                    || b[s - 1] == b':'
                    || b[s - 1] == b'/'
                    || b[s - 1] == b'%'
                    || b[s - 1] == b'$');
            let mut e = i + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b"-_.$".contains(&b[e])) {
                e += 1;
            }
            let after_ok = e >= b.len() || !(b[e] == b'\\' || b[e] == b'/');
            let domain = text[s..i].to_ascii_uppercase();
            let registry =
                domain.starts_with("HK") && (domain.len() <= 4 || domain.starts_with("HKEY_"));
            if s < i
                && e > i + 1
                && before_ok
                && after_ok
                && !registry
                && domain != "NT AUTHORITY"
                && domain != "AUTHORITY"
                && domain != "BUILTIN"
                && !well_known_account(&text[i + 1..e])
                && !b[s..i].iter().all(u8::is_ascii_digit)
            {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // user@domain.
        if c == b'@' && i > 0 && i + 1 < b.len() {
            let mut s = i;
            while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[s - 1])) {
                s -= 1;
            }
            let mut e = i + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'-' || b[e] == b'.') {
                e += 1;
            }
            while e > i + 1 && b[e - 1] == b'.' {
                e -= 1;
            }
            if s < i && e > i + 1 && b[i + 1].is_ascii_alphanumeric() {
                hits.push(Hit {
                    start: s,
                    end: e,
                    kind: Kind::User,
                });
            }
        }
        // Profile paths: \Users\x, /home/x, /Users/x.
        for (pat, sep) in [("\\users\\", b'\\'), ("/home/", b'/'), ("/users/", b'/')] {
            if (c == b'\\' || c == b'/') && at(b, i, pat) {
                let s = i + pat.len();
                let e = b[s..]
                    .iter()
                    .position(|&x| x == sep || x.is_ascii_whitespace() || b"\"'<>|:;,".contains(&x))
                    .map_or(b.len(), |p| s + p);
                if e > s && !well_known_account(&text[s..e]) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::User,
                    });
                }
            }
        }
        // SIDs of domain or local accounts: S-1-5-21-a-b-c-rid.
        if (c == b'S' || c == b's') && at(b, i, "S-1-5-21-") && (i == 0 || !is_word(b[i - 1])) {
            let mut e = i + 9;
            while e < b.len() && (b[e].is_ascii_digit() || b[e] == b'-') {
                e += 1;
            }
            hits.push(Hit {
                start: i,
                end: e,
                kind: Kind::User,
            });
        }
        i += 1;
    }
}

/// IPv4 end if a dotted quad (each part 0–255) starts at `i`.
fn ipv4_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for part in 0..4 {
        let s = j;
        while j < b.len() && b[j].is_ascii_digit() && j - s < 3 {
            j += 1;
        }
        if j == s {
            return None;
        }
        let n: u32 = b[s..j].iter().fold(0, |a, d| a * 10 + u32::from(d - b'0'));
        if n > 255 {
            return None;
        }
        if part < 3 {
            if j < b.len() && b[j] == b'.' {
                j += 1;
            } else {
                return None;
            }
        }
    }
    if j < b.len()
        && (b[j].is_ascii_alphanumeric()
            || (b[j] == b'.' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
    {
        return None;
    }
    Some(j)
}

/// IPv6 end if an address (8 groups, or fewer with one `::`, optionally ending in a dotted
/// quad, optionally with a `%zone`) starts at `i`.
fn ipv6_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_hexdigit() || b[j] == b':' || b[j] == b'.') {
        j += 1;
        if j - i > 48 {
            return None; // longer than any address
        }
    }
    let mut tok = &b[i..j];
    while tok.ends_with(b".") {
        tok = &tok[..tok.len() - 1];
    }
    // A trailing single ':' (as in "address:") is punctuation.
    while tok.len() > 2 && tok.ends_with(b":") && !tok.ends_with(b"::") {
        tok = &tok[..tok.len() - 1];
    }
    let s = std::str::from_utf8(tok).ok()?;
    if s.matches("::").count() > 1 || s.contains(":::") || !s.contains(':') {
        return None;
    }
    let (groups, tail4) = match s.rfind(':') {
        Some(p) if s[p + 1..].contains('.') => (&s[..p + 1], Some(&s[p + 1..])),
        _ => (s, None),
    };
    if s.contains('.') && tail4.is_none() {
        return None;
    }
    if let Some(t) = tail4 {
        if ipv4_at(t.as_bytes(), 0) != Some(t.len()) {
            return None;
        }
    }
    let compressed = s.contains("::");
    let parts: Vec<&str> = groups.split(':').filter(|g| !g.is_empty()).collect();
    if parts.iter().any(|g| g.len() > 4) {
        return None;
    }
    let n = parts.len() + if tail4.is_some() { 2 } else { 0 };
    let valid = if compressed {
        n <= 7
    } else {
        n == 8 && (tail4.is_some() || !groups.ends_with(':'))
    };
    if !valid || (groups.starts_with(':') && !groups.starts_with("::")) {
        return None;
    }
    if !compressed && (groups.starts_with(':') || (tail4.is_none() && groups.ends_with(':'))) {
        return None;
    }
    if !s.bytes().any(|c| c.is_ascii_digit()) {
        return None; // "ad::be", "cafe::" words are not worth the false positives
    }
    let mut end = i + tok.len();
    if end < b.len() && b[end] == b'%' {
        let mut k = end + 1;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
            k += 1;
        }
        if k > end + 1 {
            end = k;
        }
    }
    if end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
        return None;
    }
    Some(end)
}

fn kept_ip(v: &str, keep: Option<&str>) -> bool {
    let v = v.split('%').next().unwrap_or(v);
    keep.is_some_and(|k| {
        k.eq_ignore_ascii_case(v) || k.trim_matches(['[', ']']).eq_ignore_ascii_case(v)
    }) || v.starts_with("127.")
        || v.starts_with("0.")
        || v.starts_with("255.")
        || v == "::1"
        || v == "::"
}

fn ips(text: &str, keep: Option<&str>, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0
            || !(b[i - 1].is_ascii_alphanumeric()
                || b[i - 1] == b'.'
                || b[i - 1] == b'_'
                || b[i - 1] == b'-');
        let boundary6 = i == 0
            || !(b[i - 1].is_ascii_alphanumeric()
                || b[i - 1] == b'.'
                || b[i - 1] == b'_'
                || b[i - 1] == b'-'
                || (b[i - 1] == b':' && !(i >= 2 && b[i - 2] == b':')));
        if boundary6
            && (b[i].is_ascii_hexdigit() || (b[i] == b':' && i + 1 < b.len() && b[i + 1] == b':'))
        {
            if let Some(e) = ipv6_at(b, i) {
                if !kept_ip(&text[i..e], keep) {
                    hits.push(Hit {
                        start: i,
                        end: e,
                        kind: Kind::Ip,
                    });
                }
                i = e;
                continue;
            }
        }
        if boundary && b[i].is_ascii_digit() {
            if let Some(e) = ipv4_at(b, i) {
                if !kept_ip(&text[i..e], keep) {
                    hits.push(Hit {
                        start: i,
                        end: e,
                        kind: Kind::Ip,
                    });
                }
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

/// File extensions and other last labels that make a dotted word a file or code name, not a host.
const NOT_TLDS: &[&str] = &[
    "exe", "dll", "sys", "txt", "log", "json", "xml", "pem", "cer", "crt", "der", "pfx", "p12",
    "p7b", "key", "csr", "rdp", "msc", "cpl", "ps1", "psm1", "psd1", "bat", "cmd", "vbs", "js",
    "mjs", "ts", "md", "html", "htm", "ini", "cfg", "conf", "reg", "evtx", "etl", "msi", "msu",
    "cab", "zip", "png", "jpg", "jpeg", "gif", "ico", "so", "py", "rs", "toml", "yaml", "yml",
    "pdf", "doc", "docx", "xlsx", "csv", "tmp", "bak", "mui", "inf", "cat", "dat", "db", "lnk",
    "wasm", "css", "sh", "old", "new", "am", "pm", "eg", "ie", "etc", "vs", "h", "c", "cpp", "tar",
    "gz", "deb", "rpm",
];

/// The first label of a host name, lower-cased.
fn first_label(h: &str) -> String {
    h.trim()
        .trim_matches(['[', ']'])
        .split('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn kept_host(v: &str, keep: Option<&str>) -> bool {
    let Some(k) = keep else { return false };
    let fl = first_label(k);
    !fl.is_empty() && (v.eq_ignore_ascii_case(k) || first_label(v) == fl)
}

/// End of a plausible FQDN starting at `i`, if one does.
fn fqdn_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b'.') {
        j += 1;
    }
    while j > i && (b[j - 1] == b'.' || b[j - 1] == b'-') {
        j -= 1;
    }
    if j < b.len()
        && (b[j] == b'_' || b[j] == b'@' || b[j] == b'(' || b[j] == b'\\' || (b[j] >= 0x80))
    {
        return None;
    }
    let tok = &text[i..j];
    let labels: Vec<&str> = tok.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
    {
        return None;
    }
    let tld = labels[labels.len() - 1];
    let alpha = tld.bytes().all(|c| c.is_ascii_alphabetic());
    let one_case =
        tld.bytes().all(|c| c.is_ascii_lowercase()) || tld.bytes().all(|c| c.is_ascii_uppercase());
    if !alpha
        || !one_case
        || tld.len() < 2
        || tld.len() > 24
        || NOT_TLDS.contains(&tld.to_ascii_lowercase().as_str())
    {
        return None;
    }
    // Reverse-DNS package names (FreeRDP log tags: com.freerdp.core.connection) and this
    // tool's own schema names (rdp-triage.request/1).
    if labels.len() >= 3
        && matches!(
            labels[0].to_ascii_lowercase().as_str(),
            "com" | "org" | "net"
        )
        || labels[0] == "rdp-triage"
    {
        return None;
    }
    Some(j)
}

/// Public vendor domains that identify no one (schema URLs, update servers, CAs).
const PUBLIC_DOMAINS: &[&str] = &[
    "microsoft.com",
    "windows.com",
    "windows.net",
    "windowsupdate.com",
    "msft.net",
    "w3.org",
    "xmlsoap.org",
    "digicert.com",
    "letsencrypt.org",
    "freerdp.com",
    "github.com",
];

fn public_domain(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    PUBLIC_DOMAINS
        .iter()
        .any(|d| v == *d || v.ends_with(&format!(".{d}")))
}

fn hosts(text: &str, keep: Option<&str>, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'<' && at(b, i, "<Computer>") {
            let s = i + 10;
            if let Some(q) = b[s..].iter().take(300).position(|&x| x == b'<') {
                if q > 0 && !kept_host(&text[s..s + q], keep) {
                    hits.push(Hit {
                        start: s,
                        end: s + q,
                        kind: Kind::Host,
                    });
                }
            }
        }
        if c.is_ascii_alphabetic() {
            if let Some((s, e)) = labelled_value(b, i, HOST_LABELS, true) {
                let v = &text[s..e];
                let is_ip = ipv4_at(v.as_bytes(), 0) == Some(v.len());
                if !is_ip
                    && !kept_host(v, keep)
                    && !well_known_account(v)
                    && !v.eq_ignore_ascii_case("localhost")
                {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::Host,
                    });
                }
            }
            if (at(b, i, "Pinging ") || at(b, i, "PING ")) && (i == 0 || b[i - 1] == b'\n') {
                let s = i + if at(b, i, "PING ") { 5 } else { 8 };
                let (s, e) = value_token(b, s);
                let v = &text[s..e];
                if e > s && ipv4_at(v.as_bytes(), 0) != Some(v.len()) && !kept_host(v, keep) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        kind: Kind::Host,
                    });
                }
            }
            let boundary = i == 0
                || !(b[i - 1].is_ascii_alphanumeric()
                    || b"-_.@\\/".contains(&b[i - 1])
                    || b[i - 1] >= 0x80);
            if boundary {
                if let Some(e) = fqdn_at(text, i) {
                    let v = &text[i..e];
                    if !kept_host(v, keep) && !public_domain(v) {
                        hits.push(Hit {
                            start: i,
                            end: e,
                            kind: Kind::Host,
                        });
                    }
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freerdp_user_names_are_hidden() {
        let o = RedactOptions {
            users: true,
            ips: false,
            hosts: false,
            keep_host: None,
        };
        for (input, gone) in [
            ("xfreerdp /v:srv01 /u:CONTOSO\\jdoe /cert:ignore", "jdoe"),
            ("xfreerdp /v:srv01 /u:jdoe@contoso.com", "jdoe"),
            ("xfreerdp /v:srv01 /u:jdoe", "jdoe"),
            ("xfreerdp /v:srv01 -u:\"jdoe\" +clipboard", "jdoe"),
            (
                "[INFO][com.freerdp.client.x11] - No user name set. - Using login name: jdoe",
                "jdoe",
            ),
            ("User: CONTOSO\\jdoe", "jdoe"),
            ("signed in as jdoe@contoso.com", "jdoe"),
        ] {
            let out = redact(input, &o);
            assert!(!out.contains(gone), "{input:?} -> {out:?}");
            assert!(out.contains("[user-1]"), "{input:?} -> {out:?}");
        }
        // The rest of the command line is left as it was; `/u:` with nothing after it is no name.
        assert_eq!(
            redact("xfreerdp /v:srv01 /u:CONTOSO\\jdoe /cert:ignore", &o),
            "xfreerdp /v:srv01 /u:[user-1] /cert:ignore"
        );
        assert_eq!(redact("xfreerdp /u: /v:srv01", &o), "xfreerdp /u: /v:srv01");
        assert_eq!(redact("/u:", &o), "/u:");
        // Without the user switch nothing is touched.
        assert_eq!(
            redact("xfreerdp /v:srv01 /u:jdoe", &RedactOptions::secrets_only()),
            "xfreerdp /v:srv01 /u:jdoe"
        );
    }

    #[test]
    fn never_panics_on_awkward_input() {
        for t in [
            "",
            "\\",
            "@",
            "-----BEGIN ",
            "-----BEGIN RSA PRIVATE KEY-----",
            "User:",
            "/u:",
            "-u:\"",
            "/u:é",
            "password=",
            "::",
            ":::",
            "1.2.3.",
            "é\\é",
            "a@é",
            "S-1-5-21-",
            "Pinging ",
            "<Computer>",
            "Name=\"x",
            "PuTTY-User-Key-File-3",
        ] {
            let _ = redact(t, &RedactOptions::default());
            let _ = looks_like_secret(t);
        }
    }
}
