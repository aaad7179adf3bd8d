//! What `rdp-probe` writes matches the published schemas in `schemas/` (generated and kept
//! current by `engine/tests/schemas.rs`): probe reports of the real binary against loopback
//! servers (a closed port, a server that hangs up, one that answers HTTP, one that refuses the
//! RDP negotiation), the fleet lines of a `--targets` scan of them, the report of
//! `diagnose --probe`, and the fleet lines summarised from the engine's scenario probe reports.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[path = "../../engine/tests/schema_check/mod.rs"]
mod schema_check;
use schema_check::check;

fn schema(name: &str) -> jsonschema::Validator {
    schema_check::committed(&repo(), name)
}

/// A loopback server answering every connection with `reply` (after reading what the client
/// sent first), then closing; `None` hangs up at once. Returns its port.
fn server(reply: Option<&'static [u8]>) -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            if let Some(reply) = reply {
                let _ = s.set_read_timeout(Some(std::time::Duration::from_millis(500)));
                let mut buf = [0u8; 512];
                let _ = s.read(&mut buf);
                let _ = s.write_all(reply);
            }
        }
    });
    port
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// X.224 Connection Confirm carrying RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER (0x5)
/// (MS-RDPBCGR 2.2.1.2.2): TPKT, X.224 CC, then type 3, flags 0, length 8, failureCode.
const NEG_FAILURE: &[u8] = &[
    0x03, 0x00, 0x00, 0x13, 0x0e, 0xd0, 0x00, 0x00, 0x12, 0x34, 0x00, 0x03, 0x00, 0x08, 0x00, 0x05,
    0x00, 0x00, 0x00,
];

fn rdp_probe(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rdp-probe"))
        .args(args)
        .output()
        .expect("run rdp-probe");
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

const NOW: &str = "2026-06-01T00:00:00Z";

#[test]
fn probe_reports_fleet_lines_and_reports_of_rdp_probe_match() {
    let probe = schema("probe.schema.json");
    let fleet = schema("fleet-line.schema.json");
    let report = schema("report.schema.json");
    let targets = [
        closed_port(),
        server(None),
        server(Some(
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n",
        )),
        server(Some(NEG_FAILURE)),
    ]
    .map(|p| format!("127.0.0.1:{p}"));
    let dir = std::env::temp_dir().join(format!("rdp-probe-schemas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let common = [
        "--timeout",
        "3s",
        "--no-versions",
        "--tcp-attempts",
        "1",
        "--now",
        NOW,
    ];

    let mut outcomes = Vec::new();
    for t in &targets {
        let out = rdp_probe(&[&["scan", t.as_str(), "--json"][..], &common].concat());
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{t}: {e}: {out}"));
        check(&probe, &v, &format!("scan {t} --json"));
        outcomes.push(v["negotiation"][0]["outcome"].clone());
        // The report diagnosed from it.
        let file = dir.join("probe.json");
        std::fs::write(&file, &out).unwrap();
        let out = rdp_probe(&[
            "diagnose",
            "--probe",
            file.to_str().unwrap(),
            "--json",
            "--now",
            NOW,
        ]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{t}: {e}: {out}"));
        check(
            &report,
            &v,
            &format!("diagnose --probe (scan of {t}) --json"),
        );
    }
    // The four servers gave four different answers (the schemas saw different shapes).
    assert!(outcomes.contains(&Value::from("failure")), "{outcomes:?}");
    let mut distinct: Vec<String> = outcomes.iter().map(Value::to_string).collect();
    distinct.sort();
    distinct.dedup();
    assert!(distinct.len() >= 3, "{outcomes:?}");

    let list = dir.join("targets.txt");
    std::fs::write(&list, targets.join("\n")).unwrap();
    let out = rdp_probe(
        &[
            &[
                "scan",
                "--targets",
                list.to_str().unwrap(),
                "--format",
                "jsonl",
            ][..],
            &common,
        ]
        .concat(),
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), targets.len(), "{out}");
    let mut urgencies: Vec<String> = Vec::new();
    for l in &lines {
        check(&fleet, l, "a fleet line of rdp-probe scan --targets");
        urgencies.push(l["urgency"].as_str().unwrap_or_default().to_string());
    }
    urgencies.sort();
    urgencies.dedup();
    assert!(urgencies.len() >= 2, "{urgencies:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fleet lines summarised from the probe reports in the engine's scenarios (captured
/// certificates, TLS, NLA, refused ports), with and without the probe report.
#[test]
fn fleet_lines_of_scenario_probe_reports_match() {
    let fleet = schema("fleet-line.schema.json");
    let now = engine::time::parse_rfc3339(NOW).expect("NOW is RFC 3339");
    let dir = repo().join("engine/tests/scenarios");
    let mut n = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for p in paths {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for c in file["cases"].as_array().into_iter().flatten() {
            let Some(pv) = c["request"].get("probe").filter(|v| v.is_object()) else {
                continue;
            };
            let r: engine::probe::ProbeReport =
                engine::schema::from_value(pv).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            for keep in [true, false] {
                let line = probe_helper::fleet::summarize(r.clone(), now, keep);
                let v = serde_json::to_value(&line).unwrap();
                assert_eq!(v.get("probe").is_some(), keep);
                check(&fleet, &v, &format!("fleet line of {}", p.display()));
            }
            n += 1;
        }
    }
    assert!(n >= 6, "{n}");
}
