//! Real-peer tests: Debian's xrdp (a server no one here wrote) on a loopback port with its
//! own xrdp.ini and a certificate made by openssl, probed by the real `rdp-probe scan`, then
//! diagnosed. Each test starts and kills its own xrdp (Drop guard) and is bounded in time.
//! Needs: xrdp, openssl (Debian packages).

use rdp_triage_tests::*;
use std::time::Duration;

fn scan(port: u16) -> engine::probe::ProbeReport {
    let target = format!("127.0.0.1:{port}");
    let (out, took) = run_probe(
        &["scan", &target, "--json", "--timeout", "5s"],
        Duration::from_secs(20),
    );
    let r = parse_report(&out);
    assert!(
        took < Duration::from_secs(6),
        "scan took {took:?}: {:?}",
        r.steps
    );
    r
}

fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Runs `rdp-probe diagnose --probe FILE --json` on a report and returns the report JSON.
fn diagnose(r: &engine::probe::ProbeReport) -> serde_json::Value {
    diagnose_with(r, None)
}

/// Same, plus the text the user's client showed.
fn diagnose_with(r: &engine::probe::ProbeReport, client_text: Option<&str>) -> serde_json::Value {
    let dir = TempDir::new("diag");
    let p = dir.0.join("probe.json");
    std::fs::write(&p, serde_json::to_string(r).unwrap()).unwrap();
    let t = dir.0.join("client.txt");
    let mut args = vec![
        "diagnose".to_string(),
        "--probe".into(),
        p.to_str().unwrap().into(),
        "--json".into(),
    ];
    if let Some(text) = client_text {
        std::fs::write(&t, text).unwrap();
        args.extend(["--text".into(), t.to_str().unwrap().into()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, _) = run_probe(&args, Duration::from_secs(20));
    assert!(
        out.status.success(),
        "diagnose failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("diagnose --json prints JSON")
}

/// The first-ranked cause ID, if the knowledge base ranked any.
fn first_cause(rep: &serde_json::Value) -> Option<String> {
    rep["causes"]
        .get(0)
        .and_then(|c| c["id"].as_str())
        .map(str::to_string)
}

#[test]
fn negotiate_with_valid_certificate() {
    let x = Xrdp::start("negotiate", "TLSv1.2, TLSv1.3", CertKind::Valid);
    let r = scan(x.port);
    let full = &r.negotiation[0];
    assert_eq!(
        full.outcome,
        engine::probe::NegOutcome::Selected,
        "{full:?}"
    );
    // xrdp has no CredSSP: offered SSL|HYBRID|HYBRID_EX it picks TLS.
    assert_eq!(full.selected, Some(engine::probe::nego::PROTOCOL_SSL));
    assert_eq!(
        r.negotiation[2].selected,
        Some(engine::probe::nego::PROTOCOL_RDP),
        "negotiate also allows legacy RDP"
    );
    let tls = r.tls.as_ref().expect("tls step");
    assert!(tls.ok, "{tls:?}");
    assert_eq!(tls.chain_der_base64.len(), 1);
    let na = leaf_not_after(&r).expect("leaf certificate parses");
    assert!(
        na > now_unix() + 20 * 86400,
        "certificate valid ~30 more days"
    );
    let k = keys(&r);
    for want in [
        "probe:tcp-ok",
        "probe:nla-off",
        "probe:legacy-rdp-allowed",
        "probe:tls-ok",
    ] {
        assert!(k.iter().any(|x| x == want), "missing {want} in {k:?}");
    }
    let rep = diagnose(&r);
    assert_eq!(rep["schema"], "rdp-triage.report/1");
    assert!(
        rep["findings"].to_string().contains("probe:nla-off"),
        "probe findings reach the engine: {rep}"
    );
    // The captured certificate was analysed: valid, names 127.0.0.1, so no expiry verdict.
    let leaf = &rep["certificates"][0];
    assert!(leaf["days_left"].as_i64().unwrap() > 20, "{leaf}");
    assert!(
        !leaf["verdicts"].to_string().contains("\"expired\""),
        "{leaf}"
    );
}

#[test]
fn expired_certificate_is_captured_and_named() {
    let x = Xrdp::start("negotiate", "TLSv1.2, TLSv1.3", CertKind::Expired);
    let r = scan(x.port);
    let na = leaf_not_after(&r).expect("chain captured even though the certificate is expired");
    assert!(na < now_unix(), "leaf notAfter is in the past");
    let rep = diagnose(&r);
    let leaf = &rep["certificates"][0];
    assert!(
        leaf["verdicts"]
            .as_array()
            .expect("verdicts")
            .iter()
            .any(|v| v["id"] == "expired"),
        "certificate analysis must flag expiry: {leaf}"
    );
    assert!(leaf["days_left"].as_i64().unwrap() < 0);
    assert_eq!(
        first_cause(&rep).as_deref(),
        Some("cert-expired"),
        "first cause for an expired RDP certificate"
    );
}

#[test]
fn security_layer_rdp_refuses_tls() {
    let x = Xrdp::start("rdp", "TLSv1.2, TLSv1.3", CertKind::Valid);
    let r = scan(x.port);
    let full = &r.negotiation[0];
    // Offered SSL|HYBRID|HYBRID_EX, xrdp 0.9 selects legacy RDP (a Windows server would send
    // SSL_NOT_ALLOWED_BY_SERVER); both mean "TLS and NLA are off".
    let refused_tls = full.selected == Some(engine::probe::nego::PROTOCOL_RDP)
        || full.failure_code == Some(engine::probe::nego::SSL_NOT_ALLOWED_BY_SERVER);
    assert!(refused_tls, "{full:?}");
    assert_eq!(
        r.negotiation[2].selected,
        Some(engine::probe::nego::PROTOCOL_RDP)
    );
    assert!(
        r.tls.is_none() || !r.tls.as_ref().unwrap().attempted,
        "no TLS when the server refuses it"
    );
    let k = keys(&r);
    assert!(k.contains(&"probe:rdp-security-only".to_string()), "{k:?}");
    let rep = diagnose(&r);
    assert_eq!(
        first_cause(&rep).as_deref(),
        Some("security-layer-mismatch")
    );
}

#[test]
fn tls12_only_server_is_enumerated() {
    let x = Xrdp::start("negotiate", "TLSv1.2", CertKind::Valid);
    let r = scan(x.port);
    let v = r.tls.as_ref().expect("tls").versions;
    use engine::probe::VersionState::*;
    assert_eq!(
        (v.tls1_0, v.tls1_1, v.tls1_2, v.tls1_3),
        (Refused, Refused, Accepted, Refused),
        "{:?}",
        r.tls
    );
    assert_eq!(r.tls.as_ref().unwrap().version.as_deref(), Some("TLS 1.2"));
    assert!(keys(&r).contains(&"probe:tls12-only".to_string()));
    // The server alone is healthy for modern clients; the failure needs a client that cannot
    // do TLS 1.2 — here an old FreeRDP whose TLS connect fails (its log line is the evidence).
    let client = "[ERROR][com.freerdp.core] - transport_connect_tls:freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]\n";
    let rep = diagnose_with(&r, Some(client));
    assert_eq!(first_cause(&rep).as_deref(), Some("tls-mismatch"));
}

type MethodRow = (String, bool, Option<u32>, Option<u32>);

/// The Standard RDP Security methods/levels xrdp reports. xrdp.ini(5): only 40-bit and 128-bit
/// are supported; observed with Debian's xrdp: crypt_level low answers 40-bit at level 1,
/// high answers 128-bit at level 3, whatever single method the client offers. The server's
/// TS_UD_SC_SEC1 names its own choice, so only the matching offer counts as accepted (the
/// rule nmap's rdp-enum-encryption also applies: enc_cipher == the cipher offered).
///
/// Starts xrdp with `security_layer=rdp` and `crypt_level`, scans it; keeps xrdp running
/// (the returned guard kills it).
fn rdp_security_of(crypt_level: &str) -> (Xrdp, engine::probe::ProbeReport, Vec<MethodRow>) {
    let x = Xrdp::start_with(
        "rdp",
        "TLSv1.2, TLSv1.3",
        CertKind::Valid,
        Some(crypt_level),
    );
    let r = scan(x.port);
    let sec = r
        .rdp_security
        .clone()
        .expect("rdp_security step ran for a legacy-RDP server");
    assert_eq!(sec.error, None, "{sec:?}");
    assert_eq!(
        sec.server_version,
        Some(0x0008_0004),
        "xrdp announces RDP 5.0+: {sec:?}"
    );
    assert_eq!(sec.version_name.as_deref(), Some("RDP 5.0-8.1"));
    assert!(
        sec.raw_reply_hex.starts_with("0300"),
        "{}",
        sec.raw_reply_hex
    );
    assert!(
        r.steps
            .iter()
            .any(|s| s.step == "rdp-security" && s.status == "ok"),
        "{:?}",
        r.steps
    );
    let m = sec
        .methods
        .iter()
        .map(|m| {
            (
                m.method.clone(),
                m.accepted,
                m.selected_method,
                m.encryption_level,
            )
        })
        .collect();
    (x, r, m)
}

#[test]
fn rdp_security_high_accepts_only_128_bit() {
    let (x, r, m) = rdp_security_of("high");
    let want: Vec<MethodRow> = [
        ("40-bit", false),
        ("56-bit", false),
        ("128-bit", true),
        ("fips", false),
    ]
    .iter()
    .map(|(n, a)| (n.to_string(), *a, Some(0x02), Some(3)))
    .collect();
    assert_eq!(m, want, "crypt_level=high: 128-bit RC4, level 3 (high)");
    let k = keys(&r);
    assert!(
        !k.contains(&"probe:rdp-weak-encryption".to_string()),
        "{k:?}"
    );
    // The human summary shows it too.
    let (out, _) = run_probe(
        &["scan", &format!("127.0.0.1:{}", x.port), "--timeout", "5s"],
        Duration::from_secs(20),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("40-bit: no, 56-bit: no, 128-bit: yes, fips: no, level high"),
        "{text}"
    );
}

#[test]
fn rdp_security_low_accepts_40_bit_and_is_flagged_weak() {
    let (_x, r, m) = rdp_security_of("low");
    let want: Vec<MethodRow> = [
        ("40-bit", true),
        ("56-bit", false),
        ("128-bit", false),
        ("fips", false),
    ]
    .iter()
    .map(|(n, a)| (n.to_string(), *a, Some(0x01), Some(1)))
    .collect();
    assert_eq!(m, want, "crypt_level=low: 40-bit RC4, level 1 (low)");
    let k = keys(&r);
    assert!(
        k.contains(&"probe:rdp-weak-encryption".to_string()),
        "{k:?}"
    );
}
