//! Turns a [`ProbeReport`] into findings with `probe:*` keys (and `neg:0xN` / `alert:N` code
//! keys). Only measured facts become findings, all of them hard; a step that did not run, or
//! ran out of time, yields nothing rather than a guess.
//!
//! Negotiation codes: the probe deliberately makes offers a real client would not make (SSL
//! only, RDP only) to learn what the server requires. A failure code on those artificial offers
//! is a fact about the server's policy (e.g. `probe:nla-required`), not a failure the user saw,
//! so the code key `neg:0xN` is emitted only for the failure answering the full modern offer
//! (SSL|HYBRID|HYBRID_EX), which is what an up-to-date client would have received.

use super::nego::{self, *};
use super::{NegAttempt, NegOutcome, ProbeReport, TcpErrorKind, VersionState, PROBE_SCHEMA};
use crate::finding::{Diagnostic, Finding, Origin, Severity, Strength};
use serde_json::Value;

/// Clock difference beyond which Kerberos refuses tickets (default maximum tolerance 5 minutes).
pub const CLOCK_SKEW_LIMIT_S: i64 = 300;

/// The result of reading a probe report given as raw JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProbeAnalysis {
    pub report: Option<ProbeReport>,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a probe report from raw JSON (as carried in `Request.probe`): findings plus
/// diagnostics for another schema version or a shape that does not parse. Never fails.
pub fn analyze_value(value: &Value) -> ProbeAnalysis {
    let mut out = ProbeAnalysis::default();
    let schema = value.get("schema").and_then(|s| s.as_str()).unwrap_or("");
    if schema != PROBE_SCHEMA {
        out.diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "probe-schema-unknown",
            format!(
                "The probe report has schema \"{schema}\", expected \"{PROBE_SCHEMA}\"; fields were read where they match. Paste the output of `rdp-probe scan HOST --json` from a current rdp-probe."
            ),
        ));
    }
    // A conversion error names the field path (`tcp[0].ms`); it has no text position.
    match crate::schema::from_value::<ProbeReport>(value) {
        Ok(r) => {
            out.findings = findings(&r);
            out.report = Some(r);
        }
        Err(e) => {
            out.diagnostics.push(Diagnostic::new(
                Severity::Error,
                "probe-invalid",
                format!("The probe report could not be read ({e}). Paste the complete JSON printed by `rdp-probe scan HOST --json`."),
            ))
        }
    }
    out
}

/// Turns a probe report into findings with `probe:*` evidence keys. Deduplicated by key, in a
/// stable order (DNS, TCP, negotiation, TLS, NTLM).
pub fn findings(report: &ProbeReport) -> Vec<Finding> {
    let mut out = Out::default();
    dns(report, &mut out);
    tcp(report, &mut out);
    negotiation(report, &mut out);
    tls(report, &mut out);
    ntlm(report, &mut out);
    rdp_security(report, &mut out);
    if report.timed_out {
        out.push("probe:scan-timeout", "Probe ran out of time", format!("The scan stopped at its {} ms budget before every step finished; missing steps give no evidence either way.", report.timeout_ms), None);
    }
    out.0
}

#[derive(Default)]
struct Out(Vec<Finding>);

impl Out {
    fn push(&mut self, key: &str, title: &str, detail: String, source: Option<&str>) {
        if self.0.iter().any(|f| f.evidence == key) {
            return;
        }
        self.0.push(Finding {
            evidence: key.to_string(),
            strength: Strength::Hard,
            origin: Origin::Probe,
            title: title.to_string(),
            detail,
            source: source.map(str::to_string),
            span: None,
        });
    }
}

fn first_label(name: &str) -> String {
    name.trim()
        .trim_end_matches('.')
        .split('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn dns(r: &ProbeReport, out: &mut Out) {
    let Some(d) = &r.dns else { return };
    if d.error.is_some() || (!d.literal && d.addresses.is_empty()) {
        let why = d
            .error
            .clone()
            .unwrap_or_else(|| "no A/AAAA records".to_string());
        out.push(
            "probe:dns-failed",
            "Name does not resolve",
            format!(
                "\"{}\" did not resolve from the probing machine: {why}.",
                r.target
            ),
            None,
        );
        return;
    }
    if d.resolves_to_self {
        out.push(
            "probe:dns-self",
            "Name resolves to this machine",
            format!("\"{}\" resolves to {} — an address of the probing machine itself, so a connection would reach this computer, not the server.", r.target, d.addresses.join(", ")),
            None,
        );
    }
    if !d.literal && !d.reverse_names.is_empty() {
        let want = first_label(&r.target);
        if !want.is_empty() && !d.reverse_names.iter().any(|n| first_label(n) == want) {
            out.push(
                "probe:dns-reverse-mismatch",
                "Reverse DNS names another host",
                format!(
                    "\"{}\" resolves to {}, whose reverse (PTR) name is {} — a stale or shared record can send clients to the wrong machine or break Kerberos/certificate name checks.",
                    r.target,
                    d.addresses.join(", "),
                    d.reverse_names.join(", ")
                ),
                None,
            );
        }
    }
}

fn tcp(r: &ProbeReport, out: &mut Out) {
    if r.tcp.is_empty() {
        return;
    }
    let ok: Vec<_> = r.tcp.iter().filter(|t| t.any_ok()).collect();
    let failed: Vec<_> = r
        .tcp
        .iter()
        .filter(|t| !t.attempts.is_empty() && !t.any_ok())
        .collect();
    if let Some(best) = ok.first() {
        let lat = best
            .latency_ms
            .map(|l| format!(" in {l:.1} ms"))
            .unwrap_or_default();
        out.push(
            "probe:tcp-ok",
            "TCP port open",
            format!(
                "{}:{} accepted a TCP connection{lat}.",
                best.address, r.port
            ),
            None,
        );
        if !failed.is_empty() {
            let dead: Vec<&str> = failed.iter().map(|t| t.address.as_str()).collect();
            out.push(
                "probe:tcp-partial",
                "Some addresses unreachable",
                format!("Port {} answers on {} but not on {}; a client that picks the dead address fails or waits.", r.port, best.address, dead.join(", ")),
                None,
            );
        }
        for t in &ok {
            let fails = t.attempts.iter().filter(|a| !a.ok).count();
            let wild = match (t.latency_ms, t.jitter_ms) {
                (Some(l), Some(j)) => j > 100.0 && j > 2.0 * l,
                _ => false,
            };
            if fails > 0 || wild {
                out.push(
                    "probe:tcp-unstable",
                    "TCP connects unstable",
                    format!(
                        "{}: {} of {} connect attempts failed; latency {} ms, jitter {} ms.",
                        t.address,
                        fails,
                        t.attempts.len(),
                        t.latency_ms
                            .map(|v| format!("{v:.1}"))
                            .unwrap_or_else(|| "?".into()),
                        t.jitter_ms
                            .map(|v| format!("{v:.1}"))
                            .unwrap_or_else(|| "?".into())
                    ),
                    None,
                );
            }
        }
        return;
    }
    let kinds: Vec<TcpErrorKind> = r
        .tcp
        .iter()
        .flat_map(|t| t.attempts.iter())
        .filter_map(|a| a.error_kind)
        .collect();
    let has = |k: TcpErrorKind| kinds.contains(&k);
    let addrs: Vec<&str> = r.tcp.iter().map(|t| t.address.as_str()).collect();
    let addrs = addrs.join(", ");
    if has(TcpErrorKind::Refused) || has(TcpErrorKind::Reset) {
        out.push(
            "probe:tcp-refused",
            "TCP connection refused",
            format!("{addrs} answered port {} with a reset: the host is up but nothing listens there (RDP disabled, another port, service stopped) or a firewall rejects it.", r.port),
            None,
        );
    } else if has(TcpErrorKind::Unreachable) {
        out.push("probe:tcp-unreachable", "No route to host", format!("The network reported {addrs} unreachable (no route, host down on the local subnet, or an ICMP reject)."), None);
    } else if has(TcpErrorKind::Timeout) {
        out.push(
            "probe:tcp-timeout",
            "TCP connect timed out",
            format!("{addrs} never answered on port {}: traffic is silently dropped (firewall, NSG) or the host is down.", r.port),
            None,
        );
    }
}

fn is_full_offer(a: &NegAttempt) -> bool {
    a.offered & PROTOCOL_HYBRID != 0
}

fn negotiation(r: &ProbeReport, out: &mut Out) {
    let atts = &r.negotiation;
    if atts.is_empty() {
        return;
    }
    for a in atts {
        match a.outcome {
            NegOutcome::Selected => {
                let Some(sel) = a.selected else { continue };
                let what = format!(
                    "Offered {}, the server selected {} ({}).",
                    nego::protocols_name(a.offered),
                    nego::protocols_name(sel),
                    nego::selected_meaning(sel)
                );
                if sel == PROTOCOL_HYBRID || sel == PROTOCOL_HYBRID_EX {
                    out.push(
                        "probe:nla-supported",
                        "Server supports NLA",
                        what,
                        Some(SOURCE_NEG_RSP),
                    );
                } else if sel == PROTOCOL_SSL || sel == PROTOCOL_RDP {
                    // Picking TLS or legacy RDP (whatever was offered) means NLA is not mandatory.
                    if sel == PROTOCOL_RDP {
                        if a.offered & PROTOCOL_SSL != 0 {
                            // Offered TLS and still chose legacy security: TLS/NLA are off on the
                            // server (xrdp answers this way instead of SSL_NOT_ALLOWED_BY_SERVER).
                            out.push(
                                "probe:rdp-security-only",
                                "Server allows only legacy RDP Security",
                                format!("{what} The server refuses TLS and NLA even when offered."),
                                Some(SOURCE_NEG_RSP),
                            );
                        }
                        out.push("probe:legacy-rdp-allowed", "Legacy RDP Security accepted", format!("{what} The server accepts unauthenticated, RC4-encrypted Standard RDP Security."), Some(SOURCE_NEG_RSP));
                    }
                    out.push(
                        "probe:nla-off",
                        "NLA not required",
                        format!(
                            "{what} Connections without Network Level Authentication are accepted."
                        ),
                        Some(SOURCE_NEG_RSP),
                    );
                }
            }
            NegOutcome::ConfirmWithoutNegotiation => {
                out.push(
                    "probe:legacy-rdp-allowed",
                    "Server ignores security negotiation",
                    "The server answered the Connection Request without negotiation data: it only speaks Standard RDP Security (pre-2003-style listener or a minimal server).".to_string(),
                    Some(SOURCE_NEG_RSP),
                );
            }
            NegOutcome::Failure => {
                let Some(code) = a.failure_code else { continue };
                let name = nego::failure_name(code);
                let what = format!(
                    "Offered {}, the server answered {name} ({code}): {}",
                    nego::protocols_name(a.offered),
                    nego::failure_meaning(code)
                );
                if is_full_offer(a) {
                    let key = format!("neg:0x{code:x}");
                    out.push(
                        &key,
                        &format!("Negotiation failure {name}"),
                        what.clone(),
                        Some(SOURCE_NEG_FAILURE),
                    );
                }
                match code {
                    HYBRID_REQUIRED_BY_SERVER if a.offered != PROTOCOL_RDP => out.push(
                        "probe:nla-required",
                        "Server requires NLA",
                        what,
                        Some(SOURCE_NEG_FAILURE),
                    ),
                    HYBRID_REQUIRED_BY_SERVER | SSL_REQUIRED_BY_SERVER
                        if a.offered == PROTOCOL_RDP =>
                    {
                        out.push(
                            "probe:legacy-rdp-refused",
                            "Legacy RDP Security refused",
                            what,
                            Some(SOURCE_NEG_FAILURE),
                        )
                    }
                    SSL_NOT_ALLOWED_BY_SERVER => out.push(
                        "probe:rdp-security-only",
                        "Server allows only legacy RDP Security",
                        what,
                        Some(SOURCE_NEG_FAILURE),
                    ),
                    SSL_CERT_NOT_ON_SERVER => out.push(
                        "probe:ssl-cert-not-on-server",
                        "Server has no usable certificate",
                        what,
                        Some(SOURCE_NEG_FAILURE),
                    ),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // Transport-level outcomes only count when no attempt got a valid answer.
    let answered = atts.iter().any(|a| {
        matches!(
            a.outcome,
            NegOutcome::Selected | NegOutcome::Failure | NegOutcome::ConfirmWithoutNegotiation
        )
    });
    if answered {
        return;
    }
    let has = |o: NegOutcome| atts.iter().find(|a| a.outcome == o);
    if let Some(a) = has(NegOutcome::Malformed) {
        out.push(
            "probe:x224-malformed",
            "Reply is not RDP",
            format!("The service on port {} answered the RDP Connection Request with bytes that are not an X.224 Connection Confirm (first bytes: {}). Another service listens on this port, or a proxy/middlebox answers.", r.port, head_hex(&a.raw_reply_hex)),
            None,
        );
    } else if has(NegOutcome::Closed).is_some() {
        out.push(
            "probe:x224-closed",
            "Connection closed after the RDP request",
            format!("The server on port {} accepted TCP, then closed the connection right after the X.224 Connection Request without answering — typical of a proxy, load balancer or a broken/overloaded RDP listener.", r.port),
            None,
        );
    } else if let Some(a) = has(NegOutcome::NoReply) {
        out.push(
            "probe:x224-no-reply",
            "No answer to the RDP request",
            format!("Port {} accepted TCP but sent nothing back within {} ms of the X.224 Connection Request (a hung service, a tarpit, or a device that only completes the TCP handshake).", r.port, format_args!("{:.0}", a.ms)),
            None,
        );
    }
}

fn head_hex(h: &str) -> String {
    let n = h.len().min(32);
    match h.get(..n) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "none".to_string(),
    }
}

fn tls(r: &ProbeReport, out: &mut Out) {
    let Some(t) = &r.tls else { return };
    let how = if t.method == "raw-tls" {
        "With raw TLS (the port did not answer the RDP request; labelled fallback)"
    } else {
        "After the X.224 upgrade"
    };
    if t.attempted {
        if t.ok {
            out.push(
                "probe:tls-ok",
                "TLS handshake succeeded",
                format!(
                    "{how} the TLS handshake completed ({}).",
                    t.version
                        .clone()
                        .unwrap_or_else(|| "version unknown".into())
                ),
                None,
            );
        } else {
            let alert = t
                .alert
                .map(|a| format!(" The server sent TLS alert {a}."))
                .unwrap_or_default();
            out.push(
                "probe:tls-failed",
                "TLS handshake failed",
                format!(
                    "{how} the TLS handshake failed: {}.{alert}",
                    t.error.clone().unwrap_or_else(|| "no detail".into())
                ),
                None,
            );
            if let Some(a) = t.alert {
                out.push(
                    &format!("alert:{a}"),
                    &format!("TLS alert {a}"),
                    format!("The server answered the TLS handshake with alert number {a}."),
                    Some("RFC 8446 6.2 / RFC 5246 7.2 alert descriptions"),
                );
            }
        }
    }
    let v = t.versions;
    let acc = |s: VersionState| s == VersionState::Accepted;
    let refused = |s: VersionState| s == VersionState::Refused;
    let accepted: Vec<&str> = v
        .list()
        .iter()
        .filter(|(_, s)| acc(*s))
        .map(|(n, _)| *n)
        .collect();
    if accepted.is_empty() {
        return;
    }
    let list = accepted.join(", ");
    let legacy = acc(v.tls1_0) || acc(v.tls1_1);
    let modern = acc(v.tls1_2) || acc(v.tls1_3);
    if legacy && !modern && refused(v.tls1_2) {
        out.push(
            "probe:tls-legacy-only",
            "Only TLS 1.0/1.1",
            format!(
                "The server accepts only {list}; clients that disabled TLS 1.0/1.1 cannot connect."
            ),
            None,
        );
    }
    if legacy {
        out.push(
            "probe:tls-legacy-enabled",
            "TLS 1.0/1.1 still enabled",
            format!("The server accepts {list}; TLS 1.0/1.1 are deprecated (RFC 8996)."),
            Some("RFC 8996"),
        );
    }
    if acc(v.tls1_2) && refused(v.tls1_0) && refused(v.tls1_1) && refused(v.tls1_3) {
        out.push("probe:tls12-only", "TLS 1.2 only", "The server accepts TLS 1.2 and refuses 1.0, 1.1 and 1.3; clients limited to older TLS (old Windows, old FreeRDP/OpenSSL) fail the handshake.".to_string(), None);
    }
}

fn ntlm(r: &ProbeReport, out: &mut Out) {
    let Some(n) = &r.ntlm else { return };
    if let Some(skew) = n.clock_skew_s {
        if skew.abs() > CLOCK_SKEW_LIMIT_S {
            out.push(
                "probe:clock-skew",
                "Server clock is off",
                format!("The server clock differs from this machine's by {skew} s (more than {CLOCK_SKEW_LIMIT_S} s): Kerberos and NLA fail, certificates may look not-yet-valid or expired."),
                None,
            );
        }
    }
}

/// Standard RDP Security methods: 40-bit and 56-bit RC4 session keys (method values from
/// MS-RDPBCGR 2.2.1.4.3) are export-grade strength and can be brute-forced.
fn rdp_security(r: &ProbeReport, out: &mut Out) {
    let Some(s) = &r.rdp_security else { return };
    let weak: Vec<&str> = s
        .accepted()
        .into_iter()
        .filter(|m| *m == "40-bit" || *m == "56-bit")
        .collect();
    if !weak.is_empty() {
        out.push(
            "probe:rdp-weak-encryption",
            "Weak RDP encryption accepted",
            format!(
                "With Standard RDP Security the server accepts {} RC4 encryption (methods accepted: {}). Such keys can be broken; set the RDP encryption level to High or FIPS, or better require TLS/NLA.",
                weak.join(" and "),
                s.accepted().join(", ")
            ),
            Some(SOURCE_SC_SEC),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::*;

    fn keys(r: &ProbeReport) -> Vec<String> {
        findings(r).into_iter().map(|f| f.evidence).collect()
    }

    fn att(
        offered: u32,
        outcome: NegOutcome,
        selected: Option<u32>,
        failure: Option<u32>,
    ) -> NegAttempt {
        NegAttempt {
            offered,
            outcome,
            selected,
            failure_code: failure,
            ..Default::default()
        }
    }

    fn tcp_ok(addr: &str, ms: &[f64]) -> TcpProbe {
        TcpProbe {
            address: addr.into(),
            attempts: ms
                .iter()
                .map(|m| TcpAttempt {
                    ok: true,
                    ms: *m,
                    ..Default::default()
                })
                .collect(),
            latency_ms: ms.first().copied(),
            jitter_ms: Some(0.1),
        }
    }

    #[test]
    fn ssl_only_answered_hybrid_required_means_nla_required_without_a_code_key() {
        let mut r = ProbeReport::new("srv", 3389);
        r.negotiation = vec![
            att(0xB, NegOutcome::Selected, Some(PROTOCOL_HYBRID_EX), None),
            att(0x1, NegOutcome::Failure, None, Some(5)),
            att(0x0, NegOutcome::Failure, None, Some(5)),
        ];
        let k = keys(&r);
        assert!(k.contains(&"probe:nla-required".to_string()), "{k:?}");
        assert!(k.contains(&"probe:nla-supported".to_string()));
        assert!(k.contains(&"probe:legacy-rdp-refused".to_string()));
        assert!(
            !k.contains(&"neg:0x5".to_string()),
            "artificial offers must not produce neg codes: {k:?}"
        );
        assert!(!k.contains(&"probe:nla-off".to_string()));
    }

    #[test]
    fn full_offer_failure_codes_map_to_code_keys_and_facts() {
        let mut r = ProbeReport::new("srv", 3389);
        r.negotiation = vec![
            att(0xB, NegOutcome::Failure, None, Some(2)),
            att(0x0, NegOutcome::Selected, Some(0), None),
        ];
        let k = keys(&r);
        assert!(k.contains(&"neg:0x2".to_string()));
        assert!(k.contains(&"probe:rdp-security-only".to_string()));
        assert!(k.contains(&"probe:legacy-rdp-allowed".to_string()));
        assert!(k.contains(&"probe:nla-off".to_string()));

        r.negotiation = vec![att(0xB, NegOutcome::Failure, None, Some(3))];
        let k = keys(&r);
        assert_eq!(
            k,
            vec![
                "neg:0x3".to_string(),
                "probe:ssl-cert-not-on-server".to_string()
            ]
        );
    }

    #[test]
    fn tls_selected_means_nla_off() {
        let mut r = ProbeReport::new("srv", 3389);
        r.negotiation = vec![
            att(0xB, NegOutcome::Selected, Some(PROTOCOL_SSL), None),
            att(0x1, NegOutcome::Selected, Some(PROTOCOL_SSL), None),
        ];
        let k = keys(&r);
        assert!(k.contains(&"probe:nla-off".to_string()));
        assert!(!k.contains(&"probe:nla-required".to_string()));
        assert!(!k.contains(&"probe:rdp-security-only".to_string()));
        // Offered TLS, chose legacy RDP: the server runs security layer RDP.
        r.negotiation = vec![att(0xB, NegOutcome::Selected, Some(PROTOCOL_RDP), None)];
        let k = keys(&r);
        assert!(k.contains(&"probe:rdp-security-only".to_string()), "{k:?}");
        assert!(
            !k.iter().any(|x| x.starts_with("neg:")),
            "no failure code was sent: {k:?}"
        );
    }

    #[test]
    fn transport_outcomes_only_without_any_valid_answer() {
        let mut r = ProbeReport::new("srv", 3389);
        r.negotiation = vec![
            att(0xB, NegOutcome::Closed, None, None),
            att(0x1, NegOutcome::Closed, None, None),
        ];
        assert_eq!(keys(&r), vec!["probe:x224-closed"]);
        r.negotiation = vec![att(0xB, NegOutcome::NoReply, None, None)];
        assert_eq!(keys(&r), vec!["probe:x224-no-reply"]);
        r.negotiation = vec![
            att(0xB, NegOutcome::Malformed, None, None),
            att(0x1, NegOutcome::Closed, None, None),
        ];
        assert_eq!(keys(&r), vec!["probe:x224-malformed"]);
        r.negotiation = vec![
            att(0xB, NegOutcome::Closed, None, None),
            att(0x1, NegOutcome::Selected, Some(1), None),
        ];
        assert!(!keys(&r).contains(&"probe:x224-closed".to_string()));
    }

    #[test]
    fn tcp_failure_kinds() {
        let mut r = ProbeReport::new("srv", 3389);
        let fail = |k| TcpAttempt {
            ok: false,
            ms: 1.0,
            error_kind: Some(k),
            ..Default::default()
        };
        r.tcp = vec![TcpProbe {
            address: "10.0.0.1".into(),
            attempts: vec![fail(TcpErrorKind::Timeout), fail(TcpErrorKind::Timeout)],
            ..Default::default()
        }];
        assert_eq!(keys(&r), vec!["probe:tcp-timeout"]);
        r.tcp[0].attempts = vec![fail(TcpErrorKind::Refused)];
        assert_eq!(keys(&r), vec!["probe:tcp-refused"]);
        r.tcp[0].attempts = vec![fail(TcpErrorKind::Unreachable)];
        assert_eq!(keys(&r), vec!["probe:tcp-unreachable"]);
        // One address up, one down: open but partial.
        r.tcp.push(tcp_ok("10.0.0.2", &[1.0, 1.2]));
        assert_eq!(keys(&r), vec!["probe:tcp-ok", "probe:tcp-partial"]);
        // Failures mixed with successes on one address: unstable.
        r.tcp = vec![tcp_ok("10.0.0.2", &[1.0])];
        r.tcp[0].attempts.push(fail(TcpErrorKind::Timeout));
        assert_eq!(keys(&r), vec!["probe:tcp-ok", "probe:tcp-unstable"]);
    }

    #[test]
    fn tls_versions_classified() {
        use VersionState::*;
        let mut r = ProbeReport::new("srv", 3389);
        r.tls = Some(TlsStep {
            attempted: true,
            ok: true,
            versions: TlsVersions {
                tls1_0: Refused,
                tls1_1: Refused,
                tls1_2: Accepted,
                tls1_3: Refused,
            },
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:tls-ok", "probe:tls12-only"]);
        r.tls.as_mut().unwrap().versions = TlsVersions {
            tls1_0: Accepted,
            tls1_1: Accepted,
            tls1_2: Refused,
            tls1_3: Refused,
        };
        assert_eq!(
            keys(&r),
            vec![
                "probe:tls-ok",
                "probe:tls-legacy-only",
                "probe:tls-legacy-enabled"
            ]
        );
        r.tls.as_mut().unwrap().versions = TlsVersions {
            tls1_0: Accepted,
            tls1_1: Accepted,
            tls1_2: Accepted,
            tls1_3: Accepted,
        };
        assert_eq!(keys(&r), vec!["probe:tls-ok", "probe:tls-legacy-enabled"]);
        // An untested 1.3 does not allow the "1.2 only" claim.
        r.tls.as_mut().unwrap().versions = TlsVersions {
            tls1_0: Refused,
            tls1_1: Refused,
            tls1_2: Accepted,
            tls1_3: Error,
        };
        assert_eq!(keys(&r), vec!["probe:tls-ok"]);
        r.tls = Some(TlsStep {
            attempted: true,
            ok: false,
            alert: Some(70),
            error: Some("protocol_version".into()),
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:tls-failed", "alert:70"]);
    }

    #[test]
    fn dns_facts() {
        let mut r = ProbeReport::new("rdp01.corp.example", 3389);
        r.dns = Some(DnsStep {
            error: Some("NXDOMAIN".into()),
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:dns-failed"]);
        r.dns = Some(DnsStep {
            addresses: vec!["10.1.1.1".into()],
            reverse_names: vec!["RDP01.corp.example.".into()],
            ..Default::default()
        });
        assert!(keys(&r).is_empty());
        r.dns = Some(DnsStep {
            addresses: vec!["10.1.1.1".into()],
            reverse_names: vec!["printer7.corp.example".into()],
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:dns-reverse-mismatch"]);
        r.dns = Some(DnsStep {
            addresses: vec!["127.0.0.1".into()],
            resolves_to_self: true,
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:dns-self"]);
    }

    #[test]
    fn clock_skew_and_timeout() {
        let mut r = ProbeReport::new("srv", 3389);
        r.ntlm = Some(NtlmInfo {
            clock_skew_s: Some(-301),
            ..Default::default()
        });
        r.timed_out = true;
        assert_eq!(keys(&r), vec!["probe:clock-skew", "probe:scan-timeout"]);
        r.ntlm = Some(NtlmInfo {
            clock_skew_s: Some(299),
            ..Default::default()
        });
        assert_eq!(keys(&r), vec!["probe:scan-timeout"]);
    }

    #[test]
    fn weak_rdp_encryption_only_when_40_or_56_bit_accepted() {
        let m = |method: &str, accepted: bool| RdpMethodCheck {
            method: method.into(),
            accepted,
            ..Default::default()
        };
        let mut r = ProbeReport::new("srv", 3389);
        r.rdp_security = Some(RdpSecurity {
            methods: vec![
                m("40-bit", false),
                m("56-bit", false),
                m("128-bit", true),
                m("fips", false),
            ],
            ..Default::default()
        });
        assert!(keys(&r).is_empty(), "{:?}", keys(&r));
        r.rdp_security.as_mut().unwrap().methods[0].accepted = true;
        assert_eq!(keys(&r), vec!["probe:rdp-weak-encryption"]);
        let f = findings(&r);
        assert!(f[0].detail.contains("40-bit"), "{}", f[0].detail);
        assert!(crate::evidence::describe("probe:rdp-weak-encryption").is_some());
        // Older reports without the field still parse.
        let v = serde_json::json!({"schema": "rdp-triage.probe/1", "target": "x"});
        assert!(analyze_value(&v).report.unwrap().rdp_security.is_none());
        assert_eq!(nego::rdp_version_name(0x0008_0004), "RDP 5.0-8.1");
        assert_eq!(nego::rdp_version_name(0x0008_000C), "RDP 10.7");
    }

    #[test]
    fn every_emitted_static_key_is_declared() {
        use VersionState::*;
        let mut r = ProbeReport::new("a.b", 3389);
        r.negotiation = vec![
            att(0xB, NegOutcome::Failure, None, Some(3)),
            att(0x1, NegOutcome::Failure, None, Some(5)),
            att(0, NegOutcome::Failure, None, Some(1)),
        ];
        r.tls = Some(TlsStep {
            attempted: true,
            ok: true,
            versions: TlsVersions {
                tls1_0: Accepted,
                tls1_1: Refused,
                tls1_2: Refused,
                tls1_3: Refused,
            },
            ..Default::default()
        });
        r.timed_out = true;
        for f in findings(&r) {
            if f.evidence.starts_with("probe:") {
                assert!(
                    crate::evidence::describe(&f.evidence).is_some(),
                    "undeclared key {}",
                    f.evidence
                );
            }
        }
    }

    #[test]
    fn partial_and_foreign_json_parse_with_diagnostics() {
        let v = serde_json::json!({"schema": "rdp-triage.probe/1", "target": "x", "negotiation": [{"offered": 1, "outcome": "failure", "failure_code": 5}]});
        let a = analyze_value(&v);
        assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
        assert_eq!(
            a.findings
                .iter()
                .map(|f| f.evidence.as_str())
                .collect::<Vec<_>>(),
            vec!["probe:nla-required"]
        );
        let a = analyze_value(&serde_json::json!({"schema": "other/9", "tcp": "nonsense"}));
        assert!(a.report.is_none());
        assert_eq!(
            a.diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect::<Vec<_>>(),
            vec!["probe-schema-unknown", "probe-invalid"]
        );
        // The message names the field and what was wrong; a text position would point into
        // the request, not the report, so there is none.
        let msg = &a.diagnostics[1].message;
        assert!(
            msg.contains("(tcp: invalid type: string \"nonsense\", expected a sequence"),
            "{msg}"
        );
        assert!(!msg.contains(" at line "), "{msg}");
    }

    #[test]
    fn report_round_trips_through_json() {
        let mut r = ProbeReport::new("srv", 3390);
        r.tcp = vec![tcp_ok("127.0.0.1", &[0.2])];
        r.negotiation = vec![NegAttempt {
            label: "ssl-only".into(),
            offered: 1,
            outcome: NegOutcome::ConfirmWithoutNegotiation,
            raw_reply_hex: "0300000b06d00000123400".into(),
            ..Default::default()
        }];
        let j = serde_json::to_string(&r).unwrap();
        assert!(
            j.contains("\"outcome\":\"confirm-without-negotiation\""),
            "{j}"
        );
        let back: ProbeReport = crate::schema::from_json(&j).unwrap();
        assert_eq!(back, r);
    }
}
