//! The RDP lint profile: the verdicts for one decoded certificate, each with a stable ID, a
//! severity and an explanation for a helpdesk reader. Which checks run depends on the
//! certificate's role: the leaf (the server's own certificate) gets every check; CA
//! certificates in the chain get validity, key, signature and thumbprint checks.
//!
//! Verdicts come errors first, then warnings, then information. Verdict ID → evidence key
//! is [`evidence_key`]; every ID here has a `cert:*` key.

use super::chain::{Chain, ChainEnd};
use super::decode::{eku_name, Decoded, KeyKind, OID_ANY_EKU, OID_RDP_AUTH, OID_SERVER_AUTH};
use super::names::{self, Host};
use super::CertVerdict;
use crate::finding::Severity;

const DAY: i64 = 86_400;
/// "Expires soon" window.
pub const SOON_DAYS: i64 = 30;

/// Where the facts behind a verdict are documented (for [`crate::finding::Finding::source`]).
pub fn source(id: &str) -> Option<&'static str> {
    const AZ_EVT: &str = "https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/event-id-troubleshoot-vm-rdp-connecton";
    match id {
        "rdp-default-self-signed" => Some(AZ_EVT),
        "renamed-host" => Some("https://qiita.com/mtmana/items/424579c1b9738c7a18c1 (observed)"),
        "eku-ok" | "no-server-auth-eku" => Some(
            "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/dn781533(v=ws.11)",
        ),
        "thumbprint" => Some("https://learn.microsoft.com/en-us/windows/win32/termserv/win32-tsgeneralsetting"),
        "name-match" | "name-mismatch" | "name-fqdn-would-match" | "name-short-would-match" => {
            Some("RFC 6125 section 6 (server identity check)")
        }
        _ => None,
    }
}

/// The `cert:*` evidence key of a verdict ID.
pub fn evidence_key(id: &str) -> &'static str {
    match id {
        "expired" => "cert:expired",
        "not-yet-valid" => "cert:not-yet-valid",
        "expiring-soon" => "cert:expiring-soon",
        "valid-dates" => "cert:valid-dates",
        "self-signed" => "cert:self-signed",
        "self-signature-invalid" => "cert:self-signature-invalid",
        "rdp-default-self-signed" => "cert:rdp-default-self-signed",
        "ca-issued" => "cert:ca-issued",
        "chain-complete" => "cert:chain-complete",
        "chain-root-omitted" => "cert:chain-root-omitted",
        "chain-incomplete" => "cert:chain-incomplete",
        "chain-misordered" => "cert:chain-misordered",
        "name-match" => "cert:name-match",
        "name-mismatch" => "cert:name-mismatch",
        "name-fqdn-would-match" => "cert:name-fqdn-would-match",
        "name-short-would-match" => "cert:name-short-would-match",
        "renamed-host" => "cert:renamed-host",
        "eku-ok" => "cert:eku-ok",
        "eku-absent" => "cert:eku-absent",
        "no-server-auth-eku" => "cert:no-server-auth-eku",
        "key-usage-missing" => "cert:key-usage-missing",
        "ca-leaf" => "cert:ca-leaf",
        "weak-key" => "cert:weak-key",
        "weak-signature" => "cert:weak-signature",
        _ => "cert:thumbprint",
    }
}

fn v(
    id: &str,
    severity: Severity,
    title: impl Into<String>,
    explanation: impl Into<String>,
) -> CertVerdict {
    CertVerdict {
        id: id.to_string(),
        severity,
        title: title.into(),
        explanation: explanation.into(),
    }
}

/// The role of a certificate in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Leaf,
    /// On the leaf's path above it (intermediate or root).
    Issuer,
    /// Given but not on the leaf's path.
    Other,
}

/// All verdicts for certificate `i`.
pub fn verdicts(
    certs: &[Decoded],
    i: usize,
    chain: &Chain,
    host: Option<&Host>,
    now: i64,
) -> Vec<CertVerdict> {
    let Some(d) = certs.get(i) else {
        return Vec::new();
    };
    let role = if i == chain.leaf {
        Role::Leaf
    } else if chain.path.contains(&i) {
        Role::Issuer
    } else {
        Role::Other
    };
    let ss = super::chain::self_signed(d);
    let mut out = Vec::new();
    dates(d, role, now, &mut out);
    if role == Role::Leaf {
        origin(d, ss, &mut out);
        chain_verdicts(certs, chain, &mut out);
        if let Some(h) = host {
            name(d, ss, h, &mut out);
        }
        eku(d, &mut out);
        key_usage(d, &mut out);
        if d.ca {
            out.push(v(
                "ca-leaf",
                Severity::Warning,
                "The server certificate says it is a CA (CA:TRUE)",
                "The server's own certificate carries Basic Constraints CA:TRUE, as if it were a certification \
                 authority. Server certificates should say CA:FALSE; some clients refuse a CA certificate as a server \
                 identity, and it means anyone holding this key could issue certificates. Issue a proper server \
                 certificate (a Remote Desktop or Web Server template).",
            ));
        }
    }
    key(d, &mut out);
    // A self-signed root's own signature is never checked by clients, so its hash does not matter.
    if !(ss && role != Role::Leaf) {
        signature(d, role, &mut out);
    }
    out.push(thumbprint(d));
    // Errors first, then warnings, then information; the order of checks within each.
    out.sort_by_key(|v| std::cmp::Reverse(v.severity));
    out
}

fn whose(role: Role) -> &'static str {
    match role {
        Role::Leaf => "The server certificate",
        Role::Issuer => "A CA certificate in the chain",
        Role::Other => "A certificate in the input",
    }
}

/// A stretch of time in words: whole days from one day on, hours below ("0 day(s)" would hide
/// that a certificate lapses tonight).
fn span_words(secs: i64) -> String {
    match secs {
        s if s >= DAY => format!("{} day(s)", s / DAY),
        s if s >= 2 * 3600 => format!("less than a day ({} hours)", s / 3600),
        s if s >= 3600 => "less than a day (1 hour)".to_string(),
        _ => "less than an hour".to_string(),
    }
}

fn dates(d: &Decoded, role: Role, now: i64, out: &mut Vec<CertVerdict>) {
    let who = whose(role);
    let (nb, na) = (&d.report.not_before, &d.report.not_after);
    if now > d.not_after {
        let ago = span_words(now.saturating_sub(d.not_after));
        let more = if role == Role::Leaf {
            " If this is the certificate Windows made for Remote Desktop by itself, its automatic renewal failed \
             (see the self-signed verdict); if it came from your CA, renew it and set the new one for RDP."
        } else {
            " An expired CA certificate breaks the chain of every certificate it issued: install the CA's renewed \
             certificate and send the new chain."
        };
        out.push(v(
            "expired",
            Severity::Error,
            format!("{who} expired {ago} ago"),
            format!("It was valid from {nb} to {na}. Clients reject or warn about an expired certificate.{more}"),
        ));
    } else if now < d.not_before {
        let wait = d.not_before.saturating_sub(now);
        let days = if wait < DAY {
            span_words(wait)
        } else {
            format!("{} day(s)", wait.saturating_add(DAY - 1) / DAY)
        };
        out.push(v(
            "not-yet-valid",
            Severity::Error,
            format!("{who} is not valid yet (starts in {days})"),
            format!(
                "It is valid only from {nb} to {na}. Either it was issued with a future start date, or the clock of \
                 the computer checking it (the client) is behind. Check the date and time on the client and server; \
                 if they are right, use a certificate that is already valid."
            ),
        ));
    } else if d.not_after.saturating_sub(now) <= SOON_DAYS * DAY {
        let days = span_words(d.not_after.saturating_sub(now));
        out.push(v(
            "expiring-soon",
            Severity::Warning,
            format!("{who} expires in {days}"),
            format!(
                "It is valid until {na}. Renew it now: when it lapses, connections fail or show a certificate \
                 warning. Windows replaces its own self-signed Remote Desktop certificate by itself when it expires; a \
                 CA-issued one needs auto-enrolment or a manual renewal."
            ),
        ));
    } else {
        let days = span_words(d.not_after.saturating_sub(now));
        out.push(v(
            "valid-dates",
            Severity::Info,
            format!("Valid for another {days}"),
            format!("Valid from {nb} to {na}, measured against the current time supplied with the request."),
        ));
    }
}

fn origin(d: &Decoded, ss: bool, out: &mut Vec<CertVerdict>) {
    if d.subject_raw == d.issuer_raw && d.self_sig == Some(false) {
        out.push(v(
            "self-signature-invalid",
            Severity::Warning,
            "Names itself as issuer, but its signature does not match its own key",
            "Subject and issuer are the same, yet the signature does not verify with the certificate's own key. \
             Either a different CA with exactly this name issued it, or the certificate was altered or damaged \
             (for example by editing the file). Export the certificate again from the server; if the problem stays, \
             replace the certificate.",
        ));
    }
    if !ss {
        out.push(v(
            "ca-issued",
            Severity::Info,
            "Issued by a certification authority",
            format!(
                "Issued by {}. Clients trust it only if they trust that CA's root certificate (for an internal CA, \
                 usually pushed by Group Policy); otherwise they show \"The certificate is not from a trusted \
                 certifying authority\".",
                d.report.issuer
            ),
        ));
        return;
    }
    let how = if d.self_sig == Some(true) {
        "Confirmed: its signature verifies with its own key."
    } else {
        "Judged from subject, issuer and key identifiers; this signature type is not verified here."
    };
    out.push(v(
        "self-signed",
        Severity::Warning,
        "Self-signed certificate",
        format!(
            "The certificate is issued to itself (subject and issuer are the same), so no authority vouches for it. \
             Clients show \"The identity of the remote computer cannot be verified\" unless the certificate was \
             trusted on that client by hand. That prompt is expected for a self-signed certificate; it is not by \
             itself why a connection fails. {how}"
        ),
    ));
    let cn_only = d.subject_attrs == 1 && d.common_names.len() == 1 && !d.has_san && !d.ca;
    let rdp_eku = d
        .eku
        .as_ref()
        .is_some_and(|e| e.iter().any(|o| o == OID_SERVER_AUTH || o == OID_RDP_AUTH));
    if cn_only && rdp_eku {
        let cn = d.common_names.first().map(String::as_str).unwrap_or("");
        out.push(v(
            "rdp-default-self-signed",
            Severity::Info,
            "Looks like Windows' own Remote Desktop certificate",
            format!(
                "Only CN={cn}, no alternative names, issued to itself, for server authentication: the pattern of the \
                 certificate Windows creates for Remote Desktop when no other one is configured (in certlm.msc under \
                 Remote Desktop > Certificates). Windows replaces it by itself when it expires. If it is expired or \
                 missing, that replacement failed, commonly because the Remote Desktop service cannot read or write its key \
                 in C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys (System events 1057/1058). Usual fix: repair \
                 the MachineKeys permissions, delete this certificate from Remote Desktop > Certificates and restart \
                 the Remote Desktop Configuration service (SessionEnv) so a new one is made."
            ),
        ));
    }
}

fn chain_verdicts(certs: &[Decoded], chain: &Chain, out: &mut Vec<CertVerdict>) {
    let n = certs.len();
    match chain.end {
        ChainEnd::Single | ChainEnd::SelfSignedWithExtras => {}
        ChainEnd::Complete => out.push(v(
            "chain-complete",
            Severity::Info,
            format!("Complete chain of {} certificates up to a root", chain.path.len()),
            "The server certificate, its intermediate CA(s) and a self-signed root are all present and link by \
             name and key identifier. The client must still trust that root.",
        )),
        ChainEnd::RootOmitted => out.push(v(
            "chain-root-omitted",
            Severity::Info,
            "Chain up to an intermediate; the root is not included",
            format!(
                "The chain links from the server certificate up to a CA issued by {}, whose certificate was not \
                 given. That is normal: servers do not need to send the root, but every client must have it in \
                 Trusted Root Certification Authorities.",
                chain.missing_issuer.as_deref().unwrap_or("an unknown CA")
            ),
        )),
        ChainEnd::Incomplete => out.push(v(
            "chain-incomplete",
            Severity::Warning,
            "An intermediate certificate is missing",
            format!(
                "{} certificates were given, but the chain from the server certificate stops at a certificate issued \
                 by {}, which is not among them; {} other certificate(s) do not connect to it. Clients that do not \
                 already have that intermediate CA certificate cannot build a path to the root and report the \
                 certificate as untrusted. Install the intermediate CA certificate on the server (Intermediate \
                 Certification Authorities store) or on the clients.",
                n,
                chain.missing_issuer.as_deref().unwrap_or("an unknown CA"),
                chain.others.len()
            ),
        )),
    }
    if chain.misordered {
        out.push(v(
            "chain-misordered",
            Severity::Info,
            "The certificates were not in chain order",
            "The server certificate should come first, each followed by the certificate of its issuer. They were \
             given in another order and have been re-ordered here. In a pasted file this is harmless; if a server \
             sends its chain like this, strict clients may fail to build the path.",
        ));
    }
}

fn name(d: &Decoded, ss: bool, host: &Host, out: &mut Vec<CertVerdict>) {
    let check = names::check(d, host);
    let typed = host.display();
    let listed = if check.names.is_empty() {
        "no usable names".to_string()
    } else {
        check.names.join(", ")
    };
    if let Some(m) = &check.matched {
        let how = if check.used_cn {
            " The certificate has no Subject Alternative Name, so the subject CN was used; modern clients prefer SAN entries."
        } else {
            ""
        };
        out.push(v(
            "name-match",
            Severity::Info,
            format!("The certificate matches \"{typed}\""),
            format!("\"{typed}\" matches the certificate entry {m}.{how}"),
        ));
        return;
    }
    let mut why = format!(
        "You connect to \"{typed}\", but the certificate is for {listed}. The client warns that the name in the \
         certificate does not match the computer (or refuses when certificate warnings are not allowed)."
    );
    if check.ip_not_listed {
        why.push_str(
            " You typed an IP address and the certificate lists no IP addresses: connect with a name from the \
             certificate instead, or issue a certificate with this IP in its Subject Alternative Name.",
        );
    }
    if let Some(f) = &check.fqdn_would_match {
        why.push_str(&format!(
            " You typed the short name; the certificate has the full name {f}. Connecting to {f} would match."
        ));
    }
    if let Some(s) = &check.short_would_match {
        why.push_str(&format!(
            " The certificate has only the short name {s}; connecting to {s} would match, or issue a certificate \
             that also lists the full name."
        ));
    }
    if let Some(w) = &check.wildcard_bare {
        why.push_str(&format!(
            " The wildcard {w} covers names one level below it (like server.{0}), not {0} itself.",
            w.get(2..).unwrap_or("")
        ));
    }
    out.push(v(
        "name-mismatch",
        Severity::Error,
        format!("The certificate does not name \"{typed}\""),
        why,
    ));
    if let Some(f) = check.fqdn_would_match {
        out.push(v(
            "name-fqdn-would-match",
            Severity::Info,
            format!("Connect with the full name {f}"),
            format!("Typing {f} instead of \"{typed}\" in the Remote Desktop client would match the certificate."),
        ));
    }
    if let Some(s) = check.short_would_match {
        out.push(v(
            "name-short-would-match",
            Severity::Info,
            format!("Connect with the short name {s}"),
            format!("The certificate only lists {s}; typing that name in the Remote Desktop client would match."),
        ));
    }
    // A self-signed certificate named after another computer: the machine was renamed (or cloned) and the
    // old certificate was kept.
    if let (true, Host::Dns(h), Some(cn)) = (ss, host, d.common_names.first()) {
        let cn_l = cn.to_ascii_lowercase();
        let (cn_label, h_label) = (
            cn_l.split('.').next().unwrap_or(""),
            h.split('.').next().unwrap_or(""),
        );
        if !cn_label.is_empty() && cn_label != h_label && !cn_l.starts_with('*') {
            out.push(v(
                "renamed-host",
                Severity::Warning,
                format!("Self-signed certificate for another computer name ({cn})"),
                format!(
                    "The certificate is self-signed for {cn}, but you connect to \"{typed}\". Typically the computer \
                     was renamed or cloned from an image and kept the old Remote Desktop certificate, or the name \
                     points to a different computer. Check that \"{typed}\" resolves to the intended server; if it \
                     does, delete the old certificate from certlm.msc > Remote Desktop > Certificates and restart \
                     the Remote Desktop Configuration service (SessionEnv) so Windows makes one with the current name."
                ),
            ));
        }
    }
}

fn eku(d: &Decoded, out: &mut Vec<CertVerdict>) {
    let Some(ekus) = &d.eku else {
        out.push(v(
            "eku-absent",
            Severity::Info,
            "No Extended Key Usage: usable for any purpose",
            "The certificate has no Extended Key Usage extension, which means it may be used for any purpose, \
             server authentication included. Remote Desktop accepts it; nothing to fix here.",
        ));
        return;
    };
    let has = |o: &str| ekus.iter().any(|e| e == o);
    let ok: Vec<&str> = [OID_SERVER_AUTH, OID_RDP_AUTH, OID_ANY_EKU]
        .into_iter()
        .filter(|o| has(o))
        .collect();
    if ok.is_empty() {
        let list: Vec<String> = ekus
            .iter()
            .map(|o| format!("{} ({o})", eku_name(o)))
            .collect();
        out.push(v(
            "no-server-auth-eku",
            Severity::Error,
            "Not valid for server authentication",
            format!(
                "Its Extended Key Usage lists only {}. A Remote Desktop server certificate needs Server \
                 Authentication (1.3.6.1.5.5.7.3.1) or Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2); \
                 the server will not use this one, or clients reject it. Request a certificate from a Remote \
                 Desktop or Web Server template.",
                list.join(", ")
            ),
        ));
    } else {
        let names: Vec<String> = ok
            .iter()
            .map(|o| format!("{} ({o})", eku_name(o)))
            .collect();
        out.push(v(
            "eku-ok",
            Severity::Info,
            format!("Allowed for Remote Desktop: {}", ok.iter().map(|o| eku_name(o)).collect::<Vec<_>>().join(", ")),
            format!(
                "The Extended Key Usage includes {}, which is what a Remote Desktop listener needs (Server \
                 Authentication or Remote Desktop Authentication).",
                names.join(" and ")
            ),
        ));
    }
}

fn key_usage(d: &Decoded, out: &mut Vec<CertVerdict>) {
    let Some(ku) = d.ku else { return };
    let (ok, need) = match d.key {
        KeyKind::Rsa(_) => (
            ku.key_encipherment || ku.digital_signature,
            "Key Encipherment or Digital Signature",
        ),
        KeyKind::Ec(_) => (
            ku.digital_signature || ku.key_agreement,
            "Digital Signature",
        ),
        KeyKind::Other(_) => (ku.digital_signature, "Digital Signature"),
    };
    if !ok {
        out.push(v(
            "key-usage-missing",
            Severity::Warning,
            "Key Usage does not allow TLS",
            format!(
                "The Key Usage extension lists only {}. For a TLS server key it needs {need}; without it the TLS \
                 handshake can fail. Issue a certificate from a template with the right key usage.",
                if d.report.key_usage.is_empty() { "nothing".to_string() } else { d.report.key_usage.join(", ") }
            ),
        ));
    }
}

fn key(d: &Decoded, out: &mut Vec<CertVerdict>) {
    if let KeyKind::Rsa(bits) = d.key {
        if bits < 2048 {
            let sev = if bits < 1024 {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(v(
                "weak-key",
                sev,
                format!("Weak RSA key ({bits} bits)"),
                format!(
                    "The RSA key has {bits} bits; 2048 is the minimum considered safe. Windows and other clients \
                     increasingly refuse keys below 2048 bits (and everything below 1024). Issue a new certificate \
                     with a 2048-bit or larger key."
                ),
            ));
        }
    }
}

fn signature(d: &Decoded, role: Role, out: &mut Vec<CertVerdict>) {
    if let Some(hash) = d.weak_hash {
        out.push(v(
            "weak-signature",
            Severity::Warning,
            format!("{} is signed with {hash}", whose(role)),
            format!(
                "The signature algorithm is {}. {hash} is broken for signatures, and current Windows and TLS \
                 libraries may reject such certificates. Old Windows versions made SHA-1 self-signed RDP \
                 certificates; re-issue it with SHA-256.",
                d.report.signature_algorithm
            ),
        ));
    }
}

fn thumbprint(d: &Decoded) -> CertVerdict {
    let up = &d.report.thumbprint_sha1;
    let spaced: String = up
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    v(
        "thumbprint",
        Severity::Info,
        format!("Thumbprint {up}"),
        format!(
            "SHA-1 thumbprint {up}: the form used by certlm.msc (Thumbprint), PowerShell (Cert:\\ drive) and the \
             RDP listener setting SSLCertificateSHA1Hash (Win32_TSGeneralSetting, or the registry under \
             HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp). Certificate dialogs \
             and older certutil versions show it in lower case with spaces: \"{spaced}\". Compare it with the listener's setting, e.g. \
             (Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter \
             \"TerminalName='RDP-tcp'\").SSLCertificateSHA1Hash. SHA-256: {}.",
            d.report.thumbprint_sha256
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::span_words;

    #[test]
    fn spans_under_a_day_are_said_in_hours() {
        assert_eq!(
            span_words(23 * 3600 + 59 * 60),
            "less than a day (23 hours)"
        );
        assert_eq!(span_words(3600), "less than a day (1 hour)");
        assert_eq!(span_words(59 * 60), "less than an hour");
        assert_eq!(span_words(0), "less than an hour");
        assert_eq!(span_words(86_400), "1 day(s)");
        assert_eq!(span_words(3 * 86_400 + 5), "3 day(s)");
    }
}
