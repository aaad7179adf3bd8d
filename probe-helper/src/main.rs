//! `rdp-probe`: the native helper. Subcommands:
//! - `decode [FILE|-]` — decode the RDP error codes in pasted text;
//! - `diagnose` — run the engine on texts, certificate files, a probe report, answers, feedback;
//! - `scan HOST[:PORT]` — probe one server (DNS, TCP, X.224 negotiation, TLS, certificate) and
//!   print the facts plus the engine's top causes and first fixes (`--json`: the probe report);
//! - `scan --targets FILE` — the same for a fleet, one line per host plus an urgency summary;
//! - `serve` — the local bridge for the web app (protocol v1, loopback only).
//!
//! The commands themselves live in the `probe_helper` library (src/lib.rs); this file only parses
//! the command line and prints.
//!
//! Exit codes: 0 done, 1 the scan could not reach the service, 2 bad arguments or unreadable input.

use probe_helper::{diag, fleet, open, output, parse_duration, scan, serve, DEFAULT_APP_URL};

use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "rdp-probe",
    version,
    about = "Find out why Remote Desktop will not connect: decode errors, diagnose, probe servers."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Decode the RDP error codes found in text (a file, or - for stdin).
    Decode { input: Option<String> },
    /// Diagnose from pasted text, certificates, a probe report, answers and fix feedback.
    Diagnose(DiagnoseArgs),
    /// Probe one server, or a fleet with --targets.
    Scan(ScanArgs),
    /// Local bridge for the web app (binds 127.0.0.1 only).
    Serve(serve::ServeArgs),
}

#[derive(clap::Args)]
struct DiagnoseArgs {
    /// A text file with error messages or logs (- for stdin). Repeatable.
    #[arg(long = "text", value_name = "FILE|-")]
    texts: Vec<String>,
    /// A certificate file (PEM or DER). Repeatable.
    #[arg(long = "cert", value_name = "FILE")]
    certs: Vec<String>,
    /// A probe report written by `rdp-probe scan --json`.
    #[arg(long, value_name = "FILE")]
    probe: Option<String>,
    /// An answer to a question: QUESTION=OPTION. Repeatable.
    #[arg(long = "answer", value_name = "Q=A", value_parser = diag::parse_answer)]
    answers: Vec<(String, String)>,
    /// What happened with a fix: FIX=failed|worked|skipped. Repeatable.
    #[arg(long = "feedback", value_name = "FIX=OUTCOME", value_parser = diag::parse_feedback)]
    feedback: Vec<(String, engine::schema::FixOutcome)>,
    /// The host name the user typed in the RDP client.
    #[arg(long)]
    host: Option<String>,
    /// The current time, RFC 3339 (default: this machine's clock).
    #[arg(long)]
    now: Option<String>,
    /// Print the report JSON (rdp-triage.report/1).
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ScanArgs {
    // The doc line below is clap's help text: "[IPv6]" is the address form, not a link.
    #[allow(rustdoc::broken_intra_doc_links)]
    /// HOST, HOST:PORT or [IPv6]:PORT.
    target: Option<String>,
    /// A file with one target per line (fleet scan). `#` starts a comment.
    #[arg(long, value_name = "FILE")]
    targets: Option<String>,
    /// Overall time budget per target, e.g. 5s, 800ms.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    timeout: Duration,
    /// Print the probe report JSON (rdp-triage.probe/1) instead of the summary.
    #[arg(long)]
    json: bool,
    /// Open the web app with the result in the URL fragment (never sent to a server).
    #[arg(long)]
    open: bool,
    /// The web app URL for --open.
    #[arg(long, default_value = DEFAULT_APP_URL)]
    app: String,
    /// Also read the server's NetBIOS/DNS names and clock from the NTLM challenge in CredSSP.
    #[arg(long)]
    ntlm: bool,
    /// Fleet: how many hosts at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Fleet: jsonl (one probe report per line) or csv.
    #[arg(long, value_enum, default_value_t = fleet::Format::Jsonl)]
    format: fleet::Format,
    /// Skip TLS version enumeration (4 fewer connections).
    #[arg(long)]
    no_versions: bool,
    /// TCP connect attempts per address.
    #[arg(long, default_value_t = 3)]
    tcp_attempts: u32,
    /// Current time for the diagnosis, RFC 3339 (default: this machine's clock).
    #[arg(long)]
    now: Option<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.cmd {
        Cmd::Decode { input } => decode(input.as_deref()),
        Cmd::Diagnose(a) => diagnose(a),
        Cmd::Scan(a) => run_async(scan_cmd(a)),
        Cmd::Serve(a) => run_async(serve::run(a)),
    }
}

/// Runs the command on a runtime and exits without waiting for leftover blocking work (a
/// reverse-DNS lookup the scan already gave up on must not delay the exit).
fn run_async(fut: impl std::future::Future<Output = ExitCode>) -> ExitCode {
    let rt = runtime();
    let code = rt.block_on(fut);
    rt.shutdown_background();
    code
}

fn runtime() -> tokio::runtime::Runtime {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rdp-probe: cannot start the async runtime: {e}");
            std::process::exit(2);
        }
    }
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("rdp-probe: {msg}");
    ExitCode::from(2)
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(b)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

fn decode(input: Option<&str>) -> ExitCode {
    let bytes = match read_input(input.unwrap_or("-")) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let text = String::from_utf8_lossy(&bytes);
    let a = engine::analyze_text(&text, 0);
    for d in &a.decoded {
        output::outln(&format!(
            "{} {}: {}",
            d.display,
            d.name.as_deref().unwrap_or("(unrecognised)"),
            d.meaning
        ));
    }
    for d in &a.diagnostics {
        eprintln!("{}", d.message);
    }
    ExitCode::SUCCESS
}

fn now_or(arg: Option<String>) -> Result<String, String> {
    match arg {
        Some(n) => match engine::time::parse_rfc3339(&n) {
            Some(_) => Ok(n),
            None => Err(format!(
                "--now \"{n}\" is not RFC 3339; use e.g. 2026-11-21T06:00:00Z"
            )),
        },
        None => Ok(scan::now_rfc3339()),
    }
}

fn diagnose(a: DiagnoseArgs) -> ExitCode {
    let mut req = engine::Request {
        schema: engine::schema::REQUEST_SCHEMA.to_string(),
        ..Default::default()
    };
    if a.texts.iter().filter(|t| *t == "-").count() > 1 {
        return fail("stdin (-) can be given only once");
    }
    for t in &a.texts {
        match read_input(t) {
            Ok(b) => req.texts.push(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => return fail(e),
        }
    }
    for c in &a.certs {
        match std::fs::read(c) {
            Ok(b) => req.certificates.push(diag::certificate_text(&b)),
            Err(e) => return fail(format!("cannot read certificate {c}: {e}")),
        }
    }
    if let Some(p) = &a.probe {
        let bytes = match read_input(p) {
            Ok(b) => b,
            Err(e) => return fail(e),
        };
        let parsed = std::str::from_utf8(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).map_err(|e| e.to_string()));
        match parsed {
            Ok(v) => req.probe = Some(v),
            Err(e) => {
                return fail(format!(
                    "{p} is not JSON ({e}); give the output of `rdp-probe scan HOST --json`"
                ))
            }
        }
        diag::add_probe_certificate(&mut req);
        if a.host.is_none() {
            req.host = req
                .probe
                .as_ref()
                .and_then(|v| v.get("target"))
                .and_then(|t| t.as_str())
                .map(str::to_string);
        }
    }
    for (q, o) in a.answers {
        req.answers.insert(q, o);
    }
    for (f, o) in a.feedback {
        req.feedback.insert(f, o);
    }
    if a.host.is_some() {
        req.host = a.host;
    }
    req.now = match now_or(a.now) {
        Ok(n) => Some(n),
        Err(e) => return fail(e),
    };
    if req.texts.is_empty()
        && req.certificates.is_empty()
        && req.probe.is_none()
        && req.answers.is_empty()
    {
        return fail("nothing to diagnose: give --text FILE (or - for stdin), --cert FILE, --probe FILE or --answer Q=A");
    }
    let report = engine::diagnose(&req);
    if a.json {
        output::outln(&serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        output::out(&output::certificate_summary(&report));
        output::out(&engine::render::to_terminal(&report));
    }
    ExitCode::SUCCESS
}

async fn scan_cmd(a: ScanArgs) -> ExitCode {
    let now = match now_or(a.now.clone()) {
        Ok(n) => n,
        Err(e) => return fail(e),
    };
    let opts = scan::ScanOptions {
        timeout: a.timeout,
        tcp_attempts: a.tcp_attempts.clamp(1, 10),
        versions: !a.no_versions,
        ntlm: a.ntlm,
    };
    if let Some(file) = &a.targets {
        if a.target.is_some() {
            return fail("give either a TARGET or --targets FILE, not both");
        }
        return fleet::run(file, a.format, a.concurrency, &opts, &now).await;
    }
    let Some(target) = &a.target else {
        return fail("missing TARGET; e.g. `rdp-probe scan rdp01.corp.example` or `rdp-probe scan --targets hosts.txt`");
    };
    let (host, port) = match scan::split_target(target, 3389) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let report = scan::scan(&host, port, &opts).await;
    let req = diag::request_for_scan(&report, &now);
    if a.json {
        output::outln(&serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        output::out(&output::probe_summary(&report));
        let rep = engine::diagnose(&req);
        output::out(&output::certificate_summary(&rep));
        output::outln("");
        output::out(&engine::render::to_terminal(&rep));
    }
    if a.open {
        open::open_app(&a.app, &req);
    }
    if report.tcp_reachable() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
