//! Fleet scan (`scan --targets FILE`): scans many hosts with bounded concurrency, prints one
//! line per host as it finishes (JSON lines or CSV, on stdout) and then an urgency-sorted
//! summary on stderr: expired / soon-expiring RDP certificates first ("find the tenth server
//! before the ticket"), then unreachable hosts, NLA not required, legacy TLS.
//!
//! JSON line shape (stable, `rdp-triage.fleet-line/1`): `{schema, target, port, urgency,
//! status, cert_not_after, cert_days_left, selected_protocol, nla_required, tls_versions,
//! issues, duration_ms, probe}` where `probe` is the full `rdp-triage.probe/1` report.

use crate::scan::{self, ScanOptions};
use engine::probe::nego;
use engine::probe::{ProbeReport, VersionState};
use std::process::ExitCode;
use tokio::task::JoinSet;

// The line type lives in the engine with the other output schemas (its JSON Schema is generated
// there); re-exported so `probe_helper::fleet::{FleetLine, Urgency, FLEET_LINE_SCHEMA}` stay.
pub use engine::fleet::{FleetLine, Urgency, FLEET_LINE_SCHEMA};
/// Certificates expiring within this many days are "soon".
pub const SOON_DAYS: i64 = 30;

/// Output format of a fleet scan (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One `rdp-triage.fleet-line/1` JSON object per line.
    Jsonl,
    /// A header row, then one CSV row per host.
    Csv,
}

/// Reads targets: one per line, `#` comments, blank lines ignored.
pub fn parse_targets(text: &str) -> (Vec<(String, u16)>, Vec<String>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.split('#').next().unwrap_or("").trim();
        if l.is_empty() {
            continue;
        }
        match scan::split_target(l, 3389) {
            Ok(t) => ok.push(t),
            Err(e) => bad.push(format!("line {}: {e}", i + 1)),
        }
    }
    (ok, bad)
}

/// Summarises one report into a fleet line (certificate expiry read from the captured leaf).
pub fn summarize(r: ProbeReport, now_unix: i64, keep_probe: bool) -> FleetLine {
    let keys: Vec<String> = engine::probe::findings(&r)
        .into_iter()
        .map(|f| f.evidence)
        .collect();
    let has = |k: &str| keys.iter().any(|x| x == k);
    let (not_after, days) = match r
        .leaf_certificate_base64()
        .and_then(|b64| leaf_expiry(b64, now_unix))
    {
        Some((t, d)) => (Some(t), Some(d)),
        None => (None, None),
    };
    let full = r.negotiation.first();
    let selected = full
        .and_then(|n| n.selected)
        .map(nego::protocols_name)
        .or_else(|| {
            full.and_then(|n| n.failure_code)
                .map(|c| nego::failure_name(c).to_string())
        });
    let nla_required = if has("probe:nla-required") {
        Some(true)
    } else if has("probe:nla-off") {
        Some(false)
    } else {
        None
    };
    let tls_versions: Vec<String> = r
        .tls
        .as_ref()
        .map(|t| {
            t.versions
                .list()
                .iter()
                .filter(|(_, s)| *s == VersionState::Accepted)
                .map(|(n, _)| n.to_string())
                .collect()
        })
        .unwrap_or_default();
    let reachable = r.tcp_reachable();
    let rdp = r.negotiation.iter().any(|n| {
        n.selected.is_some()
            || n.failure_code.is_some()
            || n.outcome == engine::probe::NegOutcome::ConfirmWithoutNegotiation
    });
    let urgency = match days {
        Some(d) if d < 0 => Urgency::CertExpired,
        Some(d) if d <= SOON_DAYS => Urgency::CertExpiring,
        _ if !reachable => Urgency::Unreachable,
        _ if !rdp => Urgency::NotRdp,
        _ if nla_required == Some(false) => Urgency::NlaOff,
        _ if has("probe:tls-legacy-enabled") => Urgency::LegacyTls,
        _ => Urgency::Ok,
    };
    let status = if !reachable {
        keys.iter()
            .find(|k| k.starts_with("probe:tcp-") || *k == "probe:dns-failed")
            .cloned()
            .unwrap_or_else(|| "unreachable".into())
    } else if !rdp {
        keys.iter()
            .find(|k| k.starts_with("probe:x224-"))
            .cloned()
            .unwrap_or_else(|| "not-rdp".into())
    } else {
        "rdp".into()
    };
    FleetLine {
        schema: FLEET_LINE_SCHEMA,
        target: r.target.clone(),
        port: r.port,
        urgency,
        status,
        cert_not_after: not_after,
        cert_days_left: days,
        selected_protocol: selected,
        nla_required,
        tls_versions,
        issues: keys,
        duration_ms: r.duration_ms,
        probe: if keep_probe { Some(r) } else { None },
    }
}

/// notAfter (RFC 3339) and whole days left of the captured leaf, read by the engine's
/// certificate module (the one certificate parser `rdp-probe` carries).
fn leaf_expiry(b64: &str, now_unix: i64) -> Option<(String, i64)> {
    let a = engine::cert::analyze(b64, None, now_unix);
    let leaf = a
        .certificates
        .iter()
        .find(|c| c.leaf)
        .or(a.certificates.first())?;
    Some((leaf.not_after.clone(), leaf.days_left))
}

/// The CSV columns, in order (the header row).
pub const CSV_COLUMNS: [&str; 11] = [
    "target",
    "port",
    "urgency",
    "status",
    "cert_not_after",
    "cert_days_left",
    "selected_protocol",
    "nla_required",
    "tls_versions",
    "issues",
    "duration_ms",
];

/// The CSV fields of one line (same order as [`CSV_COLUMNS`]).
pub fn csv_record(l: &FleetLine) -> [String; 11] {
    let urg = serde_json::to_value(l.urgency)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    [
        l.target.clone(),
        l.port.to_string(),
        urg,
        l.status.clone(),
        l.cert_not_after.clone().unwrap_or_default(),
        l.cert_days_left.map(|d| d.to_string()).unwrap_or_default(),
        l.selected_protocol.clone().unwrap_or_default(),
        l.nla_required.map(|b| b.to_string()).unwrap_or_default(),
        l.tls_versions.join(" "),
        l.issues.join(" "),
        l.duration_ms.to_string(),
    ]
}

/// One CSV row (no line end), quoted by the `csv` crate (RFC 4180).
pub fn csv_row(fields: &[impl AsRef<[u8]>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    if w.write_record(fields).is_err() {
        return String::new();
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\n')
        .to_string()
}

/// One fleet line as a CSV row.
pub fn csv_line(l: &FleetLine) -> String {
    csv_row(&csv_record(l))
}

/// Runs the fleet scan and prints lines and the summary.
pub async fn run(
    file: &str,
    format: Format,
    concurrency: usize,
    opts: &ScanOptions,
    now: &str,
) -> ExitCode {
    let csv = format == Format::Csv;
    let text = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("rdp-probe: cannot read targets file {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let (targets, bad) = parse_targets(&text);
    for b in &bad {
        eprintln!("rdp-probe: skipped {b}");
    }
    if targets.is_empty() {
        eprintln!("rdp-probe: {file} has no targets; write one HOST or HOST:PORT per line");
        return ExitCode::from(2);
    }
    let now_unix = engine::time::parse_rfc3339(now).unwrap_or(0);
    let limit = concurrency.clamp(1, 1024);
    let mut set: JoinSet<FleetLine> = JoinSet::new();
    let mut rows: Vec<(Urgency, String, u16, String)> = Vec::with_capacity(targets.len());
    if csv {
        crate::output::outln(&csv_row(&CSV_COLUMNS));
    }
    let emit = |l: FleetLine, rows: &mut Vec<(Urgency, String, u16, String)>| {
        if csv {
            crate::output::outln(&csv_line(&l));
        } else {
            crate::output::outln(&serde_json::to_string(&l).unwrap_or_default());
        }
        let what = match (l.urgency, l.cert_days_left) {
            (Urgency::CertExpired, Some(d)) => format!(
                "certificate EXPIRED {} days ago ({})",
                -d,
                l.cert_not_after.clone().unwrap_or_default()
            ),
            (Urgency::CertExpiring, Some(d)) => format!(
                "certificate expires in {d} days ({})",
                l.cert_not_after.clone().unwrap_or_default()
            ),
            (Urgency::Unreachable, _) => format!("unreachable ({})", l.status),
            (Urgency::NotRdp, _) => format!("port open but not answering RDP ({})", l.status),
            (Urgency::NlaOff, _) => "NLA not required".to_string(),
            (Urgency::LegacyTls, _) => {
                format!("legacy TLS accepted ({})", l.tls_versions.join(", "))
            }
            _ => "ok".to_string(),
        };
        rows.push((l.urgency, l.target, l.port, what));
    };
    for (host, port) in targets {
        while set.len() >= limit {
            if let Some(Ok(l)) = set.join_next().await {
                emit(l, &mut rows);
            }
        }
        let o = opts.clone();
        set.spawn(async move {
            let r = scan::scan(&host, port, &o).await;
            summarize(r, now_unix, !csv)
        });
    }
    while let Some(res) = set.join_next().await {
        if let Ok(l) = res {
            emit(l, &mut rows);
        }
    }
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let ok = rows.iter().filter(|r| r.0 == Urgency::Ok).count();
    eprintln!(
        "== summary: {} hosts, {} need attention (most urgent first)",
        rows.len(),
        rows.len() - ok
    );
    for (_, t, p, what) in rows.iter().filter(|r| r.0 != Urgency::Ok) {
        eprintln!("  {t}:{p}  {what}");
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::probe::*;

    #[test]
    fn targets_file_parses_with_comments_and_errors() {
        let (ok, bad) = parse_targets("# fleet\nsrv1\n\nsrv2:3390 # lab\nbad:port\n[::1]:4000\n");
        assert_eq!(
            ok,
            vec![
                ("srv1".into(), 3389),
                ("srv2".into(), 3390),
                ("::1".into(), 4000)
            ]
        );
        assert_eq!(bad.len(), 1);
        assert!(bad[0].starts_with("line 5"));
    }

    #[test]
    fn urgency_orders_unreachable_before_nla_off() {
        let mut down = ProbeReport::new("down", 3389);
        down.tcp = vec![TcpProbe {
            address: "10.0.0.9".into(),
            attempts: vec![TcpAttempt {
                error_kind: Some(TcpErrorKind::Timeout),
                ..Default::default()
            }],
            ..Default::default()
        }];
        let mut open = ProbeReport::new("open", 3389);
        open.tcp = vec![TcpProbe {
            address: "10.0.0.8".into(),
            attempts: vec![TcpAttempt {
                ok: true,
                ..Default::default()
            }],
            ..Default::default()
        }];
        open.negotiation = vec![NegAttempt {
            offered: 1,
            outcome: NegOutcome::Selected,
            selected: Some(1),
            ..Default::default()
        }];
        let a = summarize(down, 0, false);
        let b = summarize(open, 0, false);
        assert_eq!(a.urgency, Urgency::Unreachable);
        assert_eq!(a.status, "probe:tcp-timeout");
        assert_eq!(b.urgency, Urgency::NlaOff);
        assert!(a.urgency < b.urgency);
        assert!(csv_line(&b).starts_with("open,3389,nla-off,rdp,"));
    }

    #[test]
    fn csv_rows_quote_what_needs_quoting_and_read_back() {
        assert_eq!(csv_row(&CSV_COLUMNS).split(',').count(), 11);
        let mut l = summarize(ProbeReport::new("odd,\"name\"", 3389), 0, false);
        l.issues = vec!["a".into(), "b,c".into()];
        let row = csv_line(&l);
        assert!(row.starts_with("\"odd,\"\"name\"\"\",3389,"), "{row}");
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes());
        let rec = rd.records().next().unwrap().unwrap();
        assert_eq!(rec.len(), CSV_COLUMNS.len());
        assert_eq!(&rec[0], "odd,\"name\"");
        assert_eq!(&rec[9], "a b,c");
    }
}
