//! Shared helpers for the real-peer tests: locate (and if needed build) the `rdp-probe`
//! binary, run it with a hard time limit, start Debian's xrdp on a free loopback port with its
//! own config and a certificate made by `openssl`, and stop it again (Drop guard).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Path of the `rdp-probe` debug binary, built once with `cargo build -p probe-helper` (the
/// binary lives in another package, so `CARGO_BIN_EXE_*` is not available here).
pub fn rdp_probe() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("workspace root")
            .to_path_buf();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let st = Command::new(cargo)
            .args(["build", "-q", "-p", "probe-helper", "--bin", "rdp-probe"])
            .current_dir(&root)
            .status()
            .expect("run cargo build");
        assert!(st.success(), "cargo build -p probe-helper failed");
        let target = std::env::var("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|_| root.join("target"));
        let exe = target.join("debug").join(if cfg!(windows) {
            "rdp-probe.exe"
        } else {
            "rdp-probe"
        });
        assert!(exe.exists(), "{} missing", exe.display());
        exe
    })
    .clone()
}

/// Runs `rdp-probe ARGS`, killing it after `limit`. Returns the output and the wall time.
pub fn run_probe(args: &[&str], limit: Duration) -> (Output, Duration) {
    let exe = rdp_probe(); // built before the clock starts
    let t0 = Instant::now();
    let mut child = Command::new(exe)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn rdp-probe");
    let out = wait_limited(&mut child, limit)
        .unwrap_or_else(|| panic!("rdp-probe {args:?} did not finish within {limit:?}"));
    (out, t0.elapsed())
}

/// Waits for a child with a hard limit (kills it and returns `None` when the limit passes).
/// stdout/stderr are drained on threads so a large output cannot block the child.
pub fn wait_limited(child: &mut Child, limit: Duration) -> Option<Output> {
    use std::io::Read;
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut b = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut b);
            }
            b
        })
    };
    let out_t = drain(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err_t = drain(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let t0 = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if t0.elapsed() < limit => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    Some(Output {
        status,
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
    })
}

/// A free loopback TCP port (bound then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A fresh temporary directory (removed by [`TempDir`]'s Drop).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let n = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("rdp-triage-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&p).expect("temp dir");
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Which certificate the test server gets.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum CertKind {
    /// Self-signed RSA 2048, valid for 30 more days.
    #[default]
    Valid,
    /// Self-signed ECDSA P-256, valid for 30 more days (cheaper handshakes for the fleet bench).
    ValidEc,
    /// Self-signed RSA 2048, notAfter one day in the past (`openssl x509 -days -1`).
    Expired,
}

/// Makes `cert.pem` / `key.pem` in `dir` with the openssl CLI; returns their paths.
pub fn make_cert(dir: &Path, kind: CertKind) -> (PathBuf, PathBuf) {
    let key = dir.join("key.pem");
    let csr = dir.join("req.csr");
    let cert = dir.join("cert.pem");
    let newkey: &[&str] = if kind == CertKind::ValidEc {
        &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    } else {
        &["-newkey", "rsa:2048"]
    };
    let ok = Command::new("openssl")
        .arg("req")
        .args(newkey)
        .args(["-nodes", "-subj", "/CN=localhost", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&csr)
        .stderr(Stdio::null())
        .status()
        .expect("openssl")
        .success();
    assert!(ok, "openssl req failed");
    let days = if kind == CertKind::Expired {
        "-1"
    } else {
        "30"
    };
    // Names the loopback target so only the property under test is wrong.
    let ext = dir.join("san.ext");
    std::fs::write(
        &ext,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .expect("write san.ext");
    let ok = Command::new("openssl")
        .args(["x509", "-req", "-days", days, "-extfile"])
        .arg(&ext)
        .arg("-in")
        .arg(&csr)
        .arg("-signkey")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .expect("openssl")
        .success();
    assert!(ok, "openssl x509 failed");
    (cert, key)
}

/// How to start xrdp; each `None` keeps the setting of Debian's /etc/xrdp/xrdp.ini.
#[derive(Clone, Copy, Debug, Default)]
pub struct XrdpConfig<'a> {
    /// The loopback port (`None`: a free one).
    pub port: Option<u16>,
    pub security_layer: Option<&'a str>,
    pub ssl_protocols: Option<&'a str>,
    /// Standard RDP Security encryption level: low, medium, high, fips.
    pub crypt_level: Option<&'a str>,
    pub cert: CertKind,
    /// Keep xrdp's own certificate (Debian: `certificate=` empty, so `/etc/xrdp/cert.pem`,
    /// the self-signed snakeoil certificate) instead of making one; `cert` is then unused.
    pub debian_certificate: bool,
}

/// A running xrdp on 127.0.0.1; killed on Drop.
pub struct Xrdp {
    pub port: u16,
    child: Child,
    _dir: TempDir,
}

impl Xrdp {
    /// Starts `xrdp --nodaemon` with its own xrdp.ini (security layer, TLS versions,
    /// certificate) derived from Debian's, on a free loopback port; waits until it listens.
    pub fn start(security_layer: &str, ssl_protocols: &str, cert: CertKind) -> Xrdp {
        Xrdp::start_with(security_layer, ssl_protocols, cert, None)
    }

    /// Same, also setting `crypt_level` (Standard RDP Security encryption level:
    /// low, medium, high, fips) when given; otherwise Debian's default is kept.
    pub fn start_with(
        security_layer: &str,
        ssl_protocols: &str,
        cert: CertKind,
        crypt_level: Option<&str>,
    ) -> Xrdp {
        Xrdp::launch(XrdpConfig {
            port: None,
            security_layer: Some(security_layer),
            ssl_protocols: Some(ssl_protocols),
            crypt_level,
            cert,
            debian_certificate: false,
        })
    }

    /// Starts `xrdp --nodaemon` as `cfg` says, with its own certificate and log file in a
    /// temporary directory; waits until it listens.
    pub fn launch(cfg: XrdpConfig) -> Xrdp {
        let dir = TempDir::new("xrdp");
        // The certificate and key_file lines: ours, or Debian's as they are.
        let (cert_line, key_line) = if cfg.debian_certificate {
            (None, None)
        } else {
            let (c, k) = make_cert(&dir.0, cfg.cert);
            (
                Some(format!("certificate={}", c.display())),
                Some(format!("key_file={}", k.display())),
            )
        };
        let port = cfg.port.unwrap_or_else(free_port);
        let base = std::fs::read_to_string("/etc/xrdp/xrdp.ini")
            .expect("Debian's /etc/xrdp/xrdp.ini (apt-get install xrdp)");
        let mut ini = String::new();
        for line in base.lines() {
            let key = line.split('=').next().unwrap_or("").trim();
            let l = match (key, cfg.security_layer, cfg.ssl_protocols, cfg.crypt_level) {
                ("port", ..) => format!("port=tcp://127.0.0.1:{port}"),
                ("security_layer", Some(v), _, _) => format!("security_layer={v}"),
                ("ssl_protocols", _, Some(v), _) => format!("ssl_protocols={v}"),
                ("crypt_level", _, _, Some(v)) => format!("crypt_level={v}"),
                ("certificate", ..) => cert_line.clone().unwrap_or_else(|| line.to_string()),
                ("key_file", ..) => key_line.clone().unwrap_or_else(|| line.to_string()),
                ("LogFile", ..) => format!("LogFile={}", dir.0.join("xrdp.log").display()),
                ("EnableSyslog", ..) => "EnableSyslog=false".to_string(),
                _ => line.to_string(),
            };
            ini.push_str(&l);
            ini.push('\n');
        }
        let ini_path = dir.0.join("xrdp.ini");
        std::fs::write(&ini_path, ini).expect("write xrdp.ini");
        let child = Command::new("/usr/sbin/xrdp")
            .arg("--nodaemon")
            .arg("--config")
            .arg(&ini_path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start /usr/sbin/xrdp (apt-get install xrdp)");
        let x = Xrdp {
            port,
            child,
            _dir: dir,
        };
        let t0 = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(10),
                "xrdp did not listen on {port} within 10 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Give xrdp a moment to accept and drop the readiness probe.
        std::thread::sleep(Duration::from_millis(100));
        x
    }
}

impl Drop for Xrdp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Parses a probe report printed by `rdp-probe scan --json`, after checking it against the
/// published `schemas/probe.schema.json`.
pub fn parse_report(out: &Output) -> engine::probe::ProbeReport {
    let s = String::from_utf8_lossy(&out.stdout);
    let report = engine::schema::from_json(&s).unwrap_or_else(|e| {
        panic!(
            "scan --json did not print a probe report ({e}):\n{s}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let value: serde_json::Value = serde_json::from_str(&s).expect("read above");
    let errors: Vec<String> = probe_schema()
        .iter_errors(&value)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "scan --json does not match schemas/probe.schema.json: {}",
        errors.join("; ")
    );
    report
}

/// The validator of `schemas/probe.schema.json`, compiled once.
pub fn probe_schema() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/probe.schema.json");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::validator_for(&schema).expect("probe.schema.json compiles")
    })
}

/// notAfter (Unix seconds) of the captured leaf certificate.
pub fn leaf_not_after(r: &engine::probe::ProbeReport) -> Option<i64> {
    use base64::Engine as _;
    let der = base64::engine::general_purpose::STANDARD
        .decode(r.leaf_certificate_base64()?)
        .ok()?;
    let (_, c) = x509_parser::parse_x509_certificate(&der).ok()?;
    Some(c.validity().not_after.timestamp())
}

/// Evidence keys of a report's findings.
pub fn keys(r: &engine::probe::ProbeReport) -> Vec<String> {
    engine::probe::findings(r)
        .into_iter()
        .map(|f| f.evidence)
        .collect()
}

/// A rustls server configuration (TLS 1.2 and 1.3) with a freshly generated valid RSA
/// certificate in `dir`, for the fake TLS servers (CredSSP, raw TLS).
pub fn tls_server_config(dir: &Path) -> std::sync::Arc<rustls::ServerConfig> {
    tls_server_config_for(dir, CertKind::Valid)
}

/// The same with a certificate of the given kind.
pub fn tls_server_config_for(dir: &Path, kind: CertKind) -> std::sync::Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let (cert, key) = make_cert(dir, kind);
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let key = PrivateKeyDer::from_pem_file(&key).unwrap();
    std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap(),
    )
}
