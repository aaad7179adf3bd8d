//! Bench for `rdp-probe` (harness = false; run by `scripts/bench-probe`, which builds the
//! release binary first; it lives in the tests crate so the binary is not rebuilt here). Prints numbers, asserts nothing:
//! 1. fleet: `rdp-probe scan --targets` over 1,000 loopback targets (250 addresses in
//!    127.0.0.0/8 × 4 ports, each a small fake RDP server in this process that answers the
//!    X.224 request and speaks TLS 1.2/1.3 with an ECDSA certificate made by openssl), wall time
//!    and max RSS from `/usr/bin/time -v`;
//! 2. side by side against Debian's xrdp on loopback, in two configurations, one run after
//!    the other: `rdp-probe scan` vs `nmap -p PORT --script rdp-enum-encryption,ssl-cert
//!    127.0.0.1`, medians and ratio for each, and what each tool reports about Standard RDP
//!    Security (methods, level, RDP version):
//!    - "bench": Debian's xrdp.ini as shipped with a self-signed RSA certificate made by
//!      openssl, on port 3389 when free (this bench's configuration since it was written);
//!    - "issue-15": security_layer=negotiate and ssl_protocols=TLSv1.2, TLSv1.3 set explicitly
//!      and xrdp's own certificate (Debian's self-signed snakeoil), on a free port (the
//!      configuration of issue #15 part 4).
//!
//! Everything binds and connects to 127.0.0.0/8 only; every server started here is stopped.

use rdp_triage_tests::{free_port, tls_server_config_for, CertKind, Xrdp, XrdpConfig};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target"));
    let exe = target.join("release").join("rdp-probe");
    if !exe.exists() {
        eprintln!("build the release binary first: cargo build --release -p probe-helper");
        std::process::exit(2);
    }
    let dir = std::env::temp_dir().join(format!("rdp-probe-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    fleet(&exe, &dir);
    let a = side_by_side(
        &exe,
        "bench: Debian's xrdp.ini, openssl self-signed RSA certificate",
        XrdpConfig {
            port: Some(if TcpListener::bind("127.0.0.1:3389").is_ok() {
                3389
            } else {
                free_port()
            }),
            ..XrdpConfig::default()
        },
    );
    let b = side_by_side(
        &exe,
        "issue-15: negotiate, TLS 1.2 + 1.3, xrdp's own self-signed certificate",
        XrdpConfig {
            security_layer: Some("negotiate"),
            ssl_protocols: Some("TLSv1.2, TLSv1.3"),
            debian_certificate: true,
            ..XrdpConfig::default()
        },
    );
    println!("== ratios nmap / rdp-probe (target >= 20x in both):");
    for (name, ours, theirs) in [a, b] {
        println!(
            "  {name}: rdp-probe {:.3} s, nmap {:.3} s, {:.1}x",
            ours,
            theirs,
            theirs / ours
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- fake RDP server --------------------------------------------------------------------

fn start_fake(addrs: &[SocketAddr], cfg: Arc<rustls::ServerConfig>) {
    for a in addrs {
        let l = TcpListener::bind(a).unwrap_or_else(|e| panic!("bind {a}: {e}"));
        let cfg = cfg.clone();
        std::thread::spawn(move || {
            for s in l.incoming().flatten() {
                let cfg = cfg.clone();
                std::thread::spawn(move || handle_simple(s, cfg));
            }
        });
    }
}

/// One connection: read the Connection Request, select TLS if offered (else legacy RDP),
/// then run a TLS handshake and close.
fn handle_simple(mut s: TcpStream, cfg: Arc<rustls::ServerConfig>) {
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = s.set_nodelay(true);
    let mut hdr = [0u8; 4];
    if s.read_exact(&mut hdr).is_err() {
        return;
    }
    let len = u16::from_be_bytes([hdr[2], hdr[3]]) as usize;
    if !(11..=512).contains(&len) {
        return;
    }
    let mut rest = vec![0u8; len - 4];
    if s.read_exact(&mut rest).is_err() {
        return;
    }
    let n = rest.len();
    let requested = if n >= 8 {
        u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]])
    } else {
        0
    };
    let selected: u32 = if requested & 1 != 0 { 1 } else { 0 };
    let mut cc = vec![3, 0, 0, 19, 14, 0xD0, 0, 0, 0x12, 0x34, 0, 2, 0x01, 8, 0];
    cc.extend_from_slice(&selected.to_le_bytes());
    if s.write_all(&cc).is_err() || selected == 0 {
        return;
    }
    let Ok(mut conn) = rustls::ServerConnection::new(cfg) else {
        return;
    };
    while conn.is_handshaking() {
        if conn.complete_io(&mut s).is_err() {
            return;
        }
    }
    let _ = conn.complete_io(&mut s);
}

fn fleet(exe: &Path, dir: &Path) {
    let cfg = tls_server_config_for(dir, CertKind::ValidEc);
    let base = 20000 + (std::process::id() % 20000) as u16;
    let mut addrs = Vec::new();
    for i in 0..250u32 {
        for p in 0..4u16 {
            let ip = Ipv4Addr::new(127, 0, 1 + (i / 250) as u8, 1 + (i % 250) as u8);
            addrs.push(SocketAddr::from((ip, base + p)));
        }
    }
    start_fake(&addrs, cfg);
    let targets = dir.join("targets.txt");
    let list: String = addrs.iter().map(|a| format!("{a}\n")).collect();
    std::fs::write(&targets, list).unwrap();
    let out = dir.join("fleet.jsonl");
    let t0 = Instant::now();
    let res = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(exe)
        .args(["scan", "--targets"])
        .arg(&targets)
        .args(["--concurrency", "64", "--timeout", "5s"])
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(Stdio::piped())
        .output()
        .expect("/usr/bin/time");
    let wall = t0.elapsed();
    let err = String::from_utf8_lossy(&res.stderr);
    let rss_kb: u64 = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let lines = std::fs::read_to_string(&out).unwrap_or_default();
    let n = lines.lines().count();
    let rdp = lines
        .lines()
        .filter(|l| l.contains("\"status\":\"rdp\""))
        .count();
    let tls13 = lines.lines().filter(|l| l.contains("TLS 1.3")).count();
    println!("fleet: {n} targets ({rdp} answered RDP, {tls13} with TLS 1.3 seen) in {:.2} s, max RSS {:.1} MB (targets: <= 10 s, < 100 MB)", wall.as_secs_f64(), rss_kb as f64 / 1024.0);
    if let Some(summary) = err.lines().find(|l| l.starts_with("== summary")) {
        println!("fleet: {summary}");
    }
}

// ---- side by side with nmap ---------------------------------------------------------------

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Runs both tools [`RUNS`] times against xrdp started as `cfg` says; prints the medians,
/// what each reports, and returns (name, our median, nmap's median) in seconds.
fn side_by_side(exe: &Path, name: &str, cfg: XrdpConfig) -> (String, f64, f64) {
    // Stopped when dropped.
    let xrdp = Xrdp::launch(cfg);
    let port = xrdp.port;
    std::thread::sleep(Duration::from_millis(200));
    // Port 3389 lets nmap's RDP portrule match without -sV; elsewhere the `+` prefix forces
    // the scripts to run.
    let scripts = if port == 3389 {
        "rdp-enum-encryption,ssl-cert"
    } else {
        "+rdp-enum-encryption,+ssl-cert"
    };
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut last_nmap = String::new();
    let mut last_ours = String::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let o = Command::new(exe)
            .args(["scan", &format!("127.0.0.1:{port}")])
            .output()
            .unwrap();
        ours.push(t.elapsed().as_secs_f64());
        last_ours = String::from_utf8_lossy(&o.stdout).into_owned();
        std::thread::sleep(Duration::from_millis(200));
        let t = Instant::now();
        let o = Command::new("nmap")
            .args(["-p", &port.to_string(), "--script", scripts, "127.0.0.1"])
            .output()
            .expect("nmap");
        theirs.push(t.elapsed().as_secs_f64());
        last_nmap = String::from_utf8_lossy(&o.stdout).into_owned();
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(xrdp);
    let (a, b) = (median(ours), median(theirs));
    // The machine's load when the runs ended: rdp-probe waits on CPU (xrdp forks a process
    // per connection), nmap mostly on its own timers, so a busy machine lowers the ratio.
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    println!("side by side [{name}] vs xrdp on 127.0.0.1:{port}, {RUNS} runs each (load average {load}):");
    println!("  rdp-probe scan            median {:.3} s", a);
    println!("  nmap --script {scripts}  median {:.3} s", b);
    println!("  ratio nmap / rdp-probe    {:.1}x (target >= 20x)", b / a);
    // What each tool reports about Standard RDP Security, side by side.
    let ours_sec: Vec<&str> = last_ours
        .lines()
        .filter(|l| l.trim_start().starts_with("RDP sec"))
        .collect();
    let nmap_sec: Vec<&str> = last_nmap
        .lines()
        .filter(|l| {
            ["RC4", "FIPS", "Encryption level", "Protocol Version"]
                .iter()
                .any(|k| l.contains(k))
        })
        .collect();
    println!("  RDP Security (methods, level, version):");
    println!("    rdp-probe: {}", ours_sec.join(" | ").trim());
    println!(
        "    nmap:      {}",
        nmap_sec
            .iter()
            .map(|l| l.trim_start_matches(['|', '_', ' ']))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("--- last rdp-probe output ---\n{last_ours}--- last nmap output ---\n{last_nmap}");
    (name.to_string(), a, b)
}
