//! Helpers shared by the certificate test files: the fixture files, and every PEM certificate in
//! them as DER (decoded with the `base64` crate, not through the engine's own input handling).
#![allow(dead_code)] // each test file uses its own subset

use base64::Engine as _;
use std::path::{Path, PathBuf};

/// Every file directly in `dir`, as (file name, bytes), sorted by name.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir:?}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The certificate fixtures (`tests/fixtures/certs`), without fingerprint notes and the huge bundle.
pub fn cert_fixtures() -> Vec<(String, Vec<u8>)> {
    files(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/certs"))
        .into_iter()
        .filter(|(n, _)| !n.ends_with(".fp") && !n.ends_with(".md") && !n.starts_with("huge"))
        .collect()
}

/// Standard base64 with line breaks and other non-alphabet bytes skipped.
pub fn unbase64(s: &str) -> Vec<u8> {
    let clean: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(clean.as_bytes())
        .unwrap_or_default()
}

/// Every `-----BEGIN CERTIFICATE-----` block of the fixtures whose name passes `keep`, as DER,
/// named `file#n`.
pub fn pem_certificates(keep: impl Fn(&str) -> bool) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, data) in cert_fixtures().into_iter().filter(|(n, _)| keep(n)) {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        for (n, block) in text
            .split("-----END CERTIFICATE-----")
            .filter_map(|b| b.split_once("-----BEGIN CERTIFICATE-----").map(|(_, b)| b))
            .enumerate()
        {
            out.push((format!("{name}#{n}"), unbase64(block)));
        }
    }
    out
}
