//! Certificate analysis against the fixtures made by `scripts/make-cert-fixtures` (openssl,
//! fixed dates around the reference now 2026-06-01T00:00:00Z). Each fixture has its expected
//! leaf verdicts and diagnostics in the table below; thumbprints are compared with the values
//! openssl wrote next to each fixture (`*.fp`).
// Reads fixture files from disk: native only (the wasm build has its own test, wasm_cert.rs).
#![cfg(not(target_arch = "wasm32"))]

use engine::cert::{analyze, analyze_bytes, CertAnalysis};
use engine::finding::{Origin, Severity, Strength};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn now() -> i64 {
    engine::time::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

/// Text fixtures go through `analyze`, binary ones through `analyze_bytes`.
fn run(name: &str, host: Option<&str>) -> CertAnalysis {
    let data = read(name);
    match std::str::from_utf8(&data) {
        Ok(text) => analyze(text, host, now()),
        Err(_) => analyze_bytes(&data, host, now()),
    }
}

fn leaf_ids(a: &CertAnalysis) -> Vec<String> {
    let mut ids: Vec<String> = a
        .certificates
        .iter()
        .filter(|c| c.leaf)
        .flat_map(|c| c.verdicts.iter().map(|v| v.id.clone()))
        .collect();
    ids.sort();
    ids
}

fn codes(a: &CertAnalysis) -> Vec<String> {
    let mut c: Vec<String> = a.diagnostics.iter().map(|d| d.code.clone()).collect();
    c.sort();
    c
}

const H: &str = "rdp.corp.example";

/// (fixture, typed host, certificates found, expected leaf verdict IDs, expected diagnostics).
/// Every certificate also gets `thumbprint`, which is added automatically.
type Row = (
    &'static str,
    Option<&'static str>,
    usize,
    &'static [&'static str],
    &'static [&'static str],
);

#[rustfmt::skip]
const TABLE: &[Row] = &[
    ("expired-selfsigned.pem", Some("SRV01.corp.example"), 1, &["expired", "self-signed", "rdp-default-self-signed", "name-match", "eku-ok"], &[]),
    ("expired-selfsigned.pem", Some("srv01"), 1, &["expired", "self-signed", "rdp-default-self-signed", "name-mismatch", "name-fqdn-would-match", "eku-ok"], &[]),
    ("paste-in-text.txt", Some("srv01.corp.example"), 1, &["expired", "self-signed", "rdp-default-self-signed", "name-match", "eku-ok"], &[]),
    ("selfsigned-valid.pem", Some("srv01.corp.example"), 1, &["valid-dates", "self-signed", "rdp-default-self-signed", "name-match", "eku-ok"], &[]),
    ("selfsigned-oldname.pem", Some("srv01.corp.example"), 1, &["valid-dates", "self-signed", "rdp-default-self-signed", "name-mismatch", "renamed-host", "eku-ok"], &[]),
    ("selfsigned-rdp-eku.pem", Some("srv01.corp.example"), 1, &["valid-dates", "self-signed", "rdp-default-self-signed", "name-mismatch", "name-short-would-match", "eku-ok"], &[]),
    ("selfsigned-sha512.pem", Some("srv02.corp.example"), 1, &["valid-dates", "self-signed", "rdp-default-self-signed", "name-match", "eku-ok"], &[]),
    ("chain-valid.pem", Some(H), 3, &["valid-dates", "ca-issued", "chain-complete", "name-match", "eku-ok"], &[]),
    ("chain-valid.pem", Some("10.1.2.3"), 3, &["valid-dates", "ca-issued", "chain-complete", "name-match", "eku-ok"], &[]),
    ("chain-valid.pem", Some("10.9.9.9"), 3, &["valid-dates", "ca-issued", "chain-complete", "name-mismatch", "eku-ok"], &[]),
    ("chain-valid.pem", Some("rdp"), 3, &["valid-dates", "ca-issued", "chain-complete", "name-mismatch", "name-fqdn-would-match", "eku-ok"], &[]),
    ("chain-valid.pem", None, 3, &["valid-dates", "ca-issued", "chain-complete", "eku-ok"], &[]),
    ("chain-leaf-inter.pem", Some(H), 2, &["valid-dates", "ca-issued", "chain-root-omitted", "name-match", "eku-ok"], &[]),
    ("chain-misordered.pem", Some(H), 3, &["valid-dates", "ca-issued", "chain-complete", "chain-misordered", "name-match", "eku-ok"], &[]),
    ("chain-missing-intermediate.pem", Some(H), 2, &["valid-dates", "ca-issued", "chain-incomplete", "name-match", "eku-ok"], &[]),
    ("long-chain.pem", Some(H), 5, &["valid-dates", "ca-issued", "chain-complete", "chain-misordered", "name-match", "eku-ok"], &[]),
    ("bundle.p7b", Some(H), 3, &["valid-dates", "ca-issued", "chain-complete", "name-match", "eku-ok"], &[]),
    ("bundle-p7b.pem", Some(H), 3, &["valid-dates", "ca-issued", "chain-complete", "name-match", "eku-ok"], &[]),
    ("leaf.cer", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("leaf.b64", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("leaf-wrapped.b64", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("leaf-spaced.hex", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("leaf-colon.hex", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("certutil-encode.txt", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("wrong-name.pem", Some(H), 2, &["valid-dates", "ca-issued", "chain-root-omitted", "name-mismatch", "eku-ok"], &[]),
    ("wildcard.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("wildcard.pem", Some("corp.example"), 1, &["valid-dates", "ca-issued", "name-mismatch", "eku-ok"], &[]),
    ("wildcard.pem", Some("a.rdp.corp.example"), 1, &["valid-dates", "ca-issued", "name-mismatch", "eku-ok"], &[]),
    ("sha1-signed.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok", "weak-signature"], &[]),
    ("md5-signed.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok", "weak-signature"], &[]),
    ("rsa1024.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok", "weak-key"], &[]),
    ("ec-p256.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("rdp-eku-only.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("no-eku.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-absent"], &[]),
    ("client-auth-eku.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "no-server-auth-eku"], &[]),
    ("ca-true-leaf.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok", "ca-leaf"], &[]),
    ("cn-only.pem", Some("srv01.corp.example"), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &[]),
    ("cn-only.pem", Some("srv01"), 1, &["valid-dates", "ca-issued", "name-mismatch", "name-fqdn-would-match", "eku-ok"], &[]),
    ("not-yet-valid.pem", Some(H), 1, &["not-yet-valid", "ca-issued", "name-match", "eku-ok"], &[]),
    ("expiring-soon.pem", Some(H), 1, &["expiring-soon", "ca-issued", "name-match", "eku-ok"], &[]),
    ("cert-and-key.pem", Some(H), 1, &["valid-dates", "ca-issued", "name-match", "eku-ok"], &["cert-private-key"]),
    ("huge-bundle.pem", None, 64, &["valid-dates", "ca-issued", "eku-ok"], &["cert-duplicates", "cert-too-many", "cert-unrelated"]),
    ("private-key.pem", None, 0, &[], &["cert-private-key"]),
    ("private-key-rsa.pem", None, 0, &[], &["cert-private-key"]),
    ("private-key.der", None, 0, &[], &["cert-private-key"]),
    ("server.pfx", None, 0, &[], &["cert-private-key"]),
    ("request.csr", None, 0, &[], &["cert-csr"]),
    ("public-key.pem", None, 0, &[], &["cert-public-key"]),
    ("crl.pem", None, 0, &[], &["cert-crl"]),
    ("empty.p7b", None, 0, &[], &["cert-pkcs7-empty"]),
    ("certutil-dump.txt", None, 0, &[], &["cert-field-dump"]),
    ("garbage.txt", None, 0, &[], &["cert-nothing-found"]),
    ("random.bin", None, 0, &[], &["cert-not-der"]),
    ("truncated.der", None, 0, &[], &["cert-truncated"]),
    ("truncated.pem", None, 0, &[], &["cert-pem-truncated"]),
];

#[test]
fn every_fixture_gives_its_expected_verdicts() {
    let mut failures = Vec::new();
    for &(name, host, count, verdicts, diags) in TABLE {
        let a = run(name, host);
        let mut want: Vec<String> = verdicts.iter().map(|s| s.to_string()).collect();
        if count > 0 {
            want.push("thumbprint".into());
        }
        want.sort();
        let mut want_diags: Vec<String> = diags.iter().map(|s| s.to_string()).collect();
        want_diags.sort();
        let (got, got_diags) = (leaf_ids(&a), codes(&a));
        if a.certificates.len() != count || got != want || got_diags != want_diags {
            failures.push(format!(
                "{name} host={host:?}: {} certs (want {count}); verdicts {got:?} (want {want:?}); diagnostics {got_diags:?} (want {want_diags:?})",
                a.certificates.len()
            ));
        }
        for c in &a.certificates {
            assert!(
                c.verdicts
                    .windows(2)
                    .all(|w| w[0].severity >= w[1].severity),
                "{name}: verdicts sorted by severity"
            );
        }
        if count > 0 {
            assert_eq!(
                a.certificates.iter().filter(|c| c.leaf).count(),
                1,
                "{name}: exactly one leaf"
            );
            assert!(a.certificates[0].leaf, "{name}: the leaf is listed first");
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_leaf_verdict_has_a_known_hard_certificate_finding() {
    for &(name, host, _, _, _) in TABLE {
        let a = run(name, host);
        for c in a.certificates.iter().filter(|c| c.leaf) {
            for v in &c.verdicts {
                let key = format!("cert:{}", v.id);
                let f = a.findings.iter().find(|f| f.title == v.title);
                let f = f.unwrap_or_else(|| panic!("{name}: no finding for verdict {}", v.id));
                assert!(f.evidence.starts_with("cert:"), "{name}: {}", f.evidence);
                assert!(
                    engine::evidence::is_known(&f.evidence),
                    "{name}: unknown key {}",
                    f.evidence
                );
                assert_eq!(
                    (f.strength, f.origin),
                    (Strength::Hard, Origin::Certificate)
                );
                assert_eq!(f.detail, v.explanation);
                // Verdict IDs and keys line up one-to-one.
                assert_eq!(f.evidence, key, "{name}");
                assert!(!v.explanation.is_empty() && !v.title.is_empty());
            }
        }
    }
}

#[test]
fn thumbprints_match_openssl() {
    let mut checked = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("fp") {
            continue;
        }
        let fp = std::fs::read_to_string(&path).unwrap();
        let mut lines = fp.lines();
        let (sha1, sha256) = (lines.next().unwrap(), lines.next().unwrap());
        let pem = path.with_extension("pem");
        let a = analyze(&std::fs::read_to_string(&pem).unwrap(), None, now());
        // openssl fingerprints the first certificate in the file.
        let first = a.certificates.iter().find(|c| c.index == 0).unwrap();
        assert_eq!(first.thumbprint_sha1, sha1, "{pem:?}");
        assert_eq!(first.thumbprint_sha256, sha256, "{pem:?}");
        let tp = first
            .verdicts
            .iter()
            .find(|v| v.id == "thumbprint")
            .unwrap();
        let spaced: Vec<String> = sha1
            .as_bytes()
            .chunks(2)
            .map(|p| String::from_utf8_lossy(p).to_lowercase())
            .collect();
        assert!(
            tp.explanation.contains(&spaced.join(" ")),
            "{pem:?}: spaced form"
        );
        assert!(tp.explanation.contains(sha256));
        assert_eq!(tp.severity, Severity::Info);
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} fingerprint files");
}

#[test]
fn decoded_fields_of_the_ca_issued_leaf() {
    let a = run("chain-valid.pem", Some(H));
    let leaf = &a.certificates[0];
    assert_eq!(leaf.subject, "CN=rdp.corp.example, O=Corp Example");
    assert_eq!(leaf.issuer, "CN=Corp Example Issuing CA 1, O=Corp Example");
    assert_eq!(leaf.not_before, "2026-01-01T00:00:00Z");
    assert_eq!(leaf.not_after, "2027-01-01T00:00:00Z");
    assert_eq!(leaf.days_left, 214);
    assert_eq!(
        leaf.sans,
        [
            "DNS:rdp.corp.example",
            "DNS:rdp-alias.corp.example",
            "IP:10.1.2.3"
        ]
    );
    assert_eq!(leaf.ekus, ["Server Authentication (1.3.6.1.5.5.7.3.1)"]);
    assert_eq!(leaf.key_usage, ["Digital Signature", "Key Encipherment"]);
    assert_eq!(leaf.key, "RSA 2048");
    assert_eq!(leaf.signature_algorithm, "SHA-256 with RSA");
    assert!(!leaf.is_ca && !leaf.self_signed);
    assert!(
        !leaf.serial.is_empty()
            && leaf
                .serial
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
    );
    let ext: Vec<(&str, &str, bool)> = leaf
        .extensions
        .iter()
        .map(|(o, n, c)| (o.as_str(), n.as_str(), *c))
        .collect();
    assert!(ext.contains(&("2.5.29.15", "Key Usage", true)), "{ext:?}");
    assert!(
        ext.contains(&("2.5.29.17", "Subject Alternative Name", false)),
        "{ext:?}"
    );
    assert!(
        ext.contains(&("2.5.29.35", "Authority Key Identifier", false)),
        "{ext:?}"
    );
    // Chain order: leaf, issuing CA, root; the root is self-signed and a CA.
    let subjects: Vec<&str> = a.certificates.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects[1], "CN=Corp Example Issuing CA 1, O=Corp Example");
    assert_eq!(subjects[2], "CN=Corp Example Root CA, O=Corp Example");
    assert!(a.certificates[2].self_signed && a.certificates[2].is_ca);
    // A CA-issued leaf's serial as openssl prints it (the script's counter starts at 0x1000).
    assert!(u64::from_str_radix(&leaf.serial, 16).unwrap() >= 0x1000);

    let ec = run("ec-p256.pem", Some(H));
    assert_eq!(ec.certificates[0].key, "EC P-256");
    let r = run("rsa1024.pem", Some(H));
    assert_eq!(r.certificates[0].key, "RSA 1024");
    let s = run("sha1-signed.pem", Some(H));
    assert_eq!(s.certificates[0].signature_algorithm, "SHA-1 with RSA");
}

#[test]
fn chains_are_reordered_leaf_first() {
    // long-chain.pem is written as ca2, leaf, root, ca3, ca1.
    let a = run("long-chain.pem", Some(H));
    let order: Vec<usize> = a.certificates.iter().map(|c| c.index).collect();
    assert_eq!(order, [1, 3, 0, 4, 2]);
    let cns: Vec<&str> = a
        .certificates
        .iter()
        .map(|c| c.subject.split(',').next().unwrap())
        .collect();
    assert_eq!(
        cns,
        [
            "CN=rdp.corp.example",
            "CN=Corp Example Site CA",
            "CN=Corp Example Regional CA",
            "CN=Corp Example Policy CA",
            "CN=Corp Example Root CA"
        ]
    );
    let m = run("chain-missing-intermediate.pem", Some(H));
    let v = m.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "chain-incomplete")
        .unwrap();
    assert!(
        v.explanation.contains("Corp Example Issuing CA 1"),
        "{}",
        v.explanation
    );
    assert_eq!(v.severity, Severity::Warning);
}

#[test]
fn severities_and_dates() {
    let e = run("expired-selfsigned.pem", Some("srv01.corp.example"));
    let c = &e.certificates[0];
    assert_eq!(c.days_left, -182);
    assert!(c.self_signed);
    let sev = |a: &CertAnalysis, id: &str| {
        a.certificates[0]
            .verdicts
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.severity)
    };
    assert_eq!(sev(&e, "expired"), Some(Severity::Error));
    assert_eq!(sev(&e, "self-signed"), Some(Severity::Warning));
    // One second before expiry it is "expiring soon", one second after it is expired.
    let soon = read("expiring-soon.pem");
    let soon = std::str::from_utf8(&soon).unwrap();
    let end = engine::time::parse_rfc3339("2026-06-15T00:00:00Z").unwrap();
    let before = analyze(soon, None, end - 1);
    let after = analyze(soon, None, end + 1);
    assert!(before.certificates[0]
        .verdicts
        .iter()
        .any(|v| v.id == "expiring-soon"));
    assert!(after.certificates[0]
        .verdicts
        .iter()
        .any(|v| v.id == "expired"));
    assert_eq!(after.certificates[0].days_left, -1);
    let far = analyze(soon, None, end - 31 * 86_400);
    assert!(far.certificates[0]
        .verdicts
        .iter()
        .any(|v| v.id == "valid-dates"));
    let n = run("not-yet-valid.pem", Some(H));
    assert_eq!(sev(&n, "not-yet-valid"), Some(Severity::Error));
    assert_eq!(
        sev(&run("rsa1024.pem", Some(H)), "weak-key"),
        Some(Severity::Warning)
    );
    assert_eq!(
        sev(&run("client-auth-eku.pem", Some(H)), "no-server-auth-eku"),
        Some(Severity::Error)
    );
    assert_eq!(
        sev(&run("wrong-name.pem", Some(H)), "name-mismatch"),
        Some(Severity::Error)
    );
}

#[test]
fn name_explanations_say_what_to_type() {
    let a = run("expired-selfsigned.pem", Some("srv01"));
    let v = a.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "name-mismatch")
        .unwrap();
    assert!(
        v.explanation.contains("srv01.corp.example would match"),
        "{}",
        v.explanation
    );
    let ip = run("wrong-name.pem", Some("10.1.2.3"));
    let v = ip.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "name-mismatch")
        .unwrap();
    assert!(v.explanation.contains("IP address"), "{}", v.explanation);
    assert!(
        v.explanation.contains("DNS:other.corp.example"),
        "{}",
        v.explanation
    );
    let w = run("wildcard.pem", Some("corp.example"));
    let v = w.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "name-mismatch")
        .unwrap();
    assert!(
        v.explanation.contains("*.corp.example"),
        "{}",
        v.explanation
    );
    let r = run("selfsigned-oldname.pem", Some("srv01.corp.example"));
    let v = r.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "renamed-host")
        .unwrap();
    assert!(
        v.explanation.contains("OLDNAME.corp.example"),
        "{}",
        v.explanation
    );
    let e = run("no-eku.pem", Some(H));
    let v = e.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "eku-absent")
        .unwrap();
    assert!(v.explanation.contains("any purpose"));
    let r = run("rdp-eku-only.pem", Some(H));
    let v = r.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "eku-ok")
        .unwrap();
    assert!(
        v.explanation
            .contains("Remote Desktop Authentication (1.3.6.1.4.1.311.54.1.2)"),
        "{}",
        v.explanation
    );
}

#[test]
fn private_keys_are_flagged_and_never_echoed() {
    for name in [
        "private-key.pem",
        "private-key-rsa.pem",
        "private-key.der",
        "cert-and-key.pem",
        "server.pfx",
    ] {
        let data = read(name);
        let a = run(name, None);
        let f: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.evidence == "cert:private-key-pasted")
            .collect();
        assert_eq!(f.len(), 1, "{name}");
        let d = a
            .diagnostics
            .iter()
            .find(|d| d.code == "cert-private-key")
            .unwrap();
        assert_eq!(d.severity, Severity::Error);
        assert!(
            d.message.contains("not") && d.message.contains("share"),
            "{}",
            d.message
        );
        let json = serde_json::to_string(&a).unwrap();
        if let Ok(text) = std::str::from_utf8(&data) {
            // No line of the key's base64 appears anywhere in the output.
            let key_start = text.find("PRIVATE KEY-----").unwrap();
            for line in text[key_start..]
                .lines()
                .skip(1)
                .filter(|l| l.len() > 20 && !l.contains("-----"))
            {
                assert!(!json.contains(line), "{name}: key material echoed");
            }
            // The span covers the key block so the UI can blank it.
            let span = d.span.expect("span");
            let covered = &text[span.start..span.end];
            assert!(
                covered.starts_with("-----BEGIN") && covered.contains("PRIVATE KEY"),
                "{name}"
            );
        }
    }
}

#[test]
fn same_certificate_through_every_encoding() {
    let reference = run("leaf.cer", Some(H));
    assert_eq!(reference.certificates.len(), 1);
    for name in [
        "leaf-only.pem",
        "leaf.b64",
        "leaf-wrapped.b64",
        "leaf-spaced.hex",
        "leaf-colon.hex",
        "certutil-encode.txt",
    ] {
        let a = run(name, Some(H));
        assert_eq!(a.certificates, reference.certificates, "{name}");
    }
    // A dropped file arrives base64-encoded from the web app: base64 of the PEM text works too.
    let pem = read("chain-valid.pem");
    let a = analyze(&base64(&pem), Some(H), now());
    assert_eq!(a.certificates.len(), 3);
    assert_eq!(a.certificates, run("chain-valid.pem", Some(H)).certificates);
    // And so does base64 of the DER bundle.
    let p7 = analyze(&base64(&read("bundle.p7b")), Some(H), now());
    assert_eq!(p7.certificates, run("bundle.p7b", Some(H)).certificates);
    // analyze_bytes on PEM bytes goes through the text path.
    let b = analyze_bytes(&pem, Some(H), now());
    assert_eq!(b.certificates, a.certificates);
}

#[test]
fn csr_message_explains_how_to_export_the_certificate() {
    let a = run("request.csr", None);
    let d = &a.diagnostics[0];
    assert!(
        d.message.contains("signing request") && d.message.contains("Copy to File"),
        "{}",
        d.message
    );
    assert!(d.message.contains("CN=rdp.corp.example"), "{}", d.message);
    // The same request as DER.
    let pem = String::from_utf8(read("request.csr")).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = engine::cert::input::decode_base64(&b64).unwrap();
    let a = analyze_bytes(&der, None, now());
    assert_eq!(codes(&a), ["cert-csr"]);
    assert!(a.diagnostics[0].message.contains("CN=rdp.corp.example"));
    assert!(a.findings.is_empty());
}

#[test]
fn truncation_and_garbage_messages() {
    let t = run("truncated.der", None);
    assert!(
        t.diagnostics[0].message.contains("cut short"),
        "{}",
        t.diagnostics[0].message
    );
    let e = analyze("", None, now());
    assert_eq!(codes(&e), ["cert-empty"]);
    // certutil -dump: fields only; the thumbprint it lists is passed on.
    let d = run("certutil-dump.txt", None);
    let fp = std::fs::read_to_string(dir().join("expired-selfsigned.fp")).unwrap();
    assert!(
        d.diagnostics[0]
            .message
            .contains(fp.lines().next().unwrap()),
        "{}",
        d.diagnostics[0].message
    );
    let g = run("garbage.txt", None);
    assert!(g.diagnostics[0].message.contains("BEGIN CERTIFICATE"));
}

/// Standard base64 with padding (test helper).
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for c in data.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= c.len() {
                s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[test]
fn windows_byte_dumps_and_thumbprints() {
    let der = read("leaf.cer");
    let reference = run("leaf.cer", Some(H)).certificates;
    // PowerShell prints RawData as decimal bytes, one per line.
    let decimal: Vec<String> = der.iter().map(|b| b.to_string()).collect();
    assert_eq!(
        analyze(&decimal.join("\r\n"), Some(H), now()).certificates,
        reference
    );
    // Digits-only text also reads as hex; with one more token the digit count changes parity.
    assert_eq!(
        analyze(&format!("{}\n0", decimal.join("\n")), Some(H), now()).certificates,
        reference
    );
    assert_eq!(
        analyze(&format!("{}\n10", decimal.join("\n")), Some(H), now()).certificates,
        reference
    );
    // A C-style array.
    let c_array: Vec<String> = der.iter().map(|b| format!("0x{b:02x}")).collect();
    assert_eq!(
        analyze(&c_array.join(", "), Some(H), now()).certificates,
        reference
    );
    // A bare thumbprint (e.g. SSLCertificateSHA1Hash from a .reg export) is recognised as such.
    let fp = std::fs::read_to_string(dir().join("leaf-only.fp")).unwrap();
    let sha1 = fp.lines().next().unwrap();
    let reg: Vec<String> = sha1
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_lowercase())
        .collect();
    let reg = format!("\"SSLCertificateSHA1Hash\"=hex:{}", reg.join(","));
    for input in [sha1.to_string(), reg] {
        let a = analyze(&input, Some(H), now());
        assert!(a.certificates.is_empty());
        assert_eq!(codes(&a), ["cert-thumbprint-only"], "{input}");
        assert!(
            a.diagnostics[0].message.contains(sha1),
            "{}",
            a.diagnostics[0].message
        );
    }
}

#[test]
fn ber_pkcs7_with_indefinite_lengths() {
    // The same SignedData layout as bundle.p7b but with BER indefinite lengths, built by hand
    // around the DER certificates of chain-valid.pem.
    let chain = run("chain-valid.pem", Some(H));
    let pem = String::from_utf8(read("chain-valid.pem")).unwrap();
    let mut certs = Vec::new();
    for block in pem
        .split("-----END CERTIFICATE-----")
        .filter(|b| b.contains("BEGIN"))
    {
        let b64: String = block.lines().filter(|l| !l.starts_with("-----")).collect();
        certs.extend(engine::cert::input::decode_base64(&b64).unwrap());
    }
    let signed_data_oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
    ];
    let data_oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
    ];
    let mut ber = vec![0x30, 0x80];
    ber.extend(signed_data_oid);
    ber.extend([
        0xa0, 0x80, 0x30, 0x80, 0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x80,
    ]);
    ber.extend(data_oid);
    ber.extend([0x00, 0x00, 0xa0, 0x80]);
    ber.extend(&certs);
    ber.extend([0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    let a = analyze_bytes(&ber, Some(H), now());
    assert_eq!(a.certificates, chain.certificates, "{:?}", a.diagnostics);
}

#[test]
fn self_signatures_are_verified() {
    // Genuine self-signed certificates verify with their own key (leaf and chain root).
    let e = run("expired-selfsigned.pem", None);
    let v = e.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "self-signed")
        .unwrap();
    assert!(v.explanation.contains("Confirmed"), "{}", v.explanation);
    let chain = run("chain-valid.pem", Some(H));
    assert!(chain.certificates[2].self_signed);
    // RSA-3072 with SHA-512 is verified too.
    let s512 = run("selfsigned-sha512.pem", None);
    assert_eq!(s512.certificates[0].key, "RSA 3072");
    assert_eq!(s512.certificates[0].signature_algorithm, "SHA-512 with RSA");
    let v = s512.certificates[0]
        .verdicts
        .iter()
        .find(|v| v.id == "self-signed")
        .unwrap();
    assert!(v.explanation.contains("Confirmed"), "{}", v.explanation);
    // Flip one bit of the signature (the last byte of the DER): same names, bad signature.
    let pem = String::from_utf8(read("expired-selfsigned.pem")).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = engine::cert::input::decode_base64(&b64).unwrap();
    *der.last_mut().unwrap() ^= 0x01;
    let a = analyze_bytes(&der, None, now());
    let c = &a.certificates[0];
    assert!(!c.self_signed);
    let ids: Vec<&str> = c.verdicts.iter().map(|v| v.id.as_str()).collect();
    assert!(
        ids.contains(&"self-signature-invalid") && !ids.contains(&"self-signed"),
        "{ids:?}"
    );
    assert!(a
        .findings
        .iter()
        .any(|f| f.evidence == "cert:self-signature-invalid"));
}

/// The DER certificates of a PEM file, in file order.
fn der_blocks(name: &str) -> Vec<Vec<u8>> {
    let pem = String::from_utf8(read(name)).unwrap();
    pem.split("-----END CERTIFICATE-----")
        .filter(|b| b.contains("BEGIN"))
        .map(|block| {
            let b64: String = block.lines().filter(|l| !l.starts_with("-----")).collect();
            engine::cert::input::decode_base64(&b64).unwrap()
        })
        .collect()
}

#[test]
fn live_chain_as_concatenated_der() {
    // What the probe helper passes: the DER certificates the server sent, back to back.
    let mut ders = der_blocks("chain-valid.pem");
    let joined: Vec<u8> = ders.concat();
    let a = analyze_bytes(&joined, Some(H), now());
    assert_eq!(a.certificates, run("chain-valid.pem", Some(H)).certificates);
    // Sent in the wrong order (root, intermediate, leaf): re-ordered and flagged.
    ders.reverse();
    let b = analyze_bytes(&ders.concat(), Some(H), now());
    assert_eq!(
        b.certificates.iter().map(|c| c.index).collect::<Vec<_>>(),
        [2, 1, 0]
    );
    assert!(b.certificates[0]
        .verdicts
        .iter()
        .any(|v| v.id == "chain-misordered"));
    let span = b.findings[0].span.unwrap();
    assert_eq!((span.start, span.end), (0, joined.len()));
}

#[test]
fn base64_of_a_dropped_key_file_is_blanked_as_a_whole() {
    let key = read("private-key.pem");
    let input = base64(&key);
    let a = analyze(&input, None, now());
    let f = a
        .findings
        .iter()
        .find(|f| f.evidence == "cert:private-key-pasted")
        .unwrap();
    let span = f.span.unwrap();
    assert_eq!((span.start, span.end), (0, input.len()));
}

#[test]
fn problems_of_ca_certificates_become_findings_too() {
    // In 2033 the leaf (until 2027) and the issuing CA (until 2032) have expired; the root
    // (until 2040) has not.
    let later = engine::time::parse_rfc3339("2033-01-01T00:00:00Z").unwrap();
    let pem = String::from_utf8(read("chain-valid.pem")).unwrap();
    let a = analyze(&pem, Some(H), later);
    let expired: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.evidence == "cert:expired")
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(expired.len(), 2, "{expired:?}");
    assert!(
        expired
            .iter()
            .any(|t| t.starts_with("CA certificate Corp Example Issuing CA 1: ")),
        "{expired:?}"
    );
    assert!(a.certificates[2]
        .verdicts
        .iter()
        .any(|v| v.id == "valid-dates"));
    // Info verdicts of CA certificates stay on their card and do not become findings.
    assert!(!a
        .findings
        .iter()
        .any(|f| f.title.starts_with("CA certificate Corp Example Root CA")));
}

#[test]
fn every_kind_of_unusable_input_has_its_own_message() {
    let text_cases: &[(&str, &str)] = &[
        (
            "-----BEGIN FOO-----\nAAAA\n-----END FOO-----",
            "cert-pem-unknown",
        ),
        (
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----",
            "cert-pem-invalid",
        ),
        ("   \n ", "cert-empty"),
    ];
    for (input, code) in text_cases {
        assert_eq!(codes(&analyze(input, None, now())), [*code], "{input:?}");
    }
    let data_oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
    ];
    let mut other_p7 = vec![0x30, 11 + 4];
    other_p7.extend(data_oid);
    other_p7.extend([0xa0, 0x02, 0x04, 0x00]);
    let byte_cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![0x30, 0x03, 0x02, 0x01, 0x05], "cert-unknown-der"),
        (vec![0x30, 0x85, 1, 2, 3, 4, 5, 6], "cert-invalid-der"),
        (
            vec![0x30, 0x06, 0x30, 0x00, 0x30, 0x00, 0x03, 0x00],
            "cert-invalid",
        ),
        (other_p7, "cert-pkcs7-other"),
        (vec![0x04, 0x02, 0x00, 0x00], "cert-not-der"),
    ];
    for (input, code) in &byte_cases {
        let a = analyze_bytes(input, None, now());
        assert_eq!(codes(&a), [*code], "{input:02x?}");
        assert!(
            a.diagnostics[0].message.len() > 40,
            "{code}: message should say what to paste instead"
        );
    }
    // Too many PEM blocks.
    let many = "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n".repeat(300);
    let a = analyze(&many, None, now());
    assert!(codes(&a).contains(&"cert-too-many-blocks".to_string()));
    assert_eq!(a.diagnostics.len(), engine::cert::input::MAX_BLOCKS + 1);
}

#[test]
fn one_base64_certificate_per_line() {
    // E.g. the chain a probe captured, one base64 DER per line (padding included).
    let lines: Vec<String> = der_blocks("chain-valid.pem")
        .iter()
        .map(|d| base64(d))
        .collect();
    let a = analyze(&lines.join("\n"), Some(H), now());
    assert_eq!(
        a.certificates,
        run("chain-valid.pem", Some(H)).certificates,
        "{:?}",
        a.diagnostics
    );
    // When the lines carry '=' padding they cannot be decoded as one run and each line is
    // read on its own, so the finding points at the leaf's line; otherwise at the whole input.
    let span = a.findings[0].span.unwrap();
    let padded = lines[..lines.len() - 1].iter().any(|l| l.ends_with('='));
    let want = if padded {
        lines[0].len()
    } else {
        lines.join("\n").len()
    };
    assert_eq!((span.start, span.end), (0, want));
    // Force the per-line path with a padded line in between (a SEQUENCE holding an OCTET
    // STRING: not a certificate, reported on its own).
    let forced = format!(
        "{}\nMA8EDQAAAAAAAAAAAAAAAAA=\n{}",
        lines[0],
        lines[1..].join("\n")
    );
    let f = analyze(&forced, Some(H), now());
    assert_eq!(f.certificates, a.certificates);
    assert_eq!(codes(&f), ["cert-unknown-der"]);
    let span = f.findings[0].span.unwrap();
    assert_eq!((span.start, span.end), (0, lines[0].len()));
}
