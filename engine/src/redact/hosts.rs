//! Host-name detector: FQDNs (not file names, package tags or public vendor domains), values
//! labelled as computer/host names, event XML `<Computer>` and `ping` targets; the diagnosed
//! host and names sharing its first label are kept.

use super::ips::ipv4_at;
use super::scan::{at, labelled_value, value_token, well_known_account};
use super::{Hit, Kind};

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

/// The diagnosed host (`keep`) or a name with the same first label.
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

/// A public vendor domain or a name under one.
fn public_domain(v: &str) -> bool {
    let v = v.to_ascii_lowercase();
    PUBLIC_DOMAINS
        .iter()
        .any(|d| v == *d || v.ends_with(&format!(".{d}")))
}

/// Every host name in `text` except the diagnosed host (`keep`) and its namesakes, pushed
/// onto `hits`.
pub(super) fn hosts(text: &str, keep: Option<&str>, hits: &mut Vec<Hit>) {
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
