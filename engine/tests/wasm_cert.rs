//! Certificate analysis compiled to wasm32 and run under Node (wasm-bindgen-test): the
//! browser gets the same decoding and verdicts as the native build (no clock is read, so
//! x509-parser's time handling cannot panic on wasm32-unknown-unknown).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

const NOW: i64 = 1_780_272_000; // 2026-06-01T00:00:00Z

#[wasm_bindgen_test]
fn expired_windows_self_signed_certificate_in_wasm() {
    let pem = include_str!("fixtures/certs/expired-selfsigned.pem");
    let a = engine::cert::analyze(pem, Some("srv01"), NOW);
    assert_eq!(a.certificates.len(), 1);
    let c = &a.certificates[0];
    let ids: Vec<&str> = c.verdicts.iter().map(|v| v.id.as_str()).collect();
    for want in [
        "expired",
        "self-signed",
        "rdp-default-self-signed",
        "name-mismatch",
        "name-fqdn-would-match",
        "thumbprint",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    assert_eq!(c.days_left, -182);
    // The RSA self-signature check (64-bit limb arithmetic) gives the same answer in wasm32.
    assert!(c.self_signed);
    let ss = c.verdicts.iter().find(|v| v.id == "self-signed").unwrap();
    assert!(ss.explanation.contains("Confirmed"), "{}", ss.explanation);
    assert_eq!(c.not_after, "2025-12-01T00:00:00Z");
    // The thumbprint computed in wasm equals the one openssl wrote.
    let fp = include_str!("fixtures/certs/expired-selfsigned.fp");
    assert_eq!(c.thumbprint_sha1, fp.lines().next().unwrap());
    assert!(a.findings.iter().any(|f| f.evidence == "cert:expired"));
}

#[wasm_bindgen_test]
fn p7b_bundle_and_private_key_in_wasm() {
    let p7b = include_bytes!("fixtures/certs/bundle.p7b");
    let a = engine::cert::analyze_bytes(p7b, Some("rdp.corp.example"), NOW);
    assert_eq!(a.certificates.len(), 3);
    assert!(a.certificates[0]
        .verdicts
        .iter()
        .any(|v| v.id == "chain-complete"));
    let key = include_str!("fixtures/certs/private-key.pem");
    let k = engine::cert::analyze(key, None, NOW);
    assert!(k
        .findings
        .iter()
        .any(|f| f.evidence == "cert:private-key-pasted"));
    assert!(k.certificates.is_empty());
}
