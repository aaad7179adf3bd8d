//! The human summary of a scan's facts (the diagnosis below it is rendered by
//! `engine::render::to_terminal`).

use engine::probe::nego;
use engine::probe::{NegOutcome, ProbeReport, VersionState};
use std::fmt::Write as _;

/// Human summary of the probe facts.
pub fn probe_summary(r: &ProbeReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "RDP probe of {}:{} ({} ms{})",
        r.target,
        r.port,
        r.duration_ms,
        if r.timed_out { ", TIMED OUT" } else { "" }
    );
    if let Some(d) = &r.dns {
        match &d.error {
            Some(e) => {
                let _ = writeln!(o, "  DNS       FAILED: {e}");
            }
            None => {
                let mut line = format!(
                    "  DNS       {} ({:.1} ms)",
                    d.addresses.join(", "),
                    d.duration_ms
                );
                if !d.reverse_names.is_empty() {
                    let _ = write!(line, ", reverse: {}", d.reverse_names.join(", "));
                }
                if d.resolves_to_self {
                    line.push_str(", resolves to THIS machine");
                }
                let _ = writeln!(o, "{line}");
            }
        }
    }
    for t in &r.tcp {
        let ok = t.attempts.iter().filter(|a| a.ok).count();
        let mut line = format!(
            "  TCP       {} port {}: {}/{} connects",
            t.address,
            r.port,
            ok,
            t.attempts.len()
        );
        if let (Some(l), Some(j)) = (t.latency_ms, t.jitter_ms) {
            let _ = write!(line, ", latency {l:.1} ms, jitter {j:.1} ms");
        }
        if let Some(f) = t.attempts.iter().find(|a| !a.ok) {
            let _ = write!(
                line,
                "; failure: {:?}{}",
                f.error_kind.unwrap_or(engine::probe::TcpErrorKind::Other),
                f.os_error
                    .map(|e| format!(" (os error {e})"))
                    .unwrap_or_default()
            );
        }
        let _ = writeln!(o, "{line}");
    }
    for n in &r.negotiation {
        let what = match n.outcome {
            NegOutcome::Selected => n
                .selected
                .map(|s| {
                    format!(
                        "selected {} — {}",
                        nego::protocols_name(s),
                        nego::selected_meaning(s)
                    )
                })
                .unwrap_or_default(),
            NegOutcome::Failure => n
                .failure_code
                .map(|c| format!("failure {} ({c})", nego::failure_name(c)))
                .unwrap_or_default(),
            NegOutcome::Closed => "server closed the connection without answering".into(),
            NegOutcome::NoReply => "no reply".into(),
            NegOutcome::Malformed => {
                format!("malformed reply: {}", n.error.clone().unwrap_or_default())
            }
            NegOutcome::ConfirmWithoutNegotiation => {
                "confirm without negotiation data (legacy RDP only)".into()
            }
            NegOutcome::ConnectFailed => {
                format!("connect failed: {}", n.error.clone().unwrap_or_default())
            }
        };
        let _ = writeln!(
            o,
            "  X.224     offer {:<22} {what} ({:.1} ms)",
            nego::protocols_name(n.offered),
            n.ms
        );
    }
    if let Some(t) = &r.tls {
        if t.attempted {
            if t.ok {
                let _ = writeln!(
                    o,
                    "  TLS       {} {} via {}, {} certificate(s) captured",
                    t.version.clone().unwrap_or_default(),
                    t.cipher_suite.clone().unwrap_or_default(),
                    t.method,
                    t.chain_der_base64.len()
                );
            } else {
                let _ = writeln!(
                    o,
                    "  TLS       FAILED via {}: {}{}",
                    t.method,
                    t.error.clone().unwrap_or_default(),
                    t.alert.map(|a| format!(" (alert {a})")).unwrap_or_default()
                );
            }
        }
        let vs: Vec<String> = t
            .versions
            .list()
            .iter()
            .map(|(n, s)| {
                let st = match s {
                    VersionState::Accepted => "yes",
                    VersionState::Refused => "no",
                    VersionState::Error => "error",
                    VersionState::NotTested => "not tested",
                };
                format!("{n}: {st}")
            })
            .collect();
        let _ = writeln!(o, "  Versions  {}", vs.join(", "));
    }
    if let Some(sec) = &r.rdp_security {
        let ver = match (sec.server_version, &sec.version_name) {
            (Some(v), Some(n)) => format!("server {n} (0x{v:08x})"),
            _ => "server version unknown".into(),
        };
        let ms: Vec<String> = sec
            .methods
            .iter()
            .map(|m| {
                let st = if m.accepted {
                    "yes"
                } else if m.selected_method.is_some() {
                    "no"
                } else {
                    "error"
                };
                format!("{}: {st}", m.method)
            })
            .collect();
        let level = sec
            .methods
            .iter()
            .find_map(|m| m.encryption_level)
            .map(|l| format!(", level {}", nego::encryption_level_name(l)))
            .unwrap_or_default();
        let _ = writeln!(o, "  RDP sec   {ver}; {}{level}", ms.join(", "));
        if let Some(e) = &sec.error {
            let _ = writeln!(o, "  RDP sec   not read: {e}");
        }
    }
    if let Some(n) = &r.ntlm {
        if n.ok {
            let _ = writeln!(
                o,
                "  NTLM      computer {} ({}), domain {} ({}), OS {}, clock skew {}",
                n.netbios_computer.as_deref().unwrap_or("?"),
                n.dns_computer.as_deref().unwrap_or("?"),
                n.netbios_domain.as_deref().unwrap_or("?"),
                n.dns_domain.as_deref().unwrap_or("?"),
                n.product_version.as_deref().unwrap_or("?"),
                n.clock_skew_s
                    .map(|s| format!("{s} s"))
                    .unwrap_or_else(|| "unknown".into())
            );
        } else {
            let _ = writeln!(
                o,
                "  NTLM      not read: {}",
                n.error.clone().unwrap_or_default()
            );
        }
    }
    for e in &r.errors {
        let _ = writeln!(o, "  Note      {e}");
    }
    o
}

/// The analysed certificates of a diagnosis (leaf first): what nmap's ssl-cert shows, plus
/// the engine's RDP verdicts.
pub fn certificate_summary(rep: &engine::Report) -> String {
    let mut o = String::new();
    for c in rep
        .certificates
        .iter()
        .filter(|c| c.leaf)
        .chain(rep.certificates.iter().filter(|c| !c.leaf))
        .take(3)
    {
        let _ = writeln!(
            o,
            "Certificate{}: {}",
            if c.leaf { " (server)" } else { "" },
            c.subject
        );
        let _ = writeln!(
            o,
            "  issuer    {}{}",
            c.issuer,
            if c.self_signed { " (self-signed)" } else { "" }
        );
        let _ = writeln!(
            o,
            "  valid     {} to {} ({} days left)",
            c.not_before, c.not_after, c.days_left
        );
        if !c.sans.is_empty() {
            let _ = writeln!(o, "  names     {}", c.sans.join(", "));
        }
        let _ = writeln!(o, "  key       {}, signed {}", c.key, c.signature_algorithm);
        if !c.ekus.is_empty() {
            let _ = writeln!(o, "  usage     {}", c.ekus.join(", "));
        }
        let _ = writeln!(o, "  sha1      {}", c.thumbprint_sha1);
        let _ = writeln!(o, "  sha256    {}", c.thumbprint_sha256);
        for v in &c.verdicts {
            let _ = writeln!(o, "  ! {}", v.title);
        }
    }
    o
}

/// Writes to stdout, ignoring a closed pipe (`rdp-probe … | head` must not panic).
pub fn out(text: &str) {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

/// [`out`] plus a newline.
pub fn outln(text: &str) {
    out(&format!("{text}\n"));
}
