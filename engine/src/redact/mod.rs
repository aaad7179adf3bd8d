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
//! This file is the shared driver (options, placeholders, [`Redactor`], the report/request
//! walkers and the merge of overlapping hits); one file per detector: `keys` (private key
//! blocks), `secrets` (passwords and tokens), `users` (user names, profile paths, SIDs),
//! `ips` (IPv4/IPv6 addresses), `hosts` (host names); `scan` holds the byte helpers they
//! share.
//!
//! Wiring: Markdown export `render::to_markdown(&redact::redact_report(&report, &opts), &o)`;
//! share link `share::encode_request(&redact::redact_request(&request, &opts))`; a single text
//! `redact::redact(text, &opts)`; the paste warning `redact::looks_like_secret(text)`.

mod hosts;
mod ips;
mod keys;
mod scan;
mod secrets;
mod users;

use crate::finding::Span;
use crate::schema::{Report, Request};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

use hosts::hosts;
use ips::ips;
use keys::private_keys;
use secrets::secrets;
use users::users;

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
            w.label = r.redact(&w.label).into();
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

#[cfg(test)]
mod tests {
    use super::*;

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
