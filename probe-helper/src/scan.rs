//! One-target scan orchestration: DNS first, then the TCP attempts (addresses at once), then
//! the three X.224 offers at once, each continuing into the steps that depend on it alone: the
//! full offer into the rustls handshake and the TLS version checks, the SSL-only offer into
//! the TLS 1.0 check on its own connection, the RDP-only offer into the Standard RDP Security
//! checks (one MCS Connect Initial per method, the first on its own connection). Futures are
//! joined with `futures::future::join_all` / `tokio::join!`, so results keep their order
//! whatever finishes first. At most [`CONNECT_PARALLELISM`] connections at a time wait for the
//! server's accept and first answer (see `Budget::exchange`); everything after that overlaps.
//! Every network operation is bounded by its own step timeout and by the scan's overall
//! deadline, so the whole scan ends within `--timeout`.

use crate::{dns, mcs, tcp, tls, x224};

use base64::Engine as _;
use engine::probe::nego::{
    ENCRYPTION_METHODS, PROTOCOL_HYBRID, PROTOCOL_HYBRID_EX, PROTOCOL_RDP, PROTOCOL_SSL,
};
use engine::probe::{
    NegAttempt, NegOutcome, ProbeReport, RdpMethodCheck, RdpSecurity, StepTiming, TlsStep,
    TlsVersions, VersionCheck, VersionState,
};
use futures::future::join_all;
use std::net::SocketAddr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::net::TcpStream;

/// Scan settings.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Overall budget for the whole scan.
    pub timeout: Duration,
    /// TCP connect attempts per address.
    pub tcp_attempts: u32,
    /// Also enumerate TLS versions (one connection each).
    pub versions: bool,
    /// Also read the NTLM challenge inside CredSSP (server names and clock).
    pub ntlm: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            timeout: Duration::from_secs(5),
            tcp_attempts: 3,
            versions: true,
            ntlm: false,
        }
    }
}

/// The three offers, as the best peers make them (see reference A7).
pub const OFFERS: [(&str, u32); 3] = [
    (
        "ssl-hybrid-hybridex",
        PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX,
    ),
    ("ssl-only", PROTOCOL_SSL),
    ("rdp-only", PROTOCOL_RDP),
];

/// How many connections to one server may wait for its accept and first answer at once.
/// xrdp listens with a backlog of 2, and Linux queues backlog + 1 = 3 connections; a fourth
/// SYN in a burst is dropped and costs a 1 s retransmit.
pub const CONNECT_PARALLELISM: usize = 3;
/// Longest one step keeps its turn while waiting for the server's X.224 answer.
pub const TURN_HOLD: Duration = Duration::from_millis(250);

/// Deadline bookkeeping shared by the steps.
#[derive(Clone)]
struct Budget {
    start: Instant,
    total: Duration,
    /// Limits simultaneous connection *openings* to one server: small RDP servers (xrdp
    /// listens with a backlog of 2) drop SYNs from a burst, costing a 1 s retransmit.
    opening: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Budget {
    fn remaining(&self) -> Duration {
        self.total.saturating_sub(self.start.elapsed())
    }
    /// A step timeout: `frac` of the total budget, never past the deadline.
    fn step(&self, frac: f64) -> Duration {
        self.total.mul_f64(frac).min(self.remaining())
    }
    /// Opens a connection (or takes a kept one) and runs one X.224 exchange, taking a turn
    /// with the other steps so at most [`CONNECT_PARALLELISM`] connections at a time wait on
    /// the server's accept.
    async fn exchange(
        &self,
        addr: SocketAddr,
        sock: Option<TcpStream>,
        offered: u32,
    ) -> Result<(TcpStream, x224::Exchange), engine::probe::TcpAttempt> {
        // The turn is handed on when the server answers, or after TURN_HOLD at the latest, so
        // a server that never answers costs one read timeout in total, not one per step.
        let (done, wait) = tokio::sync::oneshot::channel::<()>();
        if let Ok(permit) = self.opening.clone().acquire_owned().await {
            tokio::spawn(async move {
                let _p = permit;
                let _ = tokio::time::timeout(TURN_HOLD, wait).await;
            });
        }
        let mut s = match sock {
            Some(s) => s,
            None => match tcp::connect(addr, self.step(0.5)).await {
                (Some(s), _) => s,
                (None, t) => return Err(t),
            },
        };
        let ex = x224::exchange(&mut s, offered, self.step(0.5)).await;
        drop(done);
        Ok((s, ex))
    }
}

/// Current time as RFC 3339 (the probe's clock; the engine never reads one).
pub fn now_rfc3339() -> String {
    let s = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    engine::time::format_rfc3339(s)
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Splits `HOST[:PORT]` / `[v6]:PORT` / bare IPv6; the default port is 3389.
pub fn split_target(s: &str, default_port: u16) -> Result<(String, u16), String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(
            "empty target; give a host name or address, e.g. rdp01.corp.example or 10.0.0.5:3389"
                .into(),
        );
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest
            .split_once(']')
            .ok_or_else(|| format!("\"{s}\": missing ']' after the IPv6 address"))?;
        let port = match after.strip_prefix(':') {
            Some(p) => p
                .parse()
                .map_err(|_| format!("\"{p}\" is not a port number (1-65535)"))?,
            None if after.is_empty() => default_port,
            None => return Err(format!("\"{s}\": unexpected text after ']'")),
        };
        return Ok((h.to_string(), port));
    }
    if s.matches(':').count() > 1 {
        return Ok((s.to_string(), default_port)); // bare IPv6
    }
    match s.split_once(':') {
        Some((h, p)) => {
            let port: u16 = p
                .parse()
                .map_err(|_| format!("\"{p}\" is not a port number (1-65535)"))?;
            if port == 0 {
                return Err("port 0 is not valid".into());
            }
            Ok((h.to_string(), port))
        }
        None => Ok((s.to_string(), default_port)),
    }
}

/// Scans one target and returns the report (never fails; problems are inside the report).
pub async fn scan(host: &str, port: u16, opts: &ScanOptions) -> ProbeReport {
    let budget = Budget {
        start: Instant::now(),
        total: opts.timeout,
        opening: std::sync::Arc::new(tokio::sync::Semaphore::new(CONNECT_PARALLELISM)),
    };
    let mut r = ProbeReport::new(host, port);
    r.tool = format!("rdp-probe {}", env!("CARGO_PKG_VERSION"));
    r.started = now_rfc3339();
    r.timeout_ms = opts.timeout.as_millis() as u64;

    let t = Instant::now();
    let (dns_step, addrs, reverse) = dns::resolve(host, port, budget.step(0.4)).await;
    r.steps.push(StepTiming {
        step: "dns".into(),
        ms: ms_since(t),
        status: if addrs.is_empty() { "failed" } else { "ok" }.into(),
    });
    r.dns = Some(dns_step);

    if !addrs.is_empty() {
        // Phase 1: TCP reachability (attempts in sequence per address, addresses at once).
        let t = Instant::now();
        let futs = addrs.iter().take(4).enumerate().map(|(i, a)| {
            tcp::probe_address(
                *a,
                opts.tcp_attempts,
                {
                    let b = budget.clone();
                    move || b.step(0.5)
                },
                if i == 0 { 3 } else { 0 },
            )
        });
        let mut kept: Vec<TcpStream> = Vec::new();
        for (p, socks) in join_all(futs).await {
            if p.any_ok() && kept.is_empty() {
                kept = socks;
            }
            r.tcp.push(p);
        }
        let mut kept = kept.into_iter();
        let reachable: Vec<SocketAddr> = addrs
            .iter()
            .take(4)
            .zip(r.tcp.iter())
            .filter(|(_, p)| p.any_ok())
            .map(|(a, _)| *a)
            .collect();
        r.steps.push(StepTiming {
            step: "tcp".into(),
            ms: ms_since(t),
            status: if reachable.is_empty() { "failed" } else { "ok" }.into(),
        });
        // The RDP steps go to the first address that answered (nothing to learn from a dead one).
        if let Some(&target) = reachable.first() {
            // Phase 2: the three offers at once, each continuing into what depends on it alone:
            // the full offer into the TLS handshake and the TLS version checks, the RDP-only
            // offer into the Standard RDP Security checks. Every connection takes its turn at
            // the server's accept (see `Budget::exchange`); everything else overlaps.
            let t = Instant::now();
            let versions = opts.versions;
            let (k0, k1, k2) = (kept.next(), kept.next(), kept.next());
            let ((full, tls_step, vers, tls_done), (ssl, ssl_done, tls10), (rdp, rdpsec, rdp_done)) = tokio::join!(
                tls_path(target, k0, host, budget.clone(), versions, t),
                ssl_path(target, k1, host, budget.clone(), versions, t),
                rdp_path(target, k2, budget.clone(), t)
            );
            // TLS 1.0 from the SSL-only connection, or (when that offer did not upgrade) now.
            let vers = match vers {
                Some((mut v, began, mut ended)) => {
                    match tls10 {
                        Some((c, end)) => {
                            v.push(c);
                            ended = ended.max(end);
                        }
                        None => {
                            v.push(
                                version_check(target, host, tls::VERSIONS[0], budget.clone(), None)
                                    .await,
                            );
                            ended = ms_since(t);
                        }
                    }
                    Some((v, ended - began))
                }
                None => None,
            };
            let negs = vec![full, ssl, rdp];
            let neg_ok = negs.iter().any(|n| {
                matches!(
                    n.outcome,
                    NegOutcome::Selected
                        | NegOutcome::Failure
                        | NegOutcome::ConfirmWithoutNegotiation
                )
            });
            r.steps.push(StepTiming {
                step: "negotiation".into(),
                ms: tls_done.max(ssl_done).max(rdp_done),
                status: if neg_ok { "ok" } else { "failed" }.into(),
            });
            r.negotiation = negs;
            let mut tls_step = tls_step;
            if let Some((mut vers, ms)) = vers {
                let known = known_from_handshake(&tls_step);
                vers.extend(known.into_iter().map(|(_, c)| (c, Vec::new())));
                vers.sort_by(|a, b| a.0.version.cmp(&b.0.version));
                let ok = vers.iter().any(|v| v.0.state == VersionState::Accepted);
                r.steps.push(StepTiming {
                    step: "tls-versions".into(),
                    ms,
                    status: if ok { "ok" } else { "failed" }.into(),
                });
                merge_versions(&mut tls_step, vers);
            }
            if let Some((s, ms)) = rdpsec {
                r.steps.push(StepTiming {
                    step: "rdp-security".into(),
                    ms,
                    status: if s.server_version.is_some() {
                        "ok"
                    } else {
                        "failed"
                    }
                    .into(),
                });
                r.rdp_security = Some(s);
            }
            if opts.ntlm {
                let t = Instant::now();
                let _turn = budget.opening.acquire().await;
                let info =
                    crate::ntlm::probe(target, host, budget.step(0.5), budget.remaining()).await;
                r.steps.push(StepTiming {
                    step: "ntlm".into(),
                    ms: ms_since(t),
                    status: if info.ok { "ok" } else { "failed" }.into(),
                });
                r.ntlm = Some(info);
            }
            // Raw TLS fallback (labelled) when the port answered the X.224 request with TLS bytes.
            if !tls_step.attempted {
                if let Some(full) = r.negotiation.first() {
                    if full.outcome == NegOutcome::Malformed
                        && (full.raw_reply_hex.starts_with("15")
                            || full.raw_reply_hex.starts_with("16"))
                    {
                        tls_step = raw_tls(target, host, budget.clone(), tls_step).await;
                    }
                }
            }
            if tls_step.attempted {
                r.steps.push(StepTiming {
                    step: "tls".into(),
                    ms: tls_step.ms,
                    status: if tls_step.ok { "ok" } else { "failed" }.into(),
                });
            }
            if tls_step.attempted || !tls_step.version_checks.is_empty() {
                r.tls = Some(tls_step);
            }
        }
    }

    // Reverse names: whatever arrived while the other steps ran, plus a short grace.
    match reverse
        .finish(budget.remaining().min(Duration::from_millis(300)))
        .await
    {
        Some(names) => {
            if let Some(d) = r.dns.as_mut() {
                d.reverse_names = names;
            }
        }
        None => r
            .errors
            .push("reverse DNS lookup did not finish in time".into()),
    }
    r.duration_ms = budget.start.elapsed().as_millis() as u64;
    r.timed_out = budget.remaining() < Duration::from_millis(20);
    if r.timed_out {
        r.errors.push(format!(
            "the {} ms budget ran out; steps still running were cut short",
            r.timeout_ms
        ));
    }
    r.finished = now_rfc3339();
    r
}

fn attempt_from(label: &str, offered: u32, addr: SocketAddr, ex: &x224::Exchange) -> NegAttempt {
    let mut a = NegAttempt {
        label: label.into(),
        address: addr.ip().to_string(),
        offered,
        outcome: ex.outcome,
        raw_reply_hex: x224::hex(&ex.raw, 256),
        ms: ex.ms,
        error: ex.error.clone(),
        ..Default::default()
    };
    match ex.confirm {
        Some(x224::Confirm::Selected { protocol, flags }) => {
            a.selected = Some(protocol);
            a.flags = Some(flags);
        }
        Some(x224::Confirm::Failure { code, flags }) => {
            a.failure_code = Some(code);
            a.flags = Some(flags);
        }
        _ => {}
    }
    a
}

fn connect_failed(
    label: &str,
    offered: u32,
    addr: SocketAddr,
    t: engine::probe::TcpAttempt,
) -> NegAttempt {
    NegAttempt {
        label: label.into(),
        address: addr.ip().to_string(),
        offered,
        outcome: NegOutcome::ConnectFailed,
        ms: t.ms,
        error: t.error,
        ..Default::default()
    }
}

fn known_from_handshake(step: &TlsStep) -> Vec<(u16, VersionCheck)> {
    let mut out = Vec::new();
    if !step.ok {
        return out;
    }
    let mk = |name: &str, state| VersionCheck {
        version: name.into(),
        state,
        server_version: step.version.clone(),
        cipher_suite: step.cipher_suite.clone(),
        ms: step.ms,
        error: Some("from the full TLS handshake".into()),
        ..Default::default()
    };
    match step.version.as_deref() {
        Some("TLS 1.3") => out.push((0x0304, mk("TLS 1.3", VersionState::Accepted))),
        Some("TLS 1.2") => {
            out.push((0x0303, mk("TLS 1.2", VersionState::Accepted)));
            out.push((0x0304, mk("TLS 1.3", VersionState::Refused)));
        }
        _ => {}
    }
    out
}

fn upgrades_to_tls(c: &Option<x224::Confirm>) -> Option<u32> {
    match c {
        Some(x224::Confirm::Selected { protocol, .. })
            if *protocol & (PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX) != 0 =>
        {
            Some(*protocol)
        }
        _ => None,
    }
}

/// TLS version checks with their total time.
type Versions = Option<(Vec<(VersionCheck, Vec<Vec<u8>>)>, f64, f64)>;

/// The full modern offer; if the server upgrades to TLS, the rustls handshake on the same
/// socket and (with `versions`) one connection per TLS version: 1.1 (which rustls never
/// negotiates) at once beside the handshake, 1.2 and 1.3 after it, only when the handshake did
/// not already prove them (1.0 goes on the SSL-only offer's connection, see [`ssl_path`]).
/// Also returns when the handshake ended and when the version checks began and ended (ms
/// since `t`).
async fn tls_path(
    addr: SocketAddr,
    sock: Option<TcpStream>,
    host: &str,
    b: Budget,
    versions: bool,
    t: Instant,
) -> (NegAttempt, TlsStep, Versions, f64) {
    let (label, offered) = OFFERS[0];
    let mut step = TlsStep {
        method: "x224-upgrade".into(),
        ..Default::default()
    };
    let (mut s, ex) = match b.exchange(addr, sock, offered).await {
        Ok(x) => x,
        Err(e) => {
            return (
                connect_failed(label, offered, addr, e),
                step,
                None,
                ms_since(t),
            )
        }
    };
    let att = attempt_from(label, offered, addr, &ex);
    let Some(p) = upgrades_to_tls(&ex.confirm) else {
        return (att, step, None, ms_since(t));
    };
    step.attempted = true;
    step.selected_protocol = Some(p);
    if !versions {
        let hs = tls::handshake(&mut s, host, b.remaining()).await;
        fill_step(&mut step, hs);
        return (att, step, None, ms_since(t));
    }
    let began = ms_since(t);
    let early = join_all(
        tls::VERSIONS
            .iter()
            .filter(|(v, _)| *v == 0x0302)
            .map(|v| version_check(addr, host, *v, b.clone(), None)),
    );
    let handshake = async {
        let hs = tls::handshake(&mut s, host, b.remaining()).await;
        (hs, ms_since(t))
    };
    let (mut vers, (hs, done)) = tokio::join!(early, handshake);
    fill_step(&mut step, hs);
    // What the rustls handshake already proved needs no extra connection: the version it
    // negotiated is accepted, and a server that answered a hello offering 1.3 with 1.2 does
    // not accept 1.3.
    let known = known_from_handshake(&step);
    let late = tls::VERSIONS
        .iter()
        .filter(|(v, _)| *v >= 0x0303 && !known.iter().any(|k| k.0 == *v))
        .map(|v| version_check(addr, host, *v, b.clone(), None));
    vers.extend(join_all(late).await);
    (att, step, Some((vers, began, ms_since(t))), done)
}

/// The SSL-only offer; when the server upgrades it to TLS (and `versions`), the TLS 1.0 check
/// on this same connection (used only if the full offer upgraded too). Returns when the offer
/// was answered and when the check ended (ms since `t`).
async fn ssl_path(
    addr: SocketAddr,
    sock: Option<TcpStream>,
    host: &str,
    b: Budget,
    versions: bool,
    t: Instant,
) -> (NegAttempt, f64, Option<((VersionCheck, Vec<Vec<u8>>), f64)>) {
    let (label, offered) = OFFERS[1];
    let (s, ex) = match b.exchange(addr, sock, offered).await {
        Ok(x) => x,
        Err(e) => return (connect_failed(label, offered, addr, e), ms_since(t), None),
    };
    let att = attempt_from(label, offered, addr, &ex);
    let done = ms_since(t);
    if !versions || upgrades_to_tls(&ex.confirm).is_none() {
        return (att, done, None);
    }
    let c = version_check(addr, host, tls::VERSIONS[0], b, Some((s, ex))).await;
    (att, done, Some((c, ms_since(t))))
}

/// The RDP-only offer; when the server answers with legacy RDP, the Standard RDP Security
/// checks (the first on this same connection). Also returns when the offer was answered.
async fn rdp_path(
    addr: SocketAddr,
    sock: Option<TcpStream>,
    b: Budget,
    t: Instant,
) -> (NegAttempt, Option<(RdpSecurity, f64)>, f64) {
    let (label, offered) = OFFERS[2];
    let (s, ex) = match b.exchange(addr, sock, offered).await {
        Ok(x) => x,
        Err(e) => return (connect_failed(label, offered, addr, e), None, ms_since(t)),
    };
    let att = attempt_from(label, offered, addr, &ex);
    let done = ms_since(t);
    if !legacy_rdp_selected(std::slice::from_ref(&att)) {
        return (att, None, done);
    }
    let tr = Instant::now();
    let sec = rdp_security(addr, b, Some((s, ex))).await;
    (att, Some((sec, ms_since(tr))), done)
}

fn fill_step(step: &mut TlsStep, hs: tls::Handshake) {
    step.ok = hs.ok;
    step.version = hs.version;
    step.cipher_suite = hs.cipher_suite;
    step.alert = hs.alert;
    step.error = hs.error;
    step.ms = hs.ms;
    step.chain_der_base64 = hs
        .chain
        .iter()
        .map(|c| base64::engine::general_purpose::STANDARD.encode(c))
        .collect();
}

async fn raw_tls(addr: SocketAddr, host: &str, b: Budget, mut step: TlsStep) -> TlsStep {
    step.method = "raw-tls".into();
    let (s, t) = tcp::connect(addr, b.step(0.5)).await;
    let Some(mut s) = s else {
        step.error = t.error;
        return step;
    };
    step.attempted = true;
    let hs = tls::handshake(&mut s, host, b.remaining()).await;
    fill_step(&mut step, hs);
    step
}

/// True when the RDP-only offer was answered with legacy RDP (RDP_NEG_RSP selecting
/// PROTOCOL_RDP, or a pre-negotiation Connection Confirm).
fn legacy_rdp_selected(negs: &[NegAttempt]) -> bool {
    negs.iter().any(|n| {
        n.offered == PROTOCOL_RDP
            && (n.selected == Some(PROTOCOL_RDP)
                || n.outcome == NegOutcome::ConfirmWithoutNegotiation)
    })
}

/// Standard RDP Security: one connection per encryption method (X.224 RDP-only, then an MCS
/// Connect Initial offering only that method), taking turns like the other steps.
async fn rdp_security(
    addr: SocketAddr,
    b: Budget,
    first: Option<(TcpStream, x224::Exchange)>,
) -> RdpSecurity {
    let mut first = first;
    let checks = join_all(
        ENCRYPTION_METHODS
            .iter()
            .map(|(label, m)| method_check(addr, label, *m, b.clone(), first.take())),
    )
    .await;
    let mut out = RdpSecurity::default();
    for (c, data, raw) in checks {
        if let Some(d) = data {
            if out.server_version.is_none() {
                out.server_version = d.version;
            }
        }
        if out.raw_reply_hex.is_empty() && !raw.is_empty() {
            out.raw_reply_hex = x224::hex(&raw, 128);
        }
        out.methods.push(c);
    }
    out.version_name = out
        .server_version
        .map(engine::probe::nego::rdp_version_name);
    if out.server_version.is_none() {
        out.error = Some(
            out.methods
                .iter()
                .find_map(|m| m.error.clone())
                .unwrap_or_else(|| "no MCS Connect Response carried server core data".into()),
        );
    }
    out
}

async fn method_check(
    addr: SocketAddr,
    label: &str,
    method: u32,
    b: Budget,
    answered: Option<(TcpStream, x224::Exchange)>,
) -> (RdpMethodCheck, Option<mcs::ServerData>, Vec<u8>) {
    let t0 = Instant::now();
    let mut c = RdpMethodCheck {
        method: label.into(),
        ..Default::default()
    };
    let (mut s, ex) = match answered {
        Some(x) => x,
        None => match b.exchange(addr, None, PROTOCOL_RDP).await {
            Ok(x) => x,
            Err(t) => {
                c.error = t.error;
                c.ms = ms_since(t0);
                return (c, None, Vec::new());
            }
        },
    };
    let legacy = matches!(
        ex.confirm,
        Some(x224::Confirm::Selected {
            protocol: PROTOCOL_RDP,
            ..
        }) | Some(x224::Confirm::NoNegotiation)
    );
    if !legacy {
        c.error = Some(format!(
            "the X.224 exchange did not select legacy RDP ({:?})",
            ex.outcome
        ));
        c.ms = ms_since(t0);
        return (c, None, ex.raw);
    }
    let o = mcs::exchange(&mut s, method, b.step(0.5)).await;
    c.ms = ms_since(t0);
    let data = match o.data {
        Ok(d) => {
            c.selected_method = d.encryption_method;
            c.encryption_level = d.encryption_level;
            c.accepted = d.result == 0 && d.encryption_method == Some(method);
            if d.result != 0 {
                c.error = Some(format!(
                    "MCS Connect Response result {} (0 = successful)",
                    d.result
                ));
            }
            Some(d)
        }
        Err(e) => {
            c.error = Some(e);
            None
        }
    };
    (c, data, o.raw)
}

/// One connection: X.224 full offer (or a connection another offer already upgraded), then a
/// hand-built ClientHello for one version.
async fn version_check(
    addr: SocketAddr,
    host: &str,
    (ver, name): (u16, &str),
    b: Budget,
    answered: Option<(TcpStream, x224::Exchange)>,
) -> (VersionCheck, Vec<Vec<u8>>) {
    let t0 = Instant::now();
    let mut c = VersionCheck {
        version: name.into(),
        state: VersionState::Error,
        ..Default::default()
    };
    let (mut s, ex) = match answered {
        Some(x) => x,
        None => match b.exchange(addr, None, OFFERS[0].1).await {
            Ok(x) => x,
            Err(t) => {
                c.error = t.error;
                c.ms = ms_since(t0);
                return (c, Vec::new());
            }
        },
    };
    if upgrades_to_tls(&ex.confirm).is_none() {
        c.error = Some(format!(
            "the X.224 exchange did not upgrade to TLS ({:?})",
            ex.outcome
        ));
        c.ms = ms_since(t0);
        return (c, Vec::new());
    }
    let ans = tls::check_version(&mut s, ver, host, b.remaining()).await;
    c.ms = ms_since(t0);
    c.alert = ans.alert;
    c.server_version = ans.server_version.map(tls::version_name);
    c.cipher_suite = ans.cipher_suite.map(|s| format!("0x{s:04x}"));
    c.raw_reply_hex = x224::hex(&ans.raw_head, 64);
    c.error = ans.error.clone();
    c.state = if ans.accepted {
        VersionState::Accepted
    } else if ans.server_version.is_some() || ans.alert.is_some() || ans.closed {
        VersionState::Refused
    } else {
        VersionState::Error
    };
    (c, ans.chain)
}

fn merge_versions(step: &mut TlsStep, vers: Vec<(VersionCheck, Vec<Vec<u8>>)>) {
    let mut v = TlsVersions::default();
    let mut legacy_chain: Vec<Vec<u8>> = Vec::new();
    for (c, chain) in vers.into_iter().rev() {
        match c.version.as_str() {
            "TLS 1.0" => v.tls1_0 = c.state,
            "TLS 1.1" => v.tls1_1 = c.state,
            "TLS 1.2" => v.tls1_2 = c.state,
            "TLS 1.3" => v.tls1_3 = c.state,
            _ => {}
        }
        if legacy_chain.is_empty() && !chain.is_empty() {
            legacy_chain = chain;
        }
        step.version_checks.insert(0, c);
    }
    step.versions = v;
    if step.chain_der_base64.is_empty() && !legacy_chain.is_empty() {
        step.chain_der_base64 = legacy_chain
            .iter()
            .map(|c| base64::engine::general_purpose::STANDARD.encode(c))
            .collect();
        if !step.ok {
            let note = "certificate chain read from the TLS ≤1.2 Certificate message (rustls could not complete a handshake)";
            step.error = Some(match step.error.take() {
                Some(e) => format!("{e}; {note}"),
                None => note.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split() {
        assert_eq!(split_target("srv", 3389).unwrap(), ("srv".into(), 3389));
        assert_eq!(
            split_target("srv:3390", 3389).unwrap(),
            ("srv".into(), 3390)
        );
        assert_eq!(
            split_target("[::1]:4000", 3389).unwrap(),
            ("::1".into(), 4000)
        );
        assert_eq!(
            split_target("fe80::1", 3389).unwrap(),
            ("fe80::1".into(), 3389)
        );
        assert!(split_target("srv:abc", 3389).is_err());
        assert!(split_target("srv:0", 3389).is_err());
        assert!(split_target("", 3389).is_err());
    }
}
