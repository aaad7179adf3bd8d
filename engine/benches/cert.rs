//! Benchmark: parse + lint of one typical RDP server certificate (the ~0.9 KB DER / 1.3 KB PEM
//! CA-issued leaf fixture, with a host to match), plus for comparison the same as DER, a
//! Windows-style self-signed certificate (includes the RSA-2048 self-signature check) and a
//! 3-certificate chain.
//! Prints the median and 90th percentile in microseconds. Target: median <= 50 µs natively.
//! Run with `scripts/bench-cert` (or `cargo bench -p engine --bench cert`).

use sha1::{Digest, Sha1};
use sha2::Sha256;
use std::hint::black_box;
use std::time::Instant;
use x509_parser::prelude::{FromDer, X509Certificate};

/// Times single calls (2001 samples after a warm-up) and returns the median in µs. Single
/// calls rather than long batches: on a shared, loaded machine a batch is often pre-empted,
/// while most single calls run undisturbed, so the median reflects the code, not the load.
fn measure(label: &str, f: &dyn Fn() -> usize) -> f64 {
    for _ in 0..200 {
        black_box(f());
    }
    let mut samples: Vec<f64> = (0..2001)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(|a, b| a.total_cmp(b));
    let median = samples[samples.len() / 2];
    let p90 = samples[samples.len() * 9 / 10];
    println!("{label:<44} median {median:7.2} µs   p90 {p90:7.2} µs");
    median
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/certs/");
    let leaf = std::fs::read_to_string(format!("{dir}leaf-only.pem")).expect("leaf-only.pem");
    let der = std::fs::read(format!("{dir}leaf.cer")).expect("leaf.cer");
    let chain = std::fs::read_to_string(format!("{dir}chain-valid.pem")).expect("chain-valid.pem");
    let now = 1_780_272_000; // 2026-06-01T00:00:00Z
    let host = Some("rdp.corp.example");
    println!(
        "certificate parse + lint ({} bytes DER, {} bytes PEM)",
        der.len(),
        leaf.len()
    );
    let m = measure("analyze(PEM leaf, host)", &|| {
        engine::cert::analyze(black_box(&leaf), host, now)
            .certificates
            .len()
    });
    measure("analyze_bytes(DER leaf, host)", &|| {
        engine::cert::analyze_bytes(black_box(&der), host, now)
            .certificates
            .len()
    });
    let selfsigned = std::fs::read_to_string(format!("{dir}selfsigned-valid.pem"))
        .expect("selfsigned-valid.pem");
    measure("analyze(PEM Windows self-signed, RSA check)", &|| {
        engine::cert::analyze(black_box(&selfsigned), Some("srv01.corp.example"), now)
            .certificates
            .len()
    });
    measure("analyze(PEM chain of 3, host)", &|| {
        engine::cert::analyze(black_box(&chain), host, now)
            .certificates
            .len()
    });
    // Where the time goes: the structure parse alone and the two thumbprint hashes.
    measure(
        "  of which X509Certificate::from_der (x509-parser)",
        &|| {
            X509Certificate::from_der(black_box(&der))
                .map(|(r, _)| r.len())
                .unwrap_or(0)
        },
    );
    measure("  of which SHA-1 + SHA-256 (RustCrypto)", &|| {
        Sha1::digest(black_box(&der))[0] as usize + Sha256::digest(black_box(&der))[0] as usize
    });
    let ss_der = {
        let b64: String = selfsigned
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        engine::cert::input::decode_base64(&b64).expect("base64")
    };
    measure("  of which RSA-2048 self-signature check", &|| {
        let ok = match X509Certificate::from_der(black_box(&ss_der)) {
            Ok((_, c)) => engine::cert::self_sig::self_signature(&c) == Some(true),
            Err(_) => false,
        };
        ok as usize
    });
    println!(
        "target: median <= 50 µs for one certificate: {}",
        if m <= 50.0 { "OK" } else { "OVER" }
    );
}
