//! Replays every committed seed of the probe's fuzz targets (`fuzz/corpus/TARGET/`), every past
//! crash (`fuzz/crashes/TARGET/`) and any local crash artifact (`fuzz/artifacts/TARGET/`)
//! through `probe_helper::replies`, the same checks the cargo-fuzz targets run, so a normal
//! `cargo test -p probe-helper` re-checks every input the fuzzer ever kept. It also shows that
//! the seeds are real replies that reach deep into each parser (not just rejected garbage).
//! It also checks that the TLS socket reader and the byte parser the fuzzer drives agree.
//! The engine's targets are replayed the same way by `engine/tests/fuzz_replay.rs`.

use probe_helper::{mcs, ntlm, replies, tls, x224};
use std::path::{Path, PathBuf};

/// Every file of `fuzz/SUB/TARGET/` for the given subfolders, sorted.
fn files(subs: &[&str], target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut out = Vec::new();
    for sub in subs {
        let Ok(rd) = std::fs::read_dir(root.join(sub).join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(data) = std::fs::read(&p) {
                out.push((p, data));
            }
        }
    }
    out
}

/// Runs the shared check on every corpus, crash and artifact file of `target`.
fn replay(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let all = files(&["corpus", "crashes", "artifacts"], target);
    for (p, data) in &all {
        let r = std::panic::catch_unwind(|| replies::check(target, data));
        assert!(
            matches!(r, Ok(true)),
            "{target}: {} broke the parser's promises",
            p.display()
        );
    }
    files(&["corpus"], target)
}

#[test]
fn every_probe_fuzz_target_has_a_committed_corpus() {
    for t in replies::TARGETS {
        assert!(
            files(&["corpus"], t).len() >= 5,
            "fuzz/corpus/{t} needs seeds (scripts/capture-reply-seeds)"
        );
        let src =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../fuzz/fuzz_targets/{t}.rs"));
        let text = std::fs::read_to_string(&src).unwrap_or_default();
        assert!(
            text.contains(&format!("probe_helper::replies::{t}(data)")),
            "{} must be a thin call into replies::{t}",
            src.display()
        );
    }
    assert!(!replies::check("no_such_target", b""));
}

#[test]
fn x224_reply_corpus_replays() {
    let seeds = replay("x224_reply");
    let decoded: Vec<_> = seeds
        .iter()
        .filter_map(|(_, d)| x224::decode_confirm(d).ok())
        .collect();
    assert!(decoded
        .iter()
        .any(|c| matches!(c, x224::Confirm::Selected { .. })));
    assert!(decoded
        .iter()
        .any(|c| matches!(c, x224::Confirm::Failure { .. })));
    assert!(
        seeds.iter().any(|(_, d)| x224::decode_confirm(d).is_err()),
        "the seeds include a non-RDP answer"
    );
}

#[test]
fn tls_reply_corpus_replays() {
    let seeds = replay("tls_reply");
    let answers: Vec<_> = seeds
        .iter()
        .filter_map(|(_, d)| {
            let (first, rest) = d.split_first()?;
            Some(tls::parse_reply(rest, tls::VERSIONS[*first as usize % 4].0))
        })
        .collect();
    assert!(
        answers.iter().any(|a| a.accepted && !a.chain.is_empty()),
        "a real TLS 1.2 reply whose certificate is captured"
    );
    assert!(
        answers.iter().any(|a| a.server_version == Some(0x0304)),
        "a TLS 1.3 ServerHello"
    );
    assert!(answers.iter().any(|a| a.alert.is_some()), "a refusal alert");
}

#[test]
fn ntlm_challenge_corpus_replays() {
    let seeds = replay("ntlm_challenge");
    let ok = seeds
        .iter()
        .filter_map(|(_, d)| ntlm::parse_challenge(d, 1_800_000_000).ok())
        .filter(|i| i.dns_computer.is_some() && i.clock_skew_s.is_some())
        .count();
    assert!(ok >= 1, "a full challenge with names and a clock");
}

#[test]
fn mcs_reply_corpus_replays() {
    let seeds = replay("mcs_reply");
    let ok: Vec<_> = seeds
        .iter()
        .filter_map(|(_, d)| mcs::decode_connect_response(d).ok())
        .collect();
    assert!(
        ok.iter()
            .any(|d| d.version.is_some() && d.encryption_method.is_some()),
        "a real Connect Response with server core and security data"
    );
    assert!(
        ok.iter().any(|d| d.result != 0),
        "a refused Connect-Response"
    );
}

/// Serves `reply` once on a loopback port: reads the whole ClientHello record, writes the
/// reply, closes.
fn serve_once(reply: Vec<u8>) -> u16 {
    use std::io::{Read, Write};
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let Ok((mut s, _)) = l.accept() else { return };
        let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(2)));
        let mut hdr = [0u8; 5];
        if s.read_exact(&mut hdr).is_ok() {
            let mut body = vec![0u8; u16::from_be_bytes([hdr[3], hdr[4]]) as usize];
            let _ = s.read_exact(&mut body);
        }
        let _ = s.write_all(&reply);
        let _ = s.shutdown(std::net::Shutdown::Write);
        std::thread::sleep(std::time::Duration::from_millis(100));
    });
    port
}

/// The socket reader (`tls::check_version`) and the byte parser (`tls::parse_reply`) are one
/// logic: on every seed, and on every truncation of a real TLS 1.2 reply, they agree exactly.
#[test]
fn tls_socket_reader_and_parse_reply_agree() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let seeds = files(&["corpus"], "tls_reply");
    let mut cases: Vec<(u16, Vec<u8>)> = Vec::new();
    for (_, d) in &seeds {
        let Some((first, rest)) = d.split_first() else {
            continue;
        };
        cases.push((tls::VERSIONS[*first as usize % 4].0, rest.to_vec()));
    }
    let full = cases
        .iter()
        .find(|(v, r)| *v == 0x0303 && !tls::parse_reply(r, *v).chain.is_empty())
        .cloned()
        .expect("a TLS 1.2 seed with a certificate");
    for cut in [0, 3, 5, 6, 9, 40, 80, full.1.len() / 2, full.1.len() - 1] {
        cases.push((full.0, full.1[..cut].to_vec()));
    }
    for (version, reply) in cases {
        let expected = tls::parse_reply(&reply, version);
        let port = serve_once(reply.clone());
        let got = rt.block_on(async {
            let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .unwrap();
            tls::check_version(
                &mut s,
                version,
                "rdp.example",
                std::time::Duration::from_secs(3),
            )
            .await
        });
        assert_eq!(got, expected, "{} bytes for 0x{version:04x}", reply.len());
    }
}
